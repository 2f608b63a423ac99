"""The plain-text result notice and points slips: what they say, and that every line fits."""

from datetime import date

import pytest
from rich.cells import cell_len

from store import notice_text, reviews, roster
from store.ledger import balance
from store.notice_text import NOTICE_WIDTH, SLIP_WIDTH, points_slip, points_slips, result_notice, wrap
from store.objections import objections_of, raise_objection, resolve_objection
from store.roster import HouseholdFields
from tests.store.points_helpers import adopt, households, later, on
from tui.i18n import set_language, t

NOV = date(2026, 11, 26)
LONG_HEAD = "阿不都热合曼·买买提依明"   # wider than the head column


@pytest.fixture
def language():
    yield set_language
    set_language("zh")


@pytest.fixture
def notice(actor):
    """A closed November review: one award lowered, one objected to, one withdrawn."""
    actor = on(actor, NOV)
    adopt(actor, "mazigou", "tongguan")
    households(actor, 3)
    roster.add_household(actor, HouseholdFields(card_no="12345678901", head=LONG_HEAD))
    reviews.open_review(actor, "2026-11")
    reviews.propose_award(actor, "001", "5.3")                  # 1: 15
    reviews.propose_award(actor, "002", "5.2")                  # 2: 20, lowered to 10
    reviews.propose_award(actor, "003", "2.2")                  # 3: 5, objected to
    gone = reviews.propose_award(actor, "003", "2.3")           # 4: withdrawn
    reviews.withdraw_award(actor, gone.id, "记错了条目")
    reviews.propose_award(actor, "12345678901", "5.3")          # 5: 15
    reviews.close_review(actor)
    next_day = later(actor, 1)
    upheld = raise_objection(next_day, 2, "李四", "只帮了一次")
    resolve_objection(next_day, upheld.id, upheld=True, new_points=10, reason="核实后改分")
    raise_objection(next_day, 3, "王五", "没见过")
    return actor


def _notice(actor, day=NOV) -> str:
    review = reviews.review_info(1)
    return result_notice("麻子沟村", review, objections_of(1), t, day)


