"""`jifen goods|stock|redeem|redemption|settlement|fund`: the love supermarket (D11, D12)."""

import re
import unicodedata

from store.errors import JifenError
from tui.cli import EXIT_OK, parse_day
from tui.commands.common import (acting, action_group, done, output_path, print_json,
                                 print_table, subcommand)
from tui.i18n import t

# `--goods 3x2`: two of item 3; a clerk may type x, X, * or the multiplication sign.
BASKET_LINE = re.compile(r"(\d+)(?:[xX*×](\d+))?")


def add_commands(subparsers) -> None:
    _goods_commands(subparsers)
    _stock_commands(subparsers)
    _redemption_commands(subparsers)

    settlement = subcommand(subparsers, "settlement", "cli.settlement.help", show_settlement,
                          json=False)
    settlement.add_argument("--period", required=True, help=t("cli.settlement.period"))
    settlement.add_argument("--donations", action="store_true",
                            help=t("cli.settlement.donations"))
    settlement.add_argument("--final", action="store_true", help=t("cli.settlement.final"))
    settlement.add_argument("-o", "--output", metavar="FILE", help=t("cli.settlement.output"))
    subcommand(subparsers, "fund", "cli.fund.help", show_fund)


def _goods_commands(subparsers) -> None:
    goods = action_group(subparsers, "goods")
    add = subcommand(goods, "add", "cli.goods.add", add_goods)
    add.add_argument("--name", required=True, help=t("cli.goods.name"))
    add.add_argument("--price", type=int, required=True, metavar="POINTS",
                     help=t("cli.goods.price"))
    add.add_argument("--area", choices=("goods", "donation"), default="goods",
                     help=t("cli.goods.area"))
    add.add_argument("--unit", default="", help=t("cli.goods.unit"))
    add.add_argument("--low", type=int, default=0, metavar="N", help=t("cli.goods.low"))
    listing = subcommand(goods, "list", "cli.goods.list", list_goods)
    listing.add_argument("--all", action="store_true", help=t("cli.goods.all"))
    retire = subcommand(goods, "retire", "cli.goods.retire", retire_goods)
    retire.add_argument("goods", metavar="ID", help=t("cli.goods.id"))


def _stock_commands(subparsers) -> None:
    stock = action_group(subparsers, "stock")
    receive = subcommand(stock, "in", "cli.stock.in", receive_stock)
    _goods_and_quantity(receive)
    receive.add_argument("--supplier", help=t("cli.stock.supplier"))
    receive.add_argument("--cost", metavar="YUAN", help=t("cli.stock.cost"))
    receive.add_argument("--donor", help=t("cli.stock.donor"))
    receive.add_argument("--via", default="", help=t("cli.stock.via"))
    writeoff = subcommand(stock, "writeoff", "cli.stock.writeoff", write_off)
    _goods_and_quantity(writeoff)
    writeoff.add_argument("--reason", required=True, help=t("cli.stock.reason"))
    writeoff.add_argument("--witness", required=True, help=t("cli.stock.witness"))
    count = subcommand(stock, "count", "cli.stock.count", count_stock)
    count.add_argument("--goods", required=True, metavar="ID", help=t("cli.goods.id"))
    count.add_argument("--counted", type=int, required=True, metavar="N",
                       help=t("cli.stock.counted"))
    show = subcommand(stock, "show", "cli.stock.show", show_stock)
    show.add_argument("--period", help=t("cli.stock.period"))


def _goods_and_quantity(command) -> None:
    command.add_argument("--goods", required=True, metavar="ID", help=t("cli.goods.id"))
    command.add_argument("--qty", type=int, required=True, metavar="N", help=t("cli.stock.qty"))


