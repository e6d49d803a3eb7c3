"""A planned chart's part (``ppt/charts/chartN.xml``) written as text, styling and all.

python-pptx writes a chart's XML from a template with its data, parses it, and each styling
call after that (a font size, a series' line colour, a data label) makes proxy objects that
search the tree with XPath and insert each child in the schema's order: 16 ms a chart, the
largest single cost of drawing the sample deck. Here the finished part is written in one go,
element for element what python-pptx's writer and those calls made, in the schema's order, and
serialised as python-pptx serialises a part (so a deck is the same, byte for byte; the tests
hold each kind of chart to the proxy-styled one). Only what the plan's charts use is written: a
line chart with markers and a clustered bar chart of one level of text categories."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgen.plan.palette import GRID_LINE, INK
from reportgen.plan.slides import Chart, ChartKind, Dash, LabelPosition, Marker, Series

_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_CHART_SPACE = ('<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
                ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
                ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<c:date1904 val="0"/><c:chart>')
_WORKBOOK = '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>'
"""The embedded workbook's relationship: the chart part's first and only one."""
_EMU_PER_PT = 12700

# The axis ids python-pptx's templates give each kind (the bar chart's made positive: the schema
# wants an unsignedInt, and a strict reader repairs the template's negative ones).
_LINE_AXES = ("2118791784", "2140495176")
_BAR_AXES = ("2068027336", "2113994440")

_DASH = {Dash.DASH: "dash", Dash.DOT: "sysDot", Dash.LONG_DASH: "lgDash",
         Dash.DASH_DOT: "dashDot", Dash.LONG_DASH_DOT: "lgDashDot",
         Dash.DASH_DOT_DOT: "lgDashDotDot"}
"""Each dash as python-pptx's ``MSO_LINE_DASH_STYLE`` writes it (its dash-dot-dot is the long
one)."""
_MARKER = {Marker.CIRCLE: "circle", Marker.TRIANGLE: "triangle", Marker.DIAMOND: "diamond"}
_POSITION = {LabelPosition.ABOVE: "t", LabelPosition.BELOW: "b", LabelPosition.RIGHT: "r"}
_BAR_GAP_WIDTH = 60
"""Space between categories, in per cent of a bar: enough to tell one indicator's bars from the
next."""
_FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
          "showBubbleSize")


def chart_xml(chart: Chart) -> bytes:
    """The chart part's XML, as python-pptx saves it."""
    parts = [_DECLARATION, _CHART_SPACE, *_title(chart), "<c:plotArea>"]
    if chart.kind is ChartKind.BAR:
        parts += _bar_plot(chart)
    else:
        parts += _line_plot(chart)
    parts.append("</c:plotArea>")
    if chart.legend:  # python-pptx's line template has a legend with a layout; a bar's is added
        layout = "" if chart.kind is ChartKind.BAR else "<c:layout/>"
        parts.append(f'<c:legend><c:legendPos val="b"/>{layout}<c:overlay val="0"/></c:legend>')
    parts.append('<c:dispBlanksAs val="gap"/>' if chart.kind is ChartKind.BAR else
                 '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
                 '<c:showDLblsOverMax val="0"/>')
    parts.append(f"</c:chart><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
                 f'<a:defRPr sz="{_size(chart.font_size)}">{_solid(INK)}</a:defRPr></a:pPr>'
                 f'<a:endParaRPr lang="en-US"/></a:p></c:txPr>{_WORKBOOK}</c:chartSpace>')
    return "".join(parts).encode("utf-8")


def _title(chart: Chart) -> Iterator[str]:
    if not chart.title:
        yield '<c:autoTitleDeleted val="1"/>'
        return
    run = f'<a:rPr sz="{_size(chart.font_size + 1)}" b="1"/>'
    yield (f"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>{_paragraphs(chart.title, run)}"
           '</c:rich></c:tx><c:layout/><c:overlay val="0"/></c:title>'
           '<c:autoTitleDeleted val="0"/>')


