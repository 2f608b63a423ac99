"""Is this terminal able to show jifen? Checked before the app draws anything.

Clerks often connect from Windows with PuTTY or Xshell, whose character set
may not be UTF-8 even when the server's locale is. A wrong setting would draw
garbage, so jifen asks the terminal where its cursor went after printing one
Chinese character: two cells on means UTF-8, anything else means not.
"""

import os
import re
import select
import sys

PROBE = chr(0x4E2D)  # 中: two cells wide on a UTF-8 terminal, never shown for long
_POSITION = re.compile(rb"\x1b\[(\d+);(\d+)R")


def locale_is_utf8(environ=os.environ) -> bool:
    """Whether the locale the process runs in encodes UTF-8.

    Python turns a plain C locale into C.UTF-8 (PEP 538) before this runs,
    rightly: it then writes UTF-8, and the probe tells whether the terminal
    reads it.
    """
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name)
        if value:
            return "utf-8" in value.lower() or "utf8" in value.lower()
    return False


def terminal_problem() -> str | None:
    """A message key naming what is wrong, or None when the app can start."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return "terminal.not_a_terminal"
    if not locale_is_utf8():
        return "terminal.locale"
    if probe_width() not in (None, 2):
        return "terminal.not_utf8"
    return None


def probe_width(timeout: float = 0.5) -> int | None:
    """How many cells the terminal moved for one Chinese character (None: no answer)."""
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setraw(fd)
        os.write(sys.stdout.fileno(), ("\r" + PROBE + "\x1b[6n").encode("utf-8"))
        answer = _read_answer(fd, timeout)
        os.write(sys.stdout.fileno(), b"\r\x1b[K")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    match = _POSITION.search(answer)
    return int(match.group(2)) - 1 if match else None


def _read_answer(fd: int, timeout: float) -> bytes:
    answer = b""
    while not answer.endswith(b"R"):
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        answer += os.read(fd, 32)
    return answer
