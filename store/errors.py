"""Errors a clerk can meet, each named by a message key.

The store never phrases messages itself: `tui.catalog` turns a key and its
parameters into Chinese or English. Tests assert on keys, not on wording.
"""

import functools


class JifenError(Exception):
    """A refusal or a bad input, explained by `key` and `params`."""

    def __init__(self, key: str, /, **params):
        super().__init__(key, params)
        self.key = key
        self.params = params

    def __reduce__(self):
        # Rebuilt by key and parameters in another process (`jifen check`'s workers):
        # Exception's own way passes them as two positional arguments.
        return functools.partial(type(self), self.key, **self.params), ()

    def __str__(self) -> str:
        details = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{self.key}({details})"
