"""A clerk at random work on an open village, through the store's public functions only.

Each operation picks its target from what the file holds now, makes one store
call (one write transaction) and returns a report of what that call wrote:
the ledger entries and stock movements it appended, and the records it made or
moved on, with their status. `tests.faults.reports` checks such reports
against the file. A refusal (`JifenError`) propagates: it is a report too.
"""

import random
from dataclasses import replace
from datetime import date, timedelta

import peewee

from store import deeds, ledger, redemption, reviews, stock
from store.actor import resolve_actor
from store.adoption import current_rubric
from store.goods import list_goods
from store.models import (Audit, Award, Deed, Household, LedgerEntry, Redemption, Review, Staff,
                          StockMovement)
from tests.faults.rows import ledger_rows, record, stock_rows

FIRST_DAY = date(2026, 11, 26)   # the day the test villages are made on
NEXT_DAY_CHANCE = 1 / 20         # the office's day moves on, so notices run out
REASON = "故障测试"

SHOP = {"redeem": 6, "order": 2, "collect": 1, "cancel": 1, "undo": 2, "adjust": 3,
        "reverse": 1, "purchase": 2, "donation": 1, "write_off": 1, "stocktake": 1}
POINTS = {"register_deed": 2, "propose": 3, "open_review": 1, "close_review": 1,
          "finalize": 1}
MIXES = {"shop": SHOP, "all": {**SHOP, **POINTS}}


class Skipped(Exception):
    """Nothing to do this operation on right now (no order to collect, no open review)."""


