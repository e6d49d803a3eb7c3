"""Ingestion of KPI tables built in code, in the layouts real workbooks use."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from reportgen.errors import MAX_LINES, Place, TableError
from reportgen.indicators import assess
from reportgen.ingest import read_report
from reportgen.ingest.writer import (
    Deck,
    SheetCell,
    SheetNarrative,
    SheetRow,
    SheetSection,
    WorkbookSpec,
)
from reportgen.model import Month, Unit
from tests.conftest import Write
from tests.ingest.builders import cohort, error_of, spec, table, texts, visits


def test_reads_sections_and_values(write: Write) -> None:
    kpis = read_report(write(spec(table()))).kpis
    assert [s.title for s in kpis.sections] == ["Visits", "Cohorts"]
    first = kpis.indicators[0]
    assert (first.ref, first.unit, first.current) == ("3.3a", Unit.PERCENT, first.current)
    assert first.current is not None and first.current.value == pytest.approx(87.3)
    assert [f.value if f else None for f in first.trend] == pytest.approx(
        [71.5, 80.7, 81.5, 78.5, 86.5, 87.3])
    assert kpis.indicators[1].unit is Unit.COUNT and kpis.indicators[1].numerator is None


def test_table_anywhere_on_any_sheet_with_other_months(write: Write) -> None:
    months = ["Mar 19", "Apr 19", "May 19", "Jun 19", "Jul 19", "Aug 19"]
    path = write(spec(table(sheet="Highlight", origin=(7, 4), months=months)))
    kpis = read_report(path).kpis
    assert kpis.sheet == "Highlight"
    assert kpis.months == tuple(Month(2019, m) for m in range(3, 9))
    assert [i.ref for i in kpis.indicators] == ["3.3a", "1.4"]


def test_months_as_dates_and_long_labels(write: Write) -> None:
    dates = [datetime(2018, m, 1) for m in (9, 10, 11, 12)] + ["January 2019", "Feb-19"]
    kpis = read_report(write(spec(table(months=dates)))).kpis
    assert kpis.period == Month(2019, 2) and len(kpis.months) == 6


def test_other_header_labels(write: Write) -> None:
    labels = {"Num": "NUMERATOR", "Denom": " denominator ", "Min": "Target Min",
              "Upper": "target upper", "Ref": "REF", "Performance Measure": "performance measure"}
    ind = read_report(write(spec(table(labels=labels)))).kpis.indicators[0]
    assert ind.numerator is not None and ind.numerator.value == 890
    assert ind.target_min is not None and ind.target_min.value == 90


def test_text_numbers_and_percent_points(write: Write) -> None:
    row = SheetRow("2.1", "% of contacts completed within 1 day", "62.3%", "13,140", "13,525",
                   SheetCell(97.2, "0.0"), "YTD",
                   ["97.3%", "98.3%", "97.5%", "97.0%", "97.3%", "97.0%"], SheetCell(90),
                   SheetCell(95))
    path = write(spec(table(sections=[SheetSection("Front door", [row])])))
    ind = read_report(path).kpis.indicators[0]
    assert ind.unit is Unit.PERCENT
    assert ind.numerator is not None and ind.numerator.value == 13140
    assert ind.current is not None and (ind.current.value, ind.current.decimals) == (97.2, 1)
    assert ind.previous_year is not None and ind.previous_year.value == pytest.approx(62.3)


def test_spacer_rows_hidden_sheets_and_notes(write: Write) -> None:
    path = write(spec(table(notes=["Source: Mosaic, data as at 28 February 2019",
                                   "Data validated by the performance team"])))
    wb = openpyxl.load_workbook(path)
    ws = wb["KPIs"]
    ws.insert_rows(9)  # a blank spacer between sections
    hidden = wb.create_sheet("Workings", 0)
    hidden["A1"] = "Ref"
    hidden["B1"] = "Performance Measure"
    hidden.sheet_state = "hidden"
    ws.column_dimensions["C"].hidden = True
    wb.save(path)
    report = read_report(path)
    assert [i.ref for i in report.kpis.indicators] == ["3.3a", "1.4"]
    assert [s.title for s in report.kpis.sections] == ["Visits", "Cohorts"]
    assert report.kpis.notes == ("Source: Mosaic, data as at 28 February 2019",)
    assert [p.sheet for p in report.outline] == ["KPIs", "Notes"]
    assert report.kpis.indicators[0].previous_year is not None  # hidden column still read


def test_numeric_refs_keep_their_shown_digits(write: Write) -> None:
    rows = [visits(SheetCell(2.1, "0.0")), visits(SheetCell(2.1, "0.00"))]  # type: ignore[arg-type]
    kpis = read_report(write(spec(table(sections=[SheetSection("S", rows)])))).kpis
    assert [i.ref for i in kpis.indicators] == ["2.1", "2.10"]


def test_unreadable_value_is_a_warning_not_zero(write: Write) -> None:
    row = visits()
    bad = replace(row, months=[*row.months[:2], "tba!", *row.months[3:]])
    ind = read_report(write(spec(table(sections=[SheetSection("S", [bad])])))).kpis.indicators[0]
    assert ind.trend[2] is None
    assert texts(ind.notes) == (
        "3.3a: Nov 18 'tba!' at KPIs!J8 is not a number; treated as missing",)


def test_duplicate_refs_are_named(write: Write) -> None:
    path = write(spec(table(sections=[SheetSection("S", [visits("3.1"), visits("3.1")])])))
    assert error_of(path) == f"{path}: KPIs!A9: duplicate Ref '3.1' (also at A8)"


def test_target_that_is_not_a_number_is_named(write: Write) -> None:
    bad = replace(visits(), target_min="ninety")
    path = write(spec(table(sections=[SheetSection("S", [bad])])))
    assert error_of(path) == f"{path}: KPIs!N8: Min target 'ninety' is not a number"


def test_missing_required_column_is_named(write: Write) -> None:
    path = write(spec(table(labels={"Ref": "Line"})))
    assert error_of(path).startswith(
        f"{path}: KPIs!A4: the KPI table has no 'Ref' column among the headers found ('Line'?, "
        "'Performance Measure', ")
    assert error_of(path).endswith("map one in reportgen.toml [columns], e.g. ref = \"Line\"")


def test_current_is_optional(write: Write) -> None:
    """A table without a Current column (design.md §2a): Current is the latest month's."""
    path = write(spec(table(labels={"Current": "Workings"})))
    kpis = read_report(path).kpis
    assert all(ind.current == ind.trend[-1] for ind in kpis.indicators)
    assert any(ind.current is not None for ind in kpis.indicators)


