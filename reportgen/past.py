"""What the board saw before, as rules: pure functions over the history store's values.

- A band move compares this month's Current with the Current the last pack showed (its RAG as the
  deck showed it), for every measure, YTD included. Without history the rule of design.md §3
  applies (``indicators``).
- A restatement is a month whose figure differs, as shown, from what an earlier pack reported
  for that month.
- The whole series of a measure is the store's months before the workbook's, then the
  workbook's own; a month nobody reported is a gap.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import field
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from reportgen.errors import Place
from reportgen.frozen import frozen
from reportgen.model import Figure, Indicator, Month, Notice, excel_round


@frozen
class Shown:
    """A Current as an earlier deck showed it."""

    ref: str
    period: Month
    value: float
    decimals: int
    rag: str | None
    text: str
    workbook: str


class Reported(NamedTuple):
    """A month's figure as an earlier workbook gave it. A named tuple, not a dataclass: three
    years of a thousand indicators are forty thousand of these, and a named tuple is quicker
    to make."""

    ref: str
    month: Month
    value: float
    decimals: int
    workbook: str
    period: Month
    """The period of the workbook that gave it (the pack it was in)."""


@frozen
class Past:
    """What the store knew before this workbook."""

    shown: Mapping[str, Shown]
    """Per ref: the Current of the latest earlier workbook (period before this one's) that had
    one: last month's deck, or an older one when the ref had no Current last month (see
    ``Shown.period``)."""
    reported: Mapping[str, tuple[Reported, ...]]
    """Per ref, one per month, oldest first: the figure from the latest earlier workbook that
    reported that month."""
    last: Month | None = None
    """The month of the latest earlier pack: the one the board saw last, even when a month
    was skipped (no meeting in August). None when unknown: then only the calendar month before
    counts."""
    measures: Mapping[str, str] = field(default_factory=dict)
    """Per ref, the measure every earlier pack named under it, where they all agree."""
    renamed: Mapping[tuple[str, str, Month], str] = field(default_factory=dict)
    """(ref, workbook, period) → the measure that pack named, for the refs whose packs named
    different measures (a ref reused, or reworded)."""

    def measure_in(self, ref: str, workbook: str, period: Month) -> str | None:
        """The measure a pack recorded under ``ref``; None when the store does not say."""
        return self.measures.get(ref) or self.renamed.get((ref, workbook, period))


EMPTY = Past({}, {})


# Words that say nothing about what a measure counts: "% of children's plans reviewed" and
# "Percentage of childrens plans reviewed" are one measure.
_FILLER = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "within", "and", "or",
    "that", "which", "who", "whose", "were", "was", "is", "are", "be", "been", "per", "from",
    "as", "number", "no", "percentage", "percent", "pct", "rate", "proportion", "total"))
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
SAME_MEASURE = 0.6
"""Of two measure names, the share of their telling words (all words less the filler above,
plurals as singulars) they must have in common to be one measure reworded."""


@lru_cache(maxsize=4096)
def _telling(measure: str) -> frozenset[str]:
    text = measure.lower().replace("’", "'").replace("&", " and ").replace("%", " ")
    words = set()
    for found in _WORD.findall(text):
        word = found.removesuffix("'s").replace("'", "")
        if word in _FILLER:
            continue
        words.add(word[:-1] if len(word) > 3 and word.endswith("s")
                  and not word.endswith("ss") else word)
    return frozenset(words)


def same_measure(one: str, other: str) -> bool:
    """Whether two names of a measure name the same measure (design.md §3: a ref whose measure
    changed materially is a new indicator). The same telling words, give or take a reworded
    few, are the same measure; "re-referrals" is not "referrals"."""
    if " ".join(one.split()).casefold() == " ".join(other.split()).casefold():
        return True
    a, b = _telling(one), _telling(other)
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= SAME_MEASURE


@frozen
class Earlier:
    """What the store knew of one indicator, once the packs that recorded another measure
    under its ref are left out."""

    shown: Shown | None
    reported: tuple[Reported, ...]
    notice: Notice | None = None
    """A warning when some packs were left out: the ref names another measure there."""


def of_this_measure(indicator: Indicator, past: Past, shown: Shown | None,
                    reported: tuple[Reported, ...]) -> Earlier:
    """The last pack's Current and earlier months of the indicator itself: where an earlier
    pack recorded another measure under the same ref, its figures are another indicator's.
    ``formerly`` (reportgen.toml) names a measure the team says is this one, reworded."""
    names = (indicator.measure, *indicator.formerly)

    def mine(workbook: str, period: Month) -> bool:
        measure = past.measure_in(indicator.ref, workbook, period)
        return measure is None or any(same_measure(measure, name) for name in names)

    uniform = past.measures.get(indicator.ref)
    if uniform is not None and any(same_measure(uniform, name) for name in names):
        return Earlier(shown, reported)  # every pack agrees, and with this workbook
    other: tuple[str, str, Month] | None = None
    if shown is not None and not mine(shown.workbook, shown.period):
        other = (past.measure_in(indicator.ref, shown.workbook, shown.period) or "",
                 shown.workbook, shown.period)
        shown = None
    kept = []
    for item in reported:
        if mine(item.workbook, item.period):
            kept.append(item)
        elif other is None or item.period > other[2]:
            other = (past.measure_in(indicator.ref, item.workbook, item.period) or "",
                     item.workbook, item.period)
    if other is None:
        return Earlier(shown, reported)
    measure, workbook, period = other
    return Earlier(shown, tuple(kept), Notice(
        f"measure {indicator.measure!r} is not the one recorded under this ref before "
        f"({measure!r}, in {workbook}, the {period.long} pack): treated as a new indicator, "
        f"not compared with it; if only its wording changed, set formerly = {measure!r} "
        f'under [indicators."{indicator.ref}"] in reportgen.toml',
        indicator.place or Place(), indicator.ref))


def months_between(earlier: Month, later: Month) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


@frozen
class Restatement:
    """A month's figure that differs from what an earlier pack reported."""

    month: Month
    was: Figure
    now: Figure
    reported_in: str
    """The earlier workbook's file name."""
    reported_period: Month
    """The earlier workbook's own month (its pack: "the January pack")."""


