"""What the app was doing when a signal ended it, and how its next start says so.

The note is data (store/session_note.py keeps it), phrased only when read, in
the language of the start that reads it.
"""

from datetime import datetime

from tui.i18n import t


def work_in_progress(app, signal_name: str) -> dict:
    """The task on screen and the work a signal ends unsaved: an open dialog, the counter's
    unconfirmed basket, the tasks holding unsaved edits (the rubric's working copy)."""
    titles = app.screen.query(".dialog-title")
    return {"signal": signal_name.lower(), "at": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "task": app.current_mode,
            "dialog": str(titles.first().render()) if titles else "",
            "basket": _basket(app), "unsaved": sorted(app.unsaved_tasks)}


def _basket(app) -> dict | None:
    """The counter's basket, which it keeps while the clerk is in another task."""
    try:
        counter = app.get_screen_stack("counter")[0]
    except (KeyError, IndexError):  # the counter was never opened
        return None
    if not counter.basket:
        return None
    return {"card": counter.card, "head": counter.standing.head if counter.standing else "",
            "goods": [[line.goods.name, line.quantity] for line in counter.basket]}


def describe(note) -> str:
    """The note as the clerk reads it at the next start: one sentence a line."""
    try:
        return _described(note)
    # The note is a file in a folder the office's group shares: anyone there could have
    # written something else in its place.
    except (KeyError, TypeError, ValueError, AttributeError):
        return t("files.note.unreadable")


def _described(note: dict) -> str:
    if note["signal"] not in ("sighup", "sigterm"):
        raise ValueError(note["signal"])
    lines = [t(f"files.note.ended.{note['signal']}", when=note["at"],
               task=t(f"key.{note['task']}"))]
    if note["dialog"]:
        lines.append(t("files.note.dialog", dialog=note["dialog"]))
    if note["basket"]:
        basket = note["basket"]
        goods = t("word.list").join(f"{name}×{quantity}" for name, quantity in basket["goods"])
        lines.append(t("files.note.basket", card=basket["card"], head=basket["head"],
                       goods=goods))
    if note["unsaved"]:
        lines.append(t("files.note.unsaved",
                       tasks=t("word.list").join(t(f"key.{mode}") for mode in note["unsaved"])))
    if len(lines) == 1:
        lines.append(t("files.note.nothing_lost"))
    return "\n".join(lines)
