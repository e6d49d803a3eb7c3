"""Reading the highlight-indicators table of the KPI sheet into sections and indicators."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import InputError, InputProblem, Place, TableError
from reportgen.frozen import frozen
from reportgen.ingest.cells import (
    NotANumberError,
    Number,
    TargetWords,
    beyond_excel,
    is_blank,
    looks_like_month,
    read_aim,
    read_number,
    read_target,
    read_threshold_range,
    text_of,
)
from reportgen.ingest.columns import (
    MAX_HEADER_DEPTH,
    REQUIRED,
    ROLE_KEYS,
    SEARCH_COLUMNS,
    SEARCH_ROWS,
    Classified,
    ColumnRole,
    Conflict,
    Grid,
    Layout,
    classify,
    comparator_name,
    find_header_row,
    month_band,
    older_years,
    role_of,
)
from reportgen.ingest.scale import scale_row
from reportgen.model import (
    Aim,
    Comparator,
    Figure,
    Header,
    Indicator,
    KpiTable,
    Month,
    Notice,
    Polarity,
    Section,
    Target,
    Targets,
    Unit,
    excel_round,
    format_value,
)

_NOTE = re.compile(r"^(source|sources|note|notes|nb|key|data as at|footnote|\*)\b|^\*", re.I)


def header_row_of(ws: Worksheet, mapped: Mapping[str, ColumnRole] | None = None,
                  start: int = 1) -> int | None:
    """The row of a table's Ref/measure header at or below ``start``, or None: no (further)
    KPI table on the sheet."""
    # Within the sheet's used range: iter_rows makes a cell object for every address it visits,
    # and a narrative sheet of a few bullets would otherwise get two thousand empty ones.
    last = min(start + SEARCH_ROWS - 1, ws.max_row)
    if last < start:
        return None
    grid = {
        (cell.row, cell.column): cell.value
        for row in ws.iter_rows(min_row=start, max_row=last,
                                max_col=min(SEARCH_COLUMNS, ws.max_column))
        for cell in row
        if cell.value is not None
    }
    return find_header_row(grid, range(start, last + 1), range(1, SEARCH_COLUMNS + 1), mapped)


Formulas = Callable[[], frozenset[tuple[int, int]]]
"""(row, column) of every formula cell of the sheet; asked for only when a figure is blank."""


@frozen
class ReadTable:
    """One table read, and the row where the sheet's next table's header is (stacked
    scorecards), or None when the table runs to the sheet's end."""

    table: KpiTable
    next_header: int | None
    next_top: int
    """Where the next table's title and header band begin."""


def read_kpi_table(ws: Worksheet, file: str, header_row: int, formulas: Formulas,
                   warnings: list[Notice] | None = None,
                   mapped: Mapping[str, ColumnRole] | None = None, top: int = 1) -> ReadTable:
    """The table whose header is at ``header_row`` (its title between ``top`` and it); oddities
    of the table as a whole (not of one row) go to ``warnings``."""
    warnings = [] if warnings is None else warnings
    layout = _layout(ws, file, header_row, mapped)
    warnings.extend(_near_warnings(ws.title, layout))
    reader = _RowReader(ws, file, layout, formulas, mapped)
    reader.next_header = _next_header(ws, layout, mapped)
    if reader.next_header is not None:
        reader.stop = _framing_start(ws, reader.next_header)
    sections = reader.read_sections()
    warnings.extend(reader.unread_month_warnings())
    warnings.extend(reader.hidden)
    if reader.problems:
        # every bad cell of the table at once: one pass, one list to fix
        raise TableError(reader.problems)
    if not any(section.indicators for section in sections):
        raise InputError("the KPI table has no indicator rows", Place(file, ws.title))
    months = tuple(month for month, _ in layout.months)
    sections, months = _without_empty_last_months(Place(None, ws.title), layout, sections,
                                                   months, warnings)
    if ColumnRole.CURRENT not in layout.columns:
        sections = _with_earlier_currents(ws.title, layout, sections, months)
    title, description = _framing(ws, header_row, top)
    table = KpiTable(
        sheet=ws.title,
        title=title,
        description=description,
        previous_year_label=layout.previous_year_label,
        months=months,
        sections=sections,
        columns=_figure_columns(layout, months),
        notes=tuple(reader.notes),
        headers=tuple(Header(f"{get_column_letter(col)}{row}", text, role)
                      for row, col, text, role in layout.headers),
    )
    return ReadTable(table, reader.next_header, reader.stop or reader.last_row + 1)


