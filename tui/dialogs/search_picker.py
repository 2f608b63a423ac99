"""A dialog that picks one record by typing: the base of the rubric and household pickers.

The clerk never leaves the search line: the arrow and page keys move the
table's cursor from there, and Enter takes the highlighted record (the best
match until the clerk moves). An Enter typed before the matches for the line
are shown waits for them, so fast typing never picks a stale match.

A subclass supplies what differs: the columns, how to search (at once or in a
worker, handing the matches to `show`), a row's cells and detail line, the ids
its styles use, the catalog keys, and optionally a refusal of a record.
"""

from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork

Record = TypeVar("Record")


class SearchPicker(QuietFocus, TranslatedBindings, StoreWork, ModalScreen[Record | None]):
    """Dismissed with the chosen record, or None when the clerk presses Esc."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
        # The search line has no use for these keys, so they reach the screen.
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
    ]

    DIALOG_ID: ClassVar[str]  # the dialog box's id, e.g. "rubric-picker"
    ID_PREFIX: ClassVar[str]  # ids "<prefix>-search", "-table", "-detail", ... for the styles
    SEARCH_LABEL_KEY: ClassVar[str]
    PLACEHOLDER_KEY: ClassVar[str]

    def __init__(self, title: str, query: str = "") -> None:
        """`query` is put on the search line before the first search."""
        super().__init__()
        self.translate_bindings()
        self.title_text = title
        self.first_query = query
        self.matches: list[Record] = []
        self.shown_query: str | None = None  # the query self.matches answer
        self.pick_when_shown = False  # Enter came before the answer

    # --- what a subclass supplies ------------------------------------------------------

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def search(self) -> None:
        """Search for `query_text`, then `show` the matches (now or from a worker)."""
        raise NotImplementedError

    def cells(self, record: Record) -> tuple[str, ...]:
        raise NotImplementedError

    def detail(self, record: Record) -> str:
        """The line under the table for the highlighted record."""
        raise NotImplementedError

    def nothing_text(self, query: str) -> str:
        """What the detail line says when nothing matches `query`."""
        raise NotImplementedError

    def refusal(self, record: Record) -> str | None:
        """Why `record` cannot be picked, or None when it can."""
        return None

    def catch_up(self) -> None:
        """Enter came before the matches for the line: search now. A picker whose
        search runs in a worker has the answer on its way already, and overrides this."""
        self.search()

    # --- the dialog ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        prefix = self.ID_PREFIX
        with Vertical(classes="dialog", id=self.DIALOG_ID):
            yield Label(self.title_text, markup=False, classes="dialog-title")
            with Horizontal(id=f"{prefix}-search-bar"):
                yield Label(t(self.SEARCH_LABEL_KEY), id=f"{prefix}-search-label")
                yield Field(self.first_query or None, placeholder=t(self.PLACEHOLDER_KEY),
                            id=f"{prefix}-search")
            yield TableHeader(id=f"{prefix}-header")
            table = RecordTable(self.columns(), id=f"{prefix}-table")
            table.can_focus = False  # typing always goes to the search line
            yield table
            yield Static(id=f"{prefix}-detail")
            yield Label(t("picker.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(self.columns())
        self.query_one(f"#{self.ID_PREFIX}-search", Input).focus()
        self.search()

    @property
    def table(self) -> RecordTable:
        return self.query_one(f"#{self.ID_PREFIX}-table", RecordTable)

    @property
    def query_text(self) -> str:
        return self.query_one(f"#{self.ID_PREFIX}-search", Input).value

    @property
    def highlighted(self) -> Record | None:
        cursor = self.table.cursor
        return self.matches[cursor] if cursor < len(self.matches) else None

    def show(self, query: str, matches: list[Record], *, cursor: int = 0,
             dim: frozenset[int] = frozenset()) -> None:
        """Show `matches`, the answer to `query`, with the cursor on row `cursor`."""
        self.matches = matches
        self.shown_query = query
        self.table.set_rows([self.cells(record) for record in matches], dim, cursor=cursor)
        if not matches:
            self.say(self.nothing_text(query))
        if self.pick_when_shown:
            self.pick_when_shown = False
            self.action_pick()

    def say(self, text: str, *, refusal: bool = False) -> None:
        detail = self.query_one(f"#{self.ID_PREFIX}-detail", Static)
        detail.set_class(refusal, "error")
        detail.update(Text(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.search()

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        record = self.highlighted
        if record is not None:
            self.say(self.detail(record))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self.shown_query:
            self.pick_when_shown = True  # picked when the search for this line answers
            self.catch_up()
            return
        self.action_pick()

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.action_pick()  # a double click on a row

    def action_pick(self) -> None:
        record = self.highlighted
        if record is None:
            self.app.bell()
            return
        refusal = self.refusal(record)
        if refusal is not None:
            self.app.bell()
            self.say(refusal, refusal=True)
            return
        self.dismiss(record)

    def action_move(self, step: int) -> None:
        self.table.action_cursor(step)

    def action_page(self, direction: int) -> None:
        self.table.action_page(direction)

    def action_cancel(self) -> None:
        self.dismiss(None)
