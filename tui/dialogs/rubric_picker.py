"""Pick a rubric item by typing: an id, Chinese words or pinyin initials, then Enter.

The clerk never leaves the search line: the arrow and page keys move the
table's cursor from there, and Enter takes the highlighted item (the best
match until the clerk moves). The search itself runs on the UI thread (a few
dozen items, well under a millisecond); only learning the pinyin initials,
which imports pypinyin, runs in a worker, so typing never waits for it.
"""

from store.rubric import Category, Item, Rubric
from store.rubric_search import knows_initials, learn_initials, search_items
from tui.dialogs.search_picker import SearchPicker
from tui.i18n import t
from tui.widgets.record_table import Column


def picker_columns() -> list[Column]:
    # 69 cells: the table's width inside a 76-cell dialog (border, padding, scrollbar).
    return [Column(t("picker.col.id"), 5), Column(t("picker.col.name"), 40),
            Column(t("picker.col.points"), 7, "right"), Column(t("picker.col.unit"), 14)]


def points_text(item: Item) -> str:
    """Fixed points, or the range the meeting chooses from ("1~100")."""
    if item.meeting_sets_points:
        return f"{item.min_points}~{item.max_points}"
    return str(item.points)


def item_cells(item: Item) -> tuple[str, ...]:
    return item.id, item.name, points_text(item), t(f"unit.{item.unit}")


def item_detail(item: Item, category: Category) -> str:
    """What the row has no room for: category, limits, evidence, then the description."""
    parts = [t("picker.category", id=category.id, name=category.name)]
    if item.meeting_sets_points:
        parts.append(t("picker.meeting_sets", low=item.min_points, high=item.max_points))
    if item.max_per_period is not None and item.unit != "once":
        parts.append(t("picker.limit", count=item.max_per_period))
    if item.evidence:
        parts.append(t("picker.evidence", evidence=item.evidence))
    if item.description and item.description != item.name:
        parts.append(item.description.replace("\n", " "))
    return " · ".join(parts)


class RubricPicker(SearchPicker[Item]):
    """Dismissed with the chosen item, or None when the clerk presses Esc."""

    DIALOG_ID = "rubric-picker"
    ID_PREFIX = "picker"
    SEARCH_LABEL_KEY = "picker.search_label"
    PLACEHOLDER_KEY = "picker.placeholder"

    def __init__(self, rubric: Rubric, title: str | None = None, query: str = "") -> None:
        super().__init__(title or t("picker.title", rubric=rubric.name), query)
        self.rubric = rubric
        self.categories = {category.id: category for category in rubric.categories}

    def columns(self) -> list[Column]:
        return picker_columns()

    def cells(self, item: Item) -> tuple[str, ...]:
        return item_cells(item)

    def on_mount(self) -> None:
        # Textual runs this before SearchPicker.on_mount (subclass first); the worker's
        # answer comes back as a message, after the first search all the same.
        if not knows_initials(self.rubric):
            rubric = self.rubric
            self.run_store(lambda: learn_initials(rubric), self._initials_learnt,
                           group="picker-initials")

    def search(self) -> None:
        self.show_matches()

    def show_matches(self, keep: Item | None = None) -> None:
        """Search for what the line says; the cursor on `keep` if it still matches, else on top."""
        query = self.query_text
        matches = search_items(self.rubric, query, compute_initials=False)
        self.show(query, matches, cursor=matches.index(keep) if keep in matches else 0)

    def nothing_text(self, query: str) -> str:
        letters = query.strip().isascii() and query.strip().isalpha()
        waiting = letters and not knows_initials(self.rubric)
        return t("picker.learning_initials" if waiting else "picker.nothing")

    def _initials_learnt(self, _: None) -> None:
        # What the clerk typed meanwhile may now match by initials too.
        self.show_matches(keep=self.highlighted)

    def detail(self, item: Item) -> str:
        return item_detail(item, self.categories[item.category_id])
