"""The household roster: every write audited, nothing deleted, search three ways."""

import json

import pytest

from store import db, roster
from store.errors import JifenError
from store.models import Audit, Household, Member
from store.roster import HouseholdFields, MemberInfo


def _add(actor, card, head, **fields):
    return roster.add_household(actor, HouseholdFields(card_no=card, head=head, **fields))


def _audit(action):
    return [json.loads(row.summary) | {"target": row.target, "staff": row.staff_name}
            for row in Audit.select().where(Audit.action == action).order_by(Audit.id)]


def test_add_cleans_what_the_clerk_typed(actor):
    info = _add(actor, "ｃ００１", " 张 三 丰 ", group="第一组", member_count="４",
                phone="１３８００１３８０００", members=[MemberInfo("李秀英", "妻")])
    assert (info.card_no, info.head, info.group, info.member_count, info.phone) == (
        "C001", "张三丰", "1组", 4, "13800138000")
    assert info.members == (MemberInfo("李秀英", "妻", ""),)


def test_member_count_defaults_to_head_plus_members(actor):
    info = _add(actor, "1", "张三", members=[MemberInfo("李四", "妻"), MemberInfo("张小", "子")])
    assert info.member_count == 3


def test_add_is_audited_with_the_acting_staff(actor):
    _add(actor, "1", "张三", group="1")
    [row] = _audit("household.add")
    assert row["target"] == "household:1"
    assert row["staff"] == "王建国"
    assert row["after"]["head"] == "张三"


@pytest.mark.parametrize("fields, key", [
    (dict(card_no="", head="张三"), "household.card_no_missing"),
    (dict(card_no="1", head=" "), "household.head_missing"),
    (dict(card_no="1", head="张三", member_count="0"), "household.bad_member_count"),
    (dict(card_no="1", head="张三", member_count="许多"), "household.bad_member_count"),
    (dict(card_no="1", head="张三", phone="打电话"), "household.bad_phone"),
    (dict(card_no="1", head="张\u202e三"), "text.control_char"),
    (dict(card_no="1", head="张\x07三"), "text.control_char"),
])
def test_bad_input_is_refused_and_changes_nothing(actor, fields, key):
    with pytest.raises(JifenError) as caught:
        roster.add_household(actor, HouseholdFields(**fields))
    assert caught.value.key == key
    assert Household.select().count() == 0
    assert Audit.select().where(Audit.action == "household.add").count() == 0


def test_a_card_is_used_once(actor):
    _add(actor, "1", "张三")
    with pytest.raises(JifenError) as caught:
        _add(actor, "1", "李四")
    assert caught.value.key == "household.card_exists"
    assert [h.head for h in roster.find_households()] == ["张三"]


def test_markup_like_names_are_kept_literally(actor):
    info = _add(actor, "1", "[bold]王五[/bold]")
    assert roster.get_household("1").head == "[bold]王五[/bold]" == info.head


def test_edit_records_before_and_after(actor):
    _add(actor, "1", "张三", group="1")
    roster.edit_household(actor, "1", HouseholdFields(head="张三丰", group="2"))
    [row] = _audit("household.edit")
    assert row["before"] == {"head": "张三", "group": "1组"}
    assert row["after"] == {"head": "张三丰", "group": "2组"}
    assert roster.find_households("zsf")[0].card_no == "1"


def test_edit_can_renumber_a_card_but_not_onto_another(actor):
    _add(actor, "1", "张三")
    _add(actor, "2", "李四")
    with pytest.raises(JifenError) as caught:
        roster.edit_household(actor, "1", HouseholdFields(card_no="2"))
    assert caught.value.key == "household.card_exists"
    assert roster.edit_household(actor, "1", HouseholdFields(card_no="7")).card_no == "7"


def test_edit_replaces_the_member_list(actor):
    _add(actor, "1", "张三", members=[MemberInfo("李四", "妻")])
    roster.edit_household(actor, "1", HouseholdFields(members=[MemberInfo("张小", "子", "13900000000")]))
    assert roster.get_household("1").members == (MemberInfo("张小", "子", "13900000000"),)
    assert Member.select().count() == 1


