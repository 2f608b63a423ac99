"""Every command's exit code (D11), JSON, and refusal line."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _refused(result, *, containing=""):
    """A refusal: exit 2 and one line on stderr saying why."""
    assert result.code == 2, result
    lines = result.err.strip().splitlines()
    assert lines and containing in lines[-1], result.err
    return lines[-1]


def test_init_creates_and_never_overwrites(jifen):
    first = jifen("init", "--village", "麻子沟村", "--population", "1200", "--json")
    assert first.code == 0
    assert first.json()["village"] == "麻子沟村"
    before = jifen.path.read_bytes()
    _refused(jifen("init", "--village", "别村", "--population", "5"), containing="不会覆盖")
    assert jifen.path.read_bytes() == before


def test_init_refuses_a_bad_population(jifen):
    _refused(jifen("init", "--village", "麻子沟村", "--population", "很多"), containing="很多")
    assert not jifen.path.exists()


def test_a_missing_village_is_explained(jifen):
    _refused(jifen("roster", "list"), containing="jifen init")


def test_bad_arguments_exit_2_in_the_clerks_language(village):
    result = village("roster", "add", "--card", "1")
    assert result.code == 2
    assert "参数有误" in result.err


def test_add_list_show_edit(village):
    added = village("roster", "add", "--card", "0101", "--head", "张三丰", "--group", "1",
                    "--members", "4", "--phone", "13800138000", "--poor",
                    "--member", "李秀英:妻", "--json")
    assert added.code == 0
    assert added.json()["members"] == [{"name": "李秀英", "relation": "妻", "phone": ""}]
    listing = village("roster", "list", "--json")
    assert [(h["card_no"], h["head"], h["poor"]) for h in listing.json()] == [("0101", "张三丰", True)]
    assert "张三丰" in village("roster", "list").out
    assert village("roster", "list", "--search", "zsf", "--json").json()[0]["card_no"] == "0101"
    assert village("roster", "list", "--group", "2", "--json").json() == []
    edited = village("roster", "edit", "0101", "--head", "张三", "--not-poor", "--json")
    assert (edited.json()["head"], edited.json()["poor"]) == ("张三", False)
    shown = village("roster", "show", "0101")
    assert "户主：张三" in shown.out and "联系电话：13800138000" in shown.out


def test_refusals_exit_2(village):
    assert village("roster", "add", "--card", "1", "--head", "张三").code == 0
    _refused(village("roster", "add", "--card", "1", "--head", "李四"), containing="卡号 1")
    _refused(village("roster", "edit", "9", "--head", "x"), containing="9")
    _refused(village("roster", "add", "--card", "2", "--head", "李四", "--members", "0"))
    _refused(village("roster", "close", "1", "--reason", ""), containing="原因")


def test_close_reopen_merge(village):
    for card, head in [("1", "张三"), ("2", "张四")]:
        village("roster", "add", "--card", card, "--head", head)
    assert village("roster", "close", "1", "--reason", "去世").code == 0
    assert village("roster", "show", "1", "--json").json()["status"] == "closed"
    _refused(village("roster", "close", "1", "--reason", "again"), containing="已注销")
    assert village("roster", "reopen", "1").code == 0
    assert village("roster", "merge", "2", "--into", "1", "--reason", "兄弟合户").code == 0
    merged = village("roster", "show", "2", "--json").json()
    assert (merged["status"], merged["merged_into"]) == ("merged", "1")


def test_staff_add_list_and_acting_as(village):
    uid = str(os.geteuid())
    added = village("staff", "add", "李秀兰", "--role", "clerk", "--os-user", uid, "--json")
    assert added.code == 0 and added.json()["os_uid"] == int(uid)
    assert village("staff", "add", "赵六", "--role", "liaison", "--os-user", "nobody").code == 0
    assert village("staff", "add", "孙监督", "--role", "supervisor", "--os-user", uid).code == 0
    names = [person["name"] for person in village("staff", "list", "--json").json()]
    assert names == ["王建国", "李秀兰", "赵六", "孙监督"]
    assert village("--as", "李秀兰", "roster", "add", "--card", "1", "--head", "张三").code == 0
    _refused(village("--as", "赵六", "roster", "add", "--card", "2", "--head", "李四"),
             containing="赵六")
    # A supervisor writes nothing but sign-offs: refused, and told who on this account may.
    _refused(village("--as", "孙监督", "roster", "add", "--card", "2", "--head", "李四"),
             containing="孙监督（监督员）不能登记农户")
    _refused(village("staff", "add", "钱七", "--role", "boss"))


def test_acting_as_from_the_environment(village, monkeypatch):
    village("staff", "add", "李秀兰", "--role", "clerk", "--os-user", str(os.geteuid()))
    monkeypatch.setenv("JIFEN_STAFF", "李秀兰")
    village("roster", "add", "--card", "1", "--head", "张三")
    from store import db
    from store.audit import audit_entries

    db.open_village(village.path)
    assert audit_entries(limit=1)[0].staff_name == "李秀兰"


def test_check_exit_codes(village):
    result = village("check", "--json")
    assert result.code == 0 and result.json() == {"ok": True, "problems": []}
    village("roster", "add", "--card", "1", "--head", "张三")
    import sqlite3

    connection = sqlite3.connect(village.path)
    connection.execute("UPDATE household SET head = '李四'")
    connection.commit()
    connection.close()
    broken = village("check", "--json")
    assert broken.code == 1
    assert [p["key"] for p in broken.json()["problems"]] == ["check.initials"]
    assert village("check").code == 1


def test_english(village):
    result = village("--lang", "en", "roster", "add", "--card", "1", "--head", "张三")
    assert result.out.strip() == "Added 1 张三"
    refused = village("--lang", "en", "roster", "add", "--card", "1", "--head", "张三")
    assert refused.err.strip() == "jifen: Card 1 is already in use."


def test_the_village_file_comes_from_the_environment(jifen, monkeypatch, tmp_path):
    path = tmp_path / "env.jifen"
    monkeypatch.setenv("JIFEN_DB", str(path))
    assert jifen("init", "--village", "东村", "--population", "300", db=None).code == 0
    assert path.exists()


def test_an_internal_error_shows_no_traceback(village, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path))
    import store.roster

    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(store.roster, "find_households", broken)
    result = village("roster", "list")
    assert result.code == 2
    assert "Traceback" not in result.err and "内部出错" in result.err
    log = Path(result.err.strip().rsplit(" ", 1)[-1])
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


def test_a_scripted_command_does_not_load_textual(village):
    code = ("import sys\n"
            "from tui.cli import run\n"
            f"code = run(['--db', {str(village.path)!r}, 'roster', 'list', '--json'])\n"
            "assert code == 0, code\n"
            "print(sorted(m for m in sys.modules if m.startswith(('textual', 'pypinyin', 'openpyxl'))))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_demo_is_made_once_in_its_own_file(jifen, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    real = tmp_path / "real.jifen"
    monkeypatch.setenv("JIFEN_DB", str(real))  # the demo must not use the real village
    made = jifen("--today", "2026-11-26", "demo", "--no-tui", db=None)
    assert made.code == 0, made.err
    demo = tmp_path / "data" / "jifen" / "demo.jifen"
    assert demo.exists() and not real.exists()
    listing = jifen("roster", "list", "--json", db=demo)
    assert len(listing.json()) == 300
    again = jifen("demo", "--no-tui", db=None)
    assert again.code == 0 and "已建立" not in again.out


def test_demo_never_opens_a_real_village(village):
    before = village.path.read_bytes()
    _refused(village("demo", "--no-tui"), containing="不是演示村")
    assert village.path.read_bytes() == before


def test_a_closed_pipe_is_no_error(jifen):
    """`jifen roster list --json | head -1`: more than a pipe buffer, reader gone early."""
    assert jifen("--today", "2026-11-26", "demo", "--no-tui").code == 0
    command = f"{sys.executable} -m tui --db {jifen.path} roster list --json | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=ROOT,
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "[\n", "")
