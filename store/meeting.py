"""What the review meeting (评议会) shows: its agenda, each household's standing, the budget.

Reads only: the meeting writes through store.reviews, whose rules these
numbers mirror (D2: the gross positive points of the period's awards that are
proposed or effective count against the household cap and the village
budget). A test holds the two together.
"""

from dataclasses import dataclass, field
from datetime import date

import peewee

from store import rules
from store.adoption import current_policy
from store.deeds import DeedInfo, deed_info
from store.errors import JifenError
from store.models import (Award, Deed, Household, Objection, Review, Staff, Village,
                          VillagerGroup)
from store.normalize import clean_card, clean_text
from store.reviews import (AwardInfo, ReviewInfo, counting_awards, points_in_force_sql,
                           positive_points, review_rules)
from store.roster import find_households
from store.rubric import Item, Rubric


@dataclass(frozen=True)
class Standing:
    """A household in the period under review."""

    card: str
    head: str
    group: str
    counted: int            # gross positive points proposed or effective: what the cap counts
    net: int                # the same awards with deductions: the running total
    cap: int | None         # None: the policy sets no household cap
    left: int | None


@dataclass(frozen=True)
class Budget:
    """The village's points for the period (篇一 第四条): None where the policy has none."""

    budget: int | None
    used: int
    left: int | None


@dataclass(frozen=True)
class AgendaEntry:
    """One card of the meeting: a deed waiting, or an award of this review (with its deed)."""

    card: str
    deed: DeedInfo | None      # None: an award made on the spot
    award: AwardInfo | None    # None: the deed waits for the meeting
    item: Item | None          # the award's item, or the one the deed suggests (None: none)

    @property
    def key(self) -> tuple[str, int]:
        return ("award", self.award.id) if self.award else ("deed", self.deed.id)

    @property
    def pending(self) -> bool:
        return self.award is None


@dataclass(frozen=True)
class Meeting:
    """The review in session and everything its screen shows, read in one go."""

    review: ReviewInfo | None       # the open review; None: none is in session
    period_to_open: str             # offered when none is open ("" without a policy)
    rhythm: str                     # "month", "quarter" ("" without a policy)
    rubric: Rubric | None           # the review's rubric version
    entries: tuple[AgendaEntry, ...] = ()
    standings: dict[str, Standing] = field(default_factory=dict)   # by card
    budget: Budget | None = None

    @property
    def pending_count(self) -> int:
        return sum(entry.pending for entry in self.entries)

    def first_pending(self) -> int | None:
        return next((i for i, entry in enumerate(self.entries) if entry.pending), None)


def open_review_row() -> Review | None:
    return (Review.select().where(Review.status == "open")
            .order_by(Review.id.desc()).first())


def meeting_state(today: date) -> Meeting:
    """The latest open review with its agenda: this review's awards in the order made, then
    the deeds waiting, by villager group and household (a household's deeds together).

    Read again after every decision, so it reads in bulk: a handful of queries
    whatever the size of the meeting, not a few per award.
    """
    policy = current_policy()
    rhythm = policy.document.rhythm if policy else ""
    period_to_open = str(rules.period_for(policy.document, today)) if policy else ""
    row = open_review_row()
    if row is None:
        return Meeting(None, period_to_open, rhythm, None)
    rubric, review_policy = review_rules(row)
    awards = review_awards(row, rubric)
    review = ReviewInfo(row.id, row.period, row.status, row.attendees, row.rubric_version,
                        row.policy_version, row.closed_on, row.notice_last_day, "",
                        row.finalized_on, tuple(awards))
    entries = _agenda(awards, rubric)
    cards = {entry.card for entry in entries}
    return Meeting(review, period_to_open, review_policy.rhythm, rubric, tuple(entries),
                   standings(review.period, review_policy, cards),
                   village_budget(review.period, review_policy))


def _item(rubric: Rubric, item_id: str) -> Item | None:
    if not item_id:
        return None
    try:
        return rubric.item(item_id)
    except JifenError:   # suggested under a rubric version this review does not use
        return None


