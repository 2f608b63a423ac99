"""A bar that shows how much of a cap or a budget is used, readable in any colour.

The used part is drawn with heavy strokes and the rest with light dashes, so
the bar reads on a 16-colour terminal and on a washed-out projector alike;
colour only adds to it (the full bar turns to the warning colour). The
numbers themselves are always said in words beside it: the bar is a picture.
"""

from rich.segment import Segment
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

USED, LEFT = "\u2501", "\u254c"   # ━ and ╌: box-drawing, one cell wide like Digits


def bar_cells(used: int, total: int, width: int) -> int:
    """How many of `width` cells show `used` of `total` (at least one once anything is used)."""
    if total <= 0 or width <= 0:
        return 0
    cells = round(width * min(used, total) / total)
    return max(cells, 1 if used > 0 else 0)


class Meter(Widget):
    """One line: `used` of `total` as a bar across the widget's width; no total, no bar."""

    DEFAULT_CSS = """
    Meter { height: 1; width: 1fr; }
    Meter > .meter--used { color: $success; text-style: bold; }
    Meter > .meter--full { color: $warning; text-style: bold; }
    Meter > .meter--left { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"meter--used", "meter--full", "meter--left"}

    used: reactive[int] = reactive(0)
    total: reactive[int | None] = reactive(None)

    def show(self, used: int, total: int | None) -> None:
        self.used, self.total = used, total

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if y or self.total is None:
            return Strip.blank(width, self.rich_style)
        cells = bar_cells(self.used, self.total, width)
        full = self.used >= self.total
        used_style = self.get_component_rich_style("meter--full" if full else "meter--used")
        left_style = self.get_component_rich_style("meter--left")
        return Strip([Segment(USED * cells, used_style),
                      Segment(LEFT * (width - cells), left_style)], width)
