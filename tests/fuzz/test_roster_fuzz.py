"""Roster sheets as they arrive on USB sticks, and as an attacker would make them:
`jifen roster import` (dry run, strict or not) adds clean households or refuses
in words, and a refusal or a dry run leaves the village file as it was."""

import csv
import datetime
import io
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from defusedxml import EntitiesForbidden
from hypothesis import event, example, given, strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from store import db, sheets
from store.errors import JifenError
from store.roster_import import HEADER_NAMES, preview_roster
from tests.conftest import TODAY
from tests.fuzz.harness import (assert_no_hidden_text, hidden_chars, rendered, run_cli, spoilable,
                                village_digest)
from tests.fuzz.spoil import positions, spoil
from tests.fuzz.test_text_fuzz import TRAPS

FORMULAS = ["=1+1", '=HYPERLINK("http://x","点我")', "@SUM(A1)", "+1", "-1", "'=1+1",
            "=cmd|' /C calc'!A0", "=1/0"]
# Cells a roster holds, and cells over the limits of a name and of a note.
PLAUSIBLE = ["0101", "0301", "MZG-0001", "１２３", "张三", "阿不都 . 热合曼", "⼈⺠", "1组", "第十二组",
             "4", "四口", "0", "100", "13800138000", "是", "否", "√", "", " ", "合计",
             "张" * 300, "x" * 5000]
text_cells = st.one_of(
    st.sampled_from(PLAUSIBLE + FORMULAS),
    # No surrogates (no file holds one); no NUL either, which refuses the whole sheet
    # and would crowd out the rest (byte_spoils put NUL bytes in now and then).
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
            | st.sampled_from(TRAPS.translate(dict.fromkeys(map(ord, "\udcff\ud800\x00")))),
            max_size=12))
headers = st.lists(st.one_of(st.sampled_from([name for names in HEADER_NAMES.values()
                                              for name in names]), text_cells),
                   min_size=0, max_size=9)
MODES = [["--dry-run"], [], ["--strict"], ["--dry-run", "--strict"], ["--json"]]


def sheet_rows(cells):
    """Title rows, a header row (usually with a card and a head column), data rows."""
    titles = st.lists(st.lists(text_cells, max_size=2), max_size=2)
    with_keys = st.sampled_from([True, True, True, False])
    rows = st.lists(st.lists(cells, max_size=10), max_size=8)
    return st.tuples(titles, with_keys, headers, rows).map(_laid_out)


def _laid_out(parts):
    titles, with_keys, header, rows = parts
    if with_keys:
        header = ["卡号", "户主"] + header
    return titles + [header] + rows


def check_import(template: Path, name: str, data: bytes, mode: list[str], lang: str) -> None:
    """Preview in the store (every message in both languages), then `jifen roster import`."""
    with spoilable(template) as folder:
        path = folder / name
        path.write_bytes(data)
        village = folder / "village.jifen"
        db.open_village(village)
        try:
            for problem in preview_roster(path).problems:
                rendered(problem)
        except JifenError as error:
            rendered(error)
            event(error.key)
        finally:
            db.close_village()
        before = village_digest(village)
        outcome = run_cli(["--db", village, "--lang", lang, "--today", TODAY,
                           "roster", "import", path, *mode], folder)
        outcome.check()
        # What the sheet holds is shown, never obeyed: no escape sequence or bidi
        # override from a cell reaches the clerk's terminal.
        assert hidden_chars(outcome.out + outcome.err, keep="\n") == []
        event(f"exit {outcome.code}{' (dry run)' if '--dry-run' in mode else ''}")
        if outcome.code != 0 or "--dry-run" in mode:
            assert village_digest(village) == before
        assert_no_hidden_text(village)


# ---------------------------------------------------------------------------
# CSV and text


def csv_bytes(rows, delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding, "replace")


