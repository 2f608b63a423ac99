"""The year's end: spendable points reset by closing entries (D5), and the honours list."""

from dataclasses import dataclass

import peewee

from store import audit, db, rules
from store.actor import Actor
from store.adoption import current_policy, required_policy
from store.errors import JifenError
from store.ledger import account_balance, post
from store.models import Audit, Household, LedgerEntry, Redemption


@dataclass(frozen=True)
class Honoured:
    rank: int
    household: str
    head: str
    points: int


def close_year(actor: Actor, year: int) -> int:
    """Reset what is left of a year's spendable points with expiry entries; returns the
    number of households reset.

    Allowed from the day after the first redemption window of the next year,
    so the last quarter's points can still be spent (D5). Points credited for
    a later period are not the year's: they stay (what was spent since is
    taken from the oldest points first).
    """
    policy = required_policy()
    if policy.spendable_reset != "year_end":
        raise JifenError("year.no_reset")
    if year >= actor.today.year:
        raise JifenError("year.not_over", year=year)
    opens = rules.year_close_from(policy, year)
    if actor.today < opens:
        raise JifenError("year.too_early", year=year, day=str(opens))
    with db.write():
        if _closed(year):
            raise JifenError("year.already_closed", year=year)
        if Redemption.select().where(Redemption.status == "ordered").exists():
            # Their points would come back after the reset, as if the year had not closed.
            raise JifenError("year.orders_waiting", year=year)
        later = dict(LedgerEntry.select(LedgerEntry.household, peewee.fn.SUM(LedgerEntry.points))
                     .where(LedgerEntry.account == "spendable", LedgerEntry.points > 0,
                            LedgerEntry.period > str(year), ~LedgerEntry.period.startswith(
                                str(year)))
                     .group_by(LedgerEntry.household).tuples())
        reset = 0
        for household in Household.select().order_by(Household.id):
            left = account_balance(household, "spendable") - later.get(household.id, 0)
            if left > 0:
                post(actor, household, "spendable", "expiry", -left, day=actor.today,
                     period=str(year), reason=str(year))
                reset += 1
        audit.record(actor, "year.close", str(year), households=reset)
    return reset


def year_close_due(today) -> int | None:
    """The year whose reset is due and not yet done (D5: the app reminds the clerk)."""
    adopted = current_policy()
    if adopted is None or adopted.document.spendable_reset != "year_end":
        return None
    year = today.year - 1
    if today < rules.year_close_from(adopted.document, year):
        return None
    return None if _closed(year) else year


def year_closed_since(moment) -> str | None:
    """The year whose reset was done after `moment` (a UTC time), if one was."""
    row = (Audit.select(Audit.target).where(Audit.action == "year.close", Audit.at > moment)
           .order_by(Audit.id).first())
    return None if row is None else row.target


def _closed(year: int) -> bool:
    """A closed year is known by its audit row: with nothing left to reset it has no entry."""
    return Audit.select().where(Audit.action == "year.close", Audit.target == str(year)).exists()


def honours(year: int, count: int | None = None) -> list[Honoured]:
    """The year's best households by honour points earned in it; ties at the line are in."""
    policy = required_policy()
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
