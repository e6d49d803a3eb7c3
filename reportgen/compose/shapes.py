"""Shapes of the deck's own written as DrawingML: the glance's tiles.

A tile is written as python-pptx's ``add_shape`` and its fill, line, shadow, text-frame,
paragraph and font proxies left it, attribute for attribute (``tests/compose/test_shapes.py``
makes it both ways), in one piece of text: no proxy restyles what was written."""

from __future__ import annotations

from reportgen.compose.drawingml import attribute, emu, font_size, solid
from reportgen.compose.text import run_xml
from reportgen.model import TextRun
from reportgen.plan.slides import Tile

_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_STYLE = ('<p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="3">'
          '<a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="2"><a:schemeClr '
          'val="accent1"/></a:effectRef><a:fontRef idx="minor"><a:schemeClr val="lt1"/>'
          "</a:fontRef></p:style>")
"""The theme references python-pptx gives an autoshape (its fill, line and shadow are the
tile's own, which override them)."""


def tile_xml(tile: Tile, alt_text: str) -> str:
    """A tile: a rounded rectangle at its box in its fill, with no outline or shadow, its count
    over its label, centred both ways, in its colour and sizes; ``{id}`` for its shape id (and
    its name, "Rounded Rectangle" and one less, as python-pptx names it)."""
    box = tile.box
    colour = solid(tile.colour)
    count = run_xml(TextRun(tile.count_text, bold=True), font_size(tile.count_size), colour)
    label = run_xml(TextRun(tile.label), font_size(tile.label_size), colour)
    return (f'<p:sp xmlns:p="{_P_NS}" xmlns:a="{_A_NS}"><p:nvSpPr><p:cNvPr id="{{id}}" '
            f'name="Rounded Rectangle {{number}}" descr="{attribute(alt_text)}"/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{emu(box.left)}" '
            f'y="{emu(box.top)}"/><a:ext cx="{emu(box.width)}" cy="{emu(box.height)}"/>'
            '</a:xfrm><a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom>'
            f"{solid(tile.fill)}<a:ln><a:noFill/></a:ln><a:effectLst/></p:spPr>{_STYLE}"
            f'<p:txBody><a:bodyPr rtlCol="0" anchor="{tile.anchor.value}" wrap="square">'
            '<a:noAutofit/>'
            f'</a:bodyPr><a:lstStyle/><a:p><a:pPr algn="ctr"/>{count}</a:p>'
            f'<a:p><a:pPr algn="ctr"/>{label}</a:p></p:txBody></p:sp>')
