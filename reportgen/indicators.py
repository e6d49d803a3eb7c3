"""The indicator rules (corporate minimum/upper model): pure functions over model values.

- Polarity: higher is better unless Min > Upper, or the workbook states it.
- RAG: green at or beyond Upper, amber at or beyond Min, red short of Min. One target alone
  serves as both (no amber band); no targets, no RAG.
- Direction: the last month against the one before, read in the measure's polarity.
- Data quality: Current must equal Num/Denom to the precision shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
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
    direction: Direction | None
    band_change: tuple[Rag, Rag] | None
    """RAG of the month before last → RAG of the last month, when they differ."""
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    red: int
    amber: int
    green: int
    unrated: int

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.unrated


def bounds_of(indicator: Indicator) -> Bounds | None:
    low = indicator.target_min or indicator.target_upper
    high = indicator.target_upper or indicator.target_min
    if low is None or high is None:
        return None
    polarity = indicator.polarity or (Polarity.LOWER if low.value > high.value else Polarity.HIGHER)
    return Bounds(low.value, high.value, polarity)


def rag_of(value: float | None, bounds: Bounds | None) -> Rag | None:
    if value is None or bounds is None:
        return None
    if bounds.reaches(value, bounds.upper):
        return Rag.GREEN
    if bounds.reaches(value, bounds.minimum):
        return Rag.AMBER
    return Rag.RED


def shown(figure: Figure) -> float:
    """The value as displayed, so that two months that look equal count as the same."""
    return round(figure.value, figure.decimals)


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
    text = f"{figure.value:,.{figure.decimals}f}"
    return f"{text}%" if unit is Unit.PERCENT else text


def assess(indicator: Indicator) -> Assessment:
    bounds = bounds_of(indicator)
    current = indicator.current.value if indicator.current else None
    warnings = list(indicator.notes)
    if bounds is not None and current is None:
        warnings.append(f"{indicator.ref}: no Current value; not rated")
    if (mismatch := consistency_warning(indicator)) is not None:
        warnings.append(mismatch)
    before, after = _last_two(indicator.trend)
    polarity = bounds.polarity if bounds else indicator.polarity
    return Assessment(
        indicator=indicator,
        polarity=polarity,
        rag=rag_of(current, bounds),
        direction=direction_of(before, after, polarity),
        band_change=_band_change(before, after, bounds),
        warnings=tuple(warnings),
    )


def _last_two(trend: tuple[Figure | None, ...]) -> tuple[Figure | None, Figure | None]:
    if len(trend) < 2:
        return None, None
    return trend[-2], trend[-1]


def _band_change(before: Figure | None, after: Figure | None,
                 bounds: Bounds | None) -> tuple[Rag, Rag] | None:
    old = rag_of(before.value if before else None, bounds)
    new = rag_of(after.value if after else None, bounds)
    if old is None or new is None or old is new:
        return None
    return old, new


def assess_all(indicators: Iterable[Indicator]) -> tuple[Assessment, ...]:
    return tuple(assess(indicator) for indicator in indicators)


def summarise(assessments: Iterable[Assessment]) -> Summary:
    counts = Counter(a.rag for a in assessments)
    return Summary(red=counts[Rag.RED], amber=counts[Rag.AMBER], green=counts[Rag.GREEN],
                   unrated=counts[None])
