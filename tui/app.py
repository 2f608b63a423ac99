"""The jifen app: one screen per task, keyboard first, Chinese by default."""

import asyncio
import signal
from importlib import import_module
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from store.actor import Actor
from store.settings import get_setting
from store.village import village_info
from tui.errorlog import log_traceback
from tui.i18n import set_language, t
from tui.keys import TranslatedBindings
from tui.work import StoreWork

PROJECTOR_SETTING = "ui.projector"

# High contrast for a projector in a lit room: white on black, yellow cursor.
PROJECTOR_THEME = Theme(
    name="jifen-projector", dark=True,
    primary="#FFFF00", secondary="#00FFFF", accent="#FFFF00", warning="#FFFF00",
    error="#FF5555", success="#55FF55",
    foreground="#FFFFFF", background="#000000", surface="#000000", panel="#303030",
    variables={"block-cursor-background": "#FFFF00", "block-cursor-foreground": "#000000",
               "block-cursor-text-style": "bold", "footer-key-foreground": "#FFFF00"},
)


def _screen(module: str, name: str):
    """A mode's screen, imported when the mode is first entered: start-up loads only the
    roster's."""
    return lambda: getattr(import_module(f"tui.screens.{module}"), name)()


ROSTER = _screen("roster", "RosterScreen")   # the first screen, and F3's task


def _keys_provider():
    """The palette's provider, imported when the palette first opens (it brings
    textual.command): not a cost of every start."""
    return import_module("tui.palette").KeysProvider


def _store_call(module: str, name: str, *args):
    """A store call whose module is imported when it runs, in its worker: the
    reminders need store modules the roster does not (the redemption's alone
    brings the policies, the rubric and the stock)."""
    return lambda: getattr(import_module(f"store.{module}"), name)(*args)


