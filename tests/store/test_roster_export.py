"""Roster export: CSV and XLSX that spreadsheets open safely and jifen reads back."""

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from store import roster_export, village
from store.actor import resolve_actor
from store.errors import JifenError
from store.models import Audit
from store.roster import (
    HouseholdFields,
    add_household,
    close_household,
    find_households,
    merge_household,
)
from store.roster_export import (
    EXPORT_HEADERS,
    export_roster,
    neutralise_formula,
    restore_neutralised,
)
from store.roster_import import import_roster
from tests.conftest import TODAY

BOM = b"\xef\xbb\xbf"
REPOSITORY = Path(__file__).resolve().parents[2]
NOBODY = 65534  # the uid of nobody and the gid of nogroup

# What `setpriv --reuid=65534 --regid=65534 --clear-groups` does, done by the
# child itself once it has loaded what it needs: setpriv would start the
# interpreter as nobody, and nobody may not enter /root, where it is installed
# (nor load a module from there later). Run by a user other than root, the
# child stays that user, whom the folder and file modes of the tests refuse
# just the same.
_DROP_PRIVILEGES = f"""
import os


def drop_privileges():
    if os.geteuid() == 0:
        os.setgroups([])
        os.setresgid({NOBODY}, {NOBODY}, {NOBODY})
        os.setresuid({NOBODY}, {NOBODY}, {NOBODY})
"""


@pytest.fixture
def households(actor):
    """A roster with the awkward cases: leading zeros, line breaks, formula-like text."""
    given = [
        HouseholdFields(card_no="0012", head="张三", house_no="5号", group="1组", member_count=3,
                        phone="13800138000", poor=True, notes="低保户\n2025年新增"),
        HouseholdFields(card_no="1002", head="=1+2", group="东组", member_count=1,
                        phone="+86 139 0013 9000", notes="-扣分记录"),
        HouseholdFields(card_no="A7", head="@SUM(A1)", house_no="+3号", member_count=12),
        HouseholdFields(card_no="1003", head="欧阳·修", group="1组", member_count=2,
                        phone="029-8888 1234"),
    ]
    for fields in given:
        add_household(actor, fields)
    return find_households()


