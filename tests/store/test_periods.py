"""Periods as D1 writes them."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

from store.errors import JifenError
from store.periods import Period, parse_period, period_of


@pytest.mark.parametrize("text, period", [
    ("2026-11", Period(2026, "month", 11)), ("2026q4", Period(2026, "quarter", 4)),
    (" 2026Q1 ", Period(2026, "quarter", 1)), ("2026", Period(2026, "year")),
])
def test_parse(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "2026Q5", "26", "2026/11", "", "十一月"])
def test_bad_periods_are_refused(text):
    with pytest.raises(JifenError) as caught:
        parse_period(text)
    assert caught.value.key == "period.bad"


@pytest.mark.parametrize("period, first, last", [
    ("2026-02", date(2026, 2, 1), date(2026, 2, 28)), ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2026-12", date(2026, 12, 1), date(2026, 12, 31)), ("2026Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("2026Q1", date(2026, 1, 1), date(2026, 3, 31)), ("2026", date(2026, 1, 1), date(2026, 12, 31)),
])
def test_first_and_last_days(period, first, last):
    parsed = parse_period(period)
    assert (parsed.first_day, parsed.last_day) == (first, last)


def test_next_and_previous_cross_the_year():
    assert str(parse_period("2026-12").next()) == "2027-01"
    assert str(parse_period("2027-01").previous()) == "2026-12"
    assert str(parse_period("2026Q4").next()) == "2027Q1"
    assert str(parse_period("2027Q1").previous()) == "2026Q4"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2900, 12, 31)),
       st.sampled_from(["month", "quarter", "year"]))
def test_every_day_is_in_its_period_and_periods_tile_time(day, rhythm):
    period = period_of(day, rhythm)
    assert period.contains(day)
    assert parse_period(str(period)) == period
    assert (period.next().first_day - period.last_day).days == 1
    assert period.next().previous() == period
