"""What a final settlement, a year close and a closed household freeze at the supermarket."""

from datetime import date
from decimal import Decimal

import pytest

from store import roster
from store.adoption import adopt_policy_text
from store.check import check_village
from store.db import database
from store.errors import JifenError
from store.goods import goods_row
from store.policy import parse_policy
from store.redemption import redeem, redemption_info, undo
from store.reviews import review_info
from store.settlement import make_final, settlement_sheet
from store.shipped import shipped_text
from store.year_end import close_year
from tests.store.points_helpers import on
from tests.store.shop_helpers import give, open_shop, refused, spendable, stocked

SEPT = date(2026, 9, 15)
OCT = date(2026, 10, 8)


@pytest.fixture
def settled(actor):
    """Under Mazigou (2 yuan a point): a 2026Q3 basket of 20 points, settled on 10-08."""
    september = on(actor, SEPT)
    open_shop(september, "mazigou")
    give(september, "001", 100)
    rice = stocked(september, "大米", 10, 10)
    basket = redeem(september, "001", [(rice, 2)])
    make_final(on(actor, OCT), "2026Q3")
    return actor, rice, basket


def test_nothing_more_is_handed_over_in_a_settled_quarter(settled):
    actor, rice, _ = settled
    error = refused(lambda: redeem(on(actor, SEPT), "001", [(rice, 1)]))
    assert (error.key, error.params) == ("shop.quarter_settled", {"period": "2026Q3"})
    assert redeem(on(actor, OCT), "001", [(rice, 1)]).status == "collected"


def test_a_final_sheet_keeps_the_rate_it_was_settled_at(settled):
    actor, _, _ = settled
    assert settlement_sheet("2026Q3").yuan == Decimal(40)
    one_yuan = shipped_text("policy-mazigou.toml").replace('yuan_per_point = "2"',
                                                          'yuan_per_point = "1"')
    adopt_policy_text(on(actor, OCT), one_yuan)
    sheet = settlement_sheet("2026Q3")
    assert (sheet.yuan_per_point, sheet.yuan) == (Decimal(2), Decimal(40))


def test_check_finds_a_final_settlement_that_no_longer_adds_up(settled):
    assert check_village() == []
    database.execute_sql("UPDATE settlement SET points = 999")
    [problem] = check_village()
    assert (problem.key, problem.params) == ("check.settlement_changed",
                                             {"period": "2026Q3", "settled": 999, "now": 20})


def test_undo_gives_nothing_back_to_a_merged_household(actor):
    open_shop(actor, "mazigou")
    give(actor, "001", 50)
    basket = redeem(actor, "001", [(stocked(actor, "大米", 10, 5), 2)])
    roster.merge_household(actor, "001", "002", "合户")
    error = refused(lambda: undo(actor, basket.id, "录错"))
    assert error.key == "household.not_active"
    assert redemption_info(basket.id).status == "collected"


@pytest.fixture
def quarterly(actor):
    """Under the quarterly scheme, in the January window, with last year's points."""
    january = on(actor, date(2027, 1, 3))
    open_shop(january, "quarterly-virtue", rubric="virtue-template", poor_every=1)
    give(january, "001", 100)
    return january, stocked(january, "大米", 10, 10)


def test_a_year_is_not_closed_while_orders_wait(quarterly):
    january, rice = quarterly
    redeem(january, "001", [(rice, 2)], order=True)
    error = refused(lambda: close_year(on(january, date(2027, 1, 6)), 2026))
    assert (error.key, error.params) == ("year.orders_waiting", {"year": 2026})


def test_a_basket_from_before_a_year_close_is_not_undone(quarterly):
    january, rice = quarterly
    basket = redeem(january, "001", [(rice, 2)])
    close_year(on(january, date(2027, 1, 6)), 2026)
    error = refused(lambda: undo(on(january, date(2027, 1, 7)), basket.id, "录错"))
    assert (error.key, error.params) == ("shop.year_closed_since",
                                         {"redemption": basket.id, "year": "2026"})
    assert spendable("001") == 0


@pytest.mark.parametrize("number", ["99999999999999999999999", "-3", "0", "abc", ""])
def test_a_number_no_row_can_have_is_not_found(actor, number):
    open_shop(actor, "mazigou")
    with pytest.raises(JifenError) as caught:
        goods_row(number)
    assert caught.value.key == "goods.not_found"
    with pytest.raises(JifenError) as caught:
        redemption_info(number)
    assert caught.value.key == "shop.no_such_redemption"
    with pytest.raises(JifenError) as caught:
        review_info(number)
    assert caught.value.key == "review.not_found"


def test_order_days_belong_to_an_any_time_policy():
    windows = shipped_text("policy-quarterly-virtue.toml").replace(
        "anytime = false", "anytime = false\norder_days = 3")
    with pytest.raises(JifenError) as caught:
        parse_policy(windows)
    assert (caught.value.key, caught.value.params["key"]) == (
        "policy.order_days_with_windows", "redemption.order_days")
    assert parse_policy(shipped_text("policy-mazigou.toml").replace(
        "anytime = true", "anytime = true\norder_days = 3")).order_days == 3


def test_a_household_that_redeemed_merges_into_one_with_no_points(actor):
    """The transfer goes period by period: the redemptions' period, a net deduction, must
    not be refused against the target's empty balance; only the net counts."""
    from store import db, ledger
    from store.models import Household

    open_shop(actor, "mazigou")
    with db.write():
        ledger.post(actor, Household.get(Household.card_no == "001"), "spendable", "award", 30,
                    day=actor.today, period="2026-10")
    redeem(actor, "001", [(stocked(actor, "大米", 8, 5), 2)])
    roster.merge_household(actor, "001", "002", "合户")
    assert (spendable("001"), spendable("002")) == (0, 14)
    assert check_village() == []


def test_a_baskets_entry_is_not_reversed_alone(actor):
    """It goes back with its goods (undo); reversing only the points would leave the
    basket collected with no points taken (check.redemption_points)."""
    from store import ledger
    from store.models import LedgerEntry

    open_shop(actor, "mazigou")
    give(actor, "001", 50)
    redeem(actor, "001", [(stocked(actor, "大米", 10, 5), 2)])
    taken = LedgerEntry.get(LedgerEntry.kind == "redemption")
    assert refused(lambda: ledger.reverse(actor, taken.id, "录错")).key == \
        "ledger.reverse_redemption"
    assert check_village() == []
