"""Schema versions of a village file.

A new file gets the current tables at once; an older file runs the migrations
from its version up, each in its own transaction, after `db.open_village` has
backed it up. `PRAGMA user_version` holds the version.
"""

from store import chain
from store.models import (ALL_MODELS, CHAINED_MODELS, SHOP_MODELS, Deed, LedgerEntry, Redemption,
                          StockMovement, append_only_triggers)


def _add_the_shop(database) -> None:
    """Version 2: goods, stock, redemptions and settlements."""
    database.create_tables(SHOP_MODELS)
    for trigger in append_only_triggers(StockMovement):
        database.execute_sql(trigger)


def _chain_the_entries(database) -> None:
    """Version 3: the hash chain over ledger entries and stock movements, sealed
    over the rows already there (store/chain.py)."""
    for model in CHAINED_MODELS:
        table = model._meta.table_name
        if "chain" not in chain.columns(table):  # a v1 file gets it with the shop
            database.execute_sql(f"ALTER TABLE {table} ADD COLUMN chain TEXT")
        for verb in ("update", "delete"):
            database.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
        database.execute_sql(f"DROP TRIGGER IF EXISTS {table}_chain_once")
    for trigger in append_only_triggers(*CHAINED_MODELS):
        database.execute_sql(trigger)
    for table in chain.CHAINED:
        chain.seal_unsealed(table)


# Indexes version 4 gives up: a prefix of the ledger's covering index, and who wrote an
# entry, which no query asks.
DROPPED_INDEXES = ("ledger_entry_household_id_account_day", "ledger_entry_household_id",
                   "ledger_entry_staff_id", "ledger_entry_second_staff_id")


def _index_what_is_asked(database) -> None:
    """Version 4: the indexes the queries need (docs/PERFORMANCE.md): the ledger's
    covering balance index, stock on hand, the deeds and orders that wait."""
    for name in DROPPED_INDEXES:
        database.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for model in (LedgerEntry, StockMovement, Deed, Redemption):
        model._schema.create_indexes(safe=True)


# MIGRATIONS[v] upgrades a file from version v to v + 1.
MIGRATIONS: dict = {1: _add_the_shop, 2: _chain_the_entries, 3: _index_what_is_asked}
VERSION = 1 + len(MIGRATIONS)


def create(database, application_id: int) -> None:
    with database.atomic("IMMEDIATE"):
        database.create_tables(ALL_MODELS)
        for trigger in append_only_triggers(*CHAINED_MODELS):
            database.execute_sql(trigger)
        database.execute_sql(f"PRAGMA application_id = {application_id}")
        database.execute_sql(f"PRAGMA user_version = {VERSION}")


def migrate(database, version: int) -> None:
    while version < VERSION:
        with database.atomic("IMMEDIATE"):
            MIGRATIONS[version](database)
            version += 1
            database.execute_sql(f"PRAGMA user_version = {version}")
