"""Comparator columns (England, statistical neighbours, a region) read by their labels.

In the sample layout with comparators: A Ref .. P Trend, then the comparators from Q; row 8.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen.ingest import read_report
from reportgen.ingest.writer import SheetCell, SheetRow, SheetSection, count, pct
from tests.conftest import Write
from tests.ingest.builders import cohort, one_row, spec, table, texts, visits

HEADERS = ("England 2017/18", "Statistical neighbours 2017/18", "London")


def test_each_comparator_is_read_with_its_name_year_and_cell(write: Write) -> None:
    row = replace(visits(), comparators=[pct(0.884), pct(0.861), "n/a"])
    kpis = read_report(write(one_row(row, comparators=HEADERS))).kpis
    found = kpis.indicators[0].comparators
    assert [(c.name, c.year, round(c.value.value, 9), c.value.decimals, c.place.in_workbook)
            for c in found] == [("England", "2017/18", 88.4, 1, "KPIs!Q8"),
                                ("Statistical neighbours", "2017/18", 86.1, 1,
                                 "KPIs!R8")]


def test_previous_year_and_a_comparator_of_the_same_year_are_told_apart(write: Write) -> None:
    row = replace(visits(), comparators=[pct(0.884)])
    kpis = read_report(write(one_row(row, comparators=["England 2017/18"]))).kpis
    indicator = kpis.indicators[0]
    assert kpis.previous_year_label == "2017/18"
    assert indicator.previous_year is not None
    assert indicator.previous_year.value == 83.7
    assert [(c.name, c.year, round(c.value.value, 9)) for c in indicator.comparators] == [
        ("England", "2017/18", 88.4)]


def test_a_fraction_in_a_percentage_row_is_left_out_with_a_warning(write: Write) -> None:
    row = replace(visits(), comparators=[SheetCell(0.884), pct(0.861)])
    indicator = read_report(write(one_row(row, comparators=HEADERS[:2]))).kpis.indicators[0]
    assert [c.name for c in indicator.comparators] == ["Statistical neighbours"]
    assert texts(indicator.notes) == (
        "3.3a: England 2017/18 0.884 at KPIs!Q8 looks like a fraction of 1 in a percentage "
        "measure (Current 87.3%): type it as a percentage, e.g. 88.4%; left out of the "
        "comparison",)


def test_a_percentage_in_a_row_of_counts_is_left_out_with_a_warning(write: Write) -> None:
    row = replace(cohort(), comparators=[pct(0.5), count(310)])
    indicator = read_report(write(one_row(row, comparators=HEADERS[:2]))).kpis.indicators[0]
    assert [(c.name, c.value.value) for c in indicator.comparators] == [
        ("Statistical neighbours", 310)]
    assert "is a percentage, but the measure's figures are not" in texts(indicator.notes)[0]


def test_a_source_note_under_the_table_is_not_an_indicator(write: Write) -> None:
    rows = [SheetSection("Visits", [replace(visits(), comparators=[pct(0.884)])])]
    kpis = read_report(write(spec(table(
        sections=rows, comparators=["England"],
        notes=["Source: England figures are illustrative, not DfE's published figures."])))).kpis
    assert [ind.ref for ind in kpis.indicators] == ["3.3a"]


def test_a_table_without_comparators_reads_none(write: Write) -> None:
    kpis = read_report(write(spec(table()))).kpis
    assert all(ind.comparators == () for ind in kpis.indicators)


def test_comparator_text_that_is_no_number_is_a_warning(write: Write) -> None:
    row = replace(visits(), comparators=["about 88"])
    indicator = read_report(write(one_row(row, comparators=["England"]))).kpis.indicators[0]
    assert indicator.comparators == ()
    assert any("England 'about 88'" in text for text in texts(indicator.notes))


def test_a_comparator_column_is_never_a_month_or_another_column(write: Write) -> None:
    row = SheetRow("A1", "Backlog", count(14), None, None, count(12), "Snapshot",
                   [count(v) for v in (15, 14, 13, 12, 13, 12)], count(20), count(10),
                   comparators=[count(30), count(25)])
    report = read_report(write(one_row(row, comparators=["North West 2018", "SN average"])))
    indicator = report.kpis.indicators[0]
    assert report.warnings == () and len(report.kpis.months) == 6
    assert [(c.name, c.year, c.value.value) for c in indicator.comparators] == [
        ("North West", "2018", 30), ("SN average", "", 25)]
