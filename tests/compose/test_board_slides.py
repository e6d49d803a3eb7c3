"""The slides the hand-made deck lacked, as drawn: the glance slide's tiles, the cohort's small
charts, the exception charts, the reds past the cap, the notes, the appendix."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import Any

import pytest
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from reportgen.indicators import Rag, summarise
from reportgen.ingest.writer import SheetTable, WorkbookSpec
from reportgen.plan.palette import RAG_SWATCH
from scripts.make_sample import DECK, MONTHS, SECTIONS
from tests.builders import REDS_COMMENTARY
from tests.compose.reading import (
    Deck,
    body_paragraphs,
    descr,
    notes_of,
    render,
    slide_text,
    tables,
    texts,
    title_of,
    titles,
)
from tests.conftest import Write

GLANCE = "KPIs at a glance"


def glance_of(prs: Any) -> Any:
    [slide] = [s for s in prs.slides if title_of(s).startswith(GLANCE)]
    return slide


def ranked(deck: Deck) -> list[str]:
    """The reds' refs, furthest short of Min (relative to Min) first, workbook order on ties."""
    reds = [a for a in deck.assessments if a.rag is Rag.RED]
    return [a.indicator.ref for a in sorted(reds, key=lambda a: -(a.shortfall or 0.0))]


def exception_slides(deck: Deck) -> list[Any]:
    return [s for s in deck.prs.slides if s.slide_layout.name == "Chart and Text"]


def charts(slide: Any) -> list[Any]:
    return [shape for shape in slide.shapes if getattr(shape, "has_chart", False)]


# --- at a glance ---------------------------------------------------------------------------

def test_one_glance_slide_whatever_the_size(any_deck: Deck) -> None:
    glances = [t for t in titles(any_deck.prs) if t.startswith(GLANCE)]
    month = any_deck.report.kpis.period
    assert glances == [f"{GLANCE}: {month.name} {month.year}"]