def test_close_keeps_the_household_and_reopen_restores_it(actor):
    _add(actor, "1", "张三")
    closed = roster.close_household(actor, "1", "全家迁往县城", moved=True)
    assert (closed.status, closed.status_reason) == ("moved", "全家迁往县城")
    assert Household.select().count() == 1
    with pytest.raises(JifenError) as caught:
        roster.close_household(actor, "1", "再次注销")
    assert caught.value.key == "household.not_active"
    reopened = roster.reopen_household(actor, "1", "搬回村里")
    assert (reopened.status, reopened.status_reason) == ("active", "搬回村里")
    assert [row["after"]["status"] for row in _audit("household.close")] == ["moved"]
    assert len(_audit("household.reopen")) == 1


def test_close_needs_a_reason(actor):
    _add(actor, "1", "张三")
    with pytest.raises(JifenError) as caught:
        roster.close_household(actor, "1", "  ")
    assert caught.value.key == "reason.missing"
    assert roster.get_household("1").status == "active"


def test_merge_links_the_two_and_is_final(actor):
    _add(actor, "1", "张三")
    _add(actor, "2", "张四")
    merged = roster.merge_household(actor, "2", "1", "兄弟合户")
    assert (merged.status, merged.merged_into) == ("merged", "1")
    for call, key in [(lambda: roster.merge_household(actor, "1", "1", "x"), "household.merge_self"),
                      (lambda: roster.merge_household(actor, "1", "2", "x"), "household.not_active"),
                      (lambda: roster.reopen_household(actor, "2"), "household.merged_final")]:
        with pytest.raises(JifenError) as caught:
            call()
        assert caught.value.key == key


def test_unknown_card_is_named(actor):
    with pytest.raises(JifenError) as caught:
        roster.close_household(actor, "404", "x")
    assert caught.value.key == "household.not_found"
    assert caught.value.params == {"card": "404"}


def test_clean_field_cleans_one_field_as_clean_fields_does():
    assert roster.clean_field("card_no", " ｃ 001 ") == "C001"
    assert roster.clean_field("group", "第一组") == "1组"
    assert roster.clean_field("members", [MemberInfo(" 李秀英 ", "妻")]) == [MemberInfo("李秀英", "妻")]


@pytest.mark.parametrize("name", ["card_no", "head"])
def test_clean_field_refuses_a_required_field_that_cleans_to_nothing(name):
    with pytest.raises(JifenError) as caught:
        roster.clean_field(name, " \u200b ")
    assert caught.value.key == f"household.{name}_missing"


def _insert_many(actor, households):
    with db.write():
        roster.insert_households(actor, households)


def test_insert_households_writes_what_insert_household_writes(actor):
    values = {"card_no": "7", "head": "单雪梅", "house_no": "3号", "group": "2组", "member_count": 4,
              "phone": "13800138000", "poor": True, "notes": "低保"}
    with db.write():
        roster.insert_household(actor, values)
    _insert_many(actor, [values | {"card_no": "8"}, {"card_no": "9", "head": "张三"}])
    one, many, bare = (Household.get(Household.card_no == card) for card in ("7", "8", "9"))
    columns = ("head", "head_initials", "house_no", "group", "member_count", "phone", "poor",
               "notes", "status", "status_reason", "merged_into")
    assert [getattr(many, name) for name in columns] == [getattr(one, name) for name in columns]
    assert (bare.group, bare.member_count, bare.poor, bare.phone) == (None, 1, False, "")
    assert many.uuid != one.uuid


def test_insert_households_reuses_groups_and_adds_new_ones_in_their_place(actor):
    _add(actor, "1", "张三", group="2")
    _insert_many(actor, [{"card_no": "2", "head": "李四", "group": "东组"},
                         {"card_no": "3", "head": "王五", "group": "2组"},
                         {"card_no": "4", "head": "赵六", "group": "1组"},
                         {"card_no": "5", "head": "钱七", "group": "东组"}])
    assert roster.group_names() == ["1组", "2组", "东组"]
    assert {h.card_no: h.group for h in roster.find_households()} == {
        "1": "2组", "2": "东组", "3": "2组", "4": "1组", "5": "东组"}


@pytest.mark.parametrize("cards", [["2", "1"], ["2", "3", "2"]], ids=["in the village", "given twice"])
def test_insert_households_refuses_a_taken_card_and_writes_nothing(actor, cards):
    _add(actor, "1", "张三")
    with pytest.raises(JifenError) as caught:
        _insert_many(actor, [{"card_no": card, "head": "李四", "group": "9组"} for card in cards])
    assert (caught.value.key, caught.value.params) == ("household.card_exists", {"card": cards[-1]})
    assert [h.card_no for h in roster.find_households()] == ["1"]
    assert roster.group_names() == []


