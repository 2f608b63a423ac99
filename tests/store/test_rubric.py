"""Rubric files: what they hold, every problem they can have, and the round trip."""

import pytest
from hypothesis import given, strategies as st

from store.errors import JifenError
from store.rubric import (KINDS, UNITS, Category, Item, Rubric, load_rubric, parse_rubric,
                          rubric_to_toml)

# Line numbers matter: the problems below are checked against them.
RUBRIC = """\
[rubric]
id = "test-village"
name = "测试村评分细则"
source = "测试用，仿篇五"
version = 2

[[category]]
id = "1"
name = "社会公德"
kind = "bonus"

[[category.item]]
id = "1.1"
name = "参加公益活动"
points = 10
unit = "per_time"

[[category.item]]
id = "1.2"
name = "文明礼貌"
description = "在日常生活中做到文明礼貌"
points = 5
unit = "per_item"
max_per_period = 3

[[category]]
id = "2"
name = "反向约束"
kind = "deduction"

[[category.item]]
id = "2.1"
name = "乱倒垃圾"
points = -5
unit = "per_time"

[[category]]
id = "8"
name = "其他事迹"

[[category.item]]
id = "8.1"
name = "其他事迹"
meeting_sets_points = true
unit = "per_time"
evidence = "评议会记录"

[[category.item]]
id = "8.2"
name = "旧条目"
points = -3
unit = "once"
example = true
retired = true
"""


def refusal(call, *args, **kwargs) -> JifenError:
    with pytest.raises(JifenError) as caught:
        call(*args, **kwargs)
    return caught.value


def changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_a_rubric_is_read():
    rubric = parse_rubric(RUBRIC)
    assert (rubric.id, rubric.name, rubric.source, rubric.version, rubric.description) == (
        "test-village", "测试村评分细则", "测试用，仿篇五", 2, "")
    assert [(c.id, c.kind) for c in rubric.categories] == [("1", "bonus"), ("2", "deduction"),
                                                         ("8", "mixed")]
    assert rubric.item("1.2") == Item(
        id="1.2", category_id="1", name="文明礼貌", description="在日常生活中做到文明礼貌",
        points=5, unit="per_item", max_per_period=3, meeting_sets_points=False, min_points=None,
        max_points=None, evidence="", example=False, retired=False)


def test_defaults_once_and_meeting_set_points():
    rubric = parse_rubric(RUBRIC)
    assert rubric.item("1.1").max_per_period is None  # no limit
    assert rubric.item("8.2").max_per_period == 1  # "once" implies 1
    meeting = rubric.item("8.1")
    assert (meeting.points, meeting.min_points, meeting.max_points) == (None, 1, 100)
    assert (meeting.evidence, meeting.meeting_sets_points) == ("评议会记录", True)
    assert rubric.item("8.2").example and rubric.item("8.2").retired


def test_items_in_order_retired_included_and_lookup():
    rubric = parse_rubric(RUBRIC)
    assert [item.id for item in rubric.items()] == ["1.1", "1.2", "2.1", "8.1", "8.2"]
    error = refusal(rubric.item, "9.9")
    assert (error.key, error.params) == ("rubric.no_such_item", {"item": "9.9"})


def test_loaded_from_a_file_with_a_bom(tmp_path):
    path = tmp_path / "rubric.toml"
    path.write_bytes(b"\xef\xbb\xbf" + RUBRIC.encode())
    assert load_rubric(path) == parse_rubric(RUBRIC)


# ---------------------------------------------------------------------------
# Every problem: (old, new) changes one spot of RUBRIC; then the error key, the
# key path, the line, and the details.

