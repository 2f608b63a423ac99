"""Pick a rubric item by typing: an id, Chinese words or pinyin initials, then Enter.

The clerk never leaves the search line: the arrow and page keys move the
table's cursor from there, and Enter takes the highlighted item (the best
match until the clerk moves). The search itself runs on the UI thread (a few
dozen items, well under a millisecond); only learning the pinyin initials,
which imports pypinyin, runs in a worker, so typing never waits for it.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from store.rubric import Category, Item, Rubric
from store.rubric_search import knows_initials, learn_initials, search_items
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork


def picker_columns() -> list[Column]:
    # 69 cells: the table's width inside a 76-cell dialog (border, padding, scrollbar).
    return [Column(t("picker.col.id"), 5), Column(t("picker.col.name"), 40),
            Column(t("picker.col.points"), 7, "right"), Column(t("picker.col.unit"), 14)]


def points_text(item: Item) -> str:
    """Fixed points, or the range the meeting chooses from ("1~100")."""
    if item.meeting_sets_points:
        return f"{item.min_points}~{item.max_points}"
    return str(item.points)


def item_cells(item: Item) -> tuple[str, ...]:
    return item.id, item.name, points_text(item), t(f"unit.{item.unit}")


def item_detail(item: Item, category: Category) -> str:
    """What the row has no room for: category, limits, evidence, then the description."""
    parts = [t("picker.category", id=category.id, name=category.name)]
    if item.meeting_sets_points:
        parts.append(t("picker.meeting_sets", low=item.min_points, high=item.max_points))
    if item.max_per_period is not None and item.unit != "once":
        parts.append(t("picker.limit", count=item.max_per_period))
    if item.evidence:
        parts.append(t("picker.evidence", evidence=item.evidence))
    if item.description and item.description != item.name:
        parts.append(item.description.replace("\n", " "))
    return " · ".join(parts)


class RubricPicker(TranslatedBindings, StoreWork, ModalScreen[Item | None]):
    """Dismissed with the chosen item, or None when the clerk presses Esc."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
        # The search line has no use for these keys, so they reach the screen.
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
    ]

    def __init__(self, rubric: Rubric, title: str | None = None) -> None:
        super().__init__()
        self.translate_bindings()
        self.rubric = rubric
        self.title_text = title or t("picker.title", rubric=rubric.name)
        self.categories = {category.id: category for category in rubric.categories}
        self.matches: list[Item] = []
        self.shown_query: str | None = None  # the query self.matches answer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rubric-picker"):
            yield Label(self.title_text, markup=False, classes="dialog-title")
            with Horizontal(id="picker-search-bar"):
                yield Label(t("picker.search_label"), id="picker-search-label")
                yield Field(placeholder=t("picker.placeholder"), id="picker-search")
            yield TableHeader(id="picker-header")
            table = RecordTable(picker_columns(), id="picker-table")
            table.can_focus = False  # typing always goes to the search line
            yield table
            yield Static(id="picker-detail")
            yield Label(t("picker.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(picker_columns())
        self.query_one("#picker-search", Input).focus()
        self.show_matches()
        if not knows_initials(self.rubric):
            rubric = self.rubric
            self.run_store(lambda: learn_initials(rubric), self._initials_learnt,
                           group="picker-initials")

    @property
    def table(self) -> RecordTable:
        return self.query_one("#picker-table", RecordTable)

    @property
    def highlighted(self) -> Item | None:
        cursor = self.table.cursor
        return self.matches[cursor] if cursor < len(self.matches) else None

    def show_matches(self, keep: Item | None = None) -> None:
        """Search for what the line says; the cursor on `keep` if it still matches, else on top."""
        query = self.query_one("#picker-search", Input).value
        self.matches = search_items(self.rubric, query, compute_initials=False)
        self.shown_query = query
        cursor = self.matches.index(keep) if keep in self.matches else 0
        self.table.set_rows([item_cells(item) for item in self.matches], cursor=cursor)
        if not self.matches:
            self._show_nothing(query)

    def _show_nothing(self, query: str) -> None:
        letters = query.strip().isascii() and query.strip().isalpha()
        waiting = letters and not knows_initials(self.rubric)
        key = "picker.learning_initials" if waiting else "picker.nothing"
        self.query_one("#picker-detail", Static).update(t(key))

    def _initials_learnt(self, _: None) -> None:
        # What the clerk typed meanwhile may now match by initials too.
        self.show_matches(keep=self.highlighted)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_matches()

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        item = self.highlighted
        if item is not None:
            detail = item_detail(item, self.categories[item.category_id])
            self.query_one("#picker-detail", Static).update(Text(detail))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self.shown_query:
            self.show_matches()  # Enter came before the search caught up
        self.action_pick()

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.action_pick()  # a double click on a row

    def action_pick(self) -> None:
        item = self.highlighted
        if item is None:
            self.app.bell()
            return
        self.dismiss(item)

    def action_move(self, step: int) -> None:
        self.table.action_cursor(step)

    def action_page(self, direction: int) -> None:
        self.table.action_page(direction)

    def action_cancel(self) -> None:
        self.dismiss(None)
