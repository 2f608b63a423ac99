"""Settlement: the supplier's and the charity's sheets reconcile with both ledgers, yuan at
each policy's rate, making a quarter final; and the fund picture."""

from datetime import date
from decimal import Decimal

import pytest

from store import roster
from store.goods import add_goods, retire_goods
from store.models import Goods, LedgerEntry, Redemption, Settlement, StockMovement
from store.periods import parse_period
from store.redemption import cancel, collect, redeem, undo
from store.settlement import fund, make_final, settlement_sheet
from store.stock import receive_purchase, stocktake
from tests.store.points_helpers import on
from tests.store.shop_helpers import give, open_shop, refused, spendable, stocked

DEC = date(2026, 12, 2)


@pytest.fixture
def shop(actor):
    """Mazigou (2 yuan a point, donation goods alone allowed), a quarter of baskets."""
    open_shop(actor, "mazigou")
    for card in ("001", "002", "003"):
        give(actor, card, 200)
    goods = {"rice": stocked(actor, "大米", 10, 30), "oil": stocked(actor, "食用油", 25, 10),
             "clothes": stocked(actor, "旧衣服", 3, 10, area="donation"),
             "books": stocked(actor, "图书", 2, 10, area="donation")}
    return actor, goods


def _quarter_of_baskets(actor, goods):
    """Baskets of one area each, in every state, in 2026Q4 and either side of it."""
    rice, oil, clothes, books = goods["rice"], goods["oil"], goods["clothes"], goods["books"]
    redeem(on(actor, date(2026, 9, 30)), "003", [(rice, 4)])                 # Q3
    redeem(actor, "001", [(rice, 2), (oil, 1)])                              # 45
    redeem(actor, "002", [(clothes, 2)])                                     # 6, donation
    undo(actor, redeem(actor, "002", [(rice, 1)]).id, "拿错了")                # nothing
    redeem(actor, "003", [(oil, 2)], order=True)                             # not handed over
    cancel(actor, redeem(actor, "003", [(rice, 1)], order=True).id, "不要了")  # nothing
    december = on(actor, DEC)
    collect(december, redeem(december, "001", [(books, 3)], order=True).id)  # 6, donation
    redeem(on(actor, date(2026, 12, 31)), "002", [(rice, 3), (oil, 1)])      # 55
    redeem(on(actor, date(2027, 1, 1)), "001", [(rice, 1)])                  # Q1


def _ledger_points(period: str, area: str) -> int:
    """Minus the net of the points ledger over the quarter's handed-over baskets of `area`."""
    span = parse_period(period)
    net = 0
    for basket in Redemption.select().where(
            Redemption.collected_on.between(span.first_day, span.last_day)):
        if {line.area for line in basket.lines} == {area}:
            net += sum(entry.points for entry in LedgerEntry.select().where(
                LedgerEntry.link == basket.uuid))
    return -net


def _stock_quantity(period: str, area: str) -> int:
    """Minus the net of the stock movements of redemptions (and their returns) in `area`."""
    span = parse_period(period)
    return -sum(m.quantity for m in StockMovement.select().join(Goods).where(
        StockMovement.kind.in_(("redemption", "return")), Goods.area == area,
        StockMovement.day.between(span.first_day, span.last_day)))


@pytest.mark.parametrize("area, points, quantity", [("goods", 100, 7), ("donation", 12, 5)])
def test_a_sheet_reconciles_with_both_ledgers(shop, area, points, quantity):
    actor, goods = shop
    _quarter_of_baskets(actor, goods)
    sheet = settlement_sheet("2026Q4", area)
    assert (sheet.area, sheet.points, sheet.quantity) == (area, points, quantity)
    assert sheet.points == _ledger_points("2026Q4", area)
    assert sheet.quantity == _stock_quantity("2026Q4", area)
    assert (sheet.households, sheet.slips) == (2, 2)
    assert sheet.yuan == Decimal(2 * points)


def test_the_supplier_sheet_by_item(shop):
    actor, goods = shop
    _quarter_of_baskets(actor, goods)
    sheet = settlement_sheet("2026Q4")
    assert [(line.name, line.price, line.quantity, line.points, line.yuan)
            for line in sheet.lines] == [("大米", 10, 5, 50, Decimal(100)),
                                         ("食用油", 25, 2, 50, Decimal(100))]
    assert settlement_sheet("2026Q3").points == 40
    assert settlement_sheet("2027Q1").points == 10


