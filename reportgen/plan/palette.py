"""Colours the deck uses for RAG, chosen so text on each fill meets WCAG AA (4.5:1) and the three
fills stay apart under protanopia, deuteranopia and tritanopia (a slightly blue green and a
deep red differ in lightness as well as hue; tests/accessibility.py measures it)."""

from __future__ import annotations

from reportgen.frozen import frozen
from reportgen.indicators import Rag


@frozen
class Swatch:
    fill: str
    text: str
    letter: str
    word: str


RAG_SWATCH = {
    Rag.RED: Swatch(fill="C00000", text="FFFFFF", letter="R", word="red"),
    Rag.AMBER: Swatch(fill="FFC000", text="000000", letter="A", word="amber"),
    Rag.GREEN: Swatch(fill="00C07F", text="000000", letter="G", word="green"),
}
NAVY = "1F3864"
INK = "1A1A1A"
SECTION_FILL = "E9EDF4"
BAND_FILL = "D9E2D0"
"""The target band behind a trend line: a pale green-grey, quiet beside the RAG fills."""
GRID = "BFBFBF"
SERIES = ("1F5F8B", "E07B00", "6B2C91", "007A78", "B0005A", "4D4D4D", "2E6B30", "8A4F00")
"""Line colours for up to eight series, told apart by hue and lightness."""
TARGET_UPPER = "2E6B30"
"""The Upper target's line on a chart: a dark green, dotted (the Min line is red and dashed)."""
GRID_LINE = "D9D9D9"
"""A chart's gridlines: quiet behind the data."""
WHITE = "FFFFFF"
SPC_IMPROVEMENT = "1F5F8B"
"""Special-cause improvement (Making Data Count's blue, darkened to 3:1 on white)."""
SPC_CONCERN = "C55A11"
"""Special-cause concern (its orange, likewise)."""
COMPARATOR_LINE = "595959"
"""A comparator's reference line on an exception chart: dark grey, told apart by dash and label."""
SPC_LINES = "7F7F7F"
"""The mean and the process limits: grey, behind the data."""
