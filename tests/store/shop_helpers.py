"""A small village with a shop, for the supermarket's tests."""

import os

import pytest

from store import ledger, staff
from store.actor import resolve_actor
from store.errors import JifenError
from store.goods import add_goods
from store.models import (Audit, Goods, LedgerEntry, Redemption, RedemptionLine,
                          RedemptionSheet, Settlement, StockMovement)
from store.stock import receive_donation, receive_purchase
from tests.store.points_helpers import adopt, households

SUPERVISOR = "李监督"


def open_shop(actor, policy: str, *, rubric: str = "mazigou", cards: int = 3,
              poor_every: int = 0) -> list[str]:
    """A shipped rubric and policy, households 001.., and a supervisor on this OS account."""
    adopt(actor, rubric, policy)
    staff.add_staff(actor, SUPERVISOR, "supervisor", os_user=str(os.geteuid()))
    return households(actor, cards, poor_every=poor_every)


def supervisor(actor):
    """The supervisor at work on the actor's day."""
    return resolve_actor(SUPERVISOR, today=actor.today)


def give(actor, card: str, points: int) -> None:
    """Spendable points by a witnessed adjustment (the quickest way to a balance)."""
    ledger.adjust(actor, card, points, "测试用积分", SUPERVISOR)


def stocked(actor, name: str, price: int, quantity: int, *, area: str = "goods",
            low_stock: int = 0, cost: str = "100") -> int:
    """A goods item with `quantity` on the shelf; its id."""
    goods = add_goods(actor, name, price, area=area, unit="件", low_stock=low_stock)
    if area == "goods":
        receive_purchase(actor, goods.id, quantity, "城关供销社", cost)
    else:
        receive_donation(actor, goods.id, quantity, "爱心企业", via="张干部")
    return goods.id


def spendable(card: str) -> int:
    return ledger.balance(card).spendable


def written() -> dict:
    """Rows of every table a shop action writes to, and the states it changes."""
    counts = {model.__name__: model.select().count()
              for model in (LedgerEntry, StockMovement, Redemption, RedemptionLine, Goods,
                            RedemptionSheet, Settlement, Audit)}
    return {**counts, "statuses": list(Redemption.select(Redemption.id, Redemption.status,
                                                         Redemption.proxy).tuples()),
            "active": list(Goods.select(Goods.id, Goods.active).tuples())}


def refused(call) -> JifenError:
    """The refusal `call` meets, having checked that it wrote nothing."""
    before = written()
    with pytest.raises(JifenError) as caught:
        call()
    assert written() == before
    return caught.value
