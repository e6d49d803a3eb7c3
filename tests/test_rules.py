"""The rules as data: material change, the targets as shown, and how far a red is from its Min."""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reportgen.errors import Place
from reportgen.indicators import (
    DEFAULT_RULES,
    Bounds,
    Direction,
    Rag,
    Rules,
    assess,
    assess_all,
    bounds_of,
)
from reportgen.model import Figure, Indicator, Polarity, Unit


def indicator(current: float | None = None, low: float | None = None,
              high: float | None = None, *, unit: Unit = Unit.PERCENT,
              trend: tuple[float | None, ...] = (), num: float | None = None,
              denom: float | None = None, decimals: int = 1, target_decimals: int = 0,
              polarity: Polarity | None = None) -> Indicator:
    def fig(v: float | None, d: int = decimals) -> Figure | None:
        return None if v is None else Figure(v, d)

    return Indicator(
        ref="3.1", section="Plans", measure="% test", unit=unit, previous_year=None,
        numerator=fig(num, 0), denominator=fig(denom, 0), current=fig(current),
        period_type="Snapshot", trend=tuple(fig(v) for v in trend),
        target_min=fig(low, target_decimals), target_upper=fig(high, target_decimals),
        polarity=polarity,
    )


# --- Rules -------------------------------------------------------------------------------------

def test_default_rules_are_design_section_3() -> None:
    expected = Rules(material_change_percent_points=1.0, material_change_relative=0.05)
    assert expected == DEFAULT_RULES


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_rules_refuse_thresholds_that_cannot_be_met_or_missed(bad: float) -> None:
    with pytest.raises(ValueError, match="material_change_relative"):
        Rules(material_change_relative=bad)


def test_assess_all_applies_the_rules_it_is_given() -> None:
    ind = indicator(97.5, 90, 95, trend=(97.0, 97.5))
    assert [a.material for a in assess_all([ind])] == [False]
    assert [a.material for a in assess_all([ind], Rules(material_change_percent_points=0.5))] \
        == [True]


# --- change and material -----------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after", "change", "material"), [
    (96.7, 97.8, 1.1, True),
    (97.0, 98.0, 1.0, True),      # exactly one point: material
    (97.0, 97.9, 0.9, False),     # just under
    (98.4, 98.2, -0.2, False),    # the comfortably green "worsened": not material
    (91.1, 90.1, -1.0, True),     # a full point down is material too
    (99.5, 99.5, 0.0, False),     # same
])
def test_a_percentage_moves_materially_by_one_point(before: float, after: float, change: float,
                                                   material: bool) -> None:
    result = assess(indicator(after, 90, 95, trend=(before, after)))
    assert result.change == change  # exact: worked on the displayed decimals
    assert result.material is material


def test_change_is_taken_on_the_figures_as_displayed() -> None:
    # 86.25 shows as 86.3 (Excel rounds half away from zero); 87.34 as 87.3: a change of 1.0
    result = assess(indicator(87.34, 80, 95, trend=(86.25, 87.34)))
    assert (result.change, result.material) == (1.0, True)


@pytest.mark.parametrize(("before", "after", "material"), [
    (20, 21, True),        # 5% of 20 is 1: exactly at the threshold
    (20, 19, True),
    (100, 104, False),     # 4%: just under
    (2.6, 2.73, True),     # 5% of 2.6 is 0.13: at the threshold, not lost to float noise
    (2.6, 2.72, False),
])
def test_other_measures_move_materially_by_five_percent(before: float, after: float,
                                                        material: bool) -> None:
    ind = indicator(after, 10, 30, unit=Unit.NUMBER, trend=(before, after), decimals=2)
    assert assess(ind).material is material


def test_any_change_from_zero_is_material() -> None:
    ind = indicator(1, 2, 0, unit=Unit.COUNT, trend=(0, 1), decimals=0)  # lower is better
    result = assess(ind)
    assert (result.direction, result.change, result.material) == (Direction.WORSENING, 1.0, True)


def test_lower_is_better_reads_a_fall_as_a_material_improvement() -> None:
    result = assess(indicator(3.0, 15, 10, trend=(4.1, 3.0)))
    assert (result.direction, result.change, result.material) == (Direction.IMPROVING, -1.1, True)


def test_a_measure_without_polarity_has_a_change_but_no_material_move() -> None:
    # a data-only count: no direction, so nothing to call improved or worsened
    result = assess(indicator(1020, unit=Unit.COUNT, trend=(1084, 1020), decimals=0))
    assert (result.direction, result.change, result.material) == (None, -64.0, False)


@pytest.mark.parametrize("trend", [(None, 97.0), (97.0, None), (97.0,), ()])
def test_no_change_without_both_months(trend: tuple[float | None, ...]) -> None:
    result = assess(indicator(97.0, 90, 95, trend=trend))
    assert (result.change, result.material) == (None, False)


# --- Bounds as shown ---------------------------------------------------------------------------

