"""Month and previous-year headers as Excel users write them, and the period they give.

In the sample layout the month labels are on row 6, Sep 18..Feb 19 in H..M; Min is N.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from reportgen.errors import Place
from reportgen.ingest import read_report
from reportgen.ingest.writer import SheetCell, SheetRow, SheetSection, count
from reportgen.model import Month
from tests.conftest import Write
from tests.ingest.builders import (
    MONTHS,
    cohort,
    error_of,
    one_row,
    plain_table,
    report_of,
    spec,
    table,
    texts,
    visits,
)

FEBRUARY = Month(2019, 2)
SIX = tuple(FEBRUARY.shifted(i - 5) for i in range(6))


@pytest.mark.parametrize("label", [
    "Feb 19 (provisional)", "Feb-19 (prov)", "Febuary 2019", "February 19", "2019-02",
    "Feb 19 - provisional", "Feb 19*", datetime(2019, 2, 1), 43497,
])
def test_the_last_month_as_people_write_it(write: Write, label: object) -> None:
    kpis = read_report(write(spec(table(months=[*MONTHS[:5], label])))).kpis
    assert kpis.months == SIX and kpis.period == FEBRUARY
    assert kpis.indicators[0].trend[-1] is not None
    assert kpis.indicators[0].trend[-1].value == pytest.approx(87.3)


@pytest.mark.parametrize("labels", [
    ["Sept 18", "Oct 18", "Nov 18", "Dec 18", "Janurary 2019", "Febuary 2019"],
    ["September 2018", "October 2018", "Novemeber 2018", "Decmber 2018", "Jan-19", "02/2019"],
])
def test_misspelt_and_mixed_month_labels(write: Write, labels: list[str]) -> None:
    kpis = read_report(write(spec(table(months=labels)))).kpis
    assert kpis.months == SIX


def test_a_date_serial_with_a_date_format(write: Write) -> None:
    path = write(spec(table(months=[*MONTHS[:5], 43497])))
    workbook = openpyxl.load_workbook(path)
    workbook["KPIs"]["M6"].number_format = "mmm-yy"
    workbook.save(path)
    assert read_report(path).kpis.period == FEBRUARY


def test_a_month_that_cannot_be_read_over_figures_stops_the_build(write: Write) -> None:
    # Silently dropping it made the deck "January KPIs" with February's figures unseen.
    path = write(spec(table(months=[*MONTHS[:5], "Febtember 19"])))
    assert error_of(path) == (
        f"{path}: KPIs!M6: the month header 'Febtember 19' cannot be read, and its column holds "
        "figures (row 8): head it with its month, e.g. 'Feb 19', 'February 2019' or a date")


def test_a_month_that_cannot_be_read_over_an_empty_column_is_a_warning(write: Write) -> None:
    rows = [replace(visits(), months=visits().months[:5]), replace(cohort(), months=[])]
    report = report_of(write(spec(table(months=[*MONTHS[:5], "Fbe 19"],
                                        sections=[SheetSection("S", rows)]))))
    assert report.kpis.period == Month(2019, 1)
    assert "KPIs!M6: month header 'Fbe 19' cannot be read; its column has no figures, so it is " \
           "left out" in texts(report.warnings)
    unread = next(w for w in report.warnings if "Fbe 19" in w.text)
    assert (unread.ref, unread.place) == ("", Place(None, "KPIs", "M6"))


def test_a_column_between_months_without_a_header_but_with_figures(write: Write) -> None:
    path = write(spec(table(months=[*MONTHS[:3], "", *MONTHS[4:]])))
    assert error_of(path).startswith(
        f"{path}: KPIs!K6: this column among the months has no month header, and its column "
        "holds figures (row 8)")


def test_other_columns_beside_the_months_are_not_months(tmp_path: Path) -> None:
    path = plain_table(tmp_path / "b.xlsx",
                       ["Ref", "Performance Measure", "Current", "Jan 19", "Feb 19", "RAG", "DoT",
                        "Min", "Upper"],
                       ["A1", "% on time", "91.5%", "88.0%", "91.5%", "Amber", "Up", "90%",
                        "95%"])
    report = read_report(path)
    assert report.kpis.months == (Month(2019, 1), FEBRUARY) and report.warnings == ()


def test_an_empty_month_prepared_in_advance_is_left_out(write: Write) -> None:
    # An empty "Mar 19" column made the deck "March KPIs" and claimed nothing moved.
    rows = [visits(), cohort(), replace(cohort("1.5"), months=[*cohort().months, "-"])]
    report = report_of(write(spec(table(months=[*MONTHS, "Mar 19"],
                                        sections=[SheetSection("S", rows)]))))
    kpis = report.kpis
    assert kpis.period == FEBRUARY and kpis.months == SIX
    assert all(len(ind.trend) == 6 for ind in kpis.indicators)
    assert kpis.indicators[2].numerator is None  # "n/a": missing, never zero
    assert "KPIs!N6: month column Mar 19 has no figures in any row; left out, so the report is " \
           "for February 2019" in texts(report.warnings)


def test_an_empty_month_between_two_with_figures_stays_a_gap(write: Write) -> None:
    gap = [replace(r, months=[*r.months[:3], None, *r.months[4:]]) for r in (visits(), cohort())]
    kpis = read_report(write(spec(table(sections=[SheetSection("S", gap)])))).kpis
    assert kpis.months == SIX
    assert [ind.trend[3] for ind in kpis.indicators] == [None, None]


def test_a_table_with_no_figures_yet_keeps_its_months(write: Write) -> None:
    row = SheetRow("1.1", "% on time", months=[], target_min=SheetCell(90),
                   target_upper=SheetCell(95))
    assert read_report(write(one_row(row))).kpis.period == FEBRUARY


@pytest.mark.parametrize("label", [
    "17/18", "2017/18", "2017-18", "FY 2017/18", "FY17/18", "Outturn 2017/18", "2017/18 outturn",
    "Previous year", "Previous year (2017/18)", "2017/2018",
])
def test_previous_year_headers(write: Write, label: str) -> None:
    kpis = read_report(write(spec(table(previous_label=label)))).kpis
    assert kpis.previous_year_label == label
    previous = kpis.indicators[0].previous_year
    assert previous is not None and previous.value == pytest.approx(83.7)


@pytest.mark.parametrize("label", [
    "England 2017/18", "Statistical neighbours 2017/18", "SN average", "London 2017/18",
    "Region", "North West", "Stat neighbours 17/18", "England",
])
def test_a_comparator_is_never_the_previous_year(write: Write, label: str) -> None:
    kpis = read_report(write(spec(table(previous_label=label)))).kpis
    assert kpis.previous_year_label == ""
    assert [ind.previous_year for ind in kpis.indicators] == [None, None]


@pytest.mark.parametrize("label", ["England 2017/18", "SN average", "North West"])
def test_comparators_beside_the_previous_year_and_the_months(tmp_path: Path, label: str) -> None:
    path = plain_table(tmp_path / "b.xlsx",
                       ["Ref", "Performance Measure", label, "2017/18", "Current", "Jan 19",
                        "Feb 19", label + " ", "Min", "Upper"],
                       ["A1", "Backlog", 30, 14, 12, 15, 12, 99, 20, 10])
    report = read_report(path)
    indicator = report.kpis.indicators[0]
    assert report.kpis.previous_year_label == "2017/18" and report.warnings == ()
    assert indicator.previous_year is not None and indicator.previous_year.value == 14
    assert report.kpis.months == (Month(2019, 1), FEBRUARY)


def test_period_header_in_capitals(write: Write) -> None:
    row = replace(visits(), period="YTD")
    kpis = read_report(write(one_row(row, labels={"Period": "PERIOD"}))).kpis
    assert kpis.indicators[0].period_type == "YTD"


def test_counts_keep_reading_with_odd_headers(write: Write) -> None:
    row = SheetRow("1.2", "Number of CIN", count(1034), None, None, count(1020), "Snapshot",
                   [count(v) for v in (981, 997, 999, 1097, 1084, 1020)])
    kpis = read_report(write(one_row(row, months=["Sept 18", *MONTHS[1:5], "Feb 19 (prov)"]))).kpis
    assert kpis.indicators[0].trend[-1] is not None and kpis.indicators[0].trend[-1].value == 1020
