from __future__ import annotations

from dataclasses import replace

import pytest

from reportgen.indicators import (
    Direction,
    Rag,
    assess,
    better_than,
    bounds_of,
    consistency_warning,
    direction_of,
    rag_of,
    summarise,
)
from reportgen.model import Comparator, Figure, Indicator, Polarity, Unit, excel_round, format_value


def indicator(current: float | None = None, low: float | None = None,
              high: float | None = None, *, unit: Unit = Unit.PERCENT,
              trend: tuple[float | None, ...] = (), num: float | None = None,
              denom: float | None = None, decimals: int = 1,
              polarity: Polarity | None = None) -> Indicator:
    def fig(v: float | None, d: int = decimals) -> Figure | None:
        return None if v is None else Figure(v, d)

    return Indicator(
        ref="9.9", section="S", measure="% test", unit=unit, previous_year=None,
        numerator=fig(num, 0), denominator=fig(denom, 0), current=fig(current),
        period_type="Snapshot", trend=tuple(fig(v) for v in trend),
        target_min=fig(low, 0), target_upper=fig(high, 0), polarity=polarity,
    )


@pytest.mark.parametrize(("value", "expected"), [
    (95.0, Rag.GREEN),     # at Upper
    (99.9, Rag.GREEN),
    (94.99, Rag.AMBER),    # just short of Upper
    (90.0, Rag.AMBER),     # at Min
    (89.99, Rag.RED),      # just short of Min
    (0.0, Rag.RED),
])
def test_rag_higher_is_better(value: float, expected: Rag) -> None:
    assert rag_of(value, bounds_of(indicator(value, 90, 95))) is expected


@pytest.mark.parametrize(("value", "expected"), [
    (10.0, Rag.GREEN),     # at Upper (lower is better: Min 15 > Upper 10)
    (3.0, Rag.GREEN),
    (10.01, Rag.AMBER),
    (15.0, Rag.AMBER),     # at Min
    (15.01, Rag.RED),
    (43.1, Rag.RED),
])
def test_rag_lower_is_better(value: float, expected: Rag) -> None:
    bounds = bounds_of(indicator(value, 15, 10))
    assert bounds is not None and bounds.polarity is Polarity.LOWER
    assert rag_of(value, bounds) is expected


@pytest.mark.parametrize(("value", "expected"), [
    (91.0, Rag.GREEN), (90.99, Rag.RED), (100.0, Rag.GREEN),
])
def test_min_equal_to_upper_leaves_no_amber(value: float, expected: Rag) -> None:
    assert rag_of(value, bounds_of(indicator(value, 91, 91))) is expected


@pytest.mark.parametrize(("low", "high"), [(90, None), (None, 90)])
@pytest.mark.parametrize(("value", "expected"), [(90.0, Rag.GREEN), (89.9, Rag.RED)])
def test_a_single_target_serves_as_both(low: float | None, high: float | None, value: float,
                                        expected: Rag) -> None:
    assert rag_of(value, bounds_of(indicator(value, low, high))) is expected


def test_no_targets_means_data_only() -> None:
    result = assess(indicator(1020, unit=Unit.COUNT, trend=(1084, 1020), decimals=0))
    assert (result.rag, result.polarity, result.direction) == (None, None, None)
    assert result.warnings == ()


def test_missing_current_is_unrated_with_a_warning() -> None:
    result = assess(indicator(None, 90, 95))
    assert result.rag is None
    assert [str(w) for w in result.warnings] == ["9.9: no Current value; not rated"]


def test_stated_polarity_overrides_the_targets() -> None:
    result = assess(indicator(2.0, 2, 2, polarity=Polarity.LOWER, trend=(3.0, 2.0)))
    assert result.polarity is Polarity.LOWER
    assert result.direction is Direction.IMPROVING


@pytest.mark.parametrize(("before", "after", "polarity", "expected"), [
    (96.7, 97.8, Polarity.HIGHER, Direction.IMPROVING),
    (97.3, 97.0, Polarity.HIGHER, Direction.WORSENING),
    (99.5, 99.5, Polarity.HIGHER, Direction.SAME),
    (4.1, 3.0, Polarity.LOWER, Direction.IMPROVING),
    (3.0, 4.1, Polarity.LOWER, Direction.WORSENING),
    (None, 3.0, Polarity.LOWER, None),
    (3.0, None, Polarity.HIGHER, None),
    (1084, 1020, None, None),
])
def test_direction_of_travel(before: float | None, after: float | None,
                             polarity: Polarity | None, expected: Direction | None) -> None:
    def fig(v: float | None) -> Figure | None:
        return None if v is None else Figure(v, 1)

    assert direction_of(fig(before), fig(after), polarity) is expected


