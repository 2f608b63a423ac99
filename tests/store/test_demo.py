"""The demo village: realistic, reproducible, dated back from today."""

import os
import re
from datetime import date, datetime, timedelta

import pytest
from pypinyin import Style, lazy_pinyin

from store import db, demo
from store.actor import resolve_actor
from store.errors import JifenError
from store.models import Audit, Household, Member, Staff, Village
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
