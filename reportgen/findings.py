"""What `reportgen check` reports: the JSON document (design.md §4) and the text for people."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportgen.errors import Place
from reportgen.indicators import Assessment, Comparison, Rag, Summary, summarise
from reportgen.model import Figure, Indicator, KpiTable, Notice, Report, Targets, format_value
from reportgen.past import Restatement, months_between
from reportgen.spc import Spc


def _number(figure: Figure | None) -> float | int | None:
    if figure is None:
        return None
    return int(figure.value) if figure.decimals == 0 and figure.value.is_integer() else figure.value


def all_notices(report: Report, assessments: Sequence[Assessment]) -> list[Notice]:
    """Every warning, as values: the workbook's own, then each indicator's in table order."""
    return [*report.warnings, *_stale(report, assessments),
            *(w for a in assessments for w in a.warnings)]


def _stale(report: Report, assessments: Sequence[Assessment]) -> list[Notice]:
    """One warning when the history's last pack is too old to compare with (design.md §3)."""
    found = next((a for a in assessments if a.stale_pack is not None), None)
    if found is None or found.stale_pack is None or not found.series:
        return []
    stale = found.stale_pack
    gap = months_between(stale, found.series[-1][0])
    return [Notice(f"the history store's last pack is {stale.long}, {gap} months before this "
                   "one: no band moves are claimed since it (the limit is [rules] "
                   "stale_after_months in reportgen.toml)", Place(report.source))]


def all_warnings(report: Report, assessments: Sequence[Assessment]) -> list[str]:
    """Every warning as the line ``check`` prints and its JSON lists."""
    return [str(notice) for notice in all_notices(report, assessments)]


def check_document(report: Report, assessments: tuple[Assessment, ...],
                   hidden: Sequence[Indicator] = (), config: Path | None = None) -> dict[str, Any]:
    """The JSON of ``check``. Its indicators, warnings and counts are the deck's: a measure
    reportgen.toml hides is not among them, and ``hidden`` names it, so that nothing leaves
    the report unsaid."""
    kpis = report.kpis
    summary = summarise(assessments)
    return {
        "file": report.source,
        "config": str(config) if config is not None else None,
        "title": report.deck.title,
        "period": kpis.period.iso,
        "months": [month.iso for month in kpis.months],
        "tables": [_table(table) for table in report.tables],
        "indicators": [_indicator(a) for a in assessments],
        "hidden": [{"ref": i.ref, "measure": i.measure} for i in hidden],
        "warnings": all_warnings(report, assessments),
        "summary": {"red": summary.red, "amber": summary.amber, "green": summary.green,
                    "unrated": summary.unrated, "total": summary.total},
    }


def json_safe(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every NaN or infinity made null, each with a warning (in the
    indicator's own warnings and in the document's): JSON has no such numbers, and a reader
    must not get ``NaN`` where it expects a figure. The last line of defence: ingestion should
    have kept them out, and this covers any field added later too."""
    notes: list[str] = []
    months = document.get("months")
    clean = _finite(document, "", notes, months if isinstance(months, list) else [])
    if notes:
        clean["warnings"] = [*clean.get("warnings", []), *notes]
    return dict(clean)


def _finite(value: Any, where: str, notes: list[str], months: list[Any]) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        notes.append(f"{where}: {value} is not a finite number; written as null in the JSON")
        return None
    if isinstance(value, dict):
        ref = value.get("ref")
        own: list[str] = []
        clean = {key: _finite(item, f"{ref}: {key}" if ref is not None else
                              f"{where}.{key}".lstrip("."), own, months)
                 for key, item in value.items()}
        if ref is not None and own and isinstance(clean.get("warnings"), list):
            clean["warnings"] = [*clean["warnings"], *own]
        notes.extend(own)
        return clean
    if isinstance(value, list | tuple):
        return [_finite(item, f"{where} {months[i]}" if where.endswith(": trend")
                        and i < len(months) else f"{where}[{i}]", notes, months)
                for i, item in enumerate(value)]
    return value


def _indicator(assessment: Assessment) -> dict[str, Any]:
    ind = assessment.indicator
    return {
        "ref": ind.ref,
        "section": ind.section,
        "measure": ind.measure,
        "unit": ind.unit.value,
        "previous_year": _number(ind.previous_year),
        "numerator": _number(ind.numerator),
        "denominator": _number(ind.denominator),
        "current": _number(ind.current),
        "period_type": ind.period_type,
        "trend": [_number(f) for f in ind.trend],
        "target_min": _number(ind.target_min),
        "target_upper": _number(ind.target_upper),
        "polarity": assessment.polarity.value if assessment.polarity else None,
        "rag": assessment.rag.value if assessment.rag else None,
        "direction": assessment.direction.value if assessment.direction else None,
        "band_change": [r.value for r in assessment.band_change] if assessment.band_change
        else None,
        "warnings": [str(notice) for notice in assessment.warnings],
        "display": format_value(ind.current, ind.unit) if ind.current is not None else None,
        "rag_last_month": assessment.rag_last_month.value if assessment.rag_last_month
        else None,
        "last_pack": assessment.last_pack.iso if assessment.last_pack else None,
        "band_move": "→".join(r.value for r in assessment.band_change)
        if assessment.band_change else None,
        "restatements": [_restatement(item) for item in assessment.restatements],
        "spc": _spc(assessment.spc),
        "comparators": [_comparison(item) for item in assessment.comparisons],
        "rag_model": assessment.rag_model.value,
        "target": _target(assessment),
        "target_text": ind.targets.target.text or None
        if ind.targets and ind.targets.target else None,
        "floor": _number(ind.targets.floor) if ind.targets else None,
        "tolerance": _tolerance(ind.targets) if ind.targets else None,
        "council_rag": ind.council_rag,
        "council_direction": ind.council_direction,
    }


def _target(assessment: Assessment) -> float | None:
    """The target as rated: a benchmark's figure where the target names a benchmark (the row
    holds no figure of its own for it)."""
    targets, bounds = assessment.indicator.targets, assessment.bounds
    if targets is None or targets.target is None:
        return None
    if targets.benchmark:
        return bounds.upper_figure.value if bounds is not None else None
    return _number(targets.target.figure)


def _tolerance(targets: Targets) -> str | None:
    """As it was written: ``±10%`` of the target, or a figure in the row's unit."""
    if targets.tolerance is None:
        return None
    shown = f"{targets.tolerance.value:g}"
    return f"±{shown}%" if targets.relative else shown


