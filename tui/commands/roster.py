"""`jifen roster ...`: the household roster from the command line."""

import sys

from store.roster import HouseholdFields, HouseholdInfo
from tui.cli import EXIT_OK, Parser
from tui.forms import parse_member
from tui.reports import preview_lines
from tui.commands.common import acting, print_json, print_table, yes_no
from tui.i18n import explain, t


def add_commands(subparsers) -> None:
    roster = subparsers.add_parser("roster", help=t("cli.roster.help"))
    actions = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True,
                                    parser_class=Parser)

    importing = actions.add_parser("import", help=t("cli.roster.import"))
    importing.add_argument("file")
    importing.add_argument("--strict", action="store_true", help=t("cli.roster.strict"))
    importing.add_argument("--dry-run", action="store_true", help=t("cli.roster.dry_run"))
    importing.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    importing.set_defaults(handler=import_roster)

    exporting = actions.add_parser("export", help=t("cli.roster.export"))
    exporting.add_argument("file")
    exporting.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    exporting.set_defaults(handler=export_roster)

    listing = actions.add_parser("list", help=t("cli.roster.list"))
    listing.add_argument("--group", help=t("cli.roster.group"))
    listing.add_argument("--search", default="", help=t("cli.roster.search"))
    listing.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    listing.set_defaults(handler=list_roster)

    show = actions.add_parser("show", help=t("cli.roster.show"))
    show.add_argument("card")
    show.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    show.set_defaults(handler=show_household)

    add = actions.add_parser("add", help=t("cli.roster.add"))
    add.add_argument("--card", required=True, help=t("field.card_no"))
    add.add_argument("--head", required=True, help=t("field.head"))
    _household_options(add)
    add.add_argument("--poor", action="store_true", default=None, help=t("cli.roster.poor"))
    add.set_defaults(handler=add_household)

    edit = actions.add_parser("edit", help=t("cli.roster.edit"))
    edit.add_argument("card")
    edit.add_argument("--new-card", help=t("cli.roster.new_card"))
    edit.add_argument("--head", help=t("field.head"))
    _household_options(edit)
    poor = edit.add_mutually_exclusive_group()
    poor.add_argument("--poor", action="store_true", default=None, help=t("cli.roster.poor"))
    poor.add_argument("--not-poor", dest="poor", action="store_false", help=t("cli.roster.not_poor"))
    edit.add_argument("--no-members", action="store_true", help=t("cli.roster.no_members"))
    edit.set_defaults(handler=edit_household)

    close = actions.add_parser("close", help=t("cli.roster.close"))
    close.add_argument("card")
    close.add_argument("--reason", required=True, help=t("field.reason"))
    close.add_argument("--moved", action="store_true", help=t("cli.roster.moved"))
    close.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    close.set_defaults(handler=close_household)

    reopen = actions.add_parser("reopen", help=t("cli.roster.reopen"))
    reopen.add_argument("card")
    reopen.add_argument("--reason", default="", help=t("field.reason"))
    reopen.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    reopen.set_defaults(handler=reopen_household)

    merge = actions.add_parser("merge", help=t("cli.roster.merge"))
    merge.add_argument("card")
    merge.add_argument("--into", required=True, help=t("cli.roster.into"))
    merge.add_argument("--reason", required=True, help=t("field.reason"))
    merge.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    merge.set_defaults(handler=merge_household)


def _household_options(parser) -> None:
    parser.add_argument("--house", help=t("field.house_no"))
    parser.add_argument("--group", help=t("field.group"))
    parser.add_argument("--members", help=t("field.member_count"))
    parser.add_argument("--phone", help=t("field.phone"))
    parser.add_argument("--notes", help=t("field.notes"))
    parser.add_argument("--member", action="append", metavar="NAME:RELATION[:PHONE]",
                        help=t("cli.roster.member"))
    parser.add_argument("--json", action="store_true", help=t("cli.opt.json"))


def _fields(args, card_no: str | None) -> HouseholdFields:
    members = None
    if args.member:
        members = [parse_member(text) for text in args.member]
    elif getattr(args, "no_members", False):
        members = []
    return HouseholdFields(card_no=card_no, head=args.head, house_no=args.house, group=args.group,
                           member_count=args.members, phone=args.phone, poor=args.poor,
                           notes=args.notes, members=members)


