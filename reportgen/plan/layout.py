"""Where things go on a slide: the template's measurements and the deck's own dimensions.

Every length here is in points (1/72 inch). The template's boxes and text sizes are read from its
masters and layouts by ``compose.template`` (the only code that opens it) and handed to the plan
as a frozen ``Geometry``; the dimensions the deck itself chooses (the table's font, its cell
margins, the glance slide's tiles) are named below, once.
"""

from __future__ import annotations

from enum import Enum

from reportgen.frozen import frozen


class Role(Enum):
    """What a slide layout is used for; ``compose`` maps each role to a layout of the template."""

    TITLE = "title"
    CONTENT = "narrative"
    TABLE = "table"
    CHART = "chart"
    CHART_AND_TEXT = "chart-and-text"


@frozen
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def below(self, height: float) -> Box:
        """This box without its top ``height`` points."""
        return Box(self.left, self.top + height, self.width, max(0.0, self.height - height))

    def above(self, height: float) -> Box:
        """This box without its bottom ``height`` points."""
        return Box(self.left, self.top, self.width, max(0.0, self.height - height))


@frozen
class BodyText:
    """Bullet text as the template's master draws it, level by level (level 0 first)."""

    sizes: tuple[float, ...] = (20.0, 18.0, 16.0)
    indents: tuple[float, ...] = (27.0, 58.5, 90.0)
    space_before: tuple[float, ...] = (0.4, 0.2, 0.2)
    """Space above a paragraph, as a fraction of its size."""

    def level(self, level: int) -> int:
        return min(level, len(self.sizes) - 1)

    def scaled(self, factor: float) -> BodyText:
        return BodyText(tuple(size * factor for size in self.sizes), self.indents,
                        self.space_before)


@frozen
class Geometry:
    """The template's measurements, as the plan needs them."""

    slide_width: float
    slide_height: float
    title: Box
    """A content slide's title placeholder."""
    title_size: float
    cover_title: Box
    """The title slide's title placeholder."""
    cover_title_size: float
    body: Box
    """The narrative layout's body placeholder."""
    table: Box
    chart: Box
    side_chart: Box
    """The chart of the chart-and-text layout."""
    side_text: Box
    footer_top: float
    """Where the footer placeholders begin: nothing may be drawn below it."""
    text: BodyText = BodyText()
    footer_text: Box | None = None
    """The footer-text placeholder of the content layout, where a protective marking goes;
    None when the template has none."""
    footer_size: float = 12.0
    """Its text size."""
    cover_text: Box | None = None
    """The title slide's subtitle placeholder (the meeting date and presenters)."""
    cover_text_size: float = 20.0
    side: BodyText | None = None
    """The text beside a chart, where its placeholder has sizes of its own (a caption)."""
    side_title: Box | None = None
    """The chart-and-text layout's title, where it differs from a content slide's (a
    caption layout's small title beside its picture); None: the same."""
    side_title_size: float | None = None

    @property
    def side_style(self) -> BodyText:
        return self.side or self.text

    def title_for(self, role: Role) -> tuple[Box, float]:
        """The title box and size of a slide of ``role``."""
        if role is Role.CHART_AND_TEXT and self.side_title is not None:
            return self.side_title, self.side_title_size or self.title_size
        return self.title, self.title_size


BUILTIN_GEOMETRY = Geometry(
    slide_width=960.0, slide_height=540.0,
    title=Box(36.0, 21.6, 888.0, 61.2), title_size=32.0,
    cover_title=Box(57.6, 86.4, 842.4, 115.2), cover_title_size=36.0,
    body=Box(36.0, 97.2, 888.0, 392.4), table=Box(18.0, 86.4, 924.0, 406.8),
    chart=Box(36.0, 97.2, 888.0, 392.4), side_chart=Box(36.0, 97.2, 547.2, 392.4),
    side_text=Box(601.2, 97.2, 322.56, 392.4), footer_top=500.4)
"""The bundled template's measurements, for tests that plan without opening it."""

# Text boxes' default insets: 0.1 inch left and right, 0.05 inch top and bottom.
INSET_X = 7.2
INSET_Y = 3.6

PRESENTER_GAP = 8.0
"""A little air between presenters on the title slide."""
TITLE_LINES = 2
SIDE_TITLE_LINES = 4
"""A narrow title beside a chart (a caption layout's) may wrap further, as its box allows."""
"""A slide title longer than this many lines is shortened; the notes give it in full."""

TABLE_FONT = 10.0
GROUP_FONT = 9.0
"""The KPI table's grouped header row (the seed's "Six Month Trend", "Target (...)")."""
CELL_MARGIN_X = 2.88
CELL_MARGIN_Y = 1.8
MIN_ROW = 18.0
MIN_MEASURE_WIDTH = 158.4
MAX_MEASURE_LINES = 5
"""A longer measure name is shortened on the slide; the speaker notes give it in full."""
CAPTION_FONT = 11.0
KEY_FONT = 9.0

GLANCE_SCALES = (1.0, 0.85, 0.7, 0.6)
"""The glance's text, as a share of the template's bullet sizes: smaller only where the
shortest glance cannot fit a (4:3) template's body at its own sizes."""

TILE_HEIGHT = 60.0
TILE_GAP = 12.0
TILE_COUNT_FONT = 28.0
TILE_LABEL_FONT = 14.0

CHART_FONT = 14.0
SMALL_CHART_FONT = 11.0
CHART_GAP = 12.0
