"""The KPI table as the seed framed it, in pages that fit the slide.

The seed's columns under its grouped headers ("Current Performance", "Six Month Trend", "Target
(corporate minimum/upper model)"), numbers right-aligned in one format per indicator, Current
filled and lettered by its RAG, a trend picture in each row's own cell. Rows are measured (plan.
measure) and paginated at a readable 10 pt; the header repeats on every page, a section heading
never ends a page, and a page that begins inside a section repeats its name ("Visits
(continued)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from reportgen.frozen import frozen
from reportgen.indicators import Assessment, RagModel
from reportgen.model import KpiTable, Section
from reportgen.plan.layout import (
    CELL_MARGIN_X,
    CELL_MARGIN_Y,
    GROUP_FONT,
    MAX_MEASURE_LINES,
    MIN_MEASURE_WIDTH,
    MIN_ROW,
    TABLE_FONT,
)
from reportgen.plan.measure import line_height_pt, shorten_to_lines, text_width_pt, wrap_lines
from reportgen.plan.palette import INK, NAVY, RAG_SWATCH, SECTION_FILL
from reportgen.plan.slides import Align, Cell, Row, Table, Trend
from reportgen.plan.sparkline import TABLE_MONTHS, latest, sparkline
from reportgen.plan.words import MISSING, count, figure, target_cell
from reportgen.spc import Assurance, Variation

WHITE = "FFFFFF"
# Data-quality doubts (a Current that does not match Num/Denom, a restated month) are not marked
# in the table: they are for the team (check, the notes, --appendix), not the board's slides,
# and the deck is marked draft while any is unresolved (design.md §3).


@frozen
class TableColumn:
    key: str
    header: str
    width: float
    align: Align = Align.RIGHT
    size: float = TABLE_FONT
    """The table's text size: smaller on a narrow (4:3) template, so that every column
    fits its figures."""
    least: float = 0.0
    """As narrow as it may be squeezed: its longest word still on one line (a renderer breaks
    a word too long for its cell in the middle, "Deno-m")."""


# The seed's grouped header row: a label over each run of columns (by key prefix).
GROUPS = (
    ("", ("ref", "measure")),
    ("Previous financial year", ("previous",)),
    ("Current Performance", ("num", "denom", "current", "period")),
    ("Six Month Trend", ("month",)),
    ("Target (corporate minimum / upper model)", ("min", "upper")),
    ("", ("target", "spc", "trend")),
)


TABLE_SIZES = (TABLE_FONT, 9.0)
"""The table's text sizes, tried in turn until its columns fit the template's table box; never
below 9 pt, which a board member reads on a projected slide."""


CellTexts = Mapping[str, Mapping[str, str]]
"""Every indicator row's cells as the table shows them: by ref, then by column key."""


def cell_texts(assessments: Sequence[Assessment]) -> dict[str, dict[str, str]]:
    """The table's cell texts, worked out once: the columns are sized to them and the rows
    are made of them."""
    return {a.indicator.ref: _values(a) for a in assessments}


def columns(kpis: KpiTable, assessments: Sequence[Assessment], total_width: float,
            texts: CellTexts, sizes: Sequence[float] = TABLE_SIZES) -> tuple[TableColumn, ...]:
    """The seed's columns, each as wide as its widest figure needs (so "100.0%" never breaks
    over two lines), within the table's width; the measure name takes the rest. A narrow
    template's table gets a smaller text size where the bundled 10 pt cannot fit them, and
    where even then the measure names would be squeezed into tall, mostly empty rows, Num and
    Denom give way (the notes and ``check`` keep them; Current is the figure the board reads).
    Num and Denom are left out, too, where no row has them."""
    values = [texts[a.indicator.ref] for a in assessments]
    counts = any(a.indicator.numerator is not None or a.indicator.denominator is not None
                 for a in assessments)
    # Where the names would still be squeezed, the month columns go down to the latest three:
    # the trend picture beside them still draws all six.
    ways = [(True, TABLE_MONTHS)] if counts else []
    ways += [(False, TABLE_MONTHS), (False, NARROW_MONTHS)]
    for with_counts, months in ways:
        for size in sizes:
            cols = _columns_at(kpis, assessments, values, total_width, size, with_counts,
                               months)
            if sum(c.width for c in cols) <= total_width + 0.01:
                break
        measure = next(c for c in cols if c.key == "measure")
        if sum(c.width for c in cols) <= total_width + 0.01 and \
                measure.width >= MIN_MEASURE_WIDTH * measure.size / TABLE_FONT:
            break
    return _within(cols, total_width)


