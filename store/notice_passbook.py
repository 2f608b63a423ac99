"""The passbook (积分存折): one household's ledger entries with their running balances.

`passbook_notice` is the builder the notice registry (store/notices.py) names:
`passbook_data` reads the household's entries (store.ledger.entries) up to the
day of the passbook and says what each one was, as message keys and their
values (`Words`); `passbook_text`, a pure function, lays them out with
store/print_layout.py. The words come from `say` (keys `passbook.`).

Spendable points (redeeming lowers them, a year-end reset may clear them) and
honour points (they only grow, and rank households) are two sections, each
entry with the balance after it. Widths: 80, 48 and 32 columns; below 40 the
date (as 11-26, under a line naming the year) shares its column with what the
entry was. The passbook is the household's own paper: its deductions are
listed; still no ID or phone number is printed.
"""

from dataclasses import dataclass
from datetime import date

from store.adoption import rubric_version
from store.errors import JifenError
from store.ledger import Entry, entries, household_row
from store.models import Award, Household, LedgerEntry, Redemption
from store.notice_text import RECEIPT, Holder, first_fit, holder, holder_lines
from store.notices import Notice, Request
from store.periods import parse_period
from store.print_layout import Col, Layout, Say, centred, right, table, wrap
from store.staff import Signers, signers
from store.village import village_info


