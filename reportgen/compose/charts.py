"""Native, editable PowerPoint charts (a chart part with its embedded workbook), so the board's
analysts can restyle them or edit their data in PowerPoint."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from reportgen.charts import nice_range
from reportgen.indicators import Assessment, Rag, bounds_of, format_value
from reportgen.model import Indicator, Month, Unit
from reportgen.palette import INK, NAVY, RAG_SWATCH, SERIES

CHART_FONT_PT = 14


def _number_format(unit: Unit) -> str:
    return '0"%"' if unit is Unit.PERCENT else "#,##0" if unit is Unit.COUNT else "0.0"


def _values(indicator: Indicator) -> list[float | None]:
    return [f.value if f is not None else None for f in indicator.trend]


def set_alt_text(frame: Any, text: str) -> None:
    frame._element.nvGraphicFramePr.cNvPr.set("descr", text)


def _style(chart: Any, unit: Unit, values: list[float]) -> None:
    chart.font.size = Pt(CHART_FONT_PT)
    chart.font.color.rgb = RGBColor.from_string(INK)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor.from_string("D9D9D9")
    axis.tick_labels.number_format = _number_format(unit)
    axis.tick_labels.number_format_is_linked = False
    low, high = nice_range(values, 100.0 if unit is Unit.PERCENT else None)
    axis.minimum_scale, axis.maximum_scale = low, high


def _line(series: Any, colour: str, width: float, *, dashed: bool = False,
          markers: bool = True) -> None:
    series.smooth = False
    series.format.line.color.rgb = RGBColor.from_string(colour)
    series.format.line.width = Pt(width)
    if dashed:
        series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    series.marker.style = XL_MARKER_STYLE.CIRCLE if markers else XL_MARKER_STYLE.NONE
    if markers:
        series.marker.size = 7
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = RGBColor.from_string(colour)


def cohort_chart(placeholder: Any, months: Sequence[Month],
                 indicators: Sequence[Indicator]) -> Any:
    data = CategoryChartData(number_format="#,##0")
    data.categories = [m.short for m in months]
    for indicator in indicators:
        data.add_series(f"{indicator.ref} {indicator.measure}", _values(indicator))
    frame = placeholder.insert_chart(XL_CHART_TYPE.LINE_MARKERS, data)
    values = [v for ind in indicators for v in _values(ind) if v is not None]
    _style(frame.chart, Unit.COUNT, values)
    for series, colour in zip(frame.chart.series, SERIES, strict=False):
        _line(series, colour, 2.5)
    return frame


def exception_chart(placeholder: Any, months: Sequence[Month], assessment: Assessment) -> Any:
    indicator = assessment.indicator
    unit = indicator.unit
    fmt = "0.0" if unit is not Unit.COUNT else "#,##0"
    data = CategoryChartData(number_format=fmt)
    data.categories = [m.short for m in months]
    data.add_series(f"{indicator.ref} monthly", _values(indicator))
    bounds = bounds_of(indicator)
    low = indicator.target_min or indicator.target_upper
    high = indicator.target_upper or indicator.target_min
    lines: list[tuple[str, float]] = []
    if bounds is not None and low is not None and high is not None:
        lines = [(f"Min {format_value(low, unit)}", bounds.minimum),
                 (f"Upper {format_value(high, unit)}", bounds.upper)]
        for name, value in lines:
            data.add_series(name, [value] * len(months))
    frame = placeholder.insert_chart(XL_CHART_TYPE.LINE_MARKERS, data)
    values = [v for v in _values(indicator) if v is not None] + [v for _, v in lines]
    _style(frame.chart, unit, values)
    series = list(frame.chart.series)
    _line(series[0], NAVY, 3)
    for line, colour in zip(series[1:], (RAG_SWATCH[Rag.RED].fill, "2E6B30"), strict=False):
        _line(line, colour, 2, dashed=True, markers=False)
    return frame
