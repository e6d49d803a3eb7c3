"""Bullets in pages that fit the body box: every word kept in order, formatting kept, a bullet
kept with its first sub-bullet, and page titles that say they continue."""

from __future__ import annotations

from reportgen.ingest.writer import Narrative
from reportgen.model import Narrative as ReadNarrative
from reportgen.model import Paragraph, TextRun
from reportgen.plan import BUILTIN_GEOMETRY
from reportgen.plan.paging import continued, paginate, text_height
from reportgen.plan.slides import BulletSlide
from tests.plan.conftest import Book, Planned, many_sections


def narrative_slides(planned: Planned, title: str) -> list[BulletSlide]:
    return [s for s in planned.of(BulletSlide) if s.title.split(" (continued")[0] == title]


def long_narrative() -> Narrative:
    paragraphs = []
    for i in range(30):
        paragraphs.append(Paragraph((TextRun(f"Point {i}: ", bold=True),
                                     TextRun("what the service did this month and why. " * 3))))
        if i % 4 == 0:
            paragraphs.append(Paragraph((TextRun(f"detail {i}"),), 1))
    return Narrative("Progress", "Improvement Progress", paragraphs)


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
        assert text_height(slide.paragraphs, body, text) <= body.height, slide.title
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
    planned = book.plan(many_sections(5), after=[Narrative("Empty", "Partnership Plan", [])])
    (slide,) = narrative_slides(planned, "Partnership Plan")
    assert slide.paragraphs == ()
