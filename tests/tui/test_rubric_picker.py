"""The rubric picker through Pilot: by id, Chinese and pinyin, counting the keys."""

import re
import threading
from dataclasses import replace

import pytest
from textual import events

from store import db, rubric_search, village
from store.actor import resolve_actor
from store.adoption import adopt_rubric_text, current_rubric
from store.rubric import parse_rubric
from store.shipped import DEMO_RUBRIC, shipped_text
from tests.conftest import TODAY
from tests.tui.conftest import screen_text, settle, until
from tui.app import make_app
from tui.dialogs import rubric_picker
from tui.dialogs.rubric_picker import RubricPicker
from tui.i18n import set_language
from tui.widgets.field import Field
from tui.widgets.record_table import RecordTable

# The promise: any item of the 篇五 rubric in at most 4 characters and Enter.
MOST_KEYS = 5


@pytest.fixture
def picker_app(app_on):
    """The app on the test village, with the 篇五 rubric adopted as in the demo."""

    def make(language: str = "zh"):
        app = app_on(language)  # opens the village
        adopt_rubric_text(resolve_actor(today=TODAY), shipped_text(DEMO_RUBRIC), DEMO_RUBRIC)
        return app

    return make


async def open_picker(pilot, rubric=None) -> list:
    """Push the picker; the list it returns receives what the picker is dismissed with."""
    chosen = []
    pilot.app.push_screen(RubricPicker(rubric or current_rubric().document), chosen.append)
    await settle(pilot)
    return chosen


async def pick(pilot, *keys):
    """Type `keys` into a fresh picker and return what it was dismissed with."""
    chosen = await open_picker(pilot)
    await pilot.press(*keys)
    await until(pilot, lambda: chosen)
    return chosen[0]


def shown_ids(app) -> list[str]:
    table = app.screen.query_one(RecordTable)
    return [table.render_line(y).text.split()[0] for y in range(table.row_count)
            if y < table.scrollable_content_region.height]


def detail(app) -> str:
    return str(app.screen.query_one("#picker-detail").render())


def send_keys(app, keys) -> None:
    """Queue key events as the terminal driver does, all at once.

    Pilot.press waits for the process to go idle after every key (about 0.1 s
    here), which makes 45 picks take half a minute; queued at once, the keys
    still go through the same bindings and widgets, in order.
    """
    for key in keys:
        name = "full_stop" if key == "." else key
        app.post_message(events.Key(name, key if len(key) == 1 else None))


async def quick_pick(pilot, rubric, keys):
    """Open a picker, send `keys` in one go, and return what it was dismissed with."""
    chosen, picker = [], RubricPicker(rubric)
    pilot.app.push_screen(picker, chosen.append)
    await until(pilot, lambda: pilot.app.screen is picker and isinstance(pilot.app.focused, Field))
    send_keys(pilot.app, keys)
    await until(pilot, lambda: chosen)
    return chosen[0]


async def test_every_shipped_item_takes_its_id_and_enter(picker_app):
    app = picker_app()
    rubric = current_rubric().document
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        presses = {}
        for item in rubric.items():
            keys = [*item.id, "enter"]
            assert await quick_pick(pilot, rubric, keys) == item
            presses[item.id] = len(keys)
        assert len(presses) == 45 and max(presses.values()) <= MOST_KEYS
        assert presses["7.11"] == MOST_KEYS


@pytest.mark.parametrize("keys, item_id", [
    ("53", "5.3"),      # an id without its dot
    ("7.1", "7.1"),     # not 7.10 or 7.11, which it begins
    ("纠纷", "5.3"),    # Chinese words of the name
    ("xtll", "5.3"),    # pinyin initials
    ("zehe", "4.3"),    # 知恩感恩, 感 read han
    ("", "1.1"),        # Enter at once takes the first item
])
async def test_type_then_enter_picks_the_top_match(picker_app, keys, item_id):
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert (await pick(pilot, *keys, "enter")).id == item_id


async def test_escape_gives_none(picker_app):
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert await pick(pilot, *"5.3", "escape") is None
        assert pilot.app.screen.id == "roster-screen"


async def test_arrow_keys_move_the_choice_and_typing_goes_on(picker_app):
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chosen = await open_picker(pilot)
        await pilot.press(*"7", "down", "down", "up", "down")
        assert pilot.app.focused is pilot.app.screen.query_one(Field)  # still in the search
        assert pilot.app.screen.highlighted.id == "7.3"
        assert "第 7 类 善行义举" in detail(pilot.app)
        await pilot.press("enter")
        await until(pilot, lambda: chosen)
        assert chosen[0].id == "7.3"


async def test_page_keys_move_a_page(picker_app):
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_picker(pilot)
        table = pilot.app.screen.query_one(RecordTable)
        page = table.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        assert table.cursor == page
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert table.cursor == table.row_count - 1  # stops at the last item
        await pilot.press("pageup")
        assert table.cursor == table.row_count - 1 - page


