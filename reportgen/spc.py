"""Statistical process control: the NHS "Making Data Count" XmR rules (design.md §3), pure.

``xmr`` reads an indicator's monthly series (``None`` for a missing month) and says, for the
board, whether the latest month is a real change or noise (its *variation*) and whether the
process, as it runs, can be relied on to meet each target (its *assurance*).

The rules, as NHSRplotthedots (the NHS-R reference implementation) applies them unless noted:

- Centre line: the mean of the months present. Process limits: mean ± 2.66 × the mean moving
  range. The 2σ lines of the 2-of-3 test: mean ± 2/3 × 2.66 × the mean moving range (1.7733...,
  design.md's 1.773 to its precision). No moving range is screened out as an outlier (the
  reference screens ranges above 3.267 × their mean by default; design.md gives the plain mean).
- Tests, in order of precedence where they disagree about a point:
  ``BEYOND_LIMIT`` a point strictly beyond a process limit (a point exactly on it is not);
  ``TREND`` ``trend_run`` points in a row, each strictly above (or each strictly below) the one
  before: 7 points, 6 rises (a repeated figure breaks it);
  ``TWO_OF_THREE`` of 3 consecutive points, at least 2 strictly beyond the same 2σ line (those
  points are flagged; the third may be anywhere, and a point beyond the process limit is beyond
  the 2σ line too: design.md's words. The reference wants all three on that side of the mean and
  counts only points between the 2σ line and the limit);
  ``SHIFT`` ``shift_run`` points strictly on one side of the mean (a point on the mean breaks it).
  Every point of a run is flagged, as are the points that extend it.
- Missing months: the mean and the tests read the months present, in order, so a run carries
  across a gap (a missing month is no evidence either way; the reference plots the rows it is
  given, so a month left out is simply not there); but a moving range is only taken between
  two adjacent months, never across a gap, since a two-month change would overstate the
  month-to-month spread (in the reference a value given as missing leaves the ranges either
  side of it missing too; only a month left out altogether gets a range across the gap).
- A flat series (mean moving range 0) has its limits on the mean; only a point that differs
  from the mean is beyond them, as the reference's strict comparison reads (possible only when
  gaps separate levels that are each flat).
- Assurance against a target, in the polarity: ``PASS`` when no value within the limits falls
  short of it, ``FAIL`` when none meets it, else ``HIT_AND_MISS``. Meeting it exactly counts as
  meeting it, as the RAG rule reads "at or beyond": a lower limit exactly on the target of a
  higher-is-better measure passes (the reference says hit-and-miss there) and an upper limit
  exactly on it is hit-and-miss, not a fail (as the reference).

Figures are compared as the decimals the workbook wrote (15 significant digits, as
``reportgen.indicators`` reads them), in exact integer arithmetic: a point exactly on a limit or
on the mean is decided by its figures, never by binary rounding.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise

from reportgen.frozen import frozen
from reportgen.model import Polarity

# 2.66 = 3 / d2 (d2 = 1.128 for ranges of two points): three sigma from the mean moving range.
# The 2σ line is two thirds of that distance, 2 × 2.66 / 3 = 532 / 300. Every distance is
# measured in units of 1/300 of the mean moving range so that both are whole numbers.
_LIMIT_300THS = 798
_NEAR_300THS = 532
_THIRDS = 300

_MIN_RUN = 6
_MAX_RUN = 8


class Variation(Enum):
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    COMMON = "common"


class Assurance(Enum):
    PASS = "pass"
    FAIL = "fail"
    HIT_AND_MISS = "hit-and-miss"


class Test(Enum):
    """The four special-cause tests, in design.md's order of precedence."""

    # Not a test class, whatever its name: pytest would try to collect it from every test
    # module that imports it (a dunder name is never an Enum member).
    __test__ = False

    BEYOND_LIMIT = "beyond-limit"
    TREND = "trend"
    TWO_OF_THREE = "two-of-three"
    SHIFT = "shift"


