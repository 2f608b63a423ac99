"""The supermarket's notices, by name (store.notices.KINDS): what each reads, which period.

Each builder has the signature (request, today, say, layout) -> Notice, reads
the open village file, and leaves the laying out to store.shop_sheets. The
output depends only on the data and the arguments: the date printed is `today`,
never the clock's.

Default periods, when the request names none, are what the clerk means at the
counter or the board on `today`:
- redemptions: the period of the village's scoring rhythm that holds today, so
  the current month (Tongguan, Mazigou), or the current quarter under the
  quarterly scheme, whose redemption days open each quarter;
- settlement and donations: the quarter before today's, the last one that has
  ended: the one the supplier is settled for and the donors are told about (the
  settlement screen opens on it too);
- stock: the current quarter, up to today.
"""

from datetime import date

import peewee

from store import shop_sheets
from store.adoption import current_policy
from store.ledger import household_row
from store.models import Goods, LedgerEntry, Redemption, StockMovement
from store.notices import Notice, Request
from store.periods import Period, parse_period, period_of
from store.print_layout import Layout, Say
from store.redemption import RedemptionInfo, redemption_info
from store.settlement import settlement_sheet
from store.staff import signers
from store.stock import stock_report
from store.village import village_info


def redemptions_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The redemption disclosure (兑换公示) of a month, quarter or year: every basket handed
    over in it, by day, with the goods, the points and who collected on a household's
    behalf; undone ones left out. By default the rhythm's period that holds today."""
    period = _period(request.period, _rhythm_period(today))
    return shop_sheets.disclosure_notice(village_info().name, period, handed_over(period),
                                         signers(), say, today, layout)


def collection_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The collection slip (物品领取告知单) of one redemption, printed again: the balance it
    gives is the one just after that basket, not today's."""
    info = redemption_info(request.redemption)
    return shop_sheets.collection_slip_notice(village_info().name, info, balance_after(info),
                                              say, today, layout)


def settlement_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The quarter's settlement sheet for the supplier: the goods area's redemptions by
    goods item, in points and in yuan. By default the quarter before today's."""
    period = _period(request.period, period_of(today, "quarter").previous())
    sheet = settlement_sheet(str(period), "goods")
    return shop_sheets.settlement_notice(village_info().name, sheet, say, today, layout,
                                         suppliers=suppliers(sheet), signers=signers())


def donations_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The donation notice of a month, quarter or year: the goods given (donor, goods,
    quantity, who brought them) and what was redeemed from the donation area, without
    money. By default the quarter before today's, like the settlement."""
    period = _period(request.period, period_of(today, "quarter").previous())
    return shop_sheets.donations_notice(village_info().name, period, donations(period),
                                        handed_over(period), say, today, layout,
                                        signers=signers())


def stock_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The stock report of a period: per goods item opening, purchased, donated, redeemed,
    written off, counted and closing. By default the current quarter, up to today."""
    period = _period(request.period, period_of(today, "quarter"))
    return shop_sheets.stock_notice(village_info().name, str(period), stock_report(str(period)),
                                    say, today, layout, signers=signers())


# --- what the notices read -----------------------------------------------------------------

def handed_over(period: Period) -> list[RedemptionInfo]:
    """The baskets handed over in `period` and not undone, by day and number."""
    ids = (Redemption.select(Redemption.id)
           .where(Redemption.status == "collected",
                  Redemption.collected_on.between(period.first_day, period.last_day))
           .order_by(Redemption.collected_on, Redemption.id))
    return [redemption_info(row.id) for row in ids]


def donations(period: Period) -> list[shop_sheets.Donation]:
    """The goods given to the donation area in `period`, oldest first."""
    rows = (StockMovement.select(StockMovement, Goods)
            .join(Goods)
            .where(StockMovement.kind == "donation",
                   StockMovement.day.between(period.first_day, period.last_day))
            .order_by(StockMovement.day, StockMovement.id))
    return [shop_sheets.Donation(row.day, row.donor, row.via, row.goods.name, row.goods.unit,
                                 row.quantity) for row in rows]


def balance_after(info: RedemptionInfo) -> int:
    """The household's spendable points just after the basket's points were taken."""
    household = household_row(info.card)
    taken = LedgerEntry.get_or_none(LedgerEntry.link == info.uuid,
                                    LedgerEntry.kind == "redemption")
    entries = LedgerEntry.select(peewee.fn.COALESCE(peewee.fn.SUM(LedgerEntry.points), 0)).where(
        LedgerEntry.household == household, LedgerEntry.account == "spendable")
    if taken is not None:
        entries = entries.where(LedgerEntry.id <= taken.id)
    return entries.scalar()


def suppliers(sheet) -> list[str]:
    """Who supplied the goods on a settlement sheet, by their purchases up to its end."""
    quarter = parse_period(sheet.period)
    goods = {line.goods for line in sheet.lines}
    # From the purchases, supplier first: led by the goods, SQLite walks the goods index
    # and looks every movement's row up (0.96 s on the benchmark village; this scan 0.08 s).
    pairs = (StockMovement.select(StockMovement.supplier, StockMovement.goods).distinct()
             .where(StockMovement.kind == "purchase", StockMovement.day <= quarter.last_day,
                    StockMovement.supplier != "").tuples())
    return sorted({supplier for supplier, item in pairs if item in goods})


def _rhythm_period(today: date) -> Period:
    adopted = current_policy()
    rhythm = adopted.document.rhythm if adopted is not None else "month"
    return period_of(today, rhythm)


def _period(text: str | None, default: Period) -> Period:
    return default if text is None else parse_period(text)

