"""Speaker notes as talking points: what changed, which reds matter most and what it would take;
never the slide read out, and nothing under a narrative sheet's own words."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from reportgen.indicators import Rag
from reportgen.model import Narrative
from reportgen.plan.slides import BulletSlide, ChartSlide, TableSlide, TitleSlide
from tests.plan.conftest import Planned, slide_texts


@pytest.fixture(params=["sample", 150])
def planned(request: pytest.FixtureRequest, sample_plan: Planned,
            large_book: Callable[[int], Planned]) -> Planned:
    return sample_plan if request.param == "sample" else large_book(request.param)


def test_the_title_slides_notes_lead_with_what_matters(sample_plan: Planned) -> None:
    first, reds, moves, draft, *doubts = sample_plan.cover.notes
    assert first == ("Children's Services Improvement: March 2019 Update: figures to the end of "
                     "February 2019.")
    assert reds.startswith("4 indicators are red.")
    assert "11.13, Overall audit quality score (lower is better)," in reds  # the furthest
    assert "2.5 against a 2.0 maximum" in reds
    assert moves.startswith("4 indicators changed RAG band since January")
    assert "6.3D, % care leavers in suitable accommodation, from green to red" in moves
    # the doubts the deck is a draft for, each named, for the team and not the board
    assert draft.startswith("Draft: 3 figures to check before the deck goes to the board")
    assert [line.split(" ")[0] for line in doubts] == ["4.7", "6.3D", "11.13"]
    assert "Current 87.3% does not match Num/Denom 231/264 = 87.5%" in doubts[1]


def test_the_glance_notes_say_what_changed_and_what_it_would_take(sample_plan: Planned) -> None:
    notes = " ".join(sample_plan.glance.notes)
    assert "changed RAG band since January" in notes
    assert "6.3D, % care leavers in suitable accommodation, from green to red" in notes
    assert "The red furthest from target: 11.13" in notes
    assert "28 more of 1,020 would meet it" in notes  # 3.3a, the third red
    # biggest first, each named after its ref
    assert "Improving: 3.1 Children in need with CIN Plan completed better by 2.5 points" in notes
    assert "Amber and worsening, worth watching: 6.1 Care leavers \"in touch\" worse by 4.5 " \
           "points" in notes


def test_exception_notes_say_its_rank_and_what_it_would_take(sample_plan: Planned) -> None:
    notes = sample_plan.one("3.1:").notes
    assert notes[0] == ("3.1, % of children in need with CIN Plan completed, is the 4th "
                        "furthest from target of 4 reds.")
    assert "What it would take: 10 more of 1,020 would meet it." in notes
    assert any(line.startswith("Since January: better by 2.5 points, a material")
               for line in notes)
    assert "Behind the figure: 908 of 1,020." in notes
    assert sample_plan.one("11.13:").notes[0].endswith("is the furthest of the reds from its "
                                                       "target.")


def test_table_notes_name_each_red_and_change_on_their_page(planned: Planned) -> None:
    for slide in planned.tables:
        refs = [row.ref for row in slide.table.rows if row.ref]
        notes = " ".join(slide.notes)
        for ref in refs:
            a = planned.assessment(ref)
            if a.rag is Rag.RED or a.material or a.band_change:
                assert re.search(rf"(?<![\w.]){re.escape(ref)}[ ,]", notes), (slide.title, ref)
        assert not re.search(r"from (\S+) to \1\b", notes)  # never "same from 2.5 to 2.5"


def test_no_note_repeats_its_slide(planned: Planned) -> None:
    for slide in planned.plan.slides:
        shown = {slide.title, *slide_texts(slide)}
        repeated = [line for line in slide.notes if line in shown]
        assert not repeated, (slide.title, repeated)


def test_no_note_reads_out_a_bullet(planned: Planned) -> None:
    # A note line may name a bullet's indicator, never say the bullet again word for word.
    for slide in planned.of(BulletSlide):
        bullets = [p.text.strip() for p in slide.paragraphs if len(p.text.strip()) > 20]
        for line in slide.notes:
            assert not any(bullet in line for bullet in bullets), (slide.title, line)


def test_narrative_slides_have_no_notes(planned: Planned) -> None:
    titles = {part.title for part in planned.report.outline if isinstance(part, Narrative)}
    narrative = [s for s in planned.of(BulletSlide) if s.title.split(" (continued")[0] in titles]
    assert narrative
    assert all(s.notes == () for s in narrative)


def test_every_slide_that_speaks_for_the_figures_has_notes(planned: Planned) -> None:
    for slide in planned.plan.slides:
        if isinstance(slide, TitleSlide | TableSlide | ChartSlide) or slide.title.startswith(
                "KPIs at a glance"):
            assert slide.notes, slide.title


def test_no_note_says_a_part_bigger_than_its_whole(sample_plan: Planned) -> None:
    # 11.13, an average score, has Num 64 and Denom 29: "64 of 29" says nothing to a listener
    for slide in sample_plan.plan.slides:
        for line in slide.notes:
            for part, whole in re.findall(r"(\d[\d,]*) of (\d[\d,]*)", line):
                assert int(part.replace(",", "")) <= int(whole.replace(",", "")), line
