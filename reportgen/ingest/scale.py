"""A row's unit, decided once from all its cells, and its percentages put into percent points.

A percentage arrives as a fraction with a ``%`` format (0.978, read as 97.8), as text
(``"97.8%"``), or bare in a General cell: 0.978 or 97.8. A bare number in a percentage row is a
fraction of 1 or percent points; which one is decided against the row's other figures (the
*reference*: figures that say % themselves, bare figures above 1, which cannot be fractions, and
Num/Denom), never from the cell alone. A bare 0.978 in a row whose other figures are about 96%
can only be 97.8%; a bare 0.6 in a row of about 3% could be 0.6% or 60%, and is warned about.

Targets are read in the same unit as the figures, never the other way round: percentage targets
on a row of counts do not make it a percentage; they are dropped with a warning, so the measure
is shown without a RAG rather than with a wrong one.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Mapping, Sequence
from enum import Enum

from reportgen.errors import Place
from reportgen.frozen import frozen
from reportgen.ingest.cells import Number, as_percent_points
from reportgen.model import Figure, Notice, Unit, format_value

TARGET_KEYS = ("target_min", "target_upper", "floor", "target", "amber")
COUNT_KEYS = ("numerator", "denominator")
"""Num and Denom are counts in every row; they are never rescaled."""

Namer = Callable[[str], tuple[str, Place]]
"""A figure's key → (its column's label, its cell, e.g. ``KPIs!F8``), for messages."""

# How far (in powers of ten) the reference must be from one reading of a bare value before the
# other reading is taken as plain: fractions and percent points differ by exactly 2. Beyond 1.5
# the value ×100 is 10 times nearer the row's figures than the value itself: a fraction for
# sure. Below 0.5 the value is already of the row's size: percent points. Between: a guess.
_SURE_FRACTION = 1.5
_SURE_POINTS = 0.5
_PERCENT_TITLE = re.compile(r"^\s*%|\(%\)|%\s+of\b|\bpercent(age)?s?\b", re.I)


class _Reading(Enum):
    FRACTION = "fraction"
    POINTS = "points"
    EITHER = "either"


@frozen
class Scaled:
    """A row's figures in its unit, what had to be said about them, and whether to refuse."""

    unit: Unit
    figures: dict[str, Number | None]
    notes: tuple[Notice, ...] = ()
    refusal: tuple[str, str] | None = None
    """(key, message) of a target that cannot be read in the row's unit: an InputError."""


def says_percent(measure: str) -> bool:
    """The measure's title says it is a percentage: "% of ...", "... (%)", "percentage"."""
    return bool(_PERCENT_TITLE.search(measure))


def scale_row(ref: str, measure: str, figures: Mapping[str, Number | None],
              name: Namer) -> Scaled:
    values = [(k, n) for k, n in figures.items()
              if n is not None and k not in TARGET_KEYS and k not in COUNT_KEYS]
    targets = [(k, n) for k in TARGET_KEYS if (n := figures.get(k)) is not None]
    out = dict(figures)
    notes: list[Notice] = []
    if says_percent(measure) or any(n.percent for _, n in values):
        unit = Unit.PERCENT
    elif not values:
        # Nothing to contradict the targets: a row awaiting its figures takes their unit.
        unit = Unit.PERCENT if any(n.percent for _, n in targets) else Unit.COUNT
    elif any(n.percent for _, n in targets) and _all_fractions(values):
        # 0.873 in General with targets of 90%: fractions typed without their format.
        unit = Unit.PERCENT
        notes.append(Notice(f"figures at {_cells(values, name)} have no % format but the "
                            "targets are percentages; read as fractions of 1 (0.873 → 87.3%): "
                            "format them as percentages to be sure", _first(values, name), ref))
    else:
        unit = Unit.COUNT if all(_is_whole(n) for _, n in values) else Unit.NUMBER
        if any(n.percent for _, n in targets):
            return Scaled(unit, {**out, **dict.fromkeys(TARGET_KEYS)},
                          (_foreign_targets(ref, unit, targets, name),))
    if unit is not Unit.PERCENT:
        return Scaled(unit, out, tuple(notes))
    return _to_points(ref, out, values, targets, name, notes)


def _all_fractions(values: Sequence[tuple[str, Number]]) -> bool:
    return all(abs(n.value) <= 1 for _, n in values) and not all(_is_whole(n) for _, n in values)


def _is_whole(number: Number) -> bool:
    return number.decimals == 0 and float(number.value).is_integer()


def _bare(number: Number) -> bool:
    """A number with no % of its own that could be a fraction (0 is 0 either way)."""
    return not number.percent and 0 < abs(number.value) <= 1