def _line_plot(chart: Chart) -> Iterator[str]:
    cat, val = _LINE_AXES
    yield '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
    for index, series in enumerate(chart.series):
        yield from _line_series(index, series, chart)
    yield (f'<c:marker val="1"/><c:smooth val="0"/><c:axId val="{cat}"/><c:axId val="{val}"/>'
           f'</c:lineChart><c:catAx><c:axId val="{cat}"/><c:scaling>'
           '<c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>'
           '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
           f'<c:tickLblPos val="nextTo"/><c:crossAx val="{val}"/><c:crosses val="autoZero"/>'
           '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
           '<c:noMultiLvlLbl val="0"/></c:catAx>')
    yield _value_axis(chart, val, cat, "l")


def _bar_plot(chart: Chart) -> Iterator[str]:
    """Bars in the planned order from the top (a bar chart draws its first category at the
    bottom unless its category axis is reversed), each labelled with its figure."""
    cat, val = _BAR_AXES
    yield '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>'
    for index, series in enumerate(chart.series):
        yield from _bar_series(index, series, chart)
    yield (f'<c:gapWidth val="{_BAR_GAP_WIDTH}"/><c:axId val="{cat}"/><c:axId val="{val}"/>'
           f'</c:barChart><c:catAx><c:axId val="{cat}"/><c:scaling>'
           '<c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>'
           '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
           '<c:tickLblPos val="nextTo"/><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>'
           f'<a:defRPr sz="{_size(chart.font_size)}"/></a:pPr></a:p></c:txPr>'
           f'<c:crossAx val="{val}"/><c:crosses val="autoZero"/>'
           '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
           '<c:noMultiLvlLbl val="0"/></c:catAx>')
    yield _value_axis(chart, val, cat, "b")


def _value_axis(chart: Chart, own: str, crossed: str, position: str) -> str:
    low, high = chart.axis
    return (f'<c:valAx><c:axId val="{own}"/><c:scaling><c:max val="{float(high)}"/>'
            f'<c:min val="{float(low)}"/></c:scaling><c:delete val="0"/>'
            f'<c:axPos val="{position}"/><c:majorGridlines><c:spPr><a:ln>{_solid(GRID_LINE)}'
            f'</a:ln></c:spPr></c:majorGridlines>'
            f'<c:numFmt formatCode="{_attribute(chart.number_format)}" sourceLinked="0"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
            f'<c:tickLblPos val="nextTo"/><c:crossAx val="{crossed}"/>'
            '<c:crosses val="autoZero"/></c:valAx>')


def _line_series(index: int, series: Series, chart: Chart) -> Iterator[str]:
    yield _series_start(index, series)
    fill = _solid(series.colour) if series.line else "<a:noFill/>"
    dash = f'<a:prstDash val="{_DASH[series.dash]}"/>' if series.dash in _DASH else ""
    yield f'<c:spPr><a:ln w="{int(series.width * _EMU_PER_PT)}">{fill}{dash}</a:ln></c:spPr>'
    if series.markers:
        yield (f'<c:marker><c:symbol val="{_MARKER[series.marker]}"/>'
               f'<c:size val="{series.marker_size}"/>'
               f"<c:spPr>{_solid(series.colour)}</c:spPr></c:marker>")
    else:
        yield '<c:marker><c:symbol val="none"/></c:marker>'
    if series.label:
        run = f'<a:rPr b="1">{_solid(series.label_colour or series.colour)}</a:rPr>'
        yield (f'<c:dLbls><c:dLbl><c:idx val="{_labelled_point(series)}"/><c:tx><c:rich>'
               f"<a:bodyPr/><a:lstStyle/>{_paragraphs(series.label, run)}</c:rich></c:tx>"
               f'<c:dLblPos val="{_POSITION[series.label_position]}"/>'
               f"{_flags(value=True)}</c:dLbl>{_flags(value=False)}"
               '<c:showLeaderLines val="1"/></c:dLbls>')
    yield from _series_data(index, series, chart)
    yield '<c:smooth val="0"/></c:ser>'


