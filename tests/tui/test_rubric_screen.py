"""The rubric screen through Pilot: browse, edit a working copy, save, import, export, history."""

import re

import pytest
from rich.cells import cell_len

from store import adoption, db, village
from store.actor import resolve_actor
from store.models import RubricVersion
from store.rubric import parse_rubric
from store.shipped import shipped_text
from tests.conftest import TODAY
from tests.tui.conftest import screen_text, settle, table_lines, until
from tui.app import make_app
from tui.i18n import set_language

MAZIGOU = shipped_text("rubric-mazigou.toml")
NEW_IN_5 = f"5.{len(parse_rubric(MAZIGOU).categories[4].items) + 1}"  # the id `a` gives in 第五条
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")


def adopt_mazigou() -> None:
    """The demo's pair: the 篇五 rubric and the Mazigou policy, as version 1 of each."""
    actor = resolve_actor(today=TODAY)
    adoption.adopt_rubric_text(actor, MAZIGOU, "rubric-mazigou.toml")
    adoption.adopt_policy_text(actor, shipped_text("policy-mazigou.toml"), "policy-mazigou.toml")


@pytest.fixture
def rubric_app(app_on):
    """The app on the test village with the rubric adopted, in a language."""

    def make(language: str = "zh"):
        app = app_on(language)
        adopt_mazigou()
        return app

    return make


async def open_rubric(pilot) -> None:
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)


async def go_to_item(pilot, item_id: str) -> None:
    """Put the cursor on an item, as the arrow keys would."""
    screen = pilot.app.screen
    ids = [row.item.id if row.item else None for row in screen.rows]
    table = screen.query_one("RubricTable")
    table.cursor = ids.index(item_id)
    await pilot.pause()


def row_of(app, item_id: str) -> str:
    return next(line for line in table_lines(app) if line.split()[0] == item_id)


def status(app) -> str:
    return str(app.screen.query_one("#status-line").render())


def notices(app) -> str:
    return "\n".join(str(notice.message) for notice in app._notifications)


def versions() -> int:
    return RubricVersion.select().count()


# --- browsing ---------------------------------------------------------------------


