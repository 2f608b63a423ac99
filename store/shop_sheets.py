"""Plain text of the supermarket's papers: the collection slip, the day's redemption sheet,
the quarter's settlement and donation sheets, the stock report and the fund picture.

Pure like `store.notice_text`, whose line helpers they share: the store's
dataclasses in, text out, the words from the caller's `say`. A slip fits a
48-cell line, the sheets NOTICE_WIDTH; columns line up with Chinese two cells wide.
"""

from collections.abc import Sequence
from datetime import date

from store.notice_text import (NOTICE_WIDTH, SLIP_WIDTH, Column, Say, centred, right,
                               table_lines, wrap)
from store.redemption import DaySheet, RedemptionInfo
from store.settlement import Fund, SettlementSheet
from store.stock import StockLine

SLIP_COLUMNS = (Column("sheet.col.goods", 22), Column("sheet.col.qty", 5, "right"),
                Column("sheet.col.price", 6, "right"), Column("sheet.col.points", 7, "right"))
DAY_COLUMNS = (Column("sheet.col.number", 5, "right"), Column("sheet.col.card", 8),
               Column("sheet.col.head", 10), Column("sheet.col.basket", 22),
               Column("sheet.col.points", 5, "right"), Column("sheet.col.proxy", 8),
               Column("sheet.col.state", 8))
SETTLEMENT_COLUMNS = (Column("sheet.col.goods", 24), Column("sheet.col.unit", 6),
                      Column("sheet.col.price", 6, "right"), Column("sheet.col.qty", 7, "right"),
                      Column("sheet.col.points", 9, "right"),
                      Column("sheet.col.yuan", 14, "right"))
STOCK_COLUMNS = (Column("sheet.col.goods", 18), Column("sheet.col.unit", 4),
                 Column("sheet.col.opening", 6, "right"), Column("sheet.col.purchased", 6, "right"),
                 Column("sheet.col.donated", 6, "right"), Column("sheet.col.redeemed", 6, "right"),
                 Column("sheet.col.written_off", 6, "right"),
                 Column("sheet.col.counted", 6, "right"), Column("sheet.col.closing", 6, "right"))


def collection_slip(village: str, info: RedemptionInfo, balance_after: int, say: Say,
                    today: date) -> str:
    """The collection slip (物品领取告知单) of one basket, for the household to keep."""
    width = SLIP_WIDTH
    lines = [centred(say("sheet.slip_title", village=village), width), "",
             *wrap(say("sheet.slip_number", id=info.id, day=info.made_on), width),
             *wrap(say("sheet.slip_household", head=info.head, card=info.card,
                       group=info.group or "-"), width)]
    rows = [(_goods_name(line.name, line.area, say), str(line.quantity), str(line.price),
             str(line.points)) for line in info.lines]
    lines += table_lines(SLIP_COLUMNS, rows, say)
    lines += wrap(say("sheet.slip_total", points=info.points), width)
    lines += wrap(say("sheet.slip_balance", points=balance_after), width)
    if info.status == "ordered":
        lines += wrap(say("sheet.slip_ordered", day=info.collect_by), width)
    elif info.status != "collected":
        lines += wrap(say("sheet.slip_state", state=say(f"redemption_status.{info.status}"),
                          reason=info.status_reason), width)
    if info.proxy:
        lines += wrap(say("sheet.slip_proxy", name=info.proxy), width)
    lines += wrap(say("sheet.slip_clerk", name=info.collected_by or info.made_by), width)
    lines += ["", say("sheet.slip_signature"), *wrap(say("sheet.no_cash"), width), "",
              right(say("sheet.signed", village=village, day=today), width)]
    return _text(lines)


def _goods_name(name: str, area: str, say: Say) -> str:
    return say("sheet.donated_goods", name=name) if area == "donation" else name


def basket_summary(info: RedemptionInfo) -> str:
    """A basket in a few words: 大米×1 食用油×2."""
    return " ".join(f"{line.name}×{line.quantity}" for line in info.lines)


