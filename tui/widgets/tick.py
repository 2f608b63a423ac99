"""A checkbox that reads the same in any colour, and lets Enter move on.

Textual's Checkbox draws ▐X▌ whether ticked or not (only the colour of the X
changes), which a 16-colour terminal or a black-and-white projector loses;
this one shows [x] or [ ]. Space ticks; Enter goes to the next field, as in
the rest of a form.
"""

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox


class Tick(Checkbox):
    BINDINGS = [Binding("space", "toggle_button", show=False),
                Binding("enter", "app.focus_next", show=False)]

    def __init__(self, label: str, value: bool = False, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(label, value, **kwargs)

    @property
    def _button(self) -> Content:
        return Content("[x]" if self.value else "[ ]")
