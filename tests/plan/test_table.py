"""The KPI table pages: the seed's framing and grouped headers, every indicator exactly once,
headings kept with their rows, "(continued)" sections, and pages that fit their room."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from reportgen.indicators import assess_all
from reportgen.ingest import read_report
from reportgen.ingest.writer import SheetRow, SheetSection, pct
from reportgen.plan import BUILTIN_GEOMETRY, plan_deck
from reportgen.plan.layout import CELL_MARGIN_X, MAX_MEASURE_LINES, TABLE_FONT
from reportgen.plan.measure import text_width_pt, wrap_lines
from reportgen.plan.slides import Row, TableSlide
from reportgen.plan.table import TABLE_SIZES
from tests.builders import spc_spec
from tests.conftest import SAMPLE, Write
from tests.councils import quarterly_single_targets, target_tolerance
from tests.plan.conftest import GEOMETRY_4_3, Book, Planned, plan_file

SAMPLE_REFS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.10", "3.1", "3.3a", "4.6", "5.10", "5.11",
               "5.12", "3.2", "4.7", "5.18", "6.1", "6.2", "6.3D", "11.13"]
"""The sample's indicators in workbook order."""


def body(slide: TableSlide) -> tuple[Row, ...]:
    return slide.table.rows[slide.table.header_rows:]


def is_section(row: Row) -> bool:
    return not row.ref


def section_of(planned: Planned) -> dict[str, str]:
    return {i.ref: i.section for i in planned.report.kpis.indicators}


@pytest.fixture(params=["sample", 18, 150])
def planned(request: pytest.FixtureRequest, sample_plan: Planned,
            large_book: Callable[[int], Planned]) -> Planned:
    return sample_plan if request.param == "sample" else large_book(request.param)


def test_the_seeds_grouped_header_rows(sample_plan: Planned) -> None:
    for slide in sample_plan.tables:
        groups, labels = slide.table.rows[:slide.table.header_rows]
        assert [c.span for c in groups.cells] == [2, 1, 4, 6, 2, 1]
        blank, previous, current, months, targets, trend = (c.text for c in groups.cells)
        assert (blank, current, months, trend) == ("", "Current Performance", "Six Month Trend",
                                                   "")
        assert "previous financial year" in previous.lower()
        # Min and Upper stand under a label that says they are targets (the seed's wording,
        # however it is spaced to wrap)
        assert targets.startswith("Target (corporate minimum")
        assert "upper model)" in targets
        assert [c.text for c in labels.cells] == [
            "Ref", "Performance Measure", "2017/18", "Num", "Denom", "Current", "Period",
            "Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19", "Min", "Upper", "Trend"]


def test_every_row_covers_every_column(planned: Planned) -> None:
    for slide in planned.tables:
        columns = len(slide.table.widths)
        for row in slide.table.rows:
            assert sum(cell.span for cell in row.cells) == columns
        assert slide.table.trend_column == columns - 1
        assert sum(slide.table.widths) == pytest.approx(slide.box.width)
        assert slide.box.width <= planned.geometry.table.width + 0.01


def test_the_first_page_is_framed_by_the_kpi_sheets_title_and_description(
        sample_plan: Planned) -> None:
    first, *rest = sample_plan.tables
    caption = [p.text for p in first.captions[0].paragraphs]
    assert caption[0] == "Children's Social Care Highlight Indicators"
    assert caption[1].startswith("This report provides summary overview of KPIs")
    assert first.captions[0].paragraphs[0].runs[0].bold
    key = first.captions[-1]
    assert "R red, A amber, G green" in key.paragraphs[0].text
    for page in rest:  # later pages: the key alone
        assert [c.paragraphs for c in page.captions] == [key.paragraphs]


def test_every_indicator_appears_exactly_once_in_workbook_order(planned: Planned) -> None:
    refs = [row.ref for slide in planned.tables for row in body(slide) if row.ref]
    assert refs == [i.ref for i in planned.report.kpis.indicators]
    assert set(Counter(refs).values()) == {1}


def test_the_sample_in_workbook_order(sample_plan: Planned) -> None:
    assert [row.ref for s in sample_plan.tables for row in body(s) if row.ref] == SAMPLE_REFS


def test_a_heading_never_ends_a_page(planned: Planned) -> None:
    for slide in planned.tables:
        assert not is_section(body(slide)[-1]), slide.title
        rows = body(slide)
        for row, following in pairwise(rows):
            assert not (is_section(row) and is_section(following)), slide.title


