"""Speaker notes as talking points, generated from the figures: what changed since last month,
which reds matter most and what it would take to meet the target. They add to a slide; they do
not read it out."""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.indicators import Assessment, Direction, Rag, ranked_reds
from reportgen.model import Indicator, KpiTable, Unit
from reportgen.plan.words import (
    change_size,
    change_words,
    count,
    figure,
    month_label,
    named,
    needed_words,
    plural,
    previous_month,
    short_of,
    spc_words,
    variation_words,
)

TOP = 3
"""Reds and changes a talking point names before it says "and N more"."""
PAGE_LIST = 20
"""Changes and band moves a table page's notes name before "and N more": a full 9 pt page of
the table may hold that many."""


def _name(indicator: Indicator) -> str:
    return f"{indicator.ref}, {indicator.measure},"


def _moves(assessments: Sequence[Assessment], kpis: KpiTable) -> str:
    moved = [a for a in assessments if a.band_change]
    if not moved:
        return f"No indicator changed RAG band since {previous_month(kpis)}."
    into_red = [a for a in moved if a.rag is Rag.RED]
    lead = into_red[0] if into_red else moved[0]
    old, new = lead.band_change or (None, None)
    assert old is not None and new is not None
    rest = len(moved) - 1
    return (f"{plural(len(moved), 'indicator')} changed RAG band since {previous_month(kpis)}; "
            f"the one to mention first is {_name(lead.indicator)} from {old.value} to "
            f"{new.value}" + (f" (and {rest} more)." if rest else "."))


def _what_it_takes(assessment: Assessment) -> str:
    needed = needed_words(assessment)
    return f"{_name(assessment.indicator)} is at {short_of(assessment)}" + (
        f"; {needed}" if needed else "")


def _red_points(assessments: Sequence[Assessment]) -> list[str]:
    reds = ranked_reds(assessments)
    if not reds:
        return ["No indicator is red this month."]
    first = f"The red furthest from target: {_what_it_takes(reds[0])}."
    others = [_what_it_takes(a) for a in reds[1:TOP]]
    return [first] + ([f"Then: {'; '.join(others)}."] if others else [])


def _best_news(assessments: Sequence[Assessment], kpis: KpiTable) -> str:
    better = sorted((a for a in assessments if a.signal is Direction.IMPROVING),
                    key=lambda a: (a.spc is None, -change_size(a)))
    if not better:
        return ""
    names = ", ".join(_signal_words(a) for a in better[:TOP])
    more = f" and {len(better) - TOP} more" if len(better) > TOP else ""
    return f"Improving: {names}{more}."


def _signal_words(assessment: Assessment) -> str:
    """``1.1 (special-cause improvement)`` or ``3.1 up 2.5 points since January``: why the deck
    calls it better or worse, as the glance slide does."""
    ref = named(assessment.indicator)
    if assessment.spc is not None and assessment.spc.variation is not None:
        return f"{ref} ({variation_words(assessment.spc).lower()})"
    return f"{ref} {change_words(assessment)}"


def _watch(assessments: Sequence[Assessment], kpis: KpiTable) -> str:
    slipping = sorted((a for a in assessments if a.rag is Rag.AMBER
                       and a.signal is Direction.WORSENING),
                      key=lambda a: (a.spc is None, -change_size(a)))
    if not slipping:
        return ""
    names = ", ".join(_signal_words(a) for a in slipping[:TOP])
    return f"Amber and worsening, worth watching: {names}."


def title_notes(kpis: KpiTable, assessments: Sequence[Assessment], title: str,
                draft: str = "") -> tuple[str, ...]:
    reds = ranked_reds(assessments)
    lead = f" The most serious: {_what_it_takes(reds[0])}." if reds else ""
    checking = (f"{draft} before the deck goes to the board, each named below; a figure the "
                "team has checked and stands by is recorded as accepted, with the reason, and "
                "the deck is built again.",) if draft else ()
    return (f"{title}: figures to the end of {month_label(kpis.period)}.",
            f"{plural(len(reds), 'indicator is', 'indicators are')} red.{lead}",
            _moves(assessments, kpis), *checking, *doubt_notes(assessments))


def doubt_notes(assessments: Sequence[Assessment]) -> tuple[str, ...]:
    """The data-quality doubts about the figures a slide shows, for the presenter, who may be
    asked (design.md §3): each still to check, or the reason the team accepted it."""
    lines = []
    for assessment in assessments:
        if not assessment.doubts:
            continue
        said = "; ".join(notice.text for notice in assessment.doubts)
        reason = assessment.indicator.accepted
        lines.append(f"{assessment.indicator.ref} checked and accepted ({said}): {reason}"
                     if reason else f"{assessment.indicator.ref} to check: {said}.")
    return tuple(lines)


def glance_notes(kpis: KpiTable, assessments: Sequence[Assessment]) -> tuple[str, ...]:
    return tuple(line for line in (_moves(assessments, kpis), *_red_points(assessments),
                                   _best_news(assessments, kpis), _watch(assessments, kpis),
                                   _restated(assessments))
                 if line)


