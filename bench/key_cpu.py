"""CPU time of one keystroke in the roster, from the key to the repaint, headless.

Run by bench/run.py in a process of its own; prints JSON: milliseconds of CPU
(all threads: the store's worker threads too) for each sample of each key.

    python -m bench.key_cpu --db /tmp/big.jifen --today 2026-11-26 --repeats 5

A sample is the process time around `pilot.press` and the wait for the workers
and for the household detail the roster loads after a pause (DETAIL_DELAY); an
idle sample is the same wait without a key, and run.py subtracts its median.
"""

import argparse
import asyncio
import json
import time
from datetime import date
from pathlib import Path

from store import db
from store.actor import resolve_actor
from tui.app import make_app
from tui.screens.roster import DETAIL_DELAY
from tui.widgets.record_table import RecordTable

SEARCH = "wjg"        # pinyin initials, typed one by one: 王建国 and the like
ROUNDS = 400          # message rounds to wait for the first rows, at most


async def _settle(pilot) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _cpu(pilot, *keys: str) -> float:
    start = time.process_time()
    if keys:
        await pilot.press(*keys)
    await _settle(pilot)
    await pilot.pause(DETAIL_DELAY + 0.05)
    await _settle(pilot)
    return (time.process_time() - start) * 1000


async def measure(path: Path, today: date, repeats: int) -> dict[str, list[float]]:
    db.open_village(path)
    app = make_app(path, resolve_actor(today=today))
    samples: dict[str, list[float]] = {"idle": [], "move": [], "page": [], "search": [],
                                       "clear": []}
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(ROUNDS):
            if app.screen.query(RecordTable) and app.screen.query_one(RecordTable).row_count:
                break
            await pilot.pause(0.05)
        await _settle(pilot)
        for _ in range(repeats):
            samples["idle"].append(await _cpu(pilot))
            samples["move"].append(await _cpu(pilot, "down"))
            samples["page"].append(await _cpu(pilot, "pagedown"))
            await _cpu(pilot, "slash")
            for letter in SEARCH:
                samples["search"].append(await _cpu(pilot, letter))
            samples["clear"].append(await _cpu(pilot, "escape"))
        await pilot.press("ctrl+q")
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.key_cpu")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.db, args.today, args.repeats))))


if __name__ == "__main__":
    main()
