"""Printing notices (打印公示): pick a notice, preview exactly what will be written, save or print.

The notice kinds are listed on the left; the parts the highlighted kind is
about (its period, a household, a review, a redemption) and how it is laid out
(width, encoding, rules, pages) are on the line above the preview. The preview
is built by store.notices, as the CLI builds it, in a worker: what is shown is
what is saved (in the encoding chosen) and what is sent to the printer. A
refusal (no such household, no policy yet) is shown in the preview's place,
in the clerk's words.

Printing goes to `lp` when the computer has it; otherwise the notice is saved
in the home folder and the clerk is told where, to print it elsewhere.
"""

import shutil
import subprocess
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from store import notices
from store.print_layout import DEFAULT_PAGE_LINES, ENCODINGS, Layout, as_bytes
from store.roster import HouseholdInfo
from store.roster_export import write_atomically
from tui.dialogs.ask import AskLine, Confirm
from tui.dialogs.print_parts import AskPart, NoticeHouseholdPicker
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.record_table import Column, RecordTable, TableHeader
from tui.work import StoreWork

# The order of the list: the notices of the points first, then the shop's sheets, then
# the audit log.
KIND_ORDER = ("board", "review", "redemptions", "honours", "distribution", "slip", "passbook",
              "collection", "settlement", "donations", "stock", "audit")
# The parts of a request each kind takes (as `jifen notice` takes them); the others stay None.
USES = {"board": ("period",), "review": ("review",), "redemptions": ("period",),
        "honours": ("period",), "distribution": ("period",), "slip": ("household", "review"),
        "passbook": ("household",), "collection": ("redemption",), "settlement": ("period",),
        "donations": ("period",), "stock": ("period",), "audit": ("period",)}
WIDTHS = (80, 48, 32)        # A4, half a page, a 58 mm receipt printer
LP_TIMEOUT = 30              # seconds lp may take to take the job


@dataclass(frozen=True)
class Asked:
    """Everything a preview depends on: a finished build is shown only if still asked."""

    kind: str
    request: notices.Request
    layout: Layout
    page_lines: int | None
    encoding: str


def build_notice(asked: Asked, today, say) -> tuple[list[str], bytes]:
    """The notice's lines as shown, and the bytes as written (store work: in a worker)."""
    notice = notices.build(asked.kind, asked.request, today, say, asked.layout)
    lines = notices.printed(notice, say, asked.layout, asked.page_lines)
    return [line if line == "\f" else line.rstrip() for line in lines], as_bytes(
        lines, asked.encoding)


def free_path(folder: Path, name: str) -> Path:
    """`name` in `folder`, or name-2, name-3 ... when a file is there already."""
    target = folder / name
    stem, suffix = target.stem, target.suffix
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}{suffix}"
        number += 1
    return target


