"""Putting model text into PowerPoint paragraphs and paginating bullets by estimated height."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Pt

from reportgen.compose.fit import EMU_PER_PT, line_height_pt, wrap_lines
from reportgen.model import Paragraph, TextRun

# Offsets of superscript and subscript runs, in thousandths of a percent (OOXML's unit).
_BASELINE = {"superscript": "30000", "subscript": "-25000"}


def add_run(paragraph: Any, run: TextRun, *, size: float | None = None,
            colour: str | None = None) -> Any:
    r = paragraph.add_run()
    r.text = run.text
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
            r._r.get_or_add_rPr().set("baseline", offset)
    return r


def fill_text_frame(frame: Any, paragraphs: Sequence[Paragraph]) -> None:
    """Write bullets at their levels into a placeholder's text frame; never shrink them."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, item in enumerate(paragraphs):
        p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        p.level = item.level
        for run in item.runs:
            add_run(p, run)


# Body text sizes and indents by bullet level, as the template's master sets them.
LEVEL_SIZE_PT = (20.0, 18.0, 16.0)
LEVEL_INDENT_PT = (27.0, 58.5, 90.0)
SPACE_BEFORE = (0.4, 0.2, 0.2)


def paragraph_height_pt(paragraph: Paragraph, width_pt: float) -> float:
    level = min(paragraph.level, len(LEVEL_SIZE_PT) - 1)
    size = LEVEL_SIZE_PT[level]
    bold = any(r.bold for r in paragraph.runs)
    lines = wrap_lines(paragraph.text, width_pt - LEVEL_INDENT_PT[level], size, bold)
    return lines * line_height_pt(size) + SPACE_BEFORE[level] * size


def paginate(paragraphs: Sequence[Paragraph], width_emu: int,
             height_emu: int) -> list[list[Paragraph]]:
    """Split bullets into pages that fit the box; a bullet stays with its first sub-bullet."""
    width_pt, height_pt = width_emu / EMU_PER_PT - 14.4, height_emu / EMU_PER_PT - 7.2
    paragraphs = [piece for item in paragraphs
                  for piece in split_to_fit(item, width_pt, height_pt)]
    pages: list[list[Paragraph]] = [[]]
    used = 0.0
    for index, item in enumerate(paragraphs):
        needed = paragraph_height_pt(item, width_pt)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if following is not None and following.level > item.level:
            needed += paragraph_height_pt(following, width_pt)  # keep with the next
        if pages[-1] and used + needed > height_pt:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += paragraph_height_pt(item, width_pt)
    return pages


def split_to_fit(paragraph: Paragraph, width_pt: float, height_pt: float) -> list[Paragraph]:
    """A bullet taller than a whole slide, cut between words into pieces that each fit one
    (formatting kept), so it continues on the next slide instead of running over the footer."""
    if paragraph_height_pt(paragraph, width_pt) <= height_pt:
        return [paragraph]
    words = [(word, run) for run in paragraph.runs for word in _words(run.text)]
    pieces: list[Paragraph] = []
    start = 0
    while start < len(words):
        end = start + 1
        while end < len(words) and paragraph_height_pt(
                _joined(words[start:end + 1], paragraph.level), width_pt) <= height_pt:
            end += 1
        pieces.append(_joined(words[start:end], paragraph.level))
        start = end
    return pieces


def _words(text: str) -> list[str]:
    """Words with the space that follows each, so that joined back they read as before."""
    return re.findall(r"\S+\s*|\s+", text)


def _joined(words: Sequence[tuple[str, TextRun]], level: int) -> Paragraph:
    runs: list[TextRun] = []
    for word, run in words:
        if runs and replace(runs[-1], text="") == replace(run, text=""):
            runs[-1] = replace(runs[-1], text=runs[-1].text + word)
        else:
            runs.append(replace(run, text=word))
    if runs:
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return Paragraph(tuple(runs), level)


def continued(title: str, page: int) -> str:
    """Unique titles for the pages of one slide: "X", "X (continued)", "X (continued 2)"."""
    if page == 0:
        return title
    return f"{title} (continued)" if page == 1 else f"{title} (continued {page})"
