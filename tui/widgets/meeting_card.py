"""The meeting's projector card: one deed or award, large points, the household and village meters.

Also the words both meeting views share (an entry's state, its points, the
meters said in full), so the compact table and the card never disagree.
"""

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from store.meeting import AgendaEntry, Budget, Meeting, Standing
from store.rubric import Item
from tui.dialogs.rubric_picker import points_text
from tui.i18n import t
from tui.widgets.meter import Meter


# --- words shared by the card and the compact table --------------------------------

def this_period(rhythm: str) -> str:
    """"本月" / "本季度": how the room names the period under review."""
    return t(f"meeting.this.{rhythm or 'month'}")


def entry_state(entry: AgendaEntry) -> str:
    if entry.award is None:
        return t("meeting.state.pending")
    return t(f"meeting.state.{entry.award.status}")


def entry_points(entry: AgendaEntry) -> str:
    """The points awarded, or those the suggested item gives ("1~100" where the meeting sets)."""
    if entry.award is not None:
        return str(entry.award.points)
    return points_text(entry.item) if entry.item else ""


def item_label(item: Item | None) -> str:
    return f"{item.id} {item.name}" if item else ""


def item_words(entry: AgendaEntry) -> str:
    """The item line: suggested (waiting) or awarded, with what it gives and its limit."""
    item = entry.item
    if entry.award is None and item is None:
        return t("meeting.item.none")
    if item is None:   # an award under an item this rubric version lacks (never expected)
        return t("meeting.item.awarded", item=entry.award.item_id, name=entry.award.item_name,
                 rule="")
    rule = (t("meeting.item.meeting_sets", low=item.min_points, high=item.max_points)
            if item.meeting_sets_points
            else t("meeting.item.fixed", unit=t(f"unit.{item.unit}"), points=item.points))
    if item.max_per_period is not None and item.unit != "once":
        rule += t("meeting.item.limit", count=item.max_per_period)
    key = "meeting.item.awarded" if entry.award else "meeting.item.suggested"
    return t(key, item=item.id, name=item.name, rule=rule)


def award_words(entry: AgendaEntry) -> str:
    """What became of the card: waiting, awarded (trimmed?), withdrawn with the reason."""
    award = entry.award
    if award is None:
        return t("meeting.award.waiting")
    if award.status == "withdrawn":
        return t("meeting.award.withdrawn", reason=award.status_reason)
    if award.trimmed:
        return t("meeting.award.trimmed", points=award.points, asked=award.asked_points)
    return t("meeting.award.given", id=award.id)


def household_words(standing: Standing | None) -> str:
    if standing is None:
        return ""
    if standing.cap is None:
        return t("meeting.household.no_cap", used=standing.counted)
    if standing.left == 0:
        return t("meeting.household.full", cap=standing.cap)
    return t("meeting.household.left", left=standing.left, cap=standing.cap)


def village_words(budget: Budget | None) -> str:
    if budget is None:
        return ""
    if budget.budget is None:
        return t("meeting.village.no_budget")
    if budget.left == 0:
        return t("meeting.village.full", budget=budget.budget)
    return t("meeting.village.left", left=budget.left, budget=budget.budget)


def deed_rows(entry: AgendaEntry) -> list[tuple[str, str]]:
    """Label and value lines of the deed (or of an award made on the spot)."""
    deed = entry.deed
    if deed is None:
        rows = [(t("meeting.deed.what"), t("meeting.deed.on_the_spot"))]
        if entry.award and entry.award.note:
            rows.append((t("meeting.deed.note"), entry.award.note))
        return rows
    by = deed.registered_by + (t("meeting.deed.self_applied") if deed.self_applied else "")
    return [(t("meeting.deed.what"), deed.what),
            (t("meeting.deed.evidence"), deed.evidence or t("meeting.deed.no_evidence")),
            (t("meeting.deed.day"), t("meeting.deed.day_and_by", day=deed.day.isoformat(),
                                      by=by))]


COMING_UP = 4   # deeds named under the card, so the room knows who is next


