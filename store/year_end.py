"""The year's end: spendable points reset by closing entries (D5), and the honours list."""

from dataclasses import dataclass

import peewee

from store import audit, db, rules
from store.actor import Actor
from store.adoption import current_policy
from store.errors import JifenError
from store.ledger import account_balance, post
from store.models import Household, LedgerEntry


@dataclass(frozen=True)
class Honoured:
    rank: int
    household: str
    head: str
    points: int


def close_year(actor: Actor, year: int) -> int:
    """Reset every spendable balance to zero with an expiry entry; returns households reset.

    Allowed from the day after the first redemption window of the next year,
    so the last quarter's points can still be spent (D5).
    """
    policy = _policy()
    if policy.spendable_reset != "year_end":
        raise JifenError("year.no_reset")
    opens = rules.year_close_from(policy, year)
    if actor.today < opens:
        raise JifenError("year.too_early", year=year, day=str(opens))
    with db.write():
        if LedgerEntry.select().where(LedgerEntry.kind == "expiry",
                                      LedgerEntry.period == str(year)).exists():
            raise JifenError("year.already_closed", year=year)
        reset = 0
        for household in Household.select().order_by(Household.id):
            left = account_balance(household, "spendable")
            if left > 0:
                post(actor, household, "spendable", "expiry", -left, day=actor.today,
                     period=str(year), reason=str(year))
                reset += 1
        audit.record(actor, "year.close", str(year), households=reset)
    return reset


def honours(year: int, count: int | None = None) -> list[Honoured]:
    """The year's best households by honour points earned in it; ties at the line are in."""
    policy = _policy()
    if count is None:
        if policy.honours is None:
            raise JifenError("year.no_honours")
        count = policy.honours.count
    earned = peewee.fn.SUM(LedgerEntry.points)
    rows = (LedgerEntry.select(Household.card_no, Household.head, earned)
            .join(Household)
            .where(LedgerEntry.account == "honour",
                   LedgerEntry.period.startswith(str(year)))
            .group_by(Household.id).having(earned > 0)
            .order_by(earned.desc(), Household.id).tuples())
    listed, rank, previous = [], 0, None
    for position, (card, head, points) in enumerate(rows, start=1):
        if points != previous:
            rank = position
        if rank > count:
            break
        listed.append(Honoured(rank, card, head, points))
        previous = points
    return listed


def _policy():
    adopted = current_policy()
    if adopted is None:
        raise JifenError("policy.none_adopted")
    return adopted.document
