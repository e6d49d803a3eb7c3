"""Planned charts drawn as native, editable PowerPoint charts (a chart part with its embedded
workbook), so the board's analysts can restyle them or edit their data in PowerPoint."""

from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from reportgen.compose._oxml import emu, insert_chart, set_alt_text, unsigned_axis_ids
from reportgen.compose.chart_data import ChartData
from reportgen.plan.palette import GRID_LINE, INK
from reportgen.plan.slides import Chart, ChartKind, Dash, LabelPosition, Marker, Series

_DASH = {Dash.DASH: MSO_LINE_DASH_STYLE.DASH, Dash.DOT: MSO_LINE_DASH_STYLE.ROUND_DOT,
         Dash.LONG_DASH: MSO_LINE_DASH_STYLE.LONG_DASH,
         Dash.DASH_DOT: MSO_LINE_DASH_STYLE.DASH_DOT,
         Dash.LONG_DASH_DOT: MSO_LINE_DASH_STYLE.LONG_DASH_DOT,
         Dash.DASH_DOT_DOT: MSO_LINE_DASH_STYLE.DASH_DOT_DOT}
_KIND = {ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS, ChartKind.BAR: XL_CHART_TYPE.BAR_CLUSTERED}
_BAR_GAP_WIDTH = 60
"""Space between categories, in per cent of a bar: enough to tell one indicator's bars from the
next."""
_MARKER = {Marker.CIRCLE: XL_MARKER_STYLE.CIRCLE, Marker.TRIANGLE: XL_MARKER_STYLE.TRIANGLE,
           Marker.DIAMOND: XL_MARKER_STYLE.DIAMOND}
_POSITION = {LabelPosition.ABOVE: XL_LABEL_POSITION.ABOVE,
             LabelPosition.BELOW: XL_LABEL_POSITION.BELOW,
             LabelPosition.RIGHT: XL_LABEL_POSITION.RIGHT}


def _data(chart: Chart) -> ChartData:
    return ChartData(chart.categories, [(s.name, s.values) for s in chart.series],
                     chart.number_format)


def draw_chart(slide: Any, placeholder: Any | None, chart: Chart) -> Any:
    """The chart in ``placeholder`` (then moved to its planned box) or, for a second chart on a
    slide, in a frame of its own."""
    box = chart.box
    kind = _KIND[chart.kind]
    if placeholder is not None:
        frame = insert_chart(placeholder, kind, _data(chart))
        frame.left, frame.top = emu(box.left), emu(box.top)
        frame.width, frame.height = emu(box.width), emu(box.height)
    else:
        frame = slide.shapes.add_chart(kind, emu(box.left), emu(box.top),
                                       emu(box.width), emu(box.height), _data(chart))
    _style(frame.chart, chart)
    if chart.kind is ChartKind.BAR:
        _bars(frame.chart, chart)
    else:
        for drawn, planned in zip(frame.chart.series, chart.series, strict=True):
            _line(drawn, planned)
    set_alt_text(frame, chart.alt_text)
    return frame


def _bars(chart: Any, plan: Chart) -> None:
    """Bars in the planned order from the top (a bar chart draws its first category at the
    bottom unless its category axis is reversed), each labelled with its figure."""
    unsigned_axis_ids(chart)
    chart.plots[0].gap_width = _BAR_GAP_WIDTH
    chart.plots[0].overlap = 0
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(plan.font_size)
    for drawn, planned in zip(chart.series, plan.series, strict=True):
        fill = drawn.format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(planned.colour)
        if planned.outline:
            drawn.format.line.color.rgb = RGBColor.from_string(planned.outline)
        if plan.value_labels:
            labels = drawn.data_labels
            labels.show_value = True
            labels.number_format = plan.value_labels
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
            labels.font.size = Pt(plan.font_size)
            labels.font.color.rgb = RGBColor.from_string(planned.label_colour or INK)


def _style(chart: Any, plan: Chart) -> None:
    chart.font.size = Pt(plan.font_size)
    chart.font.color.rgb = RGBColor.from_string(INK)
    chart.has_legend = plan.legend
    if plan.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    if plan.title:
        chart.has_title = True
        frame = chart.chart_title.text_frame
        frame.text = plan.title
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(plan.font_size + 1)
                run.font.bold = True
    else:
        chart.has_title = False
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID_LINE)
    axis.tick_labels.number_format = plan.number_format
    axis.tick_labels.number_format_is_linked = False
    axis.minimum_scale, axis.maximum_scale = plan.axis


def _line(series: Any, plan: Series) -> None:
    series.smooth = False
    line = series.format.line
    line.color.rgb = RGBColor.from_string(plan.colour)
    line.width = Pt(plan.width)
    if plan.dash in _DASH:
        line.dash_style = _DASH[plan.dash]
    if not plan.line:
        line.fill.background()
    series.marker.style = _MARKER[plan.marker] if plan.markers else XL_MARKER_STYLE.NONE
    if plan.markers:
        series.marker.size = plan.marker_size
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = RGBColor.from_string(plan.colour)
    if plan.label:
        index = plan.label_point if plan.label_point >= 0 else _last_value(plan)
        label = series.points[index].data_label
        label.has_text_frame = True
        label.text_frame.text = plan.label
        label.position = _POSITION[plan.label_position]
        for paragraph in label.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.bold = True
                run.font.color.rgb = RGBColor.from_string(plan.label_colour or plan.colour)


def _last_value(plan: Series) -> int:
    return max((i for i, v in enumerate(plan.values) if v is not None), default=0)