def _shown(figure: Figure, decimals: int) -> Decimal:
    return excel_round(figure.value, decimals)


def differs(was: Figure, now: Figure) -> bool:
    """Two figures differ when they differ as shown, at the coarser of their precisions: 13.1
    and 13.10 are the same figure, 13.1 and 12.4 are not."""
    if was.value == now.value:  # most months agree: no need to round them
        return False
    places = min(was.decimals, now.decimals)
    return _shown(was, places) != _shown(now, places)


def restatements(indicator: Indicator, months: Sequence[Month],
                 reported: Sequence[Reported]) -> tuple[Restatement, ...]:
    earlier = {r.month: r for r in reported}
    found = []
    for month, figure in zip(months, indicator.trend, strict=False):
        before = earlier.get(month)
        if figure is None or before is None:
            continue
        was = Figure(before.value, before.decimals)
        if differs(was, figure):
            found.append(Restatement(month, was, figure, before.workbook, before.period))
    return tuple(found)


def series(indicator: Indicator, months: Sequence[Month],
           reported: Sequence[Reported]) -> tuple[tuple[Month, Figure | None], ...]:
    """Every month from the first the store or the workbook knows to the workbook's last, with
    its figure: the workbook's own where it has the month, else the store's, else a gap."""
    if not months:
        return ()
    # Months as whole numbers (year * 12 + month - 1) while counting: a thousand indicators of
    # three years each would otherwise make and hash a hundred thousand Month values.
    known: dict[int, Figure | None] = {
        month.year * 12 + month.month - 1: _figure(value, decimals)
        for _, month, value, decimals, _, _ in reported}
    known.update(zip(map(_number, months), indicator.trend, strict=False))
    first, last = min(known), _number(months[-1])
    if months[-1].quarterly:
        # a quarter's figures at its last month, every third month: a trend of quarters
        first = last - (last - first) // 3 * 3
        return tuple((Month(n // 12, n % 12 + 1, quarterly=True), known.get(n))
                     for n in range(first, last + 1, 3))
    return tuple(zip(_months(first, last), map(known.get, range(first, last + 1)), strict=True))


@lru_cache(maxsize=65536)
def _figure(value: float, decimals: int) -> Figure:
    # Shared: figures are frozen, and a store's forty thousand repeat a few hundred values.
    return Figure(value, decimals)


def _number(month: Month) -> int:
    return month.year * 12 + month.month - 1


@lru_cache(maxsize=256)
def _months(first: int, last: int) -> tuple[Month, ...]:
    """The months from ``first`` to ``last``, numbered as _number does: the same few spans
    serve every measure of a store."""
    return tuple(Month(number // 12, number % 12 + 1) for number in range(first, last + 1))


def restatement_notice(indicator: Indicator, item: Restatement, shown_as: str,
                       was_as: str) -> Notice:
    """``5.10: Dec 18: 13.1 in pack-2019-02.xlsx (figures to January 2019), 12.4 now``: the
    earlier pack by its file and the month its figures ran to, which its own title may not
    say the same way ("February Update")."""
    to = item.reported_period.long
    return Notice(f"{item.month.short}: {was_as} in {item.reported_in} (figures to {to}), "
                  f"{shown_as} now (restated)", indicator.place or Place(), indicator.ref)
