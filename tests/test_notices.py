"""Warnings are values (design.md §1): a text and a place; their str() is the line check prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import Place
from reportgen.findings import all_notices, all_warnings, check_document
from reportgen.indicators import assess, assess_all
from reportgen.ingest import read_report
from reportgen.model import Figure, Indicator, Notice, Unit


@pytest.mark.parametrize(("notice", "line"), [
    (Notice("no Current value; not rated", Place(None, "KPIs", "A8"), "3.1"),
     "3.1: no Current value; not rated"),
    (Notice("month header 'Fbe 19' cannot be read", Place(None, "KPIs", "M6")),
     "KPIs!M6: month header 'Fbe 19' cannot be read"),
    (Notice("month columns are not consecutive (Oct 18 → Dec 18)", Place(None, "KPIs")),
     "KPIs: month columns are not consecutive (Oct 18 → Dec 18)"),
    (Notice("no Deck sheet with a Title", Place("in/book.xlsx")),
     "in/book.xlsx: no Deck sheet with a Title"),
    (Notice("no slide title", Place("in/book.xlsx", "Notes", "A1")),
     "Notes!A1: no slide title"),  # the file is the report's: a line names it once, if at all
    (Notice("something"), "something"),
])
def test_a_notice_reads_as_the_line_check_prints(notice: Notice, line: str) -> None:
    assert str(notice) == line


def _indicator(current: float, num: float, denom: float) -> Indicator:
    return Indicator(ref="4.7", section="S", measure="% on time", unit=Unit.PERCENT,
                     previous_year=None, numerator=Figure(num), denominator=Figure(denom),
                     current=Figure(current, 1), period_type="Snapshot", trend=(),
                     target_min=Figure(95), target_upper=Figure(98),
                     place=Place(None, "KPIs", "A20"))


def test_a_rule_names_the_row_it_is_about() -> None:
    (notice,) = assess(_indicator(99.3, 199, 200)).warnings
    assert (notice.ref, notice.place) == ("4.7", Place(None, "KPIs", "A20"))
    assert notice.text == "Current 99.3% does not match Num/Denom 199/200 = 99.5%"


def test_all_warnings_are_the_notices_as_lines(sample: Path) -> None:
    report = read_report(sample)
    assessments = assess_all(report.kpis.indicators)
    notices = all_notices(report, assessments)
    assert all(isinstance(n, Notice) for n in notices)
    assert all_warnings(report, assessments) == [str(n) for n in notices]
    document = check_document(report, assessments)
    assert document["warnings"] == [str(n) for n in notices]
    assert all(isinstance(w, str) for i in document["indicators"] for w in i["warnings"])