@frozen
class SpcSettings:
    """The run lengths and the fewest points, as ``[rules]`` in reportgen.toml may set them."""

    min_points: int = 15
    """Fewer months present than this: no SPC (``xmr`` gives None)."""
    shift_run: int = 7
    """Points on one side of the mean that make a shift (6 to 8)."""
    trend_run: int = 7
    """Points each above (or below) the one before that make a trend (6 to 8)."""

    def __post_init__(self) -> None:
        # A mean moving range needs two points at the very least.
        if self.min_points < 2:
            raise ValueError(f"min_points must be at least 2, not {self.min_points}")
        for name, run in (("shift_run", self.shift_run), ("trend_run", self.trend_run)):
            if not _MIN_RUN <= run <= _MAX_RUN:
                raise ValueError(f"{name} must be from {_MIN_RUN} to {_MAX_RUN}, not {run}")


DEFAULT_SETTINGS = SpcSettings()


@frozen
class Spc:
    """An indicator's XmR chart and what it says. Per-point tuples follow the input series,
    missing months included."""

    points: int
    """Months present, the ones the chart is drawn from."""
    mean: float
    lower: float
    """Lower process limit."""
    upper: float
    """Upper process limit."""
    near_lower: float
    """The 2σ lines the 2-of-3 test reads."""
    near_upper: float
    special: tuple[Variation | None, ...]
    """IMPROVEMENT or CONCERN where a test flags the point, read in the polarity; None for
    common cause, a missing month, or every point of a measure without polarity."""
    tests: tuple[frozenset[Test], ...]
    """Which tests flag each point (empty for common cause and missing months)."""
    variation: Variation | None
    """The latest month present, read in the polarity; None without polarity."""
    assurance_min: Assurance | None
    """Against Min; None without Min or without polarity."""
    assurance_upper: Assurance | None
    """Against Upper; None without Upper or without polarity."""
    mean_moving_range: float = 0.0
    """The mean of the month-to-month moving ranges the limits come from."""


@frozen
class _Chart:
    """The chart in exact whole numbers: every figure × 10**``places`` × ``factor``, a scale on
    which the mean and the distances to the lines are whole too."""

    values: tuple[int, ...]
    """The months present, in order."""
    positions: tuple[int, ...]
    """Each present month's index in the input series."""
    centre: int
    limit: int
    """Distance from the centre to a process limit."""
    near: int
    """Distance from the centre to a 2σ line."""
    spread: Fraction
    """The mean moving range."""
    places: int
    factor: int

    def at(self, figure: _Figure) -> int:
        return _scaled(figure, self.places) * self.factor

    def real(self, value: Fraction | int) -> float:
        # int / int is correctly rounded in Python, as float(Fraction) is, and ten times
        # quicker: a thousand charts read six figures each
        scale = self.factor * _power(self.places)
        if isinstance(value, int):
            return value / scale
        return value.numerator / (value.denominator * scale)


def xmr(values: Sequence[float | None], polarity: Polarity | None, minimum: float | None,
        upper: float | None, settings: SpcSettings = DEFAULT_SETTINGS) -> Spc | None:
    """The XmR chart of ``values`` (oldest first, None for a missing month) and its reading
    against the targets ``minimum`` and ``upper``; None with fewer than ``settings.min_points``
    months present or no two adjacent months (no moving range to measure spread by).

    Raises ValueError for a value or target that is not a finite number."""
    figures = [None if value is None else _exact(float(value)) for value in values]
    targets = [_figure(target) for target in (minimum, upper)]
    if len(values) - list(values).count(None) < settings.min_points:
        return None
    chart = _chart(figures, targets)
    if chart is None:
        return None
    flags = _flags(chart, settings)
    special, tests = _per_position(chart, flags, polarity, len(values))
    latest = flags[-1]
    return Spc(
        points=len(chart.values),
        mean=chart.real(chart.centre),
        lower=chart.real(chart.centre - chart.limit),
        upper=chart.real(chart.centre + chart.limit),
        near_lower=chart.real(chart.centre - chart.near),
        near_upper=chart.real(chart.centre + chart.near),
        special=special,
        tests=tests,
        variation=None if polarity is None else _variation(latest[1], polarity),
        assurance_min=_assurance(chart, targets[0], polarity),
        assurance_upper=_assurance(chart, targets[1], polarity),
        mean_moving_range=chart.real(chart.spread),
    )


# -- Exact figures ----------------------------------------------------------------------------


@frozen
class _Figure:
    """A figure as mantissa × 10**exponent, exactly as written."""

    mantissa: int
    exponent: int


def _figure(value: float | None) -> _Figure | None:
    return None if value is None else _exact(float(value))


