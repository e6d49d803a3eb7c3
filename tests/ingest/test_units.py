"""A row's unit is decided once, from all its cells; percentages end up in percent points.

Each test is an edit a user made to the sample layout that used to give a wrong figure or RAG.
Cells: F8 Current, H8..M8 Sep 18..Feb 19, N8 Min, O8 Upper.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen.indicators import Rag, assess
from reportgen.ingest.writer import SheetCell, SheetRow, count, pct
from reportgen.model import Unit, format_value
from tests.conftest import Write
from tests.ingest.builders import error_of, indicator_of, one_row, texts, visits

OVERSIGHT = [0.965, 0.944, 0.968, 0.911, 0.967, 0.978]


def oversight(**changes: object) -> SheetRow:
    """The seed's 1.1 as Excel stores it: fractions with % formats, 97.8% against 90/95."""
    row = SheetRow("1.1", "% cases with Management Oversight recorded in past 8 weeks",
                   pct(0.96, 0), count(2995), count(3063), pct(0.978), "Snapshot",
                   [pct(m) for m in OVERSIGHT], pct(0.9, 0), pct(0.95, 0))
    return replace(row, **changes)  # type: ignore[arg-type]


def shown(write: Write, row: SheetRow) -> tuple[str, Rag | None, tuple[str, ...]]:
    ind = indicator_of(write(one_row(row)))
    assert ind.current is not None
    return format_value(ind.current, ind.unit), assess(ind).rag, texts(ind.notes)


def test_one_general_cell_among_percent_cells_is_a_fraction(write: Write) -> None:
    # Current typed 0.978 in a General cell; the months around it are about 96%: 0.978% is
    # impossible, so it is read as 97.8% without a warning. (It was "0.978%", red.)
    assert shown(write, oversight(current=SheetCell(0.978))) == ("97.8%", Rag.GREEN, ())


def test_the_unit_comes_from_the_row_not_the_title(write: Write) -> None:
    row = oversight(measure="Management Oversight recorded in past 8 weeks",
                    current=SheetCell(0.978))
    assert shown(write, row) == ("97.8%", Rag.GREEN, ())


def test_fraction_among_percent_points_typed_in_general(write: Write) -> None:
    months = [SheetCell(round(m * 100, 1)) for m in OVERSIGHT]
    row = oversight(months=months, current=SheetCell(0.978), target_min=SheetCell(90),
                    target_upper=SheetCell(95))
    assert shown(write, row) == ("97.8%", Rag.GREEN, ())
    assert indicator_of(write(one_row(row))).trend[-1].value == 97.8  # type: ignore[union-attr]


def test_all_bare_fractions_are_read_through_num_and_denom(write: Write) -> None:
    # No cell says % and every figure is ≤ 1, but 2995/3063 = 97.8% settles it.
    row = oversight(previous=SheetCell(0.96), current=SheetCell(0.978),
                    months=[SheetCell(m) for m in OVERSIGHT], target_min=None, target_upper=None)
    assert shown(write, row) == ("97.8%", None, ())


def test_all_bare_fractions_with_nothing_to_check_them_are_warned(write: Write) -> None:
    row = oversight(previous=None, num=None, denom=None, current=SheetCell(0.978),
                    months=[SheetCell(m) for m in OVERSIGHT], target_min=None, target_upper=None)
    text, rag, notes = shown(write, row)
    assert (text, rag) == ("97.8%", None)
    assert notes == ("1.1: every figure of this percentage measure is 1 or less with no % format "
                     "(KPIs!F8, KPIs!H8, KPIs!I8 and 4 more); read as fractions of 1 (0.5 → 50%): "
                     "format them as percentages to be sure",)


def test_a_bare_value_that_could_be_either_is_warned_with_its_cell(write: Write) -> None:
    # A measure of about 4%: a bare 0.5 could be 0.5% or 50%. Read as typed, and said so.
    months = [pct(m, 1) for m in (0.431, 0.037, 0.006, 0.039, 0.041, 0.03)]
    row = SheetRow("5.10", "% of LAC Single Assessments not yet completed", None, count(10),
                   count(335), SheetCell(0.5), "Snapshot", months, pct(0.15, 0), pct(0.1, 0))
    text, _, notes = shown(write, row)
    assert text == "0.5%"
    assert notes == ("5.10: Current 0.5 at KPIs!F8 has no % format and could be 0.5% or 50%; "
                     "read as 0.5% (this row's other figures are about 3.9%): format the cell "
                     "as a percentage",)


