"""Plain text as it will be saved (a result notice, points slips), then saved where asked."""

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from store.roster_export import write_atomically
from tui.dialogs.ask import AskLine, Confirm
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings


class TextPreview(QuietFocus, TranslatedBindings, ModalScreen[bool]):
    """Dismissed with True to save the text to a file, False to close."""

    BINDINGS = [
        Binding("ctrl+s", "answer(True)", "desk.key.save_file", tooltip="desk.tip.save_file",
                id="save-file"),
        Binding("escape", "answer(False)", "desk.key.close_preview",
                tooltip="desk.tip.close_preview", id="close-preview"),
        # Enter closes too: at the counter the slip is read, then the next card comes.
        Binding("enter", "answer(False)", show=False),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.translate_bindings()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="text-preview"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="preview-scroll"):
                # Not wrapped: the text is laid out in columns already.
                yield Static(Text(self.text, no_wrap=True, overflow="crop"), id="preview-text")
            yield Label(t("desk.preview_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()

    def action_answer(self, save: bool) -> None:
        self.dismiss(save)


def preview_and_save(screen, title: str, file_name: str, text: str) -> None:
    """Show `text`; on Ctrl+S save it as `ask_and_save` does."""
    screen.app.push_screen(TextPreview(title, text),
                           lambda wanted: ask_and_save(screen, file_name, text) if wanted else None)


def ask_and_save(screen, file_name: str, text: str) -> None:
    """Ask for a path (`file_name` in the home folder by default), ask before replacing a
    file, and save `text` as UTF-8 from `screen`'s store worker."""
    app = screen.app

    def save(path: str) -> None:
        target = Path(path).expanduser()
        screen.run_store(lambda: write_atomically(target, text.encode("utf-8")),
                         lambda _: screen.notify(t("desk.saved", path=target)))

    def check_target(path: str | None) -> None:
        if path is None:
            return
        if Path(path).expanduser().exists():
            app.push_screen(Confirm(t("desk.save_title"), t("exporting.replace", path=path),
                                    dialog_id="desk-save-replace"),
                            lambda yes: save(path) if yes else None)
        else:
            save(path)

    app.push_screen(AskLine(t("desk.save_title"), t("desk.save_prompt"),
                            str(Path.home() / file_name), dialog_id="desk-save-path"),
                    check_target)
