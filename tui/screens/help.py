"""F1: every key of the screen below and of the app, with what it does."""

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings, described_bindings

# Keys that widgets handle themselves, listed so that F1 shows every key.
NAVIGATION = (("↑ ↓", "help.nav.move"), ("PgUp PgDn", "help.nav.page"),
              ("Home End", "help.nav.ends"), ("Enter", "help.nav.open"),
              ("Tab", "help.nav.focus"), ("Esc", "help.nav.back"))
KEY_WIDTH = 12


class HelpScreen(QuietFocus, TranslatedBindings, ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "key.close_help", id="close-help")]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.translate_bindings()
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text(self._text()), id="help-text")

    def _text(self) -> str:
        sections = [(self.below, "help.screen"), (self.app, "help.app")]
        lines = [t("help.title"), ""]
        for node, title in sections:
            lines.append(t(title))
            for binding in described_bindings(node):
                lines.append(self._line(self.app.get_key_display(binding), binding.description,
                                        binding.tooltip))
            lines.append("")
        lines.append(t("help.nav"))
        lines += [self._line(key, t(description)) for key, description in NAVIGATION]
        lines += ["", t("help.dismiss")]
        return "\n".join(lines)

    @staticmethod
    def _line(key: str, label: str, tip: str = "") -> str:
        padding = " " * max(1, KEY_WIDTH - cell_len(key))
        if tip and tip != label:
            label = t("help.with_tip", label=label, tip=tip)
        return f"  {key}{padding}{label}"