def _redemption_commands(subparsers) -> None:
    redeem = subcommand(subparsers, "redeem", "cli.redeem.help", redeem_basket)
    redeem.add_argument("--household", required=True, metavar="CARD",
                        help=t("cli.shop.household"))
    redeem.add_argument("--goods", action="append", required=True, metavar="ID[xN]",
                        help=t("cli.redeem.goods"))
    redeem.add_argument("--proxy", default="", metavar="NAME", help=t("cli.redeem.proxy"))
    redeem.add_argument("--order", action="store_true", help=t("cli.redeem.order"))

    redemption = action_group(subparsers, "redemption")
    show = subcommand(redemption, "show", "cli.redemption.show", show_redemption)
    show.add_argument("redemption", metavar="ID", help=t("cli.redemption.id"))
    listing = subcommand(redemption, "list", "cli.redemption.list", list_redemptions)
    listing.add_argument("--orders", action="store_true", help=t("cli.redemption.orders"))
    listing.add_argument("--household", metavar="CARD", help=t("cli.shop.household"))
    undo = subcommand(redemption, "undo", "cli.redemption.undo", undo_redemption)
    undo.add_argument("redemption", metavar="REDEMPTION", help=t("cli.redemption.id"))
    undo.add_argument("--reason", required=True, help=t("cli.redemption.reason"))
    collect = subcommand(redemption, "collect", "cli.redemption.collect", collect_order)
    collect.add_argument("order", metavar="ORDER", help=t("cli.redemption.order"))
    collect.add_argument("--proxy", metavar="NAME", help=t("cli.redeem.proxy"))
    cancel = subcommand(redemption, "cancel", "cli.redemption.cancel", cancel_order)
    cancel.add_argument("order", metavar="ORDER", help=t("cli.redemption.order"))
    cancel.add_argument("--reason", required=True, help=t("cli.redemption.reason"))
    subcommand(redemption, "expire", "cli.redemption.expire", expire_orders)
    signoff = subcommand(redemption, "signoff", "cli.redemption.signoff", sign_off_day)
    signoff.add_argument("--date", type=parse_day, required=True, help=t("cli.redemption.date"))
    sheet = subcommand(redemption, "sheet", "cli.redemption.sheet", show_day_sheet, json=False)
    sheet.add_argument("--date", type=parse_day, help=t("cli.redemption.sheet_date"))


def _village_name() -> str:
    from store.village import village_info

    return village_info().name


# --- goods ---------------------------------------------------------------------------------

def add_goods(args) -> int:
    from store.goods import add_goods as add

    item = add(acting(args), args.name, args.price, area=args.area, unit=args.unit,
               low_stock=args.low)
    return done(args, item.as_dict(), "cli.goods.added", id=item.id, name=item.name,
                 price=item.price, unit=item.unit or "-", area=t(f"area.{item.area}"))


def list_goods(args) -> int:
    from store.goods import list_goods as goods

    acting(args)
    found = goods(include_retired=args.all)
    if args.json:
        print_json([item.as_dict() for item in found])
        return EXIT_OK
    print_table([t("cli.col.id"), t("sheet.col.goods"), t("sheet.col.unit"), t("cli.col.area"),
                 t("sheet.col.price"), t("cli.col.available"), t("col.status")],
                [[item.id, item.name, item.unit, t(f"area.{item.area}"), item.price,
                  item.available, _goods_state(item)] for item in found])
    return EXIT_OK


def _goods_state(item) -> str:
    if not item.active:
        return t("cli.goods.retired_state")
    return t("cli.goods.low_state") if item.running_low else t("cli.goods.active_state")


def retire_goods(args) -> int:
    from store.goods import retire_goods as retire

    item = retire(acting(args), args.goods)
    return done(args, item.as_dict(), "cli.goods.retired", id=item.id, name=item.name)


# --- stock ---------------------------------------------------------------------------------

def receive_stock(args) -> int:
    """Exactly one source: bought (--supplier with --cost) or given (--donor, maybe --via)."""
    from store.stock import receive_donation, receive_purchase

    bought = args.supplier is not None or args.cost is not None
    given = args.donor is not None or bool(args.via)
    if bought and given:
        raise JifenError("cli.stock.two_sources")
    if not (bought or given):
        raise JifenError("cli.stock.no_source")
    if bought and args.cost is None:
        raise JifenError("cli.stock.cost_missing")
    actor = acting(args)
    if bought:
        moved = receive_purchase(actor, args.goods, args.qty, args.supplier or "", args.cost)
        return done(args, moved.as_dict(), "cli.stock.bought", id=moved.goods, name=moved.name,
                     qty=moved.quantity, supplier=moved.supplier, cost=moved.cost)
    moved = receive_donation(actor, args.goods, args.qty, args.donor or "", args.via)
    return done(args, moved.as_dict(), "cli.stock.given", id=moved.goods, name=moved.name,
                 qty=moved.quantity, donor=moved.donor)


