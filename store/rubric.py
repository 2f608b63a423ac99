"""A rubric (评分细则): categories of items a deed is scored against, from a TOML file.

The format is specified in rubrics/README.md. `parse_rubric` checks every rule
of it and raises the first problem as a JifenError naming the file, the line
and the key (see store.toml_files).
"""

import re
from dataclasses import dataclass

from store import toml_files
from store.errors import JifenError
from store.toml_files import LARGEST, Table

UNITS = ("per_time", "per_item", "once")
KINDS = ("bonus", "deduction", "mixed")
MAX_POINTS = 1000
ITEM_NAME_LIMIT = 24  # shown in the picker

_CATEGORY_ID = re.compile(r"[0-9A-Za-z]{1,4}")
_ITEM_NUMBER = re.compile(r"[1-9][0-9]?")
_ROOT_KEYS = ("rubric", "category")
_CATEGORY_KEYS = ("id", "name", "description", "kind", "item")
_ITEM_KEYS = ("id", "name", "description", "points", "unit", "max_per_period",
              "meeting_sets_points", "min_points", "max_points", "evidence", "example", "retired")
# What the review meeting may set when an item leaves the points to it.
_MEETING_DEFAULT_MIN = 1
_MEETING_DEFAULT_MAX = 100


@dataclass(frozen=True)
class Item:
    id: str
    category_id: str
    name: str
    description: str
    points: int | None  # None only when meeting_sets_points
    unit: str
    max_per_period: int | None  # None = no limit ("once" gives 1)
    meeting_sets_points: bool
    min_points: int | None  # only with meeting_sets_points
    max_points: int | None
    evidence: str
    example: bool
    retired: bool


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str
    kind: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Rubric:
    id: str
    name: str
    source: str
    version: int
    description: str
    categories: tuple[Category, ...]

    def items(self) -> list[Item]:
        """Every item in order, retired ones included."""
        return [item for category in self.categories for item in category.items]

    def item(self, item_id: str) -> Item:
        """The item with id `item_id`, retired or not."""
        for item in self.items():
            if item.id == item_id:
                return item
        raise JifenError("rubric.no_such_item", item=item_id)


def load_rubric(path) -> Rubric:
    """The rubric in the file at `path` (size cap, UTF-8 with or without a BOM)."""
    return parse_rubric(toml_files.read_toml_text(path), str(path))


def parse_rubric(text: str, file: str = "<text>") -> Rubric:
    """The rubric written in `text`; `file` names it in error messages."""
    root = toml_files.parse_document(text, file, _ROOT_KEYS)
    header = toml_files.read_header(root, "rubric")
    return Rubric(**header, categories=_categories(root))


def _categories(root: Table) -> tuple[Category, ...]:
    tables = root.tables("category", _CATEGORY_KEYS)
    if not tables:
        raise root.error("rubric.no_categories", "category")
    category_paths: dict[str, str] = {}  # id -> where it is first written
    item_paths: dict[str, str] = {}
    return tuple(_category(table, category_paths, item_paths) for table in tables)


def _category(table: Table, category_paths: dict, item_paths: dict) -> Category:
    category_id = table.text("id")
    if not _CATEGORY_ID.fullmatch(category_id):
        raise table.error("rubric.bad_category_id", "id", got=category_id)
    _refuse_repeated_id(table, "rubric.duplicate_category", category_id, category_paths)
    name = table.text("name", limit=toml_files.NAME_LIMIT)
    description = table.text("description", default="", limit=toml_files.DESCRIPTION_LIMIT,
                             one_line=False)
    kind = table.choice("kind", KINDS, default="mixed")
    item_tables = table.tables("item", _ITEM_KEYS)
    if not item_tables:
        raise table.error("rubric.empty_category", got=category_id)
    items = tuple(_item(item_table, category_id, kind, item_paths) for item_table in item_tables)
    return Category(category_id, name, description, kind, items)


def _refuse_repeated_id(table: Table, message_key: str, value: str, first_paths: dict) -> None:
    """Refuses an id already written elsewhere (`first_paths`: id -> where)."""
    if value in first_paths:
        raise table.error(message_key, "id", got=value, first=first_paths[value])
    first_paths[value] = table.path