def coming_up(meeting: Meeting, index: int) -> str:
    waiting = [entry for entry in meeting.entries[index + 1:] if entry.pending]
    if not waiting:
        return t("meeting.next_none")
    names = [f"{entry.card} {meeting.standings[entry.card].head}" if entry.card in
             meeting.standings else entry.card for entry in waiting[:COMING_UP]]
    more = t("meeting.next_more", count=len(waiting) - COMING_UP) \
        if len(waiting) > COMING_UP else ""
    return t("meeting.next", names=t("word.list").join(names), more=more)


# --- the widgets ---------------------------------------------------------------------

class Score(Vertical):
    """A label, a number in large digits with its unit, a bar, and the bar said in words."""

    DEFAULT_CSS = """
    Score { width: 1fr; height: auto; padding: 0 2 0 0; }
    Score > .score-label { color: $text-muted; }
    Score > Horizontal { height: 3; }
    Score Digits { width: auto; text-style: bold; color: $accent; }
    Score .score-unit { width: auto; padding: 2 0 0 1; }
    Score > .score-words { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="score-label")
        with Horizontal():
            yield Digits()
            yield Static(classes="score-unit")
        yield Meter()
        yield Static(classes="score-words")

    def show(self, label: str, figure: str, unit: str, words: str, *, used: int = 0,
             total: int | None = None) -> None:
        self.query_one(".score-label", Static).update(Text(label))
        self.query_one(Digits).update(figure)
        self.query_one(".score-unit", Static).update(Text(unit))
        self.query_one(Meter).show(used, total)
        self.query_one(".score-words", Static).update(Text(words))


class MeetingCard(Vertical):
    """The card of one agenda entry, in type large enough for the back of the room."""

    def compose(self) -> ComposeResult:
        yield Static(id="card-position")
        yield Static(id="card-household")
        yield Static(id="card-deed")
        yield Static(id="card-item")
        with Horizontal(id="card-scores"):
            yield Score(id="score-award")
            yield Score(id="score-household")
            yield Score(id="score-village")
        yield Static(id="card-next")

    def show(self, meeting: Meeting, index: int) -> None:
        entry = meeting.entries[index]
        standing = meeting.standings.get(entry.card)
        position = t("meeting.position", number=index + 1, count=len(meeting.entries),
                     state=entry_state(entry))
        self.query_one("#card-position", Static).update(Text(position))
        head = standing.head if standing else ""
        group = standing.group if standing else ""
        self.query_one("#card-household", Static).update(
            Text(t("meeting.household", card=entry.card, head=head, group=group)))
        self.query_one("#card-deed", Static).update(self._deed_grid(entry))
        self.query_one("#card-item", Static).update(Text(item_words(entry)))
        self._show_scores(meeting, entry, standing)
        self.query_one("#card-next", Static).update(Text(coming_up(meeting, index)))

    @staticmethod
    def _deed_grid(entry: AgendaEntry) -> Table:
        # A grid, so a long line wraps under its value, not under the labels.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column()
        for label, value in deed_rows(entry):
            grid.add_row(Text(label), Text(value))
        return grid

    def _show_scores(self, meeting: Meeting, entry: AgendaEntry, standing: Standing | None) -> None:
        this = this_period(meeting.rhythm)
        points = entry_points(entry)
        figure = points if points.lstrip("-").isdigit() else ""
        label = t("meeting.score.award" if entry.award else "meeting.score.suggested")
        self.query_one("#score-award", Score).show(
            label, figure, t("meeting.score.points") if figure else "", award_words(entry))
        if standing is not None:
            # Over a cap: the points the cap counts (deductions free nothing, D2); without
            # one, the running total with any deductions.
            cap = standing.cap
            figure = standing.counted if cap is not None else standing.net
            self.query_one("#score-household", Score).show(
                t("meeting.score.household", head=standing.head, this=this), str(figure),
                t("meeting.score.of", total=cap) if cap is not None else t("meeting.score.points"),
                household_words(standing), used=standing.counted, total=cap)
        budget = meeting.budget
        self.query_one("#score-village", Score).show(
            t("meeting.score.village", this=this), str(budget.used),
            t("meeting.score.of", total=budget.budget) if budget.budget is not None
            else t("meeting.score.points"),
            village_words(budget), used=budget.used, total=budget.budget)