def write_off(args) -> int:
    from store.stock import write_off as writing_off

    moved = writing_off(acting(args), args.goods, args.qty, args.reason, args.witness)
    return done(args, moved.as_dict(), "cli.stock.written_off", id=moved.goods,
                 name=moved.name, qty=-moved.quantity, witness=moved.witness)


def count_stock(args) -> int:
    from store.stock import stocktake

    moved = stocktake(acting(args), args.goods, args.counted)
    return done(args, moved.as_dict(), "cli.stock.counted_done", id=moved.goods,
                 name=moved.name, counted=moved.counted, difference=f"{moved.quantity:+d}")


def show_stock(args) -> int:
    """What is on the shelf now, or with --period the stock report of that period."""
    actor = acting(args)
    if args.period is not None:
        from store.shop_sheets import stock_report_text
        from store.stock import stock_report

        lines = stock_report(args.period)
        if args.json:
            print_json([line.as_dict() for line in lines])
        else:
            print(stock_report_text(_village_name(), args.period, lines, t, actor.today), end="")
        return EXIT_OK
    from store.goods import list_goods as goods

    found = goods()
    if args.json:
        print_json([item.as_dict() for item in found])
        return EXIT_OK
    print_table([t("cli.col.id"), t("sheet.col.goods"), t("sheet.col.unit"), t("cli.col.area"),
                 t("cli.col.on_hand"), t("cli.col.reserved"), t("cli.col.available"),
                 t("cli.col.low")],
                [[item.id, item.name, item.unit, t(f"area.{item.area}"), item.on_hand,
                  item.reserved, item.available,
                  t("cli.goods.low_state") if item.running_low else ""] for item in found])
    return EXIT_OK


# --- redemption ----------------------------------------------------------------------------

def parse_basket(words: list[str]) -> list[tuple[int, int]]:
    """`--goods 3x2 --goods 5`: (goods id, quantity) pairs; full-width digits are fine."""
    basket = []
    for word in words:
        match = BASKET_LINE.fullmatch(unicodedata.normalize("NFKC", word).replace(" ", ""))
        if match is None:
            raise JifenError("cli.redeem.bad_goods", value=word)
        basket.append((int(match[1]), int(match[2] or 1)))
    return basket


def redeem_basket(args) -> int:
    from store.ledger import balance
    from store.redemption import redeem
    from store.shop_sheets import basket_summary, collection_slip

    basket = parse_basket(args.goods)
    actor = acting(args)
    info = redeem(actor, args.household, basket, proxy=args.proxy, order=args.order)
    left = balance(info.card).spendable
    if args.json:
        print_json({**info.as_dict(), "balance_after": left})
        return EXIT_OK
    if info.status == "ordered":
        print(t("cli.redeem.ordered", id=info.id, card=info.card, head=info.head,
                basket=basket_summary(info), points=info.points, balance=left, day=info.collect_by))
    else:
        print(t("cli.redeem.handed_over", id=info.id, card=info.card, head=info.head,
                basket=basket_summary(info), points=info.points, balance=left))
    print()
    print(collection_slip(_village_name(), info, left, t, actor.today), end="")
    return EXIT_OK


def show_redemption(args) -> int:
    from store.redemption import redemption_info

    acting(args)
    info = redemption_info(args.redemption)
    if args.json:
        print_json(info.as_dict())
        return EXIT_OK
    print(t("cli.redemption.heading", id=info.id, card=info.card, head=info.head,
            status=t(f"redemption_status.{info.status}"), points=info.points))
    print(t("cli.redemption.made", day=info.made_on, name=info.made_by))
    if info.collect_by:
        print(t("cli.redemption.collect_by", day=info.collect_by))
    if info.collected_on:
        print(t("cli.redemption.collected", day=info.collected_on, name=info.collected_by))
    if info.proxy:
        print(t("sheet.slip_proxy", name=info.proxy))
    if info.status_reason:
        print(t("cli.field_line", field=t("field.reason"), value=info.status_reason))
    print_table([t("cli.col.id"), t("sheet.col.goods"), t("sheet.col.unit"), t("cli.col.area"),
                 t("sheet.col.qty"), t("sheet.col.price"), t("sheet.col.points")],
                [[line.goods, line.name, line.unit, t(f"area.{line.area}"), line.quantity,
                  line.price, line.points] for line in info.lines])
    return EXIT_OK


