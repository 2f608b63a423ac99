"""A big village file for the benchmark (issue 10), the same from the same seed:

    python -m bench.make_village --out /tmp/big.jifen --seed 1 [--households 5000 --years 10]
    python -m bench.make_village --out /tmp/try.jifen --small      (300 households, 2 years)

5,000 households in 20 groups, their staff, the Mazigou rubric and policy, ten years
of monthly reviews (about 2,000,000 ledger entries), 500 goods and about 200,000
baskets. The village, its people, rules and goods go in through the store's own
functions; the years go in as bulk rows (bench/bulk.py), in a transaction a year;
then the hash chain of the ledger and the stock is sealed over them in one call
(store.chain), the households that moved away, closed or merged change through the
store, and `jifen check` must find nothing.
"""

import argparse
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bench.bulk import Bulk, fast_load_pragmas
from bench.village_goods import list_goods, plan_goods
from bench.village_history import History, Staffing
from bench.village_people import (
    GROUP_COUNT,
    VILLAGE_NAME,
    add_homes,
    add_people,
    plan_homes,
    plan_staff,
)
from store import chain, db, village
from store.actor import Actor, resolve_actor
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.check import check_village
from store.demo_plan import COUNTY, TOWNSHIP, backdated, stream, utc
from store.models import Staff, Village
from store.periods import Period, period_of
from store.roster import close_household, merge_household
from store.shipped import DEMO_POLICY, DEMO_RUBRIC, shipped_text

TODAY = date(2026, 11, 26)
SMALL = {"households": 300, "years": 2}
SHOP_OPENS = 9          # days into the first month


class Progress:
    """One line per step, with the seconds since the start."""

    def __init__(self):
        self.start = clock.perf_counter()

    def say(self, text: str) -> None:
        print(f"[{clock.perf_counter() - self.start:7.1f} s] {text}", flush=True)


def make_village(path, *, seed: int, households: int, years: int, today: date = TODAY,
                 progress: Progress | None = None) -> Path:
    """Write the big village to a new file at `path` (an existing file is refused)."""
    progress = progress or Progress()
    months = _months(today, years)
    homes = plan_homes(stream(seed, "homes"), households, months[0].first_day, today)
    staff = plan_staff(homes)
    population = sum(home.member_count for home in homes if home.status == "active")
    path = village.create_village(path, name=VILLAGE_NAME, population=population,
                                  township=TOWNSHIP, county=COUNTY, clerk=staff[0].name,
                                  today=today)
    try:
        clerk = resolve_actor(today=today)
        founded = datetime.combine(months[0].first_day - timedelta(days=14), time(9, 0))
        bulk = Bulk()
        with db.write():
            Village.update(created_at=utc(founded)).execute()
            Staff.update(created_at=utc(founded), title=staff[0].title).execute()
            add_homes(clerk, homes, bulk, founded)
            ids = add_people(backdated(clerk, founded), staff)
            rubric = adopt_rubric_text(backdated(clerk, founded), shipped_text(DEMO_RUBRIC),
                                       DEMO_RUBRIC).document
            policy = adopt_policy_text(backdated(clerk, founded), shipped_text(DEMO_POLICY),
                                       DEMO_POLICY).document
            planned_goods = plan_goods(stream(seed, "goods"), households)
            goods_ids = list_goods(clerk, planned_goods, founded + timedelta(days=14 + SHOP_OPENS))
        progress.say(f"{len(homes)} households, {len(staff)} staff, {len(goods_ids)} goods "
                     "through the store")
        staffing = Staffing(ids["clerk"], ids["supervisor"], ids["leader"],
                            {group: ids[f"liaison:{group}"] for group in range(1, GROUP_COUNT + 1)},
                            {person.group: person.name for person in staff
                             if person.role == "liaison"})
        _load_years(History(stream(seed, "history"), bulk, homes, staffing, planned_goods,
                            goods_ids, rubric, policy, today), bulk, months, progress)
        _seal(progress)
        _change_statuses(clerk, homes, today, progress)
    except BaseException:
        db.discard(path)  # the file is ours: a half-made village is worse than none
        raise
    return path


def _months(today: date, years: int) -> list[Period]:
    """The months of the scheme, oldest first, up to the current one."""
    months = [period_of(today, "month")]
    for _ in range(12 * years):
        months.insert(0, months[0].previous())
    return months


def _load_years(history: History, bulk: Bulk, months: list[Period], progress: Progress) -> None:
    fast_load_pragmas()
    for month in months:
        history.month(month)
        last = month == months[-1]
        if last:
            history.finish()
        if last or month.number == 12:   # a transaction a year
            bulk.flush()
            counts = bulk.counts()
            progress.say(f"{month.year}: {counts['ledger_entry']:,} ledger entries, "
                         f"{counts['redemption']:,} baskets, {counts['deed']:,} deeds, "
                         f"{counts['stock_movement']:,} stock movements so far")


def _seal(progress: Progress) -> None:
    """The bulk rows into the hash chain, in id order: one call per chained table."""
    with db.write():
        sealed = {table: chain.seal_unsealed(table) for table in chain.CHAINED}
    progress.say(f"sealed into the hash chain: {sealed}")


def _change_statuses(clerk: Actor, homes, today: date, progress: Progress) -> None:
    """Through the roster's own functions, in date order, each with its audit row."""
    leaving = sorted((home for home in homes if home.status in ("moved", "closed")),
                     key=lambda home: home.status_day)
    for home in leaving:
        close_household(backdated(clerk, datetime.combine(home.status_day, time(10, 0))),
                        home.card_no, home.status_reason, moved=home.status == "moved")
    this_morning = backdated(clerk, datetime.combine(today, time(8, 30)))
    merged = [home for home in homes if home.status == "merged"]
    for home in merged:
        merge_household(this_morning, home.card_no, home.merged_into.card_no, home.status_reason)
    progress.say(f"{len(leaving)} households moved away or closed, {len(merged)} merged")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.make_village",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the new village file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY,
                        help=f"the village's today (default {TODAY})")
    parser.add_argument("--small", action="store_true",
                        help="a quick try: {households} households, {years} years".format(**SMALL))
    args = parser.parse_args(argv)
    if args.small:
        args.households, args.years = SMALL["households"], SMALL["years"]
    progress = Progress()
    path = make_village(args.out, seed=args.seed, households=args.households,
                        years=args.years, today=args.today, progress=progress)
    problems = check_village()
    progress.say(f"jifen check: {len(problems)} problems" + "".join(
        f"\n  {problem.key} {problem.params}" for problem in problems[:20]))
    db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close_village()
    progress.say(f"{path}: {path.stat().st_size / 2 ** 20:,.0f} MiB")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
