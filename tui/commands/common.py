"""What every subcommand needs: the village file, the actor, and output."""

import errno
import json
import os
import sys
from pathlib import Path

from store import db
from store.actor import Actor, resolve_actor
from store.errors import JifenError
from tui.cli import EXIT_OK, Parser
from tui.i18n import t


def village_path(args) -> Path:
    from tui.cli import default_village_path

    return args.db if args.db is not None else default_village_path()


def open_village(args) -> Path:
    path = db.open_village(village_path(args))
    if db.readable_by_others():
        # One line, and the command still runs: the file's mode is the office's to fix.
        print(f"jifen: {t('files.world_readable', path=path)}", file=sys.stderr)
    return path


def acting(args) -> Actor:
    """Open the village and name the staff member this command acts for."""
    open_village(args)
    return resolve_actor(args.as_name, args.today)


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(headers: list[str], rows: list[list]) -> None:
    """A plain table whose Chinese columns line up (tabulate measures with wcwidth)."""
    from tabulate import tabulate

    print(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))


def yes_no(value: bool) -> str:
    return t("word.yes") if value else t("word.no")


def action_group(subparsers, name: str):
    """`jifen NAME ACTION ...`: the parser that takes NAME's actions."""
    parser = subparsers.add_parser(name, help=t(f"cli.{name}.help"))
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True,
                                 parser_class=Parser)


def subcommand(actions, name: str, help_key: str, handler, *, json: bool = True):
    """One action, run by `handler`, with `--json` unless told otherwise."""
    command = actions.add_parser(name, help=t(help_key))
    if json:
        command.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    command.set_defaults(handler=handler)
    return command


def done(args, data: dict, key: str, **params) -> int:
    """JSON of what was done, or one line saying it."""
    if args.json:
        print_json(data)
    else:
        print(t(key, **params))
    return EXIT_OK


def output_path(text: str) -> Path:
    """Where -o writes; a path that cannot be written is refused before anything is built
    or recorded (settlement --final)."""
    path = Path(text).expanduser()
    if not path.parent.is_dir():
        raise JifenError("export.cannot_write", path=str(path), detail=os.strerror(errno.ENOENT))
    if path.is_dir():
        raise JifenError("export.cannot_write", path=str(path), detail=os.strerror(errno.EISDIR))
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise JifenError("export.cannot_write", path=str(path), detail=os.strerror(errno.EACCES))
    return path
