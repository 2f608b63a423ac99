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
        # Cells may hold line breaks: rows and cells are joined with the ASCII separators.
        widened, back = _widened("\x1e".join(["\x1f".join(titles),
                                              *("\x1f".join(row) for row in texts)]))
        titles, *texts = [line.split("\x1f") for line in widened.split("\x1e")]
    limits = _column_limits(columns, titles, texts, layout)
    titles = [_wrapped(title, limit, layout) for title, limit in zip(titles, limits)]
    texts = [[_wrapped(text, limit, layout) for text, limit in zip(row, limits)]
             for row in texts]
    drawn = _tabulate(texts or [["" for _ in columns]], titles, columns, layout)
    lines = drawn.translate({ord(stand_in): char for stand_in, char in back.items()}).splitlines()
    if not texts:  # no rows: keep the head and the closing rule only
        lines = lines[:3] + lines[-1:]
    return lines


def _tabulate(rows, titles, columns, layout: Layout) -> str:
    """tabulate's drawing, with no padding added to a column beyond its widest text (its
    default widens a column to its title plus two), so the width is what was planned. The
    setting is tabulate's module-wide one: restored at once, for other users of tabulate."""
    multi_line = any("\n" in text for row in rows for text in row)
    padding, tabulate.MIN_PADDING = tabulate.MIN_PADDING, 0
    try:
        return tabulate.tabulate(rows, headers=titles, tablefmt=_FORMATS[layout.box, multi_line],
                                 colalign=[column.align for column in columns],
                                 disable_numparse=True)
    finally:
        tabulate.MIN_PADDING = padding


# A table whose rows run over several lines gets a rule between rows, so that each row is
# seen whole, and so that a page may break only between rows.
_FORMATS = {(False, False): "outline", (True, False): "simple_outline",
            (False, True): "grid", (True, True): "simple_grid"}


def _wrapped(text: str, limit: int | None, layout: Layout) -> str:
    """A cell's text in lines of its column's width (tabulate draws one per line). The text
    is already measured as printed, stand-ins and all, so the plain layout measures it."""
    if limit is None:
        return text
    return "\n".join(wrap(text, replace(layout, wide_ambiguous=False), limit))


def _widest(text: str) -> int:
    return max(wcswidth(line) for line in text.split("\n"))


def _column_limits(columns, titles, texts, layout: Layout) -> list[int | None]:
    """How wide each column may be: as wide as it needs where the line allows; else the
    wrapping columns share what the others leave, in proportion to their needs. When even
    that is too wide, every text column wraps (numbers never do)."""
    needs = [max(_widest(text) for text in [title, *(row[index] for row in texts)])
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
_RULES = ("+", "┌", "├", "└")


def _page_bodies(body: Sequence[str], per_page: int) -> list[list[str]]:
    """The body cut into pages of at most `per_page` lines, only where a page may begin:
    never inside a table row, nor between a table's titles and its first row. A table cut
    by a page is closed there and opened again with its titles."""
    may_start, titles_of = _break_points(body)
    pages: list[list[str]] = []
    start, carried = 0, []
    while start < len(body):
        room = per_page - len(carried)
        if len(body) - start <= room:
            pages.append([*carried, *body[start:]])
            break
        cut = start + room
        while cut > start and not (may_start[cut] and cut - start + _closing(body, cut,
                                                                            titles_of) <= room):
            cut -= 1
        if cut == start:  # a row longer than a page: cut it where the page is full
            cut = start + room
        page = [*carried, *body[start:cut]]
        titles = titles_of[cut] if may_start[cut] else None
        if titles:
            page = page[:-1] + [_closing_rule(page[-1])] if page[-1].startswith(_RULES) \
                else [*page, _closing_rule(titles[0])]
        carried = list(titles) if titles and len(titles) + 2 <= per_page else []
        pages.append(page)
        start = cut
    return pages or [[]]


def _closing(body: Sequence[str], cut: int, titles_of) -> int:
    """Lines a page ending before `cut` needs to close a table it cuts (0 or 1)."""
    return int(bool(titles_of[cut]) and not body[cut - 1].startswith(_RULES))


def _break_points(body: Sequence[str]) -> tuple[list[bool], list[list[str] | None]]:
    """Per line: whether a page may begin there, and for a row inside a table, the table's
    rule and column titles (to open it again on the next page)."""
    may_start = [True] * (len(body) + 1)
    titles_of: list[list[str] | None] = [None] * (len(body) + 1)
    index = 0
    while index < len(body):
        if not (body[index].startswith(_TOP_RULES) and index + 1 < len(body)
                and body[index + 1].startswith(_ROW_STARTS)):
            index += 1
            continue
        rule = index + 1
        while rule < len(body) and not body[rule].startswith(_TITLE_RULES):
            rule += 1
        titles, first_row = list(body[index:rule + 1]), rule + 1
        end = first_row
        while end < len(body) and body[end].startswith(_RULES + _ROW_STARTS):
            end += 1
        ruled_rows = any(line.startswith(_RULES) for line in body[first_row:end - 1])
        for line_no in range(index + 1, min(first_row + 1, len(body))):
            may_start[line_no] = False   # the titles go with the first row
        for line_no in range(first_row + 1, end):
            row = body[line_no].startswith(_ROW_STARTS)
            after_rule = body[line_no - 1].startswith(_RULES)
            may_start[line_no] = row and (after_rule or not ruled_rows)
            titles_of[line_no] = titles if may_start[line_no] else None
        index = end
    return may_start, titles_of


def _closing_rule(rule: str) -> str:
    """A table's top rule, or a rule between its rows, as the rule that closes it."""
    return rule.translate(str.maketrans("┌┬┐├┼┤", "└┴┘└┴┘"))


def as_bytes(lines: Sequence[str], encoding: str = "utf-8", crlf: bool = False) -> bytes:
    """The notice's lines as a file: each line ends with a newline (CR LF on request)."""
    if encoding not in ENCODINGS:
        raise ValueError(encoding)
    newline = "\r\n" if crlf else "\n"
    text = "".join(line if line == "\f" else line.rstrip() + newline for line in lines)
    return text.encode(encoding)
