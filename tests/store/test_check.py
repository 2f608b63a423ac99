"""`check` finds each kind of damage that integrity_check alone would miss."""

import sqlite3

from store import check, db, roster
from store.roster import HouseholdFields, MemberInfo


def _keys():
    return [problem.key for problem in check.check_village()]


def _raw(path, sql):
    """Change the file behind jifen's back, as a tamperer or a bad tool would."""
    db.close_village()
    connection = sqlite3.connect(path)
    connection.execute(sql)
    connection.commit()
    connection.close()
    db.open_village(path)


def _two(actor):
    roster.add_household(actor, HouseholdFields(card_no="1", head="张三", group="1",
                                                members=[MemberInfo("李四", "妻")]))
    roster.add_household(actor, HouseholdFields(card_no="2", head="王五"))


def test_a_sound_village_passes(actor):
    _two(actor)
    roster.merge_household(actor, "2", "1", "合户")
    assert _keys() == []


def test_a_name_edited_outside_jifen_shows(actor, village_path):
    _two(actor)
    _raw(village_path, "UPDATE household SET head = '李四' WHERE card_no = '1'")
    assert _keys() == ["check.initials"]


def test_a_broken_merge_link_shows(actor, village_path):
    _two(actor)
    _raw(village_path, "UPDATE household SET status = 'merged' WHERE card_no = '2'")
    assert _keys() == ["check.merge_link"]


def test_a_member_count_below_the_list_shows(actor, village_path):
    _two(actor)
    _raw(village_path, "UPDATE household SET member_count = 1 WHERE card_no = '1'")
    assert _keys() == ["check.member_count"]


def test_a_broken_foreign_key_shows(actor, village_path):
    _two(actor)
    _raw(village_path, "UPDATE household SET group_id = 99 WHERE card_no = '1'")
    problems = check.check_village()
    assert [p.key for p in problems] == ["check.foreign_key"]
    assert problems[0].params["table"] == "household"


def test_a_second_village_row_shows(actor, village_path):
    _raw(village_path, "INSERT INTO village (name, population, township, county, created_at)"
                       " VALUES ('x', 1, '', '', '2026-01-01')")
    assert _keys() == ["check.village_rows"]
