"""Figures that cannot be (design.md §3): found in the report as read, each a warning naming
its cell, and left out as missing, so that no chart draws and no RAG rates it.

- a negative count or percentage (Num and Denom are counts, whatever the row's unit);
- a percentage over 100 where the measure is a share of a whole: the row's Num is at most
  its Denom;
- Num greater than Denom for a percentage (Num and Denom are left out; Current is kept and
  rated, and the doubt marks the deck);
- a figure 1,000 times off the rest of its row: ``1.084`` typed, European style, for 1,084
  between 1,097 and 1,020 (counts and other numbers; percentages have their own scale rules).

Pure: a Report in, a Report out. Each figure left out is recorded on its indicator
(``Indicator.impossible``, also in its ``notes``), a data-quality doubt the deck counts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from statistics import median

from reportgen.errors import Place
from reportgen.model import Figure, Indicator, KpiTable, Notice, Report, Section, Unit, format_value

THOUSANDFOLD = (300.0, 3000.0)
"""How far off the row a figure must be, as a ratio either way, to be read as 1,000 times off:
wide enough for a month that really moved, narrow enough to miss no typed-in thousands."""
NEIGHBOURS = 2
"""Figures a row must have besides the one judged, to judge it against them."""

_ROW = re.compile(r"[0-9]+$")
_SCALAR = ("previous_year", "current")


def screen(report: Report) -> Report:
    """The report with every impossible figure left out and warned about."""
    if not any(_doubts(ind) for kpis in report.tables for ind in kpis.indicators):
        return report
    outline = tuple(_table(part) if isinstance(part, KpiTable) else part
                    for part in report.outline)
    return replace(report, outline=outline)


def _doubts(indicator: Indicator) -> bool:
    """A quick look: could any figure of the row be impossible?"""
    figures = [indicator.previous_year, indicator.current, indicator.numerator,
               indicator.denominator, *indicator.trend]
    values = [f.value for f in figures if f is not None]
    if any(v < 0 for v in values):
        return True
    if indicator.unit is Unit.PERCENT:
        return any(v > 100 for v in values) or _more_than_whole(indicator)
    return len(values) > NEIGHBOURS


def _table(kpis: KpiTable) -> KpiTable:
    return replace(kpis, sections=tuple(
        Section(section.title, tuple(screened(ind, kpis) for ind in section.indicators))
        for section in kpis.sections))


def _more_than_whole(indicator: Indicator) -> bool:
    num, denom = indicator.numerator, indicator.denominator
    return num is not None and denom is not None and num.value > denom.value >= 0


def screened(indicator: Indicator, kpis: KpiTable) -> Indicator:
    """One indicator with its impossible figures left out, each with a notice."""
    letters = dict(kpis.columns)
    row = _ROW.search(indicator.place.cell or "")

    def place(key: str) -> Place:
        letter = letters.get(key)
        if letter is None or row is None:
            return indicator.place
        return Place(sheet=kpis.sheet, cell=f"{letter}{row.group()}")

    def label(key: str) -> str:
        name = {"previous_year": kpis.previous_year_label or "last year", "current": "Current",
                "numerator": "Num", "denominator": "Denom"}.get(key)
        return name or _month_label(key, kpis)

    found: dict[str, str] = {}  # figure's key → what is wrong with it
    unit = indicator.unit
    figures = _figures(indicator, kpis)
    for key, figure in figures.items():
        shown = format_value(figure, Unit.COUNT if key in ("numerator", "denominator")
                             else unit)
        if figure.value < 0 and (unit in (Unit.COUNT, Unit.PERCENT)
                                 or key in ("numerator", "denominator")):
            what = "count" if unit is not Unit.PERCENT or key in ("numerator",
                                                                    "denominator") \
                else "percentage"
            found[key] = f"{shown} is a negative {what}, which cannot be"
    whole = _whole(indicator)
    if unit is Unit.PERCENT and _more_than_whole(indicator):
        num, denom = indicator.numerator, indicator.denominator
        assert num is not None and denom is not None
        found.setdefault("numerator", (
            f"{format_value(num, Unit.COUNT)} is more than Denom "
            f"{format_value(denom, Unit.COUNT)} ({place('denominator').in_workbook}), for a "
            "percentage: a share cannot be more than its whole; Num and Denom left out"))
    if unit is Unit.PERCENT and whole:
        for key, figure in figures.items():
            if key not in ("numerator", "denominator") and figure.value > 100:
                found.setdefault(key, f"{format_value(figure, unit)} is over 100% of a whole "
                                      "(the row's Num is at most its Denom), which cannot be")
    if unit is not Unit.PERCENT:
        found.update({key: text for key, text in _thousandfold(figures, unit).items()
                      if key not in found})
    if not found:
        return indicator
    notices = tuple(
        Notice(f"{label(key)} ({place(key).in_workbook}): {text}; left out of the charts and "
               "the rating as missing: correct the cell", place(key), indicator.ref)
        for key, text in sorted(found.items(), key=lambda item: _order(item[0], figures)))
    return replace(_without(indicator, found, kpis), notes=(*indicator.notes, *notices),
                   impossible=(*indicator.impossible, *notices))


def _whole(indicator: Indicator) -> bool:
    num, denom = indicator.numerator, indicator.denominator
    return num is not None and denom is not None and 0 <= num.value <= denom.value


def _figures(indicator: Indicator, kpis: KpiTable) -> dict[str, Figure]:
    """The row's figures by the key of their column (as ``KpiTable.columns`` names them)."""
    figures: dict[str, Figure] = {}
    for key in ("previous_year", "numerator", "denominator", "current"):
        figure = getattr(indicator, key)
        if figure is not None:
            figures[key] = figure
    for month, figure in zip(kpis.months, indicator.trend, strict=False):
        if figure is not None:
            figures[f"month:{month.iso}"] = figure
    return figures


