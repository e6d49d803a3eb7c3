"""Write templates/cabinet.pptx: the 16:9 deck template reportgen composes into.

It starts from python-pptx's own default template (a real master with real layouts), sets the
slide size to 16:9, gives every layout placeholder a 16:9 position, sets the theme's colours and
fonts for a council cabinet paper, and turns the spare "Two Content" layout into "Title and
Table" (a table placeholder below the title). A council can replace the result with its own
corporate template as long as it has layouts of the same names (see README).

Run from the repository root: ``python scripts/make_template.py``.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches, Pt

TEMPLATE = Path("templates/cabinet.pptx")
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
A = "{" + NS["a"] + "}"

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, PowerPoint's 16:9
MARGIN = Inches(0.5)
CONTENT = WIDTH - 2 * MARGIN

COLOURS = {  # theme slots: navy text, white background, accessible accents
    "dk1": "1A1A1A", "lt1": "FFFFFF", "dk2": "1F3864", "lt2": "E9EDF4",
    "accent1": "1F5F8B", "accent2": "007A78", "accent3": "6B2C91", "accent4": "8A4F00",
    "accent5": "4D4D4D", "accent6": "2E6B30", "hlink": "1F5F8B", "folHlink": "6B2C91",
}
FONT = "Arial"
KEEP = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Comparison",
        "Content with Caption", "Title Only", "Blank")

# (left, top, width, height) by placeholder type, for content layouts.
FOOTER_TOP = Inches(6.95)
GEOMETRY = {
    "title": (MARGIN, Inches(0.3), CONTENT, Inches(0.85)),
    "body": (MARGIN, Inches(1.35), CONTENT, Inches(5.45)),
    "dt": (MARGIN, FOOTER_TOP, Inches(4), Inches(0.4)),
    "ftr": (Inches(4.67), FOOTER_TOP, Inches(4), Inches(0.4)),
    "sldNum": (WIDTH - MARGIN - Inches(3), FOOTER_TOP, Inches(3), Inches(0.4)),
}


def ph_type(shape: object) -> str:
    ph = shape._element.find(".//p:nvPr/p:ph", NS)  # type: ignore[attr-defined]
    return "body" if ph is None else ph.get("type", "body")


def place(shape: object, box: tuple[int, int, int, int]) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in box)  # type: ignore[attr-defined]


def set_theme(prs: Presentation) -> None:
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "Cabinet")
    for slot, rgb in COLOURS.items():
        holder = scheme.find(f"a:{slot}", NS)
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, A + "srgbClr", val=rgb)
    fonts = root.find(".//a:fontScheme", NS)
    fonts.set("name", "Cabinet")
    for latin in fonts.iterfind(".//a:latin", NS):
        latin.set("typeface", FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_text_styles(prs: Presentation) -> None:
    styles = prs.slide_master._element.find(".//p:txStyles", NS)
    title = styles.find("p:titleStyle/a:lvl1pPr", NS)
    title.set("algn", "l")
    rpr = title.find("a:defRPr", NS)
    rpr.set("sz", "3000")
    rpr.set("b", "1")
    rpr.find("a:solidFill/a:schemeClr", NS).set("val", "tx2")
    sizes = {1: 2000, 2: 1800, 3: 1600}
    for level in range(1, 10):
        ppr = styles.find(f"p:bodyStyle/a:lvl{level}pPr", NS)
        ppr.find("a:defRPr", NS).set("sz", str(sizes.get(level, 1400)))
        before = ppr.find("a:spcBef/a:spcPct", NS)
        before.set("val", "40000" if level == 1 else "20000")


def darken_grey_text(prs: Presentation) -> None:
    """The default template tints subtitle and footer text to a grey that fails WCAG AA
    contrast on white (about 3.5:1); use the full text colour instead."""
    parts = [prs.slide_master, *prs.slide_layouts]
    for part in parts:
        for tint in part._element.iterfind(".//a:schemeClr/a:tint", NS):
            tint.getparent().remove(tint)


def add_band(prs: Presentation) -> None:
    """A navy band across the top and a thin rule above the footer, on the master."""
    scratch = prs.slides.add_slide(prs.slide_layouts.get_by_name("Blank"))
    bars = []
    for top, height, name in ((0, Inches(0.12), "Top band"),
                              (FOOTER_TOP - Inches(0.06), Pt(1.5), "Footer rule")):
        bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, top, WIDTH, height)
        bar.name = name
        bar.fill.solid()
        bar.fill.fore_color.theme_color = MSO_THEME_COLOR.TEXT_2  # navy
        bar.line.fill.background()
        bar.shadow.inherit = False
        bar._element.nvSpPr.cNvPr.set("descr", "")
        bars.append(copy.deepcopy(bar._element))
    tree = prs.slide_master.shapes._spTree
    # A shape's id is unique within its part: the copies carry the scratch slide's ids, which
    # the master's placeholders already use, and PowerPoint repairs a duplicate. (python-pptx's
    # next shape id counts the master's layout ids too, which are not shape ids.)
    next_id = max(int(i) for i in tree.xpath(".//p:cNvPr/@id")) + 1
    for offset, bar in enumerate(bars):
        bar.nvSpPr.cNvPr.id = next_id + offset
        tree.insert(2, bar)
    # drop the scratch slide again
    ids = prs.slides._sldIdLst
    rid = ids[-1].rId
    prs.part.drop_rel(rid)
    ids.remove(ids[-1])


def reshape_layouts(prs: Presentation) -> None:
    for layout in list(prs.slide_layouts):
        if layout.name not in KEEP:
            prs.slide_layouts.remove(layout)
    for shape in prs.slide_master.placeholders:
        place(shape, GEOMETRY[ph_type(shape)])
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            kind = ph_type(shape)
            if kind in GEOMETRY:
                place(shape, GEOMETRY[kind])
        fix = LAYOUT_FIXES.get(layout.name)
        if fix is not None:
            fix(layout)


def section_header(layout: object) -> None:
    for shape in layout.placeholders:  # type: ignore[attr-defined]
        kind = ph_type(shape)
        if kind == "title":
            place(shape, (MARGIN, Inches(3.3), CONTENT, Inches(1.3)))
        elif kind == "body":
            place(shape, (MARGIN, Inches(2.2), CONTENT, Inches(1.0)))


def title_slide(layout: object) -> None:
    for shape in layout.placeholders:  # type: ignore[attr-defined]
        kind = ph_type(shape)
        if kind == "ctrTitle":
            place(shape, (Inches(0.8), Inches(1.2), Inches(11.7), Inches(1.6)))
            ppr = shape.text_frame.paragraphs[0]._p.get_or_add_pPr()
            ppr.set("algn", "l")
        elif kind == "subTitle":
            place(shape, (Inches(0.8), Inches(3.0), Inches(11.7), Inches(3.6)))
            for ppr in shape._element.iterfind(".//a:lstStyle/a:lvl1pPr", NS):
                ppr.set("algn", "l")
                ppr.find("a:defRPr", NS).set("sz", "1800")


def table_layout(layout: object) -> None:
    """Two Content → Title and Table: one table placeholder under the title."""
    layout._element.cSld.set("name", "Title and Table")  # type: ignore[attr-defined]
    objects = [s for s in layout.placeholders if ph_type(s) == "body"]  # type: ignore[attr-defined]
    keep, drop = objects[0], objects[1:]
    for shape in drop:
        shape._element.getparent().remove(shape._element)
    ph = keep._element.find(".//p:nvPr/p:ph", NS)
    ph.set("type", "tbl")
    ph.attrib.pop("sz", None)
    keep.name = "Table Placeholder 2"
    place(keep, (Inches(0.25), Inches(1.2), WIDTH - Inches(0.5), Inches(5.65)))


Box = tuple[int, int, int, int]


def _retype(layout: object, name: str, keep: dict[str, tuple[str, Box]]) -> None:
    """Rename a spare layout and keep only the placeholders named in ``keep`` (by their
    current name), each given a new type and box; the rest are removed."""
    layout._element.cSld.set("name", name)  # type: ignore[attr-defined]
    for shape in list(layout.placeholders):  # type: ignore[attr-defined]
        kind = ph_type(shape)
        if kind in ("title", "dt", "ftr", "sldNum"):
            continue
        if shape.name not in keep:
            shape._element.getparent().remove(shape._element)
            continue
        new_type, box = keep[shape.name]
        ph = shape._element.find(".//p:nvPr/p:ph", NS)
        ph.attrib.pop("sz", None)
        ph.set("type", new_type)
        place(shape, box)


def chart_layout(layout: object) -> None:
    """Comparison → Title and Chart: one chart placeholder under the title."""
    _retype(layout, "Title and Chart", {
        "Content Placeholder 3": ("chart", (MARGIN, Inches(1.35), CONTENT, Inches(5.45)))})


def chart_and_text_layout(layout: object) -> None:
    """Content with Caption → Chart and Text: a chart on the left, notes on the right."""
    _retype(layout, "Chart and Text", {
        "Content Placeholder 2": ("chart", (MARGIN, Inches(1.35), Inches(7.6), Inches(5.45))),
        "Text Placeholder 3": ("body", (Inches(8.35), Inches(1.35), Inches(4.48), Inches(5.45))),
    })
    for shape in layout.placeholders:  # type: ignore[attr-defined]
        if ph_type(shape) == "title":
            # drop the caption layout's small bottom-anchored title: titles look alike throughout
            place(shape, GEOMETRY["title"])
            body = shape._element.txBody
            for child in list(body.find("a:lstStyle", NS)):
                child.getparent().remove(child)
            body.find("a:bodyPr", NS).attrib.pop("anchor", None)
        elif ph_type(shape) == "body":
            # the caption style is small; notes beside a chart are read from across a room
            for level, size in ((1, "1800"), (2, "1600")):
                for ppr in shape._element.iterfind(f".//a:lstStyle/a:lvl{level}pPr", NS):
                    ppr.find("a:defRPr", NS).set("sz", size)


LAYOUT_FIXES = {
    "Title Slide": title_slide,
    "Section Header": section_header,
    "Two Content": table_layout,
    "Comparison": chart_layout,
    "Content with Caption": chart_and_text_layout,
}


def set_size(prs: Presentation) -> None:
    """16:9 at PowerPoint's widescreen size. The default template names its size
    ``screen4x3``, a name that stands for 10 x 7.5 in; PowerPoint names no size for its own
    13.333 x 7.5 in widescreen (the schema's default, "custom")."""
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs._element.sldSz.attrib.pop("type", None)


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else TEMPLATE
    prs = Presentation()
    set_size(prs)
    reshape_layouts(prs)
    set_theme(prs)
    set_text_styles(prs)
    darken_grey_text(prs)
    add_band(prs)
    props = prs.core_properties
    props.author = props.last_modified_by = "reportgen"
    props.title = "Cabinet update template"
    target.parent.mkdir(parents=True, exist_ok=True)
    prs.save(target)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
