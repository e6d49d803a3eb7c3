"""Exception slides: one per red, most serious first, each saying what it would take.

Reds are ranked by how far Current falls short of Min, relative to Min (``Assessment.
shortfall``). Each slide's title carries the message (the figure, the target it misses and the
direction since last month); the chart labels its target lines and its latest point; the text
beside it gives the workbook's commentary when there is one and says nothing of it otherwise.
Reds past the cap are listed after the narrative.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.indicators import Assessment, Rag
from reportgen.model import KpiTable, Paragraph, TextRun
from reportgen.plan.charts import exception_chart
from reportgen.plan.glance import previous_month
from reportgen.plan.layout import INSET_X, Geometry, Role
from reportgen.plan.measure import line_height_pt, shorten_to_lines
from reportgen.plan.notes import exception_notes
from reportgen.plan.paging import text, text_height
from reportgen.plan.slides import ChartSlide
from reportgen.plan.words import (
    change_words,
    figure,
    needed_words,
    short_of,
    targets_line,
)


def ranked_reds(assessments: Sequence[Assessment]) -> list[Assessment]:
    """Reds, the furthest short of Min (relative to Min) first; ties in workbook order."""
    reds = [a for a in assessments if a.rag is Rag.RED]
    return sorted(reds, key=lambda a: -(a.shortfall or 0.0))


def title(assessment: Assessment, kpis: KpiTable) -> str:
    """``3.1: 89.0% against a 90% minimum, up 2.5 points since January``."""
    words = change_words(assessment)
    since = f", {words} since {previous_month(kpis)}" if words else ""
    return f"{assessment.indicator.ref}: {short_of(assessment)}{since}"


def points(assessment: Assessment, kpis: KpiTable, geometry: Geometry) -> tuple[
        tuple[Paragraph, ...], str]:
    """The text beside the chart, and the commentary in full when the slide had to shorten it."""
    ind = assessment.indicator
    period = f" ({ind.period_type})" if ind.period_type else ""
    lines = [Paragraph((TextRun(ind.measure, bold=True),)),
             text(f" {figure(ind.current, ind)}{period}, red", lead="Current:"),
             text(f" {targets_line(assessment)}",
                  lead="Target:" if assessment.bounds and assessment.bounds.single
                  else "Targets:")]
    if needed := needed_words(assessment):
        lines.append(text(f" {needed}", lead="To meet it:"))
    if words := change_words(assessment):
        lines.append(text(f" {words}", lead=f"Since {previous_month(kpis)}:"))
    if ind.previous_year is not None:
        label = kpis.previous_year_label or "Last year"
        lines.append(text(f" {figure(ind.previous_year, ind)}", lead=f"{label}:"))
    if not ind.commentary:  # no commentary, no line: tool text reads as "officers have none"
        return tuple(lines), ""
    box = geometry.side_text
    room = box.height - text_height(lines, box, geometry.text)
    size = geometry.text.sizes[0]
    rows = max(1, int(room // (line_height_pt(size) * 1.05)) - 1)
    words_width = box.width - 2 * INSET_X - geometry.text.indents[0]
    shown = shorten_to_lines(f"Commentary: {ind.commentary}", words_width, size, rows)
    lines.append(text(f" {shown.removeprefix('Commentary: ')}", lead="Commentary:"))
    cut = ind.commentary if shown != f"Commentary: {ind.commentary}" else ""
    return tuple(lines), cut


def exception_slides(kpis: KpiTable, reds: Sequence[Assessment],
                     geometry: Geometry) -> list[ChartSlide]:
    slides = []
    for rank, assessment in enumerate(reds, start=1):
        paragraphs, cut = points(assessment, kpis, geometry)
        notes = exception_notes(assessment, kpis, rank, len(reds))
        if cut:
            notes = (*notes, f"Commentary in full: {cut}")
        slides.append(ChartSlide(
            title=title(assessment, kpis),
            charts=(exception_chart(assessment, kpis.months, geometry.side_chart),),
            notes=notes, paragraphs=paragraphs, role=Role.CHART_AND_TEXT))
    return slides


def other_reds(reds: Sequence[Assessment]) -> tuple[Paragraph, ...]:
    """The reds past the cap, one line each, for a list after the narrative."""
    return tuple(
        text(f" {a.indicator.measure}: {short_of(a)}"
             + (f"; {needed}" if (needed := needed_words(a)) else ""), lead=a.indicator.ref)
        for a in reds)