def show_households(households: list[HouseholdInfo]) -> None:
    headers = [t("col.card"), t("col.head"), t("col.group"), t("col.house"),
               t("col.members"), t("col.poor"), t("col.status")]
    print_table(headers, [[h.card_no, h.head, h.group, h.house_no, h.member_count,
                           yes_no(h.poor), t(f"status.{h.status}")] for h in households])


def _report(args, info: HouseholdInfo, done_key: str) -> int:
    """The household as JSON, or one line saying what was done to it."""
    if args.json:
        print_json(info.as_dict())
    else:
        print(t(done_key, card=info.card_no, head=info.head, into=info.merged_into,
                status=t(f"status.{info.status}")))
    return EXIT_OK


def list_roster(args) -> int:
    from store.roster import find_households

    acting(args)
    households = find_households(args.search, group=args.group)
    if args.json:
        print_json([household.as_dict() for household in households])
    else:
        show_households(households)
        print(t("cli.roster.count", count=len(households)))
    return EXIT_OK


def show_household(args) -> int:
    from store.roster import get_household

    acting(args)
    info = get_household(args.card)
    if args.json:
        print_json(info.as_dict())
        return EXIT_OK
    for name in ("card_no", "head", "group", "house_no", "member_count", "phone", "poor",
                 "status", "status_reason", "merged_into", "notes"):
        value = getattr(info, name)
        if name == "poor":
            value = yes_no(value)
        elif name == "status":
            value = t(f"status.{value}")
        if value not in ("", None):
            print(t("cli.field_line", field=t(f"field.{name}"), value=value))
    for member in info.members:
        print(t("cli.field_line", field=t("field.member"),
                value=" ".join(filter(None, (member.name, member.relation, member.phone)))))
    return EXIT_OK


def add_household(args) -> int:
    from store.roster import add_household as add

    return _report(args, add(acting(args), _fields(args, args.card)), "cli.roster.added")


def edit_household(args) -> int:
    from store.roster import edit_household as edit

    info = edit(acting(args), args.card, _fields(args, args.new_card))
    return _report(args, info, "cli.roster.edited")


def close_household(args) -> int:
    from store.roster import close_household as close

    return _report(args, close(acting(args), args.card, args.reason, moved=args.moved),
                   "cli.roster.closed")


def reopen_household(args) -> int:
    from store.roster import reopen_household as reopen

    return _report(args, reopen(acting(args), args.card, args.reason), "cli.roster.reopened")


def merge_household(args) -> int:
    from store.roster import merge_household as merge

    return _report(args, merge(acting(args), args.card, args.into, args.reason),
                   "cli.roster.merged")


def import_roster(args) -> int:
    from store import roster_import

    actor = acting(args)
    if args.dry_run:
        preview = roster_import.preview_roster(args.file)
    else:
        preview = roster_import.import_roster(actor, args.file, strict=args.strict)
    _print_preview(preview)
    if args.dry_run and args.strict and preview.problems:
        from store.errors import JifenError

        raise JifenError("import.strict_refused", count=preview.bad_count)
    imported = 0 if args.dry_run else preview.good_count
    if args.json:
        print_json({"file": preview.path, "dry_run": args.dry_run, "imported": imported,
                    "new_groups": preview.new_groups, "ignored_columns": preview.ignored_columns,
                    "problems": [{"row": p.row, "column": p.column, "key": p.key,
                                  "message": explain(p)} for p in preview.problems]})
    elif args.dry_run:
        print(t("cli.import.dry_run", count=preview.good_count))
    else:
        print(t("cli.import.done", count=imported))
    return EXIT_OK


def _print_preview(preview) -> None:
    """The preview goes to stderr, so stdout stays clean for --json."""
    print("\n".join(preview_lines(preview)), file=sys.stderr)


def export_roster(args) -> int:
    from store.roster_export import export_roster as export

    acting(args)
    count = export(args.file)
    if args.json:
        print_json({"file": args.file, "households": count})
    else:
        print(t("cli.export.done", count=count, path=args.file))
    return EXIT_OK
