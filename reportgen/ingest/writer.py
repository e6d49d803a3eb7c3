"""Writing workbooks in the layout reportgen reads (design.md §2).

Used by ``reportgen init`` for a blank starter, by ``scripts/make_sample.py`` for the sample, and
by the tests to build workbooks in code. Narrative text is given as model paragraphs, so that what
is written is exactly what ingestion should read back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.frozen import frozen
from reportgen.model import Paragraph, Presenter, TextRun


@frozen
class SheetCell:
    value: Any
    number_format: str = "General"


def pct(fraction: float, decimals: int = 1) -> SheetCell:
    """A percentage stored the way Excel stores it: a fraction with a % format."""
    return SheetCell(fraction, "0%" if decimals == 0 else "0." + "0" * decimals + "%")


def count(value: int) -> SheetCell:
    return SheetCell(value, "#,##0")


def decimal(value: float, decimals: int = 1) -> SheetCell:
    return SheetCell(value, "0." + "0" * decimals if decimals else "0")


Value = SheetCell | str | None


@frozen
class SheetRow:
    ref: Value
    measure: str
    previous: Value = None
    num: Value = None
    denom: Value = None
    current: Value = None
    period: str = "Snapshot"
    months: Sequence[Value] = ()
    target_min: Value = None
    target_upper: Value = None
    commentary: str = ""
    polarity: str = ""
    """What the optional Polarity column says ("Higher", "Lower"), when the table has one."""
    comparators: Sequence[Value] = ()
    """Figures under the table's comparator columns, in their order."""


@frozen
class SheetSection:
    title: str
    rows: Sequence[SheetRow]


@frozen
class SheetTable:
    months: Sequence[Any]
    """Month column labels as they appear: text (``Sep 18``) or dates."""
    sections: Sequence[SheetSection] = ()
    sheet: str = "KPIs"
    title: str = "Children's Social Care Highlight Indicators"
    description: str = ("This report provides summary overview of KPIs linked to child-centred "
                        "performance management data being used in support of performance "
                        "improvement across CSC")
    previous_label: str = "2017/18"
    origin: tuple[int, int] = (1, 1)
    """Row and column of the table's top-left (title) cell."""
    labels: dict[str, str] = field(default_factory=dict)
    """Header label overrides, e.g. {"Num": "Numerator"}."""
    notes: Sequence[str] = ()
    commentary: bool = False
    """Add the optional Commentary column after Trend."""
    polarity: bool = False
    """Add the optional Polarity column after Trend (and Commentary)."""
    comparators: Sequence[str] = ()
    """Comparator column headers ("England 2017/18"), after Trend and the optional columns."""


@frozen
class SheetNarrative:
    sheet: str
    title: str
    paragraphs: Sequence[Paragraph]


@frozen
class Deck:
    title: str
    date: date | str = ""
    presenters: Sequence[Presenter] = ()


@frozen
class WorkbookSpec:
    deck: Deck | None
    sheets: Sequence[SheetTable | SheetNarrative]


_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_workbook(target: Path | IO[bytes], spec: WorkbookSpec) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    if spec.deck is not None:
        _write_deck(wb.create_sheet("Deck"), spec.deck)
    for sheet in spec.sheets:
        ws = wb.create_sheet(sheet.sheet)
        if isinstance(sheet, SheetTable):
            _write_table(ws, sheet)
        else:
            _write_narrative(ws, sheet)
    wb.save(target)


def _write_deck(ws: Worksheet, deck: Deck) -> None:
    ws.append(["Field", "Value", "Role"])
    for cell in ws[1]:
        cell.font = _BOLD
    ws.append(["Title", deck.title])
    ws.append(["Date", deck.date])
    if isinstance(deck.date, date):
        ws["B3"].number_format = "d mmmm yyyy"
    for presenter in deck.presenters or [Presenter("")]:
        ws.append(["Presenter", presenter.name, presenter.role])
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60


def rich_text(runs: Sequence[TextRun]) -> CellRichText | str:
    if all(not (r.bold or r.italic or r.superscript or r.subscript) for r in runs):
        return "".join(r.text for r in runs)
    parts: list[str | TextBlock] = []
    for run in runs:
        vert = "superscript" if run.superscript else "subscript" if run.subscript else None
        if run.bold or run.italic or vert:
            font = InlineFont(b=run.bold or None, i=run.italic or None, vertAlign=vert)
            parts.append(TextBlock(font, run.text))
        else:
            parts.append(run.text)
    return CellRichText(parts)


def _write_narrative(ws: Worksheet, narrative: SheetNarrative) -> None:
    ws["A1"] = narrative.title
    ws["A1"].font = Font(bold=True, size=14)
    for row, paragraph in enumerate(narrative.paragraphs, start=2):
        ws.cell(row, paragraph.level + 1, rich_text(paragraph.runs))
    ws.column_dimensions["A"].width = 100


