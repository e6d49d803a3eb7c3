"""The whole deck planned: slides in the order the board reads them, unique titles of at most two
lines, UK dates only, a title slide that does not repeat the month, and the same plan every
time."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from reportgen.ingest.writer import Deck, SheetNarrative
from reportgen.model import Paragraph, Presenter, TextRun
from reportgen.plan import DeckOptions
from reportgen.plan.layout import INSET_X, INSET_Y, PRESENTER_GAP, TITLE_LINES, Box
from reportgen.plan.measure import line_height_pt, wrap_lines
from reportgen.plan.slides import BulletSlide, ChartSlide, SlideKind, TableSlide, TitleSlide
from reportgen.plan.words import short_name
from tests.conftest import SAMPLE
from tests.plan.conftest import (
    GEOMETRY_4_3,
    Book,
    Planned,
    many_sections,
    note,
    plan_file,
)

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def outline(planned: Planned) -> list[str]:
    """Slide kinds in deck order (a narrative's slides by their sheet's title), runs of one
    kind (table pages, exceptions) as one."""
    kinds = ["title" if kind is None else
             f"narrative: {slide.title.split(' (continued')[0]}" if kind is SlideKind.NARRATIVE
             else kind.value
             for slide, kind in zip(planned.plan.slides, planned.plan.kinds, strict=True)]
    return [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]


@pytest.fixture(params=["sample", "sample 4:3", 150])
def planned(request: pytest.FixtureRequest, sample_plan: Planned,
            large_book: Callable[[int], Planned]) -> Planned:
    if request.param == "sample":
        return sample_plan
    if request.param == "sample 4:3":
        return plan_file(SAMPLE, geometry=GEOMETRY_4_3)
    return large_book(150)


def test_the_samples_outline(sample_plan: Planned) -> None:
    assert outline(sample_plan) == [
        "title", "narrative: Improvement Progress", "glance", "cohort", "table", "compare",
        "exceptions", "narrative: Journey so far", "narrative: The next few months",
        "narrative: How do we know how we are doing?", "narrative: Challenges",
        "narrative: Partnership Plan", "glance-lists"]


def test_reference_slides_come_after_every_narrative(book: Book) -> None:
    planned = book.plan(many_sections(40), options=DeckOptions(exceptions=2, appendix=True),
                        before=[SheetNarrative("Intro", "Improvement Progress", [note("Pace")])],
                        after=[SheetNarrative("Close", "Challenges", [note("Capacity")])])
    assert outline(planned) == [
        "title", "narrative: Improvement Progress", "glance", "cohort", "table", "exceptions",
        "narrative: Challenges", "other-reds", "glance-lists", "appendix"]
    assert len(planned.exceptions()) == 2
    assert planned.titled("Data quality")[0].title == "Data quality: February 2019"


def test_the_data_quality_slide_lists_every_warning(book: Book) -> None:
    planned = book.plan(many_sections(12), options=DeckOptions(appendix=True))
    slides = planned.titled("Data quality")
    listed = [p.text for s in slides if isinstance(s, BulletSlide) for p in s.paragraphs]
    # each indicator's warning after its ref and short name ("1.1 % of cases…: ...")
    warnings = [f"{a.indicator.ref} {short_name(a.indicator)}: {n.text}"
                for a in planned.assessments for n in a.warnings if n.ref == a.indicator.ref]
    assert warnings and all(w in listed for w in warnings)


def test_titles_are_unique(planned: Planned) -> None:
    titles = planned.plan.titles
    assert len(set(titles)) == len(titles)


def test_two_sheets_with_one_title_are_told_apart(book: Book) -> None:
    same = [SheetNarrative("One", "Challenges", [note("Pace")]),
            SheetNarrative("Two", "Challenges", [note("Capacity")])]
    planned = book.plan(many_sections(5), after=same)
    assert planned.plan.titles[-2:] == ("Challenges", "Challenges (2)")


def test_no_title_is_longer_than_two_lines(planned: Planned) -> None:
    geometry = planned.geometry
    for slide in planned.plan.slides:
        cover = isinstance(slide, TitleSlide)
        box = geometry.cover_title if cover else geometry.title
        size = geometry.cover_title_size if cover else geometry.title_size
        if slide.title_size:  # set smaller to fit whole
            assert slide.title_size < size
            size = slide.title_size
        assert wrap_lines(slide.title, box.width - 2 * INSET_X, size, bold=True) <= TITLE_LINES


def test_the_deck_title_is_set_smaller_on_a_4_3_cover_not_cut() -> None:
    cover = plan_file(SAMPLE, geometry=GEOMETRY_4_3).plan.slides[0]
    assert isinstance(cover, TitleSlide)
    assert cover.title == "Children's Services Improvement: March 2019 Update"
    assert cover.title_size is not None


def test_a_long_title_is_shortened_and_given_whole_in_the_notes(book: Book) -> None:
    title = "What we have learned from this year's monitoring visits, " * 4
    planned = book.plan(many_sections(5), after=[SheetNarrative("Long", title.strip(), [
        note("Pace")])])
    slide = planned.plan.slides[-1]
    assert slide.title.endswith("…")
    assert title.strip().startswith(slide.title[:-1])
    assert slide.notes == (f"Full title: {title.strip()}",)


def test_a_long_title_over_several_pages_keeps_each_pages_continued(book: Book) -> None:
    title = "What we have learned from this year's monitoring visits, " * 3
    bullets = [note(f"Point {n}: " + "a finding the board should hear about " * 3)
               for n in range(40)]
    planned = book.plan(many_sections(5), after=[SheetNarrative("Long", title.strip(), bullets)])
    pages = [s.title for s in planned.plan.slides if s.title.startswith("What we")]
    assert len(pages) >= 3
    assert pages[1].endswith("… (continued)") and pages[2].endswith("… (continued 2)")
    assert len(set(pages)) == len(pages)


def test_no_iso_date_anywhere(book: Book) -> None:
    months = [date(2018, m, 1) for m in (9, 10, 11, 12)] + [date(2019, 1, 1), date(2019, 2, 1)]
    dated = SheetNarrative("Next", "The next few months", [
        Paragraph((TextRun("Monitoring visit: "), TextRun("see below", bold=True))),
        Paragraph((TextRun("19 March"),), 1)])
    spec_deck = Deck("Cabinet update", date(2019, 4, 9),
                     [Presenter("Debbie Jones", "Corporate Director")])
    planned = book.plan(many_sections(18), deck=spec_deck, months=months, after=[dated],
                        options=DeckOptions(appendix=True))
    texts = list(planned.texts())
    assert "9 April 2019" in texts
    assert [t for t in texts if ISO_DATE.search(t)] == []
    assert [t for t in texts if "2019-02" in t] == []  # the period as check --json writes it


def test_no_iso_date_in_the_sample_or_at_scale(planned: Planned) -> None:
    assert [t for t in planned.texts() if ISO_DATE.search(t)] == []


def test_a_title_that_names_the_month_has_no_date_line(sample_plan: Planned) -> None:
    # "Children's Services Improvement: March 2019 Update", dated "March 2019"
    lines = [p.text for p in sample_plan.cover.lines]
    assert lines == [
        "Draft: 3 figures to check",  # 4.7, 6.3D and 11.13 have data-quality doubts
        "Cllr Danny Hassell\nCabinet Member for Children, Schools and Young People",
        "Debbie Jones\nCorporate Director, Children and Culture",
        "Richard Baldwin\nDivisional Director – Children's Social Care"]
    assert sample_plan.plan.footer == "March 2019"


def test_a_title_without_the_date_has_a_date_line(book: Book) -> None:
    planned = book.plan(many_sections(5), deck=Deck("Cabinet update", date(2019, 4, 9)))
    first = planned.cover.lines[0]
    assert first.text == "9 April 2019"
    assert first.runs[0].bold


def test_a_title_naming_the_month_keeps_the_meetings_day(book: Book) -> None:
    """Decided: the title slide leaves out a date that only repeats the title's month ("March
    2019"), but keeps the day of the meeting, which the title does not say."""
    deck = Deck("Children's Services Improvement: April 2019 Update", date(2019, 4, 9))
    planned = book.plan(many_sections(5), deck=deck)
    assert [p.text for p in planned.cover.lines] == ["9 April 2019"]


