"""Plain text that lines up on paper: tables, paragraphs, pages and encodings for notices.

Widths are display cells (wcwidth: a Chinese character takes two). Tables are
laid out by tabulate, each column as wide as its content or, when the line
is too narrow for that, long text wrapped inside its column; numbers are
right-aligned and never wrapped. Rules are ASCII by default: many Chinese
printers print box-drawing characters double-width. Every line of a table
has the same width, and no line of a notice is wider than its layout.

East Asian "ambiguous" characters (the middle dot of minority names 阿不都·热合曼,
“quotes”) are one cell in a UTF-8 terminal but two on a printer fed GB18030,
where they are double-byte characters; `Layout.wide_ambiguous` says which
the text is laid out for.
"""

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import tabulate
from wcwidth import wcswidth

Say = Callable[..., str]

DEFAULT_WIDTH = 80
NARROW_WIDTHS = (48, 32)          # a half page; a 58 mm receipt printer
MIN_WIDTH = 24
MAX_WIDTH = 200
DEFAULT_PAGE_LINES = 60
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
MIN_COLUMN = 4                    # cells a wrapped column keeps at the least (two characters)
# While a table is laid out for a GB18030 printer, each ambiguous character stands in
# as one of these two-cell ideographs (CJK Compatibility Ideographs Supplement, which no
# notice holds), so it is measured, padded and wrapped as the printer will print it.
_STAND_INS = 0x2F800
# The box style's own rules stay one cell: a printer that prints them two cells wide
# breaks every boxed table, which is why the rules are ASCII unless asked.
_BOX_DRAWING, _BOX_DRAWING_END = 0x2500, 0x257F
# A unit no line break splits: opening brackets with what follows them, a Latin word or a
# number or one other character, and the closing punctuation after it.
_OPENING, _CLOSING = "（《「『“‘〔【", "）》」』”’〕】，。、：；！？…％"
_UNITS = re.compile(rf"\s+|[{_OPENING}]*(?:[!-~\u00c0-\u024f]+|\S)[{_CLOSING}]*")
# tabulate widens a column to its title plus two; a notice's columns are as wide as they
# must be, so that the table's width is what `_column_limits` planned.
tabulate.MIN_PADDING = 0


@dataclass(frozen=True)
class Layout:
    width: int = DEFAULT_WIDTH
    box: bool = False              # box-drawing rules instead of ASCII
    wide_ambiguous: bool = False   # for GB18030 printers: "·" and “” take two cells


@dataclass(frozen=True)
class Col:
    """A column: its title, alignment, and whether long text may wrap inside it."""

    title: str
    align: str = "left"            # "right" for numbers
    wrap: bool = True


def cells(text: str, layout: Layout) -> int:
    """Display width of `text` as it will print under `layout`."""
    if layout.wide_ambiguous:
        text = _widened(text)[0]
    width = wcswidth(text)
    return len(text) if width < 0 else width


def _widened(text: str) -> tuple[str, dict[str, str]]:
    """`text` with each ambiguous character replaced by a two-cell stand-in, and the map
    back from stand-ins to the characters."""
    ambiguous = sorted({char for char in text if unicodedata.east_asian_width(char) == "A"
                        and not _BOX_DRAWING <= ord(char) <= _BOX_DRAWING_END})
    stand_ins = {char: chr(_STAND_INS + index) for index, char in enumerate(ambiguous)}
    return (text.translate({ord(char): stand_in for char, stand_in in stand_ins.items()}),
            {stand_in: char for char, stand_in in stand_ins.items()})


# --- lines and paragraphs -------------------------------------------------------------------

def fit(text: str, width: int, layout: Layout, align: str = "left") -> str:
    """`text` padded to `width` cells (it must not be wider)."""
    padding = " " * max(0, width - cells(text, layout))
    return padding + text if align == "right" else text + padding


