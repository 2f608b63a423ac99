"""`jifen check`: recompute what must hold in a village file and report each breach.

`PRAGMA integrity_check` only proves the file is a sound SQLite database; it
says "ok" about a file whose rows contradict each other, so the invariants are
checked here one by one.
"""

from dataclasses import dataclass, field

import peewee

from store import chain
from store.db import database, sqlite_errors_explained
from store.goods import list_goods
from store.models import (Award, Household, LedgerEntry, Member, Redemption, RedemptionLine,
                          Review, Settlement, StockMovement, Village)
from store.pinyin import name_initials
from store.settlement import settlement_sheet


# The chained tables, as the messages name them.
BOOKS = {"ledger_entry": "ledger", "stock_movement": "stock", "audit": "audit"}


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict = field(default_factory=dict)


def check_village(head: str | None = None) -> list[Problem]:
    """Every problem found, in a stable order; an empty list means all is well.

    `head` is a chain head printed on a notice earlier (store/chain.py): the
    file's chain must still pass through it.
    """
    with sqlite_errors_explained():
        problems = _sqlite_problems()
        if problems:  # rows of a damaged file cannot be trusted for the rest
            return problems
        return [*_chain_problems(head), *_village_problems(), *_household_problems(),
                *_ledger_problems(), *_stock_problems(), *_stocktake_problems(),
                *_redemption_problems(), *_return_problems(), *_settlement_problems()]


def _chain_problems(head: str | None) -> list[Problem]:
    """Rows edited, deleted or inserted outside jifen, and a printed head not found."""
    problems = [Problem(f"check.{BOOKS[fault.table]}_{fault.kind}",
                        {"first": fault.first, "last": fault.last})
                for table in chain.CHAINED for fault in chain.breaks(table)]
    if head is not None:
        problems += [Problem(f"check.{BOOKS[part.table]}_head", {
            "row": part.row_id, "digits": part.digits, "head": head.strip()})
            for part in chain.head_mismatches(head)]
    return problems


def _sqlite_problems() -> list[Problem]:
    problems = [Problem("check.integrity", {"detail": row[0]})
                for row in database.execute_sql("PRAGMA integrity_check")
                if row[0] != "ok"]
    problems += [Problem("check.foreign_key", {"table": table, "rowid": rowid, "parent": parent})
                 for table, rowid, parent, _ in database.execute_sql("PRAGMA foreign_key_check")]
    return problems


def _village_problems() -> list[Problem]:
    count = Village.select().count()
    return [] if count == 1 else [Problem("check.village_rows", {"count": count})]


def _household_problems() -> list[Problem]:
    member_counts = dict(Member.select(Member.household, peewee.fn.COUNT(Member.id))
                         .group_by(Member.household).tuples())
    problems = []
    for row in Household.select().order_by(Household.id):
        card = row.card_no
        if (row.status == "merged") != (row.merged_into_id is not None):
            problems.append(Problem("check.merge_link", {"card": card}))
        listed = member_counts.get(row.id, 0)
        if row.member_count < 1 + listed:
            problems.append(Problem("check.member_count",
                                    {"card": card, "count": row.member_count, "listed": listed}))
        if row.head_initials != name_initials(row.head):
            problems.append(Problem("check.initials", {"card": card}))
    return problems


def _ledger_problems() -> list[Problem]:
    """What the ledger must say: no negative spendable balance, entries for exactly the
    effective awards (of unranked reviews), reversals that mirror their entry, and merge
    transfers that net to zero."""
    problems = []
    spendable = (LedgerEntry.select(Household.card_no, peewee.fn.SUM(LedgerEntry.points))
                 .join(Household).where(LedgerEntry.account == "spendable")
                 .group_by(Household.id).tuples())
    problems += [Problem("check.negative_balance", {"card": card, "balance": total})
                 for card, total in spendable if total < 0]
    problems += _award_entry_problems()
    reversed_entry = LedgerEntry.alias()
    mirrors = (LedgerEntry.select(LedgerEntry.id).join(
        reversed_entry, on=(LedgerEntry.reverses == reversed_entry.id))
        .where((LedgerEntry.points + reversed_entry.points != 0)
               | (LedgerEntry.household != reversed_entry.household)
               | (LedgerEntry.account != reversed_entry.account)).tuples())
    problems += [Problem("check.bad_reversal", {"entry": entry}) for (entry,) in mirrors]
    unbalanced = (LedgerEntry.select(LedgerEntry.link).where(LedgerEntry.kind == "merge_transfer")
                  .group_by(LedgerEntry.link, LedgerEntry.account)
                  .having(peewee.fn.SUM(LedgerEntry.points) != 0).tuples())
    problems += [Problem("check.merge_unbalanced", {"link": str(link)}) for (link,) in unbalanced]
    return problems


def _award_entry_problems() -> list[Problem]:
    from store.reviews import points_in_force_sql, review_rules

    problems = []
    entered = set(LedgerEntry.select(LedgerEntry.award).where(LedgerEntry.award.is_null(False))
                  .tuples())
    for review in Review.select().where(Review.status != "open"):
        _, policy = review_rules(review)
        if policy.ranked:  # the ranked scheme credits quarter scores, not awards
            continue
        awards = review.awards.select(Award.id, Award.status,
                                      points_in_force_sql())
        for award_id, status, points in awards.tuples():
            has_entries = (award_id,) in entered
            # A deduction from an empty balance takes nothing, so it has no entry.
            if has_entries and status != "effective" or (
                    not has_entries and status == "effective" and points > 0):
                problems.append(Problem("check.award_entries", {"award": award_id,
                                                                "status": status}))
    return problems


