"""Backups through SQLite's backup API: whole while in use, never half written, rotated."""

import sqlite3
from datetime import date, timedelta

import pytest

from store import db, schema, village
from store.backups import (DAILY_KEPT, MONTHLY_KEPT, backup, backup_folder, daily_backup,
                           restore)
from store.errors import JifenError
from store.roster import HouseholdFields, add_household
from store.village import village_info
from tests.conftest import TODAY


def _households(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT COUNT(*) FROM household").fetchone()[0]
    finally:
        connection.close()


def test_a_backup_holds_what_is_still_in_the_write_ahead_log(actor, village_path, tmp_path):
    add_household(actor, HouseholdFields(card_no="0101", head="张三丰"))
    assert village_path.with_name(village_path.name + "-wal").stat().st_size > 0
    copy = backup(tmp_path / "copy.jifen")
    assert _households(copy) == 1
    assert not list(tmp_path.glob(".*.partial"))


def test_a_folder_takes_the_village_files_name(actor, village_path, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    assert backup(folder) == folder / village_path.name


@pytest.mark.parametrize("where, key", [("missing/copy.jifen", "backup.no_folder"),
                                        (None, "backup.onto_itself")])
def test_refusals_write_nothing(actor, village_path, tmp_path, where, key):
    target = village_path if where is None else tmp_path / where
    with pytest.raises(JifenError) as caught:
        backup(target)
    assert caught.value.key == key
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        path.name for path in village_path.parent.iterdir())


def test_one_backup_a_day_beside_the_village(actor, village_path):
    first = daily_backup(date(2026, 11, 26))
    assert first == backup_folder(village_path) / "village.2026-11-26.jifen"
    assert daily_backup(date(2026, 11, 26)) is None      # the app starts again that day
    assert db.database.database == str(village_path)     # still on the village itself


def test_fourteen_days_and_the_first_of_twelve_months_are_kept(actor, village_path):
    start = date(2025, 1, 10)
    for offset in range(0, 500, 3):
        daily_backup(start + timedelta(days=offset))
    kept = sorted(path.name for path in backup_folder(village_path).iterdir())
    days = [date.fromisoformat(name.split(".")[1]) for name in kept]
    last = start + timedelta(days=max(range(0, 500, 3)))
    recent = [day for day in days if (last - day).days < 3 * DAILY_KEPT]
    assert len(recent) == DAILY_KEPT
    monthly = [day for day in days if day not in recent]
    assert len(monthly) <= MONTHLY_KEPT and monthly == sorted(monthly)
    assert all(day.day <= 3 for day in monthly)          # the first backup of its month


def test_restore_puts_the_backup_back_and_keeps_the_current_file_aside(actor, village_path,
                                                                      tmp_path):
    add_household(actor, HouseholdFields(card_no="0101", head="张三丰"))
    saved = backup(tmp_path / "saved.jifen")
    add_household(actor, HouseholdFields(card_no="0102", head="单雪梅"))
    db.close_village()
    kept = restore(saved, village_path)
    assert _households(village_path) == 1 and _households(kept) == 2
    assert kept.name.startswith("village.before-restore.")
    assert db.database.database == str(village_path)


def test_restore_onto_a_new_machine_needs_no_current_file(actor, village_path, tmp_path):
    saved = backup(tmp_path / "saved.jifen")
    db.close_village()
    fresh = tmp_path / "new" / "village.jifen"
    fresh.parent.mkdir()
    assert restore(saved, fresh) is None and _households(fresh) == 0


def test_restore_refuses_another_village_unless_forced(actor, village_path, tmp_path):
    other = tmp_path / "other.jifen"
    village.create_village(other, name="东村", population=300, clerk="李四", today=TODAY)
    db.close_village()
    with pytest.raises(JifenError) as caught:
        restore(other, village_path)
    assert (caught.value.key, caught.value.params["village"]) == ("restore.other_village", "东村")
    assert not list(village_path.parent.glob("village.before-restore.*"))
    restore(other, village_path, force=True)
    assert village_info().name == "东村"


@pytest.mark.parametrize("content, key", [(b"not a database at all" * 100, "village.not_jifen"),
                                          (None, "village.missing")])
def test_restore_refuses_a_file_that_is_no_village(actor, village_path, tmp_path, content, key):
    source = tmp_path / "bad.jifen"
    if content is not None:
        source.write_bytes(content)
    db.close_village()
    before = village_path.read_bytes()
    with pytest.raises(JifenError) as caught:
        restore(source, village_path)
    assert caught.value.key == key and village_path.read_bytes() == before


def test_restore_replaces_a_damaged_village_and_keeps_it_aside(actor, village_path, tmp_path):
    add_household(actor, HouseholdFields(card_no="0101", head="张三丰"))
    saved = backup(tmp_path / "saved.jifen")
    db.close_village()
    village_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)   # a damaged file
    kept = restore(saved, village_path)
    assert kept.read_bytes().startswith(b"SQLite format 3\x00\xff")
    assert _households(village_path) == 1



