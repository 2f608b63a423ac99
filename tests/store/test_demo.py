"""The demo village: realistic, reproducible, dated back from today."""

import os
import re
import shutil
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from pypinyin import Style, lazy_pinyin

from store import db, demo, redemption, settlement
from store.actor import resolve_actor
from store.check import check_village
from store.errors import JifenError
from store.goods import list_goods
from store.ledger import entries
from store.models import Audit, Household, Member, Staff, Village
from store.stock import movements
from store.roster import find_households, get_household, group_names
from store.village import village_info

TODAY = date(2026, 11, 26)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "司徒", "皇甫")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """One demo for the read-only tests: making it is the slow part."""
    path = demo.create_demo(tmp_path_factory.mktemp("demo") / "demo.jifen", today=TODAY)
    db.close_village()
    return path


@pytest.fixture
def demo_village(demo_file):
    db.open_village(demo_file)
    yield demo_file
    db.close_village()


@pytest.fixture
def households(demo_village):
    return find_households()


def file_contents() -> dict:
    """Everything the demo writes that must not depend on the run (not the audit trail)."""
    return {
        "village": list(Village.select().tuples()),
        "households": list(Household.select().order_by(Household.id).tuples()),
        "members": list(Member.select().order_by(Member.id).tuples()),
        "staff": list(Staff.select().order_by(Staff.id).tuples()),
        "goods": list_goods(include_retired=True),
        "stock": movements(),
        # A redemption's uuid is drawn fresh, like every ledger entry's.
        "redemptions": [{**info.as_dict(), "uuid": None}
                        for info in redemption.list_redemptions()],
    }


def test_about_300_households_in_six_groups_and_a_consistent_population(households):
    assert 280 <= len(households) <= 320
    assert group_names() == ["1组", "2组", "3组", "4组", "5组", "6组"]
    for group in group_names():
        assert 35 <= sum(h.group == group for h in households) <= 65
    active_people = sum(h.member_count for h in households if h.status == "active")
    info = village_info()
    assert (info.name, info.township, info.county) == ("麻子沟村", "城关镇", "潼关县")
    assert info.population == active_people
    assert 900 <= info.population <= 1100


def test_same_seed_and_today_give_the_same_file(demo_village, tmp_path):
    first = file_contents()
    demo.create_demo(tmp_path / "again.jifen", today=TODAY)
    try:
        assert file_contents() == first
    finally:
        db.close_village()


def test_another_seed_gives_another_village():
    usual = demo.plan_demo(demo.DEMO_SEED, TODAY)
    other = demo.plan_demo(demo.DEMO_SEED + 1, TODAY)
    assert [h.head.name for h in usual.households] != [h.head.name for h in other.households]
    assert {h.uuid for h in usual.households}.isdisjoint(h.uuid for h in other.households)


def test_dates_count_back_from_today(demo_village):
    midnight = datetime.combine(TODAY, datetime.min.time())
    rows = list(Household.select())
    assert all(midnight - timedelta(days=2 * 366) < row.created_at < midnight for row in rows)
    assert all(row.created_at <= row.changed_at < midnight for row in rows)
    # Spread over the two years, not all on one day.
    assert len({row.created_at.date() for row in rows}) > 40
    assert Village.get().created_at <= min(row.created_at for row in rows)


def test_a_later_today_moves_every_date_and_nothing_else(demo_village, tmp_path):
    before = file_contents()
    later = 100
    demo.create_demo(tmp_path / "later.jifen", today=TODAY + timedelta(days=later))
    try:
        after = file_contents()
    finally:
        db.close_village()
    assert after["members"] == before["members"]

    def shifted(rows):
        return [tuple(value + timedelta(days=later) if isinstance(value, datetime) else value
                      for value in row) for row in rows]

    for table in ("village", "households", "staff"):
        assert after[table] == shifted(before[table]), table


