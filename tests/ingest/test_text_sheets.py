from __future__ import annotations

from datetime import date

import openpyxl

from reportgen.ingest import read_report
from reportgen.ingest.writer import Deck, SheetNarrative, SheetSection, SheetTable, WorkbookSpec
from reportgen.model import Paragraph, Presenter, TextRun
from tests.conftest import Write
from tests.ingest.builders import MONTHS, texts, visits

TABLE = SheetTable(months=MONTHS, sections=[SheetSection("Visits", [visits()])])


def test_deck_sheet(write: Write) -> None:
    deck = Deck("March Update", date(2019, 3, 13),
                [Presenter("Debbie Jones", "Corporate Director, Children and Culture"),
                 Presenter("Richard Baldwin", "Divisional Director")])
    info = read_report(write(WorkbookSpec(deck, [TABLE]))).deck
    assert info.title == "March Update"
    assert (info.meeting_date, info.date_text) == (date(2019, 3, 13), "13 March 2019")
    assert [p.name for p in info.presenters] == ["Debbie Jones", "Richard Baldwin"]
    assert info.presenters[0].role == "Corporate Director, Children and Culture"


def test_rich_text_and_levels_round_trip(write: Write) -> None:
    paragraphs = [
        Paragraph((TextRun("19"), TextRun("th", superscript=True), TextRun(" March – visit"))),
        Paragraph((TextRun("Pace", bold=True), TextRun(" – keeping a "),
                   TextRun("relentless", italic=True), TextRun(" pace."))),
        Paragraph((TextRun("Healthy families"),), level=1),
        Paragraph((TextRun("H"), TextRun("2", subscript=True), TextRun("O"))),
    ]
    path = write(WorkbookSpec(Deck("x"), [SheetNarrative("Next", "The next few months", paragraphs),
                                          TABLE]))
    narrative = read_report(path).outline[0]
    assert narrative.title == "The next few months"
    assert narrative.paragraphs == tuple(paragraphs)  # type: ignore[union-attr]


def test_whole_cell_bold_and_blank_rows(write: Write) -> None:
    path = write(WorkbookSpec(Deck("x"), [SheetNarrative("N", "Title", []), TABLE]))
    wb = openpyxl.load_workbook(path)
    ws = wb["N"]
    ws["A2"] = "  First  "
    ws["A2"].font = openpyxl.styles.Font(bold=True)
    ws["B5"] = "Sub"
    wb.save(path)
    narrative = read_report(path).outline[0]
    assert narrative.paragraphs == (  # type: ignore[union-attr]
        Paragraph((TextRun("First", bold=True),)), Paragraph((TextRun("Sub"),), level=1))


def test_missing_deck_sheet_is_a_warning(write: Write) -> None:
    report = read_report(write(WorkbookSpec(None, [TABLE])))
    assert report.deck.title == "KPI update: February 2019"
    assert any("no Deck sheet" in w for w in texts(report.warnings))
