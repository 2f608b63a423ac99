"""Who may read and write a village file: the owner and the office's group, never others.

The shared-office test runs jifen as real OS accounts (nobody and daemon as two clerks,
bin as an outsider) in a group-owned setgid folder, as docs/SHARED-OFFICE.md sets it up.
It needs root to become them, and CI runs as root.
"""

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from store import db
from store.actor import resolve_actor
from store.backups import backup, backup_folder, daily_backup, restore
from store.models import Household
from store.roster import HouseholdFields, add_household
from tests.conftest import TODAY
from tests.store.test_roster_export import folder_anyone_may_enter
from tui.i18n import MESSAGES, t

ROOT = Path(__file__).resolve().parents[2]
OFFICE_GID = 100                      # "users": any group the clerks share
NOBODY, DAEMON, OUTSIDER = 65534, 1, 2  # two clerks, and bin, who is not in the office's group


def refusal(key: str, **params) -> str:
    """The line a refused command prints for the clerks' accounts, which run in Chinese."""
    return f"jifen: {MESSAGES[key][0].format(**params)}\n"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def no_umask():
    """The widest umask there is: only jifen's own modes keep the files private."""
    before = os.umask(0)
    yield
    os.umask(before)


def test_a_village_its_log_its_backups_and_a_restore_are_for_owner_and_group(
        no_umask, actor, village_path):
    add_household(actor, HouseholdFields(card_no="0101", head="张三丰"))
    wal, shm = (Path(f"{village_path}{suffix}") for suffix in ("-wal", "-shm"))
    assert wal.stat().st_size > 0
    assert {_mode(village_path), _mode(wal), _mode(shm)} == {0o660}
    made = daily_backup(TODAY)
    assert _mode(backup_folder(village_path)) == 0o770 and _mode(made) == 0o660
    assert _mode(backup(village_path.with_name("copy.jifen"))) == 0o660
    db.close_village()
    restore(made, village_path.with_name("restored.jifen"))   # onto a new machine
    assert _mode(village_path.with_name("restored.jifen")) == 0o660


def test_a_backup_is_no_wider_than_its_village_and_never_open_to_others(no_umask, actor,
                                                                         village_path, tmp_path):
    village_path.chmod(0o640)
    assert _mode(backup(tmp_path / "narrow.jifen")) == 0o640
    village_path.chmod(0o666)
    assert _mode(backup(tmp_path / "wide.jifen")) == 0o660


def test_a_backup_goes_onto_a_usb_stick_that_refuses_modes(actor, village_path, tmp_path,
                                                           monkeypatch):
    """A FAT stick refuses chmod (each file has the modes it was mounted with)."""
    def refused(descriptor, mode):
        raise PermissionError(1, "Operation not permitted")

    add_household(actor, HouseholdFields(card_no="0101", head="张三丰"))
    monkeypatch.setattr(os, "fchmod", refused)
    made = backup(tmp_path / "usb.jifen")
    monkeypatch.undo()
    db.close_village()
    db.open_village(made)
    assert [household.head for household in Household.select()] == ["张三丰"]


def test_a_world_readable_village_is_said_once_on_stderr_and_the_command_runs(
        village_path, capsys):
    from tui.cli import run

    db.close_village()
    village_path.chmod(0o664)
    assert run(["--db", str(village_path), "roster", "list"]) == 0
    assert capsys.readouterr().err == f"jifen: {t('files.world_readable', path=village_path)}\n"
    village_path.chmod(0o660)
    assert run(["--db", str(village_path), "roster", "list"]) == 0
    assert capsys.readouterr().err == ""