def _to_points(ref: str, out: dict[str, Number | None], values: list[tuple[str, Number]],
               targets: list[tuple[str, Number]], name: Namer, notes: list[Notice]) -> Scaled:
    bare_values = [(k, n) for k, n in values if _bare(n)]
    bare_targets = [(k, n) for k, n in targets if _bare(n)]
    if not bare_values and not bare_targets:  # the usual row: nothing to decide
        return Scaled(Unit.PERCENT, out, tuple(notes))
    reference = _reference(out, [*values, *targets])
    if reference is None:
        # Every figure is 1 or less and bare: fractions is by far the likelier reading, but
        # nothing in the row proves it.
        bare = [*bare_values, *bare_targets]
        for key, number in bare:
            out[key] = as_percent_points(number)
        notes.append(Notice(f"every figure of this percentage measure is 1 or less with no % "
                            f"format ({_cells(bare, name)}); read as fractions of 1 (0.5 → 50%): "
                            "format them as percentages to be sure", _first(bare, name), ref))
        return Scaled(Unit.PERCENT, out, tuple(notes))
    for key, number in bare_values:
        reading = _reading(number, reference)
        if reading is _Reading.EITHER:
            reading = _nearer(number, reference)
            label, where = name(key)
            notes.append(Notice(
                f"{label} {_shown(number)} at {where.in_workbook} has no % format and could be "
                f"{_shown(number)}% or {_shown(as_percent_points(number))}%; read as "
                f"{_chosen(number, reading)}% (this row's other figures are about "
                f"{reference:.3g}%): format the cell as a percentage", where, ref))
        if reading is _Reading.FRACTION:
            out[key] = as_percent_points(number)
    for key, number in bare_targets:
        reading = _reading(number, reference)
        label, where = name(key)
        points = _shown(as_percent_points(number))
        if reading is _Reading.EITHER:
            return Scaled(Unit.PERCENT, out, tuple(notes), (key, (
                f"{label} target {_shown(number)} has no % format and could mean "
                f"{_shown(number)}% or {points}% (this row's figures are about "
                f"{reference:.3g}%): type it as a percentage, e.g. {points}%")))
        if reading is _Reading.FRACTION:
            out[key] = as_percent_points(number)
            notes.append(Notice(f"{label} target {_shown(number)} at {where.in_workbook} has no % "
                                f"format in a percentage measure; read as {points}%: format the "
                                "cell as a percentage", where, ref))
    return Scaled(Unit.PERCENT, out, tuple(notes))


def _reference(out: Mapping[str, Number | None],
               figures: Sequence[tuple[str, Number]]) -> float | None:
    """The typical size, in percent points, of the row's figures whose scale is certain."""
    sizes = [abs(n.value) for _, n in figures if n.percent or abs(n.value) > 1]
    num, denom = out.get("numerator"), out.get("denominator")
    if num is not None and denom is not None and denom.value > 0:
        sizes.append(abs(num.value / denom.value * 100))
    sizes = [size for size in sizes if size > 0 and math.isfinite(size)]
    return statistics.median(sizes) if sizes else None


def _reading(number: Number, reference: float) -> _Reading:
    distance = math.log10(reference / abs(number.value))
    if distance >= _SURE_FRACTION:
        return _Reading.FRACTION
    if distance <= _SURE_POINTS:
        return _Reading.POINTS
    return _Reading.EITHER


def _nearer(number: Number, reference: float) -> _Reading:
    return _Reading.FRACTION if math.log10(reference / abs(number.value)) > 1 else _Reading.POINTS


def _chosen(number: Number, reading: _Reading) -> str:
    return _shown(as_percent_points(number) if reading is _Reading.FRACTION else number)


def _foreign_targets(ref: str, unit: Unit, targets: list[tuple[str, Number]],
                     name: Namer) -> Notice:
    """Percentage targets on a row of counts: the unit stays the figures', the targets go.
    Both go, because one target alone would serve as both and rate the row by half a rule."""
    percent = [(k, n) for k, n in targets if n.percent]
    said = " and ".join(f"{name(k)[0]} {_shown(n)}% at {name(k)[1].in_workbook}"
                        for k, n in percent)
    kind = "counts" if unit is Unit.COUNT else "numbers, not percentages"
    verb = "is a percentage" if len(percent) == 1 else "are percentages"
    return Notice(f"target {said} {verb} but the measure's figures are {kind}; targets "
                  "ignored, so the measure is not rated", _first(percent, name), ref)


def _shown(number: Number) -> str:
    """The figure as the workbook shows it, without its % sign (the message places it)."""
    return format_value(Figure(number.value, min(number.decimals, 15)), Unit.NUMBER)


def _first(figures: Sequence[tuple[str, Number]], name: Namer) -> Place:
    """The first cell a note names: its place."""
    return name(figures[0][0])[1]


def _cells(figures: Sequence[tuple[str, Number]], name: Namer) -> str:
    places = [name(key)[1].in_workbook for key, _ in figures]
    if len(places) <= 3:
        return ", ".join(places)
    return f"{', '.join(places[:3])} and {len(places) - 3} more"
