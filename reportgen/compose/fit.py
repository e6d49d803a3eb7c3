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

# Advance widths of Arial (metric-compatible with Helvetica and Liberation Sans), in 1/1000 em,
# for the printable ASCII characters from the space onwards.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space-/
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0-?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @-O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P-_
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # `-o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p-~
)
_OTHER_WIDTHS = {"–": 556, "—": 1000, "‘": 222, "’": 222, "“": 333, "”": 333, "…": 1000,
                 "£": 556, "€": 556, "\xa0": 278}
# Bold Arial is about 8% wider; the margin covers renderers' rounding and kerning.
_BOLD = 1.1
_MARGIN = 1.02


def char_em(char: str) -> float:
    """Advance width of a character in Arial, in ems."""
    code = ord(char)
    if 32 <= code < 127:
        return _ASCII_WIDTHS[code - 32] / 1000
    return _OTHER_WIDTHS.get(char, 600) / 1000


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    return sum(char_em(c) for c in text) * size_pt * _MARGIN * (_BOLD if bold else 1.0)


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
