"""A one-line input that does not blink.

A blinking cursor repaints twice a second, which is bytes on a slow SSH link
for nothing, and it makes screenshots differ from one moment to the next.
"""

from textual.reactive import reactive
from textual.widgets import Input


class Field(Input):
    cursor_blink = reactive(False, init=False)

    def __init__(self, value: str | None = None, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(value, **kwargs)
