"""A dropped SSH session (SIGHUP) or a kill (SIGTERM) ends the app cleanly."""

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _drain(fd: int, seconds: float, until: bytes = b"") -> bytes:
    """Read what the app draws (a pty must be read, or the app blocks on output)."""
    seen, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:  # the app closed its side
                break
            if until and until in seen:
                break
    return seen


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM])
def test_the_app_exits_on_hangup_and_term(village_file, number):
    from store import db

    db.close_village()
    master, slave = os.openpty()
    env = {**os.environ, "LANG": "C.UTF-8", "TERM": "xterm-256color", "COLUMNS": "80",
           "LINES": "24"}
    process = subprocess.Popen([sys.executable, "-m", "tui", "--db", str(village_file)],
                               cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True)
    os.close(slave)
    try:
        drawn = _drain(master, 20, until="新增".encode())
        assert "新增".encode() in drawn, drawn[-500:]
        process.send_signal(number)
        started = time.monotonic()
        while process.poll() is None and time.monotonic() - started < 10:
            _drain(master, 0.2)
        assert process.poll() == 128 + number
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    # Nobody holds the write lock afterwards.
    import sqlite3

    connection = sqlite3.connect(village_file, timeout=0.1)
    connection.execute("BEGIN IMMEDIATE")
    connection.rollback()
    connection.close()


def test_the_app_exits_when_its_terminal_is_gone(village_file):
    """The SSH link drops: the terminal closes, then the hangup arrives."""
    from store import db

    db.close_village()
    master, slave = os.openpty()
    env = {**os.environ, "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "tui", "--db", str(village_file)],
                               cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True)
    os.close(slave)
    try:
        assert "新增".encode() in _drain(master, 20, until="新增".encode())
        os.close(master)
        master = None
        process.send_signal(signal.SIGHUP)
        process.wait(timeout=10)
        assert process.returncode == 128 + signal.SIGHUP
    finally:
        if process.poll() is None:
            process.kill()
        if master is not None:
            os.close(master)
