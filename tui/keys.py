"""Key bindings whose labels come from the catalog.

Bindings are declared as data with message keys for labels; each screen
translates its own copy when it is made, so one class serves both languages.
"""

from dataclasses import replace

from textual.binding import Binding

from tui.i18n import MESSAGES, t


# Bindings that Textual's own Screen brings, labelled in English there.
TEXTUAL_LABELS = {"Focus Next": "key.focus_next", "Focus Previous": "key.focus_previous",
                  "Copy selected text": "key.copy"}


def _translate(text: str) -> str:
    key = TEXTUAL_LABELS.get(text, text)
    return t(key) if key in MESSAGES else text


def translated(binding: Binding) -> Binding:
    return replace(binding, description=_translate(binding.description),
                   tooltip=_translate(binding.tooltip))


class TranslatedBindings:
    """Mixin for a Screen or App: its bindings' labels in the current language."""

    def translate_bindings(self) -> None:
        table = self._bindings.key_to_bindings
        for key, bindings in table.items():
            table[key] = [translated(binding) for binding in bindings]


def described_bindings(node) -> list[Binding]:
    """The bindings of a screen or app that a clerk may look up (F1 and the palette)."""
    seen, found = set(), []
    for bindings in node._bindings.key_to_bindings.values():
        for binding in bindings:
            if binding.description and binding.action not in seen:
                seen.add(binding.action)
                found.append(binding)
    return found
