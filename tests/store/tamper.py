"""Changing a village file behind jifen's back, as a tamperer or a bad tool would."""

from store import chain, db


def rewrite_chain() -> None:
    """Recompute every chain value over the rows as they now are: what someone who
    holds the file can always do. Only a head printed earlier shows it then."""
    for table in chain.CHAINED:
        db.database.execute_sql(f"DROP TRIGGER IF EXISTS {table}_chain_once")
        db.database.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_update")
        db.database.execute_sql(f"UPDATE {table} SET chain = NULL")
        chain.seal_unsealed(table)
