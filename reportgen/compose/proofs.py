"""What each composed slide must show once rendered: its title, every table cell's text, all of
it above the footer. Read off the finished presentation, so it states what was really written."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from reportgen.compose._oxml import table_cells
from reportgen.proof import DeckProof, SlideProof

_FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER)
_A = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_T = f"{{{_A['a']}}}t"


def deck_proof(prs: Any) -> DeckProof:
    height = prs.slide_height
    slides = tuple(_slide_proof(number, slide, height)
                   for number, slide in enumerate(prs.slides, start=1))
    return DeckProof(slides, theme_fonts(prs))


def _slide_proof(number: int, slide: Any, slide_height: int) -> SlideProof:
    cells = table_cells(slide)
    texts = tuple(text for cell in cells
                  if (text := "".join(t.text or "" for t in cell.iter(_T)).strip()))
    tops = [ph.top for ph in slide.placeholders
            if ph.placeholder_format.type in _FOOTERS and ph.top is not None]
    bottom = min(tops) / slide_height if tops else 1.0
    return SlideProof(number, slide.shapes.title.text_frame.text, texts, bottom)


def theme_fonts(prs: Any) -> tuple[str, ...]:
    """The theme's heading and body typefaces (the fonts the deck's text is drawn in)."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    faces = root.xpath("//a:majorFont/a:latin/@typeface | //a:minorFont/a:latin/@typeface",
                       namespaces=_A)
    return tuple(dict.fromkeys(str(face) for face in faces if face))
