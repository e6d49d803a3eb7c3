"""Reading the highlight-indicators table of the KPI sheet into sections and indicators."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import InputError, Place, Problem, TableError
from reportgen.frozen import frozen
from reportgen.ingest.cells import (
    PLACEHOLDERS,
    NotANumberError,
    Number,
    beyond_excel,
    is_blank,
    looks_like_month,
    read_number,
    read_polarity,
    text_of,
)
from reportgen.ingest.columns import (
    MAX_HEADER_DEPTH,
    REQUIRED,
    SEARCH_COLUMNS,
    SEARCH_ROWS,
    Conflict,
    Grid,
    Layout,
    Role,
    classify,
    comparator_name,
    find_header_row,
    month_band,
    role_of,
)
from reportgen.ingest.scale import scale_row
from reportgen.model import (
    Comparator,
    Figure,
    Indicator,
    KpiTable,
    Month,
    Notice,
    Polarity,
    Section,
    Unit,
)

_NOTE = re.compile(r"^(source|sources|note|notes|nb|key|data as at|footnote|\*)\b|^\*", re.I)


def header_row_of(ws: Worksheet) -> int | None:
    """The row of the table's Ref/Performance Measure header, or None: not a KPI sheet."""
    # Within the sheet's used range: iter_rows makes a cell object for every address it visits,
    # and a narrative sheet of a few bullets would otherwise get two thousand empty ones.
    grid = {
        (cell.row, cell.column): cell.value
        for row in ws.iter_rows(max_row=min(SEARCH_ROWS, ws.max_row),
                                max_col=min(SEARCH_COLUMNS, ws.max_column))
        for cell in row
        if cell.value is not None
    }
    return find_header_row(grid, range(1, SEARCH_ROWS + 1), range(1, SEARCH_COLUMNS + 1))


Formulas = Callable[[], frozenset[tuple[int, int]]]
"""(row, column) of every formula cell of the sheet; asked for only when a figure is blank."""


def read_kpi_table(ws: Worksheet, file: str, header_row: int, formulas: Formulas,
                   warnings: list[Notice] | None = None) -> KpiTable:
    """The table; oddities of the table as a whole (not of one row) go to ``warnings``."""
    warnings = [] if warnings is None else warnings
    layout = _layout(ws, file, header_row)
    reader = _RowReader(ws, file, layout, formulas)
    sections = reader.read_sections()
    warnings.extend(reader.unread_month_warnings())
    if reader.problems:
        # every bad cell of the table at once: one pass, one list to fix
        raise TableError(reader.problems)
    if not any(section.indicators for section in sections):
        raise InputError("the KPI table has no indicator rows", Place(file, ws.title))
    months = tuple(month for month, _ in layout.months)
    sections, months = _without_empty_last_months(Place(None, ws.title), layout, sections,
                                                   months, warnings)
    title, description = _framing(ws, header_row)
    return KpiTable(
        sheet=ws.title,
        title=title,
        description=description,
        previous_year_label=layout.previous_year_label,
        months=months,
        sections=sections,
        columns=_figure_columns(layout, months),
        notes=tuple(reader.notes),
    )


def _figure_columns(layout: Layout, months: tuple[Month, ...]) -> tuple[tuple[str, str], ...]:
    """Each figure's column letter, so that the history store can name every figure's cell.
    ``months`` are the months kept (an empty last column dropped), in the layout's order."""
    fixed = [(key, get_column_letter(layout.columns[role]))
             for role, key in _FIGURE_KEYS.items() if role in layout.columns]
    kept = [(f"month:{month.iso}", get_column_letter(col))
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
            f"for {months[keep - 1].name} {months[keep - 1].year}",
            replace(sheet, cell=f"{get_column_letter(col)}{layout.month_row}")))
    return tuple(Section(s.title, tuple(replace(i, trend=i.trend[:keep]) for i in s.indicators))
                 for s in sections), months[:keep]


