"""An unexpected error in the app: the clerk reads one sentence, the log gets the traceback."""

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.tui.test_signals import _drain

ROOT = Path(__file__).resolve().parents[2]

# The real app with one extra key that fails the way a bug would.
SCRIPT = """
import sys
from pathlib import Path

import tui.app
from store import db
from store.actor import resolve_actor
from tui.app import JifenApp

class Broken(JifenApp):
    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))
    BINDINGS = [("z", "fail", "")]

    def action_fail(self):
        raise ZeroDivisionError("a bug")

db.open_village(sys.argv[1])
sys.exit(Broken(sys.argv[1], resolve_actor()).run() or 0)
"""


def test_a_crash_shows_a_sentence_and_logs_the_traceback(village_file, tmp_path):
    from store import db

    db.close_village()
    master, slave = os.openpty()
    env = {**os.environ, "LANG": "C.UTF-8", "TERM": "xterm-256color",
           "XDG_STATE_HOME": str(tmp_path / "state")}
    script = tmp_path / "broken_app.py"  # Textual reads an App's source file: no `-c`
    script.write_text(SCRIPT, encoding="utf-8")
    env["PYTHONPATH"] = str(ROOT)
    process = subprocess.Popen([sys.executable, str(script), str(village_file)], cwd=ROOT,
                               stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True)
    os.close(slave)
    try:
        assert "新增".encode() in _drain(master, 20, until="新增".encode())
        os.write(master, b"z")
        shown = b""
        started = time.monotonic()
        while process.poll() is None and time.monotonic() - started < 10:
            shown += _drain(master, 0.2)
        shown += _drain(master, 0.5)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    text = shown.decode("utf-8", "replace")
    assert "内部出错" in text
    assert "Traceback" not in text and "ZeroDivisionError" not in text
    log = tmp_path / "state" / "jifen" / "log" / "error.log"
    assert "ZeroDivisionError: a bug" in log.read_text(encoding="utf-8")