def review_awards(row: Review, rubric: Rubric) -> list[AwardInfo]:
    """The review's awards as store.reviews.award_info gives them, read in two queries."""
    held = dict(Objection.select(Objection.award, peewee.fn.COUNT(Objection.id))
                .join(Award).where(Award.review == row, Objection.status == "open")
                .group_by(Objection.award).tuples())
    found = []
    for award in (Award.select(Award, Household).join(Household)
                  .where(Award.review == row).order_by(Award.id)):
        item = _item(rubric, award.item_id)
        points = award.final_points if award.final_points is not None else award.points
        found.append(AwardInfo(award.id, row.id, award.household.card_no, award.household.head,
                               award.item_id, item.name if item else award.item_id, points,
                               award.asked_points, award.points != award.asked_points,
                               award.note, award.deed_id, award.status, award.status_reason,
                               held.get(award.id, 0)))
    return found


def _deeds():
    """Deeds with their household and registrar in one query (no row-by-row lookups)."""
    # attr= puts the joined rows where deed_info reads them (row.registered_by,
    # household.group); without it each deed cost two more queries.
    return (Deed.select(Deed, Household, Staff, VillagerGroup).join(Household)
            .join_from(Deed, Staff, on=(Deed.registered_by == Staff.id), attr="registered_by")
            .join_from(Household, VillagerGroup, peewee.JOIN.LEFT_OUTER, attr="group"))


def _agenda(awards: list[AwardInfo], rubric: Rubric) -> list[AgendaEntry]:
    awarded_deeds = {row.id: deed_info(row) for row in
                     _deeds().where(Deed.id.in_([a.deed for a in awards if a.deed]))}
    entries = [AgendaEntry(award.household, awarded_deeds.get(award.deed), award,
                           _item(rubric, award.item_id)) for award in awards]
    waiting = (_deeds().where(Deed.status == "pending")
               .order_by(peewee.fn.COALESCE(VillagerGroup.position, 1 << 30),
                         peewee.fn.length(Household.card_no), Household.card_no,
                         Deed.day, Deed.id))
    for row in waiting:
        deed = deed_info(row)
        entries.append(AgendaEntry(deed.household, deed, None, _item(rubric, deed.item_id)))
    return entries


def standings(period: str, policy, cards: set[str]) -> dict[str, Standing]:
    """Each household's points this period, and what its cap leaves."""
    if not cards:
        return {}
    points = points_in_force_sql()
    counted_sum = peewee.fn.SUM(peewee.Case(None, [(points > 0, points)], 0))
    sums = {household: (counted or 0, net or 0) for household, counted, net in
            counting_awards(period).select(Award.household, counted_sum, peewee.fn.SUM(points))
            .group_by(Award.household).tuples()}
    found = {}
    for row in (Household.select(Household, VillagerGroup)
                .join(VillagerGroup, peewee.JOIN.LEFT_OUTER)
                .where(Household.card_no.in_(sorted(cards)))):
        counted, net = sums.get(row.id, (0, 0))
        found[row.card_no] = Standing(row.card_no, row.head,
                                      row.group.name if row.group_id else "", counted, net,
                                      policy.household_cap, rules.remaining_cap(policy, counted))
    return found


def household_standing(period: str, policy, card: str) -> Standing:
    """One household's standing (for an award made on the spot)."""
    found = standings(period, policy, {card})
    if card not in found:
        raise JifenError("household.not_found", card=card)
    return found[card]


SPOT_CHOICES = 5   # households named when a search finds more than one


def find_household(text: str) -> Standing:
    """The household an award on the spot is for, with its standing in the open review.

    A card number first; else a name or pinyin initials that find exactly one
    active household.
    """
    row = open_review_row()
    if row is None:
        raise JifenError("review.none_open")
    _, policy = review_rules(row)
    text = clean_text(text, field="search")
    exact = Household.get_or_none(Household.card_no == clean_card(text))
    if exact is not None:
        return household_standing(row.period, policy, exact.card_no)
    found = find_households(text, status="active", limit=SPOT_CHOICES + 1)
    if not found:
        raise JifenError("household.not_found", card=text)
    if len(found) > 1:
        names = " ".join(f"{h.card_no} {h.head}" for h in found[:SPOT_CHOICES])
        raise JifenError("household.several", text=text, names=names)
    return household_standing(row.period, policy, found[0].card_no)


def village_budget(period: str, policy) -> Budget:
    used = positive_points(counting_awards(period))
    budget = rules.budget_for(policy, Village.get().population)
    return Budget(budget, used, None if budget is None else max(0, budget - used))
