from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from reportgen.compose import compose_deck
from reportgen.indicators import Assessment, assess_all
from reportgen.ingest import read_report
from reportgen.model import Report


def build(path: Path) -> tuple[Any, Report, tuple[Assessment, ...]]:
    """Compose the deck for a workbook and read it back with python-pptx."""
    report = read_report(path)
    assessments = assess_all(report.kpis.indicators)
    deck = compose_deck(report, assessments)
    return Presentation(BytesIO(deck.data)), report, assessments


@pytest.fixture(scope="session")
def sample_deck() -> tuple[Any, Report, tuple[Assessment, ...]]:
    return build(Path(__file__).resolve().parents[2] / "inputs" / "sample-2019-03.xlsx")


def title_of(slide: Any) -> str:
    return str(slide.shapes.title.text_frame.text)


def tables(slide: Any) -> list[Any]:
    return [shape.table for shape in slide.shapes if shape.has_table]


def table_rows(prs: Any) -> list[list[str]]:
    """Every table row of the deck as cell texts, header rows included."""
    return [[cell.text_frame.text for cell in row.cells]
            for slide in prs.slides for table in tables(slide) for row in table.rows]
