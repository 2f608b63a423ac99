"""Raw bulk inserts for a generated village: `executemany` on peewee's own connection.

peewee's `insert_many` loaded rows 8x slower (issue 10). Every row gets its id here,
in the order the rows are made, so rows can name each other before they are written
and ids follow time as in a file the app wrote (the hash chain also wants ids without
gaps). Columns are named, so a column the schema adds later takes its default (the
ledger's `chain` stays NULL until sealed).
"""

import random
from datetime import date, datetime

from store.db import database

# Parents before children: each statement's foreign keys find their rows.
COLUMNS = {
    "member": ("household_id", "name", "relation", "phone", "position"),
    "deed": ("uuid", "household_id", "day", "what", "item_id", "evidence", "self_applied",
             "status", "status_reason", "registered_by_id", "registered_at"),
    "review": ("uuid", "period", "attendees", "rubric_version", "policy_version", "status",
               "opened_by_id", "opened_at", "closed_by_id", "closed_on", "notice_last_day",
               "signed_off_by_id", "finalized_on"),
    "award": ("uuid", "review_id", "household_id", "deed_id", "item_id", "rubric_version",
              "points", "asked_points", "final_points", "note", "status", "status_reason",
              "proposed_by_id", "proposed_at", "effective_on"),
    "objection": ("uuid", "award_id", "raised_by", "reason", "registered_by_id",
                  "registered_at", "status", "new_points", "resolution", "resolved_by_id",
                  "resolved_at"),
    "ledger_entry": ("uuid", "household_id", "account", "kind", "points", "day", "period",
                     "award_id", "reverses_id", "link", "reason", "staff_id",
                     "second_staff_id", "created_at"),
    "redemption": ("uuid", "household_id", "status", "points", "proxy", "made_on",
                   "collect_by", "collected_on", "made_by_id", "collected_by_id",
                   "status_reason", "created_at"),
    "redemption_line": ("redemption_id", "goods_id", "quantity", "price", "area"),
    "stock_movement": ("uuid", "goods_id", "kind", "quantity", "day", "supplier", "cost_fen",
                       "donor", "via", "counted", "reason", "witness_id", "redemption_id",
                       "reverses_id", "staff_id", "created_at"),
    "redemption_sheet": ("day", "signed_off_by_id", "signed_at", "redemptions", "points"),
    "settlement": ("period", "points", "yuan", "yuan_per_point", "made_by_id", "made_at"),
}


def stamp(moment: datetime) -> str:
    """A moment as peewee stores a DateTimeField (UTC, no time zone)."""
    return moment.isoformat(" ")


def day_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


class Uuids:
    """Version-4 uuids as peewee stores them (32 hex digits), reproducible from a seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self) -> str:
        bits = self.rng.getrandbits(128)
        bits = (bits & ~(0xF000 << 64)) | (0x4000 << 64)      # version 4
        bits = (bits & ~(0xC000 << 48)) | (0x8000 << 48)      # RFC 4122 variant
        return f"{bits:032x}"


class Table:
    """Rows of one table waiting to be written, each with its id."""

    def __init__(self, name: str, first_id: int):
        columns = COLUMNS[name]
        self.name = name
        self.sql = (f"INSERT INTO {name} (id, {', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * (len(columns) + 1))})")
        self.next_id = first_id
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, *values) -> int:
        row_id = self.next_id
        self.next_id += 1
        self.rows.append((row_id, *values))
        return row_id


class Bulk:
    """Every generated table; `flush` writes what waits in one transaction."""

    def __init__(self):
        self.tables = {name: Table(name, _next_id(name)) for name in COLUMNS}

    def __getattr__(self, name: str) -> Table:
        try:
            return self.__dict__["tables"][name]
        except KeyError:
            raise AttributeError(name) from None

    def flush(self) -> None:
        connection = database.connection()
        with database.atomic():
            for table in self.tables.values():
                if table.rows:
                    connection.executemany(table.sql, table.rows)
                    table.written += len(table.rows)
                    table.rows.clear()

    def counts(self) -> dict[str, int]:
        return {name: table.written + len(table.rows) for name, table in self.tables.items()}


def _next_id(table: str) -> int:
    return database.execute_sql(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]


def fast_load_pragmas() -> None:
    """For this connection only: no fsync per commit and a big page cache while loading.

    A crash mid-load loses the file, which the generator then removes anyway; the
    village file itself keeps WAL, and the app's own pragmas apply when it opens it.
    """
    database.execute_sql("PRAGMA synchronous = OFF")
    database.execute_sql("PRAGMA cache_size = -400000")  # KiB: 400 MB
