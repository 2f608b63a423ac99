"""The hash chain: every ledger and stock row sealed as written; `check` names a row
edited, deleted or inserted behind jifen's back, and a printed head shows a rewrite."""

import json
import multiprocessing
import sqlite3
from concurrent.futures import ProcessPoolExecutor

import peewee
import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import chain, check, db, schema
from store.errors import JifenError
from store.models import LedgerEntry, StockMovement, database
from store.redemption import redeem, undo
from store.stock import stocktake
from tests.store.shop_helpers import give, open_shop, stocked
from tests.store.tamper import rewrite_chain, unlock


@pytest.fixture
def books(actor):
    """Five spendable entries (adjustments, a basket, its undo) and rice's movements."""
    open_shop(actor, "mazigou")
    rice = stocked(actor, "大米", 10, 6)
    for card in ("001", "002", "003"):
        give(actor, card, 100)
    undo(actor, redeem(actor, "001", [(rice, 2)]).id, "拿错了")
    stocktake(actor, rice, 6)
    return actor, rice


def _keys(head=None):
    return [problem.key for problem in check.check_village(head)]


def _tamper(*statements):
    """Change the file as a bad tool would: past the triggers, not resealing anything."""
    unlock()
    for sql in statements:
        db.database.execute_sql(sql)


def test_every_row_is_sealed_as_it_is_written(books):
    assert LedgerEntry.select().where(LedgerEntry.chain.is_null()).count() == 0
    assert StockMovement.select().where(StockMovement.chain.is_null()).count() == 0
    assert LedgerEntry.select().count() == 5 and StockMovement.select().count() == 4
    assert _keys() == []


def test_the_chain_is_the_hash_of_each_row_and_the_one_before(books):
    rows = db.database.execute_sql(
        f"SELECT chain, {', '.join(chain.content_columns('ledger_entry'))} "
        "FROM ledger_entry ORDER BY id").fetchall()
    previous = chain.GENESIS
    for sealed, *values in rows:
        assert sealed == chain.row_hash(previous, values)
        previous = sealed


def test_an_edited_ledger_row_is_named(books):
    _tamper("UPDATE ledger_entry SET reason = '改过' WHERE id = 2")
    problems = check.check_village()
    assert [(p.key, p.params["first"]) for p in problems] == [("check.ledger_edited", 2)]


def test_a_deleted_ledger_row_is_named(books):
    _tamper("DELETE FROM ledger_entry WHERE id IN (2, 3)")
    problems = check.check_village()
    assert [(p.key, p.params["first"], p.params["last"]) for p in problems] == [
        ("check.ledger_deleted", 2, 3)]


def test_a_row_inserted_outside_jifen_is_named(books):
    _tamper("INSERT INTO ledger_entry (uuid, household_id, account, kind, points, day, period, "
            "reason, staff_id, created_at) SELECT 'f00d', household_id, account, 'adjustment', "
            "50, day, period, '', staff_id, created_at FROM ledger_entry WHERE id = 1")
    problems = check.check_village()
    assert [(p.key, p.params["first"]) for p in problems] == [("check.ledger_unsealed", 6)]


def test_an_edited_stock_row_is_named(books):
    _tamper("UPDATE stock_movement SET supplier = '别家' WHERE kind = 'purchase'")
    assert _keys() == ["check.stock_edited"]


def test_a_stock_count_that_disagrees_with_the_movements_shows(books):
    _tamper("UPDATE stock_movement SET quantity = 9 WHERE kind = 'purchase'")
    rewrite_chain()  # even with the chain made to match, the count does not
    problems = check.check_village()
    assert [(p.key, p.params["counted"], p.params["after"]) for p in problems] == [
        ("check.stocktake", 6, 9)]


