"""What the board saw before, as rules on values (reportgen/past.py and the history parts of
indicators.assess_all): band moves against last month's Current as shown, restatements, the
whole series and SPC over it. No files: the store's answers are built as values."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from reportgen.errors import Place
from reportgen.indicators import Assessment, Direction, Rag, assess_all
from reportgen.model import Figure, Indicator, Month, Unit
from reportgen.past import (
    Past,
    Reported,
    Restatement,
    Shown,
    differs,
    restatement_notice,
    restatements,
    series,
)
from reportgen.spc import Variation

MARCH = Month(2019, 3)
MONTHS = tuple(MARCH.shifted(k) for k in range(-5, 1))
"""A March pack's month columns, Oct 18 to Mar 19."""
FEBRUARY = Month(2019, 2)
"""The last pack's month."""


def pcts(*values: float | None) -> tuple[Figure | None, ...]:
    return tuple(None if v is None else Figure(v, 1) for v in values)


def indicator(ref: str = "2.10", current: float | None = 89.4, period: str = "YTD",
              trend: Sequence[Figure | None] | None = None, minimum: float = 90,
              upper: float = 95) -> Indicator:
    """A percentage, higher is better (Min 90%, Upper 95%), with commentary (no warning of its
    own to get in the way)."""
    return Indicator(ref, "Section", f"measure {ref}", Unit.PERCENT, None, None, None,
                     None if current is None else Figure(current, 1), period,
                     tuple(trend) if trend is not None else pcts(92.7, 95.0, 92.2, 75.4, 87.7,
                                                                 89.4),
                     Figure(minimum), Figure(upper), commentary="explained",
                     place=Place(sheet="KPIs", cell="A14"))


def shown(ref: str, rag: str | None, value: float = 91.3, period: Month = FEBRUARY,
          workbook: str = "february.xlsx") -> Shown:
    return Shown(ref, period, value, 1, rag, f"{value}%", workbook)


def reported(ref: str, month: Month, value: float, decimals: int = 1,
             workbook: str = "february.xlsx", period: Month = FEBRUARY) -> Reported:
    return Reported(ref, month, value, decimals, workbook, period)


def one(ind: Indicator, past: Past | None, months: tuple[Month, ...] = MONTHS) -> Assessment:
    (assessment,) = assess_all([ind], months=months, past=past)
    return assessment


# -- differs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("was", "now", "expected"), [
    (Figure(13.1, 1), Figure(12.4, 1), True),
    (Figure(13.1, 1), Figure(13.1, 1), False),
    (Figure(13.1, 1), Figure(13.10, 2), False),   # the same figure, to more decimals
    (Figure(13.14, 2), Figure(13.1, 1), False),   # the same at the coarser precision
    (Figure(13.16, 2), Figure(13.1, 1), True),    # 13.2 at one decimal
    (Figure(1020, 0), Figure(1021, 0), True),
    (Figure(13.5, 1), Figure(14, 0), False),      # 13.5 shows as 14 at no decimals
])
def test_figures_differ_when_they_differ_as_shown(was: Figure, now: Figure,
                                                  expected: bool) -> None:
    assert differs(was, now) is expected
    assert differs(now, was) is expected


@pytest.mark.parametrize(("was", "now"), [
    (Figure(12.5, 1), Figure(13, 0)),       # 12.5 shows as 13, as 13.5 shows as 14
    (Figure(86.25, 2), Figure(86.3, 1)),    # design.md's own example: 86.25 shows as 86.3
    (Figure(2.675, 3), Figure(2.68, 2)),    # 2.675 is 2.67499... in binary
])
def test_a_half_rounds_away_from_zero_as_excel_shows_it(was: Figure, now: Figure) -> None:
    """design.md §3: figures show as Excel rounds them, half away from zero; Python's round()
    would take a binary half to even and call these restated."""
    assert not differs(was, now)
    assert not differs(now, was)


