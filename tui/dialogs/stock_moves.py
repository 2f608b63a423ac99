"""Every movement of one goods item, oldest first, with what was on the shelf after each."""

from itertools import accumulate

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from store.goods import GoodsInfo
from store.stock import Movement
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.record_table import Column, RecordTable, TableHeader


def move_columns() -> list[Column]:
    # 70 cells: the dialog's inside less the blank before each row and the scrollbar.
    return [Column(t("stock_moves.col.day"), 10), Column(t("stock_moves.col.kind"), 9),
            Column(t("stock_moves.col.qty"), 6, "right"),
            Column(t("stock_moves.col.balance"), 6, "right"),
            Column(t("stock_moves.col.what"), 25), Column(t("stock_moves.col.staff"), 8)]


def move_what(move: Movement) -> str:
    """What the movement was, in the words of its kind: who supplied, gave, witnessed..."""
    if move.kind == "donation" and move.via:
        return t("stock_moves.what.donation_via", donor=move.donor, via=move.via)
    return t(f"stock_moves.what.{move.kind}", supplier=move.supplier, cost=move.cost,
             donor=move.donor, redemption=move.redemption, reason=move.reason,
             witness=move.witness, counted=move.counted)


def move_cells(move: Movement, balance: int) -> tuple[str, ...]:
    return (move.day.isoformat(), t(f"stock_moves.kind.{move.kind}"), f"{move.quantity:+d}",
            str(balance), move_what(move), move.staff)


class StockMovements(QuietFocus, TranslatedBindings, ModalScreen[None]):
    """Read only: Esc goes back to the stock."""

    DEFAULT_CSS = """
    #stock-moves { height: 100%; }
    #stock-moves-table { height: 1fr; }
    #stock-moves-detail { height: 2; color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "close", "stock_moves.key.close", tooltip="stock_moves.tip.close",
                        id="stock-moves-close")]

    def __init__(self, item: GoodsInfo, moves: list[Movement]) -> None:
        super().__init__()
        self.translate_bindings()
        self.item, self.moves = item, moves
        self.balances = list(accumulate(move.quantity for move in moves))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stock-moves"):
            yield Label(Text(t("stock_moves.title", id=self.item.id, name=self.item.name)),
                        classes="dialog-title")
            yield TableHeader(id="stock-moves-header")
            yield RecordTable(move_columns(), id="stock-moves-table")
            yield Static(id="stock-moves-detail")
            yield Label(t("stock_moves.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(move_columns())
        table = self.query_one(RecordTable)
        table.set_rows([move_cells(move, balance)
                        for move, balance in zip(self.moves, self.balances)],
                       cursor=len(self.moves) - 1)  # the newest: what the clerk came to see
        table.focus()
        if not self.moves:
            self.query_one("#stock-moves-detail", Static).update(t("stock_moves.none"))

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        move, balance = self.moves[message.index], self.balances[message.index]
        self.query_one("#stock-moves-detail", Static).update(Text(t(
            "stock_moves.detail", day=move.day, kind=t(f"stock_moves.kind.{move.kind}"),
            qty=f"{move.quantity:+d}", balance=balance, what=move_what(move), staff=move.staff)))

    def action_close(self) -> None:
        self.dismiss(None)
