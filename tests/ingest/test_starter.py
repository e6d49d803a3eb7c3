"""The starter workbook of ``reportgen init``: every column in place, examples that build, and
instructions that never become a slide."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from reportgen.errors import OutputError
from reportgen.ingest import INSTRUCTIONS, read_report
from reportgen.ingest.starter import write_starter
from reportgen.ingest.writer import SheetNarrative, WorkbookSpec
from reportgen.model import Narrative as NarrativePart
from reportgen.model import Paragraph, Polarity, TextRun, Unit
from tests.conftest import Write
from tests.ingest.builders import spec, table

TODAY = date(2019, 4, 2)


def starter(tmp_path: Path) -> Path:
    path = tmp_path / "starter.xlsx"
    write_starter(path, today=TODAY)
    return path


def test_starter_has_every_column_and_reads_back(tmp_path: Path) -> None:
    path = starter(tmp_path)
    report = read_report(path)
    kpis = report.kpis
    assert [m.short for m in kpis.months] == ["Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19",
                                              "Mar 19"]
    assert kpis.previous_year_label == "2017/18"
    rows = kpis.indicators
    assert [(i.ref, i.unit, i.polarity) for i in rows] == [
        ("1.1", Unit.PERCENT, Polarity.HIGHER), ("1.2", Unit.PERCENT, Polarity.LOWER),
        ("1.3", Unit.COUNT, None)]
    assert all(i.measure.startswith("EXAMPLE (replace this row)") for i in rows)
    assert rows[1].commentary.startswith("EXAMPLE")
    assert report.warnings == ()
    labels = {cell.value for row in openpyxl.load_workbook(path)["KPIs"].iter_rows()
              for cell in row}
    assert {"Ref", "Performance Measure", "Num", "Denom", "Current", "Period", "Min", "Upper",
            "Trend", "Polarity", "Commentary"} <= labels


def test_instructions_are_beside_the_deck_sheet_and_never_a_slide(tmp_path: Path) -> None:
    path = starter(tmp_path)
    assert openpyxl.load_workbook(path).sheetnames[:2] == ["Deck", INSTRUCTIONS]
    titles = [part.title for part in read_report(path).outline
              if isinstance(part, NarrativePart)]
    assert "How to fill in this workbook" not in titles
    assert titles[0] == "Improvement Progress"


@pytest.mark.parametrize("name", ["Instructions", " instructions "])
def test_a_sheet_named_instructions_is_skipped(write: Write, name: str) -> None:
    notes = SheetNarrative(name, "Read me first", [Paragraph((TextRun("Type 97.8%"),))])
    path = write(WorkbookSpec(spec(table()).deck, [notes, *spec(table()).sheets]))
    parts = read_report(path).outline
    assert all(getattr(part, "title", "") != "Read me first" for part in parts)


def test_starter_will_not_overwrite(tmp_path: Path) -> None:
    path = starter(tmp_path)
    with pytest.raises(OutputError, match="already exists"):
        write_starter(path, today=TODAY)