def test_a_rewritten_chain_passes_alone_but_not_against_a_printed_head(books):
    printed = chain.head()
    assert _keys(printed) == []
    _tamper("UPDATE ledger_entry SET points = 90 WHERE id = 2")
    rewrite_chain()
    assert _keys() == []                           # the file agrees with itself
    assert _keys(printed) == ["check.ledger_head"]  # but not with the paper


def test_a_printed_head_still_holds_as_the_books_grow(books):
    actor, rice = books
    printed = chain.head()
    give(actor, "002", 5)
    redeem(actor, "003", [(rice, 1)])
    assert chain.head() != printed
    assert _keys(printed) == []


def test_a_typed_head_is_read_in_either_case():
    assert chain.parse_head("l5-0a1b2c3d4e5f s0-000000000000") == [
        chain.HeadPart("ledger_entry", 5, "0A1B2C3D4E5F"), chain.HeadPart("stock_movement", 0,
                                                                      "000000000000")]


@pytest.mark.parametrize("typed", ["", "junk", "L5", "L5-12345678 and more", "X5-12345678"])
def test_an_unreadable_head_is_refused_in_words(typed):
    with pytest.raises(JifenError) as caught:
        chain.parse_head(typed)
    assert caught.value.key == "chain.bad_head"


def test_the_head_of_an_empty_village(village_path):
    assert chain.head() == "L0-000000000000 S0-000000000000"
    assert _keys(chain.head()) == []


def test_sealed_rows_refuse_to_change_even_their_seal(books):
    for sql in ("UPDATE ledger_entry SET points = 1 WHERE id = 1",
                "UPDATE ledger_entry SET chain = 'x' WHERE id = 1",
                "UPDATE stock_movement SET chain = NULL WHERE id = 1",
                "DELETE FROM stock_movement WHERE id = 1"):
        with pytest.raises(peewee.IntegrityError, match="append-only"):
            db.database.execute_sql(sql)


def test_a_version_2_file_is_sealed_as_jifen_would_have_sealed_it(books, village_path):
    sealed = {table: db.database.execute_sql(f"SELECT id, chain FROM {table}").fetchall()
              for table in chain.CHAINED}
    db.close_village()
    connection = sqlite3.connect(village_path)
    for table in chain.CHAINED:
        for trigger in ("no_update", "no_delete", "chain_once"):
            connection.execute(f"DROP TRIGGER {table}_{trigger}")
        connection.execute(f"ALTER TABLE {table} DROP COLUMN chain")
    connection.execute("PRAGMA user_version = 2")
    connection.commit()
    connection.close()
    db.open_village(village_path)
    assert db.database.execute_sql("PRAGMA user_version").fetchone()[0] == schema.VERSION
    for table in chain.CHAINED:
        assert db.database.execute_sql(f"SELECT id, chain FROM {table}").fetchall() == sealed[table]
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        db.database.execute_sql("UPDATE ledger_entry SET points = 1 WHERE id = 1")
    assert _keys() == []


def test_jifen_seals_on_after_a_row_another_tool_left_unsealed(books):
    actor, _ = books
    _tamper("INSERT INTO ledger_entry (uuid, household_id, account, kind, points, day, period, "
            "reason, staff_id, created_at) SELECT 'f00d', household_id, account, 'adjustment', "
            "1, day, period, '', staff_id, created_at FROM ledger_entry WHERE id = 1")
    assert chain.head().startswith("L5-")  # the head names only sealed rows
    give(actor, "002", 5)
    problems = check.check_village()
    assert [(p.key, p.params["first"]) for p in problems] == [("check.ledger_unsealed", 6)]


def test_a_blob_put_in_by_another_tool_is_named_not_a_crash(books):
    _tamper("UPDATE ledger_entry SET reason = X'00FF' WHERE id = 3")
    assert _keys() == ["check.ledger_edited"]


