"""Estimating how much room text takes, so slides can be paginated before they are drawn.

PowerPoint lays text out only when the deck is opened, so the composer must guess. The guess is
a greedy word wrap with Arial's character widths, erring on the wide side: a row drawn taller
than it needs stays as drawn, while one drawn too short is stretched by PowerPoint and would push
the trend lines out of line with their rows.
"""

from __future__ import annotations

import math

EMU_PER_PT = 12700
EMU_PER_INCH = 914400

_NARROW = set("iljtfrI.,;:'!|()[] ")
_WIDE = set("mwMW%@")


def char_em(char: str) -> float:
    """Advance width of a character in Arial, in ems (rounded up)."""
    if char in _NARROW:
        return 0.3
    if char in _WIDE:
        return 0.9
    if char.isdigit():
        return 0.56
    if char.isupper():
        return 0.7
    return 0.54


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    return sum(char_em(c) for c in text) * size_pt * (1.07 if bold else 1.0)


def wrap_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a box ``width_pt`` wide (at least 1)."""
    lines = 0
    for hard_line in text.split("\n") or [""]:
        lines += 1
        used = 0.0
        space = text_width_pt(" ", size_pt, bold)
        for word in hard_line.split():
            width = text_width_pt(word, size_pt, bold)
            if used and used + space + width > width_pt:
                lines += 1
                used = 0.0
            # a word longer than the line breaks where it must
            extra = max(0, math.ceil(width / width_pt) - 1) if width_pt > 0 else 0
            lines += extra
            used = (used + space if used else 0.0) + (width - extra * width_pt)
    return max(lines, 1)


def line_height_pt(size_pt: float) -> float:
    return size_pt * 1.2
