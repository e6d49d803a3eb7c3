"""Everything the composer does beneath python-pptx's public API, in one place.

python-pptx has no public way to set a graphic frame's alt text, to write a table's grid and rows
in one pass, to fill a cell with a picture, to copy a layout's footer onto a slide, or to empty a
template of its example slides; these functions do it on the XML, so the rest of ``compose``
uses the public API only. A python-pptx upgrade that moves these attributes breaks this module
alone.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu

EMU_PER_PT = 12700


def emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_PT))


def set_alt_text(shape: Any, text: str) -> None:
    """A shape's description, read out by screen readers (``cNvPr/@descr``)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def xpath(proxy: Any, path: str) -> list[Any]:
    """Query the XML behind a python-pptx object (a master, a layout, a placeholder)."""
    return list(proxy._element.xpath(path))


def move_before(shape: Any, other: Any) -> None:
    """Put ``shape`` before ``other`` in the slide's shape tree: the order screen readers read
    a slide in."""
    other._element.addprevious(shape._element)


def remove_shape(shape: Any) -> None:
    shape._element.getparent().remove(shape._element)


def remove_slides(prs: Any) -> None:
    """The template's example slides out of the presentation."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def set_baseline(run: Any, offset: str) -> None:
    """Superscript ("30000") or subscript ("-25000"), in thousandths of a percent."""
    run._r.get_or_add_rPr().set("baseline", offset)


def inherited(placeholder: Any) -> list[Any]:
    """A placeholder's element, then its layout's and master's: where its text style comes
    from, nearest first."""
    elements = [placeholder._element]
    base = getattr(placeholder, "_base_placeholder", None)
    while base is not None:
        elements.append(base._element)
        base = getattr(base, "_base_placeholder", None)
    return elements


def copy_placeholder(slide: Any, layout_placeholder: Any) -> Any:
    """A layout's placeholder (date, slide number) onto a slide, where python-pptx does not copy
    it as PowerPoint does; its position and style stay the layout's (the geometry is left out)."""
    element = copy.deepcopy(layout_placeholder._element)
    element.nvSpPr.cNvPr.id = slide.shapes._next_shape_id
    properties = element.spPr
    for child in list(properties):
        properties.remove(child)
    slide.shapes._spTree.append(element)
    return slide.placeholders[layout_placeholder.placeholder_format.idx]


def set_fields(shape: Any, text: str) -> None:
    """The cached text of a shape's fields (a slide number), as the slide shows it."""
    for cached in shape._element.xpath(".//a:fld/a:t"):
        cached.text = text


def table_cells(slide: Any) -> list[Any]:
    """Every table cell element of a slide (read with XPath: python-pptx's proxies cost a
    millisecond a row on a big table)."""
    return list(slide.shapes._spTree.xpath(".//p:graphicFrame//a:tbl/a:tr/a:tc"))


# Table cells, written as DrawingML directly: python-pptx's cell proxies cost about half a
# millisecond a cell (every property re-finds or re-creates its XML), most of a 1,000-indicator
# deck's build time. The cells are uniform, so they are written in one pass: the same XML the
# proxies produce.
_TX_BODY, _BODY_PR, _LST_STYLE, _P, _P_PR = (qn("a:txBody"), qn("a:bodyPr"), qn("a:lstStyle"),
                                             qn("a:p"), qn("a:pPr"))
_R, _R_PR, _T, _END = qn("a:r"), qn("a:rPr"), qn("a:t"), qn("a:endParaRPr")
_TC_PR, _SOLID, _SRGB = qn("a:tcPr"), qn("a:solidFill"), qn("a:srgbClr")
_BLIP_FILL, _BLIP, _STRETCH, _FILL_RECT = (qn("a:blipFill"), qn("a:blip"), qn("a:stretch"),
                                           qn("a:fillRect"))
_EMBED = qn("r:embed")


@dataclass(frozen=True)
class CellLook:
    fill: str
    colour: str
    bold: bool
    align: str
    """DrawingML paragraph alignment: "l", "ctr" or "r"."""
    size: float


def _solid(parent: Any, rgb: str) -> None:
    etree.SubElement(etree.SubElement(parent, _SOLID), _SRGB, val=rgb)


def write_cell(tc: Any, text: str, look: CellLook, margins: tuple[float, float]) -> None:
    """Replace a table cell's content: one paragraph, one run, a solid fill, centred vertically.

    The end-of-paragraph size is set too: an empty cell's line height comes from it (18 pt by
    default), which would make the row taller than planned."""
    for child in list(tc):
        tc.remove(child)
    size = str(round(look.size * 100))
    body = etree.SubElement(tc, _TX_BODY)
    etree.SubElement(body, _BODY_PR)
    etree.SubElement(body, _LST_STYLE)
    paragraph = etree.SubElement(body, _P)
    etree.SubElement(paragraph, _P_PR, algn=look.align)
    if text:
        run = etree.SubElement(paragraph, _R)
        properties = etree.SubElement(run, _R_PR, lang="en-GB", sz=size,
                                      b="1" if look.bold else "0")
        _solid(properties, look.colour)
        etree.SubElement(run, _T).text = text
    etree.SubElement(paragraph, _END, lang="en-GB", sz=size)
    across, down = (str(int(emu(m))) for m in margins)
    cell_properties = etree.SubElement(tc, _TC_PR, marL=across, marR=across, marT=down,
                                       marB=down, anchor="ctr")
    _solid(cell_properties, look.fill)


def picture_fill(tc: Any, rid: str) -> None:
    """Fill a written cell with the picture related as ``rid``, stretched to the cell: the
    picture grows with its row in PowerPoint and LibreOffice alike."""
    properties = tc.find(_TC_PR)
    for fill in properties.findall(_SOLID):
        properties.remove(fill)
    blip_fill = etree.SubElement(properties, _BLIP_FILL)
    etree.SubElement(blip_fill, _BLIP).set(_EMBED, rid)
    etree.SubElement(etree.SubElement(blip_fill, _STRETCH), _FILL_RECT)


def table_rows(table: Any) -> list[Any]:
    return list(table._tbl.tr_lst)


def size_table(table: Any, widths: Sequence[float], heights: Sequence[float]) -> None:
    """Column widths and row heights set on the grid and rows directly: python-pptx's setters
    re-read the whole table for every column they change."""
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = emu(width)
    for row, height in zip(table._tbl.tr_lst, heights, strict=True):
        row.h = emu(height)


class PartNames:
    """Next free part names, counted instead of searched.

    python-pptx's ``OpcPackage.next_partname`` walks every part of the package to find a free
    name, once for each notes slide, chart and embedded workbook added: quadratic in the deck's
    size (a 5,000-indicator deck spent most of its time there). The composer only ever adds
    parts, so after one search per kind of part the next name is the last one plus one. This
    replaces the method on this presentation's package alone.
    """

    def __init__(self, search: Callable[[str], Any]) -> None:
        self._search = search
        self._last: dict[str, int] = {}

    def __call__(self, template: str) -> Any:
        if template in self._last:
            self._last[template] += 1
            return PackURI(template % self._last[template])
        found = self._search(template)
        number = re.fullmatch(re.escape(template).replace("%d", r"(\d+)"), str(found))
        if number is not None:  # a template without "%d" is left to python-pptx every time
            self._last[template] = int(number.group(1))
        return found


def count_part_names(prs: Any) -> None:
    package = prs.part.package
    package.next_partname = PartNames(package.next_partname)