# Bytes spoilt in the file as a whole (see tests.fuzz.spoil): a flipped bit, a cut,
# a NUL, a byte that is no character in UTF-8 or GBK, a stray quote or CR.
byte_spoils = st.lists(st.one_of(
    st.tuples(st.just("flip"), positions, st.integers(0, 7)),
    st.tuples(st.just("truncate"), positions),
    st.tuples(st.just("insert"), positions, st.sampled_from(
        [b"\x00", b"\xff", b"\x81", "\u202e".encode(), "张".encode("gbk"), b'"', b"\r"]))),
    max_size=2)


@given(rows=sheet_rows(text_cells), delimiter=st.sampled_from([",", "\t", ";"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"]),
       steps=byte_spoils, name=st.sampled_from(["roster.csv", "roster.txt", "roster.tsv"]),
       mode=st.sampled_from(MODES), lang=st.sampled_from(["zh", "en"]))
# A GBK sheet with one row that is not GBK (two files pasted together): refused whole.
@example(rows=[["卡号", "户主"], ["0301", "王五"]], delimiter=",", encoding="gbk",
         steps=[("insert", 10**6, b"\r\n0302,\xff\xff\r\n")], name="roster.csv", mode=[],
         lang="en")
# Heads hiding a tag character (hidden text) and a soft hyphen: found stored as they were.
@example(rows=[["卡号", "户主"], ["0301", "王\U000e0041五"], ["0302", "赵\u00ad六"]],
         delimiter=",", encoding="utf-8", steps=[], name="roster.csv", mode=[], lang="zh")
# A member count of a zero-width space: found echoed raw in the row's problem.
@example(rows=[["卡号", "户主", "人口"], ["0101", "张三", "\u200b"]], delimiter=",",
         encoding="utf-8", steps=[], name="roster.csv", mode=["--dry-run"], lang="zh")
# A header cell with a bidi override: found listed raw among the ignored columns.
@example(rows=[["卡号", "户主", "\u202a备注"]], delimiter=",", encoding="utf-8", steps=[],
         name="roster.csv", mode=["--dry-run"], lang="zh")
def test_a_text_sheet_is_imported_clean_or_refused(village_template, rows, delimiter, encoding,
                                                   steps, name, mode, lang):
    data = spoil(csv_bytes(rows, delimiter, encoding), steps)
    check_import(village_template, name, data, mode, lang)


# ---------------------------------------------------------------------------
# XLSX

xlsx_cells = st.one_of(
    text_cells, st.none(), st.booleans(), st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1), max_value=datetime.datetime(9999, 1, 1)))


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for number, row in enumerate(rows, 1):
        for column, value in enumerate(row, 1):
            if isinstance(value, str):  # what openpyxl cannot write, Excel cannot hold
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            sheet.cell(number, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE sheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&secret;</t></si></sst>"""
# The parts openpyxl parses (it leaves docProps/app.xml, the theme and _rels/.rels
# alone); a workbook with shared strings adds xl/sharedStrings.xml (see below).
MEMBERS = ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml", "docProps/core.xml",
           "[Content_Types].xml", "xl/_rels/workbook.xml.rels"]
WIDE_ROWS = b"""<?xml version="1.0"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\x8d\xa1\xe5\x8f\xb7</t></is></c>
<c r="B1" t="inlineStr"><is><t>\xe6\x88\xb7\xe4\xb8\xbb</t></is></c></row>
<row r="2"><c r="A2"><v>301</v></c><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>
</sheetData></worksheet>"""
# What replaces a part of the workbook: bombs, an outside file, junk, nothing, too much.
PART_SPOILS = [BILLION_LAUGHS, EXTERNAL_ENTITY, WIDE_ROWS, b"", b"<x>", b"\x00" * 64,
               "<?xml version='1.0' encoding='gbk'?><x>张</x>".encode("gbk")]
# How a workbook is damaged, if at all.
zip_spoils = st.none() | st.one_of(
    st.tuples(st.just("part"), st.sampled_from(MEMBERS), st.sampled_from(PART_SPOILS)),
    st.tuples(st.just("bomb"), st.sampled_from(MEMBERS)),
    st.tuples(st.just("bytes"), byte_spoils),
    st.tuples(st.just("replace"), st.sampled_from(
        [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0" + b"\x00" * 600, b"card,head\r\n1,2\r\n"])),
    st.just(("not_xlsx",)),
)


def spoil_xlsx(data: bytes, how) -> bytes:
    if how is None:
        return data
    kind = how[0]
    if kind == "part":
        return with_part(data, how[1], how[2])
    if kind == "bomb":  # 2 MiB of zeros zip to 2 KiB; the cap is lowered to 1 MiB
        return with_part(data, how[1], b"\x00" * (2 * 1024 * 1024))
    if kind == "bytes":
        return spoil(data, how[1])
    if kind == "replace":
        return how[1]
    return zipped({"hello.txt": "你好".encode()})  # a zip, but not a workbook


def unzipped(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {item.filename: source.read(item.filename) for item in source.infolist()}


def with_part(data: bytes, member: str, content: bytes) -> bytes:
    """The zip `data` with `member` replaced by (or added as) `content`."""
    return zipped(unzipped(data) | {member: content})


def zipped(parts: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()


@given(rows=sheet_rows(xlsx_cells), damage=zip_spoils,
       name=st.sampled_from(["roster.xlsx", "roster.xls", "roster.XLSX"]),
       mode=st.sampled_from(MODES), lang=st.sampled_from(["zh", "en"]))
@example(rows=[["卡号", "户主"], [301, "王五"]], damage=("part", MEMBERS[0], BILLION_LAUGHS),
         name="roster.xlsx", mode=[], lang="zh")
@example(rows=[["卡号", "户主"], [301, "王五"]], damage=("part", MEMBERS[1], EXTERNAL_ENTITY),
         name="roster.xlsx", mode=[], lang="zh")
def test_a_workbook_is_imported_clean_or_refused(village_template, rows, damage, name, mode,
                                                 lang):
    data = spoil_xlsx(xlsx_bytes(rows), damage)
    with mock.patch.object(sheets, "MAX_UNPACKED_MB", 1):
        check_import(village_template, name, data, mode, lang)


def with_shared_strings(data: bytes, strings: bytes) -> bytes:
    """The workbook (from xlsx_bytes, whose cells are inline) with B2 read from a
    shared-strings part, as Excel writes text."""
    parts = unzipped(data)
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        b"</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    sheet = parts["xl/worksheets/sheet1.xml"]
    start = sheet.index(b'<c r="B2"')
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + b'<c r="B2" t="s"><v>0</v></c>'
                                         + sheet[sheet.index(b"</c>", start) + 4:])
    parts["xl/sharedStrings.xml"] = strings
    return zipped(parts)


SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>%s</t></si></sst>'
SHARED_BOMB = BILLION_LAUGHS.split(b"<worksheet")[0] + SST % b"&lol9;"


@pytest.mark.parametrize("member", [*MEMBERS, "xl/sharedStrings.xml"])
@pytest.mark.parametrize("payload", ["bomb", "outside file"])
def test_every_xml_part_read_is_parsed_by_defusedxml(village_path, tmp_path, member, payload):
    """A billion laughs or an external entity in any part openpyxl reads is refused
    by defusedxml itself, not by luck: openpyxl falls back to the plain parser
    silently when defusedxml is missing."""
    good = with_shared_strings(xlsx_bytes([["卡号", "户主"], ["0301", "王五"]]),
                               SST % "赵六".encode())
    path = tmp_path / "roster.xlsx"
    path.write_bytes(good)
    assert preview_roster(path).rows == [(2, {"card_no": "0301", "head": "赵六"})]
    if member == "xl/sharedStrings.xml":
        spoilt = SHARED_BOMB if payload == "bomb" else EXTERNAL_ENTITY
    else:
        spoilt = BILLION_LAUGHS if payload == "bomb" else EXTERNAL_ENTITY
    path.write_bytes(with_part(good, member, spoilt))
    with pytest.raises(JifenError) as caught:
        preview_roster(path)
    cause = caught.value
    while cause.__cause__ or cause.__context__:
        cause = cause.__cause__ or cause.__context__
    assert (caught.value.key, type(cause)) == ("import.bad_xlsx", EntitiesForbidden)
