"""Backups of the open village through SQLite's backup API, and their rotation.

A `cp` of a live village is stale (it misses what is still in the write-ahead
log), so every copy here goes through `db.backup_to`. The daily backups live
in a folder beside the village file, `<name>-backups/`: one a day, the newest
14 days kept, and the first of each month kept for 12 months.
"""

import os
import re
import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

from store import db, schema
from store.errors import JifenError
from store.models import Village

DAILY_KEPT = 14
MONTHLY_KEPT = 12


def backup(destination) -> Path:
    """Copy the open village to `destination` (a file, or a folder to put it in); the copy
    is written whole, then renamed into place, so a half copy is never left behind."""
    village = Path(db.database.database)
    target = Path(destination).expanduser()
    if target.is_dir():
        target = target / village.name
    if target.resolve() == village.resolve():
        raise JifenError("backup.onto_itself", path=str(target))
    if not target.parent.is_dir():
        raise JifenError("backup.no_folder", path=str(target.parent))
    partial = target.with_name(f".{target.name}.partial")
    try:
        db.backup_to(partial)
        os.replace(partial, target)
    except OSError as error:
        raise JifenError("backup.cannot_write", path=str(target), detail=error.strerror) from None
    finally:
        partial.unlink(missing_ok=True)  # a full disk, say: no half copy stays behind
    return target


def backup_folder(village: Path) -> Path:
    return village.with_name(f"{village.stem}-backups")


def _made_folder(village: Path) -> Path:
    """The backup folder, made if need be: open to the office's group, closed to others (in
    a setgid folder it takes the folder's group, as the village file did)."""
    folder = backup_folder(village)
    try:
        folder.mkdir(mode=0o770, exist_ok=True)
    except OSError as error:
        raise JifenError("backup.cannot_write", path=str(folder), detail=error.strerror) from None
    return folder


def daily_backup(today: date) -> Path | None:
    """Today's backup, if there is none yet, then the rotation; the new file, or None."""
    village = Path(db.database.database)
    target = backup_folder(village) / f"{village.stem}.{today.isoformat()}{village.suffix}"
    if target.exists():
        return None
    folder = _made_folder(village)
    made = backup(target)
    rotate(folder, village)
    return made


def backup_before_migration(version: int) -> Path:
    """A copy of the open village as it is, before it is migrated to schema `version`."""
    village = Path(db.database.database)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    name = f"{village.stem}.before-v{version}.{stamp}{village.suffix}"
    return backup(_made_folder(village) / name)


def rotate(folder: Path, village: Path) -> list[Path]:
    """Remove the daily backups no longer kept; the ones removed."""
    dated = re.compile(rf"{re.escape(village.stem)}\.(\d{{4}}-\d{{2}}-\d{{2}}){re.escape(village.suffix)}")
    days = sorted((date.fromisoformat(match[1]), path) for path in folder.iterdir()
                  if (match := dated.fullmatch(path.name)))
    kept = {day for day, _ in days[-DAILY_KEPT:]}
    first_of_month: dict[tuple[int, int], date] = {}
    for day, _ in days:
        first_of_month.setdefault((day.year, day.month), day)
    kept |= set(sorted(first_of_month.values())[-MONTHLY_KEPT:])
    removed = [path for day, path in days if day not in kept]
    for path in removed:
        path.unlink()
    return removed


def restore(source, village, *, force: bool = False) -> Path | None:
    """Put the backup `source` in place of the village file `village`, after checking it
    is a sound jifen village and, unless `force`, the same village; the current file is
    kept aside first. Returns where it was kept (None if there was no current file)."""
    source, village = Path(source).expanduser(), Path(village).expanduser()
    if source.resolve() == village.resolve():
        raise JifenError("backup.onto_itself", path=str(village))
    backup_village = _identity(source)
    kept = None
    if village.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = village.with_name(f"{village.stem}.before-restore.{stamp}{village.suffix}")
        try:
            db.open_village(village)
        except JifenError:
            # Damaged, or not a village at all: the very case a restore is for. It cannot say
            # which village it was, so it is moved aside as it is, with its WAL.
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{village}{suffix}").exists():
                    os.replace(f"{village}{suffix}", f"{aside}{suffix}")
            kept = aside
        else:
            try:
                if backup_village != _identity_open() and not force:
                    raise JifenError("restore.other_village", path=str(source),
                                     village=backup_village[0], current=_identity_open()[0])
                kept = db.backup_to(aside)
            finally:
                db.close_village()
    if not village.exists():   # a new machine, or the damaged file just moved aside
        db.create_private_file(village)
    copy = sqlite3.connect(village)
    original = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        original.backup(copy)
    finally:
        original.close()
        copy.close()
    db.open_village(village)   # an older backup is migrated here, after its own backup
    return kept


def _identity(path: Path) -> tuple[str, str]:
    """The village a file holds (name, when it was made), or the refusal that it holds none
    jifen can use."""
    if not path.is_file():
        raise JifenError("village.missing", path=str(path))
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            application, version, sound = (
                connection.execute("PRAGMA application_id").fetchone()[0],
                connection.execute("PRAGMA user_version").fetchone()[0],
                connection.execute("PRAGMA integrity_check").fetchone()[0])
            if application != db.APPLICATION_ID:
                raise JifenError("village.not_jifen", path=str(path))
            if sound != "ok":
                raise JifenError("restore.damaged", path=str(path), detail=sound)
            if version > schema.VERSION:
                raise JifenError("village.too_new", path=str(path), version=version,
                                 supported=schema.VERSION)
            name, made = connection.execute("SELECT name, created_at FROM village").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise JifenError("village.not_jifen", path=str(path)) from None
    return name, str(made)


def _identity_open() -> tuple[str, str]:
    row = Village.get()
    return row.name, str(row.created_at)
