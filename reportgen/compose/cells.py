"""Table cells written as DrawingML directly.

python-pptx's cell proxies cost about half a millisecond a cell (every property re-finds or
re-creates its XML), which is most of a 1,000-indicator deck's build time. The KPI table's cells
are uniform, so they are written here in one pass with lxml: the same XML the proxies produce.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

_TX_BODY, _BODY_PR, _LST_STYLE, _P, _P_PR = (qn("a:txBody"), qn("a:bodyPr"), qn("a:lstStyle"),
                                             qn("a:p"), qn("a:pPr"))
_R, _R_PR, _T, _END = qn("a:r"), qn("a:rPr"), qn("a:t"), qn("a:endParaRPr")
_TC_PR, _SOLID, _SRGB = qn("a:tcPr"), qn("a:solidFill"), qn("a:srgbClr")


@dataclass(frozen=True)
class CellStyle:
    fill: str
    colour: str
    bold: bool = False
    align: str = "ctr"
    """DrawingML paragraph alignment: "l", "ctr" or "r"."""


def _solid(parent: Any, rgb: str) -> None:
    etree.SubElement(etree.SubElement(parent, _SOLID), _SRGB, val=rgb)


def write_cell(tc: Any, text: str, style: CellStyle, *, size_pt: float,
               margins: tuple[int, int]) -> None:
    """Replace a table cell's content: one paragraph, one run, a solid fill, centred vertically.

    The end-of-paragraph size is set too: an empty cell's line height comes from it (18 pt by
    default), which would make the row taller than planned."""
    for child in list(tc):
        tc.remove(child)
    size = str(round(size_pt * 100))
    body = etree.SubElement(tc, _TX_BODY)
    etree.SubElement(body, _BODY_PR)
    etree.SubElement(body, _LST_STYLE)
    paragraph = etree.SubElement(body, _P)
    etree.SubElement(paragraph, _P_PR, algn=style.align)
    if text:
        run = etree.SubElement(paragraph, _R)
        properties = etree.SubElement(run, _R_PR, lang="en-GB", sz=size,
                                      b="1" if style.bold else "0")
        _solid(properties, style.colour)
        etree.SubElement(run, _T).text = text
    etree.SubElement(paragraph, _END, lang="en-GB", sz=size)
    across, down = (str(m) for m in margins)
    cell_properties = etree.SubElement(tc, _TC_PR, marL=across, marR=across, marT=down,
                                       marB=down, anchor="ctr")
    _solid(cell_properties, style.fill)


_BLIP_FILL, _BLIP, _STRETCH, _FILL_RECT = (qn("a:blipFill"), qn("a:blip"), qn("a:stretch"),
                                           qn("a:fillRect"))
_EMBED = qn("r:embed")


def picture_fill(tc: Any, rid: str) -> None:
    """Fill a written cell with the picture related as ``rid``, stretched to the cell: the
    picture grows with its row in PowerPoint and LibreOffice alike."""
    properties = tc.find(_TC_PR)
    for fill in properties.findall(_SOLID):
        properties.remove(fill)
    blip_fill = etree.SubElement(properties, _BLIP_FILL)
    etree.SubElement(blip_fill, _BLIP).set(_EMBED, rid)
    etree.SubElement(etree.SubElement(blip_fill, _STRETCH), _FILL_RECT)
