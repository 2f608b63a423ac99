"""Importing a household roster from the sheets villages really keep.

A sheet is read in two steps: `read_sheet` turns a CSV (UTF-8, GBK/GB18030 or
Excel's UTF-16 "Unicode text") or an XLSX file into rows of cells, and
`preview_roster` finds the header among the title rows, cleans every row with
the roster's own cleaners and lists what is wrong, row by row, without
changing anything. `import_roster` then writes the good rows in one
transaction: all of them or none.
"""

import csv
import hashlib
import io
import itertools
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import openpyxl
from openpyxl import load_workbook

from store import audit, db
from store.actor import Actor
from store.errors import JifenError
from store.models import Household
from store.normalize import clean_text
from store.roster import HouseholdFields, clean_fields, group_names, insert_household
from store.roster_export import restore_neutralised

MAX_FILE_MB = 20
# An XLSX is a zip: a small file may unpack to gigabytes of XML (a zip bomb).
MAX_UNPACKED_MB = 200
HEADER_SEARCH_ROWS = 10
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")  # Excel saves "Unicode text" as .txt
XLSX_SUFFIXES = (".xlsx", ".xls")  # a .xls is read only when it is really an XLSX
DELIMITERS = (",", "\t", ";")
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

FIELDS = ("card_no", "head", "house_no", "group", "member_count", "phone", "poor", "notes")

# Header texts as clerks write them, after `_header_forms` has normalised them.
HEADER_NAMES = {
    "card_no": ("卡号", "户号", "积分卡号", "编号"),
    "head": ("户主", "户主姓名", "姓名"),
    "group": ("组", "所属组", "组别", "村民小组", "小组"),
    "member_count": ("人口", "家庭人口", "人数", "家庭人数"),
    "phone": ("电话", "联系电话", "手机", "手机号", "手机号码"),
    "house_no": ("门牌号", "门牌", "住址门牌"),
    "poor": ("建档立卡", "贫困户", "是否贫困户", "建档立卡贫困户", "是否建档立卡"),
    "notes": ("备注",),
}
_FIELD_OF_HEADER = {text: name for name, texts in HEADER_NAMES.items() for text in texts}
_BRACKETS = str.maketrans("", "", "()[]【】〔〕<>《》*:")

