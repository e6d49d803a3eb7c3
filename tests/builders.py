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
    SheetNarrative,
    SheetRow,
    SheetSection,
    SheetTable,
    Value,
    WorkbookSpec,
    count,
    pct,
)
from reportgen.model import Month, Paragraph, Presenter, TextRun
from scripts import make_sample
from scripts.make_sample import DECK, NARRATIVES, SECTIONS

MONTHS = make_sample.MONTHS
"""The sample's month columns, Sep 18 to Feb 19."""

MARCH = ["Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19", "Mar 19"]
"""The month columns of the workbook after the sample's."""

MEETING = date(2019, 4, 9)
"""The April meeting, given as a date cell: the deck writes it "9 April 2019"."""


def shifted(row: SheetRow, new_last: Value) -> SheetRow:
    """The row a month later: drop the oldest month, add one."""
    return replace(row, current=new_last, months=[*row.months[1:], new_last])


def march_spec() -> WorkbookSpec:
    """The sample a month on: March figures, 1.4 dropped, an Early Help section added, a
    narrative sheet before the table, and a meeting date in a date cell."""
    sections = []
    for section in SECTIONS:
        rows = [shifted(r, r.months[-1]) for r in section.rows if r.ref != "1.4"]
        sections.append(SheetSection(section.title, rows))
    sections.append(SheetSection("Early Help", [
        SheetRow("7.1", "% of early help assessments completed within 35 days", None, count(120),
                 count(150), pct(0.8), "YTD", [pct(v) for v in (0.7, 0.72, 0.75, 0.77, 0.79, 0.8)],
                 pct(0.85, 0), pct(0.9, 0)),
    ]))
    narrative = SheetNarrative("Progress", "Improvement Progress in March", [
        Paragraph((TextRun("Ofsted monitoring visit completed", bold=True),)),
        Paragraph((TextRun("Letter published 2"), TextRun("nd", superscript=True),
                   TextRun(" April"))),
    ])
    return WorkbookSpec(
        Deck("Children's Services Improvement: April 2019 Update", MEETING,
             [Presenter("Debbie Jones", "Corporate Director")]),
        [narrative, SheetTable(months=MARCH, sections=sections), NARRATIVES["Challenges"]])


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
            rows.append(SheetRow(f"{s + 1}.{i + 1}", measure, pct(0.9), count(90 + n), count(100),
                                 pct((90 + n % 10) / 100), "Snapshot",
                                 [pct(0.8 + (n % 7) / 100)] * 6, pct(0.85, 0), pct(0.95, 0)))
        sections.append(SheetSection(f"Section {s + 1}", rows))
    return WorkbookSpec(DECK, [SheetTable(months=MARCH, sections=sections)])


def sample_table(**changes: Any) -> SheetTable:
    """The sample's KPI table, with some of its fields changed."""
    return replace(SheetTable(months=MONTHS, sections=list(SECTIONS)), **changes)


