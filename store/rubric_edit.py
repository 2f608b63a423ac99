"""Editing a rubric inside jifen, and importing or exporting one.

Edits are pure functions on the frozen dataclasses of store.rubric: each
returns a new Rubric and leaves the one it was given alone, so a screen can
hold a working copy and drop it at will. An edit that could break a rule of
the format (a deduction in a bonus category, points of 0) returns the rubric
only after `validated` has written it as TOML and read it back equal, so a
refused edit raises the same JifenError a bad file would. Nothing here writes
to the village file except `save_rubric` and `import_rubric`, which adopt a
new version through store.adoption.
"""

import hashlib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from store import adoption
from store.actor import Actor
from store.errors import JifenError
from store.models import RubricVersion
from store.roster_export import write_atomically
from store.rubric import Category, Item, Rubric, parse_rubric, rubric_to_toml
from store.shipped import find_rules_file
from store.toml_files import read_toml_text

LAST_ITEM_NUMBER = 99  # store.rubric: an item id is "<category>.<1..99>"
# What the review meeting may set when the form leaves a bound empty (as store.rubric).
MEETING_DEFAULT_MIN = 1
MEETING_DEFAULT_MAX = 100


# ---------------------------------------------------------------------------
# Items


@dataclass(frozen=True)
class ItemFields:
    """Everything about an item that a clerk may change: all but its id and category."""

    name: str
    description: str = ""
    points: int | None = None  # None when the meeting sets the points
    unit: str = "per_time"
    max_per_period: int | None = None
    meeting_sets_points: bool = False
    min_points: int | None = None
    max_points: int | None = None
    evidence: str = ""
    example: bool = False


def fields_of(item: Item) -> ItemFields:
    """The changeable fields of `item`, to fill a form."""
    return ItemFields(**{field.name: getattr(item, field.name) for field in fields(ItemFields)})


def whole_number(text: str) -> int | None:
    """A number typed in a form: None when left empty; ASCII or full-width digits."""
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)  # int() reads full-width digits and a leading minus sign
    except ValueError:
        raise JifenError("rubric.not_whole_number", value=text) from None


def next_item_id(rubric: Rubric, category_id: str, taken=frozenset()) -> str:
    """The id a new item of the category gets: above every id the category ever used.

    Retired items stay in the rubric, so their ids count; `taken` adds the ids
    of earlier versions, so an item removed by an import is not reborn under
    its old id either (an old award naming it would then explain itself wrongly).
    """
    category = _category(rubric, category_id)
    used = {_number(item_id) for item_id in [*(item.id for item in category.items), *taken]
            if item_id.partition(".")[0] == category_id}
    above = max(used, default=0) + 1
    # Past 99, a number the category never used is still free (ids are 1 to 99).
    free = range(above, LAST_ITEM_NUMBER + 1) or [number for number in
                                                 range(1, LAST_ITEM_NUMBER + 1)
                                                 if number not in used]
    if not free:
        raise JifenError("rubric.category_full", category=category_id, limit=LAST_ITEM_NUMBER)
    return f"{category_id}.{free[0]}"


def _number(item_id: str) -> int:
    number = item_id.partition(".")[2]
    return int(number) if number.isdigit() else 0


def add_item(rubric: Rubric, category_id: str, item_fields: ItemFields,
             taken=frozenset()) -> tuple[Rubric, str]:
    """The rubric with a new item at the end of the category, and the new item's id."""
    item_id = next_item_id(rubric, category_id, taken)
    item = _item(item_id, category_id, item_fields, retired=False)
    category = _category(rubric, category_id)
    changed = _with_category(rubric, replace(category, items=(*category.items, item)))
    return validated(changed), item_id


def change_item(rubric: Rubric, item_id: str, item_fields: ItemFields) -> Rubric:
    """The rubric with the item's fields changed; its id and place stay."""
    old = rubric.item(item_id)
    return validated(_with_item(rubric, _item(item_id, old.category_id, item_fields,
                                              retired=old.retired)))


