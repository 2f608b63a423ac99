"""The performance benchmark of issue 10: medians and spread over repeated runs, each
time also as a multiple of a bare Textual app's first frame measured in the same run.

    nice python -m bench.run --db /tmp/big.jifen              (from the repository folder)
    python -m bench.run --db /tmp/big.jifen --items 3,6 --repeats 3 --markdown

The items are the issue's list: 1 cold start to the roster; 2 CPU of a keystroke;
3 a balance, a ledger, a ranking, eligibility; 4 a review with its deeds waiting,
proposing an award; 5 a basket at the counter; 6 the points board and a settlement
sheet; 7 `jifen check`; 8 peak memory of the app and of check; 9 terminal bytes per
keystroke. Make the village first: python -m bench.make_village --out /tmp/big.jifen
"""

import argparse
import os
import platform
import time
from datetime import date
from pathlib import Path

from bench import process_measures, store_measures
from bench.figures import Figure, markdown_table, plain_table, rows
from bench.make_village import TODAY
from store import db
from store.backups import daily_backup

ITEMS = tuple("123456789")
REPEATS = {"start": 5, "keys": 5, "store": 9, "bytes": 5, "check": 3}


def machine() -> str:
    import textual

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
            f"Python {platform.python_version()}, Textual {textual.__version__}, "
            f"load average {load}")


def first_start_of_the_day(path: Path, today: date) -> Figure:
    """The app backs the village up at its first start each day (store/backups.py), after
    the first frame, in a thread. Made here first, so the app's starts below skip it."""
    db.open_village(path)
    try:
        start = time.perf_counter()
        made = daily_backup(today)
        seconds = time.perf_counter() - start
    finally:
        db.close_village()
    return Figure("1 backup", "first start of the day: the daily backup copy", "s",
                  [seconds] if made else [], note="made before this run")


def measure(path: Path, today: date, items: set[str], repeats: dict[str, int]) -> list[Figure]:
    figures = [process_measures.baseline(repeats["start"])]

    def attempt(wanted: set[str], call, *args) -> None:
        """Run a measure if one of its items is wanted; a failure is a line, not the end."""
        if items & wanted:
            try:
                figures.extend(call(*args))
            except Exception as error:  # noqa: BLE001 - the other measures still run
                figures.append(Figure(min(wanted), f"{call.__name__} failed", "",
                                      note=f"{type(error).__name__}: {error}"[:200]))

    attempt({"1", "2", "8", "9"}, lambda: [first_start_of_the_day(path, today)])
    attempt({"1"}, lambda: [process_measures.cold_start(path, today, repeats["start"])])
    attempt({"2"}, process_measures.key_cpu, path, today, repeats["keys"])
    attempt({"3", "6"}, store_measures.reads, path, today, repeats["store"])
    attempt({"4", "5"}, store_measures.writes, path, today, repeats["store"])
    attempt({"8", "9"}, process_measures.terminal_bytes, path, today, repeats["bytes"])
    attempt({"7", "8"}, process_measures.check, path, today, repeats["check"])
    wanted = items | {"0"}
    return sorted((figure for figure in figures if figure.item.split()[0] in wanted),
                  key=lambda figure: figure.item.split()[0])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the village file to measure")
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY,
                        help=f"the village's today, as it was generated (default {TODAY})")
    parser.add_argument("--items", default=",".join(ITEMS),
                        help="the issue's items to measure, e.g. 1,2,9 (default all)")
    parser.add_argument("--repeats", type=int,
                        help="runs of every measure (default: " + ", ".join(
                            f"{name} {count}" for name, count in REPEATS.items()) + ")")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    items = set(args.items.replace(" ", "").split(","))
    if not items <= set(ITEMS):
        parser.error(f"--items takes numbers 1-9, not {args.items}")
    repeats = {name: args.repeats or count for name, count in REPEATS.items()}
    started = time.perf_counter()
    figures = measure(args.db, args.today, items, repeats)
    base = figures[0].in_ms()
    table = rows(figures, base)
    print(markdown_table(table) if args.markdown else plain_table(table))
    print(f"\n{args.db} ({args.db.stat().st_size / 2 ** 20:,.0f} MiB), {machine()}; "
          f"{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