def _next_header(ws: Worksheet, layout: Layout,
                 mapped: Mapping[str, ColumnRole] | None) -> int | None:
    """The header row of a table stacked below this one, however far down: a row whose Ref
    and measure cells name those roles again. Only those two columns are read."""
    ref, measure = layout.columns[ColumnRole.REF], layout.columns[ColumnRole.MEASURE]
    left, right = min(ref, measure), max(ref, measure)
    for number, row in enumerate(ws.iter_rows(min_row=layout.first_data_row, min_col=left,
                                              max_col=right, values_only=True),
                                 start=layout.first_data_row):
        if role_of(row[ref - left], mapped) is ColumnRole.REF and \
                role_of(row[measure - left], mapped) is ColumnRole.MEASURE:
            return number
    return None


def _framing_start(ws: Worksheet, header_row: int) -> int:
    """The first row of a stacked table's title and header band: the block of rows right above
    its header that hold text but no figure (its title, a description, a band of group labels),
    up to the blank row or the note ("Source: ...") that ends the table above."""
    row = header_row
    while row > 1:
        values = [cell.value for cell in ws[row - 1] if cell.value is not None]
        texts = [text for value in values if (text := text_of(value))]
        if not texts or any(isinstance(value, int | float) for value in values) or \
                _NOTE.match(texts[0]):
            break
        row -= 1
    return row


def _near_warnings(sheet: str, layout: Layout) -> list[Notice]:
    return [Notice(f"header {near.label!r} is not one reportgen knows; read as "
                   f"{near.meaning!r} (map it in reportgen.toml [columns] if that is wrong)",
                   Place(None, sheet, f"{get_column_letter(near.col)}{near.row}"))
            for near in layout.near]


def _figure_columns(layout: Layout, months: tuple[Month, ...]) -> tuple[tuple[str, str], ...]:
    """Each figure's column letter, so that the history store can name every figure's cell.
    ``months`` are the months kept (an empty last column dropped), in the layout's order.
    Without a Current column, Current is the latest period's figure, and is named by its
    column."""
    fixed = [(key, get_column_letter(layout.columns[role]))
             for role, key in _FIGURE_KEYS.items() if role in layout.columns]
    if ColumnRole.CURRENT not in layout.columns and months:
        latest = next(col for month, col in layout.months if month == months[-1])
        fixed.append(("current", get_column_letter(latest)))
    kept = [(f"month:{month.year:04d}-{month.month:02d}", get_column_letter(col))
            for month, col in layout.months if month in months]
    return (*fixed, *kept)


def _without_empty_last_months(
        sheet: Place, layout: Layout, sections: tuple[Section, ...], months: tuple[Month, ...],
        warnings: list[Notice]) -> tuple[tuple[Section, ...], tuple[Month, ...]]:
    """Drop month columns at the end that no row has a figure in: a column prepared in advance
    ("Mar 19", still empty) must not make the deck "March KPIs" with nothing moving. An empty
    month between two with figures stays, as a gap. With no figures at all, nothing is dropped:
    the period is then what the headers say."""
    indicators = [ind for section in sections for ind in section.indicators]
    filled = [any(ind.trend[i] is not None for ind in indicators) for i in range(len(months))]
    if not any(filled) or filled[-1]:
        return sections, months
    keep = max(i for i, has in enumerate(filled) if has) + 1
    for month, col in layout.months[keep:]:
        warnings.append(Notice(
            f"month column {month.short} has no figures in any row; left out, so the report is "
            f"for {months[keep - 1].long}",
            replace(sheet, cell=f"{get_column_letter(col)}{layout.month_row}")))
    return tuple(Section(s.title, tuple(replace(i, trend=i.trend[:keep]) for i in s.indicators))
                 for s in sections), months[:keep]


def _with_earlier_currents(sheet: str, layout: Layout, sections: tuple[Section, ...],
                           months: tuple[Month, ...]) -> tuple[Section, ...]:
    """Without a Current column, a row with no figure for the latest period shows an earlier
    period's as Current: said, naming the cell (after an empty last column is dropped, so that
    a column no row has filled yet is not said of every row)."""
    columns = dict(layout.months)

    def said(ind: Indicator) -> Indicator:
        filled = [i for i, figure in enumerate(ind.trend) if figure is not None]
        if not filled or filled[-1] == len(months) - 1:
            return ind
        month = months[filled[-1]]
        place = Place(None, sheet, f"{get_column_letter(columns[month])}"
                                   f"{(ind.place.cell or '').lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}")
        return replace(ind, notes=(*ind.notes, Notice(
            f"no figure for {months[-1].short}; Current is {month.short}'s, at "
            f"{place.in_workbook}", place, ind.ref)))

    return tuple(Section(s.title, tuple(said(i) for i in s.indicators)) for s in sections)


