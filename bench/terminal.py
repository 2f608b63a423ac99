"""A program on a real pseudo-terminal of 80x24, read as an SSH client would read it.

What the program writes is what would cross a slow link, byte for byte. The
session answers a cursor-position query at once, as a UTF-8 terminal does (jifen
asks one before it starts: tui/terminal.py), so no start waits for a
timeout. `close` quits with Ctrl+Q and reaps the child with its resource usage,
whose peak memory (ru_maxrss) is the program's own.
"""

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOWN, PAGE_DOWN, HOME, ESCAPE, CTRL_Q = b"\x1b[B", b"\x1b[6~", b"\x1b[H", b"\x1b", b"\x11"
POSITION_QUERY = b"\x1b[6n"
# Where the cursor is after jifen's probe printed one Chinese character: two cells on.
POSITION_ANSWER = b"\x1b[1;3R"


def child_environment() -> dict[str, str]:
    """What an SSH login gives: a UTF-8 locale and xterm's 256 colours; this checkout first."""
    environment = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
                       PYTHONPATH=str(REPO))
    for name in ("COLORTERM", "TEXTUAL_DRIVER", "TEXTUAL_FPS"):
        environment.pop(name, None)
    return environment


class Session:
    def __init__(self, argv: list[str], columns: int = 80, lines: int = 24):
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size its terminal, then become the program
            try:
                fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
                os.chdir(REPO)
                os.execvpe(argv[0], argv, child_environment())
            finally:
                os._exit(127)
        self.output = bytearray()
        self.ended = False   # the program has closed its side of the terminal

    def _read(self, timeout: float) -> int:
        """Read what the program wrote within `timeout` seconds; how many bytes."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return 0
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:   # the program has gone: its side of the terminal is closed
            self.ended = True
            return 0
        tail = self.output[-len(POSITION_QUERY):]
        self.output += chunk
        if POSITION_QUERY in tail + chunk:
            os.write(self.fd, POSITION_ANSWER)
        return len(chunk)

    def wait_for(self, text: str, limit: float = 60) -> float:
        """Seconds from the start until `text` was on the screen."""
        wanted = text.encode("utf-8")
        deadline = time.perf_counter() + limit
        while wanted not in self.output:
            if self.ended or time.perf_counter() > deadline:
                shown = self.output[-2000:].decode("utf-8", "replace")
                raise TimeoutError(f"{text!r} never appeared; the last output: {shown!r}")
            self._read(0.05)
        return time.perf_counter() - self.started

    def settle(self, quiet: float = 0.3, limit: float = 10) -> int:
        """Bytes written until the program has been quiet for `quiet` seconds."""
        total, deadline = 0, time.perf_counter() + limit
        while time.perf_counter() < deadline:
            got = self._read(quiet)
            if not got:
                break
            total += got
        return total

    def press(self, key: bytes, quiet: float = 0.3) -> int:
        """Bytes the program writes in answer to one key."""
        os.write(self.fd, key)
        return self.settle(quiet)

    def close(self, limit: float = 15):
        """Quit with Ctrl+Q (then SIGTERM, SIGKILL if it lingers); its resource usage."""
        if not self.ended:
            os.write(self.fd, CTRL_Q)
        deadline = time.perf_counter() + limit
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None:
                os.kill(self.pid, sig)
                deadline = time.perf_counter() + limit
            while time.perf_counter() < deadline:
                pid, _, usage = os.wait4(self.pid, os.WNOHANG)
                if pid:
                    os.close(self.fd)
                    return usage
                self._read(0.05)
        raise RuntimeError(f"process {self.pid} would not stop")
