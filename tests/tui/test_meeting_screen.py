"""The review meeting through Pilot, on the test village under the Tongguan policy.

Tongguan caps a household at 20 points a month and gives a village of up to
3,000 people 250 a month; the 篇五 items (the demo's rubric) are scored. Every
test also counts the keys an award takes, as the clerk would press them.
"""

from datetime import date

import pytest

from store import deeds, reviews, roster
from store.actor import resolve_actor
from store.models import Award, Deed, Review
from store.roster import HouseholdFields
from tests.conftest import TODAY
from tests.store.points_helpers import adopt
from tests.tui.conftest import english_words, screen_text, settle, table_lines, until
from tui.dialogs.ask import Confirm
from tui.dialogs.rubric_picker import RubricPicker
from tui.screens.meeting import MeetingScreen
from tui.widgets.meeting_card import MeetingCard

PROJECTOR, COMPACT = (160, 45), (80, 24)

# The deeds the liaisons registered this month, in the order the meeting takes them
# (by villager group, then household, then day).
DEEDS = [
    ("0101", "5.3", "调解王李两家宅基地纠纷", "双方签字的调解记录", date(2026, 11, 3)),
    ("0101", "5.2", "帮助独居老人秋收", "老人签字的说明", date(2026, 11, 12)),
    ("0102", "8.1", "冒雨抢修村道塌方", "村委会现场照片", date(2026, 11, 8)),
    ("0201", "2.2", "待人热情有礼", "", date(2026, 11, 5)),
    ("0202", "5.4", "参加义务植树", "", date(2026, 11, 9)),
]


def register(actor, deeds_list=DEEDS) -> None:
    for card, item, what, evidence, day in deeds_list:
        deeds.register_deed(actor, card, item_id=item, what=what, evidence=evidence, day=day)


@pytest.fixture
def meeting_app(app_on):
    """The app on the test village with the Tongguan policy, deeds waiting, a review open."""

    def make(language: str = "zh", *, open_review: bool = True):
        app = app_on(language)   # opens the village
        actor = resolve_actor(today=TODAY)
        adopt(actor, "mazigou", "tongguan")
        register(actor)
        if open_review:
            reviews.open_review(actor, "2026-11", "张国强,杨志明")
        return app

    return make


class Keys:
    """Presses keys and counts them: what an award costs the clerk."""

    def __init__(self, pilot) -> None:
        self.pilot, self.count = pilot, 0

    async def __call__(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)
        await settle(self.pilot)

    def take(self) -> int:
        counted, self.count = self.count, 0
        return counted


async def start(pilot) -> MeetingScreen:
    await settle(pilot)
    pilot.app.clear_notifications()   # a toast (the offer to resume) would cover the text
    await pilot.app.push_screen(MeetingScreen())
    await settle(pilot)
    return pilot.app.screen


def awards() -> list[tuple[str, str, int, int, str]]:
    return [(a.household.card_no, a.item_id, a.points, a.asked_points, a.status)
            for a in Award.select().order_by(Award.id)]


def said(app) -> str:
    return str(app.screen.query_one("#meeting-say").render())


# --- the default view ------------------------------------------------------------------

async def test_a_large_terminal_shows_the_projector_card(meeting_app):
    async with meeting_app().run_test(size=PROJECTOR) as pilot:
        screen = await start(pilot)
        assert screen.projecting and screen.query_one(MeetingCard).display
        text = screen_text(pilot.app)
        assert "0101  张三丰" in text and "调解王李两家宅基地纠纷" in text
        assert "双方签字的调解记录" in text and "登记人 王建国" in text
        assert "5.3 协调邻里纠纷" in text and "每次 15 分" in text
        assert "每户上限 20 分，还可得 20 分" in text
        assert "全村总额 250 分，还剩 250 分" in text
        assert "第 1 条 / 共 5 条" in text
        assert screen.query_one("#score-award Digits").value == "15"


