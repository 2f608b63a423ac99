"""Add or edit a household: a form that saves through the store and shows refusals."""

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from store.roster import HouseholdFields, HouseholdInfo
from tui.focus import QuietFocus
from tui.forms import format_members, parse_members
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field
from tui.widgets.tick import Tick
from tui.work import StoreWork

# (field, hint key) in the order of Tab and Enter; the 建档立卡 tick comes
# before the last field, so Enter passes it on the way to saving.
FIELDS = (
    ("card_no", "form.hint.card"),
    ("head", "form.hint.head"),
    ("group", "form.hint.group"),
    ("house_no", "form.hint.house"),
    ("member_count", "form.hint.count"),
    ("phone", "form.hint.phone"),
    ("members", "form.hint.members"),
)
LAST_FIELD = ("notes", "form.hint.notes")


class HouseholdForm(QuietFocus, TranslatedBindings, StoreWork, ModalScreen[HouseholdInfo | None]):
    """Dismissed with the saved household, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", tooltip="tip.save", id="save"),
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
    ]

    def __init__(self, title: str, save: Callable[[HouseholdFields], HouseholdInfo],
                 household: HouseholdInfo | None = None) -> None:
        super().__init__()
        self.translate_bindings()
        self.form_title, self.save, self.household = title, save, household
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="household-form"):
            yield Label(self.form_title, classes="dialog-title")
            with Grid(id="form-grid"):
                for name, hint in FIELDS:
                    yield from self._field(name, hint)
                yield Label(t("form.label.poor"), classes="form-label")
                yield Tick(t("form.poor"), self.household.poor if self.household else False,
                           id="form-poor")
                yield from self._field(*LAST_FIELD)
            yield Static("", id="form-error", classes="error")
            yield Label(t("form.keys"), classes="dialog-keys")

    def _field(self, name: str, hint: str) -> ComposeResult:
        yield Label(t(f"form.label.{name}"), classes="form-label")
        yield Field(self._initial(name), placeholder=t(hint), id=f"form-{name}")

    def _initial(self, name: str) -> str:
        if self.household is None:
            return ""
        if name == "members":
            return format_members(self.household.members or ())
        return str(getattr(self.household, name))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        if event.input.id == f"form-{LAST_FIELD[0]}":
            self.action_save()
        else:
            self.focus_next()

    def _value(self, name: str) -> str:
        return self.query_one(f"#form-{name}", Input).value

    def fields(self) -> HouseholdFields:
        """What the form says: for an add, the fields filled in; for an edit, those changed."""
        values = {name: self._value(name) for name, _ in (*FIELDS, LAST_FIELD)}
        values["members"] = parse_members(values["members"])
        values["poor"] = self.query_one("#form-poor", Tick).value
        if self.household is None:
            required = ("card_no", "head")  # left empty, the store says they are missing
            values = {name: value for name, value in values.items()
                      if name in required or value not in ("", [])}
        else:
            before = {name: self._initial(name) for name, _ in (*FIELDS, LAST_FIELD)}
            before["members"] = parse_members(before["members"])
            before["poor"] = self.household.poor
            values = {name: value for name, value in values.items() if value != before[name]}
        return HouseholdFields(**values)

    def action_save(self) -> None:
        if self.saving:
            return
        given = self.fields()
        self.saving = True
        self.query_one("#form-error", Static).update(t("form.saving"))
        self.run_store(lambda: self.save(given), self.dismiss, on_error=self._refused)

    def _refused(self, text: str) -> None:
        self.saving = False
        self.query_one("#form-error", Static).update(text)

    def action_cancel(self) -> None:
        # Leaving while a save is on its way would hide whether it happened.
        if not self.saving:
            self.dismiss(None)