PROBLEMS = [
    # [rubric]
    ('id = "test-village"', 'id = "Test Village"', "toml.bad_id", "rubric.id", 2,
     {"got": "Test Village"}),
    ('id = "test-village"', 'id = "' + "x" * 41 + '"', "toml.bad_id", "rubric.id", 2, {}),
    ('id = "test-village"\n', "", "toml.missing_key", "rubric.id", 1, {}),
    ('name = "测试村评分细则"', 'name = ""', "toml.empty_text", "rubric.name", 3, {}),
    ('name = "测试村评分细则"', 'name = "' + "长" * 61 + '"', "toml.text_too_long",
     "rubric.name", 3, {"limit": 60, "length": 61}),
    ('name = "测试村评分细则"', 'name = 7', "toml.expected_text", "rubric.name", 3,
     {"got": "7", "expected": "text"}),
    ('source = "测试用，仿篇五"\n', "", "toml.missing_key", "rubric.source", 1, {}),
    ("version = 2", "version = 0", "toml.out_of_range", "rubric.version", 5,
     {"low": 1, "got": 0}),
    ("version = 2", 'version = "2"', "toml.expected_integer", "rubric.version", 5,
     {"got": '"2"'}),
    ("version = 2", "version = 2\nauthor = 1", "toml.unknown_key", "rubric.author", 6, {}),
    ("version = 2", "version = 2\ndescriptoin = 'x'", "toml.misspelt_key",
     "rubric.descriptoin", 6, {"suggestion": "description"}),
    ("[rubric]", "[rubrics]", "toml.misspelt_key", "rubrics", 1, {"suggestion": "rubric"}),
    # [[category]]
    ('id = "1"\nname = "社会公德"', 'id = "1.0"\nname = "社会公德"', "rubric.bad_category_id",
     "category[1].id", 8, {"got": "1.0"}),
    ('id = "2"\nname = "反向约束"', 'id = "1"\nname = "反向约束"', "rubric.duplicate_category",
     "category[2].id", 27, {"got": "1", "first": "category[1]"}),
    ('kind = "deduction"', 'kind = "minus"', "toml.bad_choice", "category[2].kind", 29,
     {"got": "minus", "choices": "bonus, deduction, mixed"}),
    ('kind = "deduction"', 'kind = "deduction"\nitems = 1', "toml.misspelt_key",
     "category[2].items", 30, {"suggestion": "item"}),
    ('name = "其他事迹"\n\n[[category.item]]\nid = "8.1"\nname = "其他事迹"\n',
     'name = "其他事迹"\n\n[[category.itme]]\nid = "8.1"\nname = "其他事迹"\n',
     "toml.misspelt_key", "category[3].itme", 41, {"suggestion": "item"}),
    # [[category.item]]
    ('id = "1.2"', 'id = "2.2"', "rubric.bad_item_id", "category[1].item[2].id", 19,
     {"got": "2.2", "category": "1"}),
    ('id = "1.2"', 'id = "1.02"', "rubric.bad_item_id", "category[1].item[2].id", 19, {}),
    ('id = "1.2"', 'id = "1.100"', "rubric.bad_item_id", "category[1].item[2].id", 19, {}),
    ('id = "1.2"', 'id = "1.0"', "rubric.bad_item_id", "category[1].item[2].id", 19, {}),
    ('id = "1.2"', 'id = "12"', "rubric.bad_item_id", "category[1].item[2].id", 19, {}),
    ('id = "1.2"', 'id = "1.1"', "rubric.duplicate_item", "category[1].item[2].id", 19,
     {"got": "1.1", "first": "category[1].item[1]"}),
    ('name = "文明礼貌"', 'name = "' + "字" * 25 + '"', "toml.text_too_long",
     "category[1].item[2].name", 20, {"limit": 24}),
    ('name = "文明礼貌"', 'name = "文明\\n礼貌"', "toml.not_one_line",
     "category[1].item[2].name", 20, {}),
    ('name = "文明礼貌"', 'name = "文明\\u202e礼貌"', "toml.bad_char",
     "category[1].item[2].name", 20, {"code": "U+202E"}),
    ("points = 5\n", "", "toml.missing_key", "category[1].item[2].points", 18, {}),
    ("points = 5\n", "pionts = 5\n", "toml.misspelt_key", "category[1].item[2].pionts", 22,
     {"suggestion": "points", "allowed": "id, name, description, points, unit, max_per_period, "
      "meeting_sets_points, min_points, max_points, evidence, example, retired"}),
    ("points = 5\n", "points = 0\n", "rubric.zero_points", "category[1].item[2].points", 22, {}),
    ("points = 5\n", "points = 1001\n", "toml.out_of_range", "category[1].item[2].points", 22,
     {"low": -1000, "high": 1000, "got": 1001}),
    ("points = -5\n", "points = -1001\n", "toml.out_of_range", "category[2].item[1].points", 34,
     {"got": -1001}),
    ("points = 5\n", "points = 5.5\n", "toml.expected_integer", "category[1].item[2].points",
     22, {"got": "5.5"}),
    ("points = 5\n", "points = true\n", "toml.expected_integer", "category[1].item[2].points",
     22, {"got": "true"}),
    ("points = 5\n", 'points = "5"\n', "toml.expected_integer", "category[1].item[2].points",
     22, {"got": '"5"'}),
    ("points = 5\n", "points = -5\n", "rubric.deduction_in_bonus", "category[1].item[2].points",
     22, {"got": -5}),
    ("points = -5\n", "points = 5\n", "rubric.bonus_in_deduction", "category[2].item[1].points",
     34, {"got": 5}),
    ('unit = "per_item"', 'unit = "each"', "toml.bad_choice", "category[1].item[2].unit", 23,
     {"got": "each", "choices": "per_time, per_item, once"}),
    ('unit = "per_item"\n', "", "toml.missing_key", "category[1].item[2].unit", 18, {}),
    ("max_per_period = 3", "max_per_period = 0", "toml.out_of_range",
     "category[1].item[2].max_per_period", 24, {"low": 1}),
    ('unit = "once"', 'unit = "once"\nmax_per_period = 2', "rubric.once_limit",
     "category[3].item[2].max_per_period", 53, {"got": 2}),
    ("meeting_sets_points = true", "meeting_sets_points = true\npoints = 5",
     "rubric.points_with_meeting", "category[3].item[1].points", 45, {}),
    ("meeting_sets_points = true", "meeting_sets_points = true\nmin_points = 50\nmax_points = 10",
     "rubric.min_above_max", "category[3].item[1].max_points", 46,
     {"min_points": 50, "max_points": 10}),
    ("meeting_sets_points = true", "meeting_sets_points = true\nmin_points = 0",
     "rubric.zero_points", "category[3].item[1].min_points", 45, {}),
    ("meeting_sets_points = true", "meeting_sets_points = true\nmax_points = 2000",
     "toml.out_of_range", "category[3].item[1].max_points", 45, {"got": 2000}),
    ("meeting_sets_points = true", 'meeting_sets_points = "yes"', "toml.expected_boolean",
     "category[3].item[1].meeting_sets_points", 44, {"got": '"yes"'}),
    ("points = 10\n", "points = 10\nmax_points = 20\n", "rubric.bounds_without_meeting",
     "category[1].item[1].max_points", 16, {}),
    ("retired = true", "retired = 1", "toml.expected_boolean", "category[3].item[2].retired",
     54, {"got": "1"}),
    ('evidence = "评议会记录"', "evidence = 5", "toml.expected_text",
     "category[3].item[1].evidence", 46, {}),
]


