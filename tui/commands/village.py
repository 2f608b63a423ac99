"""Setting up a village: init, demo, staff, check, and opening the app."""

import getpass
from pathlib import Path

from store import db
from store.actor import current_account
from tui.cli import EXIT_OK, EXIT_PROBLEMS, Parser, data_dir
from tui.commands.common import acting, open_village, print_json, print_table, village_path
from tui.i18n import explain, t
from tui.opening import open_app


def add_commands(subparsers) -> None:
    init = subparsers.add_parser("init", help=t("cli.init.help"))
    init.add_argument("--village", required=True, help=t("cli.init.village"))
    init.add_argument("--population", required=True, help=t("cli.init.population"))
    init.add_argument("--township", default="", help=t("cli.init.township"))
    init.add_argument("--county", default="", help=t("cli.init.county"))
    init.add_argument("--clerk", help=t("cli.init.clerk"))
    init.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    init.set_defaults(handler=init_village)

    demo = subparsers.add_parser("demo", help=t("cli.demo.help"))
    demo.add_argument("--no-tui", action="store_true", help=t("cli.demo.no_tui"))
    demo.set_defaults(handler=open_demo)

    staff = subparsers.add_parser("staff", help=t("cli.staff.help"))
    staff_commands = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True,
                                          parser_class=Parser)
    add = staff_commands.add_parser("add", help=t("cli.staff.add"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("clerk", "supervisor", "liaison", "leader"))
    add.add_argument("--os-user", help=t("cli.staff.os_user"))
    add.add_argument("--title", default="", help=t("cli.staff.title"))
    add.add_argument("--group", help=t("cli.staff.group"))
    add.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    add.set_defaults(handler=add_staff)
    listing = staff_commands.add_parser("list", help=t("cli.staff.list"))
    listing.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    listing.set_defaults(handler=list_staff)

    backup = subparsers.add_parser("backup", help=t("cli.backup.help"))
    backup.add_argument("dest", metavar="DEST", help=t("cli.backup.dest"))
    backup.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    backup.set_defaults(handler=back_up)

    restore = subparsers.add_parser("restore", help=t("cli.restore.help"))
    restore.add_argument("source", metavar="SRC", help=t("cli.restore.src"))
    restore.add_argument("--force", action="store_true", help=t("cli.restore.force"))
    restore.set_defaults(handler=restore_village)

    check = subparsers.add_parser("check", help=t("cli.check.help"))
    check.add_argument("--head", metavar="CODE", help=t("cli.check.head"))
    check.add_argument("--full", action="store_true", help=t("cli.check.full"))
    check.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    check.set_defaults(handler=check_village)


def back_up(args) -> int:
    from store.backups import backup

    open_village(args)
    made = backup(args.dest)
    if args.json:
        print_json({"path": str(made)})
    else:
        print(t("cli.backup.done", path=made))
    return EXIT_OK


def restore_village(args) -> int:
    from store.backups import restore

    path = village_path(args)
    kept = restore(args.source, path, force=args.force)
    if kept is None:
        print(t("cli.restore.done_new", path=path, source=args.source))
    else:
        print(t("cli.restore.done", path=path, source=args.source, kept=kept))
    return EXIT_OK


def init_village(args) -> int:
    from store.village import create_village

    path = village_path(args)
    clerk = args.clerk or current_account().name or getpass.getuser()
    create_village(path, name=args.village, population=args.population, township=args.township,
                   county=args.county, clerk=clerk, today=args.today)
    if args.json:
        print_json({"path": str(path), "village": args.village, "clerk": clerk})
    else:
        print(t("cli.init.done", village=args.village, path=path, clerk=clerk))
    return EXIT_OK


def demo_path(args) -> Path:
    """The demo lives in its own file so it can never touch a real village."""
    return args.db if args.db is not None else data_dir() / "demo.jifen"


def open_demo(args) -> int:
    from store.demo import create_demo, is_demo

    path = demo_path(args)
    if not path.exists():
        from datetime import date

        create_demo(path, today=args.today or date.today())
        print(t("cli.demo.created", path=path))
    else:
        db.open_village(path)
        if not is_demo():
            from store.errors import JifenError

            raise JifenError("demo.not_demo", path=str(path))
    args.db = path
    if args.no_tui:
        return EXIT_OK
    return open_app(args)


def add_staff(args) -> int:
    from store.staff import add_staff as add

    info = add(acting(args), args.name, args.role, args.os_user, title=args.title,
               group=args.group)
    if args.json:
        print_json(info.as_dict())
    else:
        print(t("cli.staff.added", name=info.name, role=t(f"role.{info.role}"),
                user=info.os_user or t("cli.staff.unmapped")))
    return EXIT_OK


def list_staff(args) -> int:
    from store.staff import list_staff as staff_list

    acting(args)
    people = staff_list()
    if args.json:
        print_json([person.as_dict() for person in people])
        return EXIT_OK
    print_table([t("col.name"), t("col.role"), t("col.title"), t("col.group"), t("col.os_user")],
                [[person.name, t(f"role.{person.role}"), person.title, person.group,
                  person.os_user or "-"] for person in people])
    return EXIT_OK


def check_village(args) -> int:
    from store.check import check_village as run_check

    open_village(args)
    problems = run_check(head=args.head, full=args.full)
    if args.json:
        print_json({"ok": not problems,
                    "problems": [{"key": p.key, **p.params, "message": explain(p)} for p in problems]})
    elif problems:
        for problem in problems:
            print(explain(problem))
        print(t("cli.check.found", count=len(problems)))
    else:
        print(t("cli.check.ok", path=db.database.database))
        if args.head:
            print(t("cli.check.head_ok", head=args.head.strip()))
    return EXIT_PROBLEMS if problems else EXIT_OK
