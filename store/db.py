"""Opening a village file: pragmas, identity, schema version, transactions.

One SQLite file is one village. Every write goes through `write()`, which is
one `BEGIN IMMEDIATE` transaction: a second writer waits (busy timeout) instead
of failing halfway through a read-then-write.
"""

import os
import sqlite3
import stat
from contextlib import contextmanager
from pathlib import Path

import peewee

from store.errors import JifenError

# Written into the SQLite header so a jifen village is told apart from any
# other SQLite file ("JIFN").
APPLICATION_ID = 0x4A49464E
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# Owner and group (the office's clerks), never others: the ledger names households and
# what they hold. SQLite gives its -wal and -shm files the village file's own mode.
FILE_MODE = 0o660

# synchronous=FULL: with NORMAL a simulated power loss lost acknowledged
# commits here (see DESIGN.md); WAL lets readers go on while one writes.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "full",
}

database = peewee.SqliteDatabase(None)


# SQLite's primary result codes, each in words a clerk can act on.
_MEANINGS = {
    sqlite3.SQLITE_BUSY: "db.locked",
    sqlite3.SQLITE_LOCKED: "db.locked",
    sqlite3.SQLITE_FULL: "db.full",
    sqlite3.SQLITE_READONLY: "db.readonly",
    sqlite3.SQLITE_CORRUPT: "db.corrupt",
    sqlite3.SQLITE_NOTADB: "db.corrupt",
    sqlite3.SQLITE_CANTOPEN: "db.cannot_open",
    sqlite3.SQLITE_IOERR: "files.io_error",
}


def translate_sqlite_error(error: Exception) -> JifenError:
    """Name a SQLite failure in words a clerk can act on."""
    key = _MEANINGS.get(_result_code(error))
    return JifenError(key) if key else JifenError("db.failed", detail=str(error))


def _result_code(error: Exception) -> int | None:
    """SQLite's primary result code; peewee keeps the sqlite3 error it wraps as the context."""
    for candidate in (error, error.__context__):
        code = getattr(candidate, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF
    return None


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


def _refuse_unless_sqlite(path: Path) -> None:
    """Refuse a path that holds no SQLite file this account may read, saying which."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except PermissionError:
        # Also a folder this account may not enter: it is not "missing" then.
        raise JifenError("files.no_access", path=str(path)) from None
    except OSError:
        raise JifenError("village.missing", path=str(path)) from None
    if header != SQLITE_MAGIC:
        raise JifenError("village.not_jifen", path=str(path))


def readable_by_others() -> bool:
    """Whether every account on this machine may read the open village file."""
    return bool(os.stat(database.database).st_mode & stat.S_IROTH)


def read_only() -> bool:
    """Whether this account may read the open village file but not write it."""
    return not os.access(database.database, os.W_OK)


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
        _refuse_unless_sqlite(path)
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
        if isinstance(error, (peewee.DatabaseError, sqlite3.DatabaseError)):
            raise translate_sqlite_error(_original(error)) from error
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: never overwrite an existing village, even one made a moment ago.
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        raise JifenError("village.exists", path=str(path)) from None
    except PermissionError:
        raise JifenError("db.readonly") from None
    os.close(descriptor)


def create_private_file(path, mode: int = FILE_MODE) -> None:
    """Make `path` a new empty file with at most `mode` (the umask may take more), before
    SQLite writes a copy of the village into it: SQLite itself would create it readable
    by all. Whatever was at `path` goes first, and a symbolic link is never followed: in
    a folder the office's group shares, a colleague's link must not aim the copy elsewhere."""
    Path(path).unlink(missing_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, mode))


def _check_identity_and_migrate(path: Path, schema) -> None:
    if _pragma("application_id") != APPLICATION_ID:
        raise JifenError("village.not_jifen", path=str(path))
    version = _pragma("user_version")
    if version > schema.VERSION:
        raise JifenError("village.too_new", path=str(path), version=version, supported=schema.VERSION)
    if version < schema.VERSION:
        from store.backups import backup_before_migration

        backup_before_migration(schema.VERSION)
        schema.migrate(database, version)


def backup_to(destination) -> Path:
    """Copy the open village through SQLite's backup API.

    A plain file copy of a live village is stale: it misses what still sits in
    the write-ahead log. The copy is shared as the village is, and never with others.
    """
    destination = Path(destination)
    create_private_file(destination, os.stat(database.database).st_mode & FILE_MODE)
    target = sqlite3.connect(destination)
    try:
        database.connection().backup(target)
    except sqlite3.Error as error:  # a full or read-only disk, in words
        raise translate_sqlite_error(error) from error
    finally:
        target.close()
    return destination
