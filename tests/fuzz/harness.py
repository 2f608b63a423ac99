"""What every fuzz test needs: a village to spoil, `jifen` run in-process, and the
checks that bad input was refused in words and left no trace.

A fuzz test that finds something should say what: each check fails with the
traceback or the text it caught, and hypothesis prints the input.
"""

import contextlib
import hashlib
import io
import os
import shutil
import sqlite3
import tempfile
import traceback
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from store.errors import JifenError
from tui import cli
from tui.i18n import LANGUAGES, explain, set_language

_ENVIRONMENT = ("JIFEN_DB", "JIFEN_STAFF", "JIFEN_LANG")
# What must never stay in a stored name or text: controls (a note keeps its line
# breaks), format characters (bidi overrides, zero-width and tag characters),
# surrogates and the Unicode line separators.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    internal: list[str]  # the tracebacks the CLI logged instead of explaining

    def check(self) -> None:
        """Done or refused in words (D11): no traceback, no "internal error"."""
        assert not self.internal, self.internal[0]
        assert self.code in (cli.EXIT_OK, cli.EXIT_REFUSED), (self.code, self.err)
        assert "Traceback" not in self.err + self.out
        if self.code == cli.EXIT_REFUSED:
            assert self.err.strip(), "a refusal says why"


def run_cli(argv: list[str], folder: Path) -> Outcome:
    """`jifen ARGV` in `folder`, as the console script would run it, with no
    environment leaking in and the app never opened."""
    internal: list[str] = []

    def log_traceback() -> str:
        internal.append(traceback.format_exc())
        return "-"

    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ))
        for name in _ENVIRONMENT:
            os.environ.pop(name, None)
        stack.enter_context(mock.patch.object(cli, "log_traceback", log_traceback))
        # Both ways in: `jifen` with global options only, and `jifen demo`.
        for opener in ("tui.opening.open_app", "tui.commands.village.open_app"):
            stack.enter_context(mock.patch(opener, return_value=cli.EXIT_OK))
        stack.enter_context(contextlib.chdir(folder))  # relative paths land in the sandbox
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        try:
            code = cli.run([str(word) for word in argv])
        except SystemExit as exit:  # argparse's --help
            code = exit.code
        finally:
            set_language("zh")
    return Outcome(code, out.getvalue(), err.getvalue(), internal)


@contextlib.contextmanager
def spoilable(template: Path):
    """A folder holding a fresh copy of the village `template`, as village.jifen."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as name:
        folder = Path(name)
        shutil.copyfile(template, folder / "village.jifen")
        yield folder


def village_digest(path: Path) -> str:
    """A digest of the schema and every row of the village file (WAL included)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        digest.update(repr(tables).encode())
        for kind, name, _ in tables:
            if kind == "table":
                for row in connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                    digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        connection.close()


def rendered(error: JifenError) -> list[str]:
    """The message of `error` in every language; fails if one cannot be built."""
    try:
        messages = []
        for language in LANGUAGES:
            set_language(language)
            messages.append(explain(error))
    finally:
        set_language("zh")
    assert all(message.strip() for message in messages), (error, messages)
    return messages


def hidden_chars(text: str, *, keep: str = "") -> list[str]:
    """The invisible characters in `text`, spelled U+XXXX; `keep` are allowed."""
    return [f"U+{ord(char):04X}" for char in text
            if unicodedata.category(char) in HIDDEN_CATEGORIES and char not in keep]


def stored_roster_text(path: Path) -> list[tuple[str, str]]:
    """Every text a roster import or edit writes, as (column, value)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT card_no, head, house_no, phone, notes FROM household").fetchall()
        rows += connection.execute("SELECT name, relation, phone, '', '' FROM member").fetchall()
        rows += connection.execute("SELECT name, '', '', '', '' FROM villager_group").fetchall()
    finally:
        connection.close()
    columns = ("card_no", "head", "house_no", "phone", "notes")
    return [(column, value) for row in rows for column, value in zip(columns, row)]


def assert_no_hidden_text(path: Path) -> None:
    """No name or text of the roster keeps an invisible character (notes keep line breaks)."""
    found = [(column, value, hidden_chars(value, keep="\n" if column == "notes" else ""))
             for column, value in stored_roster_text(path)]
    assert [entry for entry in found if entry[2]] == []
