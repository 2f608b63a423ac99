"""The indexes docs/PERFORMANCE.md recommends, tried on a copy of a big village:
each slow query's plan (EXPLAIN QUERY PLAN) and time, and the store calls that run
it, before and after. The village itself is left as it was.

    python -m bench.index_trial /tmp/big.jifen [--today 2026-11-26]
"""

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from bench.make_village import TODAY
from bench.store_measures import last_settled, sample_cards
from store import db
from store.actor import resolve_actor
from store.goods import list_goods
from store.ledger import balance
from store.meeting import meeting_state
from store.notices import Request, build
from store.periods import period_of
from store.print_layout import Layout
from store.redemption import orders_to_expire
from store.reviews import open_review
from tui.i18n import t

INDEXES = (
    "CREATE INDEX ledger_entry_balance ON ledger_entry (household_id, account, day, points)",
    "CREATE INDEX deed_pending ON deed (household_id) WHERE status = 'pending'",
    "CREATE INDEX stock_movement_goods_quantity ON stock_movement (goods_id, quantity)",
    "CREATE INDEX redemption_ordered ON redemption (collect_by) WHERE status = 'ordered'",
    "CREATE INDEX stock_movement_purchase ON stock_movement (goods_id, day, supplier) "
    "WHERE kind = 'purchase'",
)
QUERIES = {
    "the board's balances": "SELECT household_id, SUM(points) FROM ledger_entry WHERE account "
                            "= 'spendable' AND day <= :today GROUP BY household_id",
    "the deeds waiting": "SELECT id FROM deed WHERE status = 'pending'",
    "stock on hand": "SELECT goods_id, SUM(quantity) FROM stock_movement GROUP BY goods_id",
    "orders overdue": "SELECT COUNT(*) FROM redemption WHERE status = 'ordered' "
                      "AND collect_by < :today",
}
RUNS = 5


def _median_ms(call) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def report(title: str, today: date, cards) -> None:
    print(f"--- {title}")
    connection = db.database.connection()
    for name, sql in QUERIES.items():
        plan = " / ".join(row[-1] for row in connection.execute(
            f"EXPLAIN QUERY PLAN {sql}", {"today": today.isoformat()}))
        spent = _median_ms(lambda: connection.execute(sql, {"today": today.isoformat()})
                           .fetchall())
        print(f"{spent:9.1f} ms  {name}: {plan}")
    calls = {"balance(), a new household each time": lambda: balance(next(cards)),
             "the meeting screen's read": lambda: meeting_state(today),
             "the points board": lambda: build("board", Request(), today, t, Layout()),
             "the settlement sheet": lambda: build("settlement", Request(period=last_settled()),
                                                   today, t, Layout()),
             "list_goods()": list_goods,
             "orders_to_expire()": lambda: orders_to_expire(today)}
    for name, call in calls.items():
        print(f"{_median_ms(call):9.1f} ms  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.index_trial")
    parser.add_argument("village", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY)
    args = parser.parse_args()
    copy = args.village.with_name(f"{args.village.stem}.index-trial{args.village.suffix}")
    db.discard(copy)
    db.open_village(args.village)
    db.backup_to(copy)
    db.open_village(copy)
    try:
        # The meeting screen as it is while a review is open with its deeds waiting.
        open_review(resolve_actor(today=args.today), str(period_of(args.today, "month")))
        cards = iter(sample_cards(4 * RUNS))
        report("as generated", args.today, cards)
        for sql in INDEXES:
            start = time.perf_counter()
            db.database.execute_sql(sql)
            print(f"{time.perf_counter() - start:7.1f} s   {sql}")
        report("with the indexes (no ANALYZE)", args.today, cards)
    finally:
        db.discard(copy)


if __name__ == "__main__":
    main()
