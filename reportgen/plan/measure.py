"""Estimating how much room text takes, so slides can be planned before they are drawn.

PowerPoint and LibreOffice lay text out only when the deck is opened, with whatever fonts the
machine has, so the plan must guess, and guess wide: a row drawn taller than it needs stays
as drawn, while one drawn too short is stretched by the renderer and pushes the table down over
the footer. The guess is a greedy word wrap in which each character is as wide as the wider of
Arial (the template's font; Liberation Sans and Helvetica share its metrics) and DejaVu Sans
(what LibreOffice draws when a machine has no Arial-metric font), so every table row stays on
its slide in either.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache

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
# DejaVu Sans and DejaVu Sans Bold, likewise (measured from the fonts' own advance widths).
_FALLBACK_WIDTHS = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)
_FALLBACK_BOLD_WIDTHS = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)
_FALLBACK_OTHER = {"–": 500, "—": 1000, "‘": 318, "’": 318, "“": 518, "”": 518, "…": 1000,
                   "£": 636, "€": 636, "\xa0": 318}
# Bold Arial is about 8% wider; the margin covers renderers' rounding and kerning.
_BOLD = 1.1
_MARGIN = 1.03


def _arial_em(char: str, bold: bool) -> float:
    code = ord(char)
    width = _ASCII_WIDTHS[code - 32] if 32 <= code < 127 else _OTHER_WIDTHS.get(char, 600)
    return width / 1000 * (_BOLD if bold else 1.0)


def _fallback_em(char: str, bold: bool) -> float:
    code = ord(char)
    if 32 <= code < 127:
        table = _FALLBACK_BOLD_WIDTHS if bold else _FALLBACK_WIDTHS
        return table[code - 32] / 1000
    # Characters outside the tables (accents, symbols) are taken at a wide letter's width.
    return _FALLBACK_OTHER.get(char, 780) / 1000 * (1.09 if bold else 1.0)


@lru_cache(maxsize=1 << 12)
def char_em(char: str, bold: bool = False) -> float:
    """Advance width of a character, in ems: the wider of Arial's and DejaVu Sans's. Cached:
    every new word or figure measured is made of the same few dozen characters."""
    return max(_arial_em(char, bold), _fallback_em(char, bold))


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    return _width_em(text, bold) * size_pt * _MARGIN


@lru_cache(maxsize=1 << 16)
def _width_em(text: str, bold: bool) -> float:
    # Tables repeat the same words and figures thousands of times: measure each once.
    return sum(char_em(c, bold) for c in text)


@lru_cache(maxsize=1 << 16)
def wrap_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a box ``width_pt`` wide (at least 1).

    Cached: a table's figures repeat in every row, each in its column's width, and every row is
    measured for its height."""
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


def fitting_words(words: Sequence[str], fits: Callable[[str], bool]) -> int:
    """How many of ``words``, followed by "…", still ``fits`` (0 when not even one does): a
    binary search, as the test is a text measurement."""
    low, high = 0, len(words)  # the longest prefix that fits lies in [low, high)
    while low + 1 < high:
        middle = (low + high) // 2
        if fits(" ".join(words[:middle]) + "…"):
            low = middle
        else:
            high = middle
    return low


def shorten_to_lines(text: str, width_pt: float, size_pt: float, max_lines: int,
                     bold: bool = False) -> str:
    """``text`` as it is when it fits ``max_lines`` lines, else as many of its words as fit,
    ending in an ellipsis."""
    if wrap_lines(text, width_pt, size_pt, bold) <= max_lines:
        return text
    words = text.split()
    low = fitting_words(words, lambda shown: wrap_lines(shown, width_pt, size_pt,
                                                         bold) <= max_lines)
    if low == 0:  # one enormous word: cut it by characters
        cut = len(words[0]) if words else 0
        while cut > 1 and wrap_lines(text[:cut] + "…", width_pt, size_pt, bold) > max_lines:
            cut = max(1, int(cut * 0.8))
        return text[:cut] + "…"
    return " ".join(words[:low]) + "…"
