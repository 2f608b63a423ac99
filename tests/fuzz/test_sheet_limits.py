"""Sheets small on disk and huge once read, found by the roster fuzz tests: a workbook
with cells in the last column (XFD), a CSV of millions of short rows. store/sheets.py
refuses them by a cap on rows and filled columns, in words."""


from store import sheets
from store.errors import JifenError
from store.roster_import import preview_roster
from tests.fuzz.test_roster_fuzz import with_part, xlsx_bytes

def wide_workbook(rows: int) -> bytes:
    """`rows` rows, each with a cell in the last column (XFD): 16,384 values a row."""
    cells = "".join(f'<row r="{row}"><c r="A{row}"><v>{row}</v></c>'
                    f'<c r="XFD{row}" t="inlineStr"><is><t>x</t></is></c></row>'
                    for row in range(2, rows + 2))
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>卡号</t></is></c>'
             '<c r="B1" t="inlineStr"><is><t>户主</t></is></c></row>'
             f'{cells}</sheetData></worksheet>')
    return with_part(xlsx_bytes([]), "xl/worksheets/sheet1.xml", sheet.encode())


def refusal_key(path) -> str:
    try:
        preview_roster(path)
    except JifenError as error:
        return error.key
    return ""


def test_a_workbook_of_wide_rows_is_refused(village_path, tmp_path):
    """4 KB on disk, 6 MB read; 3,000 such rows (20 KB) took 400 MB, 20,000 would
    take gigabytes on a village laptop."""
    path = tmp_path / "roster.xlsx"
    path.write_bytes(wide_workbook(50))
    assert path.stat().st_size < 10_000
    assert refusal_key(path) == "import.too_wide"


def test_a_sheet_of_too_many_rows_is_refused(village_path, tmp_path, monkeypatch):
    """A 20 MB CSV of short rows is 2.2 million households: 540 MB to read and
    half a minute to preview. The cap is lowered here to keep the test short."""
    monkeypatch.setattr(sheets, "MAX_ROWS", 10, raising=False)
    path = tmp_path / "roster.csv"
    path.write_text("卡号,户主\n" + "".join(f"{card},张三\n" for card in range(1, 12)),
                    encoding="utf-8")
    assert refusal_key(path) == "import.too_many_rows"