@pytest.mark.parametrize("old, new, message_key, key, line, details", PROBLEMS,
                         ids=[f"{case[2]}:{case[3]}" for case in PROBLEMS])
def test_each_problem_names_file_line_and_key(old, new, message_key, key, line, details):
    error = refusal(parse_rubric, changed(RUBRIC, old, new), "village/rubric.toml")
    assert error.key == message_key
    assert {name: error.params[name] for name in ("file", "line", "key")} == {
        "file": "village/rubric.toml", "line": line, "key": key}
    assert {name: error.params[name] for name in details} == details


def test_meeting_bounds_keep_to_the_category_kind():
    mixed = changed(RUBRIC, "meeting_sets_points = true", "meeting_sets_points = true\nmin_points = -5")
    assert parse_rubric(mixed).item("8.1").min_points == -5  # a mixed category may span zero
    bonus = changed(mixed, 'name = "其他事迹"\n\n', 'name = "其他事迹"\nkind = "bonus"\n\n')
    error = refusal(parse_rubric, bonus)
    assert (error.key, error.params["key"], error.params["line"]) == (
        "rubric.deduction_in_bonus", "category[3].item[1].min_points", 46)


def test_a_deduction_category_needs_explicit_negative_meeting_bounds():
    text = changed(RUBRIC, 'id = "2.1"\nname = "乱倒垃圾"\npoints = -5\n',
                   'id = "2.1"\nname = "乱倒垃圾"\nmeeting_sets_points = true\n')
    error = refusal(parse_rubric, text)  # the default bounds 1..100 are bonuses
    assert (error.key, error.params["key"]) == ("rubric.bonus_in_deduction", "category[2].item[1].min_points")
    fixed = changed(text, 'name = "乱倒垃圾"\nmeeting_sets_points = true\n',
                    'name = "乱倒垃圾"\nmeeting_sets_points = true\nmin_points = -50\nmax_points = -1\n')
    assert parse_rubric(fixed).item("2.1").min_points == -50


