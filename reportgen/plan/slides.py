"""The deck as frozen values: everything each slide says and where, before anything is drawn.

``compose`` renders a ``DeckPlan`` into the template in one pass and decides nothing; tests read
these values directly, without python-pptx.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from reportgen.frozen import frozen
from reportgen.model import Paragraph
from reportgen.plan.layout import (
    CELL_MARGIN_X,
    CELL_MARGIN_Y,
    CHART_FONT,
    PRESENTER_GAP,
    TILE_COUNT_FONT,
    TILE_LABEL_FONT,
    Box,
    Role,
)
from reportgen.plan.palette import BAND_FILL, GRID, GRID_LINE, INK, NAVY, WHITE
from reportgen.plan.sparkline import Sparkline


class Align(Enum):
    LEFT = "l"
    CENTRE = "ctr"
    RIGHT = "r"


class Dash(Enum):
    """Line styles, so that lines on a chart differ by more than colour."""

    SOLID = "solid"
    DASH = "dash"
    DOT = "sysDot"
    LONG_DASH = "lgDash"
    DASH_DOT = "dashDot"
    LONG_DASH_DOT = "lgDashDot"
    DASH_DOT_DOT = "sysDashDotDot"


class Marker(Enum):
    """Point shapes, so that marked points differ by more than colour."""

    CIRCLE = "circle"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"


class ChartKind(Enum):
    LINE = "line"
    """A line with markers: a series over months."""
    BAR = "bar"
    """Clustered horizontal bars, the first category on top: figures side by side."""


class LabelPosition(Enum):
    ABOVE = "above"
    BELOW = "below"
    RIGHT = "right"
    OUTSIDE_END = "outside end"
    """Just beyond a bar's end."""


class Anchor(Enum):
    """Where text sits in its box, top to bottom (DrawingML's ``anchor``)."""

    TOP = "t"
    MIDDLE = "ctr"
    BOTTOM = "b"


@frozen
class Cell:
    text: str
    fill: str
    colour: str
    bold: bool = False
    align: Align = Align.CENTRE
    anchor: Anchor = Anchor.MIDDLE
    """Centred top to bottom: a one-line figure beside a wrapped name sits on its middle."""
    size: float = 10.0
    span: int = 1
    """Columns this cell covers; the cells it covers are not listed."""


@frozen
class Trend:
    """A row's trend picture: the line and the colour of its latest point."""

    line: Sparkline
    dot: str


@frozen
class Row:
    cells: tuple[Cell, ...]
    height: float
    ref: str = ""
    """The indicator's ref; empty for a header or section row."""
    trend: Trend | None = None


@frozen
class TrendLook:
    """The colours a row's trend picture is drawn in."""

    background: str = WHITE
    line: str = NAVY
    band: str = BAND_FILL
    """The target band behind the line."""
    edge: str = GRID
    """The band's thin edges."""
    dot_edge: str = INK
    """The ring round the latest point."""


@frozen
class Table:
    widths: tuple[float, ...]
    rows: tuple[Row, ...]
    header_rows: int
    trend_column: int | None
    margins: tuple[float, float] = (CELL_MARGIN_X, CELL_MARGIN_Y)
    """Every cell's inner margins, across (left and right) and down (top and bottom)."""
    trend_look: TrendLook = TrendLook()

    @property
    def height(self) -> float:
        return sum(row.height for row in self.rows)


@frozen
class TextBox:
    """A short text placed in a box of its own: a table's caption or its key."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    size: float
    colour: str


@frozen
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str
    width: float
    dash: Dash = Dash.SOLID
    markers: bool = True
    label: str = ""
    """Text of a label on one point of the series ("Min 90%", "89.0%"); empty for none."""
    label_point: int = -1
    """Which point carries the label: -1 for the last."""
    label_position: LabelPosition = LabelPosition.ABOVE
    label_colour: str = ""
    """The label's text colour; the line's own when empty (it must reach 4.5:1 on white)."""
    line: bool = True
    """False for points alone (the special-cause marks over the data)."""
    marker: Marker = Marker.CIRCLE
    marker_size: int = 7
    outline: str = ""
    """A bar's outline colour, so that a pale bar keeps its edge on white; empty for none."""
    in_legend: bool = True
    """False for a line the legend need not name: it is labelled on the chart, or another
    entry names it (the lower process limit beside "Process limits")."""
    label_bold: bool = True


@frozen
class Chart:
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis: tuple[float, float]
    number_format: str
    alt_text: str
    box: Box
    title: str = ""
    legend: bool = False
    font_size: float = 14.0
    kind: ChartKind = ChartKind.LINE
    value_labels: str = ""
    """The number format of a label on every point (a bar chart's figures); empty for none."""
    value_label_position: LabelPosition = LabelPosition.OUTSIDE_END
    title_size: float = CHART_FONT + 1
    title_bold: bool = True
    ink: str = INK
    """The colour of the chart's text (and of a bar's label where its series gives none)."""
    gridlines: str = GRID_LINE
    legend_position: LabelPosition = LabelPosition.BELOW
    category_size: float | None = None
    """The category labels' size, where not the chart's own text size."""
    bar_gap: int = 60
    """Space between a bar chart's categories, in per cent of a bar: enough to tell one
    indicator's bars from the next."""


