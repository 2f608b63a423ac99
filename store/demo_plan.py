"""The demo village 麻子沟村 as plain data: who lives where, since when.

`plan_demo` decides everything and writes nothing; `store.demo` writes the
plan. The same seed and the same `today` give the same households, cards,
names, uuids and dates; every date is counted back from `today`, so the demo
always looks like a scheme that has run for about two years.

Each planning step draws from its own random stream, seeded from the demo
seed and the step's name: a later step (rubric, deeds, reviews, goods) can be
added without changing what the earlier ones produce.
"""

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from uuid import UUID

from store.demo_names import (CHILD_FEMALE_GIVEN, CHILD_MALE_GIVEN, CLOSED_REASONS,
                              COMPOUND_SURNAMES, ELDER_FEMALE_GIVEN, ELDER_MALE_GIVEN,
                              GRANDCHILD_FEMALE_GIVEN, GRANDCHILD_MALE_GIVEN, GROUP_CLANS,
                              MERGED_REASON, MINORITY_HEADS, MOBILE_PREFIXES, MOVED_REASONS,
                              OTHER_NOTES, POVERTY_CAUSES, RELOCATION_REASON,
                              SINGLE_FEMALE_GIVEN, SINGLE_MALE_GIVEN, STAFF, SURNAMES)
from store.actor import Actor
from store.roster import MemberInfo

DEMO_SEED = 2026

VILLAGE_NAME = "麻子沟村"
# The seed names no township or county for 篇五's 麻子沟村. The demo puts it in
# 潼关县 (Tongguan, Shaanxi, the county of 篇一/二) under its seat town 城关镇:
# a made-up but coherent address, the same one the test fixtures use.
TOWNSHIP = "城关镇"
COUNTY = "潼关县"
CARD_PREFIX = "MZG-"  # 麻子沟 Ma-Zi-Gou, then four digits in order of registration
CLERK_NAME, CLERK_TITLE = next((name, title) for name, role, title, *_ in STAFF if role == "clerk")

# Households per villager group ("1组".."6组"): 300 in all.
GROUP_SIZES = (54, 47, 58, 43, 52, 46)
# People per household and their share of households (mean about 3.25, as in
# rural household surveys).
MEMBER_COUNT_WEIGHTS = {1: 13, 2: 24, 3: 22, 4: 19, 5: 13, 6: 6, 7: 3}

SCHEME_AGE_DAYS = 720
# The first enrolment goes round the groups one week each; households that
# split off or came back later are registered any day after it.
ENROLMENT_DAYS_PER_GROUP = 7
LATE_SHARE = 0.08
# Statuses are set this long after the start, and before today.
FIRST_STATUS_DAY = 120
LAST_STATUS_DAYS_AGO = 7

FEMALE_HEAD_SHARE = 0.2
CLAN_SHARE = 0.3
SINGLE_GIVEN_SHARE = 0.11
# A full name may repeat, as in real villages, but only rarely.
REPEAT_CHANCE = 0.03
POOR_SHARE = 0.10
PHONE_SHARE = 0.65
MEMBER_PHONE_SHARE = 0.25
MEMBER_LIST_SHARE = 0.45
PARTIAL_LIST_SHARE = 0.15
NOTE_SHARE = 0.04
MOVED_COUNT = 4
CLOSED_COUNT = 3

# The village keeps Beijing time (UTC+8, no summer time); the file stores UTC.
# A fixed offset keeps the file the same whatever the machine's time zone.
BEIJING_OFFSET = timedelta(hours=8)


@dataclass(frozen=True)
class Person:
    name: str
    sex: str  # "m" or "f"
    surname: str  # "" for minority names, which have none in the Han sense


@dataclass(eq=False)  # compared by identity: two plans may look alike
class PlannedHousehold:
    """One household of the demo, before it is written."""

    group: int
    head: Person
    is_staff: bool = False
    member_count: int = 1
    members: list[MemberInfo] = field(default_factory=list)
    registered: datetime | None = None  # Beijing time
    card_no: str = ""
    house_no: str = ""
    phone: str = ""
    poor: bool = False
    notes: str = ""
    uuid: UUID | None = None
    status: str = "active"
    status_reason: str = ""
    status_at: datetime | None = None  # Beijing time
    merged_into: str = ""


