"""Editing a rubric: pure edits on the dataclasses, saving as a version, import and export."""

from dataclasses import replace

import pytest

from store import adoption, rubric_edit
from store.errors import JifenError
from store.models import RubricVersion
from store.rubric import parse_rubric
from store.rubric_edit import Change, ItemFields, compare, fields_of
from store.shipped import shipped_text

MAZIGOU_TEXT = shipped_text("rubric-mazigou.toml")
MAZIGOU = parse_rubric(MAZIGOU_TEXT)
TEMPLATE = parse_rubric(shipped_text("rubric-virtue-template.toml"))
HELPING = ItemFields(name="帮助邻居收麦", points=10, unit="per_time", evidence="受助者认可")


def _ids(rubric, category_id):
    return [item.id for category in rubric.categories if category.id == category_id
            for item in category.items]


def _refused(call, *args) -> str:
    with pytest.raises(JifenError) as caught:
        call(*args)
    return caught.value.key


# --- adding ----------------------------------------------------------------------


def test_a_new_item_gets_the_next_id_at_the_end_of_its_category():
    rubric, item_id = rubric_edit.add_item(MAZIGOU, "5", HELPING)
    assert item_id == f"5.{len(_ids(MAZIGOU, '5')) + 1}"
    assert _ids(rubric, "5")[-1] == item_id
    added = rubric.item(item_id)
    assert (added.name, added.points, added.category_id, added.retired) == (
        "帮助邻居收麦", 10, "5", False)
    assert MAZIGOU.item("5.1").name != "帮助邻居收麦"  # the rubric given is left alone


def test_a_retired_id_is_never_given_again():
    last = _ids(MAZIGOU, "8")[-1]
    retired = rubric_edit.retire_item(MAZIGOU, last)
    _, item_id = rubric_edit.add_item(retired, "8", HELPING)
    assert item_id != last and item_id.startswith("8.")


def test_an_id_used_in_an_earlier_version_is_never_given_again():
    assert rubric_edit.next_item_id(MAZIGOU, "1") == "1.4"
    assert rubric_edit.next_item_id(MAZIGOU, "1", taken={"1.4", "1.5", "2.9"}) == "1.6"


def test_a_full_category_takes_a_number_it_never_used_then_refuses():
    numbers = [n for n in range(1, 100) if n != 50]
    items = tuple(replace(MAZIGOU.item("1.1"), id=f"1.{n}") for n in numbers)
    full = replace(MAZIGOU, categories=(replace(MAZIGOU.categories[0], items=items),
                                        *MAZIGOU.categories[1:]))
    assert rubric_edit.next_item_id(full, "1") == "1.50"
    assert _refused(rubric_edit.next_item_id, full, "1", {"1.50"}) == "rubric.category_full"


def test_adding_to_a_missing_category_is_refused():
    assert _refused(rubric_edit.add_item, MAZIGOU, "9", HELPING) == "rubric.no_such_category"


# --- changing ----------------------------------------------------------------------


def test_change_keeps_the_id_place_and_retired_mark():
    changed = rubric_edit.change_item(MAZIGOU, "5.3", replace(fields_of(MAZIGOU.item("5.3")),
                                                             points=18, name="调解纠纷"))
    item = changed.item("5.3")
    assert (item.points, item.name) == (18, "调解纠纷")
    assert _ids(changed, "5") == _ids(MAZIGOU, "5")


def test_an_item_the_meeting_scores_gets_the_default_bounds():
    fields = ItemFields(name="其他好事", meeting_sets_points=True, points=5, unit="per_time")
    item = rubric_edit.change_item(MAZIGOU, "5.3", fields).item("5.3")
    assert (item.points, item.min_points, item.max_points) == (None, 1, 100)


def test_a_once_item_is_limited_to_once_a_period():
    fields = replace(fields_of(MAZIGOU.item("5.3")), unit="once", max_per_period=None)
    assert rubric_edit.change_item(MAZIGOU, "5.3", fields).item("5.3").max_per_period == 1


@pytest.mark.parametrize("change, key", [
    ({"points": -5}, "rubric.deduction_in_bonus"),        # 篇五's categories only add
    ({"points": 0}, "rubric.zero_points"),
    ({"points": 5000}, "toml.out_of_range"),
    ({"points": None}, "rubric.no_points"),
    ({"name": ""}, "toml.empty_text"),
    ({"name": "一" * 25}, "toml.text_too_long"),
    ({"name": "两行\n名称"}, "toml.not_one_line"),
    ({"evidence": "隐藏\u202e字符"}, "toml.bad_char"),
    ({"unit": "weekly"}, "toml.bad_choice"),
    ({"meeting_sets_points": True, "min_points": 50, "max_points": 10},
     "rubric.min_above_max"),
])
def test_a_change_that_breaks_a_rule_is_refused(change, key):
    fields = replace(fields_of(MAZIGOU.item("5.3")), **change)
    assert _refused(rubric_edit.change_item, MAZIGOU, "5.3", fields) == key


