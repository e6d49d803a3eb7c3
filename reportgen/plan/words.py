"""How figures, dates and changes are written on the slides and in the notes.

One number format per indicator: every figure of a row is shown with the decimals of its Current
cell (the workbook may write "90%" beside "95.0%"; the deck does not), and a missing figure is
always the same mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from reportgen.indicators import Assessment, Bounds, Rag, RagModel
from reportgen.model import (
    DeckInfo,
    Figure,
    Indicator,
    KpiTable,
    Month,
    Polarity,
    Unit,
    excel_round,
    format_value,
)
from reportgen.spc import Assurance, Spc, Variation

MISSING = "–"
"""What the table shows for a missing figure, whatever the workbook wrote ("-", "n/a", blank)."""


def plural(count: int, noun: str, nouns: str = "") -> str:
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def month_label(month: Month) -> str:
    """``February 2019``."""
    return month.long


def previous_month(kpis: KpiTable) -> str:
    """The month before the latest, as changes "since January" name it."""
    return kpis.months[-2].name if len(kpis.months) > 1 else "last month"


LONG_DATE = "%-d %B %Y"
"""UK long form, ``9 April 2019``: the default of ``[deck] date_format``."""

DATE_CODES = "aAbBdmyYjUWw%"
"""The strftime codes a date format may use: a date's, not a time's (a meeting date has no
hour). ``%-d``, ``%-m`` and ``%-j`` (no leading zero) are written here, not by the platform's
strftime, which has them on Linux and macOS but not on Windows."""
_CODE = re.compile(r"%(-?)(.?)")


def check_date_format(text: str) -> str:
    """What is wrong with a date format, or "" when nothing is."""
    if "%" not in text:
        return f"{text!r} has no date code; e.g. \"%-d %B %Y\" writes 9 April 2019"
    for match in _CODE.finditer(text):
        dash, code = match.groups()
        if not code or code not in DATE_CODES or (dash and code not in "dmj"):
            return (f"'%{dash}{code}' is not a date code; use %d or %-d (day), %B or %b "
                    "(month), %m or %-m, %Y or %y, %A or %a (weekday), %% for %")
    return ""


def long_date(day: date, form: str = LONG_DATE) -> str:
    """``day`` written in ``form`` (strftime codes, checked by ``check_date_format``)."""
    def code(match: re.Match[str]) -> str:
        dash, letter = match.groups()
        text = day.strftime(f"%{letter}")
        return (text.lstrip("0") or "0") if dash else text
    return _CODE.sub(code, form)


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:]+)?\s*$")


def meeting_date(deck: DeckInfo, form: str = LONG_DATE) -> str:
    """The meeting date in ``form`` (UK long form by default); a text that is not a date is
    kept as written."""
    if deck.meeting_date is not None:
        return long_date(deck.meeting_date, form)
    match = _ISO_DATE.match(deck.date_text)
    if match:
        try:
            return long_date(date(*(int(part) for part in match.groups())), form)
        except ValueError:
            pass
    return deck.date_text.strip()


SHORT_NAME_CHARS = 40
"""The most a default short name takes: the measure's first words, enough to know it by."""
_ASIDE = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_LEAD = re.compile(r"^(?:%\s*(?:of\s+)?|(?:the\s+)?(?:number|no\.?)\s+of\s+)", re.IGNORECASE)
"""A measure's opening that says its unit, not what it counts: "% of", "Number of"."""


def short_name(indicator: Indicator) -> str:
    """What a list calls an indicator after its ref: ``short_name`` from reportgen.toml, else
    the measure's own first words without its asides or an opening that only says its unit
    ("% care leavers in suitable accommodation" is "Care leavers in suitable accommodation")."""
    if indicator.short_name:
        return indicator.short_name
    words = " ".join(_ASIDE.sub("", indicator.measure).split()) or indicator.measure.strip()
    words = _LEAD.sub("", words) or words
    words = words[:1].upper() + words[1:]
    if len(words) <= SHORT_NAME_CHARS:
        return words
    kept = ""
    for word in words.split():
        if len(kept) + len(word) + 1 > SHORT_NAME_CHARS - 1:
            break
        kept = f"{kept} {word}" if kept else word
    return (kept or words[:SHORT_NAME_CHARS - 1]).rstrip(",;:–-") + "…"


