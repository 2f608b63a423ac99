"""The chain head printed at the foot of every notice, and `jifen check --head` holding the
file to it: the demo village's own papers, then the same file rewritten behind jifen's back."""

import re
import shutil

import pytest

from store import db
from tests.cli.test_notice_cli import REAL, TODAY, _caller, _ok
from tests.store.tamper import rewrite_chain

HEAD = re.compile(r"账本核验码：(L\d+-[0-9A-F]{12}\s+S\d+-[0-9A-F]{12})")


@pytest.fixture
def copy_of_demo(demo_path, tmp_path, capsysbinary, monkeypatch):
    """A demo village of this test's own, to change."""
    path = tmp_path / "demo.jifen"
    shutil.copy(demo_path, path)
    return _caller(capsysbinary, monkeypatch, path)


def _head(result) -> str:
    found = HEAD.search(re.sub(r"\n", " ", result.text))
    assert found, result.text
    return " ".join(found.group(1).split())


@pytest.mark.parametrize("words", [words for words, _ in REAL],
                         ids=lambda words: "-".join(words))
def test_every_notice_ends_with_the_head_that_check_accepts(copy_of_demo, words):
    jifen = copy_of_demo
    head = _head(_ok(jifen("--today", TODAY, "notice", *words)))
    checked = jifen("check", "--head", head)
    assert checked.code == 0, checked
    assert head in checked.text


def test_a_rewritten_ledger_passes_check_but_not_its_printed_head(copy_of_demo):
    jifen = copy_of_demo
    head = _head(_ok(jifen("--today", TODAY, "notice", "board")))
    db.open_village(jifen.path)
    db.database.execute_sql("DROP TRIGGER ledger_entry_no_update")
    db.database.execute_sql("UPDATE ledger_entry SET points = points + 1 WHERE id = 2")
    rewrite_chain()
    db.close_village()
    assert jifen("check").code == 0
    refused = jifen("check", "--head", head)
    assert refused.code == 1
    assert "核验码" in refused.text and head in refused.text


def test_an_unreadable_head_is_refused_in_one_line(copy_of_demo):
    refused = copy_of_demo("check", "--head", "L12")
    assert refused.code == 2 and refused.out == b""
    assert "看不懂核验码" in refused.err and len(refused.err.strip().splitlines()) == 1