def test_a_refusal_names_the_key_of_the_item():
    with pytest.raises(JifenError) as caught:
        rubric_edit.add_item(MAZIGOU, "2", replace(HELPING, points=-3))
    params = caught.value.params
    assert params["file"] == "mazigou.toml" and params["line"] > 0
    assert params["key"].startswith("category[2].item[") and params["key"].endswith(".points")


def test_a_deduction_fits_a_mixed_category():
    rubric, item_id = rubric_edit.add_item(TEMPLATE, "1", replace(HELPING, points=-5))
    assert rubric.item(item_id).points == -5


@pytest.mark.parametrize("text, number", [("15", 15), (" -5 ", -5), ("１５", 15), ("", None)])
def test_numbers_typed_in_a_form(text, number):
    assert rubric_edit.whole_number(text) == number


@pytest.mark.parametrize("text", ["1.5", "abc", "十"])
def test_a_number_that_is_not_whole_is_refused(text):
    assert _refused(rubric_edit.whole_number, text) == "rubric.not_whole_number"


# --- retiring and reordering ------------------------------------------------------


def test_retire_and_restore_keep_the_item():
    retired = rubric_edit.retire_item(MAZIGOU, "5.3")
    assert retired.item("5.3").retired and len(retired.items()) == len(MAZIGOU.items())
    assert rubric_edit.restore_item(retired, "5.3") == MAZIGOU


def test_move_within_the_category_and_stop_at_its_ends():
    ids = _ids(MAZIGOU, "5")
    down = rubric_edit.move_item(MAZIGOU, ids[0], 1)
    assert _ids(down, "5") == [ids[1], ids[0], *ids[2:]]
    assert rubric_edit.move_item(down, ids[0], -1) == MAZIGOU
    assert rubric_edit.move_item(MAZIGOU, ids[0], -1) is MAZIGOU
    assert rubric_edit.move_item(MAZIGOU, ids[-1], 1) is MAZIGOU
    assert rubric_edit.validated(down) == down


# --- checking --------------------------------------------------------------------


def test_bump_version():
    assert rubric_edit.bump_version(MAZIGOU).version == MAZIGOU.version + 1
    assert rubric_edit.bump_version(MAZIGOU, above=7).version == 8


def test_validated_proves_the_round_trip():
    assert rubric_edit.validated(MAZIGOU) == MAZIGOU
    assert rubric_edit.validated(TEMPLATE) == TEMPLATE


def test_validated_refuses_what_does_not_come_back_equal():
    # Written without its limit (the format's default for "once"), it reads back as 1.
    shapeless = rubric_edit._with_item(MAZIGOU, replace(MAZIGOU.item("1.1"), max_per_period=None))
    assert _refused(rubric_edit.validated, shapeless) == "rubric.round_trip"


# --- saving ----------------------------------------------------------------------


def test_save_adopts_a_new_version_and_the_old_one_still_explains_itself(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU_TEXT, "rubric-mazigou.toml")
    edited = rubric_edit.change_item(MAZIGOU, "5.3", replace(fields_of(MAZIGOU.item("5.3")),
                                                            points=18))
    saved = rubric_edit.save_rubric(actor, edited, based_on=1)
    assert (saved.number, saved.new) == (2, True)
    assert saved.document.item("5.3").points == 18
    assert saved.document.version == MAZIGOU.version + 1
    assert adoption.rubric_version(1).document.item("5.3").points == 15
    assert adoption.current_rubric().number == 2


def test_saving_an_unchanged_rubric_adopts_nothing(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU_TEXT)
    assert rubric_edit.save_rubric(actor, MAZIGOU, based_on=1).new is False
    assert RubricVersion.select().count() == 1


def test_saving_over_a_version_adopted_meanwhile_is_refused(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU_TEXT)
    adoption.adopt_rubric_text(actor, shipped_text("rubric-virtue-template.toml"))
    edited = rubric_edit.retire_item(MAZIGOU, "5.3")
    assert _refused(rubric_edit.save_rubric, actor, edited, 1) == "rubric.changed_meanwhile"
    assert RubricVersion.select().count() == 2


def test_a_broken_rubric_is_refused_and_nothing_is_adopted(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU_TEXT)
    broken = rubric_edit._with_item(MAZIGOU, replace(MAZIGOU.item("5.3"), points=-15))
    assert _refused(rubric_edit.save_rubric, actor, broken, 1) == "rubric.deduction_in_bonus"
    assert RubricVersion.select().count() == 1


