"""The stock screen (库存): the goods and what is on their shelf, and everything that moves it.

Goods-area items first, then the donation area, each with its stock on hand,
what orders hold and what is free; an item at or below its low-stock level is
marked. Keys add and retire items, receive purchases (goods area) and
donations (donation area), write off (witnessed), count the shelf, list an
item's movements, show the stock report and the fund picture, and open the
quarter's settlement. Every rule is the store's; its refusals are shown in
the clerk's words and change nothing.
"""

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from store.adoption import current_policy
from store.errors import JifenError
from store.goods import GoodsInfo, add_goods, list_goods, retire_goods
from store.models import StockMovement
from store.periods import parse_period, period_of
from store.settlement import fund
from store.shop_sheets import SCREEN, fund_text, stock_report_text
from store.stock import (Movement, movements, receive_donation, receive_purchase, stock_report,
                         stocktake, write_off)
from tui.dialogs.ask import AskLine, Confirm
from tui.dialogs.goods_form import GoodsForm
from tui.dialogs.stock_form import StockForm, typed_number
from tui.dialogs.stock_moves import StockMovements
from tui.dialogs.text_preview import preview_and_save
from tui.focus import QuietFocus
from tui.i18n import explain, t
from tui.keys import TranslatedBindings
from tui.screens.settlement import SettlementScreen
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork


@dataclass(frozen=True)
class StockList:
    """What the screen shows: the goods in order, and the policy's price zones for a new one."""

    goods: list[GoodsInfo]
    zones: tuple[int, ...]         # () where prices are free


def read_stock() -> StockList:
    adopted = current_policy()
    return StockList(list_goods(), adopted.document.price_zones if adopted else ())


def goods_columns() -> list[Column]:
    # 78 cells: an 80-column terminal less the blank before each row and the scrollbar.
    return [Column(t("stock_screen.col.id"), 4, "right"), Column(t("stock_screen.col.name"), 22),
            Column(t("stock_screen.col.unit"), 4), Column(t("stock_screen.col.area"), 7),
            Column(t("stock_screen.col.price"), 5, "right"),
            Column(t("stock_screen.col.on_hand"), 7, "right"),
            Column(t("stock_screen.col.reserved"), 6, "right"),
            Column(t("stock_screen.col.available"), 6, "right"),
            Column(t("stock_screen.col.low"), 6)]


def goods_cells(item: GoodsInfo) -> tuple[str, ...]:
    return (str(item.id), item.name, item.unit, t(f"stock_screen.area.{item.area}"),
            str(item.price), str(item.on_hand), str(item.reserved), str(item.available),
            t("stock_screen.low") if item.running_low else "")


def goods_detail(item: GoodsInfo) -> str:
    parts = [t("stock_screen.detail", id=item.id, name=item.name,
               area=t(f"stock_screen.area.{item.area}"), price=item.price,
               unit=item.unit or t("stock_screen.a_unit"), on_hand=item.on_hand,
               reserved=item.reserved, available=item.available)]
    if item.low_stock:
        parts.append(t("stock_screen.detail_level", level=item.low_stock))
    if item.running_low:
        parts.append(t("stock_screen.detail_low"))
    return " · ".join(parts)


def movement_done(item: GoodsInfo, move: Movement) -> str:
    """What was booked, in a sentence; a count says what was expected and the difference."""
    if move.kind == "stocktake":
        return t("stock_screen.done.stocktake", name=item.name, counted=move.counted,
                 expected=move.counted - move.quantity, difference=f"{move.quantity:+d}")
    return t(f"stock_screen.done.{move.kind}", name=item.name, qty=abs(move.quantity),
             unit=item.unit, supplier=move.supplier, cost=move.cost, donor=move.donor,
             reason=move.reason, witness=move.witness)


class StockScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    BINDINGS = [
        Binding("a", "add", "stock_screen.key.add", tooltip="stock_screen.tip.add",
                id="stock-add"),
        Binding("p", "purchase", "stock_screen.key.purchase", tooltip="stock_screen.tip.purchase",
                id="stock-purchase"),
        Binding("d", "donation", "stock_screen.key.donation", tooltip="stock_screen.tip.donation",
                id="stock-donation"),
        Binding("w", "write_off", "stock_screen.key.write_off",
                tooltip="stock_screen.tip.write_off", id="stock-write-off"),
        Binding("c", "count", "stock_screen.key.count", tooltip="stock_screen.tip.count",
                id="stock-count"),
        Binding("s", "settlement", "stock_screen.key.settlement",
                tooltip="stock_screen.tip.settlement", show=False, id="stock-settlement"),
        Binding("m", "moves", "stock_screen.key.moves", tooltip="stock_screen.tip.moves",
                show=False, id="stock-moves"),
        Binding("r", "report", "stock_screen.key.report", tooltip="stock_screen.tip.report",
                show=False, id="stock-report"),
        Binding("f", "fund", "stock_screen.key.fund", tooltip="stock_screen.tip.fund",
                show=False, id="stock-fund"),
        Binding("x", "retire", "stock_screen.key.retire", tooltip="stock_screen.tip.retire",
                show=False, id="stock-retire"),
    ]

    def __init__(self) -> None:
        super().__init__(id="stock-screen")
        self.translate_bindings()
        self.goods: list[GoodsInfo] = []
        self.zones: tuple[int, ...] = ()
        # The item to put the cursor on when the next read answers (one just added): kept
        # here, as the read on coming back from the dialog overtakes the first.
        self.keep_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        yield TableHeader(id="stock-header")
        yield RecordTable(goods_columns(), id="stock-goods")
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(goods_columns())
        self.query_one(RecordTable).focus()

    def on_screen_resume(self) -> None:
        """On first showing and on coming back: the counter may have taken goods meanwhile."""
        self.load()

    # --- loading --------------------------------------------------------------------

    def load(self, keep_id: int | None = None) -> None:
        if keep_id is not None:
            self.keep_id = keep_id
        self.run_store(read_stock, self._show, group="stock", exclusive=True)

    def _show(self, shelf: StockList) -> None:
        table = self.query_one(RecordTable)
        keep_id, self.keep_id = self.keep_id, None
        if keep_id is None and self.current is not None:
            keep_id = self.current.id
        ids = [item.id for item in shelf.goods]
        cursor = ids.index(keep_id) if keep_id in ids else table.cursor
        self.goods, self.zones = shelf.goods, shelf.zones
        table.set_rows([goods_cells(item) for item in self.goods], cursor=cursor)
        low = sum(item.running_low for item in self.goods)
        self.query_one("#status-line", Static).update(Text(t(
            "stock_screen.status", village=self.app.village.name, count=len(self.goods), low=low,
            acting=self.app.sub_title)))
        if not self.goods:
            self.query_one("#detail", Static).update(t("stock_screen.nothing"))

    @property
    def current(self) -> GoodsInfo | None:
        cursor = self.query_one(RecordTable).cursor
        return self.goods[cursor] if 0 <= cursor < len(self.goods) else None

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        item = self.current
        if item is not None:
            self.query_one("#detail", Static).update(Text(goods_detail(item)))

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.action_moves()

    def _selected(self) -> GoodsInfo | None:
        item = self.current
        if item is None:
            self.notify(t("stock_screen.no_goods"), severity="warning")
        return item

    # --- goods ----------------------------------------------------------------------

    def action_add(self) -> None:
        self.app.push_screen(GoodsForm(self.zones, partial(add_goods, self.app.actor)),
                             self._added)

    def _added(self, item: GoodsInfo | None) -> None:
        if item is not None:
            self.notify(t("stock_screen.added", id=item.id, name=item.name, price=item.price,
                          area=t(f"area.{item.area}")))
            self.load(keep_id=item.id)

    def action_retire(self) -> None:
        item = self._selected()
        if item is None:
            return
        actor = self.app.actor
        self.app.push_screen(
            Confirm(t("stock_screen.retire_title", id=item.id, name=item.name),
                    t("stock_screen.retire_question", on_hand=item.on_hand),
                    dialog_id="stock-retire-confirm"),
            lambda yes: self.run_store(lambda: retire_goods(actor, item.id), self._retired)
            if yes else None)

    def _retired(self, item: GoodsInfo) -> None:
        self.notify(t("stock_screen.retired", id=item.id, name=item.name))
        self.load()

    # --- stock movements --------------------------------------------------------------

    def _book(self, kind: str, item: GoodsInfo, fields: tuple[str, ...], save) -> None:
        """Open the form of a movement of `item`; `save(values)` books it in a worker."""
        about = t("stock_screen.form.stock", on_hand=item.on_hand, unit=item.unit,
                  reserved=item.reserved, available=item.available)
        title = t(f"stock_screen.form.{kind}", id=item.id, name=item.name)
        self.app.push_screen(StockForm(title, about, fields, save), partial(self._booked, item))

    def _booked(self, item: GoodsInfo, move: Movement | None) -> None:
        if move is not None:
            self.notify(movement_done(item, move))
            self.load(keep_id=item.id)

    def _in_area(self, area: str, refusal: str) -> GoodsInfo | None:
        """The selected item if it is in `area`; else the store's refusal, before any typing."""
        item = self._selected()
        if item is not None and item.area != area:
            self.notify(explain(JifenError(refusal, goods=item.id, name=item.name)),
                        severity="error", timeout=8)
            return None
        return item

    def action_purchase(self) -> None:
        item = self._in_area("goods", "stock.purchase_to_donation")
        if item is None:
            return
        actor = self.app.actor
        self._book("purchase", item, ("qty", "supplier", "cost"), lambda given: receive_purchase(
            actor, item.id, typed_number(given["qty"]), given["supplier"], given["cost"]))

    def action_donation(self) -> None:
        item = self._in_area("donation", "stock.donation_to_goods")
        if item is None:
            return
        actor = self.app.actor
        self._book("donation", item, ("qty", "donor", "via"), lambda given: receive_donation(
            actor, item.id, typed_number(given["qty"]), given["donor"], given["via"]))

    def action_write_off(self) -> None:
        item = self._selected()
        if item is None:
            return
        actor = self.app.actor
        self._book("write_off", item, ("qty", "reason", "witness"), lambda given: write_off(
            actor, item.id, typed_number(given["qty"]), given["reason"], given["witness"]))

    def action_count(self) -> None:
        item = self._selected()
        if item is None:
            return
        actor = self.app.actor
        self._book("count", item, ("counted",), lambda given: stocktake(
            actor, item.id, typed_number(given["counted"])))

    def action_moves(self) -> None:
        item = self._selected()
        if item is None:
            return
        self.run_store(lambda: movements(StockMovement.goods == item.id),
                       lambda moves: self.app.push_screen(StockMovements(item, moves)))

    # --- papers -------------------------------------------------------------------------

    def action_report(self) -> None:
        quarter = period_of(self.app.actor.today, "quarter")
        self.app.push_screen(AskLine(t("stock_screen.report_title"),
                                     t("stock_screen.report_prompt"), str(quarter),
                                     dialog_id="stock-report-period"),
                             self._report)

    def _report(self, period: str | None) -> None:
        if period is None:
            return
        village, today = self.app.village.name, self.app.actor.today

        def write() -> tuple[str, str]:
            span = str(parse_period(period))  # as the store writes it: 2026q4 is 2026Q4
            return span, stock_report_text(village, span, stock_report(span), t, today, SCREEN)

        self.run_store(write, self._show_report)

    def _show_report(self, report: tuple[str, str]) -> None:
        period, text = report
        preview_and_save(self, t("stock_screen.report_preview", period=period),
                         t("stock_screen.report_file", period=period), text)

    def action_fund(self) -> None:
        village, today = self.app.village.name, self.app.actor.today
        self.run_store(lambda: fund_text(village, fund(), t, today, SCREEN),
                       lambda text: preview_and_save(
                           self, t("stock_screen.fund_preview"),
                           t("stock_screen.fund_file", day=today.strftime("%Y%m%d")), text))

    def action_settlement(self) -> None:
        self.app.push_screen(SettlementScreen())
