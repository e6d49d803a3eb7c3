"""Workbooks in the sample's layout, for the ingestion tests: one row, one table, one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.ingest import read_report
from reportgen.ingest.writer import (
    Deck,
    Narrative,
    Row,
    Section,
    Table,
    WorkbookSpec,
    count,
    pct,
)
from reportgen.model import Indicator, Paragraph, Report, TextRun

MONTHS = ["Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19"]


def visits(ref: str = "3.3a", current: float = 0.873) -> Row:
    """The seed's 3.3a: a percentage stored as Excel stores it (fractions, % formats).
    Columns: A Ref, B measure, C 2017/18, D Num, E Denom, F Current, G Period, H..M months,
    N Min, O Upper, P Trend; the row is 8."""
    return Row(ref, "% of CIN children visited within the past four weeks", pct(0.837), count(890),
               count(1020), pct(current), "Snapshot",
               [pct(v) for v in (0.715, 0.807, 0.815, 0.785, 0.865, 0.873)], pct(0.9, 0),
               pct(0.95, 0))


def cohort(ref: str = "1.4") -> Row:
    return Row(ref, "Number of LAC", count(290), "n/a", "n/a", count(335), "Snapshot",
               [count(v) for v in (311, 322, 353, 335, 338, 335)])


def spec(table: Table, deck: Deck | None = None) -> WorkbookSpec:
    note = Narrative("Notes", "Challenges", [Paragraph((TextRun("Pace"),))])
    return WorkbookSpec(deck or Deck("Update"), [table, note])


def table(**kwargs: object) -> Table:
    default = [Section("Visits", [visits()]), Section("Cohorts", [cohort()])]
    sections = kwargs.pop("sections", default)
    return Table(months=kwargs.pop("months", MONTHS), sections=sections, **kwargs)  # type: ignore[arg-type]


def one_row(row: Row, **kwargs: object) -> WorkbookSpec:
    """A workbook whose KPI table holds ``row`` alone, at row 8."""
    return spec(table(sections=[Section("S", [row])], **kwargs))


def indicator_of(path: Path) -> Indicator:
    return read_report(path).kpis.indicators[0]


def report_of(path: Path) -> Report:
    return read_report(path)


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_report(path)
    return str(caught.value)
