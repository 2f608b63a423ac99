"""A note the app leaves when a signal ends it, for its next start to read out.

One note per village file and OS account, in a small file beside the open village
(`.village.jifen.interrupted-1000`): two clerks sharing a village each hear only
about their own session. It stays out of the village file itself, so leaving it
waits for no write lock while the terminal is already gone.
"""

import json
import os
from contextlib import suppress
from pathlib import Path

from store import db


def note_path() -> Path:
    village = Path(db.database.database)
    return village.with_name(f".{village.name}.interrupted-{os.geteuid()}")


def leave_note(note: dict) -> None:
    """Write `note` whole (a new file renamed into place), readable by this account only."""
    path = note_path()
    partial = path.with_name(f"{path.name}.partial")
    # A folder that cannot be written loses the note, never the exit it comes with.
    with suppress(OSError):
        # In a folder the group shares, a colleague's link at `partial` is not followed.
        partial.unlink(missing_ok=True)
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW,
                             0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(note, handle, ensure_ascii=False)
        os.replace(partial, path)


def take_note() -> dict | None:
    """The note the last session left, gone once read; None if it left none."""
    path = note_path()
    try:
        text = path.read_text(encoding="utf-8")
        path.unlink()
        return json.loads(text)
    except (OSError, ValueError):
        return None
