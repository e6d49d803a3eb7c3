"""Workbooks whose content cannot fit as typed: laid out by design, never drawn off the slide,
and never a crash."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pptx.util import Emu

from reportgen.compose.fit import EMU_PER_PT
from reportgen.compose.text import paragraph_height_pt
from reportgen.ingest.writer import Narrative, Row, Section, Table, WorkbookSpec, count, pct
from reportgen.model import Paragraph, TextRun
from scripts.make_sample import DECK, SECTIONS
from tests.compose.conftest import build, table_rows, tables, title_of
from tests.conftest import Write

MONTHS = ["Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19"]


def sample_table(**changes: Any) -> Table:
    return replace(Table(months=MONTHS, sections=list(SECTIONS)), **changes)


def red_row(ref: str = "9.1", measure: str = "% of plans reviewed on time",
            months: list[Any] | None = None) -> Row:
    return Row(ref, measure, pct(0.8), count(80), count(100), pct(0.8), "Snapshot",
               months if months is not None else [pct(0.8)] * 6, pct(0.9, 0), pct(0.95, 0))


def notes_of(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text)


def inside_slide(prs: Any, shape: Any) -> bool:
    return bool(shape.left >= 0 and shape.top >= 0 and shape.left + shape.width
                <= prs.slide_width and shape.top + shape.height <= prs.slide_height)


def test_a_rated_indicator_with_no_monthly_figures_still_gets_its_slides(write: Write) -> None:
    blank = red_row(months=[None] * 6)
    spec = WorkbookSpec(DECK, [sample_table(sections=[Section("New", [blank])])])
    prs, _, _ = build(write(spec))
    rows = {r[0]: r for r in table_rows(prs)}
    assert rows["9.1"][5] == "80.0% R"
    exception = next(s for s in prs.slides if title_of(s).startswith("9.1"))
    assert exception.shapes  # the red still gets its exception slide


def test_a_cohort_whose_months_are_all_blank_is_left_out_of_the_chart(write: Write) -> None:
    empty = Row("1.9", "Number of children adopted", None, None, None, count(4), "Snapshot",
                [None] * 6)
    cohorts = Section("Cohorts", [empty])
    spec = WorkbookSpec(DECK, [sample_table(sections=[cohorts, SECTIONS[2]])])
    prs, _, _ = build(write(spec))
    assert not any(title_of(s).startswith("Cohorts") for s in prs.slides)
    assert "1.9" in {r[0] for r in table_rows(prs)}


def test_a_very_long_deck_title_is_shortened_on_the_slide_and_kept_in_the_notes(
        write: Write) -> None:
    long_title = "Children's Services Improvement " * 12  # 384 characters
    spec = WorkbookSpec(replace(DECK, title=long_title), [sample_table()])
    prs, _, _ = build(write(spec))
    shown = title_of(prs.slides[0])
    assert shown.endswith("…") and len(shown) < 120
    assert long_title.strip() in notes_of(prs.slides[0])
    assert len(prs.core_properties.title) <= 255


def test_a_very_long_measure_name_is_shortened_and_its_row_stays_on_the_slide(
        write: Write) -> None:
    words = "children whose plans were reviewed by an independent reviewing officer "
    measure = "% of " + words * 70  # about 5,000 characters
    spec = WorkbookSpec(DECK, [sample_table(sections=[Section("Plans", [red_row(
        measure=measure)])])])
    prs, _, _ = build(write(spec))
    slide = next(s for s in prs.slides if tables(s))
    shown = {r[0]: r for r in table_rows(prs)}["9.1"][1]
    assert shown.endswith("…") and len(shown) < 400
    frame = next(s for s in slide.shapes if s.has_table)
    assert inside_slide(prs, frame)
    assert measure.strip() in notes_of(slide)


def test_a_very_long_bullet_continues_on_further_slides(write: Write) -> None:
    text = "The service has recruited and kept permanent social workers across teams. " * 70
    narrative = Narrative("Progress", "Improvement Progress",
                          [Paragraph((TextRun("Staff: ", bold=True), TextRun(text)))])
    prs, _, _ = build(write(WorkbookSpec(DECK, [narrative, sample_table()])))
    pages = [s for s in prs.slides if title_of(s).startswith("Improvement Progress")]
    assert len(pages) >= 3
    assert title_of(pages[1]) == "Improvement Progress (continued)"
    for slide in pages:
        body = next(s for s in slide.placeholders if s.placeholder_format.idx != 0
                    and s.has_text_frame and s.text_frame.text)
        width_pt = body.width / EMU_PER_PT - 14.4
        height = sum(paragraph_height_pt(Paragraph((TextRun(p.text),)), width_pt)
                     for p in body.text_frame.paragraphs)
        assert Emu(int(height * EMU_PER_PT)) <= body.height
    first = pages[0].placeholders[1].text_frame.paragraphs[0].runs[0]
    assert first.text == "Staff: " and first.font.bold  # the formatting goes along
    joined = " ".join(s.placeholders[1].text_frame.text for s in pages)
    assert " ".join(joined.split()) == " ".join(("Staff: " + text).split())


def test_twelve_month_columns_show_the_latest_six(write: Write) -> None:
    months = ["Mar 18", "Apr 18", "May 18", "Jun 18", "Jul 18", "Aug 18", *MONTHS]
    rows = [replace(red_row(), months=[pct(v / 100) for v in range(70, 82)])]
    spec = WorkbookSpec(DECK, [sample_table(months=months, sections=[Section("S", rows)])])
    prs, _, _ = build(write(spec))
    header, row = table_rows(prs)[0], table_rows(prs)[2]
    assert [h for h in header if h[:3] in {m[:3] for m in months}] == MONTHS
    assert row[7:13] == ["76.0%", "77.0%", "78.0%", "79.0%", "80.0%", "81.0%"]
    frame = next(s for sl in prs.slides for s in sl.shapes if s.has_table)
    assert inside_slide(prs, frame)
