"""`jifen notice KIND`: any notice as plain text, to stdout or a file (D11, D12).

Every kind goes through store.notices (the same text the notices screen
previews): built for the layout asked, paginated on request, and written as
bytes in the encoding asked, so a GB18030 file for an old printer comes out
exactly as it will print. Each kind takes only its own options.
"""

import sys

from store.errors import JifenError
from tui.cli import EXIT_OK
from tui.commands.common import acting, action_group, output_path, subcommand
from tui.i18n import t

# The kinds by the options they take (D12: the records a notice is about are options).
PERIOD_KINDS = ("board", "redemptions", "honours", "distribution", "settlement", "donations",
                "stock", "audit")
REVIEW_KINDS = ("review",)
HOUSEHOLD_KINDS = ("slip", "passbook")
REDEMPTION_KINDS = ("collection",)
ALL_KINDS = (*PERIOD_KINDS, *REVIEW_KINDS, *HOUSEHOLD_KINDS, *REDEMPTION_KINDS)


def add_commands(subparsers) -> None:
    kinds = action_group(subparsers, "notice")
    for kind in ALL_KINDS:
        command = subcommand(kinds, kind, f"cli.notice.{kind}", print_notice, json=False)
        command.set_defaults(kind=kind)
        if kind in PERIOD_KINDS:
            command.add_argument("--period", metavar="P", help=t(f"cli.notice.period.{kind}"))
        if kind in HOUSEHOLD_KINDS:
            command.add_argument("--household", required=True, metavar="CARD",
                                 help=t("cli.notice.household"))
        if kind in REVIEW_KINDS or kind == "slip":     # a passbook holds every review
            command.add_argument("--review", type=int, metavar="ID",
                                 help=t("cli.notice.review_id"))
        if kind in REDEMPTION_KINDS:
            command.add_argument("--redemption", type=int, required=True, metavar="ID",
                                 help=t("cli.notice.redemption"))
        _add_print_options(command)


def _add_print_options(command) -> None:
    """What every kind shares: width, encoding, line ends, pages, rules, where to write."""
    from store.print_layout import (DEFAULT_PAGE_LINES, DEFAULT_WIDTH, ENCODINGS, MAX_WIDTH,
                                    MIN_WIDTH)

    command.add_argument("--width", type=int, default=DEFAULT_WIDTH, metavar="N",
                         help=t("cli.notice.width", low=MIN_WIDTH, high=MAX_WIDTH,
                                default=DEFAULT_WIDTH))
    command.add_argument("--encoding", choices=ENCODINGS, default=ENCODINGS[0],
                         help=t("cli.notice.encoding"))
    command.add_argument("--crlf", action="store_true", help=t("cli.notice.crlf"))
    command.add_argument("--pages", action="store_true", help=t("cli.notice.pages"))
    command.add_argument("--page-lines", type=int, metavar="N",
                         help=t("cli.notice.page_lines", default=DEFAULT_PAGE_LINES))
    command.add_argument("--box", action="store_true", help=t("cli.notice.box"))
    command.add_argument("-o", "--output", metavar="FILE", help=t("cli.notice.output"))


def print_notice(args) -> int:
    from store import notices
    from store.print_layout import (DEFAULT_PAGE_LINES, MAX_WIDTH, MIN_WIDTH, Layout,
                                    as_bytes)

    if not MIN_WIDTH <= args.width <= MAX_WIDTH:
        raise JifenError("cli.notice.bad_width", width=args.width, low=MIN_WIDTH,
                         high=MAX_WIDTH)
    path = None if args.output is None else output_path(args.output)
    page_lines = args.page_lines
    if page_lines is None and args.pages:
        page_lines = DEFAULT_PAGE_LINES
    actor = acting(args)
    layout = Layout(width=args.width, box=args.box, wide_ambiguous=args.encoding == "gb18030")
    request = notices.Request(period=getattr(args, "period", None),
                              review=getattr(args, "review", None),
                              household=getattr(args, "household", None),
                              redemption=getattr(args, "redemption", None))
    notice = notices.build(args.kind, request, actor.today, t, layout)
    if page_lines is not None and page_lines < len(notice.head) + 3:
        # A page holds the title, at least one line, a blank line and the footer.
        raise JifenError("cli.notice.bad_page_lines", lines=page_lines, head=len(notice.head),
                         least=len(notice.head) + 3)
    lines = notices.printed(notice, t, layout, page_lines)
    data = as_bytes(lines, args.encoding, args.crlf)
    if path is None:
        _write_stdout(data, args.encoding)
        return EXIT_OK
    from store.roster_export import write_atomically

    write_atomically(path, data)
    print(t("cli.notice.saved", path=path, lines=len(lines), encoding=args.encoding))
    return EXIT_OK


def _write_stdout(data: bytes, encoding: str) -> None:
    """The bytes as they are (a GB18030 notice piped to a printer stays GB18030)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:                  # a text-only stream (an embedding caller)
        sys.stdout.write(data.decode(encoding))
        return
    buffer.write(data)
    buffer.flush()
