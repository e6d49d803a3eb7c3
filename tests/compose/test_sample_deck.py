"""The sample workbook gives the March 2019 deck: the seed's slides, words and figures, framed as
the seed framed them, read back from the .pptx."""

from __future__ import annotations

import re

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN

from reportgen.plan.palette import RAG_SWATCH
from tests.builders import MONTHS
from tests.compose.reading import (
    Deck,
    body_paragraphs,
    descr,
    indicator_rows,
    is_kpi_table,
    kpi_tables,
    slide_titled,
    tables,
    texts,
    title_of,
    titles,
)

TITLES = [
    "Children's Services Improvement: March 2019 Update",
    "Improvement Progress",
    "KPIs at a glance: February 2019",
    "Children subject to CPP up 11% since September 2018",
    "February KPIs",
    "February KPIs (continued)",
    "How we compare: better than England on 4 of the 4 with an England figure",
    "",  # the four reds' exception slides: see EXCEPTIONS
    "",
    "",
    "",
    "Journey so far",
    "The next few months",
    "How do we know how we are doing?",
    "Challenges",
    "Partnership Plan",
]
EXCEPTIONS = ["11.13", "6.3D", "3.3a", "3.1"]
"""The reds, furthest short of Min relative to Min first: 25%, 4.1%, 3.0%, 1.1%."""


def test_slides_in_seed_order(sample_deck: Deck) -> None:
    prs = sample_deck.prs
    shown = titles(prs)
    assert [t if expected else "" for t, expected in zip(shown, TITLES, strict=False)] == TITLES
    # each exception's title carries its message: the figure, the target, the direction
    exceptions = shown[7:11]
    assert [t.split(":")[0] for t in exceptions] == EXCEPTIONS
    assert exceptions[3] == ("3.1: 89.0% against a 90.0% minimum, better by 2.5 points since "
                             "January")
    # 6.3D's Current is not February's figure: its title says no change it cannot show
    assert exceptions[1] == "6.3D: 87.3% against a 91.0% target"
    for title in (t for t in exceptions if not t.startswith("6.3D")):
        assert re.fullmatch(r"[\w.]+: [\d.]+%? against an? [\d.]+%? .+, ((better|worse) by "
                            r"[\d.]+ points?|unchanged) since January", title), title
    # what the glance slide had to cut comes after everything the board reads
    assert all(t.startswith("At a glance in full") for t in shown[len(TITLES):])
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


SAMPLE_SOURCE = ("Note: England and statistical neighbour figures are illustrative, made up "
                 "for this sample; a council copies them from DfE's published tables "
                 "(Characteristics of children in need; Children looked after in England), "
                 "year ending 31 March 2018.")


def test_slides_use_template_layouts(sample_deck: Deck) -> None:
    prs = sample_deck.prs
    layouts = [s.slide_layout.name for s in prs.slides][:len(TITLES)]
    assert layouts == ["Title Slide", "Title and Content", "Title and Content", "Title and Chart",
                       *["Title and Table"] * 2, "Title and Chart", *["Chart and Text"] * 4,
                       *["Title and Content"] * 5]
    for slide in prs.slides:
        frames = [s for s in slide.shapes if s.has_table]
        assert all(f.is_placeholder for f in frames)  # the table sits in its placeholder
        loose = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text
                 and not s.is_placeholder]
        if frames:  # the table's caption (first page) and key: text boxes of their own
            assert [s.shape_type for s in loose] in ([MSO_SHAPE_TYPE.TEXT_BOX] * 2,
                                                     [MSO_SHAPE_TYPE.TEXT_BOX])
        elif title_of(slide).startswith("KPIs at a glance"):  # the RAG tiles
            assert {s.shape_type for s in loose} == {MSO_SHAPE_TYPE.AUTO_SHAPE}
        elif title_of(slide).startswith("How we compare"):  # the comparators' source
            assert [s.text_frame.text for s in loose] == [SAMPLE_SOURCE]
        else:
            assert loose == [], title_of(slide)  # every other word is in a placeholder


def test_title_slide_presenters_and_no_repeated_month(sample_deck: Deck) -> None:
    subtitle = next(ph for ph in sample_deck.prs.slides[0].placeholders
                    if ph.placeholder_format.type is PP_PLACEHOLDER.SUBTITLE)
    text = subtitle.text_frame.text
    for expected in ("Cllr Danny Hassell",
                     "Cabinet Member for Children, Schools and Young People", "Debbie Jones",
                     "Corporate Director, Children and Culture", "Richard Baldwin",
                     "Divisional Director – Children's Social Care"):
        assert expected in text
    # the title already says "March 2019": the date is not said again beneath it
    assert "March 2019" not in text
    names = [r.text for p in subtitle.text_frame.paragraphs for r in p.runs if r.font.bold]
    # the draft mark first: the deck has figures the team has still to check
    assert names == ["Draft: 3 figures to check", "Cllr Danny Hassell", "Debbie Jones",
                     "Richard Baldwin"]
    assert sample_deck.prs.core_properties.content_status == "Draft: 3 figures to check"


