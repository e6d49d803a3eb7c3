"""Property-based tests: ingestion reads or refuses, never crashes; RAG is monotone."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import InputError
from reportgen.indicators import Bounds, Rag, rag_of
from reportgen.ingest import read_report
from reportgen.ingest.cells import NotANumberError, read_number
from reportgen.ingest.writer import Cell, Row, Section, WorkbookSpec, write_workbook
from reportgen.model import Polarity
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
    cells = [None if v is None else Cell(v) for v in values]
    row = Row(cells[0] or "1.1", "% measure", cells[1], cells[2], cells[3], cells[4],
              "Snapshot", cells[5:11], cells[11], Cell(0.95, "0%"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        workbook: WorkbookSpec = spec(table(sections=[Section("S", [row])]))
        write_workbook(path, workbook)
        try:
            report = read_report(path)
        except InputError:
            return
        assert len(report.kpis.indicators) <= 1


@given(a=finite, b=finite, low=finite, high=finite)
def test_rag_is_monotone_in_the_value(a: float, b: float, low: float, high: float) -> None:
    polarity = Polarity.LOWER if low > high else Polarity.HIGHER
    bounds = Bounds(low, high, polarity)
    worse, better = sorted((a, b)) if polarity is Polarity.HIGHER else sorted((a, b), reverse=True)
    assert RANK[rag_of(worse, bounds)] <= RANK[rag_of(better, bounds)]  # type: ignore[index]