def test_a_row_with_an_id_jifen_never_gives_is_named(books):
    _tamper("INSERT INTO ledger_entry (id, uuid, household_id, account, kind, points, day, "
            "period, reason, staff_id, created_at, chain) SELECT -5, 'f00d', household_id, "
            "account, 'adjustment', 1, day, period, '', staff_id, created_at, chain "
            "FROM ledger_entry WHERE id = 1")
    problems = check.check_village()
    assert [(p.key, p.params["first"]) for p in problems] == [("check.ledger_unsealed", -5)]


def test_rows_deleted_from_the_end_show_against_a_printed_head(books):
    actor, _ = books
    give(actor, "002", 7)
    give(actor, "003", 7)
    printed = chain.head()                       # names entry 7
    _tamper("DELETE FROM ledger_entry WHERE id >= 6")
    give(actor, "002", 5)
    give(actor, "003", 5)  # ids 6 and 7 again, on a chain that agrees with itself
    assert _keys() == []
    assert _keys(printed) == ["check.ledger_head"]


def test_a_row_is_sealed_only_inside_its_write(books):
    with pytest.raises(RuntimeError):
        chain.seal("ledger_entry", 1)


def test_an_edited_or_deleted_audit_row_is_named(books):
    _tamper("UPDATE audit SET staff_name = '别人' WHERE id = 3", "DELETE FROM audit WHERE id = 5")
    problems = check.check_village()
    assert [(p.key, p.params["first"]) for p in problems] == [("check.audit_edited", 3),
                                                               ("check.audit_deleted", 5)]


@given(st.lists(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1), st.text()), min_size=1))
def test_sqlite_writes_a_rows_json_as_the_chain_does(values):
    """`check` hashes the JSON SQLite makes of a row (store/chain.py): for integers, text
    and NULL it must be, to the byte, the JSON `row_hash` makes of the same values."""
    connection = sqlite3.connect(":memory:")
    made = connection.execute(f"SELECT json_array({', '.join('?' * len(values))})",
                              values).fetchone()[0]
    assert made == json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def test_a_real_nudged_past_what_sqlites_json_shows_is_named(books):
    """SQLite writes a real in JSON to 15 digits, so 0.1 and the next real up look alike
    there: a row holding a real is hashed from its values, never from SQLite's JSON."""
    _tamper("UPDATE ledger_entry SET points = 0.1 WHERE id = 2")
    rewrite_chain()
    assert _keys() == []
    _tamper("UPDATE ledger_entry SET points = 0.10000000000000002 WHERE id = 2")
    assert _keys() == ["check.ledger_edited"]


def test_a_big_village_is_checked_by_worker_processes(books, monkeypatch):
    monkeypatch.setattr(check, "WORKERS_FROM_ROWS", 0)
    _tamper("UPDATE ledger_entry SET reason = '改过' WHERE id = 2",
            "DELETE FROM audit WHERE id = 5")
    problems = check.check_village()
    assert [(p.key, p.params["first"]) for p in problems] == [("check.ledger_edited", 2),
                                                               ("check.audit_deleted", 5)]
    _tamper("PRAGMA foreign_keys = OFF", "UPDATE stock_movement SET staff_id = 99 WHERE id = 1")
    assert [p.key for p in check.check_village()] == ["check.foreign_key"]  # nothing else


def _write_while_another_clerk_writes() -> None:
    """In a check worker: a write while another connection holds the write lock."""
    other = sqlite3.connect(database.database)
    other.execute("BEGIN IMMEDIATE")
    database.execute_sql("PRAGMA busy_timeout = 0")
    database.execute_sql("BEGIN IMMEDIATE")


def test_a_sqlite_failure_in_a_worker_comes_back_named(village_path):
    """Pickled back from a worker process, SQLite's error would lose its result code and
    say only 'failed': the worker names it, and the name crosses over."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as workers:
        failed = workers.submit(check._in_worker, str(village_path),
                                _write_while_another_clerk_writes)
        with pytest.raises(JifenError) as refused:
            failed.result()
    assert refused.value.key == "db.locked"
