"""Chart geometry, computed without drawing: compose turns it into native PowerPoint shapes.

A trend line is described in unit coordinates (x and y from 0 to 1, y downwards), so the same
description serves a table row or a whole slide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportgen.indicators import Assessment, Rag, bounds_of, format_value, rag_of
from reportgen.model import Figure, Month

Point = tuple[float, float]


@dataclass(frozen=True)
class Sparkline:
    segments: tuple[tuple[Point, ...], ...]
    """Runs of consecutive months with values; a missing month breaks the line."""
    band: tuple[float, float] | None
    """Top and bottom of the target band (Min to Upper), when the measure has targets."""
    marker: Point | None
    """The latest month's point, drawn in its RAG colour."""
    rag: Rag | None
    alt_text: str


def _scale(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.08
    return low - pad, high + pad


def sparkline(assessment: Assessment, months: tuple[Month, ...]) -> Sparkline | None:
    indicator = assessment.indicator
    trend = indicator.trend
    values = [f.value for f in trend if f is not None]
    if not values:
        return None
    bounds = bounds_of(indicator)
    targets = [bounds.minimum, bounds.upper] if bounds else []
    low, high = _scale(values + targets)

    def y(value: float) -> float:
        return 1 - (value - low) / (high - low)

    def x(index: int) -> float:
        return index / (len(trend) - 1) if len(trend) > 1 else 0.5

    segments: list[tuple[Point, ...]] = []
    run: list[Point] = []
    for index, figure in enumerate(trend):
        if figure is None:
            if run:
                segments.append(tuple(run))
            run = []
        else:
            run.append((x(index), y(figure.value)))
    if run:
        segments.append(tuple(run))
    last = trend[-1]
    band = None
    if bounds is not None:
        top, bottom = sorted((y(bounds.minimum), y(bounds.upper)))
        band = (top, bottom)
    return Sparkline(
        segments=tuple(segments),
        band=band,
        marker=(x(len(trend) - 1), y(last.value)) if last is not None else None,
        rag=rag_of(last.value if last is not None else None, bounds),
        alt_text=trend_alt_text(assessment, months),
    )


def trend_alt_text(assessment: Assessment, months: tuple[Month, ...]) -> str:
    """What the line says: ``3.1: 87.3% → 89.0% over Sep 18–Feb 19, red``."""
    indicator = assessment.indicator
    points = [(m, f) for m, f in zip(months, indicator.trend, strict=False) if f is not None]
    first, last = points[0], points[-1]
    status = assessment.rag.value if assessment.rag else "no target"
    gaps = len(indicator.trend) - len(points)
    missing = f", {gaps} month{'s' if gaps > 1 else ''} missing" if gaps else ""
    return (f"{indicator.ref}: {_shown(first[1], assessment)} → {_shown(last[1], assessment)} "
            f"over {first[0].short}–{last[0].short}, {status}{missing}")


def _shown(figure: Figure, assessment: Assessment) -> str:
    return format_value(figure, assessment.indicator.unit)


def nice_range(values: list[float], ceiling: float | None = None) -> tuple[float, float]:
    """An axis range that shows the spread of ``values`` rather than starting at zero;
    ``ceiling`` caps it where values cannot go higher (100 for a percentage)."""
    low, high = min(values), max(values)
    span = high - low or abs(high) * 0.1 or 1.0
    step = 10 ** math.floor(math.log10(span))
    if span / step < 3:
        step /= 2
    bottom = math.floor((low - span * 0.1) / step) * step
    top = math.ceil((high + span * 0.1) / step) * step
    if low >= 0 > bottom:
        bottom = 0.0  # a count or a percentage never goes below zero
    if ceiling is not None and high <= ceiling < top:
        top = ceiling
    return round(bottom, 10), round(top, 10)
