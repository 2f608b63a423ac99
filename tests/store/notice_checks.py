"""What every printed notice's tests check: golden files, lines that fit, tables that line up,
GB18030 that decodes back. `JIFEN_GOLDEN_UPDATE=1` rewrites the golden files (then read
them against the data)."""

import os
from pathlib import Path

from store.print_layout import Layout, as_bytes, cells

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("JIFEN_GOLDEN_UPDATE") == "1"
TABLE_EDGES = tuple("+|┌│├└╞╘╒")


def match_golden(name: str, text: str) -> None:
    """`text` is the content of tests/store/golden/`name`.txt."""
    path = GOLDEN / f"{name}.txt"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with JIFEN_GOLDEN_UPDATE=1"
    assert text == path.read_text(encoding="utf-8"), name


def table_runs(lines: list[str]) -> list[list[str]]:
    """The runs of table lines (rules and rows) in a notice."""
    runs, run = [], []
    for line in lines:
        if line.startswith(TABLE_EDGES):
            run.append(line)
        elif run:
            runs.append(run)
            run = []
    return [*runs, run] if run else runs


def assert_lines_up(lines: list[str], layout: Layout) -> None:
    """No line wider than the layout; every line of each table exactly as wide as its rules."""
    assert all(cells(line, layout) <= layout.width for line in lines), \
        max(lines, key=lambda line: cells(line, layout))
    for run in table_runs(lines):
        assert len({cells(line, layout) for line in run}) == 1, "\n".join(run)


def assert_gb18030_round_trip(lines: list[str]) -> None:
    assert as_bytes(lines, "gb18030").decode("gb18030") == "".join(
        line.rstrip() + "\n" for line in lines)