# -- restatements -----------------------------------------------------------------------------


def test_a_month_that_differs_from_an_earlier_pack_is_a_restatement() -> None:
    december = Month(2018, 12)
    ind = indicator("5.10", 3.0, "Snapshot", pcts(3.7, 0.6, 4.6, 4.1, 3.0, 3.0), 15, 10)
    earlier = (reported("5.10", Month(2018, 9), 43.1), reported("5.10", Month(2018, 11), 0.6),
               reported("5.10", december, 3.9), reported("5.10", Month(2019, 1), 4.1))
    assert restatements(ind, MONTHS, earlier) == (
        Restatement(december, Figure(3.9, 1), Figure(4.6, 1), "february.xlsx", FEBRUARY),)


def test_a_month_either_side_does_not_know_is_no_restatement() -> None:
    ind = indicator(trend=pcts(92.7, None, 92.2, 75.4, 87.7, 89.4))
    earlier = (reported("2.10", Month(2018, 11), 99.9),  # now missing
               reported("2.10", Month(2018, 6), 50.0))   # before the pack's months
    assert restatements(ind, MONTHS, earlier) == ()
    assert restatements(ind, MONTHS, ()) == ()


def test_restatements_come_in_month_order_each_naming_its_pack() -> None:
    ind = indicator(trend=pcts(92.7, 95.0, 92.2, 75.4, 87.7, 89.4))
    earlier = (reported("2.10", Month(2018, 10), 90.0, workbook="january.xlsx",
                        period=Month(2019, 1)),
               reported("2.10", Month(2019, 1), 88.0))
    found = restatements(ind, MONTHS, earlier)
    assert [(r.month, r.was.value, r.now.value, r.reported_in) for r in found] == [
        (Month(2018, 10), 90.0, 92.7, "january.xlsx"),
        (Month(2019, 1), 88.0, 75.4, "february.xlsx")]


def test_the_notice_names_the_month_both_figures_and_the_earlier_pack() -> None:
    ind = indicator("5.10", 3.0, "Snapshot", minimum=15, upper=10)
    item = Restatement(Month(2018, 12), Figure(13.1, 1), Figure(12.4, 1), "pack-2019-01.xlsx",
                       Month(2019, 1))
    notice = restatement_notice(ind, item, "12.4", "13.1")
    assert str(notice) == ("5.10: Dec 18: 13.1 in pack-2019-01.xlsx (figures to January 2019), "
                           "12.4 now (restated)")
    assert notice.place == ind.place


# -- the whole series -------------------------------------------------------------------------


def test_the_series_runs_from_the_stores_first_month_to_the_workbooks_last() -> None:
    ind = indicator(trend=pcts(92.7, 95.0, 92.2, 75.4, 87.7, 89.4))
    earlier = (reported("2.10", Month(2018, 7), 91.0), reported("2.10", Month(2018, 9), 93.0),
               reported("2.10", Month(2018, 12), 70.0))  # restated: the workbook's is used
    whole = series(ind, MONTHS, earlier)
    assert [month for month, _ in whole] == [MARCH.shifted(k) for k in range(-8, 1)]
    assert [f.value if f else None for _, f in whole] == [
        91.0, None, 93.0, 92.7, 95.0, 92.2, 75.4, 87.7, 89.4]


def test_without_the_store_the_series_is_the_workbooks_own() -> None:
    ind = indicator(trend=pcts(92.7, None, 92.2, 75.4, 87.7, 89.4))
    assert series(ind, MONTHS, ()) == tuple(zip(MONTHS, ind.trend, strict=True))
    assert series(ind, (), ()) == ()


# -- band moves against what the board saw ----------------------------------------------------


def test_a_ytd_measure_moves_band_against_last_months_current_as_shown() -> None:
    """February's deck showed 2.10 amber (its Current, 91.3%); March's Current is red."""
    past = Past({"2.10": shown("2.10", "amber")}, {})
    moved = one(indicator(), past)
    assert (moved.rag_last_month, moved.rag, moved.band_change) == (
        Rag.AMBER, Rag.RED, (Rag.AMBER, Rag.RED))


