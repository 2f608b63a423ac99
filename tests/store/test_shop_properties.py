"""What always holds in the shop: the ledgers pay out no money and cannot be rewritten, and
any sequence of stock movements, baskets, orders and undos keeps stock and balances at or
above zero and the two ledgers telling the same story."""

import shutil
import uuid
from datetime import date, timedelta

import peewee
import pytest
from hypothesis import given, settings, strategies as st

from store import check, db, village
from store.actor import resolve_actor
from store.errors import JifenError
from store.goods import list_goods
from store.models import LEDGER_KINDS, LedgerEntry, Redemption, StockMovement
from store.periods import period_of
from store.redemption import cancel, collect, expire, list_redemptions, redeem, undo
from store.settlement import make_final
from store.stock import receive_donation, receive_purchase, stocktake, write_off
from tests.store.points_helpers import on
from tests.store.shop_helpers import (SUPERVISOR, give, open_shop, spendable, stocked,
                                      written)

# --- no money, no rewriting ----------------------------------------------------------------------

PAYOUTS = ("cash", "payout", "money", "withdrawal", "refund", "yuan", "transfer_out")


def _raw_entry(kind: str, template: LedgerEntry) -> None:
    """An entry written past jifen, as a bad tool would."""
    db.database.execute_sql(
        "INSERT INTO ledger_entry (uuid, household_id, account, kind, points, day, period, "
        "reason, staff_id, created_at) VALUES (?, ?, 'spendable', ?, -10, '2026-11-26', '', "
        "'', ?, '2026-11-26 08:00:00')",
        (uuid.uuid4().hex, template.household_id, kind, template.staff_id))


def test_the_ledger_kinds_are_a_closed_set_without_a_payout(actor):
    assert not set(LEDGER_KINDS) & set(PAYOUTS)
    open_shop(actor, "mazigou")
    give(actor, "001", 10)
    entry = LedgerEntry.get()
    for kind in (*PAYOUTS, "whatever"):
        with pytest.raises(peewee.IntegrityError, match="CHECK"):
            _raw_entry(kind, entry)
    _raw_entry("adjustment", entry)         # the same row with a kind of the set goes in
    assert LedgerEntry.select().count() == 2


def test_stock_movements_cannot_be_rewritten(actor):
    open_shop(actor, "mazigou")
    rice = stocked(actor, "大米", 10, 5)
    for sql in ("UPDATE stock_movement SET quantity = 500", "DELETE FROM stock_movement"):
        with pytest.raises(peewee.DatabaseError, match="append-only"):
            db.database.execute_sql(sql)
    assert [m.quantity for m in StockMovement.select().where(StockMovement.goods == rice)] == [5]


# --- any sequence ---------------------------------------------------------------------------------

CARDS = ["001", "002", "003"]
GOODS = 4            # rice and oil in the goods area, clothes and books in the donation area

basket = st.lists(st.tuples(st.integers(0, GOODS - 1), st.integers(1, 3)), min_size=1,
                  max_size=3)

def baskets(order):
    return st.tuples(st.just("redeem"), st.sampled_from(CARDS), basket, order, st.booleans())


