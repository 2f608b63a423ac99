"""The collection slip (物品领取告知单) of a basket, shown in the preview that saves it.

The counter shows it when a basket is written, the redemption-day screen when
an order is handed over or a slip is asked for again.
"""

from store.ledger import balance
from store.redemption import RedemptionInfo
from store.shop_sheets import RECEIPT, collection_slip
from tui.dialogs.text_preview import preview_and_save
from tui.i18n import t


def with_balance(info: RedemptionInfo) -> tuple[RedemptionInfo, int]:
    """A basket and the points its household has left to spend now (the slip says them)."""
    return info, balance(info.card).spendable


def show_slip(screen, info: RedemptionInfo, left: int) -> None:
    """The slip of `info`, saying `left` points are left to spend, over `screen`."""
    app = screen.app
    text = collection_slip(app.village.name, info, left, t, app.actor.today, RECEIPT)
    preview_and_save(screen, t("counter.slip_title", id=info.id, head=info.head),
                     t("counter.slip_file", id=info.id), text)