@dataclass
class DemoPlan:
    started: datetime  # Beijing time: the village file and its staff date from here
    households: list[PlannedHousehold]  # in card order

    @property
    def population(self) -> int:
        return sum(h.member_count for h in self.households if h.status == "active")


def plan_demo(seed: int, today: date) -> DemoPlan:
    """The whole demo as data; nothing is written."""
    started = datetime.combine(today - timedelta(days=SCHEME_AGE_DAYS), time(9, 0))
    households = _plan_heads(stream(seed, "heads"))
    family_rng = stream(seed, "families")
    for household in households:
        _plan_family(family_rng, household)
    households = _plan_registration(stream(seed, "registration"), households,
                                    started.date(), today)
    _plan_contacts(stream(seed, "contacts"), households)
    _plan_statuses(stream(seed, "statuses"), households, started.date(), today)
    return DemoPlan(started, households)


def stream(seed: int, step: str) -> random.Random:
    # Seeding with a string hashes it with SHA-512: stable across runs and
    # Python versions, unlike hash().
    return random.Random(f"{seed}:{step}")


# --- heads of household -------------------------------------------------------

def _plan_heads(rng: random.Random) -> list[PlannedHousehold]:
    """Each group's households in walking order, staff and minority heads among them."""
    staff_names = {name for name, *_ in STAFF}
    used = set(staff_names)
    special = _special_heads(rng, used)
    households = []
    for group, size in enumerate(GROUP_SIZES, start=1):
        planned = [PlannedHousehold(group, _new_head(rng, group, used, staff_names))
                   for _ in range(size - len(special[group]))]
        for household in special[group]:
            planned.insert(rng.randrange(len(planned) + 1), household)
        households.extend(planned)
    return households


def _special_heads(rng: random.Random, used: set[str]) -> dict[int, list[PlannedHousehold]]:
    """Households planned one by one, so every seed shows them.

    Staff who live in the village, in their own group; minority families and
    families with a compound surname, anywhere.
    """
    special = {group: [] for group in range(1, len(GROUP_SIZES) + 1)}
    for name, _role, _title, group, sex in STAFF:
        if group is not None:
            special[group].append(PlannedHousehold(group, Person(name, sex, name[0]), is_staff=True))
    for name, sex in MINORITY_HEADS:
        group = rng.randrange(1, len(GROUP_SIZES) + 1)
        special[group].append(PlannedHousehold(group, Person(name, sex, "")))
    for surname in COMPOUND_SURNAMES:
        group = rng.randrange(1, len(GROUP_SIZES) + 1)
        special[group].append(PlannedHousehold(group, _compound_head(rng, surname, used)))
    return special


def _compound_head(rng: random.Random, surname: str, used: set[str]) -> Person:
    # Mostly two-character given names (欧阳建国): the roster's four-character
    # names; now and then a single one (司马强).
    while True:
        sex = "f" if rng.random() < FEMALE_HEAD_SHARE else "m"
        name = surname + _head_given(rng, sex, single_share=0.2)
        if name not in used:
            used.add(name)
            return Person(name, sex, surname)


def _new_head(rng: random.Random, group: int, used: set[str], staff_names: set[str]) -> Person:
    while True:
        sex = "f" if rng.random() < FEMALE_HEAD_SHARE else "m"
        surname = _head_surname(rng, group)
        name = surname + _head_given(rng, sex)
        if name in staff_names:
            continue
        if name not in used or rng.random() < REPEAT_CHANCE:
            used.add(name)
            return Person(name, sex, surname)


def _head_surname(rng: random.Random, group: int) -> str:
    if rng.random() < CLAN_SHARE:
        return GROUP_CLANS[group - 1]
    return _common_surname(rng)


def _common_surname(rng: random.Random) -> str:
    surnames, weights = zip(*SURNAMES)
    return rng.choices(surnames, weights)[0]


def _head_given(rng: random.Random, sex: str, single_share: float = SINGLE_GIVEN_SHARE) -> str:
    if rng.random() < single_share:
        return rng.choice(SINGLE_MALE_GIVEN if sex == "m" else SINGLE_FEMALE_GIVEN)
    return rng.choice(ELDER_MALE_GIVEN if sex == "m" else ELDER_FEMALE_GIVEN)


# --- families -----------------------------------------------------------------

