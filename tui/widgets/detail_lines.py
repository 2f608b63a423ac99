"""A few lines of text under a table, about its current row, cheap to change.

A Static asks for a new layout on every update, and Textual then repaints the
table's scrollbar column too: 600 bytes a cursor move over SSH. These lines
keep their size, and a change repaints only the lines whose text changed, and
of each only as far as the longer of its old and new text: the blanks beyond,
already blank on the terminal, are not sent again.
"""

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.events import Resize
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class DetailLines(Widget):
    DEFAULT_CSS = "DetailLines { height: 2; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = ""
        self._lines: list[str] = []

    def show(self, text: str) -> None:
        """Show `text`, wrapped to the width; repaint what changed."""
        before = self._lines
        self._text = text
        self._lines = self._wrap(text)
        for y in range(self.size.height):
            old, new = _line(before, y), _line(self._lines, y)
            if old != new:
                self.refresh(Region(0, y, max(cell_len(old), cell_len(new)), 1))

    def _wrap(self, text: str) -> list[str]:
        if not text or self.size.width <= 0:
            return []
        return [line.plain for line in Content(text).wrap(self.size.width)]

    def on_resize(self, event: Resize) -> None:
        self._lines = self._wrap(self._text)
        self.refresh()

    def render(self) -> Text:
        """The text, for whoever reads the widget as text (the tests)."""
        return Text(self._text)

    def render_line(self, y: int) -> Strip:
        style, text = self.rich_style, _line(self._lines, y)
        # Runs styled as a Static's (the snapshots compare runs): the blanks after a
        # text in the background's style alone, an empty line in the whole style.
        blank = style.background_style if text else style
        runs = [Segment(text, style)] if text else []
        runs.append(Segment(" " * (self.size.width - cell_len(text)), blank))
        return Strip(runs).crop(0, self.size.width)


def _line(lines: list[str], y: int) -> str:
    return lines[y] if y < len(lines) else ""