TOTALS_WORDS = {"合计", "总计", "小计", "共计"}
POOR_YES = {"是", "y", "yes", "true", "1", "√", "✓", "✔", "贫困户", "建档立卡"}
POOR_NO = {"否", "n", "no", "false", "0", "", "×", "✗", "✘"}


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in one row of the sheet."""

    row: int  # as the clerk sees it in the sheet: 1-based, title rows counted
    column: str  # the field name, "" when the problem is not one column's
    key: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImportPreview:
    """What an import of `path` would do, and what is wrong with the sheet."""

    path: str
    header_row: int
    columns: dict[str, str]
    ignored_columns: list[str]
    rows: list[tuple[int, dict]]
    problems: list[RowProblem]
    new_groups: list[str]
    skipped_rows: list[int]

    @property
    def good_count(self) -> int:
        return len(self.rows)

    @property
    def bad_count(self) -> int:
        return len({problem.row for problem in self.problems})


@dataclass(frozen=True)
class _Header:
    index: int  # 0-based position of the header row
    field_of_column: dict[int, str]
    columns: dict[str, str]
    ignored: list[str]


# ---------------------------------------------------------------------------
# Reading a file into rows of cells


def read_sheet(path) -> list[list]:
    """The rows of cells of a CSV or XLSX file; raises JifenError for a file it cannot read."""
    path = Path(path).expanduser()
    return _rows_of(path, _read_bytes(path))


def _rows_of(path: Path, data: bytes) -> list[list]:
    if path.suffix.lower() in TEXT_SUFFIXES:
        return _text_rows(path, data)
    # What the content is decides, not the name: some office systems save an
    # XLSX under .xls, and an old .xls renamed to .xlsx is still old.
    if data.startswith(OLE2_MAGIC) or (
            path.suffix.lower() == ".xls" and not data.startswith(ZIP_MAGIC)):
        raise JifenError("import.old_xls")
    return _xlsx_rows(path, data)


def _read_bytes(path: Path) -> bytes:
    """The whole file, once the name says it is a sheet we read and its size is sane."""
    if path.suffix.lower() not in TEXT_SUFFIXES + XLSX_SUFFIXES:
        raise JifenError("import.unsupported", suffix=path.suffix or path.name)
    limit = MAX_FILE_MB * 1024 * 1024
    try:
        if not path.is_file():
            raise JifenError("import.not_found", path=str(path))
        if path.stat().st_size > limit:
            raise JifenError("import.too_large", path=str(path), limit_mb=MAX_FILE_MB)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # the file may grow after stat()
    except OSError as error:
        raise JifenError("import.cannot_read", path=str(path),
                         detail=error.strerror or str(error)) from error
    if len(data) > limit:
        raise JifenError("import.too_large", path=str(path), limit_mb=MAX_FILE_MB)
    return data


def _text_rows(path: Path, data: bytes) -> list[list]:
    text = _decode(path, data)
    delimiter = _sniff_delimiter(path, text)
    return _parse_csv(path, text, delimiter)


def _decode(path: Path, data: bytes) -> str:
    """The whole file decoded strictly: a guess from its first lines can be wrong later on."""
    if data.startswith(UTF16_BOMS):
        encodings = ("utf-16",)
    elif b"\x00" in data:
        raise JifenError("import.nul_bytes", path=str(path))
    else:
        encodings = ("utf-8-sig", "gb18030")  # GB18030 includes GBK and GB2312
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise JifenError("import.encoding", path=str(path))
    if "\x00" in text:
        raise JifenError("import.nul_bytes", path=str(path))
    return text.removeprefix("\ufeff")


def _sniff_delimiter(path: Path, text: str) -> str:
    """The delimiter under which the first rows hold the best header.

    csv.Sniffer guesses from character counts and is easily misled by title
    rows and Chinese text; finding the header is what matters, so try each.
    """
    best, best_score = DELIMITERS[0], 0
    for delimiter in DELIMITERS:
        first_rows = _parse_csv(path, text, delimiter, limit=HEADER_SEARCH_ROWS)
        header = _find_header(first_rows)
        score = len(header.columns) if header else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse_csv(path: Path, text: str, delimiter: str, limit: int | None = None) -> list[list]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(itertools.islice(reader, limit))
    except csv.Error as error:  # e.g. a field over csv's size limit
        raise JifenError("import.cannot_read", path=str(path), detail=str(error)) from error


def _xlsx_rows(path: Path, data: bytes) -> list[list]:
    # openpyxl parses the XML through defusedxml when it is installed (it is a
    # dependency), so entity expansion and external entities are refused.
    # Without it openpyxl falls back to the plain parser silently: refuse instead.
    if not openpyxl.DEFUSEDXML:
        raise JifenError("import.bad_xlsx", path=str(path), detail="defusedxml is not installed")
    _check_unpacked_size(path, data)
    # Broken files raise a wide, undocumented range of errors from openpyxl,
    # zipfile and the XML parser; each is a file the clerk must re-save.
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            # The active sheet is what the clerk last looked at, unless it is a chart.
            sheet = workbook.active
            if sheet not in workbook.worksheets:
                sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # stored dimensions are often wrong; read every cell
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except Exception as error:  # deliberately broad, see above
        raise JifenError("import.bad_xlsx", path=str(path), detail=_root_cause(error)) from error


def _root_cause(error: BaseException) -> str:
    """The first cause of a chain of errors, in one line: openpyxl wraps the
    parser's specific error in a long, general one."""
    seen = {id(error)}
    while (error.__cause__ or error.__context__) is not None:
        error = error.__cause__ or error.__context__
        if id(error) in seen:  # a chain can loop back on itself
            break
        seen.add(id(error))
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _check_unpacked_size(path: Path, data: bytes) -> None:
    try:
        unpacked = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise JifenError("import.bad_xlsx", path=str(path), detail=str(error)) from error
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        raise JifenError("import.too_large", path=str(path), limit_mb=MAX_UNPACKED_MB)


# ---------------------------------------------------------------------------
# Finding the header


