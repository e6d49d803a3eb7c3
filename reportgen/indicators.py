"""The indicator rules (corporate minimum/upper model): pure functions over model values.

- Polarity: higher is better unless Min > Upper, or the workbook states it.
- RAG: green at or beyond Upper, amber at or beyond Min, red short of Min. One target alone
  serves as both (no amber band); no targets, no RAG.
- Direction: the last month against the one before, read in the measure's polarity; the change
  is *material* when it reaches the configured threshold (:class:`Rules`).
- Band moves: only where the monthly figures are Current's own basis (a snapshot); a cumulative
  (YTD, rolling-year) measure claims no move, since its months are not what Current rates.
- Data quality: Current must equal Num/Denom to the precision shown.
- Displayed figures round as Excel does: half away from zero (86.25 shows as 86.3).
- A red's distance from its minimum: how far short (``gap``, ``shortfall``) and, from Num/Denom,
  how many more (or fewer) cases would meet it (``needed``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from fractions import Fraction

from reportgen.frozen import frozen
from reportgen.model import (
    MAX_FIGURE_DIGITS,
    Aim,
    Comparator,
    Figure,
    Indicator,
    Month,
    Notice,
    Polarity,
    Target,
    Targets,
    Unit,
    excel_round,
    format_value,
)
from reportgen.past import (
    Past,
    Reported,
    Restatement,
    Shown,
    months_between,
    of_this_measure,
    restatement_notice,
    restatements,
    series,
)
from reportgen.spc import Spc, SpcSettings, Variation, xmr


class Rag(Enum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Direction(Enum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    SAME = "same"


class Position(Enum):
    """Where Current stands against a comparator, read in the measure's polarity."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


@frozen
class Comparison:
    """Current against one comparator (England, statistical neighbours, a region)."""

    comparator: Comparator
    position: Position | None
    """None for a data-only measure (no targets, so no judgement) or a missing Current."""
    gap: float | None
    """Current − the comparator's value in the measure's unit, on the figures as displayed
    (89.0% against 91.2% → −2.2); None without a Current."""


DEFAULT_SPC = SpcSettings()


