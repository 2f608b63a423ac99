"""Redemption: who may redeem when under each shipped policy, refusals that write nothing,
the donation rule (D6), collection on someone's behalf, redemption days (order, collect,
cancel, expire), the day's sign-off, and undo (D8)."""

from datetime import date

import pytest

from store import reviews, roster
from store.errors import JifenError
from store.goods import goods_info, retire_goods
from store.models import LedgerEntry, Redemption, RedemptionSheet, Staff, StockMovement
from store.redemption import (Reason, cancel, collect, day_sheet, expire, list_redemptions,
                              orders_to_expire, redeem, redemption_info, sign_off_day,
                              standing, undo)
from store.roster import HouseholdFields
from store.settlement import make_final
from store.stock import receive_purchase, stocktake
from tests.store.points_helpers import later, on
from tests.store.shop_helpers import (give, open_shop, refused, spendable, stocked,
                                      supervisor)
from tui.i18n import explain, set_language

NOV = date(2026, 11, 26)


@pytest.fixture
def tongguan(actor):
    open_shop(actor, "tongguan")
    for card in ("001", "002"):
        give(actor, card, 60)
    return actor


@pytest.fixture
def mazigou(actor):
    open_shop(actor, "mazigou")
    for card in ("001", "002"):
        give(actor, card, 60)
    return actor


def _ledger_net(info) -> int:
    return sum(entry.points for entry in LedgerEntry.select().where(
        LedgerEntry.link == info.uuid))


def _stock_net(info) -> int:
    return sum(m.quantity for m in StockMovement.select().where(
        StockMovement.redemption == info.id))


# --- eligibility and windows -------------------------------------------------------------------

@pytest.mark.parametrize("policy", ["tongguan", "mazigou"])
@pytest.mark.parametrize("day", [date(2026, 11, 26), date(2027, 2, 17), date(2027, 1, 3)])
def test_redemption_is_open_any_day(actor, policy, day):
    open_shop(actor, policy)
    give(actor, "001", 20)
    rice = stocked(actor, "大米", 10, 5)
    that_day = on(actor, day)
    seen = standing("001", day)
    assert (seen.may_redeem, seen.reasons, seen.spendable) == (True, (), 20)
    assert redeem(that_day, "001", [(rice, 2)]).status == "collected"


@pytest.fixture
def quarter(actor):
    """篇三's scheme: a ranked 2026Q4 finalized. Scores 001 110, 002 105, 004 100, 005 100
    (the top 60% of five: ranks <= 3, ties in) and 003 90 (rank 5); "100" is not poor."""
    actor = on(actor, date(2026, 12, 26))
    open_shop(actor, "quarterly-virtue", rubric="virtue-template", cards=5, poor_every=1)
    roster.add_household(actor, HouseholdFields(card_no="100", head="非贫困户", poor=False))
    reviews.open_review(actor, "2026Q4", "第一书记,村两委")
    for card, item in (("001", "4.1"), ("002", "1.1"), ("003", "3.2")):
        reviews.propose_award(actor, card, item)
    reviews.close_review(actor)
    reviews.finalize_review(later(actor, 4))
    return on(actor, date(2027, 1, 3))


def test_the_quarterly_window_d5(quarter):
    rice = stocked(quarter, "大米", 10, 20)
    assert standing("001", date(2027, 1, 3)).may_redeem
    assert standing("001", date(2027, 1, 3)).spendable == 110
    shut = standing("001", date(2027, 1, 6))
    assert shut.reasons == (Reason("shop.window_shut", {"day": "2027-04-01"}),)
    assert standing("001", date(2026, 12, 31)).reasons == (
        Reason("shop.window_shut", {"day": "2027-01-01"}),)
    error = refused(lambda: redeem(on(quarter, date(2027, 1, 6)), "001", [(rice, 1)]))
    assert (error.key, error.params) == ("shop.window_shut", {"day": "2027-04-01"})
    assert redeem(on(quarter, date(2027, 1, 5)), "001", [(rice, 1)]).status == "collected"
    assert redeem(on(quarter, date(2027, 4, 1)), "001", [(rice, 1)]).points == 10


