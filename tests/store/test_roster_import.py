"""Roster import: every kind of sheet villages keep, every kind of bad row."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from defusedxml import DefusedXmlException
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from store import roster_import, sheets
from store.errors import JifenError
from store.models import Audit, Household, VillagerGroup
from store.roster import HouseholdFields, add_household, find_households, get_household
from store.roster_import import import_roster, parse_poor, preview_roster
from store.sheets import read_sheet
from tests.store.test_roster_export import folder_anyone_may_enter, run_unprivileged

HEADER = ["卡号", "户主", "所属组", "家庭人口", "联系电话", "门牌号", "建档立卡", "备注"]


def write_csv(folder, rows, *, encoding="utf-8", delimiter=",", name="roster.csv"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = folder / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(folder, rows, *, name="roster.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = folder / name
    workbook.save(path)
    return path


def village_counts():
    return (Household.select().count(), Audit.select().count(), VillagerGroup.select().count())


def problems_of(preview):
    return [(problem.row, problem.column, problem.key) for problem in preview.problems]


def refusal(call, *args, **kwargs) -> JifenError:
    with pytest.raises(JifenError) as caught:
        call(*args, **kwargs)
    return caught.value


# ---------------------------------------------------------------------------
# Reading the file (store.sheets), through the preview: encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding(village_path, tmp_path, encoding):
    path = write_csv(tmp_path, [["卡号", "户主", "所属组"], ["1001", "张三", "一组"],
                                ["1002", "欧阳修", "二组"]], encoding=encoding)
    preview = preview_roster(path)
    assert [values["head"] for _, values in preview.rows] == ["张三", "欧阳修"]
    assert preview.columns == {"card_no": "卡号", "head": "户主", "group": "所属组"}


def test_utf8_bom_is_not_part_of_the_first_header(village_path, tmp_path):
    path = write_csv(tmp_path, [["卡号", "户主"], ["1001", "张三"]], encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert preview_roster(path).columns["card_no"] == "卡号"


def test_gb18030_only_characters(village_path, tmp_path):
    # 㑇 and 䶮 are outside GBK: a GBK decoder alone would refuse this file.
    rows = [["卡号", "户主"], ["1001", "刘䶮"], ["1002", "㑇三"]]
    with pytest.raises(UnicodeEncodeError):
        "刘䶮㑇".encode("gbk")
    path = write_csv(tmp_path, rows, encoding="gb18030")
    assert [values["head"] for _, values in preview_roster(path).rows] == ["刘䶮", "㑇三"]


def test_utf16_unicode_text_from_excel(village_path, tmp_path):
    # Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated, saved as .txt.
    text = "卡号\t户主\t家庭人口\r\n1001\t张三\t3\r\n"
    path = tmp_path / "roster.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    preview = preview_roster(path)
    assert preview.rows == [(2, {"card_no": "1001", "head": "张三", "member_count": 3})]


def test_utf16_big_endian(village_path, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(b"\xfe\xff" + "卡号\t户主\n1001\t张三\n".encode("utf-16-be"))
    assert preview_roster(path).good_count == 1


def test_undecodable_file_is_refused(village_path, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("卡号,户主\n1001,".encode() + b"\xff\xfe\xff\n")
    error = refusal(preview_roster, path)
    assert (error.key, error.params) == ("import.encoding", {"path": str(path)})


def test_mixed_encodings_never_import_garbled_text(village_path, tmp_path):
    # UTF-8 at the top, a GBK line far below: a guess from the first lines
    # would take UTF-8 and fail (or garble) later. The whole file is not UTF-8,
    # so it is read as GB18030, whose garbled header is then not found.
    good = "卡号,户主\n" + "".join(f"{1000 + n},张三\n" for n in range(200))
    path = tmp_path / "roster.csv"
    path.write_bytes(good.encode("utf-8") + "9999,李四\n".encode("gbk"))
    assert refusal(preview_roster, path).key == "import.no_header"


def test_nul_bytes_are_refused(village_path, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(b"\xe5\x8d\xa1\xe5\x8f\xb7,\x00\x00\x00head\n")
    assert refusal(preview_roster, path).key == "import.nul_bytes"


def test_xlsx_renamed_to_csv_is_not_a_text_table(village_path, tmp_path):
    path = write_xlsx(tmp_path, [["卡号", "户主"], [1001, "张三"]])
    path = path.rename(tmp_path / "roster.csv")
    error = refusal(preview_roster, path)
    assert (error.key, error.params) == ("import.nul_bytes", {"path": str(path)})


def test_nul_characters_inside_utf16_are_refused(village_path, tmp_path):
    path = tmp_path / "roster.txt"
    path.write_bytes(b"\xff\xfe" + "卡号\t户主\n1001\t张\x00三\n".encode("utf-16-le"))
    assert refusal(preview_roster, path).key == "import.nul_bytes"


def test_file_over_the_size_cap_is_refused(village_path, tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_FILE_MB", 1)
    path = tmp_path / "roster.csv"
    path.write_bytes(b"a" * (1024 * 1024 + 1))
    error = refusal(preview_roster, path)
    assert (error.key, error.params["limit_mb"]) == ("import.too_large", 1)


def test_a_huge_csv_field_is_a_clean_refusal(village_path, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("卡号,户主,备注\n1001,张三,\"" + "长" * 200_000 + "\"\n", encoding="utf-8")
    assert refusal(preview_roster, path).key == "import.cannot_read"


# ---------------------------------------------------------------------------
# Reading the file (store.sheets), through the preview: what kind of file


def test_missing_file(village_path, tmp_path):
    error = refusal(preview_roster, tmp_path / "nowhere.csv")
    assert (error.key, error.params) == ("import.not_found", {"path": str(tmp_path / "nowhere.csv")})


PREVIEW_EACH = """
import sys

