"""What each composed slide must show once rendered: its title, every table cell's text, all of
it above the footer, and the alt text of its charts and pictures. Read off the finished
presentation, so it states what was really written."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from reportgen.compose._oxml import figure_alt_texts, footer_tops, table_cells
from reportgen.proof import DeckProof, SlideProof

_FOOTERS = {PP_PLACEHOLDER.DATE: "dt", PP_PLACEHOLDER.SLIDE_NUMBER: "sldNum",
            PP_PLACEHOLDER.FOOTER: "ftr"}
"""The footer placeholders, each with its ``type`` as the XML writes it."""
_A = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_T = f"{{{_A['a']}}}t"


def deck_proof(prs: Any) -> DeckProof:
    height = prs.slide_height
    footers = _LayoutFooters()
    slides = tuple(_slide_proof(number, slide, height, footers)
                   for number, slide in enumerate(prs.slides, start=1))
    return DeckProof(slides, theme_fonts(prs))


def _slide_proof(number: int, slide: Any, slide_height: int,
                 footers: _LayoutFooters) -> SlideProof:
    cells = table_cells(slide)
    texts = tuple(text for cell in cells
                  if (text := "".join(cell.itertext(_T, with_tail=False)).strip()))
    tops = [top for kind, own in footer_tops(slide)
            if (top := own if own is not None else footers.top(slide.slide_layout, kind))
            is not None]
    bottom = min(tops) / slide_height if tops else 1.0
    return SlideProof(number, slide.shapes.title.text_frame.text, texts, bottom,
                      figure_alt_texts(slide))


class _LayoutFooters:
    """Each layout's footer placeholders' tops, read once: a slide's footer copies keep their
    layout's position, and python-pptx's placeholder proxies cost a millisecond a slide."""

    def __init__(self) -> None:
        self._tops: dict[int, dict[str, int | None]] = {}

    def top(self, layout: Any, kind: str) -> int | None:
        key = id(layout.part)
        if key not in self._tops:
            self._tops[key] = {
                _FOOTERS[ph.placeholder_format.type]: ph.top for ph in layout.placeholders
                if ph.placeholder_format.type in _FOOTERS}
        return self._tops[key].get(kind)


def theme_fonts(prs: Any) -> tuple[str, ...]:
    """The theme's heading and body typefaces (the fonts the deck's text is drawn in)."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    faces = root.xpath("//a:majorFont/a:latin/@typeface | //a:minorFont/a:latin/@typeface",
                       namespaces=_A)
    return tuple(dict.fromkeys(str(face) for face in faces if face))
