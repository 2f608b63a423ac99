"""Before drawing anything, jifen checks that the terminal can show Chinese."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.tui.test_signals import _drain
from tui import terminal

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("environ, utf8", [
    ({"LANG": "zh_CN.UTF-8"}, True), ({"LANG": "C.utf8"}, True),
    ({"LANG": "zh_CN.GBK"}, False), ({}, False), ({"LANG": "C"}, False),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, False),      # LC_ALL wins
    ({"LC_CTYPE": "en_US.UTF-8", "LANG": "C"}, True),      # then LC_CTYPE
])
def test_the_locale_decides_first(environ, utf8):
    assert terminal.locale_is_utf8(environ) is utf8


def _probe_answered_with(column: bytes):
    """Run probe_width on a pty whose 'terminal' answers the cursor question."""
    master, slave = os.openpty()
    answer = {}

    def fake_terminal():
        asked = b""
        while b"\x1b[6n" not in asked:
            asked += os.read(master, 100)
        os.write(master, b"\x1b[5;" + column + b"R")

    saved = sys.stdin, sys.stdout
    thread = threading.Thread(target=fake_terminal, daemon=True)
    thread.start()
    try:
        sys.stdin = os.fdopen(os.dup(slave), "r")
        sys.stdout = os.fdopen(os.dup(slave), "w")
        answer["width"] = terminal.probe_width(timeout=2)
    finally:
        sys.stdin.close(), sys.stdout.close()
        sys.stdin, sys.stdout = saved
        os.close(slave), os.close(master)
    return answer["width"]


def test_a_utf8_terminal_moves_two_cells_for_one_chinese_character():
    assert _probe_answered_with(b"3") == 2


def test_a_latin1_terminal_moves_three():
    assert _probe_answered_with(b"4") == 3


def test_the_app_refuses_a_non_utf8_locale_in_both_languages(village_file):
    from store import db

    db.close_village()
    master, slave = os.openpty()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("LC_")},
           "LANG": "C", "PYTHONCOERCECLOCALE": "0", "TERM": "xterm"}  # no coercion to C.UTF-8
    process = subprocess.Popen([sys.executable, "-m", "tui", "--db", str(village_file)],
                               cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    try:
        shown = _drain(master, 15, until=b"LANG=C.UTF-8").decode("utf-8", "replace")
        assert process.wait(timeout=10) == 2
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert "The locale is not UTF-8" in shown and "export LANG=C.UTF-8" in shown


def test_the_app_needs_a_terminal(village_file):
    from store import db

    db.close_village()
    result = subprocess.run([sys.executable, "-m", "tui", "--db", str(village_file)], cwd=ROOT,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "jifen roster list" in result.stderr
