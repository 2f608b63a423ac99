"""The command palette (ctrl+p): every key of the current screen, by its label."""

from functools import partial

from textual.command import DiscoveryHit, Hit, Provider

from tui.keys import described_bindings


# Moving between fields is not an action anyone looks up by name.
NOT_OFFERED = {"command_palette", "app.focus_next", "app.focus_previous", "screen.copy_text",
               "focus_next", "focus_previous", "copy_text"}


class KeysProvider(Provider):
    """Offers each described binding of the screen below and of the app."""

    def _commands(self):
        screen = self.screen
        for node in (screen, self.app):
            for binding in described_bindings(node):
                if binding.action in NOT_OFFERED:
                    continue
                key = self.app.get_key_display(binding)
                yield f"{binding.description}  ({key})", binding.tooltip, partial(
                    node.run_action, binding.action)

    async def discover(self):
        for title, help_text, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str):
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
