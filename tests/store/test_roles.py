"""Roles enforced in the store (store/roles.py): who may write what, and what a refusal says.

The two-person rule is tested where each sign-off is: test_points_signoff_versions.py
(reviews) and test_shop_redemption.py (redemption days).
"""

import ast
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from store import audit, db, deeds, ledger, reviews, roles, roster, staff
from store.actor import account_named, resolve_actor
from store.errors import JifenError
from store.models import Audit, Deed, Household, LedgerEntry, Objection, Staff
from store.objections import raise_objection, resolve_objection
from store.roster import HouseholdFields
from tests.store.points_helpers import adopt, later
from tui.i18n import MESSAGES, explain, set_language

STORE = Path(__file__).resolve().parents[2] / "store"
UID = str(os.geteuid())


# --- the table covers every write -------------------------------------------------------------

def _call_name(node: ast.Call) -> str | None:
    return getattr(node.func, "attr", None) or getattr(node.func, "id", None)


def _patterns(node, tree) -> list[str]:
    """The action names an argument can be, as regexes: a literal, an f-string (its
    `'a' if x else 'b'` parts expanded, any other part a wildcard), or a parameter of the
    enclosing function, followed to the literals its callers in the module pass, or a
    variable, followed to what is assigned to it."""
    if isinstance(node, ast.Constant):
        return [re.escape(node.value)]
    if isinstance(node, ast.JoinedStr):
        found = [""]
        for part in node.values:
            if isinstance(part, ast.Constant):
                choices = [re.escape(part.value)]
            elif (isinstance(part.value, ast.IfExp)
                  and all(isinstance(branch, ast.Constant)
                          for branch in (part.value.body, part.value.orelse))):
                choices = [re.escape(part.value.body.value), re.escape(part.value.orelse.value)]
            else:
                choices = ["[a-z_]+"]
            found = [done + choice for done in found for choice in choices]
        return found
    if isinstance(node, ast.Name):
        assigned = [found.value for found in ast.walk(tree) if isinstance(found, ast.Assign)
                    and any(getattr(target, "id", None) == node.id for target in found.targets)]
        if assigned:
            return [pattern for value in assigned for pattern in _patterns(value, tree)]
        return _passed_to(node.id, tree)
    raise AssertionError(f"name the action literally: {ast.unparse(node)}")


def _passed_to(parameter: str, tree) -> list[str]:
    function = next(f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                    and parameter in [a.arg for a in f.args.args]
                    and any(isinstance(n, ast.Name) and n.id == parameter for n in ast.walk(f)))
    index = [a.arg for a in function.args.args].index(parameter)
    found = []
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and _call_name(call) == function.name:
            given = call.args[index] if index < len(call.args) else next(
                k.value for k in call.keywords if k.arg == parameter)
            found += _patterns(given, tree)
    assert found, f"no caller of {function.name} names its {parameter}"
    return found


def used_actions() -> list[tuple[str, str]]:
    """(module, pattern) for every action a store write records or requires."""
    found = []
    for path in sorted(STORE.glob("*.py")):
        if path.name == "audit.py":     # the gate itself: it requires what it is given
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and _call_name(node) in ("record", "require")
                    and getattr(node.func, "value", None) is not None
                    and getattr(node.func.value, "id", None) in ("audit", "roles")):
                found += [(path.name, pattern) for pattern in _patterns(node.args[1], tree)]
    return found


def test_every_action_a_write_names_is_in_the_table():
    listed = roles.actions()
    used = used_actions()
    assert len(used) > 40
    missing = [(module, pattern) for module, pattern in used
               if not any(re.fullmatch(pattern, action) for action in listed)]
    assert missing == []


def test_every_action_in_the_table_is_one_a_write_names():
    patterns = [pattern for _, pattern in used_actions()]
    stale = [action for action in roles.actions()
             if not any(re.fullmatch(pattern, action) for pattern in patterns)]
    assert stale == []