def _framing(ws: Worksheet, header_row: int, top: int = 1) -> tuple[str, str]:
    """The table's title and description, as the seed frames it above the header.

    The title is the first text above the header ("Children's Social Care Highlight
    Indicators"), else the sheet's name. The description is the text of the rows after it that
    hold one text each ("This report provides summary overview of KPIs ..."), a line per row,
    up to the first row with several: the header's group band ("Performance from previous
    financial year", "Agreed targets ..."), which is part of the header, not a description."""
    title, lines = "", []
    if header_row > top:  # iter_rows reads to the sheet's end when max_row is 0
        for row in ws.iter_rows(min_row=top, max_row=header_row - 1, values_only=True):
            texts = [text for value in row if (text := text_of(value))]
            if not texts or (top > 1 and _NOTE.match(texts[0])):
                continue  # a stacked table's title is below the note rows of the one above
            if not title:
                title = texts[0]
            elif len(texts) > 1:
                break
            else:
                lines.append(texts[0])
    return title or str(ws.title), "\n".join(lines)


def _band(ws: Worksheet, rows: range) -> Grid:
    """Header cells with every merged range's label copied into all of its cells."""
    grid: dict[tuple[int, int], Any] = {
        (cell.row, cell.column): cell.value
        for row in ws.iter_rows(min_row=rows.start, max_row=rows.stop - 1)
        for cell in row
        if cell.value is not None
    }
    for merged in ws.merged_cells.ranges:
        if merged.max_row < rows.start or merged.min_row >= rows.stop:
            continue
        label = ws.cell(merged.min_row, merged.min_col).value
        for row in range(max(merged.min_row, rows.start), min(merged.max_row + 1, rows.stop)):
            for col in range(merged.min_col, merged.max_col + 1):
                grid[(row, col)] = label
    return grid


def _layout(ws: Worksheet, file: str, header_row: int,
            mapped: Mapping[str, ColumnRole] | None = None) -> Layout:
    last_column = ws.max_column  # openpyxl looks at every cell of the sheet to say
    anchor = {col: role_of(ws.cell(header_row, col).value, mapped)
              for col in range(1, last_column + 1)}
    key_cols = [col for col, role in anchor.items() if role in (ColumnRole.REF, ColumnRole.MEASURE)]
    # the header band ends at the first row with a ref, a measure or (where the ref column is
    # the one missing) a label left of the measure: a section's title
    key_cols = sorted({*key_cols, *range(1, min(key_cols))})
    first_data = header_row + 1
    while first_data <= header_row + MAX_HEADER_DEPTH and all(
        is_blank(ws.cell(first_data, col).value) for col in key_cols
    ):
        first_data += 1
    rows = list(range(header_row, first_data))
    columns = list(range(1, last_column + 1))
    band = _band(ws, range(header_row, first_data))
    found = classify(band, rows, columns, mapped)
    problems = [_conflict(file, ws.title, conflict) for conflict in found.conflicts]
    header = Place(file, ws.title, f"{get_column_letter(key_cols[0])}{header_row}")
    missing = [role.value for role in REQUIRED if role not in found.roles]
    if not found.months:
        missing.append("period (months such as 'Sep 18' or quarters such as 'Q3 2023/24')")
    if missing:
        problems.append(InputProblem(_missing(missing, found), header))
    if len({month.quarterly for month, _ in found.months}) > 1:
        problems.append(InputProblem("the KPI table mixes month and quarter columns: keep one kind "
                                     "per table (a second scorecard may have the other)", header))
    if problems:
        raise TableError(problems)
    month_row = Counter(found.month_rows).most_common(1)[0][0]
    # asked again: reading a merged range's label may have made a cell past the last column
    unread = _unread_months(band, found.months, month_band(found, ws.max_column), month_row)
    return Layout(
        first_data_row=first_data,
        last_column=max([*found.roles.values(), *(col for _, col in found.months),
                         *(col for _, col, _ in unread), *(col for _, col in found.comparators)]),
        columns=found.roles,
        months=tuple(sorted(found.months)),
        previous_year_label=found.labels.get(ColumnRole.PREVIOUS_YEAR, ""),
        labels=found.labels,
        comparators=tuple(found.comparators),
        unread_months=unread,
        month_row=month_row,
        near=tuple(found.near),
        headers=tuple((row, col, text, role)
                      for col, (row, text, role) in sorted(found.headers.items())),
        older_years=older_years(found),
    )


MAX_HEADERS_SHOWN = 12


def _missing(missing: list[str], found: Classified) -> str:
    """What a layout lacks, and the headers it found instead, so that the team can map one:
    ``no Ref column among the headers found ('NO.'?, 'INDICATORS', ...)``."""
    shown: list[str] = []
    for _, (_, text, role) in sorted(found.headers.items()):
        if len(shown) == MAX_HEADERS_SHOWN:
            shown.append("...")
            break
        shown.append(f"{text!r}" + ("" if role else "?"))
    headers = f" among the headers found ({', '.join(shown)})" if shown else ""
    what = " or ".join(m if m.startswith("period") else repr(m) for m in missing)
    noun = "column" if len(missing) == 1 else "columns"
    unread = next((text for _, (_, text, role) in sorted(found.headers.items()) if not role), "")
    key = next((ROLE_KEYS[role] for role in REQUIRED if role not in found.roles), "")
    import json  # noqa: PLC0415 - a build loads no json unless it must (an error's example)

    example = f", e.g. {key} = {json.dumps(unread, ensure_ascii=False)}" if key and unread else ""
    return f"the KPI table has no {what} {noun}{headers}: map one in reportgen.toml [columns]" \
        + example


