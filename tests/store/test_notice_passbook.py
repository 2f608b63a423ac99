"""The passbook (积分存折): a household's entries with running balances, as printed.

Golden files tests/store/golden/passbook_*.txt at 80, 48 and 32 columns (rewrite them with
JIFEN_GOLDEN_UPDATE=1 and read them); the checks of tests/store/test_notice_text.py:
every table one width within its layout, GB18030 bytes that read back as the same text.
"""

from datetime import date, timedelta

import pytest

from store import ledger, reviews, roster
from store.goods import add_goods
from store.ledger import balance
from store.notice_passbook import passbook_data
from store.notices import Request
from store.print_layout import Layout
from store.redemption import redeem, undo
from store.stock import receive_purchase
from store.year_end import close_year
from tests.store.points_helpers import adopt, households, on
from tests.store.test_notice_text import (
    HEADS,
    SUPERVISOR,
    check_lines,
    every_layout,
    golden,
    notice_lines,
    text_of,
    village,
)
from tui.i18n import t

# The chain head at every notice's foot hashes record ids and times.
pytestmark = pytest.mark.usefixtures("reproducible")

# What 阿不都·热合曼 (MZG-0004) is awarded each month: the rubric's long names among them.
MONTHLY = [("2.1", "1.2"), ("6.8", "6.7"), ("7.7", "5.2"), ("6.4", "1.1"), ("5.3", "6.2")]
FIRST = date(2026, 3, 1)
LAST = date(2027, 2, 28)
MERGED = date(2026, 12, 10)


def _month(actor, year: int, month: int, number: int) -> None:
    """A review on the 20th, finalized on the 24th; a basket on the 25th."""
    meeting = on(actor, date(year, month, 20))
    reviews.open_review(meeting, f"{year}-{month:02d}")
    for item in MONTHLY[number % len(MONTHLY)]:
        reviews.propose_award(meeting, "MZG-0004", item)
    if number < 2:
        reviews.propose_award(meeting, "MZG-0001", "5.3")
        reviews.propose_award(meeting, "MZG-0002", "3.1")
    reviews.close_review(meeting)
    reviews.finalize_review(on(actor, date(year, month, 24)))


@pytest.fixture
def year_of_entries(actor):
    """A year of monthly reviews and baskets for MZG-0004, from March 2026 to February 2027:
    a basket collected by a helper cadre (代领), a basket undone, a witnessed adjustment,
    and MZG-0005 merged into it (D9). MZG-0003 has no entry at all."""
    actor = on(actor, FIRST)
    village(actor)
    rice = add_goods(actor, "大米（10斤装）", 20, unit="袋").id
    oil = add_goods(actor, "食用油", 15, unit="桶").id
    soap = add_goods(actor, "香皂", 3, unit="块").id
    for goods in (rice, oil, soap):
        receive_purchase(actor, goods, 50, "城关供销社", "100")
    ledger.adjust(actor, "MZG-0005", 12, "补记：2025年度结余积分", SUPERVISOR)
    day, number = FIRST, 0
    while day <= LAST:
        if day.month == 12:
            roster.merge_household(on(actor, MERGED), "MZG-0005", "MZG-0004", "两户合并为一户")
        _month(actor, day.year, day.month, number)
        shop = on(actor, date(day.year, day.month, 25))
        if number == 2:
            basket = redeem(shop, "MZG-0004", [(rice, 1), (oil, 2), (soap, 1)])
            undo(on(actor, date(day.year, day.month, 26)), basket.id, "拿错了物品，已退回")
        elif number == 4:
            redeem(shop, "MZG-0004", [(rice, 1)], proxy="王德福")
        elif number == 6:
            ledger.adjust(on(actor, date(day.year, day.month, 27)), "MZG-0004", 5,
                          "补记：漏登的义务劳动", SUPERVISOR)
        else:
            redeem(shop, "MZG-0004", [(soap, 2)])
        number += 1
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return actor


@pytest.mark.parametrize("width", [80, 48, 32])
def test_a_year_of_entries(year_of_entries, width):
    lines = notice_lines("passbook", Request(household="MZG-0004"), LAST, Layout(width))
    golden(f"passbook_many_{width}", lines, Layout(width))


def test_the_passbook_adds_up(year_of_entries):
    data = passbook_data("MZG-0004", LAST)
    assert len(data.spendable) == 38 and len(data.honour) == 24
    held = balance("MZG-0004")
    assert (data.spendable_balance, data.honour_balance) == (held.spendable, held.honour)
    running = 0
    for line in data.spendable:
        running += line.points
        assert line.balance == running
    text = text_of(notice_lines("passbook", Request(household="MZG-0004"), LAST, Layout(80)))
    assert f"截至 2027-02-28：可兑换积分 {held.spendable}，荣誉积分 {held.honour}" in text
    assert "合户转入，来自 MZG-0005" in text and "王德福代领" in text
    said = [line.what.said(t) for line in data.spendable]
    assert "撤销兑换：大米（10斤装）×1、食用油×2、香皂×1（拿错了物品，已退回）" in said
    assert "调整：补记：漏登的义务劳动" in said


