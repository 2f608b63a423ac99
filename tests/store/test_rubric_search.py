"""Finding rubric items by id, Chinese words and pinyin initials, best match first."""

import pytest

from store import rubric_search
from store.rubric import parse_rubric
from store.rubric_search import knows_initials, learn_initials, search_items
from store.shipped import DEMO_RUBRIC, shipped_text

# Beside the shipped rubric: a retired item, a polyphonic 单, ids that share
# a prefix across categories (1.1 and 11.1), and a description with a digit.
SMALL = """\
[rubric]
id = "small"
name = "小细则"
source = "test"
version = 1

[[category]]
id = "1"
name = "家庭"
kind = "mixed"

[[category.item]]
id = "1.1"
name = "单亲家庭互助"
description = "每次记5分"
points = 5
unit = "per_time"

[[category.item]]
id = "1.2"
name = "乱倒垃圾"
points = -3
unit = "per_time"
retired = true

[[category.item]]
id = "1.11"
name = "邻里和睦"
points = 2
unit = "once"

[[category]]
id = "11"
name = "其他"

[[category.item]]
id = "11.1"
name = "其他好事"
meeting_sets_points = true
unit = "per_time"
"""


@pytest.fixture(scope="module")
def mazigou():
    return parse_rubric(shipped_text(DEMO_RUBRIC))


@pytest.fixture
def small():
    return parse_rubric(SMALL)


def ids(items) -> list[str]:
    return [item.id for item in items]


def test_an_empty_query_lists_every_item_in_order(mazigou):
    assert search_items(mazigou, "") == mazigou.items()
    assert search_items(mazigou, "   ") == mazigou.items()


def test_a_query_that_matches_nothing_finds_nothing(mazigou):
    assert search_items(mazigou, "9.9") == []
    assert search_items(mazigou, "qqqq") == []
    assert search_items(mazigou, "拖拉机") == []


@pytest.mark.parametrize("query", ["5.3", "53", "纠纷", "xtll", "XTLL", " xtll ", "5。3", "５．３"])
def test_each_way_of_typing_finds_5_3(mazigou, query):
    assert ids(search_items(mazigou, query)) == ["5.3"]


def test_an_exact_id_comes_before_the_ids_it_begins(mazigou):
    assert ids(search_items(mazigou, "7.1")) == ["7.1", "7.10", "7.11"]
    assert ids(search_items(mazigou, "71")) == ["7.1", "7.10", "7.11"]
    assert ids(search_items(mazigou, "7.11")) == ["7.11"]
    assert ids(search_items(mazigou, "711")) == ["7.11"]


def test_a_category_number_lists_its_items(mazigou):
    assert ids(search_items(mazigou, "3")) == ["3.1", "3.2"]
    assert ids(search_items(mazigou, "3.")) == ["3.1", "3.2"]


def test_a_dot_in_the_query_keeps_1_11_apart_from_11_1(small):
    assert ids(search_items(small, "1.11")) == ["1.11"]
    assert ids(search_items(small, "11.1")) == ["11.1"]
    # Without a dot both ids read "111": both are exact, in rubric order.
    assert ids(search_items(small, "111")) == ["1.11", "11.1"]


def test_ids_come_before_text_that_contains_the_query(small):
    """1.1's description says 每次记5分, but "1" is first of all an id."""
    assert ids(search_items(small, "5")) == ["1.1"]                       # in its description
    assert ids(search_items(small, "1")) == ["1.1", "1.11", "11.1"]       # ids begin with 1


def test_initials_from_the_start_come_before_initials_inside(mazigou):
    """lltj (邻里团结) begins with ll; xtlljf and whlltj only contain it."""
    assert ids(search_items(mazigou, "ll")) == ["3.2", "5.3", "7.3"]


def test_a_single_letter_matches_only_the_first_initial(mazigou):
    found = search_items(mazigou, "x")
    assert found and all(any(reading.startswith("x") for reading in rubric_search._initials[item.name])
                         for item in found)
    assert "3.2" not in ids(found)  # 邻里团结 has no x at all


def test_names_come_before_descriptions(mazigou):
    """邻里 is in three names, and in the description of 5.2 帮助困难群众."""
    assert ids(search_items(mazigou, "邻里")) == ["3.2", "5.3", "7.3", "5.2"]


@pytest.mark.parametrize("query, item_id", [
    ("zege", "4.3"), ("zehe", "4.3"),       # 知恩感恩: 感 read gan or han
    ("hrhm", "5.6"), ("hyhm", "5.6"),       # 户容户貌: 容 read rong or yong
])
def test_polyphonic_names_are_found_by_each_reading(mazigou, query, item_id):
    assert ids(search_items(mazigou, query))[0] == item_id


@pytest.mark.parametrize("query", ["dqjt", "sqjt", "cqjt"])
def test_a_polyphonic_first_character(small, query):
    """单 reads dan, shan or chan: each reading finds 单亲家庭互助."""
    assert ids(search_items(small, query)) == ["1.1"]


def test_retired_items_are_offered_only_when_asked(small):
    assert "1.2" not in ids(search_items(small, ""))
    assert search_items(small, "1.2") == []
    assert search_items(small, "垃圾") == []
    assert ids(search_items(small, "", include_retired=True)) == ["1.1", "1.2", "1.11", "11.1"]
    assert ids(search_items(small, "ldlj", include_retired=True)) == ["1.2"]


def test_every_shipped_item_is_first_for_its_id_with_or_without_the_dot(mazigou):
    for item in mazigou.items():
        assert len(item.id) <= 4
        assert search_items(mazigou, item.id)[0] == item
        assert search_items(mazigou, item.id.replace(".", ""))[0] == item


def test_without_computing_initials_pypinyin_is_left_alone(small, monkeypatch):
    def refuse(name):
        raise AssertionError("pypinyin was asked for " + name)

    monkeypatch.setattr(rubric_search, "_initials", {})
    monkeypatch.setattr(rubric_search, "name_initials", refuse)
    assert not knows_initials(small)
    assert search_items(small, "dqjt", compute_initials=False) == []   # not learnt yet
    assert ids(search_items(small, "1.1", compute_initials=False)) == ["1.1", "1.11"]
    assert ids(search_items(small, "单亲", compute_initials=False)) == ["1.1"]


def test_initials_are_learnt_once_per_name(small, monkeypatch):
    asked = []

    def counting(name):
        asked.append(name)
        return "x"

    monkeypatch.setattr(rubric_search, "_initials", {})
    monkeypatch.setattr(rubric_search, "name_initials", counting)
    learn_initials(small)
    search_items(small, "x")
    search_items(small, "y")
    assert knows_initials(small)
    assert sorted(asked) == sorted(item.name for item in small.items())
    assert ids(search_items(small, "x", compute_initials=False)) == ["1.1", "1.11", "11.1"]
