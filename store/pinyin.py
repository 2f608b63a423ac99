"""Pinyin initials of names, for search by typing `zsf` for 张三丰.

pypinyin costs 140-180 ms and about 56 MB to import, so it is imported only
when a name is written, never when searching.
"""

from itertools import islice, product

# A name with several polyphonic characters could have many readings; a few
# are plenty to find the person by any of the usual ones.
MAX_READINGS = 8


def name_initials(name: str) -> str:
    """Space-separated initials for each likely reading: 单雪梅 -> "dxm cxm sxm"."""
    from pypinyin import Style, pinyin

    letters = pinyin(name, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    choices = [[letter.lower() for letter in options if letter.isascii() and letter.isalpha()]
               for options in letters]
    choices = [options for options in choices if options]
    if not choices:
        return ""
    readings = ("".join(combo) for combo in product(*choices))
    unique = dict.fromkeys(islice(readings, MAX_READINGS * 4))
    return " ".join(list(unique)[:MAX_READINGS])
