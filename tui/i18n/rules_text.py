"""Messages about rubrics and policies: loading, checking, adopting."""

MESSAGES: dict[str, tuple[str, str]] = {
}