def _widths(text: str) -> list[int]:
    return [cell_len(line) for line in text.splitlines()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_of_the_notice_fits(notice, language, lang):
    language(lang)
    text = _notice(notice)
    assert max(_widths(text)) <= NOTICE_WIDTH
    assert text.endswith("\n") and "\t" not in text


def test_the_notice_says_what_is_posted_and_until_when(notice):
    lines = _notice(notice).splitlines()
    assert lines[0].strip() == "麻子沟村爱心超市积分评议结果公示"
    assert cell_len(lines[0]) == (NOTICE_WIDTH + cell_len(lines[0].strip())) // 2  # centred
    assert "公示期：2026-11-27 至 2026-11-29，共 3 天" in lines
    rows = [line for line in lines if line[:5].strip().isdigit()]
    assert rows == [
        "    1 001      村民1      5.3   协调邻里纠纷             15 待入账",
        "    2 002      村民2      5.2   帮助困难群众             10 异议成立改分",
        "    3 003      村民3      2.2   文明礼貌                  5 有异议暂缓",
        "    5 1234567~ 阿不都热~  5.3   协调邻里纠纷             15 待入账",  # cut to fit
    ]  # award 4 was withdrawn at the meeting: never on notice
    assert "合计：4 户，4 项，45 分" in lines
    assert any("2026-11-29（含当天）" in line for line in lines)
    assert lines[-1].endswith("麻子沟村　2026-11-26")
    assert cell_len(lines[-1]) == NOTICE_WIDTH


def test_the_columns_line_up_in_cells(notice):
    """Each row's state starts at the same cell, whatever the names' widths."""
    lines = _notice(notice).splitlines()
    heading = next(line for line in lines if "状态" in line and "编号" in line)
    state_at = cell_len(heading[:heading.index("状态")])
    rows = [line for line in lines if line[:5].strip().isdigit()]
    for row in rows:
        state = row.split()[-1]
        assert cell_len(row[:row.rindex(state)]) == state_at


def test_a_cancelled_award_shows_and_counts_for_nothing(notice):
    next_day = later(notice, 1)
    open_one = objections_of(1)[-1]
    resolve_objection(next_day, open_one.id, upheld=True, reason="事迹不实")
    lines = _notice(notice).splitlines()
    assert any(line.startswith("    3 003") and line.endswith("异议成立取消") for line in lines)
    assert "合计：3 户，3 项，40 分" in lines


def test_an_empty_review_says_so(actor):
    actor = on(actor, NOV)
    adopt(actor, "mazigou", "tongguan")
    reviews.open_review(actor, "2026-11")
    review = reviews.close_review(actor)
    text = result_notice("麻子沟村", review, [], t, NOV)
    assert "本次评议没有评分。" in text and "合计：0 户，0 项，0 分" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_of_a_slip_fits(notice, language, lang):
    language(lang)
    review = reviews.review_info(1)
    for card in notice_text.slip_households(review):
        text = points_slip("麻子沟村", review, card, balance(card), objections_of(1), t, NOV)
        assert max(_widths(text)) <= SLIP_WIDTH, text


def test_a_slip_after_finalizing(notice):
    done = later(notice, 4)
    reviews.finalize_review(done)
    review = reviews.review_info(1)
    text = points_slip("麻子沟村", review, "002", balance("002"), objections_of(1), t, done.today)
    lines = text.splitlines()
    assert lines[0].strip() == "麻子沟村爱心超市积分告知单"
    assert "户主：村民2　卡号：002" in lines
    assert "评议会 1（2026-11），2026-11-26 评议" in lines
    assert "5.2   帮助困难群众              10 异议成立改分" in lines
    assert "本次评分合计：10 分" in lines
    assert "截至 2026-11-30：可兑换积分 10，荣誉积分 10" in lines
    assert not any("公示到" in line for line in lines)  # posted: nothing left pending


def test_a_slip_while_on_notice_says_when_it_counts(notice):
    review = reviews.review_info(1)
    text = points_slip("麻子沟村", review, "001", balance("001"), objections_of(1), t, NOV)
    assert "本次评分公示到 2026-11-29，期满入账后才能兑换。" in text
    assert "记错了条目" not in text and "2.3" not in text  # the withdrawn award is not on it


def test_slips_come_in_card_order_with_a_line_to_cut_along(notice):
    review = reviews.review_info(1)
    cards = notice_text.slip_households(review)
    assert cards == ["001", "002", "003", "12345678901"]
    text = points_slips("麻子沟村", review, {card: balance(card) for card in cards},
                        objections_of(1), t, NOV)
    cuts = [line for line in text.splitlines() if "沿此线剪开" in line]
    assert len(cuts) == 3 and all(cell_len(cut) == SLIP_WIDTH for cut in cuts)
    assert cuts[0].startswith("-----") and cuts[0].endswith("-----")
    households_in_order = [line for line in text.splitlines() if line.startswith("户主：")]
    assert [line.split("卡号：")[1] for line in households_in_order] == cards


@pytest.mark.parametrize("text, width, expected", [
    ("短句", 10, ["短句"]),
    ("一二三四五六七", 6, ["一二三", "四五六", "七"]),
    ("to the village committee by the end", 12, ["to the", "village", "committee by", "the end"]),
    ("请在 2026-11-29 之前", 12, ["请在", "2026-11-29", "之前"]),
    ("Household: 张三   card 0101", 40, ["Household: 张三   card 0101"]),
    ("abcdefghijklmnopqrstuvwxyz and more", 10, ["abcdefghij", "klmnopqrst", "uvwxyz and", "more"]),
])
def test_wrap_breaks_by_cells(text, width, expected):
    assert wrap(text, width) == expected
    assert all(cell_len(line) <= width for line in wrap(text, width))


def test_deductions_are_not_named_unless_the_policy_says_so_d10(actor):
    from datetime import date

    from store import reviews
    from tests.store.points_helpers import adopt, households, on

    actor = on(actor, date(2026, 11, 26))
    adopt(actor, "virtue-template", "mazigou")
    households(actor, 2)
    reviews.open_review(actor, "2026-11")
    reviews.propose_award(actor, "001", "3.2")    # a deduction: 参与赌博
    reviews.propose_award(actor, "002", "4.1")
    reviews.close_review(actor)
    review = reviews.review_info()
    hidden = result_notice("麻子沟村", review, [], t, actor.today)
    assert "村民1" not in hidden and "（不公示）" in hidden and "村民2" in hidden
    named = result_notice("麻子沟村", review, [], t, actor.today, name_deductions=True)
    assert "村民1" in named
