"""Schema versions of a village file.

A new file gets the current tables at once; an older file runs the migrations
from its version up, each in its own transaction, after `db.open_village` has
backed it up. `PRAGMA user_version` holds the version.
"""

from store.models import ALL_MODELS, APPEND_ONLY_TRIGGERS, SHOP_MODELS, append_only_triggers


def _add_the_shop(database) -> None:
    """Version 2: goods, stock, redemptions and settlements."""
    database.create_tables(SHOP_MODELS)
    for trigger in append_only_triggers("stock_movement"):
        database.execute_sql(trigger)


# MIGRATIONS[v] upgrades a file from version v to v + 1.
MIGRATIONS: dict = {1: _add_the_shop}
VERSION = 1 + len(MIGRATIONS)


def create(database, application_id: int) -> None:
    with database.atomic("IMMEDIATE"):
        database.create_tables(ALL_MODELS)
        for trigger in APPEND_ONLY_TRIGGERS:
            database.execute_sql(trigger)
        database.execute_sql(f"PRAGMA application_id = {application_id}")
        database.execute_sql(f"PRAGMA user_version = {VERSION}")


def migrate(database, version: int) -> None:
    while version < VERSION:
        with database.atomic("IMMEDIATE"):
            MIGRATIONS[version](database)
            version += 1
            database.execute_sql(f"PRAGMA user_version = {version}")
