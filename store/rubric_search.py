"""Find a rubric item the way a clerk types it: an id, Chinese words, or pinyin initials.

`5.3` or `53` (an id), `纠纷` (part of a name or description) and `xtll`
(the initials of 协调邻里纠纷) all find item 5.3. Results come best first: an
exact id, then ids that start with the query (so `7.1` puts 7.1 before 7.10
and 7.11), then names whose initials start with it, then names containing it,
then descriptions containing it (and initials containing it in the middle);
within each of these the rubric's own order.

Initials need pypinyin, which takes 140-180 ms to import: `learn_initials`
does that work (in a thread, for the TUI); a search made before it uses only
the initials already learnt.
"""

import unicodedata

from store.pinyin import name_initials
from store.rubric import Item, Rubric

# How well an item matches, best first; the order of the results.
EXACT_ID, ID_PREFIX, INITIALS_PREFIX, IN_NAME, IN_TEXT = range(5)

# Shorter queries found in the middle of initials would match half the rubric.
INFIX_INITIALS_MIN = 2

# Item name -> the initials of each of its readings ("zege", "zehe" for 知恩感恩).
# Keyed by name, not by rubric: a name is worked out once, and a new version of
# a rubric only costs its new names. Written by one worker thread, read by the
# UI thread: single dict operations are atomic under the GIL.
_initials: dict[str, tuple[str, ...]] = {}


def learn_initials(rubric: Rubric) -> None:
    """Work out the initials of every item name not yet known (slow the first time)."""
    for item in rubric.items():
        if item.name not in _initials:
            _initials[item.name] = tuple(name_initials(item.name).split())


def knows_initials(rubric: Rubric) -> bool:
    """Whether every item name's initials are known, so a search needs no pypinyin."""
    return all(item.name in _initials for item in rubric.items())


def search_items(rubric: Rubric, query: str, *, include_retired: bool = False,
                 compute_initials: bool = True) -> list[Item]:
    """The items that match `query`, best first; every item, in order, for an empty query.

    Retired items are left out unless `include_retired`. With
    `compute_initials=False` pypinyin is never imported: initials not yet
    learnt (see `learn_initials`) just find nothing.
    """
    if compute_initials:
        learn_initials(rubric)
    wanted = normalize_query(query)
    items = [item for item in rubric.items() if include_retired or not item.retired]
    if not wanted:
        return items
    ranked = []
    for position, item in enumerate(items):
        tier = match_tier(item, wanted)
        if tier is not None:
            ranked.append((tier, position, item))
    ranked.sort(key=lambda entry: entry[:2])
    return [item for _, _, item in ranked]


def normalize_query(query: str) -> str:
    """The query as compared: trimmed, lower case, full-width digits and stops made ASCII.

    A clerk whose input method is in Chinese mode types `5。3` or `５．３`.
    """
    text = unicodedata.normalize("NFKC", query).replace("。", ".")
    return text.strip().lower()


def match_tier(item: Item, query: str) -> int | None:
    """How well `item` matches a normalized, non-empty `query` (None: not at all)."""
    id_tier = _id_tier(item.id.lower(), query)
    if id_tier is not None:
        return id_tier
    initials = _initials.get(item.name, ())
    letters = query.isascii() and query.isalpha()
    if letters and any(reading.startswith(query) for reading in initials):
        return INITIALS_PREFIX
    if query in item.name.lower():
        return IN_NAME
    if query in item.description.lower():
        return IN_TEXT
    if letters and len(query) >= INFIX_INITIALS_MIN and any(query in r for r in initials):
        return IN_TEXT
    return None


def _id_tier(item_id: str, query: str) -> int | None:
    """Ids compare as typed when the query has a dot, else without dots (`53` is 5.3)."""
    if "." not in query:
        item_id = item_id.replace(".", "")
    if item_id == query:
        return EXACT_ID
    if item_id.startswith(query):
        return ID_PREFIX
    return None