class JifenApp(TranslatedBindings, StoreWork, App[int]):
    CSS_PATH = "app.tcss"
    COMMANDS = {_keys_provider}
    # One mode per task, each with its own stack of screens: going to the
    # rubric and back finds the roster as it was left, search and all. The
    # roster's is added once it shows (get_default_screen, on_mount).
    MODES = {"rubric": _screen("rubric", "RubricScreen"),
             "deeds": _screen("deeds", "DeedsScreen"),
             "meeting": _screen("meeting", "MeetingScreen"),
             "notices": _screen("notices", "NoticeDeskScreen"),
             "counter": _screen("counter", "CounterScreen"),
             "stock": _screen("stock", "StockScreen")}
    DEFAULT_MODE = "roster"
    BINDINGS = [
        Binding("f1", "help", "key.help", tooltip="tip.help", key_display="F1", id="help"),
        Binding("f2", "toggle_projector", "key.projector", tooltip="tip.projector",
                key_display="F2", show=False, id="projector"),
        # Priority: a key that only says "close the dialog first" beats one that does nothing.
        Binding("f3", "go('roster')", "key.roster", tooltip="tip.roster", key_display="F3",
                show=False, priority=True, id="go-roster"),
        Binding("f4", "go('rubric')", "key.rubric", tooltip="tip.rubric", key_display="F4",
                show=False, priority=True, id="go-rubric"),
        Binding("f5", "go('deeds')", "key.deeds", tooltip="tip.deeds", key_display="F5",
                show=False, priority=True, id="go-deeds"),
        Binding("f6", "go('meeting')", "key.meeting", tooltip="tip.meeting", key_display="F6",
                show=False, priority=True, id="go-meeting"),
        Binding("f7", "go('notices')", "key.notices", tooltip="tip.notices", key_display="F7",
                show=False, priority=True, id="go-notices"),
        Binding("f8", "go('counter')", "key.counter", tooltip="tip.counter", key_display="F8",
                show=False, priority=True, id="go-counter"),
        Binding("f9", "go('stock')", "key.stock", tooltip="tip.stock", key_display="F9",
                show=False, priority=True, id="go-stock"),
        Binding("ctrl+p", "command_palette", "key.palette", tooltip="tip.palette",
                show=False, priority=True, id="palette"),
        Binding("ctrl+q", "quit", "key.quit", tooltip="tip.quit", priority=True, id="quit"),
    ]

    def __init__(self, village_path: Path, actor: Actor) -> None:
        super().__init__()
        self.translate_bindings()
        self.village_path = village_path
        self.actor = actor
        self.village = village_info()
        self.title = self.village.name
        self.sub_title = t("app.acting", name=actor.staff_name, role=t(f"role.{actor.role}"))
        # Tasks holding edits not yet saved (the rubric's working copy), named by mode.
        self.unsaved_tasks: set[str] = set()
        self._asking_to_quit = False

    def get_default_screen(self) -> Screen:
        """The roster, first, as the app's own first screen rather than a mode's: Textual
        8.2 parses and applies all the CSS once more when a mode's screen first shows,
        37 ms of every start (docs/PERFORMANCE.md, item 1)."""
        return ROSTER()

    def on_mount(self) -> None:
        # Its mode, for F3 to come back to: the stack it names is the one shown now.
        self.add_mode("roster", ROSTER)
        self.register_theme(PROJECTOR_THEME)
        if not self.is_headless and self.console.color_system in ("standard", "windows"):
            self.theme = "ansi-dark"  # 16 colours: the terminal's own palette reads best
        self._normal_theme = self.theme
        if get_setting(PROJECTOR_SETTING) == "1":
            self._set_projector(True)
        self._exit_on_hangup()
        self._warn_about_the_file()
        # After the first screen, so start-up stays fast.
        self.call_after_refresh(self._remind)
        self.call_after_refresh(self._back_up_today)

    def _remind(self) -> None:
        """What is due today: a meeting left open, the year close, orders not collected."""
        today = self.actor.today
        self.run_store(_store_call("reviews", "open_review_period"), self._offer_to_resume,
                       group="resume")
        self.run_store(_store_call("year_end", "year_close_due", today), self._remind_year_close,
                       group="year")
        self.run_store(_store_call("redemption", "orders_to_expire", today), self._remind_expiry,
                       group="expiry")

    def _warn_about_the_file(self) -> None:
        """Who else may read the village file, whether this account may write it, and what
        the last session lost if a signal ended it: said at once, before any work."""
        from store.db import read_only, readable_by_others
        from store.session_note import take_note
        from tui.interrupted import describe

        if readable_by_others():
            self.notify(t("files.world_readable", path=self.village_path), severity="warning",
                        timeout=30)
        if read_only():
            self.notify(t("files.read_only", path=self.village_path), severity="warning",
                        timeout=30)
        note = take_note()
        if note is not None:
            self.notify(describe(note), title=t("files.note.title"), severity="warning",
                        timeout=30)

    def _back_up_today(self) -> None:
        """Once a day (store/backups.py)."""
        from store.backups import daily_backup

        self.run_store(lambda: daily_backup(self.actor.today), lambda _: None, group="backup",
                       on_error=lambda reason: self.notify(t("app.backup_failed", reason=reason),
                                                           severity="warning", timeout=15))

    def _remind_expiry(self, overdue: int) -> None:
        """Orders not collected in their window go back only by an explicit expiry."""
        if overdue:
            self.notify(t("app.orders_overdue", count=overdue), title=t("app.orders_title"),
                        timeout=15)

    def _remind_year_close(self, year: int | None) -> None:
        """D5: the year-end reset is an explicit act; say when it is due."""
        if year is not None:
            self.notify(t("app.year_close_due", year=year), title=t("app.year_close_title"),
                        timeout=15)

    def _offer_to_resume(self, period: str | None) -> None:
        """A meeting left in session (a dropped link, a closed laptop): offer to go back to it.

        Everything it recorded is in the file; the meeting screen starts at the
        next deed still waiting.
        """
        if period is not None:
            # A notice, not a dialog: the clerk may have come for something else.
            self.notify(t("app.resume_question", period=period), title=t("app.resume_title"),
                        timeout=15)

    def _exit_on_hangup(self) -> None:
        """A dropped SSH session sends SIGHUP, and Textual installs no handler for it.

        Without one the app outlives its terminal and spins. No transaction is
        ever open while the app waits for a key, so exiting loses nothing confirmed.
        """
        loop = asyncio.get_running_loop()
        for number in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(number, self._end_by_signal, number)

    def _end_by_signal(self, number: int) -> None:
        """Leave a note of what was in progress for the next start to say, then exit."""
        from store.session_note import leave_note
        from tui.interrupted import work_in_progress

        leave_note(work_in_progress(self, signal.Signals(number).name))
        self.exit(128 + number)

    @property
    def projector(self) -> bool:
        return self.has_class("-projector")

    def _set_projector(self, on: bool) -> None:
        self.set_class(on, "-projector")
        self.theme = PROJECTOR_THEME.name if on else self._normal_theme

    def action_toggle_projector(self) -> None:
        """Switch the projector theme, and remember it for this village file."""
        from store.settings import set_setting

        self._set_projector(not self.projector)
        # The state is read when the write runs: two quick presses leave the
        # file saying what the screen shows, whichever write finishes last.
        self.run_store(lambda: set_setting(self.actor, PROJECTOR_SETTING,
                                           "1" if self.projector else "0"),
                       lambda _: None, group="projector")

    def action_go(self, mode: str) -> None:
        """F3, F4: go to another task; the one left keeps its screens and edits."""
        from textual.screen import ModalScreen

        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()  # F1 names the key; pressing it there should work
        elif isinstance(self.screen, ModalScreen):
            # A dialog answers to the screen below it; left open in another
            # task, its answer would land on whichever screen is on top.
            self.notify(t("app.close_dialog_first"), severity="warning")
            return
        self.switch_mode(mode)

    def action_quit(self) -> None:
        """Ctrl+Q; edits not yet saved are not thrown away unasked."""
        if not self.unsaved_tasks:
            self.exit()
            return
        if self._asking_to_quit:
            return
        from tui.dialogs.ask import Confirm

        self._asking_to_quit = True
        tasks = t("word.list").join(t(f"key.{mode}") for mode in sorted(self.unsaved_tasks))
        self.push_screen(Confirm(t("app.quit_title"), t("app.quit_unsaved", tasks=tasks),
                                 dialog_id="quit-unsaved"), self._quit_answered)

    def _quit_answered(self, yes: bool) -> None:
        self._asking_to_quit = False
        if yes:
            self.exit()

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a field): say which key does."""
        self.notify(t("app.how_to_quit"))

    def get_key_display(self, binding) -> str:
        """Keys written one way everywhere: Ctrl+Q, Esc, F1, Shift+Tab."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        names = {"escape": "Esc", "slash": "/", "enter": "Enter", "tab": "Tab",
                 "space": "Space", "pageup": "PgUp", "pagedown": "PgDn"}
        key = names.get(key, key.upper() if len(key) == 1 and modifiers else key)
        return "+".join([*(modifier.capitalize() for modifier in modifiers), key])

    def _fatal_error(self) -> None:
        """An unexpected failure: logged to a file, never a traceback on the clerk's screen.

        Overrides Textual's own handler, which prints the traceback at exit.
        """
        self.bell()
        self._exit_renderables.append(Text(t("error.internal", log=log_traceback())))
        self._close_messages_no_wait()

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("palette.placeholder"),
                                            id="--command-palette"))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def make_app(village_path: Path, actor: Actor, language: str = "zh") -> JifenApp:
    """The app on an open village, acting for `actor`: for `jifen` and for the tests."""
    set_language(language)
    return JifenApp(village_path, actor)
