"""A chart's data as python-pptx's ``add_chart`` and ``insert_chart`` take it, without
``pptx.chart.data``: that module imports XlsxWriter to write each chart's embedded workbook
(20 ms of import at every build, then 2 to 5 ms a chart), which ours writes itself
(:mod:`reportgen.compose.chart_workbook`).

The chart part's XML is still python-pptx's own (``pptx.chart.xmlwriter``), given the same
answers ``CategoryChartData`` gives it, so the chart XML is byte for byte what python-pptx
writes. Only what our charts use is offered: one level of text categories and number series in
a line, bar or column chart. Anything else is refused with a ValueError rather than drawn
wrong."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.enum.chart import XL_CHART_TYPE

from reportgen.compose.chart_workbook import GENERAL, Column, check_number, column_letter, xlsx_blob
from reportgen.frozen import frozen

_KINDS = frozenset({
    XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.LINE_STACKED,
    XL_CHART_TYPE.LINE_MARKERS_STACKED, XL_CHART_TYPE.LINE_STACKED_100,
    XL_CHART_TYPE.LINE_MARKERS_STACKED_100, XL_CHART_TYPE.BAR_CLUSTERED,
    XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.BAR_STACKED_100, XL_CHART_TYPE.COLUMN_CLUSTERED,
    XL_CHART_TYPE.COLUMN_STACKED, XL_CHART_TYPE.COLUMN_STACKED_100})
"""The chart types whose XML asks only what this data answers (tested against python-pptx's
own data, each of them)."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, which no chart part or workbook may contain."""
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


@frozen
class Category:
    label: str


@frozen
class Categories:
    """One level of text categories: what ``pptx.chart.data.Categories`` tells the XML writer
    about them."""

    labels: tuple[str, ...]
    are_dates = False
    are_numeric = False
    depth = 1
    number_format = GENERAL

    def __iter__(self) -> Iterator[Category]:
        return (Category(label) for label in self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def leaf_count(self) -> int:
        return len(self.labels)

    @property
    def levels(self) -> Iterator[list[tuple[int, str]]]:
        yield list(enumerate(self.labels))

    @property
    def ref(self) -> str:
        return f"Sheet1!$A$2:$A${len(self.labels) + 1}"


@frozen
class SeriesData:
    """One series, with its cells' references in the embedded workbook."""

    index: int
    name: str
    values: tuple[float | None, ...]
    categories: Categories
    xml_number_format: str

    def __len__(self) -> int:
        return len(self.values)

    @property
    def number_format(self) -> str:
        # python-pptx writes the format into the chart XML as it is: escaped here, so that a
        # format with "<" (a condition such as [<1]) is still well-formed XML.
        return self.xml_number_format

    @property
    def _column(self) -> str:
        return column_letter(2 + self.index)

    @property
    def name_ref(self) -> str:
        return f"Sheet1!${self._column}$1"

    @property
    def values_ref(self) -> str:
        return f"Sheet1!${self._column}$2:${self._column}${len(self.values) + 1}"

    @property
    def categories_ref(self) -> str:
        return self.categories.ref


class ChartData:
    """Categories and series for a category chart: python-pptx's ``ChartPart.new`` asks it for
    the chart XML (:meth:`xml_bytes`) and the embedded workbook (:attr:`xlsx_blob`)."""

    def __init__(self, categories: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float | None]]],
                 number_format: str = GENERAL) -> None:
        if not categories:
            raise ValueError("a chart needs at least one category")
        for label in categories:
            _check_text(label, "category")
        for name, values in series:
            _check_text(name, "series name")
            if len(values) != len(categories):
                raise ValueError(f"series {name!r} has {len(values)} values for "
                                 f"{len(categories)} categories")
            for value in values:
                check_number(value)
        _check_text(number_format, "number format")
        self.number_format = number_format
        self.categories = Categories(tuple(categories))
        xml_format = number_format.translate(_MARKUP)
        self._series = tuple(SeriesData(i, name, tuple(values), self.categories, xml_format)
                             for i, (name, values) in enumerate(series))

    def __iter__(self) -> Iterator[SeriesData]:
        return iter(self._series)

    def __len__(self) -> int:
        return len(self._series)

    def __getitem__(self, index: int) -> SeriesData:
        return self._series[index]

    def xml_bytes(self, chart_type: Any) -> bytes:
        if chart_type not in _KINDS:
            raise ValueError(f"chart type {chart_type} is not drawn from this chart data "
                             "(a line, bar or column chart is)")
        text: str = ChartXmlWriter(chart_type, self).xml
        return text.encode("utf-8")

    @property
    def xlsx_blob(self) -> bytes:
        return xlsx_blob(self.categories.labels,
                         [Column(s.name, s.values, self.number_format) for s in self._series])


def _check_text(text: str, what: str) -> None:
    if not isinstance(text, str):
        raise ValueError(f"a chart's {what} must be text, not {text!r}")
    if _NOT_XML.search(text):
        raise ValueError(f"a chart's {what} holds a control character XML cannot hold: {text!r}")
