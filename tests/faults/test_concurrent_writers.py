"""Three clerks writing the same village file at once lose nothing and meet no lock.

CI runs a few hundred operations; `JIFEN_WRITER_OPS=3000` runs each writer that long (or
`python -m tests.faults.clerks_at_once --writers 3 --ops 3000`, which prints the figures).
"""

import os

from store import db
from tests.faults.clerks_at_once import run_writers
from tests.faults.reports import Books, WriterRun

OPS = int(os.environ.get("JIFEN_WRITER_OPS", "100"))


def test_writers_at_once_lose_nothing_and_never_fail_on_a_lock(village_copy):
    figures = run_writers(village_copy, writers=3, ops=OPS, seed=1)

    assert figures.problems == []   # includes: a writer's stderr, a db.locked refusal
    assert figures.locked == 0
    assert all(sum(run.operations.values()) == OPS for run in figures.runs)
    assert figures.confirmed > OPS  # more than one writer's worth got through


def test_an_operation_failing_on_a_locked_database_is_a_problem(village_copy):
    db.open_village(village_copy)
    books = Books()
    run = WriterRun.parse('{"begin": "redeem"}\n'
                          '{"op": "redeem", "refused": "db.locked", "params": {}}\n')

    assert any("failed on the database" in problem for problem in books.check([run]))
