"""Opening village files: identity, versions, migrations, transactions, errors."""

import sqlite3

import peewee
import pytest

from store import db, schema, village
from store.errors import JifenError
from store.models import Household, VillagerGroup


def _new_village(path):
    village.create_village(path, name="测试村", population=800, clerk="王建国")
    db.close_village()


def test_new_file_has_the_promised_pragmas(village_path):
    pragma = db.database.execute_sql
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
    assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert pragma("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert pragma("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
    assert pragma("PRAGMA user_version").fetchone()[0] == schema.VERSION


def test_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "v.jifen"
    _new_village(path)
    before = path.read_bytes()
    with pytest.raises(JifenError) as caught:
        village.create_village(path, name="别的村", population=10, clerk="李")
    assert caught.value.key == "village.exists"
    assert path.read_bytes() == before


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(JifenError) as caught:
        db.open_village(tmp_path / "nowhere.jifen")
    assert caught.value.key == "village.missing"


def test_text_file_is_not_a_village(tmp_path):
    path = tmp_path / "notes.jifen"
    path.write_text("户主,卡号\n", encoding="utf-8")
    with pytest.raises(JifenError) as caught:
        db.open_village(path)
    assert caught.value.key == "village.not_jifen"


def test_other_sqlite_database_is_not_a_village(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(JifenError) as caught:
        db.open_village(path)
    assert caught.value.key == "village.not_jifen"
    assert db.database.is_closed()


def test_file_from_a_newer_jifen_is_refused(tmp_path):
    path = tmp_path / "v.jifen"
    _new_village(path)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    connection.close()
    with pytest.raises(JifenError) as caught:
        db.open_village(path)
    assert caught.value.key == "village.too_new"
    assert caught.value.params["version"] == schema.VERSION + 1


def test_older_file_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "v.jifen"
    _new_village(path)

    def add_column(database):
        database.execute_sql("ALTER TABLE village ADD COLUMN motto TEXT DEFAULT ''")

    monkeypatch.setitem(schema.MIGRATIONS, schema.VERSION, add_column)
    monkeypatch.setattr(schema, "VERSION", schema.VERSION + 1)
    db.open_village(path)
    columns = [row[1] for row in db.database.execute_sql("PRAGMA table_info(village)")]
    assert "motto" in columns
    assert db.database.execute_sql("PRAGMA user_version").fetchone()[0] == schema.VERSION
    db.close_village()
    # Into the backup folder beside the village, with the daily ones; nothing loose beside it.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["v-backups", "v.jifen"]
    backups = list((tmp_path / "v-backups").glob(f"v.before-v{schema.VERSION}.*.jifen"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION - 1
    assert "motto" not in [row[1] for row in old.execute("PRAGMA table_info(village)")]
    old.close()


def test_a_failed_write_leaves_nothing_behind(village_path):
    with pytest.raises(RuntimeError):
        with db.write():
            VillagerGroup.create(name="9组", position=9)
            raise RuntimeError("power cut")
    assert VillagerGroup.select().count() == 0


def test_writes_take_the_lock_at_begin(village_path):
    """BEGIN IMMEDIATE: a second writer waits instead of failing mid-transaction."""
    statements = []
    db.database.connection().set_trace_callback(statements.append)
    with db.write():
        VillagerGroup.create(name="1组", position=1)
    db.database.connection().set_trace_callback(None)
    assert statements[0].upper().startswith("BEGIN IMMEDIATE")


def test_a_locked_village_is_explained(village_path):
    db.database.execute_sql("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(village_path)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(JifenError) as caught:
            with db.write():
                VillagerGroup.create(name="1组", position=1)
        assert caught.value.key == "db.locked"
    finally:
        other.rollback()
        other.close()
    assert VillagerGroup.select().count() == 0


def test_a_full_disk_is_explained_and_nothing_is_half_written(village_path):
    db.database.execute_sql("PRAGMA max_page_count = "
                            + str(db.database.execute_sql("PRAGMA page_count").fetchone()[0]))
    with pytest.raises(JifenError) as caught:
        with db.write():
            for number in range(2000):
                VillagerGroup.create(name=f"{number}组" + "长" * 100, position=number)
    assert caught.value.key == "db.full"
    assert VillagerGroup.select().count() == 0


def test_backup_copies_what_is_still_in_the_log(village_path, tmp_path):
    with db.write():
        VillagerGroup.create(name="1组", position=1)
    copy = db.backup_to(tmp_path / "copy.jifen")
    connection = sqlite3.connect(copy)
    assert connection.execute("SELECT name FROM villager_group").fetchall() == [("1组",)]
    connection.close()


def test_foreign_keys_are_enforced(village_path):
    with pytest.raises(peewee.IntegrityError):
        with db.write():
            Household.insert(card_no="1", head="张三", group=999, created_at="2026-01-01",
                             changed_at="2026-01-01").execute()


def test_a_village_that_fails_halfway_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "v.jifen"

    def power_cut(*args, **kwargs):
        raise db.JifenError("db.full")

    monkeypatch.setattr(village.audit, "record", power_cut)
    with pytest.raises(JifenError):
        village.create_village(path, name="测试村", population=800, clerk="王建国")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    _new_village(path)  # a retry works
    assert path.exists()


def test_a_schema_that_fails_leaves_no_file(tmp_path, monkeypatch):
    def broken(*args):
        raise peewee.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "create", broken)
    with pytest.raises(JifenError) as caught:
        db.open_village(tmp_path / "v.jifen", create=True)
    assert caught.value.key == "db.failed"
    assert list(tmp_path.iterdir()) == []


def test_a_version_1_file_gains_the_shop_with_its_append_only_stock(tmp_path):
    path = tmp_path / "v1.jifen"
    _new_village(path)
    connection = sqlite3.connect(path)
    for table in ("settlement", "redemption_sheet", "stock_movement", "redemption_line",
                  "redemption", "goods"):
        connection.execute(f"DROP TABLE {table}")
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    db.open_village(path)
    tables = {row[0] for row in db.database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    triggers = {row[0] for row in db.database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    db.close_village()
    assert {"goods", "stock_movement", "redemption", "redemption_line", "settlement"} <= tables
    assert {"stock_movement_no_update", "stock_movement_no_delete"} <= triggers


@pytest.mark.parametrize("code, key", [(sqlite3.SQLITE_IOERR_SHORT_READ, "files.io_error"),
                                       (sqlite3.SQLITE_READONLY_DBMOVED, "db.readonly"),
                                       (sqlite3.SQLITE_CANTOPEN, "db.cannot_open"),
                                       (sqlite3.SQLITE_BUSY, "db.locked")])
def test_a_sqlite_failure_is_named_by_its_code_under_peewees_wrapping(code, key):
    original = sqlite3.OperationalError("what SQLite says, in English")
    original.sqlite_errorcode = code
    try:
        try:
            raise original
        except sqlite3.OperationalError:
            raise peewee.OperationalError("wrapped") from None   # as peewee wraps it
    except peewee.OperationalError as wrapped:
        assert db.translate_sqlite_error(wrapped).key == key

