"""Exception slides: one per red, most serious first, each saying what it would take.

Reds are ranked by how far Current falls short of Min, relative to Min (``Assessment.
shortfall``). Each slide's title carries the message (the figure, the target it misses and the
direction since last month); the chart labels its target lines and its latest point; the text
beside it gives the workbook's commentary when there is one and says nothing of it otherwise.
Reds past the cap are listed after the narrative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportgen.indicators import Assessment, Rag
from reportgen.model import KpiTable, Paragraph, TextRun
from reportgen.plan.charts import exception_chart
from reportgen.plan.compare import comparator_label, gap_words
from reportgen.plan.layout import (
    CELL_MARGIN_X,
    INSET_X,
    MAX_MEASURE_LINES,
    TABLE_FONT,
    Box,
    Geometry,
    Role,
)
from reportgen.plan.measure import fitting_words, shorten_to_lines
from reportgen.plan.notes import exception_notes
from reportgen.plan.paging import continued, paragraph_height, text, text_height
from reportgen.plan.palette import INK, NAVY, RAG_SWATCH, WHITE
from reportgen.plan.slides import Align, Cell, ChartSlide, Row, Table, TableSlide
from reportgen.plan.table import current_cell, row_height
from reportgen.plan.words import (
    MISSING,
    change_words,
    current_is_latest,
    figure,
    monthly_words,
    needed_words,
    plural,
    previous_month,
    short_of,
    spc_words,
    target_words,
    targets_line,
)
from reportgen.spc import Variation


def title(assessment: Assessment, kpis: KpiTable) -> str:
    """``3.1: 89.0% against a 90% minimum, better by 2.5 points since January``. The change is
    said beside Current only where Current is the latest month's figure, so that it is worked
    out from the figure the title shows; otherwise the side text gives it with both months."""
    words = change_words(assessment) if current_is_latest(assessment) else ""
    since = f", {words} since {previous_month(kpis)}" if words else ""
    spc = assessment.spc
    if since and spc is not None and spc.variation is not None:
        # a month's change read with the whole series, so the title and SPC say one thing
        since += " (within normal variation)" if spc.variation is Variation.COMMON else \
            " (beyond normal variation)"
    return f"{assessment.indicator.ref}: {short_of(assessment)}{since}"


def points(assessment: Assessment, kpis: KpiTable, geometry: Geometry) -> tuple[
        tuple[Paragraph, ...], str, tuple[str, ...]]:
    """The text beside the chart, the commentary in full when the slide had to shorten it, and
    the lines the box had no room for (the notes give them: nothing is dropped unsaid).

    The officers' commentary comes right after the figure it explains; where the box is too
    small, the lines a member can find elsewhere (last year, the change, which the title gives)
    go first, and only then is the commentary shortened (the notes keep it whole)."""
    ind = assessment.indicator
    period = f" ({ind.period_type})" if ind.period_type else ""
    lines = [Paragraph((TextRun(ind.measure, bold=True),)),
             text(f" {figure(ind.current, ind)}{period}, red", lead="Current:")]
    commentary_at = len(lines)
    lines.append(text(f" {targets_line(assessment)}",
                      lead="Target:" if assessment.bounds and assessment.bounds.single
                      else "Targets:"))
    if needed := needed_words(assessment, ending=""):
        lines.append(text(f" {needed}", lead="To meet it:"))
    if assessment.spc is not None:
        lines.append(text(f" {spc_words(assessment.spc, _ceiling(assessment))}",
                          lead=f"SPC ({assessment.spc.points} months):"))
    optional = []
    if not current_is_latest(assessment) and (monthly := monthly_words(assessment, kpis.months)):
        optional.append(text(f" {monthly}", lead="Monthly figures:"))
    elif words := change_words(assessment):
        optional.append(text(f" {words}", lead=f"Since {previous_month(kpis)}:"))
    if ind.previous_year is not None:
        label = kpis.previous_year_label or "Last year"
        optional.append(text(f" {figure(ind.previous_year, ind)}", lead=f"{label}:"))
    optional.extend(text(f" {figure(item.comparator.value, ind)}, {gap_words(item, assessment)}",
                         lead=f"{comparator_label(item)}:") for item in assessment.comparisons)
    box, style = geometry.side_text, geometry.side_style
    commentary = ind.commentary.strip()
    dropped: list[str] = []
    while optional and text_height([*lines, *optional, *_said(commentary)], box, style) \
            > box.height:
        dropped.insert(0, optional.pop().text)  # comparators first, then last year, the change
    lines += optional
    if not commentary:  # no commentary, no line: tool text reads as "officers have none"
        return tuple(lines), "", tuple(dropped)
    room = box.height - text_height(lines, box, style)
    shown = _fitted(commentary, room, box, geometry)
    if shown:
        lines.insert(commentary_at, _said(shown)[0])
    return tuple(lines), "" if shown == commentary else commentary, tuple(dropped)


SIDE_SCALES = (1.0, 0.9, 0.8)
"""How far the text beside a chart may shrink before a line of it is left to the notes."""
SMALLEST_SIDE_TEXT = 10.0
"""Never below this, in points: the side text is read from across a committee room."""


def _fitted_points(assessment: Assessment, kpis: KpiTable, geometry: Geometry) -> tuple[
        tuple[Paragraph, ...], str, tuple[str, ...], tuple[float, ...] | None]:
    """``points`` at the template's size, or up to a fifth smaller where that keeps every line
    and the whole commentary; else at the smallest size tried, what does not fit going to the
    notes. The sizes are None at the template's own."""
    style = geometry.side_style
    tried = [scale for scale in SIDE_SCALES[1:] if style.sizes[0] * scale >= SMALLEST_SIDE_TEXT]
    paragraphs, cut, dropped = points(assessment, kpis, geometry)
    sizes = None
    for scale in tried:
        if not (cut or dropped):
            break
        scaled = replace(geometry, side=style.scaled(scale))
        paragraphs, cut, dropped = points(assessment, kpis, scaled)
        sizes = scaled.side_style.sizes
    return paragraphs, cut, dropped, sizes


