"""The deck composer: the only code that touches python-pptx.

``compose_deck`` turns a report and its assessments into the bytes of a .pptx made from the
template's own layouts; writing them anywhere is the job of :mod:`reportgen.output`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from reportgen.compose.footer import add_footer
from reportgen.compose.kpi_table import kpi_slides
from reportgen.compose.slides import narrative_slides, title_slide
from reportgen.compose.template import DEFAULT_TEMPLATE, open_template
from reportgen.indicators import Assessment
from reportgen.model import KpiTable, Report

__all__ = ["DEFAULT_TEMPLATE", "Composed", "compose_deck"]


@dataclass(frozen=True)
class Composed:
    data: bytes
    """The .pptx package as python-pptx saved it."""
    slide_titles: tuple[str, ...]


def compose_deck(report: Report, assessments: Sequence[Assessment],
                 template: Path = DEFAULT_TEMPLATE) -> Composed:
    prs = open_template(template)
    title_slide(prs, report.deck)
    for part in report.outline:
        if isinstance(part, KpiTable):
            kpi_slides(prs, part, assessments)
        else:
            narrative_slides(prs, part)
    for number, slide in enumerate(prs.slides, start=1):
        if number > 1:  # the title slide carries the date itself
            add_footer(slide, report.deck.date_text, number)
    _set_properties(prs, report)
    buffer = BytesIO()
    prs.save(buffer)
    titles = tuple(slide.shapes.title.text_frame.text for slide in prs.slides)
    return Composed(buffer.getvalue(), titles)


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