async def test_the_app_says_at_start_that_the_village_is_world_readable(village_path):
    from tui.app import make_app

    village_path.chmod(0o604)
    app = make_app(village_path, resolve_actor(today=TODAY), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = [str(notice.message) for notice in pilot.app._notifications]
    assert t("files.world_readable", path=village_path) in said


# --- two clerks with their own OS accounts --------------------------------------------------

def _as(uid: int, gid: int, *, office: bool = True, umask: str = "007", **turn) -> dict:
    return {"uid": uid, "gid": gid, "groups": [OFFICE_GID] if office else [], "umask": umask,
            **turn}


def run_turns(turns: list[dict], home: Path) -> list[list]:
    """Each turn's commands as its account (tests/store/run_as.py); their results."""
    done = subprocess.run([sys.executable, "-m", "tests.store.run_as"], input=json.dumps(turns),
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                          env={**{name: value for name, value in os.environ.items()
                                  if not name.startswith("JIFEN_")},
                               "HOME": str(home), "JIFEN_LANG": "zh"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def office():
    """A folder for the village owned by the office's group, setgid, closed to others."""
    if os.geteuid() != 0:
        pytest.skip("becoming other OS accounts needs root (CI runs as root)")
    with folder_anyone_may_enter() as base:
        folder, home = base / "office", base / "home"
        folder.mkdir()
        os.chown(folder, -1, OFFICE_GID)
        folder.chmod(0o2770)
        home.mkdir()
        home.chmod(0o1777)   # error logs, should a command fail
        for name in ("rubric-mazigou.toml", "policy-mazigou.toml"):
            # A checkout under /root is closed to the clerks' accounts: they adopt copies.
            shutil.copy(ROOT / "rubrics" / name, home / name)
        yield folder, home


def test_two_clerks_with_their_own_accounts_both_write_and_others_cannot_read(office):
    folder, home = office
    path = folder / "village.jifen"
    on = ["--db", str(path), "--today", "2026-11-20"]
    later = ["--db", str(path), "--today", "2026-11-24"]
    made, held, second, first, checked, outsider = run_turns([
        _as(NOBODY, NOBODY, commands=[
            [*on, "init", "--village", "麻子沟村", "--population", "800", "--clerk", "王会计"],
            [*on, "staff", "add", "李会计", "--role", "clerk", "--os-user", "daemon"],
            [*on, "rubric", "adopt", str(home / "rubric-mazigou.toml")],
            [*on, "policy", "adopt", str(home / "policy-mazigou.toml")],
            [*on, "roster", "add", "--card", "1", "--head", "张三丰"],
            [*on, "roster", "add", "--card", "2", "--head", "李秀英"],
            [*on, "deed", "add", "--household", "1", "--item", "5.3", "--note", "调解纠纷"]]),
        # 王会计 leaves the village open (the app on his screen): his -wal and -shm stay,
        # and 李会计 writes through them.
        _as(NOBODY, NOBODY, hold=str(path)),
        _as(DAEMON, DAEMON, commands=[
            [*on, "deed", "add", "--household", "2", "--item", "5.2", "--note", "捡垃圾"],
            [*on, "review", "open", "--period", "2026-11", "--attendees", "张国强"],
            [*on, "review", "award", "--household", "1", "--item", "5.3", "--deed", "1"],
            [*on, "review", "close"],
            [*on, "goods", "add", "--name", "大米", "--price", "10", "--unit", "袋"],
            [*on, "stock", "in", "--goods", "1", "--qty", "5", "--supplier", "供销社",
             "--cost", "150"]]),
        _as(NOBODY, NOBODY, commands=[
            [*later, "review", "finalize"],
            [*later, "redeem", "--household", "1", "--goods", "1"],
            [*later, "balance", "--household", "1", "--json"]]),
        _as(DAEMON, DAEMON, commands=[[*later, "check"]]),
        _as(OUTSIDER, OUTSIDER, office=False, commands=[[*later, "balance", "--household", "1"]]),
    ], home)
    for code, out, err in [*made, *held, *second, *first, *checked]:
        assert (code, err) == (0, ""), out
    assert json.loads(first[-1][1])["balance"] == 5          # 15 awarded, 10 redeemed
    # The log files 王会计 left open were made by him, in the office's group, as writable
    # by it as the village file: that is how 李会计 could write through them.
    assert json.loads(held[0][1]) == {suffix: [NOBODY, OFFICE_GID, 0o660]
                                      for suffix in ("", "-wal", "-shm")}
    assert not Path(f"{path}-wal").exists()                  # each closed it cleanly
    code, out, err = outsider[0]
    assert (code, out, err) == (2, "", refusal("files.no_access", path=path))