def test_cards_and_house_numbers_follow_one_format(households):
    cards = [h.card_no for h in households]
    assert len(set(cards)) == len(cards)
    assert all(re.fullmatch(r"MZG-\d{4}", card) for card in cards)
    for household in households:
        number = household.group.removesuffix("组")
        assert re.fullmatch(rf"麻子沟村{number}组\d+号", household.house_no)
    house_numbers = [h.house_no for h in households]
    assert len(set(house_numbers)) == len(house_numbers)


def test_heads_have_names_of_every_shape(households):
    heads = [h.head for h in households]
    lengths = {len(head) for head in heads if "·" not in head}
    assert {2, 3, 4} <= lengths
    assert sum(len(head) == 3 for head in heads) > 0.7 * len(heads)
    assert any(len(head) == 4 and head[:2] in COMPOUND_SURNAMES for head in heads)
    assert any("·" in head for head in heads)
    assert any(len(head) == 4 and head[:2] not in COMPOUND_SURNAMES and "·" not in head
               for head in heads)  # Tibetan or Yi, written without a dot
    # Common surnames lead, as in real life.
    assert sum(head[0] in "王李张刘陈" for head in heads) > 0.3 * len(heads)
    # A name may repeat, but rarely: search by name stays useful.
    assert len(set(heads)) >= 0.97 * len(heads)


def test_members_fit_the_member_count(demo_village, households):
    counts = [h.member_count for h in households]
    assert min(counts) == 1 and max(counts) <= 7
    assert 3.0 <= sum(counts) / len(counts) <= 3.6
    with_members = 0
    relations = set()
    for household in households:
        members = get_household(household.card_no).members
        assert household.member_count >= 1 + len(members)
        with_members += bool(members)
        relations |= {member.relation for member in members}
    assert 0.2 * len(households) <= with_members <= 0.6 * len(households)
    assert {"妻", "夫", "子", "女"} <= relations


def test_phones_are_mobile_numbers_for_some_households(households):
    phones = [h.phone for h in households if h.phone]
    assert 0.4 * len(households) <= len(phones) <= 0.9 * len(households)
    assert all(re.fullmatch(r"1[358]\d{9}", phone) for phone in phones)


def test_about_a_tenth_are_registered_poor(households):
    poor = [h for h in households if h.poor]
    assert 0.08 * len(households) <= len(poor) <= 0.12 * len(households)
    assert all("致贫原因" in h.notes for h in poor)


def test_some_moved_some_closed_and_one_merged(demo_village, households):
    by_status = {status: [h for h in households if h.status == status]
                 for status in ("moved", "closed", "merged")}
    assert len(by_status["moved"]) >= 2
    assert len(by_status["closed"]) >= 2
    assert len(by_status["merged"]) == 1
    assert all(h.status_reason for status in by_status.values() for h in status)
    merged = by_status["merged"][0]
    host = get_household(merged.merged_into)
    assert host.status == "active" and host.group == merged.group
    # Set through the roster's own functions: each left its audit row.
    actions = [row.action for row in Audit.select()]
    assert actions.count("household.close") == len(by_status["moved"]) + len(by_status["closed"])
    assert actions.count("household.merge") == 1
    assert actions.count("demo.create") == 1


def test_staff_roles_all_on_this_os_account(demo_village):
    staff = list(Staff.select())
    roles = [row.role for row in staff]
    assert roles.count("clerk") == 1
    assert roles.count("supervisor") == 1
    assert roles.count("liaison") == 6
    assert roles.count("leader") >= 3
    assert {row.os_uid for row in staff} == {os.geteuid()}
    assert resolve_actor(today=TODAY).role == "clerk"
    for row in staff:
        assert resolve_actor(row.name, today=TODAY).role == row.role


def test_every_demo_write_was_made_by_a_role_that_may_and_leaders_resolved_objections(
        demo_village):
    from store.roles import allowed

    roles = {row.id: row.role for row in Staff.select()}
    made = [(row.action, roles.get(row.staff_id, "clerk"))   # no staff row: the founder
            for row in Audit.select()]
    assert [(action, role) for action, role in made if role not in allowed(action)] == []
    assert {role for action, role in made if action.startswith("objection.")
            and action != "objection.add"} == {"leader"}


