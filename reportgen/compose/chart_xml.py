"""A chart part's XML (``ppt/charts/chartN.xml``) written as text, in the pieces a chart is made
of: series, their lines, markers and labels, the axes, title and legend.

python-pptx writes a chart from a template, parses it, and each styling call after that (a font
size, a series' line colour, a data label) makes proxy objects that search the tree with XPath
and insert each child in the schema's order: under the profiler, the largest single cost
of drawing the sample deck. These pieces are those elements as the template and the
calls left them, in the schema's order, serialised as python-pptx serialises a part, so a deck
is the same byte for byte (``tests/compose/test_chart_xml.py`` holds every kind of chart our
plans make to the proxy-styled one). Only what those charts use is written: a line chart with
markers and a clustered bar chart, of one level of text categories."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import Enum

from reportgen.compose.drawingml import EMU_PER_PT, attribute, font_size, runs, solid
from reportgen.frozen import frozen

_FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
          "showBubbleSize")


class Plot(Enum):
    """The kinds of plot written, each with the axis ids python-pptx's template gives it (the
    bar chart's made positive: the schema wants an unsignedInt, which a strict reader repairs
    the template's negative ones to)."""

    LINE = ("2118791784", "2140495176")
    BAR = ("2068027336", "2113994440")

    @property
    def category_axis_id(self) -> str:
        return self.value[0]

    @property
    def value_axis_id(self) -> str:
        return self.value[1]


@frozen
class Data:
    """One series' name and values over the chart's categories, and its place in the chart
    and the embedded workbook."""

    index: int
    name: str
    values: Sequence[float | None]
    categories: Sequence[str]
    number_format: str


def chart_space(plot: Plot, *, title: str, series: Iterable[str], category_axis: str,
                value_axis: str, legend: str, text: str, bar_gap: int = 0) -> bytes:
    """The whole part: ``title`` (empty for none), the series, axes and legend (each as written
    by the functions below) and the chart's text properties (:func:`text_properties`)."""
    cat, val = plot.category_axis_id, plot.value_axis_id
    head = ("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>"
            if plot is Plot.LINE else
            '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>')
    tail = (f'<c:marker val="1"/><c:smooth val="0"/><c:axId val="{cat}"/><c:axId val="{val}"/>'
            "</c:lineChart>" if plot is Plot.LINE else
            f'{_gap_width(bar_gap)}<c:axId val="{cat}"/><c:axId val="{val}"/>'
            "</c:barChart>")
    ending = ('<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/><c:showDLblsOverMax val="0"/>'
              if plot is Plot.LINE else '<c:dispBlanksAs val="gap"/>')
    text = "".join((
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<c:date1904 val="0"/><c:chart>',
        title, f'<c:autoTitleDeleted val="{0 if title else 1}"/><c:plotArea>', head, *series,
        tail, category_axis, value_axis, "</c:plotArea>", legend, ending, "</c:chart>",
        f"<c:txPr>{text}</c:txPr>",
        # the embedded workbook: the chart part's first and only relationship
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>',
    ))
    unwritable = _NOT_XML.search(text)
    if unwritable is not None:  # python-pptx's parser refused such a part; never write one
        raise ValueError(f"a chart's text holds {unwritable.group()!r}, which XML cannot hold")
    return text.encode("utf-8")


def _gap_width(gap: int) -> str:
    """The space between a bar chart's categories, in per cent of a bar, as python-pptx writes
    it: nothing for the schema's default, 150; outside 0 to 500 refused."""
    if not 0 <= gap <= 500:
        raise ValueError(f"a gap of {gap}% between bars is outside 0 to 500%")
    return "<c:gapWidth/>" if gap == 150 else f'<c:gapWidth val="{gap}"/>'


def title(text: str, run: str) -> str:
    """A title of ``text``, each of its runs with the properties ``run``."""
    return (f"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>{paragraphs(text, run)}"
            '</c:rich></c:tx><c:layout/><c:overlay val="0"/></c:title>')


def legend(position: str, plot: Plot, hidden: Sequence[int] = ()) -> str:
    """A legend at ``position`` ("b", "r", ...) outside the plot area (python-pptx's line
    template has one with a layout; a bar chart's is added without), leaving out the series
    ``hidden`` (by index)."""
    layout = "<c:layout/>" if plot is Plot.LINE else ""
    entries = "".join(f'<c:legendEntry><c:idx val="{index}"/><c:delete val="1"/></c:legendEntry>'
                      for index in hidden)
    # python-pptx leaves out the schema's default position, the right
    where = "<c:legendPos/>" if position == "r" else f'<c:legendPos val="{position}"/>'
    return f'<c:legend>{where}{entries}{layout}<c:overlay val="0"/></c:legend>'


