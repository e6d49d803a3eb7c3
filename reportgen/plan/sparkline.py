"""A trend line's geometry, computed without drawing: compose paints it.

A trend line is described in unit coordinates (x and y from 0 to 1, y downwards), so the same
description serves a table row or a whole slide. The table's trend shows the same months as the
table's month columns: the latest ``TABLE_MONTHS``, however many the workbook holds.
"""

from __future__ import annotations

from reportgen.frozen import frozen
from reportgen.indicators import Assessment, Rag
from reportgen.model import Figure, Month
from reportgen.plan.words import figure

Point = tuple[float, float]

TABLE_MONTHS = 6
"""Month columns the KPI table shows: the seed's "Six Month Trend"."""


def latest(months: tuple[Month, ...], trend: tuple[Figure | None, ...]) -> tuple[
        tuple[Month, ...], tuple[Figure | None, ...]]:
    """The latest ``TABLE_MONTHS`` months and their figures."""
    return months[-TABLE_MONTHS:], trend[-TABLE_MONTHS:]


@frozen
class Sparkline:
    segments: tuple[tuple[Point, ...], ...]
    """Runs of consecutive months with values; a missing month breaks the line."""
    band: tuple[float, float] | None
    """Top and bottom of the target band (Min to Upper), when the measure has targets."""
    marker: Point | None
    """The latest month's point."""
    rag: Rag | None
    """The marker's colour: Current's RAG, the indicator's one RAG, where the latest month shows
    it (``Assessment.trend_rag``); None (neutral) otherwise, e.g. for a YTD measure."""


def _scale(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.08
    return low - pad, high + pad


def sparkline(assessment: Assessment) -> Sparkline | None:
    trend = assessment.indicator.trend[-TABLE_MONTHS:]
    values = [f.value for f in trend if f is not None]
    if not values:
        return None
    bounds = assessment.bounds
    targets = [bounds.minimum, bounds.upper] if bounds else []
    low, high = _scale(values + targets)

    def y(value: float) -> float:
        return 1 - (value - low) / (high - low)

    def x(index: int) -> float:
        return index / (len(trend) - 1) if len(trend) > 1 else 0.5

    segments: list[tuple[Point, ...]] = []
    run: list[Point] = []
    for index, month in enumerate(trend):
        if month is None:
            if run:
                segments.append(tuple(run))
            run = []
        else:
            run.append((x(index), y(month.value)))
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
        rag=assessment.trend_rag,
    )


def trend_alt_text(assessment: Assessment, months: tuple[Month, ...]) -> str:
    """What the line says: ``3.1: 87.3% → 89.0% over Sep 18–Feb 19, red``."""
    indicator = assessment.indicator
    months, trend = latest(months, indicator.trend)
    points = [(m, f) for m, f in zip(months, trend, strict=False) if f is not None]
    status = assessment.rag.value if assessment.rag else "no target"
    if not points:
        return f"{indicator.ref}: no monthly figures, {status}"
    first, last = points[0], points[-1]
    gaps = len(trend) - len(points)
    missing = f", {gaps} month{'s' if gaps > 1 else ''} missing" if gaps else ""
    return (f"{indicator.ref}: {_shown(first[1], assessment)} → {_shown(last[1], assessment)} "
            f"over {first[0].short}–{last[0].short}, {status}{missing}")


def _shown(value: Figure, assessment: Assessment) -> str:
    return figure(value, assessment.indicator)
