"""Changing a village file behind jifen's back, as a tamperer or a bad tool would."""

from store import chain, db


def unlock() -> None:
    """Drop the triggers that keep the ledger and stock append-only: any tool can."""
    for table in chain.CHAINED:
        for trigger in ("no_update", "no_delete", "chain_once"):
            db.database.execute_sql(f"DROP TRIGGER IF EXISTS {table}_{trigger}")


def rewrite_chain() -> None:
    """Recompute every chain value over the rows as they now are: what someone who
    holds the file can always do. Only a head printed earlier shows it then."""
    unlock()
    for table in chain.CHAINED:
        db.database.execute_sql(f"UPDATE {table} SET chain = NULL")
        chain.seal_unsealed(table)
