"""Stock movements: purchases and donations in, write-offs and stocktakes, the stock report.

Movements are append-only (SQLite triggers) and each carries the acting
staff member; stock on hand never goes below zero, and never below what
baskets ordered for a redemption day hold.
"""

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import peewee

from store import audit, db
from store.actor import Actor, witness as second_person
from store.errors import JifenError
from store.goods import available, check_quantity, goods_row, on_hand, reserved
from store.models import Goods, Staff, StockMovement
from store.normalize import clean_name, clean_reason, clean_text
from store.periods import parse_period

MAX_YUAN = Decimal("10000000")


@dataclass(frozen=True)
class Movement:
    id: int
    goods: int
    name: str
    kind: str
    quantity: int
    day: date
    supplier: str
    cost: str          # yuan, "" where there is none
    donor: str
    via: str
    counted: int | None
    reason: str
    witness: str
    redemption: int | None
    staff: str

    def as_dict(self) -> dict:
        return asdict(self)


def parse_yuan(text) -> int:
    """Yuan as written by a clerk ("12", "12.5", "12.50", "１２") to whole fen."""
    cleaned = clean_text(text, field="cost", limit=20).removesuffix("元").strip()
    try:
        yuan = Decimal(cleaned)
    except InvalidOperation:
        raise JifenError("stock.bad_cost", cost=str(text)) from None
    if not yuan.is_finite() or yuan < 0 or yuan > MAX_YUAN or yuan != yuan.quantize(Decimal("0.01")):
        raise JifenError("stock.bad_cost", cost=str(text))
    return int(yuan * 100)


def yuan_text(fen: int) -> str:
    return f"{Decimal(fen) / 100:.2f}"


def receive_purchase(actor: Actor, goods_id, quantity: int, supplier: str, cost) -> Movement:
    """Goods bought from the supplier onto the goods-area shelf (入库)."""
    quantity = check_quantity(quantity)
    supplier = clean_text(supplier, field="supplier", limit=60)
    if not supplier:
        raise JifenError("stock.supplier_missing")
    cost_fen = parse_yuan(cost)
    with db.write():
        goods = _active_goods(goods_id)
        if goods.area != "goods":
            raise JifenError("stock.purchase_to_donation", goods=goods.id, name=goods.name)
        row = StockMovement.create(goods=goods, kind="purchase", quantity=quantity,
                                   day=actor.today, supplier=supplier, cost_fen=cost_fen,
                                   staff=actor.staff_id, created_at=actor.now())
        audit.record(actor, "stock.purchase", f"goods:{goods.id}", qty=quantity,
                     supplier=supplier, cost=yuan_text(cost_fen))
    return movement(row.id)


def receive_donation(actor: Actor, goods_id, quantity: int, donor: str, via: str = "") -> Movement:
    """Donated goods onto the donation-area shelf (捐赠登记): who gave, who brought them."""
    quantity = check_quantity(quantity)
    donor = clean_text(donor, field="donor", limit=60)
    via = clean_name(via, field="via")
    if not donor:
        raise JifenError("stock.donor_missing")
    with db.write():
        goods = _active_goods(goods_id)
        if goods.area != "donation":
            raise JifenError("stock.donation_to_goods", goods=goods.id, name=goods.name)
        row = StockMovement.create(goods=goods, kind="donation", quantity=quantity,
                                   day=actor.today, donor=donor, via=via,
                                   staff=actor.staff_id, created_at=actor.now())
        audit.record(actor, "stock.donation", f"goods:{goods.id}", qty=quantity, donor=donor,
                     via=via)
    return movement(row.id)


def write_off(actor: Actor, goods_id, quantity: int, reason: str, witness: str) -> Movement:
    """Spoiled, broken or lost goods leave the shelf, witnessed by a second staff member."""
    quantity = check_quantity(quantity)
    reason = clean_reason(reason)
    second = second_person(actor, witness, "stock.witness_is_self")
    with db.write():
        goods = goods_row(goods_id)
        free = available(goods)
        if quantity > free:
            raise JifenError("stock.short", goods=goods.id, name=goods.name, qty=quantity,
                             available=free)
        row = StockMovement.create(goods=goods, kind="writeoff", quantity=-quantity,
                                   day=actor.today, reason=reason, witness=second,
                                   staff=actor.staff_id, created_at=actor.now())
        audit.record(actor, "stock.writeoff", f"goods:{goods.id}", qty=quantity, reason=reason,
                     witness=second.name)
    return movement(row.id)


