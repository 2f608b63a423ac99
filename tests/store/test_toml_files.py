"""Reading TOML files for jifen: size, encoding, invisible characters, syntax, keys, lines."""

import pytest
from hypothesis import given, strategies as st

from store import toml_files
from store.errors import JifenError
from store.toml_files import LARGEST, line_of, parse_document, read_toml_text


def refusal(call, *args, **kwargs) -> JifenError:
    with pytest.raises(JifenError) as caught:
        call(*args, **kwargs)
    return caught.value


def write(folder, data: bytes, name="file.toml"):
    path = folder / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------
# The file


def test_a_utf8_file_is_read_as_text(tmp_path):
    path = write(tmp_path, 'name = "麻子沟村"\n'.encode())
    assert read_toml_text(path) == 'name = "麻子沟村"\n'


def test_a_bom_is_accepted_and_dropped(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + 'name = "麻子沟村"\n'.encode())
    text = read_toml_text(path)
    assert text == 'name = "麻子沟村"\n'
    assert parse_document(text, "f", ["name"]).text("name") == "麻子沟村"


def test_a_bom_given_as_text_is_dropped_too():
    assert parse_document('\ufeffname = "x"\n', "f", ["name"]).text("name") == "x"


def test_a_gbk_file_is_refused_with_the_line_of_the_first_bad_byte(tmp_path):
    path = write(tmp_path, 'a = 1\nb = 2\nname = "麻子沟村"\n'.encode("gbk"))
    error = refusal(read_toml_text, path)
    assert error.key == "toml.not_utf8"
    assert error.params == {"file": str(path), "line": 3, "key": ""}


def test_a_utf16_file_is_refused(tmp_path):
    path = write(tmp_path, 'a = 1\n'.encode("utf-16"))
    assert refusal(read_toml_text, path).key == "toml.not_utf8"


def test_a_missing_file_is_named_as_given(tmp_path):
    given_name = str(tmp_path / "nowhere.toml")
    error = refusal(read_toml_text, given_name)
    assert error.key == "toml.not_found"
    assert error.params == {"file": given_name, "line": 0, "key": ""}


def test_a_folder_is_not_a_file(tmp_path):
    assert refusal(read_toml_text, tmp_path).key == "toml.not_found"


def test_a_file_over_256_kib_is_refused_and_one_at_the_cap_is_read(tmp_path):
    cap = 256 * 1024
    at_cap = write(tmp_path, b"#" * (cap - 1) + b"\n", "at_cap.toml")
    assert len(read_toml_text(at_cap)) == cap
    over = write(tmp_path, b"#" * cap + b"\n", "over.toml")
    error = refusal(read_toml_text, over)
    assert error.key == "toml.file_too_large"
    assert error.params["limit_kib"] == 256


