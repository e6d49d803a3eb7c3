"""Edges of councils' scorecards that the published-style workbooks do not reach."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from reportgen.findings import check_document, json_safe
from reportgen.indicators import Rag, RagModel, assess
from reportgen.ingest import read_report

HEADER = ["Ref", "Indicator", "Good is", "Jan 24", "Feb 24", "Target"]


def _table(ws: openpyxl.worksheet.worksheet.Worksheet, top: int, title: str, prefix: str,
           rows: int) -> None:
    ws.cell(top, 1, title)
    for col, label in enumerate(HEADER, start=1):
        ws.cell(top + 1, col, label)
    for i in range(rows):
        values = [f"{prefix}{i}", f"Number of visits {i}", "High", 10 + i, 12 + i, 11]
        for col, value in enumerate(values, start=1):
            ws.cell(top + 2 + i, col, value)


def test_a_scorecard_stacked_far_below_another_is_its_own_table(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Scorecards"
    _table(ws, 1, "Social work scorecard", "S", 90)
    _table(ws, 96, "Early help scorecard", "E", 3)
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    report = read_report(path)
    assert [t.title for t in report.tables] == ["Social work scorecard", "Early help scorecard"]
    assert [len(t.indicators) for t in report.tables] == [90, 3]


def test_an_amber_band_typed_bare_beside_a_percentage_target(tmp_path: Path) -> None:
    """Amber "75-80" beside a Target of 80% (0.8 in a % format): amber begins at 75."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "KPIs"
    for col, label in enumerate(["Ref", "Indicator", "Good is", "Jan 24", "Feb 24", "Red",
                                 "Amber", "Target"], start=1):
        ws.cell(1, col, label)
    for col, value in enumerate(["A1", "% seen on time", "High", 0.74, 0.76, None, "75-80",
                                 0.8], start=1):
        cell = ws.cell(2, col, value)
        if isinstance(value, float):
            cell.number_format = "0.0%"
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    assessment = assess(read_report(path).kpis.indicators[0])
    assert (assessment.rag_model, assessment.rag) == (RagModel.THRESHOLDS, Rag.AMBER)
    assert assessment.bounds is not None and assessment.bounds.minimum == 75


def test_a_benchmark_target_is_reported_as_the_figure_it_was_rated_against(
        tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "KPIs"
    for col, label in enumerate(["Ref", "Indicator", "Good is", "Jan 24", "Feb 24", "Target",
                                 "SN average"], start=1):
        ws.cell(1, col, label)
    for col, value in enumerate(["B1", "Number of visits", "High", 50, 56,
                                 "Above Stat Neighbour Average", 54.8], start=1):
        ws.cell(2, col, value)
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    report = read_report(path)
    assessments = tuple(assess(i) for i in report.indicators)
    document = check_document(report, assessments)
    assert document["indicators"][0]["target"] == 54.8
    assert document["indicators"][0]["rag"] == "green"
    assert json_safe(document) == document  # no figure that JSON cannot hold