def test_a_continuation_page_begins_with_its_section_continued(planned: Planned) -> None:
    sections = section_of(planned)
    pages = planned.tables
    assert len(pages) > 1
    for before, page in pairwise(pages):
        first = body(page)[0]
        assert is_section(first), page.title
        last_ref = [r.ref for r in body(before) if r.ref][-1]
        next_ref = next(r.ref for r in body(page) if r.ref)
        section = sections[next_ref]
        if sections[last_ref] == section:
            assert first.cells[0].text == f"{section} (continued)"
        else:
            assert first.cells[0].text == section


def test_the_sample_continues_its_sections_by_name(sample_plan: Planned) -> None:
    # Hand-checked against the sample: at 9 pt the table takes two pages, the second opening
    # inside Visits, which says so.
    assert [body(s)[0].cells[0].text for s in sample_plan.tables] == [
        "Management Oversight", "Visits (continued)"]


def test_a_section_split_over_pages_says_so(book: Book) -> None:
    rows = [SheetRow(f"9.{i}", f"% of children seen {i}", current=pct(0.95),
                     target_min=pct(0.9, 0), months=[pct(0.95)] * 6) for i in range(40)]
    planned = book.plan([SheetSection("Visits", rows)])
    pages = planned.tables
    assert len(pages) >= 2
    assert body(pages[0])[0].cells[0].text == "Visits"
    for page in pages[1:]:
        assert body(page)[0].cells[0].text == "Visits (continued)"
    assert [p.title for p in pages][:3] == ["February KPIs", "February KPIs (continued)",
                                            "February KPIs (continued 2)"][:len(pages)]


def test_each_page_fits_its_room(planned: Planned) -> None:
    area = planned.geometry.table
    for number, slide in enumerate(planned.tables):
        key = slide.captions[-1].box
        assert slide.box.top + slide.table.height <= key.top + 1e-6, slide.title
        assert key.bottom <= planned.geometry.footer_top
        if number == 0:  # the first page is smaller: the caption takes its top
            caption = slide.captions[0].box
            assert caption.top == area.top
            assert slide.box.top == pytest.approx(caption.bottom)
            assert slide.box.top > area.top
        else:
            assert slide.box.top == area.top


def test_150_indicators_paginate(large_book: Callable[[int], Planned]) -> None:
    pages = large_book(150).tables
    assert len(pages) >= 8
    assert [p.title for p in pages[:3]] == ["February KPIs", "February KPIs (continued)",
                                            "February KPIs (continued 2)"]
    assert len({p.title for p in pages}) == len(pages)


def test_pages_are_full_before_they_break(planned: Planned) -> None:
    # A page breaks only when the next row (with its heading) would not fit: not wastefully.
    area = planned.geometry.table
    pages = planned.tables
    for slide, following in pairwise(pages):
        room = slide.captions[-1].box.top - slide.box.top
        rows = body(following)
        start = 1 if rows[0].cells[0].text.endswith("(continued)") else 0
        needed = sum(r.height for r in rows[start:start + 2]) if is_section(rows[start]) \
            else rows[start].height
        assert slide.table.height + needed > room - 1e-6, slide.title
        assert following.box.top == area.top


def test_a_long_measure_name_is_shortened_to_five_lines(book: Book) -> None:
    long_name = " ".join(f"clause{i} of the measure's definition" for i in range(30))
    planned = book.one(_named(long_name))
    slide = planned.tables[0]
    labels = [c.text for c in slide.table.rows[1].cells]
    column = labels.index("Performance Measure")
    row = next(r for r in body(slide) if r.ref)
    shown = row.cells[column].text
    assert shown.endswith("…")
    assert long_name.startswith(shown[:-1])
    width = slide.table.widths[column] - 2 * CELL_MARGIN_X
    assert wrap_lines(shown, width, TABLE_FONT) <= MAX_MEASURE_LINES


def test_a_measure_name_that_fits_is_kept_whole(sample_plan: Planned) -> None:
    names = [r.cells[1].text for s in sample_plan.tables for r in body(s) if r.ref]
    assert "% care leavers \"in touch\" (17,18,19,20,21 yr. olds with activity updated " \
           "within last year)" in names
    assert not any(name.endswith("…") for name in names)


def _named(measure: str) -> SheetRow:
    return SheetRow("7.1", measure, current=pct(0.97), months=[pct(0.97)] * 6,
               target_min=pct(0.9, 0), target_upper=pct(0.95, 0))


def test_the_table_fits_a_4_3_template() -> None:
    planned = plan_file(SAMPLE, geometry=GEOMETRY_4_3)
    for slide in planned.tables:
        assert slide.box.left + slide.box.width <= GEOMETRY_4_3.slide_width
        assert slide.box.width <= GEOMETRY_4_3.table.width + 0.01


