"""The texts in a chart's workbook (its categories and series names) are shared strings that
ISO 29500's schema accepts: a ``<t>`` has no attributes (the schema gives it none), and a
spreadsheet reader (openpyxl here) reads the same strings as before. LibreOffice Impress draws a
chart from the values cached in its chart part and never opens this workbook; Excel opens it
when "Edit Data" is chosen."""

from __future__ import annotations

import zipfile
from io import BytesIO

import openpyxl
from lxml import etree

from reportgen.compose.chart_data import ChartData
from tests.compose.reading import Deck

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CATEGORIES = ("Sep 18", "<5 & over", 'the "big" one', "Café", "two  spaces inside")
SERIES = [("Rate < 5% & rising", [1.5, 2.0, -0.25, 4.0, 5.0]), ("Min 90.0%", [90.0] * 5)]


def shared_strings(blob: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(BytesIO(blob)) as package:
        root = etree.fromstring(package.read("xl/sharedStrings.xml"))
    return list(root.iter(f"{MAIN}t"))


def chart_workbooks(deck: Deck) -> list[bytes]:
    return [part.blob for slide in deck.prs.slides for shape in slide.shapes if shape.has_chart
            for part in [shape.chart.part.chart_workbook.xlsx_part] if part is not None]


def test_shared_strings_carry_no_attribute_the_schema_forbids() -> None:
    texts = shared_strings(ChartData(CATEGORIES, SERIES, "General").xlsx_blob)
    assert sorted(t.text or "" for t in texts) == sorted([*CATEGORIES,
                                                         *(name for name, _ in SERIES)])
    assert [dict(t.attrib) for t in texts] == [{}] * len(texts)


def test_a_string_with_outer_spaces_keeps_them_for_excel() -> None:
    """The one case Excel needs xml:space for (it trims outer spaces without it); no chart a
    plan makes has such a name."""
    texts = {t.text: t for t in shared_strings(
        ChartData((" padded ",), [("a", [1.0])], "General").xlsx_blob)}
    assert texts[" padded "].get(SPACE) == "preserve"
    assert texts["a"].attrib == {}


def test_every_chart_workbook_of_every_deck_is_schema_clean(any_deck: Deck) -> None:
    for blob in chart_workbooks(any_deck):
        assert all(t.attrib == {} for t in shared_strings(blob))


def test_a_spreadsheet_reads_every_string_as_written() -> None:
    book = openpyxl.load_workbook(BytesIO(ChartData(CATEGORIES, SERIES, "General").xlsx_blob))
    rows = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert rows[0][1:] == [name for name, _ in SERIES]
    assert [row[0] for row in rows[1:]] == list(CATEGORIES)