def _framing(ws: Worksheet, header_row: int) -> tuple[str, str]:
    """The table's title and description, as the seed frames it above the header.

    The title is the first text above the header ("Children's Social Care Highlight
    Indicators"), else the sheet's name. The description is the text of the rows after it that
    hold one text each ("This report provides summary overview of KPIs ..."), a line per row,
    up to the first row with several: the header's group band ("Performance from previous
    financial year", "Agreed targets ..."), which is part of the header, not a description."""
    title, lines = "", []
    if header_row > 1:  # iter_rows reads to the sheet's end when max_row is 0
        for row in ws.iter_rows(max_row=header_row - 1, values_only=True):
            texts = [text for value in row if (text := text_of(value))]
            if not texts:
                continue
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


def _layout(ws: Worksheet, file: str, header_row: int) -> Layout:
    last_column = ws.max_column  # openpyxl looks at every cell of the sheet to say
    anchor = {col: role_of(ws.cell(header_row, col).value) for col in range(1, last_column + 1)}
    ref_col = next(col for col, role in anchor.items() if role is Role.REF)
    measure_col = next(col for col, role in anchor.items() if role is Role.MEASURE)
    first_data = header_row + 1
    while first_data <= header_row + MAX_HEADER_DEPTH and all(
        is_blank(ws.cell(first_data, col).value) for col in (ref_col, measure_col)
    ):
        first_data += 1
    rows = list(range(header_row, first_data))
    columns = list(range(1, last_column + 1))
    band = _band(ws, range(header_row, first_data))
    found = classify(band, rows, columns)
    problems = [_conflict(file, ws.title, conflict) for conflict in found.conflicts]
    header = Place(file, ws.title, f"{get_column_letter(ref_col)}{header_row}")
    missing = [role.value for role in REQUIRED if role not in found.roles]
    if missing:
        problems.append(Problem(
            f"the KPI table has no {', '.join(repr(m) for m in missing)} column", header))
    if not found.months:
        problems.append(Problem("the KPI table has no month columns (labels such as 'Sep 18')",
                                header))
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
        previous_year_label=found.labels.get(Role.PREVIOUS_YEAR, ""),
        labels=found.labels,
        comparators=tuple(found.comparators),
        unread_months=unread,
        month_row=month_row,
    )


