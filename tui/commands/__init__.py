"""The subcommands of `jifen`, one module per subject."""

from tui.commands import notice, points, roster, rules, shop, village


def add_all(subparsers) -> None:
    village.add_commands(subparsers)
    roster.add_commands(subparsers)
    rules.add_commands(subparsers)
    points.add_commands(subparsers)
    shop.add_commands(subparsers)
    notice.add_commands(subparsers)