@lru_cache(maxsize=65536)
def _exact(number: float) -> _Figure:
    # Cached: a thousand series of three years repeat the same few hundred figures.
    if not math.isfinite(number):
        raise ValueError(f"SPC needs finite figures, not {number!r}")
    # The decimal a person wrote, as reportgen.indicators reads a float: 15 significant digits
    # drop the binary noise of 0.978 × 100 without touching any figure a workbook shows.
    written = f"{number:.15g}"
    if "e" in written:  # very large or small: let Decimal read the exponent
        sign, digits, exponent = Decimal(written).as_tuple()
        assert isinstance(exponent, int)  # finite, checked above
        mantissa = int("".join(map(str, digits)))
        return _Figure(-mantissa if sign else mantissa, exponent)
    whole, _, decimals = written.partition(".")
    return _Figure(int(whole + decimals), -len(decimals))


def _scaled(figure: _Figure, places: int) -> int:
    """The figure × 10**places, a whole number when ``places`` covers its decimals."""
    return figure.mantissa * _power(figure.exponent + places)


@lru_cache(maxsize=64)
def _power(power: int) -> int:
    assert power >= 0, "places must cover the figure's decimals"
    return int(10**power)



def _chart(figures: Sequence[_Figure | None], targets: Sequence[_Figure | None]) -> _Chart | None:
    """The chart of the months present; None when no two of them are adjacent."""
    positions = [index for index, figure in enumerate(figures) if figure is not None]
    present = [figure for figure in figures if figure is not None]
    places = max(0, *(-figure.exponent for figure in present),
                 *(-target.exponent for target in targets if target is not None))
    whole = [figure.mantissa * _power(figure.exponent + places) for figure in present]
    if len(present) == len(figures):  # no missing month: every neighbour is adjacent
        ranges = [abs(after - before) for before, after in pairwise(whole)]
    else:
        ranges = [
            abs(after - before)
            for (i, j), (before, after) in zip(pairwise(positions), pairwise(whole), strict=True)
            if j == i + 1  # never across a missing month
        ]
    if not ranges:
        return None
    n, k = len(whole), len(ranges)
    total, range_total = sum(whole), sum(ranges)
    # mean = total / n and the mean moving range = range_total / k. On the scale 300·n·k the
    # mean, both distances (2.66 = 798/300 and 1.7733... = 532/300 of the mean moving range)
    # and every point are whole numbers, so every comparison below is exact.
    factor = _THIRDS * n * k
    return _Chart(
        values=tuple(value * factor for value in whole),
        positions=tuple(positions),
        centre=_THIRDS * k * total,
        limit=_LIMIT_300THS * n * range_total,
        near=_NEAR_300THS * n * range_total,
        spread=Fraction(range_total * factor, k),
        places=places,
        factor=factor,
    )


# -- The tests: each gives, per present point, the direction it flags (+1 up, -1 down, 0 not) --


_PRECEDENCE = (Test.BEYOND_LIMIT, Test.TREND, Test.TWO_OF_THREE, Test.SHIFT)
_TEST_SETS = tuple(frozenset(test for bit, test in enumerate(_PRECEDENCE) if mask >> bit & 1)
                   for mask in range(1 << len(_PRECEDENCE)))
"""The tests a point's flags name, by its mask: one frozenset shared by every point alike."""

_Flags = tuple[int, int]
"""A point's flags: which tests flag it (bit i for _PRECEDENCE[i]) and the direction of the
first of them in precedence (+1 up, -1 down; 0 when none does)."""

_COMMON: _Flags = (0, 0)


def _flags(chart: _Chart, settings: SpcSettings) -> list[_Flags]:
    """Per present point, the tests that flag it and the direction that counts."""
    centre, limit, near, values = chart.centre, chart.limit, chart.near, chart.values
    found = (  # in _PRECEDENCE's order
        _beyond(values, centre, limit),
        _trend(values, settings.trend_run),
        _two_of_three(_beyond(values, centre, near)),
        _shift([(value > centre) - (value < centre) for value in values], settings.shift_run),
    )
    return [
        ((a != 0) | (b != 0) << 1 | (c != 0) << 2 | (d != 0) << 3, a or b or c or d)
        if a or b or c or d else _COMMON
        for a, b, c, d in zip(*found, strict=True)
    ]


