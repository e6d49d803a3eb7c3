"""Exception slides: most serious first (shortfall relative to Min), titles that carry the
message, the workbook's commentary when there is one and nothing about it when there is none,
and reds past the cap listed after the narrative."""

from __future__ import annotations

from dataclasses import replace

from reportgen.indicators import Rag
from reportgen.ingest.writer import (
    Deck,
    SheetNarrative,
    SheetRow,
    SheetSection,
    count,
    decimal,
    pct,
)
from reportgen.plan import BUILTIN_GEOMETRY, DeckOptions
from reportgen.plan.layout import INSET_X, Box, Role
from reportgen.plan.measure import wrap_lines
from reportgen.plan.paging import text_height
from reportgen.plan.slides import ChartSlide
from tests.conftest import SAMPLE
from tests.plan.conftest import GEOMETRY_4_3, Book, Planned, note, plan_file, slide_texts

COMMENTARY = "Two social workers left in January; both posts are filled from March."


def reds() -> list[SheetRow]:
    """Three reds whose order by gap (10, 3, 0.5) is the reverse of their order by gap
    relative to Min (0.5/2.0 = 25%, 10/90 = 11%, 3/90 = 3%), and a green."""
    return [
        SheetRow("A", "% of plans on time", None, count(800), count(1000), pct(0.80), "Snapshot",
                 [pct(v) for v in (0.8, 0.8, 0.81, 0.8, 0.82, 0.8)], pct(0.9, 0), pct(0.95, 0)),
        SheetRow("B", "% of visits on time", None, None, None, pct(0.87), "Snapshot",
                 [pct(v) for v in (0.85, 0.86, 0.86, 0.86, 0.86, 0.87)], pct(0.9, 0), pct(0.95, 0)),
        SheetRow("C", "Audit score (lower is better)", None, None, None, decimal(2.5), "Snapshot",
                 [decimal(v) for v in (2.4, 2.6, 2.4, 2.3, 2.5, 2.5)], decimal(2.0), decimal(1.0),
                 commentary=COMMENTARY),
        SheetRow("D", "% of reviews on time", None, None, None, pct(0.97), "Snapshot",
                 [pct(0.97)] * 6, pct(0.9, 0), pct(0.95, 0)),
    ]


def exceptions_of(planned: Planned) -> list[ChartSlide]:
    return [s for s in planned.of(ChartSlide) if s.role is Role.CHART_AND_TEXT]


def test_one_exception_slide_per_red(sample_plan: Planned) -> None:
    slides = exceptions_of(sample_plan)
    assert len(slides) == sum(a.rag is Rag.RED for a in sample_plan.assessments) == 4
    assert all(len(s.charts) == 1 for s in slides)


def test_ranked_by_shortfall_relative_to_min(book: Book) -> None:
    planned = book.plan([SheetSection("Plans", reds())])
    assert [s.title.split(":")[0] for s in exceptions_of(planned)] == ["C", "A", "B"]


def test_titles_carry_the_figure_the_target_and_the_direction(sample_plan: Planned) -> None:
    assert [s.title for s in exceptions_of(sample_plan)] == [
        "11.13: 2.5 against a 2.0 maximum, unchanged since January",
        # Current 87.3% is not February's 87.5%: a change since January would not be worked
        # out from the figure the title shows, so the side text gives it with both months
        "6.3D: 87.3% against a 91.0% target",
        "3.3a: 87.3% against a 90.0% minimum, better by 0.8 points since January",
        "3.1: 89.0% against a 90.0% minimum, better by 2.5 points since January",
    ]
    six = exceptions_of(sample_plan)[1]
    assert "Monthly figures: 91.9% in Jan 19, 87.5% in Feb 19: worse by 4.4 points" in [
        p.text for p in six.paragraphs]


def test_the_text_beside_the_chart(sample_plan: Planned) -> None:
    slide = exceptions_of(sample_plan)[-1]
    assert [p.text for p in slide.paragraphs] == [
        "% of children in need with CIN Plan completed",
        "Current: 89.0% (Snapshot), red",
        "Targets: Min 90.0%, Upper 95.0%; higher is better",
        "To meet it: 10 more of 1,020",
        "Since January: better by 2.5 points",
        "2017/18: 86.1%",
    ]


def test_no_commentary_no_line(sample_plan: Planned, book: Book) -> None:
    # The sample has no Commentary column; the workbook below has one, empty for A and B.
    for planned in (sample_plan, book.plan([SheetSection("Plans", reds())], commentary=True)):
        for slide in exceptions_of(planned):
            if slide.title.startswith("C:"):
                continue
            words = " ".join([*(p.text for p in slide.paragraphs), *slide.notes]).lower()
            assert "commentary" not in words, slide.title
            assert "none given" not in words


def test_the_commentary_when_given(book: Book) -> None:
    planned = book.plan([SheetSection("Plans", reds())], commentary=True)
    slide = next(s for s in exceptions_of(planned) if s.title.startswith("C:"))
    line = next(p for p in slide.paragraphs if p.runs[0].text == "Commentary:")
    assert slide.paragraphs.index(line) == 2  # right after the figure it explains
    assert line.runs[0].bold
    assert line.text == f"Commentary: {COMMENTARY}"


