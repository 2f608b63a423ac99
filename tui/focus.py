"""Focus moves that repaint what they change, not the whole screen."""

from textual.reactive import Reactive
from textual.widget import Widget


class QuietFocus:
    """Mixin for a Screen. Textual 8.2 repaints the whole screen when its focus moves
    (its `focused` reactive repaints): over a slow link, 5.4 KB for `/` into the
    roster's search line, the same for every Tab in a form. The widgets that gain and
    lose the focus repaint themselves, as do the footer's keys when they change."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
