"""The `jifen` command: scripted office work over the same store functions as the app.

Never prompts (D11): exit 0 when done, 2 on bad input or a refusal (with one
line on stderr saying why), 1 only from `jifen check` when it finds problems.
Textual is imported only when the app opens, so a command starts fast.
"""

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from store.errors import JifenError
from tui.errorlog import log_traceback
from tui.i18n import explain, set_language, t

EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED = 0, 1, 2


class Refused(Exception):
    """Raised by argument parsing: the message is already in the clerk's language."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Refused(t("cli.bad_arguments", detail=message, usage=self.format_usage().strip()))


def default_village_path() -> Path:
    if os.environ.get("JIFEN_DB"):
        return Path(os.environ["JIFEN_DB"])
    return data_dir() / "village.jifen"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("jifen", appauthor=False))


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_date", value=text)) from None


def _early_language(argv: list[str]) -> str:
    """--lang must be known before the parser is built, since its help is translated."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.partition("=")[2]
    return os.environ.get("JIFEN_LANG", "zh")


def _add_global_options(parser: Parser) -> None:
    parser.add_argument("--db", type=Path, help=t("cli.opt.db"))
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help=t("cli.opt.lang"))
    parser.add_argument("--today", type=parse_day, help=t("cli.opt.today"))
    parser.add_argument("--as", dest="as_name", default=os.environ.get("JIFEN_STAFF"),
                        help=t("cli.opt.as"))


def build_parser() -> Parser:
    from tui import commands

    parser = Parser(prog="jifen", description=t("cli.description"))
    _add_global_options(parser)
    commands.add_all(parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser))
    return parser


def _app_options(argv: list[str]) -> argparse.Namespace | None:
    """The global options, when `argv` holds nothing else: `jifen` opening the app.

    Building every command's parser imports every command's module (85 ms at
    each cold start, docs/PERFORMANCE.md); the app needs none of them. Anything
    else (a command word, -h, a bad value) returns None, and the whole parser
    reads `argv` as before, so its help and its refusals are unchanged.
    """
    parser = Parser(prog="jifen", add_help=False)
    _add_global_options(parser)
    parser.set_defaults(command=None)
    try:
        args, rest = parser.parse_known_args(argv)
    except Refused:
        return None
    return None if rest else args


def _refuse_unreadable(argv: list[str]) -> None:
    """Refuses, before anything runs, a word that is not text: bytes that are not UTF-8
    (a file name from an old Windows zip) reach Python as lone surrogates, which SQLite
    cannot store; a NUL (only a caller in-process can pass one) fits no file name."""
    for word in argv:
        shown = word.encode("utf-8", "replace").decode().replace("\x00", "?")
        if shown != word:
            raise Refused(t("cli.not_text", word=shown))


def run(argv: list[str]) -> int:
    """Run one command; returns the exit code. Used by `main` and the tests."""
    language = _early_language(argv)
    set_language(language if language in ("zh", "en") else "zh")
    try:
        return _run(argv)
    except Exception:  # noqa: BLE001 - no traceback ever reaches a clerk
        # Explaining a refusal can fail too: outside `_run`, so that is caught here.
        print(t("error.internal", log=log_traceback()), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        from store.db import close_village

        close_village()


def _run(argv: list[str]) -> int:
    try:
        _refuse_unreadable(argv)
        args = _app_options(argv) or build_parser().parse_args(argv)
        if args.command is None:
            from tui.opening import open_app

            return open_app(args)
        return args.handler(args)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return EXIT_REFUSED
    except JifenError as error:
        print(f"jifen: {explain(error)}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader went away (`jifen roster list | head`): the work is done;
        # keep Python from complaining about stdout once more at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        # A path the clerk gave that the store did not foresee failing (a name too
        # long for the file system, a disk full): the file and the system's reason.
        print(f"jifen: {t('cli.file_error', path=error.filename or '', detail=error.strerror or error)}",
              file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return EXIT_REFUSED


def main() -> None:
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
