"""Workbooks that more than one test file builds decks from: the sample's next month, a large
table, a month with more reds than the deck gives slides to.

Each function returns a ``WorkbookSpec`` (``reportgen.ingest.writer``); the ``write`` fixture or
``write_workbook`` turns it into a real .xlsx file. Nothing here draws a slide: the plan tests
may use it without python-pptx.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from reportgen.ingest.writer import (
    Deck,
    Narrative,
    Row,
    Section,
    Table,
    Value,
    WorkbookSpec,
    count,
    pct,
)
from reportgen.model import Paragraph, Presenter, TextRun
from scripts import make_sample
from scripts.make_sample import DECK, NARRATIVES, SECTIONS

MONTHS = make_sample.MONTHS
"""The sample's month columns, Sep 18 to Feb 19."""

MARCH = ["Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19", "Mar 19"]
"""The month columns of the workbook after the sample's."""

MEETING = date(2019, 4, 9)
"""The April meeting, given as a date cell: the deck writes it "9 April 2019"."""


def shifted(row: Row, new_last: Value) -> Row:
    """The row a month later: drop the oldest month, add one."""
    return replace(row, current=new_last, months=[*row.months[1:], new_last])


def march_spec() -> WorkbookSpec:
    """The sample a month on: March figures, 1.4 dropped, an Early Help section added, a
    narrative sheet before the table, and a meeting date in a date cell."""
    sections = []
    for section in SECTIONS:
        rows = [shifted(r, r.months[-1]) for r in section.rows if r.ref != "1.4"]
        sections.append(Section(section.title, rows))
    sections.append(Section("Early Help", [
        Row("7.1", "% of early help assessments completed within 35 days", None, count(120),
            count(150), pct(0.8), "YTD", [pct(v) for v in (0.7, 0.72, 0.75, 0.77, 0.79, 0.8)],
            pct(0.85, 0), pct(0.9, 0)),
    ]))
    narrative = Narrative("Progress", "Improvement Progress in March", [
        Paragraph((TextRun("Ofsted monitoring visit completed", bold=True),)),
        Paragraph((TextRun("Letter published 2"), TextRun("nd", superscript=True),
                   TextRun(" April"))),
    ])
    return WorkbookSpec(
        Deck("Children's Services Improvement: April 2019 Update", MEETING,
             [Presenter("Debbie Jones", "Corporate Director")]),
        [narrative, Table(months=MARCH, sections=sections), NARRATIVES["Challenges"]])


def big_spec(indicators: int = 150, per_section: int = 10) -> WorkbookSpec:
    """A table of ``indicators`` percentage rows (none red), a third of them with measure names
    long enough to wrap over two or three lines."""
    sections = []
    for s in range(indicators // per_section):
        rows = []
        for i in range(per_section):
            n = s * per_section + i
            measure = "% of children seen within timescale" + (
                " where the plan was reviewed and the family was visited at home" * (n % 3))
            rows.append(Row(f"{s + 1}.{i + 1}", measure, pct(0.9), count(90 + n), count(100),
                            pct((90 + n % 10) / 100), "Snapshot",
                            [pct(0.8 + (n % 7) / 100)] * 6, pct(0.85, 0), pct(0.95, 0)))
        sections.append(Section(f"Section {s + 1}", rows))
    return WorkbookSpec(DECK, [Table(months=MARCH, sections=sections)])


def sample_table(**changes: Any) -> Table:
    """The sample's KPI table, with some of its fields changed."""
    return replace(Table(months=MONTHS, sections=list(SECTIONS)), **changes)


def red_row(ref: str = "9.1", measure: str = "% of plans reviewed on time",
            months: list[Any] | None = None, current: float = 0.8,
            commentary: str = "") -> Row:
    """A red percentage (Min 90%, Upper 95%), ``current`` of 1,000 cases."""
    return Row(ref, measure, pct(0.8), count(round(current * 1000)), count(1000), pct(current),
               "Snapshot", months if months is not None else [pct(current)] * 6, pct(0.9, 0),
               pct(0.95, 0), commentary)


REDS_COMMENTARY = "Recovery plan agreed with the service manager in March."


def reds_spec(reds: int = 20) -> WorkbookSpec:
    """``reds`` red indicators, not in order of shortfall in the workbook (Current 70.0% to
    89.5%, shuffled), the first with commentary; a narrative sheet before the KPI sheet and one
    after it."""
    rows = []
    for i in range(reds):
        current = 0.70 + ((i * 7) % reds) * (0.195 / max(1, reds - 1))
        current = round(current, 3)
        months = [pct(round(current - 0.01 * (5 - m), 3)) for m in range(6)]
        rows.append(red_row(f"R{i + 1}", f"% of cases in measure {i + 1} done on time",
                            months, current, REDS_COMMENTARY if i == 0 else ""))
    sheets: list[Table | Narrative] = [
        NARRATIVES["Improvement Progress"],
        Table(months=MONTHS, sections=[Section("Plans", rows)], commentary=True),
        NARRATIVES["Challenges"]]
    return WorkbookSpec(DECK, sheets)


def made(folder: Path) -> list[str]:
    """What is in ``folder``, sorted, leaving out the history store a build keeps beside its
    decks (``outputs/history.sqlite``, relative to the working folder): the file tests look for
    is the deck, and the store has tests of its own."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name != "outputs" or any(q.name != "history.sqlite"
                                                for q in p.iterdir()))


def decks(folder: Path) -> list[Path]:
    """The decks in ``folder``."""
    return sorted(p for p in folder.iterdir() if p.suffix == ".pptx")
