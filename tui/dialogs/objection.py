"""Objections at the notice desk: register one against an award, and resolve it.

Both forms save through the store in a worker and stay open with the store's
refusal in words (the notice is over, the new points are not lower...).
"""

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from store.objections import ObjectionInfo
from store.reviews import AwardInfo
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field
from tui.work import StoreWork


def award_line(award: AwardInfo) -> str:
    return t("desk.award_line", award=award.id, card=award.household, head=award.head,
             item=award.item_id, name=award.item_name, points=award.points)


class SavingForm(QuietFocus, TranslatedBindings, StoreWork, ModalScreen[ObjectionInfo | None]):
    """A form saved by `save_call()` in a worker: dismissed with what it returns."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", tooltip="tip.save", id="save"),
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.translate_bindings()
        self.saving = False

    def save_call(self) -> Callable[[], ObjectionInfo] | None:
        """The store call for what the form says, or None after showing what is missing."""
        raise NotImplementedError

    def action_save(self) -> None:
        if self.saving:
            return
        call = self.save_call()
        if call is None:
            return
        self.saving = True
        self.show_error(t("form.saving"))
        self.run_store(call, self.dismiss, on_error=self._refused)

    def _refused(self, text: str) -> None:
        self.saving = False
        self.show_error(text)

    def show_error(self, text: str) -> None:
        self.query_one("#form-error", Static).update(Text(text))

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def action_cancel(self) -> None:
        # Leaving while a save is on its way would hide whether it happened.
        if not self.saving:
            self.dismiss(None)


class ObjectionForm(SavingForm):
    """Who objects to the award, and why; `save(by, reason)` registers it."""

    def __init__(self, award: AwardInfo, save: Callable[[str, str], ObjectionInfo]) -> None:
        super().__init__()
        self.award, self.save = award, save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="objection-form"):
            yield Label(t("objection_form.title", award=self.award.id), classes="dialog-title")
            yield Label(Text(award_line(self.award)), id="objection-award")
            with Grid(id="form-grid"):
                yield Label(t("objection_form.label.by"), classes="form-label")
                yield Field(placeholder=t("objection_form.hint.by"), id="objection-by")
                yield Label(t("objection_form.label.reason"), classes="form-label")
                yield Field(placeholder=t("objection_form.hint.reason"), id="objection-reason")
            yield Static("", id="form-error", classes="error")
            yield Label(t("objection_form.keys"), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it registers."""
        if event.input.id == "objection-reason":
            self.action_save()
        else:
            self.focus_next()

    def save_call(self):
        by, reason, save = self.value("objection-by"), self.value("objection-reason"), self.save
        return lambda: save(by, reason)  # the store says what is missing


OUTCOMES = ("dismissed", "lower", "cancel")


class Outcome(Widget, can_focus=True):
    """One of three outcomes, marked (*): the arrows (or 1 2 3) move the mark itself.

    Not a RadioSet: there the arrows move a highlight that only colour shows,
    and the choice waits for Space, which is easy to forget.
    """

    DEFAULT_CSS = """
    Outcome { height: 3; padding: 0 0 0 2; }
    Outcome:focus { text-style: bold; }
    """
    BINDINGS = [Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False),
                Binding("1", "pick(0)", show=False), Binding("2", "pick(1)", show=False),
                Binding("3", "pick(2)", show=False),
                Binding("enter", "app.focus_next", show=False)]

    index = reactive(0)

    class Changed(Message):
        def __init__(self, outcome: str) -> None:
            super().__init__()
            self.outcome = outcome

    def render(self) -> Text:
        marks = [f"{'(*)' if number == self.index else '( )'} {number + 1} "
                 f"{t(f'resolve_form.{outcome}')}" for number, outcome in enumerate(OUTCOMES)]
        return Text("\n".join(marks))

    @property
    def outcome(self) -> str:
        return OUTCOMES[self.index]

    def action_move(self, step: int) -> None:
        self.index = (self.index + step) % len(OUTCOMES)

    def action_pick(self, number: int) -> None:
        self.index = number

    def watch_index(self) -> None:
        self.post_message(self.Changed(self.outcome))


class ResolveForm(SavingForm):
    """Upheld (fewer points, or cancelled) or dismissed, with a reason.

    `save(upheld, new_points, reason)` resolves it.
    """

    def __init__(self, objection: ObjectionInfo, award: AwardInfo,
                 save: Callable[[bool, int | None, str], ObjectionInfo]) -> None:
        super().__init__()
        self.objection, self.award, self.save = objection, award, save

    def compose(self) -> ComposeResult:
        objection = self.objection
        with Vertical(classes="dialog", id="resolve-form"):
            yield Label(t("resolve_form.title", id=objection.id, award=objection.award),
                        classes="dialog-title")
            yield Label(Text(award_line(self.award)))
            yield Label(Text(t("resolve_form.objection", by=objection.raised_by,
                               reason=objection.reason)), id="resolve-objection")
            yield Label(t("resolve_form.label.outcome"), classes="form-section")
            yield Outcome(id="resolve-outcome")
            with Grid(id="form-grid"):
                yield Label(t("resolve_form.label.points"), classes="form-label")
                yield Field(placeholder=t("resolve_form.hint.points", points=self.award.points),
                            id="resolve-points", disabled=True)
                yield Label(t("resolve_form.label.reason"), classes="form-label")
                yield Field(placeholder=t("resolve_form.hint.reason"), id="resolve-reason")
            yield Static("", id="form-error", classes="error")
            yield Label(t("resolve_form.keys"), classes="dialog-keys")

    def on_outcome_changed(self, message: Outcome.Changed) -> None:
        self.query_one("#resolve-points", Input).disabled = message.outcome != "lower"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        if event.input.id == "resolve-reason":
            self.action_save()
        else:
            self.focus_next()

    def save_call(self):
        outcome = self.query_one(Outcome).outcome
        reason, save = self.value("resolve-reason"), self.save
        points = None
        if outcome == "lower":
            try:
                points = int(self.value("resolve-points").strip())
            except ValueError:
                self.show_error(t("resolve_form.points_needed"))
                self.query_one("#resolve-points").focus()
                return None
        upheld = outcome != "dismissed"
        return lambda: save(upheld, points, reason)
