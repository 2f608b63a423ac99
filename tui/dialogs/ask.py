"""Small dialogs that ask for one line: a reason, or a file path."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field
from tui.widgets.tick import Tick


class AskLine(QuietFocus, TranslatedBindings, ModalScreen[str | None]):
    """One line of text; Enter gives it (if not empty), Esc gives None."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel")]

    def __init__(self, title: str, prompt: str, value: str = "", *, dialog_id: str = "ask",
                 placeholder: str = "") -> None:
        super().__init__()
        self.translate_bindings()
        self.title_text, self.prompt, self.value, self.dialog_id = title, prompt, value, dialog_id
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id=self.dialog_id):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.prompt)
            yield Field(self.value, placeholder=self.placeholder, id="ask-input")
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
        super().__init__(title, t("close.prompt"), dialog_id="close-reason",
                         placeholder=t("close.placeholder"))

    def extra(self) -> ComposeResult:
        yield Tick(t("close.moved"), id="close-moved")

    def answer(self, text: str):
        return text, self.query_one("#close-moved", Tick).value


class Confirm(QuietFocus, TranslatedBindings, ModalScreen[bool]):
    """A yes-or-no question: Enter says yes, Esc says no."""

    BINDINGS = [Binding("enter", "answer(True)", "key.yes", tooltip="tip.yes", id="yes"),
                Binding("escape", "answer(False)", "key.cancel", tooltip="tip.cancel", id="no")]

    def __init__(self, title: str, question: str, *, dialog_id: str = "confirm") -> None:
        super().__init__()
        self.translate_bindings()
        self.title_text, self.question, self.dialog_id = title, question, dialog_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id=self.dialog_id):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.question, classes="dialog-question")
            yield Label(t("confirm.keys"), classes="dialog-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
