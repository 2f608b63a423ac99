"""Pick a household by typing: a card number, part of the head's name or pinyin initials.

Like the rubric picker, the clerk never leaves the search line: the arrow and
page keys move the table's cursor from there, and Enter takes the highlighted
household (the best match until the clerk moves: an exact card number, then
cards ending with what was typed). The search runs in a worker; an Enter typed
before it answers waits for the answer to the line as typed, so fast typing
never picks a stale match.
"""

from store import roster
from store.roster import HouseholdInfo
from tui.dialogs.search_picker import SearchPicker
from tui.i18n import t
from tui.widgets.record_table import Column

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


class HouseholdPicker(SearchPicker[HouseholdInfo]):
    """Dismissed with the chosen household (active only), or None on Esc."""

    DIALOG_ID = "household-picker"
    ID_PREFIX = "household"
    SEARCH_LABEL_KEY = "deeds.pick.search_label"
    PLACEHOLDER_KEY = "deeds.pick.placeholder"

    def __init__(self, title: str, query: str = "") -> None:
        super().__init__(title, query)
        self.more_than_shown = False

    def columns(self) -> list[Column]:
        return picker_columns()

    def cells(self, household: HouseholdInfo) -> tuple[str, ...]:
        return household_cells(household)

    def search(self) -> None:
        query = self.query_text
        self.run_store(lambda: roster.find_households(query, limit=MOST_SHOWN + 1),
                       lambda found: self._show(query, found), on_error=self.say,
                       group="household-search", exclusive=True)

    def catch_up(self) -> None:
        pass  # the search for the line as typed is on its way

    def _show(self, query: str, found: list[HouseholdInfo]) -> None:
        if query != self.query_text:
            return  # the clerk has typed on since: a newer search is coming
        matches = best_card_first(found[:MOST_SHOWN], query)
        self.more_than_shown = len(found) > MOST_SHOWN
        self.show(query, matches,
                  dim=frozenset(i for i, h in enumerate(matches) if h.status != "active"))

    def nothing_text(self, query: str) -> str:
        return t("deeds.pick.nothing")

    def detail(self, household: HouseholdInfo) -> str:
        text = household_detail(household)
        if self.more_than_shown:
            text += "\n" + t("deeds.pick.more", count=MOST_SHOWN)
        return text

    def refusal(self, household: HouseholdInfo) -> str | None:
        if household.status == "active":
            return None
        # The store's own refusal, said before the clerk fills in a form for nothing.
        return t("household.not_active", card=household.card_no,
                 status=t(f"status.{household.status}"))