def test_the_same_band_as_shown_is_no_move_whatever_the_months_say() -> None:
    """A snapshot whose last two months cross from green to amber, shown amber last month:
    the board saw amber, so nothing moved."""
    ind = indicator("4.6", 94.4, "Snapshot", pcts(96.0, 96.0, 96.0, 96.0, 96.0, 94.4))
    assert one(ind, None).band_change == (Rag.GREEN, Rag.AMBER)  # the months alone
    same = one(ind, Past({"4.6": shown("4.6", "amber", 94.0)}, {}))
    assert (same.rag_last_month, same.band_change) == (Rag.AMBER, None)


def test_without_history_a_snapshot_compares_its_months_and_a_ytd_measure_claims_no_move(
        ) -> None:
    snapshot = indicator("3.1", 89.0, "Snapshot", pcts(90.0, 90.0, 90.0, 90.0, 90.5, 89.0))
    ytd = indicator("2.10", 89.0, "YTD", pcts(90.0, 90.0, 90.0, 90.0, 90.5, 89.0))
    for past in (None, Past({}, {})):  # no store, or a store that never saw them
        assert one(snapshot, past).band_change == (Rag.AMBER, Rag.RED)
        assert one(ytd, past).band_change is None
        assert one(ytd, past).rag_last_month is None


def test_a_measure_unrated_last_month_claims_no_move() -> None:
    past = Past({"2.10": shown("2.10", None)}, {})
    assessment = one(indicator(), past)
    assert (assessment.rag_last_month, assessment.band_change) == (None, None)


def test_each_indicator_reads_its_own_history() -> None:
    past = Past({"2.10": shown("2.10", "amber"), "9.9": shown("9.9", "green")},
                {"3.1": (reported("3.1", Month(2018, 12), 80.0),)})
    ytd, snapshot = assess_all(
        [indicator(), indicator("3.1", 89.0, "Snapshot", pcts(90.0, 90.0, 90.0, 90.0, 90.5,
                                                                89.0))],
        months=MONTHS, past=past)
    assert (ytd.rag_last_month, ytd.restatements) == (Rag.AMBER, ())
    assert snapshot.rag_last_month is None
    assert [r.month for r in snapshot.restatements] == [Month(2018, 12)]


def test_a_current_older_than_last_month_is_not_what_the_board_saw_last_month() -> None:
    """January's pack showed 2.10 amber; February's had no Current for it; March's is red. A
    move from January is not a move "since February", which the glance would call it."""
    past = Past({"2.10": shown("2.10", "amber", period=MARCH.shifted(-2),
                               workbook="january.xlsx")}, {})
    assessment = one(indicator(), past)
    assert assessment.rag_last_month is None
    assert assessment.band_change is None  # a YTD measure, as without history


def test_after_a_month_with_no_meeting_the_last_pack_is_what_the_board_saw() -> None:
    """No pack in February: March's 2.10 compares with January's, the last pack the board saw
    (the store says which month that was), and says so."""
    january = MARCH.shifted(-2)
    past = Past({"2.10": shown("2.10", "amber", period=january, workbook="january.xlsx")}, {},
                last=january)
    assessment = one(indicator(), past)
    assert (assessment.rag_last_month, assessment.last_pack) == (Rag.AMBER, january)
    assert assessment.band_change == (Rag.AMBER, Rag.RED)


def test_a_measure_the_last_pack_did_not_show_has_no_last_month() -> None:
    past = Past({"2.10": shown("2.10", "amber", period=MARCH.shifted(-2))}, {},
                last=FEBRUARY)
    assessment = one(indicator(), past)
    assert (assessment.rag_last_month, assessment.band_change) == (None, None)


# -- restatements and SPC in the assessment ---------------------------------------------------


