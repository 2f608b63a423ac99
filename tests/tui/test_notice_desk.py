"""The notice desk through Pilot: close, objections, sign-off, finalize, the notice and slips.

A November review under the Tongguan policy on the test village, closed (or not)
on TODAY; the notice runs 27-29 November. Later days come from the app's actor.
"""

import os
import re
from dataclasses import replace
from datetime import timedelta

import pytest

from store import db, ledger, reviews, staff
from store.actor import resolve_actor
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.models import Objection
from store.objections import objections_of, raise_objection
from store.shipped import shipped_text
from tests.conftest import TODAY
from tests.tui.conftest import screen_text, settle, table_lines
from tui.app import make_app
from tui.dialogs.objection import ObjectionForm, ResolveForm
from tui.dialogs.text_preview import TextPreview
from tui.screens.help import HelpScreen
from tui.screens.notices import NoticeDeskScreen

IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")


def month(*, closed: bool = True, signoff: bool = False) -> None:
    """Three awards at the November review: 15, 20 and 5 points."""
    actor = resolve_actor(today=TODAY)
    adopt_rubric_text(actor, shipped_text("rubric-mazigou.toml"))
    policy = shipped_text("policy-tongguan.toml")
    if signoff:
        policy = policy.replace("supervisor_signoff = false", "supervisor_signoff = true")
    adopt_policy_text(actor, policy, "policy-tongguan.toml")
    reviews.open_review(actor, "2026-11", "张国强,杨志明")
    reviews.propose_award(actor, "0101", "5.3")
    reviews.propose_award(actor, "0102", "5.2")
    reviews.propose_award(actor, "0201", "2.2")
    if closed:
        reviews.close_review(actor)


@pytest.fixture
def desk_app(app_on):
    """The app on the test village with a November review; `days` moves the clerk's today."""

    def make(language: str = "zh", *, days: int = 0, **kwargs):
        app = app_on(language)
        month(**kwargs)
        app.actor = later(app.actor, days)
        return app

    return make


def later(actor, days: int):
    return replace(actor, today_override=TODAY + timedelta(days=days))


async def open_desk(pilot) -> NoticeDeskScreen:
    await settle(pilot)
    screen = NoticeDeskScreen()
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def award_lines(app) -> list[str]:
    table = app.screen.awards_table
    return [table.row_text(index).rstrip() for index in range(table.row_count)]


def notices(app) -> str:
    return "\n".join(str(notice.message) for notice in app._notifications)


async def to_award(pilot, award_id: int) -> None:
    """The awards table, with the cursor on an award."""
    screen = pilot.app.screen
    table = screen.awards_table
    table.focus()
    table.cursor = [award.id for award in screen.current.awards].index(award_id)
    await settle(pilot)


# --- closing ---------------------------------------------------------------------------

async def test_close_asks_with_what_goes_on_notice_and_until_when(desk_app):
    async with desk_app(closed=False).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        assert "评议中" in table_lines(pilot.app)[0]
        await pilot.press("c")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "结束评议会 1（2026-11）" in text
        assert "3 项评分将张榜公示：2026-11-27 至 2026-11-29，共 3 天。" in text
        await pilot.press("escape")  # no: nothing changes
        await settle(pilot)
        assert reviews.review_info(1).status == "open"
        await pilot.press("c", "enter")
        await settle(pilot)
        review = reviews.review_info(1)
        assert (review.status, str(review.notice_last_day)) == ("closed", "2026-11-29")
        assert "评议会 1 已结束，3 项评分开始公示，公示到 2026-11-29。" in notices(pilot.app)
        assert "公示中" in table_lines(pilot.app)[0]
        assert "公示期 2026-11-27 至 2026-11-29" in screen_text(pilot.app)


async def test_keys_that_cannot_apply_stay_out_of_the_footer(desk_app):
    async with desk_app(days=4).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        assert "登记异议" in footer and "入账" in footer and "结束评议" not in footer
        assert "处理异议" not in footer  # no objection is open
        await pilot.press("f", "enter")
        await settle(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        assert "登记异议" not in footer and "n 公示" in footer and "告知单" in footer
        await pilot.press("o")  # finalized: objections are closed, the key does nothing
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ObjectionForm)