def test_an_ineligible_household_is_told_its_score_and_rank_d4(quarter):
    seen = standing("003", quarter.today)
    assert seen.reasons == (Reason("shop.not_eligible", {
        "period": "2026Q4", "score": 90, "rank": 5, "count": 5, "min_score": 80,
        "top_percent": 60}),)
    set_language("zh")
    said = explain(JifenError(seen.reasons[0].key, **seen.reasons[0].params))
    assert "90" in said and "5/5" in said and "60%" in said


def test_a_household_the_scheme_does_not_cover_is_told_so(quarter):
    assert [r.key for r in standing("100", quarter.today).reasons] == ["shop.not_covered"]


def test_a_closed_household_may_not_redeem(quarter):
    rice = stocked(quarter, "大米", 10, 5)
    roster.close_household(quarter, "004", "迁出")
    seen = standing("004", quarter.today)
    assert seen.reasons == (Reason("shop.household_closed", {"card": "004",
                                                             "status": "closed"}),)
    assert refused(lambda: redeem(quarter, "004", [(rice, 1)])).key == "household.not_active"
    assert refused(lambda: redeem(quarter, "004", [(rice, 1)], order=True)).key == \
        "household.not_active"


def test_an_unranked_past_does_not_confuse_a_ranked_present(actor):
    """A village that moved to the ranked scheme keeps its finalized monthly reviews."""
    from store.adoption import adopt_policy_text
    from store.shipped import shipped_text

    actor = on(actor, date(2026, 11, 2))
    open_shop(actor, "mazigou", poor_every=1)
    reviews.open_review(actor, "2026-11")
    reviews.propose_award(actor, "001", "5.2")
    reviews.close_review(actor)
    reviews.finalize_review(later(actor, 4))
    adopt_policy_text(later(actor, 10), shipped_text("policy-quarterly-virtue.toml"))
    assert [r.key for r in standing("002", date(2026, 11, 12)).reasons] == [
        "shop.window_shut", "shop.no_points"]


def test_an_order_waits_for_the_next_window_and_is_collected_only_in_it(quarter):
    rice = stocked(quarter, "大米", 10, 5)
    order = redeem(on(quarter, date(2027, 1, 10)), "001", [(rice, 2)], order=True)
    assert (order.status, order.collect_by, spendable("001")) == (
        "ordered", date(2027, 4, 5), 90)
    error = refused(lambda: collect(on(quarter, date(2027, 2, 1)), order.id))
    assert (error.key, error.params) == ("shop.window_shut", {"day": "2027-04-01"})
    assert collect(on(quarter, date(2027, 4, 2)), order.id).status == "collected"
    inside = redeem(quarter, "002", [(rice, 1)], order=True)
    assert inside.collect_by == date(2027, 1, 5)                   # the end of this window
    assert (orders_to_expire(date(2027, 1, 5)), orders_to_expire(date(2027, 1, 6))) == (0, 1)
    assert expire(on(quarter, date(2027, 1, 6))) == [inside.id]
    assert spendable("002") == 105


# --- refusals that write nothing ---------------------------------------------------------------

def test_a_basket_over_the_balance_is_refused(tongguan):
    oil = stocked(tongguan, "食用油", 50, 5)
    error = refused(lambda: redeem(tongguan, "001", [(oil, 2)]))
    assert (error.key, error.params) == ("shop.overspend",
                                         {"card": "001", "points": 100, "balance": 60})
    assert refused(lambda: redeem(tongguan, "001", [(oil, 2)], order=True)).key == \
        "shop.overspend"


def test_a_basket_short_of_stock_is_refused(tongguan):
    rice = stocked(tongguan, "大米", 10, 2)
    error = refused(lambda: redeem(tongguan, "001", [(rice, 3)]))
    assert (error.key, error.params["available"], error.params["qty"]) == ("stock.short", 2, 3)
    # The same item named twice, even once by text, is one line of three.
    assert refused(lambda: redeem(tongguan, "001", [(rice, 2), (str(rice), 1)])).key == \
        "stock.short"
    redeem(tongguan, "002", [(rice, 2)], order=True)
    error = refused(lambda: redeem(tongguan, "001", [(rice, 1)]))
    assert (error.key, error.params["available"]) == ("stock.short", 0)


