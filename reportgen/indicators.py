"""The indicator rules (corporate minimum/upper model): pure functions over model values.

- Polarity: higher is better unless Min > Upper, or the workbook states it.
- RAG: green at or beyond Upper, amber at or beyond Min, red short of Min. One target alone
  serves as both (no amber band); no targets, no RAG.
- Direction: the last month against the one before, read in the measure's polarity.
- Band moves: only where the monthly figures are Current's own basis (a snapshot); a cumulative
  (YTD, rolling-year) measure claims no move, since its months are not what Current rates.
- Data quality: Current must equal Num/Denom to the precision shown.
- Displayed figures round as Excel does: half away from zero (86.25 shows as 86.3).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from reportgen.model import Figure, Indicator, Polarity, Unit


class Rag(Enum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Direction(Enum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    SAME = "same"


@dataclass(frozen=True)
class Bounds:
    """The targets in force for one measure: ``minimum`` is the red/amber line."""

    minimum: float
    upper: float
    polarity: Polarity

    def reaches(self, value: float, target: float) -> bool:
        return value >= target if self.polarity is Polarity.HIGHER else value <= target


@dataclass(frozen=True)
class Assessment:
    indicator: Indicator
    polarity: Polarity | None
    rag: Rag | None
    """Current's RAG: the one RAG of the indicator, wherever the deck shows one."""
    direction: Direction | None
    band_change: tuple[Rag, Rag] | None
    """RAG of the month before last → Current's RAG, when they differ (snapshot measures)."""
    warnings: tuple[str, ...]
    bounds: Bounds | None = None
    """The targets in force, as the RAG was worked out from them."""
    snapshot: bool = True
    """Monthly figures are Current's own kind (see ``is_snapshot``)."""
    trend_rag: Rag | None = None
    """Current's RAG where the latest month may show it: a snapshot whose latest month falls in
    the same band as Current. Otherwise None, and the trend's last point stays neutral."""


@dataclass(frozen=True)
class Summary:
    red: int
    amber: int
    green: int
    unrated: int

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.unrated


def _targets(indicator: Indicator) -> tuple[float, float] | None:
    """Min and Upper; one target alone serves as both (no amber band)."""
    low = indicator.target_min or indicator.target_upper
    high = indicator.target_upper or indicator.target_min
    if low is None or high is None:
        return None
    return low.value, high.value


def _target_polarity(low: float, high: float) -> Polarity | None:
    if low == high:
        return None
    return Polarity.LOWER if low > high else Polarity.HIGHER


def bounds_of(indicator: Indicator) -> Bounds | None:
    """The targets in force. Their order decides the polarity when they differ; a stated
    polarity decides only where they cannot (one target, or Min == Upper)."""
    targets = _targets(indicator)
    if targets is None:
        return None
    low, high = targets
    polarity = _target_polarity(low, high) or indicator.polarity or Polarity.HIGHER
    return Bounds(low, high, polarity)


def polarity_warning(indicator: Indicator) -> str | None:
    """A stated polarity that the targets' order contradicts: the targets win, and say so."""
    targets = _targets(indicator)
    if indicator.polarity is None or targets is None:
        return None
    implied = _target_polarity(*targets)
    if implied is None or implied is indicator.polarity:
        return None
    where = indicator.polarity_place or indicator.place
    return (f"{indicator.ref}: the workbook says {indicator.polarity.value} is better"
            f"{f' (at {where})' if where else ''}, but Min "
            f"{format_value(_figure_of(indicator.target_min), indicator.unit)} and Upper "
            f"{format_value(_figure_of(indicator.target_upper), indicator.unit)} say "
            f"{implied.value} is better; rated by the targets")


def _figure_of(figure: Figure | None) -> Figure:
    return figure if figure is not None else Figure(float("nan"))


def rag_of(value: float | None, bounds: Bounds | None) -> Rag | None:
    if value is None or bounds is None:
        return None
    if bounds.reaches(value, bounds.upper):
        return Rag.GREEN
    if bounds.reaches(value, bounds.minimum):
        return Rag.AMBER
    return Rag.RED


MAX_FIGURE_DIGITS = 15
"""Digits Excel keeps; a figure past them cannot be rounded to a shown decimal."""


def excel_round(value: float, decimals: int) -> Decimal:
    """``value`` rounded as Excel displays it: half away from zero, on the decimal digits a
    person sees (15 significant, as Excel keeps), not on the binary fraction behind them."""
    exact = Decimal(f"{value:.15g}")
    if not exact.is_finite() or exact.adjusted() >= MAX_FIGURE_DIGITS:
        return exact  # never from a workbook (ingest refuses such figures): shown as it is
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def shown(figure: Figure) -> float:
    """The value as displayed, so that two months that look equal count as the same."""
    return float(excel_round(figure.value, figure.decimals))


