"""Nothing drawn off the slide or over the footer, whatever the workbook: content that cannot fit
as typed is laid out by design, never cut by the edge of a box, and never a crash."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.build import DEFAULT_TEMPLATE
from reportgen.compose import load_template
from reportgen.ingest.writer import SheetNarrative, SheetRow, SheetSection, WorkbookSpec, count, pct
from reportgen.model import Paragraph, TextRun
from reportgen.plan.layout import BodyText, Box
from reportgen.plan.paging import text_height
from scripts.make_sample import DECK, SECTIONS
from tests.builders import MONTHS, red_row, sample_table
from tests.compose.reading import (
    EMU_PER_PT,
    Deck,
    footer_top,
    indicator_rows,
    is_footer,
    kpi_tables,
    notes_of,
    render,
    tables,
    texts,
    title_of,
    titles,
)
from tests.conftest import Write


@pytest.fixture(scope="module")
def body_text() -> BodyText:
    """The bundled template's bullet sizes, indents and spacing, as its master sets them."""
    return load_template(DEFAULT_TEMPLATE).geometry.text


SIDE_TEXT = load_template(DEFAULT_TEMPLATE).geometry.side_style


def inside_slide(prs: Any, shape: Any) -> bool:
    return bool(shape.left >= 0 and shape.top >= 0 and shape.left + shape.width
                <= prs.slide_width and shape.top + shape.height <= prs.slide_height)


def _box(shape: Any) -> Box:
    return Box(shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT,
               shape.height / EMU_PER_PT)


def _as_written(frame: Any, style: BodyText) -> BodyText:
    """``style`` with each level's size as the deck writes it on the runs, where it does (a
    glance set smaller to keep a few lines of each list)."""
    sizes = list(style.sizes)
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            if run.font.size is not None:
                sizes[min(paragraph.level, len(sizes) - 1)] = run.font.size.pt
    return replace(style, sizes=tuple(sizes))


def _paragraphs(frame: Any) -> list[Paragraph]:
    """A text frame's paragraphs as the plan measures them (a line break is a new line)."""
    return [Paragraph(tuple(TextRun(r.text.replace("\v", "\n"), bold=bool(r.font.bold))
                            for r in p.runs), p.level) for p in frame.paragraphs]


# --- every deck ----------------------------------------------------------------------------

def test_no_shape_is_off_the_slide_or_over_the_footer(any_deck: Deck) -> None:
    prs = any_deck.prs
    checked = 0
    for number, slide in enumerate(prs.slides, start=1):
        bottom = footer_top(slide)
        for shape in slide.shapes:
            assert inside_slide(prs, shape), (number, shape.name)
            if not is_footer(shape):
                assert shape.top + shape.height <= bottom, (number, title_of(slide), shape.name)
                checked += 1
    assert checked >= 2 * len(prs.slides)  # a title and something under it, at least


def test_the_text_in_each_placeholder_fits_it(any_deck: Deck, body_text: BodyText) -> None:
    """Bullets, the glance's lists, the exception's points and the presenters, measured as the
    plan measures them, in the boxes the slides really have: a placeholder never shrinks its
    text, so text taller than its box would run over the footer."""
    checked = 0
    for slide in any_deck.prs.slides:
        for shape in slide.placeholders:
            kind = shape.placeholder_format.type
            if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE) or is_footer(shape) \
                    or not shape.has_text_frame or not shape.text_frame.text:
                continue
            # the text beside a chart is set at its own placeholder's sizes where it has them
            style = SIDE_TEXT if any(s.has_chart for s in slide.shapes) else body_text
            style = _as_written(shape.text_frame, style)
            needed = text_height(_paragraphs(shape.text_frame), _box(shape), style)
            assert needed <= shape.height / EMU_PER_PT + 0.01, (title_of(slide), needed)
            checked += 1
    assert checked >= 3


# --- workbooks that cannot fit as typed ----------------------------------------------------

def test_a_rated_indicator_with_no_monthly_figures_still_gets_its_slides(write: Write) -> None:
    blank = red_row(months=[None] * 6)
    spec = WorkbookSpec(DECK, [sample_table(sections=[SheetSection("New", [blank])])])
    prs = render(write(spec)).prs
    assert indicator_rows(prs)["9.1"][5] == "80.0% R"
    exception = next(s for s in prs.slides if title_of(s).startswith("9.1"))
    assert any(getattr(s, "has_chart", False) for s in exception.shapes)


