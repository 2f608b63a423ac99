"""The footer of keys, rebuilt once for bindings that change several times at once.

Textual's Footer rebuilds all its keys each time the screen says its bindings
changed, and one focus change says so twice (the focus, then after a refresh):
at start-up, with the screen's activation, three rebuilds of 12 ms each before
the first frame. This one rebuilds once, after the last.
"""

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_due = False

    def bindings_changed(self, screen: Screen) -> None:
        # Textual's own (8.2), but for the one rebuild waiting.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        await self.recompose()
