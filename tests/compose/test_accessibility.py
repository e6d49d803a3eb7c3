"""Walk whole decks and check the accessibility rules (UK public sector, WCAG 2.2 AA)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

import pytest
from lxml import etree
from pptx.enum.dml import MSO_FILL
from pptx.enum.shapes import MSO_SHAPE_TYPE

from reportgen.plan.palette import RAG_SWATCH
from tests.accessibility import SIMULATIONS, contrast, difference
from tests.compose.reading import CHART_PART, Deck, descr, is_footer, title_of

BACKGROUND = "FFFFFF"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def test_every_slide_has_a_unique_title(any_deck: Deck) -> None:
    titles = []
    for slide in any_deck.prs.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.text_frame.text.strip()
        titles.append(title.text_frame.text)
    assert len(set(titles)) == len(titles)


def test_pictures_charts_tables_and_tiles_have_meaningful_alt_text(any_deck: Deck) -> None:
    checked = 0
    for slide in any_deck.prs.slides:
        for shape in slide.shapes:
            visual = shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.GROUP,
                                          MSO_SHAPE_TYPE.AUTO_SHAPE) or \
                getattr(shape, "has_chart", False) or shape.has_table
            if visual:
                text = descr(shape)
                assert len(text) > 20, (title_of(slide), shape.name)
                assert not text.lower().endswith((".png", ".jpg", ".emf")), text
                checked += 1
    assert checked >= 5  # the glance's tiles and a table page, at least


def test_tables_have_header_rows_and_merge_only_headings(any_deck: Deck) -> None:
    for slide in any_deck.prs.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            table = shape.table
            assert table.first_row
            width = len(table.columns)
            rows = list(table.rows)
            for cell in rows[0].cells:  # the grouped header: spans across, never down
                assert not cell.is_merge_origin or cell.span_height == 1
            for row in rows[1:]:
                cells = list(row.cells)
                merged = [c for c in cells if c.is_merge_origin or c.is_spanned]
                if merged:  # a section's name, across the whole table
                    assert cells[0].is_merge_origin and cells[0].span_width == width
                    assert cells[0].span_height == 1


def test_rag_is_in_words_as_well_as_colour(any_deck: Deck) -> None:
    letters = {s.fill: s.letter for s in RAG_SWATCH.values()}
    words = {s.fill: s.word for s in RAG_SWATCH.values()}
    rated = 0
    for slide in any_deck.prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        if cell.fill.type == MSO_FILL.SOLID and \
                                str(cell.fill.fore_color.rgb) in letters:
                            letter = letters[str(cell.fill.fore_color.rgb)]
                            assert cell.text_frame.text.endswith(f" {letter}")
                            rated += 1
            elif shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and \
                    shape.fill.type == MSO_FILL.SOLID and \
                    str(shape.fill.fore_color.rgb) in words:
                assert words[str(shape.fill.fore_color.rgb)] in shape.text_frame.text
    assert rated > 0


def _runs(frame: Any) -> list[Any]:
    return [run for paragraph in frame.paragraphs for run in paragraph.runs if run.text.strip()]


def _background(shape: Any) -> str:
    """What a shape's text is read against: its own solid fill (a tile), else the slide."""
    fill = getattr(shape, "fill", None)
    if fill is not None and fill.type == MSO_FILL.SOLID:
        return str(fill.fore_color.rgb)
    return BACKGROUND


def test_text_contrast_at_least_4_5(any_deck: Deck) -> None:
    checked = 0
    for slide in any_deck.prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        fill = str(cell.fill.fore_color.rgb) if cell.fill.type == 1 else BACKGROUND
                        for run in _runs(cell.text_frame):
                            assert contrast(str(run.font.color.rgb), fill) >= 4.5, run.text
                            checked += 1
            elif shape.has_text_frame:
                for run in _runs(shape.text_frame):
                    if run.font.color and run.font.color.type is not None and \
                            run.font.color.type == 1:
                        assert contrast(str(run.font.color.rgb), _background(shape)) >= 4.5, \
                            (title_of(slide), run.text)
                        checked += 1
    assert checked > 0


def _chart_text_colours(slide: Any) -> Iterator[tuple[str, str]]:
    """(colour, text) of every coloured run in the slide's charts: titles, data labels."""
    for rel in slide.part.rels.values():
        if rel.reltype != CHART_PART:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for run in root.iter(f"{{{_A}}}r"):
            colour = run.find(f"{{{_A}}}rPr/{{{_A}}}solidFill/{{{_A}}}srgbClr")
            text = run.find(f"{{{_A}}}t")
            if colour is not None and text is not None:
                yield colour.get("val"), text.text or ""


@pytest.mark.parametrize("which", ["sample_deck", "reds_deck"])
def test_chart_labels_contrast_at_least_4_5(which: str, request: pytest.FixtureRequest) -> None:
    deck: Deck = request.getfixturevalue(which)
    checked = 0
    for slide in deck.prs.slides:
        for colour, text in _chart_text_colours(slide):
            assert contrast(colour, BACKGROUND) >= 4.5, (title_of(slide), text, colour)
            checked += 1
    assert checked > 0


def test_theme_text_colours_meet_contrast(any_deck: Deck) -> None:
    theme = any_deck.prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(theme.blob)
    ns = {"a": _A}
    for slot in ("dk1", "dk2"):
        colour = root.find(f".//a:clrScheme/a:{slot}/a:srgbClr", ns).get("val")
        assert contrast(colour, BACKGROUND) >= 4.5, slot


def test_reading_order_title_first_footers_last(any_deck: Deck) -> None:
    for slide in any_deck.prs.slides:
        shapes = list(slide.shapes)
        assert shapes[0] == slide.shapes.title
        footer_at = [i for i, s in enumerate(shapes) if is_footer(s)]
        if footer_at:
            assert footer_at == list(range(len(shapes) - len(footer_at), len(shapes)))


def test_rag_palette_meets_contrast_and_survives_colour_blindness() -> None:
    for swatch in RAG_SWATCH.values():
        assert contrast(swatch.fill, swatch.text) >= 4.5, swatch.word
    for a, b in combinations(RAG_SWATCH.values(), 2):
        for simulation in (None, *SIMULATIONS):
            assert difference(a.fill, b.fill, simulation) >= 30, (a.word, b.word, simulation)
