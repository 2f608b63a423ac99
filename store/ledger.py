"""The points ledger: append-only entries per household and account.

A balance is the sum of a household's entries in one account; nothing is
cached, so there is nothing to drift. A correction is a new entry that
reverses an earlier one by name. Spendable points never go below zero.
"""

from dataclasses import dataclass
from datetime import date

import peewee

from store import audit, db
from store.actor import Actor, witness as second_person
from store.errors import JifenError
from store.models import Household, LedgerEntry, Staff, new_uuid
from store.normalize import clean_card, clean_reason


@dataclass(frozen=True)
class Balance:
    household: str
    spendable: int
    honour: int

    def as_dict(self) -> dict:
        return {"household": self.household, "balance": self.spendable, "honour": self.honour}


@dataclass(frozen=True)
class Entry:
    """A ledger entry as shown, with the account's balance after it."""

    id: int
    day: date
    account: str
    kind: str
    points: int
    balance: int
    period: str
    reason: str
    award: int | None
    reverses: int | None
    staff: str


def household_row(card_no: str) -> Household:
    row = Household.get_or_none(Household.card_no == clean_card(card_no))
    if row is None:
        raise JifenError("household.not_found", card=card_no)
    return row


def account_balance(household: Household, account: str) -> int:
    return (LedgerEntry.select(peewee.fn.COALESCE(peewee.fn.SUM(LedgerEntry.points), 0))
            .where(LedgerEntry.household == household, LedgerEntry.account == account)
            .scalar())


def balance(card_no: str) -> Balance:
    row = household_row(card_no)
    return Balance(row.card_no, account_balance(row, "spendable"), account_balance(row, "honour"))


def entries(card_no: str) -> list[Entry]:
    """A household's entries in order, each with its account's running balance (积分存折)."""
    row = household_row(card_no)
    running = {"spendable": 0, "honour": 0}
    shown = []
    query = (LedgerEntry.select(LedgerEntry, Staff.name)
             .join(Staff, on=(LedgerEntry.staff == Staff.id))
             .where(LedgerEntry.household == row)
             .order_by(LedgerEntry.id))
    for entry in query:
        running[entry.account] += entry.points
        shown.append(Entry(entry.id, entry.day, entry.account, entry.kind, entry.points,
                           running[entry.account], entry.period, entry.reason, entry.award_id,
                           entry.reverses_id, entry.staff.name))
    return shown


def post(actor: Actor, household: Household, account: str, kind: str, points: int, *,
         day: date, period: str = "", award=None, reverses=None, link=None, reason: str = "",
         second_staff=None) -> LedgerEntry:
    """Append one entry; the caller holds the write transaction and has made the checks.

    A merge transfer is exempt from the balance check: it moves the points period by
    period, a period may hold a net deduction, and only the whole transfer's net counts
    (it leaves the source at zero and adds a balance of at least zero to the target).
    """
    if (account == "spendable" and kind != "merge_transfer"
            and account_balance(household, account) + points < 0):
        raise JifenError("ledger.insufficient", card=household.card_no,
                         balance=account_balance(household, account), points=-points)
    return LedgerEntry.create(household=household, account=account, kind=kind, points=points,
                              day=day, period=period, award=award, reverses=reverses,
                              link=link, reason=reason, staff=actor.staff_id,
                              second_staff=second_staff, created_at=actor.now())


def reverse(actor: Actor, entry_id: int, reason: str) -> LedgerEntry:
    """Undo an entry with its mirror image, which names it; once only."""
    reason = clean_reason(reason)
    with db.write():
        entry = LedgerEntry.numbered(entry_id)
        if entry is None:
            raise JifenError("ledger.no_such_entry", entry=entry_id)
        if entry.kind == "reversal":
            raise JifenError("ledger.reverse_reversal", entry=entry_id)
        # A basket's entry goes back with its goods (redemption undo); a merge is final (D9).
        if entry.kind in ("redemption", "merge_transfer"):
            raise JifenError(f"ledger.reverse_{entry.kind}", entry=entry_id)
        if LedgerEntry.get_or_none(LedgerEntry.reverses == entry) is not None:
            raise JifenError("ledger.already_reversed", entry=entry_id)
        mirror = post(actor, entry.household, entry.account, "reversal", -entry.points,
                      day=actor.today, period=entry.period, reverses=entry, link=entry.link,
                      reason=reason)
        audit.record(actor, "ledger.reverse", f"entry:{entry_id}", reason=reason,
                     points=-entry.points, household=entry.household.card_no)
    return mirror


def adjust(actor: Actor, card_no: str, points: int, reason: str, second: str) -> LedgerEntry:
    """A manual correction of spendable points, witnessed by a second staff member."""
    reason = clean_reason(reason)
    if points == 0:
        raise JifenError("ledger.zero_points")
    witness = second_person(actor, second, "ledger.second_is_self")
    with db.write():
        household = household_row(card_no)
        _refuse_closed(household)
        entry = post(actor, household, "spendable", "adjustment", points, day=actor.today,
                     reason=reason, second_staff=witness)
        audit.record(actor, "ledger.adjust", f"household:{household.card_no}", points=points,
                     reason=reason, second=witness.name)
    return entry


def transfer_all(actor: Actor, source: Household, target: Household, reason: str) -> None:
    """Move both balances of `source` to `target` with linked pairs of entries (D9).

    Period by period, so the points keep counting where they counted: in the
    year's honours list, and against the year's reset. The caller holds the
    write transaction (a merge).
    """
    link = new_uuid()
    held = (LedgerEntry.select(LedgerEntry.account, LedgerEntry.period,
                               peewee.fn.SUM(LedgerEntry.points))
            .where(LedgerEntry.household == source)
            .group_by(LedgerEntry.account, LedgerEntry.period)
            .order_by(LedgerEntry.account, LedgerEntry.period).tuples())
    for account, period, amount in held:
        if amount:
            post(actor, source, account, "merge_transfer", -amount, day=actor.today,
                 period=period, link=link, reason=reason)
            post(actor, target, account, "merge_transfer", amount, day=actor.today,
                 period=period, link=link, reason=reason)


def _refuse_closed(household: Household) -> None:
    """D9: a closed (moved, merged) household keeps its history but cannot earn or spend."""
    if household.status != "active":
        raise JifenError("household.not_active", card=household.card_no, status=household.status)
