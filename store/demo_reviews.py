"""The demo's last few months of scoring: deeds, review meetings, notices, objections.

Three finished months (one objection upheld, one dismissed), and the current
month's deeds; if today is past the 25th, this month's review is on notice
with an objection still open, so every part of the cycle can be seen.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from store import deeds, reviews
from store.actor import Actor, resolve_actor
from store.demo_names import STAFF
from store.demo_plan import backdated
from store.objections import raise_objection, resolve_objection
from store.periods import Period, period_of

MONTHS_BACK = 3
DEEDS_PER_MONTH = (10, 16)
WAITING_DEEDS = 3
MEETING_DAY = 25
# (item, weight): what a village meeting mostly scores under 篇五.
COMMON_ITEMS = (("5.4", 8), ("5.5", 6), ("2.1", 6), ("5.2", 3), ("5.3", 2), ("6.3", 4),
                ("3.1", 3), ("7.5", 4), ("7.8", 3), ("6.7", 2), ("8.1", 1))
MEETING_SET = {"8.1": (8, 30)}        # points the meeting sets for 第八条 items
OTHER_DEEDS = ("扑救山火", "冬季为五保户送煤", "修补村道坑洼", "暴雨夜转移独居老人")
ATTENDEES = "张国强,杨志明,陈宇,村民代表王德福,村民代表赵玉梅"
# Who resolves objections for the leading group: the party secretary.
LEADER_NAME = next(name for name, role, *_ in STAFF if role == "leader")


@dataclass
class PlannedDeed:
    card: str
    group: int
    item: str
    day: date
    what: str = ""
    points: int | None = None
    outcome: str = "award"            # "award", "reject", "withdraw", or "wait" (next review)


@dataclass
class PlannedMonth:
    period: Period
    deeds: list[PlannedDeed] = field(default_factory=list)
    meeting: date | None = None        # None: the month's deeds still wait
    objection: str = ""                # "upheld", "dismissed" or "open"


def plan_months(rng: random.Random, today: date, households: list[tuple[str, int]]) -> list[PlannedMonth]:
    """The months to show, oldest first; `households` are (card, group) of active ones."""
    current = period_of(today, "month")
    periods = [current]
    for _ in range(MONTHS_BACK):
        periods.insert(0, periods[0].previous())
    outcomes = ["upheld", "dismissed", ""]
    months = []
    for index, period in enumerate(periods):
        last_day = today - timedelta(days=1) if period == current else period.last_day
        month = PlannedMonth(period, _plan_deeds(rng, period, last_day, households))
        meeting = period.first_day.replace(day=MEETING_DAY)
        if meeting < today:
            month.meeting = meeting
            month.objection = outcomes[index] if period != current else "open"
        months.append(month)
    if months[-1].meeting is not None:   # deeds that came in after this month's meeting
        for card, group in rng.sample(households, WAITING_DEEDS):
            months[-1].deeds.append(PlannedDeed(card, group, rng.choice(("5.4", "5.5", "7.5")),
                                                today, outcome="wait"))
    return months


def _plan_deeds(rng, period: Period, last_day: date, households) -> list[PlannedDeed]:
    items, weights = zip(*COMMON_ITEMS)
    span = max(0, min(last_day.day, MEETING_DAY - 2) - 2)
    planned = []
    for card, group in rng.sample(households, rng.randint(*DEEDS_PER_MONTH)):
        item = rng.choices(items, weights)[0]
        deed = PlannedDeed(card, group, item, period.first_day + timedelta(days=rng.randint(1, 1 + span)))
        if item in MEETING_SET:
            deed.what, deed.points = rng.choice(OTHER_DEEDS), rng.randint(*MEETING_SET[item])
        planned.append(deed)
    if len(planned) > 4:
        planned[-1].outcome, planned[-2].outcome = "reject", "withdraw"
    return planned


def hold_months(clerk: Actor, months: list[PlannedMonth], liaisons: dict[int, str],
                today: date) -> None:
    """Write the planned months through the store's own functions, each on its day."""
    for month in months:
        ids = {id(deed): _register(deed, liaisons) for deed in month.deeds
               if deed.outcome != "wait"}
        if month.meeting is not None:
            _meet(_on(clerk, month.meeting), month, ids)
            _notice(clerk, month, today)
        for deed in month.deeds:
            if deed.outcome == "wait":
                _register(deed, liaisons)


def _register(deed: PlannedDeed, liaisons: dict[int, str]) -> int:
    """The group's liaison registers the deed on its day (事迹登记册)."""
    liaison = _on(resolve_actor(liaisons.get(deed.group)), deed.day)
    return deeds.register_deed(liaison, deed.card, item_id=deed.item, day=deed.day,
                               what=deed.what).id


def _meet(clerk: Actor, month: PlannedMonth, ids: dict) -> None:
    reviews.open_review(clerk, str(month.period), ATTENDEES)
    for deed in month.deeds:
        if deed.outcome == "wait":
            continue
        deed_id = ids[id(deed)]
        if deed.outcome == "withdraw":
            deeds.withdraw_deed(clerk, deed_id, "户主申请撤回")
        elif deed.outcome == "reject":
            reviews.reject_deed(clerk, deed_id, "经核实，事迹不属实")
        else:
            reviews.propose_award(clerk, deed.card, deed.item, points=deed.points,
                                  deed_id=deed_id, trim=True)
    reviews.close_review(clerk)


def _notice(clerk: Actor, month: PlannedMonth, today: date) -> None:
    """An objection on the notice's second day; finalize the day after the notice ends."""
    review = reviews.review_info()
    awards = [award for award in review.awards if award.points > 5]
    second_day = month.meeting + timedelta(days=2)
    if month.objection and awards:
        objected = awards[0]
        objection = raise_objection(_on(clerk, second_day), objected.id, "村民李秀英",
                                    "事迹有出入，请核实")
        leader = _on(resolve_actor(LEADER_NAME), second_day)
        if month.objection == "upheld":
            resolve_objection(leader, objection.id, upheld=True,
                              new_points=objected.points // 2, reason="核实后减半计分")
        elif month.objection == "dismissed":
            resolve_objection(leader, objection.id, upheld=False,
                              reason="经核实事迹属实，受助者签字认可")
    finalize_day = review.notice_last_day + timedelta(days=1)
    if finalize_day <= today:
        reviews.finalize_review(_on(clerk, finalize_day), review.id)


def _on(actor: Actor, day: date) -> Actor:
    """The actor at ten in the morning of `day`, village time."""
    return backdated(actor, datetime.combine(day, time(10, 0)))
