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
from reportgen.model import Figure, Indicator, Notice, Polarity, Report, Section, Unit


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
    kpis = report.kpis
    known = {indicator.ref for indicator in kpis.indicators}
    hidden = tuple(i for i in kpis.indicators if i.ref in by_ref and by_ref[i.ref].hide)
    gone = {i.ref for i in hidden}
    sections = []
    for section in kpis.sections:
        shown = tuple(overridden(i, by_ref[i.ref]) if i.ref in by_ref else i
                      for i in section.indicators if i.ref not in gone)
        if shown or not section.indicators:
            sections.append(Section(section.title, shown))
    unknown = tuple(
        Notice(f'[indicators."{o.ref}"]: the workbook has no indicator with Ref {o.ref!r}; '
               "this override does nothing", Place(config, line=o.line))
        for o in overrides if o.ref not in known)
    table = replace(kpis, sections=tuple(sections))
    outline = tuple(table if part is kpis else part for part in report.outline)
    return Overridden(replace(report, outline=outline, warnings=report.warnings + unknown),
                      hidden)


def overridden(indicator: Indicator, override: Override) -> Indicator:
    """One indicator with what its override sets; what it leaves alone stays as read."""
    changed = indicator
    if override.polarity is not None:
        changed = replace(changed, polarity=override.polarity, polarity_configured=True)
    if override.unit is not None:
        changed = replace(changed, unit=override.unit)
    if override.target_min is not None:
        changed = replace(changed, target_min=_target(override.target_min, changed))
    if override.target_upper is not None:
        changed = replace(changed, target_upper=_target(override.target_upper, changed))
    if override.decimals is not None:
        changed = _with_decimals(changed, override.decimals)
    if override.definition:
        changed = replace(changed, definition=override.definition)
    return changed


def _target(value: float, indicator: Indicator) -> Figure:
    """A configured target, shown with as many decimals as it is written with, and at least
    the row's own."""
    written = repr(value).rstrip("0").rstrip(".")
    decimals = len(written.split(".")[1]) if "." in written else 0
    row = indicator.current.decimals if indicator.current is not None else 0
    return Figure(value, max(decimals, row))


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