def test_a_restatement_is_a_warning_of_the_indicator() -> None:
    ind = indicator("5.10", 3.0, "Snapshot", pcts(3.7, 0.6, 4.6, 4.1, 3.0, 3.0), 15, 10)
    past = Past({}, {"5.10": (reported("5.10", Month(2018, 12), 3.9),)})
    assessment = one(ind, past)
    assert [(r.was, r.now) for r in assessment.restatements] == [
        (Figure(3.9, 1), Figure(4.6, 1))]
    assert [str(w) for w in assessment.warnings] == [
        "5.10: Dec 18: 3.9% in february.xlsx (figures to February 2019), 4.6% now (restated)"]


def _steady(months: int, start: Month) -> tuple[Reported, ...]:
    return tuple(reported("3.1", start.shifted(k), 91.0 if k % 2 else 93.0)
                 for k in range(months))


def test_spc_reads_the_stores_months_with_the_workbooks() -> None:
    """Six months in the workbook are too few; with nine earlier months from the store, the
    fifteen make an XmR chart, and the last month (80.0) falls below its lower limit."""
    ind = indicator("3.1", 80.0, "Snapshot", pcts(93.0, 91.0, 93.0, 91.0, 93.0, 80.0))
    assert one(ind, None).spc is None
    assert one(ind, Past({}, {"3.1": _steady(8, MONTHS[0].shifted(-9))})).spc is None  # 14
    assessment = one(ind, Past({}, {"3.1": _steady(9, MONTHS[0].shifted(-9))}))
    assert assessment.spc is not None
    assert assessment.spc.points == 15
    assert len(assessment.series) == 15
    assert assessment.spc.lower > 80.0
    assert assessment.spc.variation is Variation.CONCERN


def test_a_gap_in_the_stores_months_is_a_gap_in_the_series_not_a_point() -> None:
    ind = indicator("3.1", 93.0, "Snapshot", pcts(93.0, 91.0, 93.0, 91.0, 93.0, 91.0))
    earlier = _steady(10, MONTHS[0].shifted(-11))  # ten months, then one nobody reported
    assessment = one(ind, Past({}, {"3.1": earlier}))
    assert len(assessment.series) == 17
    assert assessment.series[10] == (MONTHS[0].shifted(-1), None)
    assert assessment.spc is not None and assessment.spc.points == 16


def test_a_ytd_measure_is_not_read_with_spc() -> None:
    """A cumulative figure resets each April: its months are not like figures, so no XmR."""
    ind = indicator("3.1", 80.0, "YTD", pcts(93.0, 91.0, 93.0, 91.0, 93.0, 80.0))
    assessment = one(ind, Past({}, {"3.1": _steady(9, MONTHS[0].shifted(-9))}))
    assert assessment.spc is None
    assert len(assessment.series) == 15  # still drawn whole


def test_the_signal_is_special_cause_where_spc_reads_the_series() -> None:
    """A special-cause concern is 'worse' whatever the month's change; where SPC reads common
    cause, a big month's change is not called better or worse."""
    concern = one(indicator("3.1", 80.0, "Snapshot", pcts(93.0, 91.0, 93.0, 91.0, 93.0, 80.0)),
                  Past({}, {"3.1": _steady(9, MONTHS[0].shifted(-9))}))
    assert concern.signal is Direction.WORSENING
    common = one(indicator("3.1", 93.0, "Snapshot", pcts(93.0, 91.0, 93.0, 91.0, 91.0, 93.0)),
                 Past({}, {"3.1": _steady(9, MONTHS[0].shifted(-9))}))
    assert common.material and common.spc is not None
    assert common.signal is None
    alone = one(indicator("3.1", 93.0, "Snapshot", pcts(93.0, 91.0, 93.0, 91.0, 91.0, 93.0)),
                None)
    assert alone.signal is Direction.IMPROVING  # no SPC: the material change decides
