"""Footer placeholders (meeting date, slide number) copied from the slide's layout.

python-pptx does not copy a layout's footer placeholders onto new slides (PowerPoint does so
when a person inserts a slide), so the composer does it, keeping the template's own positions
and styles.
"""

from __future__ import annotations

from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.compose._oxml import copy_placeholder, set_fields


def add_footer(slide: Any, date_text: str, number: int) -> None:
    for layout_ph in slide.slide_layout.placeholders:
        kind = layout_ph.placeholder_format.type
        if kind is PP_PLACEHOLDER.DATE and date_text:
            copy_placeholder(slide, layout_ph).text_frame.text = date_text
        elif kind is PP_PLACEHOLDER.SLIDE_NUMBER:
            set_fields(copy_placeholder(slide, layout_ph), str(number))
