"""Errors a clerk can meet, each named by a message key.

The store never phrases messages itself: `tui.catalog` turns a key and its
parameters into Chinese or English. Tests assert on keys, not on wording.
"""


class JifenError(Exception):
    """A refusal or a bad input, explained by `key` and `params`."""

    def __init__(self, key: str, /, **params):
        super().__init__(key, params)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        details = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{self.key}({details})"
