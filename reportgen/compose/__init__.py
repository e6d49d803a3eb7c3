"""The deck composer: the only code that touches python-pptx.

``compose_deck`` turns a report and its assessments into the bytes of a .pptx made from the
template's own layouts; writing them anywhere is the job of :mod:`reportgen.output`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from reportgen.compose.extras import (
    appendix_slides,
    cohort_slide,
    exception_slides,
    glance_slides,
)
from reportgen.compose.footer import add_footer
from reportgen.compose.kpi_table import kpi_slides
from reportgen.compose.notes import set_notes
from reportgen.compose.slides import narrative_slides, title_slide
from reportgen.compose.template import DEFAULT_TEMPLATE, open_template
from reportgen.findings import all_warnings
from reportgen.indicators import Assessment
from reportgen.model import KpiTable, Report

__all__ = ["DEFAULT_OPTIONS", "DEFAULT_TEMPLATE", "Composed", "DeckOptions", "compose_deck"]


@dataclass(frozen=True)
class Composed:
    data: bytes
    """The .pptx package as python-pptx saved it."""
    slide_titles: tuple[str, ...]


@dataclass(frozen=True)
class DeckOptions:
    exceptions: int = 12
    """Red indicators that get a slide of their own; the rest are listed on one slide."""
    appendix: bool = False
    """Add a data-quality slide listing every warning of ``reportgen check``."""


DEFAULT_OPTIONS = DeckOptions()


def compose_deck(report: Report, assessments: Sequence[Assessment],
                 template: Path = DEFAULT_TEMPLATE,
                 options: DeckOptions | None = None) -> Composed:
    options = options or DEFAULT_OPTIONS
    prs = open_template(template)
    set_notes(title_slide(prs, report.deck), _title_notes(report))
    for part in report.outline:
        if isinstance(part, KpiTable):
            glance_slides(prs, part, assessments)
            cohort_slide(prs, part, assessments)
            kpi_slides(prs, part, assessments)
            exception_slides(prs, part, assessments, options.exceptions)
        else:
            narrative_slides(prs, part)
    if options.appendix:
        appendix_slides(prs, report.kpis, all_warnings(report, assessments))
    _number_repeated_titles(prs)
    for number, slide in enumerate(prs.slides, start=1):
        if number > 1:  # the title slide carries the date itself
            add_footer(slide, report.deck.date_text, number)
    _set_properties(prs, report)
    buffer = BytesIO()
    prs.save(buffer)
    titles = tuple(slide.shapes.title.text_frame.text for slide in prs.slides)
    return Composed(buffer.getvalue(), titles)


def _number_repeated_titles(prs: Any) -> None:
    """Two sheets may give two slides the same title; screen-reader users find slides by
    title, so the second becomes "Title (2)"."""
    seen: Counter[str] = Counter()
    for slide in prs.slides:
        frame = slide.shapes.title.text_frame
        seen[frame.text] += 1
        if seen[frame.text] > 1:
            frame.paragraphs[-1].add_run().text = f" ({seen[frame.text]})"


def _title_notes(report: Report) -> list[str]:
    deck = report.deck
    people = "; ".join(f"{p.name}, {p.role}" if p.role else p.name for p in deck.presenters)
    period = report.kpis.period
    return [f"{deck.title}" + (f", {deck.date_text}" if deck.date_text else "") + ".",
            f"Presented by {people}." if people else "",
            f"Figures to the end of {period.name} {period.year}."]


def _set_properties(prs: Any, report: Report) -> None:
    """Core properties from the report alone, so the same workbook gives the same bytes."""
    period = report.kpis.period
    stamp = datetime(period.shifted(1).year, period.shifted(1).month, 1)
    props = prs.core_properties
    props.title = report.deck.title
    props.subject = f"KPIs for {period.name} {period.year}"
    props.author = props.last_modified_by = "reportgen"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = "en-GB"
    props.comments = ""
    props.keywords = ""
    props.category = ""