def _plan_family(rng: random.Random, household: PlannedHousehold) -> None:
    """Member count and, for some households, the members the clerk wrote down."""
    counts, weights = zip(*MEMBER_COUNT_WEIGHTS.items())
    household.member_count = rng.choices(counts, weights)[0]
    if not household.head.surname:
        return  # the demo does not invent relatives with minority names
    family = _family(rng, household.head, household.member_count - 1)
    if rng.random() >= MEMBER_LIST_SHARE:
        return
    # Some clerks wrote down only the spouse or the first child.
    household.members = family[:1] if rng.random() < PARTIAL_LIST_SHARE else family


def _family(rng: random.Random, head: Person, size: int) -> list[MemberInfo]:
    """`size` relatives of the head: spouse, a parent, children, a daughter-in-law, grandchildren."""
    family = []
    children_surname = head.surname
    has_spouse = rng.random() < (0.92 if head.sex == "m" else 0.3)
    if size and has_spouse:
        spouse_surname = _common_surname(rng)
        if head.sex == "m":
            family.append(_relative(rng, "妻", spouse_surname, ELDER_FEMALE_GIVEN))
        else:
            family.append(_relative(rng, "夫", spouse_surname, ELDER_MALE_GIVEN))
            children_surname = spouse_surname
    elif head.sex == "f":
        children_surname = _common_surname(rng)  # the late husband's
    if len(family) < size and rng.random() < 0.2:
        if rng.random() < 0.7:
            family.append(_relative(rng, "母", _common_surname(rng), ELDER_FEMALE_GIVEN))
        else:
            family.append(_relative(rng, "父", head.surname, ELDER_MALE_GIVEN))
    has_son = False
    for _ in range(min(size - len(family), rng.choice((1, 2, 2, 3)))):
        son = rng.random() < 0.5
        has_son = has_son or son
        family.append(_relative(rng, "子" if son else "女", children_surname,
                                CHILD_MALE_GIVEN if son else CHILD_FEMALE_GIVEN))
    if len(family) < size and has_son:
        family.append(_relative(rng, "儿媳", _common_surname(rng), CHILD_FEMALE_GIVEN))
    while len(family) < size:
        if has_son:
            boy = rng.random() < 0.5
            family.append(_relative(rng, "孙子" if boy else "孙女", children_surname,
                                    GRANDCHILD_MALE_GIVEN if boy else GRANDCHILD_FEMALE_GIVEN))
        else:
            family.append(_relative(rng, "女", children_surname, CHILD_FEMALE_GIVEN))
    return family


def _relative(rng: random.Random, relation: str, surname: str, given_names: tuple) -> MemberInfo:
    adult = relation not in ("孙子", "孙女")
    phone = _mobile(rng) if adult and rng.random() < MEMBER_PHONE_SHARE else ""
    return MemberInfo(surname + rng.choice(given_names), relation, phone)


def _mobile(rng: random.Random) -> str:
    """An 11-digit mobile number; the clerk's roster does not check they are unique."""
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"


# --- registration: dates, house numbers, cards ----------------------------------

def _plan_registration(rng: random.Random, households: list[PlannedHousehold],
                       started: date, today: date) -> list[PlannedHousehold]:
    """Date each registration and number houses and cards; returns card order."""
    late_from = started + timedelta(days=ENROLMENT_DAYS_PER_GROUP * len(GROUP_SIZES) + 14)
    late_days = (today - late_from).days  # up to yesterday
    for group in range(1, len(GROUP_SIZES) + 1):
        in_group = [h for h in households if h.group == group]
        first = [h for h in in_group if h.is_staff or rng.random() >= LATE_SHARE]
        late = [h for h in in_group if h not in first]
        week = started + timedelta(days=(group - 1) * ENROLMENT_DAYS_PER_GROUP)
        # The liaison walks the lanes in house order: earlier house, earlier card.
        moments = sorted(_office_time(rng, week + timedelta(days=rng.randrange(ENROLMENT_DAYS_PER_GROUP)))
                         for _ in first)
        for household, moment in zip(first, moments):
            household.registered = moment
        for household in late:
            household.registered = _office_time(rng, late_from + timedelta(days=rng.randrange(late_days)))
        late.sort(key=lambda h: h.registered)
        _number_houses(rng, group, first + late)
    in_card_order = sorted(households, key=lambda h: (h.registered, h.group, h.head.name))
    for number, household in enumerate(in_card_order, start=1):
        household.card_no = f"{CARD_PREFIX}{number:04d}"
        household.uuid = UUID(int=rng.getrandbits(128), version=4)
    return in_card_order


