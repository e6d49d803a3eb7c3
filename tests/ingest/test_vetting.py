"""What the check before parsing learns of a workbook's formulas: whether any was saved without
its value, the only case in which the reader must parse a sheet a second time to find them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import reportgen.ingest
from reportgen.ingest import read_report
from reportgen.ingest.vetting import FormulaScan, vet_workbook
from tests.conftest import Write
from tests.ingest.builders import patch_sheet, spec, table, texts

SHEET = "xl/worksheets/sheet2.xml"  # the KPI sheet, after Deck


def with_formula(write: Write, value: bytes | None) -> Path:
    """The builders' workbook with Current (F8) a formula, its value as Excel saves it (or
    none, as openpyxl saves it), and the row's previous-year figure (C8) blank."""
    path = write(spec(table()))
    workbook = openpyxl.load_workbook(path)
    workbook["KPIs"]["F8"] = "=D8/E8"
    workbook["KPIs"]["C8"] = None
    workbook.save(path)
    if value is not None:
        patch_sheet(path, SHEET, b"<f>D8/E8</f><v></v>", b"<f>D8/E8</f><v>" + value + b"</v>")
    return path


def test_formulas_saved_with_their_values(write: Write) -> None:
    assert not vet_workbook(with_formula(write, b"0.873")).unsaved_formulas


def test_a_formula_saved_without_its_value(write: Write) -> None:
    assert vet_workbook(with_formula(write, None)).unsaved_formulas


def test_no_second_parse_when_every_formula_has_its_value(
        write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = with_formula(write, b"0.873")

    def second_parse(*_: object) -> frozenset[tuple[int, int]]:
        raise AssertionError("the sheet was parsed again for its formulas")

    monkeypatch.setattr(reportgen.ingest, "formula_cells", second_parse)
    indicator = read_report(path).kpis.indicators[0]
    assert indicator.previous_year is None  # blank: missing, and not taken for a formula
    assert indicator.current is not None and indicator.current.value == pytest.approx(87.3)
    assert texts(indicator.notes) == ()


CELLS = {
    b'<c r="F8"><f>D8/E8</f><v>0.9</v></c>': False,
    b'<c r="F8" s="3"><f t="shared" ref="F8:F20" si="0">D8/E8</f><v>0.9</v></c>'
    b'<c r="F9" s="3"><f t="shared" si="0"/><v>1</v></c>': False,
    b'<c r="A1" s="0" t="n"><f aca="false">1+1</f>\n  <v>2</v></c>': False,  # LibreOffice
    b'<c r="A1"><v>1</v></c><formula>A1&gt;0</formula>': False,  # conditional formatting
    b'<c r="F8"><f>D8/E8</f><v></v></c>': True,  # openpyxl
    b'<c r="F8"><f>D8/E8</f></c>': True,
    b'<c r="F8"><f>D8/E8</f><v/></c>': True,
    b'<c r="F9"><f t="shared" si="0"/></c>': True,
    b'<c r="F8"><f>D8/E8</f><v>1</v></c><c r="F9"><f>D9/E9</f></c>': True,
}


@pytest.mark.parametrize(("xml", "unsaved"), CELLS.items())
def test_formulas_are_told_in_chunks_cut_anywhere(xml: bytes, unsaved: bool) -> None:
    for cut in range(len(xml) + 1):
        scan = FormulaScan()
        scan.feed(xml[:cut])
        scan.feed(xml[cut:])
        assert scan.finish() is unsaved, cut
