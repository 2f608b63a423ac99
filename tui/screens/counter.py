"""The counter (兑换台): card, basket, confirm, slip, made for speed.

One entry line takes everything, in order: first a card number (a name or
pinyin initials open the household picker) and Enter, which shows the
household's standing; then goods. A goods number and Enter adds one (`3x2` or
`3*2` adds two); words, an unknown number or Ctrl+F open the goods picker.
Ctrl+S, or Enter on an empty line, writes the basket in one store call and
shows the collection slip; Ctrl+L first asks who collects on the household's
behalf (代领); Ctrl+O sets the basket aside as an order for the next
redemption day. A refusal is said under the basket, which stays for the clerk
to fix; Esc starts again with the next card.

The line empties itself on Enter and each Enter is taken in the order typed,
so a clerk typing ahead of the screen (or a card reader) loses nothing: goods
typed before the card's standing answers are added, and a confirm waits for it.

Two items for a known card: `0101 Enter 1 Enter 2 Enter Ctrl+S Enter` (the
last Enter closes the slip), seven keys besides the card number's own.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from store.errors import JifenError
from store.goods import GoodsInfo, check_quantity
from store.redemption import RedemptionInfo, Standing, redeem, standing
from store.roster import HouseholdInfo
from store.rubric_search import normalize_query
from tui.dialogs.ask import AskLine, Confirm
from tui.dialogs.basket_slip import show_slip, with_balance
from tui.dialogs.goods_picker import GoodsPicker, Shelf, goods_name, read_shelf, short_of
from tui.dialogs.household_picker import HouseholdPicker
from tui.focus import QuietFocus
from tui.i18n import explain, t
from tui.keys import TranslatedBindings
from tui.screens.orders import OrdersScreen
from tui.widgets.field import Field
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.widgets.say_line import SayLine
from tui.work import StoreWork

# `3x2`, `3*2`, `3×2`, `dm x2`: what to add, and how many.
TIMES = re.compile(r"^(?P<what>.*?)\s*[x*×]\s*(?P<quantity>\d+)$")


@dataclass(frozen=True)
class BasketLine:
    goods: GoodsInfo
    quantity: int

    @property
    def points(self) -> int:
        return self.goods.price * self.quantity


def parse_entry(text: str) -> tuple[str, int]:
    """What the goods line says: ("3", 1) for `3`, ("3", 2) for `3x2`, ("dm", 2) for `dm*2`."""
    wanted = normalize_query(text)
    match = TIMES.match(wanted)
    if match is None:
        return wanted, 1
    return match["what"], parse_quantity(match["quantity"])


def parse_quantity(text: str) -> int:
    """A whole number of units as typed (full-width digits too), or the store's refusal."""
    wanted = normalize_query(text)
    return check_quantity(int(wanted) if wanted.isdigit() else wanted)


def find_standing(text: str, today) -> Standing | None:
    """The standing of the household whose card is `text`; None when no card is that."""
    try:
        return standing(text, today)
    except JifenError as error:
        if error.key == "household.not_found":
            return None
        raise


def write_basket(actor, card: str, lines: list[BasketLine], proxy: str,
                 order: bool) -> tuple[RedemptionInfo, int]:
    """The basket written as one redemption, and the points the household has left."""
    return with_balance(redeem(actor, card, [(line.goods.id, line.quantity) for line in lines],
                               proxy=proxy, order=order))


def basket_columns() -> list[Column]:
    # 78 cells: an 80-column terminal less the blank before each row and the scrollbar.
    return [Column(t("counter.col.id"), 4, "right"), Column(t("counter.col.goods"), 37),
            Column(t("counter.col.unit"), 4), Column(t("counter.col.price"), 6, "right"),
            Column(t("counter.col.quantity"), 6, "right"),
            Column(t("counter.col.points"), 8, "right"),
            Column(t("counter.col.available"), 7, "right")]


def basket_cells(line: BasketLine) -> tuple[str, ...]:
    goods = line.goods
    return (str(goods.id), goods_name(goods), goods.unit, str(goods.price), str(line.quantity),
            str(line.points), str(goods.available))


class EntryLine(Field):
    """A line that hands over what it holds on Enter, and empties itself, in the order typed.

    Textual runs Enter as a binding once the key has gone up to the app and back,
    so characters typed right after it would join the line before it is handed
    over; here Enter is taken in turn with the characters, so a clerk typing
    ahead of the screen (or a card reader) loses nothing.
    """

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
            self.value = ""


class CounterScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    DEFAULT_CSS = """
    #counter-entry-bar { height: 1; padding: 0 1; }
    #counter-entry-label { width: 7; color: $text-muted; }
    #counter-entry { width: 1fr; }
    #counter-household { height: 1; padding: 0 1; text-style: bold; }
    #counter-reasons { height: 2; padding: 0 1; color: $text-muted; }
    #counter-reasons.-refusal { color: $error; }
    #counter-basket { height: 1fr; }
    #counter-total { height: 1; padding: 0 1; background: $surface; text-style: bold; }
    #counter-total.-over { color: $error; }
    """
    BINDINGS = [
        Binding("ctrl+s", "confirm", "counter.key.confirm", tooltip="counter.tip.confirm",
                id="counter-confirm"),
        Binding("ctrl+o", "order", "counter.key.order", tooltip="counter.tip.order",
                id="counter-order"),
        Binding("ctrl+l", "proxy", "counter.key.proxy", tooltip="counter.tip.proxy",
                show=False, id="counter-proxy"),
        Binding("ctrl+f", "pick_goods", "counter.key.pick", tooltip="counter.tip.pick",
                show=False, id="counter-pick"),
        Binding("ctrl+r", "remove", "counter.key.remove", tooltip="counter.tip.remove",
                show=False, id="counter-remove"),
        Binding("ctrl+n", "quantity", "counter.key.quantity", tooltip="counter.tip.quantity",
                show=False, id="counter-quantity"),
        Binding("ctrl+t", "orders", "counter.key.orders", tooltip="counter.tip.orders",
                id="counter-orders"),
        Binding("escape", "next_card", "counter.key.next", tooltip="counter.tip.next",
                id="counter-next"),
        # The fields have no use for these: they move the basket's cursor.
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    # Keys for a basket, and keys for between baskets: the footer (80 cells, the app's
    # keys included) shows the ones that apply.
    BASKET_ACTIONS = frozenset({"confirm", "order", "proxy", "remove", "quantity"})
    BETWEEN_ACTIONS = frozenset({"orders"})

    def __init__(self) -> None:
        super().__init__(id="counter-screen")
        self.translate_bindings()
        self.shelf: Shelf | None = None
        self.card: str | None = None  # the card entered: the line takes goods from then on
        self.standing: Standing | None = None
        self.basket: list[BasketLine] = []
        self.looking_up = False     # a card's standing is on its way
        self.writing = False        # a basket is on its way to the village file
        # A confirm pressed before the card's standing answered, run when it does.
        self.after_lookup: Callable[[], None] | None = None
        # Goods lines entered before the shelf was read, added when it is.
        self.waiting: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        with Horizontal(id="counter-entry-bar"):
            yield Label(id="counter-entry-label")
            yield EntryLine(id="counter-entry")
        yield Static(id="counter-household")
        yield Static(id="counter-reasons")
        yield TableHeader(id="counter-header")
        table = RecordTable(basket_columns(), id="counter-basket")
        table.can_focus = False  # typing goes to the entry line
        yield table
        yield Static(id="counter-total")
        yield SayLine(id="counter-say")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(basket_columns())
        line = t("counter.status", village=self.app.village.name, acting=self.app.sub_title)
        self.query_one("#status-line", Static).update(Text(line))
        self._set_card(None)
        self._show_basket()
        self.say(t("counter.hint"))
        self.entry.focus()

    def check_action(self, action: str, parameters) -> bool:
        if action in self.BASKET_ACTIONS:
            return bool(self.basket)
        if action in self.BETWEEN_ACTIONS:
            return not self.basket
        return True

    def on_screen_resume(self) -> None:
        """On first showing and on coming back: goods may have come in or gone meanwhile."""
        self.run_store(read_shelf, self._shelf_read, group="counter-shelf", exclusive=True)

    def _shelf_read(self, shelf: Shelf) -> None:
        self.shelf = shelf
        waiting, self.waiting = self.waiting, []
        for text in waiting:
            self._add_entry(text)

    @property
    def entry(self) -> EntryLine:
        return self.query_one(EntryLine)

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    def say(self, text: str, *, refusal: bool = False) -> None:
        self.query_one(SayLine).say(text, refusal=refusal)

    def _refused(self, text: str) -> None:
        self.writing = False
        self.say(text, refusal=True)

    # --- the household ------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.card is None:
            self._card_entered(event.value)
        else:
            self._goods_entered(event.value)

    def _card_entered(self, text: str) -> None:
        if not text.strip():
            self.app.bell()
            return
        self._set_card(text.strip())
        self._look_up(self.card)

    def _set_card(self, card: str | None) -> None:
        """What the entry line takes: a card (None) or goods for this one."""
        self.card = card
        label = self.query_one("#counter-entry-label", Label)
        label.update(t("counter.card_label" if card is None else "counter.goods_label"))
        self.entry.placeholder = t("counter.card_placeholder" if card is None
                                   else "counter.goods_placeholder")
        self._show_household()

    def _look_up(self, text: str) -> None:
        today = self.app.actor.today
        self.looking_up = True
        self.run_store(lambda: find_standing(text, today), partial(self._found, text),
                       on_error=partial(self._lookup_refused, text), group="counter-card",
                       exclusive=True)

    def _found(self, text: str, found: Standing | None) -> None:
        if text != self.card:
            return  # the clerk has started again since
        self.looking_up = False
        if found is None:
            # Not a card: a name or initials, or part of a card.
            self.after_lookup = None
            self._set_card(None)
            self.app.push_screen(HouseholdPicker(t("counter.pick_household"), query=text),
                                 self._household_picked)
            return
        self.standing = found
        self._set_card(found.card)
        self._show_basket()
        waiting, self.after_lookup = self.after_lookup, None
        if waiting is not None:
            waiting()

    def _lookup_refused(self, card: str, text: str) -> None:
        if card != self.card:
            return
        self.looking_up, self.after_lookup = False, None
        self._set_card(None)
        self.say(text, refusal=True)

    def _household_picked(self, household: HouseholdInfo | None) -> None:
        if household is not None:
            self._set_card(household.card_no)
            self._look_up(household.card_no)

    def _show_household(self) -> None:
        found = self.standing
        household = self.query_one("#counter-household", Static)
        reasons = self.query_one("#counter-reasons", Static)
        if found is None:
            household.update(Text(t("counter.no_household") if self.card is None
                                  else t("counter.looking_up", card=self.card)))
            reasons.set_class(False, "-refusal")
            reasons.update("")
            return
        parts = [f"{found.card} {found.head}"]
        if found.group:
            parts.append(found.group)
        parts.append(t("counter.spendable", points=found.spendable))
        if found.held:
            parts.append(t("counter.held", points=found.held))
        household.update(Text(" · ".join(parts)))
        said = [explain(JifenError(reason.key, **reason.params)) for reason in found.reasons]
        reasons.set_class(bool(said), "-refusal")
        reasons.update(Text("\n".join(said) if said else t("counter.may_redeem")))

    # --- the basket ---------------------------------------------------------------------

    def _goods_entered(self, text: str) -> None:
        if not text.strip():
            # An empty line: the basket is done, or there is nothing in it to pick from yet.
            if self.basket:
                self.action_confirm()
            else:
                self.action_pick_goods()
        elif self.shelf is None:
            self.waiting.append(text)
        else:
            self._add_entry(text)

    def _add_entry(self, text: str) -> None:
        try:
            what, quantity = parse_entry(text)
        except JifenError as error:
            self.say(explain(error), refusal=True)
            return
        goods = self.shelf.find(int(what)) if what.isdigit() else None
        if goods is not None:
            self._add(goods, quantity)
        elif what.isdigit():
            self.say(explain(JifenError("goods.not_found", goods=what)), refusal=True)
            self._open_picker("", quantity)
        else:
            self._open_picker(what, quantity)

    def action_pick_goods(self) -> None:
        if self.card is None:
            self.say(t("counter.card_first"), refusal=True)
            return
        text = self.entry.value
        self.entry.value = ""
        try:
            what, quantity = parse_entry(text)
        except JifenError as error:
            self.say(explain(error), refusal=True)
            return
        self._open_picker(what, quantity)

    def _open_picker(self, query: str, quantity: int) -> None:
        if self.shelf is None:
            self.app.bell()  # the shelf is still being read
            return
        self.app.push_screen(GoodsPicker(self.shelf, t("counter.pick_goods"), query, quantity),
                             partial(self._goods_picked, quantity))

    def _goods_picked(self, quantity: int, goods: GoodsInfo | None) -> None:
        if goods is not None:
            self._add(goods, quantity)

    def _add(self, goods: GoodsInfo, quantity: int) -> None:
        """One more line, or more of a line; never more than the shelf has free."""
        index = next((i for i, line in enumerate(self.basket) if line.goods.id == goods.id),
                     None)
        total = quantity + (self.basket[index].quantity if index is not None else 0)
        if not self._fits(goods, total):
            return
        line = BasketLine(goods, total)
        if index is None:
            self.basket.append(line)
            index = len(self.basket) - 1
        else:
            self.basket[index] = line
        self._show_basket(index)
        self.say(t("counter.added", name=goods.name, quantity=quantity, unit=goods.unit,
                   points=goods.price * quantity))

    def _fits(self, goods: GoodsInfo, quantity: int) -> bool:
        short = short_of(goods, quantity)
        if short is not None:
            self.say(explain(short), refusal=True)
        return short is None

    def _show_basket(self, cursor: int | None = None) -> None:
        self.table.set_rows([basket_cells(line) for line in self.basket],
                            cursor=self.table.cursor if cursor is None else cursor)
        points = sum(line.points for line in self.basket)
        count = sum(line.quantity for line in self.basket)
        total = self.query_one("#counter-total", Static)
        left = None if self.standing is None else self.standing.spendable - points
        if left is None:
            text = t("counter.total", count=count, points=points)
        elif left >= 0:
            text = t("counter.total_left", count=count, points=points, left=left)
        else:
            text = t("counter.total_over", count=count, points=points, over=-left)
        total.set_class(left is not None and left < 0, "-over")
        total.update(Text(text))
        self.refresh_bindings()

    def action_move(self, step: int) -> None:
        self.table.action_cursor(step)

    @property
    def current(self) -> int | None:
        """The basket line under the cursor."""
        return self.table.cursor if self.basket else None

    def action_remove(self) -> None:
        index = self.current
        if index is None:
            self.app.bell()
            return
        line = self.basket.pop(index)
        self._show_basket(min(index, len(self.basket) - 1))
        self.say(t("counter.removed", name=line.goods.name))

    def action_quantity(self) -> None:
        index = self.current
        if index is None:
            self.app.bell()
            return
        line = self.basket[index]
        self.app.push_screen(
            AskLine(t("counter.quantity_title", name=line.goods.name),
                    t("counter.quantity_prompt", available=line.goods.available,
                      unit=line.goods.unit), str(line.quantity),
                    dialog_id="basket-quantity"),
            partial(self._quantity_given, line.goods.id))

    def _quantity_given(self, goods_id: int, text: str | None) -> None:
        index = next((i for i, line in enumerate(self.basket) if line.goods.id == goods_id),
                     None)
        if text is None or index is None:
            return
        line = self.basket[index]
        try:
            quantity = parse_quantity(text)
        except JifenError as error:
            self.say(explain(error), refusal=True)
            return
        if self._fits(line.goods, quantity):
            self.basket[index] = replace(line, quantity=quantity)
            self._show_basket(index)
            self.say(t("counter.quantity_set", name=line.goods.name, quantity=quantity,
                       unit=line.goods.unit))

    # --- confirming ---------------------------------------------------------------------

    def action_confirm(self) -> None:
        self._confirm()

    def action_order(self) -> None:
        self._confirm(order=True)

    def action_proxy(self) -> None:
        if not self._ready():
            return
        head = self.standing.head if self.standing else self.card
        self.app.push_screen(AskLine(t("counter.proxy_title", head=head),
                                     t("counter.proxy_prompt"), dialog_id="basket-proxy",
                                     placeholder=t("counter.proxy_placeholder")),
                             self._proxy_named)

    def _proxy_named(self, name: str | None) -> None:
        if name is not None:
            self._confirm(proxy=name)

    def _ready(self) -> bool:
        """Whether there is a basket and a household to write it for (or one coming)."""
        if self.writing:
            self.app.bell()
            return False
        if not self.basket:
            self.say(explain(JifenError("shop.empty_basket")), refusal=True)
            return False
        if self.card is None:
            self.say(t("counter.card_first"), refusal=True)
            return False
        return True

    def _confirm(self, *, proxy: str = "", order: bool = False) -> None:
        if not self._ready():
            return
        if self.looking_up:
            self.after_lookup = partial(self._confirm, proxy=proxy, order=order)
            return
        actor, card, lines = self.app.actor, self.standing.card, list(self.basket)
        self.writing = True
        self.run_store(lambda: write_basket(actor, card, lines, proxy, order), self._written,
                       on_error=self._refused, group="counter-write")

    def _written(self, written: tuple[RedemptionInfo, int]) -> None:
        info, left = written
        self.writing = False
        key = "counter.ordered" if info.status == "ordered" else "counter.done"
        self._clear()
        self.say(t(key, id=info.id, card=info.card, head=info.head, points=info.points,
                   left=left, day=info.collect_by))
        self.run_store(read_shelf, self._shelf_read, group="counter-shelf", exclusive=True)
        show_slip(self, info, left)

    # --- the next card ------------------------------------------------------------------

    def action_next_card(self) -> None:
        """Esc: start again for the next household, after asking if a basket would be lost."""
        if not self.basket:
            self._clear()
            return
        self.app.push_screen(Confirm(t("counter.drop_title"),
                                     t("counter.drop_question", count=len(self.basket)),
                                     dialog_id="basket-drop"),
                             lambda yes: self._clear() if yes else None)

    def _clear(self) -> None:
        self.standing, self.basket, self.after_lookup = None, [], None
        self.looking_up = False
        self.entry.value = ""
        self._set_card(None)
        self._show_basket(0)
        self.say(t("counter.hint"))

    def action_orders(self) -> None:
        self.app.push_screen(OrdersScreen(), self._back_from_orders)

    def _back_from_orders(self, _: None) -> None:
        """Orders collected or cancelled there change the points this household holds."""
        if self.standing is not None:
            self._look_up(self.standing.card)