class Clerk:
    """The first clerk on this OS account, with a second staff member as witness."""

    def __init__(self, rng: random.Random, mix: str = "all"):
        self.rng = rng
        self.weights = MIXES[mix]
        self.actor = resolve_actor(today=_office_day())
        self.witness = (Staff.select(Staff.name)
                        .where(Staff.active, Staff.role == "supervisor",
                               Staff.id != self.actor.staff_id).scalar())
        self.cards = [card for (card,) in Household.select(Household.card_no)
                      .where(Household.status == "active").order_by(Household.id).tuples()]
        self.items = [item for item in current_rubric().document.items()
                      if not item.retired and not item.meeting_sets_points]

    def pick_operation(self) -> str:
        if self.rng.random() < NEXT_DAY_CHANCE:
            self.actor = replace(self.actor, today_override=self.actor.today + timedelta(days=1))
        names = list(self.weights)
        return self.rng.choices(names, weights=[self.weights[name] for name in names])[0]

    def run(self, name: str) -> dict:
        """Do operation `name`; its report. Raises Skipped or the store's JifenError."""
        return getattr(self, name)()

    # --- the supermarket -----------------------------------------------------------------

    def redeem(self, order: bool = False) -> dict:
        card, balance = self._household_with_points()
        shelf = [goods for goods in list_goods() if goods.available > 0]
        basket = {}
        for goods in self.rng.sample(shelf, min(len(shelf), self.rng.randint(1, 3))):
            quantity = min(self.rng.randint(1, 2), goods.available, balance // goods.price)
            if quantity:
                basket[goods.id] = quantity
                balance -= quantity * goods.price
        if not basket:
            raise Skipped
        info = redemption.redeem(self.actor, card, list(basket.items()), order=order)
        return redemption_report(info.id)

    def order(self) -> dict:
        return self.redeem(order=True)

    def collect(self) -> dict:
        info = redemption.collect(self.actor, self._redemption("ordered"))
        return redemption_report(info.id)

    def cancel(self) -> dict:
        info = redemption.cancel(self.actor, self._redemption("ordered"), REASON)
        return redemption_report(info.id)

    def undo(self) -> dict:
        info = redemption.undo(self.actor, self._redemption("collected"), REASON)
        return redemption_report(info.id)

    def adjust(self) -> dict:
        points = self.rng.choice((5, 10, 20, 40, -1, -3))
        entry = ledger.adjust(self.actor, self.rng.choice(self.cards), points, REASON,
                              self.witness)
        return {"ledger": ledger_rows(LedgerEntry.id == entry.id)}

    def reverse(self) -> dict:
        # Only adjustments: a redemption is undone, a merge transfer stays paired (see the
        # report: check_village flags a redemption entry reversed on its own).
        reversed_ids = LedgerEntry.select(LedgerEntry.reverses).where(
            LedgerEntry.reverses.is_null(False))
        entry_id = self._random_id(LedgerEntry.select(LedgerEntry.id).where(
            LedgerEntry.kind == "adjustment", LedgerEntry.id.not_in(reversed_ids)))
        mirror = ledger.reverse(self.actor, entry_id, REASON)
        return {"ledger": ledger_rows(LedgerEntry.id == mirror.id)}

    def purchase(self) -> dict:
        goods = self._goods(area="goods")
        moved = stock.receive_purchase(self.actor, goods.id, self.rng.randint(1, 8),
                                       "城关供销社", "12.50")
        return {"stock": stock_rows(StockMovement.id == moved.id)}

    def donation(self) -> dict:
        goods = self._goods(area="donation")
        moved = stock.receive_donation(self.actor, goods.id, self.rng.randint(1, 4), "爱心企业")
        return {"stock": stock_rows(StockMovement.id == moved.id)}

    def write_off(self) -> dict:
        goods = self._goods()
        moved = stock.write_off(self.actor, goods.id, self.rng.randint(1, 2), REASON,
                                self.witness)
        return {"stock": stock_rows(StockMovement.id == moved.id)}

    def stocktake(self) -> dict:
        goods = self._goods()
        counted = max(goods.reserved, goods.on_hand + self.rng.randint(-2, 1))
        moved = stock.stocktake(self.actor, goods.id, counted)
        return {"stock": stock_rows(StockMovement.id == moved.id)}

    # --- the life of a point ----------------------------------------------------------------

    def register_deed(self) -> dict:
        info = deeds.register_deed(self.actor, self.rng.choice(self.cards),
                                   item_id=self.rng.choice(self.items).id)
        return {"records": [record("deed", info.id)]}

    def open_review(self) -> dict:
        info = reviews.open_review(self.actor, f"{self.actor.today:%Y-%m}")
        return {"records": [record("review", info.id)]}

    def propose(self) -> dict:
        if Review.get_or_none(Review.status == "open") is None:
            raise Skipped
        pending = list(Deed.select(Deed.id, Household.card_no, Deed.item_id).join(Household)
                       .where(Deed.status == "pending", Deed.item_id != "").tuples())
        if pending and self.rng.random() < 0.5:
            deed_id, card, item_id = self.rng.choice(pending)
            info = reviews.propose_award(self.actor, card, item_id, deed_id=deed_id)
            return {"records": [record("award", info.id), record("deed", deed_id)]}
        info = reviews.propose_award(self.actor, self.rng.choice(self.cards),
                                     self.rng.choice(self.items).id)
        return {"records": [record("award", info.id)]}

    def close_review(self) -> dict:
        review = Review.get_or_none(Review.status == "open")
        if review is None or not review.awards.exists():
            raise Skipped
        info = reviews.close_review(self.actor, review.id)
        return {"records": [record("review", info.id)]}

    def finalize(self) -> dict:
        review = (Review.select().where(Review.status == "closed",
                                        Review.notice_last_day < self.actor.today)
                  .order_by(Review.id).first())
        if review is None:
            raise Skipped
        waiting = [award_id for (award_id,) in Award.select(Award.id).where(
            Award.review == review, Award.status == "proposed").tuples()]
        info = reviews.finalize_review(self.actor, review.id)
        return {"ledger": ledger_rows(LedgerEntry.award.in_(waiting)),
                "records": [record("review", info.id),
                            *(record("award", award_id) for award_id in waiting)]}

    # --- choosing a target ---------------------------------------------------------------------

    def _household_with_points(self) -> tuple[str, int]:
        total = peewee.fn.SUM(LedgerEntry.points)
        held = list(LedgerEntry.select(Household.card_no, total).join(Household)
                    .where(LedgerEntry.account == "spendable", Household.status == "active")
                    .group_by(Household.id).having(total > 0).tuples())
        if not held:
            raise Skipped
        return self.rng.choice(held)

    def _redemption(self, status: str) -> int:
        return self._random_id(Redemption.select(Redemption.id)
                               .where(Redemption.status == status))

    def _goods(self, area: str | None = None):
        shelf = [goods for goods in list_goods() if area in (None, goods.area)]
        if not shelf:
            raise Skipped
        return self.rng.choice(shelf)

    def _random_id(self, query) -> int:
        ids = [row_id for (row_id,) in query.tuples()]
        if not ids:
            raise Skipped
        return self.rng.choice(ids)


def _office_day() -> date:
    """The day the last writer had reached: the newest audit row's, or the demo's today."""
    newest = Audit.select(peewee.fn.MAX(Audit.at)).scalar()
    return max(FIRST_DAY, newest.date()) if newest else FIRST_DAY


def redemption_report(redemption_id: int) -> dict:
    """A basket's entries in both ledgers, and its status."""
    link = Redemption.get_by_id(redemption_id).uuid
    return {"ledger": ledger_rows(LedgerEntry.link == link),
            "stock": stock_rows(StockMovement.redemption == redemption_id),
            "records": [record("redemption", redemption_id)]}