def _bar_series(index: int, series: Series, chart: Chart) -> Iterator[str]:
    yield _series_start(index, series)
    outline = f"<a:ln>{_solid(series.outline)}</a:ln>" if series.outline else ""
    yield f"<c:spPr>{_solid(series.colour)}{outline}</c:spPr>"
    if chart.value_labels:
        yield (f'<c:dLbls><c:numFmt formatCode="{_attribute(chart.value_labels)}"'
               ' sourceLinked="0"/><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>'
               f'<a:defRPr sz="{_size(chart.font_size)}">{_solid(series.label_colour or INK)}'
               "</a:defRPr></a:pPr></a:p></c:txPr>"
               f'<c:dLblPos val="outEnd"/>{_flags(value=True)}'
               '<c:showLeaderLines val="1"/></c:dLbls>')
    yield from _series_data(index, series, chart)
    yield "</c:ser>"


def _series_start(index: int, series: Series) -> str:
    column = _column(index)
    return (f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/><c:tx><c:strRef>'
            f"<c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val=\"1\"/>"
            f'<c:pt idx="0">{_value(series.name)}</c:pt></c:strCache></c:strRef></c:tx>')


def _series_data(index: int, series: Series, chart: Chart) -> Iterator[str]:
    """The series' categories and values, cached from the embedded workbook's cells."""
    count = len(chart.categories)
    yield (f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${count + 1}</c:f><c:strCache>"
           f'<c:ptCount val="{count}"/>')
    yield "".join(f'<c:pt idx="{i}">{_value(label)}</c:pt>'
                  for i, label in enumerate(chart.categories))
    column = _column(index)
    yield (f"</c:strCache></c:strRef></c:cat><c:val><c:numRef>"
           f"<c:f>Sheet1!${column}$2:${column}${len(series.values) + 1}</c:f><c:numCache>"
           f"{_value(chart.number_format, 'c:formatCode')}"
           f'<c:ptCount val="{len(series.values)}"/>')
    yield "".join(f'<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>'
                  for i, value in enumerate(series.values) if value is not None)
    yield "</c:numCache></c:numRef></c:val>"


def _labelled_point(series: Series) -> int:
    if series.label_point >= 0:
        return series.label_point
    return max((i for i, v in enumerate(series.values) if v is not None), default=0)


def _flags(*, value: bool) -> str:
    return "".join(f'<c:{flag} val="{int(value and flag == "showVal")}"/>' for flag in _FLAGS)


def _paragraphs(text: str, run: str) -> str:
    """``text`` as python-pptx's ``TextFrame.text`` writes it: a paragraph for each line, a line
    break for each vertical tab, and each run with ``run`` as its properties."""
    out = []
    for line in text.split("\n"):
        pieces = []
        for number, piece in enumerate(line.split("\v")):
            if number:
                pieces.append("<a:br/>")
            if piece:
                pieces.append(f"<a:r>{run}<a:t>{_run_text(piece)}</a:t></a:r>")
        out.append(f"<a:p>{''.join(pieces)}</a:p>" if pieces else "<a:p/>")
    return "".join(out)


def _column(index: int) -> str:
    """A series' column in the embedded workbook (B for the first)."""
    number, letters = index + 2, ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _size(points: float) -> int:
    """A font size in hundredths of a point, as python-pptx converts ``Pt(points)``."""
    return int(points * _EMU_PER_PT) // 127


def _solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{int(colour, 16):06X}"/></a:solidFill>'


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                            "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _value(text: str, tag: str = "c:v") -> str:
    """Text python-pptx's writer put in the chart XML before parsing it: the parser made each
    line end a line feed, and an empty element is written closed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return f"<{tag}>{text.translate(_TEXT)}</{tag}>" if text else f"<{tag}/>"


def _run_text(text: str) -> str:
    """A run's text as python-pptx sets it: control characters spelled out ("_x0007_")."""
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text).translate(_TEXT)


def _attribute(text: str) -> str:
    return text.translate(_ATTRIBUTE)
