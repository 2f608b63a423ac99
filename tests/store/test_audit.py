"""Every write leaves exactly one audit row, naming who did it, as which OS account."""

import pytest

from store import roster, staff
from store.audit import audit_entries
from store.errors import JifenError
from store.roster import HouseholdFields
from store.settings import set_setting


def _two(actor):
    for card in ("1", "2"):
        roster.add_household(actor, HouseholdFields(card_no=card, head="张三"))


WRITES = {
    "household.add": lambda a: roster.add_household(a, HouseholdFields(card_no="3", head="李四")),
    "household.edit": lambda a: roster.edit_household(a, "1", HouseholdFields(phone="13800138000")),
    "household.close": lambda a: roster.close_household(a, "1", "去世"),
    "household.merge": lambda a: roster.merge_household(a, "2", "1", "合户"),
    "staff.add": lambda a: staff.add_staff(a, "李秀兰", "supervisor"),
    "setting.set": lambda a: set_setting(a, "ui.projector", "1"),
}


@pytest.mark.parametrize("action", sorted(WRITES))
def test_each_write_is_audited_once(actor, action):
    _two(actor)
    before = len(audit_entries(limit=1000))
    WRITES[action](actor)
    entries = audit_entries(limit=1000)
    assert len(entries) == before + 1
    newest = entries[0]
    assert (newest.action, newest.staff_name, newest.os_user) == (
        action, "王建国", actor.account.name)


def test_reopen_is_audited_with_its_reason(actor):
    _two(actor)
    roster.close_household(actor, "1", "迁出", moved=True)
    roster.reopen_household(actor, "1", "迁回")
    newest = audit_entries(limit=1)[0]
    assert newest.action == "household.reopen"
    assert newest.summary["after"] == {"status": "active", "status_reason": "迁回"}


def test_a_refused_write_leaves_no_audit_row(actor):
    _two(actor)
    before = len(audit_entries(limit=1000))
    with pytest.raises(JifenError):
        roster.add_household(actor, HouseholdFields(card_no="1", head="重复"))
    assert len(audit_entries(limit=1000)) == before
