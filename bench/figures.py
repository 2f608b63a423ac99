"""Figures of a benchmark run: samples, their median and spread, a target, a verdict.

A time is compared with the bare Textual app's first frame measured in the same
run (`x base`), so a figure from a slower or busier machine still says something.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.cells import cell_len

TIME_UNITS = {"ms": 1, "ms CPU": 1, "s": 1000}


@dataclass(frozen=True)
class Target:
    limit: float
    words: str                  # as the issue states it
    times_base: bool = False    # the limit is a multiple of the baseline's median


@dataclass
class Figure:
    item: str                   # the list number, with the part: "2 move"
    what: str
    unit: str                   # ms, ms CPU, s, MB, B
    samples: list[float] = field(default_factory=list)
    target: Target | None = None
    note: str = ""              # why there is no sample

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    def quartiles(self) -> tuple[float, float] | None:
        if len(self.samples) < 4:
            return None
        low, _, high = statistics.quantiles(self.samples, n=4)
        return low, high

    def in_ms(self) -> float | None:
        if self.median is None or self.unit not in TIME_UNITS:
            return None
        return self.median * TIME_UNITS[self.unit]

    def verdict(self, base_ms: float | None) -> str:
        if self.target is None or self.median is None:
            return ""
        limit = self.target.limit
        if self.target.times_base:
            if base_ms is None:
                return ""
            limit *= base_ms / TIME_UNITS[self.unit]
        return "PASS" if self.median <= limit else "MISS"


def timed(call: Callable, arguments) -> list[float]:
    """Milliseconds of `call(argument)` for each argument in turn."""
    samples = []
    for argument in arguments:
        start = time.perf_counter()
        call(argument)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def rows(figures: list[Figure], base_ms: float | None) -> list[list[str]]:
    """The table: item, what, median, min-max, IQR, runs, x base, target, verdict."""
    table = []
    for figure in figures:
        spread = (f"{_number(min(figure.samples))}-{_number(max(figure.samples))}"
                  if figure.samples else "-")
        quartiles = figure.quartiles()
        iqr = f"{_number(quartiles[0])}-{_number(quartiles[1])}" if quartiles else "-"
        in_ms = figure.in_ms()
        ratio = f"{in_ms / base_ms:.2f}" if in_ms is not None and base_ms else "-"
        median = f"{_number(figure.median)} {figure.unit}" if figure.samples else figure.note
        table.append([figure.item, figure.what, median, spread, iqr, str(len(figure.samples)),
                      ratio, figure.target.words if figure.target else "-",
                      figure.verdict(base_ms)])
    return table


HEADER = ["#", "what", "median", "min-max", "IQR", "n", "x base", "target", "verdict"]


def plain_table(table: list[list[str]]) -> str:
    widths = [max(cell_len(row[column]) for row in [HEADER, *table])
              for column in range(len(HEADER))]
    return "\n".join("  ".join(cell + " " * (width - cell_len(cell))
                               for cell, width in zip(row, widths)).rstrip()
                     for row in [HEADER, *table])


def markdown_table(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in table]
    return "\n".join(lines)
