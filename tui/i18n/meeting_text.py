"""Messages of the meeting."""

MESSAGES: dict[str, tuple[str, str]] = {
}
