"""Impossible figures (design.md §3): each a warning naming its cell, left out of charts and
ratings as missing, and recorded on the indicator as a data-quality doubt."""

from __future__ import annotations

from dataclasses import replace

from reportgen.build import read_workbook
from reportgen.config import NO_CONFIG
from reportgen.indicators import Rag, assess
from reportgen.ingest.writer import SheetRow, count, decimal, pct
from reportgen.model import Indicator
from tests.conftest import SAMPLE, Write
from tests.ingest.builders import cohort, one_row, visits


def read(write: Write, row: SheetRow) -> Indicator:
    return read_workbook(write(one_row(row)), NO_CONFIG).kpis.indicators[0]


def doubts(indicator: Indicator) -> list[str]:
    return [str(notice) for notice in indicator.impossible]


def test_a_negative_count_is_left_out_and_named_by_its_cell(write: Write) -> None:
    row = replace(cohort(), current=count(-5),
                  months=[count(v) for v in (311, 322, 353, 335, 338, -5)])
    indicator = read(write, row)
    assert indicator.current is None and indicator.trend[-1] is None
    assert doubts(indicator) == [
        "1.4: Current (KPIs!F8): -5 is a negative count, which cannot be; left out of the "
        "charts and the rating as missing: correct the cell",
        "1.4: Feb 19 (KPIs!M8): -5 is a negative count, which cannot be; left out of the "
        "charts and the rating as missing: correct the cell"]
    assert set(indicator.impossible) <= set(indicator.notes)


def test_a_negative_percentage_is_not_rated(write: Write) -> None:
    indicator = read(write, visits(current=-0.05))
    assert indicator.current is None
    assert doubts(indicator) == [
        "3.3a: Current (KPIs!F8): -5.0% is a negative percentage, which cannot be; left out of "
        "the charts and the rating as missing: correct the cell"]
    assert assess(indicator).rag is None


def test_a_count_typed_with_a_european_thousands_point(write: Write) -> None:
    row = SheetRow("1.2", "Number of contacts", None, None, None, count(1020), "Snapshot",
                   [count(1097), decimal(1.084, 3), count(1020), count(1110), count(1050),
                    count(1020)])
    indicator = read(write, row)
    assert indicator.trend[1] is None and indicator.current is not None
    (doubt,) = doubts(indicator)
    assert doubt.startswith("1.2: Oct 18 (KPIs!I8): 1.084 is 1,000 times off the row's other "
                            "figures (about 1,050)")


def test_a_percentage_over_the_whole(write: Write) -> None:
    row = replace(visits(), months=[pct(v) for v in (0.715, 1.05, 0.815, 0.785, 0.865, 0.873)])
    indicator = read(write, row)
    assert indicator.trend[1] is None
    (doubt,) = doubts(indicator)
    assert doubt.startswith("3.3a: Oct 18 (KPIs!I8): 105.0% is over 100% of a whole")


def test_num_over_denom_for_a_percentage(write: Write) -> None:
    row = replace(visits(), num=count(1100), current=pct(0.873))
    indicator = read(write, row)
    assert indicator.numerator is None and indicator.denominator is None
    assert indicator.current is not None and assess(indicator).rag is Rag.RED
    (doubt,) = doubts(indicator)
    assert doubt.startswith("3.3a: Num (KPIs!D8): 1,100 is more than Denom 1,020 (KPIs!E8)")


def test_the_sample_has_none() -> None:
    report = read_workbook(SAMPLE, NO_CONFIG)
    assert not [i.ref for i in report.indicators if i.impossible]