def red_row(ref: str = "9.1", measure: str = "% of plans reviewed on time",
            months: list[Any] | None = None, current: float = 0.8,
            commentary: str = "") -> SheetRow:
    """A red percentage (Min 90%, Upper 95%), ``current`` of 1,000 cases."""
    return SheetRow(ref, measure, pct(0.8), count(round(current * 1000)), count(1000), pct(current),
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
    sheets: list[SheetTable | SheetNarrative] = [
        NARRATIVES["Improvement Progress"],
        SheetTable(months=MONTHS, sections=[SheetSection("Plans", rows)], commentary=True),
        NARRATIVES["Challenges"]]
    return WorkbookSpec(DECK, sheets)


def made(folder: Path) -> list[str]:
    """What is in ``folder``, sorted, leaving out the history store a build keeps beside its
    decks (``outputs/history.sqlite``, relative to the working folder): the file tests look for
    is the deck, and the store has tests of its own."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name != "outputs" or any(q.name not in STORES for q in p.iterdir()))


STORES = ("history.sqlite", "sample-history.sqlite")
"""The stores a build keeps in outputs/: the team's, and the sample's own."""


def decks(folder: Path) -> list[Path]:
    """The decks in ``folder``."""
    return sorted(p for p in folder.iterdir() if p.suffix == ".pptx")


def restated(spec: WorkbookSpec, ref: str, month: str, value: Value) -> WorkbookSpec:
    """``spec`` with one month's figure of ``ref`` changed (``month`` as its column label,
    ``"Dec 18"``): a pack that restates what an earlier pack reported for that month."""

    def row_of(table: SheetTable, row: SheetRow) -> SheetRow:
        if row.ref != ref:
            return row
        column = list(table.months).index(month)
        return replace(row, months=[value if i == column else v for i, v in enumerate(row.months)])

    return replace(spec, sheets=[
        replace(sheet, sections=[replace(section, rows=[row_of(sheet, row) for row in section.rows])
                                 for section in sheet.sections])
        if isinstance(sheet, SheetTable) else sheet for sheet in spec.sheets])


SPC_MONTHS = [f"{month.name[:3]} {month.year}"
              for month in (Month(2017, 3).shifted(k) for k in range(24))]
"""24 month columns, March 2017 to February 2019, labelled "Mar 2017" (a long year)."""


def _alternating(months: int, low: float, high: float) -> list[float]:
    return [low if i % 2 == 0 else high for i in range(months)]


_STABLE = [90.2, 89.5, 91.0, 90.1, 89.8, 90.6, 89.9, 90.4, 91.1, 89.6, 90.3, 90.0, 89.7, 90.8,
           90.1, 89.4, 90.5, 90.9, 89.8, 90.2, 90.6, 89.9, 90.3, 90.0]

SPC_SERIES: dict[str, tuple[str, list[float], int, int]] = {
    # 17 months alternating either side of 90, then the last 7 months up at 92-93: exactly 7
    # points above the mean (90.67), the shortest shift; no point beyond a limit or 2σ line
    "S1": ("% shifting up at its end",
           [*_alternating(17, 89.0, 91.0), 92.0, 93.0, 92.0, 93.0, 92.0, 93.0, 92.0], 85, 95),
    # steady, then a last month of 80.0, below the lower process limit (83.4)
    "S2": ("% falling below its lower limit", [*_alternating(23, 89.0, 91.0), 80.0], 85, 95),
    # no test flags any point
    "S3": ("% stable", _STABLE, 85, 95),
    # the stable series 30 points lower: its upper process limit (62.1) is short of Min 65
    "S4": ("% that cannot meet its target", [v - 30 for v in _STABLE], 65, 75),
}
"""ref: (measure, 24 monthly figures in percent points, Min, Upper); higher is better."""


def spc_spec() -> WorkbookSpec:
    """A KPI table of 24 months whose XmR readings are worked out by hand (``SPC_SERIES``)."""
    rows = [SheetRow(ref, measure, None, None, None, pct(round(values[-1] / 100, 4)), "Snapshot",
                     [pct(round(v / 100, 4)) for v in values], pct(low / 100, 0),
                     pct(high / 100, 0))
            for ref, (measure, values, low, high) in SPC_SERIES.items()]
    return WorkbookSpec(DECK, [SheetTable(months=SPC_MONTHS, sections=[SheetSection("SPC", rows)])])


def bad_targets_spec(bad: int) -> WorkbookSpec:
    """The sample's deck with ``bad`` red rows whose Min target is text ("ninety"): a table
    that cannot be built, with one bad cell per row (N8, N9, ...)."""
    rows = [replace(red_row(f"B{i + 1}"), target_min="ninety") for i in range(bad)]
    return WorkbookSpec(DECK, [SheetTable(months=MONTHS, sections=[SheetSection("Plans", rows)])])


def pdf_page_texts(pdf: Path) -> list[str]:
    """Each page's text as PDFium reads it (the same library the PDF check uses), one string a
    page, words separated by spaces and line ends."""
    import pypdfium2  # noqa: PLC0415 - the PDF tests alone need it

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