def named(indicator: Indicator) -> str:
    """``6.3D % care leavers in suitable…``: a ref and its short name, as lists give them."""
    return f"{indicator.ref} {short_name(indicator)}"


def movement_words(first: Figure, last: Figure) -> str:
    """``up 11%``, ``down 3%``, ``unchanged``: a count's movement between two figures shown,
    relative to the first (on the figures as displayed)."""
    if first.value == last.value:
        return "unchanged"
    if not first.value:
        return "up from none" if last.value > 0 else "down"
    share = (last.value - first.value) / abs(first.value)
    way = "up" if share > 0 else "down"
    return f"{way} {abs(share):.0%}" if abs(share) >= 0.005 else f"{way} under 1%"


def decimals_of(indicator: Indicator) -> int:
    """The decimals every figure of the row is shown with: its Current cell's, else the most
    its monthly figures show."""
    if indicator.current is not None:
        return indicator.current.decimals
    return max((f.decimals for f in indicator.trend if f is not None), default=0)


def figure(value: Figure | None, indicator: Indicator) -> str:
    """A figure of the indicator's own kind (Current, a month, a target) as the deck shows it."""
    if value is None:
        return MISSING
    return format_value(Figure(value.value, decimals_of(indicator)), indicator.unit)


def count(value: Figure | None) -> str:
    """A Num or Denom: a count, with its own decimals."""
    return MISSING if value is None else format_value(value, Unit.COUNT)


def number(value: float, indicator: Indicator) -> str:
    return figure(Figure(value), indicator)


def change_words(assessment: Assessment, *, signed: bool = True) -> str:
    """The latest month against the one before, read in the measure's polarity: ``better by 2.5
    points``, ``worse by 64 (6%)`` (on a lower-is-better measure a rise is worse), ``unchanged``;
    a measure with no better or worse (a data-only count) moves ``up 64 (6%)``. ``signed=False``
    gives the movement alone (``down 4.5 points``), for a list whose heading says better or
    worse."""
    ind = assessment.indicator
    change = assessment.change
    if change is None:
        return ""
    if change == 0:
        return "unchanged"
    way = "up" if change > 0 else "down"
    size = _nonzero(abs(change), decimals_of(ind))
    if ind.unit is Unit.PERCENT:
        amount = f"{size} {'point' if size == '1' else 'points'}"
    else:
        before = ind.trend[-2] if len(ind.trend) > 1 else None
        amount = size
        if before is not None and before.value:
            share = abs(change) / abs(before.value)
            amount = f"{size} ({share:.0%})" if share >= 0.005 else f"{size} (under 1%)"
    if not signed or assessment.polarity is None:
        return f"{way} {amount}"
    return f"{better_or_worse(assessment)} by {amount}"


def current_is_latest(assessment: Assessment) -> bool:
    """Current shows the same figure as the latest month: a change between the last two months
    may then be said beside Current. Where they differ (a YTD figure, a Current not rolled
    forward), a change said beside Current would not be worked out from the figure shown."""
    ind = assessment.indicator
    last = ind.trend[-1] if ind.trend else None
    return ind.current is not None and last is not None and \
        figure(ind.current, ind) == figure(last, ind)


def monthly_words(assessment: Assessment, months: Sequence[Month]) -> str:
    """``91.9% in Jan 19, 87.5% in Feb 19: worse by 4.4 points``: a change with the two
    figures it is worked out from, where Current is not the latest month's figure."""
    ind = assessment.indicator
    if assessment.change is None or len(ind.trend) < 2 or len(months) < 2:
        return ""
    before, after = ind.trend[-2], ind.trend[-1]
    return (f"{figure(before, ind)} in {months[-2].short}, {figure(after, ind)} in "
            f"{months[-1].short}: {change_words(assessment)}")


def _nonzero(size: float, decimals: int) -> str:
    """A change's size with the row's decimals, or as many more as it takes not to read 0:
    a 0.4-point rise on a row written "89%" is "0.4", not "0"."""
    while decimals < 4 and float(excel_round(size, decimals)) == 0:
        decimals += 1
    return format_value(Figure(size, decimals), Unit.NUMBER)


def better_or_worse(assessment: Assessment) -> str:
    """``better``/``worse`` for a change read in the measure's polarity."""
    change = assessment.change or 0.0
    higher = assessment.polarity is not Polarity.LOWER
    return "better" if (change > 0) == higher else "worse"


