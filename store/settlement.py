"""The quarter's settlement with the supplier, the donation-area sheet, and the fund picture.

Settlement is by quarter under every policy (D8). The supplier is paid for
goods-area redemptions at the policy's yuan per point; donated goods cost the
scheme nothing, so they get a sheet of their own for the charity. Making a
settlement final freezes its quarter: no redemption in it can be undone.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal

import peewee

from store import audit, db
from store.actor import Actor
from store.adoption import required_policy
from store.errors import JifenError
from store.goods import list_goods
from store.models import (Goods, Household, LedgerEntry, Redemption, RedemptionLine,
                          Settlement, StockMovement)
from store.periods import parse_period


@dataclass(frozen=True)
class SheetLine:
    goods: int
    name: str
    unit: str
    price: int
    quantity: int
    points: int
    yuan: Decimal


@dataclass(frozen=True)
class SettlementSheet:
    period: str
    area: str                      # "goods": for the supplier; "donation": for the charity
    yuan_per_point: Decimal
    lines: tuple[SheetLine, ...]
    households: int
    slips: int                     # baskets (collection slips) behind the lines
    final_by: str                  # who made the quarter final, "" if not yet
    final_at: str

    @property
    def points(self) -> int:
        return sum(line.points for line in self.lines)

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def yuan(self) -> Decimal:
        return sum((line.yuan for line in self.lines), Decimal(0))

    def as_dict(self) -> dict:
        return {**asdict(self), "points": self.points, "quantity": self.quantity,
                "yuan": self.yuan}


def settlement_sheet(period: str, area: str = "goods") -> SettlementSheet:
    """What was handed over in a quarter from one area, by goods item, at the policy's rate."""
    quarter = _quarter(period)
    final = Settlement.get_or_none(Settlement.period == str(quarter))
    # A final sheet keeps the rate it was settled at, whatever the policy says later.
    rate = Decimal(final.yuan_per_point) if final else required_policy().yuan_per_point
    handed = _handed_over(quarter, area)
    by_item = (handed.select(Goods.id, Goods.name, Goods.unit, RedemptionLine.price,
                             peewee.fn.SUM(RedemptionLine.quantity))
               .group_by(Goods.id, RedemptionLine.price)
               .order_by(Goods.name, Goods.id, RedemptionLine.price).tuples())
    lines = tuple(SheetLine(goods, name, unit, price, quantity, price * quantity,
                            rate * price * quantity)
                  for goods, name, unit, price, quantity in by_item)
    counts = handed.select(peewee.fn.COUNT(Redemption.household.distinct()),
                           peewee.fn.COUNT(Redemption.id.distinct())).tuples().first()
    return SettlementSheet(str(quarter), area, rate, lines, *(counts or (0, 0)),
                           final.made_by.name if final else "",
                           final.made_at.strftime("%Y-%m-%d") if final else "")


def _handed_over(quarter, area: str):
    if area not in ("goods", "donation"):
        raise JifenError("goods.bad_area", area=area)
    return (RedemptionLine.select().join(Redemption).switch(RedemptionLine).join(Goods)
            .where(Redemption.status == "collected", RedemptionLine.area == area,
                   Redemption.collected_on.between(quarter.first_day, quarter.last_day)))


def make_final(actor: Actor, period: str) -> SettlementSheet:
    """Record the quarter as settled; allowed once, after the quarter has ended."""
    quarter = _quarter(period)
    if actor.today <= quarter.last_day:
        raise JifenError("settlement.quarter_not_over", period=str(quarter),
                         day=str(quarter.last_day))
    with db.write():
        if Settlement.get_or_none(Settlement.period == str(quarter)) is not None:
            raise JifenError("settlement.already_final", period=str(quarter))
        sheet = settlement_sheet(str(quarter))
        Settlement.create(period=str(quarter), points=sheet.points, yuan=str(sheet.yuan),
                          yuan_per_point=str(sheet.yuan_per_point), made_by=actor.staff_id,
                          made_at=actor.now())
        audit.record(actor, "settlement.final", str(quarter), points=sheet.points,
                     yuan=str(sheet.yuan))
    return settlement_sheet(str(quarter))


def _quarter(period: str):
    quarter = parse_period(period)
    if quarter.kind != "quarter":
        raise JifenError("settlement.needs_quarter", period=str(quarter))
    return quarter


@dataclass(frozen=True)
class LowGoods:
    goods: int
    name: str
    unit: str
    available: int
    low_stock: int


@dataclass(frozen=True)
class Fund:
    """Can the shelf honour the points out there? (practice: schemes die when goods run out)"""

    outstanding_points: int        # active households' spendable points (orders' are taken)
    yuan_per_point: Decimal
    stock_points: int              # active goods available (not held for orders) at their prices
    stock_cost: Decimal            # of those, the goods area's at its average purchase cost
    donated_on_hand: int           # units of active donated goods available (they cost nothing)
    running_low: tuple[LowGoods, ...]

    @property
    def outstanding_yuan(self) -> Decimal:
        return self.outstanding_points * self.yuan_per_point

    @property
    def covered(self) -> bool:
        """Whether the goods on hand could take every outstanding point."""
        return self.stock_points >= self.outstanding_points

    def as_dict(self) -> dict:
        return {**asdict(self), "outstanding_yuan": self.outstanding_yuan,
                "covered": self.covered}


def fund() -> Fund:
    """Outstanding points at the policy's rate against the stock on hand at cost."""
    rate = required_policy().yuan_per_point
    spendable = (LedgerEntry.select(peewee.fn.COALESCE(peewee.fn.SUM(LedgerEntry.points), 0))
                 .join(Household)
                 .where(LedgerEntry.account == "spendable", Household.status == "active")
                 .scalar())
    goods = list_goods()  # retired goods take no points, so they cover none
    unit_cost = _average_unit_cost()
    stock_cost = sum((unit_cost.get(item.id, Decimal(0)) * item.available
                      for item in goods if item.area == "goods"), Decimal(0))
    low = tuple(LowGoods(item.id, item.name, item.unit, item.available, item.low_stock)
                for item in goods if item.running_low)
    return Fund(spendable, rate, sum(item.price * item.available for item in goods),
                stock_cost.quantize(Decimal("0.01")),
                sum(item.available for item in goods if item.area == "donation"), low)


def _average_unit_cost() -> dict[int, Decimal]:
    """Per goods item, what one unit cost on average over all its purchases."""
    rows = (StockMovement.select(StockMovement.goods, peewee.fn.SUM(StockMovement.cost_fen),
                                 peewee.fn.SUM(StockMovement.quantity))
            .where(StockMovement.kind == "purchase").group_by(StockMovement.goods).tuples())
    return {goods: Decimal(fen) / 100 / quantity for goods, fen, quantity in rows if quantity}

