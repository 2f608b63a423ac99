"""Messages of the rubric picker."""

MESSAGES: dict[str, tuple[str, str]] = {
}
