"""Goods and stock: prices in zones (D7), purchases and donations to their own areas,
witnessed write-offs, stocktakes, retired goods, and the stock report."""

from datetime import date

import pytest

from store import redemption
from store.goods import add_goods, goods_info, list_goods, retire_goods
from store.models import StockMovement
from store.stock import (movements, parse_yuan, receive_donation, receive_purchase,
                         stock_report, stocktake, write_off)
from tests.store.points_helpers import on
from tests.store.shop_helpers import SUPERVISOR, give, open_shop, refused, stocked

NOV = date(2026, 11, 26)


@pytest.fixture
def tongguan(actor):
    open_shop(actor, "tongguan")
    return actor


@pytest.fixture
def mazigou(actor):
    open_shop(actor, "mazigou")
    return actor


def test_a_goods_area_price_must_be_a_zone_d7(tongguan):
    error = refused(lambda: add_goods(tongguan, "大米", 7))
    assert (error.key, error.params["price"]) == ("goods.price_not_in_zones", 7)
    assert error.params["zones"] == "2、5、10、20、30、50"
    assert add_goods(tongguan, "大米", 10, unit="袋").price == 10


def test_the_donation_area_is_priced_freely_d7(tongguan):
    assert add_goods(tongguan, "旧衣服", 7, area="donation").price == 7


def test_without_zones_any_price_goes(mazigou):
    assert add_goods(mazigou, "大米", 7).price == 7


@pytest.mark.parametrize("price", [0, -5, True, "10", 100_001])
def test_a_price_is_a_whole_number_of_points(mazigou, price):
    assert refused(lambda: add_goods(mazigou, "大米", price)).key == "goods.bad_price"


def test_bad_goods_are_refused(mazigou):
    assert refused(lambda: add_goods(mazigou, " ", 5)).key == "goods.name_missing"
    assert refused(lambda: add_goods(mazigou, "大米", 5, area="shelf")).key == "goods.bad_area"
    assert refused(lambda: add_goods(mazigou, "大米", 5, low_stock=-1)).key == \
        "goods.bad_low_stock"
    add_goods(mazigou, "大米", 5, unit="袋")
    assert refused(lambda: add_goods(mazigou, "大米", 6, unit="袋")).key == "goods.duplicate"
    # The same name in the other area, or in another unit, is another item.
    add_goods(mazigou, "大米", 5, unit="袋", area="donation")
    add_goods(mazigou, "大米", 20, unit="包")


def test_a_purchase_goes_on_the_shelf_with_its_supplier_and_cost(mazigou):
    rice = add_goods(mazigou, "大米", 10, unit="袋")
    moved = receive_purchase(mazigou, rice.id, 20, "城关供销社", "１２0.5元")
    assert (moved.kind, moved.quantity, moved.supplier, moved.cost, moved.staff) == (
        "purchase", 20, "城关供销社", "120.50", "王建国")
    assert goods_info(rice.id).on_hand == 20


def test_purchases_go_to_goods_donations_to_the_donation_area(mazigou):
    rice = add_goods(mazigou, "大米", 10)
    clothes = add_goods(mazigou, "旧衣服", 3, area="donation")
    error = refused(lambda: receive_purchase(mazigou, clothes.id, 5, "城关供销社", "10"))
    assert error.key == "stock.purchase_to_donation"
    assert refused(lambda: receive_donation(mazigou, rice.id, 5, "爱心企业")).key == \
        "stock.donation_to_goods"
    moved = receive_donation(mazigou, clothes.id, 5, "爱心企业", via="张干部")
    assert (moved.kind, moved.quantity, moved.donor, moved.via, moved.cost) == (
        "donation", 5, "爱心企业", "张干部", "")


def test_a_stock_movement_names_who_what_and_how_much(mazigou):
    rice = add_goods(mazigou, "大米", 10)
    assert refused(lambda: receive_purchase(mazigou, rice.id, 5, " ", "10")).key == \
        "stock.supplier_missing"
    clothes = add_goods(mazigou, "旧衣服", 3, area="donation")
    assert refused(lambda: receive_donation(mazigou, clothes.id, 5, "")).key == \
        "stock.donor_missing"
    for quantity in (0, -1, 2.5, 100_001):
        assert refused(lambda: receive_purchase(mazigou, rice.id, quantity, "供销社", "1")) \
            .key == "stock.bad_quantity"
    assert refused(lambda: receive_purchase(mazigou, 99, 5, "供销社", "1")).key == \
        "goods.not_found"


@pytest.mark.parametrize("text, fen", [("12", 1200), ("12.5", 1250), ("0", 0),
                                       ("１２", 1200), ("35.50元", 3550)])
def test_yuan_as_a_clerk_writes_them(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["12.345", "-1", "abc", "NaN", "Infinity", "", "10000001"])
def test_yuan_that_are_not(text):
    from store.errors import JifenError

    with pytest.raises(JifenError) as caught:
        parse_yuan(text)
    assert caught.value.key == "stock.bad_cost"


def test_a_write_off_needs_another_staff_member_as_witness(mazigou):
    rice = stocked(mazigou, "大米", 10, 5)
    assert refused(lambda: write_off(mazigou, rice, 1, "受潮", "王建国")).key == \
        "stock.witness_is_self"
    assert refused(lambda: write_off(mazigou, rice, 1, "受潮", "没有这人")).key == \
        "actor.no_such_staff"
    moved = write_off(mazigou, rice, 2, "受潮", SUPERVISOR)
    assert (moved.kind, moved.quantity, moved.reason, moved.witness) == (
        "writeoff", -2, "受潮", SUPERVISOR)
    assert goods_info(rice).on_hand == 3