# --- objections ------------------------------------------------------------------------

async def _register(pilot, award_id: int, by: str, reason: str) -> None:
    await to_award(pilot, award_id)
    await pilot.press("o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ObjectionForm)
    await pilot.press(*by, "enter", *reason, "enter")
    await settle(pilot)


LEADER = "张国强"


def leader(days: int):
    """A member of the leading group on this OS account, as `jifen --as 张国强` acts for."""
    staff.add_staff(resolve_actor(today=TODAY), LEADER, "leader", str(os.geteuid()))
    return later(resolve_actor(LEADER), days)


async def test_an_objection_is_registered_and_upheld_with_fewer_points(desk_app):
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await _register(pilot, 2, "李四", "只帮了一次")
        assert "已登记异议 1（评分 2），该项评分暂缓入账。" in notices(pilot.app)
        assert "有异议暂缓" in award_lines(pilot.app)[1]
        assert "异议 1　李四：只帮了一次　[待处理]" in screen_text(pilot.app)
        pilot.app.actor = leader(1)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ResolveForm)
        # Upheld with fewer points: 2, Enter to the points, then the reason.
        await pilot.press("2", "enter", *"30", "enter", *"核实后改分", "enter")
        await settle(pilot)
        error = str(pilot.app.screen.query_one("#form-error").render())
        assert "比原分值 20 小" in error  # the store's refusal, in the dialog
        pilot.app.screen.query_one("#resolve-points").value = "10"
        await pilot.press("ctrl+s")
        await settle(pilot)
        objection = objections_of(1)[0]
        assert (objection.status, objection.new_points) == ("upheld", 10)
        assert reviews.review_info(1).awards[1].points == 10
        assert "异议 1：异议成立。" in notices(pilot.app)
        assert "异议成立改分" in award_lines(pilot.app)[1]
        assert "异议成立，改为 10 分：核实后改分" in screen_text(pilot.app)


async def test_the_clerk_is_told_in_the_form_that_the_leading_group_resolves(desk_app):
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        leader(1)
        await _register(pilot, 3, "王五", "没见过")    # the clerk registers it
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter", *"组长证实确有其事", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ResolveForm)   # open, with the refusal in words
        error = str(pilot.app.screen.query_one("#form-error").render())
        assert error == ("王建国（管理员）不能裁定异议不成立：此事须由领导小组成员办理。"
                         "本系统账户上的 张国强 可以办理：请用 jifen --as 张国强。")
        await pilot.press("escape")
        await settle(pilot)
        assert Objection.get_by_id(1).status == "open"


