"""The preview of a rubric import: what adopting the file would change, before it does."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from store.adoption import Adopted
from store.rubric_edit import Change, RubricFile, compare
from tui.focus import QuietFocus
from tui.i18n import t
from tui.keys import TranslatedBindings
from tui.widgets.record_table import fit

VALUE_WIDTH = 24  # a long description is cut: the preview says that it changed


def value_text(field: str, value) -> str:
    """A field's value as the clerk reads it."""
    if value is None or value == "":
        return t("rubric_value.none")
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    if field == "unit":
        return t(f"unit.{value}")
    if field == "kind":
        return t(f"rubric_kind.{value}")
    return fit(" ".join(str(value).splitlines()), VALUE_WIDTH).rstrip()


def change_line(change: Change) -> str:
    """One change in words: `5.3 协调邻里纠纷：分值由 15 改为 18`."""
    if change.kind == "changed":
        return t(f"rubric_change.{change.what}_changed", id=change.id, name=change.name,
                 field=t(f"rubric_field.{change.field}"),
                 before=value_text(change.field, change.before),
                 after=value_text(change.field, change.after))
    return t(f"rubric_change.{change.what}_{change.kind}", id=change.id, name=change.name)


def is_in_force(rubric_file: RubricFile, current: Adopted | None) -> bool:
    """Whether the file holds exactly the text in force (adopting it would change nothing)."""
    return current is not None and rubric_file.sha256 == current.sha256


def preview_lines(rubric_file: RubricFile, current: Adopted | None, unsaved: bool) -> list[str]:
    rubric = rubric_file.rubric
    lines = [t("rubric_import.file", file=rubric_file.path.name, name=rubric.name,
               version=rubric.version, categories=len(rubric.categories),
               items=len(rubric.items())), ""]
    if current is None:
        lines.append(t("rubric_import.first"))
    elif is_in_force(rubric_file, current):
        lines.append(t("rubric_import.same_text", number=current.number))
    else:
        changes = compare(current.document, rubric)
        if changes:
            lines.append(t("rubric_import.changes", count=len(changes), number=current.number))
            lines += [change_line(change) for change in changes]
        else:
            lines.append(t("rubric_import.no_changes", number=current.number))
    if unsaved and not is_in_force(rubric_file, current):
        lines += ["", t("rubric_import.drops_unsaved")]
    return lines


class RubricImportDialog(QuietFocus, TranslatedBindings, ModalScreen[bool]):
    """Dismissed with True to adopt the file, False to leave everything as it was."""

    BINDINGS = [
        Binding("ctrl+s", "confirm", "key.adopt", tooltip="tip.adopt", id="confirm"),
        Binding("escape", "cancel", "key.cancel", tooltip="tip.cancel", id="cancel"),
    ]

    def __init__(self, rubric_file: RubricFile, current: Adopted | None, unsaved: bool) -> None:
        super().__init__()
        self.translate_bindings()
        self.lines = preview_lines(rubric_file, current, unsaved)
        self.in_force = is_in_force(rubric_file, current)
        self.number = current.number + 1 if current else 1

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rubric-import"):
            yield Label(t("rubric_import.title"), classes="dialog-title")
            with VerticalScroll(id="rubric-import-lines"):
                yield Static(Text("\n".join(self.lines)))
            keys = (t("rubric_import.keys_nothing") if self.in_force
                    else t("rubric_import.keys", number=self.number))
            yield Label(keys, classes="dialog-keys")

    def action_confirm(self) -> None:
        if not self.in_force:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
