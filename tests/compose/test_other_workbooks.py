"""Decks for workbooks other than the sample: another month, a large table, long narrative,
a template that cannot serve."""

from __future__ import annotations

from dataclasses import replace

from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from reportgen.ingest.writer import SheetNarrative, WorkbookSpec
from reportgen.model import Paragraph, TextRun
from reportgen.plan.layout import MIN_ROW
from scripts.make_sample import DECK
from tests.builders import MARCH, big_spec, sample_table
from tests.compose.reading import (
    EMU_PER_PT,
    Deck,
    everything_on,
    footer_top,
    indicator_rows,
    is_kpi_table,
    kpi_rows,
    render,
    shape_texts,
    tables,
    texts,
    title_of,
    titles,
)
from tests.conftest import Write


def footer_dates(deck: Deck) -> set[str]:
    return {ph.text_frame.text for s in deck.prs.slides for ph in s.placeholders
            if ph.placeholder_format.type == PP_PLACEHOLDER.DATE}


def subtitle_text(deck: Deck) -> str:
    return str(next(ph for ph in deck.prs.slides[0].placeholders
                    if ph.placeholder_format.type is PP_PLACEHOLDER.SUBTITLE).text_frame.text)


def test_another_month_leaves_nothing_of_february(march_deck: Deck) -> None:
    prs = march_deck.prs
    shown = titles(prs)
    assert shown[:5] == ["Children's Services Improvement: April 2019 Update",
                         "Improvement Progress in March", "KPIs at a glance: March 2019",
                         "Children subject to CPP up 10% since October 2018",
                         "March KPIs"]
    last = shown.index("Challenges")  # the last sheet; only the glance's lists in full follow
    assert all(t.startswith("At a glance in full") for t in shown[last + 1:])
    everything = "\n".join(text for slide in prs.slides for text in shape_texts(slide)) + \
        "\n".join("|".join(r) for r in kpi_rows(prs))
    for gone in ("February KPIs", "Sep 18", "Number of LAC", "Journey so far",
                 "Cllr Danny Hassell"):
        assert gone not in everything
    rows = indicator_rows(prs)
    assert "1.4" not in rows
    assert rows["7.1"][5] == "80.0% R"
    assert [r[0] for r in kpi_rows(prs) if r[0] == "Early Help"] == ["Early Help"]
    labels = texts(list(next(t for s in prs.slides for t in tables(s) if is_kpi_table(t))
                         .rows)[1])
    assert labels[7:13] == MARCH


def test_the_meeting_date_in_uk_long_form(march_deck: Deck) -> None:
    # a date cell in the workbook; the title names the month but not the day, so the title
    # slide gives the date, and every other slide's footer
    assert footer_dates(march_deck) == {"9 April 2019"}
    # after the draft mark: the sample's three doubts are still there in March
    assert subtitle_text(march_deck).startswith("Draft: 3 figures to check\n9 April 2019")


def test_a_date_written_as_iso_text_is_shown_in_long_form(write: Write) -> None:
    spec = WorkbookSpec(replace(DECK, title="Improvement Board update", date="2019-04-09"),
                        [sample_table()])
    deck = render(write(spec))
    assert footer_dates(deck) == {"9 April 2019"}
    assert subtitle_text(deck).startswith("Draft: 3 figures to check\n9 April 2019")
    assert not any("2019-04-09" in everything_on(s) for s in deck.prs.slides)


def test_large_table_is_paginated_readably(big_deck: Deck) -> None:
    prs = big_deck.prs
    pages = [s for s in prs.slides if any(is_kpi_table(t) for t in tables(s))]
    assert len(pages) > 5
    shown = [title_of(s) for s in pages]
    assert shown[:3] == ["March KPIs", "March KPIs (continued)", "March KPIs (continued 2)"]
    assert len(set(shown)) == len(shown)
    refs = [r[0] for r in kpi_rows(prs) if r[1]]
    assert refs == [i.ref for i in big_deck.report.kpis.indicators]  # each once, in order
    for slide in pages:
        frame = next(s for s in slide.shapes if s.has_table)
        table = frame.table
        rows = list(table.rows)
        assert texts(rows[1])[0] == "Ref"  # the header on every page
        assert not rows[-1].cells[0].is_merge_origin  # no section heading alone at the foot
        key = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX][-1]
        assert frame.top + frame.height <= key.top
        assert key.top + key.height <= footer_top(slide)
        for row in rows:
            # 9 pt where 10 pt would take another slide: never smaller
            assert row.height >= MIN_ROW * 0.9 * EMU_PER_PT
            smallest = 9.0
            for cell in row.cells:
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size.pt >= smallest


def test_a_page_that_starts_inside_a_section_names_it_again(big_deck: Deck) -> None:
    pages = [t for s in big_deck.prs.slides for t in tables(s) if is_kpi_table(t)]
    seen: list[str] = []
    continued = 0
    for table in pages:
        first = list(table.rows)[2].cells[0]
        assert first.is_merge_origin  # every page opens with a section's name
        name = first.text_frame.text
        if name.endswith(" (continued)"):
            assert name.removesuffix(" (continued)") == seen[-1]  # the section it was in
            continued += 1
        seen.extend(r.cells[0].text_frame.text for r in list(table.rows)[2:]
                    if r.cells[0].is_merge_origin and not
                    r.cells[0].text_frame.text.endswith(" (continued)"))
    assert continued > 0
    assert seen == [f"Section {n}" for n in range(1, 16)]


def test_long_narrative_continues_on_another_slide(write: Write) -> None:
    bullets = [Paragraph((TextRun(f"Point {i}: " + "a sentence of ordinary length " * 4),))
               for i in range(18)]
    spec = WorkbookSpec(DECK, [SheetNarrative("Long", "Progress", bullets),
                               *big_spec(10).sheets])
    prs = render(write(spec)).prs
    shown = titles(prs)
    assert shown[1:4] == ["Progress", "Progress (continued)", "Progress (continued 2)"] or \
        shown[1:3] == ["Progress", "Progress (continued)"]
    paragraphs = [p.text for s in list(prs.slides)[1:] for ph in s.placeholders
                  if ph.placeholder_format.idx == 1 and ph.has_text_frame
                  for p in ph.text_frame.paragraphs]
    assert [t.split(":")[0] for t in paragraphs if t.startswith("Point")] == \
        [f"Point {i}" for i in range(18)]


def test_repeated_titles_are_numbered(write: Write) -> None:
    notes = [SheetNarrative(f"N{i}", "Update", [Paragraph((TextRun(f"point {i}"),))])
             for i in range(3)]
    prs = render(write(WorkbookSpec(DECK, [*notes, *big_spec(10).sheets]))).prs
    assert titles(prs)[1:4] == ["Update", "Update (2)", "Update (3)"]
