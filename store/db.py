"""Opening a village file: pragmas, identity, schema version, transactions.

One SQLite file is one village. Every write goes through `write()`, which is
one `BEGIN IMMEDIATE` transaction: a second writer waits (busy timeout) instead
of failing halfway through a read-then-write.
"""

import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import peewee

from store.errors import JifenError

# Written into the SQLite header so a jifen village is told apart from any
# other SQLite file ("JIFN").
APPLICATION_ID = 0x4A49464E
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# synchronous=FULL: with NORMAL a simulated power loss lost acknowledged
# commits here (see DESIGN.md); WAL lets readers go on while one writes.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "full",
}

database = peewee.SqliteDatabase(None)


def translate_sqlite_error(error: Exception) -> JifenError:
    """Name a SQLite failure in words a clerk can act on."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return JifenError("db.locked")
    if "full" in text:
        return JifenError("db.full")
    if "readonly" in text or "read-only" in text:
        return JifenError("db.readonly")
    if "not a database" in text or "malformed" in text:
        return JifenError("db.corrupt")
    if "unable to open" in text:
        return JifenError("db.cannot_open")
    return JifenError("db.failed", detail=str(error))


@contextmanager
def write():
    """One write transaction: all of it or none of it."""
    try:
        with database.atomic("IMMEDIATE"):
            yield
    except (peewee.IntegrityError, sqlite3.IntegrityError):
        raise  # a check jifen should have made first: a bug, for the error log
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        raise translate_sqlite_error(_original(error)) from error


def _original(error: Exception) -> Exception:
    """The failure itself, not the failed ROLLBACK that followed it.

    On SQLITE_FULL and some I/O errors SQLite has already rolled back, so
    peewee's own ROLLBACK fails with "no transaction is active" and hides why.
    """
    while "no transaction is active" in str(error) and error.__context__ is not None:
        error = error.__context__
    return error


@contextmanager
def sqlite_errors_explained():
    """For reads: turn a SQLite failure into a JifenError."""
    try:
        yield
    except (peewee.OperationalError, sqlite3.OperationalError, peewee.DatabaseError) as error:
        raise translate_sqlite_error(error) from error


def _pragma(name: str) -> int:
    return database.execute_sql(f"PRAGMA {name}").fetchone()[0]


def _looks_like_sqlite(path: Path) -> bool:
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    return header == SQLITE_MAGIC


def close_village() -> None:
    if not database.is_closed():
        database.close()


def open_village(path, *, create: bool = False) -> Path:
    """Open (or with `create`, make) the village file at `path`.

    Refuses a missing file, a file that is not a jifen village, and one written
    by a newer jifen. An older schema is backed up, then migrated.
    """
    from store import schema

    path = Path(path).expanduser()
    close_village()
    if create:
        _create_empty_file(path)
    else:
        if not path.is_file():
            raise JifenError("village.missing", path=str(path))
        if not _looks_like_sqlite(path):
            raise JifenError("village.not_jifen", path=str(path))
    database.init(str(path), pragmas=PRAGMAS)
    try:
        database.connect()
        if create:
            schema.create(database, APPLICATION_ID)
        else:
            _check_identity_and_migrate(path, schema)
    except BaseException as error:
        if create:
            discard(path)
        else:
            close_village()
        if isinstance(error, (peewee.OperationalError, peewee.DatabaseError)):
            raise translate_sqlite_error(error) from error
        raise
    return path


@contextmanager
def new_village(path):
    """Create a village file for the caller to fill; if filling fails, the file goes.

    A half-made file would block every retry: `init` refuses it as existing,
    and opening refuses it as not a village.
    """
    path = open_village(path, create=True)
    try:
        yield path
    except BaseException:
        discard(path)
        raise


def discard(path) -> None:
    """Remove a village file that jifen itself has just created, with its WAL files."""
    close_village()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _create_empty_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: never overwrite an existing village, even one made a moment ago.
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
    except FileExistsError:
        raise JifenError("village.exists", path=str(path)) from None
    except PermissionError:
        raise JifenError("db.readonly") from None
    os.close(descriptor)


def _check_identity_and_migrate(path: Path, schema) -> None:
    if _pragma("application_id") != APPLICATION_ID:
        raise JifenError("village.not_jifen", path=str(path))
    version = _pragma("user_version")
    if version > schema.VERSION:
        raise JifenError("village.too_new", path=str(path), version=version, supported=schema.VERSION)
    if version < schema.VERSION:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup_to(path.with_name(f"{path.stem}.before-v{schema.VERSION}.{stamp}{path.suffix}"))
        schema.migrate(database, version)


def backup_to(destination) -> Path:
    """Copy the open village through SQLite's backup API.

    A plain file copy of a live village is stale: it misses what still sits in
    the write-ahead log.
    """
    destination = Path(destination)
    target = sqlite3.connect(destination)
    try:
        database.connection().backup(target)
    finally:
        target.close()
    return destination