NARROW_MONTHS = 3
"""Month columns a narrow (4:3) template's table keeps where six would squeeze the names."""


def _columns_at(kpis: KpiTable, assessments: Sequence[Assessment],
                values: Sequence[Mapping[str, str]], total_width: float,
                size: float, counts: bool = True,
                months: int = TABLE_MONTHS) -> tuple[TableColumn, ...]:
    """The columns at text size ``size``, before any squeezing into ``total_width``; ``values``
    are the rows' cell texts."""
    scale = size / TABLE_FONT
    base = [replace(col, width=col.width * scale, size=size)
            for col in _base_columns(kpis, assessments, counts, months)]
    base = [replace(col, least=_longest_word(col, [v.get(col.key, "") for v in values]))
            for col in base]
    fixed = [replace(col, width=_fitted_width(col, [v.get(col.key, "") for v in values]))
             for col in base]
    narrowest = MIN_MEASURE_WIDTH * scale
    room = total_width - narrowest
    used = sum(c.width for c in fixed)
    if used > room:  # give back what the widening took, in proportion; wider text wraps
        extra = [c.width - b.width for c, b in zip(fixed, base, strict=True)]
        keep = max(0.0, 1 - (used - room) / max(1.0, sum(extra)))
        fixed = [replace(c, width=max(c.least, b.width + e * keep))
                 for c, b, e in zip(fixed, base, extra, strict=True)]
    fixed = _fit_group_words(fixed)
    measure_width = max(narrowest, total_width - sum(c.width for c in fixed))
    measure = TableColumn("measure", "Performance Measure", measure_width, Align.LEFT, size)
    return (fixed[0], measure, *fixed[1:])


def _base_columns(kpis: KpiTable, assessments: Sequence[Assessment],
                  counts: bool = True, months: int = TABLE_MONTHS) -> list[TableColumn]:
    shown = list(enumerate(latest(kpis.months, ())[0]))[-months:]
    # A column no row fills (a scorecard with no previous-year outturn or Period) is left out,
    # as Num and Denom are, rather than drawn as a column of dashes.
    previous = any(a.indicator.previous_year is not None for a in assessments)
    period = any(a.indicator.period_type for a in assessments)
    return [  # the narrowest each column may be at 10 pt; figures widen it (_fitted_width)
        TableColumn("ref", "Ref", 32.4, Align.LEFT),
        *([TableColumn("previous", kpis.previous_year_label or "Last year", 39.6)]
          if previous else []),
        *((TableColumn("num", "Num", 36.0), TableColumn("denom", "Denom", 36.0)) if counts else ()),
        TableColumn("current", "Current", 50.4),
        *([TableColumn("period", "Period", 43.2, Align.CENTRE)] if period else []),
        *(TableColumn(f"month:{i}", m.short, 36.0) for i, m in shown),
        *((TableColumn("min", "Min", 30.24), TableColumn("upper", "Upper", 32.4))
          if _min_upper(assessments) else (TableColumn("target", "Target", 60.0, Align.LEFT),)),
        *([TableColumn("spc", "SPC", 64.0, Align.LEFT)]
          if any(a.spc is not None for a in assessments) else []),
        TableColumn("trend", "Trend", 64.8, Align.CENTRE),
    ]


def _min_upper(assessments: Sequence[Assessment]) -> bool:
    """The table is the seed's corporate minimum/upper model (or states no targets at all):
    its Min and Upper columns. Any other model's targets go in one Target column, in the
    workbook's own words ("Fewer than 85", "65% (floor 60%)"), never a Min for a ceiling."""
    return all(a.rag_model in (RagModel.MIN_UPPER, RagModel.NONE) for a in assessments)


# Where a narrow template (4:3) leaves too little room, the measure and trend columns give way
# first, down to these widths, before every column shrinks alike.
_NARROWEST = {"measure": 110.0, "trend": 40.0}


