"""``reportgen template check`` and ``template inspect``: what a council's template offers.

Check says, for every role, which layout it takes and how it was found, or why none fits; the
inspection copy has one slide per layout, each placeholder filled with its own index and kind
and the role the layout would serve, so that a user can see which name to give in the
configuration's ``[deck] layouts`` and where the deck would put what.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.compose._oxml import copy_placeholder, remove_slides, set_text
from reportgen.compose.drawingml import runs
from reportgen.compose.template import (
    FOOTERS,
    Choice,
    Problem,
    all_layouts,
    choose_layouts,
    layout_label,
    open_template,
)
from reportgen.frozen import frozen
from reportgen.plan.layout import Role


@frozen
class TemplateCheck:
    """A role-by-role account of a template: the layout each role takes, or why none can."""

    choices: tuple[Choice, ...]
    problems: tuple[Problem, ...]
    layouts: tuple[str, ...]
    """Every layout's name, as the configuration gives it."""


def check_template(path: Any, names: Mapping[Role, str] | None = None) -> TemplateCheck:
    prs = open_template(path)
    _, choices, problems = choose_layouts(prs, names)
    return TemplateCheck(tuple(choices), tuple(problems),
                         tuple(layout_label(prs, layout) for layout in all_layouts(prs)))


def inspection_deck(path: Any, names: Mapping[Role, str] | None = None) -> bytes:
    """The template with its example slides replaced by one slide per layout, naming the layout,
    the roles it serves and each placeholder's index and kind in the placeholder itself."""
    prs = open_template(path)
    layouts, _, _ = choose_layouts(prs, names)
    serves: dict[int, list[str]] = {}
    for role, layout in layouts.items():
        serves.setdefault(id(layout), []).append(role.value)
    remove_slides(prs)
    for layout in all_layouts(prs):
        label = layout_label(prs, layout)
        roles = serves.get(id(layout))
        role_text = f"role: {', '.join(roles)}" if roles else "role: none"
        slide = prs.slides.add_slide(layout)
        for footer in layout.placeholders:  # python-pptx leaves them on the layout
            if footer.placeholder_format.type in FOOTERS:
                copy_placeholder(slide, footer)
        for placeholder in slide.placeholders:
            _label(placeholder, label, role_text)
    buffer = BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _label(placeholder: Any, layout: str, role: str) -> None:
    kind = placeholder.placeholder_format.type
    words = f"idx {placeholder.placeholder_format.idx}: {_kind_name(kind)}"
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
        words = f"{layout} ({role}; {words})"
    if placeholder.has_text_frame:
        set_text(placeholder, [runs(words)])


def _kind_name(kind: PP_PLACEHOLDER | None) -> str:
    return "content" if kind is PP_PLACEHOLDER.OBJECT else \
        (kind.name.lower().replace("_", " ") if kind is not None else "unknown")
