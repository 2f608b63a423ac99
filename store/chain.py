"""The hash chain over the append-only tables: tampering shows.

Every row of the points ledger and of the stock movements carries `chain`: the
SHA-256 of the previous row's `chain` and of the row itself as SQLite stores
it. A row edited, deleted or inserted outside jifen breaks the chain where it
happened. Whoever holds the file could recompute the whole chain, so the head
also lives outside it: a short form (the last row's id and the first 8 hex
digits of its chain) is printed on the notices, and `jifen check --head`
proves that the chain still passes through a head printed earlier.

The chain is sealed inside the transaction that writes the row: the row is
inserted, read back exactly as stored, hashed, and its `chain` set, the one
update the append-only triggers allow.
"""

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from store.db import database
from store.errors import JifenError

# The chained tables; the printed head names the two books by a letter. The audit
# trail is chained too (`check` walks it) but left off the paper, to keep the head short.
CHAINED = ("ledger_entry", "stock_movement", "audit")
PRINTED = {"ledger_entry": "L", "stock_movement": "S"}
GENESIS = "0" * 64
# Hex digits of a printed head: 48 bits. Eight (32 bits) could be matched by a forged
# rewrite in hours of one core; 48 bits would take years.
SHORT = 12
HEAD_PART = re.compile(rf"([LS])\s*(\d{{1,18}})\s*-\s*([0-9A-Fa-f]{{{SHORT}}})")


def _stored_bytes(value):
    """A blob, which jifen never writes but a tool could: hashed as tagged hex."""
    if isinstance(value, bytes):
        return {"blob": value.hex()}
    raise TypeError(f"cannot hash {type(value).__name__}")


# json.dumps with these arguments, made once: json.dumps builds a new encoder on every
# call, which `check` would pay millions of times.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
                           default=_stored_bytes).encode


def row_hash(previous: str, values) -> str:
    """The chain value of a row whose stored `values` follow the row `previous`."""
    return _sha256(_ENCODE([previous, *values]))


