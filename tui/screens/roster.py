"""The household roster: search as you type, add, edit, close, reopen, import, export."""

from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from store import roster
from store.errors import JifenError
from store.roster import HouseholdInfo
from tui.focus import QuietFocus
from tui.forms import format_members
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.detail_lines import DetailLines
from tui.widgets.field import Field
from tui.widgets.footer import Footer
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork

DETAIL_DELAY = 0.15  # seconds: holding an arrow key does not query every row it passes
# Households read first at start-up, more than a tall terminal shows: the screen is
# there to use at once, and the rest (35 ms for 5,000) comes after the first frame.
FIRST_PAGE = 100


def roster_columns() -> list[Column]:
    return [Column(t("col.card"), 9), Column(t("col.head"), 16), Column(t("col.group"), 5),
            Column(t("col.house"), 16), Column(t("col.members"), 4, "right"),
            Column(t("col.poor_short"), 4), Column(t("col.status"), 10)]


def table_cells(household: HouseholdInfo) -> tuple[str, ...]:
    return (household.card_no, household.head, household.group, household.house_no,
            str(household.member_count), t("word.yes") if household.poor else "",
            t(f"status.{household.status}"))


class SearchInput(Field):
    """The search line; ↓ goes down into the table."""

    BINDINGS = [Binding("down", "screen.focus_table", show=False)]


class RosterScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    # The table has the focus from the start (not the search line, first in the screen):
    # focused later, the footer would be built once more before the first frame.
    AUTO_FOCUS = "#roster"
    BINDINGS = [
        Binding("slash", "search", "key.search", tooltip="tip.search", id="search"),
        Binding("a", "add", "key.add", tooltip="tip.add", id="add"),
        Binding("e", "edit", "key.edit", tooltip="tip.edit", id="edit"),
        Binding("c", "close_household", "key.close", tooltip="tip.close", id="close"),
        Binding("r", "reopen", "key.reopen", tooltip="tip.reopen", show=False, id="reopen"),
        Binding("g", "next_group(1)", "key.group", tooltip="tip.group", id="group"),
        Binding("G", "next_group(-1)", "key.group_back", tooltip="tip.group_back", show=False,
                id="group-back"),
        Binding("i", "import_roster", "key.import", tooltip="tip.import", show=False, id="import"),
        Binding("x", "export_roster", "key.export", tooltip="tip.export", show=False, id="export"),
        Binding("escape", "clear_search", "key.clear", tooltip="tip.clear", show=False, id="clear"),
    ]

    def __init__(self) -> None:
        super().__init__(id="roster-screen")
        self.translate_bindings()
        self.households: list[HouseholdInfo] = []
        self.group = ""
        self._detail_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        with Horizontal(id="search-bar"):
            yield Label(t("roster.search_label"), id="search-label")
            yield SearchInput(placeholder=t("roster.search_placeholder"), id="search")
        yield TableHeader(id="roster-header")
        yield RecordTable(roster_columns(), id="roster")
        yield DetailLines(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TableHeader).show_columns(roster_columns())
        self._show_first_page()

    # --- loading --------------------------------------------------------------

    @property
    def search_text(self) -> str:
        return self.query_one("#search", Input).value

    def _show_first_page(self) -> None:
        """The first households, read here so that the first frame has rows: 3 ms
        for 100 of 5,000, where a worker's query waits 80 ms on the drawing of the
        first frames. The whole roster comes after them, from a worker."""
        try:
            households = roster.find_households(limit=FIRST_PAGE)
        except JifenError:
            self.load()   # which says why, if it fails again
            return
        whole = len(households) < FIRST_PAGE
        self._show("", "", None, households, whole=whole)
        if not whole:
            # By the app: its messages wait for the end of its start, so this runs after
            # the first frame is sent, not after a refresh drawn before (and not sent).
            self.app.call_after_refresh(self.load)

    def load(self, keep_card: str | None = None) -> None:
        """Query the roster for the current search and group, in a worker."""
        search, group = self.search_text, self.group
        self.run_store(lambda: roster.find_households(search, group=group),
                       partial(self._show, search, group, keep_card),
                       group="roster", exclusive=True)

    def _show(self, search: str, group: str, keep_card: str | None,
              households: list[HouseholdInfo], *, whole: bool = True) -> None:
        """Show `households`, the cursor kept on its card; `whole`: all there are
        (the first page at start-up is not, and the count waits for the rest)."""
        if (search, group) != (self.search_text, self.group):
            return  # the clerk has typed on since: a newer search is coming
        table = self.query_one(RecordTable)
        if keep_card is None and self.current is not None:
            keep_card = self.current.card_no
        cards = [household.card_no for household in households]
        cursor = cards.index(keep_card) if keep_card in cards else 0
        self.households = households
        table.set_rows([table_cells(h) for h in households],
                       frozenset(i for i, h in enumerate(households) if h.status != "active"),
                       cursor)
        if not whole:
            return
        self._show_status()
        if not households:
            self.query_one(DetailLines).show(t("roster.nothing_found"))

    def _show_status(self) -> None:
        village = self.app.village
        filters = t("roster.group_filter", group=self.group) if self.group else t("roster.all_groups")
        line = t("roster.status", village=village.name, count=len(self.households),
                 filters=filters, acting=self.app.sub_title)
        status = self.query_one("#status-line", Static)
        if str(status.render()) != line:   # a letter that finds the same: nothing to send
            # One line of a fixed size: no new layout, which would repaint the scrollbar.
            status.update(Text(line), layout=False)

    @property
    def current(self) -> HouseholdInfo | None:
        table = self.query_one(RecordTable)
        if not self.households or table.cursor >= len(self.households):
            return None
        return self.households[table.cursor]

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._load_detail)

    def _load_detail(self) -> None:
        household = self.current
        if household is not None:
            self.run_store(lambda: roster.get_household(household.card_no), self._show_detail,
                           group="detail", exclusive=True)

    def _show_detail(self, household: HouseholdInfo) -> None:
        current = self.current
        if current is None or current.card_no != household.card_no:
            return
        parts = [f"{household.card_no} {household.head}"]
        if household.members:
            parts.append(t("roster.detail_members", members=format_members(household.members)))
        if household.phone:
            parts.append(t("roster.detail_phone", phone=household.phone))
        if household.status != "active":
            reason = household.status_reason
            if household.merged_into:
                reason = t("roster.detail_merged", into=household.merged_into, reason=reason)
            parts.append(t("roster.detail_status", status=t(f"status.{household.status}"),
                           reason=reason))
        if household.notes:
            parts.append(t("roster.detail_notes", notes=household.notes.replace("\n", " ")))
        self.query_one(DetailLines).show(" · ".join(parts))

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.action_edit()

    # --- searching ------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.action_focus_table()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one(RecordTable).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        self.action_focus_table()

    def action_next_group(self, step: int) -> None:
        self.run_store(roster.group_names, partial(self._next_group, step))

    def _next_group(self, step: int, names: list[str]) -> None:
        choices = ["", *names]
        position = choices.index(self.group) if self.group in choices else 0
        self.group = choices[(position + step) % len(choices)]
        self.load()

    # --- changing households --------------------------------------------------

    def _saved(self, done_key: str, household: HouseholdInfo | None) -> None:
        if household is None:
            return
        self.notify(t(done_key, card=household.card_no, head=household.head))
        self.load(keep_card=household.card_no)

    def action_add(self) -> None:
        from tui.dialogs.household_form import HouseholdForm

        actor = self.app.actor
        self.app.push_screen(HouseholdForm(t("form.add_title"),
                                           lambda fields: roster.add_household(actor, fields)),
                             partial(self._saved, "cli.roster.added"))

    def action_edit(self) -> None:
        household = self.current
        if household is None:
            return
        self.run_store(lambda: roster.get_household(household.card_no), self._edit)

    def _edit(self, household: HouseholdInfo) -> None:
        from tui.dialogs.household_form import HouseholdForm

        actor = self.app.actor
        save = partial(roster.edit_household, actor, household.card_no)
        title = t("form.edit_title", card=household.card_no, head=household.head)
        self.app.push_screen(HouseholdForm(title, save, household),
                             partial(self._saved, "cli.roster.edited"))

    def action_close_household(self) -> None:
        household = self.current
        if household is None:
            return
        if household.status != "active":
            self.notify(t("household.not_active", card=household.card_no,
                          status=t(f"status.{household.status}")), severity="warning")
            return
        from tui.dialogs.ask import AskCloseReason

        title = t("close.title", card=household.card_no, head=household.head)
        self.app.push_screen(AskCloseReason(title), partial(self._close, household.card_no))

    def _close(self, card_no: str, answer: tuple[str, bool] | None) -> None:
        if answer is None:
            return
        reason, moved = answer
        actor = self.app.actor
        self.run_store(lambda: roster.close_household(actor, card_no, reason, moved=moved),
                       partial(self._status_changed, "cli.roster.closed"))

    def action_reopen(self) -> None:
        household = self.current
        if household is None:
            return
        from tui.dialogs.ask import AskLine

        title = t("reopen.title", card=household.card_no, head=household.head)
        self.app.push_screen(AskLine(title, t("reopen.prompt"), dialog_id="reopen-reason",
                                     placeholder=t("reopen.placeholder")),
                             partial(self._reopen, household.card_no))

    def _reopen(self, card_no: str, reason: str | None) -> None:
        if reason is None:
            return
        actor = self.app.actor
        self.run_store(lambda: roster.reopen_household(actor, card_no, reason),
                       partial(self._status_changed, "cli.roster.reopened"))

    def _status_changed(self, done_key: str, household: HouseholdInfo) -> None:
        self.notify(t(done_key, card=household.card_no, head=household.head,
                      status=t(f"status.{household.status}")))
        self.load(keep_card=household.card_no)

    # --- import and export ----------------------------------------------------

    def action_import_roster(self) -> None:
        from tui.dialogs.ask import AskLine

        self.app.push_screen(AskLine(t("importing.ask_title"), t("importing.ask_prompt"),
                                     str(Path.cwd()) + "/", dialog_id="import-path"),
                             self._preview_import)

    def _preview_import(self, path: str | None) -> None:
        if path is None:
            return
        from store.roster_import import preview_roster

        self.run_store(lambda: preview_roster(path), partial(self._confirm_import, path))

    def _confirm_import(self, path: str, preview) -> None:
        from tui.dialogs.import_preview import ImportPreviewDialog

        self.app.push_screen(ImportPreviewDialog(preview), partial(self._import, path, preview))

    def _import(self, path: str, preview, confirmed: bool) -> None:
        if not confirmed:
            return
        from store.roster_import import import_roster

        actor = self.app.actor
        self.notify(t("importing.working"))
        self.run_store(lambda: import_roster(actor, path, previewed=preview.sha256), self._imported)

    def _imported(self, preview) -> None:
        self.notify(t("cli.import.done", count=preview.good_count))
        self.load()

    def action_export_roster(self) -> None:
        """Export the list on screen (a search or a group narrows it)."""
        from tui.dialogs.ask import AskLine

        households = list(self.households)
        default = Path.home() / t("exporting.default_name", village=self.app.village.name,
                                  day=self.app.actor.today.strftime("%Y%m%d"))
        prompt = t("exporting.ask_prompt", count=len(households))
        self.app.push_screen(AskLine(t("exporting.ask_title"), prompt, str(default),
                                     dialog_id="export-path"),
                             partial(self._check_target, households))

    def _check_target(self, households: list[HouseholdInfo], path: str | None) -> None:
        if path is None:
            return
        if Path(path).expanduser().exists():
            from tui.dialogs.ask import Confirm

            question = t("exporting.replace", path=path)
            self.app.push_screen(Confirm(t("exporting.ask_title"), question),
                                 lambda yes: self._export(households, path) if yes else None)
        else:
            self._export(households, path)

    def _export(self, households: list[HouseholdInfo], path: str) -> None:
        from store.roster_export import export_roster

        self.run_store(lambda: export_roster(path, households),
                       lambda count: self.notify(t("cli.export.done", count=count, path=path)))
