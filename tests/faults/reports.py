"""What writers reported as committed, held against the village file after they ended.

After each writer (killed or done), the file must hold every reported row
exactly as reported, every reported record at its reported status or one that
an operation can move it on to, and nothing else new but what one unreported
operation wrote: the one a killed writer had in flight, which may or may not
have committed. The audit trail (one row per write, in the write's
transaction) counts the writes: it may exceed the reported ones by at most
that one. Balances and stock on hand, read through the store, must be the sum
of the rows known this way, and `check_village()` must find nothing.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from store.check import check_village
from store.goods import goods_info
from store.ledger import balance
from store.models import Audit
from tests.faults.rows import RECORDS, ledger_rows, stock_rows

# Where a record's status can go next by some operation: a report only pins the status
# it saw, and a later (perhaps unreported) operation may have moved it on.
LATER = {
    "redemption": {"ordered": {"collected", "cancelled", "expired", "undone"},
                   "collected": {"undone"}},
    "deed": {"pending": {"awarded", "rejected", "withdrawn"}},
    "award": {"proposed": {"effective", "withdrawn", "cancelled"}},
    "review": {"open": {"closed", "finalized"}, "closed": {"finalized"}},
}


@dataclass
class WriterRun:
    """One writer's output: its reports, refusals, and the operation it had begun last."""

    reports: list[dict] = field(default_factory=list)
    refusals: Counter = field(default_factory=Counter)
    operations: Counter = field(default_factory=Counter)
    in_flight: str | None = None
    # Refusals that are SQLite failing (locked, full, corrupt, a schema the code does not
    # match), never the store's answer to a request: each one is a problem.
    failures: list[dict] = field(default_factory=list)

    @classmethod
    def parse(cls, output: str) -> "WriterRun":
        run = cls()
        lines = output.split("\n")[:-1]   # a line cut off by the kill was never reported
        for message in map(json.loads, lines):
            if "ready" in message:
                continue
            if "begin" in message:
                run.in_flight = message["begin"]
            else:
                run.in_flight = None
                run.operations[message["op"]] += 1
                if "refused" in message:
                    run.refusals[message["refused"]] += 1
                    if message["refused"].startswith("db."):
                        run.failures.append(message)
                elif "skipped" not in message:
                    run.reports.append(message)
        return run


def store_refusals(refusals: Counter) -> int:
    """How many operations the store refused (as it should), SQLite failures left out."""
    return sum(count for key, count in refusals.items() if not key.startswith("db."))


class Books:
    """Every row and record reported so far, and what the file held before any writer."""

    def __init__(self):
        self.ledger = ledger_rows()
        self.stock = stock_rows()
        self.records: dict[tuple[str, int], dict] = {}
        self.audit_rows = Audit.select().count()
        self.touched_cards: set[str] = set()
        self.touched_goods: set[int] = set()
        self.confirmed = 0           # reported operations, all checked after every writer
        self.unconfirmed = 0         # in flight at a kill, found committed

    def check(self, runs: list[WriterRun]) -> list[str]:
        """Problems with the open file given the writers that just ended; [] when all is well."""
        problems = [f"check_village: {problem.key} {problem.params}" for problem in check_village()]
        problems += [f"failed on the database: {failure}" for run in runs
                     for failure in run.failures]
        new_reports = [report for run in runs for report in run.reports]
        for report in new_reports:
            problems += self._take(report)
        self.confirmed += len(new_reports)
        in_file = {"ledger": ledger_rows(), "stock": stock_rows()}
        known = {"ledger": self.ledger, "stock": self.stock}
        for name in known:
            problems += [f"{name} row {row_id} reported as {row}, in the file "
                         f"{in_file[name].get(row_id)}"
                         for row_id, row in known[name].items()
                         if in_file[name].get(row_id) != row]
        problems += self._record_problems()
        new_rows = {name: {row_id: row for row_id, row in in_file[name].items()
                           if row_id not in known[name]} for name in known}
        problems += self._count_writes(runs, len(new_reports), new_rows)
        problems += self._sum_problems()
        return problems

    def _take(self, report: dict) -> list[str]:
        problems = []
        for name, known in (("ledger", self.ledger), ("stock", self.stock)):
            for row_id, row in report.get(name, {}).items():
                row_id = int(row_id)
                if known.setdefault(row_id, row) != row:
                    problems.append(f"{name} row {row_id} reported twice differently: "
                                    f"{known[row_id]} and {row}")
        self.touched_cards.update(row[1] for row in report.get("ledger", {}).values())
        self.touched_goods.update(row[1] for row in report.get("stock", {}).values())
        for table, row_id, fields in report.get("records", ()):
            old = self.records.get((table, row_id))
            if old is None or fields["status"] in LATER[table].get(old["status"], ()):
                self.records[(table, row_id)] = fields
        return problems

    def _record_problems(self) -> list[str]:
        problems = []
        for table, (_, read) in RECORDS.items():
            ids = [row_id for kind, row_id in self.records if kind == table]
            in_file = read() if ids else {}
            for row_id in ids:
                reported, found = self.records[(table, row_id)], in_file.get(row_id)
                allowed = {reported["status"], *LATER[table].get(reported["status"], ())}
                if found is None or found["status"] not in allowed or \
                        {**found, "status": None} != {**reported, "status": None}:
                    problems.append(f"{table} {row_id} reported as {reported}, "
                                    f"in the file {found}")
        return problems

    def _count_writes(self, runs: list[WriterRun], reported: int, new_rows: dict) -> list[str]:
        """Writes in the audit trail beyond those reported: at most the ones in flight, and
        rows nobody reported only from those."""
        audit_rows = Audit.select().count()
        extra = audit_rows - self.audit_rows - reported
        in_flight = sum(run.in_flight is not None for run in runs)
        self.audit_rows = audit_rows
        if extra < 0:
            return [f"{-extra} reported writes missing from the audit trail"]
        if extra > in_flight:
            return [f"{extra} unreported writes, {in_flight} in flight: {new_rows}"]
        if extra == 0 and any(new_rows.values()):
            return [f"rows no write explains: {new_rows}"]
        # The writes in flight committed before their report was printed: their rows are
        # now known, so the next check holds them too.
        self.unconfirmed += extra
        self.ledger.update(new_rows["ledger"])
        self.stock.update(new_rows["stock"])
        self.touched_cards.update(row[1] for row in new_rows["ledger"].values())
        self.touched_goods.update(row[1] for row in new_rows["stock"].values())
        return []

    def _sum_problems(self) -> list[str]:
        """Balances and stock on hand, as the store reads them, add up the known rows."""
        points = Counter()
        for _, card, account, amount in self.ledger.values():
            points[card, account] += amount
        quantities = Counter()
        for _, goods, quantity in self.stock.values():
            quantities[goods] += quantity
        problems = []
        for card in sorted(self.touched_cards):
            shown = balance(card)
            if (shown.spendable, shown.honour) != (points[card, "spendable"],
                                                    points[card, "honour"]):
                problems.append(f"balance of {card}: {shown}, rows add up to "
                                f"{points[card, 'spendable']}/{points[card, 'honour']}")
        for goods in sorted(self.touched_goods):
            on_hand = goods_info(goods).on_hand
            if on_hand != quantities[goods]:
                problems.append(f"goods {goods} on hand {on_hand}, rows add up to "
                                f"{quantities[goods]}")
        return problems
