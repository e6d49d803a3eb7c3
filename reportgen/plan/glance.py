""""KPIs at a glance": one slide, whatever the workbook's size.

RAG counts as tiles, then three short lists: the band moves, the material changes since last
month (design.md §3), and each red with its gap to target in the units people count. A list too
long for the slide is cut to what fits, with a pointer to "At a glance in full" at the end of
the deck, never a second glance slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportgen.indicators import Assessment, Direction, Rag, Rules
from reportgen.model import KpiTable, Paragraph
from reportgen.plan.layout import (
    INSET_X,
    TILE_GAP,
    TILE_HEIGHT,
    Box,
    Geometry,
)
from reportgen.plan.measure import shorten_to_lines, text_width_pt, wrap_lines
from reportgen.plan.paging import text, text_height
from reportgen.plan.palette import INK, NAVY, RAG_SWATCH, SECTION_FILL
from reportgen.plan.slides import Tile
from reportgen.plan.words import change_words, needed_words, plural, short_of

FULL_LISTS = "At a glance in full"
NOT_RATED_FILL = "D9D9D9"


def previous_month(kpis: KpiTable) -> str:
    return kpis.months[-2].name if len(kpis.months) > 1 else "last month"


def is_data_only(assessment: Assessment) -> bool:
    return assessment.bounds is None


def tiles(assessments: Sequence[Assessment], box: Box) -> tuple[Tile, ...]:
    counts = [(sum(a.rag is rag for a in assessments), RAG_SWATCH[rag].word,
               RAG_SWATCH[rag].fill, RAG_SWATCH[rag].text)
              for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)]
    data_only = sum(is_data_only(a) for a in assessments)
    counts.append((data_only, "data only", SECTION_FILL, NAVY))
    not_rated = sum(a.rag is None and not is_data_only(a) for a in assessments)
    if not_rated:
        counts.append((not_rated, "not rated (no Current)", NOT_RATED_FILL, INK))
    width = (box.width - TILE_GAP * (len(counts) - 1)) / len(counts)
    return tuple(Tile(n, label, fill, colour,
                      Box(box.left + i * (width + TILE_GAP), box.top, width, TILE_HEIGHT))
                 for i, (n, label, fill, colour) in enumerate(counts))


@dataclass(frozen=True)
class GlanceList:
    """A heading and its lines; ``shown`` of them fit on the slide."""

    heading: Paragraph
    items: tuple[Paragraph, ...]
    shown: int
    empty: str = ""
    """What the slide says when there are no items (the heading alone otherwise)."""
    cut: bool = False
    """Some line was shortened to fit: the full lists are at the end either way."""
    full: tuple[Paragraph, ...] = ()
    """The list uncut, for "At a glance in full"; empty when the slide says it all."""
    elsewhere: str = f"see “{FULL_LISTS}” at the end"

    def on_slide(self) -> list[Paragraph]:
        if not self.items:
            return [text(self.empty)] if self.empty else [self.heading]
        rest = len(self.items) - self.shown
        more = [text(f"… and {rest} more: {self.elsewhere}", level=1)] if rest else []
        return [self.heading, *self.items[:self.shown], *more]


LINE_LIMIT = 1
"""Lines a list of refs may take on the glance slide before it ends "… and N more"."""


def _refs_line(lead: str, entries: Sequence[str], width: float, size: float) -> tuple[
        Paragraph, bool]:
    """``lead`` and as many of ``entries`` as fit ``LINE_LIMIT`` lines, then "and N more"."""
    if width <= 0:  # no limit: the list in full
        return text(f" {', '.join(entries)}", 1, lead), False
    for shown in range(len(entries), 0, -1):
        rest = len(entries) - shown
        words = ", ".join(entries[:shown]) + (f" and {rest} more" if rest else "")
        if wrap_lines(f"{lead} {words}", width, size, bold=True) <= LINE_LIMIT:
            return text(f" {words}", 1, lead), rest > 0
    return text(f" {len(entries)}", 1, lead), True


def _moves(assessments: Sequence[Assessment], width: float, size: float) -> tuple[
        list[Paragraph], bool]:
    moves: list[Paragraph] = []
    moves_cut = False
    for band in (Rag.RED, Rag.AMBER, Rag.GREEN):
        into = [a for a in assessments if a.band_change and a.rag is band]
        if into:
            line, cut = _refs_line(f"Into {band.value}:", [
                f"{a.indicator.ref} (from {a.band_change[0].value})" for a in into
                if a.band_change], width, size)
            moves.append(line)
            moves_cut |= cut
    return moves, moves_cut


def _changes(assessments: Sequence[Assessment], width: float, size: float) -> tuple[
        list[Paragraph], bool]:
    better = [a for a in assessments if a.material and a.direction is Direction.IMPROVING]
    worse = [a for a in assessments if a.material and a.direction is Direction.WORSENING]
    changes: list[Paragraph] = []
    changes_cut = False
    for lead, group in ((f"Worse ({len(worse)}):", worse), (f"Better ({len(better)}):", better)):
        if group:
            line, cut = _refs_line(lead, [f"{a.indicator.ref} {change_words(a)}"
                                          for a in group], width, size)
            changes.append(line)
            changes_cut |= cut
    return changes, changes_cut


def glance_lists(kpis: KpiTable, assessments: Sequence[Assessment], rules: Rules,
                 geometry: Geometry) -> list[GlanceList]:
    previous = previous_month(kpis)
    level = geometry.text.level(1)
    width = geometry.body.width - 2 * INSET_X - geometry.text.indents[level]
    size = geometry.text.sizes[level]
    moves, moves_cut = _moves(assessments, width, size)
    changes, changes_cut = _changes(assessments, width, size)
    reds = sorted((a for a in assessments if a.rag is Rag.RED),
                  key=lambda a: -(a.shortfall or 0.0))
    red_items = tuple(_red_line(a, width, size) for a in reds)
    threshold = (f"{rules.material_change_percent_points:g} point"
                 f"{'' if rules.material_change_percent_points == 1 else 's'}; "
                 f"{rules.material_change_relative:.0%} for other measures")
    return [  # in the order they are cut when the slide is full: the reds last
        GlanceList(text(f"Red, furthest from target first ({len(reds)}):"), red_items,
                   len(red_items), "No indicator is red.",
                   elsewhere="see the exception slides and “Other red indicators”"),
        GlanceList(text(f"Moved RAG band since {previous}:"), tuple(moves), len(moves),
                   f"No indicator moved RAG band since {previous}.", moves_cut,
                   tuple(_moves(assessments, 0, size)[0])),
        GlanceList(text(f"Changed materially since {previous} ({threshold}):"),
                   tuple(changes), len(changes),
                   f"No material change since {previous} ({threshold}).",
                   changes_cut, tuple(_changes(assessments, 0, size)[0])),
    ]


def _red_line(assessment: Assessment, width: float, size: float) -> Paragraph:
    """``3.1 89.0% against a 90.0% minimum: 10 more of 1,020 would meet it``, on one line."""
    ref = assessment.indicator.ref
    needed = needed_words(assessment)
    words = f" {short_of(assessment)}" + (f": {needed}" if needed else "")
    return text(shorten_to_lines(words, width - text_width_pt(ref, size, True), size, 1), 1,
                ref)


def fit(lists: list[GlanceList], box: Box, geometry: Geometry) -> list[GlanceList]:
    """Cut lines until the slide's text fits ``box``: each list down to a few lines first
    (the reds to three, the others to one), the longest first; then below that, the changes
    before the band moves before the reds."""
    floors = [3, 1, 1]
    while text_height(body(lists), box, geometry.text) > box.height:
        over = [i for i in range(len(lists)) if lists[i].shown > floors[i]]
        if over:
            cut = max(over, key=lambda i: lists[i].shown - floors[i])
        else:
            cut = next((i for i in (2, 1, 0) if lists[i].shown > 0), -1)
            if cut < 0:
                break
        lists[cut] = replace(lists[cut], shown=lists[cut].shown - 1)
    return lists


def body(lists: Sequence[GlanceList]) -> list[Paragraph]:
    return [p for item in lists for p in item.on_slide()]


def full_lists(lists: Sequence[GlanceList]) -> list[Paragraph]:
    """The band moves and material changes in full, when the slide had to cut them (the reds
    have their own slides)."""
    return [p for item in lists if item.full and (item.cut or item.shown < len(item.items))
            for p in (item.heading, *item.full)]


def tiles_alt_text(assessments: Sequence[Assessment]) -> str:
    data_only = sum(is_data_only(a) for a in assessments)
    counts = [plural(sum(a.rag is rag for a in assessments), rag.value, rag.value)
              for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)]
    return (f"RAG counts of {plural(len(assessments), 'indicator')}: {', '.join(counts)}, "
            f"{data_only} data only")