def test_a_cohort_whose_months_are_all_blank_is_left_out_of_the_chart(write: Write) -> None:
    empty = SheetRow("1.9", "Number of children adopted", None, None, None, count(4), "Snapshot",
                     [None] * 6)
    cohorts = SheetSection("Cohorts", [empty])
    spec = WorkbookSpec(DECK, [sample_table(sections=[cohorts, SECTIONS[2]])])
    prs = render(write(spec)).prs
    assert not any(t.startswith("Cohorts") for t in titles(prs))
    assert "1.9" in indicator_rows(prs)


def test_a_very_long_deck_title_is_shortened_on_the_slide_and_kept_in_the_notes(
        write: Write) -> None:
    long_title = "Children's Services Improvement " * 12  # 384 characters
    spec = WorkbookSpec(replace(DECK, title=long_title), [sample_table()])
    prs = render(write(spec)).prs
    shown = title_of(prs.slides[0])
    assert shown.endswith("…") and len(shown) < 120
    assert long_title.strip() in notes_of(prs.slides[0])
    assert len(prs.core_properties.title) <= 255


def test_a_very_long_measure_name_is_shortened_and_its_row_stays_on_the_slide(
        write: Write) -> None:
    words = "children whose plans were reviewed by an independent reviewing officer "
    measure = "% of " + words * 70  # about 5,000 characters
    spec = WorkbookSpec(DECK, [sample_table(sections=[SheetSection("Plans", [red_row(
        measure=measure)])])])
    prs = render(write(spec)).prs
    slide = next(s for s in prs.slides if tables(s))
    shown = indicator_rows(prs)["9.1"][1]
    assert shown.endswith("…") and len(shown) < 400
    frame = next(s for s in slide.shapes if s.has_table)
    assert inside_slide(prs, frame)
    assert frame.top + frame.height <= footer_top(slide)
    assert measure.strip() in notes_of(slide)


def test_a_very_long_bullet_continues_on_further_slides(write: Write,
                                                        body_text: BodyText) -> None:
    text = "The service has recruited and kept permanent social workers across teams. " * 70
    narrative = SheetNarrative("Progress", "Improvement Progress",
                               [Paragraph((TextRun("Staff: ", bold=True), TextRun(text)))])
    prs = render(write(WorkbookSpec(DECK, [narrative, sample_table()]))).prs
    pages = [s for s in prs.slides if title_of(s).startswith("Improvement Progress")]
    assert len(pages) >= 3
    assert title_of(pages[1]) == "Improvement Progress (continued)"
    for slide in pages:
        body = slide.placeholders[1]
        # a page may be set up to 10% smaller than the template to save a continued slide
        run = body.text_frame.paragraphs[0].runs[0]
        scale = run.font.size.pt / body_text.sizes[0] if run.font.size else 1.0
        assert scale >= 0.9 - 1e-6
        assert text_height(_paragraphs(body.text_frame), _box(body), body_text.scaled(scale)) \
            <= body.height / EMU_PER_PT
    first = pages[0].placeholders[1].text_frame.paragraphs[0].runs[0]
    assert first.text == "Staff: " and first.font.bold  # the formatting goes along
    joined = " ".join(s.placeholders[1].text_frame.text for s in pages)
    assert " ".join(joined.split()) == " ".join(("Staff: " + text).split())


def test_twelve_month_columns_show_the_latest_six(write: Write) -> None:
    months = ["Mar 18", "Apr 18", "May 18", "Jun 18", "Jul 18", "Aug 18", *MONTHS]
    rows = [red_row(months=[pct(v / 100) for v in range(70, 82)])]
    spec = WorkbookSpec(DECK, [sample_table(months=months, sections=[SheetSection("S", rows)])])
    prs = render(write(spec)).prs
    [table] = kpi_tables(prs)
    labels = texts(list(table.rows)[1])
    assert [h for h in labels if h[:3] in {m[:3] for m in months}] == MONTHS
    assert indicator_rows(prs)["9.1"][7:13] == ["76.0%", "77.0%", "78.0%", "79.0%", "80.0%",
                                                "81.0%"]
    frame = next(s for sl in prs.slides for s in sl.shapes if s.has_table)
    assert inside_slide(prs, frame)