def retire_item(rubric: Rubric, item_id: str) -> Rubric:
    """The item stays (awards made under it still explain themselves) but is not offered."""
    return _with_item(rubric, replace(rubric.item(item_id), retired=True))


def restore_item(rubric: Rubric, item_id: str) -> Rubric:
    return _with_item(rubric, replace(rubric.item(item_id), retired=False))


def move_item(rubric: Rubric, item_id: str, step: int) -> Rubric:
    """The item moved `step` places up (-1) or down (1) within its category.

    Only the order changes, never an id: at either end it stays where it is.
    """
    item = rubric.item(item_id)
    category = _category(rubric, item.category_id)
    items = list(category.items)
    index = items.index(item)
    target = index + step
    if not 0 <= target < len(items):
        return rubric
    items[index], items[target] = items[target], items[index]
    return _with_category(rubric, replace(category, items=tuple(items)))


def _item(item_id: str, category_id: str, item_fields: ItemFields, *, retired: bool) -> Item:
    """An item from form fields, in the one shape store.rubric reads back.

    The format leaves out what only repeats a default (a "once" item's limit
    of 1, the meeting's default bounds), so the same shape is made here;
    otherwise an edit would not survive the round trip.
    """
    values = {field.name: getattr(item_fields, field.name) for field in fields(ItemFields)}
    if item_fields.meeting_sets_points:
        values["points"] = None
        if values["min_points"] is None:
            values["min_points"] = MEETING_DEFAULT_MIN
        if values["max_points"] is None:
            values["max_points"] = MEETING_DEFAULT_MAX
    elif item_fields.points is None:  # TOML has no "nothing": say so before writing
        raise JifenError("rubric.no_points")
    else:
        values["min_points"] = values["max_points"] = None
    if item_fields.unit == "once":
        values["max_per_period"] = 1
    return Item(id=item_id, category_id=category_id, retired=retired, **values)


def _category(rubric: Rubric, category_id: str) -> Category:
    for category in rubric.categories:
        if category.id == category_id:
            return category
    raise JifenError("rubric.no_such_category", category=category_id)


def _with_category(rubric: Rubric, changed: Category) -> Rubric:
    return replace(rubric, categories=tuple(changed if category.id == changed.id else category
                                            for category in rubric.categories))


def _with_item(rubric: Rubric, changed: Item) -> Rubric:
    category = _category(rubric, changed.category_id)
    items = tuple(changed if item.id == changed.id else item for item in category.items)
    return _with_category(rubric, replace(category, items=items))


# ---------------------------------------------------------------------------
# Checking and saving


def bump_version(rubric: Rubric, above: int = 0) -> Rubric:
    """The rubric as its next edition: one above its own version, or above `above`."""
    return replace(rubric, version=max(rubric.version, above) + 1)


def validated(rubric: Rubric) -> Rubric:
    """`rubric` once it is proved to survive being written and read again.

    It is written with tomli-w and re-read by parse_rubric, which checks every
    rule of the format; problems name the file the rubric would be exported
    as (`<id>.toml`), the line in it and the key. Reading back something else
    than was written would be a bug here, never the clerk's doing.
    """
    again = parse_rubric(rubric_to_toml(rubric), f"{rubric.id}.toml")
    if again != rubric:
        raise JifenError("rubric.round_trip", id=rubric.id)
    return again


def save_rubric(actor: Actor, rubric: Rubric, based_on: int | None = None) -> adoption.Adopted:
    """Adopt an edited rubric as the village's next version.

    `based_on` is the version the edits started from: if another clerk has
    adopted a version since, saving would silently undo theirs, so it is
    refused. A rubric equal to the one in force changes nothing (its text
    would differ only by the comments it lost). A changed one is raised to
    the next edition unless the clerk already raised it.
    """
    current = adoption.current_rubric()
    if current is not None and based_on in (None, current.number):
        if rubric == current.document:
            return current
        if rubric.version <= current.document.version:
            rubric = bump_version(rubric, current.document.version)
    return adoption.adopt_rubric_text(actor, rubric_to_toml(validated(rubric)),
                                      based_on=based_on)