def list_redemptions(args) -> int:
    from store.shop_sheets import basket_summary
    from store.redemption import list_redemptions as redemptions

    acting(args)
    found = redemptions(status="ordered" if args.orders else None, card_no=args.household)
    if args.json:
        print_json([info.as_dict() for info in found])
        return EXIT_OK
    print_table([t("sheet.col.number"), t("col.date"), t("col.card"), t("col.head"),
                 t("sheet.col.basket"), t("sheet.col.points"), t("col.status"),
                 t("cli.col.collect_by")],
                [[info.id, info.made_on, info.card, info.head, basket_summary(info), info.points,
                  t(f"redemption_status.{info.status}"), info.collect_by or ""]
                 for info in found])
    return EXIT_OK


def undo_redemption(args) -> int:
    from store.redemption import undo

    info = undo(acting(args), args.redemption, args.reason)
    return done(args, info.as_dict(), "cli.redemption.undone", id=info.id, card=info.card,
                 points=info.points)


def collect_order(args) -> int:
    from store.shop_sheets import basket_summary
    from store.redemption import collect

    info = collect(acting(args), args.order, proxy=args.proxy)
    return done(args, info.as_dict(), "cli.redemption.collected_done", id=info.id,
                 card=info.card, head=info.head, basket=basket_summary(info))


def cancel_order(args) -> int:
    from store.redemption import cancel

    info = cancel(acting(args), args.order, args.reason)
    return done(args, info.as_dict(), "cli.redemption.cancelled", id=info.id, card=info.card,
                 points=info.points)


def expire_orders(args) -> int:
    from store.redemption import expire

    returned = expire(acting(args))
    if args.json:
        print_json(returned)
    elif returned:
        print(t("cli.redemption.expired", count=len(returned),
                ids=t("word.list").join(map(str, returned))))
    else:
        print(t("cli.redemption.none_expired"))
    return EXIT_OK


def sign_off_day(args) -> int:
    from store.redemption import sign_off_day as sign

    sheet = sign(acting(args), args.date)
    return done(args, sheet.as_dict(), "cli.redemption.signed", day=sheet.day,
                 name=sheet.signed_off_by, count=sheet.signed_redemptions,
                 points=sheet.signed_points)


def show_day_sheet(args) -> int:
    from store.redemption import day_sheet
    from store.shop_sheets import day_sheet_text

    actor = acting(args)
    print(day_sheet_text(_village_name(), day_sheet(args.date or actor.today), t), end="")
    return EXIT_OK


# --- settlement and the fund -----------------------------------------------------------------

def show_settlement(args) -> int:
    """The quarter's sheet, made final first with --final, printed or saved with -o."""
    from store.settlement import make_final, settlement_sheet
    from store.shop_sheets import settlement_text

    actor = acting(args)
    path = None if args.output is None else output_path(args.output)
    if args.final:
        make_final(actor, args.period)
    sheet = settlement_sheet(args.period, "donation" if args.donations else "goods")
    text = settlement_text(_village_name(), sheet, t, actor.today)
    if path is None:
        print(text, end="")
        return EXIT_OK
    from store.roster_export import write_atomically

    write_atomically(path, text.encode("utf-8"))
    print(t("cli.settlement.saved", period=sheet.period, path=path))
    return EXIT_OK


def show_fund(args) -> int:
    from store.settlement import fund
    from store.shop_sheets import fund_text

    actor = acting(args)
    picture = fund()
    if args.json:
        print_json(picture.as_dict())
    else:
        print(fund_text(_village_name(), picture, t, actor.today), end="")
    return EXIT_OK