def test_bounds_carry_the_targets_as_the_workbook_shows_them() -> None:
    bounds = bounds_of(indicator(89.0, 90, 95.5, target_decimals=1))
    assert bounds == Bounds(90, 95.5, Polarity.HIGHER, Figure(90, 1), Figure(95.5, 1))
    assert not bounds.single


@pytest.mark.parametrize(("low", "high"), [(90, None), (None, 90)])
def test_one_target_alone_is_both_figures(low: float | None, high: float | None) -> None:
    bounds = bounds_of(indicator(89.0, low, high))
    assert bounds is not None and bounds.single
    assert bounds.min_figure == bounds.upper_figure == Figure(90, 0)


def test_min_equal_to_upper_is_single() -> None:
    bounds = bounds_of(indicator(89.0, 91, 91))
    assert bounds is not None and bounds.single


def test_bounds_from_bare_values_show_them_with_their_own_decimals() -> None:
    bounds = Bounds(90.0, 2.25, Polarity.LOWER)
    assert (bounds.min_figure, bounds.upper_figure) == (Figure(90.0, 0), Figure(2.25, 2))


def test_the_assessment_carries_its_bounds() -> None:
    ind = indicator(12.0, 15, None, polarity=Polarity.LOWER)
    assert assess(ind).bounds == bounds_of(ind)


# --- gap and shortfall -------------------------------------------------------------------------

def test_sample_3_1_gap_shortfall_and_cases_needed() -> None:
    result = assess(indicator(89.0, 90, 95, num=908, denom=1020, trend=(86.5, 89.0)))
    assert result.rag is Rag.RED
    assert result.gap == 1.0
    assert result.shortfall == pytest.approx(1 / 90)
    assert result.needed == 10  # 918 of 1,020 is exactly 90.0%


def test_the_gap_is_exact_in_the_measures_decimals() -> None:
    assert assess(indicator(94.3, 95, 98)).gap == 0.7  # not 0.7000000000000028


def test_lower_is_better_gap_is_positive() -> None:
    result = assess(indicator(43.1, 15, 10))
    assert result.rag is Rag.RED and result.gap == 28.1
    assert result.shortfall == pytest.approx(28.1 / 15)


def test_a_zero_minimum_gives_the_plain_gap_as_shortfall() -> None:
    result = assess(indicator(3, 0, 0, unit=Unit.COUNT, decimals=0, polarity=Polarity.LOWER))
    assert (result.rag, result.gap, result.shortfall) == (Rag.RED, 3.0, 3.0)


@pytest.mark.parametrize("current", [90.0, 92.0, 96.0, None])
def test_only_a_red_has_a_gap(current: float | None) -> None:
    result = assess(indicator(current, 90, 95, num=None))
    assert (result.gap, result.shortfall, result.needed) == (None, None, None)


def test_reds_rank_by_shortfall_relative_to_min() -> None:
    # 2 points short of 90 is further than 1 point short of 80 relative to the target
    near = assess(indicator(79.0, 80, 85))
    far = assess(indicator(88.0, 90, 95))
    assert far.shortfall is not None and near.shortfall is not None
    assert far.shortfall > near.shortfall


# --- needed ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("num", "denom", "low", "high", "needed"), [
    (890, 1020, 90, 95, 28),     # 3.3a: 918 of 1,020 meets 90%
    (917, 1020, 90, 95, 1),      # one short
    (1, 3, 50, 60, 1),           # 2 of 3 = 66.7% meets 50%
    (0, 10, 10, 20, 1),
])
def test_needed_for_higher_is_better(num: float, denom: float, low: float, high: float,
                                     needed: int) -> None:
    current = round(num / denom * 100, 1)
    result = assess(indicator(current, low, high, num=num, denom=denom))
    assert (result.rag, result.needed) == (Rag.RED, needed)


@pytest.mark.parametrize(("num", "denom", "needed"), [
    (60, 335, 10),    # 17.9% against a 15% maximum: 50 of 335 = 14.9%
    (51, 335, 1),     # 15.2%: one fewer, 50 of 335, meets it
    (54, 360, 0),     # exactly 15.0%: not red at all
])
def test_needed_for_lower_is_better(num: float, denom: float, needed: int) -> None:
    current = round(num / denom * 100, 1)
    result = assess(indicator(current, 15, 10, num=num, denom=denom))
    if needed == 0:
        assert (result.rag, result.needed) == (Rag.AMBER, None)
    else:
        assert (result.rag, result.needed) == (Rag.RED, needed)


def test_needed_on_the_exact_edge_counts_the_case_that_reaches_it() -> None:
    # 15% of 360 is 54 exactly: from 56, two fewer reach 15.0% (at Min is amber, not red)
    result = assess(indicator(15.6, 15, 10, num=56, denom=360))
    assert result.needed == 2


