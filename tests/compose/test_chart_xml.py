"""A chart part written as text is, byte for byte, what python-pptx wrote when each chart was
styled through its proxy objects: the reference below is that styling code as it was, run on
python-pptx's own chart and chart data, so the test fails if either drifts. Decks drawn with
it pass the OOXML checks."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from reportgen.compose.native_charts import bottom_first, chart_part, draw_chart
from reportgen.plan.layout import Box
from reportgen.plan.palette import INK
from reportgen.plan.slides import Chart, ChartKind, Dash, LabelPosition, Marker, Series
from tests.ooxml import deck_problems

# --- the reference: the proxy-based styling native_charts.py did before it wrote XML ----------

_DASH = {Dash.DASH: MSO_LINE_DASH_STYLE.DASH, Dash.DOT: MSO_LINE_DASH_STYLE.ROUND_DOT,
         Dash.LONG_DASH: MSO_LINE_DASH_STYLE.LONG_DASH,
         Dash.DASH_DOT: MSO_LINE_DASH_STYLE.DASH_DOT,
         Dash.LONG_DASH_DOT: MSO_LINE_DASH_STYLE.LONG_DASH_DOT,
         Dash.DASH_DOT_DOT: MSO_LINE_DASH_STYLE.DASH_DOT_DOT}
_KIND = {ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS, ChartKind.BAR: XL_CHART_TYPE.BAR_CLUSTERED}
_MARKER = {Marker.CIRCLE: XL_MARKER_STYLE.CIRCLE, Marker.TRIANGLE: XL_MARKER_STYLE.TRIANGLE,
           Marker.DIAMOND: XL_MARKER_STYLE.DIAMOND}
_POSITION = {LabelPosition.ABOVE: XL_LABEL_POSITION.ABOVE,
             LabelPosition.BELOW: XL_LABEL_POSITION.BELOW,
             LabelPosition.RIGHT: XL_LABEL_POSITION.RIGHT,
             LabelPosition.OUTSIDE_END: XL_LABEL_POSITION.OUTSIDE_END}
_LEGEND = {LabelPosition.BELOW: XL_LEGEND_POSITION.BOTTOM,
           LabelPosition.RIGHT: XL_LEGEND_POSITION.RIGHT}


_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def proxy_styled(chart: Chart) -> bytes:
    """The chart part python-pptx wrote for ``chart``, styled through its proxies."""
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    # python-pptx writes a number format into the chart XML unescaped, and a format with "<"
    # (a condition such as [<1]) broke the part: reportgen escapes it, and so does this reference
    data = CategoryChartData(number_format=chart.number_format.translate(_MARKUP))
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    frame = slide.shapes.add_chart(_KIND[chart.kind], 0, 0, 100, 100, data)
    _style(frame.chart, chart)
    if chart.kind is ChartKind.BAR:
        _bars(frame.chart, chart)
    else:
        for drawn, planned in zip(frame.chart.series, chart.series, strict=True):
            _line(drawn, planned)
    blob: bytes = frame.chart_part.blob
    return blob


def _bars(chart: Any, plan: Chart) -> None:
    for node in chart._chartSpace.xpath(".//c:axId | .//c:crossAx"):
        node.set("val", str(abs(int(node.get("val")))))
    chart.plots[0].gap_width = plan.bar_gap
    chart.plots[0].overlap = 0
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
            labels.position = _POSITION[plan.value_label_position]
            labels.font.size = Pt(plan.font_size)
            labels.font.color.rgb = RGBColor.from_string(planned.label_colour or plan.ink)


def _style(chart: Any, plan: Chart) -> None:
    chart.font.size = Pt(plan.font_size)
    if plan.category_size is not None:
        chart.category_axis.tick_labels.font.size = Pt(plan.category_size)
    chart.font.color.rgb = RGBColor.from_string(plan.ink)
    chart.has_legend = plan.legend
    if plan.legend:
        chart.legend.position = _LEGEND[plan.legend_position]
        chart.legend.include_in_layout = False
    if plan.title:
        chart.has_title = True
        frame = chart.chart_title.text_frame
        frame.text = plan.title
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(plan.title_size)
                run.font.bold = plan.title_bold
    else:
        chart.has_title = False
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(plan.gridlines)
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
                run.font.bold = plan.label_bold
                run.font.color.rgb = RGBColor.from_string(plan.label_colour or plan.colour)


def _last_value(plan: Series) -> int:
    return max((i for i, v in enumerate(plan.values) if v is not None), default=0)


# --- the charts our plans make -----------------------------------------------------------------

MONTHS = ("Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19")
BOX = Box(36.0, 100.0, 600.0, 300.0)
DATA = Series("3.1 monthly", (None, 85.1, None, 83.3, 86.5, None), "1F3864", 3.0,
              label="86.5%", marker_size=7)
LINE = Chart(MONTHS, (DATA,), (75.0, 95.0), '0.0"%"', "Line chart of 3.1", BOX,
             font_size=11.0)
DASHES = tuple(Series(f"{dash.name} 90.0%", (90.0,) * 6, "C00000", 2.0, dash, markers=False)
               for dash in Dash)
BAR = Chart(("3.1 Re-referrals", "4.7 Reviews on time & <in time>"),
            (Series("Current", (21.5, None), "1F3864", 0.0, label_colour=INK),
             Series("England 2017/18", (22.6, 90.1), "E07B00", 0.0, label_colour=INK),
             Series("Last year", (30.0, 88.0), "ffffff", 0.0, outline="7f7f7f")),
            (0.0, 100.0), '0"%"', "Bar chart", BOX, legend=True, font_size=11.0,
            category_size=11.0, kind=ChartKind.BAR, value_labels='0.0"%"')

CHARTS = {
    "a line with markers and its latest point labelled": LINE,
    "a titled count, its label in ink": replace(
        LINE, title="1.2 Number of CIN (exc. LAC, CP, Care Leavers)", number_format="#,##0",
        series=(replace(DATA, label="1,020", label_colour=INK, width=2.5),), axis=(0, 1500)),
    "targets labelled at their left, below and above, with every dash": replace(
        LINE, legend=True, series=(
            DATA,
            replace(DASHES[1], label="Min 90.0%", label_point=0,
                    label_position=LabelPosition.BELOW),
            replace(DASHES[2], label="Upper 95.0%", label_point=0,
                    label_position=LabelPosition.RIGHT),
            *DASHES)),
    "special-cause points with no line": replace(LINE, legend=True, series=(
        replace(DATA, width=2.5, marker_size=5),
        Series("Mean 84.3", (84.3,) * 6, "7F7F7F", 1.25, markers=False),
        Series("Special cause: improvement", (None, 85.1, None, None, None, None), "00C07F",
               1.0, line=False, marker=Marker.TRIANGLE, marker_size=9),
        Series("Special cause: concern", (None, None, None, 83.3, None, None), "C00000", 1.0,
               line=False, marker=Marker.DIAMOND, marker_size=9))),
    "no point to label but the first": replace(
        LINE, series=(replace(DATA, values=(None,) * 6),)),
    "text that needs escaping": replace(
        LINE, title="A & B < C > D \"q\" 'a'\n\vsecond\tline\x07 Café", categories=(
            "", " ", "a\r\nb", "x\ty", "<&>", "Café"),
        number_format='[<1]0.0;"&"0', series=(replace(
            DATA, name='Rate < 5% & "rising"\r', label="a\vb\n\nc & <d>\x1b"),)),
    "a small chart with fractional sizes": replace(LINE, font_size=7.3, title="T",
                                                   series=(replace(DATA, width=1.333),)),
    "bars with value labels and an outline": BAR,
    "bars without labels or legend": replace(BAR, value_labels="", legend=False, title="Bars"),
    "bars with many series": replace(BAR, series=tuple(
        replace(BAR.series[1], name=f"Comparator {n}") for n in range(30))),
    "a line's look planned otherwise": replace(
        LINE, title="Plain title", title_size=20.0, title_bold=False, ink="203040",
        gridlines="EEEEEE", legend=True, legend_position=LabelPosition.RIGHT, category_size=9.5,
        series=(replace(DATA, label_bold=False),)),
    "bars' look planned otherwise": replace(
        BAR, bar_gap=150, ink="333333", category_size=None, title="Bars", title_size=9.0,
        legend_position=LabelPosition.RIGHT),
}


@pytest.mark.parametrize("case", CHARTS)
def test_the_chart_part_is_what_python_pptx_styling_wrote(case: str) -> None:
    # a bar chart is drawn bottom first (see draw_chart): the part and the reference alike
    chart = CHARTS[case]
    chart = bottom_first(chart) if chart.kind is ChartKind.BAR else chart
    assert chart_part(chart) == proxy_styled(chart)


def test_a_bar_charts_bars_and_legend_run_in_the_planned_order() -> None:
    # The first category at the top, and in each category the first series at the top, on an
    # axis that is not reversed, so that LibreOffice's legend (which lists a bar chart's series
    # from the last) reads in the bars' order.
    turned = bottom_first(BAR)
    assert turned.categories == BAR.categories[::-1]
    assert [s.name for s in turned.series] == [s.name for s in BAR.series][::-1]
    assert turned.series[-1].values == BAR.series[0].values[::-1]
    part = chart_part(turned).decode()
    assert '<c:orientation val="minMax"/>' in part and "maxMin" not in part


def test_decks_drawn_from_the_xml_pass_the_ooxml_checks() -> None:
    prs = Presentation()
    for index, chart in enumerate(CHARTS.values()):
        slide = prs.slides.add_slide(prs.slide_layouts[6 if index % 2 else 5])
        placeholder = None if index % 2 else slide.placeholders[0]
        draw_chart(slide, placeholder, chart)
    out = BytesIO()
    prs.save(out)
    assert deck_problems(out.getvalue()) == []


REFUSED = {
    "a colour that is not six hex digits": replace(LINE, series=(replace(DATA, colour="abc"),)),
    "a colour python's int() would read": replace(LINE, series=(replace(DATA, colour="0x1F38"),)),
    "a negative line width": replace(LINE, series=(replace(DATA, width=-1.0),)),
    "a marker too big": replace(LINE, series=(replace(DATA, marker_size=100),)),
    "a font too big": replace(LINE, font_size=4001.0),
    "a font too small": replace(LINE, font_size=0.5),
    "a label on a point that is not there": replace(LINE, series=(replace(DATA, label_point=6),)),
    "a character XML cannot hold in a title": replace(LINE, title="Rate \ufffe"),
    "a control character in a category": replace(LINE, categories=("a\x01", *MONTHS[1:])),
    "a gap between bars too wide": replace(BAR, bar_gap=501),
}


@pytest.mark.parametrize("case", REFUSED)
def test_what_python_pptx_refused_is_refused(case: str) -> None:
    # python-pptx raised for each of these rather than write a part Office cannot open
    with pytest.raises((ValueError, IndexError, etree.XMLSyntaxError)):
        proxy_styled(REFUSED[case])
    with pytest.raises(ValueError):
        chart_part(REFUSED[case])


def test_a_line_of_no_width_is_written_as_python_pptx_wrote_it() -> None:
    chart = replace(LINE, series=(replace(DATA, width=0.0),))
    assert chart_part(chart) == proxy_styled(chart)