def _conflict(file: str, sheet: str, conflict: Conflict) -> InputProblem:
    cells = " and ".join(f"{get_column_letter(c)}{conflict.row}" for c in conflict.columns)
    second = f"{get_column_letter(conflict.columns[1])}{conflict.row}"
    return InputProblem(f"two columns are headed {conflict.label!r} ({cells})",
                        Place(file, sheet, second))


def _unread_months(band: Grid, months: list[tuple[Month, int]], columns: range,
                   month_row: int) -> tuple[tuple[str, int, int], ...]:
    """Columns around the months whose header is probably a month that could not be read
    ("Febtember 19"), or, between two months, has no header at all. Whether one matters
    depends on its figures, known only once the rows are read."""
    month_cols = {col for _, col in months}
    inner = range(min(month_cols), max(month_cols))
    unread = []
    for col in columns:
        if col in month_cols:
            continue
        value = band.get((month_row, col))
        if looks_like_month(value) or (is_blank(value) and col in inner):
            unread.append((text_of(value), col, month_row))
    return tuple(unread)


# Each figure's key: how the row's figures are named between reading and scaling.
_FIGURE_KEYS = {ColumnRole.PREVIOUS_YEAR: "previous_year", ColumnRole.NUMERATOR: "numerator",
                ColumnRole.DENOMINATOR: "denominator", ColumnRole.CURRENT: "current",
                ColumnRole.MIN: "target_min", ColumnRole.UPPER: "target_upper"}


_MORE_KEYS = {ColumnRole.FLOOR: "floor", ColumnRole.YTD: "ytd"}
"""Figures read like the others but kept apart from the history's columns."""
_WORDED_KEYS = {ColumnRole.TARGET: "target", ColumnRole.RED: "red", ColumnRole.AMBER: "amber",
                ColumnRole.TOLERANCE: "tolerance"}


def _merged_down(ws: Worksheet, first_row: int) -> dict[int, dict[int, Any]]:
    """Row → column → the top cell of a range merged down over that row (a target typed once
    for two indicators): Excel shows its value in every row it covers."""
    down: dict[int, dict[int, Any]] = {}
    for merged in ws.merged_cells.ranges:
        if merged.max_row == merged.min_row or merged.min_row < first_row:
            continue
        anchor = ws.cell(merged.min_row, merged.min_col)
        if anchor.value is None:
            continue
        for row in range(merged.min_row + 1, merged.max_row + 1):
            down.setdefault(row, {})[merged.min_col] = anchor
    return down


@frozen
class _Field:
    """A figure column of the table: where it is and how messages name it."""

    key: str
    col: int
    label: str
    target: bool = False


@dataclass
class _Row:
    """One sheet row's cells, looked up by role."""

    number: int
    cells: dict[int, Any]

    def value(self, col: int | None) -> Any:
        return None if col is None else self.cells.get(col)


