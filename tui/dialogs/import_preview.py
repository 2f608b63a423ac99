"""The import preview: every bad row is seen before anything is written."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.reports import preview_lines


class ImportPreviewDialog(QuietFocus, TranslatedBindings, ModalScreen[bool]):
    """Dismissed with True to import the good rows, False to cancel."""

    BINDINGS = [
        Binding("ctrl+s", "confirm", "key.import_confirm", tooltip="tip.import_confirm", id="confirm"),
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
    ]

    def __init__(self, preview) -> None:
        super().__init__()
        self.translate_bindings()
        self.preview = preview

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-preview"):
            yield Label(t("importing.title"), classes="dialog-title")
            with VerticalScroll(id="import-lines"):
                yield Static(Text("\n".join(preview_lines(self.preview))))
            keys = "importing.keys" if self.preview.good_count else "importing.keys_nothing"
            yield Label(t(keys, count=self.preview.good_count), classes="dialog-keys")

    def action_confirm(self) -> None:
        if self.preview.good_count:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
