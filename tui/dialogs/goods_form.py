"""Add a goods item: name, unit, price in points, area, and the level that warns of low stock.

The price field's hint names the policy's zones (D7); the store has the last
word, and its refusal (a goods-area price outside the zones, a twin item)
shows in the form, which stays open.
"""

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from store.goods import GoodsInfo
from tui.dialogs.objection import SavingForm
from tui.dialogs.stock_form import typed_number
from tui.i18n import t
from tui.widgets.field import Field
from tui.widgets.tick import Tick


class GoodsForm(SavingForm):
    """`save(name, price, area=, unit=, low_stock=)` adds the item; dismissed with it."""

    def __init__(self, zones: Sequence[int], save: Callable[..., GoodsInfo]) -> None:
        super().__init__()
        self.zones, self.save = tuple(zones), save

    def compose(self) -> ComposeResult:
        price_hint = (t("goods_form.hint.zones", zones=t("word.list").join(map(str, self.zones)))
                      if self.zones else t("goods_form.hint.free"))
        with Vertical(classes="dialog", id="goods-form"):
            yield Label(t("goods_form.title"), classes="dialog-title")
            with Grid(id="form-grid"):
                yield from self._field("name", t("goods_form.hint.name"))
                yield from self._field("unit", t("goods_form.hint.unit"))
                yield from self._field("price", price_hint)
                yield Label(t("goods_form.label.area"), classes="form-label")
                yield Tick(t("goods_form.donation"), id="goods-donation")
                yield from self._field("low_stock", t("goods_form.hint.low_stock"))
            yield Static("", id="form-error", classes="error")
            yield Label(t("form.keys"), classes="dialog-keys")

    def _field(self, name: str, hint: str) -> ComposeResult:
        yield Label(t(f"goods_form.label.{name}"), classes="form-label")
        yield Field(placeholder=hint, id=f"goods-{name}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        if event.input.id == "goods-low_stock":
            self.action_save()
        else:
            self.focus_next()

    def save_call(self):
        name, unit, save = self.value("goods-name"), self.value("goods-unit"), self.save
        price = typed_number(self.value("goods-price"))
        low_stock = typed_number(self.value("goods-low_stock")) or 0  # empty: no warning
        area = "donation" if self.query_one("#goods-donation", Tick).value else "goods"
        return lambda: save(name, price, area=area, unit=unit, low_stock=low_stock)
