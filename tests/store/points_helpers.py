"""A small village under a chosen shipped policy, for tests of the life of a point."""

from dataclasses import replace
from datetime import date, timedelta

from store import roster
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.roster import HouseholdFields
from store.shipped import shipped_text


def on(actor, day: date):
    """The same clerk, on another day (notices run in days)."""
    return replace(actor, today_override=day)


def later(actor, days: int):
    return on(actor, actor.today + timedelta(days=days))


def adopt(actor, rubric: str, policy: str) -> None:
    adopt_rubric_text(actor, shipped_text(f"rubric-{rubric}.toml"))
    adopt_policy_text(actor, shipped_text(f"policy-{policy}.toml"))


def households(actor, count: int, *, poor_every: int = 0) -> list[str]:
    cards = []
    for number in range(1, count + 1):
        card = f"{number:03d}"
        poor = bool(poor_every) and number % poor_every == 0
        roster.add_household(actor, HouseholdFields(card_no=card, head=f"村民{number}",
                                                    group="1", poor=poor))
        cards.append(card)
    return cards
