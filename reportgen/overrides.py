"""reportgen.toml's ``[indicators."REF"]`` applied to the report as read: pure, values in and out.

The first step of the assess stage: the team's word on a measure (its polarity, unit, decimals,
targets, whether the board sees it, its definition) replaces the workbook's before any rule reads
it, so that every RAG, count, note and slide follows from one set of indicators. A hidden
indicator is taken out of its section here, and so out of every slide and every count; ``check``
names it (see ``Overridden.hidden``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reportgen.errors import Place
from reportgen.frozen import frozen
from reportgen.model import (
    Figure,
    Indicator,
    KpiTable,
    Notice,
    Polarity,
    Report,
    Section,
    Unit,
)


@frozen
class Override:
    """``[indicators."REF"]``: what the team says about one indicator, over the workbook."""

    ref: str
    line: int
    """The line of its table in the configuration, for the warning when no row has its Ref."""
    polarity: Polarity | None = None
    unit: Unit | None = None
    decimals: int | None = None
    target_min: float | None = None
    target_upper: float | None = None
    hide: bool = False
    definition: str = ""
    short_name: str = ""
    accept: str = ""
    formerly: tuple[str, ...] = ()
    """Earlier names of the measure: packs that recorded its ref under one of them recorded
    this indicator, reworded (``past.of_this_measure``)."""


@frozen
class Overridden:
    report: Report
    """The report as the deck shows it: overrides applied, hidden indicators gone, and a
    warning for each override whose Ref the workbook does not have."""
    hidden: tuple[Indicator, ...] = ()
    """The indicators ``hide = true`` took out, in workbook order."""


def apply_overrides(report: Report, overrides: Sequence[Override],
                    config: Path | None = None) -> Overridden:
    if not overrides:
        return Overridden(report)
    by_ref = {override.ref: override for override in overrides}
    indicators = report.indicators
    known = {indicator.ref for indicator in indicators}
    hidden = tuple(i for i in indicators if i.ref in by_ref and by_ref[i.ref].hide)
    gone = {i.ref for i in hidden}
    unknown = tuple(
        Notice(f'[indicators."{o.ref}"]: the workbook has no indicator with Ref {o.ref!r}; '
               "this override does nothing", Place(config, line=o.line))
        for o in overrides if o.ref not in known)
    flips = tuple(notice for i in indicators if i.ref in by_ref
                  and (notice := _flip(i, by_ref[i.ref], config)) is not None)
    outline = tuple(_table(part, by_ref, gone) if isinstance(part, KpiTable) else part
                    for part in report.outline)
    return Overridden(replace(report, outline=outline,
                              warnings=report.warnings + unknown + flips), hidden)


def _table(kpis: KpiTable, by_ref: dict[str, Override], gone: set[str]) -> KpiTable:
    sections = []
    for section in kpis.sections:
        shown = tuple(overridden(i, by_ref[i.ref]) if i.ref in by_ref else i
                      for i in section.indicators if i.ref not in gone)
        if shown or not section.indicators:
            sections.append(Section(section.title, shown))
    return replace(kpis, sections=tuple(sections))


def _flip(indicator: Indicator, override: Override, config: Path | None) -> Notice | None:
    """A configured polarity that turns round the one the workbook states is never silent: the
    configuration decides (the team's word), and says so."""
    stated = indicator.aim
    if override.polarity is None or stated is None or stated.polarity is override.polarity:
        return None
    where = indicator.polarity_place.in_workbook if indicator.polarity_place else "the workbook"
    return Notice(f'[indicators."{indicator.ref}"] polarity = "{override.polarity.value}" '
                  f"overrides {where}, which says {stated.value}; rated as "
                  f"{override.polarity.value} is better", Place(config, line=override.line),
                  indicator.ref)


def overridden(indicator: Indicator, override: Override) -> Indicator:
    """One indicator with what its override sets; what it leaves alone stays as read."""
    changed = indicator
    if override.polarity is not None:
        changed = replace(changed, polarity=override.polarity, polarity_configured=True)
    if override.unit is not None:
        changed = replace(changed, unit=override.unit)
    notes: list[Notice] = []
    if override.target_min is not None:
        low, note = _target(override.target_min, changed, "target_min", override.line)
        changed = replace(changed, target_min=low)
        notes.extend([note] if note else [])
    if override.target_upper is not None:
        high, note = _target(override.target_upper, changed, "target_upper", override.line)
        changed = replace(changed, target_upper=high)
        notes.extend([note] if note else [])
    if notes:
        changed = replace(changed, notes=(*changed.notes, *notes))
    if override.decimals is not None:
        changed = _with_decimals(changed, override.decimals)
    if override.definition:
        changed = replace(changed, definition=override.definition)
    if override.short_name:
        changed = replace(changed, short_name=override.short_name)
    if override.accept:
        changed = replace(changed, accepted=override.accept)
    if override.formerly:
        changed = replace(changed, formerly=override.formerly)
    return changed


def _target(value: float, indicator: Indicator, key: str,
            line: int) -> tuple[Figure, Notice | None]:
    """A configured target, shown with as many decimals as it is written with, and at least
    the row's own. A fraction (0.9) for a percentage measure whose figures are percent points
    is read as the workbook reads one, 90%, and said."""
    note = None
    figures = [f.value for f in (indicator.current, *indicator.trend) if f is not None]
    if indicator.unit is Unit.PERCENT and 0 < abs(value) <= 1 and figures \
            and max(abs(f) for f in figures) > 1:
        points = round(value * 100, 9)
        note = Notice(f'reportgen.toml:{line}: [indicators."{indicator.ref}"] {key} = {value:g} '
                      f"is a fraction for a percentage measure; read as {points:g}% (write "
                      f"{points:g} to say so)", indicator.place, indicator.ref)
        value = points
    written = repr(value).rstrip("0").rstrip(".")
    decimals = len(written.split(".")[1]) if "." in written else 0
    row = indicator.current.decimals if indicator.current is not None else 0
    return Figure(value, max(decimals, row)), note


def _with_decimals(indicator: Indicator, decimals: int) -> Indicator:
    """Every figure of the measure's own kind shown with ``decimals``; Num and Denom are counts
    with their own."""
    def shown(value: Figure | None) -> Figure | None:
        return None if value is None else Figure(value.value, decimals)
    return replace(indicator, current=shown(indicator.current),
                   previous_year=shown(indicator.previous_year),
                   trend=tuple(shown(f) for f in indicator.trend),
                   target_min=shown(indicator.target_min),
                   target_upper=shown(indicator.target_upper))