def direction_of(before: Figure | None, after: Figure | None,
                 polarity: Polarity | None) -> Direction | None:
    if before is None or after is None or polarity is None:
        return None
    a, b = shown(before), shown(after)
    if a == b:
        return Direction.SAME
    better = b > a if polarity is Polarity.HIGHER else b < a
    return Direction.IMPROVING if better else Direction.WORSENING


def ratio_value(numerator: Figure, denominator: Figure, unit: Unit) -> float | None:
    """Num/Denom in the measure's unit; None when Denom is zero."""
    if denominator.value == 0:
        return None
    ratio = numerator.value / denominator.value
    return ratio * 100 if unit is Unit.PERCENT else ratio


def consistency_warning(indicator: Indicator) -> str | None:
    num, denom, current = indicator.numerator, indicator.denominator, indicator.current
    if num is None or denom is None or current is None:
        return None
    expected = ratio_value(num, denom, indicator.unit)
    if expected is None:
        return None
    tolerance = 0.5 * 10 ** -current.decimals
    # The small slack absorbs float noise in a ratio that lands exactly on a rounding edge.
    if abs(current.value - expected) <= tolerance + 1e-9:
        return None
    shown_expected = Figure(expected, max(current.decimals, 1))
    return (f"{indicator.ref}: Current {format_value(current, indicator.unit)} does not match "
            f"Num/Denom {format_value(num, Unit.COUNT)}/{format_value(denom, Unit.COUNT)} = "
            f"{format_value(shown_expected, indicator.unit)}")


def format_value(figure: Figure, unit: Unit) -> str:
    """A figure as the seed prints it: ``97.8%``, ``1,020``, ``2.5``."""
    rounded = excel_round(figure.value, figure.decimals)
    text = f"{rounded:,f}" if rounded.is_finite() else str(figure.value)
    return f"{text}%" if unit is Unit.PERCENT else text


_CUMULATIVE = re.compile(r"\b(ytd|year[\s-]+to[\s-]+date|rolling|cumulative|financial year)\b",
                         re.IGNORECASE)


def is_snapshot(indicator: Indicator) -> bool:
    """Each month's figure is of the same kind as Current (not a YTD or rolling figure), so
    monthly figures may speak of Current's RAG: a band move, the colour of a trend's last point."""
    return _CUMULATIVE.search(indicator.period_type or "") is None


def assess(indicator: Indicator) -> Assessment:
    bounds = bounds_of(indicator)
    current = indicator.current.value if indicator.current else None
    warnings = list(indicator.notes)
    if bounds is not None and current is None:
        warnings.append(f"{indicator.ref}: no Current value; not rated")
    if (mismatch := consistency_warning(indicator)) is not None:
        warnings.append(mismatch)
    if (contradiction := polarity_warning(indicator)) is not None:
        warnings.append(contradiction)
    before, after = _last_two(indicator.trend)
    polarity = bounds.polarity if bounds else indicator.polarity
    rag = rag_of(current, bounds)
    snapshot = is_snapshot(indicator)
    # Monthly figures speak for Current's RAG only where they agree with it: a latest month in
    # another band than Current (a workbook whose Current is not its last month) claims no
    # move, so the glance slide's moves and its improved/worsened counts cannot contradict.
    agrees = snapshot and rag is not None and rag_of(after.value if after else None,
                                                      bounds) is rag
    return Assessment(
        indicator=indicator,
        polarity=polarity,
        rag=rag,
        direction=direction_of(before, after, polarity),
        band_change=_band_change(before, rag, bounds) if agrees else None,
        warnings=tuple(warnings),
        bounds=bounds,
        snapshot=snapshot,
        trend_rag=rag if agrees else None,
    )


def _last_two(trend: tuple[Figure | None, ...]) -> tuple[Figure | None, Figure | None]:
    if len(trend) < 2:
        return None, None
    return trend[-2], trend[-1]


def _band_change(before: Figure | None, now: Rag | None,
                 bounds: Bounds | None) -> tuple[Rag, Rag] | None:
    old = rag_of(before.value if before else None, bounds)
    if old is None or now is None or old is now:
        return None
    return old, now


def assess_all(indicators: Iterable[Indicator]) -> tuple[Assessment, ...]:
    return tuple(assess(indicator) for indicator in indicators)


def summarise(assessments: Iterable[Assessment]) -> Summary:
    counts = Counter(a.rag for a in assessments)
    return Summary(red=counts[Rag.RED], amber=counts[Rag.AMBER], green=counts[Rag.GREEN],
                   unrated=counts[None])
