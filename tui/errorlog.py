"""Where an unexpected failure goes: a log file, never the clerk's screen."""

import traceback
from pathlib import Path


def log_traceback() -> str:
    """Append the current exception to the error log; returns the log's path."""
    from platformdirs import user_log_dir

    folder = Path(user_log_dir("jifen", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "error.log"
        with open(log, "a", encoding="utf-8") as handle:
            traceback.print_exc(file=handle)
        return str(log)
    except OSError:
        return "-"
