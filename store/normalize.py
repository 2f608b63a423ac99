"""Cleaning text that clerks type or paste: names, card numbers, phones.

Full-width digits and letters become ASCII, stray spaces go, invisible
zero-width characters and soft hyphens are dropped, and control, bidi and other
format characters, which could disguise a name on a notice, are refused.
Chinese punctuation （，：） stays as typed in free text; names and identifiers
(cards, phones, counts, groups) go through the full NFKC folding.
"""

import re
import unicodedata

from store.errors import JifenError

# Pasted text carries these (from the web, Word, a BOM); they mean nothing in a name.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Ｌ and １ fold to L and 1, the ideographic space to a space; full-width
# punctuation is left alone.
_FULL_WIDTH_ALNUM = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)
                     if chr(code - 0xFEE0).isalnum()} | {0x3000: 0x20}
_NAME_DOTS = re.compile(r"\s*[.·・•‧∙⋅．]\s*")
_SPACES = re.compile(r"\s+")
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{2,22}[0-9]$")
_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}
# Digits, or a Chinese number below 100 written as people write it: 三, 十二,
# 二十, 二十一; also digit by digit (一二 for 12, as in card-like numbering).
_NUMBER = re.compile(r"[0-9]+|[一二两三四五六七八九]?十[一二三四五六七八九]?|[零〇一二两三四五六七八九]+")
_GROUP = re.compile(rf"^第?({_NUMBER.pattern})(组|小组|村民小组)?$")

MAX_TEXT = 200
MAX_NOTE = 2000


def clean_text(value, *, field: str, limit: int = MAX_TEXT) -> str:
    """NFC, full-width letters and digits folded, trimmed, single-spaced; refuses
    control and format characters."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_ZERO_WIDTH).translate(_FULL_WIDTH_ALNUM)
    text = text.replace("\t", " ")
    for char in text:
        if _is_refused(char):
            raise JifenError("text.control_char", field=field, code=f"U+{ord(char):04X}")
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        raise JifenError("text.too_long", field=field, limit=limit)
    return text


def _is_refused(char: str) -> bool:
    """Controls other than line ends, and every format character left once the
    zero-width ones are dropped: bidi overrides reorder a name on a notice, tag
    characters (U+E0000...) spell text nobody sees. Also lone surrogates, which
    are how Python decodes a byte that is not UTF-8 (a file name from an old
    Windows zip): SQLite cannot store them."""
    category = unicodedata.category(char)
    return category in ("Cf", "Cs") or (category == "Cc" and char not in "\n\r")


def visible(text: str) -> str:
    """`text` on one line, every control or format character spelled out (\\u202e):
    how text nobody cleaned (a header cell of a sheet) is shown without hiding,
    reordering or overwriting what is printed around it."""
    return "".join(f"\\u{ord(char):04x}" if unicodedata.category(char) in ("Cc", "Cf", "Cs")
                   else char for char in " ".join(text.split()))


def clean_note(value, *, field: str = "notes") -> str:
    """Like clean_text, but keeps line breaks and allows a longer text."""
    if value is None:
        return ""
    lines = [clean_text(line, field=field, limit=MAX_NOTE) for line in str(value).splitlines()]
    text = "\n".join(lines).strip()
    if len(text) > MAX_NOTE:
        raise JifenError("text.too_long", field=field, limit=MAX_NOTE)
    return text


def clean_reason(value) -> str:
    """A reason the clerk must give (closing, reversing, rejecting...): never blank."""
    reason = clean_text(value, field="reason")
    if not reason:
        raise JifenError("reason.missing")
    return reason


def clean_name(value, *, field: str = "head") -> str:
    """A person's name: NFKC-folded, no spaces inside Chinese, one kind of middle dot (·).

    NFKC because a name is how a household is found: a name copied from a PDF
    often holds Kangxi radicals (⼈, U+2F08) that look like 人 but match no
    search and have no pinyin.
    """
    text = _SPACE_BETWEEN_CJK.sub("", _identifier(value, field=field, limit=MAX_TEXT))
    if re.search(_CJK, text):
        text = _NAME_DOTS.sub("·", text)
    return text


def whole_number(value):
    """A float with nothing after the point as an int; any other value as it is.

    Spreadsheets keep every number as a float: the card typed as 1001 comes back as 1001.0.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _identifier(value, *, field: str, limit: int) -> str:
    """Text that names or counts something: NFKC-folded, and a whole float loses its '.0'."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(whole_number(value)))
    return clean_text(text, field=field, limit=limit)


def clean_card(value) -> str:
    """A card number: no spaces, upper case."""
    return _identifier(value, field="card_no", limit=40).replace(" ", "").upper()


def clean_phone(value) -> str:
    text = _identifier(value, field="phone", limit=30)
    if text and not _PHONE.match(text):
        raise JifenError("household.bad_phone", phone=text)
    return text


def clean_group(value) -> str:
    """A villager group name; "1", "第一组" and "1组" all become "1组"."""
    text = _identifier(value, field="group", limit=40).replace(" ", "")
    match = _GROUP.match(text)
    if match:
        return f"{_number(match.group(1))}组"
    return text


def _number(digits: str) -> int:
    if digits.isdigit():
        return int(digits)
    if "十" not in digits:
        return int("".join(str(_CHINESE_DIGITS[char]) for char in digits))
    tens, _, ones = digits.partition("十")
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def parse_count(value, *, field: str = "member_count") -> int:
    """A whole number of people, 1 to 99: "4", "４", "4人", "四", "十二口".

    A refusal shows the value as given, but `visible`: a zero-width space, which
    cleaning drops, is why "\u200b" is no number."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = _identifier(value, field=field, limit=20).removesuffix("人").removesuffix("口").strip()
        if not _NUMBER.fullmatch(text):
            raise JifenError("household.bad_member_count", value=visible(str(value)))
        number = _number(text)
    if not 1 <= number <= 99:
        raise JifenError("household.bad_member_count", value=visible(str(value)))
    return number


def record_number(value) -> int | None:
    """A record's number as typed ("12", 12, "#12"); None if it cannot name a row."""
    try:
        number = int(str(value).strip().lstrip("#"))
    except ValueError:
        return None
    return number if 1 <= number < 2**63 else None