def article(shown: str) -> str:
    """``a`` or ``an`` before a figure as it is read aloud: an 80%, an 11, an 18,000, a 90%."""
    whole = shown.lstrip("-").split(".")[0].replace(",", "").rstrip("%")
    spoken_eleven = whole[:2] in ("11", "18") and len(whole) % 3 == 2
    return "an" if whole.startswith("8") or spoken_eleven else "a"


def target_words(assessment: Assessment) -> str:
    """The line a red falls short of, in the words of its RAG model: ``a 90% minimum``, ``a 2.0
    maximum`` (lower is better: a ceiling is never a minimum), ``a 91% target``, ``an 18.0%
    target (lower is better)``, ``a target of fewer than 85``, ``a 60% floor standard``."""
    bounds = assessment.bounds
    if bounds is None:
        return "no target"
    ind = assessment.indicator
    low, high, centre = _shown_bounds(bounds, ind)
    said = _said(ind, bounds)
    words = {
        RagModel.SINGLE_TARGET: f"a target of {said[:1].lower()}{said[1:]}" if said
        else f"{article(high)} {high} target ({_better(bounds)})",
        RagModel.FLOOR_TARGET: f"{article(low)} {low} {_floor(bounds)}",
        RagModel.TOLERANCE: f"the {_tolerance(bounds, ind)} tolerance of the {high} target",
        RagModel.TWO_SIDED: f"the {_tolerance(bounds, ind)} tolerance of {centre}",
        RagModel.THRESHOLDS: f"{article(low)} {low} amber threshold",
    }
    if bounds.model in words:
        return words[bounds.model]
    kind = "target" if bounds.single else "maximum" if bounds.ceiling else "minimum"
    return f"{article(low)} {low} {kind}"


def _shown_bounds(bounds: Bounds, ind: Indicator) -> tuple[str, str, str]:
    """The bounds as the deck shows them, in the row's format: the amber line (Min), the green
    one (Upper), and the centre a two-sided target stays close to (else the green line)."""
    low, high = figure(bounds.min_figure, ind), figure(bounds.upper_figure, ind)
    return low, high, figure(bounds.centre, ind) if bounds.centre else high


def _said(ind: Indicator, bounds: Bounds) -> str:
    """A single target as the workbook words it ("Fewer than 85"); empty for a bare figure."""
    if bounds.benchmark or ind.targets is None or ind.targets.target is None:
        return ""
    return ind.targets.target.text


def _floor(bounds: Bounds) -> str:
    return "floor standard" if bounds.polarity is Polarity.HIGHER else "ceiling"


def _better(bounds: Bounds) -> str:
    return f"{bounds.polarity.value} is better" if bounds.polarity is not None \
        else "stay close to the target"


def _tolerance(bounds: Bounds, ind: Indicator) -> str:
    """``±10%`` (a share of the target) or ``±5`` / ``±2.0%`` (in the measure's unit)."""
    tolerance = bounds.tolerance
    if tolerance is None:
        return ""
    if bounds.relative:
        return f"±{format_value(tolerance, Unit.COUNT)}%"
    return f"±{figure(tolerance, ind)}"


def targets_line(assessment: Assessment) -> str:
    """The targets in force, in the words of the RAG model: ``Min 90%, Upper 95%; higher is
    better``, ``91%; higher is better``, ``at most 2.0 (amber), 1.0 or lower (green); lower is
    better``, ``Target 65%, floor standard 60%; higher is better``."""
    bounds = assessment.bounds
    if bounds is None:
        return "none (a data-only measure)"
    ind = assessment.indicator
    low, high, centre = _shown_bounds(bounds, ind)
    tolerance = _tolerance(bounds, ind)
    lines = {
        RagModel.SINGLE_TARGET: _said(ind, bounds) or high,
        RagModel.FLOOR_TARGET: f"Target {high}, {_floor(bounds)} {low}",
        RagModel.TOLERANCE: f"Target {high}, tolerance {tolerance} (amber to {low})",
        RagModel.TWO_SIDED: f"{centre}, within {tolerance} ({low} to {high})",
        RagModel.THRESHOLDS: f"green from {high}, amber from {low}",
    }
    if bounds.model in lines:
        line = lines[bounds.model]
    elif bounds.single:
        line = low
    elif bounds.ceiling:
        line = f"at most {low} (amber), {high} or lower (green)"
    else:
        line = f"Min {low}, Upper {high}"
    return f"{line}; {_better(bounds)}"