async def test_80x24_shows_the_compact_table_and_v_switches(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        screen = await start(pilot)
        assert not screen.projecting
        lines = table_lines(pilot.app)
        assert [line.split()[1] for line in lines] == ["0101", "0101", "0102", "0201", "0202"]
        assert "1~100" in lines[2] and "待评议" in lines[2]
        text = screen_text(pilot.app)
        assert "还可得 20 分" in text and "还剩 250 分" in text
        await pilot.press("v")
        await settle(pilot)
        assert screen.projecting and "第 1 条 / 共 5 条" in screen_text(pilot.app)
        await pilot.press("v")
        await settle(pilot)
        assert not screen.projecting


async def test_without_an_open_review_o_opens_one_for_this_month(meeting_app):
    async with meeting_app(open_review=False).run_test(size=COMPACT) as pilot:
        await start(pilot)
        assert "按 o 为 2026-11 召开评议会" in screen_text(pilot.app)
        await pilot.press("y")   # nothing to accept yet: nothing happens
        await pilot.press("o")
        await settle(pilot)
        pilot.app.screen.query_one("#open-attendees").value = "张国强,杨志明"
        await pilot.press("enter")
        await settle(pilot)
        review = Review.get()
        assert (review.period, review.status, review.attendees) == ("2026-11", "open",
                                                                   "张国强,杨志明")
        assert len(table_lines(pilot.app)) == 5


# --- deciding ------------------------------------------------------------------------------

async def test_accept_is_one_key_and_moves_to_the_next_deed(meeting_app):
    async with meeting_app().run_test(size=PROJECTOR) as pilot:
        screen = await start(pilot)
        keys = Keys(pilot)
        await keys("y")
        assert keys.take() == 1
        assert awards() == [("0101", "5.3", 15, 15, "proposed")]
        assert "已记：0101 张三丰，5.3 协调邻里纠纷，15 分" in said(pilot.app)
        assert screen.current.deed.what == "帮助独居老人秋收"      # the next deed
        text = screen_text(pilot.app)
        assert "每户上限 20 分，还可得 5 分" in text           # the household meter moved
        assert "全村总额 250 分，还剩 235 分" in text           # and the budget meter


async def test_pick_another_item_in_at_most_six_keys(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        screen = await start(pilot)
        await pilot.press("down", "down", "down")   # 0201's deed, suggested 2.2
        await settle(pilot)
        keys = Keys(pilot)
        await keys("p")
        assert isinstance(pilot.app.screen, RubricPicker)
        assert "0201" in screen_text(pilot.app)          # the picker says whose deed
        await keys(*"7.4", "enter")
        assert keys.take() == 5                         # p, 7, ., 4, Enter
        assert awards() == [("0201", "7.4", 5, 5, "proposed")]
        assert Deed.get(Deed.what == "待人热情有礼").status == "awarded"
        assert screen.current.deed.what == "参加义务植树"


async def test_set_points_for_an_item_the_meeting_scores(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        screen = await start(pilot)
        await pilot.press("right", "right")          # 0102: 8.1 其他事迹, 1~100
        await settle(pilot)
        keys = Keys(pilot)
        await keys("s")
        assert pilot.app.screen.query_one("#meeting-points")
        await keys(*"200", "enter")                  # out of range: refused in the dialog
        assert "1 到 100" in str(pilot.app.screen.query_one("#ask-error").render())
        await keys("backspace", "backspace", "backspace", *"12", "enter")
        assert awards() == [("0102", "8.1", 12, 12, "proposed")]
        assert screen.current.card == "0201"
        # The awards made come first on the agenda, then the deeds still waiting.
        assert "12" in table_lines(pilot.app)[0] and "已评" in table_lines(pilot.app)[0]
        await pilot.press("home")
        await settle(pilot)
        assert screen.current.award.points == 12


async def test_accepting_an_item_the_meeting_scores_asks_its_points(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        await start(pilot)
        await pilot.press("right", "right")
        keys = Keys(pilot)
        await keys("y", *"30", "enter")              # 30 asked: over the cap of 20
        assert "只剩 20 分，按 20 分记？" in screen_text(pilot.app)
        await keys("enter")
        assert keys.take() == 5
        assert awards() == [("0102", "8.1", 20, 30, "proposed")]


async def test_fixed_points_cannot_be_set(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        await start(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "分值固定（15 分）" in said(pilot.app)
        assert awards() == []


async def test_reject_with_a_reason(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        screen = await start(pilot)
        await pilot.press("end")                     # 0202's deed, the last
        await settle(pilot)
        await pilot.press("r", "enter")              # an empty reason is refused
        assert "请填写" in str(pilot.app.screen.query_one("#ask-error").render())
        await pilot.press(*"没有签到记录", "enter")
        await settle(pilot)
        deed = Deed.get(Deed.what == "参加义务植树")
        assert (deed.status, deed.status_reason) == ("rejected", "没有签到记录")
        assert "已驳回：0202 欧阳建国" in said(pilot.app)
        assert len(table_lines(pilot.app)) == 4 and awards() == []
        assert screen.current.pending


async def test_an_award_on_the_spot_for_any_household(meeting_app):
    async with meeting_app().run_test(size=PROJECTOR) as pilot:
        await start(pilot)
        keys = Keys(pilot)
        await keys("a", *"0301", "enter")
        assert isinstance(pilot.app.screen, RubricPicker)
        assert "现场加分：0301 李四" in screen_text(pilot.app)
        await keys(*"6.3", "enter")
        assert keys.take() == 10
        assert awards() == [("0301", "6.3", 5, 5, "proposed")]
        award = Award.get()
        assert award.deed is None
        assert "已记：0301 李四" in said(pilot.app)
        # The card stays on the deed it was showing; the award is on the agenda.
        assert pilot.app.screen.current.deed.what == "调解王李两家宅基地纠纷"
        await pilot.press("left")
        await settle(pilot)
        assert "评议会上现场提出" in screen_text(pilot.app)


async def test_a_household_found_by_name_and_an_unknown_one(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        await start(pilot)
        await pilot.press("a", *"欧阳", "enter")
        await settle(pilot)
        assert "现场加分：0202 欧阳建国" in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a", *"9999", "enter")
        await settle(pilot)
        assert "9999" in said(pilot.app) and awards() == []


async def test_the_cap_refuses_in_words_and_offers_the_trim(meeting_app):
    async with meeting_app().run_test(size=PROJECTOR) as pilot:
        await start(pilot)
        keys = Keys(pilot)
        await keys("y")                               # 0101: 15 of 20
        await keys("y")                               # 0101 again: 20 more, 5 left
        dialog = pilot.app.screen
        assert isinstance(dialog, Confirm)
        text = screen_text(pilot.app)
        assert "张三丰（0101）本月已得 15 分，每户上限 20 分，只剩 5 分。" in text
        assert "只剩 5 分，按 5 分记？" in text
        await keys("enter")
        assert keys.take() == 3                       # y, then y and Enter for the trimmed one
        assert awards() == [("0101", "5.3", 15, 15, "proposed"),
                            ("0101", "5.2", 5, 20, "proposed")]
        assert "按上限记 5 分（原 20 分）" in said(pilot.app)


async def test_a_full_cap_refuses_without_a_trim(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        await start(pilot)
        actor = resolve_actor(today=TODAY)
        reviews.propose_award(actor, "0101", "5.2")   # 20: the cap is used up
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, Confirm)
        assert "张三丰（0101）本月已得满每户上限 20 分，不能再加分。" in said(pilot.app)
        assert len(awards()) == 1


async def test_declining_the_trim_records_nothing(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        await start(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert len(awards()) == 1 and "没有记分" in said(pilot.app)
        assert pilot.app.screen.current.deed.what == "帮助独居老人秋收"


async def test_the_budget_meter_and_its_refusal(meeting_app):
    app = meeting_app()
    actor = resolve_actor(today=TODAY)
    for number in range(1, 13):                      # 12 households at 20: 240 of 250
        card = f"09{number:02d}"
        roster.add_household(actor, HouseholdFields(card_no=card, head=f"村民{number}",
                                                    group="9"))
        reviews.propose_award(actor, card, "5.2")
    async with app.run_test(size=PROJECTOR) as pilot:
        await start(pilot)
        text = screen_text(pilot.app)
        assert "全村总额 250 分，还剩 10 分" in text
        await pilot.press("y")                        # 15 asked, 10 left in the village
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "全村本月已评 240 分，总额 250 分，只剩 10 分。" in text
        await pilot.press("enter")
        await settle(pilot)
        assert awards()[-1] == ("0101", "5.3", 10, 15, "proposed")
        assert "全村总额 250 分已评完" in screen_text(pilot.app)


async def test_withdraw_frees_the_cap_and_the_deed_waits_again(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        screen = await start(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("home")                     # the award just made
        await settle(pilot)
        assert screen.current.award is not None
        await pilot.press("w", *"记错了户", "enter")
        await settle(pilot)
        assert awards() == [("0101", "5.3", 15, 15, "withdrawn")]
        assert "已撤回：0101 张三丰 的 15 分" in said(pilot.app)
        assert "已撤回" in table_lines(pilot.app)[0]
        assert "还可得 20 分" in screen_text(pilot.app)
        assert Deed.get(Deed.what == "调解王李两家宅基地纠纷").status == "pending"
        assert len(table_lines(pilot.app)) == 6       # the deed is back on the agenda
        await pilot.press("w")                        # a withdrawn award: nothing to do
        await settle(pilot)
        assert not isinstance(pilot.app.screen, Confirm)


async def test_keys_that_do_not_apply_to_the_card_are_not_offered(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        screen = await start(pilot)
        assert screen.check_action("accept", ()) and not screen.check_action("withdraw", ())
        await pilot.press("y", "home")
        await settle(pilot)
        assert not screen.check_action("accept", ()) and screen.check_action("withdraw", ())
        assert not screen.check_action("open_review", ())


# --- a whole meeting ----------------------------------------------------------------------

async def test_a_whole_meeting_and_its_keystrokes(meeting_app):
    """From the first deed to the last, then close from the command line's store call."""
    async with meeting_app().run_test(size=PROJECTOR) as pilot:
        screen = await start(pilot)
        keys = Keys(pilot)
        per_award = {}
        await keys("y")                                        # 0101 5.3: 15
        per_award["accept"] = keys.take()
        await keys("y", "enter")                               # 0101 5.2: trimmed to 5
        per_award["accept, trimmed"] = keys.take()
        await keys("y", *"12", "enter")                        # 0102 8.1: the meeting sets 12
        per_award["accept, points set"] = keys.take()
        await keys("p", *"7.4", "enter")                       # 0201: another item
        per_award["another item"] = keys.take()
        await keys("r", *"没有签到记录", "enter")               # 0202: rejected
        per_award["reject, with a reason of 6 characters"] = keys.take()
        await keys("a", *"0301", "enter", *"6.3", "enter")     # on the spot
        per_award["on the spot"] = keys.take()
        assert screen.meeting.pending_count == 0
        assert awards() == [("0101", "5.3", 15, 15, "proposed"),
                            ("0101", "5.2", 5, 20, "proposed"),
                            ("0102", "8.1", 12, 12, "proposed"),
                            ("0201", "7.4", 5, 5, "proposed"),
                            ("0301", "6.3", 5, 5, "proposed")]
        assert "已评 5 项 42 分" in screen_text(pilot.app)
        assert per_award == {"accept": 1, "accept, trimmed": 2, "accept, points set": 4,
                             "another item": 5, "reject, with a reason of 6 characters": 8,
                             "on the spot": 10}
    info = reviews.close_review(resolve_actor(today=TODAY))
    assert len(info.awards) == 5


async def test_a_quick_second_key_waits_for_the_first_decision(meeting_app):
    """Two y's in a row award two deeds, never the same one twice."""
    async with meeting_app().run_test(size=COMPACT) as pilot:
        await start(pilot)
        await pilot.press("y")
        await until(pilot, lambda: not pilot.app.screen.busy)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)    # the second deed meets the cap


async def test_limits_refuse_in_the_rooms_words_on_the_spot(meeting_app):
    async with meeting_app().run_test(size=COMPACT) as pilot:
        await start(pilot)
        actor = resolve_actor(today=TODAY)
        reviews.propose_award(actor, "0301", "2.2")            # at most once a month
        await pilot.press("a", *"0301", "enter", *"2.2", "enter")
        await settle(pilot)
        assert "李四（0301）本月已得过“文明礼貌”1 次，不能再加。" in said(pilot.app)
        reviews.propose_award(actor, "0301", "5.3")            # 5 + 15: the cap is reached
        await pilot.press("a", *"0301", "enter", *"6.3", "enter")
        await settle(pilot)
        assert "李四（0301）本月已得满每户上限 20 分，不能再加分。" in said(pilot.app)
        assert len(awards()) == 2


async def test_the_compact_columns_line_up_whatever_the_names(meeting_app):
    from rich.cells import cell_len

    async with meeting_app().run_test(size=COMPACT) as pilot:
        await start(pilot)
        text = screen_text(pilot.app)
        assert all(cell_len(line) <= 80 for line in text.splitlines())
        lines = table_lines(pilot.app)
        starts = {cell_len(line[:line.index("待评议")]) for line in lines}
        assert len(starts) == 1, lines


async def test_the_projector_names_who_comes_next(meeting_app):
    async with meeting_app().run_test(size=PROJECTOR) as pilot:
        await start(pilot)
        assert "接下来：0101 张三丰、0102 单雪梅、0201 阿不都·热合曼、0202 欧阳建国" in \
            screen_text(pilot.app)
        await pilot.press("end")
        await settle(pilot)
        assert "后面没有待评议的事迹了" in screen_text(pilot.app)


# --- English: nothing Chinese comes from the code ------------------------------------------

ENGLISH_RUBRIC = """
[rubric]
id = "dongcun"
name = "Dongcun scoring rules"
source = "test"
version = 1

[[category]]
id = "1"
name = "Good neighbours"
kind = "bonus"

[[category.item]]
id = "1.1"
name = "Settling a dispute"
points = 15
unit = "per_time"
evidence = "signed record"

[[category.item]]
id = "1.2"
name = "Polite"
points = 5
unit = "per_item"
max_per_period = 1

[[category]]
id = "2"
name = "Other"
kind = "bonus"

[[category.item]]
id = "2.1"
name = "Other deeds"
unit = "per_time"
meeting_sets_points = true
min_points = 1
max_points = 100
"""


@pytest.fixture
def english_meeting(tmp_path):
    """An ASCII village under Tongguan's numbers: any Chinese on screen came from code."""
    from store import db, village
    from store.adoption import adopt_policy_text, adopt_rubric_text
    from store.roster import insert_household
    from store.shipped import shipped_text
    from tui.app import make_app
    from tui.i18n import set_language

    path = tmp_path / "ascii.jifen"
    village.create_village(path, name="Dongcun", population=300, clerk="Wang", today=TODAY)
    actor = resolve_actor(today=TODAY)
    with db.write():
        for card, head in (("A01", "Zhang San"), ("A02", "Li Si")):
            insert_household(actor, {"card_no": card, "head": head, "group": "East"})
    adopt_rubric_text(actor, ENGLISH_RUBRIC)
    adopt_policy_text(actor, shipped_text("policy-tongguan.toml"))
    register(actor, [("A01", "1.1", "Settled a quarrel", "signed record", date(2026, 11, 3)),
                     ("A01", "1.1", "Settled another", "", date(2026, 11, 4)),
                     ("A02", "2.1", "Fixed the road", "photos", date(2026, 11, 5))])
    yield lambda: make_app(path, actor, "en")
    db.close_village()
    set_language("zh")


def _no_chinese(app) -> None:
    import re

    text = screen_text(app)
    assert re.findall(r"[\u3400-\u9fff]", text) == [], text


@pytest.mark.parametrize("size", [PROJECTOR, COMPACT])
async def test_english_meeting_shows_no_chinese(english_meeting, size):
    async with english_meeting().run_test(size=size) as pilot:
        await start(pilot)
        _no_chinese(pilot.app)                               # no review: the offer to open
        await pilot.press("o")
        await settle(pilot)
        _no_chinese(pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        _no_chinese(pilot.app)                               # the card or the table
        assert "Settled a quarrel" in screen_text(pilot.app)
        await pilot.press("y", "y")                          # 15, then 15 more: 5 left
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        _no_chinese(pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        _no_chinese(pilot.app)
        for keys in (("s",), ("p",), ("r",), ("a",), ("f1",), ("ctrl+p",)):
            await pilot.press(*keys)
            await settle(pilot)
            _no_chinese(pilot.app)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("home", "v")
        await settle(pilot)
        _no_chinese(pilot.app)                               # the other view, on an award
        await pilot.press("w")
        await settle(pilot)
        _no_chinese(pilot.app)


@pytest.mark.parametrize("size", [PROJECTOR, COMPACT])
async def test_chinese_meeting_shows_no_english(meeting_app, size):
    from tests.tui.test_catalog import ALLOWED_ENGLISH

    async with meeting_app().run_test(size=size) as pilot:
        await start(pilot)
        for keys in ((), ("y",), ("y",), ("escape", "r"), ("escape", "f1")):
            await pilot.press(*keys)
            await settle(pilot)
            assert english_words(pilot.app) - ALLOWED_ENGLISH == set(), keys


async def test_a_review_with_no_deeds_waiting_still_takes_awards_on_the_spot(app_on):
    app = app_on()
    actor = resolve_actor(today=TODAY)
    adopt(actor, "mazigou", "tongguan")
    reviews.open_review(actor, "2026-11")
    async with app.run_test(size=PROJECTOR) as pilot:
        await start(pilot)
        assert "没有待评议的事迹。按 a 为任一户现场加分。" in screen_text(pilot.app)
        await pilot.press("y")                               # nothing to accept
        await pilot.press("a", *"zsf", "enter", *"5.3", "enter")
        await settle(pilot)
        assert awards() == [("0101", "5.3", 15, 15, "proposed")]
        assert "评议会上现场提出" in screen_text(pilot.app)
        assert "后面没有待评议的事迹了" in screen_text(pilot.app)


async def test_f1_and_the_palette_know_every_meeting_key(meeting_app):
    from tui.keys import described_bindings

    async with meeting_app().run_test(size=COMPACT) as pilot:
        screen = await start(pilot)
        await pilot.press("f1")
        await settle(pilot)
        help_text = str(pilot.app.screen.query_one("#help-text").render())
        for binding in described_bindings(screen):
            assert binding.description in help_text, binding
        assert "通过：按建议的条目记分（一键）" in help_text
        await pilot.press("escape", "ctrl+p", *"现场加分")
        await until(pilot, lambda: "(a)" in screen_text(pilot.app))
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen.query("#meeting-spot"))


async def test_the_mazigou_policy_has_no_cap_and_no_budget_and_says_so(app_on):
    app = app_on()
    actor = resolve_actor(today=TODAY)
    adopt(actor, "mazigou", "mazigou")
    register(actor, DEEDS[:2])
    reviews.open_review(actor, "2026-11")
    async with app.run_test(size=PROJECTOR) as pilot:
        await start(pilot)
        await pilot.press("y", "y")                       # 15 + 20: no cap to stop it
        await settle(pilot)
        assert [a[2] for a in awards()] == [15, 20]
        await pilot.press("left")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "本办法不设每户上限" in text and "本办法不设全村总额" in text
        assert pilot.app.screen.query_one("#score-household Digits").value == "35"


async def test_a_deed_without_a_suggested_item_goes_to_the_picker(meeting_app):
    app = meeting_app()
    actor = resolve_actor(today=TODAY)
    deeds.register_deed(actor, "0301", what="主动清理河道垃圾", day=date(2026, 11, 1))
    async with app.run_test(size=COMPACT) as pilot:
        await start(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert "未建议条目" in screen_text(pilot.app)
        keys = Keys(pilot)
        await keys("y")
        assert isinstance(pilot.app.screen, RubricPicker)
        await keys(*"5.5", "enter")
        assert keys.take() == 5
        assert awards() == [("0301", "5.5", 5, 5, "proposed")]


async def test_deeds_registered_elsewhere_show_on_return(meeting_app):
    """F5 registers a deed during the meeting; back at F6 it is on the agenda at once."""
    from store.deeds import register_deed

    async with meeting_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("f6")
        await settle(pilot)
        waiting = pilot.app.screen.meeting.pending_count
        await pilot.press("f5")
        await settle(pilot)
        register_deed(resolve_actor(today=TODAY), "0202", item_id="5.4")
        await pilot.press("f6")
        await settle(pilot)
        assert pilot.app.screen.meeting.pending_count == waiting + 1


async def test_the_meeting_may_set_a_negative_score(meeting_app):
    from tui.dialogs.ask_points import AskPoints

    async with meeting_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = AskPoints("扣分", -20, -1)
        answers = []
        await pilot.app.push_screen(dialog, answers.append)
        await pilot.press(*"-5", "enter")
        await settle(pilot)
        assert answers == [-5]