def stocktake(actor: Actor, goods_id, counted: int) -> Movement:
    """The shelf counted: the difference to what was expected is booked, even when nil.

    A count below what ordered baskets hold is refused: those orders must be
    cancelled first, or they would promise goods that are not there.
    """
    if isinstance(counted, bool) or not isinstance(counted, int) or not 0 <= counted <= 10**9:
        raise JifenError("stock.bad_count", value=str(counted))
    with db.write():
        goods = goods_row(goods_id)
        held = reserved(goods)
        if counted < held:
            raise JifenError("stock.count_below_reserved", goods=goods.id, name=goods.name,
                             counted=counted, reserved=held)
        expected = on_hand(goods)
        row = StockMovement.create(goods=goods, kind="stocktake", quantity=counted - expected,
                                   counted=counted, day=actor.today, staff=actor.staff_id,
                                   created_at=actor.now())
        audit.record(actor, "stock.count", f"goods:{goods.id}", counted=counted,
                     expected=expected)
    return movement(row.id)


def _active_goods(goods_id) -> Goods:
    goods = goods_row(goods_id)
    if not goods.active:
        raise JifenError("goods.retired", goods=goods.id, name=goods.name)
    return goods


def movement(movement_id: int) -> Movement:
    return movements(StockMovement.id == movement_id)[0]


def movements(*where) -> list[Movement]:
    """Stock movements, oldest first, optionally filtered (e.g. by goods or day)."""
    witness = Staff.alias()
    # Flat rows with named columns: joined model instances would be built from the name
    # alone and, having no id, blank the movement's witness_id.
    query = (StockMovement.select(StockMovement, Goods.name.alias("goods_name"),
                                  Staff.name.alias("staff_name"),
                                  witness.name.alias("witness_name"))
             .join(Goods).switch(StockMovement)
             .join(Staff, on=(StockMovement.staff == Staff.id)).switch(StockMovement)
             .join(witness, peewee.JOIN.LEFT_OUTER, on=(StockMovement.witness == witness.id))
             .order_by(StockMovement.id).objects())
    if where:
        query = query.where(*where)
    return [Movement(row.id, row.goods_id, row.goods_name, row.kind, row.quantity, row.day,
                     row.supplier, "" if row.cost_fen is None else yuan_text(row.cost_fen),
                     row.donor, row.via, row.counted, row.reason, row.witness_name or "",
                     row.redemption_id, row.staff_name)
            for row in query]


@dataclass(frozen=True)
class StockLine:
    """One goods item over a period: opening + in - out - written off +/- counted = closing."""

    goods: int
    name: str
    unit: str
    area: str
    opening: int
    purchased: int
    donated: int
    redeemed: int        # net of undone redemptions returned to the shelf
    written_off: int
    counted: int         # stocktake differences: + found, - missing
    closing: int

    def as_dict(self) -> dict:
        return asdict(self)


_IN_COLUMNS = {"purchase": "purchased", "donation": "donated", "redemption": "redeemed",
               "return": "redeemed", "writeoff": "written_off", "stocktake": "counted"}


def stock_report(period: str) -> list[StockLine]:
    """Per goods item, what came and went in a period (a month, quarter or year)."""
    span = parse_period(period)
    opening = dict(StockMovement.select(StockMovement.goods, peewee.fn.SUM(StockMovement.quantity))
                   .where(StockMovement.day < span.first_day)
                   .group_by(StockMovement.goods).tuples())
    moved: dict[int, dict[str, int]] = {}
    for goods, kind, quantity in (
            StockMovement.select(StockMovement.goods, StockMovement.kind,
                                 peewee.fn.SUM(StockMovement.quantity))
            .where(StockMovement.day.between(span.first_day, span.last_day))
            .group_by(StockMovement.goods, StockMovement.kind).tuples()):
        column = _IN_COLUMNS[kind]
        sums = moved.setdefault(goods, {})
        sums[column] = sums.get(column, 0) + quantity
    lines = []
    for row in Goods.select().order_by(Goods.area.desc(), Goods.price, Goods.name, Goods.id):
        start, sums = opening.get(row.id, 0), moved.get(row.id, {})
        if not (row.active or start or sums):
            continue
        lines.append(StockLine(row.id, row.name, row.unit, row.area, start,
                               sums.get("purchased", 0), sums.get("donated", 0),
                               -sums.get("redeemed", 0), -sums.get("written_off", 0),
                               sums.get("counted", 0), start + sum(sums.values())))
    return lines


def last_stocktake(goods: Goods):
    """The newest stocktake of an item (D8: no undo of a redemption from before it)."""
    return (StockMovement.select().where(StockMovement.goods == goods,
                                         StockMovement.kind == "stocktake")
            .order_by(StockMovement.id.desc()).first())
