"""`check` finds each kind of damage that integrity_check alone would miss."""

import sqlite3

from store import check, db, roster
from store.roster import HouseholdFields, MemberInfo
from tests.store.tamper import rewrite_chain


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


def _effective_award(actor):
    """A household with one effective award of 20 points (Tongguan, 篇五 item 5.2)."""
    from store import reviews
    from tests.store.points_helpers import adopt, later

    adopt(actor, "mazigou", "tongguan")
    _two(actor)
    reviews.open_review(actor, "2026-11")
    reviews.propose_award(actor, "1", "5.2")
    reviews.close_review(actor)
    reviews.finalize_review(later(actor, 4))  # the 3-day notice is over on day 4


def test_ledger_rows_changed_behind_jifens_back_show(actor, village_path):
    _effective_award(actor)
    assert _keys() == []
    _raw(village_path, "DROP TRIGGER ledger_entry_no_update")
    _raw(village_path, "UPDATE ledger_entry SET points = -50 WHERE account = 'spendable'")
    assert "check.ledger_edited" in _keys()
    rewrite_chain()  # the chain hides it now; the invariant does not
    assert _keys() == ["check.negative_balance"]


def test_an_entry_for_an_award_that_is_not_effective_shows(actor, village_path):
    _effective_award(actor)
    _raw(village_path, "UPDATE award SET status = 'cancelled'")
    assert _keys() == ["check.award_entries"]


def test_a_reversal_that_does_not_mirror_shows(actor, village_path):
    from store import ledger
    from store.models import LedgerEntry

    _effective_award(actor)
    entry = LedgerEntry.get(LedgerEntry.account == "honour")
    ledger.reverse(actor, entry.id, "测试")
    _raw(village_path, "DROP TRIGGER ledger_entry_no_update")
    _raw(village_path, "UPDATE ledger_entry SET points = -5 WHERE kind = 'reversal'")
    assert _keys() == ["check.ledger_edited", "check.bad_reversal"]
    rewrite_chain()  # the chain hides it now; the invariant does not
    assert _keys() == ["check.bad_reversal"]