def test_every_action_and_every_refusing_role_set_has_words():
    assert [a for a in roles.actions() if f"action.{a}" not in MESSAGES] == []
    sets = {roles.role_set_name(roles.allowed(action)) for action in roles.actions()
            if roles.allowed(action) != roles.ANYONE}
    assert [name for name in sets if f"allowed.{name}" not in MESSAGES] == []


def test_an_action_missing_from_the_table_is_refused_to_everyone(actor):
    before = Audit.select().count()
    with pytest.raises(JifenError) as caught, db.write():
        roster.insert_household(actor, {"card_no": "9", "head": "张三"})
        audit.record(actor, "household.teleport", "household:9")
    assert (caught.value.key, caught.value.params) == ("roles.unlisted",
                                                       {"action": "household.teleport"})
    assert Audit.select().count() == before and Household.select().count() == 0


# --- each role at work ---------------------------------------------------------------------------

@pytest.fixture
def village(actor):
    """Two groups, households 001 (1组) and 002 (2组); a supervisor, a liaison for 1组, one
    for no group, and a leader, all on this OS account; a closed review with award 1."""
    adopt(actor, "mazigou", "tongguan")
    for card, group in (("001", "1组"), ("002", "2组")):
        roster.add_household(actor, HouseholdFields(card_no=card, head=f"户主{card}",
                                                    group=group))
    staff.add_staff(actor, "李秀兰", "supervisor", UID)
    staff.add_staff(actor, "王德福", "liaison", UID, group="1组")
    staff.add_staff(actor, "赵玉梅", "liaison", UID)
    staff.add_staff(actor, "张国强", "leader", UID)
    reviews.open_review(actor, "2026-11")
    reviews.propose_award(actor, "001", "5.2")
    reviews.close_review(actor)
    return actor


def _as(name: str, actor):
    return replace(resolve_actor(name), today_override=later(actor, 1).today)


def _refused(call) -> JifenError:
    with pytest.raises(JifenError) as caught:
        call()
    return caught.value


def _tables() -> dict:
    return {model.__name__: model.select().count()
            for model in (Audit, Household, Deed, Objection, Staff, LedgerEntry)}


# What each role may not do: (role's staff name, the write, the refusal's action).
REFUSED = [
    ("李秀兰", lambda a: roster.add_household(a, HouseholdFields(card_no="3", head="张三")),
     "household.add"),
    ("李秀兰", lambda a: deeds.register_deed(a, "001", item_id="5.2"), "deed.add"),
    ("李秀兰", lambda a: raise_objection(a, 1, "李四", "没见过"), "objection.add"),
    ("李秀兰", lambda a: reviews.open_review(a, "2026-12"), "review.open"),
    ("王德福", lambda a: roster.add_household(a, HouseholdFields(card_no="3", head="张三")),
     "household.add"),
    ("王德福", lambda a: raise_objection(a, 1, "李四", "没见过"), "objection.add"),
    ("王德福", lambda a: staff.add_staff(a, "钱七", "clerk"), "staff.add"),
    ("张国强", lambda a: deeds.register_deed(a, "001", item_id="5.2"), "deed.add"),
    ("张国强", lambda a: ledger.adjust(a, "001", 5, "补记", "李秀兰"), "ledger.adjust"),
    ("王建国", lambda a: reviews.sign_off(a, 1), "review.signoff"),
]


@pytest.mark.parametrize(("name", "write", "action"), REFUSED,
                         ids=[f"{name}-{action}" for name, _, action in REFUSED])
def test_a_role_is_refused_what_it_may_not_do_and_nothing_is_written(village, name, write,
                                                                     action):
    before = _tables()
    error = _refused(lambda: write(_as(name, village)))
    assert error.key == "roles.refused_try_as"
    assert error.params["name"] == name and error.params["action"] == action
    assert _tables() == before


