"""Running `jifen` in-process, as the console script would, and reading what it says."""

import json
from dataclasses import dataclass

import pytest

from tui.cli import run
from tui.i18n import set_language


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def jifen(tmp_path, capsys, monkeypatch):
    """Call jifen with a fresh village file given by --db (no $JIFEN_DB leaks in)."""
    monkeypatch.delenv("JIFEN_DB", raising=False)
    monkeypatch.delenv("JIFEN_STAFF", raising=False)
    path = tmp_path / "village.jifen"

    def call(*words, db=path):
        capsys.readouterr()
        argv = (["--db", str(db)] if db else []) + [str(word) for word in words]
        code = run(argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    call.path = path
    return call


@pytest.fixture
def village(jifen):
    """jifen, with a village made by `jifen init`."""
    assert jifen("init", "--village", "麻子沟村", "--population", "1200", "--clerk", "王建国").code == 0
    return jifen


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """The demo village made on 2026-11-26, once for a test module."""
    path = tmp_path_factory.mktemp("demo") / "demo.jifen"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("JIFEN_DB", raising=False)
        patch.delenv("JIFEN_STAFF", raising=False)
        assert run(["--db", str(path), "--today", "2026-11-26", "demo", "--no-tui"]) == 0
    set_language("zh")
    return path