@dataclass(frozen=True)
class Words:
    """A message key and its values; a value may itself be Words (said first)."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def said(self, say: Say) -> str:
        return say(self.key, **{name: value.said(say) if isinstance(value, Words) else value
                                for name, value in self.params})


def words(key: str, **params) -> Words:
    return Words(f"passbook.{key}", tuple(params.items()))


@dataclass(frozen=True)
class PassLine:
    day: date
    what: Words
    points: int
    balance: int               # the account's balance after this entry


@dataclass(frozen=True)
class PassbookData:
    village: str
    holder: Holder
    status: Words | None       # a household that moved, closed or merged says so
    spendable: tuple[PassLine, ...]
    honour: tuple[PassLine, ...]
    signers: Signers

    @property
    def spendable_balance(self) -> int:
        return self.spendable[-1].balance if self.spendable else 0

    @property
    def honour_balance(self) -> int:
        return self.honour[-1].balance if self.honour else 0


def passbook_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    return passbook_text(passbook_data(request.household, today), today, say, layout)


# --- reading --------------------------------------------------------------------------------

def passbook_data(card: str, today: date) -> PassbookData:
    """The household's entries dated up to `today`, in the order they were made, each
    account with its own running balance."""
    row = household_row(card)
    everything = entries(row.card_no)
    shown = [entry for entry in everything if entry.day <= today]
    what = _Phrases(row, everything)
    lines: dict[str, list[PassLine]] = {"spendable": [], "honour": []}
    for entry in shown:
        account = lines[entry.account]
        before = account[-1].balance if account else 0
        account.append(PassLine(entry.day, what.of(entry), entry.points, before + entry.points))
    return PassbookData(village_info().name, holder(row.card_no), _status(row),
                        tuple(lines["spendable"]), tuple(lines["honour"]), signers())


def _status(row: Household) -> Words | None:
    if row.status == "active":
        return None
    if row.status == "merged" and row.merged_into_id:
        return words("status.merged", card=row.merged_into.card_no, reason=row.status_reason)
    return words(f"status.{row.status}", reason=row.status_reason)


class _Phrases:
    """What each entry of one household was: its item, its goods, what it reversed..."""

    def __init__(self, row: Household, everything: list[Entry]):
        self.by_id = {entry.id: entry for entry in everything}
        self.links = dict(LedgerEntry.select(LedgerEntry.id, LedgerEntry.link)
                          .where(LedgerEntry.household == row).tuples())
        self.proxies = dict(Redemption.select(Redemption.uuid, Redemption.proxy)
                            .where(Redemption.household == row).tuples())
        merged = {self.links[entry.id] for entry in everything
                  if entry.kind == "merge_transfer" and self.links.get(entry.id)}
        self.others = {}
        if merged:
            query = (LedgerEntry.select(LedgerEntry.link, Household.card_no).join(Household)
                     .where(LedgerEntry.link.in_(list(merged)), LedgerEntry.household != row))
            self.others = dict(query.tuples())
        self.items: dict[int, str] = {}
        self.rubrics: dict[int, object] = {}

    def of(self, entry: Entry) -> Words:
        kind = entry.kind
        if kind in ("award", "deduction"):
            return words(f"what.{kind}", item=self._item(entry.award))
        if kind == "quarter_credit":
            period = parse_period(entry.period)
            return words("what.quarter_credit", year=period.year, number=period.number)
        if kind == "redemption":
            proxy = self.proxies.get(self.links.get(entry.id))
            if proxy:
                return words("what.redemption_proxy", goods=entry.reason, proxy=proxy)
            return words("what.redemption", goods=entry.reason)
        if kind == "reversal":
            return self._reversal(entry)
        if kind == "merge_transfer":
            other = self.others.get(self.links.get(entry.id))
            if other is None:
                return words("what.merge", reason=entry.reason)
            return words("what.merge_out" if entry.points < 0 else "what.merge_in", card=other)
        if kind == "expiry":
            return words("what.expiry", year=entry.period or entry.reason)
        return words("what.adjustment", reason=entry.reason)

    def _reversal(self, entry: Entry) -> Words:
        undone = self.by_id.get(entry.reverses)
        if undone is not None and undone.kind == "redemption":
            return words("what.undo_redemption", goods=undone.reason, reason=entry.reason)
        if undone is None:
            return words("what.reversal_plain", reason=entry.reason)
        return words("what.reversal", day=undone.day, what=self.of(undone), reason=entry.reason)

    def _item(self, award_id: int | None) -> str:
        if award_id is None:
            return ""
        if award_id not in self.items:
            award = Award.get_or_none(Award.id == award_id)
            if award is None:
                raise JifenError("award.not_found", award=award_id)
            if award.rubric_version not in self.rubrics:
                self.rubrics[award.rubric_version] = rubric_version(award.rubric_version).document
            self.items[award_id] = self.rubrics[award.rubric_version].item(award.item_id).name
        return self.items[award_id]


# --- laying out -----------------------------------------------------------------------------

def passbook_text(data: PassbookData, today: date, say: Say, layout: Layout) -> Notice:
    """Head: the title, the household (head, card, villager group). Body: the spendable
    points and the honour points, entry by entry with the balance after each; the balances
    on the day; the clerk."""
    head = [*centred(say("passbook.title", village=data.village), layout),
            *holder_lines(data.holder, say, layout)]
    if data.status is not None:
        head += wrap(data.status.said(say), layout)
    body = [""]
    if not data.spendable and not data.honour:
        body += wrap(say("passbook.empty"), layout)
    else:
        for heading, lines, columns in (
                ("passbook.spendable", data.spendable, ("points", "balance")),
                ("passbook.honour", data.honour, ("honour", "total"))):
            body += first_fit([[say(heading)], [say(f"{heading}_short")]], layout)
            body += _section(lines, columns, say, layout) if lines else wrap(
                say("passbook.none"), layout)
            body.append("")
    body += wrap(say("passbook.balance", day=today, spendable=data.spendable_balance,
                        honour=data.honour_balance), layout)
    body += wrap(say("passbook.no_cash"), layout)
    body += ["", *wrap(say("notice_text.signers_clerk", clerk=data.signers.clerk or "-"),
                          layout),
             *right(say("notice_text.signed", village=data.village, day=today), layout)]
    return Notice(head, body)


def _section(lines, titles: tuple[str, str], say: Say, layout: Layout) -> list[str]:
    points = Col(say(f"passbook.col.{titles[0]}"), "right", wrap=False)
    balance = Col(say(f"passbook.col.{titles[1]}"), "right", wrap=False)
    if layout.width >= RECEIPT:
        columns = [Col(say("passbook.col.day"), wrap=False), Col(say("passbook.col.what")),
                   points, balance]
        rows = [[str(line.day), line.what.said(say), f"{line.points:+d}", str(line.balance)]
                for line in lines]
        return table(columns, rows, layout)
    # A receipt: the date as 11-26 before what the entry was, a line naming each year.
    columns = [Col(say("passbook.col.day_what")), points, balance]
    rows, year = [], None
    for line in lines:
        if line.day.year != year:
            year = line.day.year
            rows.append([say("passbook.year", year=year), "", ""])
        rows.append([say("passbook.day_what", day=f"{line.day:%m-%d}", what=line.what.said(say)),
                     f"{line.points:+d}",
                     str(line.balance)])
    return table(columns, rows, layout)
