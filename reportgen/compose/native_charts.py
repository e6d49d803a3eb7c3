"""Planned charts drawn as native, editable PowerPoint charts (a chart part with its embedded
workbook), so the board's analysts can restyle them or edit their data in PowerPoint.

What a chart looks like is written into its part's XML in one go
(:mod:`reportgen.compose.chart_xml`); its data go into the embedded workbook
(:mod:`reportgen.compose.chart_data`), which refuses text or numbers a chart cannot hold before
anything is added to the deck."""

from __future__ import annotations

from typing import Any

from reportgen.compose._oxml import add_chart, emu
from reportgen.compose.chart_data import ChartData
from reportgen.compose.chart_xml import chart_xml
from reportgen.plan.slides import Chart


def draw_chart(slide: Any, placeholder: Any | None, chart: Chart) -> None:
    """The chart in place of ``placeholder``, at its planned box, or, for a second chart on a
    slide, in a frame of its own."""
    data = ChartData(chart.categories, [(s.name, s.values) for s in chart.series],
                     chart.number_format)
    box = chart.box
    add_chart(slide, placeholder, (emu(box.left), emu(box.top), emu(box.width), emu(box.height)),
              chart_xml(chart), data.xlsx_blob, chart.alt_text)
