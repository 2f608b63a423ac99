"""`jifen deed|review|objection|balance|ledger|adjust|year`: the life of a point (D11, D12)."""

from tui.cli import EXIT_OK, parse_day
from tui.commands.common import acting, action_group, done, print_json, print_table, subcommand
from tui.i18n import t


def add_commands(subparsers) -> None:
    deed = action_group(subparsers, "deed")
    add = subcommand(deed, "add", "cli.deed.add", add_deed)
    add.add_argument("--household", required=True, metavar="CARD")
    add.add_argument("--item", default="", metavar="ID", help=t("cli.deed.item"))
    add.add_argument("--date", type=parse_day, help=t("cli.deed.date"))
    add.add_argument("--note", default="", help=t("cli.deed.note"))
    add.add_argument("--evidence", default="", help=t("cli.deed.evidence"))
    add.add_argument("--self-applied", action="store_true", help=t("cli.deed.self_applied"))
    listing = subcommand(deed, "list", "cli.deed.list", list_deeds)
    listing.add_argument("--pending", action="store_true", help=t("cli.deed.pending"))
    withdraw = subcommand(deed, "withdraw", "cli.deed.withdraw", withdraw_deed, json=False)
    withdraw.add_argument("deed", type=int)
    withdraw.add_argument("--reason", required=True)

    review = action_group(subparsers, "review")
    opening = subcommand(review, "open", "cli.review.open", open_review)
    opening.add_argument("--period", required=True, help=t("cli.review.period"))
    opening.add_argument("--attendees", default="", help=t("cli.review.attendees"))
    award = subcommand(review, "award", "cli.review.award", propose_award)
    award.add_argument("--household", required=True, metavar="CARD")
    award.add_argument("--item", required=True, metavar="ID")
    award.add_argument("--points", type=int, help=t("cli.review.points"))
    award.add_argument("--deed", type=int)
    award.add_argument("--note", default="")
    award.add_argument("--trim", action="store_true", help=t("cli.review.trim"))
    award.add_argument("--review", type=int)
    reject = subcommand(review, "reject", "cli.review.reject", reject_deed, json=False)
    reject.add_argument("--deed", type=int, required=True)
    reject.add_argument("--reason", required=True)
    reject.add_argument("--review", type=int)
    withdraw = subcommand(review, "withdraw", "cli.review.withdraw", withdraw_award)
    withdraw.add_argument("award", type=int)
    withdraw.add_argument("--reason", required=True)
    for name, handler in (("close", close_review), ("show", show_review),
                          ("finalize", finalize_review)):
        command = subcommand(review, name, f"cli.review.{name}", handler)
        command.add_argument("review", type=int, nargs="?")
    signoff = subcommand(review, "signoff", "cli.review.signoff", sign_off)
    signoff.add_argument("review", type=int)

    objection = action_group(subparsers, "objection")
    raising = subcommand(objection, "add", "cli.objection.add", raise_objection)
    raising.add_argument("--award", type=int, required=True)
    raising.add_argument("--by", required=True, help=t("cli.objection.by"))
    raising.add_argument("--reason", required=True)
    resolve = subcommand(objection, "resolve", "cli.objection.resolve", resolve_objection)
    resolve.add_argument("objection", type=int)
    outcome = resolve.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--upheld", action="store_true", help=t("cli.objection.upheld"))
    outcome.add_argument("--dismissed", action="store_true", help=t("cli.objection.dismissed"))
    resolve.add_argument("--points", type=int, help=t("cli.objection.points"))
    resolve.add_argument("--reason", required=True)

    balance = subcommand(subparsers, "balance", "cli.balance.help", show_balance)
    balance.add_argument("--household", required=True, metavar="CARD")
    ledger = subcommand(subparsers, "ledger", "cli.ledger.help", show_ledger)
    ledger.add_argument("--household", required=True, metavar="CARD")
    adjust = subcommand(subparsers, "adjust", "cli.adjust.help", adjust_points)
    adjust.add_argument("--household", required=True, metavar="CARD")
    adjust.add_argument("--points", type=int, required=True)
    adjust.add_argument("--reason", required=True)
    adjust.add_argument("--second", required=True, help=t("cli.adjust.second"))

    year = action_group(subparsers, "year")
    closing = subcommand(year, "close", "cli.year.close", close_year)
    closing.add_argument("--period", required=True, help=t("cli.year.period"))
    named = subcommand(year, "honours", "cli.year.honours", list_honours)
    named.add_argument("--period", required=True, help=t("cli.year.period"))
    named.add_argument("--count", type=int, help=t("cli.year.count"))



# --- deeds -------------------------------------------------------------------------------

def add_deed(args) -> int:
    from store.deeds import register_deed

    deed = register_deed(acting(args), args.household, item_id=args.item, day=args.date,
                         what=args.note, evidence=args.evidence, self_applied=args.self_applied)
    return done(args, deed.as_dict(), "cli.deed.added", id=deed.id, card=deed.household,
                 head=deed.head, what=deed.what)


def list_deeds(args) -> int:
    from store.deeds import list_deeds as deeds

    acting(args)
    found = deeds(pending=args.pending)
    if args.json:
        print_json([deed.as_dict() for deed in found])
        return EXIT_OK
    print_table([t("col.deed"), t("col.date"), t("col.card"), t("col.head"), t("col.item"),
                 t("col.what"), t("col.status")],
                [[d.id, d.day, d.household, d.head, d.item_id, d.what,
                  t(f"deed_status.{d.status}")] for d in found])
    return EXIT_OK


def withdraw_deed(args) -> int:
    from store.deeds import withdraw_deed as withdraw

    deed = withdraw(acting(args), args.deed, args.reason)
    print(t("cli.deed.withdrawn", id=deed.id))
    return EXIT_OK


