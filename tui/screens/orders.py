"""The redemption day (兑换日): orders waiting to be handed over, and baskets handed over.

Pushed from the counter (Ctrl+T); Esc goes back to it. The orders (待领取)
come by collect-by day, overdue ones marked: `c` hands one over (its slip
follows), `p` hands it to someone collecting on the household's behalf, `x`
cancels one with a reason, `e` returns every overdue order to stock and points.
`v` lists the baskets handed over lately instead, where `u` undoes one (D8)
and Enter or `l` shows its slip again. `d` shows today's redemption sheet and
`s` signs a day's sheet off (a supervisor, never for a day they worked).
"""

from dataclasses import dataclass
from datetime import date
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from store.redemption import (DaySheet, RedemptionInfo, cancel, collect, day_sheet, expire,
                              list_redemptions, orders_to_expire, sign_off_day, undo)
from store.shop_sheets import SCREEN, basket_summary, day_sheet_text
from tui.dialogs.ask import AskLine, Confirm
from tui.dialogs.basket_slip import show_slip, with_balance
from tui.dialogs.deed_form import parse_day
from tui.dialogs.text_preview import preview_and_save
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.widgets.say_line import SayLine
from tui.work import StoreWork

# Baskets handed over that the second view lists, newest first.
RECENT = 200

ORDER_ACTIONS = frozenset({"collect", "collect_proxy", "cancel_order", "expire", "show_handed"})
HANDED_ACTIONS = frozenset({"undo", "show_orders"})


@dataclass(frozen=True)
class Listing:
    """What the screen shows: the orders waiting, or the baskets handed over lately."""

    rows: list[RedemptionInfo]
    overdue: int


def read_listing(*, handed: bool, today: date) -> Listing:
    if handed:
        rows = list_redemptions(status="collected", limit=RECENT)
    else:
        rows = sorted(list_redemptions(status="ordered"), key=lambda r: (r.collect_by, r.id))
    return Listing(rows, orders_to_expire(today))


def listing_columns(*, handed: bool) -> list[Column]:
    """78 cells; both views have the same widths, so one table serves them."""
    day, last = (("orders.col.collected_on", "orders.col.proxy") if handed
                 else ("orders.col.collect_by", "orders.col.overdue"))
    return [Column(t("orders.col.id"), 5, "right"), Column(t("col.card"), 9),
            Column(t("col.head"), 8), Column(t("orders.col.goods"), 32),
            Column(t("orders.col.points"), 6, "right"), Column(t(day), 6), Column(t(last), 6)]


def listing_cells(info: RedemptionInfo, *, handed: bool, today: date) -> tuple[str, ...]:
    if handed:
        day, last = info.collected_on, info.proxy
    else:
        day, last = info.collect_by, t("orders.overdue") if info.collect_by < today else ""
    return (str(info.id), info.card, info.head, basket_summary(info), str(info.points),
            day.strftime("%m-%d"), last)


def listing_detail(info: RedemptionInfo) -> str:
    """What the row has no room for: the whole basket, who made it, who collects it."""
    goods = t("word.list").join(t("orders.detail.line", name=line.name, quantity=line.quantity,
                       unit=line.unit, points=line.points) for line in info.lines)
    parts = [t("orders.detail.made", id=info.id, day=info.made_on, name=info.made_by), goods]
    if info.collected_on is not None:
        parts.append(t("orders.detail.collected", day=info.collected_on,
                       name=info.collected_by))
    if info.proxy:
        parts.append(t("orders.detail.proxy", name=info.proxy))
    return " · ".join(parts)