def test_bare_targets_in_a_percentage_row_are_percent_with_a_warning(write: Write) -> None:
    # Figures about 50%, targets typed 0.6 and 0.7: 50% was rated green against "0.6".
    months = [pct(m) for m in (0.48, 0.51, 0.49, 0.5, 0.52, 0.5)]
    row = oversight(num=None, denom=None, current=pct(0.5), months=months,
                    target_min=SheetCell(0.6), target_upper=SheetCell(0.7))
    ind = indicator_of(write(one_row(row)))
    assert [t.value for t in (ind.target_min, ind.target_upper) if t] == [60.0, 70.0]
    assert assess(ind).rag is Rag.RED
    assert texts(ind.notes) == (
        "1.1: Min target 0.6 at KPIs!N8 has no % format in a percentage measure; read as 60%: "
        "format the cell as a percentage",
        "1.1: Upper target 0.7 at KPIs!O8 has no % format in a percentage measure; read as 70%: "
        "format the cell as a percentage")


def test_bare_targets_among_percent_points(write: Write) -> None:
    months = [SheetCell(v) for v in (48.0, 51.0, 49.0, 50.0, 52.0, 50.0)]
    row = oversight(num=None, denom=None, current=SheetCell(50.0), months=months,
                    target_min=SheetCell(0.6), target_upper=SheetCell(0.7))
    ind = indicator_of(write(one_row(row)))
    assert (ind.target_min.value, ind.target_upper.value) == (60, 70)  # type: ignore[union-attr]
    assert assess(ind).rag is Rag.RED


def test_a_bare_target_that_could_be_either_stops_the_build(write: Write) -> None:
    # Figures about 5%: a Min of 0.6 could be 0.6% or 60%, and the RAG hangs on it.
    months = [pct(m) for m in (0.048, 0.051, 0.049, 0.05, 0.052, 0.05)]
    row = oversight(num=None, denom=None, current=pct(0.05), months=months,
                    target_min=SheetCell(0.6), target_upper=pct(0.05, 0))
    path = write(one_row(row))
    assert error_of(path) == (f"{path}: KPIs!N8: Min target 0.6 has no % format and could mean "
                              "0.6% or 60% (this row's figures are about 5%): type it as a "
                              "percentage, e.g. 60%")


def test_percentage_targets_on_a_count_are_dropped_not_rated(write: Write) -> None:
    # 1,020 children against a Min of 90%: it was shown as "1,020%", green.
    row = SheetRow("1.2", "Number of CIN (exc. LAC, CP, Care Leavers)", count(1034), None, None,
                   count(1020), "Snapshot", [count(v) for v in (981, 997, 999, 1097, 1084, 1020)],
                   pct(0.9, 0), pct(0.95, 0))
    ind = indicator_of(write(one_row(row)))
    assert ind.unit is Unit.COUNT
    assert format_value(ind.current, ind.unit) == "1,020"  # type: ignore[arg-type]
    assert (ind.target_min, ind.target_upper, assess(ind).rag) == (None, None, None)
    assert texts(ind.notes) == (
        "1.2: target Min 90% at KPIs!N8 and Upper 95% at KPIs!O8 are "
        "percentages but the measure's figures are counts; targets ignored, so "
        "the measure is not rated",)


def test_one_percentage_target_on_a_count_drops_both(write: Write) -> None:
    row = SheetRow("1.2", "Number of CIN", None, None, None, count(1020), "Snapshot",
                   [count(v) for v in (981, 997, 999, 1097, 1084, 1020)], "90%", SheetCell(1000))
    ind = indicator_of(write(one_row(row)))
    assert (ind.unit, ind.target_min, ind.target_upper) == (Unit.COUNT, None, None)
    assert texts(ind.notes) == (
        "1.2: target Min 90% at KPIs!N8 is a percentage but the measure's "
        "figures are counts; targets ignored, so the measure is not rated",)


def test_bare_fractions_with_percentage_targets_are_percentages(write: Write) -> None:
    row = replace(visits(), measure="CIN children visited within the past four weeks",
                  previous=None, num=None, denom=None, current=SheetCell(0.873),
                  months=[SheetCell(v) for v in (0.715, 0.807, 0.815, 0.785, 0.865, 0.873)])
    ind = indicator_of(write(one_row(row)))
    assert ind.unit is Unit.PERCENT and format_value(ind.current, ind.unit) == "87.3%"  # type: ignore[arg-type]
    assert assess(ind).rag is Rag.RED
    assert texts(ind.notes) == (
        "3.3a: figures at KPIs!F8, KPIs!H8, KPIs!I8 and 4 more have no % format but the targets "
        "are percentages; read as fractions of 1 (0.873 → 87.3%): format them as percentages to "
        "be sure",)


def test_a_row_awaiting_figures_takes_its_targets_unit(write: Write) -> None:
    row = replace(visits(), measure="New measure", previous=None, num=None, denom=None,
                  current=None, months=[])
    ind = indicator_of(write(one_row(row)))
    assert ind.unit is Unit.PERCENT and ind.target_min is not None
    assert ind.target_min.value == 90