def _stock_problems() -> list[Problem]:
    """Stock on hand (the sum of movements) is never negative, nor below what orders hold."""
    problems = []
    for item in sorted(list_goods(include_retired=True), key=lambda item: item.id):
        if item.on_hand < 0:
            problems.append(Problem("check.negative_stock", {"goods": item.id, "name": item.name,
                                                             "on_hand": item.on_hand}))
        elif item.reserved > item.on_hand:
            problems.append(Problem("check.over_reserved", {
                "goods": item.id, "name": item.name, "on_hand": item.on_hand,
                "reserved": item.reserved}))
    return problems


def _stocktake_problems() -> list[Problem]:
    """Each stocktake's count is what its goods' movements add up to right after it."""
    running = peewee.fn.SUM(StockMovement.quantity).over(
        partition_by=[StockMovement.goods], order_by=[StockMovement.id])
    rows = (StockMovement.select(StockMovement.id, StockMovement.goods, StockMovement.kind,
                                 StockMovement.counted, running.alias("after"))
            .order_by(StockMovement.id).tuples())
    return [Problem("check.stocktake", {"movement": movement, "goods": goods,
                                        "counted": counted, "after": after})
            for movement, goods, kind, counted, after in rows
            if kind == "stocktake" and counted != after]


def _settlement_problems() -> list[Problem]:
    """A final settlement still adds up to what was settled: nothing in it changed since."""
    problems = []
    for row in Settlement.select().order_by(Settlement.period):
        now = settlement_sheet(row.period).points
        if now != row.points:
            problems.append(Problem("check.settlement_changed", {
                "period": row.period, "settled": row.points, "now": now}))
    return problems


# A basket's points stay taken while it is ordered or collected; its goods are off the
# shelf only once collected. Cancelled, expired and undone baskets net to nothing.
POINTS_TAKEN = ("ordered", "collected")


def _redemption_problems() -> list[Problem]:
    """Each redemption's entries in both ledgers add up to what its status says."""
    return [*_redemption_point_problems(), *_redemption_stock_problems()]


def _redemption_point_problems() -> list[Problem]:
    nets = (Redemption.select(Redemption.id, Redemption.status, Redemption.points,
                              peewee.fn.COALESCE(peewee.fn.SUM(LedgerEntry.points), 0))
            .join(LedgerEntry, peewee.JOIN.LEFT_OUTER, on=(LedgerEntry.link == Redemption.uuid))
            .group_by(Redemption.id).order_by(Redemption.id).tuples())
    problems = []
    for redemption, status, points, net in nets:
        expected = -points if status in POINTS_TAKEN else 0
        if net != expected:
            problems.append(Problem("check.redemption_points", {
                "redemption": redemption, "redemption_status": status, "points": net,
                "expected": expected}))
    return problems


def _redemption_stock_problems() -> list[Problem]:
    basket: dict[int, dict[int, int]] = {}
    for redemption, goods, quantity in RedemptionLine.select(
            RedemptionLine.redemption, RedemptionLine.goods, RedemptionLine.quantity).tuples():
        lines = basket.setdefault(redemption, {})
        lines[goods] = lines.get(goods, 0) + quantity
    moved: dict[int, dict[int, int]] = {}
    for redemption, goods, quantity in (
            StockMovement.select(StockMovement.redemption, StockMovement.goods,
                                 peewee.fn.SUM(StockMovement.quantity))
            .where(StockMovement.redemption.is_null(False))
            .group_by(StockMovement.redemption, StockMovement.goods).tuples()):
        if quantity:
            moved.setdefault(redemption, {})[goods] = quantity
    problems = []
    for redemption, status in Redemption.select(Redemption.id, Redemption.status) \
            .order_by(Redemption.id).tuples():
        out = ({goods: -quantity for goods, quantity in basket.get(redemption, {}).items()}
               if status == "collected" else {})
        if moved.get(redemption, {}) != out:
            problems.append(Problem("check.redemption_stock",
                                    {"redemption": redemption, "redemption_status": status}))
    return problems


def _return_problems() -> list[Problem]:
    """A return puts back exactly what one redemption's movement took off the shelf."""
    taken = StockMovement.alias()
    mirrors = (StockMovement.select(StockMovement.id)
               .join(taken, peewee.JOIN.LEFT_OUTER, on=(StockMovement.reverses == taken.id))
               .where(StockMovement.kind == "return",
                      taken.id.is_null() | (taken.kind != "redemption")
                      | (StockMovement.quantity + taken.quantity != 0)
                      | (StockMovement.goods != taken.goods)
                      | StockMovement.redemption.is_null()
                      | (StockMovement.redemption != taken.redemption))
               .order_by(StockMovement.id).tuples())
    return [Problem("check.bad_return", {"movement": movement}) for (movement,) in mirrors]
