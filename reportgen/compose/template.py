"""Opening the deck template, finding a layout for each role, and measuring it for the plan.

Slides are made from the template's own layouts, so a council can swap in its corporate
template: it needs layouts named as below, each with the placeholders listed. The plan paginates
with the template's own boxes and text sizes (``Geometry``), read here from its layouts and
master.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError

from reportgen.compose._oxml import (
    EMU_PER_PT,
    count_part_names,
    inherited,
    remove_slides,
    xpath,
)
from reportgen.errors import Place, TemplateError
from reportgen.plan.layout import BUILTIN_GEOMETRY, BodyText, Box, Geometry, Role

LAYOUT_NAMES = {
    Role.TITLE: "Title Slide",
    Role.CONTENT: "Title and Content",
    Role.TABLE: "Title and Table",
    Role.CHART: "Title and Chart",
    Role.CHART_AND_TEXT: "Chart and Text",
}
"""The layout each role uses, by its name in the template."""

NEEDS: dict[Role, tuple[PP_PLACEHOLDER, ...]] = {
    Role.TITLE: (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE),
    Role.CONTENT: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.OBJECT),
    Role.TABLE: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.TABLE),
    Role.CHART: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CHART),
    Role.CHART_AND_TEXT: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.BODY),
}

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)
CHARTS = (PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.OBJECT)
FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER)


@dataclass(frozen=True)
class Template:
    """An opened template, emptied of its example slides, with its measurements."""

    prs: Any
    layouts: dict[Role, Any]
    geometry: Geometry


def load_template(path: Any, names: Mapping[Role, str] | None = None) -> Template:
    """Open ``path`` and find a layout for each role: the one ``names`` gives (the
    configuration's ``[deck] layouts``), else the bundled template's name for it."""
    try:
        prs = Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TemplateError(f"not a readable PowerPoint template ({exc})", Place(path)) from exc
    layouts = {}
    for role, name in (LAYOUT_NAMES | dict(names or {})).items():
        layout = prs.slide_layouts.get_by_name(name)
        if layout is None:
            raise TemplateError(f"has no layout named {name!r}", Place(path))
        present = {ph.placeholder_format.type for ph in layout.placeholders}
        for needed in NEEDS[role]:
            if needed not in present and not _accepts_body(needed, present):
                raise TemplateError(f"layout {name!r} has no {needed.name.lower()} "
                                    "placeholder", Place(path))
        layouts[role] = layout
    remove_slides(prs)
    count_part_names(prs)
    return Template(prs, layouts, measure(prs, layouts))


def _accepts_body(needed: PP_PLACEHOLDER, present: set[PP_PLACEHOLDER]) -> bool:
    # Many corporate templates give their content layout a body placeholder, not an object one,
    # and an object placeholder takes text or a chart as well.
    return (needed is PP_PLACEHOLDER.OBJECT and PP_PLACEHOLDER.BODY in present) or (
        needed in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.CHART)
        and PP_PLACEHOLDER.OBJECT in present)


def find(holder: Any, *kinds: PP_PLACEHOLDER) -> Any:
    """The first placeholder of ``holder`` (a slide or layout) of one of ``kinds``."""
    for shape in holder.placeholders:
        if shape.placeholder_format.type in kinds:
            return shape
    name = getattr(holder, "name", "") or getattr(holder.slide_layout, "name", "")
    raise TemplateError(f"slide layout {name!r} has no {kinds[0].name.lower()} placeholder")


def _box(shape: Any) -> Box:
    return Box(shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT,
               shape.height / EMU_PER_PT)


def measure(prs: Any, layouts: dict[Role, Any]) -> Geometry:
    content, table = layouts[Role.CONTENT], layouts[Role.TABLE]
    chart, side = layouts[Role.CHART], layouts[Role.CHART_AND_TEXT]
    cover = find(layouts[Role.TITLE], *TITLES)
    title = find(content, *TITLES)
    footers = [ph.top for ph in content.placeholders
               if ph.placeholder_format.type in FOOTERS and ph.top is not None]
    height = prs.slide_height / EMU_PER_PT
    side_text = next(ph for ph in side.placeholders
                     if ph.placeholder_format.type is PP_PLACEHOLDER.BODY
                     or (ph.placeholder_format.type is PP_PLACEHOLDER.OBJECT
                         and ph.placeholder_format.idx != find(side, *CHARTS)
                         .placeholder_format.idx))
    return Geometry(
        slide_width=prs.slide_width / EMU_PER_PT, slide_height=height,
        title=_box(title), title_size=text_size(title, "titleStyle", BUILTIN_GEOMETRY.title_size),
        cover_title=_box(cover),
        cover_title_size=text_size(cover, "titleStyle", BUILTIN_GEOMETRY.cover_title_size),
        body=_box(find(content, *BODIES)), table=_box(find(table, PP_PLACEHOLDER.TABLE)),
        chart=_box(find(chart, *CHARTS)), side_chart=_box(find(side, *CHARTS)),
        side_text=_box(side_text),
        footer_top=min(footers) / EMU_PER_PT if footers else height,
        text=body_text(prs))


_OWN_SIZES = ("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@sz", "./p:txBody/a:p/a:r/a:rPr/@sz")


def text_size(placeholder: Any, style: str, default: float) -> float:
    """The size a placeholder's first-level text is drawn at: set on it, else on the layout's
    and master's placeholders it inherits from, else by the master's text style."""
    for element in inherited(placeholder):
        for path in _OWN_SIZES:
            found = element.xpath(path)
            if found:
                return int(found[0]) / 100
    master = placeholder.part.slide_master if hasattr(placeholder.part, "slide_master") \
        else placeholder.part.slide_layout.slide_master
    found = xpath(master, f"./p:txStyles/p:{style}/a:lvl1pPr/a:defRPr/@sz")
    return int(found[0]) / 100 if found else default


def body_text(prs: Any) -> BodyText:
    """Bullet sizes, indents and spacing by level, from the master's body style."""
    default = BodyText()
    master = prs.slide_master
    sizes, indents, spaces = [], [], []
    for level in range(len(default.sizes)):
        style = f"./p:txStyles/p:bodyStyle/a:lvl{level + 1}pPr"
        size = xpath(master, f"{style}/a:defRPr/@sz")
        margin = xpath(master, f"{style}/@marL")
        space = xpath(master, f"{style}/a:spcBef/a:spcPct/@val")
        sizes.append(int(size[0]) / 100 if size else default.sizes[level])
        indents.append(int(margin[0]) / EMU_PER_PT if margin else default.indents[level])
        spaces.append(int(space[0]) / 100000 if space else default.space_before[level])
    return BodyText(tuple(sizes), tuple(indents), tuple(spaces))
