"""Run jifen commands as other OS accounts, as `setpriv --reuid --regid --groups` would.

    python -m tests.store.run_as < turns.json

reads a JSON list of turns, each {"uid", "gid", "groups", "umask", "commands"}, runs
each turn's commands (the words after `jifen`) in a child process that has become
that account, and prints a JSON list: per turn, [exit code, stdout, stderr] for each
command. A turn with "hold": FILE in place of commands opens the village FILE as
that account and keeps it open, its -wal and -shm files in place, while the next
turn runs; it gives [[0, OUT, ""]], OUT naming the owner, group and mode of the
file, its -wal and its -shm as JSON, or the refusal it met.

setpriv itself cannot start jifen here: CI installs Python under /root, where no
other account may look, so a Python started as another account finds none of its
packages. This process imports everything the commands use while still root; each
child then gives root up for good (groups, gid, uid: setpriv's order) and runs.
"""

import ast
import contextlib
import encodings
import importlib
import io
import json
import os
import pkgutil
import stat
import sys

# The CLI and all it may import; not the app (no command here opens it).
SCANNED = ("store", "tui.commands", "tui.cli", "tui.errorlog", "tui.i18n")
APP_ONLY = ("textual", "tui.app", "tui.screens", "tui.dialogs", "tui.widgets")


def _modules():
    for name in SCANNED:
        module = importlib.import_module(name)
        yield module
        for found in pkgutil.walk_packages(getattr(module, "__path__", []), f"{name}."):
            yield importlib.import_module(found.name)


def _imports_inside(path: str):
    """Modules a source file imports anywhere, inside functions too (jifen imports lazily so
    that a command starts fast)."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def import_what_commands_use() -> None:
    for module in list(_modules()):
        for name in _imports_inside(module.__file__):
            if not name.startswith(APP_ONLY):
                with contextlib.suppress(ImportError):  # `from module import function`
                    importlib.import_module(name)
    # Python imports a codec on its first use (utf-8-sig, gb18030: files in any encoding).
    for codec in pkgutil.iter_modules(encodings.__path__, "encodings."):
        with contextlib.suppress(ImportError):     # another platform's (mbcs)
            importlib.import_module(codec.name)


def _become(turn: dict) -> None:
    os.setgroups(turn["groups"])
    os.setresgid(turn["gid"], turn["gid"], turn["gid"])
    os.setresuid(turn["uid"], turn["uid"], turn["uid"])
    os.umask(int(turn["umask"], 8))


def _run(commands: list[list[str]]) -> list:
    from tui.cli import run

    results = []
    for words in commands:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(words)
        results.append([code, out.getvalue(), err.getvalue()])
    return results


def _hold(path: str, ready: int, release: int) -> None:
    """Open the village and read from it (SQLite makes its -wal and -shm), say so, and
    keep it open until told to let go."""
    from store import db
    from store.errors import JifenError
    from tui.i18n import explain

    try:
        db.open_village(path)
        db.database.execute_sql("SELECT COUNT(*) FROM household").fetchone()
        files = {suffix: os.stat(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")}
        owners = {suffix: [found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)]
                  for suffix, found in files.items()}
        os.write(ready, json.dumps([[0, json.dumps(owners), ""]]).encode())
    except JifenError as error:
        os.write(ready, json.dumps([[2, "", explain(error)]]).encode())
    os.close(ready)
    os.read(release, 1)
    db.close_village()


def _start(turn: dict) -> tuple[int, int, int | None]:
    """The child for one turn: its pid, the pipe it answers on, and (for a hold) the pipe
    that lets it go."""
    answer, answered = os.pipe()
    release, let_go = os.pipe() if "hold" in turn else (None, None)
    pid = os.fork()
    if pid == 0:
        try:
            for ours in (answer, let_go):   # the parent's ends: a hold waits for EOF on let_go
                if ours is not None:
                    os.close(ours)
            _become(turn)
            if "hold" in turn:
                _hold(turn["hold"], answered, release)
            else:
                os.write(answered, json.dumps(_run(turn["commands"])).encode())
        finally:
            os._exit(0)
    os.close(answered)
    if release is not None:
        os.close(release)
    return pid, answer, let_go


def _read_all(descriptor: int) -> list:
    chunks = []
    while chunk := os.read(descriptor, 65536):
        chunks.append(chunk)
    os.close(descriptor)
    return json.loads(b"".join(chunks) or b'[[1, "", "the child failed"]]')


def main() -> None:
    turns = json.load(sys.stdin)
    import_what_commands_use()
    results, holding = [], None
    for turn in turns:
        pid, answer, let_go = _start(turn)
        results.append(_read_all(answer))
        if let_go is None:
            os.waitpid(pid, 0)
        if holding is not None:         # the turn the hold was for is over
            os.close(holding[1])
            os.waitpid(holding[0], 0)
            holding = None
        if let_go is not None:
            holding = (pid, let_go)
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
