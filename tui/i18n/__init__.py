"""The one catalog of user-visible text: Chinese by default, English on request.

Messages live in the modules beside this one, each a dict of
key -> (Chinese, English) with `{name}` placeholders. Store errors are looked up
by their key, so the store never phrases anything itself.
"""

import pkgutil
from importlib import import_module

from store.errors import JifenError

LANGUAGES = ("zh", "en")


def _catalog() -> dict[str, tuple[str, str]]:
    """Every `*_text` module of this package, merged; a key defined twice is a mistake."""
    messages: dict[str, tuple[str, str]] = {}
    for found in sorted(pkgutil.iter_modules(__path__), key=lambda module: module.name):
        if found.name.endswith("_text"):
            module = import_module(f"{__name__}.{found.name}")
            twice = messages.keys() & module.MESSAGES.keys()
            if twice:
                raise RuntimeError(f"{found.name} defines again: {sorted(twice)}")
            messages.update(module.MESSAGES)
    return messages


MESSAGES = _catalog()

_language = 0


def set_language(language: str) -> None:
    global _language
    _language = LANGUAGES.index(language)


def current_language() -> str:
    return LANGUAGES[_language]


def t(key: str, /, **params) -> str:
    """The message for `key` in the current language, with params filled in."""
    template = MESSAGES[key][_language]
    return template.format(**params) if params else template


def explain(error: JifenError) -> str:
    """A store error (or a problem with a key and params) as one sentence for the clerk.

    A param whose value is a word of the catalog ("status": "closed" with a
    "status.closed" message) is said in words too.
    """
    params = {name: t(f"{name}.{value}") if f"{name}.{value}" in MESSAGES else value
              for name, value in error.params.items()}
    return t(error.key, **params)
