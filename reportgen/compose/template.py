"""Opening the deck template and finding its layouts and placeholders by name and type.

Slides are made from the template's own layouts, so a council can swap in its corporate
template: it needs layouts named as below, each with the placeholders listed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from enum import Enum
from importlib.resources import files
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.packuri import PackURI

from reportgen.errors import Place, TemplateError

DEFAULT_TEMPLATE = Path(str(files("reportgen.templates") / "cabinet.pptx"))


class Layout(Enum):
    """The layouts the composer uses, by the name they have in the template."""

    TITLE = "Title Slide"
    CONTENT = "Title and Content"
    TABLE = "Title and Table"
    CHART = "Title and Chart"
    CHART_AND_TEXT = "Chart and Text"


NEEDS: dict[Layout, tuple[PP_PLACEHOLDER, ...]] = {
    Layout.TITLE: (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE),
    Layout.CONTENT: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.OBJECT),
    Layout.TABLE: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.TABLE),
    Layout.CHART: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CHART),
    Layout.CHART_AND_TEXT: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.BODY),
}


def open_template(path: Path) -> Any:
    """The template as a python-pptx Presentation with its example slides removed."""
    try:
        prs = Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TemplateError(f"not a readable PowerPoint template ({exc})", Place(path)) from exc
    for layout in Layout:
        slide_layout = prs.slide_layouts.get_by_name(layout.value)
        if slide_layout is None:
            raise TemplateError(f"has no layout named {layout.value!r}", Place(path))
        present = {ph.placeholder_format.type for ph in slide_layout.placeholders}
        for needed in NEEDS[layout]:
            if needed not in present and not _accepts_body(needed, present):
                raise TemplateError(f"layout {layout.value!r} has no {needed.name.lower()} "
                                    "placeholder", Place(path))
    _remove_slides(prs)
    package = prs.part.package
    package.next_partname = PartNames(package.next_partname)
    return prs


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


def _accepts_body(needed: PP_PLACEHOLDER, present: set[PP_PLACEHOLDER]) -> bool:
    # Many corporate templates give their content layout a body placeholder, not an object one,
    # and an object placeholder takes text or a chart as well.
    return (needed is PP_PLACEHOLDER.OBJECT and PP_PLACEHOLDER.BODY in present) or (
        needed in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.CHART)
        and PP_PLACEHOLDER.OBJECT in present)


def _remove_slides(prs: Any) -> None:
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def layout_of(prs: Any, layout: Layout) -> Any:
    return prs.slide_layouts.get_by_name(layout.value)


def placeholder(slide: Any, *kinds: PP_PLACEHOLDER) -> Any:
    """The slide's first placeholder of one of ``kinds``."""
    for shape in slide.placeholders:
        if shape.placeholder_format.type in kinds:
            return shape
    raise TemplateError(f"slide layout {slide.slide_layout.name!r} has no "
                        f"{kinds[0].name.lower()} placeholder")


_TITLE_SIZES = ("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@sz",
                "./p:txBody/a:p/a:r/a:rPr/@sz")
DEFAULT_TITLE_PT = 44.0
"""PowerPoint's own default title size, for a template that sets none."""


def title_size_pt(title: Any) -> float:
    """The size a slide's title is drawn at: set on the slide, else by its layout's
    placeholder, else by the master's title style."""
    candidates = [title._element]
    layout_ph = title._base_placeholder
    if layout_ph is not None:
        candidates.append(layout_ph._element)
        master_ph = layout_ph._base_placeholder
        if master_ph is not None:
            candidates.append(master_ph._element)
    for element in candidates:
        for path in _TITLE_SIZES:
            found = element.xpath(path)
            if found:
                return int(found[0]) / 100
    master = title.part.slide_layout.slide_master._element
    found = master.xpath("./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/@sz")
    return int(found[0]) / 100 if found else DEFAULT_TITLE_PT
