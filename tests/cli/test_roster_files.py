"""`jifen roster import` and `export` from the command line: exit codes, stderr, JSON."""

import csv
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]


def _write_roster(path, rows, encoding="gbk"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


ROWS = [["东坡村花名册"], ["户号", "户主", "组", "人口"],
        ["1001", "张三丰", "1", "4"], ["1002", "", "1", "2"], ["1001", "重复", "2", "3"],
        ["1003", "李秀英", "二组", "3"], ["合计", "", "", "12"]]


def test_dry_run_previews_on_stderr_and_changes_nothing(village, tmp_path):
    path = _write_roster(tmp_path / "r.csv", ROWS)
    result = village("roster", "import", path, "--dry-run")
    assert result.code == 0
    assert "第 4 行〔户主〕缺少户主" in result.err
    assert "第 5 行〔卡号〕卡号 1001 与第 3 行重复" in result.err
    assert "将新建村民小组：1组、2组" in result.err
    assert village("roster", "list", "--json").json() == []


def test_strict_refuses_all_and_says_why_last(village, tmp_path):
    path = _write_roster(tmp_path / "r.csv", ROWS)
    result = village("roster", "import", path, "--strict")
    assert result.code == 2
    assert result.err.strip().splitlines()[-1] == "jifen: 有 2 行有问题，严格模式下未导入任何一行。"
    assert village("roster", "list", "--json").json() == []


def test_import_takes_the_good_rows_and_lists_the_skipped(village, tmp_path):
    path = _write_roster(tmp_path / "r.csv", ROWS)
    result = village("roster", "import", path, "--json")
    assert result.code == 0
    report = result.json()
    assert report["imported"] == 2 and report["dry_run"] is False
    assert [(p["row"], p["column"], p["key"]) for p in report["problems"]] == [
        (4, "head", "import.head_missing"), (5, "card_no", "import.card_repeated")]
    assert "缺少户主" in result.err
    cards = [h["card_no"] for h in village("roster", "list", "--json").json()]
    assert cards == ["1001", "1003"]


def test_a_bad_file_is_refused_in_words(village, tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    result = village("roster", "import", tmp_path / "old.xls")
    assert result.code == 2 and "另存为 .xlsx" in result.err
    assert "Traceback" not in result.err
    missing = village("roster", "import", tmp_path / "nowhere.csv")
    assert missing.code == 2 and "找不到文件" in missing.err


def test_export_and_read_back(village, tmp_path):
    village("roster", "add", "--card", "1", "--head", "=SUM(A1)", "--members", "3")
    village("roster", "add", "--card", "2", "--head", "阿不都·热合曼", "--phone", "13800138000")
    xlsx, text = tmp_path / "out.xlsx", tmp_path / "out.csv"
    assert village("roster", "export", xlsx).code == 0
    assert village("roster", "export", text).code == 0
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("1", "'=SUM(A1)", None, None, 3)  # neutralised; a number stays one
    assert rows[2][5] == "13800138000"
    assert text.read_bytes()[:3] == b"\xef\xbb\xbf"
    assert "阿不都·热合曼" in text.read_text(encoding="utf-8-sig")
    refused = village("roster", "export", tmp_path / "out.pdf")
    assert refused.code == 2 and ".pdf" in refused.err


def _workbook_with_a_broken_part(path):
    """A roster workbook whose sheet names a relationship with no type or target, as
    some spreadsheet programs leave: openpyxl reads the rows and warns about the part."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["户号", "户主", "组", "人口"])
    workbook.active.append(["1001", "张三丰", "1", "4"])
    workbook.save(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/worksheets/_rels/sheet1.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships"><Relationship Id="rId1"/></Relationships>')
    return path


def test_a_workbook_with_a_part_skipped_imports_without_english_noise(village, tmp_path):
    """Run as the clerk runs it (a new process, Python's own warning display): stderr
    holds the preview in Chinese and nothing of openpyxl's."""
    path = _workbook_with_a_broken_part(tmp_path / "r.xlsx")
    result = subprocess.run([sys.executable, "-m", "tui", "--db", str(village.path),
                             "roster", "import", str(path), "--dry-run"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "可导入 1 户" in result.stderr
    assert "UserWarning" not in result.stderr and "relationship" not in result.stderr
