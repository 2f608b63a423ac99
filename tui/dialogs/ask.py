"""Small dialogs that ask for one line: a reason, or a file path."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field


class AskLine(TranslatedBindings, ModalScreen[str | None]):
    """One line of text; Enter gives it (if not empty), Esc gives None."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel")]

    def __init__(self, title: str, prompt: str, value: str = "", *, dialog_id: str = "ask") -> None:
        super().__init__()
        self.translate_bindings()
        self.title_text, self.prompt, self.value, self.dialog_id = title, prompt, value, dialog_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id=self.dialog_id):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.prompt)
            yield Field(self.value, id="ask-input")
            yield from self.extra()
            yield Static("", id="ask-error", classes="error")
            yield Label(t("ask.keys"), classes="dialog-keys")

    def extra(self) -> ComposeResult:
        yield from ()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#ask-error", Static).update(t("ask.empty"))
            return
        self.dismiss(self.answer(text))

    def answer(self, text: str):
        return text

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskCloseReason(AskLine):
    """Why a household is closed, and whether it moved away: (reason, moved)."""

    def __init__(self, title: str) -> None:
        super().__init__(title, t("close.prompt"), dialog_id="close-reason")

    def extra(self) -> ComposeResult:
        yield Checkbox(t("close.moved"), id="close-moved", compact=True)

    def answer(self, text: str):
        return text, self.query_one("#close-moved", Checkbox).value