# --- reviews -----------------------------------------------------------------------------

def open_review(args) -> int:
    from store.reviews import open_review as opening

    review = opening(acting(args), args.period, args.attendees)
    return done(args, review.as_dict(), "cli.review.opened", id=review.id, period=review.period)


def propose_award(args) -> int:
    from store.reviews import propose_award as propose

    award = propose(acting(args), args.household, args.item, points=args.points,
                    deed_id=args.deed, note=args.note, trim=args.trim, review_id=args.review)
    key = "cli.review.awarded_trimmed" if award.trimmed else "cli.review.awarded"
    return done(args, award.as_dict(), key, id=award.id, card=award.household,
                 head=award.head, item=award.item_id, name=award.item_name,
                 points=award.points, asked=award.asked_points)


def reject_deed(args) -> int:
    from store.reviews import reject_deed as reject

    reject(acting(args), args.deed, args.reason, args.review)
    print(t("cli.review.rejected", deed=args.deed))
    return EXIT_OK


def withdraw_award(args) -> int:
    from store.reviews import withdraw_award as withdraw

    award = withdraw(acting(args), args.award, args.reason)
    return done(args, award.as_dict(), "cli.review.withdrawn", id=award.id)


def close_review(args) -> int:
    from store.reviews import close_review as close

    review = close(acting(args), args.review)
    return done(args, review.as_dict(), "cli.review.closed", id=review.id,
                 count=len(review.awards), last_day=review.notice_last_day)


def sign_off(args) -> int:
    from store.reviews import sign_off as sign

    review = sign(acting(args), args.review)
    return done(args, review.as_dict(), "cli.review.signed", id=review.id,
                 name=review.signed_off_by)


def finalize_review(args) -> int:
    from store.reviews import finalize_review as finalize

    review = finalize(acting(args), args.review)
    effective = sum(award.status == "effective" for award in review.awards)
    held = sum(award.open_objections > 0 for award in review.awards)
    return done(args, review.as_dict(), "cli.review.finalized", id=review.id,
                 effective=effective, held=held)


def show_review(args) -> int:
    from store.reviews import review_info

    acting(args)
    review = review_info(args.review)
    if args.json:
        print_json(review.as_dict())
        return EXIT_OK
    print(t("cli.review.heading", id=review.id, period=review.period,
            status=t(f"review_status.{review.status}"), attendees=review.attendees or "-"))
    if review.notice_last_day:
        print(t("cli.review.notice", closed=review.closed_on, last_day=review.notice_last_day))
    print_table([t("col.award"), t("col.card"), t("col.head"), t("col.item"),
                 t("col.item_name"), t("col.points"), t("col.status")],
                [[a.id, a.household, a.head, a.item_id, a.item_name, _points_cell(a),
                  _award_state(a)] for a in review.awards])
    return EXIT_OK


def _points_cell(award) -> str:
    return f"{award.points} ({award.asked_points})" if award.trimmed else str(award.points)


def _award_state(award) -> str:
    state = t(f"award_status.{award.status}")
    if award.open_objections:
        state += t("cli.review.objected", count=award.open_objections)
    return state


# --- objections ----------------------------------------------------------------------------

def raise_objection(args) -> int:
    from store.objections import raise_objection as raising

    objection = raising(acting(args), args.award, args.by, args.reason)
    return done(args, objection.as_dict(), "cli.objection.added", id=objection.id,
                 award=objection.award)


def resolve_objection(args) -> int:
    from store.objections import resolve_objection as resolve

    objection = resolve(acting(args), args.objection, upheld=args.upheld, reason=args.reason,
                        new_points=args.points)
    return done(args, objection.as_dict(), "cli.objection.resolved", id=objection.id,
                 status=t(f"objection_status.{objection.status}"))


# --- the ledger ------------------------------------------------------------------------------

def show_balance(args) -> int:
    from store.ledger import balance

    acting(args)
    found = balance(args.household)
    return done(args, found.as_dict(), "cli.balance.line", card=found.household,
                 spendable=found.spendable, honour=found.honour)


def show_ledger(args) -> int:
    from store.ledger import entries

    acting(args)
    found = entries(args.household)
    if args.json:
        print_json([entry.__dict__ for entry in found])
        return EXIT_OK
    print_table([t("col.date"), t("col.account"), t("col.kind"), t("col.points"),
                 t("col.balance"), t("col.period"), t("col.reason")],
                [[e.day, t(f"account.{e.account}"), t(f"entry_kind.{e.kind}"), e.points,
                  e.balance, e.period, e.reason] for e in found])
    return EXIT_OK


def adjust_points(args) -> int:
    from store.ledger import adjust

    entry = adjust(acting(args), args.household, args.points, args.reason, args.second)
    return done(args, {"entry": entry.id, "household": entry.household.card_no,
                        "points": entry.points}, "cli.adjust.done", card=entry.household.card_no,
                 points=entry.points)


def _year(text: str) -> int:
    from store.periods import parse_period

    period = parse_period(text)
    if period.kind != "year":
        from store.errors import JifenError

        raise JifenError("period.not_a_year", value=text)
    return period.year


def list_honours(args) -> int:
    from store.year_end import honours

    acting(args)
    named = honours(_year(args.period), args.count)
    if args.json:
        print_json([entry.__dict__ for entry in named])
        return EXIT_OK
    print_table([t("col.rank"), t("col.card"), t("col.head"), t("col.points")],
                [[entry.rank, entry.household, entry.head, entry.points] for entry in named])
    return EXIT_OK


def close_year(args) -> int:
    from store.year_end import close_year as close

    year = _year(args.period)
    reset = close(acting(args), year)
    return done(args, {"year": year, "households_reset": reset}, "cli.year.closed",
                 year=year, count=reset)