def _within(cols: tuple[TableColumn, ...], total_width: float) -> tuple[TableColumn, ...]:
    """The columns narrowed to ``total_width`` where they add up to more: nothing is drawn off
    the slide; narrower cells wrap, and the rows are measured at these widths."""
    over = sum(c.width for c in cols) - total_width
    for key, narrowest in _NARROWEST.items():
        if over <= 0:
            break
        index = next(i for i, c in enumerate(cols) if c.key == key)
        give = min(over, max(0.0, cols[index].width - narrowest * cols[index].size / TABLE_FONT))
        cols = (*cols[:index], replace(cols[index], width=cols[index].width - give),
                *cols[index + 1:])
        over -= give
    slack = [max(0.0, c.width - c.least) if c.key not in _NARROWEST else 0.0 for c in cols]
    if over > 0 and sum(slack) > 0:  # then every other column, down to its longest word
        share = min(1.0, over / sum(slack))
        cols = tuple(replace(c, width=c.width - s * share) for c, s in zip(cols, slack,
                                                                          strict=True))
        over -= sum(slack) * share
    if over > 0:  # words must break: every column alike
        scale = total_width / (total_width + over)
        cols = tuple(replace(c, width=c.width * scale) for c in cols)
    return cols


def _fit_group_words(cols: list[TableColumn]) -> list[TableColumn]:
    """Widen a group's columns until its label's longest word fits on a line: a renderer breaks
    a word too long for its cell in the middle ("minim-um")."""
    for label, keys in GROUPS:
        members = [i for i, c in enumerate(cols) if c.key.split(":")[0] in keys]
        if not label or not members:
            continue
        size = _group_size(cols[members[0]])
        longest = max(text_width_pt(word, size, bold=True) for word in label.split())
        short = longest + 2 * CELL_MARGIN_X + 0.1 - sum(cols[i].width for i in members)
        if short > 0:
            for i in members:
                cols[i] = replace(cols[i], width=cols[i].width + short / len(members))
    return cols


def _longest_word(col: TableColumn, texts: Sequence[str]) -> float:
    if col.key in ("measure", "trend", "spc"):  # they wrap, or draw no text
        return 0.0
    bold = col.key == "current"
    # a set: a column of a thousand rows holds a few dozen different words
    words = {(word, bold) for text in set(texts) for word in text.split()}
    words |= {(word, True) for word in col.header.split()}
    return max(text_width_pt(word, col.size, b) for word, b in words) + 2 * CELL_MARGIN_X + 0.1


_MAX_WIDENING = 2.0
"""A column widens to fit its figures up to this many times its usual width; past that, wraps."""


def _fitted_width(col: TableColumn, texts: Sequence[str]) -> float:
    widest = max([text_width_pt(t, col.size, bold=col.key == "current") for t in set(texts)]
                 + [text_width_pt(col.header, col.size, bold=True)])
    if col.key == "spc":
        # As wide as its widest part: a reading is the variation and the assurance, in words
        # ("No significant change; may or may not meet Min"), two lines at most.
        parts = {part for t in set(texts) for part in t.split("; ")}
        return max([text_width_pt(f"{part};", col.size) for part in parts]
                   + [text_width_pt(col.header, col.size, bold=True)]) + 2 * CELL_MARGIN_X + 0.1
    return min(max(col.width, widest + 2 * CELL_MARGIN_X + 0.1), col.width * _MAX_WIDENING)


def current_cell(assessment: Assessment) -> str:
    """Current as its cell shows it, wherever a table does: ``87.3% R`` (the figure and the RAG
    letter)."""
    ind = assessment.indicator
    letter = f" {RAG_SWATCH[assessment.rag].letter}" if assessment.rag is not None else ""
    return f"{figure(ind.current, ind)}{letter}"


def _values(assessment: Assessment) -> dict[str, str]:
    """Every cell of an indicator's row as the table shows it, by column key."""
    ind = assessment.indicator
    values = {
        "ref": ind.ref,
        "measure": ind.measure,
        "previous": figure(ind.previous_year, ind),
        "num": count(ind.numerator),
        "denom": count(ind.denominator),
        "current": current_cell(assessment),
        "period": ind.period_type or "",
        "min": _bound(figure(ind.target_min, ind), assessment),
        "upper": _bound(figure(ind.target_upper, ind), assessment),
        "target": target_cell(assessment),
        "spc": spc_cell(assessment),
        "trend": "",
    }
    for index, value in enumerate(latest((), ind.trend)[1]):
        values[f"month:{index}"] = figure(value, ind)
    return values


def _bound(shown: str, assessment: Assessment) -> str:
    """A Min or Upper cell: ``≤2.0`` where lower is better, so that a ceiling under the seed's
    "Min" heading never reads as a minimum."""
    ceiling = assessment.bounds is not None and assessment.bounds.ceiling
    return f"≤{shown}" if ceiling and shown != MISSING else shown


_SPC_SHORT = {Variation.IMPROVEMENT: "Improving", Variation.CONCERN: "Concern",
              Variation.COMMON: "No significant change"}
