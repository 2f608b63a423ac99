"""Messages of the deeds screen."""

MESSAGES: dict[str, tuple[str, str]] = {
}
