"""Planned paragraphs written into PowerPoint text frames, formatting kept.

The paragraphs are written as DrawingML text and added in one step (``_oxml.add_paragraphs``),
exactly as python-pptx's run and font proxies would write them, attribute for attribute:
those proxies were most of a bullet slide's cost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportgen.compose._oxml import add_paragraphs, fixed_frame
from reportgen.compose.drawingml import centipoints, font_size, runs, solid
from reportgen.model import Paragraph, TextRun

_BASELINE = {"superscript": "30000", "subscript": "-25000"}
"""Offsets of superscript and subscript runs, in thousandths of a percent (OOXML's unit)."""


def fill_text_frame(frame: Any, paragraphs: Sequence[Paragraph], *,
                    size: float | None = None, colour: str | None = None,
                    space_before: float | None = None,
                    level_sizes: Sequence[float] = ()) -> None:
    """Write bullets at their levels into a text frame; never shrink them. ``level_sizes``
    (the template's own sizes, level by level, as the plan measured them) are written on the
    runs: a template whose master keeps them only in its sample text (as LibreOffice saves
    them) would otherwise be drawn at the renderer's default size, larger than planned."""
    fixed_frame(frame, paragraphs[0].level if paragraphs else None)
    fill = solid(colour) if colour is not None else ""
    first, rest = "", []
    for index, item in enumerate(paragraphs):
        shown = size if size is not None or not level_sizes else \
            level_sizes[min(item.level, len(level_sizes) - 1)]
        written = "".join(run_xml(run, None if shown is None else font_size(shown), fill)
                          for run in item.runs)
        if index == 0:  # the frame's own first paragraph, its level set by fixed_frame
            first = written
        else:
            rest.append(_properties(item.level, space_before) + written)
    add_paragraphs(frame, first, rest)


def _properties(level: int, space_before: float | None) -> str:
    """A later paragraph's ``a:pPr``: its level (none at 0) and the space above it."""
    attributes = f' lvl="{level}"' if level else ""
    if space_before is None:
        return f"<a:pPr{attributes}/>"
    return (f'<a:pPr{attributes}><a:spcBef><a:spcPts val="{centipoints(space_before)}"/>'
            "</a:spcBef></a:pPr>")


def run_xml(run: TextRun, size: int | None, fill: str) -> str:
    """A run as ``a:r`` elements: a line feed in its text becomes a line break (``a:br``)."""
    attributes = (' b="1"' if run.bold else "") + (' i="1"' if run.italic else "") + \
        (f' sz="{size}"' if size is not None else "")
    # the last set wins, as when python-pptx sets both
    offset = _BASELINE["subscript"] if run.subscript else \
        _BASELINE["superscript"] if run.superscript else None
    if offset is not None:
        attributes += f' baseline="{offset}"'
    properties = f"<a:rPr{attributes}>{fill}</a:rPr>" if fill else f"<a:rPr{attributes}/>"
    return runs(run.text, properties, breaks="\n")