def test_only_the_leading_group_resolves_an_objection(village):
    objection = raise_objection(later(village, 1), 1, "李四", "没见过")  # the clerk registers
    for name in ("王建国", "李秀兰", "王德福"):
        for upheld in (True, False):
            error = _refused(lambda: resolve_objection(_as(name, village), objection.id,
                                                       upheld=upheld, reason="核实"))
            assert error.params["allowed"] == "leader" and error.params["other"] == "张国强"
    assert Objection.get_by_id(objection.id).status == "open"
    leader = _as("张国强", village)
    assert resolve_objection(leader, objection.id, upheld=False, reason="核实").status == \
        "dismissed"
    assert raise_objection(leader, 1, "王五", "再核实").raised_by == "王五"  # and may register


def test_the_role_is_said_before_any_other_refusal(village):
    """A form's other faults (no such objection, points not lower) come after "not you"."""
    error = _refused(lambda: resolve_objection(village, 99, upheld=True, new_points=50,
                                               reason="核实"))
    assert error.key == "roles.refused_try_as"


def test_a_liaison_registers_deeds_for_their_own_group_only(village):
    liaison = _as("王德福", village)
    assert deeds.register_deed(liaison, "001", item_id="5.2").registered_by == "王德福"
    error = _refused(lambda: deeds.register_deed(liaison, "002", item_id="5.2"))
    assert (error.key, error.params) == ("roles.other_group", {
        "name": "王德福", "group": "1组", "card": "002", "household_group": "2组"})
    # A liaison whose staff row names no group registers for any household.
    assert deeds.register_deed(_as("赵玉梅", village), "002", item_id="5.2").household == "002"
    assert Deed.select().count() == 2


def test_a_liaison_withdraws_only_the_deeds_they_registered(village):
    theirs = deeds.register_deed(_as("王德福", village), "001", item_id="5.2")
    clerks = deeds.register_deed(village, "001", item_id="5.3")
    error = _refused(lambda: deeds.withdraw_deed(_as("王德福", village), clerks.id, "重复"))
    assert (error.key, error.params["registrar"]) == ("roles.not_own_deed", "王建国")
    assert deeds.withdraw_deed(_as("王德福", village), theirs.id, "重复").status == "withdrawn"
    assert deeds.withdraw_deed(village, clerks.id, "重复").status == "withdrawn"  # the clerk may


def test_the_projector_setting_is_anyones(village):
    from store.settings import get_setting, set_setting

    set_setting(_as("李秀兰", village), "ui.projector", "1")
    assert get_setting("ui.projector") == "1"


# --- what a refusal says ------------------------------------------------------------------------

def test_a_refusal_names_the_person_the_role_and_who_may_in_both_languages(village):
    error = _refused(lambda: deeds.register_deed(_as("李秀兰", village), "001", item_id="5.2"))
    try:
        assert explain(error) == ("李秀兰（监督员）不能登记事迹：此事须由管理员或村组信息联络员办理。"
                                  "本系统账户上的 王建国 可以办理：请用 jifen --as 王建国。")
        set_language("en")
        assert explain(error) == ("李秀兰 (supervisor) may not register a deed: that is for a "
                                  "clerk or a group liaison. 王建国 shares this OS account and "
                                  "may: use jifen --as 王建国.")
    finally:
        set_language("zh")


def test_with_no_one_on_this_account_who_may_the_refusal_says_who_does(actor):
    """A supervisor on an account of their own (D13): no `--as` to suggest."""
    staff.add_staff(actor, "李秀兰", "supervisor", "nobody")
    supervisor = replace(actor, staff_id=Staff.get(Staff.name == "李秀兰").id,
                         staff_name="李秀兰", role="supervisor", account=account_named("nobody"))
    error = _refused(lambda: roster.add_household(supervisor, HouseholdFields(card_no="1",
                                                                             head="张三")))
    assert error.key == "roles.refused"
    assert explain(error) == "李秀兰（监督员）不能登记农户：此事须由管理员办理。"
