"""A full disk, a read-only village file, a read-only folder: one clear sentence, nothing
half-written, and the app goes on.

The full disk is SQLite's `PRAGMA max_page_count` set to the pages the village has: the
next write that needs a new page fails with SQLITE_FULL, as it would on a full disk. Root
ignores permission bits, so the read-only cases run jifen as nobody (tests/store/run_as.py).
"""

import csv
import os
from contextlib import contextmanager

import pytest

from store import db
from store.check import check_village
from store.errors import JifenError
from store.models import Audit, Household
from store.redemption import redeem
from store.roster_import import import_roster
from tests.conftest import TODAY, sql_dump
from tests.store.shop_helpers import give, open_shop, stocked, written
from tests.store.test_permissions import NOBODY, refusal, run_turns
from tests.store.test_roster_export import folder_anyone_may_enter
from tui.i18n import t


@contextmanager
def disk_full():
    """From now on the village cannot grow by one page; yields the statements run meanwhile."""
    pages = db.database.execute_sql("PRAGMA page_count").fetchone()[0]
    db.database.execute_sql(f"PRAGMA max_page_count = {pages}")
    statements: list[str] = []
    db.database.connection().set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        db.database.connection().set_trace_callback(None)


def _inserts(statements: list[str]) -> int:
    return sum(statement.lstrip().upper().startswith("INSERT") for statement in statements)


def test_a_basket_of_many_lines_fills_the_disk_halfway_and_leaves_nothing(actor, village_path):
    open_shop(actor, "mazigou", cards=1)
    give(actor, "001", 1000)
    basket = [(stocked(actor, f"第{number}号物品", 2, 3), 1) for number in range(15)]
    before = written()
    with disk_full() as statements, pytest.raises(JifenError) as caught:
        redeem(actor, "001", basket)
    assert caught.value.key == "db.full"
    assert _inserts(statements) >= 2          # the redemption and some lines were written...
    assert written() == before                # ...and are gone with the rest
    assert check_village() == []


def _roster_csv(path, households: int):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        rows = csv.writer(handle)
        rows.writerow(["卡号", "户主", "所属组", "备注"])
        for number in range(households):
            rows.writerow([f"{number:04d}", f"户主{number}", f"{number % 9 + 1}组", "备注" * 40])
    return path


def test_a_roster_import_that_fills_the_disk_imports_no_household(actor, village_path,
                                                                   tmp_path):
    roster = _roster_csv(tmp_path / "roster.csv", 300)
    audited = Audit.select().count()
    with disk_full() as statements, pytest.raises(JifenError) as caught:
        import_roster(actor, roster)
    assert caught.value.key == "db.full" and _inserts(statements) >= 1
    assert Household.select().count() == 0 and Audit.select().count() == audited
    assert check_village() == []


def test_the_cli_says_the_disk_is_full_in_one_line_and_exits_2(village_path, tmp_path,
                                                               monkeypatch, capsys):
    from tui.cli import run

    roster = _roster_csv(tmp_path / "roster.csv", 300)
    db.close_village()
    before = sql_dump(village_path)
    # Every connection the command opens stops at the pages the village has now.
    monkeypatch.setitem(db.PRAGMAS, "max_page_count", 1)
    assert run(["--db", str(village_path), "--today", str(TODAY), "roster", "import",
                str(roster)]) == 2
    assert capsys.readouterr().err == "jifen: " + t("db.full") + "\n"
    monkeypatch.undo()
    assert sql_dump(village_path) == before


# --- the app --------------------------------------------------------------------------------

async def test_the_app_says_why_a_save_failed_goes_on_and_saves_once_it_can(tmp_path,
                                                                          monkeypatch):
    """A household with a long note (it needs new pages) on a full disk, then on a village
    SQLite may only read (`query_only`: as a read-only file behaves), then with room again.
    Each store call in the app opens its own connection with the pragmas the village was
    opened with: opening it again with a fault's pragmas brings the fault on."""
    from store import village
    from store.actor import resolve_actor
    from tests.tui.conftest import settle
    from tui.app import make_app

    path = tmp_path / "village.jifen"
    village.create_village(path, name="麻子沟村", population=800, clerk="王建国", today=TODAY)
    app = make_app(path, resolve_actor(today=TODAY), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = pilot.app.screen
        for field, value in [("card_no", "0101"), ("head", "张三丰"), ("notes", "长" * 1400)]:
            form.query_one(f"#form-{field}").value = value
        for pragma, key in [("max_page_count", "db.full"), ("query_only", "db.readonly")]:
            with monkeypatch.context() as fault:
                fault.setitem(db.PRAGMAS, pragma, 1)
                db.open_village(path)
                await pilot.press("ctrl+s")
                await settle(pilot)
            db.open_village(path)
            assert str(form.query_one("#form-error").render()) == t(key)
            assert pilot.app.screen is form and Household.select().count() == 0
            assert check_village() == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen.id == "roster-screen"
    assert [household.head for household in Household.select()] == ["张三丰"]
    db.close_village()


# --- read-only ------------------------------------------------------------------------------

def test_a_read_only_file_or_folder_is_said_in_one_line_and_nothing_changes(tmp_path):
    """As nobody: a file it may read but not write, and a folder in which SQLite cannot make
    the village's -wal (so it cannot even be read: SQLite's write-ahead log needs it)."""
    from store import village
    from store.actor import resolve_actor
    from store.staff import add_staff

    if os.geteuid() != 0:
        pytest.skip("becoming another OS account needs root (CI runs as root)")
    with folder_anyone_may_enter() as base:
        home = base / "home"
        home.mkdir()
        home.chmod(0o777)      # error logs, should a command fail
        paths = {}
        for case in ("file", "folder"):
            folder = base / case
            folder.mkdir()
            path = paths[case] = folder / "village.jifen"
            village.create_village(path, name="麻子沟村", population=800, clerk="王建国")
            add_staff(resolve_actor(), "李会计", "clerk", os_user="nobody")
            db.close_village()
            os.chown(folder, NOBODY, NOBODY)
            os.chown(path, NOBODY, NOBODY)
            (path if case == "file" else folder).chmod(0o550)
        before = {case: sql_dump(path) for case, path in paths.items()}
        add = ["roster", "add", "--card", "1", "--head", "张三丰"]
        [results] = run_turns([{"uid": NOBODY, "gid": NOBODY, "groups": [], "umask": "007",
                                "commands": [["--db", str(paths["file"]), *add],
                                             ["--db", str(paths["folder"]), *add],
                                             ["--db", str(paths["file"]), "roster", "list"]]}],
                              home)
        said = refusal("db.readonly")
        assert results[0] == [2, "", said] and results[1] == [2, "", said]
        assert results[2][0] == 0              # a read-only file can still be looked at
        for case, path in paths.items():
            assert sql_dump(path) == before[case]
            db.open_village(path)
            assert check_village() == []
            db.close_village()