async def test_the_list_narrows_as_the_clerk_types(picker_app):
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_picker(pilot)
        await pilot.press("7")
        assert len(shown_ids(pilot.app)) == 11
        await pilot.press(".", "1")
        assert shown_ids(pilot.app) == ["7.1", "7.10", "7.11"]
        await pilot.press("backspace", "backspace", "backspace", *"邻里")
        assert shown_ids(pilot.app) == ["3.2", "5.3", "7.3", "5.2"]


async def test_the_detail_shows_category_evidence_and_description(picker_app):
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_picker(pilot)
        await pilot.press(*"5.3")
        await settle(pilot)
        text = detail(pilot.app)
        assert "村规民约" in text and "凭证：调解记录" in text and "化解矛盾" in text


async def test_a_meeting_item_shows_its_range(picker_app):
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_picker(pilot)
        await pilot.press(*"8.1")
        await settle(pilot)
        row = pilot.app.screen.query_one(RecordTable).render_line(0).text
        assert "其他事迹" in row and "1~100" in row and "每次" in row
        assert "由评议会定分（1~100）" in detail(pilot.app)


async def test_retired_items_are_not_offered(picker_app):
    app = picker_app()
    rubric = current_rubric().document
    retired = replace(rubric.item("5.3"), retired=True)
    categories = tuple(replace(c, items=tuple(retired if i.id == "5.3" else i for i in c.items))
                       for c in rubric.categories)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chosen = await open_picker(pilot, replace(rubric, categories=categories))
        assert "5.3" not in shown_ids(pilot.app) and len(pilot.app.screen.matches) == 44
        await pilot.press(*"xtll")
        assert shown_ids(pilot.app) == []
        assert detail(pilot.app) == "没有相符的条目"
        await pilot.press("enter")  # nothing to pick: the picker stays
        await pilot.pause()
        assert chosen == [] and isinstance(pilot.app.screen, RubricPicker)


async def test_typing_does_not_wait_for_pinyin(picker_app, monkeypatch):
    """Ids and Chinese work while the initials are still being learnt; initials after."""
    gate = threading.Event()

    def slow_learn(rubric):
        gate.wait(timeout=10)
        rubric_search.learn_initials(rubric)

    monkeypatch.setattr(rubric_search, "_initials", {})
    monkeypatch.setattr(rubric_picker, "learn_initials", slow_learn)
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(RubricPicker(current_rubric().document))
        await until(pilot, lambda: isinstance(pilot.app.screen, RubricPicker))
        await pilot.press(*"纠纷")
        assert shown_ids(pilot.app) == ["5.3"]
        await pilot.press("backspace", "backspace", *"5.3")
        assert shown_ids(pilot.app) == ["5.3"]
        await pilot.press("backspace", "backspace", "backspace", *"xtll")
        assert shown_ids(pilot.app) == []
        assert "拼音" in detail(pilot.app)
        gate.set()
        await settle(pilot)
        assert shown_ids(pilot.app) == ["5.3"]


async def test_it_fits_80x24(picker_app):
    async with picker_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_picker(pilot)
        lines = screen_text(pilot.app).splitlines()
        assert "选择评分条目：麻子沟村爱心超市积分评分标准" in lines[1]
        assert "Enter 选定 · Esc 取消" in lines[-2]
        assert lines[-1].lstrip(" /").startswith("╰") and lines[0].strip().startswith("╭")
        assert len(shown_ids(pilot.app)) >= 12  # the list gets the room


async def test_it_grows_on_a_projector(picker_app):
    async with picker_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await open_picker(pilot)
        assert pilot.app.projector
        assert len(shown_ids(pilot.app)) >= 28


ASCII_RUBRIC = """\
[rubric]
id = "plain"
name = "Plain rules"
source = "test"
version = 1

[[category]]
id = "1"
name = "Neighbours"

[[category.item]]
id = "1.1"
name = "Settle a quarrel"
description = "Two households agree"
points = 15
unit = "per_time"
max_per_period = 2
evidence = "Signed record"
"""


@pytest.fixture
def english_app(tmp_path):
    """An app whose village data has no Chinese, so Chinese on screen came from code."""
    path = tmp_path / "plain.jifen"
    village.create_village(path, name="Dongcun", population=300, clerk="Wang", today=TODAY)
    yield make_app(path, resolve_actor(today=TODAY), "en")
    db.close_village()
    set_language("zh")


async def test_in_english_the_picker_shows_no_chinese(english_app):
    async with english_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_picker(pilot, parse_rubric(ASCII_RUBRIC))
        text = screen_text(pilot.app)
        assert re.findall(r"[\u3400-\u9fff]", text) == []
        assert "Choose a rubric item: Plain rules" in text
        assert "Category 1 Neighbours · at most 2 a period · evidence: Signed record" in text