class OrdersScreen(QuietFocus, TranslatedBindings, StoreWork, Screen[None]):
    DEFAULT_CSS = """
    #orders-table { height: 1fr; }
    """
    # The footer has room for four keys beside the app's: the others are in F1, the
    # palette, and the hint under the list.
    BINDINGS = [
        Binding("c", "collect", "orders.key.collect", tooltip="orders.tip.collect",
                id="orders-collect"),
        Binding("p", "collect_proxy", "orders.key.collect_proxy",
                tooltip="orders.tip.collect_proxy", show=False, id="orders-collect-proxy"),
        Binding("x", "cancel_order", "orders.key.cancel", tooltip="orders.tip.cancel",
                id="orders-cancel"),
        Binding("e", "expire", "orders.key.expire", tooltip="orders.tip.expire",
                id="orders-expire"),
        Binding("u", "undo", "orders.key.undo", tooltip="orders.tip.undo", id="orders-undo"),
        Binding("l", "slip", "orders.key.slip", tooltip="orders.tip.slip", show=False,
                id="orders-slip"),
        # One key, two views: the footer shows the one that applies (check_action).
        Binding("v", "show_handed", "orders.key.show_handed", tooltip="orders.tip.show_handed",
                id="orders-handed"),
        Binding("v", "show_orders", "orders.key.show_orders", tooltip="orders.tip.show_orders",
                id="orders-waiting"),
        Binding("d", "day_sheet", "orders.key.day_sheet", tooltip="orders.tip.day_sheet",
                show=False, id="orders-day-sheet"),
        Binding("s", "sign_off", "orders.key.sign_off", tooltip="orders.tip.sign_off",
                show=False, id="orders-sign-off"),
        Binding("escape", "back", "orders.key.back", tooltip="orders.tip.back", show=False,
                id="orders-back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="orders-screen")
        self.translate_bindings()
        self.handed = False
        self.rows: list[RedemptionInfo] = []
        self.overdue = 0
        self.keep_id: int | None = None  # the row to put the cursor on after the next read

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        yield TableHeader(id="orders-header")
        yield RecordTable(listing_columns(handed=False), id="orders-table")
        yield Static(id="detail")
        yield SayLine(id="orders-say")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RecordTable).focus()
        self.say(t("orders.hint"))
        self.load()

    def check_action(self, action: str, parameters) -> bool:
        if action in ORDER_ACTIONS:
            return not self.handed
        if action in HANDED_ACTIONS:
            return self.handed
        return True

    @property
    def today(self) -> date:
        return self.app.actor.today

    # --- reading ------------------------------------------------------------------------

    def load(self) -> None:
        handed, today = self.handed, self.today
        self.run_store(lambda: read_listing(handed=handed, today=today),
                       partial(self._show, handed), group="orders-load", exclusive=True)

    def _show(self, handed: bool, listing: Listing) -> None:
        if handed != self.handed:
            return  # the view changed since: a newer read is coming
        table = self.query_one(RecordTable)
        keep_id, self.keep_id = self.keep_id, None
        if keep_id is None and self.current is not None:
            keep_id = self.current.id
        ids = [info.id for info in listing.rows]
        cursor = ids.index(keep_id) if keep_id in ids else table.cursor
        self.rows, self.overdue = listing.rows, listing.overdue
        self.query_one(TableHeader).show_columns(listing_columns(handed=handed))
        table.set_rows([listing_cells(info, handed=handed, today=self.today)
                        for info in self.rows], cursor=cursor)
        self._show_status()
        detail = self.query_one("#detail", Static)
        if not self.rows:
            detail.update(t("orders.none_handed" if handed else "orders.none_waiting"))
        else:
            detail.update(Text(listing_detail(self.current)))

    def _show_status(self) -> None:
        village, acting = self.app.village.name, self.app.sub_title
        if self.handed:
            line = t("orders.status_handed", village=village, count=len(self.rows),
                     acting=acting)
        else:
            line = t("orders.status", village=village, count=len(self.rows),
                     overdue=self.overdue, acting=acting)
        self.query_one("#status-line", Static).update(Text(line))

    @property
    def current(self) -> RedemptionInfo | None:
        table = self.query_one(RecordTable)
        if not self.rows or table.cursor >= len(self.rows):
            return None
        return self.rows[table.cursor]

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        if self.current is not None:
            self.query_one("#detail", Static).update(Text(listing_detail(self.current)))

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.action_slip()

    def say(self, text: str, *, refusal: bool = False) -> None:
        self.query_one(SayLine).say(text, refusal=refusal)

    def _refused(self, text: str) -> None:
        self.say(text, refusal=True)

    def _done(self, text: str, keep_id: int | None = None) -> None:
        self.say(text)
        self.keep_id = keep_id
        self.load()

    # --- the views ----------------------------------------------------------------------

    def action_show_handed(self) -> None:
        self._set_view(True)

    def action_show_orders(self) -> None:
        self._set_view(False)

    def _set_view(self, handed: bool) -> None:
        self.handed = handed
        self.rows = []
        self.query_one(RecordTable).set_rows([])
        self.refresh_bindings()
        self.load()

    def action_back(self) -> None:
        self.dismiss(None)

    # --- orders -------------------------------------------------------------------------

    def action_collect(self) -> None:
        info = self.current
        if info is not None:
            self._collect(info.id, None)

    def action_collect_proxy(self) -> None:
        info = self.current
        if info is None:
            return
        self.app.push_screen(AskLine(t("counter.proxy_title", head=info.head),
                                     t("counter.proxy_prompt"), dialog_id="order-proxy",
                                     placeholder=t("counter.proxy_placeholder")),
                             lambda name: self._collect(info.id, name) if name else None)

    def _collect(self, order_id: int, proxy: str | None) -> None:
        actor = self.app.actor
        self.run_store(lambda: with_balance(collect(actor, order_id, proxy=proxy)),
                       self._collected, on_error=self._refused)

    def _collected(self, done: tuple[RedemptionInfo, int]) -> None:
        info, left = done
        self._done(t("orders.collected", id=info.id, card=info.card, head=info.head))
        show_slip(self, info, left)

    def action_cancel_order(self) -> None:
        info = self.current
        if info is None:
            return
        title = t("orders.cancel_title", id=info.id, card=info.card, head=info.head,
                  goods=basket_summary(info))
        self.app.push_screen(AskLine(title, t("orders.reason_prompt"), dialog_id="order-cancel",
                                     placeholder=t("orders.cancel_placeholder")),
                             partial(self._cancel, info.id))

    def _cancel(self, order_id: int, reason: str | None) -> None:
        if reason is None:
            return
        actor = self.app.actor
        self.run_store(lambda: cancel(actor, order_id, reason),
                       lambda info: self._done(t("orders.cancelled", id=info.id,
                                                 points=info.points, card=info.card)),
                       on_error=self._refused)

    def action_expire(self) -> None:
        if not self.overdue:
            self.say(t("orders.none_overdue"))
            return
        self.app.push_screen(Confirm(t("orders.expire_title"),
                                     t("orders.expire_question", count=self.overdue),
                                     dialog_id="order-expire"),
                             lambda yes: self._expire() if yes else None)

    def _expire(self) -> None:
        actor = self.app.actor
        self.run_store(lambda: expire(actor),
                       lambda ids: self._done(t("orders.expired", count=len(ids),
                                                ids=t("word.list").join(map(str, ids)))),
                       on_error=self._refused)

    # --- baskets handed over ------------------------------------------------------------

    def action_undo(self) -> None:
        info = self.current
        if info is None:
            return
        title = t("orders.undo_title", id=info.id, card=info.card, head=info.head,
                  goods=basket_summary(info))
        self.app.push_screen(AskLine(title, t("orders.reason_prompt"), dialog_id="order-undo",
                                     placeholder=t("orders.undo_placeholder")),
                             partial(self._undo, info.id))

    def _undo(self, redemption_id: int, reason: str | None) -> None:
        if reason is None:
            return
        actor = self.app.actor
        self.run_store(lambda: undo(actor, redemption_id, reason),
                       lambda info: self._done(t("orders.undone", id=info.id,
                                                 points=info.points, card=info.card)),
                       on_error=self._refused)

    def action_slip(self) -> None:
        info = self.current
        if info is not None:
            self.run_store(lambda: with_balance(info), lambda done: show_slip(self, *done),
                           on_error=self._refused)

    # --- the day's sheet ----------------------------------------------------------------

    def action_day_sheet(self) -> None:
        today, village = self.today, self.app.village.name
        self.run_store(lambda: day_sheet_text(village, day_sheet(today), t, SCREEN),
                       lambda text: preview_and_save(
                           self, t("orders.day_sheet_title", day=today),
                           t("orders.day_sheet_file", day=today), text),
                       on_error=self._refused)

    def action_sign_off(self) -> None:
        self.app.push_screen(AskLine(t("orders.sign_off_title"), t("orders.sign_off_prompt"),
                                     self.today.isoformat(), dialog_id="order-sign-off"),
                             self._sign_off)

    def _sign_off(self, text: str | None) -> None:
        if text is None:
            return
        try:
            day = parse_day(text) or self.today
        except ValueError as bad:
            self.say(t("deeds.bad_date", value=str(bad)), refusal=True)
            return
        actor = self.app.actor
        self.run_store(lambda: sign_off_day(actor, day), self._signed, on_error=self._refused)

    def _signed(self, sheet: DaySheet) -> None:
        self.say(t("orders.signed", day=sheet.day, name=sheet.signed_off_by,
                   count=sheet.signed_redemptions, points=sheet.signed_points))
