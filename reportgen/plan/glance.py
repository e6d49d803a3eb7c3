""""KPIs at a glance": one slide, whatever the workbook's size.

RAG counts as tiles, then three short lists: the band moves, the material changes since last
month (design.md §3), and each red with its gap to target in the units people count. A list too
long for the slide is cut to what fits, with a pointer to "At a glance in full" at the end of
the deck, never a second glance slide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from reportgen.frozen import frozen
from reportgen.indicators import Assessment, Direction, Rag, Rules, ranked_reds
from reportgen.model import Indicator, KpiTable, Paragraph
from reportgen.plan.compare import compared, lead_name, standing_words
from reportgen.plan.layout import (
    INSET_X,
    TILE_GAP,
    TILE_HEIGHT,
    Box,
    Geometry,
)
from reportgen.plan.measure import shorten_to_lines, text_width_pt
from reportgen.plan.paging import paragraph_height, text, text_height
from reportgen.plan.palette import INK, NAVY, RAG_SWATCH, SECTION_FILL
from reportgen.plan.slides import Tile
from reportgen.plan.words import (
    change_size,
    change_words,
    named,
    plural,
    previous_month,
    short_name,
    short_of,
)

FULL_LISTS = "At a glance in full"
NOT_RATED_FILL = "D9D9D9"


def last_pack(kpis: KpiTable, assessments: Sequence[Assessment]) -> str:
    """What band moves are "since", with its year: the month of the pack the board saw last,
    from the history store ("July 2019", after an August with no meeting), else the month
    before ("January 2019")."""
    packs = {a.last_pack for a in assessments if a.last_pack is not None}
    if len(packs) == 1:
        return packs.pop().long
    return kpis.months[-2].long if len(kpis.months) > 1 else previous_month(kpis)


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


@frozen
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
    sizes: tuple[int, ...] = ()
    """Indicators each item stands for (one each, when empty)."""
    elsewhere: str = f"see “{FULL_LISTS}” at the end"
    noun: str = ""
    """What the "… and N more" line counts ("band moves")."""

    def on_slide(self) -> list[Paragraph]:
        if not self.items:
            return [text(self.empty)] if self.empty else [self.heading]
        return [self.heading, *self.items[:self.shown], *self.more()]

    def more(self) -> list[Paragraph]:
        """The line that counts the items not shown ("… and 12 more reds: ..."), if any."""
        sizes = self.sizes or (1,) * len(self.items)
        rest = sum(sizes[self.shown:])
        noun = f" {self.noun if rest > 1 else self.noun.removesuffix('s')}" if self.noun else ""
        if not rest:
            return []
        if not self.shown:  # none named on the slide: not "more" than nothing
            return [text(f"{rest}{noun}: {self.elsewhere}", level=1)]
        return [text(f"… and {rest} more{noun}: {self.elsewhere}", level=1)]


LINE_LIMIT = 1
"""Lines a list of refs may take on the glance slide before it ends "… and N more"."""


def _refs_line(lead: str, entries: Sequence[str], width: float, size: float) -> tuple[
        Paragraph, bool]:
    """``lead`` and as many of ``entries`` as fit one line, then "and N more"; the first entry
    is always named, shortened if it must be, never replaced by a bare count."""
    room = width - text_width_pt(f"{lead} ", size, bold=True)
    separator = text_width_pt(", ", size, bold=True)
    used, shown = 0.0, 0
    for entry in entries:
        rest = len(entries) - shown - 1
        tail = text_width_pt(f" and {rest} more", size, bold=True) if rest else 0.0
        step = text_width_pt(entry, size, bold=True) + (separator if shown else 0.0)
        if used + step + tail > room:
            break
        used += step
        shown += 1
    named = list(entries[:shown])
    if not shown and entries:
        others = f" and {len(entries) - 1} more" if len(entries) > 1 else ""
        named = [shorten_to_lines(entries[0], room - text_width_pt(others, size, True), size,
                                  1, bold=True)]
        shown = 1
    rest = len(entries) - shown
    words = ", ".join(named) + (f" and {rest} more" if rest else "")
    return text(f" {words}", 1, lead), rest > 0 or named[:1] != list(entries[:1])


def _lines(lead: str, entries: Sequence[str]) -> list[Paragraph]:
    """A group in full: its lead ("Into amber:"), then one line per indicator under it, so that
    a page break falls between indicators and never leaves a "… continued" line alone."""
    return [text("", 1, lead), *(text(entry, 2) for entry in entries)]


def _whole_name(indicator: Indicator) -> str:
    return f"{indicator.ref} {indicator.measure}"


def _move_groups(assessments: Sequence[Assessment],
                 name: Callable[[Indicator], str] = named) -> list[tuple[str, list[str]]]:
    """Band moves by the band moved into: ("Into red:", ["6.3D ... (from green)", ...])."""
    groups = []
    for band in (Rag.RED, Rag.AMBER, Rag.GREEN):
        entries = [f"{name(a.indicator)} (from {a.band_change[0].value})"
                   for a in assessments if a.band_change and a.rag is band]
        if entries:
            groups.append((f"Into {band.value}:", entries))
    return groups


def _change_groups(assessments: Sequence[Assessment],
                   name: Callable[[Indicator], str] = named) -> list[tuple[str, list[str]]]:
    """Material changes, worse first and the biggest first within each:
    ("Worse (6):", ["6.1 ...: down 4.5 points", ...])."""
    worse = material(assessments, Direction.WORSENING)
    better = material(assessments, Direction.IMPROVING)
    return [(f"{way} ({len(group)}):", [_change_entry(a, name) for a in group])
            for way, group in (("Worse", worse), ("Better", better)) if group]


def material(assessments: Sequence[Assessment], direction: Direction) -> list[Assessment]:
    """The real changes one way (``Assessment.signal``: special cause where SPC reads the
    series, else a material change since last month), SPC's first, then the biggest."""
    moved = [a for a in assessments if a.signal is direction]
    return sorted(moved, key=lambda a: (a.spc is None, -change_size(a)))


