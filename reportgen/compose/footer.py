"""Footer placeholders (meeting date, slide number, protective marking) copied from the slide's
layout.

python-pptx does not copy a layout's footer placeholders onto new slides (PowerPoint does so
when a person inserts a slide), so the composer does it, keeping the template's own positions
and styles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.compose._oxml import (
    copy_placeholder,
    copy_placeholder_element,
    one_line,
    replace_paragraphs,
    set_fields,
)
from reportgen.compose.drawingml import emu, font_size, runs
from reportgen.plan.slides import Marking


def add_footer(slide: Any, footers: Sequence[tuple[PP_PLACEHOLDER, Any]], date_text: str,
               number: int) -> None:
    """The meeting date and the slide number, from ``footers``, the slide's layout's footer
    placeholders with their kinds."""
    for kind, layout_ph in footers:
        if kind is PP_PLACEHOLDER.DATE and date_text:
            replace_paragraphs(copy_placeholder_element(slide, layout_ph),
                               [runs(line) for line in date_text.split("\n")])
        elif kind is PP_PLACEHOLDER.SLIDE_NUMBER:
            set_fields(copy_placeholder_element(slide, layout_ph), str(number))


def add_marking(slide: Any, footers: Sequence[tuple[PP_PLACEHOLDER, Any]],
                marking: Marking) -> None:
    """The protective marking in the layout's footer placeholder (the template's own place and
    style for such text), else in a text box of the plan's."""
    holder = next((ph for kind, ph in footers if kind is PP_PLACEHOLDER.FOOTER), None)
    if holder is not None:
        # a layout's own footer text (LibreOffice's say "Footer") gives way
        frame = copy_placeholder(slide, holder).text_frame
    else:
        box = marking.box
        shape = slide.shapes.add_textbox(emu(box.left), emu(box.top), emu(box.width),
                                         emu(box.height))
        shape.name = "Protective marking"
        frame = shape.text_frame
    # one line, as the plan sized it: bold as python-pptx's font proxy wrote it ("0" or "1")
    properties = f'<a:rPr b="{int(marking.bold)}" sz="{font_size(marking.size)}"/>'
    one_line(frame, runs(marking.text, properties), centred=holder is None)
