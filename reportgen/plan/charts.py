"""The deck's native charts as values: a red indicator's run against its targets, and the
cohort counts as small multiples, each on its own axis."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import cycle

from reportgen.indicators import Assessment, Bounds, Rag, RagModel
from reportgen.model import Figure, Indicator, Month, Unit
from reportgen.plan.layout import CHART_FONT, CHART_GAP, SMALL_CHART_FONT, Box
from reportgen.plan.measure import shorten_to_lines
from reportgen.plan.palette import (
    COMPARATOR_LINE,
    INK,
    NAVY,
    RAG_SWATCH,
    SERIES,
    SPC_CONCERN,
    SPC_IMPROVEMENT,
    SPC_LINES,
    TARGET_UPPER,
)
from reportgen.plan.slides import Chart, Dash, LabelPosition, Marker, Series
from reportgen.plan.sparkline import trend_alt_text
from reportgen.plan.words import figure, movement_words, number, spc_words
from reportgen.spc import Spc, Variation


def nice_range(values: Sequence[float], ceiling: float | None = None) -> tuple[float, float]:
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


def number_format(unit: Unit) -> str:
    return '0"%"' if unit is Unit.PERCENT else "#,##0" if unit is Unit.COUNT else "0.0"


def exception_chart(assessment: Assessment, months: Sequence[Month], box: Box) -> Chart:
    """The whole monthly series (the store's months, then the workbook's) against the targets:
    the target lines differ by dash as well as colour and are labelled at their left-hand end,
    and the latest month is labelled. Where the series has enough points for SPC, the chart is
    an XmR chart: its mean and process limits, and the special-cause points marked by shape as
    well as colour."""
    ind = assessment.indicator
    whole = assessment.series or tuple(zip(months, ind.trend, strict=False))
    categories = tuple(m.short for m, _ in whole)
    values = tuple(f.value if f is not None else None for _, f in whole)
    n = len(values)
    latest = max((i for i, v in enumerate(values) if v is not None), default=-1)
    last = whole[latest][1] if latest >= 0 else None
    label = figure(last, ind) if last is not None else ""
    if label and label != figure(ind.current, ind):  # not Current: say which month it is
        label = f"{whole[latest][0].short}: {label}"
    series = [Series(f"{ind.ref} monthly", values, NAVY, 2.5 if assessment.spc else 3.0,
                     label=label,
                     label_point=latest, marker_size=5 if n > 12 else 7)]
    series += _targets(assessment, n)
    if assessment.spc is not None:  # an XmR chart's legend has room for its own lines only;
        series += _process(assessment.spc, values, ind)  # the side text gives comparators
    else:
        series += comparator_lines(assessment, n)
    drawn = [v for s in series for v in s.values if v is not None]
    return Chart(
        categories=categories, series=tuple(series),
        axis=nice_range(drawn, 100.0 if ind.unit is Unit.PERCENT else None),
        number_format=number_format(ind.unit),
        alt_text=_exception_alt_text(assessment, months), box=box, font_size=CHART_FONT,
        legend=assessment.spc is not None or bool(assessment.comparisons))


def _targets(assessment: Assessment, n: int) -> list[Series]:
    ind, bounds = assessment.indicator, assessment.bounds
    if bounds is None:
        return []
    if bounds.single:
        text = f"Target {figure(bounds.min_figure, ind)}"
        return [Series(text, (bounds.minimum,) * n, RAG_SWATCH[Rag.RED].fill, 2.0,
                       Dash.LONG_DASH, markers=False, label=text, label_point=0)]
    low, high = (f"{name} {figure(value, ind)}" for name, value in
                 zip(target_names(bounds), (bounds.min_figure, bounds.upper_figure), strict=True))
    # Each target's label sits on the far side of its line from the other's, at the left
    # where the latest point's label cannot meet it.
    higher = bounds.upper > bounds.minimum
    up, down = LabelPosition.ABOVE, LabelPosition.BELOW
    return [Series(low, (bounds.minimum,) * n, RAG_SWATCH[Rag.RED].fill, 2.0, Dash.DASH,
                   markers=False, label=low, label_point=0,
                   label_position=down if higher else up),
            Series(high, (bounds.upper,) * n, TARGET_UPPER, 2.0, Dash.DOT, markers=False,
                   label=high, label_point=0, label_position=up if higher else down)]


COMPARATOR_DASHES = (Dash.DASH_DOT, Dash.LONG_DASH_DOT, Dash.DASH_DOT_DOT)
"""Comparator reference lines' dashes: none is a target's (dashed, dotted, long-dashed)."""


def comparator_lines(assessment: Assessment, n: int) -> list[Series]:
    """Each comparator as a flat reference line, told apart by its dash and named with its
    figure in the legend ("England 2017/18 84.0%") rather than by colour. Not labelled on the
    line: a comparator often sits near a target or the data, and labels there collide."""
    ind = assessment.indicator
    lines = []
    # past three comparators the dashes repeat; the legend still names each one
    for item, dash in zip(assessment.comparisons, cycle(COMPARATOR_DASHES)):
        year = f" {item.comparator.year}" if item.comparator.year else ""
        name = f"{item.comparator.name}{year} {figure(item.comparator.value, ind)}"
        lines.append(Series(name, (item.comparator.value.value,) * n, COMPARATOR_LINE, 1.5,
                            dash, markers=False))
    return lines


def _process(spc: Spc, values: tuple[float | None, ...], ind: Indicator) -> list[Series]:
    """The XmR chart's own lines, and the special-cause points marked."""
    n = len(values)
    # At most four legend entries (the data, the limits, the special causes): the mean is
    # labelled on its line, mid-chart, where the targets' labels (left) and the latest
    # point's (right) are not; the targets are labelled on theirs; one entry names both limits.
    mean = f"Mean {number(spc.mean, ind)}"
    lines = [Series(mean, (spc.mean,) * n, SPC_LINES, 1.25, markers=False, label=mean,
                    label_point=n // 2, label_colour=INK, in_legend=False),
             Series("Process limits", (spc.upper,) * n, SPC_LINES, 1.25, Dash.DASH,
                    markers=False),
             Series("Lower process limit", (spc.lower,) * n, SPC_LINES, 1.25, Dash.DASH,
                    markers=False, in_legend=False)]
    for variation, name, colour, shape in (
            (Variation.IMPROVEMENT, "Special cause: improvement", SPC_IMPROVEMENT,
             Marker.TRIANGLE),
            (Variation.CONCERN, "Special cause: concern", SPC_CONCERN, Marker.DIAMOND)):
        marked = tuple(v if special is variation else None
                       for v, special in zip(values, spc.special, strict=False))
        if any(v is not None for v in marked):
            lines.append(Series(name, marked, colour, 1.0, line=False, marker=shape,
                                marker_size=9, in_legend=False))
    return lines


def target_names(bounds: Bounds) -> tuple[str, str]:
    """The two target lines' names in the RAG model's words: a ceiling is never a "Min"."""
    names = {RagModel.FLOOR_TARGET: ("Floor", "Target"),
             RagModel.TOLERANCE: ("Tolerance", "Target"),
             RagModel.TWO_SIDED: ("Lowest", "Highest"),
             RagModel.THRESHOLDS: ("Amber from", "Green from")}
    if bounds.model in names:
        return names[bounds.model]
    return ("Ceiling", "Aim") if bounds.ceiling else ("Min", "Upper")


def _exception_alt_text(assessment: Assessment, months: Sequence[Month]) -> str:
    bounds, spc = assessment.bounds, assessment.spc
    targets = ("its target" if bounds is not None and bounds.single
               else "its {} and {} targets".format(*target_names(bounds)) if bounds is not None
               else "no targets")
    text = f"Line chart of {trend_alt_text(assessment, tuple(months))}, against {targets}"
    if assessment.comparisons:
        text += "; compared with " + ", ".join(line.name for line in comparator_lines(
            assessment, 1))
    if spc is None:
        return text
    ceiling = bounds is not None and bounds.ceiling
    return text + f"; SPC over {spc.points} months: {spc_words(spc, ceiling)}"


def grid(box: Box, count: int) -> list[Box]:
    """``count`` equal boxes filling ``box``: one row for up to three, else two rows."""
    rows = 1 if count <= 3 else 2
    per_row = math.ceil(count / rows)
    width = (box.width - CHART_GAP * (per_row - 1)) / per_row
    height = (box.height - CHART_GAP * (rows - 1)) / rows
    return [Box(box.left + (i % per_row) * (width + CHART_GAP),
                box.top + (i // per_row) * (height + CHART_GAP), width, height)
            for i in range(count)]


def cohort_charts(indicators: Sequence[Indicator], months: Sequence[Month], box: Box,
                  history: Mapping[str, Sequence[tuple[Month, Figure | None]]] | None = None,
                  ) -> tuple[Chart, ...]:
    """One small chart per count, each on its own axis from zero: counts of very different
    size (1,020 children in need, 304 on a plan) would flatten each other on one. Each draws
    its whole series (``history``: the store's months, then the workbook's) where known."""
    charts = []
    for indicator, place, colour in zip(indicators, grid(box, len(indicators)),
                                        SERIES * 2, strict=False):
        whole = (history or {}).get(indicator.ref) or tuple(
            zip(months, indicator.trend, strict=False))
        points = tuple(f.value if f is not None else None for _, f in whole)
        known = [(m, f) for m, f in whole if f is not None]
        (first_month, first), (last_month, last) = known[0], known[-1]
        title = shorten_to_lines(f"{indicator.ref} {indicator.measure}", place.width - 20,
                                 SMALL_CHART_FONT + 1, 2, bold=True)
        charts.append(Chart(
            categories=tuple(m.short for m, _ in whole),
            series=(Series(indicator.measure, points, colour, 2.5,
                           label=figure(last, indicator),
                           label_point=max(i for i, v in enumerate(points) if v is not None),
                           label_colour=INK, marker_size=5 if len(points) > 12 else 7),),
            # From zero: a count's size is the point, and 258 → 304 must not look like a cliff.
            axis=nice_range([0.0, *(f.value for _, f in known)]),
            number_format=number_format(indicator.unit),
            alt_text=(f"Line chart of {indicator.ref} {indicator.measure}: "
                      f"{movement_words(first, last)} since {first_month.long}, "
                      f"{figure(first, indicator)} in {first_month.short}, "
                      f"{figure(last, indicator)} in {last_month.short}"),
            box=place, title=title, title_size=SMALL_CHART_FONT + 1,
            font_size=SMALL_CHART_FONT))
    return tuple(charts)
