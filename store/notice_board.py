"""The points board (积分公示榜), the honours list with the year ranking, and the points
distribution: three notices for the wall and the township.

Each builder reads what its notice needs into small frozen dataclasses
(`board_data`, `honours_data`, `distribution_data`), and a pure function lays
that out as text (`board_text`, `honours_text`, `distribution_text`): the data
and the arguments decide every character, so a notice printed twice is the
same notice. The words come from `say`, the caller's catalog (keys `board.`).

Privacy (D10): no ID or phone number is read at all; a deduction's household
is named only where the policy's `name_deductions` says so. A ranking board
lists every covered household with its score, as the seed does.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import peewee

from store import rules
from store.adoption import required_policy
from store.errors import JifenError
from store.models import Award, Household, LedgerEntry, Review, VillagerGroup
from store.notices import Notice, Request
from store.periods import Period, parse_period
from store.print_layout import Col, Layout, Say, centred, right, table, wrap
from store.reviews import COUNTING, points_in_force_sql, review_rules
from store.staff import Signers, signers
from store.shop_sheets import period_words
from store.village import village_info
from store.year_end import honours as year_honours

NARROW = 60          # below this many columns: no house number, short column titles
_DIGITS = re.compile(r"(\d+)")


# --- who they are -------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A household as a notice names it: never its card's ID or phone, only where it lives."""

    group: str
    house_no: str
    head: str


def _places() -> dict[int, tuple[tuple, Place]]:
    """Households by id: their place in roster order (villager group, house number, card)
    and how a notice names them."""
    query = (Household.select(Household.id, Household.card_no, Household.head,
                              Household.house_no, VillagerGroup.name, VillagerGroup.position)
             .join(VillagerGroup, peewee.JOIN.LEFT_OUTER))
    places = {}
    for key, card, head, house_no, group, position in query.tuples():
        order = (position if position is not None else 1 << 30, house_no == "",
                 _natural(house_no), len(card), card)
        places[key] = (order, Place(group or "", house_no, head))
    return places


def _natural(text: str) -> tuple:
    """麻子沟村1组2号 before 麻子沟村1组10号: digits compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in _DIGITS.split(text) if part)


def _balances(day: date) -> dict[int, int]:
    """Spendable balances at the end of `day` (entries dated later do not count yet)."""
    query = (LedgerEntry.select(LedgerEntry.household, peewee.fn.SUM(LedgerEntry.points))
             .where(LedgerEntry.account == "spendable", LedgerEntry.day <= day)
             .group_by(LedgerEntry.household))
    return dict(query.tuples())


# --- the points board ---------------------------------------------------------------------

@dataclass(frozen=True)
class BoardLine:
    """One household on an unranked board: this period's points (of which not yet
    effective: on notice, held by an objection, or waiting to be finalized) and its balance."""

    place: Place
    points: int
    on_notice: int
    balance: int


@dataclass(frozen=True)
class Deductions:
    """This period's deductions, in sum; `named` lists them by household where the policy
    names deductions (D10), and is empty otherwise."""

    count: int
    points: int
    on_notice: int
    named: tuple[tuple[Place, int], ...]


@dataclass(frozen=True)
class RankLine:
    rank: int
    place: Place
    score: int
    counts_for_year: bool
    eligible: bool


@dataclass(frozen=True)
class Ranking:
    base_score: int
    min_score: int
    top_percent: int
    places: int              # the worst place inside the top share: ceil(share x N)
    provisional: bool        # still on notice: the scores may change
    lines: tuple[RankLine, ...]


@dataclass(frozen=True)
class NoticeDates:
    """D3: day 1 is the day after the review closed; the notice ends with its last day."""

    review: int
    closed_on: date
    first_day: date
    last_day: date
    finalized_on: date | None


@dataclass(frozen=True)
class BoardData:
    village: str
    period: Period
    balance_day: date
    lines: tuple[BoardLine, ...]          # unranked schemes
    deductions: Deductions
    ranking: Ranking | None               # ranked schemes
    reviews: tuple[NoticeDates, ...]
    in_session: tuple[int, ...]           # reviews of the period still meeting: not on the board
    signers: Signers


def board_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    return board_text(board_data(request.period, today), today, say, layout)


def board_period(asked: str | None, policy, today: date) -> Period:
    """The period asked, or that of the latest review past its meeting, or else today's
    under the policy's rhythm."""
    if asked is not None:
        period = parse_period(asked)
        finer = period.kind == "month" and policy.rhythm == "quarter"
        if finer or (policy.ranked and period.kind != "quarter"):
            raise JifenError("review.wrong_period", period=str(period), rhythm=policy.rhythm)
        return period
    latest = (Review.select(Review.period).where(Review.status.in_(("closed", "finalized")))
              .order_by(Review.id.desc()).first())
    return parse_period(latest.period) if latest else rules.period_for(policy, today)


