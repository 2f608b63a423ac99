"""Scoring periods (D1): `2026-11` (a month), `2026Q4` (a quarter), `2026` (a year).

A review belongs to one period; its awards count in that period whatever the
deed's date. A village's rhythm (month or quarter) decides which kind its
reviews use.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from store.errors import JifenError

_PATTERNS = {
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "quarter": re.compile(r"^(\d{4})Q([1-4])$"),
    "year": re.compile(r"^(\d{4})$"),
}


@dataclass(frozen=True, order=True)
class Period:
    """A month, quarter or year; `number` is the month (1-12) or quarter (1-4), 0 for a year."""

    year: int
    kind: str
    number: int = 0

    def __str__(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.number}"
        return str(self.year)

    @property
    def first_day(self) -> date:
        if self.kind == "month":
            return date(self.year, self.number, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> "Period":
        if self.kind == "month":
            return Period(self.year + self.number // 12, "month", self.number % 12 + 1)
        if self.kind == "quarter":
            return Period(self.year + self.number // 4, "quarter", self.number % 4 + 1)
        return Period(self.year + 1, "year")

    def previous(self) -> "Period":
        if self.kind == "month":
            return Period(self.year - (self.number == 1), "month", (self.number - 2) % 12 + 1)
        if self.kind == "quarter":
            return Period(self.year - (self.number == 1), "quarter", (self.number - 2) % 4 + 1)
        return Period(self.year - 1, "year")

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


def parse_period(text: str) -> Period:
    """`2026-11`, `2026Q4` or `2026`; anything else is refused with the forms it may take."""
    text = str(text).strip().upper()
    for kind, pattern in _PATTERNS.items():
        match = pattern.match(text)
        if match:
            year = int(match.group(1))
            number = int(match.group(2)) if kind != "year" else 0
            if 1900 <= year <= 2999 and (kind != "month" or 1 <= number <= 12):
                return Period(year, kind, number)
    raise JifenError("period.bad", value=text)


def period_of(day: date, rhythm: str) -> Period:
    """The period of `day` under a rhythm of "month", "quarter" or "year"."""
    if rhythm == "month":
        return Period(day.year, "month", day.month)
    if rhythm == "quarter":
        return Period(day.year, "quarter", (day.month - 1) // 3 + 1)
    return Period(day.year, "year")
