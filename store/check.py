"""`jifen check`: recompute what must hold in a village file and report each breach.

`PRAGMA integrity_check` only proves the file is a sound SQLite database; it
says "ok" about a file whose rows contradict each other, so the invariants are
checked here one by one.

A big village holds millions of rows. The invariants are compared in SQL, and only
what breaks them comes to Python; SQLite's own check and the hash chains run in worker
processes meanwhile, each on a connection of its own (hashing is Python's work, which
threads would take turns at).
"""

import functools
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

import peewee

from store import chain
from store.db import PRAGMAS, database, sqlite_errors_explained
from store.goods import list_goods
from store.models import (Award, Household, LedgerEntry, Member, Redemption, Review,
                          Settlement, StockMovement, Village)
from store.pinyin import name_initials
from store.settlement import settlement_sheet


# The chained tables, as the messages name them.
BOOKS = {"ledger_entry": "ledger", "stock_movement": "stock", "audit": "audit"}
# A village of fewer chained rows is checked in this process alone: starting the
# workers (0.25 s) would take longer than the work they take over.
WORKERS_FROM_ROWS = 100_000
# SQLite's check, the ledger's chain and the stock's each in a worker of its own (the
# audit's is short): the system then shares two cores among them and this process
# evenly, where two workers left one core idle for the last 3 s (docs/PERFORMANCE.md).
WORKERS = 3


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict = field(default_factory=dict)


def check_village(head: str | None = None, *, full: bool = False) -> list[Problem]:
    """Every problem found, in a stable order; an empty list means all is well.

    `head` is a chain head printed on a notice earlier (store/chain.py): the
    file's chain must still pass through it. `full` runs SQLite's whole
    `integrity_check`, which also matches every index against its table, instead
    of its `quick_check`.
    """
    works = [(_sqlite_problems, full), *((_breaks, table) for table in chain.CHAINED)]
    with sqlite_errors_explained(), _started(works) as (sqlite, *walks):
        try:
            invariants = _invariant_problems()
            faults = [fault for walk in walks for fault in walk()]
            found = [*_chain_problems(faults, head), *invariants]
        except Exception:
            if not sqlite():  # else what SQLite found explains the failure
                raise
            found = []
        # Rows of a damaged file cannot be trusted: what SQLite found is the answer.
        return sqlite() or found


@contextmanager
def _started(works):
    """Start each `(work, *args)` of `works`, and yield for each a function that returns
    its result once done. In a big village they run in worker processes while this one
    checks the rest; in a small one, here, when their result is first asked for."""
    rows = sum(database.execute_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
               for table in chain.CHAINED)
    if rows < WORKERS_FROM_ROWS:
        yield [functools.cache(functools.partial(*work)) for work in works]
        return
    # Spawned, not forked: a forked child would inherit SQLite's state of this process's
    # open connections, which SQLite forbids using after fork().
    with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) \
            as workers:
        with _ctrl_c_held_back():  # the workers are started here, and inherit it
            futures = [workers.submit(_in_worker, database.database, *work) for work in works]
        yield [future.result for future in futures]


@contextmanager
def _ctrl_c_held_back():
    """Hold Ctrl-C back from this thread while it starts worker processes: one that
    took it while starting up would print a traceback."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _in_worker(path: str, work, *args):
    """`work(*args)` in a worker process, on a connection of its own to the village at
    `path`; a SQLite failure comes back as the JifenError that names it. Ctrl-C, held
    back until now, ends the worker without a word: the clerk's own process answers it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    database.init(path, pragmas=PRAGMAS)
    # Named here: what SQLite said (its result code) does not survive the trip back.
    with sqlite_errors_explained(), database.connection_context():
        return work(*args)


def _breaks(table: str) -> list[chain.Break]:
    return list(chain.breaks(table))


def _invariant_problems() -> list[Problem]:
    return [*_village_problems(), *_household_problems(), *_ledger_problems(),
            *_stock_problems(), *_stocktake_problems(), *_redemption_problems(),
            *_return_problems(), *_settlement_problems()]


def _chain_problems(faults: list[chain.Break], head: str | None) -> list[Problem]:
    """Rows edited, deleted or inserted outside jifen, and a printed head not found."""
    problems = [Problem(f"check.{BOOKS[fault.table]}_{fault.kind}",
                        {"first": fault.first, "last": fault.last})
                for fault in faults]
    if head is not None:
        problems += [Problem(f"check.{BOOKS[part.table]}_head", {
            "row": part.row_id, "digits": part.digits, "head": head.strip()})
            for part in chain.head_mismatches(head)]
    return problems


