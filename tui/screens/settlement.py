"""The settlement screen (结算): a quarter's sheet for the supplier, or the donation area's.

It opens on the last quarter that has ended (the one to settle) with the
goods-area sheet the supplier is paid by; keys step through the quarters,
switch to the donation-area sheet for the charity, save the sheet shown as a
text file, and make the quarter final. Making it final freezes undo of every
redemption in it (D8), so it is asked first; the store refuses a quarter not
yet over, or one already final, in its own words.
"""

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from store.periods import Period, period_of
from store.settlement import SettlementSheet, make_final, settlement_sheet
from store.shop_sheets import SCREEN, settlement_text
from tui.dialogs.ask import Confirm
from tui.dialogs.text_preview import ask_and_save
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.work import StoreWork


class SettlementScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    DEFAULT_CSS = """
    #settle-state { height: 1; padding: 0 1; background: $surface; }
    #settle-scroll { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    """
    BINDINGS = [
        Binding("p", "step(-1)", "settlement_screen.key.previous",
                tooltip="settlement_screen.tip.previous", id="settle-previous"),
        Binding("n", "step(1)", "settlement_screen.key.next",
                tooltip="settlement_screen.tip.next", show=False, id="settle-next"),
        # One key, two sheets: the footer shows the one to switch to (check_action).
        Binding("d", "show_donation", "settlement_screen.key.donation",
                tooltip="settlement_screen.tip.donation", id="settle-donation"),
        Binding("d", "show_goods", "settlement_screen.key.goods",
                tooltip="settlement_screen.tip.goods", id="settle-goods"),
        Binding("ctrl+s", "save", "settlement_screen.key.save",
                tooltip="settlement_screen.tip.save", id="settle-save"),
        Binding("f", "make_final", "settlement_screen.key.final",
                tooltip="settlement_screen.tip.final", id="settle-final"),
        Binding("escape", "back", "settlement_screen.key.back",
                tooltip="settlement_screen.tip.back", show=False, id="settle-back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="settlement-screen")
        self.translate_bindings()
        self.period: Period | None = None
        self.area = "goods"
        self.sheet: SettlementSheet | None = None
        self.text = ""

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        yield Static(id="settle-state")
        with VerticalScroll(id="settle-scroll"):
            # Not wrapped: the sheet is laid out in columns already.
            yield Static(id="settle-text")
        yield Footer()

    def on_mount(self) -> None:
        self.period = period_of(self.app.actor.today, "quarter").previous()
        self.query_one("#settle-scroll").focus()
        self.load()

    def check_action(self, action: str, parameters) -> bool:
        if action == "show_donation":
            return self.area == "goods"
        if action == "show_goods":
            return self.area == "donation"
        return True

    # --- loading --------------------------------------------------------------------

    def load(self) -> None:
        period, area = str(self.period), self.area
        village, today = self.app.village.name, self.app.actor.today

        def read() -> tuple[SettlementSheet, str]:
            sheet = settlement_sheet(period, area)
            return sheet, settlement_text(village, sheet, t, today, SCREEN)

        self.sheet, self.text = None, ""
        self._show_status()
        self.query_one("#settle-state", Static).update(t("settlement_screen.loading"))
        self.run_store(read, partial(self._show, period, area),
                       on_error=partial(self._refused, period, area),
                       group="settlement", exclusive=True)

    def _current(self, period: str, area: str) -> bool:
        """Whether a read is of what the clerk now asks for (a quicker step overtakes it)."""
        return (period, area) == (str(self.period), self.area)

    def _show(self, period: str, area: str, read: tuple[SettlementSheet, str]) -> None:
        if not self._current(period, area):
            return
        self.sheet, self.text = read
        self.query_one("#settle-text", Static).update(
            Text(self.text, no_wrap=True, overflow="crop"))
        self.query_one("#settle-state", Static).update(Text(self._state()))

    def _refused(self, period: str, area: str, text: str) -> None:
        """No sheet to show (no policy adopted): the store's sentence in its place."""
        if self._current(period, area):
            self.query_one("#settle-state", Static).update("")
            self.query_one("#settle-text", Static).update(Text(text))

    def _show_status(self) -> None:
        line = t("settlement_screen.status", village=self.app.village.name, period=self.period,
                 first=self.period.first_day, last=self.period.last_day,
                 sheet=t(f"settlement_screen.sheet.{self.area}"))
        self.query_one("#status-line", Static).update(Text(line))

    def _state(self) -> str:
        """Final and by whom, or when it may be made final."""
        if self.sheet.final_by:
            return t("settlement_screen.final", name=self.sheet.final_by, day=self.sheet.final_at)
        if self.app.actor.today <= self.period.last_day:
            return t("settlement_screen.running", day=self.period.last_day)
        return t("settlement_screen.draft")

    # --- which quarter, which sheet -------------------------------------------------

    def action_step(self, step: int) -> None:
        self.period = self.period.next() if step > 0 else self.period.previous()
        self.load()

    def action_show_donation(self) -> None:
        self._set_area("donation")

    def action_show_goods(self) -> None:
        self._set_area("goods")

    def _set_area(self, area: str) -> None:
        self.area = area
        self.refresh_bindings()
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    # --- saving the sheet shown ------------------------------------------------------

    def action_save(self) -> None:
        if self.sheet is None:
            return  # nothing shown yet, or the store's refusal in its place
        ask_and_save(self, t(f"settlement_screen.file.{self.area}", period=self.sheet.period),
                     self.text)

    # --- making the quarter final ----------------------------------------------------

    def action_make_final(self) -> None:
        """Ask first; a quarter not yet over, or already final, is the store's to refuse."""
        period, sheet = self.period, self.sheet
        if sheet is None:
            return  # nothing shown yet, or the store's refusal in its place
        if sheet.final_by or self.app.actor.today <= period.last_day:
            self._make_final(str(period))  # refused, with the day the quarter ends
            return
        question = t("settlement_screen.final_question", first=period.first_day,
                     last=period.last_day)
        self.app.push_screen(Confirm(t("settlement_screen.final_title", period=period),
                                     question, dialog_id="settle-final-confirm"),
                             lambda yes: self._make_final(str(period)) if yes else None)

    def _make_final(self, period: str) -> None:
        actor = self.app.actor
        self.run_store(lambda: make_final(actor, period), self._made_final)

    def _made_final(self, sheet: SettlementSheet) -> None:
        self.notify(t("settlement_screen.made_final", period=sheet.period, points=sheet.points,
                      yuan=f"{sheet.yuan:.2f}"))
        self.load()
