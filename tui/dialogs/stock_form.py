"""One form for the stock movements of a goods item: purchase, donation, write-off, count.

Each is a few one-line fields saved through the store in a worker; the store's
refusal (a quantity that is not whole, too few on the shelf, no such witness)
shows in the form, which stays open.
"""

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from store.stock import Movement
from tui.dialogs.objection import SavingForm
from tui.i18n import t
from tui.widgets.field import Field


def typed_number(text: str) -> int | str:
    """A whole number as typed (full-width digits too); anything else stays text, for the
    store to refuse in its own words, naming the field and what was typed."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        return text


class StockForm(SavingForm):
    """Fields named in `fields` ("qty", "supplier"...); `save({name: text})` books the movement."""

    DEFAULT_CSS = "#stock-form-about { padding-bottom: 1; }"

    def __init__(self, title: str, about: str, fields: Sequence[str],
                 save: Callable[[dict[str, str]], Movement]) -> None:
        super().__init__()
        self.form_title, self.about, self.fields, self.save = title, about, tuple(fields), save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stock-form"):
            yield Label(Text(self.form_title), classes="dialog-title")
            yield Label(Text(self.about), id="stock-form-about")
            with Grid(id="form-grid"):
                for name in self.fields:
                    yield Label(t(f"stock_form.label.{name}"), classes="form-label")
                    yield Field(placeholder=t(f"stock_form.hint.{name}"), id=f"stock-{name}")
            yield Static("", id="form-error", classes="error")
            yield Label(t("form.keys"), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        if event.input.id == f"stock-{self.fields[-1]}":
            self.action_save()
        else:
            self.focus_next()

    def save_call(self):
        values, save = {name: self.value(f"stock-{name}") for name in self.fields}, self.save
        return lambda: save(values)