def _sqlite_problems(full: bool) -> list[Problem]:
    # quick_check reads every page and checks every row's constraints, in a fifth of the
    # time; integrity_check also matches each index, entry by entry, against its table.
    pragma = "integrity_check" if full else "quick_check"
    problems = [Problem("check.integrity", {"detail": row[0]})
                for row in database.execute_sql(f"PRAGMA {pragma}")
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
    balance = peewee.fn.SUM(LedgerEntry.points)
    negative = (LedgerEntry.select(Household.card_no, balance)
                .join(Household).where(LedgerEntry.account == "spendable")
                .group_by(Household.id).having(balance < 0).order_by(Household.id).tuples())
    problems += [Problem("check.negative_balance", {"card": card, "balance": total})
                 for card, total in negative]
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

    # The ranked scheme credits quarter scores, not awards.
    unranked = [review.id for review in Review.select().where(Review.status != "open")
                .order_by(Review.id) if not review_rules(review)[1].ranked]
    has_entries = peewee.fn.EXISTS(LedgerEntry.select(LedgerEntry.id)
                                   .where(LedgerEntry.award == Award.id))
    effective = Award.status == "effective"
    # A deduction from an empty balance takes nothing, so it has no entry.
    wrong = peewee.Case(None, [(has_entries, ~effective)], effective & (points_in_force_sql() > 0))
    awards = (Award.select(Award.id, Award.status)
              .where(Award.review.in_(unranked) & wrong)
              .order_by(Award.review, Award.id).tuples())
    return [Problem("check.award_entries", {"award": award_id, "status": status})
            for award_id, status in awards]


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
    # NOT INDEXED: reading the table through and sorting it takes half the time of
    # reading it in goods order, one row at a time, through the index on goods.
    rows = database.execute_sql(
        "SELECT id, goods_id, counted, after FROM ("
        " SELECT id, goods_id, kind, counted,"
        " SUM(quantity) OVER (PARTITION BY goods_id ORDER BY id) AS after"
        " FROM stock_movement NOT INDEXED)"
        " WHERE kind = 'stocktake' AND counted IS NOT after ORDER BY id")
    return [Problem("check.stocktake", {"movement": movement, "goods": goods,
                                        "counted": counted, "after": after})
            for movement, goods, counted, after in rows]


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
    net = peewee.fn.COALESCE(peewee.fn.SUM(LedgerEntry.points), 0)
    expected = peewee.Case(None, [(Redemption.status.in_(POINTS_TAKEN), 0 - Redemption.points)], 0)
    wrong = (Redemption.select(Redemption.id, Redemption.status, net, expected)
             .join(LedgerEntry, peewee.JOIN.LEFT_OUTER, on=(LedgerEntry.link == Redemption.uuid))
             .group_by(Redemption.id).having(net != expected).order_by(Redemption.id).tuples())
    return [Problem("check.redemption_points", {
        "redemption": redemption, "redemption_status": status, "points": points,
        "expected": owed}) for redemption, status, points, owed in wrong]


# Per basket and goods item, in one pass over both: the sum of its stock movements,
# against what a collected basket's lines took off the shelf. An item a collected
# basket holds must have moved by exactly that; any other must net to nothing.
_BASKETS_AGAINST_MOVEMENTS = """
SELECT id, status FROM redemption WHERE id IN (
    SELECT redemption_id FROM (
        SELECT redemption_id, goods_id, quantity AS moved, 0 AS taken, 0 AS lines
        FROM stock_movement WHERE redemption_id IS NOT NULL
        UNION ALL
        SELECT line.redemption_id, line.goods_id, 0, line.quantity, 1
        FROM redemption_line AS line JOIN redemption ON redemption.id = line.redemption_id
        WHERE redemption.status = 'collected')
    GROUP BY redemption_id, goods_id
    HAVING CASE WHEN SUM(lines) > 0 THEN SUM(moved) = 0 OR SUM(moved) != -SUM(taken)
                ELSE SUM(moved) != 0 END)
ORDER BY id"""


def _redemption_stock_problems() -> list[Problem]:
    return [Problem("check.redemption_stock", {"redemption": redemption,
                                               "redemption_status": status})
            for redemption, status in database.execute_sql(_BASKETS_AGAINST_MOVEMENTS)]


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
