"""Register a deed for one household: the item (typed or picked), evidence, date, what happened.

The item field takes an id as typed ("5.3", "53") and moves on; anything else
(words, pinyin initials, nothing) and Enter opens the rubric picker on what
was typed. The store has the last word: its refusals show in the form, which
stays open.
"""

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from store.deeds import DeedInfo
from store.roster import HouseholdInfo
from store.rubric import Item, Rubric
from store.rubric_search import EXACT_ID, match_tier, normalize_query
from tui.dialogs.rubric_picker import RubricPicker, points_text
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field
from tui.widgets.tick import Tick
from tui.work import StoreWork


def typed_item(rubric: Rubric | None, text: str) -> Item | None:
    """The item in force whose id is exactly what was typed ("5.3", "53", "５．３")."""
    query = normalize_query(text)
    if rubric is None or not query:
        return None
    for item in rubric.items():
        if not item.retired and match_tier(item, query) == EXACT_ID:
            return item
    return None


def household_line(household: HouseholdInfo) -> str:
    if household.group:
        return t("deeds.form.household", card=household.card_no, head=household.head,
                 group=household.group)
    return f"{household.card_no} {household.head}"


def parse_day(text: str) -> date | None:
    """An ISO date (full-width digits too); None for an empty field, which means today."""
    text = normalize_query(text)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(text) from None


class SavingTick(Tick):
    """The last field of the form: Enter registers, as on the last line of any form."""

    BINDINGS = [Binding("enter", "screen.save", show=False)]


class DeedForm(QuietFocus, TranslatedBindings, StoreWork, ModalScreen[DeedInfo | None]):
    """Dismissed with the registered deed, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "deeds.key.save", tooltip="deeds.tip.save", id="deed-save"),
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
    ]

    def __init__(self, household: HouseholdInfo, rubric: Rubric | None, today: date,
                 save: Callable[..., DeedInfo]) -> None:
        """`save(item_id=, day=, what=, evidence=, self_applied=)` registers, in a worker."""
        super().__init__()
        self.translate_bindings()
        self.household, self.rubric, self.today, self.save = household, rubric, today, save
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="deed-form"):
            yield Label(t("deeds.form.title", household=household_line(self.household)),
                        markup=False, classes="dialog-title")
            with Grid(id="deed-grid"):
                yield from self._field("item", "deeds.form.hint.item")
                yield Label("", classes="form-label")
                yield Static(t("deeds.form.item_choose"), id="deed-item-hint", markup=False)
                yield from self._field("evidence", "deeds.form.hint.evidence")
                yield from self._field("what", "deeds.form.hint.what")
                yield from self._field("day", "deeds.form.hint.day", self.today.isoformat())
                yield Label(t("deeds.form.applied"), classes="form-label")
                yield SavingTick(t("deeds.form.self_applied"), id="deed-self-applied")
            yield Static("", id="deed-error", classes="error")
            yield Label(t("deeds.form.keys"), classes="dialog-keys")

    def _field(self, name: str, hint: str, value: str = "") -> ComposeResult:
        yield Label(t(f"deeds.form.{name}"), classes="form-label")
        yield Field(value, placeholder=t(hint), id=f"deed-{name}")

    def on_mount(self) -> None:
        self.query_one("#deed-item", Input).focus()

    def _value(self, name: str) -> str:
        return self.query_one(f"#deed-{name}", Input).value

    def _say(self, text: str) -> None:
        self.query_one("#deed-error", Static).update(text)

    # --- the item -------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "deed-item":
            self.query_one("#deed-item-hint", Static).update(self._item_hint(event.value))

    def _item_hint(self, text: str) -> str:
        item = typed_item(self.rubric, text)
        if item is not None:
            return t("deeds.form.item_found", id=item.id, name=item.name, points=points_text(item))
        if text.strip():
            return t("deeds.form.item_find", query=text.strip())
        return t("deeds.form.item_choose")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on an item that is not an id it opens the picker."""
        if event.input.id == "deed-item" and typed_item(self.rubric, event.value) is None:
            self.pick_item(event.value)
        else:
            self.focus_next()

    def pick_item(self, query: str) -> None:
        if self.rubric is None:
            self._say(t("rubric.none_adopted"))
            return
        # The picker opens on what the clerk typed in the item field.
        self.app.push_screen(RubricPicker(self.rubric, query=query.strip()), self._item_picked)

    def _item_picked(self, item: Item | None) -> None:
        if item is None:
            return  # back in the item field, as it was
        self.query_one("#deed-item", Input).value = item.id
        self.query_one("#deed-evidence", Input).focus()

    # --- saving -----------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving:
            return
        text = self._value("item")
        item = typed_item(self.rubric, text)
        try:
            day = parse_day(self._value("day"))
        except ValueError as bad:
            self._say(t("deeds.bad_date", value=str(bad)))
            self.query_one("#deed-day", Input).focus()
            return
        given = {"item_id": item.id if item else text.strip(), "day": day,
                 "what": self._value("what"), "evidence": self._value("evidence"),
                 "self_applied": self.query_one(SavingTick).value}
        self.saving = True
        self._say(t("deeds.form.saving"))
        self.run_store(lambda: self.save(**given), self.dismiss, on_error=self._refused)

    def _refused(self, text: str) -> None:
        self.saving = False
        self._say(text)

    def action_cancel(self) -> None:
        # Leaving while a save is on its way would hide whether it happened.
        if not self.saving:
            self.dismiss(None)