async def test_the_rubric_is_listed_under_its_category_headings(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        assert pilot.app.screen.id == "rubric-screen"
        lines = table_lines(pilot.app)
        assert lines[0].split()[:3] == ["1", "践行社会主义核心价值观", "只加分"]
        assert lines[1].split() == ["1.1", "核心价值观先进家庭", "15", "每期一次"]
        assert row_of(pilot.app, "2.2").split() == ["2.2", "文明礼貌", "5", "每项", "1", "次"]
        assert "本村第 1 版" in status(pilot.app) and "45 条" in status(pilot.app)
        # The cursor starts on the first item; its wording and evidence show below.
        await pilot.press("down", "down")
        detail = str(pilot.app.screen.query_one("#rubric-detail").render())
        assert "1.3 子女受学校表彰" in detail and "就读学校的表彰证明" in detail


async def test_the_columns_line_up_and_fit_80_columns(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        text = screen_text(pilot.app)
        assert all(cell_len(line) <= 80 for line in text.splitlines())
        starts = {cell_len(line[:line.index("每")]) for line in table_lines(pilot.app)
                  if line.split()[0].count(".") and "每" in line}
        assert len(starts) == 1


async def test_p_shows_the_policy_and_back(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await pilot.press("p")
        text = screen_text(pilot.app)
        assert "积分办法" in text and "公示期" in text and "3 天" in text
        assert "2 元的物品" in text
        footer = text.splitlines()[-1]
        assert "新增" not in footer and "办法" in footer
        await pilot.press("a")  # item keys do nothing while the policy is shown
        assert pilot.app.screen.id == "rubric-screen"
        await pilot.press("p")
        assert "1.1" in screen_text(pilot.app)


async def test_the_footer_shows_the_most_used_keys(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        for label in ("新增", "修改", "保存", "办法", "帮助", "退出"):
            assert label in footer


async def test_f1_lists_every_key_of_the_rubric_screen(rubric_app):
    async with rubric_app().run_test(size=(80, 40)) as pilot:
        await open_rubric(pilot)
        await pilot.press("f1")
        help_text = str(pilot.app.screen.query_one("#help-text").render())
        for key, label in (("a", "新增"), ("d", "停用"), ("[", "上移"), ("]", "下移"),
                           ("s", "保存"), ("i", "导入"), ("x", "导出"), ("v", "版本"),
                           ("p", "办法"), ("u", "放弃修改"), ("F3", "花名册"), ("F4", "评分细则")):
            assert re.search(rf"^  {re.escape(key)}\s+{label}", help_text, re.M), key


# --- editing the working copy ------------------------------------------------------


async def test_add_an_item_to_the_highlighted_category(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await go_to_item(pilot, "5.3")
        await pilot.press("a")
        assert NEW_IN_5 in str(pilot.app.screen.query_one(".dialog-title").render())
        await pilot.press(*"帮助邻居收麦", "enter", "enter", "enter", *"10", "ctrl+s")
        await settle(pilot)
        assert row_of(pilot.app, NEW_IN_5).split()[:3] == [NEW_IN_5, "帮助邻居收麦", "10"]
        assert pilot.app.screen.current_item.id == NEW_IN_5
        assert status(pilot.app).startswith("未保存")
        assert pilot.app.unsaved_tasks == {"rubric"}
        assert versions() == 1  # nothing is adopted before s


async def test_a_refused_item_stays_open_and_says_why(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await go_to_item(pilot, "5.3")
        await pilot.press("a", *"骂人", "enter", "enter", "enter", "minus", "5", "ctrl+s")
        await settle(pilot)
        form = pilot.app.screen
        error = str(form.query_one("#item-error").render())
        assert "-5" in error and "只加分" in error
        assert pilot.app.focused.id == "item-points"
        await pilot.press("ctrl+a", "ctrl+k", *"abc", "ctrl+s")
        assert "不是整数" in str(form.query_one("#item-error").render())
        await pilot.press("escape")
        await settle(pilot)
        assert NEW_IN_5 not in "\n".join(table_lines(pilot.app))
        assert not pilot.app.unsaved_tasks


async def test_edit_changes_the_item_and_keeps_its_id(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await go_to_item(pilot, "5.3")
        await pilot.press("e")
        points = pilot.app.screen.query_one("#item-points")
        points.value = "18"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert row_of(pilot.app, "5.3").split()[2] == "18"
        await pilot.press("enter")  # Enter edits too
        assert pilot.app.screen.query_one("#item-points").value == "18"


async def test_the_meeting_tick_swaps_points_for_a_range(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await go_to_item(pilot, "5.3")
        await pilot.press("e", "enter", "enter")
        assert pilot.app.focused.id == "item-meeting_sets_points"
        await pilot.press("space", "enter")
        assert pilot.app.focused.id == "item-min_points"  # points is passed over now
        await pilot.press(*"5", "enter", *"30", "enter")
        assert pilot.app.focused.id == "item-unit"
        await pilot.press("right", "right", "enter")  # per time -> per item -> once
        assert pilot.app.focused.id == "item-example"  # no limit to type for "once"
        await pilot.press("ctrl+s")
        await settle(pilot)
        item = pilot.app.screen.working.item("5.3")
        assert (item.points, item.min_points, item.max_points, item.unit,
                item.max_per_period) == (None, 5, 30, "once", 1)
        assert row_of(pilot.app, "5.3").split()[2] == "5~30"


async def test_retire_then_restore(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await go_to_item(pilot, "5.3")
        await pilot.press("d")
        assert row_of(pilot.app, "5.3").endswith("已停用")
        assert "停用 1" in status(pilot.app) and "未保存" in status(pilot.app)
        await pilot.press("d")
        assert not row_of(pilot.app, "5.3").endswith("已停用")
        assert "未保存" not in status(pilot.app)  # back as adopted: nothing to save


async def test_move_items_within_their_category(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await go_to_item(pilot, "5.1")
        await pilot.press("right_square_bracket")
        ids = [line.split()[0] for line in table_lines(pilot.app)]
        assert ids[ids.index("5.2") + 1] == "5.1"
        assert pilot.app.screen.current_item.id == "5.1"  # the cursor goes with it
        await pilot.press("shift+up", "left_square_bracket")  # the top: it stays
        ids = [line.split()[0] for line in table_lines(pilot.app)]
        assert ids[ids.index("5") + 1:ids.index("5") + 3] == ["5.1", "5.2"]


async def test_e_on_a_heading_asks_for_an_item(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await pilot.press("up", "e")
        assert pilot.app.screen.id == "rubric-screen"
        assert "请先选中一个条目" in notices(pilot.app)


# --- saving -------------------------------------------------------------------------


async def test_save_adopts_a_new_version_and_the_old_one_still_explains_itself(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await go_to_item(pilot, "5.3")
        await pilot.press("e")
        pilot.app.screen.query_one("#item-points").value = "18"
        await pilot.press("ctrl+s", "s")
        await settle(pilot)
        assert "第 2 版" in notices(pilot.app)
        assert adoption.current_rubric().document.item("5.3").points == 18
        assert adoption.rubric_version(1).document.item("5.3").points == 15
        assert "本村第 2 版" in status(pilot.app) and "未保存" not in status(pilot.app)
        assert not pilot.app.unsaved_tasks
        assert pilot.app.screen.current_item.id == "5.3"
        await pilot.press("s")
        assert "没有未保存的修改" in notices(pilot.app)
        assert versions() == 2


async def test_a_refused_save_says_why_and_adopts_nothing(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await pilot.press("d")
        # Another clerk adopts a version while these edits are on screen.
        adoption.adopt_rubric_text(resolve_actor(today=TODAY),
                                   shipped_text("rubric-virtue-template.toml"))
        await pilot.press("s")
        await settle(pilot)
        assert "此间已有人采用了第 2 版" in notices(pilot.app)
        assert versions() == 2 and "未保存" in status(pilot.app)


async def test_u_discards_the_edits_after_asking(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await pilot.press("d", "u")
        assert "放弃全部未保存的修改" in screen_text(pilot.app)
        await pilot.press("enter")
        assert "已停用" not in "\n".join(table_lines(pilot.app))
        assert not pilot.app.unsaved_tasks


# --- import, export, history ---------------------------------------------------------


async def _preview_import(pilot, name) -> None:
    await pilot.press("i")
    pilot.app.screen.query_one("#ask-input").value = str(name)
    await pilot.press("enter")
    await settle(pilot)


async def test_import_previews_the_changes_then_adopts(rubric_app, tmp_path):
    changed = tmp_path / "新细则.toml"
    changed.write_text(MAZIGOU.replace('points = 15\nunit = "per_time"',
                                       'points = 18\nunit = "per_time"'), encoding="utf-8")
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await _preview_import(pilot, changed)
        text = str(pilot.app.screen.query_one("#rubric-import-lines Static").render())
        assert "有 1 处不同" in text and "5.3 协调邻里纠纷：分值由 15 改为 18" in text
        assert versions() == 1  # the preview adopts nothing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert adoption.current_rubric().source_file == "新细则.toml"
        assert row_of(pilot.app, "5.3").split()[2] == "18"
        assert "本村第 2 版" in status(pilot.app)


async def test_a_cancelled_import_adopts_nothing(rubric_app, tmp_path):
    changed = tmp_path / "r.toml"
    changed.write_text(MAZIGOU.replace('name = "协调邻里纠纷"', 'name = "调解"'), encoding="utf-8")
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await _preview_import(pilot, changed)
        await pilot.press("escape")
        await settle(pilot)
        assert versions() == 1 and pilot.app.screen.id == "rubric-screen"


async def test_importing_the_text_in_force_offers_nothing_to_adopt(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await _preview_import(pilot, "rubric-mazigou.toml")
        assert "不会改变任何东西" in screen_text(pilot.app)
        await pilot.press("ctrl+s", "escape")
        await settle(pilot)
        assert versions() == 1


async def test_a_bad_file_is_refused_with_its_line(rubric_app, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(MAZIGOU.replace("points = 60", "pionts = 60"), encoding="utf-8")
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await _preview_import(pilot, bad)
        assert "是不是 points" in notices(pilot.app)
        assert pilot.app.screen.id == "rubric-screen" and versions() == 1


async def test_with_no_rubric_the_screen_offers_to_import_a_shipped_one(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        text = screen_text(pilot.app)
        assert "本村尚未采用评分细则" in text and "rubric-mazigou.toml" in text
        await pilot.press("a", "s", "x", "v")  # nothing to act on
        assert pilot.app.screen.id == "rubric-screen"
        await _preview_import(pilot, "rubric-mazigou.toml")
        assert "它将成为第 1 版" in screen_text(pilot.app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert adoption.current_rubric().document.id == "mazigou"
        assert "1.1" in table_lines(pilot.app)[1]


async def test_export_writes_the_rubric_in_force_and_asks_before_replacing(rubric_app, tmp_path):
    target = tmp_path / "out.toml"
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        for _ in range(2):
            await pilot.press("x")
            pilot.app.screen.query_one("#ask-input").value = str(target)
            await pilot.press("enter")
            await settle(pilot)
        question = " ".join(str(label.render()) for label in pilot.app.screen.query("Label"))
        assert "已存在" in question  # the second time
        target.write_text("", encoding="utf-8")
        await pilot.press("enter")
        await settle(pilot)
    assert target.read_text(encoding="utf-8") == MAZIGOU


async def test_v_lists_the_versions(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await pilot.press("d", "s")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        lines = table_lines(pilot.app)
        assert [line.split()[0] for line in lines] == ["2", "1"]
        assert "王建国" in lines[0] and "在 jifen 中修改" in lines[0]
        assert "rubric-mazigou.toml" in lines[1] and TODAY.isoformat() in lines[1]
        await pilot.press("escape")
        assert pilot.app.screen.id == "rubric-screen"


# --- going between tasks, and quitting --------------------------------------------------


async def test_f3_and_f4_switch_tasks_and_each_keeps_its_place(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        roster_screen = pilot.app.screen
        await pilot.press("slash", *"zsf")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        rubric_screen = pilot.app.screen
        await go_to_item(pilot, "6.1")
        await pilot.press("f3")
        assert pilot.app.screen is roster_screen and len(table_lines(pilot.app)) == 1
        await pilot.press("f4")
        assert pilot.app.screen is rubric_screen and rubric_screen.current_item.id == "6.1"


async def test_f4_from_help_goes_but_not_from_a_dialog(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1", "f4")
        await settle(pilot)
        assert pilot.app.screen.id == "rubric-screen"
        await pilot.press("e", "f3")
        assert type(pilot.app.screen).__name__ == "RubricItemForm"
        assert "请先关闭对话框" in notices(pilot.app)


async def test_the_palette_goes_to_the_rubric(rubric_app):
    async with rubric_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"评分细则")
        await until(pilot, lambda: "(F4)" in screen_text(pilot.app))
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen.id == "rubric-screen")


async def test_unsaved_edits_are_kept_when_leaving_and_asked_about_when_quitting(rubric_app):
    app = rubric_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await pilot.press("d", "f3")
        assert "已为你保留" in notices(pilot.app)
        await pilot.press("ctrl+q")
        assert "评分细则有未保存的修改" in screen_text(pilot.app)
        await pilot.press("ctrl+q", "escape")  # a second Ctrl+Q asks nothing more
        await settle(pilot)
        assert pilot.app.is_running and pilot.app.screen.id == "roster-screen"
        await pilot.press("f4")
        assert "未保存" in status(pilot.app)
        await pilot.press("ctrl+q", "enter")
        await settle(pilot)
    assert versions() == 1


async def test_quitting_without_edits_asks_nothing(rubric_app):
    app = rubric_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


# --- English ---------------------------------------------------------------------------

ASCII_RUBRIC = """
[rubric]
id = "eastfield"
name = "Eastfield rubric"
source = "a test"
version = 1

[[category]]
id = "1"
name = "Helping"
kind = "bonus"

[[category.item]]
id = "1.1"
name = "Helping a neighbour"
points = 10
unit = "per_time"
evidence = "thanks of the helped"

[[category]]
id = "2"
name = "Lapses"
kind = "deduction"

[[category.item]]
id = "2.1"
name = "Litter"
points = -5
unit = "per_time"
max_per_period = 2
"""


@pytest.fixture
def ascii_rubric_app(tmp_path):
    """A village whose data has no Chinese, so any Chinese on screen came from code."""
    path = tmp_path / "ascii.jifen"
    village.create_village(path, name="Dongcun", population=300, clerk="Wang", today=TODAY)
    actor = resolve_actor(today=TODAY)
    adoption.adopt_rubric_text(actor, ASCII_RUBRIC, "eastfield.toml")
    yield make_app(path, actor, "en")
    db.close_village()
    set_language("zh")


@pytest.mark.parametrize("keys", [(), ("p",), ("a",), ("e",), ("i",), ("x",), ("v",), ("f1",),
                                  ("d", "ctrl+q")],
                         ids=lambda keys: "+".join(keys) or "items")
async def test_english_rubric_screens_show_no_chinese(ascii_rubric_app, keys):
    async with ascii_rubric_app.run_test(size=(100, 30)) as pilot:
        await open_rubric(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        text = screen_text(pilot.app)
        assert IDEOGRAPH.findall(text) == [], text


async def test_english_rubric_screen_reads_in_english(ascii_rubric_app):
    async with ascii_rubric_app.run_test(size=(80, 24)) as pilot:
        await open_rubric(pilot)
        text = screen_text(pilot.app)
        assert "village version 1" in text and "2 items" in text and "bonus only" in text
        assert "Litter" in text and "-5" in text and "2x" in text