def _conflict(file: str, sheet: str, conflict: Conflict) -> Problem:
    cells = " and ".join(f"{get_column_letter(c)}{conflict.row}" for c in conflict.columns)
    second = f"{get_column_letter(conflict.columns[1])}{conflict.row}"
    return Problem(f"two columns are headed {conflict.label!r} ({cells})",
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
_FIGURE_KEYS = {Role.PREVIOUS_YEAR: "previous_year", Role.NUMERATOR: "numerator",
                Role.DENOMINATOR: "denominator", Role.CURRENT: "current",
                Role.MIN: "target_min", Role.UPPER: "target_upper"}


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
    def __init__(self, ws: Worksheet, file: str, layout: Layout, formulas: Formulas) -> None:
        self.ws, self.file, self.layout, self.formulas = ws, file, layout, formulas
        self.cols = layout.columns
        self.seen_refs: dict[str, str] = {}
        self.fields = [
            _Field(key, self.cols[role], layout.labels.get(role, role.value),
                   role in (Role.MIN, Role.UPPER))
            for role, key in _FIGURE_KEYS.items() if role in self.cols
        ] + [_Field(f"trend:{i}", col, month.short) for i, (month, col) in
             enumerate(layout.months)]
        self.by_key = {f.key: f for f in self.fields}
        self.unread_filled: dict[int, int] = {}
        """Column of an unreadable month header → the first row with a figure under it."""
        self.problems: list[Problem] = []
        """What stops the build, gathered while the rows are read so that all are reported."""
        self.notes: list[str] = []
        """The note rows under the table ("Source: ..."), in order."""

    def refuse(self, message: str, col: int, row: int) -> None:
        """A cell that stops the build: noted, and the pass goes on to find the others."""
        self.problems.append(Problem(message, self.place(col, row)))

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
        for cells in self.ws.iter_rows(min_row=self.layout.first_data_row,
                                       max_col=self.layout.last_column):
            row = _Row(cells[0].row, {c.column: c for c in cells if c.value is not None})
            if not row.cells:
                continue
            kind = self._kind(row)
            if kind == "indicator":
                sections[-1][1].append(self._indicator(row, sections[-1][0]))
                self._note_unread(row)
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

    def _text(self, row: _Row, role: Role) -> str:
        cell = row.value(self.cols.get(role))
        return "" if cell is None else text_of(cell.value)

    def _label(self, row: _Row) -> str:
        return next(text for _, c in sorted(row.cells.items()) if (text := text_of(c.value)))

    def _kind(self, row: _Row) -> str:
        has_values = any(
            (cell := row.value(f.col)) is not None and not is_blank(cell.value)
            for f in self.fields
        )
        ref, measure = self._text(row, Role.REF), self._text(row, Role.MEASURE)
        if ref and (measure or has_values):
            return "indicator"
        if has_values:
            self.refuse("this row has figures but no Ref", self.cols[Role.REF], row.number)
            return "blank"
        if not any(not is_blank(c.value) for c in row.cells.values()):
            return "blank"
        return "note" if _NOTE.match(self._label(row)) else "section"

    def _ref(self, row: _Row) -> str:
        cell = row.value(self.cols[Role.REF])
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
        measure = self._text(row, Role.MEASURE)
        scaled = scale_row(ref, measure, read, partial(self.name, row.number))
        if scaled.refusal is not None:
            key, message = scaled.refusal
            self.refuse(message, self.by_key[key].col, row.number)
        read, unit = scaled.figures, scaled.unit
        notes.extend(scaled.notes)
        if any(row.value(f.col) is None for f in self.fields):
            read["current"] = self._unsaved_formulas(row, ref, read, unit, notes)
        trend = [read.get(f"trend:{i}") for i in range(len(self.layout.months))]
        polarity, polarity_place = self._polarity(row, ref, measure, notes)
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
            period_type=self._text(row, Role.PERIOD) or None,
            trend=tuple(_figure(n) for n in trend),
            target_min=_figure(read.get("target_min")),
            target_upper=_figure(read.get("target_upper")),
            polarity=polarity,
            commentary=self._text(row, Role.COMMENTARY),
            place=self.at(self.cols[Role.REF], row.number),
            notes=tuple(notes),
            polarity_place=polarity_place,
            commentary_place=(self.at(self.cols[Role.COMMENTARY], row.number)
                              if Role.COMMENTARY in self.cols else None),
            comparators=comparators,
        )

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
                                    f"worked out from Num/Denom as {ratio:,.1f}", place, ref))
            else:
                notes.append(Notice(f"{where} is a formula saved without its value; treated as "
                                    "missing (open the workbook in Excel and save it to store "
                                    "values)", place, ref))
        return current

    def _polarity(self, row: _Row, ref: str, measure: str,
                  notes: list[Notice]) -> tuple[Polarity | None, Place | None]:
        """What the workbook states, and where: the Polarity cell, else the measure's title."""
        stated = self._text(row, Role.POLARITY)
        if stated and stated.lower() not in PLACEHOLDERS:
            place = self.at(self.cols[Role.POLARITY], row.number)
            polarity = read_polarity(stated)
            if polarity is not None:
                return polarity, place
            notes.append(Notice(f"Polarity {stated!r} at {place.in_workbook} cannot be read "
                                "(write Higher or Lower); ignored", place, ref))
        lowered = measure.lower()
        for words, polarity in (("lower is better", Polarity.LOWER),
                                ("higher is better", Polarity.HIGHER)):
            if words in lowered:
                return polarity, self.at(self.cols[Role.MEASURE], row.number)
        return None, None


def _ref_text(value: Any, number_format: str) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A ref typed as a number (2.10) is only told from 2.1 by its number format.
        try:
            number = read_number(value, number_format)
        except NotANumberError:  # 1e308 as a ref: shown as written
            return text_of(value)
        if number is not None:
            return f"{number.value:.{number.decimals}f}"
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
    text = f"{number.value:,.{min(number.decimals, 15)}f}"
    return f"{text}%" if number.percent else text


def _figure(number: Number | None) -> Figure | None:
    return None if number is None else Figure(number.value, number.decimals)
