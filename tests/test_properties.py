"""Property-based tests: ingestion reads or refuses, never crashes; RAG is monotone."""

from __future__ import annotations

import contextlib
import math
import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import InputError
from reportgen.indicators import Bounds, Rag, rag_of
from reportgen.ingest import read_report
from reportgen.ingest.cells import MAX_MAGNITUDE, NotANumberError, read_number
from reportgen.ingest.writer import SheetCell, SheetRow, SheetSection, WorkbookSpec, write_workbook
from reportgen.model import Figure, Indicator, Polarity
from tests.ingest.builders import spec, table

RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
cell_values = st.one_of(
    st.none(), st.booleans(), finite, st.integers(-10**12, 10**12),
    # control characters cannot be stored in a worksheet at all; "=" would make a formula
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30)
    .filter(lambda t: not t.startswith("=")),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["-", "n/a", "N/A", "97.8%", "2,995", "1,2,3", "%", " 5 ", "tbc", "£5"]),
)
formats = st.sampled_from(["General", "0.0%", "0%", "#,##0", "0.00", "@", "mmm yy"])


@given(value=cell_values, number_format=formats)
def test_read_number_reads_or_refuses(value: object, number_format: str) -> None:
    # anything else escaping (TypeError, ValueError from float(), ...) fails the test
    with contextlib.suppress(NotANumberError):
        read_number(value, number_format)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(cell_values, min_size=12, max_size=12))
def test_ingestion_reads_or_raises_input_error(values: list[object]) -> None:
    cells = [None if v is None else SheetCell(v) for v in values]
    row = SheetRow(cells[0] or "1.1", "% measure", cells[1], cells[2], cells[3], cells[4],
                   "Snapshot", cells[5:11], cells[11], SheetCell(0.95, "0%"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        workbook: WorkbookSpec = spec(table(sections=[SheetSection("S", [row])]))
        write_workbook(path, workbook)
        try:
            report = read_report(path)
        except InputError:
            return
        assert len(report.kpis.indicators) <= 1


# Anything a figure cell can hold: every float (nan, ±inf, 1e308, 5e-324, -0.0), integers past
# what a float holds, text, dates, booleans; in formats that change how a number is read.
any_figure = st.one_of(
    st.none(), st.booleans(), st.floats(), st.integers(-10**20, 10**20),
    st.sampled_from([1e307, 1e308, -1e308, 1e15, 9.99e14, 1e13, 5e-324, 0.978, 97.8, 0.6]),
    st.sampled_from(["1e308", "inf", "nan", "-", "n/a", "97.8%", "0.978", "1,000,000,000,000,000",
                     "9" * 40, "2,995"]),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)
figure_cells = st.builds(SheetCell, any_figure, st.sampled_from(
    ["General", "0.0%", "0%", "#,##0", "0.00", "mmm yy", "@"]))


def figures_of(indicator: Indicator) -> list[Figure]:
    return [f for f in (indicator.previous_year, indicator.numerator, indicator.denominator,
                        indicator.current, *indicator.trend, indicator.target_min,
                        indicator.target_upper) if f is not None]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(figure_cells, min_size=12, max_size=12),
       measure=st.sampled_from(["% of children seen", "Number of children", "Score"]))
def test_any_figure_gives_finite_figures_or_one_input_error(cells: list[SheetCell],
                                                           measure: str) -> None:
    row = SheetRow("1.1", measure, cells[0], cells[1], cells[2], cells[3], "Snapshot", cells[4:10],
                   cells[10], cells[11])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        write_workbook(path, spec(table(sections=[SheetSection("S", [row])])))
        try:
            report = read_report(path)
        except InputError:
            return
    for figure in (f for ind in report.kpis.indicators for f in figures_of(ind)):
        assert math.isfinite(figure.value) and abs(figure.value) < MAX_MAGNITUDE, figure


@given(a=finite, b=finite, low=finite, high=finite)
def test_rag_is_monotone_in_the_value(a: float, b: float, low: float, high: float) -> None:
    polarity = Polarity.LOWER if low > high else Polarity.HIGHER
    bounds = Bounds(low, high, polarity)
    worse, better = sorted((a, b)) if polarity is Polarity.HIGHER else sorted((a, b), reverse=True)
    assert RANK[rag_of(worse, bounds)] <= RANK[rag_of(better, bounds)]  # type: ignore[index]
