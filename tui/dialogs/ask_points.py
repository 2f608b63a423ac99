"""Ask the meeting's points for an item that leaves them to it (篇五 第八条): one line."""

import re

from textual.widgets import Input, Static

from tui.dialogs.ask import AskLine
from tui.i18n import t


class AskPoints(AskLine):
    """A whole number from `low` to `high`; anything else is refused in the dialog."""

    def __init__(self, title: str, low: int, high: int) -> None:
        super().__init__(title, t("meeting.points_prompt", low=low, high=high),
                         dialog_id="meeting-points", placeholder=f"{low}~{high}")
        self.low, self.high = low, high

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.prevent_default()   # AskLine's handler would take any text
        text = event.value.strip()
        # A signed whole number: an item the meeting scores may be a deduction.
        if not (re.fullmatch(r"[-+]?[0-9]+", text) and self.low <= int(text) <= self.high):
            self.query_one("#ask-error", Static).update(
                t("meeting.points_bad", low=self.low, high=self.high))
            return
        self.dismiss(int(text))
