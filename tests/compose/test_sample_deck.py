"""The sample workbook gives the March 2019 deck: every slide, word and figure of the seed."""

from __future__ import annotations

from typing import Any

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from reportgen.indicators import Assessment
from reportgen.model import Report
from reportgen.palette import RAG_SWATCH
from tests.compose.conftest import table_rows, tables, title_of

Deck = tuple[Any, Report, tuple[Assessment, ...]]

TITLES = [
    "Children's Services Improvement: March 2019 Update",
    "Improvement Progress",
    "KPIs at a glance",
    "Cohorts: Sep 18–Feb 19",
    "February KPIs",
    "February KPIs (continued)",
    "3.1: % of children in need with CIN Plan completed",
    "3.3a: % of CIN children visited within the past four weeks (incl. CWD)",
    "6.3D: % care leavers in suitable accommodation",
    "11.13: Overall audit quality score (lower is better)",
    "Journey so far",
    "The next few months",
    "How do we know how we are doing?",
    "Challenges",
    "Partnership Plan",
]


def test_slides_in_seed_order(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    assert [title_of(s) for s in prs.slides] == TITLES
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_slides_use_template_layouts(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts == ["Title Slide", "Title and Content", "Title and Content", "Title and Chart",
                       "Title and Table", "Title and Table", *["Chart and Text"] * 4,
                       *["Title and Content"] * 5]
    for slide in prs.slides:
        frames = [s for s in slide.shapes if s.has_table]
        assert all(f.is_placeholder for f in frames)  # the table sits in its placeholder
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text]
        assert all(s.is_placeholder for s in texts)  # no free-floating text boxes


def test_title_slide_presenters(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    subtitle = next(ph for ph in prs.slides[0].placeholders
                    if ph.placeholder_format.type is PP_PLACEHOLDER.SUBTITLE)
    text = subtitle.text_frame.text
    for expected in ("March 2019", "Cllr Danny Hassell",
                     "Cabinet Member for Children, Schools and Young People", "Debbie Jones",
                     "Corporate Director, Children and Culture", "Richard Baldwin",
                     "Divisional Director – Children's Social Care"):
        assert expected in text
    names = [r.text for p in subtitle.text_frame.paragraphs for r in p.runs if r.font.bold]
    assert names == ["March 2019", "Cllr Danny Hassell", "Debbie Jones", "Richard Baldwin"]


def slide_titled(prs: Any, title: str) -> Any:
    return next(s for s in prs.slides if title_of(s) == title)


def body_paragraphs(slide: Any) -> list[Any]:
    body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    return list(body.text_frame.paragraphs)


def test_bullet_levels_and_text(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    partnership = body_paragraphs(slide_titled(prs, "Partnership Plan"))
    assert [(p.level, p.text) for p in partnership[2:6]] == [
        (0, "3 emerging themes:"), (1, "Aspiration to action"), (1, "Healthy families"),
        (1, "Safe and secure")]
    assert partnership[-1].text == "‘Every chance for every child’"


def test_rich_text_runs(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    first = body_paragraphs(slide_titled(prs, "The next few months"))[0]
    assert first.text == "19th & 20th March – Final Ofsted Monitoring Visit. Will focus on A&I " \
        "and FS&P."
    superscripts = [r.text for r in first.runs if r._r.rPr is not None
                    and r._r.rPr.get("baseline") == "30000"]
    assert superscripts == ["th", "th"]
    pace = body_paragraphs(slide_titled(prs, "Challenges"))[0]
    assert [(r.text, bool(r.font.bold)) for r in pace.runs] == [
        ("Pace", True), (" – keeping a relentless pace.", False)]


def test_every_indicator_row_as_the_seed_prints_it(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    rows = {r[0]: r for r in table_rows(prs) if len(r) > 1 and r[1]}
    assert rows["Ref"][:8] == ["Ref", "Performance Measure", "2017/18", "Num", "Denom",
                               "Current", "Period", "Sep 18"]
    assert rows["1.1"][:-1] == ["1.1", "% cases with Management Oversight recorded in past 8 "
                                "weeks", "96%", "2,995", "3,063", "97.8% G", "Snapshot", "96.5%",
                                "94.4%", "96.8%", "91.1%", "96.7%", "97.8%", "90%", "95%"]
    assert rows["1.2"][2:7] == ["1,034", "n/a", "n/a", "1,020", "Snapshot"]
    assert rows["5.10"][2] == ""  # the seed leaves this previous year blank
    assert rows["11.13"][2:] == ["", "64", "29", "2.5 R", "Snapshot", "2.4", "2.6", "2.4", "-",
                                 "2.5", "2.5", "2", "1", ""]
    assert rows["5.18"][6] == "Rolling Year"
    indicator_refs = [r for r in rows if r != "Ref"]
    assert len(indicator_refs) == 19


def test_section_rows_span_the_table(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    sections = []
    for slide in prs.slides:
        for table in tables(slide):
            for row in table.rows:
                first = row.cells[0]
                if first.is_merge_origin:
                    assert first.span_width == len(row.cells)
                    sections.append(first.text_frame.text)
    assert sections == ["Management Oversight", "Cohorts", "Front door / assessment", "Plans",
                        "Visits", "Reviews", "Care Leavers", "Audit Activity"]


def test_rag_fills_match_the_assessments(sample_deck: Deck) -> None:
    prs, _, assessments = sample_deck
    by_ref = {a.indicator.ref: a for a in assessments}
    seen = 0
    for slide in prs.slides:
        for table in tables(slide):
            current = [c.text_frame.text for c in table.rows[0].cells].index("Current")
            for row in list(table.rows)[1:]:
                ref = row.cells[0].text_frame.text
                if ref not in by_ref:
                    continue
                seen += 1
                cell = row.cells[current]
                rag = by_ref[ref].rag
                expected = RAG_SWATCH[rag].fill if rag else "FFFFFF"
                assert str(cell.fill.fore_color.rgb) == expected, ref
                if rag:
                    assert cell.text_frame.text.endswith(f" {RAG_SWATCH[rag].letter}")
    assert seen == 19


def test_header_row_repeats_and_is_marked(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    found = [t for s in prs.slides for t in tables(s)]
    assert len(found) == 2
    for table in found:
        assert table.first_row
        assert table.rows[0].cells[0].text_frame.text == "Ref"


@pytest.mark.parametrize(("ref", "alt"), [
    ("3.1", "3.1: 87.3% → 89.0% over Sep 18–Feb 19, red"),
    ("1.2", "1.2: 981 → 1,020 over Sep 18–Feb 19, no target"),
    ("11.13", "11.13: 2.4 → 2.5 over Sep 18–Feb 19, red, 1 month missing"),
])
def test_trend_lines_are_described_in_the_tables_alt_text(sample_deck: Deck, ref: str,
                                                          alt: str) -> None:
    prs, _, _ = sample_deck
    descriptions = [s._element.nvGraphicFramePr.cNvPr.get("descr") for slide in prs.slides
                    for s in slide.shapes if s.has_table]
    assert sum(alt in d for d in descriptions) == 1


BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blipFill"


def test_each_trend_line_is_a_picture_filling_its_own_rows_trend_cell(sample_deck: Deck) -> None:
    # A cell fill cannot leave its cell, whatever height the renderer gives the row.
    prs, _, assessments = sample_deck
    with_figures = {a.indicator.ref for a in assessments if any(a.indicator.trend)}
    filled = []
    for slide in prs.slides:
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
        for table in tables(slide):
            for row in list(table.rows)[1:]:
                cells = row.cells
                trend_cell = cells[len(cells) - 1]._tc
                pictures = [tc for tc in (c._tc for c in cells) if tc.find(f".//{BLIP}")
                            is not None]
                if pictures:
                    assert pictures == [trend_cell]
                    filled.append(cells[0].text_frame.text)
    assert sorted(filled) == sorted(with_figures)


def test_footer_has_date_and_number(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    for number, slide in enumerate(prs.slides, start=1):
        kinds = {ph.placeholder_format.type: ph.text_frame.text for ph in slide.placeholders
                 if ph.has_text_frame}
        if number == 1:
            continue
        assert kinds[PP_PLACEHOLDER.DATE] == "March 2019"
        assert kinds[PP_PLACEHOLDER.SLIDE_NUMBER] == str(number)