from store import db
from store.errors import JifenError
from store.roster_import import preview_roster

db.open_village(sys.argv[1])
preview_roster(sys.argv[2])  # as root: Python loads some modules on first use
drop_privileges()
for path in sys.argv[2:]:
    try:
        print(preview_roster(path).good_count)
    except JifenError as error:
        print(error.key)
"""


def test_a_sheet_the_user_may_not_read(village_path):
    # Root reads any file, so the preview runs as nobody (see run_unprivileged).
    with folder_anyone_may_enter() as folder:
        readable = write_csv(folder, [HEADER, ["1001", "张三"]], name="readable.csv")
        unreadable = write_csv(folder, [HEADER, ["1001", "张三"]], name="unreadable.csv")
        readable.chmod(0o644)
        unreadable.chmod(0o000)
        printed = run_unprivileged(PREVIEW_EACH, village_path, readable, unreadable)
    # The same sheet is read when it may be: the file's mode is what refuses it.
    assert printed == ["1", "import.cannot_read"]


@pytest.mark.parametrize("name", ["roster.docx", "roster.pdf", "roster"])
def test_unsupported_suffix(village_path, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"whatever")
    assert refusal(preview_roster, path).key == "import.unsupported"


def test_suffix_is_case_insensitive(village_path, tmp_path):
    path = write_csv(tmp_path, [["卡号", "户主"], ["1001", "张三"]], name="ROSTER.CSV")
    assert preview_roster(path).good_count == 1


@pytest.mark.parametrize("name", ["roster.xls", "roster.xlsx"])
def test_old_binary_xls_is_refused_with_advice(village_path, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert refusal(preview_roster, path).key == "import.old_xls"


def test_xlsx_saved_under_xls_name_is_read(village_path, tmp_path):
    path = write_xlsx(tmp_path, [["卡号", "户主"], [1001, "张三"]], name="roster.xls")
    assert preview_roster(path).rows == [(2, {"card_no": "1001", "head": "张三"})]


@pytest.mark.parametrize("content", [b"card,head\n1,2\n", b"PK\x03\x04broken", b""])
def test_not_an_xlsx(village_path, tmp_path, content):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    error = refusal(preview_roster, path)
    assert error.key == "import.bad_xlsx"
    assert error.params["path"] == str(path) and error.params["detail"]


def test_truncated_xlsx(village_path, tmp_path):
    path = write_xlsx(tmp_path, [["卡号", "户主"], [1001, "张三"]])
    path.write_bytes(path.read_bytes()[:-200])
    assert refusal(preview_roster, path).key == "import.bad_xlsx"


def _replace_in_xlsx(path, member, content):
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    parts[member] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE sheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["bomb", "xxe"])
def test_xml_entities_are_refused(village_path, tmp_path, member, payload):
    path = write_xlsx(tmp_path, [["卡号", "户主"], [1001, "张三"]])
    _replace_in_xlsx(path, member, payload)
    error = refusal(preview_roster, path)
    assert error.key == "import.bad_xlsx"
    # Refused by defusedxml, not by luck: the plain parser would expand the
    # bomb into a cell, or fail on the external entity for another reason.
    cause = error
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__
    assert isinstance(cause, DefusedXmlException)
    assert type(cause).__name__ in error.params["detail"]


def test_xlsx_is_refused_if_openpyxl_lost_defusedxml(village_path, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path, [["卡号", "户主"], [1001, "张三"]])
    monkeypatch.setattr(sheets.openpyxl, "DEFUSEDXML", False)
    assert refusal(preview_roster, path).key == "import.bad_xlsx"


def test_zip_bomb_is_refused_before_unpacking(village_path, tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_UNPACKED_MB", 1)
    path = write_xlsx(tmp_path, [["卡号", "户主"], [1001, "张三"]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\x00" * (2 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    error = refusal(preview_roster, path)
    assert (error.key, error.params["limit_mb"]) == ("import.too_large", 1)


# ---------------------------------------------------------------------------
# Sheet quirks


def test_title_rows_above_the_header(village_path, tmp_path):
    rows = [["麻子沟村农户花名册"], ["填表日期：2026年11月"], HEADER,
            ["1001", "张三", "1组", "3", "", "", "否", ""], ["1002", "", "1组", "", "", "", "", ""]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert preview.header_row == 3
    assert [number for number, _ in preview.rows] == [4]
    assert problems_of(preview) == [(5, "head", "import.head_missing")]


def test_title_rows_in_xlsx_count_in_row_numbers(village_path, tmp_path):
    rows = [["麻子沟村农户花名册"], [None], HEADER, [1001, "张三"], [None], [1002, None]]
    preview = preview_roster(write_xlsx(tmp_path, rows))
    assert preview.header_row == 3
    assert preview.rows[0][0] == 4
    assert preview.skipped_rows == [5]
    assert problems_of(preview) == [(6, "head", "import.head_missing")]


def test_header_on_the_tenth_row_is_found_not_the_eleventh(village_path, tmp_path):
    titles = [[f"说明第{n}行"] for n in range(9)]
    preview = preview_roster(write_csv(tmp_path, titles + [["卡号", "户主"], ["1", "张三"]]))
    assert preview.header_row == 10
    path = write_csv(tmp_path, titles + [["说明"], ["卡号", "户主"], ["1", "张三"]], name="late.csv")
    error = refusal(preview_roster, path)
    assert (error.key, error.params) == ("import.no_header", {"path": str(path), "rows": 10})


def test_a_sheet_without_a_head_column_has_no_header(village_path, tmp_path):
    path = write_csv(tmp_path, [["卡号", "名字"], ["1001", "张三"]])
    assert refusal(preview_roster, path).key == "import.no_header"


def test_empty_file_has_no_header(village_path, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(b"")
    assert refusal(preview_roster, path).key == "import.no_header"


HEADER_VARIANTS = {
    "card_no": ["卡号", "户号", "积分卡号", "编号", "卡 号", "*卡号", "积分卡号（必填）"],
    "head": ["户主", "户主姓名", "姓名", "户主（姓名）", "户主(姓名)", " 户 主 "],
    "group": ["组", "所属组", "组别", "村民小组", "小组"],
    "member_count": ["人口", "家庭人口", "人数", "家庭人数", "家庭人口（人）", "家庭人口(人)"],
    "phone": ["电话", "联系电话", "手机", "手机号", "手机号码", "联系电话【手机】"],
    "house_no": ["门牌号", "门牌", "住址门牌"],
    "poor": ["建档立卡", "贫困户", "是否贫困户", "建档立卡贫困户", "是否建档立卡"],
    "notes": ["备注"],
}


@pytest.mark.parametrize("name,text", [(name, text) for name, texts in HEADER_VARIANTS.items()
                                       for text in texts])
def test_header_variants(name, text):
    assert roster_import._field_of_header(text) == name


@pytest.mark.parametrize("text", ["序号", "身份证号", "卡", "户主关系", "状态", "签字"])
def test_headers_not_understood(text):
    assert roster_import._field_of_header(text) is None


def test_a_whole_sheet_with_other_header_words(village_path, tmp_path):
    header = ["户号", "户主姓名", "村民小组", "家庭人数", "手机号码", "门牌", "建档立卡贫困户", "备注"]
    path = write_csv(tmp_path, [header, ["7", "王五", "第三组", "4", "13800138000", "12号", "√", "新户"]])
    preview = preview_roster(path)
    assert preview.columns == dict(zip(
        ["card_no", "head", "group", "member_count", "phone", "house_no", "poor", "notes"], header))
    assert preview.rows == [(2, {"card_no": "7", "head": "王五", "group": "3组", "member_count": 4,
                                 "phone": "13800138000", "house_no": "12号", "poor": True,
                                 "notes": "新户"})]


def test_export_headers_are_understood(village_path, tmp_path):
    header = ["卡号", "户主", "门牌号", "所属组", "家庭人口", "联系电话", "建档立卡", "状态", "备注"]
    preview = preview_roster(write_csv(tmp_path, [header, ["1", "张三", "", "", "2", "", "否", "正常", ""]]))
    assert set(preview.columns) == set(roster_import.FIELDS)
    assert preview.ignored_columns == ["状态"]


def test_stray_columns_are_listed_and_their_cells_ignored(village_path, tmp_path):
    rows = [["序号", "卡号", "身份证号", "户主", "", "手机", "电话"],
            ["1", "1001", "610000199001011234", "张三", "x", "13800138000", "13900139000"]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert preview.ignored_columns == ["序号", "身份证号", "电话"]
    assert preview.columns["phone"] == "手机"
    assert preview.rows == [(2, {"card_no": "1001", "head": "张三", "phone": "13800138000"})]
    assert preview.problems == []


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiters_are_sniffed(village_path, tmp_path, delimiter):
    rows = [["麻子沟村花名册"], ["卡号", "户主", "备注"], ["1001", "张三", "说明, 带逗号; 和分号"]]
    preview = preview_roster(write_csv(tmp_path, rows, delimiter=delimiter))
    assert preview.rows == [(3, {"card_no": "1001", "head": "张三", "notes": "说明, 带逗号; 和分号"})]


def test_numbers_stored_as_numbers_in_xlsx(village_path, tmp_path):
    rows = [HEADER,
            [1001, "张三", 1, 3, 13800138000, 12, 1, None],
            [1002.0, "李四", 2.0, 4.0, 13900139000.0, 15.0, 0, None]]
    preview = preview_roster(write_xlsx(tmp_path, rows))
    assert preview.problems == []
    first, second = (values for _, values in preview.rows)
    assert first == {"card_no": "1001", "head": "张三", "group": "1组", "member_count": 3,
                     "phone": "13800138000", "house_no": "12", "poor": True}
    assert second == {"card_no": "1002", "head": "李四", "group": "2组", "member_count": 4,
                      "phone": "13900139000", "house_no": "15", "poor": False}


def test_xlsx_booleans_in_the_poor_column(village_path, tmp_path):
    preview = preview_roster(write_xlsx(tmp_path, [["卡号", "户主", "建档立卡"],
                                                   [1, "张三", True], [2, "李四", False]]))
    assert [values["poor"] for _, values in preview.rows] == [True, False]


def test_full_width_digits_and_stray_spaces(village_path, tmp_path):
    rows = [HEADER, ["１００３", " 张 三 ", " 第 一 组 ", "３人", "１３８ ０013 ８000", " 5 号 ", " 是 ", "  "],
            [" 10 04 ", "欧阳 · 修", "1", " 2 ", "", "", "", ""]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert preview.problems == []
    first, second = (values for _, values in preview.rows)
    assert first == {"card_no": "1003", "head": "张三", "group": "1组", "member_count": 3,
                     "phone": "138 0013 8000", "house_no": "5 号", "poor": True}
    assert second["card_no"] == "1004" and second["head"] == "欧阳·修"
    assert second["member_count"] == 2


@pytest.mark.parametrize("word", ["合计", "总计", "小计", "共计", " 合 计 ", "合计：", "总计:"])
def test_totals_rows_are_skipped(village_path, tmp_path, word):
    rows = [HEADER, ["1001", "张三", "", "3"], ["", word, "", "3"], ["1002", "李四", "", "2"]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert [number for number, _ in preview.rows] == [2, 4]
    assert preview.skipped_rows == [3] and preview.problems == []


def test_totals_word_in_an_unknown_column_still_skips_the_row(village_path, tmp_path):
    rows = [["序号", "卡号", "户主", "家庭人口"], ["1", "1001", "张三", "3"], ["合计", "", "", "3"]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert preview.skipped_rows == [3] and preview.problems == []


def test_blank_rows_are_skipped_and_trailing_ones_not_listed(village_path, tmp_path):
    rows = [HEADER, ["1001", "张三"], [], ["", "  ", ""], ["1002", "李四"], [""], [], ["", ""]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert [number for number, _ in preview.rows] == [2, 5]
    assert preview.skipped_rows == [3, 4]


def test_a_row_filled_only_in_stray_columns_is_blank(village_path, tmp_path):
    rows = [["序号", "卡号", "户主"], ["1", "1001", "张三"], ["2", "", ""], ["3", "1002", "李四"]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert preview.skipped_rows == [3] and preview.problems == []


def test_xlsx_formatted_empty_rows_at_the_end(village_path, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["卡号", "户主"])
    sheet.append([1001, "张三"])
    for row in range(3, 300):
        sheet.cell(row=row, column=1).number_format = "@"  # formatted, no value
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    preview = preview_roster(path)
    assert preview.good_count == 1 and preview.skipped_rows == []


def test_xlsx_first_sheet_when_the_active_one_is_a_chart(village_path, tmp_path):
    workbook = Workbook()
    workbook.active.append(["卡号", "户主"])
    workbook.active.append([1001, "张三"])
    chart = BarChart()
    chart.add_data(Reference(workbook.active, min_col=1, min_row=1, max_row=2))
    workbook.create_chartsheet("图表").add_chart(chart)
    workbook.active = 1
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    assert preview_roster(path).good_count == 1


def test_xlsx_active_sheet_is_read(village_path, tmp_path):
    workbook = Workbook()
    workbook.active.append(["说明"])
    other = workbook.create_sheet("花名册")
    other.append(["卡号", "户主"])
    other.append([2001, "赵六"])
    workbook.active = 1
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    assert preview_roster(path).rows == [(2, {"card_no": "2001", "head": "赵六"})]


def test_quoted_line_break_in_a_note(village_path, tmp_path):
    rows = [["卡号", "户主", "备注"], ["1001", "张三", "第一行\n第二行"], ["1002", "李四", ""]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert preview.rows[0][1]["notes"] == "第一行\n第二行"
    assert [number for number, _ in preview.rows] == [2, 3]  # records, as a spreadsheet shows them


def test_read_sheet_gives_the_raw_cells(tmp_path):
    path = write_csv(tmp_path, [["标题"], ["卡号", "户主"], ["1", "张三"]], delimiter=";")
    assert read_sheet(path, roster_import._header_score) == [["标题"], ["卡号", "户主"], ["1", "张三"]]


def test_the_callers_score_picks_the_delimiter(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("a;b;c,d\n1;2;3,4\n", encoding="utf-8")

    def width_of_first_row(rows):
        return len(next(rows, []))

    assert read_sheet(path, width_of_first_row) == [["a", "b", "c,d"], ["1", "2", "3,4"]]
    # No delimiter scores: the comma, as most CSV files are.
    assert read_sheet(path, lambda rows: 0) == [["a;b;c", "d"], ["1;2;3", "4"]]


# ---------------------------------------------------------------------------
# Bad rows


def test_each_kind_of_bad_row(village_path, actor, tmp_path):
    add_household(actor, HouseholdFields(card_no="900", head="老住户"))
    rows = [["麻子沟村农户花名册"], HEADER,
            ["1001", "张三", "1组", "3", "13800138000", "1号", "否", ""],  # row 3: good
            ["", "李四", "", "", "", "", "", ""],  # 4: card missing
            ["1002", "", "", "", "", "", "", ""],  # 5: head missing
            ["900", "王五", "", "", "", "", "", ""],  # 6: card in the village
            ["1001", "张三", "", "", "", "", "", ""],  # 7: repeats row 3
            ["1003", "赵六", "", "0", "", "", "", ""],  # 8: member count 0
            ["1004", "钱七", "", "100", "", "", "", ""],  # 9: member count 100
            ["1005", "孙八", "", "", "12", "", "", ""],  # 10: bad phone
            ["1006", "周九", "", "", "", "", "也许", ""],  # 11: bad poor flag
            ["1007", "吴\u202e十", "", "", "", "", "", ""],  # 12: bidi in the head
            ["1008", "郑一", "", "", "", "", "", "响铃\x07"],  # 13: control char in the notes
            ["1009", "冯二", "组" * 41, "", "", "", "", ""],  # 14: group too long
            ["", "", "", "abc", "", "", "", ""]]  # 15: several problems
    preview = preview_roster(write_csv(tmp_path, rows))
    assert [number for number, _ in preview.rows] == [3]
    assert problems_of(preview) == [
        (4, "card_no", "import.card_missing"),
        (5, "head", "import.head_missing"),
        (6, "card_no", "import.card_exists"),
        (7, "card_no", "import.card_repeated"),
        (8, "member_count", "import.bad_member_count"),
        (9, "member_count", "import.bad_member_count"),
        (10, "phone", "import.bad_phone"),
        (11, "poor", "import.bad_poor"),
        (12, "head", "import.bad_text"),
        (13, "notes", "import.bad_text"),
        (14, "group", "import.bad_text"),
        (15, "card_no", "import.card_missing"),
        (15, "head", "import.head_missing"),
        (15, "member_count", "import.bad_member_count"),
    ]
    params = {(problem.row, problem.column): problem.params for problem in preview.problems}
    assert params[(6, "card_no")] == {"card": "900"}
    assert params[(7, "card_no")] == {"card": "1001", "first_row": 3}
    assert params[(8, "member_count")] == {"value": "0"}
    assert params[(10, "phone")] == {"value": "12"}
    assert params[(11, "poor")] == {"value": "也许"}
    assert preview.good_count == 1 and preview.bad_count == 12


def test_repeated_card_after_cleaning(village_path, tmp_path):
    rows = [["卡号", "户主"], ["a01", "张三"], ["Ａ０１", "李四"], [" A 01", "王五"]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert preview.rows == [(2, {"card_no": "A01", "head": "张三"})]
    assert [problem.params for problem in preview.problems] == [
        {"card": "A01", "first_row": 2}, {"card": "A01", "first_row": 2}]


@pytest.mark.parametrize("value", [0, 100, -1, 2.5, "两个", "3.5", "abc"])
def test_bad_member_counts(village_path, tmp_path, value):
    preview = preview_roster(write_xlsx(tmp_path, [["卡号", "户主", "人口"], [1, "张三", value]]))
    assert problems_of(preview) == [(2, "member_count", "import.bad_member_count")]
    assert preview.problems[0].params == {"value": str(value)}


def test_missing_member_count_takes_the_default(village_path, actor, tmp_path):
    path = write_csv(tmp_path, [["卡号", "户主", "人口"], ["1", "张三", ""]])
    preview = preview_roster(path)
    assert "member_count" not in preview.rows[0][1]
    import_roster(actor, path)
    assert get_household("1").member_count == 1


@pytest.mark.parametrize("value", ["是", "Y", "y", "yes", "YES", "true", "True", "1", "√", "✓", "✔",
                                   "贫困户", "建档立卡", "Ｙ", " 是 ", 1, 1.0, True])
def test_poor_yes(value):
    assert parse_poor(value) is True


@pytest.mark.parametrize("value", ["否", "N", "n", "no", "false", "0", "", None, "×", "✗", 0, False])
def test_poor_no(value):
    assert parse_poor(value) is False


@pytest.mark.parametrize("value", ["也许", "2", "非贫困户", "yes!"])
def test_poor_other(value):
    with pytest.raises(JifenError) as caught:
        parse_poor(value)
    assert (caught.value.key, caught.value.params) == ("import.bad_poor", {"value": value})


def test_new_groups_are_normalised_and_listed_once(village_path, actor, tmp_path):
    add_household(actor, HouseholdFields(card_no="900", head="老住户", group="3组"))
    rows = [["卡号", "户主", "组"], ["1", "张三", "1"], ["2", "李四", "一组"], ["3", "王五", "第1组"],
            ["4", "赵六", "第三组"], ["5", "", "9组"], ["6", "钱七", "东组"], ["7", "孙八", ""]]
    preview = preview_roster(write_csv(tmp_path, rows))
    assert preview.new_groups == ["1组", "东组"]  # 3组 exists; 9组 is only in a bad row


# ---------------------------------------------------------------------------
# Preview and import


def test_preview_changes_nothing(village_path, tmp_path):
    rows = [HEADER, ["1001", "张三", "一组", "3", "", "", "是", ""], ["1002", "", "", "", "", "", "", ""]]
    path = write_csv(tmp_path, rows)
    before = village_counts()
    preview = preview_roster(path)
    assert preview.good_count == 1 and preview.new_groups == ["1组"]
    assert village_counts() == before


def test_import_adds_the_good_rows(village_path, actor, tmp_path):
    rows = [["花名册"], HEADER,
            ["1001", "张三", "一组", "3", "13800138000", "1号", "是", "低保"],
            ["1002", "", "", "", "", "", "", ""],
            ["1003", "李四", "二组", "", "", "", "", ""]]
    preview = import_roster(actor, write_csv(tmp_path, rows))
    assert preview.good_count == 2 and preview.bad_count == 1
    zhang = get_household("1001")
    assert (zhang.head, zhang.group, zhang.member_count, zhang.phone, zhang.house_no,
            zhang.poor, zhang.notes, zhang.status) == (
        "张三", "1组", 3, "13800138000", "1号", True, "低保", "active")
    assert [household.card_no for household in find_households()] == ["1001", "1003"]
    assert Household.get(Household.card_no == "1003").head_initials == "ls"


def test_import_writes_one_audit_row(village_path, actor, tmp_path):
    path = write_csv(tmp_path, [HEADER, ["1001", "张三", "一组"], ["1002", "李四", "东组"], ["1003", ""]])
    audit_rows = Audit.select().count()
    import_roster(actor, path)
    assert Audit.select().count() == audit_rows + 1
    row = Audit.select().order_by(Audit.id.desc()).first()
    summary = json.loads(row.summary)
    assert (row.action, row.target, row.staff_name) == ("roster.import", str(path), "王建国")
    assert summary["file"] == "roster.csv"
    assert summary["cards"] == ["1001", "1002"]
    assert (summary["imported"], summary["bad_rows"]) == (2, 1)
    assert summary["new_groups"] == ["1组", "东组"]
    assert summary["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_strict_refuses_a_sheet_with_problems_and_writes_nothing(village_path, actor, tmp_path):
    rows = [HEADER, ["1001", "张三", "一组"], ["1002", ""], ["1003", "李四", "", "abc"]]
    before = village_counts()
    error = refusal(import_roster, actor, write_csv(tmp_path, rows), strict=True)
    assert (error.key, error.params) == ("import.strict_refused", {"count": 2})
    assert village_counts() == before


def test_strict_imports_a_clean_sheet(village_path, actor, tmp_path):
    preview = import_roster(actor, write_csv(tmp_path, [HEADER, ["1001", "张三"]]), strict=True)
    assert preview.good_count == 1 and get_household("1001").head == "张三"


def test_a_failure_inside_the_transaction_leaves_nothing(village_path, actor, tmp_path, monkeypatch):
    rows = [HEADER] + [[str(1000 + n), f"户主{n}", f"{n}组"] for n in range(5)]
    path = write_csv(tmp_path, rows)
    real_insert = roster_import.insert_households
    written = []

    def insert_some_then_fail(actor, households):
        real_insert(actor, households[:2])
        written.extend(Household.select())
        raise JifenError("db.full")

    monkeypatch.setattr(roster_import, "insert_households", insert_some_then_fail)
    before = village_counts()
    assert refusal(import_roster, actor, path).key == "db.full"
    assert len(written) == 2
    assert village_counts() == before  # no households, no groups, no audit row


def _add_card_after_preview(monkeypatch, actor, card):
    """Another clerk adds `card` between the preview and the write."""
    real_preview = roster_import._preview

    def preview_then_add(path, data):
        preview = real_preview(path, data)
        add_household(actor, HouseholdFields(card_no=card, head="别人先加", group="9组"))
        return preview

    monkeypatch.setattr(roster_import, "_preview", preview_then_add)


def test_card_added_meanwhile_becomes_a_problem(village_path, actor, tmp_path, monkeypatch):
    rows = [HEADER, ["1001", "张三", "1组"], ["1002", "李四", "9组"], ["1003", "王五", "2组"]]
    _add_card_after_preview(monkeypatch, actor, "1002")
    preview = import_roster(actor, write_csv(tmp_path, rows))
    assert problems_of(preview) == [(3, "card_no", "import.card_exists")]
    assert [number for number, _ in preview.rows] == [2, 4]
    assert preview.new_groups == ["1组", "2组"]  # 9组 was created meanwhile
    assert get_household("1002").head == "别人先加"
    assert get_household("1003").head == "王五"
    assert json.loads(Audit.select().order_by(Audit.id.desc()).first().summary)["cards"] == [
        "1001", "1003"]


def test_card_added_meanwhile_refuses_a_strict_import(village_path, actor, tmp_path, monkeypatch):
    rows = [HEADER, ["1001", "张三"], ["1002", "李四"]]
    _add_card_after_preview(monkeypatch, actor, "1002")
    path = write_csv(tmp_path, rows)
    error = refusal(import_roster, actor, path, strict=True)
    assert (error.key, error.params) == ("import.strict_refused", {"count": 1})
    assert [household.card_no for household in find_households()] == ["1002"]


def test_nothing_to_import_writes_nothing(village_path, actor, tmp_path):
    before = village_counts()
    preview = import_roster(actor, write_csv(tmp_path, [HEADER, ["1001", ""]]))
    assert (preview.good_count, preview.bad_count) == (0, 1)
    assert village_counts() == before


def test_import_twice_finds_every_card_taken(village_path, actor, tmp_path):
    path = write_csv(tmp_path, [HEADER, ["1001", "张三"], ["1002", "李四"]])
    import_roster(actor, path)
    second = import_roster(actor, path)
    assert second.good_count == 0
    assert [problem.key for problem in second.problems] == ["import.card_exists"] * 2
    assert Household.select().count() == 2


def test_a_file_changed_after_its_preview_is_refused(actor, tmp_path):
    from store.models import Household

    path = tmp_path / "r.csv"
    path.write_text("卡号,户主\n1,张三\n", encoding="utf-8")
    seen = preview_roster(path)
    path.write_text("卡号,户主\n1,张三\n2,李四\n", encoding="utf-8")
    with pytest.raises(JifenError) as caught:
        import_roster(actor, path, previewed=seen.sha256)
    assert caught.value.key == "import.file_changed"
    assert Household.select().count() == 0
    assert import_roster(actor, path, previewed=preview_roster(path).sha256).good_count == 2