def used_item_ids() -> frozenset[str]:
    """Every item id in any version the village ever adopted."""
    return frozenset(item.id for version in adoption.rubric_history()
                     for item in version.document.items())


# ---------------------------------------------------------------------------
# Files: import with a preview, export


@dataclass(frozen=True)
class RubricFile:
    """A rubric file as read for an import: adopted exactly as previewed."""

    path: Path
    text: str
    rubric: Rubric

    @property
    def sha256(self) -> str:
        """As store.adoption fingerprints a text: the same text is never adopted twice."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_rubric_file(name: str) -> RubricFile:
    """The rubric file a clerk named: a path, or the name of a shipped file."""
    path = find_rules_file(name)
    text = read_toml_text(path)
    return RubricFile(path, text, parse_rubric(text, str(path)))


def import_rubric(actor: Actor, rubric_file: RubricFile) -> adoption.Adopted:
    """Adopt the text that was previewed (comments and all), not the file as it is now."""
    return adoption.adopt_rubric_text(actor, rubric_file.text, rubric_file.path.name)


def export_rubric(path) -> adoption.Adopted:
    """Write the rubric in force to `path`, as adopted (comments and all)."""
    row = RubricVersion.select().order_by(RubricVersion.number.desc()).first()
    if row is None:
        raise JifenError("rubric.none_adopted")
    write_atomically(Path(path).expanduser(), row.text.encode("utf-8"))
    return adoption.rubric_version(row.number)


# ---------------------------------------------------------------------------
# What an import changes


@dataclass(frozen=True)
class Change:
    """One difference between two rubrics.

    `what` is "rubric", "category" or "item"; `kind` is "added", "removed",
    "changed" (with `field`, `before` and `after`), "retired", "restored" or,
    for a category whose items keep their ids but not their order, "reordered".
    """

    what: str
    kind: str
    id: str
    name: str
    field: str = ""
    before: object = None
    after: object = None


HEADER_FIELDS = ("id", "name", "source", "version", "description")
CATEGORY_FIELDS = ("name", "description", "kind")
ITEM_FIELDS = tuple(field.name for field in fields(ItemFields))


def compare(old: Rubric, new: Rubric) -> list[Change]:
    """What adopting `new` would change from `old`, category by category."""
    changes = _field_changes("rubric", "", new.name, old, new, HEADER_FIELDS)
    old_categories = {category.id: category for category in old.categories}
    for category in new.categories:
        before = old_categories.pop(category.id, None)
        if before is None:
            changes.append(Change("category", "added", category.id, category.name))
            changes += [Change("item", "added", item.id, item.name) for item in category.items]
        else:
            changes += _category_changes(before, category)
    for category in old_categories.values():
        changes.append(Change("category", "removed", category.id, category.name))
        changes += [Change("item", "removed", item.id, item.name) for item in category.items]
    return changes


def _category_changes(old: Category, new: Category) -> list[Change]:
    changes = _field_changes("category", new.id, new.name, old, new, CATEGORY_FIELDS)
    old_items = {item.id: item for item in old.items}
    kept_before = [item.id for item in old.items if item.id in {i.id for i in new.items}]
    kept_after = [item.id for item in new.items if item.id in old_items]
    if kept_before != kept_after:
        changes.append(Change("category", "reordered", new.id, new.name))
    for item in new.items:
        before = old_items.pop(item.id, None)
        if before is None:
            changes.append(Change("item", "added", item.id, item.name))
            continue
        changes += _field_changes("item", item.id, item.name, before, item, ITEM_FIELDS)
        if before.retired != item.retired:
            changes.append(Change("item", "retired" if item.retired else "restored",
                                  item.id, item.name))
    changes += [Change("item", "removed", item.id, item.name) for item in old_items.values()]
    return changes


def _field_changes(what: str, record_id: str, name: str, old, new, names) -> list[Change]:
    return [Change(what, "changed", record_id, name, field, getattr(old, field),
                   getattr(new, field))
            for field in names if getattr(old, field) != getattr(new, field)]
