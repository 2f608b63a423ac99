"""Plain text of the supermarket's papers: the collection slip, the day's redemption sheet,
the redemption disclosure, the quarter's settlement and donation sheets, the stock report
and the fund picture.

Pure: the store's dataclasses in, lines out, the words from the caller's `say`,
laid out by store.print_layout for the `layout` asked (80 columns unless told):
every paper fits 48 columns, the collection slip 32 too. At narrow widths the
tables keep every figure but take fewer columns: a household's group goes under
its head, the proxy under the goods, the stock report splits into two tables.
Each paper is first a `Notice` (its title lines, then the rest: store.notice_shop
and `jifen notice` print those); the functions named after the papers return
the text, as the screens and the CLI have always printed it.

Long text is wrapped here rather than by the table: a basket lists one goods item
a line, and a name breaks at a space or a "·" (阿不都· / 热合曼) where it can.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from store.notices import Notice, with_chain_head
from store.periods import Period, parse_period
from store.print_layout import MIN_COLUMN, Col, Layout, Say, cells, centred, right, table, wrap
from store.redemption import DaySheet, LineInfo, RedemptionInfo
from store.settlement import Fund, SettlementSheet
from store.staff import Signers
from store.stock import StockLine

PAPER = Layout()     # 80 columns, ASCII rules: what a paper is laid out for unless asked
SCREEN = Layout(width=74)    # shows whole in the app's previews on an 80-column terminal
RECEIPT = Layout(width=48)   # the counter's slip, for an 80 mm receipt printer
WIDE = 64            # from this width a table has all its columns
SLIP_NARROW = 40     # below this the collection slip leaves out the unit price
HEAD_CAP = 8         # a head wider than this (阿不都·热合曼) wraps in a narrow table
MIN_GOODS = 12       # the stock report splits in two rather than leave goods names less
NAME_CAP = 12        # proxies, groups and the like wrap beyond this many cells
BLANK = "__________"
NAME_DOTS = "·・•"                          # between the parts of a name: 阿不都·热合曼
_NAME_DOTS = re.compile(f"(?<=[{NAME_DOTS}])")


# --- laying out a table whose long cells wrap where they should -------------------------

@dataclass(frozen=True)
class Field:
    """A column and how wide it may be: `cap` cells at most (None: as wide as its widest
    cell); the one `flex` column takes what the others leave."""

    col: Col
    cap: int | None = None
    flex: bool = False


def grid(fields: Sequence[Field], rows: Sequence[Sequence], layout: Layout) -> list[str]:
    """The rows as a table of `layout`'s width at most. A cell is a string, or a list of
    strings each starting a new line; text wider than its column is wrapped by
    `print_layout.wrap` (between words, never inside a number); a row of several lines
    stays one row, which the table rules off and a page never splits."""
    widths = _widths(fields, rows, layout)
    laid = [["\n".join(_cell_lines(cell, width, field, layout))
             for cell, width, field in zip(row, widths, fields)] for row in rows]
    return table([Col(field.col.title, field.col.align, wrap=False) for field in fields],
                 laid, layout)


def _lines_of(cell) -> list[str]:
    return [str(part) for part in cell] if isinstance(cell, (list, tuple)) else [str(cell)]


def _flex_room(fields: Sequence[Field], rows, layout: Layout) -> int:
    """The cells the others leave the flex column (negative: not even the others fit)."""
    room = layout.width - (3 * len(fields) + 1)
    widths = _widths(fields, rows, layout)
    return room - sum(width for field, width in zip(fields, widths) if not field.flex)


def _widths(fields: Sequence[Field], rows, layout: Layout) -> list[int]:
    needs = [max([cells(field.col.title, layout),
                  *(cells(line, layout) for row in rows for line in _lines_of(row[index]))])
             for index, field in enumerate(fields)]
    widths = [need if field.cap is None or field.col.align == "right"
              else max(min(need, field.cap), cells(field.col.title, layout))
              for field, need in zip(fields, needs)]
    room = layout.width - (3 * len(fields) + 1)
    for index, field in enumerate(fields):
        if field.flex:
            rest = sum(width for other, width in enumerate(widths) if other != index)
            widths[index] = min(needs[index], max(room - rest, MIN_COLUMN,
                                                  cells(field.col.title, layout)))
    return widths


def _cell_lines(cell, width: int, field: Field, layout: Layout) -> list[str]:
    if field.col.align == "right":
        return _lines_of(cell)
    return [line for part in _lines_of(cell) for line in wrap_names(part, width, layout)]


def wrap_names(text: str, width: int, layout: Layout) -> list[str]:
    """`text` in lines of `width` cells, broken after the dot of a name such as 阿不都·热合曼
    where it must be broken at all (the name's parts stay whole where they fit)."""
    segments = [segment for segment in _NAME_DOTS.split(text) if segment]
    if cells(text, layout) <= width or len(segments) < 2:
        return wrap(text, layout, width)
    lines, line = [], ""
    for segment in segments:
        if cells(line + segment, layout) <= width:
            line += segment
            continue
        if line and line not in NAME_DOTS:
            lines.append(line)
        else:                        # nothing yet, or a dot carried over: it stays with this
            segment = line + segment
        if cells(segment, layout) <= width:
            line = segment
        elif segment[-1] in NAME_DOTS and cells(segment[:-1], layout) <= width:
            # the name's part fills the line: its dot starts the next
            lines.append(segment[:-1])
            line = segment[-1]
        else:
            *full, line = wrap(segment, layout, width)
            lines += full
    return [*lines, line]


# --- words every paper uses ---------------------------------------------------------------

def period_words(period: Period, say: Say) -> str:
    """2026年11月, 2026年第四季度, 2026年."""
    if period.kind == "month":
        return say("sheet.period.month", year=period.year, month=period.number)
    if period.kind == "quarter":
        return say(f"sheet.period.q{period.number}", year=period.year)
    return say("sheet.period.year", year=period.year)


def _span(period: Period, say: Say, today: date, layout: Layout) -> list[str]:
    """The period's first and last day; for a period still running, up to which day."""
    lines = wrap(say("sheet.span", first=period.first_day, last=period.last_day), layout)
    if period.first_day <= today <= period.last_day:
        lines += wrap(say("sheet.span_running", today=today), layout)
    return lines


def _signed(village: str, today: date, say: Say, layout: Layout) -> list[str]:
    return right(say("sheet.signed", village=village, day=today), layout)


def _signatures(roles: Sequence[tuple[str, str]], say: Say, layout: Layout) -> list[str]:
    """A line to sign on for each (role key, name), the name printed where it is known."""
    lines = []
    for role, name in roles:
        lines += wrap(say("sheet.sign_line", role=say(role), name=name, blank=BLANK) if name
                      else say("sheet.sign_blank", role=say(role), blank=BLANK), layout)
    return lines


def _goods_name(name: str, area: str, say: Say) -> str:
    return say("sheet.donated_goods", name=name) if area == "donation" else name


def _item(line: LineInfo, say: Say) -> str:
    return say("sheet.item", name=_goods_name(line.name, line.area, say), qty=line.quantity)


def _day(day: date | None, layout: Layout) -> str:
    """A date in a table: 2026-11-26, or 11-26 on a narrow line (the period gives the year)."""
    if day is None:
        return "-"
    return day.isoformat() if layout.width >= WIDE else day.strftime("%m-%d")


def text_of(notice: Notice, say: Say, layout: Layout) -> str:
    """The sheet as one text, each line ending in a newline, the chain head at its foot."""
    sealed = with_chain_head(notice, say, layout)
    return "\n".join([*sealed.head, *sealed.body]) + "\n"


def basket_summary(info: RedemptionInfo) -> str:
    """A basket in a few words: 大米×1 食用油×2."""
    return " ".join(f"{line.name}×{line.quantity}" for line in info.lines)


# --- the collection slip --------------------------------------------------------------------

def collection_slip_notice(village: str, info: RedemptionInfo, balance_after: int, say: Say,
                           today: date, layout: Layout = PAPER) -> Notice:
    """The collection slip (物品领取告知单) of one basket, for the household to keep."""
    head = centred(say("sheet.slip_title", village=village), layout)
    body = ["", *wrap(say("sheet.slip_number", id=info.id, day=info.made_on), layout),
            *wrap(say("sheet.slip_household", head=info.head, group=info.group or "-"), layout),
            *wrap(say("sheet.slip_card", card=info.card), layout)]
    goods = Field(Col(say("sheet.col.goods")), flex=True)
    qty = Field(Col(say("sheet.col.qty"), "right", False))
    price = Field(Col(say("sheet.col.price"), "right", False))
    points = Field(Col(say("sheet.col.points"), "right", False))
    with_price = layout.width >= SLIP_NARROW
    rows = [[_goods_name(line.name, line.area, say), f"{line.quantity}{line.unit}",
             *([str(line.price)] if with_price else []), str(line.points)]
            for line in info.lines]
    body += grid([goods, qty, *([price] if with_price else []), points], rows, layout)
    body += wrap(say("sheet.slip_total", points=info.points), layout)
    body += wrap(say("sheet.slip_balance", points=balance_after), layout)
    if info.status == "ordered":
        body += wrap(say("sheet.slip_ordered", day=info.collect_by), layout)
    elif info.status != "collected":
        body += wrap(say("sheet.slip_state", state=say(f"redemption_status.{info.status}"),
                         reason=info.status_reason), layout)
    if info.proxy:
        body += wrap(say("sheet.slip_proxy", name=info.proxy), layout)
    body += wrap(say("sheet.slip_clerk", name=info.collected_by or info.made_by), layout)
    body += ["", *wrap(say("sheet.slip_signature"), layout),
             *wrap(say("sheet.no_cash"), layout), "", *_signed(village, today, say, layout)]
    return Notice(head, body)


def collection_slip(village: str, info: RedemptionInfo, balance_after: int, say: Say,
                    today: date, layout: Layout = PAPER) -> str:
    """The collection slip as text."""
    return text_of(collection_slip_notice(village, info, balance_after, say, today, layout), say,
                   layout)


# --- the day's redemption sheet ---------------------------------------------------------------

def day_sheet_notice(village: str, sheet: DaySheet, say: Say,
                     layout: Layout = PAPER) -> Notice:
    """The redemption sheet (兑换登记表) of one day, with its supervisor's sign-off."""
    head = centred(say("sheet.day_title", village=village), layout)
    body = ["", *wrap(say("sheet.day_date", day=sheet.day), layout)]
    if sheet.redemptions:
        body += _day_table(sheet.redemptions, say, layout)
    else:
        body += wrap(say("sheet.day_empty"), layout)
    counted = [info for info in sheet.redemptions if info.status == "collected"]
    body += wrap(say("sheet.day_total", count=len(counted), points=sheet.points,
                     households=len({info.card for info in counted})), layout)
    body.append("")
    clerks = sorted({info.collected_by for info in sheet.redemptions if info.collected_by})
    body += wrap(say("sheet.day_clerks", names=say("word.list").join(clerks) or "-"), layout)
    if sheet.signed_off_by:
        body += wrap(say("sheet.day_signed", name=sheet.signed_off_by,
                         count=sheet.signed_redemptions, points=sheet.signed_points), layout)
        if (len(counted), sheet.points) != (sheet.signed_redemptions, sheet.signed_points):
            body += wrap(say("sheet.day_changed_since"), layout)
    else:
        body += wrap(say("sheet.day_unsigned"), layout)
    return Notice(head, body)


def day_sheet_text(village: str, sheet: DaySheet, say: Say, layout: Layout = PAPER) -> str:
    """The day's redemption sheet as text."""
    return text_of(day_sheet_notice(village, sheet, say, layout), say, layout)


def _day_table(redemptions: Sequence[RedemptionInfo], say: Say, layout: Layout) -> list[str]:
    number = Field(Col(say("sheet.col.number"), "right", False))
    points = Field(Col(say("sheet.col.points"), "right", False))
    basket = Field(Col(say("sheet.col.basket")), flex=True)
    status = {info.id: say(f"redemption_status.{info.status}") for info in redemptions}
    if layout.width >= WIDE:
        fields = [number, Field(Col(say("sheet.col.card")), NAME_CAP),
                  Field(Col(say("sheet.col.head")), NAME_CAP), basket, points,
                  Field(Col(say("sheet.col.proxy")), NAME_CAP),
                  Field(Col(say("sheet.col.state")), NAME_CAP)]
        rows = [[str(info.id), info.card, info.head, [_item(line, say) for line in info.lines],
                 str(info.points), info.proxy, status[info.id]] for info in redemptions]
    else:  # the card under the head; the proxy and any state but 已领取 under the goods
        fields = [number, Field(Col(say("sheet.col.head")), HEAD_CAP), basket, points]
        rows = [[str(info.id), [info.head, info.card],
                 [*(_item(line, say) for line in info.lines), *_proxy_note(info, say),
                  *([say("sheet.state_note", state=status[info.id])]
                    if info.status != "collected" else [])],
                 str(info.points)] for info in redemptions]
    return grid(fields, rows, layout)


def _proxy_note(info: RedemptionInfo, say: Say) -> list[str]:
    return [say("sheet.proxy_note", name=info.proxy)] if info.proxy else []


# --- the redemption disclosure ---------------------------------------------------------------

def disclosure_notice(village: str, period: Period, redemptions: Sequence[RedemptionInfo],
                      signers: Signers, say: Say, today: date,
                      layout: Layout = PAPER) -> Notice:
    """The redemption disclosure (兑换公示) of a period: who redeemed what and when, with
    collections on a household's behalf. `redemptions` are the baskets handed over in the
    period (undone ones, and orders not collected, are not redemptions to disclose);
    `signers` the clerk's and the supervisor's names. No card, ID or phone number."""
    head = centred(say("sheet.disclosure_title", village=village,
                       period=period_words(period, say)), layout)
    body = ["", *_span(period, say, today, layout)]
    shown = sorted(redemptions, key=lambda info: (info.collected_on or info.made_on, info.id))
    if shown:
        by_area = {"goods": 0, "donation": 0}
        for info in shown:
            for line in info.lines:
                by_area[line.area] = by_area.get(line.area, 0) + line.points
        body += _disclosure_table(shown, say, layout)
        body += wrap(say("sheet.disclosure_total", households=len({info.card for info in shown}),
                         baskets=len(shown), points=sum(info.points for info in shown),
                         proxies=sum(1 for info in shown if info.proxy)), layout)
        body += wrap(say("sheet.disclosure_areas", goods=by_area["goods"],
                         donation=by_area["donation"]), layout)
    else:
        body += wrap(say("sheet.disclosure_empty"), layout)
    body += wrap(say("sheet.disclosure_note"), layout)
    body += ["", *wrap(say("sheet.posted_on", day=today), layout),
             *wrap(say("sheet.disclosure_ask", supervisor=signers.supervisor or BLANK), layout), "",
             *_signatures([("sheet.role.clerk", signers.clerk),
                           ("sheet.role.supervisor", signers.supervisor)], say, layout),
             "", *_signed(village, today, say, layout)]
    return Notice(head, body)


def _disclosure_table(shown: Sequence[RedemptionInfo], say: Say,
                      layout: Layout) -> list[str]:
    day = Field(Col(say("sheet.col.date"), wrap=False))
    points = Field(Col(say("sheet.col.points"), "right", False))
    basket = Field(Col(say("sheet.col.basket")), flex=True)
    if layout.width >= WIDE:
        fields = [day, Field(Col(say("sheet.col.group")), NAME_CAP),
                  Field(Col(say("sheet.col.head")), NAME_CAP), basket, points,
                  Field(Col(say("sheet.col.proxy")), NAME_CAP)]
        rows = [[_day(info.collected_on, layout), info.group or "-", info.head,
                 [_item(line, say) for line in info.lines], str(info.points), info.proxy]
                for info in shown]
    else:  # the group under the head, the proxy under the goods
        fields = [day, Field(Col(say("sheet.col.head")), HEAD_CAP), basket, points]
        rows = [[_day(info.collected_on, layout),
                 [info.head, *([say("sheet.group_note", group=info.group)]
                               if info.group else [])],
                 [*(_item(line, say) for line in info.lines), *_proxy_note(info, say)],
                 str(info.points)] for info in shown]
    return grid(fields, rows, layout)


# --- settlement and the donation area ----------------------------------------------------------

def settlement_notice(village: str, sheet: SettlementSheet, say: Say, today: date,
                      layout: Layout = PAPER, *, suppliers: Sequence[str] = (),
                      signers: Signers = Signers()) -> Notice:
    """The quarter's settlement sheet for the supplier (goods area, with yuan), or the
    donation-area sheet for the charity (no money). `suppliers` are named on the sheet
    where known; `signers` (clerk, supervisor) printed at their signature lines."""
    goods_area = sheet.area == "goods"
    period = parse_period(sheet.period)
    title = "sheet.settlement_title" if goods_area else "sheet.donation_title"
    head = centred(say(title, village=village, period=period_words(period, say)), layout)
    body = ["", *_span(period, say, today, layout)]
    if goods_area:
        body += wrap(say("sheet.settlement_rate", rate=sheet.yuan_per_point), layout)
        if suppliers:
            body += wrap(say("sheet.settlement_suppliers",
                             names=say("word.list").join(suppliers)), layout)
    if sheet.lines:
        body += _settlement_table(sheet, goods_area, say, layout)
    else:
        body += wrap(say("sheet.settlement_empty"), layout)
    body += wrap(say("sheet.settlement_total", quantity=sheet.quantity, points=sheet.points,
                     households=sheet.households, slips=sheet.slips), layout)
    if goods_area:
        body += wrap(say("sheet.settlement_yuan", yuan=f"{sheet.yuan:.2f}"), layout)
    body.append("")
    body += wrap(say("sheet.settlement_final", name=sheet.final_by, day=sheet.final_at)
                 if sheet.final_by else say("sheet.settlement_draft"), layout)
    roles = [("sheet.role.clerk", signers.clerk), ("sheet.role.supervisor", signers.supervisor)]
    if goods_area:
        roles.append(("sheet.role.supplier", ""))
    body += ["", *_signatures(roles, say, layout), "", *_signed(village, today, say, layout)]
    return Notice(head, body)


@dataclass(frozen=True)
class Donation:
    """Goods given to the donation area (捐赠登记): when, by whom, through whom, what."""

    day: date
    donor: str
    via: str
    name: str
    unit: str
    quantity: int


def donations_notice(village: str, period: Period, received: Sequence[Donation],
                     redeemed: Sequence[RedemptionInfo], say: Say, today: date,
                     layout: Layout = PAPER, *, signers: Signers = Signers()) -> Notice:
    """The donation notice of a period: the goods given (donor, goods, quantity, who
    brought them), then what households redeemed from the donation area, by goods item,
    in points and never in money. `redeemed` are the baskets handed over in the period;
    only their donation-area goods count here."""
    head = centred(say("sheet.donations_title", village=village,
                       period=period_words(period, say)), layout)
    body = ["", *_span(period, say, today, layout), *wrap(say("sheet.donations_received"), layout)]
    if received:
        body += _received_table(received, say, layout)
        body += wrap(say("sheet.donations_received_total", count=len(received),
                         quantity=sum(gift.quantity for gift in received)), layout)
    else:
        body += wrap(say("sheet.donations_none_received"), layout)
    body += ["", *wrap(say("sheet.donations_redeemed"), layout)]
    taken: dict[tuple[str, str, int], int] = {}
    households = set()
    for info in redeemed:
        for line in info.lines:
            if line.area == "donation":
                key = (line.name, line.unit, line.price)
                taken[key] = taken.get(key, 0) + line.quantity
                households.add(info.card)
    if taken:
        wide = layout.width >= WIDE
        fields = [Field(Col(say("sheet.col.goods")), flex=True),
                  *([Field(Col(say("sheet.col.unit")), NAME_CAP)] if wide else []),
                  *(Field(Col(say(key), "right", False))
                    for key in ("sheet.col.price", "sheet.col.qty", "sheet.col.points"))]
        rows = [[name, *([unit] if wide else []), str(price),
                 str(quantity) if wide else f"{quantity}{unit}", str(price * quantity)]
                for (name, unit, price), quantity in sorted(taken.items())]
        body += grid(fields, rows, layout)
        body += wrap(say("sheet.donations_redeemed_total", quantity=sum(taken.values()),
                         points=sum(price * quantity
                                    for (_, _, price), quantity in taken.items()),
                         households=len(households)), layout)
        body += wrap(say("sheet.donations_no_money"), layout)
    else:
        body += wrap(say("sheet.donations_none_redeemed"), layout)
    body += ["", *wrap(say("sheet.donations_thanks"), layout),
             *wrap(say("sheet.posted_on", day=today), layout), "",
             *_signatures([("sheet.role.clerk", signers.clerk),
                           ("sheet.role.supervisor", signers.supervisor)], say, layout),
             "", *_signed(village, today, say, layout)]
    return Notice(head, body)


def _received_table(received: Sequence[Donation], say: Say, layout: Layout) -> list[str]:
    day = Field(Col(say("sheet.col.date"), wrap=False))
    donor = Field(Col(say("sheet.col.donor")), flex=True)
    goods = Field(Col(say("sheet.col.goods")), NAME_CAP)
    quantity = Field(Col(say("sheet.col.qty"), "right", False))
    if layout.width >= WIDE:
        fields = [day, donor, goods, quantity, Field(Col(say("sheet.col.via")), NAME_CAP)]
        rows = [[_day(gift.day, layout), gift.donor, gift.name, f"{gift.quantity}{gift.unit}",
                 gift.via] for gift in received]
    else:  # who brought it under the donor
        fields = [day, donor, goods, quantity]
        rows = [[_day(gift.day, layout),
                 [gift.donor, *([say("sheet.via_note", name=gift.via)] if gift.via else [])],
                 gift.name, f"{gift.quantity}{gift.unit}"] for gift in received]
    return grid(fields, rows, layout)


def _settlement_table(sheet: SettlementSheet, goods_area: bool, say: Say,
                      layout: Layout) -> list[str]:
    wide = layout.width >= WIDE
    number = [Field(Col(say(key), "right", False))
              for key in ("sheet.col.price", "sheet.col.qty", "sheet.col.points")]
    fields = [Field(Col(say("sheet.col.goods")), flex=True),
              *([Field(Col(say("sheet.col.unit")), NAME_CAP)] if wide else []), *number]
    if goods_area:
        fields.append(Field(Col(say("sheet.col.yuan" if wide else "sheet.col.yuan_short"),
                                "right", False)))
    rows = [[line.name, *([line.unit] if wide else []), str(line.price),
             str(line.quantity) if wide else f"{line.quantity}{line.unit}", str(line.points),
             *([f"{line.yuan:.2f}"] if goods_area else [])] for line in sheet.lines]
    return grid(fields, rows, layout)


def settlement_text(village: str, sheet: SettlementSheet, say: Say, today: date,
                    layout: Layout = PAPER) -> str:
    """The settlement or donation-area sheet as text."""
    return text_of(settlement_notice(village, sheet, say, today, layout), say, layout)


# --- the stock report ------------------------------------------------------------------------

STOCK_IN = ("opening", "purchased", "donated")
STOCK_OUT = ("redeemed", "written_off", "counted", "closing")


def stock_notice(village: str, period: str, stock_lines: Sequence[StockLine], say: Say,
                 today: date, layout: Layout = PAPER, *,
                 signers: Signers = Signers()) -> Notice:
    """Per goods item over a period: opening, purchased, donated, redeemed, written off,
    counted (stocktake differences) and closing. At 80 columns one table holds them all;
    where that cannot fit (48), one table of what there was and came in, another of
    what went out and what is left, the goods named in both."""
    span = parse_period(period)
    head = centred(say("sheet.stock_title", village=village, period=period_words(span, say)),
                   layout)
    body = ["", *_span(span, say, today, layout)]
    if not stock_lines:
        body += wrap(say("sheet.stock_empty"), layout)
    else:
        fields, rows = _stock_rows(stock_lines, (*STOCK_IN, *STOCK_OUT), True, say)
        if _flex_room(fields, rows, layout) >= MIN_GOODS:
            body += grid(fields, rows, layout)
        else:  # the units where there is room for them: with what came in
            body += wrap(say("sheet.stock_part_in"), layout)
            body += grid(*_stock_rows(stock_lines, STOCK_IN, True, say), layout)
            body += wrap(say("sheet.stock_part_out"), layout)
            body += grid(*_stock_rows(stock_lines, STOCK_OUT, False, say), layout)
    body += wrap(say("sheet.stock_legend"), layout)
    body += ["", *_signatures([("sheet.role.clerk", signers.clerk),
                               ("sheet.role.supervisor", signers.supervisor)], say, layout),
             "", *_signed(village, today, say, layout)]
    return Notice(head, body)


def _stock_rows(stock_lines: Sequence[StockLine], columns: Sequence[str], with_unit: bool,
               say: Say) -> tuple[list[Field], list[list[str]]]:
    fields = [Field(Col(say("sheet.col.goods")), flex=True),
              *([Field(Col(say("sheet.col.unit")), NAME_CAP)] if with_unit else []),
              *(Field(Col(say(f"sheet.col.{column}"), "right", False)) for column in columns)]
    rows = []
    for line in stock_lines:
        name = _goods_name(line.name, line.area, say)
        figures = [_figure(column, getattr(line, column)) for column in columns]
        rows.append([name, *([line.unit] if with_unit else []), *figures])
    return fields, rows


def _figure(column: str, number: int) -> str:
    return f"{number:+d}" if column == "counted" and number else str(number)


def stock_report_text(village: str, period: str, stock_lines: Sequence[StockLine], say: Say,
                      today: date, layout: Layout = PAPER) -> str:
    """The stock report as text."""
    return text_of(stock_notice(village, period, stock_lines, say, today, layout), say, layout)


# --- the fund picture -------------------------------------------------------------------------

def fund_text(village: str, fund: Fund, say: Say, today: date,
              layout: Layout = PAPER) -> str:
    """What the points out there are worth, against what is on the shelf."""
    head = centred(say("sheet.fund_title", village=village), layout)
    lines = ["",
             *wrap(say("sheet.fund_outstanding", points=fund.outstanding_points,
                       rate=fund.yuan_per_point, yuan=f"{fund.outstanding_yuan:.2f}"), layout),
             *wrap(say("sheet.fund_stock", points=fund.stock_points,
                       cost=f"{fund.stock_cost:.2f}", donated=fund.donated_on_hand), layout),
             *wrap(say("sheet.fund_covered" if fund.covered else "sheet.fund_short",
                       gap=fund.outstanding_points - fund.stock_points), layout), ""]
    if fund.running_low:
        lines += wrap(say("sheet.fund_low_title"), layout)
        for low in fund.running_low:
            lines += wrap(say("sheet.fund_low_line", id=low.goods, name=low.name,
                              available=low.available, unit=low.unit, level=low.low_stock),
                          layout)
    else:
        lines += wrap(say("sheet.fund_none_low"), layout)
    lines += ["", *_signed(village, today, say, layout)]
    return text_of(Notice(head, lines), say, layout)
