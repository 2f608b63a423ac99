"""A writer process: random clerk work on one village file, every operation reported.

    python -m tests.faults.kill_writer VILLAGE --seed 7 [--ops 200] [--mix shop] [--go FILE]

Prints JSON lines to stdout, each flushed: {"ready": seed} once the file is
open; {"begin": name} before an operation; then its report (what it wrote) once
the store call has returned and committed, or {"refused": key, "params": ...} or
{"skipped": true}. Only a printed report counts as committed: the kill
harness and the concurrent-writers test hold the file to exactly those.
Without --ops it runs until it is killed. Imports only what it needs, since
it is started a thousand times.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path


def emit(message: dict) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="kill_writer")
    parser.add_argument("village")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ops", type=int, help="stop after this many operations")
    parser.add_argument("--mix", choices=("all", "shop"), default="all")
    parser.add_argument("--go", type=Path,
                        help="once the file is open, wait for this file to exist (a start line "
                             "for writers at once)")
    args = parser.parse_args(argv)

    from store import db
    from store.errors import JifenError
    from tests.faults.operations import Clerk, Skipped

    db.open_village(args.village)
    clerk = Clerk(random.Random(args.seed), args.mix)
    emit({"ready": args.seed})
    while args.go and not args.go.exists():
        time.sleep(0.005)
    done = 0
    while args.ops is None or done < args.ops:
        name = clerk.pick_operation()
        emit({"begin": name})
        try:
            report = clerk.run(name)
        except Skipped:
            report = {"skipped": True}
        except JifenError as refusal:
            report = {"refused": refusal.key, "params": refusal.params}
        emit({"op": name, **report})
        done += 1
    db.close_village()
    return 0


if __name__ == "__main__":
    sys.exit(main())