async def test_a_leader_acting_with_as_resolves_at_the_desk(village_file):
    """`jifen --as 张国强`: the app acts for the party secretary on the shared account."""
    db.open_village(village_file)
    month()
    raise_objection(later(resolve_actor(), 1), 3, "王五", "没见过")
    app = make_app(village_file, leader(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await to_award(pilot, 3)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter", *"组长证实确有其事", "enter")
        await settle(pilot)
        assert Objection.get_by_id(1).status == "dismissed"
        assert "异议 1：异议不成立。" in notices(pilot.app)


async def test_an_objection_is_dismissed_with_a_reason(desk_app):
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await _register(pilot, 3, "王五", "没见过")
        pilot.app.actor = leader(1)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter", *"组长证实确有其事", "enter")  # 1, the first choice: dismissed
        await settle(pilot)
        objection = Objection.get_by_id(1)
        assert (objection.status, objection.resolution) == ("dismissed", "组长证实确有其事")
        assert reviews.review_info(1).awards[2].points == 5
        assert "待入账" in award_lines(pilot.app)[2]


async def test_fewer_points_must_be_a_number(desk_app):
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await _register(pilot, 2, "李四", "只帮了一次")
        await pilot.press("r", "2", "enter", *"十分", "enter", *"核实", "enter")
        await settle(pilot)
        assert "请填写新的分值（整数）。" in str(pilot.app.screen.query_one("#form-error").render())
        assert pilot.app.focused.id == "resolve-points"
        assert objections_of(1)[0].status == "open"


async def test_an_upheld_objection_can_cancel_the_award(desk_app):
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await _register(pilot, 1, "王五", "事迹不实")
        pilot.app.actor = leader(1)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("down", "down", "enter", *"经核实事迹不实", "enter")
        await settle(pilot)
        assert reviews.review_info(1).awards[0].status == "cancelled"
        assert "异议成立取消" in award_lines(pilot.app)[0]


async def test_an_objection_after_the_notice_is_refused_in_the_form(desk_app):
    async with desk_app(days=4).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await _register(pilot, 1, "王五", "太晚了")
        assert isinstance(pilot.app.screen, ObjectionForm)
        error = str(pilot.app.screen.query_one("#form-error").render())
        assert "公示期已于 2026-11-29 结束" in error
        await pilot.press("escape")
        await settle(pilot)
        assert Objection.select().count() == 0


# --- sign-off and finalizing -----------------------------------------------------------

async def test_finalize_is_refused_while_the_notice_runs_then_done(desk_app):
    async with desk_app(days=3).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("f")  # the last day of the notice: no question, the store says no
        await settle(pilot)
        assert "评议会 1 的公示期到 2026-11-29 为止，公示期满后才能入账。" in notices(pilot.app)
        assert reviews.review_info(1).status == "closed"
        pilot.app.actor = later(pilot.app.actor, 4)
        raise_objection(later(pilot.app.actor, 3), 3, "王五", "没见过")  # held back
        pilot.app.screen.load()
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert "2 项评分将记入各户积分，1 项因异议暂缓" in screen_text(pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        assert reviews.review_info(1).status == "finalized"
        assert ledger.balance("0101").spendable == 15
        assert ledger.balance("0201").spendable == 0
        assert "评议会 1 已入账：2 项生效，1 项因异议暂缓。" in notices(pilot.app)
        assert "2026-11-30 入账，2 项生效 · 1 项因异议暂缓" in screen_text(pilot.app)


async def test_a_held_award_is_finalized_again_once_resolved(desk_app):
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await _register(pilot, 3, "王五", "没见过")
        clerk = pilot.app.actor = later(pilot.app.actor, 4)
        await pilot.press("f", "enter")
        await settle(pilot)
        pilot.app.actor = leader(4)
        await pilot.press("r", "enter", *"属实", "enter")
        await settle(pilot)
        pilot.app.actor = clerk
        assert "1 项可再次入账" in screen_text(pilot.app)
        await pilot.press("f", "enter")
        await settle(pilot)
        assert ledger.balance("0201").spendable == 5


def _supervisor(name: str = "李秀兰") -> None:
    staff.add_staff(resolve_actor(today=TODAY), name, "supervisor", str(os.geteuid()))


async def test_sign_off_is_refused_to_the_clerk_and_done_by_a_supervisor(desk_app):
    app = desk_app(days=4, signoff=True)
    _supervisor()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        assert "待签字" in table_lines(pilot.app)[0]
        assert "须监督员签字（g）" in screen_text(pilot.app)
        await pilot.press("f", "enter")
        await settle(pilot)
        assert "须经监督员签字后才能入账" in notices(pilot.app)
        await pilot.press("g")
        await settle(pilot)
        assert "以 王建国 的名义签字" in screen_text(pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        assert ("王建国（管理员）不能为评议结果签字：此事须由监督员办理。"
                "本系统账户上的 李秀兰 可以办理：请用 jifen --as 李秀兰。") in notices(pilot.app)
        pilot.app.actor = later(resolve_actor("李秀兰"), 4)
        await pilot.press("g", "enter")
        await settle(pilot)
        assert "评议会 1 已由 李秀兰 签字。" in notices(pilot.app)
        assert "李秀兰" in table_lines(pilot.app)[0]
        assert "李秀兰 已签字" in screen_text(pilot.app)


async def test_a_supervisor_may_not_close_the_review_they_would_sign(desk_app):
    """The two-person rule by roles: the supervisor is told the clerk closes it."""
    app = desk_app(closed=False, signoff=True)
    _supervisor()
    app.actor = resolve_actor("李秀兰", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("c", "enter")
        await settle(pilot)
        assert ("李秀兰（监督员）不能结束评议会并公示：此事须由管理员办理。"
                "本系统账户上的 王建国 可以办理：请用 jifen --as 王建国。") in notices(pilot.app)
        assert reviews.review_info(1).status == "open"


# --- the result notice and the points slips --------------------------------------------

async def _save_as(pilot, path) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)
    field = pilot.app.screen.query_one("#ask-input")
    assert field.value.endswith(".txt")
    field.value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_result_notice_is_previewed_and_saved(desk_app, tmp_path):
    target = tmp_path / "公示.txt"
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("n")
        await settle(pilot)
        preview = pilot.app.screen
        assert isinstance(preview, TextPreview)
        assert "麻子沟村爱心超市积分评议结果公示" in screen_text(pilot.app)
        assert "合计：3 户，3 项，40 分" in preview.text
        await _save_as(pilot, target)
        assert target.read_text(encoding="utf-8") == preview.text
        assert f"已保存到 {target}" in notices(pilot.app)
        # Again to the same file: asked before replacing; no keeps the file as it was.
        target.write_text("old", encoding="utf-8")
        await pilot.press("n")
        await settle(pilot)
        await _save_as(pilot, target)
        assert "已存在。替换它吗？" in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("n")
        await settle(pilot)
        await _save_as(pilot, target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == preview.text


async def test_the_points_slips_are_previewed_and_saved(desk_app, tmp_path):
    target = tmp_path / "slips.txt"
    async with desk_app(days=4).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("f", "enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        preview = pilot.app.screen
        assert isinstance(preview, TextPreview)
        assert "积分告知单：评议会 1（2026-11），3 户" in screen_text(pilot.app)
        assert preview.text.count("麻子沟村爱心超市积分告知单") == 3
        assert "户主：张三丰　卡号：0101" in preview.text
        assert "截至 2026-11-30：可兑换积分 15，荣誉积分 15" in preview.text
        await _save_as(pilot, target)
        assert target.read_text(encoding="utf-8") == preview.text


async def test_an_unwritable_path_is_said_in_words(desk_app, tmp_path):
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("n")
        await settle(pilot)
        await _save_as(pilot, tmp_path / "no-such-folder" / "公示.txt")
        assert "无法写入" in notices(pilot.app)


# --- help, palette, English -------------------------------------------------------------

async def test_f1_lists_every_key_of_the_desk(desk_app):
    async with desk_app().run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        text = str(pilot.app.screen.query_one("#help-text").render())
        for label in ("结束评议", "登记异议", "处理异议", "入账", "公示", "告知单", "签字"):
            assert label in text


async def test_the_palette_finds_a_key_by_its_label(desk_app):
    async with desk_app(days=1).run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("ctrl+p", *"公示")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TextPreview)


def _without_data(text: str) -> str:
    """The screen without the village's own words (names, items, reasons: data, not code)."""
    data = {"麻子沟村", "张三丰", "单雪梅", "阿不都·热合曼", "阿不都·热~", "协调邻里纠纷", "帮助困难群众",
            "文明礼貌", "1组", "2组", "王建国", "李四", "只帮了一次"}
    for word in data:
        text = text.replace(word, "")
    return text


@pytest.mark.parametrize("keys", [(), ("c",), ("tab", "down", "o"), ("tab", "down", "r"),
                                  ("n",), ("s",), ("f1",)],
                         ids=lambda keys: "+".join(keys) or "desk")
async def test_english_shows_no_chinese_from_code(app_on, keys):
    app = app_on("en")
    month(closed=False)
    actor = resolve_actor(today=TODAY)
    reviews.close_review(actor)
    raise_objection(actor, 2, "李四", "只帮了一次")
    reviews.open_review(actor, "2026-12")  # so that c applies
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        await pilot.press("down")  # November
        await pilot.press(*keys)
        await settle(pilot)
        text = _without_data(screen_text(pilot.app))
        assert IDEOGRAPH.findall(text) == [], text
