"""Bullets in pages that fit the body box: every word kept in order, formatting kept, a bullet
kept with its first sub-bullet, and page titles that say they continue."""

from __future__ import annotations

from dataclasses import replace

from reportgen.ingest.writer import SheetNarrative
from reportgen.model import Narrative as ReadNarrative
from reportgen.model import Paragraph, TextRun
from reportgen.plan import BUILTIN_GEOMETRY
from reportgen.plan.deck import bullet_slides
from reportgen.plan.layout import INSET_X, INSET_Y, BodyText, Box
from reportgen.plan.paging import continued, paginate, paragraph_height, text_height
from reportgen.plan.slides import BulletSlide
from tests.plan.conftest import Book, Planned, many_sections


def narrative_slides(planned: Planned, title: str) -> list[BulletSlide]:
    return [s for s in planned.of(BulletSlide) if s.title.split(" (continued")[0] == title]


def long_narrative() -> SheetNarrative:
    paragraphs = []
    for i in range(30):
        paragraphs.append(Paragraph((TextRun(f"Point {i}: ", bold=True),
                                     TextRun("what the service did this month and why. " * 3))))
        if i % 4 == 0:
            paragraphs.append(Paragraph((TextRun(f"detail {i}"),), 1))
    return SheetNarrative("Progress", "Improvement Progress", paragraphs)


def test_continued_titles() -> None:
    assert [continued("Challenges", n) for n in range(3)] == [
        "Challenges", "Challenges (continued)", "Challenges (continued 2)"]


def test_a_long_narrative_runs_over_slides_that_each_fit(book: Book) -> None:
    narrative = long_narrative()
    planned = book.plan(many_sections(5), after=[narrative])
    slides = narrative_slides(planned, "Improvement Progress")
    assert len(slides) > 1
    assert [s.title for s in slides[:2]] == ["Improvement Progress",
                                             "Improvement Progress (continued)"]
    body, text = planned.geometry.body, planned.geometry.text
    for slide in slides:
        assert slide.paragraphs
        sized = replace(text, sizes=slide.sizes) if slide.sizes else text  # up to 10% smaller
        assert sized.sizes[0] >= text.sizes[0] * 0.9 - 1e-9
        assert text_height(slide.paragraphs, body, sized) <= body.height, slide.title
    # every bullet as read, in order, with its formatting and level
    (read,) = [part for part in planned.report.outline if isinstance(part, ReadNarrative)]
    assert len(read.paragraphs) == len(narrative.paragraphs)
    assert [p for s in slides for p in s.paragraphs] == list(read.paragraphs)


def test_a_bullet_stays_with_its_first_sub_bullet(book: Book) -> None:
    planned = book.plan(many_sections(5), after=[long_narrative()])
    for slide in narrative_slides(planned, "Improvement Progress"):
        assert slide.paragraphs[0].level == 0, slide.title  # never a sub-bullet alone on top


def test_a_bullet_longer_than_a_slide_is_cut_between_words() -> None:
    giant = Paragraph((TextRun("Lead: ", bold=True), TextRun("word " * 900)))
    box, text = BUILTIN_GEOMETRY.body, BUILTIN_GEOMETRY.text
    pages = paginate([giant], box, text)
    assert len(pages) > 1
    for page in pages:
        assert text_height(page, box, text) <= box.height
    pieces = [p for page in pages for p in page]
    assert " ".join(p.text for p in pieces).split() == giant.text.split()
    assert pieces[0].runs[0] == TextRun("Lead: ", bold=True)  # formatting kept
    assert all(not run.bold for p in pieces[1:] for run in p.runs)


def test_an_empty_narrative_sheet_is_one_slide_with_its_title(book: Book) -> None:
    planned = book.plan(many_sections(5), after=[SheetNarrative("Empty", "Partnership Plan", [])])
    (slide,) = narrative_slides(planned, "Partnership Plan")
    assert slide.paragraphs == ()


def _bullets(count: int, level: int = 0) -> list[Paragraph]:
    return [Paragraph((TextRun(f"Point {i}: what the service did this month."),), level)
            for i in range(count)]


def test_a_sub_bullet_stays_with_its_parent() -> None:
    # room for three bullets, the parent and two of its three sub-bullets: before, the third
    # sub-bullet went on alone; the parent and all three fit one page, so they move together
    text = BodyText((20.0, 18.0), (27.0, 58.5), (0.0, 0.0))
    lines = [*_bullets(3), Paragraph((TextRun("Three themes:"),)), *_bullets(3, level=1)]
    heights = [paragraph_height(line, 800.0 - 2 * INSET_X, text) for line in lines]
    box = Box(0.0, 0.0, 800.0, sum(heights[:6]) + 2 * INSET_Y + 1.0)
    pages = paginate(lines, box, text)
    assert [len(page) for page in pages] == [3, 4]
    assert pages[1][0].text == "Three themes:"


def test_a_continued_slide_is_not_made_for_what_10_percent_smaller_keeps_on_one(
        book: Book) -> None:
    planned = book.plan(many_sections(5))
    geometry = planned.geometry
    height = geometry.body.height
    # as many one-line bullets as fill the body at its own size, and one more
    one = paragraph_height(Paragraph((TextRun("A short point."),)),
                           geometry.body.width - 2 * INSET_X, geometry.text)
    count = int((height - 2 * INSET_Y) // one) + 1
    narrative = ReadNarrative("", "Challenges",
                              tuple(Paragraph((TextRun("A short point."),)) for _ in range(count)))
    slides = bullet_slides(narrative, geometry)
    assert len(slides) == 1
    assert slides[0].sizes is not None and slides[0].sizes[0] < geometry.text.sizes[0]


def test_sub_bullets_that_continue_on_a_new_page_repeat_their_heading() -> None:
    text = BodyText((20.0, 18.0), (27.0, 58.5), (0.0, 0.0))
    lines = [Paragraph((TextRun("Worse (12):", bold=True),)), *_bullets(12, level=1)]
    heights = [paragraph_height(line, 800.0 - 2 * INSET_X, text) for line in lines]
    box = Box(0.0, 0.0, 800.0, sum(heights[:6]) + 2 * INSET_Y + 1.0)
    pages = paginate(lines, box, text)
    assert len(pages) > 1
    for page in pages[1:]:
        assert page[0].text == "Worse (12): (continued)" and page[0].level == 0
        assert all(p.level == 1 for p in page[1:])
    assert [p for page in pages for p in page if p.level == 1] == lines[1:]
