"""The queries that run on every keystroke or every page use the index meant for them,
as SQLite's EXPLAIN QUERY PLAN shows (docs/PERFORMANCE.md: the figures behind each)."""

import sqlite3

import pytest

from store import db, ledger, schema
from store.goods import on_hand
from store.meeting import meeting_state
from store.models import Goods
from store.redemption import orders_to_expire
from tests.conftest import TODAY
from tests.store.shop_helpers import give, open_shop, stocked


@pytest.fixture
def shop(actor):
    open_shop(actor, "mazigou")
    give(actor, "001", 50)
    return Goods.get_by_id(stocked(actor, "大米", 10, 5))


def plans(call, monkeypatch) -> str:
    """What SQLite plans for every query `call` runs, as one text."""
    run = db.database.execute_sql
    seen = []

    def recording(sql, params=None, *args, **kwargs):
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append((sql, params))
        return run(sql, params, *args, **kwargs)

    monkeypatch.setattr(db.database, "execute_sql", recording)
    call()
    monkeypatch.undo()
    return "\n".join(row[3] for sql, params in seen
                     for row in run(f"EXPLAIN QUERY PLAN {sql}", params or ()).fetchall())


def test_a_balance_reads_the_covering_index_alone(shop, monkeypatch):
    planned = plans(lambda: ledger.balance("001"), monkeypatch)
    assert "COVERING INDEX ledger_entry_household_id_account_day_points" in planned


def test_stock_on_hand_reads_the_covering_index_alone(shop, monkeypatch):
    planned = plans(lambda: on_hand(shop), monkeypatch)
    assert "COVERING INDEX stock_movement_goods_id_quantity" in planned


def test_the_orders_overdue_are_found_without_reading_every_basket(shop, monkeypatch):
    assert "redemption_ordered" in plans(lambda: orders_to_expire(TODAY), monkeypatch)


def test_the_deeds_waiting_are_found_without_reading_ten_years_of_deeds(shop, actor,
                                                                        monkeypatch):
    from store.deeds import register_deed
    from store.reviews import open_review

    register_deed(actor, "001", what="帮邻居收麦")
    open_review(actor, "2026-11")
    assert "deed_pending" in plans(lambda: meeting_state(TODAY), monkeypatch)


def test_a_version_3_file_gets_the_indexes_and_loses_the_ones_no_query_needs(village_path):
    db.close_village()
    connection = sqlite3.connect(village_path)
    for name in ("ledger_entry_household_id_account_day_points", "stock_movement_goods_id_quantity",
                 "deed_pending", "redemption_ordered"):
        connection.execute(f"DROP INDEX {name}")
    connection.execute("CREATE INDEX ledger_entry_household_id_account_day "
                       "ON ledger_entry (household_id, account, day)")
    connection.execute("CREATE INDEX ledger_entry_staff_id ON ledger_entry (staff_id)")
    connection.execute("PRAGMA user_version = 3")
    connection.commit()
    connection.close()
    db.open_village(village_path)
    names = {row[0] for row in db.database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ledger_entry_household_id_account_day_points", "stock_movement_goods_id_quantity",
            "deed_pending", "redemption_ordered"} <= names
    assert not names & set(schema.DROPPED_INDEXES)
    assert db.database.execute_sql("PRAGMA user_version").fetchone()[0] == schema.VERSION


def test_the_meeting_reads_its_agenda_in_as_many_queries_for_six_deeds_as_for_one(
        shop, actor, monkeypatch):
    from store.deeds import register_deed
    from store.reviews import open_review

    def queries() -> int:
        return len(plans(lambda: meeting_state(TODAY), monkeypatch).splitlines())

    register_deed(actor, "001", what="帮邻居收麦")
    open_review(actor, "2026-11")
    one = queries()
    for card in ("001", "002", "003", "002", "003"):
        register_deed(actor, card, what="打扫村道")
    assert queries() == one


def test_the_goods_list_reads_what_orders_hold_from_the_open_orders(shop, monkeypatch):
    from store.goods import list_goods

    planned = plans(list_goods, monkeypatch)
    assert "redemption_ordered" in planned and "COVERING INDEX stock_movement_goods_id_quantity" \
        in planned
