"""Messages of the rubric screen and its dialogs."""

MESSAGES: dict[str, tuple[str, str]] = {
}