def _thousandfold(figures: dict[str, Figure], unit: Unit) -> dict[str, str]:
    """The months (and Current, and last year) 1,000 times off the row's other months."""
    months = {key: f.value for key, f in figures.items() if key.startswith("month:")}
    judged = {**months, **{key: figures[key].value for key in _SCALAR if key in figures}}
    found: dict[str, str] = {}
    low, high = THOUSANDFOLD
    for key, value in judged.items():
        others = [v for k, v in months.items() if k != key and v != 0]
        if value == 0 or len(others) < NEIGHBOURS:
            continue
        typical = median(others)
        ratio = abs(typical / value)
        if low <= ratio <= high or low <= 1 / ratio <= high:
            found[key] = (f"{format_value(figures[key], unit)} is 1,000 times off the row's "
                          f"other figures (about {format_value(Figure(typical, 0), unit)}): "
                          "a thousands separator typed as a decimal point?")
    return found


def _month_label(key: str, kpis: KpiTable) -> str:
    iso = key.removeprefix("month:")
    return next((month.short for month in kpis.months if month.iso == iso), iso)


def _order(key: str, figures: dict[str, Figure]) -> int:
    return list(figures).index(key) if key in figures else len(figures)


def _without(indicator: Indicator, found: dict[str, str], kpis: KpiTable) -> Indicator:
    def kept(key: str) -> Figure | None:
        return None if key in found else getattr(indicator, key)

    denominator = kept("denominator")
    if "numerator" in found and indicator.unit is Unit.PERCENT and _more_than_whole(indicator):
        denominator = None
    trend = tuple(None if f"month:{month.iso}" in found else figure
                  for month, figure in zip(kpis.months, indicator.trend, strict=False))
    return replace(indicator, trend=(*trend, *indicator.trend[len(trend):]),
                   previous_year=kept("previous_year"), current=kept("current"),
                   numerator=kept("numerator"), denominator=denominator)
