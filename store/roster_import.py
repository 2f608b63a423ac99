"""Importing a household roster from the sheets villages really keep.

`store.sheets` turns the file (CSV in the encodings Chinese offices use, or
XLSX) into rows of cells; `preview_roster` finds the header among the title
rows, cleans every row with the roster's own cleaners and lists what is wrong,
row by row, without changing anything. `import_roster` then writes the good
rows in one transaction: all of them or none.
"""

import hashlib
import itertools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from store import audit, db, sheets
from store.actor import Actor
from store.errors import JifenError
from store.models import Household
from store.normalize import clean_text, visible, whole_number
from store.roster import clean_field, group_names, insert_households
from store.roster_export import restore_neutralised

HEADER_SEARCH_ROWS = 10

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
    # Of the file's bytes: the import refuses a file changed since its preview.
    sha256: str = ""

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
            ignored.append(visible(text))  # listed to the clerk as the sheet has it
            continue
        field_of_column[column] = name
        columns[name] = text
    return _Header(index, field_of_column, columns, ignored)


def _find_header(rows: Iterable[list]) -> _Header | None:
    """The first row, among the first few, naming both a card and a head column."""
    for index, cells in enumerate(itertools.islice(rows, HEADER_SEARCH_ROWS)):
        header = _read_header(index, cells)
        if "card_no" in header.columns and "head" in header.columns:
            return header
    return None


def _header_score(rows: Iterator[list]) -> int:
    """How many roster columns the header in these rows names: 0 without a header.

    This is how the delimiter of a text sheet is chosen (see `store.sheets`).
    """
    header = _find_header(rows)
    return len(header.columns) if header else 0


# ---------------------------------------------------------------------------
# Cleaning the rows


def _plain(value):
    """A cell as the cleaners expect it: 1001.0 -> 1001, an exported '=... -> =..."""
    if isinstance(value, str):
        return restore_neutralised(value)
    return whole_number(value)


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
    value = whole_number(value)
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
    return clean_field(name, value)


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
    return _preview(path, sheets.read_bytes(path))


def _preview(path: Path, data: bytes) -> ImportPreview:
    sheet = sheets.rows_of(path, data, _header_score)
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
                         good, problems, _new_groups(good), skipped,
                         hashlib.sha256(data).hexdigest())


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


def import_roster(actor: Actor, path, *, strict: bool = False,
                  previewed: str | None = None) -> ImportPreview:
    """Add the good rows of `path` as households in one transaction, audited as "roster.import".

    With `strict`, any problem refuses the whole file and nothing is written.
    `previewed` is the sha256 of the preview the clerk saw: a file changed since
    is refused, so what is written is what was shown. Returns the preview of
    what was imported (rows) and what was not (problems).
    """
    path = Path(path).expanduser()
    data = sheets.read_bytes(path)
    preview = _preview(path, data)
    if previewed is not None and preview.sha256 != previewed:
        raise JifenError("import.file_changed", path=str(path))
    _refuse_if_strict(preview, strict)
    if not preview.rows:
        return preview
    with db.write():
        # Another clerk may have added one of these cards since the preview.
        preview = _recheck(preview)
        _refuse_if_strict(preview, strict)
        insert_households(actor, [values for _, values in preview.rows])
        audit.record(actor, "roster.import", str(path), file=path.name,
                     sha256=preview.sha256,
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