def test_needed_for_a_number_unit_is_without_the_hundred() -> None:
    # caseload per worker, lower is better: 64 cases for 29 workers = 2.2 against a maximum of 2
    result = assess(indicator(2.2, 2, 1.5, unit=Unit.NUMBER, num=64, denom=29,
                              target_decimals=1))
    assert (result.rag, result.needed) == (Rag.RED, 6)  # 58 / 29 = 2.0 exactly


def test_needed_for_a_count_ratio_higher_is_better() -> None:
    result = assess(indicator(1.5, 2, 3, unit=Unit.NUMBER, num=30, denom=20))
    assert (result.rag, result.needed) == (Rag.RED, 10)


def test_a_mismatch_gives_no_needed() -> None:
    # 6.3D: Current 87.3% but 231/264 = 87.5%: which one to count from is not known
    result = assess(indicator(87.3, 91, 91, num=231, denom=264))
    assert result.rag is Rag.RED and result.gap is not None
    assert result.needed is None


@pytest.mark.parametrize(("num", "denom"), [
    (None, 1020), (908, None), (0, 0), (9080.5, 10200), (-908, -1020),
])
def test_no_needed_without_whole_cases_to_count(num: float | None, denom: float | None) -> None:
    result = assess(indicator(89.0, 90, 95, num=num, denom=denom))
    assert result.rag is Rag.RED and result.needed is None


def test_no_needed_where_num_would_pass_denom_in_a_percentage() -> None:
    # a 100% minimum can be met (all of them), a 101% one cannot
    reachable = assess(indicator(99.0, 100, 100, num=99, denom=100))
    beyond = assess(indicator(99.0, 101, 101, num=99, denom=100))
    assert (reachable.needed, beyond.needed) == (1, None)


def test_no_needed_where_num_would_go_below_zero() -> None:
    # lower is better with a negative maximum: no count of cases can reach it
    result = assess(indicator(5.0, -1, -2, unit=Unit.NUMBER, num=5, denom=1))
    assert result.rag is Rag.RED and result.needed is None


def test_no_needed_where_num_denom_already_meets_min() -> None:
    # Current 89.96 (shown 90.0) is red as stored, while 900/1,000 meets 90%: no count is honest
    result = assess(indicator(89.96, 90, 95, num=900, denom=1000))
    assert result.rag is Rag.RED and result.needed is None


# --- reds without commentary -------------------------------------------------------------------

def _commentary_notices(ind: Indicator) -> list[str]:
    return [str(w) for w in assess(ind).warnings if "commentary" in w.text]


def test_a_red_without_commentary_names_its_commentary_cell() -> None:
    ind = replace(indicator(89.0, 90, 95), place=Place(None, "KPIs", "A17"),
                  commentary_place=Place(None, "KPIs", "Q17"))
    (notice,) = [w for w in assess(ind).warnings if "commentary" in w.text]
    assert str(notice) == ("3.1: red with no commentary; add a line at KPIs!Q17, in the "
                           "Commentary column, to explain it on its exception slide")
    assert notice.place == Place(None, "KPIs", "Q17")


def test_without_a_commentary_column_it_names_the_row() -> None:
    ind = replace(indicator(89.0, 90, 95), place=Place(None, "KPIs", "A17"))
    assert _commentary_notices(ind) == [
        "3.1: red with no commentary; add a Commentary column to KPIs and a line on row 17 to "
        "explain it on its exception slide"]


def test_a_red_built_in_code_still_warns_without_a_place() -> None:
    assert _commentary_notices(indicator(89.0, 90, 95)) == [
        "3.1: red with no commentary; add a Commentary column to the KPI sheet and a line for it "
        "to explain it on its exception slide"]


@pytest.mark.parametrize(("current", "commentary", "warns"), [
    (89.0, "", True),
    (89.0, "   ", True),                         # blanks explain nothing
    (89.0, "Recovery plan agreed", False),
    (92.0, "", False),                           # amber: no exception slide
    (None, "", False),                           # unrated
])
def test_only_a_red_without_commentary_warns(current: float | None, commentary: str,
                                             warns: bool) -> None:
    ind = replace(indicator(current, 90, 95), commentary=commentary)
    assert bool(_commentary_notices(ind)) is warns


@given(denom=st.integers(1, 5000), share=st.fractions(0, 1), low=st.integers(1, 100),
       lower=st.booleans())
def test_needed_is_the_fewest_cases_that_meet_min(denom: int, share: Fraction, low: int,
                                                  lower: bool) -> None:
    num = int(share * denom)
    current = float(Fraction(num * 100, denom))
    high = low - 1 if lower else low + 1  # Min above Upper: lower is better
    result = assess(indicator(current, low, high, num=num, denom=denom, decimals=15))
    assume(result.needed is not None)
    assert result.needed is not None and result.bounds is not None
    step = -1 if lower else 1

    def meets(cases: int) -> bool:
        ratio = Fraction(num + step * cases, denom) * 100
        return ratio <= low if lower else ratio >= low

    assert meets(result.needed) and not meets(result.needed - 1)
