"""Ended by a signal, the app leaves a note; the next start says what was in progress.

A real process in a pseudo-terminal of 80x24 gets SIGHUP (a dropped SSH link): it exits at
once, with no traceback and no write lock held, and the next start says so. Through Pilot,
what the note holds: the task, the open form, the counter's basket, unsaved rubric edits.
"""

import fcntl
import os
import random
import select
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from store import db
from store.session_note import note_path, take_note
from tests.conftest import TODAY
from tests.tui.conftest import settle
from tests.tui.test_counter_screen import open_counter, open_shop
from tui.i18n import MESSAGES, t
from tui.interrupted import describe

ROOT = Path(__file__).resolve().parents[2]


class Terminal:
    """The app in a pseudo-terminal of 80x24; what it draws is read as it comes."""

    def __init__(self, village: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "LANG": "C.UTF-8", "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "--db", str(village), "--today", str(TODAY)],
            cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.drawn = b""

    def read_until(self, text: str, seconds: float = 20) -> bool:
        """Read what is drawn until `text` shows (True) or `seconds` pass (False)."""
        deadline = time.monotonic() + seconds
        while text.encode() not in self.drawn and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.drawn += os.read(self.master, 65536)
                except OSError:  # the app closed its side
                    break
        return text.encode() in self.drawn

    def keep_reading(self, seconds: float) -> None:
        self.read_until("\0", seconds)   # never drawn

    def ended_within(self, seconds: float) -> int | None:
        """The exit code, if the app ended within `seconds` (drawing all the while)."""
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            self.keep_reading(0.1)
        return self.process.poll()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def hang_up(village: Path, *, after: float = 0) -> float:
    """Start the app, wait for its first screen and `after` seconds more, send SIGHUP; the
    seconds until it ended. It must end at once, with no traceback, leaving the write lock
    free for another process."""
    app = Terminal(village)
    try:
        assert app.read_until(MESSAGES["key.add"][0]), app.drawn[-500:]
        app.keep_reading(after)
        app.process.send_signal(signal.SIGHUP)
        sent = time.monotonic()
        assert app.ended_within(5) == 128 + signal.SIGHUP
        took = time.monotonic() - sent
        assert b"Traceback" not in app.drawn
    finally:
        app.close()
    other = sqlite3.connect(village, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    other.rollback()
    other.close()
    return took


def test_a_hangup_ends_the_app_at_once_and_the_next_start_says_so(village_file):
    db.close_village()
    hang_up(village_file)

    second = Terminal(village_file)
    try:
        assert second.read_until(MESSAGES["files.note.title"][0]), second.drawn[-500:]
        os.write(second.master, b"\x11")                       # Ctrl+Q: a clean quit
        assert second.ended_within(5) == 0
    finally:
        second.close()
    db.open_village(village_file)
    assert not note_path().exists()                             # said once; none left


async def test_the_note_names_the_task_the_open_form_the_basket_and_unsaved_edits(app_on):
    app = app_on("zh")
    open_shop()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await pilot.press(*"0101", "enter")
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        app.unsaved_tasks.add("rubric")     # what the rubric screen says while it holds edits
        await pilot.press("f3", "a")        # the roster, and its form for a new household
        await settle(pilot)
        app._end_by_signal(signal.SIGHUP)
        await pilot.pause()
    assert app.return_value == 128 + signal.SIGHUP
    # What the next start says (the test above sees it said, in a real terminal).
    lines = describe(take_note()).splitlines()
    assert lines[0].endswith(t("files.note.ended.sighup", when="", task=t("key.roster"))[1:])
    assert lines[1:] == [t("files.note.dialog", dialog=t("form.add_title")),
                         t("files.note.basket", card="0101", head="张三丰", goods="大米×1"),
                         t("files.note.unsaved", tasks=t("key.rubric"))]
    assert take_note() is None                                  # said once


def test_a_note_with_nothing_lost_says_so_in_english():
    from tui.i18n import set_language

    set_language("en")
    try:
        text = describe({"signal": "sigterm", "at": "2026-11-26 09:30", "task": "counter",
                         "dialog": "", "basket": None, "unsaved": []})
    finally:
        set_language("zh")
    assert text == ("At 2026-11-26 09:30 the app was made to end; it was in Counter.\n"
                    "No unsaved work was lost; everything confirmed is in the file.")


@pytest.mark.skipif(not os.environ.get("JIFEN_HANGUPS"),
                    reason="a long run: JIFEN_HANGUPS=N hangs up N times")
def test_many_hangups_at_random_moments(village_file):
    db.close_village()
    times = sorted(hang_up(village_file, after=random.uniform(0, 1))
                   for _ in range(int(os.environ["JIFEN_HANGUPS"])))
    print(f"\n{len(times)} hangups: ended after {statistics.median(times):.2f} s (median), "
          f"{times[-1]:.2f} s (slowest); write lock free every time")


@pytest.mark.parametrize("note", [[], {"signal": "sighup"}, {"signal": "reboot", "at": "x"},
                                  "text"])
def test_a_note_not_of_jifens_making_is_said_as_unreadable(note):
    # Anyone in the office's group could leave a file of that name in the shared folder.
    assert describe(note) == t("files.note.unreadable")