class _RowReader:
    def __init__(self, ws: Worksheet, file: str, layout: Layout, formulas: Formulas,
                 mapped: Mapping[str, ColumnRole] | None = None) -> None:
        self.ws, self.file, self.layout, self.formulas = ws, file, layout, formulas
        self.mapped = mapped
        self.cols = layout.columns
        self.seen_refs: dict[str, str] = {}
        self.fields = [
            _Field(key, self.cols[role], layout.labels.get(role, role.value),
                   role in (ColumnRole.MIN, ColumnRole.UPPER, ColumnRole.FLOOR))
            for role, key in (*_FIGURE_KEYS.items(), *_MORE_KEYS.items()) if role in self.cols
        ] + [_Field(f"trend:{i}", col, month.short) for i, (month, col) in
             enumerate(layout.months)]
        # Targets written as words ("Fewer than 85") and tolerances ("±10%") are read apart
        # from the figures, then scaled with them under these keys.
        self.worded = [_Field(key, self.cols[role], layout.labels.get(role, role.value), True)
                       for role, key in _WORDED_KEYS.items() if role in self.cols]
        self.by_key = {f.key: f for f in (*self.fields, *self.worded)}
        self.merged = _merged_down(ws, layout.first_data_row)
        self.hidden: list[Notice] = []
        """Hidden (or filtered-out) indicator rows, each left out with a warning."""
        self.next_header: int | None = None
        """The header row of a second table stacked below this one."""
        self.stop: int | None = None
        """The first row of that table's title and header band: this table ends above it."""
        self.last_row = layout.first_data_row
        self.unread_filled: dict[int, int] = {}
        """Column of an unreadable month header → the first row with a figure under it."""
        self.problems: list[InputProblem] = []
        """What stops the build, gathered while the rows are read so that all are reported."""
        self.notes: list[str] = []
        """The note rows under the table ("Source: ..."), in order."""

    def refuse(self, message: str, col: int, row: int) -> None:
        """A cell that stops the build: noted, and the pass goes on to find the others."""
        self.problems.append(InputProblem(message, self.place(col, row)))

    def place(self, col: int, row: int) -> Place:
        """A cell for an error: with the file, as the CLI prints it."""
        return Place(self.file, self.ws.title, f"{get_column_letter(col)}{row}")

    def at(self, col: int, row: int) -> Place:
        """A cell for the model (an indicator's places, its notices): within the workbook, whose
        file the Report names once."""
        return Place(None, self.ws.title, f"{get_column_letter(col)}{row}")

    def name(self, row: int, key: str) -> tuple[str, Place]:
        field = self.by_key[key]
        return field.label, self.at(field.col, row)

    def read_sections(self) -> tuple[Section, ...]:
        sections: list[tuple[str, list[Indicator]]] = [("", [])]
        dimensions = self.ws.row_dimensions
        last = self.stop - 1 if self.stop is not None else None
        for cells in self.ws.iter_rows(min_row=self.layout.first_data_row, max_row=last,
                                       max_col=self.layout.last_column):
            number = cells[0].row
            row = _Row(number, {c.column: c for c in cells if c.value is not None})
            for col, anchor in self.merged.get(number, {}).items():
                row.cells.setdefault(col, anchor)  # a value merged down is in every row
            if not row.cells:
                continue
            kind = self._kind(row)
            if kind == "indicator" and (held := dimensions.get(number)) is not None \
                    and held.hidden:
                # an analyst hides (or filters out) a row to drop it, as a hidden sheet
                self.hidden.append(Notice(
                    f"row {number} ({self._text(row, ColumnRole.REF)}) is hidden; left out of the "
                    "deck (unhide it to report it)", self.at(self.cols[ColumnRole.REF], number)))
                continue
            if kind == "indicator":
                sections[-1][1].append(self._indicator(row, sections[-1][0]))
                self._note_unread(row)
                self.last_row = number
            elif kind == "section":
                sections.append((self._label(row), []))
            elif kind == "note":
                self.notes.append(self._label(row))
        return tuple(Section(title, tuple(items)) for title, items in sections if items)

    def _note_unread(self, row: _Row) -> None:
        for _, col, _ in self.layout.unread_months:
            cell = row.value(col)
            if cell is not None and not is_blank(cell.value):
                self.unread_filled.setdefault(col, row.number)

    def unread_month_warnings(self) -> list[Notice]:
        """A month header that cannot be read is an error when figures sit under it (the deck
        would silently report the month before), a warning when the column is empty."""
        warnings = []
        for label, col, header_row in self.layout.unread_months:
            if col in self.unread_filled:
                what = (f"the month header {label!r} cannot be read" if label else
                        "this column among the months has no month header")
                self.refuse(f"{what}, and its column holds figures (row "
                            f"{self.unread_filled[col]}): head it with its month, e.g. 'Feb 19', "
                            "'February 2019' or a date", col, header_row)
            elif label:
                warnings.append(Notice(f"month header {label!r} cannot be read; its column has "
                                       "no figures, so it is left out",
                                       self.at(col, header_row)))
        return warnings

    def _text(self, row: _Row, role: ColumnRole) -> str:
        cell = row.value(self.cols.get(role))
        return "" if cell is None else text_of(cell.value)

    def _label(self, row: _Row) -> str:
        return next(text for _, c in sorted(row.cells.items()) if (text := text_of(c.value)))

    def _kind(self, row: _Row) -> str:
        has_values = any(
            (cell := row.value(f.col)) is not None and not is_blank(cell.value)
            for f in self.fields
        )
        ref, measure = self._text(row, ColumnRole.REF), self._text(row, ColumnRole.MEASURE)
        if ref and (measure or has_values):
            return "indicator"
        if has_values:
            self.refuse("this row has figures but no Ref", self.cols[ColumnRole.REF], row.number)
            return "blank"
        if not any(not is_blank(c.value) for c in row.cells.values()):
            return "blank"
        return "note" if _NOTE.match(self._label(row)) else "section"

    def _ref(self, row: _Row) -> str:
        cell = row.value(self.cols[ColumnRole.REF])
        ref = _ref_text(cell.value, cell.number_format)
        where = f"{get_column_letter(cell.column)}{row.number}"
        if ref in self.seen_refs:
            # the row is still read: its own bad cells are reported with the duplicate
            self.refuse(f"duplicate Ref {ref!r} (also at {self.seen_refs[ref]})", cell.column,
                        row.number)
        else:
            self.seen_refs[ref] = where
        return ref

    def _indicator(self, row: _Row, section: str) -> Indicator:
        ref = self._ref(row)
        notes: list[Notice] = []
        read = {f.key: self._read(row, f, ref, notes) for f in self.fields}
        words = {f.key: self._target_words(row, f) for f in self.worded
                 if f.key != "tolerance" and not self._is_range(row, f)}
        amber = self._amber(row, words, notes, ref)
        for key, said in (("target", words.get("target")), ("amber", amber)):
            if said is not None and said.number is not None:
                read[key] = said.number
        measure = self._text(row, ColumnRole.MEASURE)
        scaled = scale_row(ref, measure, read, partial(self.name, row.number))
        if scaled.refusal is not None:
            key, message = scaled.refusal
            self.refuse(message, self.by_key[key].col, row.number)
        read, unit = scaled.figures, scaled.unit
        notes.extend(scaled.notes)
        if any(row.value(f.col) is None for f in self.fields):
            read["current"] = self._unsaved_formulas(row, ref, read, unit, notes)
        trend = [read.get(f"trend:{i}") for i in range(len(self.layout.months))]
        aim, polarity_place = self._polarity(row, ref, measure, notes)
        period_type = self._text(row, ColumnRole.PERIOD) or None
        if ColumnRole.CURRENT not in self.cols:
            read["current"] = self._latest(read, trend, period_type, ref, row, notes)
        comparators = self._comparators(row, ref, unit, _figure(read.get("current")), notes)
        return Indicator(
            ref=ref,
            section=section,
            measure=measure,
            unit=unit,
            previous_year=_figure(read.get("previous_year")),
            numerator=_figure(read.get("numerator")),
            denominator=_figure(read.get("denominator")),
            current=_figure(read.get("current")),
            period_type=period_type,
            trend=tuple(_figure(n) for n in trend),
            target_min=_figure(read.get("target_min")),
            target_upper=_figure(read.get("target_upper")),
            polarity=aim.polarity if aim is not None else None,
            commentary=self._text(row, ColumnRole.COMMENTARY),
            place=self.at(self.cols[ColumnRole.REF], row.number),
            notes=tuple(notes),
            polarity_place=polarity_place,
            commentary_place=(self.at(self.cols[ColumnRole.COMMENTARY], row.number)
                              if ColumnRole.COMMENTARY in self.cols else None),
            comparators=comparators,
            aim=aim,
            targets=self._targets(row, words, amber, read, unit, notes, ref),
            council_rag=self._text(row, ColumnRole.RAG) or None,
            council_rag_place=self._at_role(ColumnRole.RAG, row.number),
            council_direction=self._text(row, ColumnRole.DIRECTION) or None,
            council_direction_place=self._at_role(ColumnRole.DIRECTION, row.number),
        )

    def _is_range(self, row: _Row, field: _Field) -> bool:
        """An Amber cell written as a band (``75%-80%``), read by ``_amber``."""
        cell = row.value(field.col)
        return field.key == "amber" and cell is not None \
            and read_threshold_range(cell.value) is not None

    def _at_role(self, role: ColumnRole, row: int) -> Place | None:
        return self.at(self.cols[role], row) if role in self.cols else None

    def _target_words(self, row: _Row, field: _Field) -> TargetWords | None:
        """A target cell that may be words; one that is neither a figure nor words stops the
        build, as a target that is not a number always has."""
        cell = row.value(field.col)
        if cell is None:
            return None
        try:
            return read_target(cell.value, cell.number_format)
        except NotANumberError as exc:
            self.refuse(f"{field.label} target {exc.shown!r} is neither a figure nor a target "
                        "in words (such as 'Fewer than 85', 'At least 90%', 'No target')",
                        field.col, row.number)
            return None

    def _amber(self, row: _Row, words: dict[str, TargetWords | None], notes: list[Notice],
               ref: str) -> TargetWords | None:
        """Where amber begins, from a Red / Amber / Target table: the Red threshold's figure
        (``<75%``: amber from 75), else the end of the Amber band nearer red (``75%-80%`` below a
        target of 80%: 75)."""
        red = words.get("red")
        if red is not None and red.number is not None:
            way = None if red.aim is None else \
                Polarity.HIGHER if red.aim is Polarity.LOWER else Polarity.LOWER
            return TargetWords(red.number, strict=not red.strict if red.aim else False, aim=way,
                               text=red.text)
        field = self.by_key.get("amber")
        cell = row.value(field.col) if field is not None else None
        if field is None or cell is None:
            return None
        ends = read_threshold_range(cell.value)
        if ends is None:
            return words.get("amber")
        green = words.get("target")
        low, high = sorted(ends, key=lambda end: end.value)
        if green is None or green.number is None:
            place = self.at(field.col, row.number)
            notes.append(Notice(f"the amber band {text_of(cell.value)!r} at {place.in_workbook} "
                                "has no target beside it to say which end is nearer red; read "
                                "from its lower end", place, ref))
            return TargetWords(low)
        # both in percent points by now, but a bare 0.8 beside a band of "75%-80%" is a fraction
        green_value = green.number.value * 100 if low.percent and not green.number.percent \
            and abs(green.number.value) <= 1 else green.number.value
        return TargetWords(low if green_value >= high.value else high)

    def _targets(self, row: _Row, words: dict[str, TargetWords | None],
                 amber: TargetWords | None, read: dict[str, Number | None], unit: Unit,
                 notes: list[Notice], ref: str) -> Targets | None:
        """The row's targets beyond Min and Upper, in its unit; None where the table has no
        such columns."""
        if not (set(self.by_key) & {"target", "floor", "tolerance", "red", "amber"}):
            return None
        said = words.get("target")
        target = None
        if said is not None and (number := read.get("target")) is not None:
            target = Target(Figure(number.value, number.decimals), said.strict, said.aim,
                            said.text)
        elif said is not None and said.benchmark:
            target = Target(Figure(math.nan), said.strict, said.aim, said.text)
        edge = None
        if amber is not None and (number := read.get("amber")) is not None:
            edge = Target(Figure(number.value, number.decimals), amber.strict, amber.aim,
                          amber.text)
        tolerance, relative = self._tolerance(row, unit, ref, notes)
        field = self.by_key.get("target")
        return Targets(
            target=target,
            floor=_figure(read.get("floor")),
            tolerance=tolerance,
            relative=relative,
            amber=edge,
            # rated on its thresholds only where the row gives a Red or Amber threshold: a
            # tolerance or stay-close row beside them keeps its own model
            thresholds=edge is not None,
            benchmark=said.benchmark if said is not None else "",
            data_only=said is not None and said.none,
            place=self.at(field.col, row.number) if field is not None else Place(),
        )

    def _tolerance(self, row: _Row, unit: Unit, ref: str,
                   notes: list[Notice]) -> tuple[Figure | None, bool]:
        """A tolerance in the row's unit, or relative to the target: ``±10%`` written as text
        is a share of the target; a figure is in the row's unit (a percentage-formatted figure
        in a row of counts is a share)."""
        field = self.by_key.get("tolerance")
        cell = row.value(field.col) if field is not None else None
        if field is None or cell is None:
            return None, False
        text = text_of(cell.value)
        relative_text = isinstance(cell.value, str) and text.rstrip().endswith("%")
        cleaned = text.replace("±", "").replace("+/-", "").replace("+-", "").strip()
        try:
            number = read_number(cleaned if isinstance(cell.value, str) else cell.value,
                                 cell.number_format)
        except NotANumberError:
            place = self.at(field.col, row.number)
            notes.append(Notice(f"tolerance {text!r} at {place.in_workbook} is not a figure; "
                                "ignored", place, ref))
            return None, False
        if number is None:
            return None, False
        if relative_text or (number.percent and unit is not Unit.PERCENT):
            return Figure(abs(number.value), number.decimals), True
        return Figure(abs(number.value), number.decimals), False

    def _latest(self, read: dict[str, Number | None], trend: list[Number | None],
                period_type: str | None, ref: str, row: _Row,
                notes: list[Notice]) -> Number | None:
        """Current where the table has no Current column: the YTD column's figure for a YTD
        row, else the row's latest period figure (design.md §2a)."""
        if read.get("ytd") is not None and "ytd" in (period_type or "").lower():
            return read["ytd"]
        filled = [i for i, number in enumerate(trend) if number is not None]
        if not filled:
            return None
        return trend[filled[-1]]

    def _comparators(self, row: _Row, ref: str, unit: Unit, current: Figure | None,
                     notes: list[Notice]) -> tuple[Comparator, ...]:
        """The row's benchmarks in its unit. One that is plainly in another unit (a fraction
        in a percentage row, a percentage in a row of counts) is left out with a warning: a
        comparison with it would be wrong by a factor of a hundred."""
        found = []
        for label, col in self.layout.comparators:
            name, year = comparator_name(label)
            number = self._read(row, _Field(label, col, label), ref, notes)
            if number is None:
                continue
            place = self.at(col, row.number)
            if (foreign := _foreign_unit(number, unit, current)) is not None:
                notes.append(Notice(f"{label} {_shown(number)} at {place.in_workbook} {foreign}; "
                                    "left out of the comparison", place, ref))
                continue
            found.append(Comparator(name, year, Figure(number.value, number.decimals), place))
        return tuple(found)

    def _read(self, row: _Row, field: _Field, ref: str, notes: list[Notice]) -> Number | None:
        """One figure, or None for a missing one ("n/a", "-", blank: the deck shows one mark for
        them all). A target that is not a number stops the build; any other figure is a
        warning."""
        cell = row.value(field.col)
        if cell is None:
            return None
        try:
            number = read_number(cell.value, cell.number_format)
        except NotANumberError as exc:
            if field.target:
                self.refuse(f"{field.label} target {exc.shown!r} {exc.reason}", field.col,
                            row.number)
                return None
            place = self.at(field.col, row.number)
            notes.append(Notice(f"{field.label} {exc.shown!r} at {place.in_workbook} "
                                f"{exc.reason}; treated as missing", place, ref))
            return None
        return number

    def _unsaved_formulas(self, row: _Row, ref: str, read: dict[str, Number | None],
                          unit: Unit, notes: list[Notice]) -> Number | None:
        """Blank figures that are formulas saved without their values (a workbook written by a
        program rather than Excel): Current is worked out from Num/Denom where it can be; the
        other cells are reported."""
        current = read.get("current")
        num, denom = read.get("numerator"), read.get("denominator")
        for field in self.fields:
            if row.value(field.col) is not None or (row.number, field.col) not in self.formulas():
                continue
            place = self.at(field.col, row.number)
            where = place.in_workbook
            if field.target:
                # A target read as missing would turn amber into red unnoticed, and a target
                # formula may reach anywhere in the workbook: only Excel can work it out.
                self.refuse(f"{field.label} target is a formula saved without its value: open "
                            "the workbook in Excel and save it (Excel stores the values), then "
                            "try again", field.col, row.number)
                continue
            ratio = (num.value / denom.value * (100 if unit is Unit.PERCENT else 1)
                     if field.key == "current" and num and denom and denom.value else None)
            if ratio is not None and not beyond_excel(ratio):
                current = Number(round(ratio, 9), 1, unit is Unit.PERCENT)
                notes.append(Notice(f"Current at {where} is a formula saved without its value; "
                                    "worked out from Num/Denom as "
                                    f"{format_value(Figure(current.value, 1), Unit.NUMBER)}", place,
                                    ref))
            else:
                notes.append(Notice(f"{where} is a formula saved without its value; treated as "
                                    "missing (open the workbook in Excel and save it to store "
                                    "values)", place, ref))
        return current

    def _polarity(self, row: _Row, ref: str, measure: str,
                  notes: list[Notice]) -> tuple[Aim | None, Place | None]:
        """What the workbook states, and where: the polarity cell, else the measure's title."""
        stated = self._text(row, ColumnRole.POLARITY)
        if stated and stated.lower() not in _UNSTATED:
            place = self.at(self.cols[ColumnRole.POLARITY], row.number)
            aim = read_aim(stated)
            if aim is not None:
                return aim, place
            label = self.layout.labels.get(ColumnRole.POLARITY, "Polarity")
            notes.append(Notice(f"{label} {stated!r} at {place.in_workbook} cannot be read "
                                "(write Higher or Lower, H or L, or Target for stay close to "
                                "target); ignored", place, ref))
        lowered = measure.lower()
        for words, aim in (("lower is better", Aim.LOWER), ("higher is better", Aim.HIGHER)):
            if words in lowered:
                return aim, self.at(self.cols[ColumnRole.MEASURE], row.number)
        return None, None


