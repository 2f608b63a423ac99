"""Pick a goods item by typing: its number, part of its name or its pinyin initials.

The shelf is read in a worker (with the names' initials, which need pypinyin);
the search itself runs on the UI thread over that list, a few dozen items.
An item with too little available is shown dimmed, and picking it is refused
with the store's own sentence.
"""

from dataclasses import dataclass

from store.errors import JifenError
from store.goods import GoodsInfo, list_goods
from store.pinyin import name_initials
from store.rubric_search import normalize_query
from tui.dialogs.search_picker import SearchPicker
from tui.i18n import explain, t
from tui.widgets.record_table import Column

# How well an item matches, best first; the order of the results.
EXACT_ID, ID_PREFIX, INITIALS_PREFIX, IN_NAME, IN_INITIALS = range(5)

# Shorter queries found in the middle of initials would match half the shelf.
INFIX_INITIALS_MIN = 2

@dataclass(frozen=True)
class Shelf:
    """The goods on offer (retired ones left out), with the initials of their names."""

    goods: tuple[GoodsInfo, ...]
    initials: dict[str, tuple[str, ...]]

    def find(self, goods_id: int) -> GoodsInfo | None:
        return next((goods for goods in self.goods if goods.id == goods_id), None)


def read_shelf() -> Shelf:
    """The goods with their stock; slow the first time (pypinyin), so in a worker."""
    goods = tuple(list_goods())
    return Shelf(goods, {item.name: tuple(name_initials(item.name).split()) for item in goods})


def search_shelf(shelf: Shelf, query: str) -> list[GoodsInfo]:
    """The goods that match `query`, best first; the whole shelf for an empty query."""
    wanted = normalize_query(query)
    if not wanted:
        return list(shelf.goods)
    ranked = []
    for position, goods in enumerate(shelf.goods):
        tier = _tier(goods, shelf.initials.get(goods.name, ()), wanted)
        if tier is not None:
            ranked.append((tier, position, goods))
    ranked.sort(key=lambda entry: entry[:2])
    return [goods for _, _, goods in ranked]


def _tier(goods: GoodsInfo, initials: tuple[str, ...], query: str) -> int | None:
    number = str(goods.id)
    if number == query:
        return EXACT_ID
    if number.startswith(query):
        return ID_PREFIX
    letters = query.isascii() and query.isalpha()
    if letters and any(reading.startswith(query) for reading in initials):
        return INITIALS_PREFIX
    if query in goods.name.lower():
        return IN_NAME
    if letters and len(query) >= INFIX_INITIALS_MIN and any(query in r for r in initials):
        return IN_INITIALS
    return None


def goods_name(goods: GoodsInfo) -> str:
    """The name as the papers write it: donation-area goods are marked."""
    return t("sheet.donated_goods", name=goods.name) if goods.area == "donation" else goods.name


def short_of(goods: GoodsInfo, quantity: int) -> JifenError | None:
    """The store's refusal when fewer than `quantity` of `goods` are available."""
    if quantity <= goods.available:
        return None
    return JifenError("stock.short", goods=goods.id, name=goods.name, qty=quantity,
                      available=goods.available)


def picker_columns() -> list[Column]:
    # 69 cells: the table's width inside a 76-cell dialog (border, padding, scrollbar).
    return [Column(t("counter.col.id"), 4, "right"), Column(t("counter.col.goods"), 32),
            Column(t("counter.col.unit"), 4), Column(t("counter.col.price"), 6, "right"),
            Column(t("counter.col.available"), 6, "right"), Column(t("counter.col.area"), 10)]


class GoodsPicker(SearchPicker[GoodsInfo]):
    """Dismissed with the chosen goods item, or None on Esc."""

    # Laid out like the household picker: a fixed height, the table taking what is left.
    DEFAULT_CSS = """
    #goods-picker { height: 100%; max-height: 40; }
    #goods-search-bar { height: 1; }
    #goods-search-label { width: auto; padding-right: 1; color: $text-muted; }
    #goods-search { width: 1fr; }
    #goods-table { height: 1fr; }
    #goods-detail { height: 2; color: $text-muted; }
    #goods-detail.error { color: $error; }
    """
    DIALOG_ID = "goods-picker"
    ID_PREFIX = "goods"
    SEARCH_LABEL_KEY = "counter.pick.search_label"
    PLACEHOLDER_KEY = "counter.pick.placeholder"

    def __init__(self, shelf: Shelf, title: str, query: str = "", quantity: int = 1) -> None:
        super().__init__(title, query)
        self.shelf, self.quantity = shelf, quantity

    def columns(self) -> list[Column]:
        return picker_columns()

    def cells(self, goods: GoodsInfo) -> tuple[str, ...]:
        return (str(goods.id), goods_name(goods), goods.unit, str(goods.price),
                str(goods.available), t(f"area.{goods.area}"))

    def search(self) -> None:
        query = self.query_text
        matches = search_shelf(self.shelf, query)
        self.show(query, matches,
                  dim=frozenset(i for i, goods in enumerate(matches) if goods.available < 1))

    def nothing_text(self, query: str) -> str:
        return t("counter.pick.nothing" if self.shelf.goods else "counter.pick.empty_shelf")

    def detail(self, goods: GoodsInfo) -> str:
        return t("counter.pick.detail", id=goods.id, name=goods.name, price=goods.price,
                 unit=goods.unit or "-", area=t(f"area.{goods.area}"),
                 available=goods.available, on_hand=goods.on_hand, reserved=goods.reserved)

    def refusal(self, goods: GoodsInfo) -> str | None:
        short = short_of(goods, self.quantity)
        return None if short is None else explain(short)
