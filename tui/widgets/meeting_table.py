"""The meeting's compact view for 80x24: the agenda as a table, the current row in a few lines."""

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from store.meeting import AgendaEntry, Meeting
from tui.i18n import t
from tui.widgets.meeting_card import (deed_rows, entry_points, entry_state, household_words,
                                      item_label, item_words, this_period, village_words)
from tui.widgets.record_table import Column, fit


def meeting_columns() -> list[Column]:
    # 77 cells: an 80-column terminal less the blank before each row and the scrollbar.
    return [Column(t("meeting.col.number"), 3, "right"), Column(t("col.card"), 7),
            Column(t("col.head"), 8), Column(t("meeting.col.what"), 22),
            Column(t("meeting.col.item"), 16), Column(t("col.points"), 5, "right"),
            Column(t("col.status"), 9)]


def entry_cells(number: int, entry: AgendaEntry, meeting: Meeting) -> tuple[str, ...]:
    standing = meeting.standings.get(entry.card)
    what = entry.deed.what if entry.deed else t("meeting.deed.on_the_spot")
    state = entry_state(entry)
    if entry.award and entry.award.trimmed:
        state = t("meeting.state.trimmed", asked=entry.award.asked_points)
    return (str(number), entry.card, standing.head if standing else "", what,
            item_label(entry.item), entry_points(entry), state)


def entry_dimmed(entry: AgendaEntry) -> bool:
    return entry.award is not None and entry.award.status == "withdrawn"


def detail_lines(meeting: Meeting, index: int) -> list[str]:
    """Four lines under the table: the deed, the item, and the two meters in words."""
    entry = meeting.entries[index]
    standing = meeting.standings.get(entry.card)
    deed = " · ".join(f"{label} {value}" for label, value in deed_rows(entry))
    this = this_period(meeting.rhythm)
    meters = []
    if standing is not None:
        meters.append(t("meeting.compact.household", head=standing.head, this=this,
                        used=standing.counted, words=household_words(standing)))
    meters.append(t("meeting.compact.village", this=this, used=meeting.budget.used,
                    words=village_words(meeting.budget)))
    return [deed, item_words(entry), *meters]


class FittedLines(Widget):
    """Lines cut to the widget's width (with the table's cut mark), never wrapped.

    Chinese has no spaces to wrap at, so a wrapped line would break anywhere
    and push the rest off a fixed-height box; a cut line keeps the others.
    """

    DEFAULT_CSS = "FittedLines { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines: list[str] = []

    def show(self, lines: list[str]) -> None:
        self.lines = lines
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.lines))

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if y >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        return Strip([Segment(fit(self.lines[y], width), self.rich_style)], width)
