"""The one catalog of user-visible text: Chinese by default, English on request.

Messages live in the modules beside this one, each a dict of
key -> (Chinese, English) with `{name}` placeholders. Store errors are looked up
by their key, so the store never phrases anything itself.
"""

from store.errors import JifenError
from tui.i18n import (cli_text, counter_text, deeds_screen_text, meeting_text,
                      notice_desk_text, picker_text, points_text, rubric_screen_text, rules_text,
                      screen_text, shop_cli_text, shop_sheet_text, shop_text, stock_screen_text,
                      store_text)

LANGUAGES = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {**store_text.MESSAGES, **cli_text.MESSAGES,
                                          **screen_text.MESSAGES, **rules_text.MESSAGES,
                                          **picker_text.MESSAGES, **rubric_screen_text.MESSAGES,
                                          **points_text.MESSAGES, **deeds_screen_text.MESSAGES,
                                          **meeting_text.MESSAGES, **notice_desk_text.MESSAGES,
                                          **shop_text.MESSAGES, **shop_sheet_text.MESSAGES,
                                          **shop_cli_text.MESSAGES, **stock_screen_text.MESSAGES,
                                          **counter_text.MESSAGES}

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