def _number_houses(rng: random.Random, group: int, households: list[PlannedHousehold]) -> None:
    # Gaps: some numbers belong to empty houses, the shop or the school.
    number = 0
    for household in households:
        number += rng.choice((1, 1, 1, 2))
        household.house_no = f"{VILLAGE_NAME}{group}组{number}号"


def _office_time(rng: random.Random, day: date) -> datetime:
    """A moment of office hours (08:30-11:30, 14:30-17:30, Beijing time) on `day`."""
    opens = time(8, 30) if rng.random() < 0.5 else time(14, 30)
    return datetime.combine(day, opens) + timedelta(minutes=rng.randrange(180),
                                                    seconds=rng.randrange(60))


# --- phones, poverty, notes -----------------------------------------------------

def _plan_contacts(rng: random.Random, households: list[PlannedHousehold]) -> None:
    for household in households:
        if rng.random() < PHONE_SHARE:
            household.phone = _mobile(rng)
    for household in _pick_poor(rng, households):
        household.poor = True
        household.notes = f"建档立卡贫困户，致贫原因：{rng.choice(POVERTY_CAUSES)}"
    for household in households:
        if not household.notes and rng.random() < NOTE_SHARE:
            household.notes = rng.choice(_notes_fitting(household))


def _pick_poor(rng: random.Random, households: list[PlannedHousehold]) -> list[PlannedHousehold]:
    """About a tenth of households; the old and the small more likely, cadres never."""
    candidates = [h for h in households if not h.is_staff]
    weights = [3 if h.member_count <= 2 else 1 for h in candidates]
    wanted = round(POOR_SHARE * len(households))
    chosen: dict[PlannedHousehold, None] = {}  # a dict keeps the order of the draws
    while len(chosen) < wanted:
        chosen[rng.choices(candidates, weights)[0]] = None
    return list(chosen)


def _notes_fitting(household: PlannedHousehold) -> tuple[str, ...]:
    if household.member_count == 1:
        return OTHER_NOTES
    return tuple(note for note in OTHER_NOTES if note not in ("五保户", "独居老人，邻居代为照看"))


# --- moved, closed, merged ------------------------------------------------------

def _plan_statuses(rng: random.Random, households: list[PlannedHousehold],
                   started: date, today: date) -> None:
    """A few households moved away, closed (head died alone) and one merged."""
    settled = [h for h in households if not h.is_staff and h.head.surname
               and (h.registered.date() - started).days < ENROLMENT_DAYS_PER_GROUP * len(GROUP_SIZES)]
    singles = [h for h in settled if h.member_count == 1]
    families = [h for h in settled if h.member_count >= 2]
    closed = rng.sample(singles, CLOSED_COUNT)
    moved = rng.sample(families, MOVED_COUNT)
    # An old woman living alone moves in with a family of her group.
    widow = rng.choice([h for h in singles if h not in closed and h.head.sex == "f"])
    host = rng.choice([h for h in families if h.group == widow.group and h not in moved])
    for household in closed:
        household.status, household.status_reason = "closed", rng.choice(CLOSED_REASONS)
    for household in moved:
        household.status = "moved"
        household.status_reason = RELOCATION_REASON if household.poor else rng.choice(MOVED_REASONS)
    widow.status, widow.status_reason, widow.merged_into = "merged", MERGED_REASON, host.card_no
    changed = closed + moved + [widow]
    first_day = started + timedelta(days=FIRST_STATUS_DAY)
    span = (today - timedelta(days=LAST_STATUS_DAYS_AGO) - first_day).days
    days = sorted(first_day + timedelta(days=rng.randrange(span)) for _ in changed)
    rng.shuffle(changed)
    for household, day in zip(changed, days):
        household.status_at = _office_time(rng, day)


def utc(beijing_time: datetime) -> datetime:
    """A planned moment (Beijing time) as the file stores it (UTC)."""
    return beijing_time - BEIJING_OFFSET


def backdated(actor: Actor, beijing_time: datetime) -> Actor:
    """The actor at a moment of the demo's made-up past."""
    moment = utc(beijing_time)
    return replace(actor, today_override=beijing_time.date(), clock=lambda: moment)
