"""The big village's people: 20 villager groups of households, and the staff among them.

Names are drawn as the demo draws them (store/demo_names.py): each group has a
clan surname that heads a share of its households, common surnames by their
real frequency, given names of the heads' generation, and now and then a name
that repeats, as in real villages. Households go in through the roster's own
bulk insert (store.roster.insert_households), which stores the pinyin initials
the search reads; the members a clerk wrote down go in with the bulk rows.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID

from bench.bulk import Bulk
from store.actor import Actor, current_account
from store.demo_names import (
    CHILD_FEMALE_GIVEN,
    CHILD_MALE_GIVEN,
    CLOSED_REASONS,
    ELDER_FEMALE_GIVEN,
    ELDER_MALE_GIVEN,
    MERGED_REASON,
    MOBILE_PREFIXES,
    MOVED_REASONS,
    OTHER_NOTES,
    POVERTY_CAUSES,
    SINGLE_FEMALE_GIVEN,
    SINGLE_MALE_GIVEN,
    SURNAMES,
)
from store.demo_plan import MEMBER_COUNT_WEIGHTS, backdated
from store.models import Household, Staff
from store.roster import HouseholdFields, clean_fields, insert_households
from store.staff import add_staff

VILLAGE_NAME = "柳树湾村"
CARD_PREFIX = "LSW-"
GROUP_COUNT = 20
FEMALE_HEAD_SHARE = 0.2
CLAN_SHARE = 0.3
SINGLE_GIVEN_SHARE = 0.11
POOR_SHARE = 0.10
PHONE_SHARE = 0.65
MEMBER_LIST_SHARE = 0.45
NOTE_SHARE = 0.04
# Over the years: households that moved away or closed (their history stays), and
# old people's households merged into a family this morning.
MOVED_SHARE, CLOSED_SHARE, MERGED_SHARE = 0.005, 0.003, 0.001
FIRST_SECRETARY = "陈宇"     # sent in by the county: no household in the village


@dataclass(eq=False)
class Home:
    """One household of the big village, before it is written."""

    group: int
    head: str
    card_no: str = ""
    house_no: str = ""
    member_count: int = 1
    members: list[tuple[str, str]] = field(default_factory=list)   # (name, relation)
    phone: str = ""
    poor: bool = False
    notes: str = ""
    uuid: UUID | None = None
    status: str = "active"
    status_reason: str = ""
    status_day: date | None = None      # moved or closed from this day on
    merged_into: "Home | None" = None
    id: int = 0                         # once written

    def active_on(self, day: date) -> bool:
        return self.status_day is None or day < self.status_day


@dataclass(frozen=True)
class StaffPlan:
    name: str
    role: str
    title: str
    group: int | None


def plan_homes(rng: random.Random, count: int, first_day: date, today: date) -> list[Home]:
    """`count` households over the groups, in card order (group by group, house by house)."""
    clans = [surname for surname, _ in SURNAMES[:GROUP_COUNT]]
    sizes = _group_sizes(rng, count)
    homes = []
    for group, size in enumerate(sizes, start=1):
        house = 0
        for _ in range(size):
            house += rng.choice((1, 1, 1, 2))
            home = Home(group, _head(rng, clans[group - 1]),
                        house_no=f"{VILLAGE_NAME}{group}组{house}号")
            _family(rng, home)
            homes.append(home)
    width = max(4, len(str(count)))
    for number, home in enumerate(homes, start=1):
        home.card_no = f"{CARD_PREFIX}{number:0{width}d}"
        home.uuid = UUID(int=rng.getrandbits(128), version=4)
    _statuses(rng, homes, first_day, today)
    return homes


def _group_sizes(rng: random.Random, count: int) -> list[int]:
    weights = [rng.uniform(0.8, 1.2) for _ in range(GROUP_COUNT)]
    sizes = [int(count * weight / sum(weights)) for weight in weights]
    for extra in range(count - sum(sizes)):
        sizes[extra % GROUP_COUNT] += 1
    return sizes


def _head(rng: random.Random, clan: str) -> str:
    female = rng.random() < FEMALE_HEAD_SHARE
    surname = clan if rng.random() < CLAN_SHARE else _surname(rng)
    if rng.random() < SINGLE_GIVEN_SHARE:
        return surname + rng.choice(SINGLE_FEMALE_GIVEN if female else SINGLE_MALE_GIVEN)
    return surname + rng.choice(ELDER_FEMALE_GIVEN if female else ELDER_MALE_GIVEN)


def _surname(rng: random.Random) -> str:
    surnames, weights = zip(*SURNAMES)
    return rng.choices(surnames, weights)[0]


def _family(rng: random.Random, home: Home) -> None:
    counts, weights = zip(*MEMBER_COUNT_WEIGHTS.items())
    home.member_count = rng.choices(counts, weights)[0]
    if home.member_count > 1 and rng.random() < MEMBER_LIST_SHARE:
        home.members.append((_surname(rng) + rng.choice(ELDER_FEMALE_GIVEN), "妻"))
        for _ in range(home.member_count - 2):
            son = rng.random() < 0.5
            home.members.append((home.head[0] + rng.choice(
                CHILD_MALE_GIVEN if son else CHILD_FEMALE_GIVEN), "子" if son else "女"))
    if rng.random() < PHONE_SHARE:
        home.phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"
    if rng.random() < POOR_SHARE:
        home.poor = True
        home.notes = f"建档立卡贫困户，致贫原因：{rng.choice(POVERTY_CAUSES)}"
    elif rng.random() < NOTE_SHARE:
        home.notes = rng.choice(OTHER_NOTES)


def _statuses(rng: random.Random, homes: list[Home], first_day: date, today: date) -> None:
    """Moves and closings spread over the years after the first; merges this morning."""
    span = (today - first_day).days
    shuffled = rng.sample(homes, len(homes))
    moved = round(MOVED_SHARE * len(homes))
    closed = round(CLOSED_SHARE * len(homes))
    merged = round(MERGED_SHARE * len(homes))
    for index, home in enumerate(shuffled[:moved + closed]):
        home.status = "moved" if index < moved else "closed"
        home.status_reason = rng.choice(MOVED_REASONS if index < moved else CLOSED_REASONS)
        home.status_day = first_day + timedelta(days=rng.randrange(span // 10, span - 30))
    staying = shuffled[moved + closed:]
    for home in staying[:merged]:
        home.status, home.status_reason = "merged", MERGED_REASON
        home.merged_into = rng.choice([other for other in staying[merged:]
                                       if other.group == home.group] or staying[merged:])


def plan_staff(homes: list[Home]) -> list[StaffPlan]:
    """Villagers with a household among the ones who stay: the clerk, the supervisor,
    a liaison for each group, the secretary and the committee head; and the first
    secretary the county sent. The clerk comes first (the village file makes that row)."""
    chosen: dict[str, StaffPlan] = {}

    def pick(group: int, role: str, title: str) -> None:
        # A small village may have no one left in the group: then anyone who stays.
        free = [home for home in homes if home.status == "active" and home.head not in chosen]
        home = next((home for home in free if home.group == group), free[0])
        chosen[home.head] = StaffPlan(home.head, role, title, group)

    pick(1, "clerk", "管理员")
    pick(2, "supervisor", "监督员")
    for group in range(1, GROUP_COUNT + 1):
        pick(group, "liaison", f"{group}组村组信息联络员")
    pick(3, "leader", "村党支部书记")
    pick(4, "leader", "村委会主任")
    chosen[FIRST_SECRETARY] = StaffPlan(FIRST_SECRETARY, "leader", "驻村第一书记", None)
    return list(chosen.values())


def add_homes(clerk: Actor, homes: list[Home], bulk: Bulk, moment: datetime) -> None:
    """The households through the roster's bulk insert, on the day of the first
    enrolment; their members with the bulk rows. Sets each home's id."""
    actor = backdated(clerk, moment)
    values = []
    for home in homes:
        cleaned = clean_fields(HouseholdFields(
            card_no=home.card_no, head=home.head, house_no=home.house_no,
            group=f"{home.group}组", member_count=home.member_count, phone=home.phone,
            poor=home.poor, notes=home.notes))
        cleaned["uuid"] = home.uuid
        values.append(cleaned)
    insert_households(actor, values)
    ids = dict(Household.select(Household.card_no, Household.id).tuples())
    for home in homes:
        home.id = ids[home.card_no]
        for position, (name, relation) in enumerate(home.members):
            bulk.member.add(home.id, name, relation, "", position)


def add_people(founder: Actor, staff: list[StaffPlan]) -> dict[str, int]:
    """Everyone but the clerk through the store, on this OS account (so `--as NAME`
    tries each role); their staff ids by role and group."""
    uid = str(current_account().uid)
    for person in staff[1:]:
        add_staff(founder, person.name, person.role, uid, title=person.title,
                  group=f"{person.group}组" if person.role == "liaison" else None)
    rows = {row.name: row.id for row in Staff.select()}
    ids = {"clerk": rows[staff[0].name]}
    for person in staff[1:]:
        key = f"liaison:{person.group}" if person.role == "liaison" else person.role
        ids.setdefault(key, rows[person.name])
    return ids