def board_data(asked: str | None, today: date) -> BoardData:
    policy = required_policy()
    period = board_period(asked, policy, today)
    reviews = [row for row in Review.select().order_by(Review.id)
               if _within(parse_period(row.period), period)]
    posted = [row for row in reviews if row.status != "open"]
    if posted:
        policy = review_rules(posted[-1])[1]   # the rules the period was scored under
    dates = tuple(NoticeDates(row.id, row.closed_on, row.closed_on + timedelta(days=1),
                              row.notice_last_day, row.finalized_on) for row in posted)
    awards = (Award.select(Award.household, points_in_force_sql(), Award.status)
              .where(Award.review.in_([row.id for row in posted]), Award.status.in_(COUNTING))
              .order_by(Award.id).tuples())
    places = _places()
    if policy.ranked:
        ranking = _ranking(policy, places, list(awards), posted)
        lines, deductions = (), Deductions(0, 0, 0, ())
    else:
        ranking = None
        lines, deductions = _board_lines(policy, places, list(awards), today)
    return BoardData(village_info().name, period, today, lines, deductions, ranking, dates,
                     tuple(row.id for row in reviews if row.status == "open"), signers())


def _within(inner: Period, outer: Period) -> bool:
    return outer.first_day <= inner.first_day and inner.last_day <= outer.last_day


def _board_lines(policy, places, awards, today: date):
    """Households with points this period, in roster order; deductions apart (D10)."""
    gained: dict[int, list[int]] = {}
    taken: dict[int, list[int]] = {}
    count = points = pending = 0
    for household, in_force, status in awards:
        waiting = in_force if status == "proposed" else 0
        if in_force > 0:
            sums = gained.setdefault(household, [0, 0])
        elif in_force < 0:
            sums = taken.setdefault(household, [0, 0])
            count, points, pending = count + 1, points + in_force, pending + waiting
        else:
            continue
        sums[0] += in_force
        sums[1] += waiting
    balances = _balances(today)
    lines = tuple(BoardLine(places[key][1], gained[key][0], gained[key][1],
                            balances.get(key, 0))
                  for key in sorted(gained, key=lambda key: places[key][0]))
    named = ()
    if policy.name_deductions:
        named = tuple((places[key][1], taken[key][0])
                      for key in sorted(taken, key=lambda key: places[key][0]))
    return lines, Deductions(count, points, pending, named)


