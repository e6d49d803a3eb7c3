"""The workbook boundary: the only code that touches openpyxl.

``read_report`` turns a KPI workbook into a frozen :class:`~reportgen.model.Report`; nothing
downstream sees a cell.
"""

from __future__ import annotations

import functools
import warnings as pywarnings
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException

from reportgen.errors import InputError, InputProblem, Place, SetupError, TableError
from reportgen.ingest.columns import CONFIG_KEYS, ColumnRole, key_of
from reportgen.ingest.kpi_sheet import header_row_of, read_kpi_table
from reportgen.ingest.text_sheets import read_deck_sheet, read_narrative
from reportgen.ingest.vetting import Vetted, vet_workbook
from reportgen.model import DeckInfo, KpiTable, Notice, Part, Report

__all__ = ["INSTRUCTIONS", "WORKBOOK_SUFFIXES", "is_instructions", "read_report",
           "require_defused_xml"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
INSTRUCTIONS = "Instructions"
"""The name of a sheet that is never a slide."""
_ADVICE = {
    ".xls": "an old Excel .xls workbook: open it in Excel or LibreOffice and save it as .xlsx",
    ".ods": "an OpenDocument spreadsheet: open it in LibreOffice and save it as Excel .xlsx",
    ".csv": "a CSV file, which holds one sheet only: open it in Excel and save it as an Excel "
            "Workbook (.xlsx) with the Deck and narrative sheets, or start from `reportgen init`",
}


def read_report(path: Path, columns: Mapping[str, str] | None = None) -> Report:
    """The workbook as a Report; ``columns`` maps a role's key (``ref``, ``target``, ...) to the
    header text that holds it, as reportgen.toml's ``[columns]`` does."""
    file = str(path)
    mapped = {key_of(header): CONFIG_KEYS[key] for key, header in (columns or {}).items()}
    workbook, vetted = _open(path)
    warnings: list[Notice] = []
    try:
        return _read(workbook, file, warnings, formulas=vetted.unsaved_formulas, mapped=mapped)
    finally:
        workbook.close()


def require_defused_xml() -> None:
    """openpyxl parses with defusedxml only when it is installed; refuse to run without it."""
    if not openpyxl.DEFUSEDXML:
        raise SetupError("defusedxml is not installed (or OPENPYXL_DEFUSEDXML is off), so "
                         "workbooks cannot be parsed safely: pip install defusedxml")


def _open(path: Path) -> tuple[Any, Vetted]:
    file = str(path)
    suffix = path.suffix.lower()
    if suffix in _ADVICE:
        raise InputError(f"this is {_ADVICE[suffix]}", Place(file))
    if path.is_dir():
        raise InputError("is a folder, not a workbook", Place(file))
    if not path.is_file():
        raise InputError("no such file", Place(file))
    require_defused_xml()
    vetted = vet_workbook(path)
    try:
        with pywarnings.catch_warnings():
            # openpyxl warns about data validation and other features it drops; we only read.
            pywarnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, data_only=True, rich_text=True,
                                              keep_links=False)
    except DefusedXmlException as exc:
        raise InputError(f"the workbook's XML is unsafe ({type(exc).__name__}); refused",
                         Place(file)) from exc
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
            TypeError, AttributeError, IndexError) as exc:
        # openpyxl reports a malformed part with whatever exception its parser raised.
        raise InputError(f"not a readable .xlsx workbook ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else 'malformed'})",
                         Place(file)) from exc
    return workbook, vetted


def _no_formulas() -> frozenset[tuple[int, int]]:
    return frozenset()


def is_instructions(sheet_name: str) -> bool:
    """A sheet of instructions for whoever fills the workbook in (``reportgen init`` writes
    one): visible, so that it is read, but never a slide."""
    return sheet_name.strip().lower() == INSTRUCTIONS.lower()


def _read(workbook: Any, file: str, warnings: list[Notice], *, formulas: bool,
          mapped: Mapping[str, ColumnRole] | None = None) -> Report:
    visible = [ws for ws in workbook.worksheets
               if ws.sheet_state == "visible" and not is_instructions(ws.title)]
    deck_sheet = next((ws for ws in visible if ws.title.strip().lower() == "deck"), None)
    deck = read_deck_sheet(deck_sheet, warnings) if deck_sheet else DeckInfo(title="")
    outline: list[Part] = []
    for ws in visible:
        if ws is deck_sheet:
            continue
        tables = _tables(ws, file, warnings, formulas=formulas, mapped=mapped)
        outline.extend(tables or [read_narrative(ws, warnings)])
    tables = [part for part in outline if isinstance(part, KpiTable)]
    if not tables:
        raise InputError("no KPI table: no visible sheet has a header row with a Ref and a "
                         "measure column ('Ref' and 'Performance Measure', 'NO.' and "
                         "'INDICATORS', ...)", Place(file))
    _refuse_repeated_refs(file, tables)
    kpis = tables[0]
    if not deck.title:
        # about the whole workbook: its only place is the file
        warnings.append(Notice("no Deck sheet with a Title; the deck is titled after the month",
                               Place(file)))
        deck = replace(deck, title=f"KPI update: {kpis.period.long}")
    for table in tables:
        warnings.extend(_month_warnings(table))
    return Report(source=file, deck=deck, outline=tuple(outline), warnings=tuple(warnings))


def _tables(ws: Any, file: str, warnings: list[Notice], *, formulas: bool,
            mapped: Mapping[str, ColumnRole] | None) -> list[KpiTable]:
    """Every KPI table on a sheet: one, or several stacked under their own titles."""
    tables: list[KpiTable] = []
    # a second read for formulas only when the file holds any saved without their values
    # (vetting looked), and then only when a figure is blank
    lookup = functools.cache(partial(formula_cells, Path(file), ws.title)) if formulas \
        else _no_formulas
    top, header_row = 1, header_row_of(ws, mapped)
    while header_row is not None:
        read = read_kpi_table(ws, file, header_row, lookup, warnings, mapped, top)
        tables.append(read.table)
        if read.next_header is None:
            break
        top, header_row = read.next_top, read.next_header
    return tables


def _refuse_repeated_refs(file: str, tables: list[KpiTable]) -> None:
    """A ref names one indicator in the whole workbook (the history keys on it): a ref in two
    scorecards is refused, as within one; often a leftover copy of last month's sheet."""
    seen: dict[str, Place] = {}
    problems = []
    for table in tables:
        for indicator in table.indicators:
            earlier = seen.setdefault(indicator.ref, indicator.place)
            if earlier is not indicator.place:
                problems.append(InputProblem(
                    f"Ref {indicator.ref!r} is also in another table at {earlier.in_workbook}: "
                    "each ref names one indicator (hide or delete a leftover copy of a sheet)",
                    replace(indicator.place, file=file)))
    if problems:
        raise TableError(problems)


def formula_cells(path: Path, sheet: str) -> frozenset[tuple[int, int]]:
    """Where the sheet has formulas: a second, streaming read that keeps formulas, not values."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        return frozenset((cell.row, cell.column) for row in workbook[sheet].iter_rows()
                         for cell in row if getattr(cell, "data_type", None) == "f")
    finally:
        workbook.close()


def _month_warnings(kpis: KpiTable) -> list[Notice]:
    months = kpis.months
    gaps = [f"{a.short} → {b.short}" for a, b in pairwise(months)
            if b != a.shifted(1)]
    if gaps:
        return [Notice(f"month columns are not consecutive ({', '.join(gaps)})",
                       Place(None, kpis.sheet))]
    return []
