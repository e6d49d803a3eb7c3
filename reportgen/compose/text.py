"""Planned paragraphs written into PowerPoint text frames, formatting kept.

The paragraphs are written as DrawingML text and added in one step (``_oxml.add_paragraphs``),
exactly as python-pptx's run and font proxies would write them, attribute for attribute:
those proxies cost a bullet slide a few milliseconds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE

from reportgen.compose._oxml import add_paragraphs
from reportgen.model import Paragraph, TextRun

_BASELINE = {"superscript": "30000", "subscript": "-25000"}
"""Offsets of superscript and subscript runs, in thousandths of a percent (OOXML's unit)."""
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")
"""Characters XML cannot hold, written as ``_xHHHH_`` as Office (and python-pptx) write them."""
_EMU_PER_PT = 12700
_EMU_PER_CENTIPOINT = 127
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


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
    fill = _fill(colour) if colour is not None else ""
    first, rest = "", []
    for index, item in enumerate(paragraphs):
        shown = size if size is not None or not level_sizes else \
            level_sizes[min(item.level, len(level_sizes) - 1)]
        runs = "".join(_run(run, _font_size(shown), fill) for run in item.runs)
        if index == 0:
            frame.paragraphs[0].level = item.level  # the frame's own first paragraph
            first = runs
        else:
            rest.append(_properties(item.level, space_before) + runs)
    add_paragraphs(frame, first, rest)


def _properties(level: int, space_before: float | None) -> str:
    """A later paragraph's ``a:pPr``: its level (none at 0) and the space above it."""
    attributes = f' lvl="{level}"' if level else ""
    if space_before is None:
        return f"<a:pPr{attributes}/>"
    return (f'<a:pPr{attributes}><a:spcBef><a:spcPts val="{_centipoints(space_before)}"/>'
            "</a:spcBef></a:pPr>")


def _run(run: TextRun, size: int | None, fill: str) -> str:
    """A run as ``a:r`` elements: a line feed in its text becomes a line break (``a:br``)."""
    attributes = (' b="1"' if run.bold else "") + (' i="1"' if run.italic else "") + \
        (f' sz="{size}"' if size is not None else "")
    # the last set wins, as when python-pptx sets both
    offset = _BASELINE["subscript"] if run.subscript else \
        _BASELINE["superscript"] if run.superscript else None
    if offset is not None:
        attributes += f' baseline="{offset}"'
    properties = f"<a:rPr{attributes}>{fill}</a:rPr>" if fill else f"<a:rPr{attributes}/>"
    pieces = []
    for index, piece in enumerate(run.text.split("\n")):
        if index:
            pieces.append("<a:br/>")
        if piece:
            pieces.append(f"<a:r>{properties}<a:t>{_text(piece)}</a:t></a:r>")
    return "".join(pieces)


def plain_runs(text: str) -> str:
    """Unformatted runs as python-pptx's ``text_frame.text`` writes a line: a vertical tab
    (PowerPoint's soft line break) becomes a break; no empty run is written."""
    return "<a:br/>".join(f"<a:r><a:t>{_text(piece)}</a:t></a:r>" if piece else ""
                          for piece in text.split("\v"))


@lru_cache(maxsize=64)
def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{RGBColor.from_string(colour)}"/></a:solidFill>'


def _centipoints(points: float) -> int:
    """Points as DrawingML's hundredths of a point, rounded as python-pptx's ``Pt`` rounds."""
    return int(points * _EMU_PER_PT) // _EMU_PER_CENTIPOINT


@lru_cache(maxsize=64)
def _font_size(points: float | None) -> int | None:
    """A run's size; outside 1 to 4,000 points is the plan's error, as python-pptx says."""
    if points is None:
        return None
    centipoints = _centipoints(points)
    if not 100 <= centipoints <= 400000:
        raise ValueError(f"font size {points} pt is outside 1 to 4,000 points")
    return centipoints


def _text(piece: str) -> str:
    escaped = piece.translate(_XML_TEXT)
    if _CONTROL.search(escaped) is None:
        return escaped
    return _CONTROL.sub(lambda found: f"_x{ord(found.group()):04X}_", escaped)