def test_insert_households_takes_no_members(actor):
    with pytest.raises(ValueError):
        _insert_many(actor, [{"card_no": "1", "head": "张三", "members": [MemberInfo("李四")]}])


@pytest.fixture
def three(actor):
    _add(actor, "0101", "张三丰", group="1")
    _add(actor, "0102", "单雪梅", group="1")
    _add(actor, "0201", "阿不都·热合曼", group="2")
    return actor


@pytest.mark.parametrize("query, cards", [
    ("三丰", ["0101"]),          # Chinese substring
    ("雪", ["0102"]),
    ("0201", ["0201"]),           # card number
    ("０２０１", ["0201"]),       # typed full-width
    ("02", ["0102", "0201"]),     # part of a card
    ("zsf", ["0101"]),            # pinyin initials
    ("ZSF", ["0101"]),
    ("sxm", ["0102"]),            # 单 as a surname reads shan
    ("dxm", ["0102"]),            # ...and as dan
    ("abd", ["0201"]),
    ("%", []),                    # wildcards are plain text
    ("_", []),
])
def test_search(three, query, cards):
    assert [h.card_no for h in roster.find_households(query)] == cards


def test_letters_are_initials_not_the_letters_every_card_shares(actor):
    _add(actor, "LSW-0001", "丁永福", group="1")
    _add(actor, "LSW-0002", "王巧玲", group="1")
    _add(actor, "LSW-0003", "吴建国", group="1")
    assert [h.card_no for h in roster.find_households("w")] == ["LSW-0002", "LSW-0003"]
    assert [h.card_no for h in roster.find_households("l")] == ["LSW-0002"]   # 玲
    assert [h.card_no for h in roster.find_households("lsw-0003")] == ["LSW-0003"]
    assert [h.card_no for h in roster.find_households("0001")] == ["LSW-0001"]
    _add(actor, "ABC", "李四", group="1")
    assert [h.card_no for h in roster.find_households("abc")] == ["ABC"]    # typed whole
    assert roster.find_households("ab") == []


def test_a_query_pasted_with_kangxi_radicals_finds_the_name(three):
    # ⼤⼭ (U+2F24 U+2F2D, as copied from a PDF) look like 大山: folded as names are (NFKC).
    _add(three, "0301", "王大山", group="3")
    assert [h.card_no for h in roster.find_households("⼤⼭")] == ["0301"]


def test_list_by_group_in_roster_order(three):
    assert [h.card_no for h in roster.find_households(group="1")] == ["0101", "0102"]
    assert [h.card_no for h in roster.find_households(group="第二组")] == ["0201"]
    assert roster.group_names() == ["1组", "2组"]


def test_paging_happens_in_the_query(three):
    assert [h.card_no for h in roster.find_households(limit=2, offset=1)] == ["0102", "0201"]


def test_groups_are_listed_in_number_order_whatever_order_they_came_in(actor):
    for card, group in [("1", "10"), ("2", "东坡"), ("3", "2"), ("4", "第一组")]:
        roster.add_household(actor, HouseholdFields(card_no=card, head="张三", group=group))
    assert roster.group_names() == ["1组", "2组", "10组", "东坡"]
    assert [h.card_no for h in roster.find_households()] == ["4", "3", "1", "2"]


def test_the_member_count_covers_the_head_and_the_listed_members(actor):
    two = [MemberInfo("李四", "妻"), MemberInfo("张小", "子")]
    with pytest.raises(JifenError) as caught:
        roster.add_household(actor, HouseholdFields(card_no="1", head="张三", member_count=2,
                                                    members=two))
    assert caught.value.key == "household.count_below_members"
    _add(actor, "1", "张三", member_count=3, members=two)
    for change in (HouseholdFields(member_count=2),
                   HouseholdFields(members=[*two, MemberInfo("张二", "女")])):
        with pytest.raises(JifenError) as caught:
            roster.edit_household(actor, "1", change)
        assert caught.value.key == "household.count_below_members"
    assert roster.get_household("1").member_count == 3
