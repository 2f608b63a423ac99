"""A table that draws only the rows on screen, with fixed-width columns.

Textual's DataTable measures every cell it is given (6.4 s to first paint for
50,000 rows with auto widths here) and parses plain strings as markup. This
table keeps rows as plain strings, fits them to fixed widths by terminal cells
(so Chinese text lines up), renders one line at a time, and repaints only the
lines that change: the two a cursor move changes, those a new search changed,
never the scrollbar beside them unless its thumb moved. A row's columns are one run
of cells with one colour code, blanks included. Little to send over a slow SSH link.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import Self

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.dom import NoScreen
from textual.events import Blur, Click, DescendantBlur, DescendantFocus, Focus
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widgets import Static

# ASCII, not "…": an ellipsis is East Asian "ambiguous" width, drawn two cells
# wide by many Chinese terminals, which would push the columns out of line.
CUT_MARK = "~"
# The blank before each row, in the row's own run of cells rather than a padding:
# Textual sends a padding cell with every line repainted, in a colour code of its
# own (18 bytes a line over the link).
LEAD = " "


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
    RecordTable { height: 1fr; scrollbar-size-vertical: 1; }
    RecordTable > .record-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    RecordTable > .record-table--cursor-blurred {
        background: $block-cursor-blurred-background; color: $foreground; text-style: none; }
    RecordTable > .record-table--dim { color: $text-muted; }
    """
    # The cursor's look without the focus is a class of its own, not a `:blur` rule: a
    # style that changes with the focus makes Textual repaint the whole table.
    COMPONENT_CLASSES = {"record-table--cursor", "record-table--cursor-blurred",
                         "record-table--dim"}
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
        self._row_width = cell_len(LEAD + format_row(self.columns, [""] * len(self.columns)))
        self._laid_out: tuple = (None, None, None)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        """Textual 8.2 compares the size on screen with a ScrollView's virtual size
        here, which always differ, and so repaints the scrollbar at every layout of
        the screen (a letter typed in the search line): go on only on a real change.
        New rows alone need no second repaint of the scrollbar either: the layout
        has just drawn it for them."""
        before, self._laid_out = self._laid_out, (size, container_size, self.virtual_size)
        if self._laid_out == before:
            return False
        if before[:2] == (size, container_size):
            self.scroll_y = self.validate_scroll_y(self.scroll_y)
            return False
        return super()._size_updated(size, virtual_size, container_size, layout)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_text(self, index: int) -> str:
        """Row `index` as its columns read (drawn after the blank that leads each row),
        wherever the table is scrolled."""
        return format_row(self.columns, self._rows[index])

    def set_rows(self, rows: list[Sequence[str]], dim: frozenset[int] = frozenset(),
                 cursor: int = 0) -> None:
        """Show these rows (dimmed where listed) with the cursor on row `cursor`.

        Only the lines on screen that now read differently are repainted (a search
        that keeps the first rows, the whole roster coming after its first page).
        """
        before = self._screen_lines()
        self._rows, self._dim = rows, dim
        # A new layout for the scrollbar, but not a repaint of every line (which
        # setting `virtual_size` the usual way asks for). Whether the scrollbar shows,
        # and its length, are said now: found out in the layout, each would cost a
        # second repaint, of all the lines or of the scrollbar.
        self.set_reactive(RecordTable.virtual_size, Size(self._row_width, len(rows)))
        self.set_reactive(RecordTable.show_vertical_scrollbar,
                          len(rows) > self.scrollable_content_region.height)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = len(rows)
        self.refresh(layout=True, repaint=False)
        self.cursor = max(0, min(cursor, len(rows) - 1))
        after = self._screen_lines()
        if not after or len(after) != len(before):
            self.refresh()   # not laid out yet, or resized: all of it
            return
        for y, line in enumerate(after):
            if before[y] != line:
                self._refresh_screen_line(y)

    def _screen_lines(self) -> list[tuple]:
        """What each line on screen shows: its row's text and look, by position."""
        top = self.scroll_offset.y
        return [self._line_key(top + y) for y in range(self.scrollable_content_region.height)]

    def _line_key(self, index: int) -> tuple:
        if index >= len(self._rows):
            return ()
        return index == self.cursor, index in self._dim, tuple(self._rows[index])

    def _refresh_screen_line(self, y: int) -> None:
        """Repaint line `y` of the screen's rows, if it is on the screen (Textual
        would repaint whatever lies there, the footer below): the cells a row covers
        (its run of cells goes whole, the blank before it included), not the
        scrollbar beside it, nor a jump to it."""
        if 0 <= y < self.scrollable_content_region.height:
            self.refresh(Region(0, y, self._rows_width(), 1))

    def _rows_width(self) -> int:
        return min(self._row_width, self.scrollable_content_region.width)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._keep_visible(new, by_one=abs(new - old) == 1)
        if old != new:
            top = self.scroll_offset.y
            self._refresh_screen_line(old - top)
            self._refresh_screen_line(new - top)
        if self._rows:
            self.post_message(self.Highlighted(self, new))

    def _on_focus(self, event: Focus) -> None:
        event.prevent_default()   # Textual's own repaints every line
        self._focus_changed(DescendantFocus, True)

    def _on_blur(self, event: Blur) -> None:
        event.prevent_default()
        self._focus_changed(DescendantBlur, False)

    def _focus_changed(self, tell_parent: type[Message], focused: bool) -> None:
        """As Textual's Widget does, but repainting the cursor's row only: its look is all
        the focus changes here. No style of this table depends on the focus (the cursor's
        two looks are classes of their own), so its styles are not applied again either:
        Textual would repaint the scrollbar column for that, 600 bytes over the link."""
        self.set_reactive(RecordTable.has_focus, focused)
        self._refresh_screen_line(self.cursor - self.scroll_offset.y)
        if self.parent is not None:
            self.parent.post_message(tell_parent(self))

    def focus(self, scroll_visible: bool = True) -> Self:
        """Textual's (8.2), without the repaint of every line it asks for first."""

        def set_focus(table: RecordTable) -> None:
            try:
                table.screen.set_focus(table, scroll_visible=scroll_visible)
            except NoScreen:
                pass

        self.app.call_later(set_focus, self)
        return self

    def watch_scroll_y(self, old: float, new: float) -> None:
        """A scroll repaints the rows, and the scrollbar only when its thumb moves:
        over 5,000 rows it moves by a step once in 35 rows, and the column costs
        600 bytes to send. (ScrollView repaints both every time.)"""
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            if _thumb(bar, bar.position) == _thumb(bar, new):
                bar.set_reactive(ScrollBar.position, bar.validate_position(new))
            else:
                bar.position = new
        if round(old) != round(new):
            self.refresh(Region(0, 0, self._rows_width(), self.scrollable_content_region.height))

    def _keep_visible(self, index: int, by_one: bool = False) -> None:
        """Scroll so that row `index` is on screen. A cursor moved `by_one` row off the
        screen scrolls half a screen (vim's `scrolljump`), so that a run of arrow keys
        redraws every row once in nine moves, not at each (2.2 KB each time over a slow
        link, where a move within the screen sends 0.33 KB); a page, the ends or a
        search scroll just enough."""
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        jump = height // 2 if by_one else 1
        if index < top:
            new_top = min(index, top - jump)
        elif height and index >= top + height:
            new_top = max(index - height + 1, top + jump)
        else:
            return
        # Forced: rows cut down to a screenful have no scrollbar, yet may lie scrolled.
        self.scroll_to(y=max(0, new_top), animate=False, immediate=True, force=True)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        if index == self.cursor and self._rows:
            style = self.get_component_rich_style(
                "record-table--cursor" if self.has_focus else "record-table--cursor-blurred")
        elif index in self._dim:
            style = self.get_component_rich_style("record-table--dim")
        else:
            style = self.rich_style
        text = LEAD + format_row(self.columns, self._rows[index])
        strip = Strip([Segment(text, style)], cell_len(text))
        # Past the columns, the table's own look whatever the row's: a row is repainted
        # as far as its columns go (the cursor moving, the focus), so what lies beyond
        # must never change, or it would keep the cursor's colour.
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style).simplify()

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


def _thumb(bar: ScrollBar, position: float) -> list[tuple]:
    """How the scrollbar `bar` looks at `position`: its glyphs and where the thumb is,
    drawn as Textual draws it (ScrollBar._render_bar)."""
    virtual = bar.window_virtual_size
    window = bar.window_size if bar.window_size < virtual else 0
    drawn = ScrollBarRender.render_bar(size=bar.size.height, virtual_size=ceil(virtual),
                                       window_size=ceil(window),
                                       position=bar.validate_position(position))
    return [(segment.text, bool(segment.style and segment.style.reverse))
            for segment in drawn.segments]