def test_bullet_levels_and_text(sample_deck: Deck) -> None:
    partnership = body_paragraphs(slide_titled(sample_deck.prs, "Partnership Plan"))
    assert [(p.level, p.text) for p in partnership[2:6]] == [
        (0, "3 emerging themes:"), (1, "Aspiration to action"), (1, "Healthy families"),
        (1, "Safe and secure")]
    assert partnership[-1].text == "‘Every chance for every child’"


def test_rich_text_runs(sample_deck: Deck) -> None:
    prs = sample_deck.prs
    first = body_paragraphs(slide_titled(prs, "The next few months"))[0]
    assert first.text == "19th & 20th March – Final Ofsted Monitoring Visit. Will focus on A&I " \
        "and FS&P."
    superscripts = [r.text for r in first.runs if r._r.rPr is not None
                    and r._r.rPr.get("baseline") == "30000"]
    assert superscripts == ["th", "th"]
    pace = body_paragraphs(slide_titled(prs, "Challenges"))[0]
    assert [(r.text, bool(r.font.bold)) for r in pace.runs] == [
        ("Pace", True), (" – keeping a relentless pace.", False)]


def test_every_indicator_row_in_one_format_per_indicator(sample_deck: Deck) -> None:
    prs = sample_deck.prs
    labels = [texts(list(t.rows)[1]) for t in kpi_tables(prs)]
    assert labels[0][:7] == ["Ref", "Performance Measure", "2017/18", "Num", "Denom",
                             "Current", "Period"]
    assert labels[0][7:] == [*MONTHS, "Min", "Upper", "Trend"]
    assert all(page == labels[0] for page in labels)  # the header repeats on every page
    rows = indicator_rows(prs)
    # the workbook writes "96%" and "90%" beside "97.8%": the deck shows Current's decimals
    assert rows["1.1"][:-1] == ["1.1", "% cases with Management Oversight recorded in past 8 "
                                "weeks", "96.0%", "2,995", "3,063", "97.8% G", "Snapshot",
                                "96.5%", "94.4%", "96.8%", "91.1%", "96.7%", "97.8%", "90.0%",
                                "95.0%"]
    # "n/a", "-" and blank in the workbook: one mark for every missing figure
    assert rows["1.2"][2:7] == ["1,034", "–", "–", "1,020", "Snapshot"]
    assert rows["1.2"][13:15] == ["–", "–"]
    assert rows["5.10"][2] == "–"
    # 64 / 29 is not 2.5: the figure is marked as one to doubt (the key says so)
    # no mark of a data-quality doubt before the board: the notes and check carry them
    assert rows["11.13"][2:] == ["–", "64", "29", "2.5 R", "Snapshot", "2.4", "2.6", "2.4", "–",
                                 "2.5", "2.5", "≤2.0", "≤1.0", ""]  # a ceiling, said so
    assert not any("*" in row[5] for row in rows.values())
    assert rows["5.18"][6] == "Rolling Year"
    assert list(rows) == [i.ref for i in sample_deck.report.kpis.indicators]


def test_figures_are_right_aligned_and_words_left(sample_deck: Deck) -> None:
    checked = 0
    for table in kpi_tables(sample_deck.prs):
        labels = texts(list(table.rows)[1])
        for row in list(table.rows)[2:]:
            cells = list(row.cells)
            if not texts(row)[1]:
                continue  # a section row
            for label, cell in zip(labels, cells, strict=True):
                alignment = cell.text_frame.paragraphs[0].alignment
                if label in ("Ref", "Performance Measure"):
                    assert alignment == PP_ALIGN.LEFT, label
                elif label not in ("Period", "Trend"):
                    assert alignment == PP_ALIGN.RIGHT, (label, cell.text_frame.text)
                    checked += 1
    assert checked == 19 * 12  # 2017/18, Num, Denom, Current, six months, Min, Upper


GROUPS = {
    "Previous financial year": ["2017/18"],
    "Current Performance": ["Num", "Denom", "Current", "Period"],
    "Six Month Trend": MONTHS,
    "Target (corporate minimum / upper model)": ["Min", "Upper"],
}


def _spaced(text: str) -> str:
    return " ".join(text.replace("/", " / ").split())