def category_axis(plot: Plot, *, reverse: bool = False, size: float | None = None) -> str:
    """The category axis along the bottom (a line chart) or the left (a bar chart), its first
    category at the far end when ``reverse``, its labels ``size`` points when given."""
    orientation = "maxMin" if reverse else "minMax"
    position = "b" if plot is Plot.LINE else "l"
    labels = "" if size is None else f"<c:txPr>{text_properties(size, with_end=False)}</c:txPr>"
    return (f'<c:catAx><c:axId val="{plot.category_axis_id}"/><c:scaling>'
            f'<c:orientation val="{orientation}"/></c:scaling><c:delete val="0"/>'
            f'<c:axPos val="{position}"/><c:majorTickMark val="out"/>'
            f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{labels}'
            f'<c:crossAx val="{plot.value_axis_id}"/><c:crosses val="autoZero"/>'
            '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
            '<c:noMultiLvlLbl val="0"/></c:catAx>')


def value_axis(plot: Plot, *, scale: tuple[float, float], number_format: str,
               gridlines: str) -> str:
    """The value axis from ``scale``'s low to its high, its labels in ``number_format`` (not
    the cells'), with major gridlines of colour ``gridlines``."""
    low, high = scale
    position = "l" if plot is Plot.LINE else "b"
    return (f'<c:valAx><c:axId val="{plot.value_axis_id}"/><c:scaling>'
            f'<c:max val="{float(high)}"/><c:min val="{float(low)}"/></c:scaling>'
            f'<c:delete val="0"/><c:axPos val="{position}"/><c:majorGridlines><c:spPr>'
            f"<a:ln>{solid(gridlines)}</a:ln></c:spPr></c:majorGridlines>"
            f'<c:numFmt formatCode="{attribute(number_format)}" sourceLinked="0"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
            f'<c:tickLblPos val="nextTo"/><c:crossAx val="{plot.category_axis_id}"/>'
            '<c:crosses val="autoZero"/></c:valAx>')


def line_series(data: Data, *, line: str, marker: str, label: str) -> str:
    """A line chart's series: its ``line`` (:func:`line`), ``marker`` (:func:`marker`) and
    ``label`` on one point (:func:`point_label`, or empty)."""
    return (f"{_series_head(data)}<c:spPr>{line}</c:spPr>{marker}{label}{_series_data(data)}"
            '<c:smooth val="0"/></c:ser>')


def bar_series(data: Data, *, fill: str, outline: str, labels: str) -> str:
    """A bar chart's series: bars of ``fill`` (:func:`solid`), edged with ``outline`` (a
    :func:`line`, or empty), and ``labels`` on every bar (:func:`value_labels`, or empty)."""
    return (f"{_series_head(data)}<c:spPr>{fill}{outline}</c:spPr>{labels}{_series_data(data)}"
            "</c:ser>")


def line(fill: str, *, width: float | None = None, dash: str | None = None) -> str:
    """A line of ``fill`` (:func:`solid` or :data:`NO_FILL`), ``width`` points wide and dashed
    as ``dash`` (a preset's name) when given."""
    emu = 0 if width is None else int(width * EMU_PER_PT)
    if not 0 <= emu <= _MAX_LINE_EMU:
        raise ValueError(f"a line {width} pt wide is outside 0 to 1,584 points")
    width_xml = f' w="{emu}"' if emu else ""  # python-pptx writes none for a width of 0
    dash_xml = "" if dash is None else f'<a:prstDash val="{dash}"/>'
    return f"<a:ln{width_xml}>{fill}{dash_xml}</a:ln>"


NO_FILL = "<a:noFill/>"
NO_MARKER = '<c:marker><c:symbol val="none"/></c:marker>'


def marker(symbol: str, size: int, colour: str) -> str:
    if not _MARKER_SIZES[0] <= size <= _MARKER_SIZES[1]:
        raise ValueError(f"a marker of {size} points is outside 2 to 72 points")
    return (f'<c:marker><c:symbol val="{symbol}"/><c:size val="{size}"/>'
            f"<c:spPr>{solid(colour)}</c:spPr></c:marker>")


