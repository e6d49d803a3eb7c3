"""Sentences generated from the figures: the headline slide, exception notes, speaker notes.

Pure functions over the report and its assessments; compose decides where the words go.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.indicators import Assessment, Direction, Rag, bounds_of, format_value, summarise
from reportgen.model import Figure, Indicator, KpiTable, Month, Paragraph, TextRun, Unit


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def shown(figure: Figure | None, indicator: Indicator, unit: Unit | None = None) -> str:
    if figure is None:
        return "no value"
    return format_value(figure, unit or indicator.unit)


def month_label(month: Month) -> str:
    return f"{month.name} {month.year}"


def _text(text: str, level: int = 0, bold_lead: str = "") -> Paragraph:
    runs = (TextRun(bold_lead, bold=True), TextRun(text)) if bold_lead else (TextRun(text),)
    return Paragraph(runs, level)


def is_data_only(assessment: Assessment) -> bool:
    return bounds_of(assessment.indicator) is None


# A headline names at most this many indicators in a list; the table and the exception slides
# carry the rest, so that a very large workbook still gets a one- or two-slide headline.
GLANCE_LIST = 25


def _capped(items: list[Paragraph], noun: str) -> list[Paragraph]:
    if len(items) <= GLANCE_LIST:
        return items
    rest = len(items) - GLANCE_LIST
    return [*items[:GLANCE_LIST],
            _text(f"… and {plural(rest, 'more ' + noun)}: see the KPI table.", level=1)]


def glance(kpis: KpiTable, assessments: Sequence[Assessment]) -> tuple[Paragraph, ...]:
    """The "KPIs at a glance" bullets: counts, band moves, direction, and the reds by name."""
    summary = summarise(assessments)
    data_only = sum(1 for a in assessments if is_data_only(a))
    not_rated = summary.unrated - data_only
    previous = kpis.months[-2].name if len(kpis.months) > 1 else "the previous month"
    counts = (f"{plural(len(assessments), 'indicator')} for {month_label(kpis.period)}: "
              f"{summary.green} green, {summary.amber} amber, {summary.red} red and "
              f"{data_only} data only")
    counts += f"; {not_rated} not rated (no Current value)." if not_rated else "."
    paragraphs = [_text(counts)]
    moved = [(a.indicator, a.band_change) for a in assessments if a.band_change]
    if moved:
        paragraphs.append(_text(f"{plural(len(moved), 'indicator')} moved between RAG bands "
                                f"since {previous}:"))
        paragraphs.extend(_capped(
            [_text(f" {ind.measure}: {old.value} → {new.value}", level=1, bold_lead=ind.ref)
             for ind, (old, new) in moved], "indicator"))
    else:
        paragraphs.append(_text(f"No indicator moved between RAG bands since {previous}."))
    directions = [a.direction for a in assessments]
    improved = directions.count(Direction.IMPROVING)
    worsened = directions.count(Direction.WORSENING)
    same = directions.count(Direction.SAME)
    paragraphs.append(_text(f"Since {previous}, {improved} improved and {worsened} worsened"
                            + (f"; {same} held steady." if same else ".")))
    reds = [a for a in assessments if a.rag is Rag.RED]
    if reds:
        paragraphs.append(_text(f"Red ({len(reds)}):"))
        paragraphs.extend(_capped(
            [_text(f" {a.indicator.measure} ({shown(a.indicator.current, a.indicator)})",
                   level=1, bold_lead=a.indicator.ref) for a in reds], "red indicator"))
    else:
        paragraphs.append(_text("No indicator is red."))
    return tuple(paragraphs)


def target_phrase(assessment: Assessment) -> str:
    ind = assessment.indicator
    bounds = bounds_of(ind)
    if bounds is None:
        return "a data-only measure with no targets"
    better = "higher" if bounds.polarity.value == "higher" else "lower"
    low = shown(ind.target_min or ind.target_upper, ind)
    high = shown(ind.target_upper or ind.target_min, ind)
    targets = f"target {low}" if low == high else f"Min {low} and Upper {high}"
    return f"{targets}, {better} is better"


def direction_phrase(assessment: Assessment, months: Sequence[Month]) -> str:
    ind = assessment.indicator
    if assessment.direction is None or len(months) < 2:
        return "no direction of travel"
    before, after = ind.trend[-2], ind.trend[-1]
    return (f"{assessment.direction.value} from {shown(before, ind)} in {months[-2].short} "
            f"to {shown(after, ind)} in {months[-1].short}")


def describe(assessment: Assessment, months: Sequence[Month], previous_label: str) -> str:
    """One indicator in a sentence, for speaker notes."""
    ind = assessment.indicator
    status = f"rated {assessment.rag.value}" if assessment.rag else "not rated"
    parts = [f"{ind.ref}, {ind.measure}: {shown(ind.current, ind)}"
             + (f" ({ind.period_type})" if ind.period_type else "") + f", {status}",
             target_phrase(assessment), direction_phrase(assessment, months)]
    if ind.numerator is not None and ind.denominator is not None:
        parts.append(f"{shown(ind.numerator, ind, Unit.COUNT)} of "
                     f"{shown(ind.denominator, ind, Unit.COUNT)}")
    if ind.previous_year is not None:
        parts.append(f"{previous_label or 'last year'} outturn {shown(ind.previous_year, ind)}")
    return "; ".join(parts) + "."


def exception_points(assessment: Assessment, kpis: KpiTable) -> tuple[Paragraph, ...]:
    """The text beside a red indicator's chart."""
    ind = assessment.indicator
    points = [
        _text(f" {shown(ind.current, ind)}" + (f" ({ind.period_type})" if ind.period_type
                                               else "") + ": red", bold_lead="Current:"),
        _text(f" {target_phrase(assessment)}", bold_lead="Targets:"),
        _text(f" {direction_phrase(assessment, kpis.months)}", bold_lead="Direction:"),
    ]
    if ind.numerator is not None and ind.denominator is not None:
        points.append(_text(f" {shown(ind.numerator, ind, Unit.COUNT)} / "
                            f"{shown(ind.denominator, ind, Unit.COUNT)}", bold_lead="Num/Denom:"))
    label = kpis.previous_year_label or "Last year"
    points.append(_text(f" {shown(ind.previous_year, ind)}", bold_lead=f"{label}:"))
    if ind.commentary:  # no commentary, no line: tool text would read as "officers have none"
        points.append(_text(f" {ind.commentary}", bold_lead="Commentary:"))
    return tuple(points)


def trend_summary(indicator: Indicator, months: Sequence[Month]) -> str:
    values = [f"{m.short} {shown(f, indicator)}" for m, f in zip(months, indicator.trend,
                                                                 strict=False)]
    return f"{indicator.ref} {indicator.measure}: " + ", ".join(values) + "."
