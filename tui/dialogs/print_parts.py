"""What a notice is about, asked on the printing screen: a period, a number, a household.

An empty line is an answer here: it puts the part back to the notice's default
(the current period, the latest review), so Enter on an empty line gives "",
and Esc gives None (nothing changes).
"""

from textual.widgets import Input, Label, Static

from store.roster import HouseholdInfo
from tui.dialogs.ask import AskLine
from tui.dialogs.household_picker import HouseholdPicker
from tui.i18n import t


class AskPart(AskLine):
    """One part of a request: "" for the default, the text (digits if `number`), or None."""

    def __init__(self, title: str, prompt: str, value: str = "", *, dialog_id: str,
                 number: bool = False) -> None:
        super().__init__(title, prompt, value, dialog_id=dialog_id)
        self.number = number

    def on_mount(self) -> None:
        self.query_one(".dialog-keys", Label).update(t("printing.ask.keys"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # AskLine's own handler refuses an empty line
        text = event.value.strip()
        if self.number and text and not (text.isascii() and text.isdigit()):
            self.query_one("#ask-error", Static).update(t("printing.ask.number"))
            return
        self.dismiss(text)


class NoticeHouseholdPicker(HouseholdPicker):
    """Any household, closed or moved away too: its passbook is still printed."""

    def refusal(self, household: HouseholdInfo) -> str | None:
        return None
