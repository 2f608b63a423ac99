"""Every printed notice by name: what it needs, how it is built, how it is printed.

A notice is built by a function of its module from the village file (reads
only), and laid out by a pure function of that data; `build` finds the one
asked for, `printed` lays it out in pages if asked. The CLI (`jifen notice`)
and the notices screen both go through here, so they print the same text.
"""

from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

from store.errors import JifenError
from store.print_layout import Layout, Say, paginate, wrap


@dataclass(frozen=True)
class Notice:
    head: list[str]                 # the title lines, repeated on every page
    body: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Request:
    """What a notice is about: the parts a kind needs are set, the rest are None."""

    period: str | None = None
    review: int | None = None
    household: str | None = None
    redemption: int | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    builder: str                    # "module:function", imported when first built
    needs: tuple[str, ...]          # the parts of a Request it cannot do without
    narrowest: int                  # 48 for sheets, 32 for what a receipt printer prints


KINDS = {kind.name: kind for kind in (
    Kind("board", "store.notice_board:board_notice", (), 48),
    Kind("honours", "store.notice_board:honours_notice", (), 48),
    Kind("distribution", "store.notice_board:distribution_notice", (), 48),
    Kind("review", "store.notice_text:review_notice", (), 48),
    Kind("slip", "store.notice_text:slip_notice", ("household",), 32),
    Kind("passbook", "store.notice_passbook:passbook_notice", ("household",), 32),
    Kind("redemptions", "store.notice_shop:redemptions_notice", (), 48),
    Kind("collection", "store.notice_shop:collection_notice", ("redemption",), 32),
    Kind("settlement", "store.notice_shop:settlement_notice", (), 48),
    Kind("donations", "store.notice_shop:donations_notice", (), 48),
    Kind("stock", "store.notice_shop:stock_notice", (), 48),
    Kind("audit", "store.notice_audit:audit_notice", (), 48),
)}


def build(kind: str, request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The notice `kind` about `request`, laid out for `layout`, dated `today`.

    Each builder has the signature (request, today, say, layout) -> Notice and
    picks its own defaults (the current period, the latest review ...).
    """
    chosen = KINDS.get(kind)
    if chosen is None:
        raise JifenError("notice.unknown_kind", kind=kind, kinds=", ".join(KINDS))
    for part in chosen.needs:
        if getattr(request, part) is None:
            raise JifenError(f"notice.needs_{part}", kind=kind)
    if layout.width < chosen.narrowest:
        raise JifenError("notice.too_narrow", kind=kind, width=layout.width,
                         narrowest=chosen.narrowest)
    module, function = chosen.builder.split(":")
    return with_chain_head(getattr(import_module(module), function)(request, today, say, layout),
                           say, layout)


def with_chain_head(notice: Notice, say: Say, layout: Layout) -> Notice:
    """The notice with the chain head at its foot: the printed copy that
    `jifen check --head` later holds the file to (store/chain.py)."""
    from store import chain

    return Notice(notice.head, [*notice.body, "",
                                *wrap(say("notice.chain_head", head=chain.head()), layout)])


def printed(notice: Notice, say: Say, layout: Layout, page_lines: int | None = None) -> list[str]:
    """The notice's lines: one run, or pages of `page_lines` with the head on each."""
    if page_lines is None:
        return [*notice.head, *notice.body]
    return paginate(notice.head, notice.body, page_lines, say, layout)