def test_a_retired_item_and_bad_baskets_are_refused(tongguan):
    rice = stocked(tongguan, "大米", 10, 2)
    retire_goods(tongguan, rice)
    assert refused(lambda: redeem(tongguan, "001", [(rice, 1)])).key == "goods.retired"
    assert refused(lambda: redeem(tongguan, "001", [])).key == "shop.empty_basket"
    assert refused(lambda: redeem(tongguan, "001", [(99, 1)])).key == "goods.not_found"
    assert refused(lambda: redeem(tongguan, "001", [(rice, 0)])).key == "stock.bad_quantity"
    assert refused(lambda: redeem(tongguan, "999", [(rice, 1)])).key == "household.not_found"


def test_donation_goods_only_with_goods_area_goods_under_tongguan_d6(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    clothes = stocked(tongguan, "旧衣服", 3, 5, area="donation")
    assert refused(lambda: redeem(tongguan, "001", [(clothes, 1)])).key == \
        "shop.donation_needs_goods"
    assert refused(lambda: redeem(tongguan, "001", [(clothes, 1)], order=True)).key == \
        "shop.donation_needs_goods"
    mixed = redeem(tongguan, "001", [(rice, 1), (clothes, 2)])
    assert [(line.area, line.points) for line in mixed.lines] == [("goods", 10),
                                                                  ("donation", 6)]
    assert spendable("001") == 44


def test_donation_goods_alone_where_the_policy_is_free(mazigou):
    clothes = stocked(mazigou, "旧衣服", 3, 5, area="donation")
    assert redeem(mazigou, "001", [(clothes, 2)]).points == 6


# --- at the counter -----------------------------------------------------------------------------

def test_a_basket_writes_both_ledgers_under_one_redemption(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    oil = stocked(tongguan, "食用油", 20, 5)
    info = redeem(tongguan, "001", [(rice, 2), (oil, 1), (rice, 1)])
    assert (info.status, info.points, info.made_on, info.collected_on, info.made_by,
            info.collected_by) == ("collected", 50, NOV, NOV, "王建国", "王建国")
    assert [(line.goods, line.quantity, line.price) for line in info.lines] == [
        (rice, 3, 10), (oil, 1, 20)]
    [entry] = LedgerEntry.select().where(LedgerEntry.link == info.uuid)
    assert (entry.kind, entry.account, entry.points, entry.reason) == (
        "redemption", "spendable", -50, "大米×3、食用油×1")
    moved = {(m.goods_id, m.kind, m.quantity) for m in StockMovement.select().where(
        StockMovement.redemption == info.id)}
    assert moved == {(rice, "redemption", -3), (oil, "redemption", -1)}
    assert (spendable("001"), goods_info(rice).on_hand, goods_info(oil).on_hand) == (10, 2, 4)
    assert standing("001", NOV).spendable == 10


def test_collection_on_someones_behalf_is_recorded(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    assert redeem(tongguan, "001", [(rice, 1)], proxy="张干部").proxy == "张干部"
    order = redeem(tongguan, "002", [(rice, 1)], order=True, proxy="李四")
    assert collect(tongguan, order.id, proxy="村干部王五").proxy == "村干部王五"
    kept = redeem(tongguan, "002", [(rice, 1)], order=True, proxy="李四")
    assert collect(tongguan, kept.id).proxy == "李四"
    assert redemption_info(order.id).proxy == "村干部王五"


# --- redemption days: order, collect, cancel, expire ---------------------------------------------

def test_an_order_takes_the_points_and_holds_the_goods(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    order = redeem(tongguan, "001", [(rice, 2)], order=True)
    assert (order.status, order.collected_on, order.collected_by) == ("ordered", None, "")
    assert spendable("001") == 40
    assert standing("001", NOV).held == 20
    shelf = goods_info(rice)
    assert (shelf.on_hand, shelf.reserved, shelf.available) == (5, 2, 3)
    assert (_ledger_net(order), _stock_net(order)) == (-20, 0)

    handed = collect(tongguan, order.id)
    assert (handed.status, handed.collected_on, handed.collected_by) == (
        "collected", NOV, "王建国")
    shelf = goods_info(rice)
    assert (shelf.on_hand, shelf.reserved, shelf.available) == (3, 0, 3)
    assert (_ledger_net(handed), _stock_net(handed), spendable("001")) == (-20, -2, 40)
    assert standing("001", NOV).held == 0
    assert refused(lambda: collect(tongguan, order.id)).key == "shop.not_ordered"


def test_a_cancelled_order_gives_points_and_goods_back_by_reversal(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    order = redeem(tongguan, "001", [(rice, 2)], order=True)
    done = cancel(tongguan, order.id, "户主住院")
    assert (done.status, done.status_reason) == ("cancelled", "户主住院")
    taken, back = LedgerEntry.select().where(LedgerEntry.link == order.uuid) \
        .order_by(LedgerEntry.id)
    assert (back.kind, back.points, back.reverses_id) == ("reversal", 20, taken.id)
    assert (spendable("001"), goods_info(rice).reserved, goods_info(rice).on_hand) == (60, 0, 5)
    assert refused(lambda: cancel(tongguan, order.id, "再取消")).key == "shop.not_ordered"
    counter = redeem(tongguan, "001", [(rice, 1)])
    assert refused(lambda: cancel(tongguan, counter.id, "取消")).key == "shop.not_ordered"
    assert refused(lambda: cancel(tongguan, 999, "取消")).key == "shop.no_such_redemption"


def test_orders_not_collected_by_their_day_expire_on_request(mazigou):
    rice = stocked(mazigou, "大米", 10, 5)
    order = redeem(mazigou, "001", [(rice, 2)], order=True)
    collected = redeem(mazigou, "002", [(rice, 1)], order=True)
    last_day = later(mazigou, 6).today
    assert order.collect_by == last_day                # any time: the policy's 7 days (default)
    collect(mazigou, collected.id)
    week_on = later(mazigou, 7)
    assert (orders_to_expire(last_day), orders_to_expire(week_on.today)) == (0, 1)
    assert expire(later(mazigou, 6)) == []
    assert refused(lambda: collect(week_on, order.id)).key == "shop.order_overdue"
    assert expire(week_on) == [order.id]
    gone = redemption_info(order.id)
    assert (gone.status, gone.status_reason) == ("expired", str(last_day))
    assert (_ledger_net(gone), _stock_net(gone), spendable("001")) == (0, 0, 60)
    assert goods_info(rice).available == 4
    assert expire(later(mazigou, 8)) == [] and orders_to_expire(later(mazigou, 8).today) == 0
    assert redemption_info(collected.id).status == "collected"
    assert [r.id for r in list_redemptions(status="expired")] == [order.id]


def test_a_household_with_an_order_waiting_is_not_closed_or_merged(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    order = redeem(tongguan, "001", [(rice, 1)], order=True)
    assert refused(lambda: roster.close_household(tongguan, "001", "迁出")).key == \
        "household.orders_pending"
    assert refused(lambda: roster.merge_household(tongguan, "001", "002", "合户")).key == \
        "household.orders_pending"
    # The household an order-holder merges into may have orders of its own.
    roster.merge_household(tongguan, "002", "001", "合户")
    cancel(tongguan, order.id, "迁出前取消")
    assert roster.close_household(tongguan, "001", "迁出").status == "closed"


# --- the day's sheet and its sign-off ------------------------------------------------------------

def test_a_supervisor_signs_off_a_day_they_did_not_work(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    first = redeem(tongguan, "001", [(rice, 1)])
    second = redeem(tongguan, "002", [(rice, 2)])
    undo(tongguan, second.id, "拿错了")
    assert refused(lambda: sign_off_day(tongguan, NOV)).key == "roles.refused_try_as"
    assert refused(lambda: sign_off_day(supervisor(tongguan), later(tongguan, 1).today)).key \
        == "shop.day_empty"
    sheet = sign_off_day(supervisor(tongguan), NOV)
    assert (sheet.signed_off_by, sheet.signed_redemptions, sheet.signed_points) == (
        "李监督", 1, 10)
    assert [r.id for r in sheet.redemptions] == [first.id, second.id]
    assert sheet.points == 10 and day_sheet(NOV).signed_off_by == "李监督"
    error = refused(lambda: sign_off_day(supervisor(tongguan), NOV))
    assert error.key == "shop.day_signed"
    assert RedemptionSheet.select().count() == 1


def test_a_supervisor_hands_nothing_over_so_never_signs_their_own_day(tongguan):
    """The two-person rule by roles: a supervisor may not take an order or hand goods over."""
    rice = stocked(tongguan, "大米", 10, 5)
    order = redeem(tongguan, "001", [(rice, 1)], order=True)
    for call in (lambda: redeem(supervisor(tongguan), "002", [(rice, 1)]),
                 lambda: redeem(supervisor(tongguan), "002", [(rice, 1)], order=True),
                 lambda: collect(supervisor(tongguan), order.id)):
        error = refused(call)
        assert (error.key, error.params["role"]) == ("roles.refused_try_as", "supervisor")
    assert Redemption.select().count() == 1 and spendable("002") == 60


@pytest.mark.parametrize("by", ["made_by", "collected_by"])
def test_a_supervisor_who_worked_the_counter_that_day_may_not_sign_it(tongguan, by):
    """A day from before roles were enforced, when a supervisor could still hand goods
    over (or take the order that was handed over): they may not sign it."""
    rice = stocked(tongguan, "大米", 10, 5)
    redeem(tongguan, "001", [(rice, 1)])
    theirs = redeem(tongguan, "002", [(rice, 1)])
    Redemption.update({by: Staff.get(Staff.name == "李监督")}).where(
        Redemption.id == theirs.id).execute()
    error = refused(lambda: sign_off_day(supervisor(tongguan), NOV))
    assert (error.key, error.params["name"]) == ("shop.signoff_own", "李监督")
    assert RedemptionSheet.select().count() == 0


# --- undo (D8) ------------------------------------------------------------------------------------

def test_undo_reverses_both_ledgers(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    info = redeem(tongguan, "001", [(rice, 2)])
    undone = undo(tongguan, info.id, "拿错了")
    assert (undone.status, undone.status_reason) == ("undone", "拿错了")
    assert (spendable("001"), goods_info(rice).on_hand) == (60, 5)
    taken, back = StockMovement.select().where(StockMovement.redemption == info.id) \
        .order_by(StockMovement.id)
    assert (back.kind, back.quantity, back.reverses_id, back.reason) == (
        "return", 2, taken.id, "拿错了")
    entries = list(LedgerEntry.select().where(LedgerEntry.link == info.uuid)
                   .order_by(LedgerEntry.id))
    assert [(e.kind, e.points) for e in entries] == [("redemption", -20), ("reversal", 20)]
    assert entries[1].reverses_id == entries[0].id
    assert refused(lambda: undo(tongguan, info.id, "再撤销")).key == "shop.not_collected"


def test_an_order_is_cancelled_not_undone(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    order = redeem(tongguan, "001", [(rice, 2)], order=True)
    assert refused(lambda: undo(tongguan, order.id, "撤销")).key == "shop.undo_order"
    cancel(tongguan, order.id, "不要了")
    assert refused(lambda: undo(tongguan, order.id, "撤销")).key == "shop.not_collected"


def test_no_undo_once_the_quarter_is_settled(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    info = redeem(tongguan, "001", [(rice, 2)])
    january = on(tongguan, date(2027, 1, 2))
    make_final(january, "2026Q4")
    error = refused(lambda: undo(january, info.id, "撤销"))
    assert (error.key, error.params["period"]) == ("shop.settled", "2026Q4")


def test_no_undo_after_a_stocktake_of_one_of_its_goods(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    oil = stocked(tongguan, "食用油", 20, 5)
    stocktake(tongguan, oil, 5)                            # before the basket: no matter
    info = redeem(tongguan, "001", [(rice, 1), (oil, 1)])
    later_basket = redeem(tongguan, "002", [(rice, 1)])
    stocktake(tongguan, oil, 4)
    error = refused(lambda: undo(tongguan, info.id, "撤销"))
    assert (error.key, error.params["name"]) == ("shop.counted_since", "食用油")
    assert undo(tongguan, later_basket.id, "撤销").status == "undone"   # rice was not counted


def test_stock_bought_after_a_basket_does_not_block_its_undo(tongguan):
    rice = stocked(tongguan, "大米", 10, 5)
    info = redeem(tongguan, "001", [(rice, 5)])
    receive_purchase(tongguan, rice, 3, "城关供销社", "30")
    assert undo(tongguan, info.id, "撤销").status == "undone"
    assert goods_info(rice).on_hand == 8