def test_a_write_off_takes_only_what_no_order_holds(mazigou):
    rice = stocked(mazigou, "大米", 10, 5)
    give(mazigou, "001", 30)
    redemption.redeem(mazigou, "001", [(rice, 3)], order=True)
    error = refused(lambda: write_off(mazigou, rice, 3, "受潮", SUPERVISOR))
    assert (error.key, error.params["available"]) == ("stock.short", 2)
    write_off(mazigou, rice, 2, "受潮", SUPERVISOR)
    assert goods_info(rice).on_hand == 3


def test_a_stocktake_books_the_difference_even_when_nil(mazigou):
    rice = stocked(mazigou, "大米", 10, 10)
    missing = stocktake(mazigou, rice, 8)
    assert (missing.kind, missing.quantity, missing.counted) == ("stocktake", -2, 8)
    assert stocktake(mazigou, rice, 8).quantity == 0
    assert stocktake(mazigou, rice, 11).quantity == 3
    assert goods_info(rice).on_hand == 11
    assert refused(lambda: stocktake(mazigou, rice, -1)).key == "stock.bad_count"


def test_a_stocktake_below_what_orders_hold_is_refused(mazigou):
    rice = stocked(mazigou, "大米", 10, 10)
    give(mazigou, "001", 40)
    redemption.redeem(mazigou, "001", [(rice, 4)], order=True)
    error = refused(lambda: stocktake(mazigou, rice, 3))
    assert (error.key, error.params["reserved"]) == ("stock.count_below_reserved", 4)
    stocktake(mazigou, rice, 4)
    assert goods_info(rice).available == 0


def test_retired_goods_take_no_stock_and_leave_the_list(mazigou):
    rice = stocked(mazigou, "大米", 10, 3)
    clothes = stocked(mazigou, "旧衣服", 3, 3, area="donation")
    for goods in (rice, clothes):
        retire_goods(mazigou, goods)
    assert refused(lambda: receive_purchase(mazigou, rice, 1, "供销社", "1")).key == \
        "goods.retired"
    assert refused(lambda: receive_donation(mazigou, clothes, 1, "爱心企业")).key == \
        "goods.retired"
    assert refused(lambda: retire_goods(mazigou, rice)).key == "goods.already_retired"
    assert list_goods() == []
    assert [g.id for g in list_goods(include_retired=True)] == [rice, clothes]
    # What is left of a retired item can still be written off.
    write_off(mazigou, rice, 3, "过期", SUPERVISOR)


def test_goods_held_for_an_order_cannot_be_retired(mazigou):
    rice = stocked(mazigou, "大米", 10, 3)
    give(mazigou, "001", 10)
    order = redemption.redeem(mazigou, "001", [(rice, 1)], order=True)
    error = refused(lambda: retire_goods(mazigou, rice))
    assert (error.key, error.params["qty"]) == ("goods.reserved", 1)
    redemption.cancel(mazigou, order.id, "不要了")
    assert not retire_goods(mazigou, rice).active


def test_the_list_shows_stock_and_what_runs_low(mazigou):
    oil = stocked(mazigou, "食用油", 20, 5, low_stock=2)
    rice = stocked(mazigou, "大米", 10, 5, low_stock=2)
    clothes = stocked(mazigou, "旧衣服", 3, 1, area="donation", low_stock=1)
    give(mazigou, "001", 100)
    redemption.redeem(mazigou, "001", [(oil, 3)], order=True)
    listed = {g.id: g for g in list_goods()}
    assert [g.id for g in list_goods()] == [rice, oil, clothes]   # goods area first, by price
    assert (listed[oil].on_hand, listed[oil].reserved, listed[oil].available) == (5, 3, 2)
    assert listed[oil].running_low and not listed[rice].running_low
    assert listed[clothes].running_low                               # at its level is low
    assert listed[oil].as_dict()["available"] == 2


def test_the_stock_report_adds_up_per_item(mazigou):
    rice = stocked(mazigou, "大米", 10, 10)                      # November: the opening
    december = on(mazigou, date(2026, 12, 2))
    receive_purchase(december, rice, 6, "城关供销社", "60")
    give(december, "001", 100)
    handed = redemption.redeem(december, "001", [(rice, 3)])
    redemption.redeem(december, "001", [(rice, 2)])
    redemption.undo(december, handed.id, "记错了户")                 # 3 come back
    write_off(december, rice, 1, "受潮", SUPERVISOR)
    stocktake(december, rice, 12)                                  # 13 expected: 1 missing
    [line] = stock_report("2026-12")
    assert (line.opening, line.purchased, line.donated, line.redeemed, line.written_off,
            line.counted, line.closing) == (10, 6, 0, 2, 1, -1, 12)
    assert line.closing == goods_info(rice).on_hand
    [quarter] = stock_report("2026Q4")
    assert (quarter.opening, quarter.purchased, quarter.closing) == (0, 16, 12)
    assert [m.kind for m in movements(StockMovement.goods == rice)] == [
        "purchase", "purchase", "redemption", "redemption", "return", "writeoff", "stocktake"]
