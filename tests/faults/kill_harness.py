"""The kill harness: a writer killed with SIGKILL at random moments, the file checked after each.

    python -m tests.faults.kill_harness --kills 1000 --seed 1 [--village FILE] [--max-delay 0.25]

Each round starts `tests.faults.kill_writer` on the same village file (the
next writer goes on from what the last one left), waits for it to have the
file open, lets it work for a random (seeded) while, kills it, then opens the
file here and checks it (`tests.faults.reports`): `check_village()` clean,
every operation the writers reported present exactly as reported. One round
in ten kills the writer at a random moment from its start instead, while it
starts up or opens the file; one in twenty lets it run for up to three seconds, into
SQLite's checkpoints. Without --village it works on a new demo village
in a temporary folder. Prints the figures; exits 1 at the first problem.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from store import db
from tests.faults.operations import FIRST_DAY
from tests.faults.reports import Books, WriterRun, store_refusals

ROOT = Path(__file__).resolve().parents[2]
EARLY_KILLS = 0.1
EARLY_WINDOW = 0.4    # seconds from the start: python, the imports, opening the file
# Long enough for the write-ahead log to pass SQLite's 1000-page checkpoint, so that
# some kills land in a checkpoint (each check here leaves the file checkpointed).
LONG_ROUNDS = 0.05
LONG_WINDOW = 3.0


@dataclass
class Figures:
    kills: int = 0
    confirmed: int = 0          # operations reported as committed, each checked after every kill
    unconfirmed: int = 0        # in flight at a kill and found committed (allowed, not required)
    refusals: Counter = field(default_factory=Counter)
    operations: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        done = sum(self.operations.values())
        return (f"{self.kills} kills, {self.confirmed} operations reported as committed and "
                f"checked after every kill (+{self.unconfirmed} committed while in flight), "
                f"{done} operations run ({store_refusals(self.refusals)} refused as the store "
                f"should), {len(self.problems)} problems, {self.seconds:.0f} s")


def start_writer(village: Path, seed: int, *extra: str, stdout=subprocess.PIPE,
                 stderr=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.kill_writer", str(village), "--seed", str(seed),
         *extra],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}, text=True,
        stdout=stdout, stderr=stderr)


def kill_moment(rng: random.Random, max_delay: float) -> tuple[bool, float]:
    """When to kill a writer: whether to wait for it to have the file open, and how long
    to let it run then."""
    draw = rng.random()
    if draw < EARLY_KILLS:
        return False, rng.uniform(0, EARLY_WINDOW)
    if draw < EARLY_KILLS + LONG_ROUNDS:
        return True, rng.uniform(max_delay, LONG_WINDOW)
    return True, rng.uniform(0, max_delay)


def kill_once(village: Path, seed: int, rng: random.Random,
              max_delay: float) -> tuple[WriterRun, list[str]]:
    """One writer, killed; its output, and what went wrong with the process itself."""
    wait_until_open, delay = kill_moment(rng, max_delay)
    with start_writer(village, seed) as writer:
        try:
            if wait_until_open:
                writer.stdout.readline()
            time.sleep(delay)
        finally:  # also when the harness is interrupted: a writer left running never stops
            writer.send_signal(signal.SIGKILL)
        # Read on through the same buffered stream: readline may have taken more than the
        # first line from the pipe (communicate() would read the pipe behind its back).
        output, errors = writer.stdout.read(), writer.stderr.read()
    problems = []
    if writer.returncode != -signal.SIGKILL:
        problems.append(f"writer {seed} ended by itself ({writer.returncode})")
    if errors:
        problems.append(f"writer {seed} wrote to stderr:\n{errors}")
    return WriterRun.parse(output), problems


def run_kills(village: Path, kills: int, seed: int, *, max_delay: float = 0.25,
              progress=None) -> Figures:
    """Kill `kills` writers on `village` in turn; stops at the first problem."""
    rng = random.Random(seed)
    figures = Figures()
    started = time.monotonic()
    db.open_village(village)
    books = Books()
    db.close_village()
    for round_number in range(kills):
        run, problems = kill_once(village, seed * 1_000_000 + round_number, rng, max_delay)
        db.open_village(village)
        try:
            problems += books.check([run])
        finally:
            db.close_village()
        figures.kills += 1
        figures.refusals += run.refusals
        figures.operations += run.operations
        if problems:
            figures.problems = [f"after kill {figures.kills}: {problem}" for problem in problems]
            break
        if progress and figures.kills % 50 == 0:
            progress(f"{figures.kills} kills, {books.confirmed} operations checked, "
                     f"{time.monotonic() - started:.0f} s")
    figures.confirmed, figures.unconfirmed = books.confirmed, books.unconfirmed
    figures.seconds = time.monotonic() - started
    return figures


def demo_village(folder: Path) -> Path:
    from store.demo import create_demo

    path = create_demo(folder / "kills.jifen", today=FIRST_DAY)
    db.close_village()
    return path


def print_problems(problems: list[str], shown: int = 30) -> None:
    for problem in problems[:shown]:
        print(problem)
    if len(problems) > shown:
        print(f"... and {len(problems) - shown} more")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="kill_harness")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--village", type=Path, help="work on this file (default: a new demo)")
    parser.add_argument("--max-delay", type=float, default=0.25,
                        help="longest a writer works before its kill, in seconds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        village = args.village or demo_village(Path(folder))
        figures = run_kills(village, args.kills, args.seed, max_delay=args.max_delay,
                            progress=lambda line: print(line, flush=True))
    print(figures.summary())
    print("operations:", dict(sorted(figures.operations.items())))
    print("refusals:", dict(sorted(figures.refusals.items())))
    print_problems(figures.problems)
    return 1 if figures.problems else 0


if __name__ == "__main__":
    sys.exit(main())