def test_a_passbook_shows_the_entries_up_to_its_day(year_of_entries):
    autumn = date(2026, 9, 30)
    data = passbook_data("MZG-0004", autumn)
    assert all(line.day <= autumn for line in data.spendable + data.honour)
    assert len(data.honour) == 14                       # March to September: 2 a month
    text = text_of(notice_lines("passbook", Request(household="MZG-0004"), autumn, Layout(48)))
    assert "MZG-0005" not in text and "截至 2026-09-30" in text


def test_a_merged_household_says_where_its_points_went(year_of_entries):
    lines = notice_lines("passbook", Request(household="MZG-0005"), LAST, Layout(48))
    golden("passbook_merged_48", lines, Layout(48))
    text = text_of(lines)
    assert "本户已并入 MZG-0004（两户合并为一户）。" in text
    assert "合户转出，并入" in text and "可兑换积分 0，荣誉积分 0" in text
    out = passbook_data("MZG-0005", LAST).spendable[-1]
    assert out.what.said(t) == "合户转出，并入 MZG-0004" and (out.points, out.balance) == (-12, 0)


@pytest.mark.parametrize("width", [80, 48, 32])
def test_a_household_without_entries(year_of_entries, width):
    lines = notice_lines("passbook", Request(household="MZG-0003"), LAST, Layout(width))
    golden(f"passbook_empty_{width}", lines, Layout(width))
    assert "本户还没有积分记录。" in text_of(lines)


def test_heads_of_two_three_and_four_characters(year_of_entries):
    lines: list[str] = []
    for card in ("MZG-0001", "MZG-0002", "MZG-0003", "MZG-0004"):
        if lines:
            lines += ["", "=" * 32, ""]
        lines += notice_lines("passbook", Request(household=card), date(2026, 4, 30),
                              Layout(32))
    golden("passbook_heads_32", lines, Layout(32))
    text = text_of(lines)
    assert all(f"户主：{HEADS[card][0]}" in text for card in HEADS if card != "MZG-0005")


@pytest.mark.parametrize("width", [80, 48, 32])
def test_every_layout_of_the_passbook_fits(year_of_entries, width):
    from tui.i18n import set_language

    try:
        for lang in ("zh", "en"):
            set_language(lang)
            for layout in every_layout(width):
                for card in ("MZG-0004", "MZG-0005", "MZG-0003"):
                    check_lines(notice_lines("passbook", Request(household=card), LAST,
                                             layout), layout)
    finally:
        set_language("zh")


def test_a_deduction_on_the_households_own_passbook(actor):
    day = on(actor, date(2026, 11, 26))
    village(day, "virtue-template")
    ledger.adjust(day, "MZG-0001", 20, "补记：上月积分", SUPERVISOR)
    reviews.open_review(day, "2026-11")
    reviews.propose_award(day, "MZG-0001", "3.2")        # 参与赌博 -10
    reviews.propose_award(day, "MZG-0001", "4.1")        # 自主发展产业 +10
    reviews.close_review(day)
    reviews.finalize_review(on(actor, date(2026, 11, 30)))
    lines = notice_lines("passbook", Request(household="MZG-0001"), date(2026, 11, 30),
                         Layout(48))
    golden("passbook_deduction_48", lines, Layout(48))
    assert "扣分：参与赌博" in text_of(lines)


def test_quarter_scores_and_the_year_end_reset(actor):
    """The quarterly scheme (篇三): the quarter score credited (D4), cleared at the year's
    close (D5); the honour points stay."""
    close = on(actor, date(2026, 12, 26))
    adopt(close, "virtue-template", "quarterly-virtue")
    households(close, 3, poor_every=1)
    roster.add_household(close, roster.HouseholdFields(card_no="MZG-0004",
                                                       head="阿不都·热合曼", poor=True))
    reviews.open_review(close, "2026Q4")
    reviews.propose_award(close, "MZG-0004", "4.1")
    reviews.propose_award(close, "MZG-0004", "7.5")
    reviews.close_review(close)
    reviews.finalize_review(on(actor, date(2026, 12, 30)))
    close_year(on(actor, date(2027, 1, 6)), 2026)
    for width in (48, 32):
        lines = notice_lines("passbook", Request(household="MZG-0004"), date(2027, 1, 6),
                             Layout(width))
        golden(f"passbook_quarter_{width}", lines, Layout(width))
    text = text_of(notice_lines("passbook", Request(household="MZG-0004"), date(2027, 1, 6),
                                Layout(80)))
    assert "2026年第4季度得分" in text and "2026年末清零" in text
    assert "截至 2027-01-06：可兑换积分 0，荣誉积分 120" in text