def test_workbook_without_kpi_table(write: Write) -> None:
    path = write(WorkbookSpec(Deck("x"), [SheetNarrative("Notes", "Hello", [])]))
    assert "no KPI table" in error_of(path)


def test_figures_without_a_ref(write: Write) -> None:
    path = write(spec(table(sections=[SheetSection("S", [visits(""), cohort()])])))
    assert error_of(path) == f"{path}: KPIs!A8: this row has figures but no Ref"


def table_error_of(path: Path) -> TableError:
    with pytest.raises(TableError) as caught:
        read_report(path)
    return caught.value


def test_every_bad_cell_of_the_table_is_reported_at_once(write: Write) -> None:
    rows = [replace(visits("3.1"), target_min="ninety"), visits("3.2"), visits(""),
            replace(visits("3.2"), target_upper="high")]
    path = write(spec(table(sections=[SheetSection("S", rows)])))
    error = table_error_of(path)
    assert error.details == (f"{path}: KPIs!N8: Min target 'ninety' is not a number",
                             f"{path}: KPIs!A10: this row has figures but no Ref",
                             f"{path}: KPIs!A11: duplicate Ref '3.2' (also at A9)",
                             f"{path}: KPIs!O11: Upper target 'high' is not a number")
    # where one line is wanted, the error is its first problem
    assert str(error) == error.details[0]


def test_every_header_problem_is_reported_at_once(write: Write) -> None:
    path = write(spec(table(labels={"Ref": "Line", "Min": "Current"})))
    details = table_error_of(path).details
    assert details[0] == f"{path}: KPIs!N6: two columns are headed 'Current' (F6 and N6)"
    assert details[1].startswith(f"{path}: KPIs!A4: the KPI table has no 'Ref' column among")
    assert len(details) == 2


