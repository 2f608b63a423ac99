"""Add or change a rubric item: a form whose refusals come from the store's own rules.

The form edits the screen's working copy, not the village file: saving it
calls a pure store function (store.rubric_edit) that returns the changed
rubric, or refuses the change with the message a bad file would get.
"""

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from store.errors import JifenError
from store.rubric import UNITS, Category, Item, Rubric
from store.rubric_edit import ItemFields, fields_of, whole_number
from tui.focus import QuietFocus
from tui.i18n import explain, t
from tui.keys import TranslatedBindings
from tui.widgets.field import Field
from tui.widgets.tick import Tick

# The number fields, by the TOML key they fill (a refusal names that key).
NUMBERS = ("points", "min_points", "max_points", "max_per_period")
FORM_KEYS = ("name", "description", "meeting_sets_points", *NUMBERS, "unit", "example",
             "evidence")


class UnitChoice(Widget, can_focus=True):
    """One of the three units on one line: ← → or Space choose, Enter moves on.

    Drawn as [x] / [ ] like Tick, so the choice reads in any colour.
    """

    DEFAULT_CSS = "UnitChoice { height: 1; width: 1fr; } UnitChoice:focus { text-style: bold; }"
    BINDINGS = [Binding("right,space", "step(1)", show=False),
                Binding("left", "step(-1)", show=False),
                Binding("enter", "app.focus_next", show=False)]

    value: reactive[str] = reactive(UNITS[0])

    class Changed(Message):
        def __init__(self, choice: "UnitChoice") -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, value: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(UnitChoice.value, value)

    def render(self) -> Text:
        marks = [f"[{'x' if unit == self.value else ' '}] {t(f'unit.{unit}')}" for unit in UNITS]
        return Text("  ".join(marks))

    def action_step(self, step: int) -> None:
        self.value = UNITS[(UNITS.index(self.value) + step) % len(UNITS)]

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))


class RubricItemForm(QuietFocus, TranslatedBindings, ModalScreen[Rubric | None]):
    """Dismissed with the changed working copy, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", tooltip="tip.item_save", id="save"),
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
    ]

    def __init__(self, title: str, category: Category, save: Callable[[ItemFields], Rubric],
                 item: Item | None = None) -> None:
        super().__init__()
        self.translate_bindings()
        self.form_title, self.category, self.save = title, category, save
        self.initial = fields_of(item) if item else ItemFields(name="")

    def compose(self) -> ComposeResult:
        initial = self.initial
        with Vertical(classes="dialog", id="rubric-item-form"):
            yield Label(self.form_title, classes="dialog-title")
            yield Label(t("rubric_form.category", id=self.category.id, name=self.category.name,
                          kind=t(f"rubric_kind.{self.category.kind}")), id="item-category")
            with Grid(id="item-grid"):
                yield from self._field("name", initial.name)
                yield from self._field("description", _one_line(initial.description))
                yield from self._tick("meeting_sets_points", initial.meeting_sets_points)
                yield from self._field("points", _number_text(initial.points))
                yield Label(t("rubric_form.label.range"), classes="form-label")
                with Horizontal(id="item-range"):
                    yield Field(_number_text(initial.min_points), id="item-min_points",
                                placeholder=t("rubric_form.hint.min_points"))
                    yield Label("~", id="item-range-mark")
                    yield Field(_number_text(initial.max_points), id="item-max_points",
                                placeholder=t("rubric_form.hint.max_points"))
                yield Label(t("rubric_form.label.unit"), classes="form-label")
                yield UnitChoice(initial.unit, id="item-unit")
                yield from self._field("max_per_period", _number_text(initial.max_per_period))
                yield from self._tick("example", initial.example)
                yield from self._field("evidence", initial.evidence)
            yield Static("", id="item-error", classes="error")
            yield Label(t("rubric_form.keys"), classes="dialog-keys")

    def _field(self, name: str, value: str) -> ComposeResult:
        yield Label(t(f"rubric_form.label.{name}"), classes="form-label")
        yield Field(value, placeholder=t(f"rubric_form.hint.{name}"), id=f"item-{name}")

    def _tick(self, name: str, value: bool) -> ComposeResult:
        yield Label(t(f"rubric_form.label.{name}"), classes="form-label")
        yield Tick(t(f"rubric_form.hint.{name}"), value, id=f"item-{name}")

    def on_mount(self) -> None:
        self._enable_fields()

    # --- fields that depend on others ---------------------------------------------

    def on_checkbox_changed(self) -> None:
        self._enable_fields()

    def on_unit_choice_changed(self) -> None:
        self._enable_fields()

    def _enable_fields(self) -> None:
        """Fixed points or the meeting's range; no limit to type for a once-a-period item.

        A disabled field is passed over by Enter and Tab.
        """
        meeting = self.query_one("#item-meeting_sets_points", Tick).value
        self.query_one("#item-points").disabled = meeting
        for name in ("min_points", "max_points"):
            self.query_one(f"#item-{name}").disabled = not meeting
        once = self.query_one(UnitChoice).value == "once"
        self.query_one("#item-max_per_period").disabled = once

    # --- saving ---------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        if event.input.id == "item-evidence":
            self.action_save()
        else:
            self.focus_next()

    def _text(self, name: str) -> str:
        return self.query_one(f"#item-{name}", Input).value

    def _number(self, name: str) -> int | None:
        field = self.query_one(f"#item-{name}", Input)
        if field.disabled:
            return None
        try:
            return whole_number(field.value)
        except JifenError:
            field.focus()
            raise

    def item_fields(self) -> ItemFields:
        """What the form says; raises JifenError for a number that is not whole."""
        description = self._text("description")
        if description == _one_line(self.initial.description):
            description = self.initial.description  # untouched: keep its line breaks
        return ItemFields(
            name=self._text("name").strip(), description=description,
            meeting_sets_points=self.query_one("#item-meeting_sets_points", Tick).value,
            unit=self.query_one(UnitChoice).value, evidence=self._text("evidence").strip(),
            example=self.query_one("#item-example", Tick).value,
            **{name: self._number(name) for name in NUMBERS})

    def action_save(self) -> None:
        try:
            rubric = self.save(self.item_fields())
        except JifenError as error:
            self._focus_key(error.params.get("key", ""))
            self.query_one("#item-error", Static).update(Text(explain(error)))
            return
        self.dismiss(rubric)

    def _focus_key(self, key: str) -> None:
        """Put the cursor where the refusal points: `category[5].item[4].points` -> points."""
        name = key.rpartition(".")[2]
        if name in FORM_KEYS:
            self.query_one(f"#item-{name}").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


def _number_text(number: int | None) -> str:
    return "" if number is None else str(number)


def _one_line(text: str) -> str:
    """A description as a one-line field shows it."""
    return " ".join(text.splitlines())