def send_to_lp(lp: str, data: bytes, title: str) -> tuple[str, str]:
    """Give `data` to lp: (severity, the sentence for the clerk)."""
    try:
        done = subprocess.run([lp, "-t", title], input=data, capture_output=True,
                              timeout=LP_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return "error", t("printing.lp_timeout", seconds=LP_TIMEOUT)
    except OSError as error:
        return "error", t("printing.lp_failed", error=error.strerror or str(error))
    said = [line.strip() for line in (done.stderr or b"").decode(errors="replace").splitlines()
            if line.strip()]
    if done.returncode != 0:
        return "error", t("printing.lp_failed", error=said[-1] if said else done.returncode)
    job = (done.stdout or b"").decode(errors="replace").strip()
    return "information", t("printing.sent", job=job) if job else t("printing.sent_quietly")


class PrintingScreen(QuietFocus, TranslatedBindings, StoreWork, Screen):
    DEFAULT_CSS = """
    #print-kinds-pane { height: 1fr; }
    #print-kinds { scrollbar-size-vertical: 1; }
    #print-options { height: 2; padding: 0 1; background: $surface; }
    #print-scroll { height: 1fr; scrollbar-size: 1 1; }
    #print-text { width: auto; padding: 0 0 0 1; }
    /* The whole line for the notice: an 80-column sheet fits an 80-column terminal. */
    PrintingScreen.-wide #print-scroll { scrollbar-size-vertical: 0; }
    PrintingScreen.-wide #print-text { padding: 0; }
    """
    BINDINGS = [
        Binding("p", "ask_period", "printing.key.period", tooltip="printing.tip.period",
                id="print-period"),
        Binding("h", "pick_household", "printing.key.household",
                tooltip="printing.tip.household", id="print-household"),
        Binding("r", "ask_review", "printing.key.review", tooltip="printing.tip.review",
                show=False, id="print-review"),
        Binding("n", "ask_redemption", "printing.key.redemption",
                tooltip="printing.tip.redemption", id="print-redemption"),
        Binding("w", "next_width", "printing.key.width", tooltip="printing.tip.width",
                id="print-width"),
        Binding("e", "next_encoding", "printing.key.encoding", tooltip="printing.tip.encoding",
                show=False, id="print-encoding"),
        Binding("b", "toggle_box", "printing.key.box", tooltip="printing.tip.box", show=False,
                id="print-box"),
        Binding("g", "toggle_pages", "printing.key.pages", tooltip="printing.tip.pages",
                show=False, id="print-pages"),
        Binding("v", "toggle_wide", "printing.key.wide", tooltip="printing.tip.wide",
                show=False, id="print-wide"),
        Binding("ctrl+s", "save", "printing.key.save", tooltip="printing.tip.save",
                id="print-save"),
        Binding("l", "print", "printing.key.print", tooltip="printing.tip.print",
                id="print-print"),
        Binding("escape", "back", "printing.key.back", tooltip="printing.tip.back",
                show=False, id="print-back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="printing-screen")
        self.translate_bindings()
        self.kind = KIND_ORDER[0]
        self.period = ""                         # "" is the builder's default
        self.review = ""
        self.redemption = ""
        self.household: HouseholdInfo | None = None
        self.width = WIDTHS[0]
        self.encoding = ENCODINGS[0]
        self.box = False
        self.pages = False
        self.wide = False
        self.lines: list[str] | None = None      # the notice shown, when there is one
        self.data: bytes | None = None           # ... and its bytes as written
        self.refusal = ""                        # why there is none

    # --- the screen ----------------------------------------------------------------

    def kind_columns(self) -> list[Column]:
        title = t("printing.col.kind")
        width = max(cell_len(title), *(cell_len(t(f"kind.{kind}"))
                                       for kind in KIND_ORDER))
        return [Column(title, width)]

    def compose(self) -> ComposeResult:
        yield Static(id="status-line")
        with Horizontal():
            with Vertical(id="print-kinds-pane"):
                yield TableHeader(id="print-kinds-header")
                yield RecordTable(self.kind_columns(), id="print-kinds")
            with Vertical():
                yield Static(id="print-options")
                with ScrollableContainer(id="print-scroll"):
                    yield Static(id="print-text")
        yield Footer()

    def on_mount(self) -> None:
        columns = self.kind_columns()
        # The header and rows are indented one cell; the scrollbar takes one more.
        self.query_one("#print-kinds-pane").styles.width = columns[0].width + 2
        self.query_one("#print-kinds-header", TableHeader).show_columns(columns)
        self.query_one("#status-line", Static).update(Text(t(
            "printing.status", village=self.app.village.name, today=self.app.actor.today,
            acting=self.app.sub_title)))
        self.kinds_table.set_rows([(t(f"kind.{kind}"),) for kind in KIND_ORDER])
        self.kinds_table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        """Back from another task: the records may have changed since."""
        self.load()

    @property
    def kinds_table(self) -> RecordTable:
        return self.query_one("#print-kinds", RecordTable)

    def on_record_table_highlighted(self, message: RecordTable.Highlighted) -> None:
        kind = KIND_ORDER[message.index]
        if kind != self.kind:
            self.kind = kind
            self.refresh_bindings()
            self.load()

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        """Enter on a kind: ask what it still needs, else on to the preview."""
        missing = self.missing()
        if missing == "household":
            self.action_pick_household()
        elif missing == "redemption":
            self.action_ask_redemption()
        else:
            self.query_one("#print-scroll").focus()

    # --- what is asked -------------------------------------------------------------

    @property
    def uses(self) -> tuple[str, ...]:
        return USES[self.kind]

    @property
    def narrowest(self) -> int:
        return notices.KINDS[self.kind].narrowest

    @property
    def layout_width(self) -> int:
        """The width chosen, or the kind's narrowest when it cannot go that narrow."""
        return max(self.width, self.narrowest)

    def request(self) -> notices.Request:
        uses = self.uses
        return notices.Request(
            period=self.period or None if "period" in uses else None,
            review=int(self.review) if self.review and "review" in uses else None,
            household=self.household.card_no if self.household and "household" in uses
            else None,
            redemption=int(self.redemption) if self.redemption and "redemption" in uses
            else None)

    def asked(self) -> Asked:
        layout = Layout(width=self.layout_width, box=self.box,
                        wide_ambiguous=self.encoding == "gb18030")
        return Asked(self.kind, self.request(), layout,
                     DEFAULT_PAGE_LINES if self.pages else None, self.encoding)

    def missing(self) -> str | None:
        """A part the kind cannot do without and the clerk has not given yet."""
        request = self.request()
        return next((part for part in notices.KINDS[self.kind].needs
                     if getattr(request, part) is None), None)

    def check_action(self, action: str, parameters) -> bool:
        """Parts the highlighted kind does not take stay out of the footer."""
        part = {"ask_period": "period", "pick_household": "household", "ask_review": "review",
                "ask_redemption": "redemption"}.get(action)
        return part is None or part in self.uses

    # --- the preview -----------------------------------------------------------------

    def load(self) -> None:
        asked = self.asked()
        self.lines, self.data = None, None
        self._show_options()
        missing = self.missing()
        if missing is not None:
            self._refused(asked, t(f"printing.needs_{missing}"))
            return
        self.refusal = ""
        self._preview(Text(t("printing.loading")))
        today = self.app.actor.today
        self.run_store(lambda: build_notice(asked, today, t), partial(self._built, asked),
                       on_error=partial(self._refused, asked), group="printing",
                       exclusive=True)

    def _built(self, asked: Asked, built: tuple[list[str], bytes]) -> None:
        if asked != self.asked():
            return  # the clerk has asked for something else since
        self.lines, self.data = built
        text = Text(no_wrap=True, overflow="crop")
        for index, line in enumerate(self.lines):
            if index:
                text.append("\n")
            if line == "\f":
                text.append(f"-- {t('printing.page_break')} --", style="dim")
            else:
                text.append(line)
        self._preview(text, notice=True)

    def _refused(self, asked: Asked, text: str) -> None:
        if asked == self.asked():
            self.lines, self.data, self.refusal = None, None, text
            self._preview(Text(text))

    def _preview(self, text: Text, *, notice: bool = False) -> None:
        """A notice keeps its lines (the preview scrolls sideways); a sentence wraps."""
        shown = self.query_one("#print-text", Static)
        shown.styles.width = "auto" if notice else "100%"
        shown.update(text)
        self.query_one("#print-scroll").scroll_home(animate=False)

    @property
    def text(self) -> str:
        """The notice shown, as it is written (UTF-8 text, form feeds and all)."""
        return "".join(line if line == "\f" else line + "\n" for line in self.lines or [])

    def _show_options(self) -> None:
        uses, parts = self.uses, [t(f"kind.{self.kind}")]
        if "period" in uses:
            parts.append(t("printing.opt.period", period=self.period) if self.period
                         else t("printing.opt.period_default"))
        if "household" in uses:
            household = self.household
            parts.append(t("printing.opt.household", card=household.card_no,
                           head=household.head) if household
                         else t("printing.opt.household_none"))
        if "review" in uses:
            parts.append(t("printing.opt.review", id=self.review) if self.review
                         else t("printing.opt.review_default"))
        if "redemption" in uses:
            parts.append(t("printing.opt.redemption", id=self.redemption) if self.redemption
                         else t("printing.opt.redemption_none"))
        how = [t("printing.opt.width", width=self.layout_width),
               t(f"printing.enc.{self.encoding}"),
               t("printing.opt.box") if self.box else t("printing.opt.ascii"),
               t("printing.opt.pages", lines=DEFAULT_PAGE_LINES) if self.pages
               else t("printing.opt.no_pages")]
        # What the notice is about on the first line, how it is laid out on the second.
        self.query_one("#print-options", Static).update(
            Text(" · ".join(parts) + "\n" + " · ".join(how), no_wrap=True, overflow="crop"))

    # --- the parts ---------------------------------------------------------------------

    def _ask(self, part: str, number: bool) -> None:
        def answered(text: str | None) -> None:
            if text is not None:
                setattr(self, part, text)
                self.load()

        self.app.push_screen(AskPart(t(f"printing.ask.{part}_title"),
                                     t(f"printing.ask.{part}_prompt"), getattr(self, part),
                                     dialog_id=f"print-ask-{part}", number=number), answered)

    def action_ask_period(self) -> None:
        self._ask("period", number=False)

    def action_ask_review(self) -> None:
        self._ask("review", number=True)

    def action_ask_redemption(self) -> None:
        self._ask("redemption", number=True)

    def action_pick_household(self) -> None:
        def picked(household: HouseholdInfo | None) -> None:
            if household is not None:
                self.household = household
                self.load()

        query = self.household.card_no if self.household else ""
        self.app.push_screen(NoticeHouseholdPicker(t("printing.pick.title"), query), picked)

    # --- how it is laid out ----------------------------------------------------------

    def action_next_width(self) -> None:
        allowed = [width for width in WIDTHS if width >= self.narrowest]
        current = self.layout_width
        self.width = allowed[(allowed.index(current) + 1) % len(allowed)
                             if current in allowed else 0]
        self.load()

    def action_next_encoding(self) -> None:
        self.encoding = ENCODINGS[(ENCODINGS.index(self.encoding) + 1) % len(ENCODINGS)]
        self.load()

    def action_toggle_box(self) -> None:
        self.box = not self.box
        self.load()

    def action_toggle_pages(self) -> None:
        self.pages = not self.pages
        self.load()

    def action_toggle_wide(self) -> None:
        self.wide = not self.wide
        self.query_one("#print-kinds-pane").display = not self.wide
        self.set_class(self.wide, "-wide")
        # At once, not after the keys already typed: they go where the clerk now looks.
        self.set_focus(self.query_one("#print-scroll") if self.wide else self.kinds_table)

    def action_back(self) -> None:
        self.app.pop_screen()

    # --- saving and printing ---------------------------------------------------------

    def file_name(self) -> str:
        """The notice's file name: its kind, and what it is about."""
        request, about = self.request(), []
        if request.household:
            about.append(request.household)
        if request.period:
            about.append(request.period)
        if request.review is not None:
            about.append(str(request.review))
        if request.redemption is not None:
            about.append(str(request.redemption))
        if not about:
            about.append(str(self.app.actor.today))
        return "-".join([t(f"printing.file.{self.kind}"), *about]) + ".txt"

    def _ready(self) -> bytes | None:
        """The bytes of the notice shown, or None after saying why there are none."""
        if self.data is None:
            self.app.bell()
            if self.refusal:
                self.notify(t("printing.nothing", reason=self.refusal), severity="warning")
        return self.data

    def action_save(self) -> None:
        data = self._ready()
        if data is None:
            return
        encoding = t(f"printing.enc.{self.encoding}")

        def save(path: str) -> None:
            target = Path(path).expanduser()
            self.run_store(lambda: write_atomically(target, data),
                           lambda _: self.notify(t("printing.saved", path=target,
                                                   encoding=encoding)))

        def check_target(path: str | None) -> None:
            if path is None:
                return
            if Path(path).expanduser().exists():
                self.app.push_screen(Confirm(t("printing.save_title"),
                                             t("exporting.replace", path=path),
                                             dialog_id="print-save-replace"),
                                     lambda yes: save(path) if yes else None)
            else:
                save(path)

        self.app.push_screen(AskLine(t("printing.save_title"),
                                     t("printing.save_prompt", encoding=encoding),
                                     str(Path.home() / self.file_name()),
                                     dialog_id="print-save-path"), check_target)

    def action_print(self) -> None:
        data = self._ready()
        if data is None:
            return
        name = self.file_name()
        lp = shutil.which("lp")
        if lp is None:
            target = free_path(Path.home(), name)
            self.run_store(lambda: write_atomically(target, data),
                           lambda _: self.notify(t("printing.no_lp", path=target), timeout=12))
            return
        self.run_store(lambda: send_to_lp(lp, data, Path(name).stem), self._sent,
                       group="lp")

    def _sent(self, answer: tuple[str, str]) -> None:
        severity, text = answer
        self.notify(text, severity=severity, timeout=8 if severity == "error" else 5)