def test_grouped_header_cells_really_span_their_columns(sample_deck: Deck) -> None:
    for table in kpi_tables(sample_deck.prs):
        groups, labels = list(table.rows)[:2]
        spans = {}
        cells = list(groups.cells)
        for column, cell in enumerate(cells):
            if cell.is_spanned:
                continue
            width = cell.span_width if cell.is_merge_origin else 1
            assert cell.span_height == 1
            assert all(c.is_spanned for c in cells[column + 1:column + width])
            if cell.text_frame.text:  # Ref and Measure, and Trend, have no group
                spans[_spaced(cell.text_frame.text)] = texts(labels)[column:column + width]
        assert spans == GROUPS
        assert str(cells[3].fill.fore_color.rgb) == str(labels.cells[3].fill.fore_color.rgb)


def test_section_rows_span_the_table(sample_deck: Deck) -> None:
    sections = []
    for table in kpi_tables(sample_deck.prs):
        for row in list(table.rows)[2:]:
            first = row.cells[0]
            if first.is_merge_origin:
                assert first.span_width == len(row.cells)
                sections.append(first.text_frame.text)
    assert sections == [
        "Management Oversight", "Cohorts", "Front door / assessment", "Plans", "Visits",
        "Visits (continued)", "Reviews", "Care Leavers", "Audit Activity"]


def test_first_page_has_the_sheets_caption_and_every_page_a_key(sample_deck: Deck) -> None:
    pages = [s for s in sample_deck.prs.slides if any(is_kpi_table(t) for t in tables(s))]
    for number, slide in enumerate(pages):
        boxes = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX]
        frame = next(s for s in slide.shapes if s.has_table)
        key = boxes[-1]
        assert "R red, A amber, G green" in key.text_frame.text
        assert "–" in key.text_frame.text  # the key says what the missing mark means
        assert key.top >= frame.top + frame.height  # the key is under the table
        if number == 0:
            caption = boxes[0]
            assert [p.text for p in caption.text_frame.paragraphs] == [
                "Children's Social Care Highlight Indicators",
                "This report provides summary overview of KPIs linked to child-centred "
                "performance management data being used in support of performance "
                "improvement across CSC"]
            assert caption.top + caption.height <= frame.top  # and above the table
            order = list(slide.shapes)  # screen readers read the caption, then the table,
            assert order.index(caption) < order.index(frame) < order.index(key)  # then the key
        else:
            assert len(boxes) == 1


def test_rag_fills_match_the_assessments(sample_deck: Deck) -> None:
    by_ref = {a.indicator.ref: a for a in sample_deck.assessments}
    seen = 0
    for table in kpi_tables(sample_deck.prs):
        current = texts(list(table.rows)[1]).index("Current")
        for row in list(table.rows)[2:]:
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


def test_header_rows_repeat_and_are_marked(sample_deck: Deck) -> None:
    found = kpi_tables(sample_deck.prs)
    assert len(found) == 2  # the seed's 19 at 9 pt: two slides
    for table in found:
        assert table.first_row
        assert texts(list(table.rows)[1])[0] == "Ref"


@pytest.mark.parametrize(("ref", "alt"), [
    ("3.1", "3.1: 87.3% → 89.0% over Sep 18–Feb 19, red"),
    ("1.2", "1.2: 981 → 1,020 over Sep 18–Feb 19, no target"),
    ("11.13", "11.13: 2.4 → 2.5 over Sep 18–Feb 19, red, 1 month missing"),
])
def test_trend_lines_are_described_in_the_tables_alt_text(sample_deck: Deck, ref: str,
                                                          alt: str) -> None:
    descriptions = [descr(s) for slide in sample_deck.prs.slides for s in slide.shapes
                    if s.has_table]
    assert sum(alt in d for d in descriptions) == 1


BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blipFill"


def test_each_trend_line_is_a_picture_filling_its_own_rows_trend_cell(sample_deck: Deck) -> None:
    # A cell fill cannot leave its cell, whatever height the renderer gives the row.
    with_figures = {a.indicator.ref for a in sample_deck.assessments if any(a.indicator.trend)}
    filled = []
    for slide in sample_deck.prs.slides:
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    for table in kpi_tables(sample_deck.prs):
        for row in list(table.rows)[2:]:
            cells = row.cells
            trend_cell = cells[len(cells) - 1]._tc
            pictures = [tc for tc in (c._tc for c in cells) if tc.find(f".//{BLIP}")
                        is not None]
            if pictures:
                assert pictures == [trend_cell]
                filled.append(cells[0].text_frame.text)
    assert sorted(filled) == sorted(with_figures)


def test_footer_has_date_and_number(sample_deck: Deck) -> None:
    for number, slide in enumerate(sample_deck.prs.slides, start=1):
        kinds = {ph.placeholder_format.type: ph.text_frame.text for ph in slide.placeholders
                 if ph.has_text_frame}
        if number == 1:
            assert PP_PLACEHOLDER.DATE not in kinds  # the title slide carries the date itself
            continue
        assert kinds[PP_PLACEHOLDER.DATE] == "March 2019"  # the workbook's text, as written
        assert kinds[PP_PLACEHOLDER.SLIDE_NUMBER] == str(number)