def _table(table: KpiTable) -> dict[str, Any]:
    """How one scorecard was read: its title, period and each header's role."""
    return {"sheet": table.sheet, "title": table.title, "period": table.period.iso,
            "months": [month.iso for month in table.months],
            "indicators": len(table.indicators),
            "columns": [{"cell": h.cell, "header": h.text, "role": h.role or None}
                        for h in table.headers]}


def reading_lines(report: Report, assessments: Sequence[Assessment]) -> list[str]:
    """``check``'s account of how it read each table: every header and its role, and which
    RAG model rates which indicators, so that a team can see (and map) what was taken."""
    lines = []
    for table in report.tables:
        lines.append(f"Read {table.sheet!r}: {table.title} ({len(table.indicators)} "
                     f"indicators, {table.months[0].short} – {table.period.short})")
        lines.extend(f"  {h.cell} {h.text!r} → {h.role or '(not read)'}"
                     for h in table.headers)
    models: dict[str, list[str]] = {}
    for assessment in assessments:
        models.setdefault(assessment.rag_model.value, []).append(assessment.indicator.ref)
    lines.append("RAG models: " + "; ".join(f"{model} ({', '.join(refs)})"
                                            for model, refs in models.items()))
    return lines


def _comparison(item: Comparison) -> dict[str, Any]:
    return {"name": item.comparator.name, "year": item.comparator.year or None,
            "value": _number(item.comparator.value),
            "position": item.position.value if item.position else None, "gap": item.gap}


def _restatement(item: Restatement) -> dict[str, Any]:
    return {"month": item.month.iso, "was": _number(item.was), "now": _number(item.now),
            "reported_in": item.reported_in}


def _spc(spc: Spc | None) -> dict[str, Any] | None:
    if spc is None:
        return None
    return {"points": spc.points, "mean": spc.mean, "lower": spc.lower, "upper": spc.upper,
            "variation": spc.variation.value if spc.variation else None,
            "assurance_min": spc.assurance_min.value if spc.assurance_min else None,
            "assurance_upper": spc.assurance_upper.value if spc.assurance_upper else None}


def rag_line(summary: Summary) -> str:
    return (f"{summary.red} red, {summary.amber} amber, {summary.green} green, "
            f"{summary.unrated} unrated")


def check_text(report: Report, assessments: tuple[Assessment, ...],
               hidden: Sequence[Indicator] = (), config: Path | None = None) -> str:
    kpis = report.kpis
    period = kpis.period
    lines = [
        f"{report.source}: {report.deck.title}",
        *([f"settings: {config}"] if config is not None else []),
        f"{len(assessments)} indicators in "
        f"{sum(len(table.sections) for table in report.tables)} sections, "
        f"{period.long} ({kpis.months[0].short} – {period.short})",
        *([f"Hidden by {config or 'the settings'} (on no slide, in no count): "
           + ", ".join(i.ref for i in hidden)] if hidden else []),
        f"RAG: {rag_line(summarise(assessments))}",
    ]
    reds = [a for a in assessments if a.rag is Rag.RED]
    if reds:
        lines.append("Red: " + "; ".join(
            f"{a.indicator.ref} {_current(a)}" for a in reds))
    lines.extend(reading_lines(report, assessments))
    warnings = all_warnings(report, assessments)
    lines.append(f"Warnings ({len(warnings)}):" if warnings else "No warnings.")
    lines.extend(f"  {w}" for w in warnings)
    return "\n".join(lines)


def _current(assessment: Assessment) -> str:
    current = assessment.indicator.current
    return format_value(current, assessment.indicator.unit) if current else "(no value)"
