"""Clerks at once: several writers on the same village file at the same time.

    python -m tests.faults.clerks_at_once --writers 3 --ops 2000 --seed 1 [--village FILE]

Each writer (`tests.faults.kill_writer --mix shop`) runs `--ops` read-then-write
operations (baskets, orders, undo, adjustments, stock movements) as fast as it
can, all against the same goods and households; they start together once all
have the file open. When all have finished, the
file is checked like after a kill (`tests.faults.reports`, where an operation that
fails on a locked database is a problem); on top of that no writer may write to
stderr, and every write must have been reported.
"""

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from store import db
from tests.faults.kill_harness import demo_village, print_problems, start_writer
from tests.faults.reports import Books, WriterRun, store_refusals


READY_TIMEOUT = 60.0   # seconds for every writer to start and open the file


@dataclass
class Figures:
    writers: int
    confirmed: int = 0
    runs: list[WriterRun] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def locked(self) -> int:
        return sum(run.refusals["db.locked"] for run in self.runs)

    def summary(self) -> str:
        done = sum(sum(run.operations.values()) for run in self.runs)
        refused = sum(store_refusals(run.refusals) for run in self.runs)
        return (f"{self.writers} writers at once, {done} operations ({self.confirmed} "
                f"committed and checked, {refused} refused as the store should), "
                f"{self.locked} failed on a locked database, {len(self.problems)} problems, "
                f"{self.seconds:.1f} s")


def run_writers(village: Path, writers: int, ops: int, seed: int) -> Figures:
    figures = Figures(writers)
    db.open_village(village)
    books = Books()
    db.close_village()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        go = folder / "go"
        # Output to files, not pipes: a writer whose pipe is full stops until this process
        # reads it, and the writers would no longer all run at once.
        outputs = [(folder / f"{number}.out", folder / f"{number}.err")
                   for number in range(writers)]
        processes = []
        for number, (out, err) in enumerate(outputs):
            with open(out, "w") as stdout, open(err, "w") as stderr:
                processes.append(start_writer(
                    village, seed * 1000 + number, "--ops", str(ops), "--mix", "shop",
                    "--go", str(go), stdout=stdout, stderr=stderr))
        _wait_until_open(processes, [out for out, _ in outputs])
        started = time.monotonic()
        go.touch()
        for process in processes:
            process.wait()
        figures.seconds = time.monotonic() - started
        for number, (process, (out, err)) in enumerate(zip(processes, outputs)):
            figures.runs.append(WriterRun.parse(out.read_text()))
            errors = err.read_text()
            if process.returncode != 0 or errors:
                figures.problems.append(f"writer {number} exited {process.returncode}:\n{errors}")
    db.open_village(village)
    try:
        figures.problems += books.check(figures.runs)
    finally:
        db.close_village()
    figures.confirmed = books.confirmed
    return figures


def _wait_until_open(processes, outputs: list[Path]) -> None:
    """Until every writer has the file open (or has died), so that they start together."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline and not all(
            process.poll() is not None or '"ready"' in out.read_text()
            for process, out in zip(processes, outputs)):
        time.sleep(0.01)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="clerks_at_once")
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--ops", type=int, default=2000, help="operations per writer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--village", type=Path, help="work on this file (default: a new demo)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        village = args.village or demo_village(Path(folder))
        figures = run_writers(village, args.writers, args.ops, args.seed)
    print(figures.summary())
    refusals = sum((run.refusals for run in figures.runs), Counter())
    print("refusals:", dict(sorted(refusals.items())))
    print_problems(figures.problems)
    return 1 if figures.problems else 0


if __name__ == "__main__":
    sys.exit(main())
