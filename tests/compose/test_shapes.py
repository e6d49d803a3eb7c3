"""The glance's tiles, written as DrawingML, are what python-pptx's autoshape, fill, line,
shadow, text-frame and font proxies made of them, attribute for attribute."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Pt

from reportgen.compose._oxml import add_shape
from reportgen.compose.drawingml import emu
from reportgen.compose.shapes import tile_xml
from reportgen.plan.layout import Box
from reportgen.plan.slides import Tile


def _proxy_styled(slide: Any, tile: Tile, alt_text: str) -> None:
    """The tile as the composer drew it through python-pptx's proxies before it wrote XML."""
    box = tile.box
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, emu(box.left), emu(box.top),
                                   emu(box.width), emu(box.height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(tile.fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    frame = shape.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    texts = ((f"{tile.count:,}", True, tile.count_size), (tile.label, False, tile.label_size))
    for index, (text, bold, size) in enumerate(texts):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = text
        if bold:
            run.font.bold = True
        run.font.color.rgb = RGBColor.from_string(tile.colour)
        run.font.size = Pt(size)
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", alt_text)


TILES = {
    "a red count": Tile(12, "red", "C00000", "FFFFFF", Box(36.0, 97.2, 210.0, 60.0)),
    "thousands, fractional box and sizes, text to escape": Tile(
        12345, 'not rated & <"none">', "e9edf4", "1f3864", Box(10.33, 20.125, 100.1, 59.99),
        count_size=22.5, label_size=10.25),
}


@pytest.mark.parametrize("case", TILES)
def test_a_tile_is_what_python_pptx_made(case: str) -> None:
    tile = TILES[case]
    alt = f"{tile.count:,} {tile.label}; of 19 indicators\n& more"
    ours, theirs = (Presentation() for _ in range(2))
    slides = [prs.slides.add_slide(prs.slide_layouts[6]) for prs in (ours, theirs)]
    for slide in slides:
        slide.shapes.turbo_add_enabled = True
    for _ in range(2):  # the second of each numbered after the first
        add_shape(slides[0], tile_xml(tile, alt))
        _proxy_styled(slides[1], tile, alt)
    made = [etree.tostring(slide.shapes._spTree) for slide in slides]
    assert made[0] == made[1]
    assert ours.slides[0].part.blob == theirs.slides[0].part.blob
