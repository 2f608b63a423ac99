"""The benchmark's generator and runner work on a tiny village (issue 10).

Nothing here is timed against a target: the figures only have to come out, and
the generated file has to pass `jifen check`. The real run is bench/run.py on the
big village (docs/PERFORMANCE.md).
"""

import pytest

from bench import run, store_measures
from bench.make_village import TODAY, make_village
from store import db
from store.check import check_village
from store.models import Deed, LedgerEntry, Redemption, Review, StockMovement


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = make_village(tmp_path_factory.mktemp("bench") / "tiny.jifen", seed=3,
                        households=50, years=1)
    db.close_village()
    return path


def test_a_generated_village_passes_check_and_holds_a_year(tiny):
    db.open_village(tiny)
    try:
        assert check_village() == []
        assert Review.select().where(Review.status == "finalized").count() == 12
        assert Deed.select().where(Deed.status == "pending").count() == 3   # 6% of 50
        assert Redemption.select().where(Redemption.status == "ordered").exists()
        assert not LedgerEntry.select().where(LedgerEntry.chain.is_null()).exists()
        assert not StockMovement.select().where(StockMovement.chain.is_null()).exists()
    finally:
        db.close_village()


def test_the_same_seed_makes_the_same_rows(tiny, tmp_path):
    again = make_village(tmp_path / "again.jifen", seed=3, households=50, years=1)
    try:
        assert _ledger(again) == _ledger(tiny)
    finally:
        db.close_village()


def _ledger(path) -> list[tuple]:
    db.open_village(path)
    return list(LedgerEntry.select(LedgerEntry.uuid, LedgerEntry.points, LedgerEntry.chain)
                .order_by(LedgerEntry.id).tuples())


def test_write_measures_leave_the_village_as_it_was(tiny):
    figures = store_measures.writes(tiny, TODAY, 1)
    assert {figure.item for figure in figures} == {"4 open", "4 meeting", "4 propose",
                                                   "4 propose+read", "5 redemption"}
    assert all(len(figure.samples) == 1 for figure in figures)
    db.open_village(tiny)
    try:
        assert not Review.select().where(Review.status == "open").exists()
        assert check_village() == []
    finally:
        db.close_village()


def test_the_runner_prints_each_figure_with_its_target(tiny, capsys):
    run.main(["--db", str(tiny), "--items", "3,6", "--repeats", "1"])
    printed = capsys.readouterr().out
    for item in ("0 ", "3 balance", "3 ranking", "3 eligibility", "6 board", "6 settlement"):
        assert f"\n{item}" in printed or printed.startswith(item)
    assert "under 2 ms" in printed and "under 500 ms" in printed
