"""A table that draws only the rows on screen, with fixed-width columns.

Textual's DataTable measures every cell it is given (6.4 s to first paint for
50,000 rows with auto widths here) and parses plain strings as markup. This
table keeps rows as plain strings, fits them to fixed widths by terminal cells
(so Chinese text lines up), renders one line at a time, and repaints only the
two lines a cursor move changes: little to send over a slow SSH link.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

# ASCII, not "…": an ellipsis is East Asian "ambiguous" width, drawn two cells
# wide by many Chinese terminals, which would push the columns out of line.
CUT_MARK = "~"


@dataclass(frozen=True)
class Column:
    title: str
    width: int
    align: str = "left"


def fit(text: str, width: int, align: str = "left") -> str:
    """`text` padded or cut to exactly `width` terminal cells."""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + CUT_MARK
    padding = " " * (width - cell_len(text))
    return padding + text if align == "right" else text + padding


def format_row(columns: Sequence[Column], values: Sequence[str]) -> str:
    return " ".join(fit(value, column.width, column.align)
                    for column, value in zip(columns, values))


class TableHeader(Static):
    """Column titles, lined up with the rows of a RecordTable."""

    DEFAULT_CSS = """
    TableHeader { height: 1; text-style: bold; background: $panel; padding: 0 0 0 1; }
    """

    def show_columns(self, columns: Sequence[Column]) -> None:
        self.update(Text(format_row(columns, [column.title for column in columns])))


class RecordTable(ScrollView, can_focus=True):
    """Rows of plain strings under fixed columns, with a row cursor."""

    DEFAULT_CSS = """
    RecordTable { height: 1fr; padding: 0 0 0 1; scrollbar-size-vertical: 1; }
    RecordTable > .record-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    RecordTable:blur > .record-table--cursor { background: $block-cursor-blurred-background;
        color: $foreground; text-style: none; }
    RecordTable > .record-table--dim { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"record-table--cursor", "record-table--dim"}
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "to_end(0)", show=False),
        Binding("end", "to_end(1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        def __init__(self, table: "RecordTable", index: int) -> None:
            super().__init__()
            self.table, self.index = table, index

    class Selected(Message):
        def __init__(self, table: "RecordTable", index: int) -> None:
            super().__init__()
            self.table, self.index = table, index

    def __init__(self, columns: Sequence[Column], **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self._rows: list[Sequence[str]] = []
        self._dim: frozenset[int] = frozenset()
        self._row_width = cell_len(format_row(self.columns, [""] * len(self.columns)))

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_text(self, index: int) -> str:
        """Row `index` exactly as drawn, wherever the table is scrolled."""
        return format_row(self.columns, self._rows[index])

    def set_rows(self, rows: list[Sequence[str]], dim: frozenset[int] = frozenset(),
                 cursor: int = 0) -> None:
        """Show these rows (dimmed where listed) with the cursor on row `cursor`."""
        self._rows, self._dim = rows, dim
        self.virtual_size = Size(self._row_width, len(rows))
        self.refresh()
        self.cursor = max(0, min(cursor, len(rows) - 1))

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._keep_visible(new)
        if self._rows:
            self.post_message(self.Highlighted(self, new))

    def _keep_visible(self, index: int) -> None:
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif height and index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        if index == self.cursor and self._rows:
            style = self.get_component_rich_style("record-table--cursor")
        elif index in self._dim:
            style = self.get_component_rich_style("record-table--dim")
        else:
            style = self.rich_style
        text = format_row(self.columns, self._rows[index])
        strip = Strip([Segment(text, style)], cell_len(text))
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_to_end(self, last: int) -> None:
        self.cursor = len(self._rows) - 1 if last else 0

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: Click) -> None:
        self.cursor = self.scroll_offset.y + event.y
        if event.chain == 2:
            self.action_select()
