"""The policy module on the seed's own numbers, and decisions D2-D7."""

from datetime import date

import pytest

from store import rules
from store.policy import load_policy
from store.shipped import find_rules_file


def _policy(name):
    return load_policy(find_rules_file(f"policy-{name}.toml"))


@pytest.fixture(scope="module")
def tongguan():
    return _policy("tongguan")


@pytest.fixture(scope="module")
def quarterly():
    return _policy("quarterly-virtue")


@pytest.fixture(scope="module")
def mazigou():
    return _policy("mazigou")


@pytest.mark.parametrize("population, budget", [
    (1, 250), (3000, 250), (3001, 500), (6000, 500), (6001, 750), (9000, 750), (9001, 1000),
    (12000, 1000), (12001, 1500), (50000, 1500),
])
def test_tongguan_budget_by_population(tongguan, population, budget):
    """篇一 第四条: 3000人以下（含）250分 … 12000人以上1500分."""
    assert rules.budget_for(tongguan, population) == budget


def test_mazigou_has_no_budget_and_no_cap(mazigou):
    assert rules.budget_for(mazigou, 1200) is None
    assert rules.remaining_cap(mazigou, 500) is None


def test_the_household_cap(tongguan):
    assert [rules.remaining_cap(tongguan, used) for used in (0, 15, 20, 25)] == [20, 5, 0, 0]


def test_who_is_covered(tongguan, quarterly):
    assert rules.is_covered(tongguan, poor=False, status="active")
    assert not rules.is_covered(quarterly, poor=False, status="active")
    assert rules.is_covered(quarterly, poor=True, status="active")
    assert not rules.is_covered(tongguan, poor=True, status="closed")


def test_periods_follow_the_rhythm(tongguan, quarterly):
    day = date(2026, 11, 26)
    assert str(rules.period_for(tongguan, day)) == "2026-11"
    assert str(rules.period_for(quarterly, day)) == "2026Q4"


def test_notice_of_three_days_d3(mazigou):
    closed = date(2026, 11, 26)
    assert rules.notice_last_day(mazigou, closed) == date(2026, 11, 29)
    assert not rules.notice_over(mazigou, closed, date(2026, 11, 29))
    assert rules.notice_over(mazigou, closed, date(2026, 11, 30))


@pytest.mark.parametrize("day, open_", [
    (date(2027, 1, 1), True), (date(2027, 1, 5), True), (date(2027, 1, 6), False),
    (date(2027, 4, 3), True), (date(2027, 2, 3), False), (date(2026, 12, 31), False),
])
def test_quarterly_redemption_window_d5(quarterly, day, open_):
    """篇三: 每个季度的第一个月的前5天为积分兑换时间."""
    assert rules.redemption_open(quarterly, day) is open_


def test_next_redemption_day_and_the_year_close(quarterly, mazigou):
    assert rules.next_redemption_day(quarterly, date(2026, 11, 26)) == date(2027, 1, 1)
    assert rules.year_close_from(quarterly, 2026) == date(2027, 1, 6)
    assert rules.redemption_open(mazigou, date(2026, 2, 17))
    assert rules.year_close_from(mazigou, 2026) == date(2027, 1, 1)


def test_quarter_score_starts_from_the_base(quarterly):
    assert rules.quarter_score(quarterly, bonuses=15, deductions=40) == 75


def test_ranking_with_a_tie_at_the_sixty_percent_line_d4(quarterly):
    """ten households: ceil(0.6 x 10) = 6 places; the 6th place is shared, so 7 are in."""
    scores = {"A": 120, "B": 110, "C": 105, "D": 100, "E": 95, "F": 90, "G": 90, "H": 85,
              "I": 79, "J": 60}
    ranked = {entry.key: entry for entry in rules.rank_scores(quarterly, scores)}
    assert [ranked[key].rank for key in "ABCDEFGHIJ"] == [1, 2, 3, 4, 5, 6, 6, 8, 9, 10]
    assert {key for key, entry in ranked.items() if entry.eligible} == set("ABCDEFG")
    assert not ranked["H"].eligible and ranked["H"].counts_for_year  # 85 >= 80, rank 8
    assert not ranked["I"].counts_for_year  # 79: not counted toward the year


def test_a_score_below_80_is_never_eligible_even_at_the_top(quarterly):
    ranked = rules.rank_scores(quarterly, {"A": 79, "B": 70})
    assert [entry.eligible for entry in ranked] == [False, False]


def test_ranking_nobody(quarterly):
    assert rules.rank_scores(quarterly, {}) == []


def test_price_zones_d7(tongguan, mazigou):
    assert rules.price_allowed(tongguan, 5, "goods")
    assert not rules.price_allowed(tongguan, 7, "goods")
    assert rules.price_allowed(tongguan, 7, "donation")
    assert rules.price_allowed(mazigou, 7, "goods")
    assert not rules.price_allowed(mazigou, 0, "goods")
