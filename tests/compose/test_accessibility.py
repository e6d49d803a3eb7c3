"""Walk whole decks and check the accessibility rules (UK public sector, WCAG 2.2 AA)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from reportgen.compose import DeckOptions, compose_deck
from reportgen.indicators import assess_all
from reportgen.ingest import read_report
from reportgen.palette import RAG_SWATCH
from tests.accessibility import SIMULATIONS, contrast, difference
from tests.compose.test_other_workbooks import big_spec, march_spec
from tests.conftest import Write

BACKGROUND = "FFFFFF"
FOOTERS = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER}


@pytest.fixture(params=["sample", "march", "big"])
def deck(request: pytest.FixtureRequest, sample: Path, write: Write, tmp_path: Path) -> Any:
    path = {"sample": lambda: sample, "march": lambda: write(march_spec()),
            "big": lambda: write(big_spec(60))}[request.param]()
    report = read_report(path)
    out = tmp_path / "deck.pptx"
    out.write_bytes(compose_deck(report, assess_all(report.kpis.indicators),
                                 options=DeckOptions(appendix=True)).data)
    return Presentation(str(out))


def descr(shape: Any) -> str:
    return str(shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or "")


def test_every_slide_has_a_unique_title(deck: Any) -> None:
    titles = []
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.text_frame.text.strip()
        titles.append(title.text_frame.text)
    assert len(set(titles)) == len(titles)


def test_pictures_charts_and_drawings_have_meaningful_alt_text(deck: Any) -> None:
    for slide in deck.slides:
        for shape in slide.shapes:
            visual = shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.GROUP) or \
                getattr(shape, "has_chart", False)
            if visual:
                text = descr(shape)
                assert len(text) > 20, shape.name
                assert not text.lower().endswith((".png", ".jpg", ".emf")), text


def test_tables_have_a_header_row_and_merge_only_section_rows(deck: Any) -> None:
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            table = shape.table
            assert table.first_row
            width = len(table.columns)
            for row in list(table.rows)[1:]:
                cells = list(row.cells)
                merged = [c for c in cells if c.is_merge_origin or c.is_spanned]
                if merged:
                    assert cells[0].is_merge_origin and cells[0].span_width == width
                    assert cells[0].span_height == 1


def test_rag_is_in_words_as_well_as_colour(deck: Any) -> None:
    fills = {s.fill: s.letter for s in RAG_SWATCH.values()}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        if cell.fill.type == 1 and str(cell.fill.fore_color.rgb) in fills:
                            letter = fills[str(cell.fill.fore_color.rgb)]
                            assert cell.text_frame.text.endswith(f" {letter}")


def _runs(frame: Any) -> list[Any]:
    return [run for paragraph in frame.paragraphs for run in paragraph.runs if run.text.strip()]


def test_text_contrast_at_least_4_5(deck: Any) -> None:
    checked = 0
    for slide in deck.slides:
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
                        assert contrast(str(run.font.color.rgb), BACKGROUND) >= 4.5
    assert checked > 0


def test_theme_text_colours_meet_contrast(deck: Any) -> None:
    theme = deck.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(theme.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for slot in ("dk1", "dk2"):
        colour = root.find(f".//a:clrScheme/a:{slot}/a:srgbClr", ns).get("val")
        assert contrast(colour, BACKGROUND) >= 4.5, slot


def test_reading_order_title_first_footers_last(deck: Any) -> None:
    for slide in deck.slides:
        shapes = list(slide.shapes)
        assert shapes[0] == slide.shapes.title
        kinds = [s.placeholder_format.type if s.is_placeholder else None for s in shapes]
        footer_at = [i for i, k in enumerate(kinds) if k in FOOTERS]
        if footer_at:
            assert footer_at == list(range(len(shapes) - len(footer_at), len(shapes)))


def test_rag_palette_meets_contrast_and_survives_colour_blindness() -> None:
    for swatch in RAG_SWATCH.values():
        assert contrast(swatch.fill, swatch.text) >= 4.5, swatch.word
    for a, b in combinations(RAG_SWATCH.values(), 2):
        for simulation in (None, *SIMULATIONS):
            assert difference(a.fill, b.fill, simulation) >= 30, (a.word, b.word, simulation)
