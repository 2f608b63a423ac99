"""The line under a screen's work: what was just done, or why it was refused."""

from rich.text import Text
from textual.widgets import Static


class SayLine(Static):
    DEFAULT_CSS = """
    SayLine { height: 2; padding: 0 1; color: $text-muted; }
    SayLine.-refusal { color: $error; }
    """

    def say(self, text: str, *, refusal: bool = False) -> None:
        """Show `text`; a refusal rings the bell and stands out. Data is never markup."""
        if refusal:
            self.app.bell()
        self.set_class(refusal, "-refusal")
        self.update(Text(text))