def test_direction_compares_what_is_shown() -> None:
    assert direction_of(Figure(97.81, 1), Figure(97.84, 1), Polarity.HIGHER) is Direction.SAME


def test_band_change_compares_the_last_two_months() -> None:
    moved = assess(indicator(87.5, 91, 91, trend=(91.9, 87.5)))
    assert moved.band_change == (Rag.GREEN, Rag.RED)
    stayed = assess(indicator(97.8, 90, 95, trend=(96.7, 97.8)))
    assert stayed.band_change is None


@pytest.mark.parametrize(("num", "denom", "current", "decimals", "unit", "warns"), [
    (2995, 3063, 97.8, 1, Unit.PERCENT, False),   # 97.78 shows as 97.8
    (13140, 13525, 97.2, 1, Unit.PERCENT, False),  # 97.153: within half a unit
    (199, 200, 99.3, 1, Unit.PERCENT, True),       # 99.5
    (231, 264, 87.3, 1, Unit.PERCENT, True),       # 87.5
    (64, 29, 2.5, 1, Unit.NUMBER, True),           # 2.21, not a percentage
    (1, 3, 33.0, 0, Unit.PERCENT, False),          # 33.3 shows as 33 at 0 decimals
    (1, 3, 33.0, 1, Unit.PERCENT, True),           # ... but not as 33.0
    (5, 0, 0.0, 1, Unit.PERCENT, False),           # no ratio to compare
])
def test_num_denom_consistency(num: float, denom: float, current: float, decimals: int,
                               unit: Unit, warns: bool) -> None:
    ind = indicator(current, num=num, denom=denom, unit=unit, decimals=decimals)
    assert (consistency_warning(ind) is not None) is warns


def test_consistency_warning_names_ref_and_both_figures() -> None:
    ind = indicator(99.3, num=199, denom=200)
    assert str(consistency_warning(ind)) == \
        "9.9: Current 99.3% does not match Num/Denom 199/200 = 99.5%"


def test_summary_counts_unrated() -> None:
    results = [assess(indicator(v, 90, 95)) for v in (97, 92, 80, 81)] + [assess(indicator(5))]
    summary = summarise(results)
    assert (summary.red, summary.amber, summary.green, summary.unrated) == (2, 1, 1, 1)
    assert summary.total == 5


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (86.25, 1, "86.25 → 86.3"),   # Excel rounds half away from zero; Python's format does not
    (2.5, 0, "2.5 → 3"),
    (0.125, 2, "0.125 → 0.13"),
    (-86.25, 1, "-86.25 → -86.3"),
    (56.99999999999999, 1, "0.57 × 100 → 57.0"),  # binary noise is not a digit a person sees
])
def test_figures_round_as_excel_shows_them(value: float, decimals: int, text: str) -> None:
    expected = text.rsplit("→ ", 1)[1]
    assert format_value(Figure(value, decimals), Unit.NUMBER) == expected


def test_a_figure_is_shown_the_same_however_often_it_is_shown() -> None:
    # figure texts are cached: -0.0 equals 0.0 (one key to a cache of floats), yet reads "-0.0"
    shown = [format_value(Figure(value, 1), unit) for value in (0.0, -0.0, 0.0, -0.0)
             for unit in (Unit.NUMBER, Unit.PERCENT)]
    assert shown == ["0.0", "0.0%", "-0.0", "-0.0%"] * 2
    assert [str(excel_round(value, 2)) for value in (-0.0, 0.0, 1, 1.0)] == [
        "-0.00", "0.00", "1.00", "1.00"]


def test_direction_compares_figures_as_excel_shows_them() -> None:
    # 86.25 shows as 86.3, like 86.3 itself: the same figure to a reader, so no change
    assert direction_of(Figure(86.3, 1), Figure(86.25, 1), Polarity.HIGHER) is Direction.SAME


def test_stated_polarity_that_contradicts_the_targets_is_a_warning() -> None:
    stated_lower = indicator(92.0, 90, 95, polarity=Polarity.LOWER)
    result = assess(stated_lower)
    # The targets' order (Min below Upper) says higher is better: they decide, and say so.
    assert result.polarity is Polarity.HIGHER and result.rag is Rag.AMBER
    assert any("says lower is better" in str(w) and "rated by the targets" in str(w)
               for w in result.warnings)


def test_stated_polarity_decides_where_the_targets_cannot() -> None:
    one_target = indicator(12.0, 15, None, polarity=Polarity.LOWER)
    result = assess(one_target)
    assert (result.polarity, result.rag, result.warnings) == (Polarity.LOWER, Rag.GREEN, ())