_ASSURANCE_SHORT = {Assurance.PASS: "will meet {}", Assurance.FAIL: "will not meet {}",
                    Assurance.HIT_AND_MISS: "may or may not meet {}"}
"""Making Data Count's assurance icons, in words: no letters or "?" a member must look up."""
SPC_FILL = {Variation.IMPROVEMENT: "DCE9F5", Variation.CONCERN: "FBE3D0"}
"""Pale blue and pale orange behind a special-cause reading (the words say it too)."""
SPC_KEY = (" SPC (15 months or more): Improving or Concern is change beyond normal variation; "
           "then whether the process, as it runs, will meet the target.")


def spc_cell(assessment: Assessment) -> str:
    """``Concern; may or may not meet Min``: the SPC reading in a table cell."""
    spc = assessment.spc
    if spc is None:
        # a YTD or rolling figure accumulates and resets: not read with SPC, and said so
        return "" if assessment.snapshot else NOT_READ
    words = [_SPC_SHORT[spc.variation]] if spc.variation else []
    if spc.assurance_min:  # "Min": the column the red line is in, a ceiling's "≤" included
        words.append(_ASSURANCE_SHORT[spc.assurance_min].format("Min"))
    return "; ".join(words) or MISSING


NOT_READ = "Not read: cumulative"
"""The SPC cell of a YTD or rolling measure, which SPC does not read."""


def _text_width(col: TableColumn) -> float:
    return col.width - 2 * CELL_MARGIN_X


def row_height(texts: Sequence[str], widths: Sequence[float], size: float = TABLE_FONT,
               bold: bool = False) -> float:
    """A row as tall as its tallest cell: ``widths`` are the cells' text widths."""
    lines = max(wrap_lines(text, width, size, bold)
                for text, width in zip(texts, widths, strict=True))
    return max(MIN_ROW * size / TABLE_FONT, lines * line_height_pt(size) + 2 * CELL_MARGIN_Y)


def _group_size(col: TableColumn) -> float:
    """The grouped header's size: the bundled 9 pt, never larger than the table's own text and
    never below 9 pt, the least a projected slide is read at."""
    return min(GROUP_FONT, col.size)


_QUARTER = re.compile(r"^Q[1-4]\b")
"""A quarter's column header ("Q3 23/24"): a quarterly scorecard's periods are not months."""


def _spans(cols: Sequence[TableColumn]) -> list[tuple[str, int, float]]:
    """The grouped header row: (label, columns covered, width) in column order."""
    spans: list[tuple[str, int, float]] = []
    for group, keys in GROUPS:
        covered = [c for c in cols if c.key.split(":")[0] in keys]
        # a narrow table's three months, or a workbook's first few, are not "Six Month Trend"
        few = keys == ("month",) and len(covered) < TABLE_MONTHS
        quarters = keys == ("month",) and any(_QUARTER.match(c.header) for c in covered)
        if covered:
            label = "Latest quarters" if quarters else "Latest months" if few else group
            spans.append((label, len(covered), sum(c.width for c in covered)))
    return spans


def header_rows(cols: Sequence[TableColumn]) -> tuple[Row, Row]:
    spans = _spans(cols)
    size = cols[0].size
    groups = tuple(Cell(label, NAVY, WHITE, bold=True, size=_group_size(cols[0]), span=span)
                   for label, span, _ in spans)
    group_height = row_height([label for label, _, _ in spans],
                              [w - 2 * CELL_MARGIN_X for _, _, w in spans],
                              _group_size(cols[0]), True)
    labels = tuple(Cell(c.header, NAVY, WHITE, bold=True, align=c.align, size=size) for c in cols)
    label_height = row_height([c.header for c in cols], [_text_width(c) for c in cols], size,
                              bold=True)
    return Row(groups, group_height), Row(labels, label_height)


def section_row(title: str, cols: Sequence[TableColumn]) -> Row:
    width = sum(c.width for c in cols) - 2 * CELL_MARGIN_X
    size = cols[0].size
    return Row((Cell(title, SECTION_FILL, NAVY, bold=True, align=Align.LEFT, size=size,
                     span=len(cols)),),
               row_height([title], [width], size, bold=True))