def test_village_staff_have_households_in_their_group(households):
    heads = {h.head: h.group for h in households}
    for name, _role, _title, group, _sex in demo.STAFF:
        if group is not None:
            assert heads[name] == f"{group}组"


@pytest.mark.parametrize("pick", [
    lambda head: len(head) == 3,
    lambda head: "·" in head,
])
def test_pinyin_initials_find_a_demo_head(households, pick):
    head = next(h.head for h in households if pick(h.head))
    initials = "".join(lazy_pinyin(head, style=Style.FIRST_LETTER, errors="ignore"))
    found = find_households(initials)
    assert head in [h.head for h in found]
    assert len(found) < 0.05 * len(households)


def test_an_existing_file_is_refused_and_left_as_it_was(demo_file, tmp_path):
    for path in (demo_file, tmp_path / "notes.txt"):
        if not path.exists():
            path.write_bytes(b"not a village")
        original = path.read_bytes()
        with pytest.raises(JifenError) as refused:
            demo.create_demo(path, today=TODAY)
        assert refused.value.key == "village.exists"
        assert path.read_bytes() == original


def test_a_demo_that_fails_halfway_leaves_no_file(tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(demo, "_add_households", broken)
    path = tmp_path / "broken.jifen"
    with pytest.raises(RuntimeError):
        demo.create_demo(path, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_the_demo_shows_every_part_of_the_cycle(tmp_path):
    """Finished months with an upheld and a dismissed objection, effective points, this
    month's review on notice with an open objection, and deeds waiting for the next one."""
    from datetime import date

    from store import db
    from store.demo import create_demo
    from store.models import Award, Deed, LedgerEntry, Objection, Review

    create_demo(tmp_path / "demo.jifen", today=date(2026, 11, 26))
    try:
        assert [(r.period, r.status) for r in Review.select().order_by(Review.id)] == [
            ("2026-08", "finalized"), ("2026-09", "finalized"), ("2026-10", "finalized"),
            ("2026-11", "closed")]
        assert sorted(o.status for o in Objection.select()) == ["dismissed", "open", "upheld"]
        assert Award.select().where(Award.status == "effective").count() > 20
        assert LedgerEntry.select().where(LedgerEntry.kind == "award").count() > 40
        assert Deed.select().where(Deed.status == "pending").count() == 3
        assert Deed.select().where(Deed.status == "rejected").count() >= 3
        from store.check import check_village

        assert check_village() == []
    finally:
        db.close_village()


# --- the supermarket ----------------------------------------------------------------------

SUPERVISOR = next(name for name, role, *_ in demo.STAFF if role == "supervisor")


@pytest.fixture
def demo_copy(demo_file, tmp_path):
    """A demo of one's own, for a test that tries to change it."""
    path = tmp_path / "copy.jifen"
    shutil.copy(demo_file, path)
    db.open_village(path)
    yield path
    db.close_village()


def test_the_shop_stocks_daily_goods_and_donated_ones(demo_village):
    stocked = [item for item in list_goods() if item.on_hand > 0]
    assert sum(item.area == "goods" for item in stocked) >= 20
    assert sum(item.area == "donation" for item in stocked) >= 6
    names = {item.name for item in stocked}
    assert {"大米10斤装", "食用油5升", "酱油", "食盐", "肥皂", "牙膏"} <= names
    assert {"旧衣物", "棉被"} <= names
    assert all(item.unit for item in stocked)


def test_goods_are_bought_from_suppliers_a_little_under_their_points_worth(demo_village):
    prices = {item.id: item.price for item in list_goods()}
    bought = [m for m in movements() if m.kind == "purchase"]
    assert len({m.supplier for m in bought}) >= 2
    for purchase in bought:
        unit_cost = Decimal(purchase.cost) / purchase.quantity
        # 2 yuan a point under the Mazigou policy
        assert prices[purchase.goods] * 2 * Decimal("0.75") < unit_cost < prices[purchase.goods] * 2


def test_donations_written_off_and_counted_goods_leave_their_trace(demo_village):
    moved = movements()
    donations = [m for m in moved if m.kind == "donation"]
    assert len({m.donor for m in donations}) >= 3 and all(m.via for m in donations)
    write_off = next(m for m in moved if m.kind == "writeoff")
    assert write_off.reason and write_off.witness == SUPERVISOR
    counted = [m for m in moved if m.kind == "stocktake"]
    assert [m.quantity for m in counted if m.quantity] == [-1]  # one bar of soap missing


def test_households_spent_only_points_they_had_on_the_day(demo_village):
    handed = redemption.list_redemptions(status="collected")
    assert len(handed) >= 20
    assert any(r.proxy for r in handed)  # 代领
    assert any(line.area == "donation" for r in handed for line in r.lines)
    spenders = {r.card for r in redemption.list_redemptions()}
    for card in spenders:
        running = 0
        for entry in sorted((e for e in entries(card) if e.account == "spendable"),
                            key=lambda e: (e.day, e.id)):
            running += entry.points
            assert running >= 0, (card, entry)
    assert check_village() == []


def test_a_cadre_collects_for_a_household_of_one(demo_village):
    liaisons = {f"{group}组": name for name, role, _title, group, _sex in demo.STAFF
                if role == "liaison"}
    by_proxy = [r for r in redemption.list_redemptions() if r.proxy]
    assert by_proxy
    for basket in by_proxy:
        assert basket.proxy == liaisons[basket.group]
        assert get_household(basket.card).member_count == 1


def test_orders_wait_one_overdue_and_one_called_off(demo_village):
    waiting = redemption.list_redemptions(status="ordered")
    assert 2 <= len(waiting) <= 3
    assert redemption.orders_to_expire(TODAY) == 1
    assert sum(order.made_on == TODAY for order in waiting) == len(waiting) - 1
    cancelled = redemption.list_redemptions(status="cancelled")
    assert len(cancelled) == 1 and cancelled[0].status_reason
    collected_order = [r for r in redemption.list_redemptions(status="collected")
                       if r.collect_by is not None]
    assert collected_order and collected_order[0].collected_on > collected_order[0].made_on


def test_one_basket_was_undone_with_its_reason(demo_village):
    undone = redemption.list_redemptions(status="undone")
    assert len(undone) == 1 and undone[0].status_reason
    returned = movements()
    assert any(m.kind == "return" and m.redemption == undone[0].id for m in returned)


def test_the_supervisor_signed_the_day_sheets_but_the_last_few(demo_village):
    days = sorted({r.collected_on for r in redemption.list_redemptions(status="collected")})
    sheets = [redemption.day_sheet(day) for day in days]
    assert sheets[0].signed_off_by == SUPERVISOR
    assert sheets[0].signed_points == sheets[0].points > 0
    assert sheets[-1].signed_off_by == ""   # waiting for her


def test_the_third_quarter_is_settled_so_its_baskets_stay(demo_copy):
    sheet = settlement.settlement_sheet("2026Q3")
    assert sheet.final_by and sheet.points > 0 and sheet.yuan == sheet.points * 2
    assert settlement.settlement_sheet("2026Q4").final_by == ""
    in_q3 = next(r for r in redemption.list_redemptions(status="collected")
                 if r.collected_on < date(2026, 10, 1))
    clerk = resolve_actor(today=TODAY)
    with pytest.raises(JifenError) as refused:
        redemption.undo(clerk, in_q3.id, "试一下")
    assert refused.value.key == "shop.settled"


def test_some_goods_run_low_for_the_fund_picture(demo_village):
    fund = settlement.fund()
    low = {item.name for item in fund.running_low}
    goods_area = {item.name for item in list_goods() if item.area == "goods"}
    assert 1 <= len(low & goods_area) <= 3
    assert fund.outstanding_points > 0 and fund.covered
