"""Planned charts drawn as native, editable PowerPoint charts (a chart part with its embedded
workbook), so the board's analysts can restyle them or edit their data in PowerPoint.

What each chart looks like is written here; its part's XML is written in one go from the pieces
in :mod:`reportgen.compose.chart_xml`, and its data go into the embedded workbook through
:class:`~reportgen.compose.chart_data.ChartData`, which refuses text or numbers a chart cannot
hold before anything is added to the deck."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reportgen.compose import chart_xml as xml
from reportgen.compose._oxml import add_chart
from reportgen.compose.chart_data import ChartData
from reportgen.compose.chart_xml import Plot
from reportgen.compose.drawingml import emu, solid
from reportgen.plan.slides import Chart, ChartKind, Dash, LabelPosition, Marker, Series

_DASH = {Dash.DASH: "dash", Dash.DOT: "sysDot", Dash.LONG_DASH: "lgDash",
         Dash.DASH_DOT: "dashDot", Dash.LONG_DASH_DOT: "lgDashDot",
         Dash.DASH_DOT_DOT: "lgDashDotDot"}
"""Each dash by its preset's name, as python-pptx's ``MSO_LINE_DASH_STYLE`` wrote them (its
dash-dot-dot is the long one)."""
_MARKER = {Marker.CIRCLE: "circle", Marker.TRIANGLE: "triangle", Marker.DIAMOND: "diamond"}
_POSITION = {LabelPosition.ABOVE: "t", LabelPosition.BELOW: "b", LabelPosition.RIGHT: "r",
             LabelPosition.OUTSIDE_END: "outEnd"}


def draw_chart(slide: Any, placeholder: Any | None, chart: Chart,
               names: Callable[[str], Any] | None = None) -> None:
    """The chart in place of ``placeholder``, at its planned box, or, for a second chart on a
    slide, in a frame of its own; its parts named by ``names`` (the package's own search when
    not given)."""
    if chart.kind is ChartKind.BAR:
        chart = bottom_first(chart)  # the workbook's rows as the chart's part lists them
    data = ChartData(chart.categories, [(s.name, s.values) for s in chart.series],
                     chart.number_format)
    box = chart.box
    add_chart(slide, placeholder, (emu(box.left), emu(box.top), emu(box.width), emu(box.height)),
              chart_part(chart), data.xlsx_blob, chart.alt_text, names)


def chart_part(chart: Chart) -> bytes:
    """The chart's part, in the planned look: its text's colour and size, its title's, the
    legend's place, the gridlines' colour, the value axis over the planned range in the
    planned format."""
    plot = Plot.BAR if chart.kind is ChartKind.BAR else Plot.LINE
    run = xml.run_properties(size=chart.title_size, bold=chart.title_bold)
    if plot is Plot.BAR:
        # Bars in the planned order from the top, and a legend in the same order in every
        # client: a bar chart draws its first category, and each category's first series, at
        # the bottom, and LibreOffice lists a bar chart's legend from its last series. So the
        # categories and the series are written bottom first, on an axis that is not reversed
        # (reversing it turns the bars round but not LibreOffice's legend). ``draw_chart`` has
        # already turned the chart bottom first, for its part and its workbook alike.
        series = [_bars(i, s, chart) for i, s in enumerate(chart.series)]
    else:
        series = [_line(i, s, chart) for i, s in enumerate(chart.series)]
    categories = xml.category_axis(plot, size=chart.category_size)
    return xml.chart_space(
        plot, title=xml.title(chart.title, run) if chart.title else "", series=series,
        category_axis=categories,
        value_axis=xml.value_axis(plot, scale=chart.axis, number_format=chart.number_format,
                                  gridlines=chart.gridlines),
        legend=xml.legend(_POSITION[chart.legend_position], plot,
                          [i for i, s in enumerate(chart.series) if not s.in_legend])
        if chart.legend else "",
        text=xml.text_properties(chart.font_size, chart.ink), bar_gap=chart.bar_gap)


def bottom_first(chart: Chart) -> Chart:
    return replace(chart, categories=chart.categories[::-1],
                   series=tuple(replace(s, values=s.values[::-1]) for s in reversed(chart.series)))


def _line(index: int, series: Series, chart: Chart) -> str:
    """A line in its colour, width and dash (or no line: points alone), its points marked in
    its colour, and one point labelled in bold."""
    fill = solid(series.colour) if series.line else xml.NO_FILL
    label = ""
    if series.label:
        run = xml.run_properties(bold=series.label_bold,
                                 colour=series.label_colour or series.colour)
        label = xml.point_label(_labelled_point(series), series.label,
                                _POSITION[series.label_position], run)
    return xml.line_series(
        _data(index, series, chart),
        line=xml.line(fill, width=series.width, dash=_DASH.get(series.dash)),
        marker=(xml.marker(_MARKER[series.marker], series.marker_size, series.colour)
                if series.markers else xml.NO_MARKER),
        label=label)


def _bars(index: int, series: Series, chart: Chart) -> str:
    """Bars in the series' colour, edged where planned, each labelled with its figure just
    beyond its end."""
    labels = ""
    if chart.value_labels:
        text = xml.text_properties(chart.font_size, series.label_colour or chart.ink,
                                   with_end=False)
        labels = xml.value_labels(chart.value_labels, _POSITION[chart.value_label_position],
                                  text)
    return xml.bar_series(
        _data(index, series, chart), fill=solid(series.colour),
        outline=xml.line(solid(series.outline)) if series.outline else "", labels=labels)


def _data(index: int, series: Series, chart: Chart) -> xml.Data:
    return xml.Data(index, series.name, series.values, chart.categories, chart.number_format)


def _labelled_point(series: Series) -> int:
    if series.label_point >= 0:
        if series.label_point >= len(series.values):  # python-pptx's points[] refused it too
            raise ValueError(f"{series.name!r} has no point {series.label_point} to label")
        return series.label_point
    return max((i for i, v in enumerate(series.values) if v is not None), default=0)