# Steps on a redemption name it by its place among those made so far (modulo their number).
operation = st.one_of(
    baskets(st.just(False)), baskets(st.just(True)), baskets(st.booleans()),   # 3 in 15 steps
    st.tuples(st.just("purchase"), st.integers(0, GOODS - 1), st.integers(1, 4)),
    st.tuples(st.just("donation"), st.integers(0, GOODS - 1), st.integers(1, 4)),
    st.tuples(st.just("writeoff"), st.integers(0, GOODS - 1), st.integers(1, 4)),
    st.tuples(st.just("count"), st.integers(0, GOODS - 1), st.integers(0, 8)),
    st.tuples(st.just("collect"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("undo"), st.integers(0, 20)),
    st.tuples(st.just("expire")),
    st.tuples(st.just("final")),
    st.tuples(st.just("give"), st.sampled_from(CARDS), st.integers(1, 40)),
    st.tuples(st.just("wait"), st.integers(1, 2)),
)


def _redemption(place: int) -> int:
    made = [number for (number,) in Redemption.select(Redemption.id).order_by(Redemption.id)
            .tuples()]
    return made[place % len(made)] if made else place + 1


def _apply(actor, step, goods):
    kind = step[0]
    if kind == "purchase":
        receive_purchase(actor, goods[step[1]], step[2], "城关供销社", "12.5")
    elif kind == "donation":
        receive_donation(actor, goods[step[1]], step[2], "爱心企业")
    elif kind == "writeoff":
        write_off(actor, goods[step[1]], step[2], "受潮", SUPERVISOR)
    elif kind == "count":
        stocktake(actor, goods[step[1]], step[2])
    elif kind == "redeem":
        _, card, wanted, order, proxy = step
        redeem(actor, card, [(goods[which], quantity) for which, quantity in wanted],
               proxy="张干部" if proxy else "", order=order)
    elif kind == "collect":
        collect(actor, _redemption(step[1]), proxy="李四" if step[2] else None)
    elif kind == "cancel":
        cancel(actor, _redemption(step[1]), "不要了")
    elif kind == "undo":
        undo(actor, _redemption(step[1]), "拿错了")
    elif kind == "expire":
        expire(actor)
    elif kind == "final":
        last_quarter = period_of(actor.today, "quarter").first_day - timedelta(days=1)
        make_final(actor, str(period_of(last_quarter, "quarter")))
    elif kind == "give":
        give(actor, step[1], step[2])


# A basket's points stay taken while ordered or collected; its goods leave only when collected.
POINTS_TAKEN = ("ordered", "collected")


def _check_invariants():
    for item in list_goods(include_retired=True):
        assert 0 <= item.reserved <= item.on_hand
    for card in CARDS:
        assert spendable(card) >= 0
    for info in list_redemptions():
        assert info.points == sum(line.points for line in info.lines)
        points = sum(entry.points for entry in LedgerEntry.select().where(
            LedgerEntry.link == info.uuid))
        assert points == (-info.points if info.status in POINTS_TAKEN else 0)
        moved = {}
        for movement in StockMovement.select().where(StockMovement.redemption == info.id):
            moved[movement.goods_id] = moved.get(movement.goods_id, 0) + movement.quantity
        out = ({line.goods: -line.quantity for line in info.lines}
               if info.status == "collected" else {})
        assert {goods: net for goods, net in moved.items() if net} == out


@pytest.fixture(scope="module")
def shop_file(tmp_path_factory):
    """A village with a stocked shop per policy, made once: each example works on a copy."""
    made = {}

    def shop(policy: str, start: date):
        if policy not in made:
            path = tmp_path_factory.mktemp("shop") / f"{policy}.jifen"
            village.create_village(path, name="东村", population=1000, clerk="王建国")
            actor = on(resolve_actor(), start)
            open_shop(actor, policy)
            for card in CARDS:
                give(actor, card, 60)
            goods = [stocked(actor, "大米", 10, 6), stocked(actor, "食用油", 20, 4),
                     stocked(actor, "旧衣服", 3, 4, area="donation"),
                     stocked(actor, "图书", 2, 4, area="donation")]
            db.close_village()
            made[policy] = path, goods
        return made[policy]
    return shop


@pytest.mark.parametrize("policy, start", [("tongguan", date(2026, 11, 26)),
                                           ("quarterly-virtue", date(2026, 12, 31))])
@settings(deadline=None)  # example counts come from the ci / long profiles
@given(steps=st.lists(operation, min_size=4, max_size=24))
def test_any_sequence_keeps_stock_balances_and_ledgers_consistent(tmp_path_factory, shop_file,
                                                                  policy, start, steps):
    """Tongguan adds the donation rule (D6); the quarterly scheme's steps cross its January
    window, so counter baskets and collections are refused outside it."""
    template, goods = shop_file(policy, start)
    path = tmp_path_factory.mktemp("village") / "v.jifen"
    shutil.copyfile(template, path)
    db.open_village(path)
    try:
        actor = on(resolve_actor(), start)
        for step in steps:
            if step[0] == "wait":
                actor = on(actor, actor.today + timedelta(days=step[1]))
                continue
            before = written()
            try:
                _apply(actor, step, goods)
            except JifenError:
                assert written() == before      # a refusal writes nothing
            _check_invariants()
        assert check.check_village() == []
    finally:
        db.close_village()