HEADER = '[rubric]\nid = "r"\nname = "细则"\nsource = "测试"\nversion = 1\n'


@pytest.mark.parametrize("text, message_key, key, line", [
    (HEADER, "rubric.no_categories", "category", 0),
    ("category = []\n" + HEADER, "rubric.no_categories", "category", 1),
    (HEADER + "[category]\nid = \"1\"\n", "toml.expected_tables", "category", 6),
    (HEADER + '\n[[category]]\nid = "1"\nname = "空"\n', "rubric.empty_category", "category[1]", 7),
    ('[[category]]\nid = "1"\n', "toml.missing_key", "rubric", 0),
    ('rubric = "x"\n', "toml.expected_table", "rubric", 1),
])
def test_whole_file_problems(text, message_key, key, line):
    error = refusal(parse_rubric, text)
    assert (error.key, error.params["key"], error.params["line"]) == (message_key, key, line)


def test_the_first_problem_raises():
    text = changed(RUBRIC, "points = 10", "points = 0")  # line 15
    text = changed(text, 'unit = "per_item"', 'unit = "each"')  # line 23
    assert refusal(parse_rubric, text).params["line"] == 15


# ---------------------------------------------------------------------------
# A bad file: refused whole, before any of it is used


def test_a_file_is_checked_in_full_before_its_content_is_read():
    # A problem in the content (line 15) is not reported while the file cannot even be parsed.
    text = changed(RUBRIC, "points = 10", "points = 0") + "broken = [\n"
    assert refusal(parse_rubric, text).key == "toml.syntax"
    # Nor while an invisible character hides anywhere in it, even in a comment at the end.
    text = changed(RUBRIC, "points = 10", "points = [") + "# \u202e\n"
    assert refusal(parse_rubric, text).key == "toml.bad_char"


@pytest.mark.parametrize("data, message_key", [
    (RUBRIC.encode("gbk"), "toml.not_utf8"),
    (RUBRIC.encode() + b"# \x00\n", "toml.bad_char"),
    (b"a = " + b"[" * 100000, "toml.too_deep"),
    (RUBRIC.encode() + b"#" * (256 * 1024), "toml.file_too_large"),
    (RUBRIC.replace("points = 10", "pionts = 10").encode(), "toml.misspelt_key"),
])
def test_a_bad_file_raises_and_is_left_as_it_was(tmp_path, data, message_key):
    path = tmp_path / "rubric.toml"
    path.write_bytes(data)
    error = refusal(load_rubric, path)
    assert (error.key, error.params["file"]) == (message_key, str(path))
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["rubric.toml"]


