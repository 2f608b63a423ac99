"""A writer killed with SIGKILL again and again loses nothing it reported as committed.

CI kills a few writers; `JIFEN_KILLS=1000` runs the long version (or
`python -m tests.faults.kill_harness --kills 1000 --seed 1`, which prints the figures).
"""

import os
import random

from store import db
from tests.faults.kill_harness import run_kills
from tests.faults.operations import Clerk
from tests.faults.reports import Books, WriterRun

KILLS = int(os.environ.get("JIFEN_KILLS", "15"))


def test_killed_writers_lose_nothing_they_reported(village_copy):
    figures = run_kills(village_copy, KILLS, seed=1, max_delay=0.1)

    assert figures.problems == []
    assert figures.kills == KILLS
    assert figures.confirmed > 0      # the writers got work done between kills


# The check must fail when a write goes missing: these feed it what a faulty store would do.

def _books_and_clerk(path) -> tuple[Books, Clerk]:
    db.open_village(path)
    return Books(), Clerk(random.Random(1), "shop")


def test_a_reported_row_missing_from_the_file_is_found(village_copy):
    books, _ = _books_and_clerk(village_copy)
    lost = {"ledger": {"99999": ["uuid-of-a-lost-entry", "001", "spendable", 5]}}

    problems = books.check([WriterRun(reports=[lost])])

    assert any("ledger row 99999 reported" in problem for problem in problems)
    assert any("1 reported writes missing from the audit trail" in problem
               for problem in problems)


def test_a_reported_status_gone_back_is_found(village_copy):
    books, clerk = _books_and_clerk(village_copy)
    basket = clerk.run("redeem")
    table, basket_id, fields = basket["records"][0]
    assert fields["status"] == "collected"
    undone = {"records": [[table, basket_id, {**fields, "status": "undone"}]]}

    problems = books.check([WriterRun(reports=[basket, undone])])

    assert any(f"redemption {basket_id} reported as" in problem for problem in problems)


def test_a_write_nobody_reported_is_found_unless_it_was_in_flight(village_copy):
    books, clerk = _books_and_clerk(village_copy)
    clerk.run("adjust")

    assert any("1 unreported writes, 0 in flight" in problem
               for problem in books.check([WriterRun()]))

    books = Books()
    clerk.run("adjust")
    assert books.check([WriterRun(in_flight="adjust")]) == []
    assert books.unconfirmed == 1
