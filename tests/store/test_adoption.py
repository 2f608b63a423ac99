"""Adoption: numbered snapshots in the village file; old versions still explain themselves."""

import pytest

from store import adoption
from store.audit import audit_entries
from store.errors import JifenError
from store.models import RubricVersion
from store.shipped import shipped_text

MAZIGOU = shipped_text("rubric-mazigou.toml")


def test_a_village_starts_with_nothing_adopted(actor):
    assert adoption.current_rubric() is None and adoption.current_policy() is None


def test_adopting_a_file_stores_its_text_and_is_audited(actor, tmp_path):
    path = tmp_path / "细则.toml"
    path.write_text(MAZIGOU, encoding="utf-8")
    adopted = adoption.adopt_rubric(actor, path)
    assert (adopted.number, adopted.new, adopted.source_file) == (1, True, "细则.toml")
    assert adopted.document.item("5.3").points == 15
    row = RubricVersion.get()
    assert row.text == MAZIGOU and row.staff.name == "王建国"
    entry = audit_entries(limit=1)[0]
    assert (entry.action, entry.target) == ("rubric.adopt", "rubric:1")


def test_the_same_text_again_changes_nothing(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU, "a.toml")
    again = adoption.adopt_rubric_text(actor, MAZIGOU, "b.toml")
    assert (again.number, again.new) == (1, False)
    assert RubricVersion.select().count() == 1


def test_a_change_makes_a_new_version_and_the_old_one_still_explains_itself(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU)
    changed = MAZIGOU.replace('points = 15\nunit = "per_time"', 'points = 18\nunit = "per_time"')
    assert changed != MAZIGOU
    second = adoption.adopt_rubric_text(actor, changed)
    assert second.number == 2 and second.document.item("5.3").points == 18
    assert adoption.current_rubric().number == 2
    assert adoption.rubric_version(1).document.item("5.3").points == 15
    assert [version.number for version in adoption.rubric_history()] == [1, 2]


def test_a_bad_file_changes_nothing(actor, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(MAZIGOU.replace("points = 60", "pionts = 60"), encoding="utf-8")
    with pytest.raises(JifenError) as caught:
        adoption.adopt_rubric(actor, path)
    assert caught.value.key == "toml.misspelt_key"
    assert RubricVersion.select().count() == 0
    assert [e.action for e in audit_entries() if e.action.endswith(".adopt")] == []


def test_policies_are_versioned_apart_from_rubrics(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU)
    first = adoption.adopt_policy(actor, "policy-tongguan.toml")  # a shipped file by name
    second = adoption.adopt_policy(actor, "policy-mazigou.toml")
    assert (first.number, second.number) == (1, 2)
    assert adoption.current_policy().document.id == "mazigou"
    assert adoption.policy_version(1).document.household_cap == 20
    with pytest.raises(JifenError) as caught:
        adoption.policy_version(3)
    assert caught.value.key == "policy.no_such_version"


def test_the_demo_adopts_pian_wu_with_the_mazigou_policy(tmp_path):
    from datetime import date

    from store import db
    from store.demo import create_demo

    create_demo(tmp_path / "demo.jifen", today=date(2026, 11, 26))
    try:
        assert adoption.current_rubric().document.id == "mazigou"
        assert adoption.current_policy().document.id == "mazigou"
    finally:
        db.close_village()


def test_an_edit_based_on_an_old_version_is_refused_inside_the_write(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU)
    changed = MAZIGOU.replace("points = 60", "points = 50")
    adoption.adopt_rubric_text(actor, changed, based_on=1)                    # version 2
    with pytest.raises(JifenError) as caught:
        adoption.adopt_rubric_text(actor, MAZIGOU.replace("points = 60", "points = 40"),
                                   based_on=1)
    assert (caught.value.key, caught.value.params) == (
        "rubric.changed_meanwhile", {"based_on": 1, "number": 2})
    assert adoption.current_rubric().document.item("1.2").points == 50
