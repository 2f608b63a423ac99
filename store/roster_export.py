"""Exporting the household roster as a CSV or XLSX sheet.

The sheet is built in memory, written to a temporary file beside the
destination and renamed over it, so a failed export never leaves half a file.
Its headers are ones `roster_import` reads back, so an export can be imported
into another village.
"""

import csv
import io
import os
import secrets
from pathlib import Path

from openpyxl import Workbook

from store.errors import JifenError
from store.roster import HouseholdInfo, find_households

EXPORT_HEADERS = ("卡号", "户主", "门牌号", "所属组", "家庭人口", "联系电话", "建档立卡", "状态", "备注")
STATUS_TEXT = {"active": "正常", "moved": "迁出", "merged": "已合户", "closed": "已注销"}

# A cell starting with one of these is run as a formula by Excel, WPS or
# LibreOffice (CSV injection); a leading ' makes it plain text there.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SAFE_PREFIX = "'"

# Widths in characters, one per header: readable when the sheet is opened.
_XLSX_WIDTHS = (10, 12, 10, 8, 9, 16, 9, 8, 30)


def neutralise_formula(value):
    """Text that a spreadsheet would run as a formula gets a leading quote; numbers pass.

    Text that already starts with quotes before a formula sign gets one more,
    so that `restore_neutralised` gives back exactly what was written.
    """
    if isinstance(value, str) and value.lstrip(SAFE_PREFIX).startswith(FORMULA_STARTS):
        return SAFE_PREFIX + value
    return value


def restore_neutralised(text: str) -> str:
    """Undo `neutralise_formula`, so an exported sheet imports as it was."""
    if text.startswith(SAFE_PREFIX) and text.lstrip(SAFE_PREFIX).startswith(FORMULA_STARTS):
        return text[1:]
    return text


def roster_row(household: HouseholdInfo) -> tuple:
    """One household as the cells of an export row, in EXPORT_HEADERS order."""
    cells = (
        household.card_no, household.head, household.house_no, household.group,
        household.member_count, household.phone, "是" if household.poor else "否",
        STATUS_TEXT.get(household.status, household.status), household.notes,
    )
    return tuple(neutralise_formula(cell) for cell in cells)


def export_roster(path, households: list[HouseholdInfo] | None = None) -> int:
    """Write the roster (default: every household) to a .csv or .xlsx file; returns the rows written."""
    path = Path(path).expanduser()
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        raise JifenError("export.unsupported", suffix=path.suffix or path.name)
    if households is None:
        households = find_households()
    rows = [roster_row(household) for household in households]
    write_atomically(path, writer(rows))
    return len(rows)


def _csv_bytes(rows: list[tuple]) -> bytes:
    # UTF-8 with a BOM: without it Excel and WPS read the file as GBK and
    # show the Chinese as mojibake. CRLF line ends are what Excel writes.
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_bytes(rows: list[tuple]) -> bytes:
    # Card numbers and phones are str cells, so Excel keeps their leading
    # zeros; the member count is an int cell, so it sums.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    for column, width in zip("ABCDEFGHI", _XLSX_WIDTHS):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.append(EXPORT_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_WRITERS = {".csv": _csv_bytes, ".xlsx": _xlsx_bytes}


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a new file beside `path`, then rename it over `path`."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # O_EXCL: never write through someone else's file; mode 0o666 lets the
        # umask decide the permissions, as for any file the clerk saves.
        descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise JifenError("export.cannot_write", path=str(path),
                         detail=error.strerror or str(error)) from error