# ---------------------------------------------------------------------------
# Writing: tomli-w, in the documented layout, read back equal


def test_the_example_round_trips_in_the_documented_layout():
    rubric = parse_rubric(RUBRIC)
    text = rubric_to_toml(rubric)
    assert parse_rubric(text) == rubric
    assert text.count("[[category]]") == 3 and text.count("[[category.item]]") == 5
    assert "max_per_period" not in text.split('id = "8.2"')[1]  # "once" says it already


def test_written_text_escapes_what_toml_must():
    rubric = parse_rubric(RUBRIC)
    category = rubric.categories[0]
    item = category.items[0]
    odd = Item(**{**item.__dict__, "name": 'a "quoted" \\ name', "description": "两行\n说明\t制表"})
    rubric = Rubric(**{**rubric.__dict__, "description": "多行\r\n说明",
                       "categories": (Category(**{**category.__dict__, "items": (odd,)}),)})
    assert parse_rubric(rubric_to_toml(rubric)) == rubric


NAME_CHARS = st.characters(categories=["Lo", "Lu", "Ll", "Nd", "Po", "Zs"])
DESCRIPTION_CHARS = st.one_of(NAME_CHARS, st.sampled_from("\n\r\t\"\\'"))


def one_line(max_size):
    return st.text(NAME_CHARS, min_size=1, max_size=max_size).filter(str.strip)


@st.composite
def items(draw, category_id, kind, number):
    meeting = draw(st.booleans())
    sign = {"bonus": [1], "deduction": [-1], "mixed": [1, -1]}[kind]
    points = min_points = max_points = None
    if meeting:
        low = draw(st.integers(1, 1000)) * draw(st.sampled_from(sign))
        high = draw(st.integers(1, 1000)) * draw(st.sampled_from(sign))
        if kind == "mixed" or low * high > 0:
            min_points, max_points = sorted((low, high))
        else:
            min_points = max_points = low
    else:
        points = draw(st.integers(1, 1000)) * draw(st.sampled_from(sign))
    unit = draw(st.sampled_from(UNITS))
    limit = 1 if unit == "once" else draw(st.none() | st.integers(1, 10**9))
    return Item(id=f"{category_id}.{number}", category_id=category_id,
                name=draw(one_line(24)), description=draw(st.text(DESCRIPTION_CHARS, max_size=40)),
                points=points, unit=unit, max_per_period=limit, meeting_sets_points=meeting,
                min_points=min_points, max_points=max_points,
                evidence=draw(st.just("") | one_line(30)), example=draw(st.booleans()),
                retired=draw(st.booleans()))


@st.composite
def categories(draw, category_id):
    kind = draw(st.sampled_from(KINDS))
    numbers = draw(st.lists(st.integers(1, 99), min_size=1, max_size=4, unique=True))
    return Category(id=category_id, name=draw(one_line(60)),
                    description=draw(st.text(DESCRIPTION_CHARS, max_size=40)), kind=kind,
                    items=tuple(draw(items(category_id, kind, number)) for number in numbers))


@st.composite
def rubrics(draw):
    ids = draw(st.lists(st.from_regex(r"[0-9A-Za-z]{1,4}", fullmatch=True), min_size=1,
                        max_size=3, unique=True))
    return Rubric(id=draw(st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True)),
                  name=draw(one_line(60)), source=draw(one_line(200)),
                  version=draw(st.integers(1, 10**9)),
                  description=draw(st.text(DESCRIPTION_CHARS, max_size=60)),
                  categories=tuple(draw(categories(category_id)) for category_id in ids))


@given(rubrics())
def test_every_valid_rubric_round_trips(rubric):
    assert parse_rubric(rubric_to_toml(rubric)) == rubric
