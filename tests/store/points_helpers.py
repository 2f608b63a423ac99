"""A small village under a chosen shipped policy, for tests of the life of a point."""

import os
from dataclasses import replace
from datetime import date, timedelta

from store import roster, staff
from store.actor import resolve_actor
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.models import Staff
from store.roster import HouseholdFields
from store.shipped import shipped_text

LEADER = "张国强"


def on(actor, day: date):
    """The same clerk, on another day (notices run in days)."""
    return replace(actor, today_override=day)


def later(actor, days: int):
    return on(actor, actor.today + timedelta(days=days))


def leader(actor):
    """A member of the leading group (objections are theirs to resolve), on this OS account,
    on the actor's day and clock; the clerk `actor` adds them the first time."""
    if Staff.get_or_none(Staff.name == LEADER) is None:
        staff.add_staff(actor, LEADER, "leader", str(os.geteuid()))
    return replace(resolve_actor(LEADER), today_override=actor.today, clock=actor.clock)


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