def _header_forms(text: str) -> tuple[str, str]:
    """A header cell normalised two ways: brackets dropped ("户主(姓名)" -> "户主姓名"),
    and bracketed words dropped ("家庭人口（人）" -> "家庭人口")."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    without_brackets = text.translate(_BRACKETS)
    without_bracketed = text
    for opening, closing in ("()", "[]", "【】"):
        start = without_bracketed.find(opening)
        end = without_bracketed.find(closing, start + 1)
        if start != -1 and end != -1:
            without_bracketed = without_bracketed[:start] + without_bracketed[end + 1:]
    return without_brackets, without_bracketed.translate(_BRACKETS)


def _field_of_header(text: str) -> str | None:
    for form in _header_forms(text):
        if form in _FIELD_OF_HEADER:
            return _FIELD_OF_HEADER[form]
    return None


def _read_header(index: int, cells: list) -> _Header:
    field_of_column, columns, ignored = {}, {}, []
    for column, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        name = _field_of_header(text)
        if name is None or name in columns:  # a second 电话 column is a stray one
            ignored.append(text)
            continue
        field_of_column[column] = name
        columns[name] = text
    return _Header(index, field_of_column, columns, ignored)


def _find_header(rows: list[list]) -> _Header | None:
    """The first row, among the first few, naming both a card and a head column."""
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        header = _read_header(index, cells)
        if "card_no" in header.columns and "head" in header.columns:
            return header
    return None


# ---------------------------------------------------------------------------
# Cleaning the rows


def _plain(value):
    """A cell as the cleaners expect it: 1001.0 -> 1001, an exported '=... -> =..."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return restore_neutralised(value)
    return value


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_totals_row(cells: list) -> bool:
    for cell in cells:
        if isinstance(cell, str):
            text = "".join(unicodedata.normalize("NFKC", cell).split()).strip(":")
            if text in TOTALS_WORDS:
                return True
    return False


