"""The rules of a village's scheme in one place, fed by its policy.

Screens and commands ask here; no number of any scheme is written in code.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

from store.periods import Period, period_of

Key = TypeVar("Key")


def budget_for(policy, population: int) -> int | None:
    """The village's points for one period by its population (篇一 第四条); None: no budget."""
    for tier in policy.budget:
        if tier.up_to is None or population <= tier.up_to:
            return tier.points
    return None


def remaining_cap(policy, used: int) -> int | None:
    """What a household may still get this period (D2 counts `used`); None: no cap."""
    if policy.household_cap is None:
        return None
    return max(0, policy.household_cap - used)


def is_covered(policy, *, poor: bool, status: str) -> bool:
    """Whether a household is scored at all: active, and poor where the scheme says so."""
    return status == "active" and (policy.covers == "all" or poor)


def period_for(policy, day: date) -> Period:
    """The scoring period of a day under the village's rhythm (D1)."""
    return period_of(day, policy.rhythm)


def notice_last_day(policy, closed_on: date) -> date:
    """D3: day 1 is the day after the review closed; the notice runs to the end of its last day."""
    return closed_on + timedelta(days=policy.notice_days)


def notice_over(policy, closed_on: date, today: date) -> bool:
    return today > notice_last_day(policy, closed_on)


def redemption_open(policy, day: date) -> bool:
    """Whether goods may be redeemed on `day` (D5 windows, or any time)."""
    return policy.redemption_anytime or any(
        day.month in window.months and window.first_day <= day.day <= window.last_day
        for window in policy.redemption_windows)


def next_redemption_day(policy, day: date) -> date:
    """`day` if redemption is open, else the first day of the next window."""
    probe = day
    while not redemption_open(policy, probe):
        probe += timedelta(days=1)
    return probe


def year_close_from(policy, year: int) -> date:
    """The first day a year's spendable points may be reset (D5).

    The last quarter's points are redeemed in the window early next year, so
    the reset waits for the day after the first window of the next year.
    """
    first_of_next = date(year + 1, 1, 1)
    if policy.redemption_anytime:
        return first_of_next
    window_day = next_redemption_day(policy, first_of_next)
    while redemption_open(policy, window_day):
        window_day += timedelta(days=1)
    return window_day


def quarter_score(policy, bonuses: int, deductions: int) -> int:
    """D4: the base score plus bonuses, less deductions (deductions given as a positive sum)."""
    return policy.base_score + bonuses - deductions


@dataclass(frozen=True)
class Ranked(Generic[Key]):
    key: Key
    score: int
    rank: int                # competition ranking: 1, 2, 2, 4
    counts_for_year: bool    # score >= the minimum: added to the year's honour points
    eligible: bool           # also within the top share: may redeem its score


def rank_scores(policy, scores: dict[Key, int]) -> list[Ranked[Key]]:
    """D4: rank covered households by score; the top share (with ties at the line) and the
    minimum score decide who may redeem. Best first; equal scores keep the given order."""
    rule = policy.eligibility
    ordered = sorted(scores.items(), key=lambda pair: -pair[1])
    ranks, previous = [], None
    for position, (_, score) in enumerate(ordered, start=1):
        ranks.append(ranks[-1] if score == previous else position)
        previous = score
    line = _last_eligible_rank(rule.top_percent, ranks)
    return [Ranked(key, score, rank, score >= rule.min_score,
                   score >= rule.min_score and rank <= line)
            for (key, score), rank in zip(ordered, ranks)]


def _last_eligible_rank(top_percent: int, ranks: list[int]) -> int:
    """The worst rank inside the top share: rank <= ceil(share x N), ties at the line in."""
    if not ranks:
        return 0
    places = -(-top_percent * len(ranks) // 100)  # ceil without floats
    return ranks[places - 1]


def price_allowed(policy, price: int, area: str) -> bool:
    """D7: a goods-area price must be one of the policy's zones, where it has zones."""
    return price >= 1 and (area == "donation" or not policy.price_zones
                           or price in policy.price_zones)
