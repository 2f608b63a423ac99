"""The roster screen through Pilot: search, add, edit, close, reopen, import, export."""

import csv

import pytest

from store import db, roster
from store.models import Audit, Household
from tests.tui.conftest import settle, table_lines
from tui.widgets.record_table import RecordTable


async def _search(pilot, text):
    await pilot.press("slash", *text)
    await settle(pilot)


async def test_the_roster_lists_every_household_in_order(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = table_lines(pilot.app)
        assert [line.split()[0] for line in lines] == ["0101", "0102", "0103", "0201", "0202", "0301"]
        assert "6 户" in str(pilot.app.screen.query_one("#status-line").render())


async def test_a_markup_like_name_is_shown_literally(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "[b]王五[/b]" in table_lines(pilot.app)[2]


@pytest.mark.parametrize("query, cards", [
    ("三丰", ["0101"]),   # Chinese
    ("0201", ["0201"]),   # card number
    ("oyjg", ["0202"]),   # pinyin initials
    ("sxm", ["0102"]),    # 单 read as a surname
])
async def test_search_as_you_type(app_on, query, cards):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _search(pilot, query)
        assert [line.split()[0] for line in table_lines(pilot.app)] == cards


async def test_escape_clears_the_search(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await _search(pilot, "zsf")
        assert len(table_lines(pilot.app)) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert len(table_lines(pilot.app)) == 6
        assert pilot.app.focused is pilot.app.screen.query_one(RecordTable)


async def test_group_key_cycles_the_groups(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert [line.split()[0] for line in table_lines(pilot.app)] == ["0101", "0102", "0103"]
        for _ in range(3):
            await pilot.press("g")
            await settle(pilot)
        assert len(table_lines(pilot.app)) == 6


async def test_add_a_household_from_the_form(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"0401", "enter", *"赵六", "enter", "4", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = roster.get_household("0401")
        assert (added.head, added.group) == ("赵六", "4组")
        assert "0401" in "\n".join(table_lines(pilot.app))
        assert pilot.app.screen.id == "roster-screen"


async def test_a_refused_add_stays_open_and_says_why(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"0101", "enter", *"重复", "ctrl+s")
        await settle(pilot)
        error = str(pilot.app.screen.query_one("#form-error").render())
        assert "0101" in error and "已有人使用" in error
        assert Household.select().count() == 6


async def test_edit_changes_only_what_was_changed(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await _search(pilot, "李四")
        await pilot.press("enter", "e")  # Enter in the search goes to the table; e edits
        await settle(pilot)
        head = pilot.app.screen.query_one("#form-head")
        head.value = "李四海"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert roster.get_household("0301").head == "李四海"
        edit = Audit.select().where(Audit.action == "household.edit").get()
        assert "李四海" in edit.summary and "0101" not in edit.summary


async def test_close_with_a_reason_then_reopen(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await _search(pilot, "0202")
        await pilot.press("enter", "c")
        await pilot.press("enter")  # an empty reason is refused
        assert "请填写" in str(pilot.app.screen.query_one("#ask-error").render())
        await pilot.press(*"全家迁往县城", "enter")
        await settle(pilot)
        closed = roster.get_household("0202")
        assert (closed.status, closed.status_reason) == ("closed", "全家迁往县城")
        assert "已注销" in table_lines(pilot.app)[0]
        await pilot.press("r", *"搬回村里", "enter")
        await settle(pilot)
        reopened = roster.get_household("0202")
        assert (reopened.status, reopened.status_reason) == ("active", "搬回村里")


async def _preview_import(pilot, path) -> None:
    """Press i, give the file, and wait for the preview."""
    await settle(pilot)
    await pilot.press("i")
    pilot.app.screen.query_one("#ask-input").value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def test_import_shows_bad_rows_before_writing(app_on, tmp_path):
    roster_file = tmp_path / "花名册.csv"
    with open(roster_file, "w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([["麻子沟村农户花名册"], ["卡号", "户主", "组", "人口"],
                          ["0501", "钱七", "5", "3"], ["0502", "", "5", "2"],
                          ["0101", "重复卡", "1", "2"]])
    async with app_on().run_test(size=(80, 24)) as pilot:
        await _preview_import(pilot, roster_file)
        text = str(pilot.app.screen.query_one("#import-lines Static").render())
        assert "第 4 行" in text and "缺少户主" in text
        assert "第 5 行" in text and "0101" in text
        assert Household.select().count() == 6  # the preview wrote nothing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert roster.get_household("0501").head == "钱七"
        assert Household.select().count() == 7


async def test_a_cancelled_import_writes_nothing(app_on, tmp_path):
    roster_file = tmp_path / "r.csv"
    roster_file.write_text("卡号,户主\n0601,孙八\n", encoding="utf-8")
    async with app_on().run_test(size=(80, 24)) as pilot:
        await _preview_import(pilot, roster_file)
        await pilot.press("escape")
        await settle(pilot)
        assert Household.select().count() == 6


async def test_export_writes_the_file(app_on, tmp_path):
    target = tmp_path / "out.csv"
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        pilot.app.screen.query_one("#ask-input").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "阿不都·热合曼" in target.read_text(encoding="utf-8-sig")


async def test_a_store_failure_is_told_not_thrown(app_on, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug")

    app = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(roster, "find_households", broken)
        await pilot.press("g")
        await settle(pilot)
        notices = [str(n.message) for n in pilot.app._notifications]
        assert any("内部出错" in notice for notice in notices)
    assert app.return_code in (0, None)
    db.close_village()


async def test_the_checkboxes_of_the_forms(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Enter walks the whole form: past the tick (space ticks it) to the last field, which saves.
        await pilot.press("a", *"0402", "enter", *"周九", *["enter"] * 6)
        assert pilot.app.focused.id == "form-poor"
        await pilot.press("space", "enter", "enter")
        await settle(pilot)
        assert roster.get_household("0402").poor is True
        await _search(pilot, "0402")
        await pilot.press("enter", "c", *"迁往外省", "tab", "space", "shift+tab", "enter")
        await settle(pilot)
        assert roster.get_household("0402").status == "moved"
