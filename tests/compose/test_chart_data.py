"""A chart's data is checked before anything is drawn, and its embedded workbook, written
without XlsxWriter, holds the chart's cells where the chart's references point: the cells
python-pptx's own workbook holds, and the figures the chart part shows."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Sequence
from io import BytesIO
from typing import Any

import openpyxl
import pytest
from lxml import etree
from pptx.chart.data import CategoryChartData

from reportgen.compose.chart_data import ChartData
from reportgen.compose.chart_workbook import column_letter
from reportgen.compose.native_charts import chart_part
from reportgen.plan.layout import Box
from reportgen.plan.slides import Chart, Series
from tests.compose.reading import Deck
from tests.ooxml import audit_problems

Values = Sequence[float | None]

MONTHS = ("Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19")
CASES: dict[str, tuple[tuple[str, ...], list[tuple[str, Values]], str]] = {
    "a line of counts": (MONTHS, [("Children in need", [981, 997, 999, 1097, 1084, 1020.0])],
                         "#,##0"),
    "missing months": (MONTHS, [("3.1 monthly", [None, 85.1, None, 83.3, 86.5, None]),
                                ("Min 90.0%", [90.0] * 6), ("Upper 95.0%", [95.0] * 6)],
                       '0"%"'),
    "fractions in per cent": (("Us", "England", "Statistical neighbours"),
                              [("Rate", [0.123, 0.2, 1 / 3]), ("Last year", [0.1, None, 0.25])],
                              "0.0%"),
    "one decimal": (("A",), [("Mean 60.3%", [60.284615384615385])], "0.0"),
    "names that need escaping": (("<5 & over", 'the "big" one', "Café"),
                                 [("Rate < 5% & rising", [1.5, 2.0, -0.25])], "General"),
    "no series": (MONTHS, [], "General"),
}
def pptx_data(categories: Sequence[str], series: Sequence[tuple[str, Values]],
              number_format: str) -> Any:
    data = CategoryChartData(number_format=number_format)
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    return data


def sheet_of(blob: bytes) -> Any:
    return openpyxl.load_workbook(BytesIO(blob)).active


def test_the_workbook_holds_the_charts_cells() -> None:
    categories, series, number_format = CASES["missing months"]
    sheet = sheet_of(ChartData(categories, series, number_format).xlsx_blob)
    assert sheet.title == "Sheet1"
    assert [cell.value for cell in sheet["A"]] == [None, *categories]
    assert [cell.value for cell in sheet[1]] == [None, "3.1 monthly", "Min 90.0%",
                                                  "Upper 95.0%"]
    for column, (_name, values) in zip("BCD", series, strict=True):
        cells = sheet[column][1:]
        assert [cell.value for cell in cells] == list(values)
        assert {cell.number_format for cell in cells} == {number_format}
    assert sheet.max_row == 7 and sheet.max_column == 4
    assert sheet.column_dimensions["A"].width == pytest.approx(10.71, abs=0.01)


def test_the_workbook_is_python_pptxs_but_for_the_last_digit() -> None:
    """Cell for cell what python-pptx's XlsxWriter workbook holds; XlsxWriter writes 16
    significant digits, we write a float's shortest exact text, as the chart's cache does."""
    for categories, series, number_format in CASES.values():
        ours = sheet_of(ChartData(categories, series, number_format).xlsx_blob)
        theirs = sheet_of(pptx_data(categories, series, number_format).xlsx_blob)
        assert (ours.max_row, ours.max_column) == (theirs.max_row, theirs.max_column)
        for mine, their in zip(ours.iter_rows(), theirs.iter_rows(), strict=True):
            for a, b in zip(mine, their, strict=True):
                if isinstance(a.value, float) and isinstance(b.value, int | float):
                    assert math.isclose(a.value, b.value, rel_tol=1e-15)
                else:
                    assert a.value == b.value
                assert a.number_format == b.number_format


def test_each_figure_is_the_charts_own_to_the_last_digit() -> None:
    data = ChartData(("A", "B"), [("x", [1 / 3, 2e-17]), ("y", [12345678.9, 10.0])])
    sheet = sheet_of(data.xlsx_blob)
    assert [sheet["B2"].value, sheet["B3"].value, sheet["C2"].value, sheet["C3"].value] == [
        1 / 3, 2e-17, 12345678.9, 10.0]
    chart = Chart(("A", "B"), (Series("x", (1 / 3, 2e-17), "1F3864", 1.0),
                               Series("y", (12345678.9, 10.0), "1F3864", 1.0)),
                  (0.0, 1.0), "General", "figures", Box(0.0, 0.0, 100.0, 100.0))
    cache = etree.fromstring(chart_part(chart))
    assert cache.xpath("//c:val//c:v/text()", namespaces={"c": cache.nsmap["c"]}) == [
        repr(1 / 3), "2e-17", "12345678.9", "10.0"]


def test_the_workbook_is_a_valid_package() -> None:
    for case in ("missing months", "names that need escaping", "no series"):
        blob = ChartData(*CASES[case]).xlsx_blob
        assert audit_problems(blob, "chart.xlsx") == [], case
        names = zipfile.ZipFile(BytesIO(blob)).namelist()
        assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                "xl/styles.xml"} <= set(names)


def test_the_same_data_is_the_same_bytes() -> None:
    categories, series, number_format = CASES["missing months"]
    assert (ChartData(categories, series, number_format).xlsx_blob
            == ChartData(categories, series, number_format).xlsx_blob)


def test_number_formats_are_kept_apart_and_general_needs_none() -> None:
    sheet = sheet_of(ChartData(("A",), [("x", [1.0])], "General").xlsx_blob)
    assert sheet["B2"].number_format == "General"
    sheet = sheet_of(ChartData(("A",), [("x", [1.0]), ("y", [2.0])], '[<1]0.0;"&"0').xlsx_blob)
    assert sheet["B2"].number_format == sheet["C2"].number_format == '[<1]0.0;"&"0'


def test_many_series_get_excel_column_names() -> None:
    assert [column_letter(n) for n in (1, 2, 26, 27, 52, 53, 702, 703, 16384)] == [
        "A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]
    series = [(f"s{i}", [float(i)]) for i in range(30)]
    data = ChartData(("A",), series)
    assert sheet_of(data.xlsx_blob)["AE2"].value == 29.0
    with pytest.raises(ValueError, match="16,384"):
        column_letter(16385)


@pytest.mark.parametrize(("categories", "series", "message"), [
    ((), [("x", [])], "at least one category"),
    ((1, 2), [("x", [1.0, 2.0])], "must be text"),
    (("A", "B"), [("x", [1.0])], "1 values for 2 categories"),
    (("A",), [("x", [math.nan])], "finite number"),
    (("A",), [("x", [math.inf])], "finite number"),
    (("A",), [("x", ["1"])], "finite number"),
    (("A",), [("x", [True])], "finite number"),
    (("A\x01",), [("x", [1.0])], "control character"),
    (("A",), [(None, [1.0])], "must be text"),
], ids=["no categories", "number categories", "short series", "nan", "infinity", "text value",
        "boolean", "control character", "no name"])
def test_what_our_charts_never_hold_is_refused(categories: Any, series: Any,
                                               message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ChartData(categories, series)


def test_each_chart_of_the_sample_deck_edits_what_it_shows(sample_deck: Deck) -> None:
    """Each chart's workbook holds, where the chart's references point, what the chart's
    cache shows: PowerPoint's "Edit Data" opens the chart's own figures."""
    charts = [shape.chart for slide in sample_deck.prs.slides for shape in slide.shapes
              if shape.has_chart]
    assert len(charts) == 8
    for chart in charts:
        sheet = sheet_of(chart.part.chart_workbook.xlsx_part.blob)
        categories = list(chart.plots[0].categories)
        assert [sheet.cell(row, 1).value for row in range(2, len(categories) + 2)] == categories
        for index, series in enumerate(chart.series):
            column = index + 2
            assert sheet.cell(1, column).value == series.name
            shown = [sheet.cell(row, column).value for row in range(2, len(categories) + 2)]
            assert shown == list(series.values)
