"""Open a review meeting: the period (the current one offered) and who attends."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field


class OpenReviewDialog(QuietFocus, TranslatedBindings, ModalScreen[tuple[str, str] | None]):
    """Dismissed with (period, attendees), or None on Esc. Enter moves on, then opens."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel")]

    def __init__(self, period: str) -> None:
        super().__init__()
        self.translate_bindings()
        self.period = period

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="meeting-open"):
            yield Label(t("meeting.open_title"), classes="dialog-title")
            with Grid(id="meeting-open-grid"):
                yield Label(t("meeting.open_period"), classes="form-label")
                yield Field(self.period, id="open-period")
                yield Label(t("meeting.open_attendees"), classes="form-label")
                yield Field(placeholder=t("meeting.open_attendees_hint"), id="open-attendees")
            yield Static("", id="open-error", classes="error")
            yield Label(t("meeting.open_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#open-attendees", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        period = self.query_one("#open-period", Input).value.strip()
        if not period:
            self.query_one("#open-error", Static).update(t("ask.empty"))
            self.query_one("#open-period", Input).focus()
            return
        self.dismiss((period, self.query_one("#open-attendees", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