def read_csv(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def read_xlsx(path):
    workbook = load_workbook(path)
    return workbook.active


def roster_without_status(infos) -> list[dict]:
    fields = ("card_no", "head", "house_no", "group", "member_count", "phone", "poor", "notes")
    return [{name: getattr(info, name) for name in fields} for info in infos]


def refusal(call, *args, **kwargs) -> JifenError:
    with pytest.raises(JifenError) as caught:
        call(*args, **kwargs)
    return caught.value


def run_unprivileged(code: str, *args) -> list[str]:
    """The lines `code` prints, run in a new Python with `args` as sys.argv[1:].

    `code` calls drop_privileges() once it has opened the village and done its
    work once as root, which loads every module that work needs (Python loads
    some, like codecs, on first use); from then on it runs as nobody, subject
    to file permissions as a clerk's account is.
    """
    result = subprocess.run([sys.executable, "-c", _DROP_PRIVILEGES + code, *map(str, args)],
                            cwd=REPOSITORY, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@contextmanager
def folder_anyone_may_enter():
    """A new folder in /tmp, mode 0755, removed afterwards.

    pytest's tmp_path lies in a folder that only its owner may enter: there
    nobody would be refused for the wrong reason.
    """
    folder = Path(tempfile.mkdtemp(prefix="jifen-test-"))
    try:
        folder.chmod(0o755)
        yield folder
    finally:
        shutil.rmtree(folder)


# ---------------------------------------------------------------------------
# CSV and XLSX


def test_csv_has_a_bom_the_headers_and_one_row_per_household(households, tmp_path):
    path = tmp_path / "roster.csv"
    assert export_roster(path) == 4
    data = path.read_bytes()
    assert data.startswith(BOM) and not data.startswith(BOM * 2)
    assert b"\r\n" in data
    rows = read_csv(path)
    assert tuple(rows[0]) == EXPORT_HEADERS
    assert rows[1] == ["0012", "张三", "5号", "1组", "3", "13800138000", "是", "正常",
                       "低保户\n2025年新增"]
    assert len(rows) == 5


def test_xlsx_keeps_numbers_as_numbers_and_cards_as_text(households, tmp_path):
    path = tmp_path / "roster.xlsx"
    assert export_roster(path) == 4
    sheet = read_xlsx(path)
    assert tuple(cell.value for cell in sheet[1]) == EXPORT_HEADERS
    card, _, _, _, members, phone, poor, status, notes = sheet[2]
    assert (card.value, card.data_type) == ("0012", "s")  # leading zeros survive
    assert (phone.value, phone.data_type) == ("13800138000", "s")
    assert members.value == 3 and type(members.value) is int and members.data_type == "n"
    assert (poor.value, status.value, notes.value) == ("是", "正常", "低保户\n2025年新增")
    assert sheet.max_row == 5
    assert sheet.freeze_panes == "A2"


def test_empty_village_exports_the_header_only(village_path, tmp_path):
    assert export_roster(tmp_path / "roster.csv") == 0
    assert read_csv(tmp_path / "roster.csv") == [list(EXPORT_HEADERS)]
    assert export_roster(tmp_path / "roster.xlsx") == 0
    assert read_xlsx(tmp_path / "roster.xlsx").max_row == 1


def test_a_chosen_list_of_households(households, tmp_path):
    path = tmp_path / "group1.csv"
    assert export_roster(path, find_households(group="1组")) == 2
    assert [row[0] for row in read_csv(path)[1:]] == ["0012", "1003"]


def test_status_and_poor_flag_in_chinese(households, actor, tmp_path):
    close_household(actor, "1002", "户口迁出", moved=True)
    close_household(actor, "A7", "户主去世")
    merge_household(actor, "1003", "0012", "分户后又合户")
    path = tmp_path / "roster.csv"
    export_roster(path)
    cells = {row[0]: (row[6], row[7]) for row in read_csv(path)[1:]}
    assert cells == {"0012": ("是", "正常"), "1002": ("否", "迁出"), "A7": ("否", "已注销"),
                     "1003": ("否", "已合户")}


# ---------------------------------------------------------------------------
# Formula neutralisation


def test_formula_like_text_is_neutralised_in_csv(households, tmp_path):
    path = tmp_path / "roster.csv"
    export_roster(path)
    rows = {row[0]: row for row in read_csv(path)[1:]}
    assert rows["1002"][1] == "'=1+2"
    assert rows["1002"][5] == "'+86 139 0013 9000"
    assert rows["1002"][8] == "'-扣分记录"
    assert rows["A7"][1] == "'@SUM(A1)" and rows["A7"][2] == "'+3号"
    assert rows["A7"][4] == "12"  # a number is never quoted
    assert rows["1003"][5] == "029-8888 1234"  # a minus inside is harmless


def test_formula_like_text_is_text_in_xlsx(households, tmp_path):
    path = tmp_path / "roster.xlsx"
    export_roster(path)
    rows = {row[0].value: row for row in read_xlsx(path).iter_rows(min_row=2)}
    head = rows["1002"][1]
    assert (head.value, head.data_type) == ("'=1+2", "s")
    assert (rows["A7"][1].value, rows["A7"][1].data_type) == ("'@SUM(A1)", "s")
    assert not any(cell.data_type == "f" for row in rows.values() for cell in row)


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd", "'=1", "''+1"])
def test_neutralise_formula_prefixes_a_quote(text):
    assert neutralise_formula(text) == "'" + text
    assert restore_neutralised(neutralise_formula(text)) == text


@pytest.mark.parametrize("value", [-5, 3, 2.5, "张三", "1-2", "'quoted", "", None])
def test_neutralise_formula_leaves_the_rest(value):
    assert neutralise_formula(value) == value


@given(st.text())
def test_restore_undoes_neutralise(text):
    assert restore_neutralised(neutralise_formula(text)) == text


# ---------------------------------------------------------------------------
# Round trip


def _import_into_fresh_village(tmp_path, path):
    village.create_village(tmp_path / "other.jifen", name="白水村", population=500,
                           clerk="李会计", today=TODAY)
    import_roster(resolve_actor(today=TODAY), path, strict=True)
    return find_households()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_into_a_fresh_village(households, tmp_path, suffix):
    path = tmp_path / f"roster{suffix}"
    export_roster(path)
    imported = _import_into_fresh_village(tmp_path, path)
    assert roster_without_status(imported) == roster_without_status(households)
    assert all(info.status == "active" for info in imported)


# ---------------------------------------------------------------------------
# Refusals and atomic writes


@pytest.mark.parametrize("name", ["roster.xls", "roster.txt", "roster.pdf", "roster"])
def test_unsupported_suffix(village_path, tmp_path, name):
    error = refusal(export_roster, tmp_path / name)
    assert error.key == "export.unsupported"
    assert not (tmp_path / name).exists()


def test_suffix_is_case_insensitive(households, tmp_path):
    assert export_roster(tmp_path / "ROSTER.XLSX") == 4
    assert read_xlsx(tmp_path / "ROSTER.XLSX").max_row == 5


def test_folder_that_does_not_exist(village_path, tmp_path):
    path = tmp_path / "missing" / "roster.csv"
    error = refusal(export_roster, path)
    assert error.key == "export.cannot_write"
    assert error.params["path"] == str(path) and error.params["detail"]


def test_destination_is_a_folder(village_path, tmp_path):
    (tmp_path / "roster.csv").mkdir()
    assert refusal(export_roster, tmp_path / "roster.csv").key == "export.cannot_write"
    assert [item.name for item in tmp_path.iterdir() if item.name.endswith(".tmp")] == []


EXPORT_EACH = """
import sys

from store import db
from store.errors import JifenError
from store.roster_export import export_roster

db.open_village(sys.argv[1])
export_roster(sys.argv[2])  # as root: Python loads some modules on first use
drop_privileges()
for path in sys.argv[3:]:
    try:
        print(export_roster(path))
    except JifenError as error:
        print(error.key)
"""


def test_read_only_folder(village_path, households):
    # Root writes into any folder, so the export runs as nobody (see run_unprivileged).
    with folder_anyone_may_enter() as folder:
        writable, read_only = folder / "writable", folder / "read_only"
        writable.mkdir()
        writable.chmod(0o777)
        read_only.mkdir()
        read_only.chmod(0o555)
        printed = run_unprivileged(EXPORT_EACH, village_path, writable / "as_root.csv",
                                   writable / "roster.csv", read_only / "roster.csv")
        # The same export succeeds elsewhere: the folder's mode is what refuses it.
        assert printed == ["4", "export.cannot_write"]
        assert sorted(item.name for item in writable.iterdir()) == ["as_root.csv", "roster.csv"]
        assert list(read_only.iterdir()) == []  # no partial or temporary file


def test_a_failed_export_leaves_the_old_file_whole(households, tmp_path, monkeypatch):
    path = tmp_path / "roster.csv"
    path.write_bytes(b"old export")

    def disk_full(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(roster_export.os, "replace", disk_full)
    error = refusal(export_roster, path)
    assert (error.key, error.params["detail"]) == ("export.cannot_write", "No space left on device")
    assert path.read_bytes() == b"old export"
    assert [item.name for item in tmp_path.iterdir() if item.name.endswith(".tmp")] == []


def test_export_replaces_an_older_file_and_leaves_no_temporary_file(households, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"old")
    export_roster(path)
    assert read_xlsx(path).max_row == 5
    assert [item.name for item in tmp_path.iterdir() if item.name.endswith(".tmp")] == []


def test_exported_file_permissions_follow_the_umask(village_path, tmp_path):
    previous = os.umask(0o022)
    try:
        export_roster(tmp_path / "roster.csv")
    finally:
        os.umask(previous)
    assert (tmp_path / "roster.csv").stat().st_mode & 0o777 == 0o644


def test_export_does_not_touch_the_village(households, tmp_path):
    audit_rows = Audit.select().count()
    export_roster(tmp_path / "roster.csv")
    assert Audit.select().count() == audit_rows
    assert find_households() == households
