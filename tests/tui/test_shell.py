"""The app shell: help, palette, projector theme, language, 80x24."""

import re

from rich.cells import cell_len

from store.settings import get_setting
from tests.tui.conftest import screen_text, settle, table_lines, until
from tui.keys import described_bindings


async def test_f1_lists_every_key_of_the_screen_and_the_app(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        roster_screen = pilot.app.screen
        await pilot.press("f1")
        help_text = str(pilot.app.screen.query_one("#help-text").render())
        for node in (roster_screen, pilot.app):
            for binding in described_bindings(node):
                assert binding.description in help_text, binding
        assert "导入" in help_text and "投影" in help_text
        await pilot.press("escape")
        assert pilot.app.screen is roster_screen


async def test_the_palette_offers_every_action_in_chinese(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"导出")
        await until(pilot, lambda: "(x)" in screen_text(pilot.app))
        text = screen_text(pilot.app)
        assert "导出" in text and "(x)" in text
        assert "Search for commands" not in text


async def test_the_palette_runs_the_action(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"新增")
        await until(pilot, lambda: "(a)" in screen_text(pilot.app))
        await pilot.press("enter")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "HouseholdForm")


async def test_projector_theme_is_remembered_per_village_file(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not pilot.app.projector
        await pilot.press("f2")
        await settle(pilot)
        assert pilot.app.projector and pilot.app.theme == "jifen-projector"
    assert get_setting("ui.projector") == "1"
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.projector
        await pilot.press("f2")
        await settle(pilot)
        assert pilot.app.theme != "jifen-projector"
    assert get_setting("ui.projector") == "0"


async def test_english_with_lang_en(app_on):
    async with app_on("en").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "Search" in text and "Add" in text and "Card" in text
        assert "6 households" in text
        assert "搜索" not in text and "新增" not in text


async def test_every_line_fits_80_columns_and_rows_line_up(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(pilot.app)
        assert all(cell_len(line) <= 80 for line in text.splitlines())
        # The group column starts at the same cell in every row, whatever the names.
        starts = {cell_len(line[:line.index("组")]) for line in table_lines(pilot.app)}
        assert len(starts) == 1


async def test_footer_shows_the_most_used_keys(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        for label in ("搜索", "新增", "修改", "注销", "帮助", "退出"):
            assert label in footer
        assert re.search(r"Ctrl\+P\s*命令", footer) and "Ctrl+Q 退出" in footer


async def test_a_5000_household_village_scrolls_and_searches(tmp_path):
    from store import db, village
    from store.actor import resolve_actor
    from store.roster import insert_household
    from tests.conftest import TODAY
    from tui.app import make_app

    path = tmp_path / "big.jifen"
    village.create_village(path, name="大村", population=16000, clerk="王建国", today=TODAY)
    actor = resolve_actor(today=TODAY)
    with db.write():
        for n in range(5000):
            insert_household(actor, {"card_no": f"{n:05d}", "head": f"村民{n}",
                                     "group": f"{n % 20 + 1}组"})
    app = make_app(path, actor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("RecordTable")
        assert table.row_count == 5000
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == 4999 and table.scroll_offset.y > 4900
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert table.cursor < 4999 - 2 * 10
        await pilot.press("slash", *"村民4321")
        await settle(pilot)
        assert [line.split()[1] for line in table_lines(pilot.app)] == ["村民4321"]
    db.close_village()


async def test_f5_f6_f7_go_to_the_deeds_meeting_and_notices(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, screen in (("f5", "DeedsScreen"), ("f6", "MeetingScreen"),
                            ("f7", "NoticeDeskScreen"), ("f3", "RosterScreen")):
            await pilot.press(key)
            await settle(pilot)
            assert type(pilot.app.screen).__name__ == screen


async def test_a_meeting_left_in_session_is_offered_on_the_next_start(app_on):
    from store import reviews
    from store.actor import resolve_actor
    from tests.store.points_helpers import adopt

    app = app_on()
    actor = resolve_actor()
    adopt(actor, "mazigou", "mazigou")
    reviews.open_review(actor, str(actor.today.strftime("%Y-%m")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notices = [str(n.message) for n in pilot.app._notifications]
        assert any("F6" in notice and "没有结束" in notice for notice in notices)


async def test_the_app_reminds_the_clerk_of_a_due_year_close(village_file):
    from dataclasses import replace
    from datetime import date

    from store import db
    from store.actor import resolve_actor
    from tests.store.points_helpers import adopt
    from tui.app import make_app

    db.open_village(village_file)
    actor = replace(resolve_actor(), today_override=date(2027, 1, 8))
    adopt(actor, "virtue-template", "quarterly-virtue")
    async with make_app(village_file, actor).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notices = [str(n.message) for n in pilot.app._notifications]
        assert any("jifen year close --period 2026" in notice for notice in notices)


async def test_the_first_start_of_a_day_backs_the_village_up(app_on, village_file):
    from store.backups import backup_folder

    folder = backup_folder(village_file)
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        await settle(pilot)
    assert [path.name for path in folder.iterdir()] == ["village.2026-11-26.jifen"]
    made = (folder / "village.2026-11-26.jifen").stat().st_mtime_ns
    async with app_on().run_test(size=(80, 24)) as pilot:   # again the same day: no new copy
        await settle(pilot)
    assert (folder / "village.2026-11-26.jifen").stat().st_mtime_ns == made


async def test_a_failed_backup_is_said_and_the_app_goes_on(app_on, village_file):
    from store.backups import backup_folder

    backup_folder(village_file).write_text("a file where the folder should be")
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        await settle(pilot)
        notices = [str(n.message) for n in pilot.app._notifications]
        assert any("自动备份没有成功" in notice and "village-backups" in notice
                   and "内部" not in notice for notice in notices)