def indicator_row(assessment: Assessment, cols: Sequence[TableColumn],
                  values: Mapping[str, str]) -> Row:
    """The indicator's row of the table; ``values``: its cells' texts (``cell_texts``)."""
    measure = next(c for c in cols if c.key == "measure")
    shown = {**values, "measure": shorten_to_lines(values["measure"], _text_width(measure),
                                                   measure.size, MAX_MEASURE_LINES)}
    cells = []
    for col in cols:
        cell = Cell(shown.get(col.key, ""), WHITE, INK, align=col.align, size=col.size)
        if col.key == "current" and assessment.rag is not None:
            swatch = RAG_SWATCH[assessment.rag]
            cell = replace(cell, fill=swatch.fill, colour=swatch.text, bold=True)
        if col.key == "spc" and assessment.spc is not None and assessment.spc.variation:
            cell = replace(cell, fill=SPC_FILL.get(assessment.spc.variation, WHITE))
        cells.append(cell)
    texts = [c.text for c in cells]
    height = row_height(texts, [_text_width(c) for c in cols], measure.size)
    return Row(tuple(cells), height, assessment.indicator.ref, _trend(assessment))


def _trend(assessment: Assessment) -> Trend | None:
    line = sparkline(assessment)
    if line is None:
        return None
    return Trend(line, RAG_SWATCH[line.rag].fill if line.rag else NAVY)


@frozen
class Block:
    """A section's rows: its heading (when it has a title) and its indicators."""

    section: Section
    heading: Row | None
    rows: tuple[Row, ...]


def blocks(kpis: KpiTable, assessments: Sequence[Assessment], cols: Sequence[TableColumn],
           texts: CellTexts) -> list[Block]:
    by_ref = {a.indicator.ref: a for a in assessments}
    return [Block(section, section_row(section.title, cols) if section.title else None,
                  tuple(indicator_row(by_ref[i.ref], cols, texts[i.ref])
                        for i in section.indicators))
            for section in kpis.sections]


def paginate(blocks: Sequence[Block], cols: Sequence[TableColumn],
             room: Sequence[float]) -> list[list[Row]]:
    """Rows in pages, each filled before the next begins: page n has ``room[n]`` points for
    its rows (the last figure serving every later page). A heading keeps its first row; a page
    that starts inside a section opens with the section's name, continued; and no indicator is
    left alone on the last page where the page before can give it company."""
    pages = _filled(blocks, cols, room, {})
    if len(pages) > 1 and _indicator_rows(pages[-1]) == 1 and _indicator_rows(pages[-2]) > 2:
        # end the page before one indicator sooner, so that two share the last page
        before = pages[-2]
        last = max(i for i, row in enumerate(before) if row.ref)
        while last > 0 and not before[last - 1].ref:  # a heading goes with its row
            last -= 1
        keep = sum(row.height for row in before[:last]) + _EPSILON
        fewer = _filled(blocks, cols, room, {len(pages) - 2: keep})
        if len(fewer) == len(pages):
            pages = fewer
    return pages


_EPSILON = 0.005
"""Points of rounding a page's room allows: a limit set to the rows it keeps, and no more."""


def _indicator_rows(page: Sequence[Row]) -> int:
    return sum(1 for row in page if row.ref)


def _filled(blocks: Sequence[Block], cols: Sequence[TableColumn], room: Sequence[float],
            limits: Mapping[int, float]) -> list[list[Row]]:
    """``paginate``'s pages, greedily filled; ``limits``: a page's room where it is less."""
    pages: list[list[Row]] = [[]]
    used = 0.0

    def space() -> float:
        index = len(pages) - 1
        return limits.get(index, room[min(index, len(room) - 1)])

    def new_page() -> None:
        nonlocal used
        pages.append([])
        used = 0.0

    for block in blocks:
        if block.heading is not None:
            first = block.rows[0].height if block.rows else 0.0
            if pages[-1] and used + block.heading.height + first > space():
                new_page()
            pages[-1].append(block.heading)
            used += block.heading.height
        for index, row in enumerate(block.rows):
            # a section's last row never starts a page alone when the row before can go with
            # it: the page breaks a row sooner, while two of the section stay behind
            widow = index == len(block.rows) - 2 and index >= 2 and pages[-1] and \
                used + row.height <= space() < used + row.height + block.rows[-1].height
            if pages[-1] and (widow or used + row.height > space()):
                new_page()
                if block.section.title:
                    again = section_row(f"{block.section.title} (continued)", cols)
                    pages[-1].append(again)
                    used += again.height
            pages[-1].append(row)
            used += row.height
    return pages


def table_of(cols: Sequence[TableColumn], header: tuple[Row, Row], rows: Sequence[Row]) -> Table:
    trend = next((i for i, c in enumerate(cols) if c.key == "trend"), None)
    return Table(tuple(c.width for c in cols), (*header, *rows), len(header), trend)
