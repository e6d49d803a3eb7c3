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
from reportgen.compose.fit import EMU_PER_PT, shorten_to_lines
from reportgen.compose.footer import add_footer
from reportgen.compose.kpi_table import kpi_slides
from reportgen.compose.notes import add_note, set_notes
from reportgen.compose.proofs import deck_proof
from reportgen.compose.slides import narrative_slides, title_slide
from reportgen.compose.template import DEFAULT_TEMPLATE, open_template, title_size_pt
from reportgen.findings import all_warnings
from reportgen.indicators import Assessment
from reportgen.model import KpiTable, Report
from reportgen.proof import DeckProof

__all__ = ["DEFAULT_OPTIONS", "DEFAULT_TEMPLATE", "Composed", "DeckOptions", "compose_deck"]


@dataclass(frozen=True)
class Composed:
    data: bytes
    """The .pptx package as python-pptx saved it."""
    slide_titles: tuple[str, ...]
    proof: DeckProof
    """What each slide must show once rendered, for the PDF export to check."""


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
    _fit_titles(prs)
    _number_repeated_titles(prs)
    for number, slide in enumerate(prs.slides, start=1):
        if number > 1:  # the title slide carries the date itself
            add_footer(slide, report.deck.date_text, number)
    _set_properties(prs, report)
    buffer = BytesIO()
    prs.save(buffer)
    titles = tuple(slide.shapes.title.text_frame.text for slide in prs.slides)
    return Composed(buffer.getvalue(), titles, deck_proof(prs))


TITLE_INSETS_PT = 14.4
"""A text box's default left and right insets (0.1 inch each)."""
TITLE_LINES = 2
"""A slide title longer than this many lines is shortened; the notes give it in full."""


def _fit_titles(prs: Any) -> None:
    """No title may run into the slide's content: one too long for its placeholder (a long
    sheet title or deck title) is shortened on the slide and given whole in the notes."""
    for slide in prs.slides:
        title = slide.shapes.title
        text = title.text_frame.text
        width_pt = title.width / EMU_PER_PT - TITLE_INSETS_PT
        size = title_size_pt(title)
        short = shorten_to_lines(text, width_pt, size, TITLE_LINES, bold=True)
        if short != text:
            title.text_frame.text = short
            add_note(slide, f"Full title: {text}")


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


CORE_PROPERTY_LIMIT = 255
"""Characters a core property may hold (python-pptx enforces Office's limit)."""


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _set_properties(prs: Any, report: Report) -> None:
    """Core properties from the report alone, so the same workbook gives the same bytes."""
    period = report.kpis.period
    stamp = datetime(period.shifted(1).year, period.shifted(1).month, 1)
    props = prs.core_properties
    props.title = _clipped(report.deck.title, CORE_PROPERTY_LIMIT)
    props.subject = _clipped(f"KPIs for {period.name} {period.year}", CORE_PROPERTY_LIMIT)
    props.author = props.last_modified_by = "reportgen"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = "en-GB"
    props.comments = ""
    props.keywords = ""
    props.category = ""