def centred(text: str, layout: Layout) -> list[str]:
    """`text` centred on the line, wrapped first when it is too long."""
    return [" " * ((layout.width - cells(line, layout)) // 2) + line
            for line in wrap(text, layout)]


def right(text: str, layout: Layout) -> list[str]:
    return [" " * (layout.width - cells(line, layout)) + line for line in wrap(text, layout)]


def wrap(text: str, layout: Layout, width: int | None = None) -> list[str]:
    """`text` in lines of at most `width` cells (the layout's by default): breaks at spaces
    or between Chinese characters, never inside a Latin word or a number that fits, never
    before closing punctuation (，。）”) nor after an opening bracket (（“): 禁则."""
    width = width or layout.width
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for unit in _UNITS.findall(paragraph):
            if unit.isspace():
                line += unit if line else ""
                continue
            if line and cells(line + unit, layout) > width:
                lines.append(line.rstrip())
                line = ""
            while cells(unit, layout) > width:      # longer than a line: cut it
                cut = _longest_prefix(unit, width, layout)
                lines.append(unit[:cut])
                unit = unit[cut:]
            line += unit
        lines.append(line.rstrip())
    return lines


def _longest_prefix(text: str, width: int, layout: Layout) -> int:
    end = 1
    while end < len(text) and cells(text[:end + 1], layout) <= width:
        end += 1
    return end


# --- tables ------------------------------------------------------------------------------

def table(columns: Sequence[Col], rows: Sequence[Sequence], layout: Layout) -> list[str]:
    """The rows under the column titles, between rules, no wider than the layout."""
    titles = [column.title for column in columns]
    texts = [[str(value) for value in row] for row in rows]
    back: dict[str, str] = {}
    if layout.wide_ambiguous:
        widened, back = _widened("\n".join(["\t".join(titles),
                                            *("\t".join(row) for row in texts)]))
        titles, *texts = [line.split("\t") for line in widened.split("\n")]
    limits = _column_limits(columns, titles, texts, layout)
    titles = [_wrapped(title, limit, layout) for title, limit in zip(titles, limits)]
    texts = [[_wrapped(text, limit, layout) for text, limit in zip(row, limits)]
             for row in texts]
    drawn = tabulate.tabulate(texts or [["" for _ in columns]], headers=titles,
                              tablefmt="simple_outline" if layout.box else "outline",
                              colalign=[column.align for column in columns],
                              disable_numparse=True)
    lines = drawn.translate({ord(stand_in): char for stand_in, char in back.items()}).splitlines()
    if not texts:  # no rows: keep the head and the closing rule only
        lines = lines[:3] + lines[-1:]
    return lines


def _wrapped(text: str, limit: int | None, layout: Layout) -> str:
    """A cell's text in lines of its column's width (tabulate draws one per line). The text
    is already measured as printed, stand-ins and all, so the plain layout measures it."""
    if limit is None:
        return text
    return "\n".join(wrap(text, replace(layout, wide_ambiguous=False), limit))


def _column_limits(columns, titles, texts, layout: Layout) -> list[int | None]:
    """How wide each column may be: as wide as it needs where the line allows; else the
    wrapping columns share what the others leave, in proportion to their needs. When even
    that is too wide, every text column wraps (numbers never do)."""
    needs = [max([wcswidth(title), *(wcswidth(row[index]) for row in texts)])
             for index, title in enumerate(titles)]
    room = layout.width - (3 * len(columns) + 1)
    if sum(needs) <= room:
        return [None] * len(columns)
    wrapping = [index for index, column in enumerate(columns) if column.wrap]
    fixed = sum(need for index, need in enumerate(needs) if index not in wrapping)
    if fixed + MIN_COLUMN * len(wrapping) > room:
        wrapping = [index for index, column in enumerate(columns) if column.align != "right"]
        fixed = sum(need for index, need in enumerate(needs) if index not in wrapping)
    least = {index: min(needs[index], MIN_COLUMN) for index in wrapping}
    spare = max(0, room - fixed - sum(least.values()))
    wanted = sum(needs[index] - least[index] for index in wrapping) or 1
    limits: list[int | None] = [None] * len(columns)
    for index in wrapping:
        limits[index] = least[index] + (needs[index] - least[index]) * spare // wanted
    return limits


# --- pages and bytes ----------------------------------------------------------------------

def paginate(head: Sequence[str], body: Sequence[str], page_lines: int, say: Say,
             layout: Layout) -> list[str]:
    """The body in pages of `page_lines` lines, each starting with `head` and ending with
    a centred "第 1 页 共 3 页"; pages are separated by a form feed. A table a page break
    falls in is closed with its rule and opened again with its column titles."""
    chunks = _page_bodies(body, max(1, page_lines - len(head) - 2))
    lines = []
    for number, chunk in enumerate(chunks, start=1):
        if number > 1:
            lines.append("\f")
        footer = centred(say("print.page", page=number, pages=len(chunks)), layout)
        lines += [*head, *chunk, "", *footer]
    return lines


_TOP_RULES, _TITLE_RULES, _ROW_STARTS = ("+-", "┌"), ("+=", "├"), ("|", "│")


def _page_bodies(body: Sequence[str], per_page: int) -> list[list[str]]:
    chunks: list[list[str]] = []
    chunk: list[str] = []
    titles: list[str] = []        # the rule and column titles of the table being laid out
    in_titles = False
    for line in body:
        row = line.startswith(_ROW_STARTS)
        if titles and row and not in_titles and len(titles) + 2 < per_page \
                and len(chunk) >= per_page - 1:
            chunks.append([*chunk, _closing_rule(titles[0])])
            chunk = list(titles)
        elif len(chunk) >= per_page:
            chunks.append(chunk)
            chunk = []
        chunk.append(line)
        if line.startswith(_TOP_RULES) and not in_titles and not titles:
            titles, in_titles = [line], True
        elif in_titles:
            titles.append(line)
            in_titles = not line.startswith(_TITLE_RULES)
        elif titles and not row:
            titles = []           # the table's closing rule, or the text after it
    return [*chunks, chunk] if chunk or not chunks else chunks


def _closing_rule(top: str) -> str:
    return top.translate(str.maketrans("┌┬┐", "└┴┘"))


def as_bytes(lines: Sequence[str], encoding: str = "utf-8", crlf: bool = False) -> bytes:
    """The notice's lines as a file: each line ends with a newline (CR LF on request)."""
    if encoding not in ENCODINGS:
        raise ValueError(encoding)
    newline = "\r\n" if crlf else "\n"
    text = "".join(line if line == "\f" else line.rstrip() + newline for line in lines)
    return text.encode(encoding)