def test_a_long_commentary_is_shortened_on_the_slide_and_given_whole_in_the_notes(
        book: Book) -> None:
    long = " ".join(["Agency cover ended and the team was re-formed over the winter."] * 20)
    rows = [SheetRow("A", "% of plans on time", None, count(800), count(1000), pct(0.80),
                     "Snapshot", [pct(0.8)] * 6, pct(0.9, 0), pct(0.95, 0), commentary=long)]
    planned = book.plan([SheetSection("Plans", rows)], commentary=True)
    (slide,) = exceptions_of(planned)
    shown = next(p.text for p in slide.paragraphs if p.text.startswith("Commentary:"))
    assert shown.startswith("Commentary: Agency cover ended")
    assert shown.endswith("…")
    assert f"Commentary in full: {long}" in slide.notes
    box = planned.geometry.side_text
    style = planned.geometry.side_style  # at the size the slide sets it, up to a fifth smaller
    sized = replace(style, sizes=slide.sizes) if slide.sizes else style
    assert sized.sizes[0] >= style.sizes[0] * 0.8 - 1e-9
    assert text_height(slide.paragraphs, box, sized) <= box.height


def test_reds_beyond_the_cap_follow_the_narrative(book: Book) -> None:
    planned = book.plan([SheetSection("Plans", reds())], options=DeckOptions(exceptions=1),
                        before=[SheetNarrative("Intro", "Improvement Progress", [note("Pace")])],
                        after=[SheetNarrative("Close", "Challenges", [note("Capacity")])],
                        deck=Deck("Cabinet update", "March 2019"))
    titles = planned.plan.titles
    assert [s.title.split(":")[0] for s in exceptions_of(planned)] == ["C"]
    assert titles.index("Other red indicators") > titles.index("Challenges")
    assert planned.other_reds() == ["A", "B"]  # still furthest first
    others = planned.one("Other red indicators")
    words = " ".join(slide_texts(others))
    # each with its figure, the target it misses and what it would take
    assert all(text in words for text in ("80.0%", "90.0% minimum", "100 more of 1,000"))
    assert "87.0%" in words
    assert "Audit score" not in words  # C has its own slide


def test_no_other_reds_slide_within_the_cap(sample_plan: Planned) -> None:
    assert not sample_plan.titled("Other red indicators")


def test_a_narrow_title_beside_the_chart_wraps_as_its_box_allows() -> None:
    """A caption layout's small title (python-pptx's stock "Content with Caption") is measured
    in its own box: four lines of 20 pt there, not two of the content slide's 44 pt."""
    narrow = replace(BUILTIN_GEOMETRY, side_title=Box(36.0, 21.5, 237.0, 91.5),
                     side_title_size=20.0)
    wide = plan_file(SAMPLE).exceptions()
    beside = plan_file(SAMPLE, geometry=narrow).exceptions()
    assert [s.title for s in beside] == [s.title for s in wide]  # whole: none is cut
    for slide in beside:
        size = slide.title_size or 20.0
        assert 2 < wrap_lines(slide.title, 237.0 - 2 * INSET_X, size, True) <= 4, slide.title


def test_what_the_side_text_has_no_room_for_goes_whole_into_the_notes() -> None:
    # On the 4:3 geometry 6.3D's side text has room for neither comparator line: the notes say
    # both, so nothing is dropped unsaid; what the slide shows is not said again there.
    for geometry in (BUILTIN_GEOMETRY, GEOMETRY_4_3):
        slide = plan_file(SAMPLE, geometry=geometry).one("6.3D:")
        assert isinstance(slide, ChartSlide)
        shown = [p.text for p in slide.paragraphs]
        dropped = [n for n in slide.notes if n.startswith("Not on the slide for want of room")]
        every = ("England 2017/18: 84.0%, 3.3 points above",
                 "Statistical neighbours 2017/18: 88.2%, 0.9 points below")
        for line in every:
            assert (line in shown) != any(line in note for note in dropped), (line, geometry)
    # on 16:9 the text is set a little smaller first, and then every line fits
    wide = plan_file(SAMPLE).one("6.3D:")
    assert isinstance(wide, ChartSlide) and wide.sizes is not None
    assert wide.sizes[0] < BUILTIN_GEOMETRY.side_style.sizes[0]
    assert not any(n.startswith("Not on the slide") for n in wide.notes)


def test_a_change_in_an_xmr_charts_title_is_read_with_the_series() -> None:
    demo = plan_file(SAMPLE.parent / "demo" / "demo-2021-03.xlsx")
    titles = {s.title.split(":")[0]: s.title for s in demo.exceptions()}
    # 6.2 fell 1.7 points, within its normal variation; 3.1's fall is a special cause
    assert titles["6.2"].endswith("worse by 1.7 points since January (within normal variation)")
    assert titles["3.1"].endswith("since January (beyond normal variation)")
