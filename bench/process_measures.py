"""Measures of whole processes: the app's cold start and keystrokes through a real
pseudo-terminal, its CPU per key headless, and `jifen check`; each process's peak
memory is its own ru_maxrss, read when it is reaped.
"""

import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench.bare_app import MARKER
from bench.figures import Figure, Target
from bench.terminal import DOWN, ESCAPE, HOME, PAGE_DOWN, REPO, Session, child_environment
from store import db
from store.roster import find_households

KEY_CPU_TARGET = Target(30, "under 30 ms CPU")
SEARCH = b"wjg"
RUN = 54   # Downs: three screens of the roster's 18 rows at 80x24


def jifen(path: Path, today: date, *command: str) -> list[str]:
    return [sys.executable, "-m", "tui", "--db", str(path), "--today", today.isoformat(),
            *command]


def first_card(path: Path) -> str:
    """The roster's first row: once it is on the screen, the roster is there to use."""
    db.open_village(path)
    try:
        return find_households(limit=1)[0].card_no
    finally:
        db.close_village()


def _compile_this_checkout() -> None:
    """A clerk's jifen starts from bytecode: pip compiles it at install, and Python keeps
    it after the first start. A checkout may have none (PYTHONDONTWRITEBYTECODE, as on
    the machine of docs/PERFORMANCE.md), and then every start measured would compile
    jifen again: about 30 ms here."""
    for package in ("bench", "store", "tui"):
        compileall.compile_dir(REPO / package, quiet=1)


def _starts(argv: list[str], marker: str, repeats: int) -> list[float]:
    _compile_this_checkout()
    samples = []
    for _ in range(repeats):
        session = Session(argv)
        samples.append(session.wait_for(marker) * 1000)
        session.close()
    return samples


def baseline(repeats: int) -> Figure:
    return Figure("0", "bare Textual app, one DataTable: first frame (python -m bench.bare_app)",
                  "ms", _starts([sys.executable, "-m", "bench.bare_app"], MARKER, repeats))


def cold_start(path: Path, today: date, repeats: int) -> Figure:
    return Figure("1", "cold start to the interactive roster, 80x24 pty (python -m tui)", "ms",
                  _starts(jifen(path, today), first_card(path), repeats),
                  Target(1.5, "at most 1.5x base", times_base=True))


def terminal_bytes(path: Path, today: date, repeats: int) -> list[Figure]:
    """Bytes per keystroke once the screen is quiet, and the app's peak memory after.

    Moves from the top row stay within the screen. A run is what holding or tapping
    Down through the list sends, key by key, scrolls included: three screens' worth
    from the top. A move after a page is at the bottom row, so it scrolls.
    """
    session = Session(jifen(path, today))
    session.wait_for(first_card(path))
    session.settle(quiet=1.0)
    sent = {"move": [], "run": [], "page": [], "scroll": [], "open search": [], "search": [],
            "clear": []}
    for _ in range(repeats):
        sent["move"].append(session.press(DOWN))
    session.press(HOME)
    for _ in range(RUN):
        sent["run"].append(session.press(DOWN))
    for _ in range(repeats):
        sent["page"].append(session.press(PAGE_DOWN))
        sent["scroll"].append(session.press(DOWN))
    for _ in range(repeats):
        sent["open search"].append(session.press(b"/"))
        for letter in SEARCH:
            sent["search"].append(session.press(bytes([letter])))
        sent["clear"].append(session.press(ESCAPE))
    usage = session.close()
    run_mean = statistics.mean(sent["run"])
    return [
        Figure("9 move", "terminal bytes, cursor move (Down) within the screen", "B",
               sent["move"], Target(400, "under 400 B")),
        Figure("9 run", f"terminal bytes, each of {RUN} Downs from the top, scrolls included "
                        f"(mean {run_mean:,.0f} B)", "B", sent["run"], Target(400, "under 400 B")),
        Figure("9 scroll", "terminal bytes, a Down at the bottom row: half a screen scrolls",
               "B", sent["scroll"]),
        Figure("9 page", "terminal bytes, page (PgDn)", "B", sent["page"],
               Target(4096, "under 4 KB")),
        Figure("9 open", "terminal bytes, / moves the focus to the search line", "B",
               sent["open search"], Target(4096, "under 4 KB")),
        Figure("9 search", "terminal bytes, a letter typed in the search", "B", sent["search"],
               Target(4096, "under 4 KB")),
        Figure("9 clear", "terminal bytes, Esc clears the search (all rows back)", "B",
               sent["clear"]),
        Figure("8 app", "peak memory of the app after those keys (ru_maxrss)", "MB",
               [usage.ru_maxrss / 1024], Target(120, "under 120 MB")),
    ]


def key_cpu(path: Path, today: date, repeats: int) -> list[Figure]:
    """CPU per key in a headless app (bench/key_cpu.py), less the same wait without a key."""
    done = subprocess.run([sys.executable, "-m", "bench.key_cpu", "--db", str(path), "--today",
                           today.isoformat(), "--repeats", str(repeats)],
                          cwd=REPO, env=child_environment(), capture_output=True, text=True,
                          check=True)
    samples = json.loads(done.stdout)
    idle = statistics.median(samples.pop("idle"))
    words = {"move": "cursor move (Down)", "page": "page (PgDn)",
             "search": "a letter typed in the search", "clear": "Esc clears the search"}
    return [Figure(f"2 {name}", f"keystroke to repaint, CPU: {words[name]}", "ms CPU",
                   [sample - idle for sample in values],
                   KEY_CPU_TARGET if name != "clear" else None)
            for name, values in samples.items()]


def check(path: Path, today: date, repeats: int) -> list[Figure]:
    seconds, memory, failures = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        process = subprocess.Popen(jifen(path, today, "check"), cwd=REPO,
                                   env=child_environment(), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds.append(time.perf_counter() - start)
        memory.append(usage.ru_maxrss / 1024)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if process.returncode:
            failures.append(f"exit {process.returncode}: "
                            + process.stderr.read().decode("utf-8", "replace").strip())
        process.stderr.close()
    if failures:   # a check that stopped on an error has not checked: no figure
        return [Figure("7", "jifen check on the whole file", "s", note=failures[0][:200])]
    return [Figure("7", "jifen check on the whole file", "s", seconds, Target(15, "under 15 s")),
            Figure("8 check", "peak memory of jifen check (ru_maxrss)", "MB", memory)]
