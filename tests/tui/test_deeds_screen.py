"""The deeds register through Pilot: register by card, initials and picker; refusals; withdraw."""

import re
from datetime import date

import pytest
from textual import events

from store import db, roster, village
from store.actor import resolve_actor
from store.adoption import adopt_rubric_text
from store.deeds import list_deeds, register_deed, withdraw_deed
from store.models import Audit
from store.roster import insert_household
from store.shipped import DEMO_RUBRIC, shipped_text
from tests.conftest import TODAY
from tests.tui.conftest import english_words, screen_text, settle, status_line, table_lines, until
from tests.tui.test_rubric_picker import ASCII_RUBRIC
from tui.app import make_app
from tui.dialogs.deed_form import DeedForm
from tui.dialogs.household_picker import HouseholdPicker
from tui.dialogs.rubric_picker import RubricPicker
from tui.i18n import set_language
from tui.keys import described_bindings
from tui.screens.deeds import DeedsScreen
from tui.widgets.field import Field

IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")

# The promise of the screen: a deed for a known card with a known item id in 10 keys.
KNOWN_CARD_AND_ITEM = ["a", *"0101", "enter", *"5.3", "ctrl+s"]


@pytest.fixture
def deeds_app(app_on):
    """The app on the test village with the 篇五 rubric adopted, as in the demo."""

    def make(language: str = "zh"):
        app = app_on(language)  # opens the village
        adopt_rubric_text(resolve_actor(today=TODAY), shipped_text(DEMO_RUBRIC), DEMO_RUBRIC)
        return app

    return make


def actor():
    return resolve_actor(today=TODAY)


async def open_deeds(pilot) -> DeedsScreen:
    await settle(pilot)
    screen = DeedsScreen()
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def detail(app) -> str:
    return str(app.screen.query_one("#detail").render())


def form_error(app) -> str:
    return str(app.screen.query_one("#deed-error").render())


def notices(app) -> list[str]:
    return [str(notice.message) for notice in app._notifications]