def point_label(point: int, text: str, position: str, run: str) -> str:
    """A label of ``text`` on one point, at ``position`` ("t", "b", "r") beside it, each run
    with the properties ``run``."""
    return (f'<c:dLbls><c:dLbl><c:idx val="{point}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/>'
            f"{paragraphs(text, run)}</c:rich></c:tx><c:dLblPos val=\"{position}\"/>"
            f'{_flags(value=True)}</c:dLbl>{_flags(value=False)}<c:showLeaderLines val="1"/>'
            "</c:dLbls>")


def value_labels(number_format: str, position: str, text: str) -> str:
    """Every point labelled with its value in ``number_format``, at ``position``, in the text
    properties ``text`` (:func:`text_properties`)."""
    return (f'<c:dLbls><c:numFmt formatCode="{attribute(number_format)}" sourceLinked="0"/>'
            f'<c:txPr>{text}</c:txPr><c:dLblPos val="{position}"/>{_flags(value=True)}'
            '<c:showLeaderLines val="1"/></c:dLbls>')


def text_properties(size: float, colour: str | None = None, *, with_end: bool = True) -> str:
    """Text ``size`` points high, in ``colour`` when given: the chart's own (``with_end``, as
    python-pptx's template has it) or those of an axis or labels."""
    run = (f'<a:defRPr sz="{font_size(size)}"/>' if colour is None else
           f'<a:defRPr sz="{font_size(size)}">{solid(colour)}</a:defRPr>')
    end = '<a:endParaRPr lang="en-US"/>' if with_end else ""
    return f"<a:bodyPr/><a:lstStyle/><a:p><a:pPr>{run}</a:pPr>{end}</a:p>"


def run_properties(*, size: float | None = None, bold: bool | None = None,
                   colour: str | None = None) -> str:
    """A run's properties; ``bold`` None leaves its weight unset (inherited)."""
    size_xml = "" if size is None else f' sz="{font_size(size)}"'
    bold_xml = "" if bold is None else f' b="{int(bold)}"'
    if colour is None:
        return f"<a:rPr{size_xml}{bold_xml}/>"
    return f"<a:rPr{size_xml}{bold_xml}>{solid(colour)}</a:rPr>"


def paragraphs(text: str, run: str) -> str:
    """``text`` as python-pptx's ``TextFrame.text`` writes it: a paragraph for each line, a line
    break for each vertical tab, and each run with the properties ``run``."""
    out = []
    for text_line in text.split("\n"):
        pieces = runs(text_line, run)
        out.append(f"<a:p>{pieces}</a:p>" if pieces else "<a:p/>")
    return "".join(out)


def _series_head(data: Data) -> str:
    return (f'<c:ser><c:idx val="{data.index}"/><c:order val="{data.index}"/><c:tx><c:strRef>'
            f'<c:f>Sheet1!${_column(data.index)}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0">{_value(data.name)}</c:pt></c:strCache></c:strRef></c:tx>')


def _series_data(data: Data) -> str:
    """The series' categories and values, cached from the embedded workbook's cells."""
    count, column = len(data.categories), _column(data.index)
    labels = "".join(f'<c:pt idx="{i}">{_value(label)}</c:pt>'
                     for i, label in enumerate(data.categories))
    values = "".join(f'<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>'
                     for i, value in enumerate(data.values) if value is not None)
    return (f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${count + 1}</c:f><c:strCache>"
            f'<c:ptCount val="{count}"/>{labels}</c:strCache></c:strRef></c:cat><c:val><c:numRef>'
            f"<c:f>Sheet1!${column}$2:${column}${len(data.values) + 1}</c:f><c:numCache>"
            f"{_value(data.number_format, 'c:formatCode')}"
            f'<c:ptCount val="{len(data.values)}"/>{values}</c:numCache></c:numRef></c:val>')


def _flags(*, value: bool) -> str:
    return "".join(f'<c:{flag} val="{int(value and flag == "showVal")}"/>' for flag in _FLAGS)


def _column(index: int) -> str:
    """A series' column in the embedded workbook (B for the first)."""
    number, letters = index + 2, ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 cannot hold (a control character, U+FFFE, half a surrogate pair)."""
_MARKER_SIZES = (2, 72)
_MAX_LINE_EMU = 20116800
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _value(text: str, tag: str = "c:v") -> str:
    """Text python-pptx's writer put in the chart XML before parsing it: the parser made each
    line end a line feed, and an empty element is written closed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return f"<{tag}>{text.translate(_TEXT)}</{tag}>" if text else f"<{tag}/>"