def parse_poor(value) -> bool:
    """A yes/no cell of the 建档立卡 column; raises JifenError("import.bad_poor")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool):
        return value
    text = clean_text(value, field="poor")
    if text.lower() in POOR_YES:
        return True
    if text.lower() in POOR_NO:
        return False
    raise JifenError("import.bad_poor", value=text)


def _clean_value(name: str, value):
    """The cleaned value of one cell, or None when the cell is blank (the default applies)."""
    if name == "poor":
        return parse_poor(None if _is_blank(value) else value)
    if _is_blank(value):
        return None
    # The roster's own cleaners, one field at a time, so every problem of a
    # row is found, not just the first.
    return clean_fields(HouseholdFields(**{name: value})).get(name)


def _problem(row: int, column: str, error: JifenError) -> RowProblem:
    if error.key.startswith("import."):
        return RowProblem(row, column, error.key, dict(error.params))
    if error.key == "household.card_no_missing":
        return RowProblem(row, column, "import.card_missing", {})
    if error.key == "household.head_missing":
        return RowProblem(row, column, "import.head_missing", {})
    if error.key == "household.bad_member_count":
        return RowProblem(row, column, "import.bad_member_count", {"value": error.params["value"]})
    if error.key == "household.bad_phone":
        return RowProblem(row, column, "import.bad_phone", {"value": error.params["phone"]})
    # text.control_char, text.too_long: the original key's details are kept.
    return RowProblem(row, column, "import.bad_text", dict(error.params))


def _clean_row(number: int, cells: dict) -> tuple[dict, list[RowProblem]]:
    values, problems = {}, []
    for name, value in cells.items():
        try:
            cleaned = _clean_value(name, value)
        except JifenError as error:
            problems.append(_problem(number, name, error))
            continue
        if cleaned is not None:
            values[name] = cleaned
    for name, key in (("card_no", "import.card_missing"), ("head", "import.head_missing")):
        if not values.get(name) and not any(problem.column == name for problem in problems):
            problems.append(RowProblem(number, name, key, {}))
    return values, problems


def _card_problem(number: int, card: str, existing: set[str], first_rows: dict[str, int]):
    if card in existing:
        return RowProblem(number, "card_no", "import.card_exists", {"card": card})
    if card in first_rows:
        return RowProblem(number, "card_no", "import.card_repeated",
                          {"card": card, "first_row": first_rows[card]})
    return None


def _existing_cards() -> set[str]:
    with db.sqlite_errors_explained():
        return {card for (card,) in Household.select(Household.card_no).tuples()}


def _new_groups(rows: list[tuple[int, dict]]) -> list[str]:
    with db.sqlite_errors_explained():
        known = set(group_names())
    new = []
    for _, values in rows:
        group = values.get("group", "")
        if group and group not in known and group not in new:
            new.append(group)
    return new


# ---------------------------------------------------------------------------
# Preview and import


def preview_roster(path) -> ImportPreview:
    """What importing `path` would do, row by row; reads the village, changes nothing."""
    path = Path(path).expanduser()
    return _preview(path, _read_bytes(path))


def _preview(path: Path, data: bytes) -> ImportPreview:
    sheet = _rows_of(path, data)
    header = _find_header(sheet)
    if header is None:
        raise JifenError("import.no_header", path=str(path), rows=HEADER_SEARCH_ROWS)
    existing = _existing_cards()
    first_rows: dict[str, int] = {}
    good, problems, skipped = [], [], []
    for index in range(header.index + 1, _last_filled_row(sheet, header) + 1):
        number, row = index + 1, sheet[index]
        cells = {name: _plain(row[column]) if column < len(row) else None
                 for column, name in header.field_of_column.items()}
        if _is_totals_row(row) or all(_is_blank(value) for value in cells.values()):
            skipped.append(number)
            continue
        values, row_problems = _clean_row(number, cells)
        card = values.get("card_no")
        if card:
            card_problem = _card_problem(number, card, existing, first_rows)
            first_rows.setdefault(card, number)
            if card_problem:
                row_problems.append(card_problem)
        if row_problems:
            # In the order of the sheet's columns, as the clerk reads the row.
            position = {name: index for index, name in enumerate(cells)}
            problems.extend(sorted(row_problems, key=lambda problem: position[problem.column]))
        else:
            good.append((number, values))
    return ImportPreview(str(path), header.index + 1, header.columns, header.ignored,
                         good, problems, _new_groups(good), skipped)


def _last_filled_row(sheet: list[list], header: _Header) -> int:
    """The index of the last row with something in a known column.

    Blank rows after it are not part of the table (an XLSX often carries
    hundreds of formatted empty rows), so they are not even listed as skipped.
    """
    for index in range(len(sheet) - 1, header.index, -1):
        row = sheet[index]
        if any(column < len(row) and not _is_blank(row[column])
               for column in header.field_of_column):
            return index
    return header.index


def import_roster(actor: Actor, path, *, strict: bool = False) -> ImportPreview:
    """Add the good rows of `path` as households in one transaction, audited as "roster.import".

    With `strict`, any problem refuses the whole file and nothing is written.
    Returns the preview of what was imported (rows) and what was not (problems).
    """
    path = Path(path).expanduser()
    data = _read_bytes(path)
    preview = _preview(path, data)
    _refuse_if_strict(preview, strict)
    if not preview.rows:
        return preview
    with db.write():
        # Another clerk may have added one of these cards since the preview.
        preview = _recheck(preview)
        _refuse_if_strict(preview, strict)
        for _, values in preview.rows:
            insert_household(actor, values)
        audit.record(actor, "roster.import", str(path), file=path.name,
                     sha256=hashlib.sha256(data).hexdigest(),
                     cards=[values["card_no"] for _, values in preview.rows],
                     imported=preview.good_count, bad_rows=preview.bad_count,
                     new_groups=preview.new_groups)
    return preview


def _refuse_if_strict(preview: ImportPreview, strict: bool) -> None:
    if strict and preview.problems:
        raise JifenError("import.strict_refused", count=preview.bad_count)


def _recheck(preview: ImportPreview) -> ImportPreview:
    """The preview again, inside the write: cards taken meanwhile become problems."""
    existing = _existing_cards()
    taken = [(number, values) for number, values in preview.rows if values["card_no"] in existing]
    if not taken:
        return replace(preview, new_groups=_new_groups(preview.rows))
    rows = [(number, values) for number, values in preview.rows if values["card_no"] not in existing]
    problems = preview.problems + [
        RowProblem(number, "card_no", "import.card_exists", {"card": values["card_no"]})
        for number, values in taken]
    problems.sort(key=lambda problem: problem.row)
    return replace(preview, rows=rows, problems=problems, new_groups=_new_groups(rows))
