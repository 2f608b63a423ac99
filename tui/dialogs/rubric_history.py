"""Every version of the rubric the village adopted: number, name, when, by whom, from where."""

from datetime import datetime, timezone

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from store.adoption import Adopted
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.record_table import Column, RecordTable, TableHeader


def history_columns() -> list[Column]:
    return [Column(t("rubric_history.col.number"), 4, "right"),
            Column(t("rubric_history.col.name"), 18), Column(t("rubric_history.col.when"), 16),
            Column(t("rubric_history.col.by"), 8), Column(t("rubric_history.col.file"), 20)]


def local_time(moment: datetime) -> str:
    """A stored UTC time as the clock on the office wall reads it."""
    return moment.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


def history_cells(version: Adopted) -> tuple[str, ...]:
    return (str(version.number), version.document.name, local_time(version.adopted_at),
            version.adopted_by, version.source_file or t("rubric_history.edited"))


class RubricHistoryDialog(QuietFocus, TranslatedBindings, ModalScreen[None]):
    """Newest first; Esc closes."""

    BINDINGS = [Binding("escape,v", "close", "key.close_history", tooltip="tip.close_history",
                        id="close-history")]

    def __init__(self, versions: list[Adopted]) -> None:
        super().__init__()
        self.translate_bindings()
        self.versions = sorted(versions, key=lambda version: version.number, reverse=True)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rubric-history"):
            yield Label(t("rubric_history.title", count=len(self.versions)),
                        classes="dialog-title")
            yield TableHeader(id="rubric-history-header")
            yield RecordTable(history_columns(), id="rubric-history-table")
            yield Label(t("rubric_history.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(history_columns())
        table = self.query_one(RecordTable)
        table.set_rows([history_cells(version) for version in self.versions])
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
