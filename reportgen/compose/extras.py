"""The slides the hand-made deck never had: KPIs at a glance, cohorts, red exceptions, and the
data-quality appendix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from reportgen.charts import trend_alt_text
from reportgen.compose.charts import cohort_chart, exception_chart, set_alt_text
from reportgen.compose.notes import set_notes
from reportgen.compose.slides import narrative_slides
from reportgen.compose.template import Layout, layout_of, placeholder
from reportgen.compose.text import fill_text_frame
from reportgen.indicators import Assessment, Rag
from reportgen.model import Indicator, KpiTable, Narrative, Paragraph, TextRun, Unit
from reportgen.narration import (
    describe,
    exception_points,
    glance,
    is_data_only,
    month_label,
    shown,
    trend_summary,
)

MAX_COHORT_SERIES = 8
LONG_TITLE = 55


def glance_slides(prs: Any, kpis: KpiTable, assessments: Sequence[Assessment]) -> list[Any]:
    return narrative_slides(prs, Narrative("", "KPIs at a glance", glance(kpis, assessments)))


def cohort_indicators(kpis: KpiTable, assessments: Sequence[Assessment]) -> list[Indicator]:
    """The count measures of the first section made only of data-only counts (the seed's
    "Cohorts"), at most eight."""
    data_only = {a.indicator.ref for a in assessments if is_data_only(a)}
    for section in kpis.sections:
        items = section.indicators
        if items and all(i.ref in data_only and i.unit is Unit.COUNT for i in items):
            # A count with no monthly figures has no line to draw (and no axis to scale).
            return [i for i in items if any(f is not None for f in i.trend)][:MAX_COHORT_SERIES]
    return []


def cohort_slide(prs: Any, kpis: KpiTable, assessments: Sequence[Assessment]) -> list[Any]:
    cohort = cohort_indicators(kpis, assessments)
    if not cohort:
        return []
    section = cohort[0].section or "Cohorts"
    slide = prs.slides.add_slide(layout_of(prs, Layout.CHART))
    span = f"{kpis.months[0].short}–{kpis.months[-1].short}"
    placeholder(slide, PP_PLACEHOLDER.TITLE).text_frame.text = f"{section}: {span}"
    frame = cohort_chart(placeholder(slide, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.OBJECT),
                         kpis.months, cohort)
    moves = "; ".join(
        f"{i.ref} {i.measure} {shown(_first(i), i)} → {shown(_last(i), i)}" for i in cohort)
    set_alt_text(frame, f"Line chart of {section.lower()} over {span}: {moves}")
    set_notes(slide, [trend_summary(i, kpis.months) for i in cohort])
    return [slide]


def _first(indicator: Indicator) -> Any:
    return next((f for f in indicator.trend if f is not None), None)


def _last(indicator: Indicator) -> Any:
    return next((f for f in reversed(indicator.trend) if f is not None), None)


def exception_slides(prs: Any, kpis: KpiTable, assessments: Sequence[Assessment],
                     limit: int) -> list[Any]:
    reds = [a for a in assessments if a.rag is Rag.RED]
    slides = [_exception_slide(prs, kpis, a) for a in reds[:limit]]
    if len(reds) > limit:
        slides.extend(_other_reds(prs, kpis, reds[limit:]))
    return slides


def _exception_slide(prs: Any, kpis: KpiTable, assessment: Assessment) -> Any:
    ind = assessment.indicator
    slide = prs.slides.add_slide(layout_of(prs, Layout.CHART_AND_TEXT))
    title = placeholder(slide, PP_PLACEHOLDER.TITLE).text_frame
    title.text = f"{ind.ref}: {ind.measure}"
    if len(title.text) > LONG_TITLE:
        for run in title.paragraphs[0].runs:
            run.font.size = Pt(22)
    frame = exception_chart(placeholder(slide, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.OBJECT),
                            kpis.months, assessment)
    set_alt_text(frame, f"Line chart of {trend_alt_text(assessment, kpis.months)}, against "
                        "its Min and Upper targets")
    body = placeholder(slide, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
    fill_text_frame(body.text_frame, exception_points(assessment, kpis))
    set_notes(slide, [describe(assessment, kpis.months, kpis.previous_year_label),
                      f"Commentary: {ind.commentary}" if ind.commentary else ""])
    return slide


def _other_reds(prs: Any, kpis: KpiTable, reds: Sequence[Assessment]) -> list[Any]:
    paragraphs = tuple(
        Paragraph((TextRun(a.indicator.ref, bold=True),
                   TextRun(f" {a.indicator.measure}: {shown(a.indicator.current, a.indicator)} "
                           f"({a.direction.value if a.direction else 'no direction of travel'})")))
        for a in reds)
    by_ref = {a.indicator.ref: a for a in reds}

    def notes(page: Sequence[Paragraph]) -> list[str]:
        return [describe(by_ref[p.runs[0].text], kpis.months, kpis.previous_year_label)
                for p in page]

    return narrative_slides(prs, Narrative("", "Other red indicators", paragraphs), notes)


def appendix_slides(prs: Any, kpis: KpiTable, warnings: Sequence[str]) -> list[Any]:
    lines = warnings or ["No data-quality warnings."]
    paragraphs = tuple(Paragraph((TextRun(w),)) for w in lines)
    title = f"Data quality: {month_label(kpis.period)}"
    return narrative_slides(prs, Narrative("", title, paragraphs),
                            lambda page: [f"{len(warnings)} warnings from reportgen check; "
                                          f"{len(page)} on this slide."])