_UNSTATED = frozenset({"", "-", "–", "—", "..", "x", "*", "tbc", "null"})
"""Polarity cells that say nothing; "n/a" says the measure is for information (design §2a)."""


def _ref_text(value: Any, number_format: str) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A ref typed as a number (2.10) is only told from 2.1 by its number format.
        try:
            number = read_number(value, number_format)
        except NotANumberError:  # 1e308 as a ref: shown as written
            return text_of(value)
        if number is not None:
            # as Excel shows it (half away from zero), never grouped: 1000.5, not 1,000.5
            return f"{excel_round(number.value, number.decimals):f}"
    return text_of(value)


def _foreign_unit(number: Number, unit: Unit, current: Figure | None) -> str | None:
    """Why a comparator's figure is not in the row's unit, or None when it is."""
    if unit is Unit.PERCENT:
        # A bare 0.884 beside a Current of 87.3%: a fraction typed without its % format. Beside
        # a Current of 1 or less, it is as likely percent points, and is taken as such.
        if number.percent or not 0 < abs(number.value) <= 1 or current is None \
                or abs(current.value) <= 1:
            return None
        return (f"looks like a fraction of 1 in a percentage measure (Current "
                f"{current.value:g}%): type it as a percentage, e.g. {number.value * 100:g}%")
    if number.percent:
        return "is a percentage, but the measure's figures are not"
    return None


def _shown(number: Number) -> str:
    unit = Unit.PERCENT if number.percent else Unit.NUMBER
    return format_value(Figure(number.value, min(number.decimals, 15)), unit)


def _figure(number: Number | None) -> Figure | None:
    return None if number is None else Figure(number.value, number.decimals)
