"""Messages of the notice desk."""

MESSAGES: dict[str, tuple[str, str]] = {
}