def _item(table: Table, category_id: str, kind: str, item_paths: dict) -> Item:
    item_id = table.text("id")
    prefix, dot, number = item_id.partition(".")
    if not (prefix == category_id and dot and _ITEM_NUMBER.fullmatch(number)):
        raise table.error("rubric.bad_item_id", "id", got=item_id, category=category_id)
    _refuse_repeated_id(table, "rubric.duplicate_item", item_id, item_paths)
    name = table.text("name", limit=ITEM_NAME_LIMIT)
    description = table.text("description", default="", limit=toml_files.DESCRIPTION_LIMIT,
                             one_line=False)
    meeting_sets_points = table.boolean("meeting_sets_points", default=False)
    points, min_points, max_points = _points(table, meeting_sets_points, kind)
    unit = table.choice("unit", UNITS)
    return Item(id=item_id, category_id=category_id, name=name, description=description,
                points=points, unit=unit, max_per_period=_max_per_period(table, unit),
                meeting_sets_points=meeting_sets_points, min_points=min_points,
                max_points=max_points, evidence=table.text("evidence", default=""),
                example=table.boolean("example", default=False),
                retired=table.boolean("retired", default=False))


def _points(table: Table, meeting_sets_points: bool, kind: str) -> tuple:
    """(points, min_points, max_points): fixed points, or the bounds the meeting keeps to."""
    if not meeting_sets_points:
        for name in ("min_points", "max_points"):
            if table.has(name):
                raise table.error("rubric.bounds_without_meeting", name)
        return _signed_points(table, "points", kind, default=toml_files.REQUIRED), None, None
    if table.has("points"):
        raise table.error("rubric.points_with_meeting", "points")
    low = _signed_points(table, "min_points", kind, default=_MEETING_DEFAULT_MIN)
    high = _signed_points(table, "max_points", kind, default=_MEETING_DEFAULT_MAX)
    if low > high:
        raise table.error("rubric.min_above_max", "max_points", min_points=low, max_points=high)
    return None, low, high


def _signed_points(table: Table, name: str, kind: str, *, default) -> int:
    """Points (or a bound of them) that are not 0, not absurd, and of the category's sign."""
    points = table.integer(name, low=-MAX_POINTS, high=MAX_POINTS, default=default)
    if points == 0:
        raise table.error("rubric.zero_points", name)
    if kind == "bonus" and points < 0:
        raise table.error("rubric.deduction_in_bonus", name, got=points)
    if kind == "deduction" and points > 0:
        raise table.error("rubric.bonus_in_deduction", name, got=points)
    return points


def _max_per_period(table: Table, unit: str) -> int | None:
    limit = table.integer("max_per_period", low=1, high=LARGEST, default=None)
    if unit != "once":
        return limit
    if limit not in (None, 1):
        raise table.error("rubric.once_limit", "max_per_period", got=limit)
    return 1


def rubric_to_toml(rubric: Rubric) -> str:
    """The rubric as TOML in the documented layout; parse_rubric reads it back equal."""
    tables = [("[rubric]", toml_files.header_fields(rubric))]
    for category in rubric.categories:
        tables.append(("[[category]]", _category_fields(category)))
        tables.extend(("[[category.item]]", _item_fields(item)) for item in category.items)
    return toml_files.dump_tables(tables)


def _category_fields(category: Category) -> dict:
    fields = {"id": category.id, "name": category.name}
    if category.description:
        fields["description"] = category.description
    fields["kind"] = category.kind
    return fields


def _item_fields(item: Item) -> dict:
    """An item's keys, leaving out those that only repeat a default."""
    fields = {"id": item.id, "name": item.name}
    if item.description:
        fields["description"] = item.description
    if item.meeting_sets_points:
        fields.update(meeting_sets_points=True, min_points=item.min_points,
                      max_points=item.max_points)
    else:
        fields["points"] = item.points
    fields["unit"] = item.unit
    if item.max_per_period is not None and item.unit != "once":
        fields["max_per_period"] = item.max_per_period
    if item.evidence:
        fields["evidence"] = item.evidence
    if item.example:
        fields["example"] = True
    if item.retired:
        fields["retired"] = True
    return fields
