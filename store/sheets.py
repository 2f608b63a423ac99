"""A spreadsheet file as rows of cells.

Reads a CSV (UTF-8, GBK/GB18030 or Excel's UTF-16 "Unicode text") or an XLSX
file, refusing what it cannot read safely: files over a size cap, XLSX files
that unpack to too much, old binary .xls files, undecodable text. Which
delimiter a text file uses is decided by the caller's idea of what its first
rows should look like (`DelimiterScore`), since a roster's title rows and
Chinese text mislead generic sniffing. The errors carry "import.*" keys: a
sheet is read to be imported.
"""

import csv
import io
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
from openpyxl import load_workbook

from store.errors import JifenError

# openpyxl warns in English, on stderr, with its own file and line, about parts of a
# workbook it skips (a broken relationship, a drawing, a print area): to a clerk
# that reads as a crash, and the rows it did read are checked like any other.
warnings.filterwarnings("ignore", module="openpyxl")

MAX_FILE_MB = 20
# An XLSX is a zip: a small file may unpack to gigabytes of XML (a zip bomb).
MAX_UNPACKED_MB = 200
# Each cell read is a Python object. An XLSX names every cell's place, so a file
# of 20 KB can put one cell in the last column (XFD) of thousands of rows, and
# openpyxl pads each row out to its last cell: 16,384 values a row, gigabytes in
# all. No roster comes near these.
MAX_ROWS = 100_000
MAX_COLUMNS = 200
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")  # Excel saves "Unicode text" as .txt
XLSX_SUFFIXES = (".xlsx", ".xls")  # a .xls is read only when it is really an XLSX
DELIMITERS = (",", "\t", ";")
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# How well the rows of a text file, parsed with one delimiter, look like the
# table wanted; it reads only the rows it needs. The delimiter scoring highest
# is used; the comma when none scores above 0.
DelimiterScore = Callable[[Iterator[list]], int]


def read_sheet(path, score: DelimiterScore) -> list[list]:
    """The rows of cells of a CSV or XLSX file; raises JifenError for a file it cannot read.

    `score` chooses the delimiter of a text file (see DelimiterScore).
    """
    path = Path(path).expanduser()
    return rows_of(path, read_bytes(path), score)


def read_bytes(path: Path) -> bytes:
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


def rows_of(path: Path, data: bytes, score: DelimiterScore) -> list[list]:
    """The rows of cells of `data`, the content of the file at `path`."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        return _text_rows(path, data, score)
    # What the content is decides, not the name: some office systems save an
    # XLSX under .xls, and an old .xls renamed to .xlsx is still old.
    if data.startswith(OLE2_MAGIC) or (
            path.suffix.lower() == ".xls" and not data.startswith(ZIP_MAGIC)):
        raise JifenError("import.old_xls")
    return _xlsx_rows(path, data)


# ---------------------------------------------------------------------------
# Text files


def _text_rows(path: Path, data: bytes, score: DelimiterScore) -> list[list]:
    text = _decode(path, data)
    delimiter = _sniff_delimiter(path, text, score)
    return _bounded(path, _csv_rows(path, text, delimiter))


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


def _sniff_delimiter(path: Path, text: str, score: DelimiterScore) -> str:
    """The delimiter under which the first rows score best; the first one on a tie.

    csv.Sniffer guesses from character counts and is easily misled by title
    rows and Chinese text; what the rows should look like is what matters.
    """
    best, best_score = DELIMITERS[0], 0
    for delimiter in DELIMITERS:
        delimiter_score = score(_csv_rows(path, text, delimiter))
        if delimiter_score > best_score:
            best, best_score = delimiter, delimiter_score
    return best


def _csv_rows(path: Path, text: str, delimiter: str) -> Iterator[list]:
    """The rows of `text`, parsed as they are read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:  # e.g. a field over csv's size limit
        raise JifenError("import.cannot_read", path=str(path), detail=str(error)) from error


# ---------------------------------------------------------------------------
# XLSX files


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
            return _bounded(path, sheet.iter_rows(values_only=True))
        finally:
            workbook.close()
    except JifenError:
        raise
    except Exception as error:  # deliberately broad, see above
        raise JifenError("import.bad_xlsx", path=str(path), detail=_root_cause(error)) from error


def _bounded(path: Path, rows) -> list[list]:
    """The rows as lists, refused past MAX_ROWS rows or MAX_COLUMNS filled columns
    (empty cells at the end of a row, formatted but blank, do not count)."""
    kept = []
    for row in rows:
        if len(row) > MAX_COLUMNS:
            row = list(row)
            while row and row[-1] in (None, ""):
                row.pop()
            if len(row) > MAX_COLUMNS:
                raise JifenError("import.too_wide", path=str(path), limit=MAX_COLUMNS)
        if len(kept) == MAX_ROWS:
            raise JifenError("import.too_many_rows", path=str(path), limit=MAX_ROWS)
        kept.append(list(row))
    return kept


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