def test_many_bad_cells_are_listed_up_to_a_cap(write: Write) -> None:
    rows = [replace(visits(f"3.{i}"), target_min="ninety") for i in range(MAX_LINES + 5)]
    path = write(spec(table(sections=[SheetSection("S", rows)])))
    error = table_error_of(path)
    assert len(error.details) == MAX_LINES + 5
    assert error.lines() == (*error.details[:MAX_LINES],
                             f"{path}: ... and 5 more problems like these")


def test_plain_table_at_the_top_left_with_one_row_header(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Ref", "Performance Measure", "Current", "Min", "Upper", "Jan 19", "Feb 19"])
    ws.append(["A1", "% on time", "91.5%", "90%", "95%", "88.0%", "91.5%"])
    ws.append(["A2", "Backlog (lower is better)", 12, 20, 10, 15, 12])
    path = tmp_path / "plain.xlsx"
    wb.save(path)
    kpis = read_report(path).kpis
    assert kpis.title == "Data"
    assert [(i.ref, i.unit) for i in kpis.indicators] == [("A1", Unit.PERCENT), ("A2", Unit.COUNT)]
    assert kpis.indicators[1].target_min is not None


def test_notices_and_rows_carry_their_places(write: Write) -> None:
    row = visits()
    bad = replace(row, months=[*row.months[:2], "tba!", *row.months[3:]])
    ind = read_report(write(spec(table(sections=[SheetSection("S", [bad])])))).kpis.indicators[0]
    (notice,) = ind.notes
    assert (notice.ref, notice.place) == ("3.3a", Place(None, "KPIs", "J8"))
    assert ind.place == Place(None, "KPIs", "A8")


def test_the_commentary_cell_is_known_when_the_sheet_has_the_column(write: Write) -> None:
    with_column = read_report(write(spec(table(commentary=True)), "a.xlsx")).kpis.indicators[0]
    without = read_report(write(spec(table()), "b.xlsx")).kpis.indicators[0]
    assert with_column.commentary_place == Place(None, "KPIs", "Q8")
    assert without.commentary_place is None
    # 3.3a is red with an empty Commentary cell: check points at the cell to fill
    assert any(w.place == Place(None, "KPIs", "Q8") for w in assess(with_column).warnings)


def test_the_sample_keeps_the_seeds_title_and_description(sample: Path) -> None:
    kpis = read_report(sample).kpis
    assert kpis.title == "Children's Social Care Highlight Indicators"
    assert kpis.description == (
        "This report provides summary overview of KPIs linked to child-centred performance "
        "management data being used in support of performance improvement across CSC")


def test_no_description_row_gives_an_empty_description(write: Write) -> None:
    # the title row is followed straight by the header's group band, which is not a description
    kpis = read_report(write(spec(table(description="")))).kpis
    assert (kpis.title, kpis.description) == ("Children's Social Care Highlight Indicators", "")


def test_a_description_over_several_rows_keeps_a_line_each(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in (["Highlight indicators"], ["Snapshot measures are as at month end."], [],
                [None, "YTD measures count from April."],
                ["Measure", None, "Targets", None, "Months"],
                ["Ref", "Performance Measure", "Min", "Upper", "Jan 19", "Feb 19", "Current"],
                ["A1", "% on time", "90%", "95%", "88.0%", "91.5%", "91.5%"]):
        ws.append(row)
    path = tmp_path / "described.xlsx"
    wb.save(path)
    kpis = read_report(path).kpis
    assert kpis.title == "Highlight indicators"
    assert kpis.description == ("Snapshot measures are as at month end.\n"
                                "YTD measures count from April.")


def test_a_table_with_nothing_above_has_neither(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Ref", "Performance Measure", "Current", "Min", "Upper", "Jan 19", "Feb 19"])
    ws.append(["A1", "% on time", "91.5%", "90%", "95%", "88.0%", "91.5%"])
    path = tmp_path / "plain.xlsx"
    wb.save(path)
    kpis = read_report(path).kpis
    assert (kpis.title, kpis.description) == ("Data", "")
