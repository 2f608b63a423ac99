"""Modal dialogs, each dismissed with a value (None when cancelled)."""