def test_used_item_ids_cover_every_version(actor):
    adoption.adopt_rubric_text(actor, MAZIGOU_TEXT)
    fewer = replace(MAZIGOU, categories=MAZIGOU.categories[:1])
    rubric_edit.save_rubric(actor, fewer, based_on=1)
    assert "8.1" not in {item.id for item in adoption.current_rubric().document.items()}
    assert "8.1" in rubric_edit.used_item_ids()
    assert rubric_edit.next_item_id(adoption.current_rubric().document, "1",
                                    rubric_edit.used_item_ids()) == "1.4"


# --- import and export -----------------------------------------------------------


def test_import_adopts_the_text_as_previewed(actor, tmp_path):
    path = tmp_path / "细则.toml"
    path.write_text(MAZIGOU_TEXT, encoding="utf-8")
    previewed = rubric_edit.read_rubric_file(str(path))
    path.write_text("changed after the preview", encoding="utf-8")
    adopted = rubric_edit.import_rubric(actor, previewed)
    assert (adopted.number, adopted.source_file) == (1, "细则.toml")
    assert RubricVersion.get().text == MAZIGOU_TEXT  # comments and all


def test_a_shipped_file_is_found_by_its_name(actor):
    assert rubric_edit.read_rubric_file("rubric-mazigou.toml").rubric == MAZIGOU


def test_a_bad_file_is_refused_with_its_line(actor, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(MAZIGOU_TEXT.replace("points = 60", "points = 0"), encoding="utf-8")
    with pytest.raises(JifenError) as caught:
        rubric_edit.read_rubric_file(str(path))
    assert caught.value.key == "rubric.zero_points" and caught.value.params["line"] > 0


def test_export_writes_the_text_in_force(actor, tmp_path):
    adoption.adopt_rubric_text(actor, MAZIGOU_TEXT)
    target = tmp_path / "out.toml"
    assert rubric_edit.export_rubric(target).number == 1
    assert target.read_text(encoding="utf-8") == MAZIGOU_TEXT


def test_export_with_nothing_adopted_is_refused(actor, tmp_path):
    assert _refused(rubric_edit.export_rubric, tmp_path / "x.toml") == "rubric.none_adopted"


def test_export_to_a_missing_folder_says_so(actor, tmp_path):
    adoption.adopt_rubric_text(actor, MAZIGOU_TEXT)
    assert _refused(rubric_edit.export_rubric, tmp_path / "no" / "x.toml") == "export.cannot_write"


# --- compare ---------------------------------------------------------------------


def test_the_same_rubric_changes_nothing():
    assert compare(MAZIGOU, MAZIGOU) == []


def test_compare_lists_every_kind_of_change():
    new = rubric_edit.change_item(MAZIGOU, "5.3", replace(fields_of(MAZIGOU.item("5.3")),
                                                         points=18, unit="once"))
    new = rubric_edit.retire_item(new, "5.1")
    new, added = rubric_edit.add_item(new, "6", HELPING)
    new = rubric_edit.move_item(new, "2.1", 1)
    new = replace(new, name="新细则", categories=new.categories[:-1])  # 第八条 dropped
    changes = compare(MAZIGOU, new)
    assert Change("rubric", "changed", "", "新细则", "name", MAZIGOU.name, "新细则") in changes
    item = new.item("5.3")
    assert Change("item", "changed", "5.3", item.name, "points", 15, 18) in changes
    assert Change("item", "changed", "5.3", item.name, "unit", "per_time", "once") in changes
    assert Change("item", "changed", "5.3", item.name, "max_per_period", None, 1) in changes
    assert Change("item", "retired", "5.1", new.item("5.1").name) in changes
    assert Change("item", "added", added, "帮助邻居收麦") in changes
    assert Change("category", "reordered", "2", "社会公德") in changes
    eighth = MAZIGOU.categories[-1]
    assert Change("category", "removed", "8", eighth.name) in changes
    assert Change("item", "removed", "8.1", eighth.items[0].name) in changes
    assert compare(new, MAZIGOU)[0] == Change("rubric", "changed", "", MAZIGOU.name, "name",
                                              "新细则", MAZIGOU.name)


def test_compare_names_a_restored_item_and_a_new_category():
    retired = rubric_edit.retire_item(MAZIGOU, "5.1")
    assert compare(retired, MAZIGOU) == [Change("item", "restored", "5.1",
                                                MAZIGOU.item("5.1").name)]
    fewer = replace(MAZIGOU, categories=MAZIGOU.categories[:-1])
    kinds = [(change.what, change.kind, change.id) for change in compare(fewer, MAZIGOU)]
    assert kinds[0] == ("category", "added", "8") and ("item", "added", "8.1") in kinds