def test_a_snapshot_band_move_ends_at_currents_rag() -> None:
    # January 96.0 (green) → Current 89.0 (red); February (89.4) may differ from Current as
    # long as it falls in the same band.
    result = assess(indicator(89.0, 90, 95, trend=(96.0, 89.4)))
    assert result.band_change == (Rag.GREEN, Rag.RED)


def test_a_cumulative_measure_claims_no_band_move() -> None:
    ytd = replace(indicator(91.3, 90, 95, trend=(75.4, 87.7)), period_type="YTD")
    result = assess(ytd)
    # The monthly figures are not what the YTD Current rates: amber now, and no "red → ..."
    assert (result.rag, result.band_change, result.snapshot) == (Rag.AMBER, None, False)
    rolling = replace(ytd, period_type="Rolling Year")
    assert assess(rolling).band_change is None


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 1e308])
def test_formatting_never_fails_on_a_figure_no_workbook_should_hold(value: float) -> None:
    assert format_value(Figure(value, 1), Unit.NUMBER)


def test_a_latest_month_in_another_band_than_current_claims_no_move() -> None:
    # Current 91.0 (amber) but the months say 80.0 (red) twice: no "red → amber" move may be
    # claimed beside "no change since last month", and the trend's last point stays neutral.
    result = assess(indicator(91.0, 85, 95, trend=(80.0, 80.0)))
    assert (result.rag, result.band_change, result.trend_rag) == (Rag.AMBER, None, None)
    agreeing = assess(indicator(89.0, 90, 95, trend=(96.0, 89.0)))
    assert (agreeing.band_change, agreeing.trend_rag) == ((Rag.GREEN, Rag.RED), Rag.RED)


def _latest_month_warnings(ind: Indicator) -> list[str]:
    return [str(w) for w in assess(ind).warnings if "snapshot measure" in str(w)]


def test_a_snapshot_whose_current_is_not_its_latest_month_is_a_warning() -> None:
    """Current is a snapshot's latest month: 87.3% against a last column of 87.5% means one of
    them is wrong (the sample's 6.3D), and check says so."""
    differs = indicator(87.3, 90, 95, trend=(91.9, 87.5))
    assert _latest_month_warnings(differs) == [
        "9.9: Current 87.3% differs from the latest month's 87.5%, for a snapshot measure whose "
        "Current is its latest month; check which is right"]
    same_as_shown = replace(differs, trend=(Figure(91.9, 1), Figure(87.30, 2)))
    assert _latest_month_warnings(same_as_shown) == []
    ytd = replace(differs, period_type="YTD")  # a cumulative Current may differ from its month
    assert _latest_month_warnings(ytd) == []
    assert _latest_month_warnings(replace(differs, trend=(Figure(91.9, 1), None))) == []


def _compared(current: float | None, low: float | None, high: float | None,
              *values: float) -> list[tuple[str | None, float | None]]:
    names = ("England", "Statistical neighbours", "London")
    ind = replace(indicator(current, low, high), comparators=tuple(
        Comparator(name, "2017/18", Figure(value, 1)) for name, value in zip(names, values,
                                                                            strict=False)))
    return [(c.position.value if c.position else None, c.gap)
            for c in assess(ind).comparisons]


def test_comparators_higher_is_better() -> None:
    assert _compared(89.0, 90, 95, 91.2, 86.95, 89.04) == [
        ("worse", -2.2), ("better", 2.0), ("same", 0.0)]


def test_comparators_lower_is_better() -> None:
    # Min 15 > Upper 10: a lower figure than England's is better
    assert _compared(3.0, 15, 10, 5.5, 2.0, 3.0) == [
        ("better", -2.5), ("worse", 1.0), ("same", 0.0)]


def test_a_data_only_measure_is_compared_without_a_judgement() -> None:
    assert _compared(1020.0, None, None, 1000.0) == [(None, 20.0)]


def test_no_current_no_comparison() -> None:
    assert _compared(None, 90, 95, 88.0) == [(None, None)]


def test_the_gap_is_worked_on_the_figures_as_shown() -> None:
    # 86.25 shows as 86.3 (half away from zero); 86.3 against 86.3 is the same
    assert _compared(86.25, 80, 90, 86.3) == [("same", 0.0)]


def test_better_than_counts_rated_indicators_only() -> None:
    england = (Comparator("England", "", Figure(88.0, 1)),)
    rated = [assess(replace(indicator(v, 90, 95), comparators=england))
             for v in (89.0, 92.0, 88.0)]
    unrated = assess(replace(indicator(99.0), comparators=england))
    assert better_than([*rated, unrated], "England") == (2, 0, 1)