def test_the_plan_is_deterministic(sample_plan: Planned) -> None:
    again = plan_file(SAMPLE)
    assert again.plan == sample_plan.plan
    assert again.plan.properties == sample_plan.plan.properties


def test_two_plans_of_one_workbook_are_equal(write: Callable[..., Path], book: Book) -> None:
    spec = book.spec(many_sections(40))
    first = plan_file(write(spec, "first.xlsx"))
    second = plan_file(write(spec, "second.xlsx"))
    assert first.plan == second.plan


def test_document_properties_come_from_the_report(sample_plan: Planned) -> None:
    properties = sample_plan.plan.properties
    assert properties.title == "Children's Services Improvement: March 2019 Update"
    assert properties.subject == "KPIs for February 2019"
    assert properties.stamp == datetime(2019, 3, 1)  # the month after the figures
    assert properties.language == "en-GB"


def test_sections_of_the_kpi_sheet_stay_in_workbook_order(book: Book) -> None:
    sections = many_sections(25)
    planned = book.plan(list(reversed(sections)))
    seen = [row.cells[0].text for s in planned.tables for row in s.table.rows[2:]
            if not row.ref and not row.cells[0].text.endswith("(continued)")]
    assert seen == [s.title for s in reversed(sections)]


def test_the_draft_mark_and_presenters_fit_a_4_3_cover() -> None:
    # python-pptx's stock title slide: the mark and three presenters at 32 pt would run past
    # the subtitle box into the footer's marking; they are set smaller, to fit, not below 12 pt
    box = Box(108.0, 306.0, 504.0, 138.0)  # its subtitle placeholder, 32 pt
    geometry = replace(GEOMETRY_4_3, cover_text=box, cover_text_size=32.0)
    cover = plan_file(SAMPLE, geometry=geometry).cover
    assert cover.size is not None and 12.0 <= cover.size < 32.0
    height = sum(wrap_lines(p.text, box.width - 2 * INSET_X, cover.size, True)
                 * line_height_pt(cover.size) for p in cover.lines) \
        + PRESENTER_GAP * (len(cover.lines) - 1) + 2 * INSET_Y
    assert height <= box.height


def test_each_slide_carries_the_kind_it_was_planned_as(planned: Planned) -> None:
    plan = planned.plan
    assert plan.kinds[0] is None and isinstance(plan.slides[0], TitleSlide)
    made_as = {SlideKind.GLANCE: BulletSlide, SlideKind.TABLE: TableSlide,
               SlideKind.EXCEPTIONS: ChartSlide, SlideKind.COMPARE: ChartSlide,
               SlideKind.COHORT: ChartSlide, SlideKind.NARRATIVE: BulletSlide,
               SlideKind.GLANCE_LISTS: BulletSlide}
    for slide, kind in zip(plan.slides[1:], plan.kinds[1:], strict=True):
        assert kind is not None, slide.title
        if kind in made_as:
            assert isinstance(slide, made_as[kind]), (kind, slide.title)
    assert len(plan.of_kind(SlideKind.GLANCE)) == 1
    assert sum(len(plan.of_kind(kind)) for kind in SlideKind) == len(plan.slides) - 1
    with pytest.raises(ValueError, match="kinds for"):
        replace(plan, kinds=plan.kinds[1:])
