"""The RAG models of design.md §3, each held to its rule at and around its edges."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reportgen.indicators import Rag, RagModel, assess, bounds_of
from reportgen.model import Aim, Figure, Indicator, Polarity, Target, Targets, Unit


def row(current: float, targets: Targets | None = None, aim: Aim | None = None,
        unit: Unit = Unit.COUNT, **figures: Figure | None) -> Indicator:
    return Indicator(ref="X1", section="", measure="A measure", unit=unit, previous_year=None,
                     numerator=None, denominator=None, current=Figure(current, 1),
                     period_type=None, trend=(), target_min=figures.get("target_min"),
                     target_upper=figures.get("target_upper"), aim=aim,
                     polarity=aim.polarity if aim else None, targets=targets)


def worded(value: float, strict: bool = False, aim: Polarity | None = None,
           text: str = "") -> Target:
    return Target(Figure(value), strict, aim, text)


@pytest.mark.parametrize(("current", "rag"), [(84.9, Rag.GREEN), (85.0, Rag.RED),
                                              (85.1, Rag.RED)])
def test_a_strict_target_is_not_met_at_equality(current: float, rag: Rag) -> None:
    ind = row(current, Targets(target=worded(85, True, Polarity.LOWER, "Fewer than 85")))
    assessment = assess(ind)
    assert (assessment.rag, assessment.rag_model) == (rag, RagModel.SINGLE_TARGET)
    assert not [w for w in assessment.warnings if "no polarity" in w.text]


def test_a_single_target_without_polarity_is_rated_with_a_warning() -> None:
    assessment = assess(row(80, Targets(target=worded(85))))
    assert assessment.rag is Rag.RED
    assert any("no direction" in w.text and "higher is better" in w.text
               for w in assessment.warnings)


@pytest.mark.parametrize(("current", "rag"), [(65, Rag.GREEN), (64.9, Rag.AMBER),
                                              (60, Rag.AMBER), (59.9, Rag.RED)])
def test_floor_and_target(current: float, rag: Rag) -> None:
    ind = row(current, Targets(target=worded(65), floor=Figure(60)), Aim.HIGHER)
    assert (assess(ind).rag, assess(ind).rag_model) == (rag, RagModel.FLOOR_TARGET)


@pytest.mark.parametrize(("current", "relative", "rag"), [
    (240, True, Rag.GREEN), (216, True, Rag.AMBER), (215.9, True, Rag.RED),
    (240, False, Rag.GREEN), (235, False, Rag.AMBER), (234.9, False, Rag.RED)])
def test_target_with_a_tolerance(current: float, relative: bool, rag: Rag) -> None:
    tolerance = Figure(10) if relative else Figure(5)
    ind = row(current, Targets(target=worded(240), tolerance=tolerance, relative=relative),
              Aim.HIGHER)
    assert (assess(ind).rag, assess(ind).rag_model) == (rag, RagModel.TOLERANCE)


@pytest.mark.parametrize(("current", "rag"), [(264, Rag.GREEN), (216, Rag.GREEN),
                                              (264.1, Rag.AMBER), (288, Rag.AMBER),
                                              (288.1, Rag.RED), (191.9, Rag.RED)])
def test_two_sided(current: float, rag: Rag) -> None:
    ind = row(current, Targets(target=worded(240), tolerance=Figure(10), relative=True),
              Aim.TWO_SIDED)
    assessment = assess(ind)
    assert (assessment.rag, assessment.rag_model, assessment.polarity) == (
        rag, RagModel.TWO_SIDED, None)


def test_two_sided_without_a_tolerance_is_unrated_and_said() -> None:
    assessment = assess(row(240, Targets(target=worded(240)), Aim.TWO_SIDED))
    assert assessment.rag is None
    assert any("needs a tolerance" in w.text for w in assessment.warnings)


@pytest.mark.parametrize(("current", "rag"), [(80, Rag.GREEN), (75, Rag.AMBER),
                                              (74.9, Rag.RED)])
def test_thresholds(current: float, rag: Rag) -> None:
    # Red "<75%", Amber "75%-80%", Target 80%: amber from 75, green from 80
    targets = Targets(target=worded(80), amber=worded(75, False, Polarity.HIGHER),
                      thresholds=True)
    ind = row(current, targets, Aim.HIGHER, unit=Unit.PERCENT)
    assert (assess(ind).rag, assess(ind).rag_model) == (rag, RagModel.THRESHOLDS)


def test_no_target_is_data_only() -> None:
    assert bounds_of(row(5, Targets(data_only=True))) is None
    assert assess(row(5, Targets(data_only=True))).rag_model is RagModel.NONE


def test_information_polarity_is_data_only_even_beside_a_target() -> None:
    assessment = assess(row(5, Targets(target=worded(4)), Aim.NONE))
    assert assessment.rag is None
    assert any("for information" in w.text for w in assessment.warnings)


def test_words_that_contradict_the_polarity_cell_are_named() -> None:
    ind = row(80, Targets(target=worded(85, True, Polarity.LOWER, "Fewer than 85")), Aim.HIGHER)
    assessment = assess(ind)
    assert assessment.rag is Rag.GREEN  # the target's own words decide
    assert any("says lower is better" in w.text for w in assessment.warnings)


def test_a_benchmark_target_without_its_benchmark_is_unrated_and_said() -> None:
    targets = Targets(target=Target(Figure(float("nan")), True, Polarity.HIGHER,
                                    "Above Stat Neighbour Average"),
                      benchmark="Above Stat Neighbour Average")
    assessment = assess(row(80, targets, Aim.HIGHER))
    assert assessment.rag is None
    assert any("benchmark" in w.text for w in assessment.warnings)


@pytest.mark.parametrize(("said", "warned"), [("Red", False), ("G", True), ("amber", True),
                                              ("Blue", False)])
def test_the_councils_own_rag_is_compared(said: str, warned: bool) -> None:
    ind = row(80, Targets(target=worded(85)), Aim.HIGHER)
    assessment = assess(replace(ind, council_rag=said))
    found = [w.text for w in assessment.warnings if "own RAG" in w.text]
    assert bool(found) is warned
    if warned:
        assert repr(said) in found[0] and "red" in found[0]