def _change_entry(assessment: Assessment, name: Callable[[Indicator], str] = named) -> str:
    """``6.1 % care leavers "in touch"…: down 4.5 points`` under "Worse", which says which way
    it counts; an SPC reading says "(SPC)", the heading saying what that means."""
    if assessment.spc is not None and assessment.spc.variation:
        return f"{name(assessment.indicator)} (SPC)"  # the heading says what SPC finds
    return f"{name(assessment.indicator)}: {change_words(assessment, signed=False)}"


Groups = Sequence[tuple[str, list[str]]]


def _listed(groups: Groups, width: float, size: float, heading: Paragraph, empty: str,
            noun: str, whole: Groups = ()) -> GlanceList:
    """One line a group on the slide; every entry, line by line, in full: ``whole``, the same
    groups with each measure's whole name, where a page has room for it."""
    cut = [_refs_line(lead, entries, width, size) for lead, entries in groups]
    full = [line for lead, entries in whole or groups for line in _lines(lead, entries)]
    return GlanceList(heading, tuple(line for line, _ in cut), len(cut), empty,
                      any(shortened for _, shortened in cut), tuple(full),
                      tuple(len(entries) for _, entries in groups), noun=noun)


def glance_lists(kpis: KpiTable, assessments: Sequence[Assessment], rules: Rules,
                 geometry: Geometry, exceptions: int | None = None) -> list[GlanceList]:
    """The glance's lists; ``exceptions``: how many reds get a slide of their own (the rest are
    on "Other red indicators", which the reds' pointer names only when there is one)."""
    previous = previous_month(kpis)
    seen = last_pack(kpis, assessments)
    level = geometry.text.level(1)
    width = geometry.body.width - 2 * INSET_X - geometry.text.indents[level]
    size = geometry.text.sizes[level]
    reds = ranked_reds(assessments)
    red_items = tuple(_red_line(a, width, size) for a in reds)
    threshold = (f"{rules.material_change_percent_points:g} point"
                 f"{'' if rules.material_change_percent_points == 1 else 's'} or more; "
                 f"{rules.material_change_relative:.0%} for counts and scores with a target")
    spc = any(a.spc is not None and a.spc.variation for a in assessments)
    return [  # in the order they are cut when the slide is full: the reds last
        GlanceList(text(f"Red, furthest from target first ({len(reds)}):"), red_items,
                   len(red_items), "No indicator is red.",
                   elsewhere="see the exception slides" + (
                       " and “Other red indicators”"
                       if exceptions is None or len(reds) > exceptions else ""),
                   noun="reds"),
        _moves(assessments, rules, width, size, seen),
        _listed(_change_groups(assessments), width, size,
                text(f"Better or worse beyond normal variation (SPC); where SPC does not read "
                     f"the series (too short, or a YTD or rolling figure), changed since "
                     f"{previous} by {threshold}:" if spc else
                     f"Changed materially since {previous} ({threshold}):"),
                f"No material change since {previous} ({threshold})." if not spc else
                "No special cause, and no material change where SPC does not apply.",
                "changes", _change_groups(assessments, _whole_name)),
    ]