def target_cell(assessment: Assessment) -> str:
    """A row's target in a table cell, in the workbook's own terms: ``Fewer than 85``,
    ``65% (floor 60%)``, ``240 ±10%``, ``80% (amber 75%)``, ``90–95%``; empty for none."""
    bounds = assessment.bounds
    if bounds is None:
        return ""
    ind = assessment.indicator
    low, high, centre = _shown_bounds(bounds, ind)
    cells = {
        RagModel.SINGLE_TARGET: _said(ind, bounds) or high,
        RagModel.FLOOR_TARGET: f"{high} ({_floor(bounds).split()[0]} {low})",
        RagModel.TOLERANCE: f"{high} {_tolerance(bounds, ind)}",
        RagModel.TWO_SIDED: f"{centre} {_tolerance(bounds, ind)}",
        RagModel.THRESHOLDS: f"{high} (amber {low})",
    }
    if bounds.model in cells:
        return cells[bounds.model]
    return low if bounds.single else f"{low} / {high}"


def needed_words(assessment: Assessment, *, ending: str = " would meet it") -> str:
    """What it would take to meet the minimum, in the units people count:
    ``10 more of 1,020 would meet it``. Said of percentages only, where Num is a part of Denom:
    for an average or a rate, "345 fewer of 100" would mean nothing."""
    ind = assessment.indicator
    if assessment.needed is None or ind.denominator is None or ind.unit is not Unit.PERCENT:
        return ""
    way = "fewer" if assessment.polarity is Polarity.LOWER else "more"
    return f"{assessment.needed:,} {way} of {count(ind.denominator)}{ending}"


def short_of(assessment: Assessment) -> str:
    """``89.0% against a 90% minimum`` (``2.5 against a 2.0 maximum``, lower being better);
    for a red, in its model's words: ``58.0% below the floor standard of 60%``, ``300 outside
    the ±10% tolerance of 240``."""
    ind = assessment.indicator
    shown = figure(ind.current, ind)
    bounds = assessment.bounds
    if bounds is not None and assessment.rag is Rag.RED:
        low = figure(bounds.min_figure, ind)
        if bounds.model is RagModel.FLOOR_TARGET:
            kind = "below the floor standard" if bounds.polarity is Polarity.HIGHER \
                else "above the ceiling"
            return f"{shown} {kind} of {low}"
        if bounds.model in (RagModel.TOLERANCE, RagModel.TWO_SIDED):
            return f"{shown}, outside {target_words(assessment)}"
    return f"{shown} against {target_words(assessment)}"


def change_size(assessment: Assessment) -> float:
    """How big a change is, for ranking changes: points for a percentage, the share of the
    earlier value otherwise."""
    change = abs(assessment.change or 0.0)
    ind = assessment.indicator
    before = ind.trend[-2] if len(ind.trend) > 1 else None
    if ind.unit is Unit.PERCENT or before is None or not before.value:
        return change
    return change / abs(before.value) * 100


VARIATION_WORDS = {Variation.IMPROVEMENT: "Improving: beyond normal variation",
                   Variation.CONCERN: "Concern: beyond normal variation",
                   Variation.COMMON: "No significant change"}
"""Making Data Count's variation icons, in words a board member reads without a key."""
_ASSURANCE = {Assurance.PASS: "Will consistently meet the {}",
              Assurance.FAIL: "Will not meet the {} without change",
              Assurance.HIT_AND_MISS: "May or may not meet the {}"}


def variation_words(spc: Spc) -> str:
    """``Concern: beyond normal variation``: what the latest month's variation says."""
    return VARIATION_WORDS[spc.variation] if spc.variation else "No reading (no polarity)"


def assurance_words(spc: Spc, ceiling: bool = False) -> str:
    """``May or may not meet the minimum`` (``the maximum`` for a lower-is-better bound):
    whether the process, as it runs, can meet the bound the RAG reads."""
    if spc.assurance_min is None:
        return ""
    return _ASSURANCE[spc.assurance_min].format("maximum" if ceiling else "minimum")


def spc_words(spc: Spc, ceiling: bool = False) -> str:
    """``Concern: beyond normal variation; may or may not meet the minimum``."""
    assurance = assurance_words(spc, ceiling)
    return variation_words(spc) + (f"; {assurance[0].lower()}{assurance[1:]}" if assurance
                                   else "")
