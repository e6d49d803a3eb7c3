"""Planned paragraphs written into PowerPoint text frames, formatting kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Pt

from reportgen.compose._oxml import set_baseline
from reportgen.model import Paragraph, TextRun

# Offsets of superscript and subscript runs, in thousandths of a percent (OOXML's unit).
_BASELINE = {"superscript": "30000", "subscript": "-25000"}


def add_run(paragraph: Any, run: TextRun, *, size: float | None = None,
            colour: str | None = None) -> None:
    """A run; a line feed in its text becomes a line break within the paragraph."""
    for index, piece in enumerate(run.text.split("\n")):
        if index:
            paragraph.add_line_break()
        if not piece:
            continue
        r = paragraph.add_run()
        r.text = piece
        font = r.font
        if run.bold:
            font.bold = True
        if run.italic:
            font.italic = True
        if size is not None:
            font.size = Pt(size)
        if colour is not None:
            font.color.rgb = RGBColor.from_string(colour)
        for flag, offset in _BASELINE.items():
            if getattr(run, flag):
                set_baseline(r, offset)


def fill_text_frame(frame: Any, paragraphs: Sequence[Paragraph], *,
                    size: float | None = None, colour: str | None = None,
                    space_before: float | None = None,
                    level_sizes: Sequence[float] = ()) -> None:
    """Write bullets at their levels into a text frame; never shrink them. ``level_sizes``
    (the template's own sizes, level by level, as the plan measured them) are written on the
    runs: a template whose master keeps them only in its sample text (as LibreOffice saves
    them) would otherwise be drawn at the renderer's default size, larger than planned."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, item in enumerate(paragraphs):
        p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        p.level = item.level
        if space_before is not None and index:
            p.space_before = Pt(space_before)
        shown = size if size is not None or not level_sizes else \
            level_sizes[min(item.level, len(level_sizes) - 1)]
        for run in item.runs:
            add_run(p, run, size=shown, colour=colour)
