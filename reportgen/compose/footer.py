"""Footer placeholders (meeting date, slide number) copied from the slide's layout.

python-pptx does not copy a layout's footer placeholders onto new slides (PowerPoint does so
when a person inserts a slide), so the composer does it, keeping the template's own positions
and styles by leaving out the shape geometry.
"""

from __future__ import annotations

import copy
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def add_footer(slide: Any, date_text: str, number: int) -> None:
    for layout_ph in slide.slide_layout.placeholders:
        kind = layout_ph.placeholder_format.type
        if kind is PP_PLACEHOLDER.DATE and date_text:
            shape = _copy(slide, layout_ph)
            shape.text_frame.text = date_text
        elif kind is PP_PLACEHOLDER.SLIDE_NUMBER:
            shape = _copy(slide, layout_ph)
            for field in shape._element.iter(f"{_A}fld"):
                field.find(f"{_A}t").text = str(number)


def _copy(slide: Any, layout_ph: Any) -> Any:
    element = copy.deepcopy(layout_ph._element)
    element.nvSpPr.cNvPr.id = slide.shapes._next_shape_id
    sp_pr = element.spPr
    for child in list(sp_pr):
        sp_pr.remove(child)
    slide.shapes._spTree.append(element)
    return slide.placeholders[layout_ph.placeholder_format.idx]