def test_glance_tiles_are_shapes_with_alt_text(any_deck: Deck) -> None:
    tiles = [s for s in glance_of(any_deck.prs).shapes
             if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    shown, fills = {}, {}
    for tile in tiles:
        number, label = (p.text for p in tile.text_frame.paragraphs)
        shown[label] = int(number.replace(",", ""))
        fills[label] = str(tile.fill.fore_color.rgb)
        alt = descr(tile)
        assert alt.startswith(f"{number} {label}; RAG counts of ")  # read out as one sentence
    summary = summarise(any_deck.assessments)
    assert shown["red"] == summary.red
    assert shown["amber"] == summary.amber
    assert shown["green"] == summary.green
    assert sum(shown.values()) == summary.total
    for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
        assert fills[RAG_SWATCH[rag].word] == RAG_SWATCH[rag].fill
    body = next(ph for ph in glance_of(any_deck.prs).placeholders
                if ph.placeholder_format.idx == 1)
    assert all(t.top + t.height <= body.top for t in tiles)  # the lists start below the tiles


def test_glance_names_every_red(sample_deck: Deck) -> None:
    """Furthest first; those the slide has no room for are counted (the line on comparators
    above the lists leaves the sample room for three of its four)."""
    text = slide_text(glance_of(sample_deck.prs))
    lines = [line for line in text.splitlines() if line.split(" ")[0] in ranked(sample_deck)]
    named = [line.split(" ")[0] for line in lines]
    assert named == ranked(sample_deck)[:len(named)]
    rest = len(ranked(sample_deck)) - len(named)
    assert rest == 0 or f"… and {rest} more red" in text


def _moved_refs(prs: Any) -> list[str]:
    """The refs the glance names as moved, with those "At a glance in full" adds: each entry is
    a ref and its short name ("6.3D % care leavers in suitable… (from green)")."""
    moved: list[str] = []
    slides = [glance_of(prs), *(s for s in prs.slides
                                if title_of(s).startswith("At a glance in full"))]
    for slide in slides:
        paragraphs = body_paragraphs(slide)
        starts = [i for i, p in enumerate(paragraphs) if "RAG band since" in p.text]
        for paragraph in paragraphs[starts[0] + 1:] if starts else []:
            if paragraph.level == 0:
                break
            found = re.match(r"(?:Into \w+: )?(\d+\.\w+) ", paragraph.text)
            if found and "(from " in paragraph.text and found.group(1) not in moved:
                moved.append(found.group(1))
    return moved


def test_glance_names_exactly_the_band_changes(sample_deck: Deck, march_deck: Deck) -> None:
    assert _moved_refs(sample_deck.prs) == ["6.3D", "4.6", "5.11", "6.1"]
    assert "4.6 Children on a child protection plan… (from green) and 2 more" in slide_text(
        glance_of(sample_deck.prs))
    assert [a.indicator.ref for a in march_deck.assessments if a.band_change] == []
    assert _moved_refs(march_deck.prs) == []
    glance = slide_text(glance_of(march_deck.prs))
    assert "No indicator moved RAG band since February 2019." in glance


# --- cohorts -------------------------------------------------------------------------------

def test_each_cohort_count_is_a_native_chart_on_its_own_axis(sample_deck: Deck) -> None:
    slide = next(s for s in sample_deck.prs.slides if "since September 2018" in title_of(s))
    frames = charts(slide)
    assert len(frames) == 3  # one small chart per count, separate frames
    expected = {"1.2": [981, 997, 999, 1097, 1084, 1020], "1.3": [274, 277, 269, 258, 274, 304],
                "1.4": [311, 322, 353, 335, 338, 335]}
    ranges = []
    for frame, (ref, values) in zip(frames, expected.items(), strict=True):
        chart = frame.chart
        assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
        assert chart.chart_title.text_frame.text.startswith(f"{ref} ")
        assert list(chart.plots[0].categories) == MONTHS
        [series] = chart.series
        assert list(series.values) == values
        axis = chart.value_axis
        low, high = axis.minimum_scale, axis.maximum_scale
        assert low == 0 and max(values) <= high  # a count's size is the point: from zero
        assert max(values) >= high / 2  # fitted to its own counts, not to the largest
        ranges.append((low, high))
        label = series.points[len(values) - 1].data_label
        assert label.has_text_frame and label.text_frame.text == f"{values[-1]:,}"
        workbook = chart.part.chart_workbook.xlsx_part
        assert workbook is not None and workbook.blob[:2] == b"PK"  # editable in PowerPoint
        assert f"{values[0]:,} in Sep 18" in descr(frame)
        assert f"{values[-1]:,} in Feb 19" in descr(frame)
    assert len(set(ranges)) > 1  # 1,020 children in need would flatten 304 on a plan
    lefts = [f.left for f in frames]
    assert lefts == sorted(lefts) and all(
        a.left + a.width <= b.left for a, b in pairwise(frames))


def test_no_cohort_slide_without_a_cohort_section(write: Write) -> None:
    sections = [s for s in SECTIONS if s.title != "Cohorts"]
    prs = render(write(WorkbookSpec(DECK, [SheetTable(months=MONTHS, sections=sections)]))).prs
    assert not any(t.startswith("Cohorts") for t in titles(prs))
    assert "February KPIs" in titles(prs)


# --- exceptions ----------------------------------------------------------------------------

def test_exception_slides_for_exactly_the_reds_most_serious_first(sample_deck: Deck) -> None:
    refs = [title_of(s).split(":")[0] for s in exception_slides(sample_deck)]
    assert refs == ranked(sample_deck) == ["11.13", "6.3D", "3.3a", "3.1"]


def _dash(series: Any) -> Any:
    return series.format.line.dash_style


def test_target_lines_differ_by_dash_and_carry_labels(any_deck: Deck) -> None:
    checked = 0
    for slide in exception_slides(any_deck):
        [frame] = charts(slide)
        chart = frame.chart
        data, *targets = list(chart.series)
        ref = title_of(slide).split(":")[0]
        indicator = next(a.indicator for a in any_deck.assessments if a.indicator.ref == ref)
        assert data.name == f"{ref} monthly"
        assert targets and _dash(data) is None  # the figures: a solid line, targets dashed
        styles = [_dash(s) for s in targets]
        assert None not in styles and len(set(styles)) == len(styles)
        for series in targets:  # each target says which it is, on the chart
            if not series.name.startswith(("Min ", "Upper ", "Target ", "Ceiling ", "Aim ")):
                assert chart.has_legend  # a comparator: named, with its figure, in the legend
                continue
            label = series.points[0].data_label
            assert label.has_text_frame and label.text_frame.text == series.name
        last = max(i for i, v in enumerate(data.values) if v is not None)
        label = data.points[last].data_label
        assert label.has_text_frame  # the latest point, labelled with its figure
        if indicator.trend[-1] is not None and indicator.current is not None \
                and indicator.trend[-1].value == indicator.current.value:
            assert label.text_frame.text in slide_text(slide)  # "89.0%" as the title says
        values = [v for s in chart.series for v in s.values if v is not None]
        axis = chart.value_axis
        assert axis.minimum_scale <= min(values) and max(values) <= axis.maximum_scale
        assert len(descr(frame)) > 20
        checked += 1
    assert checked == min(len(ranked(any_deck)), 12)


def test_reds_past_the_cap_are_listed_after_the_narrative(reds_deck: Deck) -> None:
    shown = titles(reds_deck.prs)
    exceptions = [title_of(s).split(":")[0] for s in exception_slides(reds_deck)]
    assert len(exceptions) == 12
    other = shown.index("Other red indicators")
    assert other > shown.index("Challenges")  # the narrative is not pushed back
    listed = [texts(row)[0] for slide in list(reds_deck.prs.slides)[other:]
              if title_of(slide).startswith("Other red indicators")
              for table in tables(slide) for row in list(table.rows)[1:]]
    assert exceptions + listed == ranked(reds_deck)
    assert len(listed) == 8


def _with_commentary(write: Write, text: str) -> Deck:
    sections = [replace(s, rows=[replace(r, commentary=text) for r in s.rows]) for s in SECTIONS]
    return render(write(WorkbookSpec(DECK, [SheetTable(months=MONTHS, sections=sections,
                                                       commentary=True)])))


def test_commentary_column_fills_the_exception(write: Write) -> None:
    deck = _with_commentary(write, "Recovery plan agreed in March.")
    assert deck.report.kpis.indicators[0].commentary == "Recovery plan agreed in March."
    exception = next(s for s in deck.prs.slides if title_of(s).startswith("11.13:"))
    assert "Commentary: Recovery plan agreed in March." in slide_text(exception)


def test_a_one_sentence_commentary_is_shown_whole_on_every_exception_slide(
        write: Write, reds_deck: Deck) -> None:
    deck = _with_commentary(write, "Recovery plan agreed in March.")
    for slide in exception_slides(deck):
        assert "Commentary: Recovery plan agreed in March." in slide_text(slide), \
            title_of(slide)
    first = exception_slides(reds_deck)[0]
    assert f"Commentary: {REDS_COMMENTARY}" in slide_text(first)


def test_no_commentary_line_when_the_workbook_gives_none(sample_deck: Deck) -> None:
    assert not any(i.commentary for i in sample_deck.report.kpis.indicators)
    for slide in exception_slides(sample_deck):
        assert "Commentary" not in slide_text(slide)
        assert "Commentary" not in notes_of(slide)


# --- notes and appendix --------------------------------------------------------------------

NARRATIVE_LAYOUT = "Title and Content"


def _is_narrative(deck: Deck, slide: Any) -> bool:
    sheet_titles = {getattr(part, "title", "") for part in deck.report.outline}
    return bool(title_of(slide).split(" (continued")[0] in sheet_titles
                and slide.slide_layout.name == NARRATIVE_LAYOUT
                and not title_of(slide).startswith(GLANCE))


@pytest.mark.parametrize("which", ["sample_deck", "reds_deck"])
def test_notes_on_every_generated_slide_and_none_on_narrative(
        which: str, request: pytest.FixtureRequest) -> None:
    deck: Deck = request.getfixturevalue(which)
    generated = 0
    for slide in deck.prs.slides:
        notes = notes_of(slide)
        if _is_narrative(deck, slide):
            assert notes == "", title_of(slide)  # notes that repeat the bullets say nothing
            continue
        title = title_of(slide)
        if title.startswith("At a glance in full"):
            continue  # the glance's own lists, for reference
        assert notes.strip(), title
        generated += 1
        on_slide = {p.text.strip() for shape in slide.shapes if shape.has_text_frame
                    for p in shape.text_frame.paragraphs} - {title, ""}
        repeated = [line for line in notes.splitlines() if line.strip() in on_slide]
        assert repeated == [], title  # talking points, not the slide read out
    assert generated >= 8


def test_data_quality_appendix_only_when_asked(sample_deck: Deck, reds_deck: Deck) -> None:
    assert not any(t.startswith("Data quality") for t in titles(sample_deck.prs))
    shown = titles(reds_deck.prs)
    first = shown.index("Data quality: February 2019")
    assert all(t.startswith("Data quality: February 2019") for t in shown[first:])
    assert first > shown.index("Other red indicators")
