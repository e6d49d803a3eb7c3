"""Honest variations of the layout that real workbooks show, each read correctly."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from reportgen.ingest import read_report
from reportgen.ingest.writer import SheetCell, SheetRow, SheetSection, SheetTable, WorkbookSpec
from reportgen.model import Unit
from tests.conftest import Write
from tests.ingest.builders import MONTHS, spec, table, texts, visits


def only_indicator(path: Path) -> object:
    return read_report(path).kpis.indicators[0]


def test_percent_points_in_a_measure_titled_with_percent(write: Write) -> None:
    months = [SheetCell(v) for v in (87.3, 85.1, 88, 83.3, 86.5, 89)]
    row = SheetRow("3.1", "% of children in need with CIN Plan completed", SheetCell(86.1),
                   SheetCell(908), SheetCell(1020), SheetCell(89.0, "0.0"), "Snapshot", months,
                   SheetCell(90), SheetCell(95))
    path = write(spec(table(sections=[SheetSection("Plans", [row])])))
    ind = read_report(path).kpis.indicators[0]
    assert ind.unit is Unit.PERCENT
    assert ind.current is not None and (ind.current.value, ind.current.decimals) == (89.0, 1)
    assert texts(ind.notes) == ()  # 908/1020 = 89.0% agrees


def test_headers_with_odd_case_and_spacing(write: Write) -> None:
    labels = {"Ref": "  ref ", "Performance Measure": "PERFORMANCE   MEASURE", "Num": "Num:",
              "Current": " CURRENT", "Min": "MIN", "Upper": "Upper "}
    path = write(spec(table(labels=labels)))
    assert [i.ref for i in read_report(path).kpis.indicators] == ["3.3a", "1.4"]


def test_formulas_use_excels_saved_values(write: Write, tmp_path: Path) -> None:
    path = write(spec(table()))
    wb = openpyxl.load_workbook(path)
    wb["KPIs"]["F8"] = "=D8/E8"  # Current as a formula
    wb.save(path)
    # Fake what Excel does on save: store the formula's value beside it.
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    sheet = "xl/worksheets/sheet2.xml"
    parts[sheet] = parts[sheet].replace(b"<f>D8/E8</f><v></v>", b"<f>D8/E8</f><v>0.873</v>")
    parts[sheet] = parts[sheet].replace(b"<f>D8/E8</f></c>", b"<f>D8/E8</f><v>0.873</v></c>")
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(saved, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    ind = read_report(saved).kpis.indicators[0]
    assert ind.current is not None and ind.current.value == pytest.approx(87.3)
    assert texts(ind.notes) == ()


def test_formulas_without_saved_values(write: Write) -> None:
    path = write(spec(table()))
    wb = openpyxl.load_workbook(path)
    ws = wb["KPIs"]
    ws["F8"] = "=D8/E8"  # openpyxl, like other programs, saves no value for it
    ws["M8"] = "=F8"
    wb.save(path)
    ind = read_report(path).kpis.indicators[0]
    assert ind.current is not None and ind.current.value == pytest.approx(890 / 1020 * 100)
    assert ind.trend[-1] is None
    assert texts(ind.notes) == (
        "3.3a: Current at KPIs!F8 is a formula saved without its value; worked out from "
        "Num/Denom as 87.3",
        "3.3a: KPIs!M8 is a formula saved without its value; treated as missing (open the "
        "workbook in Excel and save it to store values)",
    )


def test_macro_enabled_workbook(write: Write, tmp_path: Path) -> None:
    path = write(spec(table()))
    xlsm = tmp_path / "book.xlsm"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(xlsm, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            target.writestr(info, data)
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macros are never run")
    assert [i.ref for i in read_report(xlsm).kpis.indicators] == ["3.3a", "1.4"]


def test_sections_merged_and_spacer_rows_and_two_row_header(write: Write) -> None:
    sections = [SheetSection("Visits", [visits("3.3a")]),
                SheetSection("More visits", [visits("4.6")])]
    path = write(WorkbookSpec(None, [SheetTable(months=MONTHS, sections=sections)]))
    wb = openpyxl.load_workbook(path)
    ws = wb["KPIs"]
    ws.insert_rows(9, 2)
    wb.save(path)
    kpis = read_report(path).kpis
    assert [(s.title, [i.ref for i in s.indicators]) for s in kpis.sections] == [
        ("Visits", ["3.3a"]), ("More visits", ["4.6"])]
