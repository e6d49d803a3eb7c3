"""Everything the composer does beneath python-pptx's public API, in one place.

python-pptx has no public way to set a graphic frame's alt text, to write a table's grid and rows
in one pass, to fill a cell with a picture, to copy a layout's footer onto a slide, to add a
chart part written as text, or to empty a template of its example slides; these functions do it
on the XML, so the rest of ``compose`` uses the public API only. A python-pptx upgrade that moves
these attributes breaks this module alone.
"""

from __future__ import annotations

import copy
import functools
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.shapes.graphfrm import CT_GraphicalObjectFrame
from pptx.oxml.simpletypes import ST_TextWrappingType
from pptx.parts.chart import ChartPart
from pptx.parts.embeddedpackage import EmbeddedXlsxPart
from pptx.parts.slide import NotesSlidePart, SlidePart

from reportgen.compose.drawingml import emu, font_size, run_text, solid
from reportgen.frozen import frozen


def set_alt_text(shape: Any, text: str) -> None:
    """A shape's description, read out by screen readers (``cNvPr/@descr``)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def xpath(proxy: Any, path: str) -> list[Any]:
    """Query the XML behind a python-pptx object (a master, a layout, a placeholder)."""
    return list(proxy._element.xpath(path))


def add_shape(slide: Any, xml: str) -> Any:
    """A shape written as DrawingML (a ``p:sp`` declaring its own namespaces, its id written
    as ``{id}`` and the number in its name as ``{number}``) on top of the slide's shapes,
    numbered as python-pptx numbers a shape it adds; its proxy."""
    shapes = slide.shapes
    shape_id = shapes._next_shape_id
    element = parse_xml(xml.replace("{id}", str(shape_id), 1)
                        .replace("{number}", str(shape_id - 1), 1))
    shapes._spTree.append(element)
    return shapes._shape_factory(element)


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


class SlideMaker:
    """Slides and their notes pages, each made as a copy of the first python-pptx made.

    python-pptx builds every new slide from its layout's placeholders, and every notes page from
    the notes master's, making a proxy of each placeholder and querying it with XPath: the same work
    for every slide. The first slide of each layout and the first
    notes page are made by python-pptx; the rest are copies of them as made (before anything
    was written on them), added to the package and related as python-pptx relates them, so the
    deck is the same, byte for byte."""

    def __init__(self, prs: Any) -> None:
        self._prs = prs
        self.names = PartNames(prs.part.package)
        """The presentation's next free part names (notes pages, charts, workbooks)."""
        self._blank: dict[int, Any] = {}
        self._notes: Any = None
        self.written: dict[str, bytes] = {}
        """The XML of the slides and notes pages written out (:meth:`write_out`), by part name."""

    def write_out(self, slide: Any) -> None:
        """A finished slide and its notes page serialized now, and their XML trees let go:
        held until the deck was zipped, a big deck's slides were most of its memory (drawing
        1,000 indicators reached 188 MiB; now 79). Nothing reads a slide once it is finished,
        but for the proof a PDF is checked against: that build does not write its slides out."""
        parts = [slide.part]
        with suppress(KeyError):
            parts.append(slide.part.part_related_by(RT.NOTES_SLIDE))
        for part in parts:
            self.written[part.partname] = part.blob
            part._element = None
            for cached in ("slide", "notes_slide"):  # python-pptx's proxies of the tree
                part.__dict__.pop(cached, None)
        # and the slide's own (its shapes, which point back at it): a cycle only the collector
        # would free, many slides later
        slide.__dict__.clear()

    def slide(self, layout: Any) -> Any:
        """A new slide at the end of the deck, with its layout's placeholders, empty.

        Its shapes are numbered from a counter ("turbo-add"): python-pptx otherwise finds the
        next shape id by reading every id on the slide, once per shape added (a table page
        holds thousands of elements). Every shape is added through this one slide object."""
        blank = self._blank.get(id(layout.part))
        if blank is None:
            slide = self._prs.slides.add_slide(layout)
            self._blank[id(layout.part)] = copy.deepcopy(slide._element)
        else:
            presentation = self._prs.part
            listed = self._prs.slides._sldIdLst
            name = PackURI(f"/ppt/slides/slide{len(listed) + 1}.xml")
            part = SlidePart(name, CT.PML_SLIDE, presentation.package, copy.deepcopy(blank))
            # new parts: nothing to look for first (relate_to searched the presentation's
            # relationships, one more each slide, and sorted them afresh each time)
            add_relationship(part, layout.part, RT.SLIDE_LAYOUT)
            # the id python-pptx's add_sldId gives (one more than the largest in the list),
            # without reading every id in the list again for each slide
            last = listed[-1] if len(listed) else None
            listed._add_sldId(id=int(last.get("id")) + 1 if last is not None else 256,
                              rId=add_relationship(presentation, part, RT.SLIDE))
            slide = part.slide
        slide.shapes.turbo_add_enabled = True
        return slide

    def notes(self, slide: Any) -> Any:
        """``slide``'s notes page (which it must not have yet), with the notes master's
        placeholders, empty."""
        if self._notes is None:
            notes = slide.notes_slide
            self._notes = copy.deepcopy(notes._element)
            return notes
        package = self._prs.part.package
        name = self.names("/ppt/notesSlides/notesSlide%d.xml")
        part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package, copy.deepcopy(self._notes))
        add_relationship(part, package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        add_relationship(part, slide.part, RT.SLIDE)
        add_relationship(slide.part, part, RT.NOTES_SLIDE)
        return part.notes_slide


def package_files(prs: Any, written: Mapping[str, bytes] | None = None
                  ) -> tuple[tuple[str, bytes], ...]:
    """The presentation's files, each its name and content, as python-pptx's ``save`` writes
    them into its zip (content types, package relationships, then each part and its
    relationships): the writer zips them once, reproducibly, instead of unzipping python-pptx's
    zip to zip it again. ``written``: the parts already serialized, by part name."""
    written = written or {}
    package = prs.part.package
    parts = tuple(package.iter_parts())
    files = [(CONTENT_TYPES_URI.membername,
              serialize_part_xml(_ContentTypesItem.xml_for(parts))),
             (PACKAGE_URI.rels_uri.membername, _rels_xml(package._rels, "/"))]
    for part in parts:
        content = written.get(part.partname)
        files.append((part.partname.membername, part.blob if content is None else content))
        if part._rels:
            files.append((part.partname.rels_uri.membername,
                          _rels_xml(part._rels, part.partname.baseURI)))
    return tuple(files)


_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _rels_xml(rels: Any, base: str) -> bytes:
    """A part's relationships as the .rels file python-pptx writes, in numerical order of their
    ids: written as text, where python-pptx builds an element for each relationship (and works
    out each target's relative name afresh), a tenth of a second for a big deck's 300 parts."""
    lines = [f'<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?>\n'
             f'<Relationships xmlns="{_RELS_NS}"']
    ordered = sorted((int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)
                     for rid in rels)
    lines.append(">" if ordered else "/>")
    for _, rid in ordered:
        rel = rels[rid]
        target = rel.target_ref if rel.is_external else _relative(rel.target_partname, base)
        mode = ' TargetMode="External"' if rel.is_external else ""
        lines.append(f'<Relationship Id="{escape(rid, _ATTRIBUTE)}" '
                     f'Type="{escape(rel.reltype, _ATTRIBUTE)}" '
                     f'Target="{escape(target, _ATTRIBUTE)}"{mode}/>')
    if ordered:
        lines.append("</Relationships>")
    return "".join(lines).encode("utf-8")


@functools.lru_cache(maxsize=1 << 12)
def _relative(partname: str, base: str) -> str:
    """A part's name relative to another's folder, as python-pptx writes it in a .rels file."""
    return partname[1:] if base == "/" else posixpath.relpath(partname, base)


def add_relationship(part: Any, target: Any, reltype: str) -> str:
    """A new relationship from ``part`` to ``target``, for a caller that knows there is none yet:
    python-pptx's ``relate_to`` first looks for one among all the part's relationships, sorted
    by type afresh on every call (a table page relates a dozen trend pictures)."""
    return str(part.rels._add_relationship(reltype, target))


def list_notes_master(prs: Any) -> None:
    """List the notes master in presentation.xml (``p:notesMasterIdLst``). python-pptx relates
    one when it makes the first notes slide but does not list it, and PowerPoint then offers to
    repair the file; a template that lists its own is left alone."""
    presentation = prs.part._element
    related = [rid for rid, rel in prs.part.rels.items() if rel.reltype == RT.NOTES_MASTER]
    if not related or presentation.find(qn("p:notesMasterIdLst")) is not None:
        return
    listed = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(listed, qn("p:notesMasterId"), {qn("r:id"): related[0]})
    presentation.find(qn("p:sldMasterIdLst")).addnext(listed)  # the schema's order


def fixed_frame(frame: Any, level: int | None) -> None:
    """A text frame that wraps its words and never resizes itself or its text, its first
    paragraph at ``level`` (None: left as it is): what python-pptx's ``word_wrap``,
    ``auto_size`` and paragraph ``level`` setters write, set on the elements themselves."""
    body = frame._txBody
    body.bodyPr.wrap = ST_TextWrappingType.SQUARE
    body.bodyPr.autofit = MSO_AUTO_SIZE.NONE
    if level is not None:
        body.p_lst[0].get_or_add_pPr().lvl = level


def one_line(frame: Any, run: str, *, centred: bool = False) -> None:
    """A text frame cleared to one paragraph holding ``run`` (DrawingML runs), set on one line
    (no wrapping), and with ``centred`` anchored in the middle and centred: what python-pptx's
    ``clear``, ``vertical_anchor``, ``alignment``, ``word_wrap`` and ``add_run`` write."""
    body = frame._txBody
    for paragraph in body.p_lst[1:]:
        body.remove(paragraph)
    first = body.p_lst[0]
    for child in first.content_children:
        first.remove(child)
    if centred:
        body.bodyPr.anchor = MSO_ANCHOR.MIDDLE
        first.get_or_add_pPr().algn = PP_ALIGN.CENTER
    body.bodyPr.wrap = ST_TextWrappingType.NONE
    add_paragraphs(frame, run, ())


def add_paragraphs(frame: Any, first: str, rest: Sequence[str]) -> None:
    """Runs and paragraphs written as DrawingML text into a text frame, where python-pptx's
    ``add_run`` and ``add_paragraph`` would put them: ``first`` (``a:r`` and ``a:br``
    elements) at the end of the first paragraph, before its end-of-paragraph properties; each
    of ``rest`` (a paragraph's content: its ``a:pPr``, runs and breaks) as a paragraph after
    the body's last element. A proxy per run and per property was most of a bullet
    slide's cost."""
    body = frame._txBody
    if first:
        paragraph = body.p_lst[0]
        end = paragraph.find(qn("a:endParaRPr"))
        for child in list(_paragraph(first)):
            if end is None:
                paragraph.append(child)
            else:
                end.addprevious(child)
    for content in rest:
        body.append(_paragraph(content))


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
    it as PowerPoint does; its position and style stay the layout's (the geometry is left out).
    Its proxy, made from the element itself: looking it up by idx walks every placeholder."""
    return slide.shapes._shape_factory(copy_placeholder_element(slide, layout_placeholder))


def copy_placeholder_element(slide: Any, layout_placeholder: Any) -> Any:
    """``copy_placeholder``'s copy, as XML: a footer written on every slide needs no proxy."""
    element = copy.deepcopy(layout_placeholder._element)
    element.nvSpPr.cNvPr.id = slide.shapes._next_shape_id
    properties = element.spPr
    for child in list(properties):
        properties.remove(child)
    slide.shapes._spTree.append(element)
    return element


def _paragraph(content: str) -> Any:
    """An ``a:p`` element of ``content`` (DrawingML text: properties, runs and breaks), made by
    python-pptx's parser so that its proxies work on it."""
    return parse_xml(f'<a:p xmlns:a="{_A_NS}">{content}</a:p>')


def replace_paragraphs(element: Any, paragraphs: Sequence[str]) -> None:
    """A shape's paragraphs replaced by ``paragraphs`` (each a paragraph's content: runs and
    breaks), as python-pptx's ``text_frame.text`` replaces them."""
    body = element.get_or_add_txBody()
    for paragraph in body.findall(qn("a:p")):
        body.remove(paragraph)
    for content in paragraphs:
        body.append(_paragraph(content))


def set_text(shape: Any, paragraphs: Sequence[str]) -> None:
    """A shape's text replaced by ``paragraphs`` (each a paragraph's runs and breaks), as
    python-pptx's ``text_frame.text`` setter writes a paragraph for each line."""
    replace_paragraphs(shape._element, paragraphs)


def set_fields(element: Any, text: str) -> None:
    """The cached text of a shape's fields (a slide number), as the slide shows it."""
    for field in element.iter(_FIELD):
        for cached in field.iterchildren(_TEXT):
            cached.text = text


def footer_tops(slide: Any) -> list[tuple[str, int | None]]:
    """The slide's footer placeholders (date, slide number, footer), each as its ``type`` and
    its own top in EMU, None where it keeps its layout's position (read with XPath: python-pptx's
    placeholder proxies cost a millisecond a slide)."""
    found = []
    for ph in slide.shapes._spTree.xpath(
            "./p:sp/p:nvSpPr/p:nvPr/p:ph[@type='dt' or @type='sldNum' or @type='ftr']"):
        own = ph.getparent().getparent().getparent().xpath("./p:spPr/a:xfrm/a:off/@y")
        found.append((ph.get("type"), int(own[0]) if own else None))
    return found


_FIGURES = ("./p:graphicFrame[a:graphic/a:graphicData/@uri='http://schemas.openxmlformats.org/"
            "drawingml/2006/chart']/p:nvGraphicFramePr/p:cNvPr | ./p:pic/p:nvPicPr/p:cNvPr")


def figure_alt_texts(slide: Any) -> tuple[str, ...]:
    """The alt text of each chart and picture on the slide, in drawing order (read with XPath,
    as the footers are: proxies cost a millisecond a slide)."""
    return tuple(str(c.get("descr") or "") for c in slide.shapes._spTree.xpath(_FIGURES))


def table_cells(slide: Any) -> list[Any]:
    """Every table cell element of a slide (read with XPath: python-pptx's proxies cost a
    millisecond a row on a big table)."""
    return list(slide.shapes._spTree.xpath(".//p:graphicFrame//a:tbl/a:tr/a:tc"))


# Table rows, written as DrawingML directly: python-pptx makes each cell by parsing XML and its
# cell proxies cost about half a millisecond a cell (every property re-finds or re-creates its
# XML), most of a 1,000-indicator deck's build time. The cells are uniform, so a table's rows
# are written as one piece of XML text, each look's cell written once, and parsed in one go:
# the same XML the proxies produce.
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_FIELD, _TEXT = f"{{{_A_NS}}}fld", f"{{{_A_NS}}}t"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@frozen
class CellLook:
    fill: str
    colour: str
    bold: bool
    align: str
    """DrawingML paragraph alignment: "l", "ctr" or "r"."""
    size: float
    anchor: str = "ctr"
    """DrawingML vertical anchor: "t", "ctr" or "b"."""


@frozen
class CellText:
    """One cell of a row to write: its text and look, the grid columns it spans, and the
    picture that fills it (a relationship id) instead of its look's colour."""

    text: str
    look: CellLook
    span: int = 1
    picture: str | None = None


def _cell_xml(look: CellLook, margins: tuple[str, str]) -> tuple[str, str]:
    """A cell of one paragraph, anchored as its look says, as XML text: with a run for its text
    (``{text}`` to fill in), and without (an empty cell); its fill is ``{fill}``.

    The end-of-paragraph size is set too: an empty cell's line height comes from it (18 pt by
    default), which would make the row taller than planned."""
    size = font_size(look.size)  # as every run of the deck is sized, and checked alike
    across, down = margins
    head = (f'<a:tc{{span}}><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="{look.align}"/>')
    run = (f'<a:r><a:rPr lang="en-GB" sz="{size}" b="{1 if look.bold else 0}">'
           f'{solid(look.colour)}</a:rPr><a:t>{{text}}</a:t></a:r>')
    tail = (f'<a:endParaRPr lang="en-GB" sz="{size}"/></a:p></a:txBody>'
            f'<a:tcPr marL="{across}" marR="{across}" marT="{down}" marB="{down}" '
            f'anchor="{look.anchor}">'
            '{fill}</a:tcPr></a:tc>')
    return head + run + tail, head + tail


def _fill_xml(look: CellLook, picture: str | None) -> str:
    """A cell's fill: its look's colour, or a picture stretched to the cell (which grows with
    its row in PowerPoint and LibreOffice alike)."""
    if picture is None:
        return solid(look.fill)
    return (f'<a:blipFill><a:blip r:embed="{picture}"/><a:stretch><a:fillRect/></a:stretch>'
            '</a:blipFill>')


_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
"""The table style python-pptx gives a new table (Medium Style 2, Accent 1): the rows' own
fills and runs override it, and its header-row flag keeps the first row read as headings."""
_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"


def put_table(placeholder: Any, box: tuple[int, int, int, int], widths: Sequence[float],
              rows: Sequence[tuple[float, Sequence[CellText]]], margins: tuple[float, float],
              alt_text: str) -> Any:
    """A table in place of ``placeholder`` (a table or content placeholder, keeping its id,
    name and placeholder reference, as python-pptx's ``insert_table`` does), at ``box`` (left,
    top, width, height), its columns ``widths`` points wide, its first row styled as headings
    and no banding; each row its height in points and its cells, a cell spanning columns
    followed by the cells it covers (``hMerge``) in its fill.

    Written as one piece of XML and parsed once: python-pptx makes each cell by parsing XML, its
    cell proxies cost about half a millisecond a cell, and its ``insert_table`` reads the
    placeholder's inherited position through every placeholder of its layout."""
    old = placeholder._element
    left, top, width, height = box
    # The namespaces are declared on the frame itself, not on a wrapper around it: moved into
    # the slide, a frame that carries its own declarations is taken over whole (the slide's own
    # declarations make them redundant, and they are dropped), where one that borrowed its
    # wrapper's had every element searched for its namespace, on every table page.
    parts = [f'<p:graphicFrame xmlns:p="{_P_NS}" xmlns:a="{_A_NS}" xmlns:r="{_R_NS}">'
             f'<p:nvGraphicFramePr><p:cNvPr id="{old.shape_id}" name={quoteattr(old.shape_name)}'
             f' descr={quoteattr(alt_text)}/><p:cNvGraphicFramePr>'
             '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
             f'<p:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></p:xfrm>'
             '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
             f'table"><a:tbl><a:tblPr firstRow="1"><a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId>'
             '</a:tblPr><a:tblGrid>',
             *(f'<a:gridCol w="{emu(w)}"/>' for w in widths), "</a:tblGrid>"]
    parts.extend(_rows_xml(rows, margins))
    parts.append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")
    frame = parse_xml("".join(parts))
    frame.nvGraphicFramePr.nvPr.append(old.ph)  # moved, as python-pptx moves it
    old.addprevious(frame)
    old.getparent().remove(old)
    return placeholder._parent._shape_factory(frame)


def _rows_xml(rows: Sequence[tuple[float, Sequence[CellText]]],
              margins: tuple[float, float]) -> Iterator[str]:
    margin_text = (str(int(emu(margins[0]))), str(int(emu(margins[1]))))
    looks: dict[CellLook, tuple[str, str, str]] = {}
    for height, cells in rows:
        yield f'<a:tr h="{int(emu(height))}">'
        for cell in cells:
            if cell.look not in looks:
                looks[cell.look] = (*_cell_xml(cell.look, margin_text), _fill_xml(cell.look, None))
            with_text, empty, solid = looks[cell.look]
            span = f' gridSpan="{cell.span}"' if cell.span > 1 else ""
            fill = solid if cell.picture is None else _fill_xml(cell.look, cell.picture)
            yield (with_text.format(span=span, text=run_text(cell.text), fill=fill)
                   if cell.text else empty.format(span=span, fill=fill))
            for _ in range(cell.span - 1):
                yield empty.format(span=' hMerge="1"', fill=solid)
        yield "</a:tr>"


class PartNames:
    """Next free part names of one presentation, counted instead of searched.

    python-pptx's ``OpcPackage.next_partname`` walks every part of the package to find a free
    name, once for each notes slide, chart and embedded workbook added: quadratic in the deck's
    size (a 5,000-indicator deck spent most of its time there). The composer only ever adds
    parts, so after one search per kind of part the next name is the last one plus one. The
    composer asks this object, never the package's method (which is left as it is).
    """

    def __init__(self, package: Any) -> None:
        self._search: Callable[[str], Any] = package.next_partname
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


# The main part's content type in a template (.potx), a macro-enabled deck (.pptm) or a show
# (.ppsx): python-pptx opens only a presentation's, and the parts are otherwise the same.
_MAIN_TYPES = re.compile(
    rb"application/vnd\.(?:openxmlformats-officedocument\.presentationml\.(?:template|slideshow)"
    rb"|ms-powerpoint\.(?:template|slideshow|presentation)\.macroEnabled)\.main\+xml")
_PRESENTATION_TYPE = (b"application/vnd.openxmlformats-officedocument.presentationml."
                      b"presentation.main+xml")


# The core properties' relationship under the name some writers (LibreOffice's .potx) give it;
# python-pptx knows only the package one, and would add a second docProps/core.xml.
_CORE_AS_WRITTEN = (b"http://schemas.openxmlformats.org/officedocument/2006/relationships/"
                    b"metadata/core-properties")
_CORE = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def as_presentation(data: bytes) -> bytes:
    """A .potx, .pptm or .ppsx package's bytes with its main part typed as a presentation's and
    its core properties related as python-pptx expects (only ``[Content_Types].xml`` and
    ``_rels/.rels`` change); a presentation's own bytes as they are, unzipped once to look."""
    with zipfile.ZipFile(BytesIO(data)) as source:
        names = set(source.namelist())
        if not (("[Content_Types].xml" in names
                 and _MAIN_TYPES.search(source.read("[Content_Types].xml")))
                or ("_rels/.rels" in names and _CORE_AS_WRITTEN in source.read("_rels/.rels"))):
            return data
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = _MAIN_TYPES.sub(_PRESENTATION_TYPE, content)
            elif info.filename == "_rels/.rels":
                content = content.replace(_CORE_AS_WRITTEN, _CORE)
            target.writestr(info, content)
    return out.getvalue()


def renumber_placeholders(layout: Any, titles: Sequence[Any]) -> None:
    """Give each placeholder of ``layout`` an index of its own, the title keeping 0.

    LibreOffice writes its layouts' title and content placeholders all with index 0; python-pptx
    finds a slide's title, and a slide placeholder its layout's, by index, so on such a layout
    the content would be taken for the title. A layout whose indexes are already its own (as
    PowerPoint writes them) is only read, from its XML."""
    if _own_indexes(layout):
        return
    placeholders = list(layout.placeholders)
    used = {ph.placeholder_format.idx for ph in placeholders}
    seen: set[int] = set()
    for ph in sorted(placeholders, key=lambda ph: ph.placeholder_format.type not in titles):
        idx = ph.placeholder_format.idx
        if idx in seen or (idx == 0 and ph.placeholder_format.type not in titles):
            idx = max(used | seen) + 1
            ph._element.ph.set("idx", str(idx))
            used.add(idx)
        seen.add(idx)


_PLACEHOLDER = f"*/{qn('p:nvPr')}/{qn('p:ph')}"
_TITLE_TYPES = ("title", "ctrTitle")


def _own_indexes(layout: Any) -> bool:
    """Whether every placeholder of the layout has an index no other has, and only a title has
    index 0 (an absent index is 0, an absent type "obj")."""
    seen: set[int] = set()
    for element in layout._element.cSld.spTree.iterchildren():
        ph = element.find(_PLACEHOLDER)
        if ph is None:
            continue
        idx = int(ph.get("idx", "0"))
        if idx in seen or (idx == 0 and ph.get("type", "obj") not in _TITLE_TYPES):
            return False
        seen.add(idx)
    return True


def placeholders_at(slide: Any, indexes: Sequence[int]) -> tuple[Any, ...]:
    """The slide's placeholders with these indexes (``idx``), in that order. Read from the XML
    in one pass: python-pptx's lookup by index makes a proxy of every shape it passes, with an
    XPath query each."""
    found: dict[int, Any] = {}
    for element in slide.shapes._spTree.iterchildren():
        ph = element.find(_PLACEHOLDER)
        if ph is not None:
            found.setdefault(int(ph.get("idx", "0")), element)
    return tuple(slide.shapes._shape_factory(found[index]) for index in indexes)


def is_vertical(placeholder: Any) -> bool:
    """Whether a placeholder's text runs vertically (a "vertical text" layout's)."""
    for element in inherited(placeholder):
        found = element.xpath("./p:txBody/a:bodyPr/@vert")
        if found:
            return str(found[0]) not in ("horz", "")
    return False


def add_chart(slide: Any, placeholder: Any | None, box: tuple[int, int, int, int],
              xml: bytes, workbook: bytes, alt_text: str,
              names: Callable[[str], Any] | None = None) -> None:
    """A chart part holding ``xml`` as written, its embedded workbook (``workbook``, related as
    the part's rId1), and its graphic frame at ``box`` (left, top, width, height in EMU) in
    place of ``placeholder`` or, without one, on top of the slide's shapes.

    Parts, relationships and frame are made as python-pptx's ``insert_chart`` and
    ``add_chart`` make them, in the same order, so the deck is the same byte for byte; but the
    chart part keeps its bytes rather than a parsed tree (nothing reads it again before it is
    saved), and the frame is put at the planned box at once, where ``insert_chart`` first
    worked out the placeholder's inherited position through its layout. ``names`` gives the
    parts' names (:class:`PartNames`; else the package's own search)."""
    package = slide.part.package
    name = names or package.next_partname
    chart = Part(name(ChartPart.partname_template), CT.DML_CHART, package, xml)
    embedded = EmbeddedXlsxPart(name(EmbeddedXlsxPart.partname_template),
                                EmbeddedXlsxPart.content_type, package, workbook)
    chart.relate_to(embedded, RT.PACKAGE)
    rid = slide.part.relate_to(chart, RT.CHART)
    if placeholder is None:
        shapes = slide.shapes
        shape_id = shapes._next_shape_id
        frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(
            shape_id, f"Chart {shape_id - 1}", rid, *box)
        shapes._spTree.append(frame)
    else:
        held = placeholder._element
        frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(
            placeholder.shape_id, placeholder.name, rid, *box)
        frame.nvGraphicFramePr.nvPr._insert_ph(held.ph)  # the frame keeps the slot's place
        held.addprevious(frame)
        held.getparent().remove(held)
    frame.nvGraphicFramePr.cNvPr.set("descr", alt_text)


# What PowerPoint repairs in templates LibreOffice saves: shapes sharing an id (or with id 0)
# on a layout or master, and no view properties. A template is put right as it is opened, so a
# deck made from it opens without PowerPoint's "found a problem with content".
_VIEW_PROPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    b'<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/>'
    b'</p:normalViewPr><p:slideViewPr><p:cSldViewPr><p:cViewPr><p:scale>'
    b'<a:sx n="100" d="100"/><a:sy n="100" d="100"/></p:scale><p:origin x="0" y="0"/>'
    b'</p:cViewPr></p:cSldViewPr></p:slideViewPr><p:gridSpacing cx="76200" cy="76200"/>'
    b'</p:viewPr>')


def unique_shape_ids(holder: Any) -> None:
    """Shape ids of a layout or master made unique and non-zero: the first shape keeps an id,
    a later one with the same id (or none) gets the next free number."""
    names = holder._element.xpath("./p:cSld//p:cNvPr")
    taken = {int(n.get("id")) for n in names if str(n.get("id", "")).isdigit()}
    seen: set[int] = set()
    for name in names:
        given = name.get("id", "")
        number = int(given) if str(given).isdigit() else 0
        if number == 0 or number in seen:
            number = max(taken | seen | {0}) + 1
            name.set("id", str(number))
        seen.add(number)


def add_view_properties(prs: Any) -> None:
    """A presentation without view properties (PowerPoint always writes them) gets plain ones."""
    part = prs.part
    if any(rel.reltype == RT.VIEW_PROPS for rel in part.rels.values()):
        return
    view = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, part.package, _VIEW_PROPS)
    part.relate_to(view, RT.VIEW_PROPS)