@frozen
class Tile:
    count: int
    label: str
    fill: str
    colour: str
    box: Box
    count_size: float = TILE_COUNT_FONT
    label_size: float = TILE_LABEL_FONT
    anchor: Anchor = Anchor.MIDDLE

    @property
    def count_text(self) -> str:
        """The count as the tile shows it: ``1,020``."""
        return f"{self.count:,}"

    def alt_text(self, whole: str) -> str:
        """The tile's description for a screen reader: its count and label, then ``whole``
        (what all the tiles say together)."""
        return f"{self.count_text} {self.label}; {whole}"


@frozen
class TitleSlide:
    title: str
    lines: tuple[Paragraph, ...]
    notes: tuple[str, ...]
    role: Role = Role.TITLE
    size: float | None = None
    """The presenters' text size where the template's is too large for them all to fit."""
    space_before: float = PRESENTER_GAP
    """Space above each line after the first."""
    title_size: float | None = None
    """The title's size where the template's is too large for it to fit whole."""


@frozen
class BulletSlide:
    title: str
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[str, ...]
    role: Role = Role.CONTENT
    body: Box | None = None
    """Where the bullets go when not in the layout's own body box (under the glance's tiles)."""
    tiles: tuple[Tile, ...] = ()
    tiles_alt_text: str = ""
    sizes: tuple[float, ...] | None = None
    """The bullets' sizes by level where they are not the template's own (a glance too long
    for a small template's body)."""
    title_size: float | None = None
    """The title's size where the template's is too large for it to fit whole."""


@frozen
class TableSlide:
    title: str
    table: Table
    box: Box
    """Where the table's top-left corner goes, and its width."""
    captions: tuple[TextBox, ...]
    alt_text: str
    notes: tuple[str, ...]
    role: Role = Role.TABLE
    title_size: float | None = None
    """The title's size where the template's is too large for it to fit whole."""


@frozen
class ChartSlide:
    title: str
    charts: tuple[Chart, ...]
    notes: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...] = ()
    """Text beside the chart (the chart-and-text layout)."""
    role: Role = Role.CHART
    captions: tuple[TextBox, ...] = ()
    """Short texts in boxes of their own: where a chart's figures come from."""
    sizes: tuple[float, ...] | None = None
    """The side text's sizes by level where they are not the template's own (shrunk to keep
    every line)."""
    title_size: float | None = None
    """The title's size where the template's is too large for it to fit whole."""


Slide = TitleSlide | BulletSlide | TableSlide | ChartSlide


@frozen
class Properties:
    """The document's core properties: from the report alone, so the same workbook gives the
    same bytes."""

    title: str
    subject: str
    stamp: datetime
    language: str = "en-GB"
    keywords: str = ""
    category: str = ""
    status: str = ""
    """"Draft: 3 figures to check" while data-quality doubts are unresolved; else empty."""


@frozen
class Marking:
    """A protective marking ("OFFICIAL-SENSITIVE"), on every slide: in the layout's footer
    placeholder, where a template keeps such text, else in ``box``."""

    text: str
    box: Box
    """The footer placeholder's box, or one centred in the footer band where the template has
    no footer placeholder."""
    size: float
    """A size at which it fits the box on one line."""
    bold: bool = True


@frozen
class DeckPlan:
    slides: tuple[Slide, ...]
    kinds: tuple[SlideKind | None, ...]
    """Each slide's kind, in step with ``slides``: None for the title slide, which comes first
    whatever ``[deck] slides`` says."""
    footer: str
    """The meeting date as every slide after the first shows it."""
    properties: Properties
    marking: Marking | None = None
    """The protective marking every slide shows (reportgen.toml's ``[deck] marking``)."""

    def __post_init__(self) -> None:
        if len(self.kinds) != len(self.slides):
            raise ValueError(f"{len(self.kinds)} kinds for {len(self.slides)} slides")

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(slide.title for slide in self.slides)

    def of_kind(self, kind: SlideKind) -> tuple[Slide, ...]:
        """The slides of one kind, in the deck's order."""
        return tuple(slide for slide, its in zip(self.slides, self.kinds, strict=True)
                     if its is kind)


class SlideKind(Enum):
    """The slides the deck is made of, as reportgen.toml's ``[deck] slides`` names them. The
    title slide always comes first and is not listed."""

    GLANCE = "glance"
    """KPIs at a glance: the RAG tiles and what changed."""
    COHORT = "cohort"
    """The chart of the cohort counts (the first section of data-only counts)."""
    TABLE = "table"
    """The KPI table, over as many slides as it needs."""
    COMPARE = "compare"
    """How we compare: Current against England, statistical neighbours and the region, where
    the workbook has comparator columns."""
    EXCEPTIONS = "exceptions"
    """A slide for each red indicator, up to the exception cap."""
    NARRATIVE = "narrative"
    """The narrative sheets' bullet slides, in workbook order."""
    OTHER_REDS = "other-reds"
    """The reds past the cap, listed."""
    GLANCE_LISTS = "glance-lists"
    """The glance slide's lists in full, where they did not fit."""
    APPENDIX = "appendix"
    """Data quality: every warning of ``reportgen check``."""