def test_a_mixed_basket_is_split_between_the_sheets(actor):
    open_shop(actor, "tongguan")
    give(actor, "001", 60)
    rice = stocked(actor, "大米", 10, 5)
    clothes = stocked(actor, "旧衣服", 3, 5, area="donation")
    basket = redeem(actor, "001", [(rice, 2), (clothes, 3)])
    goods_sheet, donation_sheet = (settlement_sheet("2026Q4", area)
                                   for area in ("goods", "donation"))
    assert (goods_sheet.points, donation_sheet.points) == (20, 9)
    [entry] = LedgerEntry.select().where(LedgerEntry.link == basket.uuid)
    assert goods_sheet.points + donation_sheet.points == -entry.points
    assert goods_sheet.slips == donation_sheet.slips == 1


@pytest.mark.parametrize("policy, rate", [("tongguan", "1"), ("mazigou", "2"),
                                          ("quarterly-virtue", "0.5")])
def test_yuan_are_points_at_the_policys_rate(actor, policy, rate):
    open_shop(actor, policy)
    give(actor, "001", 100)
    rice = stocked(actor, "大米", 10, 10)
    redeem(on(actor, date(2027, 1, 4)), "001", [(rice, 3)])   # in every policy's window
    sheet = settlement_sheet("2027Q1")
    assert sheet.yuan_per_point == Decimal(rate)
    assert sheet.yuan == sheet.lines[0].yuan == Decimal(rate) * 30
    assert fund().outstanding_yuan == Decimal(rate) * 70


def test_a_settlement_is_by_quarter(shop):
    actor, _ = shop
    assert refused(lambda: settlement_sheet("2026-11")).key == "settlement.needs_quarter"
    assert refused(lambda: make_final(on(actor, date(2027, 1, 1)), "2026")).key == \
        "settlement.needs_quarter"
    assert refused(lambda: settlement_sheet("2026Q4", "shelf")).key == "goods.bad_area"


def test_a_quarter_is_made_final_once_after_it_ends(shop):
    actor, goods = shop
    _quarter_of_baskets(actor, goods)
    error = refused(lambda: make_final(on(actor, date(2026, 12, 31)), "2026Q4"))
    assert (error.key, error.params["day"]) == ("settlement.quarter_not_over", "2026-12-31")
    sheet = make_final(on(actor, date(2027, 1, 1)), "2026Q4")
    assert (sheet.final_by, sheet.final_at, sheet.points) == ("王建国", "2027-01-01", 100)
    row = Settlement.get()
    assert (row.period, row.points, row.yuan) == ("2026Q4", 100, "200")
    assert settlement_sheet("2026Q4", "donation").final_by == "王建国"
    assert refused(lambda: make_final(on(actor, date(2027, 1, 2)), "2026Q4")).key == \
        "settlement.already_final"
    assert settlement_sheet("2027Q1").final_by == ""


def test_the_fund_picture(actor):
    open_shop(actor, "mazigou")
    give(actor, "001", 300)
    give(actor, "002", 100)
    give(actor, "003", 50)
    roster.close_household(actor, "003", "迁出")            # its points are out of reach
    rice = add_goods(actor, "大米", 10, unit="袋").id
    receive_purchase(actor, rice, 10, "城关供销社", "50")
    receive_purchase(actor, rice, 10, "城关供销社", "70")   # 6 yuan a bag on average
    oil = stocked(actor, "食用油", 25, 4, low_stock=2, cost="100")
    stocked(actor, "旧衣服", 3, 6, area="donation")
    old = stocked(actor, "旧茶杯", 5, 9, cost="45")
    retire_goods(actor, old)                                  # on the shelf, taking no points
    redeem(actor, "001", [(rice, 5)])
    redeem(actor, "002", [(oil, 2)], order=True)             # held: neither stock nor points
    seen = fund()
    assert seen.outstanding_points == spendable("001") + spendable("002") == 250 + 50
    assert (seen.yuan_per_point, seen.outstanding_yuan) == (Decimal(2), Decimal(600))
    assert seen.stock_points == 15 * 10 + 2 * 25 + 6 * 3
    assert seen.stock_cost == Decimal("140.00")               # 15 x 6 + 2 x 25
    assert seen.donated_on_hand == 6
    assert [(low.name, low.available, low.low_stock) for low in seen.running_low] == [
        ("食用油", 2, 2)]
    assert not seen.covered
    stocktake(actor, rice, 30)                                # 15 more bags found
    assert fund().stock_points == 30 * 10 + 2 * 25 + 6 * 3 and fund().covered
