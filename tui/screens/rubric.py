"""The rubric screen: the adopted rubric and policy; edit a working copy, save it as a version.

Edits change a working copy held by the screen, never the village file: the
copy is checked by the store's own rules at every edit, marked unsaved in the
status line, and adopted as a new numbered version only on `s`. Earlier
versions stay in the village file, so an award made under one still explains
itself.
"""

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rich.console import Group
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import ContentSwitcher, Footer, Static

from store import rubric_edit
from store.adoption import Adopted, current_policy, current_rubric, rubric_history
from store.errors import JifenError
from store.rubric import Category, Item, Rubric
from store.shipped import shipped_files
from tui.focus import QuietFocus
from tui.reports import points_text, policy_lines
from tui.dialogs.ask import AskLine, Confirm
from tui.dialogs.rubric_history import RubricHistoryDialog
from tui.dialogs.rubric_import import RubricImportDialog
from tui.dialogs.rubric_item import RubricItemForm
from tui.i18n import explain, t
from tui.keys import TranslatedBindings
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork

TASK = "rubric"  # the app's mode for this screen (JifenApp.MODES)

# Keys that need an adopted rubric, and those that change items (not in the policy view).
ITEM_ACTIONS = frozenset({"add", "edit", "retire", "move"})
RUBRIC_ACTIONS = ITEM_ACTIONS | {"save", "revert", "export_rubric", "history"}


def rubric_columns() -> list[Column]:
    return [Column(t("col.item"), 5), Column(t("col.item_name"), 30),
            Column(t("col.points"), 8, "right"), Column(t("rubric_screen.col.unit"), 13),
            Column(t("rubric_screen.col.limit"), 6), Column(t("rubric_screen.col.state"), 7)]


@dataclass(frozen=True)
class Row:
    """A line of the table: a category's heading (item None) or one of its items."""

    category: Category
    item: Item | None = None


def rubric_rows(rubric: Rubric) -> list[Row]:
    return [row for category in rubric.categories
            for row in (Row(category), *(Row(category, item) for item in category.items))]


def row_cells(row: Row) -> tuple[str, ...]:
    if row.item is None:  # what the category's items may be goes in their unit column
        return (row.category.id, row.category.name, "",
                t(f"rubric_kind.{row.category.kind}"), "", "")
    item = row.item
    limit = (t("rubric_screen.limit", count=item.max_per_period)
             if item.max_per_period and item.unit != "once" else "")
    state = t("rubric_screen.retired") if item.retired else (
        t("rubric_screen.example") if item.example else "")
    return (item.id, item.name, points_text(item), t(f"unit.{item.unit}"), limit, state)


@dataclass(frozen=True)
class InForce:
    """What the village has adopted, read in one worker."""

    rubric: Adopted | None
    policy: Adopted | None
    used_ids: frozenset[str]


def rules_in_force() -> InForce:
    return InForce(current_rubric(), current_policy(), rubric_edit.used_item_ids())


class RubricTable(RecordTable):
    """The items, with each category's heading row in bold."""

    DEFAULT_CSS = """
    RubricTable > .rubric-table--heading { text-style: bold; color: $accent; }
    """
    COMPONENT_CLASSES = RecordTable.COMPONENT_CLASSES | {"rubric-table--heading"}

    headings: frozenset[int] = frozenset()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if index not in self.headings or index == self.cursor:
            return strip
        style = self.get_component_rich_style("rubric-table--heading", partial=True)
        return Strip(Segment.apply_style(list(strip), post_style=style), strip.cell_length)


class RubricScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    BINDINGS = [
        Binding("a", "add", "key.add", tooltip="tip.item_add", id="item-add"),
        Binding("e", "edit", "key.edit", tooltip="tip.item_edit", id="item-edit"),
        Binding("d", "retire", "key.retire", tooltip="tip.retire", show=False, id="retire"),
        Binding("left_square_bracket,shift+up", "move(-1)", "key.move_up", tooltip="tip.move_up",
                key_display="[", show=False, id="move-up"),
        Binding("right_square_bracket,shift+down", "move(1)", "key.move_down",
                tooltip="tip.move_down", key_display="]", show=False, id="move-down"),
        Binding("s", "save", "key.save", tooltip="tip.rubric_save", id="rubric-save"),
        Binding("p", "policy", "key.policy", tooltip="tip.policy", id="policy"),
        Binding("i", "import_rubric", "key.import", tooltip="tip.rubric_import", show=False,
                id="rubric-import"),
        Binding("x", "export_rubric", "key.export", tooltip="tip.rubric_export", show=False,
                id="rubric-export"),
        Binding("v", "history", "key.history", tooltip="tip.history", show=False, id="history"),
        Binding("u", "revert", "key.revert", tooltip="tip.revert", show=False, id="revert"),
    ]

    def __init__(self) -> None:
        super().__init__(id="rubric-screen")
        self.translate_bindings()
        self.adopted: Adopted | None = None
        self.policy: Adopted | None = None
        self.used_ids: frozenset[str] = frozenset()
        self.working: Rubric | None = None  # the edited copy; adopted.document when unchanged
        self.rows: list[Row] = []
        self.showing_policy = False

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        with ContentSwitcher(initial="rubric-items", id="rubric-views"):
            with Vertical(id="rubric-items"):
                yield TableHeader(id="rubric-header")
                yield RubricTable(rubric_columns(), id="rubric-table")
                yield Static(id="rubric-detail")
            yield Static(id="rubric-none")
            with VerticalScroll(id="rubric-policy"):
                yield Static(id="rubric-policy-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(rubric_columns())
        self.query_one(RubricTable).focus()
        self.load(replace_working=True)

    def check_action(self, action: str, parameters) -> bool:
        """Keys that cannot apply are left out of the footer and do nothing."""
        if action in RUBRIC_ACTIONS and self.working is None:
            return False
        return not (action in ITEM_ACTIONS and self.showing_policy)

    # --- loading ----------------------------------------------------------------

    def load(self, keep_item: str | None = None, *, replace_working: bool) -> None:
        """Read what is in force; `replace_working` drops the working copy for it."""
        self.run_store(rules_in_force, partial(self._loaded, keep_item, replace_working),
                       group="rubric", exclusive=True)

    def _loaded(self, keep_item: str | None, replace_working: bool, state: InForce) -> None:
        self.adopted, self.policy, self.used_ids = state.rubric, state.policy, state.used_ids
        if replace_working or self.working is None:
            self.working = self.adopted.document if self.adopted else None
        self._show_policy()
        self._working_changed(keep_item)
        self.refresh_bindings()

    @property
    def unsaved(self) -> bool:
        return self.adopted is not None and self.working != self.adopted.document

    def _working_changed(self, keep_item: str | None = None) -> None:
        """Show the working copy, and tell the app whether quitting would lose edits."""
        if self.unsaved:
            self.app.unsaved_tasks.add(TASK)
        else:
            self.app.unsaved_tasks.discard(TASK)
        self._show_rows(keep_item)
        self._show_view()

    def _show_rows(self, keep_item: str | None) -> None:
        table = self.query_one(RubricTable)
        if keep_item is None and self.current_item is not None:
            keep_item = self.current_item.id
        self.rows = rubric_rows(self.working) if self.working else []
        ids = [row.item.id if row.item else None for row in self.rows]
        if keep_item is not None and keep_item in ids:
            cursor = ids.index(keep_item)
        else:  # the first item, below its category's heading, on a first showing
            cursor = table.cursor if table.row_count else 1
        table.headings = frozenset(i for i, row in enumerate(self.rows) if row.item is None)
        table.set_rows([row_cells(row) for row in self.rows],
                       frozenset(i for i, row in enumerate(self.rows)
                                 if row.item and row.item.retired),
                       cursor)
        self._show_detail()

    def _show_view(self) -> None:
        """The items, the policy, or the word that there is no rubric yet."""
        if self.showing_policy:
            view = "rubric-policy"
        else:
            view = "rubric-items" if self.working else "rubric-none"
        self.query_one(ContentSwitcher).current = view
        if view == "rubric-none":
            self.query_one("#rubric-none", Static).update(Text(self._none_text()))
        self._show_status()

    def _none_text(self) -> str:
        shipped = [name for name in shipped_files() if name.startswith("rubric-")]
        return t("rubric_screen.none", files="\n".join(f"    {name}" for name in shipped))

    def _show_status(self) -> None:
        line = Text()
        if self.unsaved:
            line.append(t("rubric_screen.unsaved"), style="bold reverse")
            line.append(" ")
        line.append(self._policy_status() if self.showing_policy else self._rubric_status())
        self.query_one("#status-line", Static).update(line)

    def _rubric_status(self) -> str:
        if self.adopted is None:
            return t("rubric_screen.status_none")
        items = self.working.items()
        return (t("rubric_screen.status", name=self.working.name, number=self.adopted.number)
                + t("rubric_screen.status_items", count=len(items),
                    retired=sum(item.retired for item in items)))

    def _policy_status(self) -> str:
        if self.policy is None:
            return t("rubric_screen.status_none")
        return t("rubric_screen.status", name=self.policy.document.name,
                 number=self.policy.number)

    def _show_policy(self) -> None:
        text = self.query_one("#rubric-policy-text", Static)
        if self.policy is None:
            text.update(t("rubric_screen.no_policy"))
            return
        # A grid, so a long value wraps under itself, not under the labels.
        lines = Table.grid(padding=(0, 2))
        lines.add_column(no_wrap=True)
        lines.add_column()
        for label, value in policy_lines(self.policy.document):
            lines.add_row(Text(label), Text(value))
        heading = t("rubric_screen.policy_heading", name=self.policy.document.name,
                    number=self.policy.number)
        text.update(Group(Text(heading, style="bold"), Text(), lines))

    # --- the highlighted row ------------------------------------------------------

    @property
    def current_row(self) -> Row | None:
        cursor = self.query_one(RubricTable).cursor
        return self.rows[cursor] if 0 <= cursor < len(self.rows) else None

    @property
    def current_item(self) -> Item | None:
        row = self.current_row
        return row.item if row else None

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        row = self.current_row
        detail = self.query_one("#rubric-detail", Static)
        if row is None:
            detail.update("")
        elif row.item is None:
            detail.update(Text(row.category.description or row.category.name))
        else:
            detail.update(Text(self._item_detail(row.item)))

    @staticmethod
    def _item_detail(item: Item) -> str:
        """The item's id, name and notes on one line, then its wording.

        The wording goes on lines of its own: Chinese has no spaces to wrap at,
        so after `5.3 ` the whole sentence would jump to the next line anyway.
        """
        notes = [f"{item.id} {item.name}",
                 t("rubric_screen.evidence", evidence=item.evidence or t("rubric_value.none"))]
        if item.meeting_sets_points:
            notes.append(t("rubric_screen.meeting_sets", low=item.min_points,
                           high=item.max_points))
        if item.retired:
            notes.append(t("rubric_screen.retired_note"))
        return "\n".join([" · ".join(notes), item.description])

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.action_edit()

    # --- editing the working copy --------------------------------------------------

    def _edited(self, keep_item: str | None, rubric: Rubric | None) -> None:
        if rubric is not None:
            self.working = rubric
            self._working_changed(keep_item)

    def action_add(self) -> None:
        """A new item in the highlighted row's category, given the next free id."""
        row = self.current_row
        category = row.category if row else self.working.categories[0]
        working, used_ids = self.working, self.used_ids
        try:
            item_id = rubric_edit.next_item_id(working, category.id, used_ids)
        except JifenError as error:
            self.notify(explain(error), severity="warning")
            return

        def save(fields) -> Rubric:
            return rubric_edit.add_item(working, category.id, fields, used_ids)[0]

        title = t("rubric_form.add_title", id=item_id)
        self.app.push_screen(RubricItemForm(title, category, save),
                             partial(self._edited, item_id))

    def action_edit(self) -> None:
        row = self.current_row
        if row is None or self.showing_policy:
            return
        if row.item is None:
            self.notify(t("rubric_screen.pick_item"))
            return
        item, working = row.item, self.working
        title = t("rubric_form.edit_title", id=item.id, name=item.name)
        self.app.push_screen(
            RubricItemForm(title, row.category,
                           partial(rubric_edit.change_item, working, item.id), item),
            partial(self._edited, item.id))

    def action_retire(self) -> None:
        item = self.current_item
        if item is None:
            self.notify(t("rubric_screen.pick_item"))
            return
        change = rubric_edit.restore_item if item.retired else rubric_edit.retire_item
        self._edited(item.id, change(self.working, item.id))
        done = "rubric_screen.restored" if item.retired else "rubric_screen.retired_done"
        self.notify(t(done, id=item.id, name=item.name))

    def action_move(self, step: int) -> None:
        item = self.current_item
        if item is not None:
            self._edited(item.id, rubric_edit.move_item(self.working, item.id, step))

    def action_revert(self) -> None:
        if not self.unsaved:
            self.notify(t("rubric_screen.nothing_to_save"))
            return
        self.app.push_screen(Confirm(t("rubric_screen.revert_title"),
                                     t("rubric_screen.revert_question",
                                       number=self.adopted.number),
                                     dialog_id="rubric-revert"),
                             lambda yes: self._edited(None, self.adopted.document) if yes else None)

    # --- saving -----------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.unsaved:
            self.notify(t("rubric_screen.nothing_to_save"))
            return
        actor, working, based_on = self.app.actor, self.working, self.adopted.number
        self.notify(t("form.saving"))
        self.run_store(lambda: rubric_edit.save_rubric(actor, working, based_on),
                       partial(self._saved, working))

    def _saved(self, working: Rubric, adopted: Adopted) -> None:
        self.notify(t("rubric_screen.saved", number=adopted.number,
                      version=adopted.document.version))
        # Edits made while the save was on its way stay in the working copy.
        self.load(replace_working=self.working is working)

    # --- the policy ---------------------------------------------------------------------

    def action_policy(self) -> None:
        """Show the policy in force instead of the items, or back."""
        self.showing_policy = not self.showing_policy
        self._show_view()
        if self.showing_policy:
            self.query_one("#rubric-policy").focus()
        else:
            self.query_one(RubricTable).focus()
        self.refresh_bindings()

    # --- import, export, history -------------------------------------------------------

    def action_import_rubric(self) -> None:
        shipped = [name for name in shipped_files() if name.startswith("rubric-")]
        self.app.push_screen(AskLine(t("rubric_import.ask_title"),
                                     t("rubric_import.ask_prompt", files=t("word.list").join(shipped)),
                                     dialog_id="rubric-import-path",
                                     placeholder=t("rubric_import.placeholder")),
                             self._read_import)

    def _read_import(self, name: str | None) -> None:
        if name is not None:
            self.run_store(lambda: rubric_edit.read_rubric_file(name), self._preview_import)

    def _preview_import(self, rubric_file: rubric_edit.RubricFile) -> None:
        self.app.push_screen(RubricImportDialog(rubric_file, self.adopted, self.unsaved),
                             partial(self._import, rubric_file))

    def _import(self, rubric_file: rubric_edit.RubricFile, confirmed: bool) -> None:
        if confirmed:
            actor = self.app.actor
            self.run_store(lambda: rubric_edit.import_rubric(actor, rubric_file), self._imported)

    def _imported(self, adopted: Adopted) -> None:
        self.notify(t("cli.adopted" if adopted.new else "cli.adopted_same",
                      name=adopted.document.name, number=adopted.number))
        self.load(replace_working=True)

    def action_export_rubric(self) -> None:
        """Export the rubric in force, as adopted; unsaved edits are not in it."""
        adopted = self.adopted
        default = Path.home() / t("rubric_export.default_name", id=adopted.document.id,
                                  number=adopted.number)
        prompt = t("rubric_export.ask_prompt", number=adopted.number)
        if self.unsaved:
            prompt += "\n" + t("rubric_export.not_unsaved")
        self.app.push_screen(AskLine(t("rubric_export.ask_title"), prompt, str(default),
                                     dialog_id="rubric-export-path"),
                             self._check_target)

    def _check_target(self, path: str | None) -> None:
        if path is None:
            return
        if Path(path).expanduser().exists():
            self.app.push_screen(Confirm(t("rubric_export.ask_title"),
                                         t("exporting.replace", path=path)),
                                 lambda yes: self._export(path) if yes else None)
        else:
            self._export(path)

    def _export(self, path: str) -> None:
        self.run_store(lambda: rubric_edit.export_rubric(path),
                       lambda adopted: self.notify(t("rubric_export.done", path=path,
                                                     number=adopted.number)))

    def action_history(self) -> None:
        self.run_store(rubric_history,
                       lambda versions: self.app.push_screen(RubricHistoryDialog(versions)))

    # --- leaving ------------------------------------------------------------------------

    def on_screen_suspend(self) -> None:
        """Going to another task keeps the working copy: say so, so it is not forgotten.

        (A dialog opened over this screen suspends it too, within the same task.)
        """
        if self.unsaved and self.app.current_mode != TASK:
            self.notify(t("rubric_screen.kept_unsaved"), severity="warning")