@pytest.fixture
def newer_jifen(monkeypatch):
    """A jifen one schema version on from the village files the tests make; that version."""
    monkeypatch.setitem(schema.MIGRATIONS, schema.VERSION, lambda database: None)
    monkeypatch.setattr(schema, "VERSION", schema.VERSION + 1)
    return schema.VERSION


def _version(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def test_the_backup_before_a_migration_is_in_the_folder_and_outlives_the_rotation(
        actor, village_path, newer_jifen):
    add_household(actor, HouseholdFields(card_no="0101", head="张三丰"))
    db.close_village()
    db.open_village(village_path)
    [before] = backup_folder(village_path).glob(f"village.before-v{newer_jifen}.*.jifen")
    assert _version(before) == newer_jifen - 1 and _households(before) == 1
    for offset in range(DAILY_KEPT + 5):
        daily_backup(TODAY + timedelta(days=offset))
    assert before.exists()


def test_no_migration_without_its_backup(actor, village_path, newer_jifen):
    db.close_village()
    backup_folder(village_path).write_text("a file where the backup folder should be")
    with pytest.raises(JifenError) as caught:
        db.open_village(village_path)
    assert caught.value.key == "backup.cannot_write"
    assert _version(village_path) == newer_jifen - 1


def test_a_half_copy_left_by_an_earlier_failure_is_no_obstacle(actor, village_path, tmp_path):
    (tmp_path / "out" / ".village.jifen.partial").parent.mkdir()
    (tmp_path / "out" / ".village.jifen.partial").write_bytes(b"not a database")
    made = backup(tmp_path / "out")
    assert sqlite3.connect(made).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not (tmp_path / "out" / ".village.jifen.partial").exists()


def test_a_link_planted_where_the_copy_is_made_is_not_followed(actor, village_path, tmp_path):
    # In a folder the office's group shares, a colleague could plant one.
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    victim.chmod(0o644)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".village.jifen.partial").symlink_to(victim)
    backup(tmp_path / "out")
    assert victim.read_text() == "keep me" and oct(victim.stat().st_mode & 0o777) == "0o644"


def test_a_full_disk_during_a_backup_is_said_in_words_and_leaves_no_half_copy(
        actor, village_path, tmp_path, monkeypatch):
    connect = sqlite3.connect

    def onto_a_full_disk(*args, **kwargs):
        target = connect(*args, **kwargs)
        target.execute("PRAGMA max_page_count = 2")  # the copy runs out of room at once
        return target

    monkeypatch.setattr(sqlite3, "connect", onto_a_full_disk)
    (tmp_path / "out").mkdir()
    with pytest.raises(JifenError) as caught:
        backup(tmp_path / "out")
    assert caught.value.key == "db.full"
    assert list((tmp_path / "out").iterdir()) == []
