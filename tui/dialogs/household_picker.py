"""Pick a household by typing: a card number, part of the head's name or pinyin initials.

Like the rubric picker, the clerk never leaves the search line: the arrow and
page keys move the table's cursor from there, and Enter takes the highlighted
household (the best match until the clerk moves: an exact card number, then
cards ending with what was typed). The search runs in a worker; an Enter typed
before it answers waits for the answer to the line as typed, so fast typing
never picks a stale match.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from store import roster
from store.roster import HouseholdInfo
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork

# Matches shown at most: a picker narrows by typing, it does not browse the village.
MOST_SHOWN = 100


def picker_columns() -> list[Column]:
    # 69 cells: the table's width inside a 76-cell dialog (border, padding, scrollbar).
    return [Column(t("col.card"), 9), Column(t("col.head"), 16), Column(t("col.group"), 6),
            Column(t("col.house"), 20), Column(t("col.status"), 10)]


def household_cells(household: HouseholdInfo) -> tuple[str, ...]:
    return (household.card_no, household.head, household.group, household.house_no,
            t(f"status.{household.status}"))


def household_detail(household: HouseholdInfo) -> str:
    parts = [f"{household.card_no} {household.head}",
             t("deeds.pick.members", count=household.member_count)]
    if household.poor:
        parts.append(t("col.poor"))
    if household.status != "active":
        parts.append(t("roster.detail_status", status=t(f"status.{household.status}"),
                       reason=household.status_reason))
    return " · ".join(parts)


def best_card_first(households: list[HouseholdInfo], query: str) -> list[HouseholdInfo]:
    """A card that is exactly `query` on top, then cards ending with it (the number of
    "MZG-0120" typed as 0120), then the others; each in roster order."""
    card = query.strip().upper()

    def rank(household: HouseholdInfo) -> int:
        if not card:
            return 2
        return 0 if household.card_no == card else 1 if household.card_no.endswith(card) else 2

    return sorted(households, key=rank)  # stable: roster order within each rank


class HouseholdPicker(TranslatedBindings, StoreWork, ModalScreen[HouseholdInfo | None]):
    """Dismissed with the chosen household (active only), or None on Esc."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
        # The search line has no use for these keys, so they reach the screen.
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.translate_bindings()
        self.title_text = title
        self.matches: list[HouseholdInfo] = []
        self.shown_query: str | None = None  # the query self.matches answer
        self.pick_when_shown = False  # Enter came before the answer
        self.more_than_shown = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="household-picker"):
            yield Label(self.title_text, markup=False, classes="dialog-title")
            with Horizontal(id="household-search-bar"):
                yield Label(t("deeds.pick.search_label"), id="household-search-label")
                yield Field(placeholder=t("deeds.pick.placeholder"), id="household-search")
            yield TableHeader(id="household-header")
            table = RecordTable(picker_columns(), id="household-table")
            table.can_focus = False  # typing always goes to the search line
            yield table
            yield Static(id="household-detail")
            yield Label(t("picker.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(picker_columns())
        self.query_one("#household-search", Input).focus()
        self.search()

    @property
    def table(self) -> RecordTable:
        return self.query_one("#household-table", RecordTable)

    @property
    def query_text(self) -> str:
        return self.query_one("#household-search", Input).value

    @property
    def highlighted(self) -> HouseholdInfo | None:
        cursor = self.table.cursor
        return self.matches[cursor] if cursor < len(self.matches) else None

    def search(self) -> None:
        query = self.query_text
        self.run_store(lambda: roster.find_households(query, limit=MOST_SHOWN + 1),
                       lambda found: self._show(query, found), on_error=self._say,
                       group="household-search", exclusive=True)

    def _show(self, query: str, found: list[HouseholdInfo]) -> None:
        if query != self.query_text:
            return  # the clerk has typed on since: a newer search is coming
        self.matches = best_card_first(found[:MOST_SHOWN], query)
        self.shown_query = query
        self.more_than_shown = len(found) > MOST_SHOWN
        self.table.set_rows([household_cells(h) for h in self.matches],
                            frozenset(i for i, h in enumerate(self.matches)
                                      if h.status != "active"))
        if not self.matches:
            self._say(t("deeds.pick.nothing"))
        if self.pick_when_shown:
            self.pick_when_shown = False
            self.action_pick()

    def _say(self, text: str, *, refusal: bool = False) -> None:
        detail = self.query_one("#household-detail", Static)
        detail.set_class(refusal, "error")
        detail.update(Text(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.search()

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        household = self.highlighted
        if household is not None:
            text = household_detail(household)
            if self.more_than_shown:
                text += "\n" + t("deeds.pick.more", count=MOST_SHOWN)
            self._say(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self.shown_query:
            self.pick_when_shown = True  # picked when the search for this line answers
            return
        self.action_pick()

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.action_pick()  # a double click on a row

    def action_pick(self) -> None:
        household = self.highlighted
        if household is None:
            self.app.bell()
            return
        if household.status != "active":
            # The store's own refusal, said before the clerk fills in a form for nothing.
            self.app.bell()
            self._say(t("household.not_active", card=household.card_no,
                        status=t(f"status.{household.status}")), refusal=True)
            return
        self.dismiss(household)

    def action_move(self, step: int) -> None:
        self.table.action_cursor(step)

    def action_page(self, direction: int) -> None:
        self.table.action_page(direction)

    def action_cancel(self) -> None:
        self.dismiss(None)