def test_text_over_the_cap_is_refused_without_a_file():
    text = "# " + "字" * (256 * 1024 // 3) + "\n"  # fewer characters than bytes
    assert refusal(parse_document, text, "f", []).key == "toml.file_too_large"


def test_an_unreadable_file_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path, b"a = 1\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    error = refusal(read_toml_text, path)
    assert error.key == "toml.cannot_read"
    assert error.params["detail"] == "Permission denied"


# ---------------------------------------------------------------------------
# Characters


@pytest.mark.parametrize("char, code", [
    ("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F"), ("\x85", "U+0085"),
    ("\u202e", "U+202E"), ("\u2066", "U+2066"), ("\u200f", "U+200F"), ("\u061c", "U+061C"),
    ("\u200b", "U+200B"), ("\u200d", "U+200D"), ("\u2060", "U+2060"), ("\ufeff", "U+FEFF"),
    ("\u2028", "U+2028"), ("\u00ad", "U+00AD"), ("\ud800", "U+D800"),
])
def test_invisible_characters_are_refused_with_their_line(char, code):
    text = f'a = 1\n# a comment\nname = "张{char}三"\n'
    error = refusal(parse_document, text, "village.toml", ["a", "name"])
    assert error.key == "toml.bad_char"
    assert error.params == {"file": "village.toml", "line": 3, "key": "", "code": code}


def test_the_first_invisible_character_is_the_one_reported():
    error = refusal(parse_document, 'a = 1\nb = "\u200b"\nc = "\u202e"\n', "f", ["a", "b", "c"])
    assert (error.params["line"], error.params["code"]) == (2, "U+200B")


def test_invisible_characters_in_a_file_on_disk(tmp_path):
    path = write(tmp_path, b'a = 1\nb = "\x00"\n')
    error = refusal(parse_document, read_toml_text(path), str(path), ["a", "b"])
    assert (error.key, error.params["line"]) == ("toml.bad_char", 2)


@pytest.mark.parametrize("text", ['a = "x\ty"\r\n', 'a = """\nx\n"""\n', 'a = "\u3000张三"\n'])
def test_tabs_line_ends_and_wide_spaces_are_allowed(text):
    parse_document(text, "f", ["a"])


def test_an_escaped_invisible_character_in_a_value_is_refused_at_its_key():
    text = 'a = 1\nname = "张\\u202e三"\n'
    table = parse_document(text, "f", ["a", "name"])
    error = refusal(table.text, "name")
    assert error.key == "toml.bad_char"
    assert error.params == {"file": "f", "line": 2, "key": "name", "code": "U+202E"}


def test_an_escaped_invisible_character_in_a_key_is_refused():
    error = refusal(parse_document, 'a = 1\n"x\\u200by" = 2\n', "f", ["a"])
    assert (error.key, error.params["code"]) == ("toml.bad_char", "U+200B")


# ---------------------------------------------------------------------------
# Syntax


def test_a_syntax_error_names_its_line_and_column():
    text = 'a = 1\nb = 2\n\n[table]\nc = \n'
    error = refusal(parse_document, text, "f.toml", ["a", "b", "table"])
    assert error.key == "toml.syntax"
    assert (error.params["line"], error.params["column"]) == (5, 5)
    assert error.params["detail"] == "Invalid value"


def test_a_syntax_error_at_the_end_names_the_last_line():
    error = refusal(parse_document, 'a = 1\nb = "open', "f", ["a", "b"])
    assert error.key == "toml.syntax"
    assert (error.params["line"], error.params["detail"]) == (2, "Unterminated string")


def test_a_repeated_key_is_a_syntax_error():
    error = refusal(parse_document, 'a = 1\nb = 2\na = 3\n', "f", ["a", "b"])
    assert (error.key, error.params["line"]) == ("toml.syntax", 3)


@pytest.mark.parametrize("text", ["a = " + "[" * 100000, "a = " + "{b = " * 50000,
                                  "a = " + "[" * 5000 + "]" * 5000])
def test_deep_nesting_is_refused_cleanly(text):
    error = refusal(parse_document, text, "deep.toml", ["a"])
    assert error.key == "toml.too_deep"
    assert error.params == {"file": "deep.toml", "line": 0, "key": ""}


@given(st.binary(max_size=200))
def test_any_bytes_give_a_document_or_a_jifen_error(data):
    try:
        parse_document(toml_files.decode(data, "f"), "f", [])
    except JifenError:
        pass


@given(st.text(alphabet="[]{}=\"'.,#\n abc123", max_size=200))
def test_any_text_gives_a_document_or_a_jifen_error(text):
    try:
        parse_document(text, "f", ["a", "b", "c"])
    except JifenError:
        pass


# ---------------------------------------------------------------------------
# Where keys are written

RUBRIC_LIKE = """\
[rubric]
id = "x"

[[category]]
id = "1"

[[category.item]]
id = "1.1"
points = 5

[[category]]   # the second one
id = "2"
description = '''
[[category.item]]
points = 99
'''

[[category.item]]
id = "2.1"

[[category.item]]
id = "2.2"

[[ category . "item" ]]
id = "2.3"
nested = [
  [1],
]
"points" = 7
name.short = "x"
"""


@pytest.mark.parametrize("path, line", [
    ("rubric", 1), ("rubric.id", 2), ("category", 4), ("category[1]", 4), ("category[1].id", 5),
    ("category[1].item[1]", 7), ("category[1].item[1].points", 9), ("category[2]", 11),
    ("category[2].description", 13), ("category[2].item[1]", 18), ("category[2].item[2].id", 22),
    ("category[2].item[3]", 24), ("category[2].item[3].nested", 26),
    ("category[2].item[3].points", 29),  # `[1],` in the array above is not a header
    ("category[2].item[3].name.short", 30),
    # not written: the nearest thing around it that is
    ("category[2].item[2].points", 21), ("category[1].item[1].points[2]", 9),
    ("category[5].item[1].points", 4), ("rubric.name", 1),
    ("nowhere", 0), ("", 0),
])
def test_line_of(path, line):
    assert line_of(RUBRIC_LIKE, path) == line


def test_line_of_a_policy():
    text = ('[policy]\nid = "p"\n\n[[budget.tier]]\nup_to = 3000\npoints = 250\n\n'
            '[[budget.tier]]\npoints = 500\n\n[notice]\ndays = 3\n')
    assert [line_of(text, path) for path in (
        "budget.tier[1].up_to", "budget.tier[2].points", "budget.tier[2].up_to", "budget.tier",
        "budget", "notice.days", "notice.supervisor_signoff")] == [5, 9, 8, 4, 4, 12, 11]


# ---------------------------------------------------------------------------
# Keys and values


def test_an_unknown_key_with_a_close_name_gets_a_suggestion():
    text = '[item]\nid = "1.1"\npionts = 5\n'
    root = parse_document(text, "r.toml", ["item"])
    error = refusal(root.table, "item", ["id", "points", "unit"])
    assert error.key == "toml.misspelt_key"
    assert error.params == {"file": "r.toml", "line": 3, "key": "item.pionts",
                            "suggestion": "points", "allowed": "id, points, unit"}


def test_an_unknown_key_without_a_close_name_lists_what_is_allowed():
    error = refusal(parse_document, 'a = 1\n\n[colour]\nx = 1\n', "f", ["a", "points"])
    assert error.key == "toml.unknown_key"
    assert error.params == {"file": "f", "line": 3, "key": "colour", "allowed": "a, points"}


TYPED = """\
text = "麻子沟"
number = 15
flag = true
numbers = [2, 5, 10]
table = { a = 1 }
tables = [{ a = 1 }, { a = 2 }]
blank = "  "
two_lines = "a\\nb"
float = 15.0
date = 2026-11-26
"""
ALL_TYPED = ["text", "number", "flag", "numbers", "table", "tables", "blank", "two_lines",
             "float", "date", "missing"]


@pytest.fixture
def typed():
    return parse_document(TYPED, "t.toml", ALL_TYPED)


READERS = {"text": lambda table, name: table.text(name),
           "integer": lambda table, name: table.integer(name, low=0, high=9),
           "boolean": lambda table, name: table.boolean(name),
           "integers": lambda table, name: table.integers(name, low=0, high=9),
           "table": lambda table, name: table.table(name, []),
           "tables": lambda table, name: table.tables(name, [])}


@pytest.mark.parametrize("reader, name, line, key, got", [
    ("text", "number", 2, "toml.expected_text", "15"),
    ("text", "flag", 3, "toml.expected_text", "true"),
    ("integer", "text", 1, "toml.expected_integer", '"麻子沟"'),
    ("integer", "flag", 3, "toml.expected_integer", "true"),  # a bool is not an int
    ("integer", "float", 9, "toml.expected_integer", "15.0"),
    ("integer", "date", 10, "toml.expected_integer", "2026-11-26"),
    ("boolean", "number", 2, "toml.expected_boolean", "15"),
    ("integers", "number", 2, "toml.expected_integers", "15"),
    ("table", "numbers", 4, "toml.expected_table", "[2, 5, 10]"),
    ("tables", "table", 5, "toml.expected_tables", "{...}"),
    ("tables", "numbers", 4, "toml.expected_tables", "[2, 5, 10]"),
])
def test_wrong_types_name_what_was_found(typed, reader, name, line, key, got):
    error = refusal(READERS[reader], typed, name)
    assert error.key == key
    assert error.params == {"file": "t.toml", "line": line, "key": name,
                            "expected": error.params["expected"], "got": got}


def test_required_and_optional_keys(typed):
    error = refusal(typed.text, "missing")
    assert (error.key, error.params["key"], error.params["line"]) == ("toml.missing_key", "missing", 0)
    assert typed.text("missing", default="") == ""
    assert typed.integer("missing", low=1, high=2, default=None) is None
    assert typed.integers("missing", low=1, high=2, default=()) == ()
    assert typed.table("missing", [], required=False) is None
    assert typed.tables("missing", []) == []


def test_text_rules(typed):
    assert refusal(typed.text, "blank").key == "toml.empty_text"
    assert typed.text("blank", default="") == "  "  # an optional text may be blank
    assert refusal(typed.text, "two_lines").key == "toml.not_one_line"
    assert typed.text("two_lines", one_line=False) == "a\nb"
    error = refusal(typed.text, "text", limit=2)
    assert (error.key, error.params["limit"], error.params["length"]) == ("toml.text_too_long", 2, 3)
    error = refusal(typed.choice, "text", ("once", "per_time"))
    assert (error.key, error.params["choices"], error.params["got"]) == (
        "toml.bad_choice", "once, per_time", "麻子沟")


def test_integer_ranges(typed):
    assert typed.integer("number", low=15, high=15) == 15
    error = refusal(typed.integer, "number", low=16, high=LARGEST)
    assert error.key == "toml.out_of_range"
    assert {name: error.params[name] for name in ("low", "high", "got", "line")} == {
        "low": 16, "high": LARGEST, "got": 15, "line": 2}


def test_integer_lists(typed):
    assert typed.integers("numbers", low=2, high=10) == (2, 5, 10)
    error = refusal(typed.integers, "numbers", low=3, high=10)
    assert (error.key, error.params["key"], error.params["got"]) == ("toml.out_of_range", "numbers[1]", 2)
    for text, key, got in [("a = [2, 2]", "toml.not_ascending", 2), ("a = [5, 2]", "toml.not_ascending", 2),
                           ("a = [1, true]", "toml.expected_integers", "[1, true]")]:
        error = refusal(parse_document(text, "f", ["a"]).integers, "a", low=1, high=9)
        assert (error.key, error.params["got"], error.params["line"]) == (key, got, 1)
    empty = parse_document("a = []", "f", ["a"])
    assert refusal(empty.integers, "a", low=1, high=9).key == "toml.empty_list"
    assert empty.integers("a", low=1, high=9, allow_empty=True) == ()


def test_tables_are_numbered_from_one(typed):
    tables = typed.tables("tables", ["a"])
    assert [table.path for table in tables] == ["tables[1]", "tables[2]"]
    assert [table.integer("a", low=1, high=2) for table in tables] == [1, 2]


def test_shown_values_are_short_and_visible():
    assert toml_files.shown("x" * 100).endswith("…") and len(toml_files.shown("x" * 100)) == 40
    assert toml_files.shown("a\u202eb") == '"a\\u202eb"'
    assert toml_files.shown(False) == "false"


def test_dump_tables_writes_headers_for_every_table():
    text = toml_files.dump_tables([("[rubric]", {"id": "x"}), ("[[category]]", {"id": "1"}),
                                   ("[[category.item]]", {"id": "1.1", "points": 5})])
    assert text == ('[rubric]\nid = "x"\n\n[[category]]\nid = "1"\n\n'
                    '[[category.item]]\nid = "1.1"\npoints = 5\n')
