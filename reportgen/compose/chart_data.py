"""A chart's data, checked before anything is drawn, and its embedded workbook.

A chart part's XML is written by :mod:`reportgen.compose.chart_xml`; the workbook PowerPoint's
"Edit Data" opens is written by :mod:`reportgen.compose.chart_workbook` (python-pptx's own
needs XlsxWriter: an import at every build, and a slower workbook a chart). Only what our charts
use is offered: one level of text categories and number series. Anything else is refused with
a ValueError rather than drawn wrong."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportgen.compose.chart_workbook import GENERAL, Column, check_number, xlsx_blob

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, which no chart part or workbook may contain."""


class ChartData:
    """Categories and series for a category chart, checked: a chart holds text categories and
    names, and a finite number or a gap for each category of each series."""

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
        self.categories = tuple(categories)
        self.series = tuple((name, tuple(values)) for name, values in series)

    @property
    def xlsx_blob(self) -> bytes:
        """The embedded workbook: categories in column A, each series in a column of its own."""
        return xlsx_blob(self.categories,
                         [Column(name, values, self.number_format) for name, values in self.series])


def _check_text(text: str, what: str) -> None:
    if not isinstance(text, str):
        raise ValueError(f"a chart's {what} must be text, not {text!r}")
    if _NOT_XML.search(text):
        raise ValueError(f"a chart's {what} holds a control character XML cannot hold: {text!r}")
