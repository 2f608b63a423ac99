"""`jifen rubric ...` and `jifen policy ...`: the village's rules from the command line.

`check` needs no village (a clerk checks a file before carrying it over);
`adopt`, `list` and `show` work on the village file.
"""

from tui.cli import EXIT_OK
from tui.commands.common import acting, action_group, print_json, print_table, subcommand
from tui.i18n import t
from tui.reports import points_text, policy_lines


def add_commands(subparsers) -> None:
    rubric = action_group(subparsers, "rubric")
    _file_command(rubric, "check", "cli.rubric.check", check_rubric)
    _file_command(rubric, "adopt", "cli.rubric.adopt", adopt_rubric)
    subcommand(rubric, "list", "cli.rubric.list", list_rubric)
    policy = action_group(subparsers, "policy")
    _file_command(policy, "check", "cli.policy.check", check_policy)
    _file_command(policy, "adopt", "cli.policy.adopt", adopt_policy)
    subcommand(policy, "show", "cli.policy.show", show_policy)


def _file_command(actions, name: str, help_key: str, handler) -> None:
    subcommand(actions, name, help_key, handler).add_argument("file")


def _summary(kind: str, document) -> dict:
    data = {"kind": kind, "id": document.id, "name": document.name,
            "version": document.version, "source": document.source}
    if kind == "rubric":
        data |= {"categories": len(document.categories), "items": len(document.items())}
    return data


def _report_check(args, kind: str, document) -> int:
    summary = _summary(kind, document)
    if args.json:
        print_json({"ok": True, **summary})
    else:
        print(t(f"cli.{kind}.valid", file=args.file, **summary))
    return EXIT_OK


def check_rubric(args) -> int:
    from store.rubric import load_rubric
    from store.shipped import find_rules_file

    return _report_check(args, "rubric", load_rubric(find_rules_file(args.file)))


def check_policy(args) -> int:
    from store.policy import load_policy
    from store.shipped import find_rules_file

    return _report_check(args, "policy", load_policy(find_rules_file(args.file)))


def _report_adoption(args, kind: str, adopted) -> int:
    summary = _summary(kind, adopted.document) | {"number": adopted.number, "new": adopted.new}
    if args.json:
        print_json(summary)
    else:
        print(t("cli.adopted" if adopted.new else "cli.adopted_same", **summary))
    return EXIT_OK


def adopt_rubric(args) -> int:
    from store.adoption import adopt_rubric as adopt

    return _report_adoption(args, "rubric", adopt(acting(args), args.file))


def adopt_policy(args) -> int:
    from store.adoption import adopt_policy as adopt

    return _report_adoption(args, "policy", adopt(acting(args), args.file))


def list_rubric(args) -> int:
    from store.adoption import current_rubric

    acting(args)
    adopted = current_rubric()
    if adopted is None:
        from store.errors import JifenError

        raise JifenError("rubric.none_adopted")
    rubric = adopted.document
    names = {category.id: category.name for category in rubric.categories}
    items = [item for item in rubric.items() if not item.retired]
    if args.json:
        print_json([_item_json(item, names[item.category_id], adopted.number) for item in items])
        return EXIT_OK
    print(t("cli.rubric.heading", name=rubric.name, number=adopted.number))
    print_table([t("col.item"), t("col.item_name"), t("col.points"), t("col.unit")],
                [[item.id, item.name, points_text(item), t(f"unit.{item.unit}")]
                 for item in items])
    return EXIT_OK


def _item_json(item, category: str, number: int) -> dict:
    return {"id": item.id, "name": item.name, "category": category,
            "category_id": item.category_id, "points": item.points, "unit": item.unit,
            "max_per_period": item.max_per_period,
            "meeting_sets_points": item.meeting_sets_points,
            "min_points": item.min_points, "max_points": item.max_points,
            "evidence": item.evidence, "example": item.example,
            "description": item.description, "rubric_version": number}


def show_policy(args) -> int:
    from store.adoption import current_policy

    acting(args)
    adopted = current_policy()
    if adopted is None:
        from store.errors import JifenError

        raise JifenError("policy.none_adopted")
    if args.json:
        print_json(policy_json(adopted.document) | {"number": adopted.number})
        return EXIT_OK
    print(t("cli.policy.heading", name=adopted.document.name, number=adopted.number))
    for label, value in policy_lines(adopted.document):
        print(t("cli.field_line", field=label, value=value))
    return EXIT_OK


def policy_json(policy) -> dict:
    from dataclasses import asdict

    data = asdict(policy)
    data["yuan_per_point"] = str(policy.yuan_per_point)
    return data
