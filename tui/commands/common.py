"""What every subcommand needs: the village file, the actor, and output."""

import json
from pathlib import Path

from store import db
from store.actor import Actor, resolve_actor
from tui.i18n import t


def village_path(args) -> Path:
    from tui.cli import default_village_path

    return args.db if args.db is not None else default_village_path()


def open_village(args) -> Path:
    return db.open_village(village_path(args))


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
