"""The XmR rules (reportgen.spc) on hand-worked series: every test and its boundary.

The series are built from a few baselines whose sums are easy to check by hand. Each test says
which tests flag which points: a change to a rule moves a flag and fails a test here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.model import Polarity
from reportgen.spc import Assurance, Spc, SpcSettings, Test, Variation, xmr

HIGHER, LOWER = Polarity.HIGHER, Polarity.LOWER
IMPROVEMENT, CONCERN, COMMON = Variation.IMPROVEMENT, Variation.CONCERN, Variation.COMMON
NONE: frozenset[Test] = frozenset()
SHIFT, TREND = frozenset({Test.SHIFT}), frozenset({Test.TREND})
TWO_OF_THREE, BEYOND = frozenset({Test.TWO_OF_THREE}), frozenset({Test.BEYOND_LIMIT})

# Baselines that flag nothing on their own: they swing about 10 every month, so no run forms.
ZIGZAG: list[float | None] = [12.0, 8.0] * 8   # mean 10, every moving range 4; ends below
NARROW: list[float | None] = [11.0, 9.0] * 8   # mean 10, every moving range 2; ends below

# 24 months of a percentage, no signal: mean 82.25, limits 77.196 and 87.304.
STABLE: list[float | None] = [
    81.2, 83.5, 80.9, 82.7, 84.1, 81.8, 83.0, 80.5, 82.2, 83.9, 81.4, 82.8,
    80.7, 83.3, 82.0, 81.1, 84.0, 82.5, 80.8, 83.6, 81.9, 82.4, 80.6, 83.1,
]


def chart(values: Sequence[float | None], polarity: Polarity | None = HIGHER, *,
          minimum: float | None = None, upper: float | None = None,
          **settings: int) -> Spc:
    """The chart, which these series are all long enough to have."""
    result = xmr(values, polarity, minimum, upper, SpcSettings(**settings))
    assert result is not None
    return result


def flags(values: Sequence[float | None], polarity: Polarity | None = HIGHER,
          **settings: int) -> tuple[frozenset[Test], ...]:
    return chart(values, polarity, **settings).tests


# -- Centre line and limits --------------------------------------------------------------------


def test_mean_and_limits_of_a_small_series() -> None:
    # mean 55/5 = 11; moving ranges 2, 1, 2, 4: mean 2.25; 2.66 × 2.25 = 5.985;
    # the 2σ lines are two thirds of that away: 3.99
    result = chart([10, 12, 11, 13, 9], min_points=5)
    assert result.points == 5
    assert result.mean == pytest.approx(11)
    assert result.mean_moving_range == pytest.approx(2.25)
    assert (result.lower, result.upper) == pytest.approx((5.015, 16.985))
    assert (result.near_lower, result.near_upper) == pytest.approx((7.01, 14.99))


def test_a_stable_series_is_common_cause_throughout() -> None:
    # done-when: common cause for a stable series
    result = chart(STABLE)
    assert result.mean == pytest.approx(82.25)
    assert (result.lower, result.upper) == pytest.approx((77.196, 87.304))
    assert result.tests == (NONE,) * 24
    assert result.special == (None,) * 24
    assert result.variation is COMMON


# -- A point beyond a process limit ------------------------------------------------------------


def test_a_point_below_the_lower_limit_is_a_concern() -> None:
    # done-when: concern for a point below the lower limit (higher is better)
    values = [*STABLE[:23], 74.0]
    result = chart(values)
    assert result.lower == pytest.approx(76.3427, abs=1e-4)
    assert result.tests == (NONE,) * 23 + (BEYOND,)
    assert result.special[-1] is CONCERN
    assert result.variation is CONCERN
    assert chart(values, LOWER).variation is IMPROVEMENT


def test_a_point_exactly_on_the_upper_limit_is_not_beyond_it() -> None:
    # sum 9 × 23 + 10 + 21 = 238, mean 11.9; moving ranges 18 × 3 + 11 = 65 over 19;
    # upper limit 11.9 + 2.66 × 65 / 19 = 11.9 + 9.1 = 21.0, where the last point is.
    # The reference counts only points strictly beyond a limit too.
    on_limit: list[float] = [10.0, 13.0] * 9 + [10.0, 21.0]
    result = chart(on_limit)
    assert result.upper == pytest.approx(21.0)
    assert result.tests[-1] == NONE
    assert result.variation is COMMON
    # a hair further moves the limit by less than the point: beyond
    past = chart([*on_limit[:-1], 21.01])
    assert past.upper < 21.01
    assert Test.BEYOND_LIMIT in past.tests[-1]
    assert past.variation is IMPROVEMENT


# -- A trend -----------------------------------------------------------------------------------


def test_seven_points_rising_are_a_trend() -> None:
    # mean (160 + 70) / 23 = 10: 10 sits on the mean, 7-9 below, 11-13 above (no shift)
    values = [*ZIGZAG, 7, 8, 9, 10, 11, 12, 13]
    result = chart(values)
    assert result.mean == pytest.approx(10)
    assert result.tests == (NONE,) * 16 + (TREND,) * 7
    assert result.special[-7:] == (IMPROVEMENT,) * 7
    assert result.variation is IMPROVEMENT
    assert chart(values, LOWER).variation is CONCERN


def test_six_points_rising_are_not_a_trend_by_default() -> None:
    # the baseline ends on 8, so 8 → 8 is no rise: the run is 8..13, six points
    values = [*ZIGZAG, 8, 9, 10, 11, 12, 13]
    assert flags(values) == (NONE,) * 22
    assert flags(values, trend_run=6)[-6:] == (TREND,) * 6
    assert flags([*ZIGZAG, 7, 8, 9, 10, 11, 12, 13], trend_run=8)[-7:] == (NONE,) * 7


def test_a_repeated_value_breaks_a_trend() -> None:
    # 7 8 9 10 | 10 11 12 13: two rises of four points each
    assert flags([*ZIGZAG, 7, 8, 9, 10, 10, 11, 12, 13]) == (NONE,) * 24


def test_seven_points_falling_are_a_trend_read_in_the_polarity() -> None:
    values = [*[8.0, 12.0] * 8, 13, 12, 11, 10, 9, 8, 7]
    result = chart(values)
    assert result.tests[-7:] == (TREND,) * 7
    assert result.variation is CONCERN
    assert chart(values, LOWER).special[-7:] == (IMPROVEMENT,) * 7


def test_a_peak_between_a_rise_and_a_fall_takes_the_fall() -> None:
    # 7..13 rises for seven points and 13..7 falls for seven: 13 is in both. It takes the run
    # it starts, as the reference does (a point in a trend either side takes the right side).
    values = [*ZIGZAG, 7, 8, 9, 10, 11, 12, 13, 12, 11, 10, 9, 8, 7]
    result = chart(values)
    peak = len(ZIGZAG) + 6
    assert all(Test.TREND in tests for tests in result.tests[len(ZIGZAG):])
    assert result.special[peak - 1] is IMPROVEMENT
    assert result.special[peak] is CONCERN
    assert result.special[peak + 1] is CONCERN


# -- Two of three beyond a 2σ line ---------------------------------------------------------------


def test_two_of_three_beyond_the_same_2_sigma_line() -> None:
    # mean 10.667, 2σ line 14.526, upper limit 16.456: both 16s between them
    result = chart([*NARROW, 16, 16])
    assert result.near_upper < 16 < result.upper
    assert result.tests == (NONE,) * 16 + (TWO_OF_THREE,) * 2
    assert result.variation is IMPROVEMENT


def test_two_of_three_flags_the_two_not_the_point_between() -> None:
    result = chart([*NARROW, 16, 10, 16])
    assert result.tests[-3:] == (TWO_OF_THREE, NONE, TWO_OF_THREE)


def test_two_of_three_below_is_read_in_the_polarity() -> None:
    result = chart([*NARROW, 4, 10, 4])
    assert result.tests[-3:] == (TWO_OF_THREE, NONE, TWO_OF_THREE)
    assert result.variation is CONCERN
    assert chart([*NARROW, 4, 10, 4], LOWER).variation is IMPROVEMENT


def test_one_of_three_beyond_a_2_sigma_line_is_not_a_signal() -> None:
    result = chart([*NARROW, 10, 16, 10])
    assert result.near_upper < 16 < result.upper
    assert result.tests[-3:] == (NONE,) * 3


def test_two_beyond_opposite_2_sigma_lines_are_not_a_signal() -> None:
    result = chart([*NARROW, 16, 4])
    assert result.near_lower > 4 and result.near_upper < 16
    assert result.tests[-2:] == (NONE, NONE)
    assert result.variation is COMMON


def test_two_of_three_with_the_third_point_across_the_mean() -> None:
    # design.md: 2 of 3 beyond 2σ on the same side; the third (9) is below the mean 10.58.
    # The reference wants all three on one side of the mean and would not flag these.
    result = chart([*NARROW, 16, 9, 16])
    assert result.mean > 9
    assert result.tests[-3:] == (TWO_OF_THREE, NONE, TWO_OF_THREE)


def test_a_point_beyond_the_limit_is_beyond_the_2_sigma_line_too() -> None:
    # 25 is beyond the upper limit (17.63) and 16 beyond the 2σ line (15.29): two of three.
    # The reference counts only points between the 2σ line and the limit.
    result = chart([*NARROW, *NARROW, 25, 16])
    assert result.upper < 25
    assert result.near_upper < 16 < result.upper
    assert result.tests[-2:] == (BEYOND | TWO_OF_THREE, TWO_OF_THREE)


# -- A shift -----------------------------------------------------------------------------------


SHIFTED_UP = [83.4, 84.0, 83.2, 83.8, 83.5, 84.1, 83.6]


def test_seven_points_above_the_mean_are_a_shift() -> None:
    # done-when: 24 months ending in a shift up of 7 points, higher is better: improvement.
    # 80.8 before the shift is below the mean (82.56), so the run is exactly seven.
    values = [*STABLE[:16], 80.8, *SHIFTED_UP]
    result = chart(values)
    assert len(values) == 24
    assert result.tests == (NONE,) * 17 + (SHIFT,) * 7
    assert result.special == (None,) * 17 + (IMPROVEMENT,) * 7
    assert result.variation is IMPROVEMENT
    assert chart(values, LOWER).variation is CONCERN


def test_six_points_above_the_mean_are_not_a_shift_by_default() -> None:
    values = [*STABLE[:16], 80.8, 81.5, *SHIFTED_UP[:6]]
    assert chart(values).tests == (NONE,) * 24
    assert chart(values).variation is COMMON
    result = chart(values, shift_run=6)
    assert result.tests[-6:] == (SHIFT,) * 6
    assert result.variation is IMPROVEMENT
    assert chart([*STABLE[:16], 80.8, *SHIFTED_UP], shift_run=8).tests[-7:] == (NONE,) * 7


def test_seven_points_below_the_mean_are_a_shift_read_in_the_polarity() -> None:
    values = [*STABLE[:16], 83.9, 81.0, 80.6, 81.3, 80.9, 81.2, 80.7, 81.1]
    result = chart(values)
    assert result.tests[-7:] == (SHIFT,) * 7 and result.tests[-8] == NONE
    assert result.variation is CONCERN
    assert chart(values, LOWER).variation is IMPROVEMENT


def test_a_point_on_the_mean_breaks_a_shift() -> None:
    # mean 10: 11 11 11 10 11 11 11 is two runs of three above it
    values = [*ZIGZAG, 11, 11, 11, 10, 11, 11, 11, 6, 8]
    result = chart(values)
    assert result.mean == pytest.approx(10)
    assert result.tests == (NONE,) * 25


# -- Precedence --------------------------------------------------------------------------------


def test_a_trend_outranks_a_shift_that_disagrees() -> None:
    # seven points falling (a concern, higher is better) that all sit above the mean (a shift
    # up, an improvement): the trend comes first in design.md's order
    result = chart([*NARROW, 14.5, 14, 13.5, 13, 12.5, 12, 11.5])
    assert result.tests[-7:] == (TREND | SHIFT,) * 7
    assert result.special[-7:] == (CONCERN,) * 7


def test_a_point_beyond_the_limit_outranks_the_trend_it_starts() -> None:
    result = chart([*NARROW, *NARROW, 20, 14, 13.5, 13, 12.5, 12, 11.5])
    assert Test.BEYOND_LIMIT in result.tests[-7] and Test.TREND in result.tests[-7]
    assert result.special[-7] is IMPROVEMENT
    assert result.special[-6:] == (CONCERN,) * 6


# -- A flat series -----------------------------------------------------------------------------


def test_a_flat_series_has_its_limits_on_the_mean_and_no_signal() -> None:
    result = chart([50.0] * 15, minimum=50, upper=50.1)
    assert result.mean_moving_range == 0
    assert result.lower == result.upper == result.mean == pytest.approx(50)
    assert result.tests == (NONE,) * 15
    assert result.variation is COMMON
    # on the target exactly: always meets Min; never reaches Upper
    assert (result.assurance_min, result.assurance_upper) == (Assurance.PASS, Assurance.FAIL)


def test_a_flat_series_of_inexact_binary_figures_is_still_flat() -> None:
    # 0.978 × 100 is 97.80000000000001 in binary; a float mean of 0.1s is not 0.1. Read as the
    # decimals written, every point is on the mean: no shift of points "above" it.
    assert flags([0.978 * 100, 97.8] * 8) == (NONE,) * 16
    assert flags([0.1] * 15 + [0.1 + 0.2 - 0.2]) == (NONE,) * 16


def test_flat_levels_across_a_gap_are_beyond_their_zero_width_limits() -> None:
    # no moving range crosses the gap, so the mean moving range is 0 and the limits sit on
    # the mean (6): every point differs from it, so every point is beyond
    result = chart([5.0] * 8 + [None] + [7.0] * 8)
    assert result.lower == result.upper == pytest.approx(6)
    assert all(Test.BEYOND_LIMIT in result.tests[i] for i in (*range(8), *range(9, 17)))
    assert result.special[:8] == (CONCERN,) * 8
    assert result.special[9:] == (IMPROVEMENT,) * 8


# -- Missing months ------------------------------------------------------------------------------


def test_a_moving_range_never_spans_a_missing_month() -> None:
    # present: 10 12 · 20 22, mean 16; ranges 2 and 2 (not 12 → 20): mean 2, limits 16 ± 5.32,
    # 2σ lines 16 ± 3.5467. Across the gap the mean range would be 4 and nothing beyond.
    result = chart([10, 12, None, 20, 22], min_points=4)
    assert result.points == 4
    assert result.mean_moving_range == pytest.approx(2)
    assert (result.lower, result.upper) == pytest.approx((10.68, 21.32))
    assert (result.near_lower, result.near_upper) == pytest.approx((12.4533, 19.5467), abs=1e-4)
    assert result.tests == (BEYOND | TWO_OF_THREE, TWO_OF_THREE, NONE,
                            TWO_OF_THREE, BEYOND | TWO_OF_THREE)
    assert result.special[2] is None


def test_a_shift_carries_across_a_missing_month() -> None:
    values = [*STABLE[:16], 80.8, 83.4, 84.0, 83.2, None, 83.8, 83.5, 84.1, 83.6]
    result = chart(values)
    assert result.tests == (NONE,) * 17 + (SHIFT,) * 3 + (NONE,) + (SHIFT,) * 4
    assert result.special[20] is None
    assert result.variation is IMPROVEMENT


def test_a_trend_carries_across_a_missing_month() -> None:
    result = chart([*ZIGZAG, 7, 8, 9, None, 10, 11, 12, 13])
    assert result.tests[-8:] == (TREND,) * 3 + (NONE,) + (TREND,) * 4


def test_the_latest_reading_is_the_latest_month_present() -> None:
    result = chart([*STABLE[:16], 80.8, *SHIFTED_UP, None])
    assert result.special[-1] is None
    assert result.variation is IMPROVEMENT


def test_fewer_months_present_than_the_minimum_give_no_chart() -> None:
    fourteen: list[float | None] = [*STABLE[:14], None, None]
    assert xmr(fourteen, HIGHER, 80, 85) is None
    assert xmr([*STABLE[:14], None, 81.0], HIGHER, 80, 85) is not None
    assert xmr(fourteen, HIGHER, 80, 85, SpcSettings(min_points=14)) is not None
    assert xmr([], HIGHER, None, None) is None


def test_no_two_adjacent_months_give_no_chart() -> None:
    # fifteen months present but no moving range to measure the spread by
    assert xmr([10.0, None] * 15, HIGHER, None, None) is None


def test_per_point_readings_follow_the_input_positions() -> None:
    values = [None, *STABLE, None]
    result = chart(values)
    assert len(result.special) == len(result.tests) == 26
    assert result.points == 24
    assert result.tests[0] == result.tests[-1] == NONE


# -- Polarity --------------------------------------------------------------------------------


def test_without_polarity_the_limits_are_given_but_no_reading() -> None:
    values = [*STABLE[:16], 80.8, *SHIFTED_UP]
    result = chart(values, None, minimum=80, upper=85)
    assert result.tests[-7:] == (SHIFT,) * 7
    assert result.special == (None,) * 24
    assert result.variation is None
    assert result.assurance_min is None and result.assurance_upper is None
    assert result.upper == pytest.approx(chart(values).upper)


# -- Assurance -----------------------------------------------------------------------------------

# 10 11 10 9, four times: mean 10, every moving range 1, limits 7.34 and 12.66 exactly
STEADY: list[float | None] = [10.0, 11.0, 10.0, 9.0] * 4


def test_the_steady_series_is_as_worked() -> None:
    result = chart(STEADY)
    assert (result.lower, result.upper) == pytest.approx((7.34, 12.66))
    assert result.tests == (NONE,) * 16


@pytest.mark.parametrize(("target", "expected"), [
    (7.0, Assurance.PASS),            # below the lower limit: always met
    (7.34, Assurance.PASS),           # on the lower limit: met exactly counts as met
    (7.35, Assurance.HIT_AND_MISS),
    (10.0, Assurance.HIT_AND_MISS),
    (12.66, Assurance.HIT_AND_MISS),  # on the upper limit: met at best, exactly
    (12.67, Assurance.FAIL),          # above the upper limit: never met
])
def test_assurance_higher_is_better(target: float, expected: Assurance) -> None:
    assert chart(STEADY, HIGHER, minimum=target).assurance_min is expected
    assert chart(STEADY, HIGHER, upper=target).assurance_upper is expected


@pytest.mark.parametrize(("target", "expected"), [
    (13.0, Assurance.PASS),
    (12.66, Assurance.PASS),          # on the upper limit: met exactly counts as met
    (12.65, Assurance.HIT_AND_MISS),
    (7.34, Assurance.HIT_AND_MISS),   # on the lower limit: met at best, exactly
    (7.33, Assurance.FAIL),
])
def test_assurance_lower_is_better(target: float, expected: Assurance) -> None:
    assert chart(STEADY, LOWER, minimum=target).assurance_min is expected
    assert chart(STEADY, LOWER, upper=target).assurance_upper is expected


def test_a_target_above_the_upper_limit_fails() -> None:
    # done-when: fail where the target is above the upper process limit (87.304)
    result = chart(STABLE, minimum=80, upper=90)
    assert (result.assurance_min, result.assurance_upper) == (Assurance.HIT_AND_MISS,
                                                              Assurance.FAIL)


def test_no_target_no_assurance() -> None:
    result = chart(STABLE, minimum=None, upper=75)
    assert result.assurance_min is None
    assert result.assurance_upper is Assurance.PASS


# -- Settings and bad figures --------------------------------------------------------------------


@pytest.mark.parametrize("changes", [
    {"min_points": 1}, {"shift_run": 5}, {"shift_run": 9}, {"trend_run": 5}, {"trend_run": 9},
])
def test_settings_out_of_range_are_refused(changes: dict[str, int]) -> None:
    with pytest.raises(ValueError, match=next(iter(changes))):
        SpcSettings(**changes)


def test_settings_at_the_ends_of_their_ranges_are_accepted() -> None:
    assert SpcSettings(min_points=2, shift_run=6, trend_run=8).trend_run == 8
    assert SpcSettings(shift_run=8, trend_run=6).shift_run == 8


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_figure_that_is_not_finite_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        xmr([*STABLE[:23], bad], HIGHER, None, None)
    with pytest.raises(ValueError, match="finite"):
        xmr(STABLE, HIGHER, bad, None)


# -- Properties ----------------------------------------------------------------------------------

FEW = SpcSettings(min_points=5)
months = st.lists(
    st.one_of(st.none(), st.integers(-500, 500).map(lambda n: n / 10)), min_size=0, max_size=40)


@given(values=months)
def test_mirroring_the_series_mirrors_every_reading(values: list[float | None]) -> None:
    """Negating every figure is exact: the same points are flagged by the same tests, the
    limits swap, and every reading swaps between improvement and concern."""
    mirrored = [None if value is None else -value for value in values]
    result, mirror = xmr(values, HIGHER, None, None, FEW), xmr(mirrored, HIGHER, None, None, FEW)
    if result is None or mirror is None:
        assert result is None and mirror is None
        return
    assert mirror.tests == result.tests
    assert mirror.upper == pytest.approx(-result.lower)
    assert mirror.lower == pytest.approx(-result.upper)
    swap = {IMPROVEMENT: CONCERN, CONCERN: IMPROVEMENT, COMMON: COMMON, None: None}
    assert mirror.special == tuple(swap[special] for special in result.special)
    assert mirror.variation is swap[result.variation]
    lower_is_better = xmr(values, LOWER, None, None, FEW)
    assert lower_is_better is not None
    assert lower_is_better.special == mirror.special


@given(values=months)
def test_readings_are_where_tests_flag_and_limits_are_ordered(
        values: list[float | None]) -> None:
    result = xmr(values, HIGHER, None, None, FEW)
    if result is None:
        return
    assert result.lower <= result.near_lower <= result.mean <= result.near_upper <= result.upper
    for value, special, tests in zip(values, result.special, result.tests, strict=True):
        assert (special is None) == (not tests)
        if value is None:
            assert not tests
