"""The review meeting (评议会): the clerk drives it from the keyboard, the room watches.

Two views of the same agenda: the projector view shows one card at a time in
large type (points in Textual's Digits, the household's and the village's
meters); the compact view is a table that fits 80x24. Every decision is one
store call in a worker, and the agenda is read again in the same worker, so
the screen never shows a state the village file does not hold: a dropped
connection loses nothing already recorded.
"""

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from store import reviews
from store.errors import JifenError
from store.meeting import AgendaEntry, Meeting, Standing, find_household, meeting_state
from store.rubric import Item
from tui.dialogs.ask import AskLine, Confirm
from tui.dialogs.ask_points import AskPoints
from tui.dialogs.open_review import OpenReviewDialog
from tui.dialogs.rubric_picker import RubricPicker
from tui.focus import QuietFocus
from tui.i18n import MESSAGES, explain, t
from tui.keys import TranslatedBindings
from tui.widgets.meeting_card import MeetingCard, this_period
from tui.widgets.meeting_table import (FittedLines, detail_lines, entry_cells, entry_dimmed,
                                       meeting_columns)
from tui.widgets.record_table import RecordTable, TableHeader
from tui.work import StoreWork

# The projector view is the default where a card fits in large type.
PROJECTOR_SIZE = (120, 36)
TRIMMABLE = ("review.over_cap", "review.over_budget")
# Keys for a deed that waits, for an award of this review, and for any open review.
DEED_ACTIONS = frozenset({"accept", "pick", "set_points", "reject"})
AWARD_ACTIONS = frozenset({"withdraw"})
REVIEW_ACTIONS = DEED_ACTIONS | AWARD_ACTIONS | {"step", "go_to", "spot_award", "toggle_view"}

MOVE = Binding.Group("meeting.key.move", compact=True)


class MeetingScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    VERTICAL_BREAKPOINTS = [(0, "-short"), (PROJECTOR_SIZE[1], "-tall")]
    BINDINGS = [
        Binding("y", "accept", "meeting.key.accept", tooltip="meeting.tip.accept",
                id="meeting-accept"),
        Binding("p", "pick", "meeting.key.pick", tooltip="meeting.tip.pick", id="meeting-pick"),
        Binding("s", "set_points", "meeting.key.set_points", tooltip="meeting.tip.set_points",
                show=False, id="meeting-set-points"),
        Binding("r", "reject", "meeting.key.reject", tooltip="meeting.tip.reject",
                id="meeting-reject"),
        Binding("w", "withdraw", "meeting.key.withdraw", tooltip="meeting.tip.withdraw",
                id="meeting-withdraw"),
        Binding("left,b", "step(-1)", "meeting.key.previous", tooltip="meeting.tip.previous",
                key_display="←", show=False, group=MOVE, id="meeting-previous"),
        Binding("right,n", "step(1)", "meeting.key.next", tooltip="meeting.tip.next",
                key_display="→", show=False, group=MOVE, id="meeting-next"),
        Binding("home", "go_to(0)", "meeting.key.first", tooltip="meeting.tip.first",
                key_display="Home", show=False, id="meeting-first"),
        Binding("end", "go_to(-1)", "meeting.key.last", tooltip="meeting.tip.last",
                key_display="End", show=False, id="meeting-last"),
        Binding("a", "spot_award", "meeting.key.spot", tooltip="meeting.tip.spot",
                id="meeting-spot"),
        Binding("v", "toggle_view", "meeting.key.view", tooltip="meeting.tip.view",
                id="meeting-view"),
        Binding("o", "open_review", "meeting.key.open", tooltip="meeting.tip.open",
                id="meeting-open"),
    ]

    def __init__(self) -> None:
        super().__init__(id="meeting-screen")
        self.translate_bindings()
        self._translate_groups()
        self.meeting: Meeting | None = None
        self.index = 0
        self.projecting = True
        self.busy = False   # a decision is on its way to the village file
        self.heads: dict[str, str] = {}   # card -> head, for words about a household
        self.hinted = False

    def _translate_groups(self) -> None:
        group = Binding.Group(t(MOVE.description), MOVE.compact)
        table = self._bindings.key_to_bindings
        for key, bindings in table.items():
            table[key] = [b if b.group is None else replace(b, group=group) for b in bindings]

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        with ContentSwitcher(initial="meeting-none", id="meeting-views"):
            yield MeetingCard(id="meeting-projector")
            with Vertical(id="meeting-compact"):
                yield TableHeader(id="meeting-header")
                yield RecordTable(meeting_columns(), id="meeting-table")
                yield FittedLines(id="meeting-detail")
            yield Static(id="meeting-none")
        yield Static(id="meeting-say")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(meeting_columns())
        width, height = self.app.size
        self.projecting = width >= PROJECTOR_SIZE[0] and height >= PROJECTOR_SIZE[1]

    def on_screen_resume(self) -> None:
        """Whenever the meeting comes into view, first or back from F5 or F7: deeds
        registered or a review closed there show at once."""
        if not self.busy:
            self.load()

    def check_action(self, action: str, parameters) -> bool:
        """Keys that cannot apply to the card shown are left out of the footer."""
        if action == "open_review":
            return self.meeting is not None and self.meeting.review is None
        if action not in REVIEW_ACTIONS:
            return True
        if self.meeting is None or self.meeting.review is None:
            return False
        entry = self.current
        if action in DEED_ACTIONS:
            return entry is not None and entry.pending
        if action in AWARD_ACTIONS:
            return entry is not None and entry.award is not None and \
                entry.award.status == "proposed"
        return True

    # --- reading the meeting ---------------------------------------------------------

    def load(self) -> None:
        today = self.app.actor.today
        self.run_store(lambda: meeting_state(today), partial(self._show, self._keep_keys()),
                       group="meeting-load", exclusive=True)

    @property
    def current(self) -> AgendaEntry | None:
        if self.meeting is None or not self.meeting.entries:
            return None
        return self.meeting.entries[self.index]

    def _keep_keys(self) -> list:
        """Where to be after a change: this card if it is still there, else the next deed
        waiting after it, else one before it."""
        if self.meeting is None or self.current is None:
            return []
        entries = self.meeting.entries
        after = [e.key for e in entries[self.index + 1:] if e.pending]
        before = [e.key for e in reversed(entries[:self.index]) if e.pending]
        return [self.current.key, *after, *before]

    def _show(self, keep: list, meeting: Meeting) -> None:
        self.meeting = meeting
        self.heads.update((card, s.head) for card, s in meeting.standings.items())
        keys = [entry.key for entry in meeting.entries]
        found = next((keys.index(key) for key in keep if key in keys), None)
        if found is None:
            found = meeting.first_pending()
        if found is None:
            found = max(0, len(keys) - 1)
        self.index = found
        if meeting.review is not None and not self.hinted:
            self.hinted = True
            self.say(t("meeting.hint"))
        table = self.query_one(RecordTable)
        table.set_rows([entry_cells(n, entry, meeting)
                        for n, entry in enumerate(meeting.entries, start=1)],
                       frozenset(i for i, e in enumerate(meeting.entries) if entry_dimmed(e)),
                       self.index)
        self._show_view()

    def _show_view(self) -> None:
        meeting = self.meeting
        switcher = self.query_one(ContentSwitcher)
        if meeting.review is None or not meeting.entries:
            switcher.current = "meeting-none"
            self.query_one("#meeting-none", Static).update(Text(self._none_text()))
        elif self.projecting:
            switcher.current = "meeting-projector"
            self.query_one(MeetingCard).show(meeting, self.index)
        else:
            switcher.current = "meeting-compact"
            self._show_detail()
            self.query_one(RecordTable).focus()
        if switcher.current != "meeting-compact":
            self.set_focus(None)
        self._show_status()
        self.refresh_bindings()

    def _none_text(self) -> str:
        if self.meeting.review is not None:
            return t("meeting.empty")
        if not self.meeting.period_to_open:
            return t("meeting.none_no_policy")
        return t("meeting.none", period=self.meeting.period_to_open)

    def _show_detail(self) -> None:
        self.query_one(FittedLines).show(detail_lines(self.meeting, self.index))

    def _show_status(self) -> None:
        meeting, village = self.meeting, self.app.village.name
        if meeting.review is None:
            line = t("meeting.status_none", village=village, acting=self.app.sub_title)
        else:
            awards = [e.award for e in meeting.entries
                      if e.award and e.award.status == "proposed"]
            line = t("meeting.status", village=village, period=meeting.review.period,
                     pending=meeting.pending_count, awarded=len(awards),
                     points=sum(a.points for a in awards), acting=self.app.sub_title)
        self.query_one("#status-line", Static).update(Text(line))

    def say(self, text: str, *, refusal: bool = False) -> None:
        """The line under the card: the last decision, or why it was refused."""
        say = self.query_one("#meeting-say", Static)
        say.set_class(refusal, "-refusal")
        say.update(Text(text))

    # --- moving --------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        if not self.meeting.entries:
            return
        index = self.index + step
        if not 0 <= index < len(self.meeting.entries):
            self.app.bell()
            return
        self._go(index)

    def action_go_to(self, index: int) -> None:
        """Home, End: the first card, or the last (-1)."""
        if self.meeting.entries:
            self._go(index % len(self.meeting.entries))

    def _go(self, index: int) -> None:
        self.index = index
        table = self.query_one(RecordTable)
        if table.cursor != index:
            table.cursor = index
        self._show_view()

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        if self.meeting is not None and message.index != self.index:
            self._go(message.index)

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.action_toggle_view()   # Enter on a row shows its card

    def action_toggle_view(self) -> None:
        self.projecting = not self.projecting
        self._show_view()

    # --- deciding ------------------------------------------------------------------------

    def _pending(self) -> AgendaEntry | None:
        entry = self.current
        if entry is None or not entry.pending:
            self.app.bell()
            return None
        return entry

    def _head(self, card: str) -> str:
        return self.heads.get(card, "")

    def action_accept(self) -> None:
        """One key: the deed's suggested item (its points asked where the meeting sets them)."""
        entry = self._pending()
        if entry is None:
            return
        if entry.item is None:
            self.action_pick()
        else:
            self._award_item(entry.card, entry.deed.id, entry.item)

    def action_pick(self) -> None:
        entry = self._pending()
        if entry is None:
            return
        title = t("meeting.pick_title", card=entry.card, head=self._head(entry.card),
                  what=entry.deed.what)
        self.app.push_screen(RubricPicker(self.meeting.rubric, title),
                             partial(self._picked, entry.card, entry.deed.id))

    def _picked(self, card: str, deed_id: int | None, item: Item | None) -> None:
        if item is not None:
            self._award_item(card, deed_id, item)

    def action_set_points(self) -> None:
        entry = self._pending()
        if entry is None:
            return
        item = entry.item
        if item is None:
            self.action_pick()   # no item suggested: choose one, its points asked if it lets
        elif not item.meeting_sets_points:
            self.say(t("meeting.points_fixed_hint", item=item.id, points=item.points),
                     refusal=True)
        else:
            self._award_item(entry.card, entry.deed.id, item)

    def _award_item(self, card: str, deed_id: int | None, item: Item) -> None:
        """Propose `item`; first ask the points if the meeting sets them."""
        if not item.meeting_sets_points:
            self._propose(card, item, None, deed_id)
            return
        title = t("meeting.points_title", card=card, head=self._head(card) or card,
                  item=item.id, name=item.name)
        self.app.push_screen(AskPoints(title, item.min_points, item.max_points),
                             lambda points: None if points is None
                             else self._propose(card, item, points, deed_id))

    def _propose(self, card: str, item: Item, points: int | None, deed_id: int | None,
                 trim: bool = False) -> None:
        actor = self.app.actor
        retry = None if trim else partial(self._propose, card, item, points, deed_id, True)
        self._write(lambda: reviews.propose_award(actor, card, item.id, points=points,
                                                  deed_id=deed_id, trim=trim),
                    self._awarded, retry)

    def _awarded(self, award) -> None:
        key = "meeting.done.trimmed" if award.trimmed else "meeting.done.awarded"
        self.say(t(key, card=award.household, head=award.head, item=award.item_id,
                   name=award.item_name, points=award.points, asked=award.asked_points))

    def action_reject(self) -> None:
        entry = self._pending()
        if entry is None:
            return
        title = t("meeting.reject_title", card=entry.card, head=self._head(entry.card),
                  what=entry.deed.what)
        self.app.push_screen(AskLine(title, t("meeting.reject_prompt"),
                                     dialog_id="meeting-reject",
                                     placeholder=t("meeting.reject_placeholder")),
                             partial(self._reject, entry))

    def _reject(self, entry: AgendaEntry, reason: str | None) -> None:
        if reason is None:
            return
        actor, deed_id, head = self.app.actor, entry.deed.id, self._head(entry.card)
        self._write(lambda: reviews.reject_deed(actor, deed_id, reason),
                    lambda _: self.say(t("meeting.done.rejected", card=entry.card,
                                         head=head, reason=reason)))

    def action_withdraw(self) -> None:
        entry = self.current
        if entry is None or entry.award is None or entry.award.status != "proposed":
            self.app.bell()
            return
        award = entry.award
        title = t("meeting.withdraw_title", card=award.household, head=award.head,
                  item=award.item_id, name=award.item_name, points=award.points)
        self.app.push_screen(AskLine(title, t("meeting.withdraw_prompt"),
                                     dialog_id="meeting-withdraw",
                                     placeholder=t("meeting.withdraw_placeholder")),
                             partial(self._withdraw, award.id))

    def _withdraw(self, award_id: int, reason: str | None) -> None:
        if reason is None:
            return
        actor = self.app.actor
        self._write(lambda: reviews.withdraw_award(actor, award_id, reason),
                    lambda award: self.say(t("meeting.done.withdrawn", card=award.household,
                                             head=award.head, points=award.points)))

    def action_spot_award(self) -> None:
        """An award on the spot, for any household: by card (or a name that finds one)."""
        self.app.push_screen(AskLine(t("meeting.spot_title"), t("meeting.spot_prompt"),
                                     dialog_id="meeting-spot",
                                     placeholder=t("meeting.spot_placeholder")),
                             self._spot_household)

    def _spot_household(self, text: str | None) -> None:
        if text is not None:
            self.run_store(lambda: find_household(text), self._spot_item,
                           on_error=lambda words: self.say(words, refusal=True))

    def _spot_item(self, standing: Standing) -> None:
        self.heads[standing.card] = standing.head
        title = t("meeting.spot_pick_title", card=standing.card, head=standing.head)
        self.app.push_screen(RubricPicker(self.meeting.rubric, title),
                             partial(self._picked, standing.card, None))

    def action_open_review(self) -> None:
        self.app.push_screen(OpenReviewDialog(self.meeting.period_to_open), self._open_review)

    def _open_review(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        actor, (period, attendees) = self.app.actor, answer
        self._write(lambda: reviews.open_review(actor, period, attendees),
                    lambda review: self.say(t("meeting.done.opened", period=review.period)))

    # --- writing ---------------------------------------------------------------------------

    def _write(self, call: Callable, on_done: Callable,
               retry: Callable | None = None) -> None:
        """Run one decision, then read the meeting again, in the same worker.

        A refusal comes back as the JifenError itself (not words), so the room
        hears it in its own terms and a cap or budget can be offered the trim.
        """
        if self.busy:
            self.app.bell()
            return
        self.busy = True
        today, keep = self.app.actor.today, self._keep_keys()

        def job():
            try:
                outcome = call()
            except JifenError as error:
                outcome = error
            return outcome, meeting_state(today)

        self.run_store(job, partial(self._written, keep, on_done, retry),
                       on_error=self._failed)

    def _written(self, keep: list, on_done: Callable, retry: Callable | None, reply) -> None:
        outcome, meeting = reply
        self.busy = False
        self._show(keep, meeting)
        if isinstance(outcome, JifenError):
            self._refused(outcome, retry)
        else:
            on_done(outcome)

    def _failed(self, text: str) -> None:
        self.busy = False
        self.say(text, refusal=True)

    def _refused(self, error: JifenError, retry: Callable | None) -> None:
        words = self.room_words(error)
        left = error.params.get("left", 0)
        if error.key in TRIMMABLE and left > 0 and retry is not None:
            self.say(words, refusal=True)
            self.app.push_screen(Confirm(words, t("meeting.trim_question", left=left),
                                         dialog_id="meeting-trim"),
                                 lambda yes: retry() if yes else self.say(
                                     t("meeting.trim_declined"), refusal=True))
            return
        self.app.bell()
        self.say(words, refusal=True)

    def room_words(self, error: JifenError) -> str:
        """A refusal as the room would say it: whose, how many, what is left."""
        room_key = f"meeting.refused.{error.key.split('.')[-1]}"
        if error.key in TRIMMABLE and error.params.get("left") == 0:
            room_key += "_full"
        if not error.key.startswith("review.") or room_key not in MESSAGES:
            return explain(error)
        params = dict(error.params)
        card = params.get("card", "")
        params.update(head=self._head(card) or card, this=this_period(self.meeting.rhythm))
        if "item" in params and self.meeting.rubric is not None:
            params["name"] = self.meeting.rubric.item(params["item"]).name
        return t(room_key, **params)