def _restated(assessments: Sequence[Assessment]) -> str:
    """Figures changed since an earlier pack: the board may remember the old one."""
    items = [(a, item) for a in assessments for item in a.restatements]
    if not items:
        return ""
    said = "; ".join(f"{named(a.indicator)}, {item.month.short}: "
                     f"{figure(item.was, a.indicator)} → {figure(item.now, a.indicator)}"
                     for a, item in items[:TOP])
    more = f" and {len(items) - TOP} more" if len(items) > TOP else ""
    return (f"Restated since an earlier pack: {said}{more}. "
            "If asked: the earlier figure was what the workbook said then.")


def table_notes(kpis: KpiTable, page: Sequence[Assessment], first: bool) -> tuple[str, ...]:
    """What to say over one page of the table: its reds and what changed, not its rows."""
    lines = [f"{kpis.title}: every indicator for {month_label(kpis.period)}, with its "
             "previous-year outturn, six months and targets."] if first else []
    reds = ranked_reds(page)
    if reds:
        lines.append(f"Red on this page: {'; '.join(_what_it_takes(a) for a in reds)}.")
    changed = sorted((a for a in page if a.signal is not None),
                     key=lambda a: (a.spc is None, -change_size(a)))
    if changed:
        said = "; ".join(_signal_words(a) for a in changed[:PAGE_LIST])
        rest = len(changed) - PAGE_LIST
        lines.append(f"Better or worse, the clearest first: {said}"
                     + (f"; and {rest} more." if rest > 0 else "."))
    moved = [a for a in page if a.band_change]
    if moved:
        moves = "; ".join(f"{named(a.indicator)} {a.band_change[0].value} to "
                          f"{a.band_change[1].value}"
                          for a in moved[:PAGE_LIST] if a.band_change)
        rest = len(moved) - PAGE_LIST
        lines.append(f"Moved RAG band: {moves}" + (f"; and {rest} more." if rest > 0 else "."))
    if not (reds or changed or moved):
        lines.append(f"Nothing on this page is red or changed materially since "
                     f"{previous_month(kpis)}.")
    lines.extend(definition(a.indicator) for a in page if a.indicator.definition)
    lines.extend(doubt_notes(page))
    return tuple(lines)


def definition(ind: Indicator) -> str:
    """The team's definition of a measure (reportgen.toml), for whoever asks what it counts."""
    return f"{ind.ref} definition: {ind.definition}"


def exception_notes(assessment: Assessment, kpis: KpiTable, rank: int,
                    reds: int) -> tuple[str, ...]:
    ind = assessment.indicator
    order = ("the furthest of the reds from its target" if rank == 1
             else f"the {_ordinal(rank)} furthest from target of {reds} reds")
    lines = [f"{_name(ind)} is {order}."]
    if needed := needed_words(assessment):
        lines.append(f"What it would take: {needed}.")
    if assessment.spc is not None:
        ceiling = assessment.bounds is not None and assessment.bounds.ceiling
        lines.append(f"Over {assessment.spc.points} months, SPC reads "
                     f"{spc_words(assessment.spc, ceiling)}; a month's change alone is not the "
                     "signal.")
    elif words := change_words(assessment):
        way = "improvement" if assessment.direction is Direction.IMPROVING else "worsening"
        material = f"a material {way}" if assessment.material else "within normal movement"
        lines.append(f"Since {previous_month(kpis)}: {words}, {material}.")
    if ind.previous_year is not None:
        lines.append(f"For comparison, {kpis.previous_year_label or 'last year'}: "
                     f"{figure(ind.previous_year, ind)}.")
    if _counts_behind(ind):
        lines.append(f"Behind the figure: {count(ind.numerator)} of {count(ind.denominator)}.")
    if ind.definition:
        lines.append(definition(ind))
    lines.extend(doubt_notes([assessment]))
    return tuple(lines)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                    "th")
    return f"{number}{suffix}"


def _counts_behind(ind: Indicator) -> bool:
    """Num and Denom read as "908 of 1,020" only for a percentage whose Num is part of its
    Denom: "64 of 29" (a score's sum and count) says nothing to a listener."""
    num, denom = ind.numerator, ind.denominator
    return (ind.unit is Unit.PERCENT and num is not None and denom is not None
            and 0 <= num.value <= denom.value)


def cohort_notes(indicators: Sequence[Indicator], kpis: KpiTable) -> tuple[str, ...]:
    lines = []
    for ind in indicators:
        values = [f for f in ind.trend if f is not None]
        low, high = min(values, key=lambda f: f.value), max(values, key=lambda f: f.value)
        latest = values[-1]
        lines.append(f"{ind.measure}: {figure(latest, ind)} in {kpis.period.name}; between "
                     f"{figure(low, ind)} and {figure(high, ind)} since "
                     f"{month_label(kpis.months[0])}.")
    return tuple(lines)
