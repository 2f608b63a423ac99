"""The deeds register (事迹登记册): register a deed in a few keys, see what waits, withdraw.

A deed is registered in three steps, each a dialog that Enter moves on from:
the household (card, name or pinyin initials), then the form whose first field
takes an item id or opens the rubric picker, then evidence, what happened, the
day (today unless changed) and the self-applied tick. A known card and item id
take 10 keys: `a 0101 Enter 5.3 Ctrl+S`.

The list shows the deeds waiting for a review, by villager group (the roster's
order), then by day; `v` shows every deed with its status.
"""

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from store import roster
from store.adoption import current_rubric
from store.deeds import DeedInfo, list_deeds, register_deed, withdraw_deed
from store.rubric import Rubric
from store.rubric_search import knows_initials, learn_initials
from tui.dialogs.ask import AskLine
from tui.dialogs.deed_form import DeedForm
from tui.dialogs.household_picker import HouseholdPicker
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork


@dataclass(frozen=True)
class Register:
    """What the screen shows: the deeds in order, the groups they are in, the rubric."""

    rows: list[DeedInfo]
    groups: list[str]
    rubric: Rubric | None


def read_register(*, pending: bool, group: str) -> Register:
    """The deeds (pending only, or all) by villager group in roster order, then day and id."""
    rows = list_deeds(pending=pending)
    groups = list(dict.fromkeys(deed.group for deed in rows if deed.group))
    if group:
        rows = [deed for deed in rows if deed.group == group]
    adopted = current_rubric()
    return Register(rows, groups, adopted.document if adopted else None)


def deed_columns() -> list[Column]:
    # 78 cells: an 80-column terminal less the blank before each row and the scrollbar.
    return [Column(t("col.group"), 5), Column(t("col.deed"), 4, "right"),
            Column(t("col.date"), 5), Column(t("col.card"), 9), Column(t("col.head"), 10),
            Column(t("deeds.form.item"), 5), Column(t("col.what"), 24), Column(t("col.status"), 9)]


def deed_cells(deed: DeedInfo) -> tuple[str, ...]:
    return (deed.group, str(deed.id), deed.day.strftime("%m-%d"), deed.household, deed.head,
            deed.item_id, deed.what.replace("\n", " "), t(f"deed_status.{deed.status}"))


def deed_detail(deed: DeedInfo, rubric: Rubric | None) -> str:
    """What the row has no room for: the full day, the item's name, evidence, who and why."""
    parts = [t("deeds.detail.deed", id=deed.id, day=deed.day.isoformat(), card=deed.household,
               head=deed.head)]
    item_name = _item_name(rubric, deed.item_id)
    if deed.item_id:
        parts.append(f"{deed.item_id} {item_name}".strip())
    if deed.what != item_name:
        parts.append(deed.what.replace("\n", " "))
    if deed.evidence:
        parts.append(t("deeds.detail.evidence", evidence=deed.evidence))
    if deed.self_applied:
        parts.append(t("deeds.detail.self_applied"))
    parts.append(t("deeds.detail.registered_by", name=deed.registered_by))
    if deed.status != "pending":
        status = t(f"deed_status.{deed.status}")
        parts.append(t("deeds.detail.status", status=status, reason=deed.status_reason)
                     if deed.status_reason else status)
    return " · ".join(parts)


def _item_name(rubric: Rubric | None, item_id: str) -> str:
    if rubric is None or not item_id:
        return ""
    matches = [item.name for item in rubric.items() if item.id == item_id]
    return matches[0] if matches else ""


class DeedsScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    BINDINGS = [
        Binding("a", "register", "deeds.key.register", tooltip="deeds.tip.register",
                id="deed-register"),
        Binding("w", "withdraw", "deeds.key.withdraw", tooltip="deeds.tip.withdraw",
                id="deed-withdraw"),
        # One key, two actions: the footer shows the one that applies (check_action).
        Binding("v", "show_all", "deeds.key.show_all", tooltip="deeds.tip.show_all",
                id="deeds-all"),
        Binding("v", "show_pending", "deeds.key.show_pending", tooltip="deeds.tip.show_pending",
                id="deeds-pending"),
        Binding("g", "next_group(1)", "key.group", tooltip="tip.group", show=False,
                id="deeds-group"),
        Binding("G", "next_group(-1)", "key.group_back", tooltip="tip.group_back", show=False,
                id="deeds-group-back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="deeds-screen")
        self.translate_bindings()
        self.rows: list[DeedInfo] = []
        self.groups: list[str] = []
        self.rubric: Rubric | None = None
        self.show_all = False
        self.group = ""
        # The deed to put the cursor on when the next read answers (one just registered):
        # kept here, as a later read (on coming back from a dialog) overtakes the first.
        self.keep_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        yield TableHeader(id="deeds-header")
        yield RecordTable(deed_columns(), id="deeds")
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(deed_columns())
        self.query_one(RecordTable).focus()

    def on_screen_resume(self) -> None:
        """On first showing and on coming back: a meeting may have awarded deeds meanwhile."""
        self.load()

    def check_action(self, action: str, parameters) -> bool:
        if action == "show_all":
            return not self.show_all
        if action == "show_pending":
            return self.show_all
        return True

    # --- loading --------------------------------------------------------------------

    def load(self, keep_id: int | None = None) -> None:
        """Read the register for the current view and group, in a worker."""
        if keep_id is not None:
            self.keep_id = keep_id
        pending, group = not self.show_all, self.group
        self.run_store(lambda: read_register(pending=pending, group=group),
                       partial(self._show, pending, group), group="deeds", exclusive=True)

    def _show(self, pending: bool, group: str, register: Register) -> None:
        if (pending, group) != (not self.show_all, self.group):
            return  # the view changed since: a newer read is coming
        table = self.query_one(RecordTable)
        keep_id, self.keep_id = self.keep_id, None
        if keep_id is None and self.current is not None:
            keep_id = self.current.id
        ids = [deed.id for deed in register.rows]
        cursor = ids.index(keep_id) if keep_id in ids else table.cursor
        self.rows, self.groups = register.rows, register.groups
        self._rubric_loaded(register.rubric)
        table.set_rows([deed_cells(row) for row in self.rows],
                       frozenset(i for i, deed in enumerate(self.rows)
                                 if deed.status != "pending"), cursor)
        self._show_status()
        if not self.rows:
            key = "deeds.nothing" if self.show_all else "deeds.nothing_pending"
            self.query_one("#detail", Static).update(t(key))

    def _rubric_loaded(self, rubric: Rubric | None) -> None:
        """Keep the rubric for the item field, and learn its pinyin initials meanwhile."""
        self.rubric = rubric
        if rubric is not None and not knows_initials(rubric):
            self.run_store(lambda: learn_initials(rubric), lambda _: None,
                           group="deeds-initials", exclusive=True)

    def _show_status(self) -> None:
        view = t("deeds.view.all" if self.show_all else "deeds.view.pending")
        filters = (t("roster.group_filter", group=self.group) if self.group
                   else t("roster.all_groups"))
        line = t("deeds.status", village=self.app.village.name, view=view, count=len(self.rows),
                 filters=filters, acting=self.app.sub_title)
        self.query_one("#status-line", Static).update(Text(line))

    @property
    def current(self) -> DeedInfo | None:
        table = self.query_one(RecordTable)
        if not self.rows or table.cursor >= len(self.rows):
            return None
        return self.rows[table.cursor]

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        deed = self.current
        if deed is not None:
            self.query_one("#detail", Static).update(Text(deed_detail(deed, self.rubric)))

    # --- the view -------------------------------------------------------------------

    def action_show_all(self) -> None:
        self._set_view(True)

    def action_show_pending(self) -> None:
        self._set_view(False)

    def _set_view(self, show_all: bool) -> None:
        self.show_all = show_all
        self.refresh_bindings()
        self.load()

    def action_next_group(self, step: int) -> None:
        choices = ["", *self.groups]
        position = choices.index(self.group) if self.group in choices else 0
        self.group = choices[(position + step) % len(choices)]
        self.load()

    # --- registering ----------------------------------------------------------------

    def action_register(self) -> None:
        self.app.push_screen(HouseholdPicker(t("deeds.pick.title")), self._household_picked)

    def _household_picked(self, household: roster.HouseholdInfo | None) -> None:
        if household is None:
            return
        actor = self.app.actor
        form = DeedForm(household, self.rubric, actor.today,
                        partial(register_deed, actor, household.card_no))
        self.app.push_screen(form, self._registered)

    def _registered(self, deed: DeedInfo | None) -> None:
        if deed is None:
            return
        self.notify(t("cli.deed.added", id=deed.id, card=deed.household, head=deed.head,
                      what=deed.what))
        self.load(keep_id=deed.id)

    # --- withdrawing ----------------------------------------------------------------

    def action_withdraw(self) -> None:
        deed = self.current
        if deed is None:
            return
        if deed.status != "pending":
            self.notify(t("deed.not_pending", deed=deed.id,
                          deed_status=t(f"deed_status.{deed.status}")), severity="warning")
            return
        title = t("deeds.withdraw.title", id=deed.id, card=deed.household, head=deed.head,
                  what=deed.what)
        self.app.push_screen(AskLine(title, t("deeds.withdraw.prompt"),
                                     dialog_id="deed-withdraw-reason",
                                     placeholder=t("deeds.withdraw.placeholder")),
                             partial(self._withdraw, deed.id))

    def _withdraw(self, deed_id: int, reason: str | None) -> None:
        if reason is None:
            return
        actor = self.app.actor
        self.run_store(lambda: withdraw_deed(actor, deed_id, reason), self._withdrawn)

    def _withdrawn(self, deed: DeedInfo) -> None:
        self.notify(t("cli.deed.withdrawn", id=deed.id))
        self.load(keep_id=deed.id)
