"""The demo village 麻子沟村: a realistic, reproducible village file to try jifen on.

`create_demo` takes the plan of `store.demo_plan` and writes it in one
transaction through the same store functions a clerk's actions use, each
dated at its planned moment.
"""

from datetime import date, datetime
from pathlib import Path

from store import audit, db, village
from store.actor import Actor, current_account, resolve_actor
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.demo_plan import (CLERK_NAME, CLERK_TITLE, COUNTY, DEMO_SEED, STAFF, TOWNSHIP,
                             VILLAGE_NAME, DemoPlan, PlannedHousehold, backdated, plan_demo,
                             stream, utc)
from store.demo_reviews import hold_months, plan_months
from store.demo_shop import DemoShop
from store.models import Audit, Staff, Village
from store.roster import (HouseholdFields, clean_fields, close_household, insert_household,
                          merge_household)
from store.shipped import DEMO_POLICY, DEMO_RUBRIC, shipped_text
from store.staff import add_staff


def create_demo(path, *, today: date, seed: int = DEMO_SEED) -> Path:
    """Make the demo village in a new file at `path`; an existing file is refused."""
    plan = plan_demo(seed, today)
    path = village.create_village(path, name=VILLAGE_NAME, population=plan.population,
                                  township=TOWNSHIP, county=COUNTY, clerk=CLERK_NAME,
                                  today=today)
    try:
        clerk = resolve_actor(today=today)
        with db.write():
            _date_founding(plan.started)
            _add_staff(backdated(clerk, plan.started))
            _add_households(clerk, plan.households)
            _set_statuses(clerk, plan.households)
            _adopt_rules(backdated(clerk, plan.started))
            _hold_reviews_and_keep_shop(clerk, plan, seed, today)
            _record_demo(clerk, seed, plan)
    except BaseException:
        # The file is ours (create_village refuses an existing one): a
        # half-made demo is worse than none.
        db.discard(path)
        raise
    return path


def _date_founding(started: datetime) -> None:
    """The village and its clerk date from the start of the scheme, not from today."""
    Village.update(created_at=utc(started)).execute()
    Staff.update(created_at=utc(started), title=CLERK_TITLE).execute()


def _add_staff(founder: Actor) -> None:
    """Everyone but the clerk (create_village made that row), on this OS account.

    One shared office account, so a demo user can try `--as NAME` for each role.
    """
    uid = str(current_account().uid)
    for name, role, title, group, _sex in STAFF:
        if role != "clerk":
            add_staff(founder, name, role, uid, title=title,
                      group=f"{group}组" if role == "liaison" else None)


def _add_households(clerk: Actor, households: list[PlannedHousehold]) -> None:
    for household in households:
        values = clean_fields(HouseholdFields(
            card_no=household.card_no, head=household.head.name, house_no=household.house_no,
            group=f"{household.group}组", member_count=household.member_count,
            phone=household.phone, poor=household.poor, notes=household.notes,
            members=household.members))
        values["uuid"] = household.uuid  # reproducible, unlike a fresh uuid4
        insert_household(backdated(clerk, household.registered), values)


def _set_statuses(clerk: Actor, households: list[PlannedHousehold]) -> None:
    """Through the roster's own functions, in date order, each with its audit row."""
    changed = sorted((h for h in households if h.status != "active"), key=lambda h: h.status_at)
    for household in changed:
        actor = backdated(clerk, household.status_at)
        if household.status == "merged":
            merge_household(actor, household.card_no, household.merged_into, household.status_reason)
        else:
            close_household(actor, household.card_no, household.status_reason,
                            moved=household.status == "moved")


def _adopt_rules(clerk: Actor) -> None:
    """篇五's rubric with the Mazigou policy: the one complete pair in the seed."""
    adopt_rubric_text(clerk, shipped_text(DEMO_RUBRIC), DEMO_RUBRIC)
    adopt_policy_text(clerk, shipped_text(DEMO_POLICY), DEMO_POLICY)


def _hold_reviews_and_keep_shop(clerk: Actor, plan: DemoPlan, seed: int, today: date) -> None:
    """The last months of deeds, meetings, notices and objections, each group's liaison
    registering its deeds; after each month's review, the next month at the supermarket,
    so baskets spend only the points already on the cards."""
    active = [(h.card_no, h.group) for h in plan.households if h.status == "active"]
    months = plan_months(stream(seed, "reviews"), today, active)
    liaisons = {group: name for name, role, _title, group, _sex in STAFF if role == "liaison"}
    shop = DemoShop(stream(seed, "shop"), clerk, liaisons, today)
    shop.open(months[0].period)
    for month in months:
        hold_months(clerk, [month], liaisons, today)
        shop.trade(month.period.next())
    shop.close_today()


def _record_demo(clerk: Actor, seed: int, plan: DemoPlan) -> None:
    statuses = {}
    for household in plan.households:
        statuses[household.status] = statuses.get(household.status, 0) + 1
    audit.record(clerk, "demo.create", VILLAGE_NAME, seed=seed, households=len(plan.households),
                 poor=sum(h.poor for h in plan.households), statuses=statuses,
                 staff=[name for name, *_ in STAFF], population=plan.population)


def is_demo() -> bool:
    """Whether the open village is a demo (so `jifen demo` may open it)."""
    return Audit.select().where(Audit.action == "demo.create").exists()

