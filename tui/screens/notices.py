"""The notice desk: close the review, watch its notice run, objections, sign-off, finalizing.

After the meeting the clerk closes the review here and its awards go on the
notice board (D3: from tomorrow, for the policy's days). While a notice runs,
objections are registered against awards and resolved; where the policy asks,
a supervisor signs the review off; once the notice is over, finalizing posts
every award without an open objection. The result notice and the households'
points slips are shown as plain text and saved to a file.

Every rule is the store's: a refusal (too early, not a supervisor, points not
lower) is its message, in the clerk's words.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from store import notice_text, rules
from store.adoption import policy_version
from store.errors import JifenError
from store.ledger import balance
from store.objections import ObjectionInfo, objections_of, raise_objection, resolve_objection
from store.policy import Policy
from store.reviews import (AwardInfo, ReviewInfo, close_review, finalize_review, review_info,
                           sign_off)
from tui.dialogs.ask import Confirm
from tui.dialogs.objection import ObjectionForm, ResolveForm
from tui.dialogs.text_preview import preview_and_save
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork

RECENT_REVIEWS = 12  # the desk shows the newest reviews; older notices are long over


@dataclass(frozen=True)
class Notice:
    """A review as the desk shows it: its awards, their objections, and its policy."""

    review: ReviewInfo
    objections: tuple[ObjectionInfo, ...]
    policy: Policy

    @property
    def awards(self) -> list[AwardInfo]:
        return notice_text.on_notice(self.review)

    @property
    def open_objections(self) -> int:
        return sum(objection.status == "open" for objection in self.objections)

    @property
    def held(self) -> int:
        return sum(a.status == "proposed" and a.open_objections > 0 for a in self.awards)

    @property
    def ready(self) -> int:
        """Awards that finalizing would post now: proposed, without an open objection."""
        return sum(a.status == "proposed" and not a.open_objections for a in self.awards)

    @property
    def signoff_due(self) -> bool:
        return (self.review.status == "closed" and self.policy.supervisor_signoff
                and not self.review.signed_off_by)

    def objections_of(self, award_id: int) -> list[ObjectionInfo]:
        return [objection for objection in self.objections if objection.award == award_id]


def recent_notices(limit: int = RECENT_REVIEWS) -> list[Notice]:
    """The newest reviews first, each with its objections and the policy it works under."""
    try:
        latest = review_info()
    except JifenError as error:
        if error.key == "review.none":
            return []
        raise
    found = []
    for review_id in range(latest.id, max(0, latest.id - limit), -1):
        review = latest if review_id == latest.id else review_info(review_id)
        found.append(Notice(review, tuple(objections_of(review.id)),
                            policy_version(review.policy_version).document))
    return found


def review_columns() -> list[Column]:
    return [Column(t("desk.col.review"), 4, "right"), Column(t("desk.col.period"), 7),
            Column(t("desk.col.state"), 10), Column(t("desk.col.closed"), 10),
            Column(t("desk.col.last_day"), 10), Column(t("desk.col.awards"), 4, "right"),
            Column(t("desk.col.objections"), 4, "right"), Column(t("desk.col.open"), 6, "right"),
            Column(t("desk.col.held"), 4, "right"), Column(t("desk.col.signed"), 8)]


def review_cells(notice: Notice) -> tuple[str, ...]:
    review = notice.review
    signed = review.signed_off_by or (t("desk.sign_due") if notice.signoff_due else "")
    counts = ((str(len(notice.objections)), str(notice.open_objections), str(notice.held))
              if review.status != "open" else ("", "", ""))
    return (str(review.id), review.period, t(f"review_status.{review.status}"),
            str(review.closed_on or ""), str(review.notice_last_day or ""),
            str(len(notice.awards)), *counts, signed)


def award_columns() -> list[Column]:
    return [Column(t("notice_text.col.award"), 4, "right"),
            Column(t("notice_text.col.card"), 8), Column(t("notice_text.col.head"), 10),
            Column(t("notice_text.col.item"), 5), Column(t("notice_text.col.item_name"), 18),
            Column(t("notice_text.col.points"), 5, "right"),
            Column(t("notice_text.col.state"), 12), Column(t("desk.col.objections"), 4, "right")]


def award_cells(notice: Notice, award: AwardInfo) -> tuple[str, ...]:
    objections = notice.objections_of(award.id)
    state = (t("award_status.proposed") if notice.review.status == "open"
             else notice_text.award_state(award, notice.objections, t))
    return (str(award.id), award.household, award.head, award.item_id, award.item_name,
            str(award.points), state, str(len(objections)) if objections else "")


def notice_days(review: ReviewInfo) -> tuple[date, date]:
    """The first and the last day of a closed review's notice (D3: day 1 is the day after)."""
    return review.closed_on + timedelta(days=1), review.notice_last_day


class NoticeDeskScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    BINDINGS = [
        Binding("c", "close_review", "desk.key.close", tooltip="desk.tip.close",
                id="desk-close"),
        Binding("o", "object", "desk.key.object", tooltip="desk.tip.object", id="desk-object"),
        Binding("r", "resolve", "desk.key.resolve", tooltip="desk.tip.resolve",
                id="desk-resolve"),
        Binding("f", "finalize", "desk.key.finalize", tooltip="desk.tip.finalize",
                id="desk-finalize"),
        Binding("n", "notice", "desk.key.notice", tooltip="desk.tip.notice", id="desk-notice"),
        Binding("s", "slips", "desk.key.slips", tooltip="desk.tip.slips", id="desk-slips"),
        Binding("g", "sign_off", "desk.key.signoff", tooltip="desk.tip.signoff", show=False,
                id="desk-signoff"),
        Binding("p", "print_notices", "printing.key.open", tooltip="printing.tip.open",
                show=False, id="desk-print"),
    ]

    def __init__(self) -> None:
        super().__init__(id="notice-desk-screen")
        self.translate_bindings()
        self.notices: list[Notice] = []
        self._shown_review: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        yield TableHeader(id="desk-reviews-header")
        yield RecordTable(review_columns(), id="desk-reviews")
        yield Static(id="desk-review-detail")
        yield TableHeader(id="desk-awards-header")
        yield RecordTable(award_columns(), id="desk-awards")
        yield Static(id="desk-objections")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#desk-reviews-header", TableHeader).show_columns(review_columns())
        self.query_one("#desk-awards-header", TableHeader).show_columns(award_columns())
        self.reviews_table.focus()

    def on_screen_resume(self) -> None:
        """Shown again (back from a dialog or another task): the meeting may have moved on."""
        self.load()

    @property
    def reviews_table(self) -> RecordTable:
        return self.query_one("#desk-reviews", RecordTable)

    @property
    def awards_table(self) -> RecordTable:
        return self.query_one("#desk-awards", RecordTable)

    # --- loading ---------------------------------------------------------------------

    def load(self, keep_review: int | None = None, keep_award: int | None = None) -> None:
        if keep_review is None and self.current is not None:
            keep_review = self.current.review.id
        if keep_award is None and self.current_award is not None:
            keep_award = self.current_award.id
        self.run_store(recent_notices, partial(self._show, keep_review, keep_award),
                       group="notices", exclusive=True)

    def _show(self, keep_review: int | None, keep_award: int | None,
              notices: list[Notice]) -> None:
        self.notices = notices
        ids = [notice.review.id for notice in notices]
        cursor = ids.index(keep_review) if keep_review in ids else 0
        self._shown_review = None
        self.reviews_table.set_rows([review_cells(notice) for notice in notices],
                                    frozenset(i for i, notice in enumerate(notices)
                                              if notice.review.status == "finalized"),
                                    cursor)
        self._show_awards(keep_award)
        self._show_status()

    def _show_status(self) -> None:
        actor = self.app.actor
        line = t("desk.status", village=self.app.village.name, today=actor.today,
                 acting=self.app.sub_title)
        self.query_one("#status-line", Static).update(Text(line))

    @property
    def current(self) -> Notice | None:
        cursor = self.reviews_table.cursor
        return self.notices[cursor] if 0 <= cursor < len(self.notices) else None

    @property
    def current_award(self) -> AwardInfo | None:
        notice = self.current
        if notice is None or notice.review.id != self._shown_review:
            return None
        awards, cursor = notice.awards, self.awards_table.cursor
        return awards[cursor] if 0 <= cursor < len(awards) else None

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        if message.table.id == "desk-reviews":
            self._show_awards()
        else:
            self._show_objections()
        self.refresh_bindings()

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        if message.table.id == "desk-reviews":
            self.awards_table.focus()

    def _show_awards(self, keep_award: int | None = None) -> None:
        notice = self.current
        if notice is None:
            self.awards_table.set_rows([])
            self.query_one("#desk-review-detail", Static).update(t("desk.none"))
            self._show_objections()
            return
        if notice.review.id == self._shown_review and keep_award is None:
            return
        self._shown_review = notice.review.id
        awards = notice.awards
        ids = [award.id for award in awards]
        cursor = ids.index(keep_award) if keep_award in ids else 0
        self.awards_table.set_rows([award_cells(notice, award) for award in awards],
                                   frozenset(i for i, award in enumerate(awards)
                                             if award.status == "cancelled"),
                                   cursor)
        self.query_one("#desk-review-detail", Static).update(Text(self._detail(notice)))
        self._show_objections()

    def _detail(self, notice: Notice) -> str:
        review = notice.review
        if review.status == "open":
            return t("desk.detail.open", count=len(notice.awards))
        first, last = notice_days(review)
        parts = [t("desk.detail.notice", first=first, last=last)]
        if review.status == "finalized":
            parts.append(t("desk.detail.finalized", day=review.finalized_on,
                           effective=sum(a.status == "effective" for a in notice.awards)))
        elif self.app.actor.today > last:
            parts.append(t("desk.detail.over"))
        else:
            parts.append(t("desk.detail.running", after=last + timedelta(days=1)))
        if notice.held:
            parts.append(t("desk.detail.held", held=notice.held))
        if review.status == "finalized" and notice.ready:
            parts.append(t("desk.detail.ready", ready=notice.ready))
        if review.signed_off_by:
            parts.append(t("desk.detail.signed", name=review.signed_off_by))
        elif notice.signoff_due:
            parts.append(t("desk.detail.signoff_due"))
        return " · ".join(parts)

    def _show_objections(self) -> None:
        award, notice = self.current_award, self.current
        lines = []
        if award is not None and notice.review.status != "open":
            for objection in notice.objections_of(award.id):
                lines.append(self._objection_line(objection))
            lines = lines or [t("desk.objection.none")]
        self.query_one("#desk-objections", Static).update(Text("\n".join(lines)))

    @staticmethod
    def _objection_line(objection: ObjectionInfo) -> str:
        status = t(f"objection_status.{objection.status}")
        if objection.status != "open":
            key = ("desk.objection.new_points" if objection.new_points is not None
                   else "desk.objection.resolution")
            status = t(key, status=status, points=objection.new_points,
                       resolution=objection.resolution)
        return t("desk.objection.line", id=objection.id, by=objection.raised_by,
                 reason=objection.reason, status=status)

    # --- which keys apply ------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool:
        """Keys that cannot apply to the highlighted review are left out of the footer."""
        notice = self.current
        status = notice.review.status if notice else None
        if action == "close_review":
            return any(notice.review.status == "open" for notice in self.notices)
        if action == "object":
            return status == "closed"
        if action == "resolve":
            return status in ("closed", "finalized") and notice.open_objections > 0
        if action == "finalize":
            return status == "closed" or (status == "finalized" and notice.ready > 0)
        if action == "sign_off":
            return notice is not None and notice.signoff_due
        if action in ("notice", "slips"):
            return status in ("closed", "finalized")
        return True

    def _done(self, keep_review: int, text: str) -> None:
        self.notify(text)
        self.load(keep_review)

    # --- closing -----------------------------------------------------------------------------

    def action_close_review(self) -> None:
        """Close the review in session, after saying what goes on notice and until when."""
        notice = next((n for n in self.notices if n.review.status == "open"), None)
        if notice is None:
            return
        review, today = notice.review, self.app.actor.today
        last = rules.notice_last_day(notice.policy, today)
        question = t("desk.close_question", count=notice.ready, first=today + timedelta(days=1),
                     last=last, days=notice.policy.notice_days)
        self.app.push_screen(Confirm(t("desk.close_title", id=review.id, period=review.period),
                                     question, dialog_id="desk-close-confirm"),
                             lambda yes: self._close(review.id) if yes else None)

    def _close(self, review_id: int) -> None:
        actor = self.app.actor
        self.run_store(lambda: close_review(actor, review_id), self._review_closed)

    def _review_closed(self, review: ReviewInfo) -> None:
        count = sum(award.status == "proposed" for award in review.awards)
        self._done(review.id, t("cli.review.closed", id=review.id, count=count,
                                last_day=review.notice_last_day))

    # --- objections ------------------------------------------------------------------------

    def _award_or_say(self) -> AwardInfo | None:
        award = self.current_award
        if award is None:
            self.notify(t("desk.no_award"), severity="warning")
        return award

    def action_object(self) -> None:
        award = self._award_or_say()
        if award is None:
            return
        actor, review_id = self.app.actor, award.review
        self.app.push_screen(
            ObjectionForm(award, lambda by, reason: raise_objection(actor, award.id, by, reason)),
            partial(self._objection_added, review_id))

    def _objection_added(self, review_id: int, objection: ObjectionInfo | None) -> None:
        if objection is not None:
            self._done(review_id, t("cli.objection.added", id=objection.id,
                                    award=objection.award))

    def action_resolve(self) -> None:
        """Resolve the highlighted award's first open objection."""
        award = self._award_or_say()
        if award is None:
            return
        waiting = [o for o in self.current.objections_of(award.id) if o.status == "open"]
        if not waiting:
            self.notify(t("desk.objection.none_open", award=award.id), severity="warning")
            return
        objection, actor, review_id = waiting[0], self.app.actor, award.review

        def resolve(upheld: bool, points: int | None, reason: str) -> ObjectionInfo:
            return resolve_objection(actor, objection.id, upheld=upheld, reason=reason,
                                     new_points=points)

        self.app.push_screen(ResolveForm(objection, award, resolve),
                             partial(self._resolved, review_id))

    def _resolved(self, review_id: int, objection: ObjectionInfo | None) -> None:
        if objection is not None:
            self._done(review_id, t("cli.objection.resolved", id=objection.id,
                                    status=t(f"objection_status.{objection.status}")))

    # --- sign-off and finalizing -----------------------------------------------------------

    def action_sign_off(self) -> None:
        notice = self.current
        if notice is None:
            return
        review, actor = notice.review, self.app.actor
        self.app.push_screen(
            Confirm(t("desk.signoff_title", id=review.id, period=review.period),
                    t("desk.signoff_question", name=actor.staff_name),
                    dialog_id="desk-signoff-confirm"),
            lambda yes: self.run_store(lambda: sign_off(actor, review.id), self._signed)
            if yes else None)

    def _signed(self, review: ReviewInfo) -> None:
        self._done(review.id, t("cli.review.signed", id=review.id, name=review.signed_off_by))

    def action_finalize(self) -> None:
        """Finalize after asking; while the notice runs the store's refusal says until when."""
        notice = self.current
        if notice is None:
            return
        review, actor = notice.review, self.app.actor
        if not rules.notice_over(notice.policy, review.closed_on, actor.today):
            self._finalize(review.id)  # refused, with the notice's last day
            return
        question = t("desk.finalize_question", ready=notice.ready, held=notice.held)
        self.app.push_screen(
            Confirm(t("desk.finalize_title", id=review.id, period=review.period), question,
                    dialog_id="desk-finalize-confirm"),
            lambda yes: self._finalize(review.id) if yes else None)

    def _finalize(self, review_id: int) -> None:
        actor = self.app.actor
        self.run_store(lambda: finalize_review(actor, review_id), self._finalized)

    def _finalized(self, review: ReviewInfo) -> None:
        effective = sum(award.status == "effective" for award in review.awards)
        held = sum(award.open_objections > 0 for award in review.awards)
        self._done(review.id, t("cli.review.finalized", id=review.id, effective=effective,
                                held=held))

    # --- printing any notice -------------------------------------------------------------

    def action_print_notices(self) -> None:
        from tui.screens.printing import PrintingScreen

        self.app.push_screen(PrintingScreen())

    # --- the result notice and the points slips --------------------------------------------

    def action_notice(self) -> None:
        notice = self.current
        if notice is None:
            return
        review, today, village = notice.review, self.app.actor.today, self.app.village.name

        def write() -> str:
            policy = policy_version(review.policy_version).document
            return notice_text.result_notice(village, review_info(review.id),
                                             objections_of(review.id), t, today,
                                             name_deductions=policy.name_deductions)

        title = t("desk.notice_title", id=review.id, period=review.period)
        name = t("desk.notice_file", id=review.id, period=review.period)
        self.run_store(write, lambda text: preview_and_save(self, title, name, text))

    def action_slips(self) -> None:
        notice = self.current
        if notice is None:
            return
        review, today, village = notice.review, self.app.actor.today, self.app.village.name
        cards = notice_text.slip_households(review)
        if not cards:
            self.notify(t("desk.no_slips", id=review.id), severity="warning")
            return

        def write() -> str:
            return notice_text.points_slips(village, review_info(review.id),
                                            {card: balance(card) for card in cards},
                                            objections_of(review.id), t, today)

        title = t("desk.slips_title", id=review.id, period=review.period, count=len(cards))
        name = t("desk.slips_file", id=review.id, period=review.period)
        self.run_store(write, lambda text: preview_and_save(self, title, name, text))
