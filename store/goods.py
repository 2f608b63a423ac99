"""The supermarket's goods: name, unit, price in points, area, and what is on the shelf.

Stock on hand is the sum of an item's stock movements; what is reserved is
held in baskets ordered for a redemption day and not yet collected; what is
available is on hand less reserved. Nothing is cached, so nothing drifts.
"""

from dataclasses import asdict, dataclass

import peewee

from store import audit, db, rules
from store.actor import Actor
from store.adoption import current_policy
from store.errors import JifenError
from store.models import GOODS_AREAS, Goods, Redemption, RedemptionLine, StockMovement
from store.normalize import clean_text

MAX_PRICE = 100_000
MAX_QUANTITY = 100_000


@dataclass(frozen=True)
class GoodsInfo:
    id: int
    name: str
    unit: str
    price: int
    area: str
    active: bool
    low_stock: int
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved

    @property
    def running_low(self) -> bool:
        return self.active and self.available <= self.low_stock

    def as_dict(self) -> dict:
        return {**asdict(self), "available": self.available, "running_low": self.running_low}


def goods_row(goods_id) -> Goods:
    row = Goods.numbered(goods_id)
    if row is None:
        raise JifenError("goods.not_found", goods=goods_id)
    return row


def check_quantity(quantity, *, field: str = "qty") -> int:
    """A whole number of units, 1 or more."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) \
            or not 1 <= quantity <= MAX_QUANTITY:
        raise JifenError("stock.bad_quantity", field=field, value=str(quantity),
                         high=MAX_QUANTITY)
    return quantity


def add_goods(actor: Actor, name: str, price: int, *, area: str = "goods", unit: str = "",
              low_stock: int = 0) -> GoodsInfo:
    """A new goods item; a goods-area price must be one of the policy's zones (D7)."""
    name = clean_text(name, field="name", limit=60)
    unit = clean_text(unit, field="unit", limit=10)
    if not name:
        raise JifenError("goods.name_missing")
    if area not in GOODS_AREAS:
        raise JifenError("goods.bad_area", area=area)
    _check_price(price, area)
    if isinstance(low_stock, bool) or not isinstance(low_stock, int) \
            or not 0 <= low_stock <= MAX_QUANTITY:
        raise JifenError("goods.bad_low_stock", value=str(low_stock))
    with db.write():
        twin = Goods.get_or_none(Goods.name == name, Goods.unit == unit, Goods.area == area,
                                 Goods.active)
        if twin is not None:
            raise JifenError("goods.duplicate", name=name, goods=twin.id)
        row = Goods.create(name=name, unit=unit, price=price, area=area, low_stock=low_stock,
                           created_at=actor.now())
        audit.record(actor, "goods.add", f"goods:{row.id}", name=name, unit=unit, price=price,
                     area=area, low_stock=low_stock)
    return goods_info(row.id)


def _check_price(price, area: str) -> None:
    if isinstance(price, bool) or not isinstance(price, int) or not 1 <= price <= MAX_PRICE:
        raise JifenError("goods.bad_price", price=str(price), high=MAX_PRICE)
    adopted = current_policy()
    if adopted is not None and not rules.price_allowed(adopted.document, price, area):
        zones = "、".join(map(str, adopted.document.price_zones))
        raise JifenError("goods.price_not_in_zones", price=price, zones=zones)


def retire_goods(actor: Actor, goods_id) -> GoodsInfo:
    """Take an item off the list: its history stays; nothing is reserved of it."""
    with db.write():
        row = goods_row(goods_id)
        if not row.active:
            raise JifenError("goods.already_retired", goods=row.id, name=row.name)
        if reserved(row) > 0:
            raise JifenError("goods.reserved", goods=row.id, name=row.name, qty=reserved(row))
        row.active = False
        row.save()
        audit.record(actor, "goods.retire", f"goods:{row.id}", name=row.name)
    return goods_info(row.id)


def on_hand(goods: Goods) -> int:
    return (StockMovement.select(peewee.fn.COALESCE(peewee.fn.SUM(StockMovement.quantity), 0))
            .where(StockMovement.goods == goods).scalar())


def reserved(goods: Goods) -> int:
    return (RedemptionLine.select(peewee.fn.COALESCE(peewee.fn.SUM(RedemptionLine.quantity), 0))
            .join(Redemption)
            .where(RedemptionLine.goods == goods, Redemption.status == "ordered").scalar())


def available(goods: Goods) -> int:
    return on_hand(goods) - reserved(goods)


def list_goods(*, include_retired: bool = False) -> list[GoodsInfo]:
    """Every goods item with its stock, goods area first, then by price and name."""
    stock = dict(StockMovement.select(StockMovement.goods, peewee.fn.SUM(StockMovement.quantity))
                 .group_by(StockMovement.goods).tuples())
    # From the open orders (a partial index), not from every line ever redeemed.
    ordered = Redemption.select(Redemption.id).where(Redemption.status == "ordered")
    held = dict(RedemptionLine.select(RedemptionLine.goods, peewee.fn.SUM(RedemptionLine.quantity))
                .where(RedemptionLine.redemption.in_(ordered))
                .group_by(RedemptionLine.goods).tuples())
    query = Goods.select().order_by(Goods.area.desc(), Goods.price, Goods.name, Goods.id)
    if not include_retired:
        query = query.where(Goods.active)
    return [_info(row, stock.get(row.id, 0), held.get(row.id, 0)) for row in query]


def goods_info(goods_id) -> GoodsInfo:
    row = goods_row(goods_id)
    return _info(row, on_hand(row), reserved(row))


def _info(row: Goods, stock: int, held: int) -> GoodsInfo:
    return GoodsInfo(row.id, row.name, row.unit, row.price, row.area, row.active,
                     row.low_stock, stock, held)