def _ranking(policy, places, awards, posted) -> Ranking:
    """D4: every covered household's quarter score (base + its awards in force), ranked.

    Awards on notice count as they stand (so the board can be posted while the
    notice runs, marked provisional); once finalized this is quarter_results.
    """
    covered = Household.select(Household.id).where(Household.status == "active")
    if policy.covers == "registered_poor":
        covered = covered.where(Household.poor)
    ids = sorted((row.id for row in covered), key=lambda key: places[key][0])
    scores = dict.fromkeys(ids, policy.base_score)
    for household, in_force, _ in awards:
        if household in scores:
            scores[household] += in_force
    ranked = rules.rank_scores(policy, scores) if posted else []
    rule = policy.eligibility
    return Ranking(policy.base_score, rule.min_score, rule.top_percent,
                   -(-rule.top_percent * len(ranked) // 100),
                   any(row.status == "closed" for row in posted),
                   tuple(RankLine(row.rank, places[row.key][1], row.score, row.counts_for_year,
                                  row.eligible) for row in ranked))


def _wide(layout: Layout) -> bool:
    return layout.width >= NARROW


def _col(key: str, say: Say, layout: Layout, align: str = "left") -> Col:
    """A column titled in full on a wide line, shortly on a narrow one."""
    title = say(f"board.col.{key}" if _wide(layout) else f"board.col.{key}_short")
    return Col(title, align, wrap=align != "right")


def _place_columns(say: Say, layout: Layout) -> list[Col]:
    columns = [_col("group", say, layout)]
    if _wide(layout):
        columns.append(_col("house", say, layout))
    return [*columns, _col("head", say, layout)]


def _place_cells(place: Place, layout: Layout) -> list[str]:
    shown = [place.group or "-"]
    if _wide(layout):
        shown.append(place.house_no or "-")
    return [*shown, place.head]


def _head(title: str, subtitle: str, layout: Layout) -> list[str]:
    return [*centred(title, layout), *centred(subtitle, layout)]


def _signatures(village: str, signers: Signers, today: date, say: Say,
                layout: Layout) -> list[str]:
    key = "board.signers" if signers.supervisor else "board.signers_clerk"
    return ["", *wrap(say(key, clerk=signers.clerk or "-", supervisor=signers.supervisor),
                      layout),
            *right(say("board.signed", village=village, day=today), layout)]


def board_text(data: BoardData, today: date, say: Say, layout: Layout) -> Notice:
    """The points board of a period: households and their points (or the ranking),
    the notice dates, how to object, the clerk and the supervisor."""
    head = _head(say("board.title"), say("board.village_period", village=data.village,
                                         period=period_words(data.period, say)), layout)
    body = [""]
    if data.lines or data.deductions.count or (data.ranking and data.ranking.lines):
        body += (_ranking_lines(data.ranking, say, layout) if data.ranking
                 else _points_lines(data, say, layout))
        body.append("")
    if data.reviews:
        body += wrap(say("board.notice_dates"), layout)
        for dates in data.reviews:
            body += wrap(_dates_words(dates, today, say), layout)
    else:
        body += wrap(say("board.no_review"), layout)
    for review in data.in_session:
        body += wrap(say("board.in_session", review=review), layout)
    if data.reviews:
        key = "board.object" if data.signers.supervisor else "board.object_village"
        body += wrap(say(key, supervisor=data.signers.supervisor), layout)
    body += _signatures(data.village, data.signers, today, say, layout)
    return Notice(head, body)


def _dates_words(dates: NoticeDates, today: date, say: Say) -> str:
    if dates.finalized_on is not None:
        state = say("board.state.finalized", day=dates.finalized_on)
    elif today <= dates.last_day:
        state = say("board.state.running")
    else:
        state = say("board.state.over")
    return say("board.review_dates", review=dates.review, closed=dates.closed_on,
               first=dates.first_day, last=dates.last_day, state=state)


def _points_lines(data: BoardData, say: Say, layout: Layout) -> list[str]:
    columns = [*_place_columns(say, layout), _col("points", say, layout, "right"),
               _col("on_notice", say, layout, "right"), _col("balance", say, layout, "right")]
    rows = [[*_place_cells(line.place, layout), str(line.points),
             str(line.on_notice) if line.on_notice else "", str(line.balance)]
            for line in data.lines]
    if not rows:
        lines = wrap(say("board.none"), layout)
    else:
        lines = table(columns, rows, layout)
        lines += wrap(say("board.total", households=len(rows),
                          points=sum(line.points for line in data.lines),
                          on_notice=sum(line.on_notice for line in data.lines)), layout)
    taken = data.deductions
    if taken.count and taken.named:
        lines += wrap(say("board.deductions_named", count=taken.count, points=taken.points,
                          on_notice=taken.on_notice), layout)
        lines += table([*_place_columns(say, layout), _col("deducted", say, layout, "right")],
                       [[*_place_cells(place, layout), str(points)]
                        for place, points in taken.named], layout)
    elif taken.count:
        lines += wrap(say("board.deductions_hidden", count=taken.count, points=taken.points,
                          on_notice=taken.on_notice), layout)
    if rows:
        lines += wrap(say("board.on_notice_explained"), layout)
        lines += wrap(say("board.balance_day", day=data.balance_day), layout)
    return lines


def _ranking_lines(ranking: Ranking, say: Say, layout: Layout) -> list[str]:
    columns = [_col("rank", say, layout, "right"), *_place_columns(say, layout),
               _col("score", say, layout, "right"), _col("eligible", say, layout)]
    rows = [[str(line.rank), *_place_cells(line.place, layout), str(line.score),
             say("board.yes" if line.eligible else "board.no")] for line in ranking.lines]
    lines = table(columns, rows, layout)
    lines += wrap(say("board.ranked_total", households=len(rows),
                      eligible=sum(line.eligible for line in ranking.lines)), layout)
    lines += wrap(say("board.ranked_rule", min_score=ranking.min_score,
                      top_percent=ranking.top_percent, households=len(rows),
                      places=ranking.places), layout)
    lines += wrap(say("board.ranked_score", base=ranking.base_score,
                      min_score=ranking.min_score,
                      below=sum(not line.counts_for_year for line in ranking.lines)), layout)
    if ranking.provisional:
        lines += wrap(say("board.provisional"), layout)
    return lines


# --- the honours list and the year ranking ------------------------------------------------

@dataclass(frozen=True)
class HonourLine:
    rank: int
    place: Place
    points: int
    honoured: bool


@dataclass(frozen=True)
class HonoursData:
    village: str
    year: int
    title: str                 # the policy's honours title; "" when it names none
    count: int                 # how many places it honours
    lines: tuple[HonourLine, ...]
    without: int               # active households with no honour points this year
    signers: Signers


def honours_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    return honours_text(honours_data(request.period, today), today, say, layout)


def honours_data(asked: str | None, today: date) -> HonoursData:
    """The year's honour points per household, ranked (ties share a place, the next place
    skips); the top places honoured under the policy's title, if it has one."""
    period = parse_period(asked) if asked is not None else Period(today.year - 1, "year")
    if period.kind != "year":
        raise JifenError("board.needs_year", period=str(period))
    policy = required_policy()
    places = _places()
    by_card = dict(Household.select(Household.card_no, Household.id).tuples())
    ranked = year_honours(period.year, count=len(by_card) or 1)   # every household ranked
    ranked.sort(key=lambda row: (row.rank, places[by_card[row.household]][0]))
    honours = policy.honours
    count = honours.count if honours else 0
    lines = tuple(HonourLine(row.rank, places[by_card[row.household]][1], row.points,
                             row.rank <= count) for row in ranked)
    listed = {by_card[row.household] for row in ranked}
    active = Household.select(Household.id).where(Household.status == "active")
    without = sum(1 for row in active if row.id not in listed)
    return HonoursData(village_info().name, period.year, honours.title if honours else "",
                       count, lines, without, signers())


def honours_text(data: HonoursData, today: date, say: Say, layout: Layout) -> Notice:
    """The honoured households first (when the policy honours any), then every household
    with honour points this year in rank order."""
    title = (say("board.honours.title", title=data.title) if data.title
             else say("board.honours.title_plain"))
    head = _head(title, say("board.village_period", village=data.village,
                            period=say("board.honours_year", year=data.year)), layout)
    columns = [_col("rank", say, layout, "right"), *_place_columns(say, layout),
               _col("honour", say, layout, "right")]

    def rows(lines):
        return [[str(line.rank), *_place_cells(line.place, layout), str(line.points)]
                for line in lines]

    body = [""]
    if not data.lines:
        body += wrap(say("board.honours.none", year=data.year), layout)
        return Notice(head, [*body, *_signatures(data.village, data.signers, today, say,
                                                 layout)])
    if data.title:
        honoured = [line for line in data.lines if line.honoured]
        body += wrap(say("board.honours.named", title=data.title, count=data.count,
                         households=len(honoured)), layout)
        body += [*table(columns, rows(honoured), layout), ""]
    body += wrap(say("board.honours.ranking", year=data.year), layout)
    body += table(columns, rows(data.lines), layout)
    body += wrap(say("board.honours.total", households=len(data.lines),
                     without=data.without), layout)
    body += wrap(say("board.honours.explained"), layout)
    body += _signatures(data.village, data.signers, today, say, layout)
    return Notice(head, body)


# --- the points distribution --------------------------------------------------------------

@dataclass(frozen=True)
class Band:
    low: int
    high: int | None           # inclusive; None: and above
    households: int
    points: int


@dataclass(frozen=True)
class DistributionData:
    village: str
    day: date                  # balances at the end of this day
    bands: tuple[Band, ...]
    yuan_per_point: Decimal
    signers: Signers


def distribution_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    return distribution_text(distribution_data(request.period, today), today, say, layout)


def distribution_data(asked: str | None, today: date) -> DistributionData:
    """Households per band of spendable balance at the end of the period asked (today by
    default, and never later than today): 0, then the policy's band edges."""
    day = today
    if asked is not None:
        day = min(today, parse_period(asked).last_day)
    policy = required_policy()
    balances = _balances(day)
    counted = [balances.get(row.id, 0) for row in Household.select(Household.id, Household.poor,
                                                                    Household.status)
               if balances.get(row.id, 0) or rules.is_covered(policy, poor=row.poor,
                                                              status=row.status)]
    edges = sorted({0, 1, *policy.distribution_bands})
    bands = []
    for index, low in enumerate(edges):
        high = edges[index + 1] - 1 if index + 1 < len(edges) else None
        inside = [points for points in counted
                  if points >= low and (high is None or points <= high)]
        bands.append(Band(low, high, len(inside), sum(inside)))
    return DistributionData(village_info().name, day, tuple(bands), policy.yuan_per_point,
                            signers())


def distribution_text(data: DistributionData, today: date, say: Say,
                      layout: Layout) -> Notice:
    head = _head(say("board.distribution.title"),
                 say("board.distribution.as_of", village=data.village, day=data.day), layout)
    households = sum(band.households for band in data.bands)
    points = sum(band.points for band in data.bands)
    columns = [_col("band", say, layout), _col("households", say, layout, "right"),
               _col("share", say, layout, "right"), _col("band_points", say, layout, "right"),
               _col("points_share", say, layout, "right")]
    rows = [[_band_words(band, say), str(band.households), _share(band.households, households),
             str(band.points), _share(band.points, points)] for band in data.bands]
    body = ["", *table(columns, rows, layout)]
    yuan = (data.yuan_per_point * points).quantize(Decimal("0.01"))
    body += wrap(say("board.distribution.total", households=households, points=points,
                     yuan=f"{yuan:.2f}", rate=format(data.yuan_per_point, "f")), layout)
    body += wrap(say("board.distribution.explained"), layout)
    body += _signatures(data.village, data.signers, today, say, layout)
    return Notice(head, body)


def _band_words(band: Band, say: Say) -> str:
    if band.high is None:
        return say("board.band.over", low=band.low)
    if band.low == band.high:
        return say("board.band.one", low=band.low)
    return say("board.band.range", low=band.low, high=band.high)


def _share(part: int, whole: int) -> str:
    """A share in per cent with one decimal, rounded half up; "-" of nothing."""
    if not whole:
        return "-"
    tenths = (part * 1000 * 2 + whole) // (whole * 2)
    return f"{tenths // 10}.{tenths % 10}%"
