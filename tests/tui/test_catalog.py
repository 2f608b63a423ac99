"""One catalog holds every user-visible string, in both languages."""

import ast
import re
import string
from pathlib import Path

import pytest

from tests.tui.conftest import screen_text, settle
from tui.i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
STORE_KEY = re.compile(r"^(actor|award|check|db|deed|demo|export|household|import|ledger|objection|period|policy|reason|review|rubric|staff|year"
                       r"|text|toml|village|chain|files)\.[a-z_]+$")


def _sources(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_each_message_has_both_languages_with_the_same_placeholders(key):
    chinese, english = MESSAGES[key]
    assert chinese.strip() and english.strip()
    assert _placeholders(chinese) == _placeholders(english)
    assert not IDEOGRAPH.search(english.replace("张", "").replace("李", "")) or "e.g." in english


# Audit actions ("household.add") look like keys but name what was done, not a message:
# they are what audit.record (and roster's _set_status, and roles.require) are given, or
# what Audit.action is compared with.
AUDIT_CALLS = {"record", "_set_status", "require"}


def _not_keys(tree) -> set[int]:
    actions = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in AUDIT_CALLS:
                actions.update(id(arg) for arg in node.args)
        if isinstance(node, ast.Compare) and getattr(node.left, "attr", None) == "action":
            actions.update(id(comparator) for comparator in node.comparators)
        if isinstance(node, ast.JoinedStr):  # part of an f-string key, checked where used
            actions.update(id(part) for part in node.values)
    return actions


def _literal_keys():
    """Keys the code names literally: t("..."), Binding labels, and the store's error keys."""
    for path, tree in [*_sources("tui"), *_sources("store")]:
        actions = _not_keys(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if (STORE_KEY.match(node.value) and "i18n" not in path.parts
                        and id(node) not in actions and not node.value.endswith(".jifen")):
                    yield path.name, node.value
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    yield path.name, first.value
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
                labels = node.args[2:3] + [k.value for k in node.keywords if k.arg == "tooltip"]
                for label in labels:
                    if isinstance(label, ast.Constant):
                        yield path.name, label.value


def test_every_key_the_code_names_is_in_the_catalog():
    missing = sorted({(name, key) for name, key in _literal_keys() if key not in MESSAGES})
    assert missing == []


def test_no_chinese_text_outside_the_catalog():
    """Chinese in tui/ code would bypass the catalog (comments and docstrings aside)."""
    found = []
    for path, tree in _sources("tui"):
        if "i18n" in path.parts:
            continue
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings and IDEOGRAPH.search(node.value)):
                found.append((path.name, node.lineno, node.value))
    assert found == []


ASCII_VILLAGE = [{"card_no": "A01", "head": "Zhang San", "group": "East", "house_no": "East 3",
                  "poor": True},
                 {"card_no": "A02", "head": "Li Si", "group": "West", "house_no": "West 12"}]


@pytest.fixture
def ascii_app(tmp_path):
    """A village whose data has no Chinese, so any Chinese on screen came from code."""
    from store import db, village
    from store.actor import resolve_actor
    from tests.conftest import TODAY
    from store.roster import insert_household
    from tui.app import make_app
    from tui.i18n import set_language

    path = tmp_path / "ascii.jifen"
    village.create_village(path, name="Dongcun", population=300, clerk="Wang", today=TODAY)
    actor = resolve_actor(today=TODAY)
    with db.write():
        for values in ASCII_VILLAGE:
            insert_household(actor, values)
    yield make_app(path, actor, "en")
    db.close_village()
    set_language("zh")


SCREENS = [(), ("f1",), ("a",), ("c",), ("i",), ("x",), ("ctrl+p",)]


@pytest.mark.parametrize("keys", SCREENS, ids=lambda keys: "+".join(keys) or "roster")
async def test_english_screens_show_no_chinese(ascii_app, keys):
    async with ascii_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        text = screen_text(pilot.app)
        assert IDEOGRAPH.findall(text) == [], text


# Words that are the same in Chinese UI: key names, file types, the program, an example.
ALLOWED_ENGLISH = {"Ctrl", "Esc", "Enter", "Tab", "Shift", "PgUp", "PgDn", "Home", "End",
                   "Space", "zsf", "csv", "xlsx", "CSV", "Excel", "jifen"}


@pytest.mark.parametrize("keys", SCREENS, ids=lambda keys: "+".join(keys) or "roster")
async def test_chinese_screens_show_no_english(app_on, keys):
    """The village data is Chinese, so any English word on screen came from code."""
    async with app_on("zh").run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        text = re.sub(r"/\S+", "", screen_text(pilot.app))  # file paths are data
        words = set(re.findall(r"[A-Za-z]{3,}", text))
        assert words - ALLOWED_ENGLISH == set()
