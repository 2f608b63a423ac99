"""Reading the TOML files of rubrics and policies, and pointing at their problems.

A rubric or policy comes on a USB stick or from an edit in the app, so nothing
in it is believed before it is checked: the size, the encoding (UTF-8, with
or without a BOM), invisible characters that could disguise a name, the TOML
syntax, then every key through `Table`. Each problem is a JifenError whose
params name the `file`, the 1-based `line` (0 when unknown) and the dotted
`key`, with arrays of tables counted from 1 as a clerk counts them:
`category[2].item[3].points` is the third item of the second category.
"""

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from store.errors import JifenError

MAX_KIB = 256
# tomllib reads integers of any size and SQLite stores 64 bits; no count,
# budget or price in a village comes near a billion.
LARGEST = 10**9
NAME_LIMIT = 60
SOURCE_LIMIT = 200
DESCRIPTION_LIMIT = 2000
TEXT_LIMIT = 200

# Invisible characters: controls other than tab and line ends; format
# characters (bidi overrides, zero-width spaces, a BOM inside the text);
# surrogates; and the Unicode line and paragraph separators, which editors
# show as line breaks although TOML does not, so every line number after one
# would look wrong.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_ALLOWED_CONTROLS = "\t\n\r"
_LINE_BREAKS = re.compile(r"[\t\n\r]")
_SYNTAX_LOCATION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_DOTTED_KEY = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER_LINE = re.compile(rf"\s*(\[\[?)\s*({_DOTTED_KEY})\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(rf"\s*({_DOTTED_KEY})\s*=")
_SHOWN_LIMIT = 40
_PRINTABLE_BITS = 4000  # well within the 4,300 decimal digits Python prints

HEADER_KEYS = ("id", "name", "source", "version", "description")
_FILE_ID = re.compile(r"[a-z0-9-]{1,40}")

# The `default` of a key that must be written (see Table).
REQUIRED = object()


def file_error(message_key: str, file: str, *, line: int = 0, key: str = "",
               **details) -> JifenError:
    """A problem with a TOML file, its params led by `file`, `line` and `key`."""
    return JifenError(message_key, file=file, line=line, key=key, **details)


# ---------------------------------------------------------------------------
# The file and its text


def read_toml_text(path) -> str:
    """The text of the TOML file at `path`: at most MAX_KIB, strict UTF-8, a BOM dropped."""
    file = str(path)
    path = Path(path).expanduser()
    limit = MAX_KIB * 1024
    try:
        if not path.is_file():
            raise file_error("toml.not_found", file)
        if path.stat().st_size > limit:
            raise file_error("toml.file_too_large", file, limit_kib=MAX_KIB)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # the file may grow after stat()
    except OSError as error:
        raise file_error("toml.cannot_read", file, detail=error.strerror or str(error)) from error
    if len(data) > limit:
        raise file_error("toml.file_too_large", file, limit_kib=MAX_KIB)
    return decode(data, file)


def decode(data: bytes, file: str) -> str:
    """`data` as UTF-8, decoded strictly; a leading BOM is dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:  # GBK and UTF-16 files end here
        line = data.count(b"\n", 0, error.start) + 1
        raise file_error("toml.not_utf8", file, line=line) from error


def first_hidden(text: str) -> int | None:
    """The index of the first invisible character in `text`, None if it has none."""
    hidden = [char for char in set(text) if _is_hidden(char)]
    return min(map(text.index, hidden)) if hidden else None


def _is_hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN_CATEGORIES and char not in _ALLOWED_CONTROLS


def parse_document(text: str, file: str, allowed) -> "Table":
    """The root table of the TOML document in `text`, after the size, character
    and syntax checks; `allowed` are the names it may hold."""
    text = text.removeprefix("\ufeff")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_KIB * 1024:
        raise file_error("toml.file_too_large", file, limit_kib=MAX_KIB)
    index = first_hidden(text)
    if index is not None:
        raise file_error("toml.bad_char", file, line=text.count("\n", 0, index) + 1,
                         code=_code(text[index]))
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(error, text, file) from error
    except RecursionError as error:  # deeply nested arrays or inline tables
        raise file_error("toml.too_deep", file) from error
    except ValueError as error:
        # Python reads no integer of over 4,300 decimal digits (a guard against
        # slow conversions), and tomllib lets that error out as it is.
        raise file_error("toml.number_too_long", file) from error
    return Table(Source(text, file), document, "", allowed)


def _syntax_error(error: tomllib.TOMLDecodeError, text: str, file: str) -> JifenError:
    """tomllib's message ends with "(at line N, column M)" or "(at end of document)"."""
    message = str(error)
    match = _SYNTAX_LOCATION.search(message)
    if not match:
        return file_error("toml.syntax", file, column=0, detail=message)
    if match.group(1):
        line, column = int(match.group(1)), int(match.group(2))
    else:
        line, column = text.count("\n") + 1, 0
    return file_error("toml.syntax", file, line=line, column=column,
                      detail=message[:match.start()])


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def shown(value) -> str:
    """A value as TOML writes it, shortened, with invisible characters spelled out."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + "".join(f"\\u{ord(c):04x}" if _is_hidden(c) else c for c in value) + '"'
    elif isinstance(value, dict):
        text = "{...}"
    elif isinstance(value, list):
        text = "[" + ", ".join(map(shown, value)) + "]"
    elif isinstance(value, int) and value.bit_length() > _PRINTABLE_BITS:
        # Python prints no integer of over 4,300 decimal digits, and a TOML hex
        # literal may be that long: shown in hex, as it was most likely written.
        text = hex(value)
    else:
        text = str(value)
    return text if len(text) <= _SHOWN_LIMIT else text[:_SHOWN_LIMIT - 1] + "…"


# ---------------------------------------------------------------------------
# Where a key is written


def line_of(text: str, path: str) -> int:
    """The 1-based line where the key or table at `path` is written, 0 if not found.

    `path` is dotted, with arrays of tables indexed from 1 (`budget.tier[1].up_to`).
    A best effort, reading headers and `key =` lines only: for a key that is not
    written (a missing key, an item of an inline array) it gives the line of the
    nearest thing around it that is.
    """
    written = _written_paths(text)
    return next((written[key] for key in _path_and_enclosing(path) if key in written), 0)


def _path_and_enclosing(path: str):
    """`a[2].b`, then `a[2]`, then `a`."""
    while path:
        yield path
        path = path[:path.rindex("[")] if path.endswith("]") else path.rpartition(".")[0]


def _written_paths(text: str) -> dict[str, int]:
    """Every table header and key of `text`, as a dotted path, with its line."""
    written: dict[str, int] = {}
    latest: dict[tuple[str, ...], str] = {}  # header names -> path of their latest table
    counts: dict[str, int] = {}  # array of tables -> tables seen so far
    table = ""
    inside_string = False
    for number, line in enumerate(text.split("\n"), 1):
        header = None if inside_string else _HEADER_LINE.match(line)
        key = None if inside_string or header else _KEY_LINE.match(line)
        if header:
            names = _key_parts(header.group(2))
            table = _located(names, latest)
            if header.group(1) == "[[":
                counts[table] = counts.get(table, 0) + 1
                table = f"{table}[{counts[table]}]"
            latest[tuple(names)] = table
            # `[[budget.tier]]` also writes `budget.tier` and `budget`, unless written before.
            for enclosing in _path_and_enclosing(table):
                written.setdefault(enclosing, number)
        elif key:
            written.setdefault(_joined(table, ".".join(_key_parts(key.group(1)))), number)
        # A multi-line string may hold lines that look like keys or headers.
        if (line.count('"""') + line.count("'''")) % 2:
            inside_string = not inside_string
    return written


def _located(names: list[str], latest: dict[tuple[str, ...], str]) -> str:
    """The path of a header's table: `[[category.item]]` lies in the latest category."""
    path = ""
    for depth, name in enumerate(names[:-1], 1):
        path = latest.get(tuple(names[:depth]), _joined(path, name))
    return _joined(path, names[-1])


def _key_parts(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(_KEY, dotted)]


def _joined(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# ---------------------------------------------------------------------------
# Reading tables


@dataclass(frozen=True)
class Source:
    """The text of a TOML file and the name it was given, to point at problems in it."""

    text: str
    file: str

    def error(self, message_key: str, key: str, **details) -> JifenError:
        return file_error(message_key, self.file, line=line_of(self.text, key), key=key,
                          **details)


class Table:
    """One table of a TOML document, read key by key with its type and range checked.

    Unknown keys are refused on creation, with the closest allowed name as a
    suggestion. Each reading method takes `default`: REQUIRED, or the value an
    absent key has.
    """

    def __init__(self, source: Source, values: dict, path: str, allowed):
        self.source = source
        self.values = values
        self.path = path
        self._refuse_unknown(tuple(allowed))

    def key_path(self, name: str) -> str:
        return _joined(self.path, name)

    def error(self, message_key: str, name: str = "", **details) -> JifenError:
        """A problem with key `name` of this table, or with the table itself."""
        return self.source.error(message_key, self.key_path(name) if name else self.path,
                                 **details)

    def has(self, name: str) -> bool:
        return name in self.values

    def _refuse_unknown(self, allowed: tuple[str, ...]) -> None:
        for name in self.values:
            if name in allowed:
                continue
            index = first_hidden(name)
            if index is not None:  # a quoted key may hide characters too
                raise self.error("toml.bad_char", name, code=_code(name[index]))
            close = difflib.get_close_matches(name, allowed, n=1)
            if close:
                raise self.error("toml.misspelt_key", name, suggestion=close[0],
                                 allowed=", ".join(allowed))
            raise self.error("toml.unknown_key", name, allowed=", ".join(allowed))

    def _get(self, name: str, default, is_expected, message_key: str, expected: str):
        if name not in self.values:
            if default is REQUIRED:
                raise self.error("toml.missing_key", name)
            return default
        value = self.values[name]
        if not is_expected(value):
            raise self.error(message_key, name, expected=expected, got=shown(value))
        return value

    def text(self, name: str, *, default=REQUIRED, limit: int = TEXT_LIMIT,
             one_line: bool = True) -> str:
        """A string; a required one must not be blank, and `one_line` refuses tabs and
        line breaks (names line up in tables and pickers)."""
        value = self._get(name, default, lambda v: isinstance(v, str), "toml.expected_text",
                          "text")
        # Escapes (\u202e) reach a value without ever being in the file's text.
        index = first_hidden(value)
        if index is not None:
            raise self.error("toml.bad_char", name, code=_code(value[index]))
        if default is REQUIRED and not value.strip():
            raise self.error("toml.empty_text", name)
        if one_line and _LINE_BREAKS.search(value):
            raise self.error("toml.not_one_line", name)
        if len(value) > limit:
            raise self.error("toml.text_too_long", name, limit=limit, length=len(value))
        return value

    def choice(self, name: str, choices: tuple[str, ...], *, default=REQUIRED) -> str:
        """One of `choices`."""
        value = self.text(name, default=default)
        if value not in choices:
            raise self.error("toml.bad_choice", name, choices=", ".join(choices), got=value)
        return value

    def boolean(self, name: str, *, default=REQUIRED) -> bool:
        return self._get(name, default, lambda v: isinstance(v, bool), "toml.expected_boolean",
                         "boolean")

    def integer(self, name: str, *, low: int, high: int, default=REQUIRED) -> int | None:
        """An integer from `low` to `high` (true and false are not integers)."""
        value = self._get(name, default, _is_integer, "toml.expected_integer", "integer")
        if name in self.values and not low <= value <= high:
            raise self.error("toml.out_of_range", name, low=low, high=high, got=_got(value))
        return value

    def integers(self, name: str, *, low: int, high: int, default=REQUIRED,
                 allow_empty: bool = False) -> tuple[int, ...]:
        """A strictly ascending array of integers from `low` to `high`."""
        values = self._get(name, default, _is_integer_list, "toml.expected_integers",
                           "array of integers")
        if name not in self.values:
            return values
        if not values and not allow_empty:
            raise self.error("toml.empty_list", name)
        for number, value in enumerate(values, 1):
            if not low <= value <= high:
                raise self.error("toml.out_of_range", f"{name}[{number}]", low=low, high=high,
                                 got=_got(value))
            if number > 1 and value <= values[number - 2]:
                raise self.error("toml.not_ascending", f"{name}[{number}]", got=value,
                                 previous=values[number - 2])
        return tuple(values)

    def table(self, name: str, allowed, *, required: bool = True) -> "Table | None":
        """The table `name`, None when it is optional and absent."""
        values = self._get(name, REQUIRED if required else None, lambda v: isinstance(v, dict),
                           "toml.expected_table", "table")
        return None if values is None else Table(self.source, values, self.key_path(name),
                                                 allowed)

    def tables(self, name: str, allowed) -> list["Table"]:
        """The array of tables `name` (`[[name]]`), empty when absent."""
        values = self._get(name, [], _is_table_list, "toml.expected_tables", "array of tables")
        return [Table(self.source, table, f"{self.key_path(name)}[{number}]", allowed)
                for number, table in enumerate(values, 1)]


def _got(number: int):
    """An out-of-range number for its message: as it is, unless too long to print."""
    return number if number.bit_length() <= _PRINTABLE_BITS else shown(number)


def _is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_integer_list(value) -> bool:
    return isinstance(value, list) and all(map(_is_integer, value))


def _is_table_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(table, dict) for table in value)


# ---------------------------------------------------------------------------
# The header both kinds of file share, and writing


def read_header(root: Table, name: str) -> dict:
    """The `[rubric]` or `[policy]` table: id, name, source, version, description."""
    table = root.table(name, HEADER_KEYS)
    file_id = table.text("id")
    if not _FILE_ID.fullmatch(file_id):
        raise table.error("toml.bad_id", "id", got=file_id)
    return {"id": file_id,
            "name": table.text("name", limit=NAME_LIMIT),
            "source": table.text("source", limit=SOURCE_LIMIT),
            "version": table.integer("version", low=1, high=LARGEST),
            "description": table.text("description", default="", limit=DESCRIPTION_LIMIT,
                                      one_line=False)}


def header_fields(record) -> dict:
    """The header table of a rubric or policy, for writing."""
    fields = {"id": record.id, "name": record.name, "source": record.source,
              "version": record.version}
    if record.description:
        fields["description"] = record.description
    return fields


def dump_tables(tables) -> str:
    """TOML text of (header, fields) pairs, such as ("[[category.item]]", {...}).

    tomli-w writes each table's values; the headers are written here because
    tomli-w puts short tables of a nested array inline (`item = [{ id = ... }]`),
    and a file in the documented layout is what a clerk can read and edit.
    """
    return "\n".join(f"{header}\n{tomli_w.dumps(fields)}" for header, fields in tables)