def day_sheet_text(village: str, sheet: DaySheet, say: Say) -> str:
    """The redemption sheet (兑换登记表) of one day, with its supervisor's sign-off."""
    width = NOTICE_WIDTH
    lines = [centred(say("sheet.day_title", village=village), width), "",
             *wrap(say("sheet.day_date", day=sheet.day), width)]
    rows = [(str(info.id), info.card, info.head, basket_summary(info), str(info.points),
             info.proxy, say(f"redemption_status.{info.status}"))
            for info in sheet.redemptions]
    if rows:
        lines += table_lines(DAY_COLUMNS, rows, say)
    else:
        lines.append(say("sheet.day_empty"))
    counted = [info for info in sheet.redemptions if info.status == "collected"]
    lines += wrap(say("sheet.day_total", count=len(counted), points=sheet.points,
                      households=len({info.card for info in counted})), width)
    lines.append("")
    clerks = sorted({info.collected_by for info in sheet.redemptions if info.collected_by})
    lines += wrap(say("sheet.day_clerks", names=say("word.list").join(clerks) or "-"), width)
    if sheet.signed_off_by:
        lines += wrap(say("sheet.day_signed", name=sheet.signed_off_by,
                          count=sheet.signed_redemptions, points=sheet.signed_points), width)
        if (len(counted), sheet.points) != (sheet.signed_redemptions, sheet.signed_points):
            lines += wrap(say("sheet.day_changed_since"), width)
    else:
        lines.append(say("sheet.day_unsigned"))
    return _text(lines)


def settlement_text(village: str, sheet: SettlementSheet, say: Say, today: date) -> str:
    """The quarter's settlement sheet for the supplier, or the donation-area sheet."""
    width = NOTICE_WIDTH
    goods_area = sheet.area == "goods"
    title = "sheet.settlement_title" if goods_area else "sheet.donation_title"
    lines = [centred(say(title, village=village, period=sheet.period), width), ""]
    if goods_area:
        lines += wrap(say("sheet.settlement_rate", rate=sheet.yuan_per_point), width)
    rows = [(line.name, line.unit, str(line.price), str(line.quantity), str(line.points),
             f"{line.yuan:.2f}" if goods_area else "-") for line in sheet.lines]
    if rows:
        lines += table_lines(SETTLEMENT_COLUMNS, rows, say)
    else:
        lines.append(say("sheet.settlement_empty"))
    lines += wrap(say("sheet.settlement_total", quantity=sheet.quantity, points=sheet.points,
                      households=sheet.households, slips=sheet.slips), width)
    if goods_area:
        lines += wrap(say("sheet.settlement_yuan", yuan=f"{sheet.yuan:.2f}"), width)
    lines.append("")
    lines += wrap(say("sheet.settlement_final", name=sheet.final_by, day=sheet.final_at)
                  if sheet.final_by else say("sheet.settlement_draft"), width)
    lines += ["", say("sheet.settlement_signatures" if goods_area else "sheet.donation_signatures"),
              "", right(say("sheet.signed", village=village, day=today), width)]
    return _text(lines)


def stock_report_text(village: str, period: str, stock_lines: Sequence[StockLine], say: Say,
                      today: date) -> str:
    """Per goods item over a period: opening, in, out, written off, counted, closing."""
    width = NOTICE_WIDTH
    lines = [centred(say("sheet.stock_title", village=village, period=period), width), ""]
    rows = [(_goods_name(line.name, line.area, say), line.unit, str(line.opening),
             str(line.purchased), str(line.donated), str(line.redeemed),
             str(line.written_off), _signed(line.counted), str(line.closing))
            for line in stock_lines]
    if rows:
        lines += table_lines(STOCK_COLUMNS, rows, say)
    else:
        lines.append(say("sheet.stock_empty"))
    lines += wrap(say("sheet.stock_legend"), width)
    lines += ["", right(say("sheet.signed", village=village, day=today), width)]
    return _text(lines)


def _signed(number: int) -> str:
    return f"{number:+d}" if number else "0"


def fund_text(village: str, fund: Fund, say: Say, today: date) -> str:
    """What the points out there are worth, against what is on the shelf."""
    width = NOTICE_WIDTH
    lines = [centred(say("sheet.fund_title", village=village), width), "",
             *wrap(say("sheet.fund_outstanding", points=fund.outstanding_points,
                       rate=fund.yuan_per_point, yuan=f"{fund.outstanding_yuan:.2f}"), width),
             *wrap(say("sheet.fund_stock", points=fund.stock_points,
                       cost=f"{fund.stock_cost:.2f}", donated=fund.donated_on_hand), width),
             *wrap(say("sheet.fund_covered" if fund.covered else "sheet.fund_short",
                       gap=fund.outstanding_points - fund.stock_points), width), ""]
    if fund.running_low:
        lines.append(say("sheet.fund_low_title"))
        for low in fund.running_low:
            lines += wrap(say("sheet.fund_low_line", id=low.goods, name=low.name,
                              available=low.available, unit=low.unit, level=low.low_stock), width)
    else:
        lines.append(say("sheet.fund_none_low"))
    lines += ["", right(say("sheet.signed", village=village, day=today), width)]
    return _text(lines)


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"
