"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys (a dozen widgets, 13 ms) each time the
screen says its bindings changed, and the screen says so often without a change:
at start-up the focus, the screen's activation and a refresh after it each say
it, which cost two rebuilds before the first frame; so does every focus move
between the search line and the table. This one rebuilds once after a burst,
and not at all when the keys read as before.
"""

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_due = False
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        # Textual's own (8.2), but for the one rebuild waiting.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild)

    def compose(self):
        # Built with the screen, not after it: Textual's waits for the screen to say
        # its bindings are ready, and the first frame is then drawn without it, to be
        # laid out and drawn again whole a moment later (30 ms of each start).
        self._bindings_ready = True
        self._shown = self._keys_shown()
        yield from super().compose()

    def _keys_shown(self) -> tuple:
        """What `compose` draws from: each key shown and the palette's, its label and
        whether it works now."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple((binding, enabled, tooltip)
                     for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                     if binding.show or key == palette)

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        shown = self._keys_shown()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