class _Columns:
    """Column numbers of the canonical layout, counted from the table's left edge."""

    def __init__(self, left: int, months: int) -> None:
        self.ref, self.measure, self.previous = left, left + 1, left + 2
        self.num, self.denom, self.current, self.period = left + 3, left + 4, left + 5, left + 6
        self.first_month = left + 7
        self.target_min = self.first_month + months
        self.target_upper = self.target_min + 1
        self.trend = self.target_upper + 1


def _write_table(ws: Worksheet, table: SheetTable) -> None:
    top, left = table.origin
    cols = _Columns(left, len(table.months))
    label = table.labels.get
    ws.cell(top, left, table.title).font = Font(bold=True, size=14)
    ws.cell(top + 1, left, table.description)
    group, head, sub, months = top + 2, top + 3, top + 4, top + 5

    def put(row: int, col: int, text: Any, *, to_row: int | None = None,
            to_col: int | None = None) -> None:
        cell = ws.cell(row, col, text)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _CENTRE
        if to_row or to_col:
            ws.merge_cells(start_row=row, start_column=col, end_row=to_row or row,
                           end_column=to_col or col)

    put(group, cols.ref, "Performance measure title and reference", to_col=cols.measure)
    put(group, cols.previous, "Performance from previous financial year")
    put(group, cols.num, "Performance for current period (either snapshot, YTD or rolling year, "
        "depending on measure) - plus last six monthly performance outturns (where available)",
        to_col=cols.target_min - 1)
    put(group, cols.target_min, "Agreed targets (using corporate minimum/upper model)",
        to_col=cols.target_upper)
    put(group, cols.trend, "Trend line for last 6 months performance")
    put(head, cols.ref, label("Ref", "Ref"), to_row=months)
    put(head, cols.measure, label("Performance Measure", "Performance Measure"), to_row=months)
    put(head, cols.previous, table.previous_label, to_row=months)
    put(head, cols.num, "Current Performance", to_col=cols.target_min - 1)
    put(head, cols.target_min, "Target", to_col=cols.target_upper)
    put(head, cols.trend, label("Trend", "Trend"), to_row=months)
    extra = _extra_columns(table, cols)
    for name, col in extra.items():
        put(head, col, label(name, name), to_row=months)
    first_comparator = cols.trend + 1 + len(extra)
    for offset, name in enumerate(table.comparators):
        put(head, first_comparator + offset, name, to_row=months)
    for col, name in ((cols.num, "Num"), (cols.denom, "Denom"), (cols.current, "Current"),
                      (cols.period, "Period"), (cols.target_min, "Min"),
                      (cols.target_upper, "Upper")):
        put(sub, col, label(name, name), to_row=months)
    put(sub, cols.first_month, "Six Month Trend", to_col=cols.target_min - 1)
    for offset, month in enumerate(table.months):
        put(months, cols.first_month + offset, month)
        if isinstance(month, date):
            ws.cell(months, cols.first_month + offset).number_format = "mmm yy"
    row = months + 1
    for section in table.sections:
        _write_section_row(ws, row, cols, section.title)
        row += 1
        for item in section.rows:
            _write_row(ws, row, cols, item)
            for name, text in (("Commentary", item.commentary), ("Polarity", item.polarity)):
                if name in extra and text:
                    ws.cell(row, extra[name], text)
            _write_values(ws, row, enumerate(item.comparators, start=first_comparator))
            row += 1
    for note in table.notes:
        row += 1
        ws.cell(row, left, note).font = Font(italic=True)
    ws.column_dimensions[get_column_letter(cols.measure)].width = 60


def _extra_columns(table: SheetTable, cols: _Columns) -> dict[str, int]:
    """The optional columns after Trend, in order, with their column numbers."""
    names = [name for name, wanted in (("Commentary", table.commentary),
                                       ("Polarity", table.polarity)) if wanted]
    return {name: cols.trend + 1 + offset for offset, name in enumerate(names)}


def _write_section_row(ws: Worksheet, row: int, cols: _Columns, title: str) -> None:
    cell = ws.cell(row, cols.ref, title)
    cell.font, cell.fill = _BOLD, _SECTION_FILL
    ws.merge_cells(start_row=row, start_column=cols.ref, end_row=row, end_column=cols.trend)


def _write_row(ws: Worksheet, row: int, cols: _Columns, item: SheetRow) -> None:
    values: list[tuple[int, Value]] = [
        (cols.ref, item.ref), (cols.measure, item.measure), (cols.previous, item.previous),
        (cols.num, item.num), (cols.denom, item.denom), (cols.current, item.current),
        (cols.period, item.period), (cols.target_min, item.target_min),
        (cols.target_upper, item.target_upper),
        *((cols.first_month + i, v) for i, v in enumerate(item.months)),
    ]
    _write_values(ws, row, values)
    ws.cell(row, cols.measure).alignment = _WRAP


def _write_values(ws: Worksheet, row: int, values: Iterable[tuple[int, Value]]) -> None:
    for col, value in values:
        if isinstance(value, SheetCell):
            cell = ws.cell(row, col, value.value)
            cell.number_format = value.number_format
        elif value is not None:
            ws.cell(row, col, value)