def _ceiling(assessment: Assessment) -> bool:
    return assessment.bounds is not None and assessment.bounds.ceiling


def _said(commentary: str) -> list[Paragraph]:
    return [text(f" {commentary}", lead="Commentary:")] if commentary else []


def _fitted(commentary: str, room: float, box: Box, geometry: Geometry) -> str:
    """The commentary as it is, or as many of its words as fit ``room`` ending "…"; empty
    when not even a line fits."""
    width, style = box.width - 2 * INSET_X, geometry.side_style

    def fits(words: str) -> bool:
        return paragraph_height(_said(words)[0], width, style) <= room

    if fits(commentary):
        return commentary
    words = commentary.split()
    low = fitting_words(words, fits)
    return " ".join(words[:low]) + "…" if low else ""


def exception_slides(kpis: KpiTable, reds: Sequence[Assessment],
                     geometry: Geometry) -> list[ChartSlide]:
    slides = []
    for rank, assessment in enumerate(reds, start=1):
        paragraphs, cut, dropped, sizes = _fitted_points(assessment, kpis, geometry)
        notes = exception_notes(assessment, kpis, rank, len(reds))
        if cut:
            notes = (*notes, f"Commentary in full: {cut}")
        if dropped:
            notes = (*notes, f"Not on the slide for want of room: {'; '.join(dropped)}.")
        slides.append(ChartSlide(
            title=title(assessment, kpis),
            charts=(exception_chart(assessment, kpis.months, geometry.side_chart),),
            notes=notes, paragraphs=paragraphs, role=Role.CHART_AND_TEXT, sizes=sizes))
    return slides


OTHER_REDS = "Other red indicators"
# The list's columns: key, header, width in points (the measure takes the rest), alignment.
_LIST_COLUMNS = (("ref", "Ref", 40.0, Align.LEFT), ("measure", "Performance Measure", 0.0,
                                                     Align.LEFT),
                 ("current", "Current", 64.0, Align.RIGHT), ("target", "Target", 110.0,
                                                             Align.RIGHT),
                 ("since", "Since last month", 130.0, Align.RIGHT),
                 ("needed", "To meet it", 190.0, Align.LEFT))


def other_red_slides(kpis: KpiTable, reds: Sequence[Assessment],
                     geometry: Geometry) -> list[TableSlide]:
    """The reds past the cap as a table, most serious first: one row each, so that a long list
    stays a few slides, not dozens of bullets."""
    area = geometry.table
    # A column no row fills (no red has Num/Denom) is left out, not filled with dashes.
    columns = [c for c in _LIST_COLUMNS
               if c[0] != "needed" or any(needed_words(a) for a in reds)]
    fixed = sum(width for _, _, width, _ in columns)
    widths = tuple(width or area.width - fixed for _, _, width, _ in columns)
    since = f"Since {previous_month(kpis)}"
    header_cells = tuple(Cell(since if key == "since" else head, NAVY, WHITE, bold=True,
                              align=align) for key, head, _, align in columns)
    header = Row(header_cells, row_height([c.text for c in header_cells],
                                          [w - 2 * CELL_MARGIN_X for w in widths], bold=True))
    rows = [_red_row(a, columns, widths) for a in reds]
    pages: list[list[Row]] = [[]]
    used = header.height
    for row in rows:
        if pages[-1] and used + row.height > area.height - 18.0:  # room for the key
            pages.append([])
            used = header.height
        pages[-1].append(row)
        used += row.height
    slides = []
    for number, page in enumerate(pages):
        table = Table(widths, (header, *page), 1, None)
        title = continued(OTHER_REDS, number)
        refs = ", ".join(row.ref for row in page)
        slides.append(TableSlide(
            title=title, table=table, box=Box(area.left, area.top, area.width, table.height),
            captions=(),
            alt_text=f"{title}: table of {plural(len(page), 'red indicator')}, the furthest "
                     f"from target first: {refs}.",
            notes=(f"For reference: {len(page)} more reds, in order of distance from target; "
                   "the most serious have slides of their own.",)))
    return slides


def _red_row(assessment: Assessment, columns: Sequence[tuple[str, str, float, Align]],
             widths: Sequence[float]) -> Row:
    ind = assessment.indicator
    swatch = RAG_SWATCH[Rag.RED]
    since = change_words(assessment)
    values = {"ref": ind.ref, "measure": ind.measure,
              "current": current_cell(assessment),
              "target": target_words(assessment).removeprefix("a ").removeprefix("an "),
              "since": since or MISSING, "needed": needed_words(assessment) or MISSING}
    cells = []
    for (key, _, _, align), width in zip(columns, widths, strict=True):
        text = values[key]
        if key == "measure":
            text = shorten_to_lines(text, width - 2 * CELL_MARGIN_X, TABLE_FONT,
                                    MAX_MEASURE_LINES)
        cell = Cell(text, WHITE, INK, align=align)
        if key == "current":
            cell = Cell(text, swatch.fill, swatch.text, bold=True, align=align)
        cells.append(cell)
    height = row_height([c.text for c in cells], [w - 2 * CELL_MARGIN_X for w in widths])
    return Row(tuple(cells), height, ind.ref)