def test_on_a_4_3_template_no_column_is_narrower_than_its_longest_word() -> None:
    """Where even 8 pt does not fit every column at its usual width, the measure and trend give
    way first and the rest only down to their longest word: "Denom" and "Snapshot" never break
    in the middle."""
    planned = plan_file(SAMPLE, geometry=GEOMETRY_4_3)
    table = next(s for s in planned.plan.slides if isinstance(s, TableSlide)).table
    sizes = {cell.size for row in table.rows[table.header_rows:] for cell in row.cells}
    assert sizes == {min(TABLE_SIZES)} or max(sizes) < TABLE_FONT
    headers = table.rows[table.header_rows - 1].cells
    for cell, width in zip(headers, table.widths, strict=True):
        for word in cell.text.split():
            assert text_width_pt(word, cell.size, bold=True) + 2 * CELL_MARGIN_X <= width, word


def test_the_spc_column_is_as_wide_as_its_widest_reading(write: Write) -> None:
    # 24 months: every indicator has an SPC reading, in words ("Concern; may or may not meet
    # Min"): no "?" or single letters for a member to look up
    report = read_report(write(spc_spec()))
    assessments = assess_all(report.kpis.indicators, months=report.kpis.months)
    plan = plan_deck(report, assessments, BUILTIN_GEOMETRY)
    page = next(s for s in plan.slides if isinstance(s, TableSlide))
    labels = [c.text for c in page.table.rows[page.table.header_rows - 1].cells]
    column = labels.index("SPC")
    readings = [row.cells[column] for row in body(page) if not is_section(row)]
    variations = {cell.text.split(";")[0] for cell in readings}
    assert variations >= {"Improving", "Concern", "No significant change"}
    width = page.table.widths[column]
    parts = [part for cell in readings for part in cell.text.split("; ")]
    widest = max(text_width_pt(f"{part};", readings[0].size) for part in parts)
    # each part on one line in any font (the wider of Arial and DejaVu), no room to spare
    assert widest + 2 * CELL_MARGIN_X <= width <= widest + 2 * CELL_MARGIN_X + 0.5
    for cell in readings:
        assert wrap_lines(cell.text, width - 2 * CELL_MARGIN_X, cell.size, cell.bold) <= 2
        assert "?" not in cell.text and not re.search(r"\b[PF]\b", cell.text)


def test_a_ceiling_is_written_as_one_in_the_min_and_upper_columns(sample_plan: Planned) -> None:
    cells = {}
    for slide in sample_plan.tables:
        labels = [c.text for c in slide.table.rows[1].cells]
        for row in slide.table.rows:
            if row.ref:
                cells[row.ref] = dict(zip(labels, (c.text for c in row.cells), strict=True))
    assert (cells["11.13"]["Min"], cells["11.13"]["Upper"]) == ("≤2.0", "≤1.0")
    assert (cells["5.10"]["Min"], cells["5.10"]["Upper"]) == ("≤15.0%", "≤10.0%")
    assert (cells["3.1"]["Min"], cells["3.1"]["Upper"]) == ("90.0%", "95.0%")


def test_the_demonstrations_six_indicators_take_one_slide() -> None:
    demo = plan_file(SAMPLE.parent / "demo" / "demo-2021-03.xlsx")
    assert len(demo.tables) == 1
    assert sum(1 for row in demo.tables[0].table.rows if row.ref) == 6


def test_a_cumulative_measure_says_spc_does_not_read_it() -> None:
    demo = plan_file(SAMPLE.parent / "demo" / "demo-2021-03.xlsx")
    page = demo.tables[0]
    labels = [c.text for c in page.table.rows[1].cells]
    row = next(r for r in page.table.rows if r.ref == "2.10")  # YTD: accumulates and resets
    assert row.cells[labels.index("SPC")].text == "Not read: cumulative"


def test_a_quarterly_scorecards_periods_are_headed_as_quarters(tmp_path: Path) -> None:
    planned = plan_file(quarterly_single_targets(tmp_path / "quarterly.xlsx"))
    groups = [cell.text for cell in planned.tables[0].table.rows[0].cells]
    assert "Latest quarters" in groups and "Six Month Trend" not in groups


def test_a_column_no_row_fills_is_left_out(tmp_path: Path) -> None:
    # a tolerance scorecard with neither a previous-year outturn, a Period nor Num/Denom
    planned = plan_file(target_tolerance(tmp_path / "tolerance.xlsx"))
    labels = [cell.text for cell in planned.tables[0].table.rows[1].cells]
    assert not {"Last year", "Period", "Num", "Denom"} & set(labels), labels
    assert {"Ref", "Current", "Target", "Trend"} <= set(labels)