@frozen
class Rules:
    """The thresholds the rules apply (design.md §3), as data: ``reportgen.toml``'s ``[rules]``
    table sets them. A change is *material* when it is at least ``material_change_percent_points``
    for a percentage, or ``material_change_relative`` of the earlier value for other measures."""

    material_change_percent_points: float = 1.0
    material_change_relative: float = 0.05
    spc: SpcSettings = DEFAULT_SPC
    """The SPC tests' settings: points needed, and the shift and trend run lengths."""
    stale_after_months: int = 3
    """A last pack more months than this before the workbook's period is too old to compare
    with: no band moves are claimed "since last month" (design.md §3)."""

    def __post_init__(self) -> None:
        for name in ("material_change_percent_points", "material_change_relative"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a number of 0 or more, not {value!r}")
        stale = self.stale_after_months
        if isinstance(stale, bool) or not isinstance(stale, int) or not 1 <= stale <= 120:
            raise ValueError(f"stale_after_months must be a whole number from 1 to 120, "
                             f"not {stale!r}")


DEFAULT_RULES = Rules()


@frozen
class History:
    """What the store knew of one indicator before this workbook (``reportgen.history``)."""

    months: tuple[Month, ...] = ()
    """The workbook's month columns, which the indicator's trend follows."""
    shown: Shown | None = None
    """The Current the last pack showed."""
    reported: tuple[Reported, ...] = ()
    """Earlier packs' figures, one per month."""
    stale: Month | None = None
    """The last pack's month, when it is too old to compare with (``Rules.stale_after_months``):
    no band move is claimed, from it or from the workbook's own months."""
    notice: Notice | None = None
    """Why some earlier packs were left out (they recorded another measure under the ref)."""


NO_HISTORY = History()


class RagModel(Enum):
    """How an indicator's targets make its RAG (design.md §3); ``check --json``'s ``rag_model``."""

    MIN_UPPER = "min-upper"
    SINGLE_TARGET = "single-target"
    FLOOR_TARGET = "floor-target"
    TOLERANCE = "tolerance"
    TWO_SIDED = "two-sided"
    THRESHOLDS = "thresholds"
    NONE = "none"


# Stands for "not given" in Bounds' figure fields; replaced in __post_init__ (see there).
_UNSHOWN = Figure(math.nan, 0)


@frozen
class Bounds:
    """The targets in force for one measure: ``minimum`` is the red/amber line and ``upper``
    the amber/green one, whatever the model that gave them (a floor and a target, a target and
    its tolerance, Red / Amber / Target thresholds).

    ``min_figure`` and ``upper_figure`` are the targets as the workbook shows them (value and
    decimals), with one target alone already serving as both; ``bounds_of`` is the one place
    that applies that fallback. A two-sided measure ("stay close to target") has no polarity:
    it is green within ``tolerance`` of ``centre`` and amber within ``amber_width``.
    """

    minimum: float
    upper: float
    polarity: Polarity | None
    min_figure: Figure = _UNSHOWN
    upper_figure: Figure = _UNSHOWN
    model: RagModel = RagModel.MIN_UPPER
    strict: bool = False
    """Green must beat ``upper``, not meet it ("Fewer than 85": 85 is not green)."""
    min_strict: bool = False
    """Amber must beat ``minimum`` (a Red threshold written ``<= 74``)."""
    centre: Figure | None = None
    """The target a tolerance is around (the tolerance and two-sided models)."""
    tolerance: Figure | None = None
    """The tolerance as written: in the row's unit, or a share of the target (``relative``)."""
    relative: bool = False
    amber_width: float | None = None
    """Two-sided: how far from ``centre`` a figure stays amber."""
    assumed: bool = False
    """The polarity was not stated and could not be read from the targets: it is assumed (and
    ``check`` says so)."""
    benchmark: str = ""
    """The benchmark a target relative to one was read from ("Statistical neighbours")."""

    def __post_init__(self) -> None:
        # Bounds built from bare values (Bounds(90, 95, polarity), as the property tests do)
        # still show their targets: as the values themselves, with the decimals they have.
        if self.min_figure is _UNSHOWN:
            object.__setattr__(self, "min_figure", _bare_figure(self.minimum))
        if self.upper_figure is _UNSHOWN:
            object.__setattr__(self, "upper_figure", _bare_figure(self.upper))

    @property
    def single(self) -> bool:
        """Min == Upper: one target line and no amber band."""
        return self.minimum == self.upper and self.model is not RagModel.TWO_SIDED

    @property
    def ceiling(self) -> bool:
        """Lower is better: the targets are ceilings (a "maximum"), not minimums."""
        return self.polarity is Polarity.LOWER

    def reaches(self, value: float, target: float, strict: bool = False) -> bool:
        if strict:
            return value > target if self.polarity is Polarity.HIGHER else value < target
        return value >= target if self.polarity is Polarity.HIGHER else value <= target


def _bare_figure(value: float) -> Figure:
    if not math.isfinite(value):
        return Figure(value, 0)
    exponent = int(Decimal(f"{value:.15g}").normalize().as_tuple().exponent)
    return Figure(value, min(max(-exponent, 0), MAX_FIGURE_DIGITS))


@frozen
class Assessment:
    indicator: Indicator
    polarity: Polarity | None
    rag: Rag | None
    """Current's RAG: the one RAG of the indicator, wherever the deck shows one."""
    direction: Direction | None
    band_change: tuple[Rag, Rag] | None
    """RAG of the month before last → Current's RAG, when they differ (snapshot measures)."""
    warnings: tuple[Notice, ...]
    bounds: Bounds | None = None
    """The targets in force, as the RAG was worked out from them."""
    snapshot: bool = True
    """Monthly figures are Current's own kind (see ``is_snapshot``)."""
    trend_rag: Rag | None = None
    """Current's RAG where the latest month may show it: a snapshot whose latest month falls in
    the same band as Current. Otherwise None, and the trend's last point stays neutral."""
    change: float | None = None
    """The latest month minus the month before, as displayed (97.8 − 96.7 = 1.1, never
    1.0999...); None when either is missing."""
    material: bool = False
    """The direction is improving or worsening and the change reaches the rules' threshold."""
    shortfall: float | None = None
    """A red only: how far Current falls short of Min, relative to Min (|Min − Current| / |Min|;
    the plain gap when Min is 0). Ranks the exception slides."""
    gap: float | None = None
    """A red only: the distance from Current to Min in the measure's unit, positive (Min 90%,
    Current 89.0% → 1.0)."""
    needed: int | None = None
    """A red only, from Num/Denom: the fewest whole cases by which Num must rise (higher is
    better) or fall (lower is better), Denom unchanged, to meet Min as the RAG reads it (908/1,020
    = 89.0% against 90% → 10). None where that cannot be said honestly."""
    mismatch: bool = False
    """Current does not equal Num/Denom to the precision shown: the figure may be wrong, and
    the deck marks it wherever it shows it."""
    rag_last_month: Rag | None = None
    """Current's RAG as the last pack showed it (from the history store); None without one."""
    last_pack: Month | None = None
    """The month of the pack that RAG comes from (usually the month before this one's)."""
    stale_pack: Month | None = None
    """The month of the last pack in the history store when it is too long before this one to
    compare with (``Rules.stale_after_months``): then no band move is claimed at all."""
    restatements: tuple[Restatement, ...] = ()
    """Months whose figure differs from what an earlier pack reported."""
    series: tuple[tuple[Month, Figure | None], ...] = ()
    """The whole monthly series: the store's earlier months, then the workbook's own."""
    spc: Spc | None = None
    """The XmR reading of the whole series, where it has enough points (snapshot measures)."""
    signal: Direction | None = None
    """Whether the deck calls it better or worse (design.md §3): special-cause variation where
    SPC reads the series, else a material change since last month; None for neither."""
    comparisons: tuple[Comparison, ...] = ()
    """Current against each of the row's comparators, in the sheet's column order."""
    doubts: tuple[Notice, ...] = ()
    """The data-quality doubts about its figures (design.md §3): Current not matching
    Num/Denom, a snapshot Current that is not its latest month, a restatement, the council's own
    RAG disagreeing, an impossible figure. They are for the team (check, notes, appendix), never
    the board's slides; each is also among ``warnings``."""

    @property
    def rag_model(self) -> RagModel:
        return self.bounds.model if self.bounds is not None else RagModel.NONE

    @property
    def to_check(self) -> bool:
        """A doubt the team has not accepted (reportgen.toml ``accept``): the deck is a draft."""
        return bool(self.doubts) and not self.indicator.accepted


@frozen
class Summary:
    red: int
    amber: int
    green: int
    unrated: int

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.unrated


def _target_polarity(low: float, high: float) -> Polarity | None:
    if low == high:
        return None
    return Polarity.LOWER if low > high else Polarity.HIGHER


def bounds_of(indicator: Indicator) -> Bounds | None:
    """The targets in force, by the row's RAG model (design.md §3); None for a data-only
    measure. The seed's Min and Upper decide where the row has them; else the targets the
    row states beyond them (``Indicator.targets``)."""
    if indicator.aim is Aim.NONE and not indicator.polarity_configured:
        return None
    if indicator.target_min is not None or indicator.target_upper is not None:
        return _min_upper(indicator)
    targets = indicator.targets
    if targets is None or targets.data_only:
        return None
    if targets.thresholds:
        return _thresholds(indicator, targets)
    target = _benchmark_target(indicator, targets) if targets.benchmark else targets.target
    return None if target is None else _target_bounds(indicator, targets, target)


def _target_bounds(indicator: Indicator, targets: Targets, target: Target) -> Bounds | None:
    """A target with a floor, a tolerance either side or one side, or alone."""
    if indicator.aim is Aim.TWO_SIDED and not indicator.polarity_configured:
        return _two_sided(targets, target)
    if targets.floor is not None:
        return _floor_target(indicator, targets.floor, target)
    polarity, assumed = _polarity_for(indicator, target.aim)
    if targets.tolerance is not None:
        return _tolerance(targets, target, polarity, assumed)
    return Bounds(target.figure.value, target.figure.value, polarity, target.figure,
                  target.figure, RagModel.SINGLE_TARGET, strict=target.strict,
                  min_strict=target.strict, assumed=assumed, benchmark=targets.benchmark)


def _min_upper(indicator: Indicator) -> Bounds | None:
    """The seed's model: one target alone serves as both (no amber band). Their order decides
    the polarity when they differ; a stated polarity decides only where they cannot (one
    target, or Min == Upper), and where nothing does, higher is assumed, and said."""
    low = indicator.target_min if indicator.target_min is not None else indicator.target_upper
    high = indicator.target_upper if indicator.target_upper is not None else indicator.target_min
    if low is None or high is None:
        return None
    if indicator.polarity_configured and indicator.polarity is not None:
        # The team's configuration decides: the target further from good is the red line,
        # whichever column it was typed in.
        polarity = indicator.polarity
        if polarity is not (_target_polarity(low.value, high.value) or polarity):
            low, high = high, low
        return Bounds(low.value, high.value, polarity, low, high)
    implied = _target_polarity(low.value, high.value) or indicator.polarity
    return Bounds(low.value, high.value, implied or Polarity.HIGHER, low, high,
                  assumed=implied is None)


def _polarity_for(indicator: Indicator, words: Polarity | None,
                  order: Polarity | None = None) -> tuple[Polarity, bool]:
    """The polarity a target is read in, and whether it was assumed: the team's configuration,
    else the target's own words ("Fewer than 85"), else the workbook's polarity cell, else the
    targets' order; higher, assumed, where none says."""
    if indicator.polarity_configured and indicator.polarity is not None:
        return indicator.polarity, False
    for polarity in (words, indicator.polarity, order):
        if polarity is not None:
            return polarity, False
    return Polarity.HIGHER, True


def _floor_target(indicator: Indicator, floor: Figure, target: Target) -> Bounds:
    polarity, assumed = _polarity_for(indicator, target.aim,
                                      _target_polarity(floor.value, target.figure.value))
    return Bounds(floor.value, target.figure.value, polarity, floor, target.figure,
                  RagModel.FLOOR_TARGET, strict=target.strict, assumed=assumed)


def _tolerance_size(targets: Targets, target: Target) -> float:
    tolerance = targets.tolerance
    assert tolerance is not None
    size = abs(tolerance.value)
    return abs(target.figure.value) * size / 100 if targets.relative else size


def _tolerance(targets: Targets, target: Target, polarity: Polarity, assumed: bool) -> Bounds:
    """Green at or beyond the target, amber short of it by no more than the tolerance."""
    size = _tolerance_size(targets, target)
    edge = target.figure.value - size if polarity is Polarity.HIGHER \
        else target.figure.value + size
    decimals = max(target.figure.decimals, _bare_figure(edge).decimals)
    return Bounds(edge, target.figure.value, polarity, Figure(edge, decimals), target.figure,
                  RagModel.TOLERANCE, strict=target.strict, centre=target.figure,
                  tolerance=targets.tolerance, relative=targets.relative, assumed=assumed)


def _two_sided(targets: Targets, target: Target) -> Bounds | None:
    """Green within the tolerance either side of the target, amber within twice it."""
    if targets.tolerance is None:
        return None
    size = _tolerance_size(targets, target)
    centre = target.figure
    low, high = centre.value - size, centre.value + size
    decimals = max(centre.decimals, _bare_figure(low).decimals, _bare_figure(high).decimals)
    return Bounds(low, high, None, Figure(low, decimals), Figure(high, decimals),
                  RagModel.TWO_SIDED, centre=centre, tolerance=targets.tolerance,
                  relative=targets.relative, amber_width=2 * size)


def _thresholds(indicator: Indicator, targets: Targets) -> Bounds | None:
    """Red / Amber / Target columns, read as the workbook states them: green at or beyond the
    green threshold, amber at or beyond where amber begins, red short of it."""
    green, amber = targets.target, targets.amber
    if green is None:
        return None
    if amber is None:
        amber = green
    order = _target_polarity(amber.figure.value, green.figure.value)
    polarity, assumed = _polarity_for(indicator, green.aim or amber.aim, order)
    return Bounds(amber.figure.value, green.figure.value, polarity, amber.figure, green.figure,
                  RagModel.THRESHOLDS, strict=green.strict, min_strict=amber.strict,
                  assumed=assumed)


_BENCHMARK_WORDS = re.compile(r"[a-z]+")
_BENCHMARK_FAMILIES = (
    frozenset({"england", "national", "nat", "eng"}),
    frozenset({"statistical", "stat", "neighbour", "neighbours", "neighbor", "neighbors", "sn",
               "neigh"}),
    frozenset({"regional", "region"}),
)


def _family(name: str) -> frozenset[str] | None:
    words = set(_BENCHMARK_WORDS.findall(name.lower()))
    return next((family for family in _BENCHMARK_FAMILIES if words & family), None)


def benchmark_of(indicator: Indicator, name: str) -> Comparator | None:
    """The row's comparator a target such as "Above Stat Neighbour Average" names: the same
    family of benchmark (England, statistical neighbours, region), never a "best" one."""
    family = _family(name)
    if family is None:
        return None
    return next((c for c in indicator.comparators if _family(c.name) is family
                 and "best" not in c.name.lower() and "top" not in c.name.lower()), None)


def _benchmark_target(indicator: Indicator, targets: Targets) -> Target | None:
    comparator = benchmark_of(indicator, targets.benchmark)
    target = targets.target
    if comparator is None or target is None:
        return None
    return Target(comparator.value, target.strict, target.aim, target.text)


def target_notices(indicator: Indicator, bounds: Bounds | None) -> list[Notice]:
    """What a guess in reading the targets must say (design.md §3: never silent): a polarity
    assumed, a benchmark target without its benchmark, a stay-close target without a tolerance,
    target words that contradict the polarity cell."""
    notices: list[Notice] = []
    targets = indicator.targets
    place = (targets.place if targets is not None and targets.place.cell else None) \
        or indicator.place
    where = f" at {place.in_workbook}" if place.in_workbook else ""
    if bounds is not None and bounds.assumed:
        shown = format_value(bounds.upper_figure, indicator.unit)
        one = indicator.target_min is None or indicator.target_upper is None
        what = (f"the target {shown}{where} has no direction" if bounds.model is not
                RagModel.MIN_UPPER else f"only one target ({shown}) is given" if one
                else f"Min and Upper are both {shown}")
        notices.append(Notice(
            f"{what} and the workbook states no polarity: rated as higher is better; "
            f"if lower is better, say so in a Polarity (or Good is) column or in reportgen.toml "
            f'[indicators."{indicator.ref}"] polarity = "lower"', place, indicator.ref))
    if targets is not None and bounds is None and not targets.data_only \
            and indicator.target_min is None and indicator.target_upper is None \
            and indicator.aim is not Aim.NONE:
        if targets.benchmark:
            notices.append(Notice(
                f"the target {targets.benchmark!r}{where} is relative to a benchmark the row "
                "has no figure for; not rated", place, indicator.ref))
        elif indicator.aim is Aim.TWO_SIDED and targets.target is not None:
            notices.append(Notice(
                f"a stay-close-to-target measure needs a tolerance{where}; not rated",
                place, indicator.ref))
    if targets is not None and targets.target is not None and targets.target.aim is not None \
            and indicator.polarity is not None and not indicator.polarity_configured \
            and targets.target.aim is not indicator.polarity:
        notices.append(Notice(
            f"the target {targets.target.text!r}{where} says {targets.target.aim.value} is "
            f"better, but the polarity cell says {indicator.polarity.value}; rated by the "
            "target's words", place, indicator.ref))
    if indicator.aim is Aim.NONE and ((targets is not None and targets.target is not None)
                                      or indicator.target_min is not None
                                      or indicator.target_upper is not None):
        notices.append(Notice("the polarity cell says this measure is for information, but "
                              "the row has a target; not rated", place, indicator.ref))
    notices.extend(Notice(text, place, indicator.ref) for text in
                   (targets.notes if targets is not None else ()))
    return notices


def polarity_warning(indicator: Indicator) -> Notice | None:
    """A stated polarity that the targets' order contradicts: the targets win, and say so."""
    bounds = bounds_of(indicator)
    if indicator.polarity is None or bounds is None or indicator.polarity_configured:
        return None
    implied = _target_polarity(bounds.minimum, bounds.upper)
    if implied is None or implied is indicator.polarity:
        return None
    place = indicator.polarity_place or indicator.place
    where = place.in_workbook
    return Notice(f"the workbook says {indicator.polarity.value} is better"
                  f"{f' (at {where})' if where else ''}, but Min "
                  f"{format_value(_figure_of(indicator.target_min), indicator.unit)} and Upper "
                  f"{format_value(_figure_of(indicator.target_upper), indicator.unit)} say "
                  f"{implied.value} is better; rated by the targets", place, indicator.ref)


def _figure_of(figure: Figure | None) -> Figure:
    return figure if figure is not None else Figure(float("nan"))


def rag_of(value: float | None, bounds: Bounds | None) -> Rag | None:
    if value is None or bounds is None:
        return None
    if bounds.model is RagModel.TWO_SIDED and bounds.centre is not None:
        # worked in decimals: 264 is within 10% of 240, not 1e-14 beyond it
        distance = abs(_decimal(value) - _decimal(bounds.centre.value))
        if distance <= _decimal(bounds.upper) - _decimal(bounds.centre.value):
            return Rag.GREEN
        return Rag.AMBER if distance <= _decimal(bounds.amber_width or 0.0) else Rag.RED
    if bounds.reaches(value, bounds.upper, bounds.strict):
        return Rag.GREEN
    if bounds.reaches(value, bounds.minimum, bounds.min_strict):
        return Rag.AMBER
    return Rag.RED


def shown(figure: Figure) -> float:
    """The value as displayed, so that two months that look equal count as the same."""
    return float(excel_round(figure.value, figure.decimals))


def direction_of(before: Figure | None, after: Figure | None,
                 polarity: Polarity | None) -> Direction | None:
    if before is None or after is None or polarity is None:
        return None
    a, b = shown(before), shown(after)
    if a == b:
        return Direction.SAME
    better = b > a if polarity is Polarity.HIGHER else b < a
    return Direction.IMPROVING if better else Direction.WORSENING


def ratio_value(numerator: Figure, denominator: Figure, unit: Unit) -> float | None:
    """Num/Denom in the measure's unit; None when Denom is zero."""
    if denominator.value == 0:
        return None
    ratio = numerator.value / denominator.value
    return ratio * 100 if unit is Unit.PERCENT else ratio


def consistency_warning(indicator: Indicator) -> Notice | None:
    num, denom, current = indicator.numerator, indicator.denominator, indicator.current
    if num is None or denom is None or current is None:
        return None
    expected = ratio_value(num, denom, indicator.unit)
    if expected is None:
        return None
    tolerance = 0.5 * 10 ** -current.decimals
    # The small slack absorbs float noise in a ratio that lands exactly on a rounding edge.
    if abs(current.value - expected) <= tolerance + 1e-9:
        return None
    shown_expected = Figure(expected, max(current.decimals, 1))
    return Notice(f"Current {format_value(current, indicator.unit)} does not match Num/Denom "
                  f"{format_value(num, Unit.COUNT)}/{format_value(denom, Unit.COUNT)} = "
                  f"{format_value(shown_expected, indicator.unit)}", indicator.place,
                  indicator.ref)


_CUMULATIVE = re.compile(r"\b(ytd|year[\s-]+to[\s-]+date|rolling|cumulative|financial year|"
                         r"r12m?|12[\s-]*month[\s-]*rolling|rolling[\s-]*12)\b", re.IGNORECASE)


def is_snapshot(indicator: Indicator) -> bool:
    """Each month's figure is of the same kind as Current (not a YTD or rolling figure), so
    monthly figures may speak of Current's RAG: a band move, the colour of a trend's last point."""
    return _CUMULATIVE.search(indicator.period_type or "") is None


def assess(indicator: Indicator, rules: Rules = DEFAULT_RULES,
           history: History = NO_HISTORY) -> Assessment:
    bounds = bounds_of(indicator)
    current = indicator.current.value if indicator.current else None
    warnings = list(indicator.notes)
    if bounds is not None and current is None:
        warnings.append(Notice("no Current value; not rated", indicator.place, indicator.ref))
    mismatch = consistency_warning(indicator)
    doubts = [mismatch] if mismatch is not None else []
    doubts.extend(indicator.impossible)  # left out as missing when read; still to check
    if mismatch is not None:
        warnings.append(mismatch)
    if (contradiction := polarity_warning(indicator)) is not None:
        warnings.append(contradiction)
    warnings.extend(target_notices(indicator, bounds))
    before, after = _last_two(indicator.trend)
    polarity = bounds.polarity if bounds else indicator.polarity
    rag = rag_of(current, bounds)
    snapshot = is_snapshot(indicator)
    # Monthly figures speak for Current's RAG only where they agree with it: a latest month in
    # another band than Current (a workbook whose Current is not its last month) claims no
    # move, so the glance slide's moves and its improved/worsened counts cannot contradict.
    agrees = snapshot and rag is not None and rag_of(after.value if after else None,
                                                      bounds) is rag
    if rag is Rag.RED and not indicator.commentary.strip():
        warnings.append(commentary_warning(indicator))
    if snapshot and (latest := latest_month_warning(indicator, history.months)) is not None:
        warnings.append(latest)
        doubts.append(latest)
    direction = direction_of(before, after, polarity)
    change = change_of(before, after)
    council = council_notices(indicator, rag, direction)
    warnings.extend(council)
    doubts.extend(council[:1] if council_rag(indicator.council_rag) not in (None, rag) else [])
    red = bounds if rag is Rag.RED else None
    restated = restatements(indicator, history.months, history.reported)
    restated_notices = [restatement_notice(indicator, item, format_value(item.now, indicator.unit),
                                           format_value(item.was, indicator.unit))
                        for item in restated]
    warnings.extend(restated_notices)
    doubts.extend(restated_notices)
    whole = series(indicator, history.months, history.reported)
    last = _rag_named(history.shown.rag) if history.shown is not None else None
    # XmR charts read a series of like figures; a YTD or rolling-year figure accumulates and
    # resets each year, so only snapshot measures are read with SPC.
    spc = _spc(whole, polarity, bounds, rules) if snapshot else None
    material = is_material(before, change, direction, indicator.unit, rules)
    if history.notice is not None:
        warnings.append(history.notice)
    if history.stale is not None:
        # The board last saw a pack long ago: neither it nor this workbook's months say what
        # moved "since last month".
        band_change = None
    elif history.shown is not None:
        # The board saw last month's Current: compare like with like, YTD measures included.
        band_change = (last, rag) if last is not None and rag is not None and last is not rag \
            else None
    else:
        band_change = _band_change(before, rag, bounds) if agrees else None
    return Assessment(
        indicator=indicator,
        polarity=polarity,
        rag=rag,
        direction=direction,
        band_change=band_change,
        warnings=tuple(warnings),
        bounds=bounds,
        snapshot=snapshot,
        trend_rag=rag if agrees else None,
        change=None if change is None else float(change),
        material=material,
        shortfall=shortfall_of(indicator.current, red),
        gap=gap_of(indicator.current, red),
        needed=None if mismatch is not None or red is None else needed_of(indicator, red),
        mismatch=mismatch is not None,
        rag_last_month=last,
        last_pack=history.shown.period if history.shown is not None else None,
        stale_pack=history.stale,
        restatements=restated,
        series=whole,
        spc=spc,
        signal=_signal(spc, direction, material),
        comparisons=comparisons_of(indicator, polarity if bounds is not None else None),
        doubts=tuple(doubts),
    )


_COUNCIL_RAG = {"r": Rag.RED, "red": Rag.RED, "a": Rag.AMBER, "amber": Rag.AMBER,
                "g": Rag.GREEN, "green": Rag.GREEN}
_COUNCIL_DIRECTION = {
    **dict.fromkeys(("improving", "improved", "better", "improvement", "getting better"),
                    Direction.IMPROVING),
    **dict.fromkeys(("worsening", "worsened", "worse", "deteriorating", "declining",
                     "getting worse", "deterioration"), Direction.WORSENING),
    **dict.fromkeys(("same", "no change", "unchanged", "stable", "static", "\u2192",
                     "\u2194", "=", "<->", "->", "steady"), Direction.SAME),
}
# A direction-of-travel arrow says better or worse, as scorecards' keys explain it ("↑
# performance improved on the previous period"), not which way the figure moved.
_COUNCIL_DIRECTION.update({
    **dict.fromkeys(("\u2191", "\u2197", "\u25b2", "\u21e7"), Direction.IMPROVING),
    **dict.fromkeys(("\u2193", "\u2198", "\u25bc", "\u21e9"), Direction.WORSENING),
})


def council_rag(text: str | None) -> Rag | None:
    """The council's own RAG as a Rag: ``Red``, ``R``, ``amber``; None for anything else
    (``Blue``, ``n/a``, ``Red/Amber``), which is not compared."""
    return _COUNCIL_RAG.get((text or "").strip().lower())


def council_notices(indicator: Indicator, rag: Rag | None,
                    direction: Direction | None) -> list[Notice]:
    """Where the council's own RAG or direction of travel disagrees with the rules': a warning
    naming both (design.md §3). The deck shows the rules' rating, which is reproducible."""
    notices = []
    theirs = council_rag(indicator.council_rag)
    if theirs is not None and theirs is not rag:
        place = indicator.council_rag_place or indicator.place
        ours = rag.value if rag is not None else "no rating"
        notices.append(Notice(
            f"the workbook's own RAG {indicator.council_rag!r} at {place.in_workbook} "
            f"disagrees with the rules' {ours}; the deck shows {ours}", place, indicator.ref))
    said = (indicator.council_direction or "").strip()
    place = indicator.council_direction_place or indicator.place
    theirs_way = _COUNCIL_DIRECTION.get(said.lower())
    if theirs_way is not None and direction is not None and theirs_way is not direction:
        notices.append(Notice(
            f"the workbook's own direction of travel {said!r} ({theirs_way.value}) at "
            f"{place.in_workbook} disagrees with the rules' {direction.value}", place,
            indicator.ref))
    return notices


def _signal(spc: Spc | None, direction: Direction | None, material: bool) -> Direction | None:
    if spc is not None and spc.variation is not None:
        return {Variation.IMPROVEMENT: Direction.IMPROVING,
                Variation.CONCERN: Direction.WORSENING}.get(spc.variation)
    return direction if material and direction is not Direction.SAME else None


def _rag_named(name: str | None) -> Rag | None:
    return next((rag for rag in Rag if rag.value == name), None)


def _spc(whole: tuple[tuple[Month, Figure | None], ...], polarity: Polarity | None,
         bounds: Bounds | None, rules: Rules) -> Spc | None:
    values = [figure.value if figure is not None else None for _, figure in whole]
    if sum(v is not None for v in values) < rules.spc.min_points:
        return None
    return xmr(values, polarity, bounds.minimum if bounds else None,
               bounds.upper if bounds else None, rules.spc)


def latest_month_warning(indicator: Indicator, months: tuple[Month, ...]) -> Notice | None:
    """A snapshot measure's Current is its latest month's figure: where the two differ as shown,
    one of them may be wrong (a column not rolled forward, a figure typed over)."""
    current, last = indicator.current, indicator.trend[-1] if indicator.trend else None
    if current is None or last is None:
        return None
    places = min(current.decimals, last.decimals)
    if excel_round(current.value, places) == excel_round(last.value, places):
        return None
    month = months[-1].short if months else "the latest month"
    return Notice(f"Current {format_value(current, indicator.unit)} differs from {month}'s "
                  f"{format_value(last, indicator.unit)}, for a snapshot measure whose Current "
                  "is its latest month; check which is right", indicator.place, indicator.ref)


def commentary_warning(indicator: Indicator) -> Notice:
    """A red with nothing in the workbook to explain it. The deck says nothing of missing
    commentary (tool text before the cabinet), so ``check`` is where the officer learns it."""
    cell = indicator.commentary_place
    if cell is not None:
        return Notice(f"red with no commentary; add a line at {cell.in_workbook}, in the "
                      "Commentary column, to explain it on its exception slide", cell,
                      indicator.ref)
    row = indicator.place
    digits = (row.cell or "").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    where = (f"to {row.sheet} and a line on row {digits}" if row.sheet and digits else
             "to the KPI sheet and a line for it")
    return Notice(f"red with no commentary; add a Commentary column {where} to explain it on "
                  "its exception slide", row, indicator.ref)


def change_of(before: Figure | None, after: Figure | None) -> Decimal | None:
    """The latest month minus the month before, on the figures as displayed."""
    if before is None or after is None:
        return None
    a, b = excel_round(before.value, before.decimals), excel_round(after.value, after.decimals)
    if not (a.is_finite() and b.is_finite()):
        return None  # never from a workbook: ingest refuses such figures
    return b - a


def is_material(before: Figure | None, change: Decimal | None, direction: Direction | None,
                unit: Unit, rules: Rules = DEFAULT_RULES) -> bool:
    """A change worth a headline (design.md §3): at least the rules' percentage points for a
    percentage, their share of the earlier value for other measures (any change from 0).
    Worked in decimals, so that a change exactly at the threshold counts."""
    if before is None or change is None or direction not in (Direction.IMPROVING,
                                                             Direction.WORSENING):
        return False
    size = abs(change)
    if unit is Unit.PERCENT:
        return size >= _decimal(rules.material_change_percent_points)
    earlier = abs(excel_round(before.value, before.decimals))
    if earlier == 0:
        return size > 0
    return size >= _decimal(rules.material_change_relative) * earlier


def _decimal(value: float) -> Decimal:
    """A float as the decimal a person wrote (0.05, not 0.05000000000000000277)."""
    return Decimal(f"{value:.15g}")


def gap_of(current: Figure | None, bounds: Bounds | None) -> float | None:
    """How far Current is from Min in the measure's unit (positive), for a red; else None.
    Current as stored, like its RAG, worked in decimals (95 − 94.3 = 0.7, not 0.70...03)."""
    if current is None or bounds is None or not _finite(current.value, bounds.minimum):
        return None
    return float(abs(_decimal(bounds.minimum) - _decimal(current.value)))


def shortfall_of(current: Figure | None, bounds: Bounds | None) -> float | None:
    """The gap relative to Min, to rank reds; the plain gap when Min is 0."""
    gap = gap_of(current, bounds)
    if gap is None or bounds is None:
        return None
    return gap / abs(bounds.minimum) if bounds.minimum else gap


def needed_of(indicator: Indicator, bounds: Bounds) -> int | None:
    """The fewest whole cases by which Num must move in the better direction, Denom unchanged,
    for Num/Denom (×100 for a percentage) to meet Min as ``rag_of`` reads it.

    None where the answer would not be honest: no Num/Denom, a Denom of 0 or less, figures that
    are not whole cases, Num already meeting Min (Current disagrees with it), Num falling below
    0, or a percentage whose Num would pass its Denom. The caller leaves out a red whose Current
    does not match Num/Denom. Exact fractions: 918 of 1,020 is exactly 90%, not 89.999...%."""
    num, denom = indicator.numerator, indicator.denominator
    if num is None or denom is None or not _finite(num.value, denom.value, bounds.minimum):
        return None
    if denom.value <= 0 or not _whole(num.value, denom.value):
        return None
    scale = 100 if indicator.unit is Unit.PERCENT else 1
    # Num at which the ratio sits exactly on Min
    edge = Fraction(_decimal(bounds.minimum)) * int(denom.value) / scale
    cases = int(num.value)
    if bounds.polarity is None:
        return None  # two-sided: more or fewer cases may each be wrong
    if bounds.polarity is Polarity.HIGHER:
        needed = math.ceil(edge - cases)
        reachable = indicator.unit is not Unit.PERCENT or cases + needed <= denom.value
    else:
        needed = math.ceil(cases - edge)
        reachable = cases - needed >= 0
    return needed if needed > 0 and reachable else None


def _whole(*values: float) -> bool:
    return all(float(value).is_integer() for value in values)


def _finite(*values: float) -> bool:
    return all(math.isfinite(value) for value in values)


def _last_two(trend: tuple[Figure | None, ...]) -> tuple[Figure | None, Figure | None]:
    if len(trend) < 2:
        return None, None
    return trend[-2], trend[-1]


def _band_change(before: Figure | None, now: Rag | None,
                 bounds: Bounds | None) -> tuple[Rag, Rag] | None:
    old = rag_of(before.value if before else None, bounds)
    if old is None or now is None or old is now:
        return None
    return old, now


def assess_all(indicators: Iterable[Indicator], rules: Rules = DEFAULT_RULES,
               months: tuple[Month, ...] = (),
               past: Past | None = None) -> tuple[Assessment, ...]:
    """Every indicator assessed; ``months`` are the workbook's month columns and ``past`` what
    the history store knew before it (none: the workbook alone)."""
    if past is None:
        return tuple(assess(indicator, rules, History(months)) for indicator in indicators)
    # What the board saw last is the last pack (last month's, or July's after an August with no
    # meeting): a measure it did not show has no "last month" (an older pack's Current would be
    # a move over two packs, called one).
    last = past.last or (months[-1].shifted(-1) if months else None)
    stale = past.last if past.last is not None and months and months_between(
        past.last, months[-1]) > rules.stale_after_months else None
    return tuple(assess(indicator, rules, _history(indicator, past, months, last, stale))
                 for indicator in indicators)


def _history(indicator: Indicator, past: Past, months: tuple[Month, ...], last: Month | None,
             stale: Month | None) -> History:
    """What the store knew of this indicator: its ref's, less any pack that recorded another
    measure under it; no last pack to compare with when the last is too old."""
    earlier = of_this_measure(indicator, past, _last_pack(past, indicator, last),
                              past.reported.get(indicator.ref, ()))
    return History(months, None if stale else earlier.shown, earlier.reported, stale,
                   earlier.notice)


def _last_pack(past: Past, indicator: Indicator, last: Month | None) -> Shown | None:
    shown = past.shown.get(indicator.ref)
    return shown if shown is not None and shown.period == last else None


def ranked_reds(assessments: Iterable[Assessment]) -> list[Assessment]:
    """The reds, the furthest short of Min (relative to Min) first; ties in workbook order."""
    return sorted((a for a in assessments if a.rag is Rag.RED),
                  key=lambda a: -(a.shortfall or 0.0))


def summarise(assessments: Iterable[Assessment]) -> Summary:
    counts = Counter(a.rag for a in assessments)
    return Summary(red=counts[Rag.RED], amber=counts[Rag.AMBER], green=counts[Rag.GREEN],
                   unrated=counts[None])


def comparisons_of(indicator: Indicator,
                   polarity: Polarity | None) -> tuple[Comparison, ...]:
    """Current against each comparator, on the figures as displayed (89.0% and 89.0% are the
    same). ``polarity`` is None for a data-only measure: its comparators are shown, not judged."""
    return tuple(_comparison(indicator.current, item, polarity)
                 for item in indicator.comparators)


def _comparison(current: Figure | None, comparator: Comparator,
                polarity: Polarity | None) -> Comparison:
    if current is None:
        return Comparison(comparator, None, None)
    ours = excel_round(current.value, current.decimals)
    theirs = excel_round(comparator.value.value, comparator.value.decimals)
    if not (ours.is_finite() and theirs.is_finite()):
        return Comparison(comparator, None, None)  # never from a workbook: ingest refuses them
    gap = ours - theirs
    if polarity is None:
        position = None
    elif gap == 0:
        position = Position.SAME
    else:
        better = gap > 0 if polarity is Polarity.HIGHER else gap < 0
        position = Position.BETTER if better else Position.WORSE
    return Comparison(comparator, position, float(gap))


def better_than(assessments: Iterable[Assessment], name: str) -> tuple[int, int, int]:
    """How many rated indicators stand better, worse and the same as a comparator whose name
    starts with ``name`` ("England"), among those the workbook compares with it."""
    counts = Counter(c.position for a in assessments if a.rag is not None
                     for c in a.comparisons
                     if c.position is not None and c.comparator.name.lower().startswith(
                         name.lower()))
    return counts[Position.BETTER], counts[Position.WORSE], counts[Position.SAME]