def _moves(assessments: Sequence[Assessment], rules: Rules, width: float, size: float,
           seen: str) -> GlanceList:
    """The band moves since the pack the board saw last; none where that pack is too old to
    compare with, and the slide says why rather than "no indicator moved"."""
    stale = next((a.stale_pack for a in assessments if a.stale_pack is not None), None)
    if stale is not None:
        return GlanceList(text("Moved RAG band:"), (), 0,
                          f"No band moves are claimed: the last pack the board saw, "
                          f"{stale.long}, is more than {plural(rules.stale_after_months, 'month')}"
                          " before this one.")
    return _listed(_move_groups(assessments), width, size,
                   text(f"Moved RAG band since {seen}:"),
                   f"No indicator moved RAG band since {seen}.", "band moves",
                   _move_groups(assessments, _whole_name))


def _red_line(assessment: Assessment, width: float, size: float) -> Paragraph:
    """``3.1 % of children in need with…: 89.0% against a 90.0% minimum``, on one line."""
    ref = assessment.indicator.ref
    words = f"{short_name(assessment.indicator)}: {short_of(assessment)}"
    room = width - text_width_pt(f"{ref} ", size, True)
    return text(" " + shorten_to_lines(words, room, size, 1), 1, ref)


FLOORS = (3, 1, 1)
"""Lines each list keeps (reds, band moves, changes) before any is cut further."""


def fit(lists: list[GlanceList], box: Box, geometry: Geometry,
        above: Sequence[Paragraph] = ()) -> list[GlanceList]:
    """Cut lines until the slide's text (after the lines ``above`` the lists) fits ``box``:
    each list down to a few lines first (the reds to three, the others to one), the longest
    first; then below that, the changes before the band moves before the reds."""
    floors = FLOORS
    width = box.width - 2 * INSET_X

    def line_height(line: Paragraph) -> float:
        return paragraph_height(line, width, geometry.text)

    # A cut shows one line fewer of one list, and a list's lines keep their heights: each line
    # is measured once, into running totals (the heading, then each item: what the list takes
    # with that many items shown), so a glance of hundreds of reds is cut quickly, not measured
    # whole at every cut. Only the "… and N more" line is new at each cut. The totals stop once
    # they pass the box's height: which list is cut depends only on how many lines each shows,
    # so past that point the slide is over-full whatever the exact figure, and the hundreds of
    # lines that can never be shown are not measured at all.
    lines = [(item.heading, *item.items) for item in lists]
    running: list[list[float]] = [[] for _ in lists]
    heights: dict[tuple[int, int], float] = {}  # (list, items shown) -> its height

    def shown_height(index: int, shown: int) -> float:
        """The heading and the first ``shown`` items; once past the box, a total past it."""
        totals = running[index]
        while len(totals) <= shown and (not totals or totals[-1] <= box.height):
            totals.append((totals[-1] if totals else 0.0) +
                          line_height(lines[index][len(totals)]))
        return totals[min(shown, len(totals) - 1)]

    def list_height(index: int) -> float:
        item = lists[index]
        if (index, item.shown) not in heights:
            height = shown_height(index, item.shown) if item.items else \
                sum(map(line_height, item.on_slide()))
            if item.items and height <= box.height:  # else over-full: no need to measure more
                height += sum(map(line_height, item.more()))
            heights[index, item.shown] = height
        return heights[index, item.shown]

    above_height = text_height(above, box, geometry.text)  # with the box's insets, once
    while above_height + sum(map(list_height, range(len(lists)))) > box.height:
        over = [i for i in range(len(lists)) if lists[i].shown > floors[i]]
        if over:
            cut = max(over, key=lambda i: lists[i].shown - floors[i])
        else:
            cut = next((i for i in (2, 1, 0) if lists[i].shown > 0), -1)
            if cut < 0:
                break
        lists[cut] = replace(lists[cut], shown=lists[cut].shown - 1)
    return lists


def comparison_line(assessments: Sequence[Assessment]) -> tuple[Paragraph, ...]:
    """One line on how the rated indicators stand against England (or the workbook's first
    comparator); none when no rated indicator has one."""
    chosen = compared(assessments)
    if not chosen:
        return ()
    words = standing_words(assessments, lead_name(chosen))
    return (text(f" {words[0].upper()}{words[1:]}", lead="How we compare:"),)


def kept_floors(lists: Sequence[GlanceList]) -> bool:
    """Whether every list still shows its first few lines (all it has, if fewer)."""
    return all(item.shown >= min(floor, len(item.items))
               for item, floor in zip(lists, FLOORS, strict=True))


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