def _sha256(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def columns(table: str) -> list[str]:
    return [row[1] for row in database.execute_sql(f"PRAGMA table_info({table})")]


def content_columns(table: str) -> list[str]:
    """The stored columns of `table` that the chain covers: all but `chain` itself."""
    return [column for column in columns(table) if column != "chain"]


def _quoted(table: str) -> list[str]:
    return [f'"{column}"' for column in content_columns(table)]


def _select(table: str) -> str:
    return ", ".join(_quoted(table))


def seal(table: str, row_id: int) -> str:
    """Set `chain` on the row just inserted, and return it; the caller holds the
    write transaction, so no other row can come between."""
    if not database.in_transaction():
        raise RuntimeError("a chained row is sealed inside the write that inserts it")
    previous = database.execute_sql(
        f"SELECT chain FROM {table} WHERE id < ? ORDER BY id DESC LIMIT 1", (row_id,)).fetchone()
    values = database.execute_sql(f"SELECT {_select(table)} FROM {table} WHERE id = ?",
                                  (row_id,)).fetchone()
    # A row before it with no seal (put there by another tool) is a break `check`
    # names; the chain goes on from the start value, as `breaks` reads it.
    chained = row_hash((previous and previous[0]) or GENESIS, values)
    database.execute_sql(f"UPDATE {table} SET chain = ? WHERE id = ?", (chained, row_id))
    return chained


def seal_unsealed(table: str, batch: int = 20_000) -> int:
    """Seal, in id order, every row written without a chain: rows of a file made
    before the chain existed, or bulk-loaded ones. The caller holds the write
    transaction. Returns how many rows were sealed."""
    columns, previous, last_id, count = _select(table), GENESIS, 0, 0
    while rows := database.execute_sql(
            f"SELECT id, chain, {columns} FROM {table} WHERE id > ? ORDER BY id LIMIT ?",
            (last_id, batch)).fetchall():
        sealed = []
        for row_id, chained, *values in rows:
            if chained is None:
                chained = row_hash(previous, values)
                sealed.append((chained, row_id))
            previous, last_id = chained, row_id
        database.cursor().executemany(f"UPDATE {table} SET chain = ? WHERE id = ?", sealed)
        count += len(sealed)
    return count


@dataclass(frozen=True)
class Break:
    """Where a chain does not hold: `kind` is "edited", "deleted" or "unsealed"."""

    table: str
    kind: str
    first: int   # the row (or the first missing id)
    last: int    # the same row, or the last missing id


def breaks(table: str) -> Iterator[Break]:
    """Every place `table`'s chain is broken, in id order.

    Each row is checked against the stored chain of the row before it, so one
    edited row is one break, not a cascade. jifen never deletes a row, so ids
    run 1, 2, 3 ... and a gap is a deleted row; the row after a gap cannot be
    checked, its predecessor being gone. Rows deleted from the end leave no gap
    (SQLite gives their ids to the next rows): only a printed head shows that.
    """
    cursor = database.execute_sql(
        f"SELECT id, chain, {_stored_json(table)} FROM {table} ORDER BY id")
    previous, expected_id = GENESIS, 1
    for row_id, chained, stored in cursor:
        if row_id < expected_id:  # an id jifen never gives (0 or below)
            yield Break(table, "unsealed", row_id, row_id)
            continue
        gap = row_id != expected_id
        if gap:
            yield Break(table, "deleted", expected_id, row_id - 1)
        if not chained:
            yield Break(table, "unsealed", row_id, row_id)
        elif not gap and not _follows(table, row_id, chained, previous, stored):
            yield Break(table, "edited", row_id, row_id)
        previous, expected_id = chained or GENESIS, row_id + 1


def _stored_json(table: str) -> str:
    """SQL for a row's stored values as the JSON list `row_hash` writes of them, made by
    SQLite (which halves the walk over millions of rows); NULL for a row holding a real
    or a blob, whose JSON only `row_hash` writes as it does."""
    odd = " OR ".join(f"typeof({column}) IN ('real', 'blob')" for column in _quoted(table))
    return f"CASE WHEN {odd} THEN NULL ELSE json_array({_select(table)}) END"


def _follows(table: str, row_id: int, chained: str, previous: str, stored: str | None) -> bool:
    """Whether row `row_id`'s `chain` is its hash after the chain value `previous`.

    For integers, text and NULL, SQLite's JSON is Python's to the byte
    (tests/store/test_chain.py), and two JSON texts alike hold the same values: the
    quick hash never passes a changed row. Should the texts ever differ, it fails, and
    the row is hashed again from its values by `row_hash`: no sound row is named."""
    if stored is not None and chained == _sha256(f"[{_ENCODE(previous)},{stored[1:]}"):
        return True
    values = database.execute_sql(f"SELECT {_select(table)} FROM {table} WHERE id = ?",
                                  (row_id,)).fetchone()
    return chained == row_hash(previous, values)


def head() -> str:
    """The printed head: each chain's last sealed row id and its first hex digits."""
    parts = []
    for table, letter in PRINTED.items():
        last = database.execute_sql(f"SELECT id, chain FROM {table} WHERE chain IS NOT NULL "
                                    "ORDER BY id DESC LIMIT 1").fetchone()
        row_id, chained = last or (0, GENESIS)
        parts.append(f"{letter}{row_id}-{chained[:SHORT].upper()}")
    return " ".join(parts)


@dataclass(frozen=True)
class HeadPart:
    table: str
    row_id: int
    digits: str


def parse_head(text: str) -> list[HeadPart]:
    """The parts of a printed head as typed back ("L115-1A2B3C4D S150-5E6F7A8B")."""
    tables = {letter: table for table, letter in PRINTED.items()}
    parts = [HeadPart(tables[letter.upper()], int(row_id), digits.upper())
             for letter, row_id, digits in HEAD_PART.findall(text.upper())]
    leftover = HEAD_PART.sub("", text.upper()).strip(" ,;/·")
    if not parts or leftover:
        raise JifenError("chain.bad_head", head=text)
    return parts


def head_mismatches(text: str) -> list[HeadPart]:
    """The parts of a printed head the file's chain no longer passes through."""
    wrong = []
    for part in parse_head(text):
        if part.row_id == 0:
            continue  # printed before the chain had a row: nothing to compare
        found = database.execute_sql(f"SELECT chain FROM {part.table} WHERE id = ?",
                                     (part.row_id,)).fetchone()
        if found is None or not found[0] or not found[0].upper().startswith(part.digits):
            wrong.append(part)
    return wrong
