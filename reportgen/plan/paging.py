"""Bullets in pages that fit their box, measured with the template's own text sizes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from reportgen.model import Paragraph, TextRun
from reportgen.plan.layout import INSET_X, INSET_Y, BodyText, Box
from reportgen.plan.measure import line_height_pt, text_width_pt, wrap_lines
from reportgen.plan.slides import TextBox


@lru_cache(maxsize=1 << 14)
def paragraph_height(paragraph: Paragraph, width: float, text: BodyText) -> float:
    level = text.level(paragraph.level)
    size = text.sizes[level]
    bold = [r.text for r in paragraph.runs if r.bold]
    if len(bold) == len(paragraph.runs):
        lines = wrap_lines(paragraph.text, width - text.indents[level], size, True)
    else:
        # A bold lead ("Current:") is wider than the same words plain: the first line loses
        # the difference (a close guess for a lead; generous for bold words further on).
        extra = sum(text_width_pt(t, size, True) - text_width_pt(t, size) for t in bold)
        lines = wrap_lines(paragraph.text, width - text.indents[level] - extra, size)
    return lines * line_height_pt(size) + text.space_before[level] * size


def text_height(paragraphs: Sequence[Paragraph], box: Box, text: BodyText) -> float:
    width = box.width - 2 * INSET_X
    return sum(paragraph_height(p, width, text) for p in paragraphs) + 2 * INSET_Y


KEEP_WHOLE = 3
"""Sub-bullets a bullet keeps on its page with it, moving all together where they fit."""


def paginate(paragraphs: Sequence[Paragraph], box: Box,
             text: BodyText) -> list[list[Paragraph]]:
    """Split bullets into pages that fit the box. A bullet and its sub-bullets move to the next
    page together where they fit one page; a longer group keeps at least the bullet with its
    first sub-bullet."""
    width, height = box.width - 2 * INSET_X, box.height - 2 * INSET_Y
    pieces = [piece for item in paragraphs for piece in split_to_fit(item, width, height, text)]
    heights = [paragraph_height(item, width, text) for item in pieces]
    pages: list[list[Paragraph]] = [[]]
    used = 0.0
    for index, item in enumerate(pieces):
        end = index + 1
        while end < len(pieces) and pieces[end].level > item.level:
            end += 1
        group = sum(heights[index:end])
        # A short group (a bullet and a few sub-bullets) moves whole where it fits a page; a
        # longer one fills the page and goes on under its heading, "(continued)", rather than
        # leave half a page empty. Either way a bullet keeps its first sub-bullet.
        whole = 1 < end - index <= KEEP_WHOLE + 1 and group <= height
        needed = group if whole else sum(heights[index:min(end, index + 2)])
        if pages[-1] and used + needed > height:
            pages.append([])
            used = 0.0
            parent = _parent(pieces, index)
            if parent is not None:  # a sub-bullet never opens a page without its heading
                again = continued_parent(parent)
                pages[-1].append(again)
                used += paragraph_height(again, width, text)
        pages[-1].append(item)
        used += heights[index]
    return pages


def _parent(pieces: Sequence[Paragraph], index: int) -> Paragraph | None:
    """The bullet ``pieces[index]`` is a sub-bullet of, if it is one."""
    level = pieces[index].level
    return next((p for p in reversed(pieces[:index]) if p.level < level), None) \
        if level > 0 else None


def continued_parent(parent: Paragraph) -> Paragraph:
    """A heading repeated at the top of the next page over its remaining sub-bullets."""
    return Paragraph((*parent.runs, TextRun(" (continued)")), parent.level)


def split_to_fit(paragraph: Paragraph, width: float, height: float,
                 text: BodyText) -> list[Paragraph]:
    """A bullet taller than a whole slide, cut between words into pieces that each fit one
    (formatting kept), so it continues on the next slide instead of running over the footer."""
    if paragraph_height(paragraph, width, text) <= height:
        return [paragraph]
    words = [(word, run) for run in paragraph.runs for word in _words(run.text)]
    pieces: list[Paragraph] = []
    start = 0
    while start < len(words):
        end = start + 1
        while end < len(words) and paragraph_height(
                _joined(words[start:end + 1], paragraph.level), width, text) <= height:
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


_CONTINUED = re.compile(r" \(continued(?: \d+)?\)$")


def continued_suffix(title: str) -> str:
    """The " (continued 2)" that :func:`continued` put at the end of ``title``, or ""."""
    found = _CONTINUED.search(title)
    return found.group(0) if found else ""


def text_box(paragraphs: Sequence[Paragraph], left: float, top: float, width: float,
             size: float, colour: str) -> TextBox:
    """A box of its own for a few short paragraphs (a caption, a key, a source note), as tall as
    they wrap to at ``size``."""
    lines = sum(wrap_lines(p.text, width - 2 * INSET_X, size, any(r.bold for r in p.runs))
                for p in paragraphs)
    height = lines * line_height_pt(size) + 2 * INSET_Y
    return TextBox(Box(left, top, width, height), tuple(paragraphs), size, colour)


def resting_on(text: TextBox, bottom: float) -> TextBox:
    """``text`` moved up or down so that its box ends at ``bottom``."""
    return replace(text, box=replace(text.box, top=bottom - text.box.height))


def text(words: str, level: int = 0, lead: str = "") -> Paragraph:
    """A paragraph of plain words, optionally after a bold lead."""
    runs = (TextRun(lead, bold=True), TextRun(words)) if lead else (TextRun(words),)
    return Paragraph(runs, level)