async def test_a_known_card_and_item_id_take_ten_keys(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        assert len(KNOWN_CARD_AND_ITEM) == 10
        await pilot.press(*KNOWN_CARD_AND_ITEM)
        await settle(pilot)
        [deed] = list_deeds()
        assert (deed.household, deed.item_id, deed.day, deed.what) == (
            "0101", "5.3", TODAY, "协调邻里纠纷")
        assert (deed.evidence, deed.self_applied, deed.registered_by) == ("", False, "王建国")
        assert isinstance(pilot.app.screen, DeedsScreen)
        assert table_lines(pilot.app)[0].split()[:6] == ["1组", str(deed.id), "11-26", "0101",
                                                         "张三丰", "5.3"]
        assert "已登记事迹" in " ".join(notices(pilot.app))
        assert "待评议事迹 1 条" in status_line(pilot.app)


async def test_enter_typed_before_the_search_answers_takes_that_search(deeds_app):
    """Keys queued at once, as a fast clerk types: Enter waits for the match of 0202."""
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        chosen = []
        picker = HouseholdPicker("test")
        pilot.app.push_screen(picker, chosen.append)
        await until(pilot, lambda: isinstance(pilot.app.focused, Field))
        for key in [*"0202", "enter"]:
            pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
        await until(pilot, lambda: chosen)
        assert chosen[0].card_no == "0202"


@pytest.mark.parametrize("search, card", [
    ("zsf", "0101"),     # pinyin initials
    ("sxm", "0102"),     # 单 read as a surname
    ("oyjg", "0202"),    # a two-character surname
    ("欧阳", "0202"),    # Chinese
    ("0301", "0301"),    # a card
])
async def test_register_by_name_or_pinyin_initials(deeds_app, search, card):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press("a", *search, "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DeedForm)
        assert pilot.app.screen.household.card_no == card
        await pilot.press(*"53", "ctrl+s")  # an id without its dot
        await settle(pilot)
        [deed] = list_deeds()
        assert (deed.household, deed.item_id) == (card, "5.3")


async def test_an_exact_card_then_cards_ending_with_it_come_first(deeds_app):
    for card, group in (("10101", "1"), ("0230", "1"), ("MZG-1023", "3")):
        roster.add_household(actor(), roster.HouseholdFields(card_no=card, head="赵六", group=group))
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press("a", *"0101")
        await settle(pilot)
        assert [line.split()[0] for line in table_lines(pilot.app)] == ["0101", "10101"]
        await pilot.press(*["backspace"] * 4, *"023")
        await settle(pilot)
        assert [line.split()[0] for line in table_lines(pilot.app)] == ["MZG-1023", "0230"]
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen.household.card_no == "MZG-1023"


async def test_register_with_the_item_picker_evidence_note_date_and_tick(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press("a", *"0102", "enter")
        await settle(pilot)
        await pilot.press(*"xtll")
        hint = str(pilot.app.screen.query_one("#deed-item-hint").render())
        assert "xtll" in hint and "Enter" in hint
        await pilot.press("enter")  # not an id: the picker opens on what was typed
        await settle(pilot)
        assert isinstance(pilot.app.screen, RubricPicker)
        assert pilot.app.screen.query_one("#picker-search").value == "xtll"
        await pilot.press("enter")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, DeedForm) and pilot.app.focused.id == "deed-evidence"
        assert "5.3 协调邻里纠纷 · 15 分" in str(form.query_one("#deed-item-hint").render())
        await pilot.press(*"调解记录", "enter", *"调解宅基地纠纷", "enter")
        form.query_one("#deed-day").value = "2026-11-20"
        await pilot.press("enter")
        assert pilot.app.focused.id == "deed-self-applied"
        await pilot.press("space", "enter")  # Enter on the last field registers
        await settle(pilot)
        [deed] = list_deeds()
        assert (deed.household, deed.item_id, deed.evidence, deed.what) == (
            "0102", "5.3", "调解记录", "调解宅基地纠纷")
        assert (deed.day, deed.self_applied) == (date(2026, 11, 20), True)
        text = detail(pilot.app)
        assert "2026-11-20" in text and "证明：调解记录" in text and "本户申请" in text


async def test_an_empty_item_field_opens_the_whole_rubric_and_esc_comes_back(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press("a", *"0101", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RubricPicker)
        assert len(pilot.app.screen.matches) == 45
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, DeedForm) and pilot.app.focused.id == "deed-item"
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, DeedsScreen)
        assert list_deeds() == []


async def test_a_closed_household_is_refused_in_the_picker(deeds_app):
    roster.close_household(actor(), "0301", "全家迁往县城")
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press("a", *"0301", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HouseholdPicker)
        said = str(pilot.app.screen.query_one("#household-detail").render())
        assert "0301" in said and "已注销" in said and "不能办理" in said
        assert list_deeds() == []


async def test_the_store_refusal_is_shown_and_the_form_stays(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press("a", *"0202", "enter")
        await settle(pilot)
        # An unknown item id is the store's to refuse.
        await pilot.press(*"9.9", "ctrl+s")
        await settle(pilot)
        assert "没有编号为 9.9 的条目" in form_error(pilot.app)
        # Closed by someone else while the form was open.
        roster.close_household(actor(), "0202", "全家迁往县城")
        pilot.app.screen.query_one("#deed-item").value = "5.3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "0202" in form_error(pilot.app) and "不能办理" in form_error(pilot.app)
        assert isinstance(pilot.app.screen, DeedForm)
        assert list_deeds() == []


async def test_a_bad_date_is_said_before_anything_is_written(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press("a", *"0101", "enter")
        await settle(pilot)
        pilot.app.screen.query_one("#deed-day").value = "11月20日"
        await pilot.press(*"5.3", "ctrl+s")
        await settle(pilot)
        assert "应写作 2026-11-26" in form_error(pilot.app)
        assert pilot.app.focused.id == "deed-day" and list_deeds() == []


async def test_withdraw_with_a_reason(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        first = register_deed(actor(), "0101", item_id="5.3")
        second = register_deed(actor(), "0102", item_id="1.1")
        await open_deeds(pilot)
        await pilot.press("w", "enter")  # an empty reason is refused
        assert "请填写" in str(pilot.app.screen.query_one("#ask-error").render())
        await pilot.press(*"重复登记", "enter")
        await settle(pilot)
        withdrawn = {deed.id: deed for deed in list_deeds()}[first.id]
        assert (withdrawn.status, withdrawn.status_reason) == ("withdrawn", "重复登记")
        assert Audit.select().where(Audit.action == "deed.withdraw").count() == 1
        assert [line.split()[1] for line in table_lines(pilot.app)] == [str(second.id)]
        assert "事迹 1 已撤回" in " ".join(notices(pilot.app))
        # Every deed with its status; a withdrawn one cannot be withdrawn again.
        await pilot.press("v")
        await settle(pilot)
        assert "全部事迹 2 条" in status_line(pilot.app)
        assert table_lines(pilot.app)[0].endswith("已撤回")
        assert pilot.app.screen.current.id == second.id  # the cursor stays on its deed
        await pilot.press("up")
        assert "已撤回：重复登记" in detail(pilot.app)
        await pilot.press("w")
        assert "当前为“已撤回”" in notices(pilot.app)[-1]
        assert not isinstance(pilot.app.screen, DeedForm)
        await pilot.press("v")
        await settle(pilot)
        assert "待评议事迹 1 条" in status_line(pilot.app)


async def test_esc_in_the_reason_withdraws_nothing(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        register_deed(actor(), "0101", item_id="5.3")
        await open_deeds(pilot)
        await pilot.press("w", *"重复", "escape")
        await settle(pilot)
        assert [deed.status for deed in list_deeds()] == ["pending"]


async def test_pending_deeds_are_listed_by_group(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        for card in ("0301", "0202", "0101", "0201", "0102"):
            register_deed(actor(), card, item_id="5.3")
        withdraw_deed(actor(), 2, "重复登记")  # 0202's
        register_deed(actor(), "0103", item_id="1.1", day=date(2026, 11, 2))
        await open_deeds(pilot)
        rows = [line.split() for line in table_lines(pilot.app)]
        # By group in roster order, then by day: 0103's earlier deed first in 1组.
        assert [(row[0], row[3]) for row in rows] == [
            ("1组", "0103"), ("1组", "0101"), ("1组", "0102"), ("2组", "0201"), ("3组", "0301")]
        assert all(row[-1] == "待评议" for row in rows)
        await pilot.press("g")
        await settle(pilot)
        assert [row.split()[3] for row in table_lines(pilot.app)] == ["0103", "0101", "0102"]
        assert "只看1组" in status_line(pilot.app)
        await pilot.press("g", "g", "g")  # 2组, 3组, then all groups again
        await settle(pilot)
        assert len(table_lines(pilot.app)) == 5
        await pilot.press("v")
        await settle(pilot)
        groups = [line.split()[0] for line in table_lines(pilot.app)]
        assert groups == ["1组", "1组", "1组", "2组", "2组", "3组"]


async def test_a_registered_deed_gets_the_cursor(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        register_deed(actor(), "0101", item_id="5.3")
        register_deed(actor(), "0201", item_id="5.3")
        await open_deeds(pilot)
        await pilot.press("a", *"0102", "enter", *"1.1", "ctrl+s")
        await settle(pilot)
        assert "0102" in detail(pilot.app)
        assert pilot.app.screen.current.household == "0102"


async def test_no_deeds_yet(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        assert table_lines(pilot.app) == []
        assert "按 a 登记" in detail(pilot.app)


async def test_without_a_rubric_a_deed_needs_words(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press("a", *"0101", "enter")
        await settle(pilot)
        await pilot.press("enter")  # no rubric to pick from
        assert "尚未采用评分细则" in form_error(pilot.app)
        pilot.app.screen.query_one("#deed-what").value = "帮邻居抢收玉米"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [deed] = list_deeds()
        assert (deed.item_id, deed.what) == ("", "帮邻居抢收玉米")


async def test_keys_in_the_footer_help_and_palette(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        screen = await open_deeds(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        for shown in ("a 登记", "w 撤回", "v 全部事迹", "F1 帮助"):
            assert shown in footer
        await pilot.press("v")
        await settle(pilot)
        assert "v 只看待评议" in screen_text(pilot.app).splitlines()[-1]
        labels = {binding.description for binding in described_bindings(screen)}
        assert {"登记", "撤回", "全部事迹", "只看待评议", "分组", "上一组"} <= labels
        await pilot.press("f1")
        await settle(pilot)
        help_text = str(pilot.app.screen.query_one("#help-text").render())
        for label in ("登记", "撤回", "全部事迹", "只看待评议", "分组", "上一组"):
            assert label in help_text
        await pilot.press("escape", "ctrl+p", *"撤回")
        await settle(pilot)
        assert "撤回  (w)" in screen_text(pilot.app)


async def test_it_fits_80x24(deeds_app):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        register_deed(actor(), "0201", item_id="5.3", evidence="双方签字的调解记录")
        await open_deeds(pilot)
        lines = screen_text(pilot.app).splitlines()
        assert len(lines) == 24 and lines[0].lstrip().startswith("麻子沟村")
        assert "阿不都·热~" in lines[2]  # cut to its column, still in line
        await pilot.press("a", *"0201", "enter")
        await settle(pilot)
        lines = screen_text(pilot.app).splitlines()
        box = [line for line in lines if "│" in line or "╭" in line or "╰" in line]
        assert "Ctrl+S 登记 · Esc 取消" in "\n".join(box)
        assert box[0].lstrip().startswith("╭") and box[-1].lstrip().startswith("╰")


ASCII_VILLAGE = [{"card_no": "A01", "head": "Zhang San", "group": "East", "house_no": "East 3"},
                 {"card_no": "A02", "head": "Li Si", "group": "West", "house_no": "West 12"}]


@pytest.fixture
def english_app(tmp_path):
    """A village whose data has no Chinese, so any Chinese on screen came from code."""
    path = tmp_path / "plain.jifen"
    village.create_village(path, name="Dongcun", population=300, clerk="Wang", today=TODAY)
    clerk = resolve_actor(today=TODAY)
    with db.write():
        for values in ASCII_VILLAGE:
            insert_household(clerk, values)
    adopt_rubric_text(clerk, ASCII_RUBRIC, "plain.toml")
    register_deed(clerk, "A02", item_id="1.1", evidence="Signed record")
    withdraw_deed(clerk, register_deed(clerk, "A01", item_id="1.1").id, "twice")
    yield make_app(path, clerk, "en")
    db.close_village()
    set_language("zh")


@pytest.mark.parametrize("keys", [(), ("v",), ("a",), ("a", "enter"), ("a", "enter", "x", "enter"),
                                  ("w",), ("f1",)],
                         ids=lambda keys: "+".join(keys) or "list")
async def test_in_english_nothing_is_chinese(english_app, keys):
    async with english_app.run_test(size=(80, 24)) as pilot:
        await open_deeds(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        text = screen_text(pilot.app)
        assert IDEOGRAPH.findall(text) == [], text
        if not keys:
            assert "Pending deeds: 1" in text and "Register" in text


# Words that are the same in the Chinese screens: key names and the rubric's example.
ALLOWED_ENGLISH = {"Ctrl", "Esc", "Enter", "Space", "PgUp", "PgDn", "zsf", "xtll"}


@pytest.mark.parametrize("keys", [(), ("v",), ("a",), ("a", "enter"), ("w",)],
                         ids=lambda keys: "+".join(keys) or "list")
async def test_in_chinese_nothing_is_english(deeds_app, keys):
    async with deeds_app().run_test(size=(80, 24)) as pilot:
        register_deed(actor(), "0201", item_id="5.3", evidence="调解记录")
        await open_deeds(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert english_words(pilot.app) - ALLOWED_ENGLISH == set()