def _beyond(values: Sequence[int], centre: int, distance: int) -> list[int]:
    """Per value, the side of the lines ``distance`` either side of ``centre`` that it is
    strictly past: +1 above the upper, -1 below the lower, 0 neither."""
    high, low = centre + distance, centre - distance
    return [(value > high) - (value < low) for value in values]


def _runs(keys: Sequence[int], shortest: int) -> list[tuple[int, int, int]]:
    """The maximal stretches of ``shortest`` or more equal non-zero keys (+1 or -1), as (key,
    first index, length), in the order they start."""
    # As bytes (0, 1, 2), searched by the regular expression engine: the run tests read a
    # thousand series a build, and a loop over each point was most of their time.
    found = _run_pattern(shortest).finditer(bytes(map(_ONE.__add__, keys)))
    return [(match[0][0] - 1, match.start(), match.end() - match.start()) for match in found]


_ONE = 1


@lru_cache(maxsize=8)
def _run_pattern(shortest: int) -> re.Pattern[bytes]:
    return re.compile(rb"\x00{%d,}|\x02{%d,}" % (shortest, shortest))


def _trend(values: Sequence[int], run: int) -> list[int]:
    """Each point of ``run`` or more points each strictly above (or below) the one before.

    The steps between points are read as +1 (up), -1 (down) or 0 (a repeat, which breaks a
    trend); ``run`` points make ``run - 1`` steps. A point ending a rise and starting a fall
    (a peak) takes the direction of the run it starts, as the reference does."""
    flagged = [0] * len(values)
    steps = [(after > before) - (after < before) for before, after in pairwise(values)]
    # Runs in the order they start, so a later run overwrites the one point it shares.
    for direction, first_step, length in _runs(steps, run - 1):
        flagged[first_step:first_step + length + 1] = [direction] * (length + 1)
    return flagged


def _two_of_three(sides: list[int]) -> list[int]:
    """``sides``: which 2σ line each point is strictly beyond (0 neither). Flags the points
    beyond a line in any 3 consecutive points of which at least 2 are beyond that same line,
    that is, a point with another beyond its line at most 2 points away (any two such points
    share a window of 3 once the series has 3 points)."""
    if len(sides) < 3:
        return [0] * len(sides)
    return [
        side if side and side in sides[max(0, point - 2):point] + sides[point + 1:point + 3]
        else 0
        for point, side in enumerate(sides)
    ]


def _shift(sides: Sequence[int], run: int) -> list[int]:
    """Each point of ``run`` or more consecutive points on one side of the mean. ``sides``:
    +1 above, -1 below, 0 on the mean, which breaks a run (as the reference)."""
    flagged = [0] * len(sides)
    for side, first, length in _runs(sides, run):
        flagged[first:first + length] = [side] * length
    return flagged


# -- Reading the flags ------------------------------------------------------------------------


def _variation(direction: int, polarity: Polarity) -> Variation:
    if direction == 0:
        return Variation.COMMON
    better = 1 if polarity is Polarity.HIGHER else -1
    return Variation.IMPROVEMENT if direction == better else Variation.CONCERN


def _per_position(chart: _Chart, flags: Sequence[_Flags], polarity: Polarity | None,
                  length: int) -> tuple[tuple[Variation | None, ...],
                                        tuple[frozenset[Test], ...]]:
    """Spread the present points' readings back over the input's positions."""
    special: list[Variation | None] = [None] * length
    tests: list[frozenset[Test]] = [_TEST_SETS[0]] * length
    for position, (mask, direction) in zip(chart.positions, flags, strict=True):
        if mask:
            tests[position] = _TEST_SETS[mask]
            if polarity is not None:
                special[position] = _variation(direction, polarity)
    return tuple(special), tuple(tests)


def _assurance(chart: _Chart, target: _Figure | None,
               polarity: Polarity | None) -> Assurance | None:
    """PASS when even the worse process limit meets the target, FAIL when even the better one
    falls short of it; meeting it exactly counts as meeting it ("at or beyond", as RAG)."""
    if target is None or polarity is None:
        return None
    goal = chart.at(target)
    low, high = chart.centre - chart.limit, chart.centre + chart.limit
    if polarity is Polarity.HIGHER:
        worse_meets, better_meets = low >= goal, high >= goal
    else:
        worse_meets, better_meets = high <= goal, low <= goal
    if worse_meets:
        return Assurance.PASS
    if not better_meets:
        return Assurance.FAIL
    return Assurance.HIT_AND_MISS
