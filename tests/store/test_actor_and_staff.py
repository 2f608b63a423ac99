"""Who is acting (D13) and the staff list."""

import os
import pwd

import pytest

from store import staff
from store.actor import current_account, resolve_actor
from store.errors import JifenError
from store.models import Audit, Staff
from tests.conftest import TODAY


def test_the_founding_clerk_is_mapped_to_this_account(village_path):
    actor = resolve_actor(today=TODAY)
    assert (actor.staff_name, actor.role) == ("王建国", "clerk")
    assert actor.account.uid == os.geteuid()
    assert actor.today == TODAY


def test_acting_as_a_colleague_on_the_same_account(actor):
    staff.add_staff(actor, "李秀兰", "supervisor", os_user=str(os.geteuid()))
    assert resolve_actor().staff_name == "王建国"  # the first mapped stays the default
    colleague = resolve_actor("李秀兰")
    assert (colleague.staff_name, colleague.role) == ("李秀兰", "supervisor")


def test_acting_as_someone_on_another_account_is_refused(actor):
    nobody = pwd.getpwnam("nobody")
    staff.add_staff(actor, "赵六", "liaison", os_user="nobody")
    assert Staff.get(Staff.name == "赵六").os_uid == nobody.pw_uid
    with pytest.raises(JifenError) as caught:
        resolve_actor("赵六")
    assert caught.value.key == "actor.other_account"
    with pytest.raises(JifenError) as caught:
        resolve_actor("不存在的人")
    assert caught.value.key == "actor.no_such_staff"


def test_an_unmapped_account_is_refused(village_path):
    Staff.update(os_uid=pwd.getpwnam("nobody").pw_uid).execute()
    with pytest.raises(JifenError) as caught:
        resolve_actor()
    assert caught.value.key == "actor.unmapped"
    assert caught.value.params["user"] == current_account().name


def test_audit_names_the_colleague_and_the_account(actor):
    staff.add_staff(actor, "李秀兰", "clerk", os_user=str(os.geteuid()))   # a second clerk
    colleague = resolve_actor("李秀兰")
    staff.add_staff(colleague, "张卫东", "leader")
    row = Audit.select().where(Audit.target == "张卫东").get()
    assert (row.staff_name, row.os_uid, row.os_user) == ("李秀兰", os.geteuid(), current_account().name)


@pytest.mark.parametrize("name, role, user, key", [
    ("", "clerk", None, "staff.name_missing"),
    ("李四", "boss", None, "staff.bad_role"),
    ("李四", "clerk", "no-such-user-here", "staff.no_such_os_user"),
    ("王建国", "clerk", None, "staff.exists"),
])
def test_bad_staff_is_refused(actor, name, role, user, key):
    with pytest.raises(JifenError) as caught:
        staff.add_staff(actor, name, role, os_user=user)
    assert caught.value.key == key
    assert [s.name for s in staff.list_staff()] == ["王建国"]


def test_a_colleague_is_named_as_staff_names_are_stored(actor):
    """`--as` and a witness are found however the name was typed ("李 秀兰" is 李秀兰),
    and a witness who has left is no witness."""
    from store.ledger import adjust
    from store.roster import HouseholdFields, add_household

    staff.add_staff(actor, "李秀兰", "supervisor", str(os.geteuid()))
    assert resolve_actor("李 秀兰").staff_name == "李秀兰"
    add_household(actor, HouseholdFields(card_no="1", head="张三"))
    assert adjust(actor, "1", 5, "补录", "李 秀兰").second_staff.name == "李秀兰"
    Staff.update(active=False).where(Staff.name == "李秀兰").execute()
    with pytest.raises(JifenError) as caught:
        adjust(actor, "1", 5, "补录", "李秀兰")
    assert caught.value.key == "actor.no_such_staff"
