"""Charts as values: an exception's run against targets told apart by more than colour, axes
that hold every value, cohorts as small multiples each on its own axis, latest values labelled."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import pytest

from reportgen.ingest.writer import SheetRow, SheetSection, count, pct
from reportgen.plan.layout import Box, Role
from reportgen.plan.slides import Chart, ChartKind, ChartSlide, Dash, LabelPosition, Series
from tests.plan.conftest import MONTHS, Book, Planned, count_row


def chart_of(planned: Planned, ref: str) -> Chart:
    slide = next(s for s in planned.of(ChartSlide) if s.title.startswith(f"{ref}:"))
    (chart,) = slide.charts
    return chart


def cohort_slide(planned: Planned) -> ChartSlide:
    (slide,) = [s for s in planned.of(ChartSlide) if s.role is Role.CHART
                and s.charts[0].kind is ChartKind.LINE]
    return slide


def summary(series: Series) -> tuple[str, tuple[float | None, ...], Dash, str, int]:
    return series.name, series.values, series.dash, series.label, series.label_point


@pytest.fixture(params=["sample", 150])
def planned(request: pytest.FixtureRequest, sample_plan: Planned,
            large_book: Callable[[int], Planned]) -> Planned:
    return sample_plan if request.param == "sample" else large_book(request.param)


def test_an_exception_chart_against_min_and_upper(sample_plan: Planned) -> None:
    chart = chart_of(sample_plan, "3.1")
    assert chart.categories == MONTHS
    assert [summary(s) for s in chart.series] == [
        ("3.1 monthly", (87.3, 85.1, 88.0, 83.3, 86.5, 89.0), Dash.SOLID, "89.0%", 5),
        ("Min 90.0%", (90.0,) * 6, Dash.DASH, "Min 90.0%", 0),
        ("Upper 95.0%", (95.0,) * 6, Dash.DOT, "Upper 95.0%", 0),
    ]
    data, low, high = chart.series
    assert data.markers and not low.markers and not high.markers
    assert low.colour != high.colour
    # higher is better: each target's label on the far side of its line from the other line
    assert (low.label_position, high.label_position) == (LabelPosition.BELOW,
                                                         LabelPosition.ABOVE)
    assert chart.number_format == '0"%"'


def test_lower_is_better_puts_the_labels_the_other_way(sample_plan: Planned) -> None:
    chart = chart_of(sample_plan, "11.13")  # Min 2.0 above Upper 1.0
    _, low, high = chart.series
    assert (low.name, high.name) == ("Ceiling 2.0", "Aim 1.0")
    assert (low.label_position, high.label_position) == (LabelPosition.ABOVE,
                                                         LabelPosition.BELOW)


def test_one_target_is_one_target_line(sample_plan: Planned) -> None:
    chart = chart_of(sample_plan, "6.3D")  # Min 91% alone
    assert [summary(s) for s in chart.series] == [
        # Current is 87.3%: the last point, 87.5%, is labelled as the month it is
        ("6.3D monthly", (80.3, 82.5, 87.8, 82.0, 91.9, 87.5), Dash.SOLID, "Feb 19: 87.5%", 5),
        ("Target 91.0%", (91.0,) * 6, Dash.LONG_DASH, "Target 91.0%", 0),
        # the sample's illustrative comparators, named in the legend
        ("England 2017/18 84.0%", (84.0,) * 6, Dash.DASH_DOT, "", -1),
        ("Statistical neighbours 2017/18 88.2%", (88.2,) * 6, Dash.LONG_DASH_DOT, "", -1)]
    assert chart.legend


def test_min_equal_to_upper_is_one_target_line(book: Book) -> None:
    row = SheetRow("7.1", "% of plans on time", None, None, None, pct(0.85), "Snapshot",
                   [pct(v) for v in (0.86, 0.87, 0.88, 0.86, 0.84, 0.85)], pct(0.9, 0), pct(0.9, 0))
    chart = chart_of(book.one(row), "7.1")
    assert [s.name for s in chart.series] == ["7.1 monthly", "Target 90.0%"]
    assert chart.series[1].dash is not Dash.SOLID


def test_lines_differ_by_dash_not_only_colour(planned: Planned) -> None:
    for slide in planned.of(ChartSlide):
        for chart in slide.charts:
            if chart.kind is not ChartKind.LINE:
                continue
            assert len({s.dash for s in chart.series}) == len(chart.series), slide.title
            # targets labelled on their lines; comparators named in the legend
            assert all(s.label or chart.legend for s in chart.series[1:]), slide.title


def test_every_axis_holds_every_value(planned: Planned) -> None:
    for slide in planned.of(ChartSlide):
        for chart in slide.charts:
            low, high = chart.axis
            values = [v for s in chart.series for v in s.values if v is not None]
            assert low < high
            assert all(low <= v <= high for v in values), (slide.title, chart.axis)


def test_a_percentage_axis_stops_at_100(sample_plan: Planned) -> None:
    assert chart_of(sample_plan, "3.3a").axis == (65.0, 100.0)  # 71.5 to 95, padded


def test_cohorts_are_small_multiples_each_on_its_own_axis(sample_plan: Planned) -> None:
    slide = cohort_slide(sample_plan)
    # the title says what moved most: 274 → 304 children on a plan since September
    assert slide.title == "Children subject to CPP up 11% since September 2018"
    assert "up 11% since September 2018" in slide.charts[1].alt_text
    assert [c.title for c in slide.charts] == [
        "1.2 Number of CIN (exc. LAC, CP, Care Leavers)", "1.3 Number of children subject to CPP",
        "1.4 Number of LAC"]
    assert [len(c.series) for c in slide.charts] == [1, 1, 1]
    # 1,020 children in need beside 304 on a plan: one shared axis would flatten both
    axes = [c.axis for c in slide.charts]
    assert axes[0] != axes[1]
    for chart in slide.charts:  # each axis from zero, fitted to its own counts
        values = [v for v in chart.series[0].values if v is not None]
        low, high = chart.axis
        assert low == 0 and max(values) <= high < 1.5 * max(values)
    cin, cpp, _ = slide.charts
    assert cpp.axis[1] < 1020 < cin.axis[1]


def test_cohort_charts_label_their_latest_value(sample_plan: Planned) -> None:
    charts = cohort_slide(sample_plan).charts
    assert [(c.series[0].label, c.series[0].label_point) for c in charts] == [
        ("1,020", 5), ("304", 5), ("335", 5)]
    assert all(c.number_format == "#,##0" for c in charts)


def test_cohort_charts_tile_the_chart_box_without_overlap(planned: Planned) -> None:
    slide = cohort_slide(planned)
    area = planned.geometry.chart
    boxes = [c.box for c in slide.charts]
    for box in boxes:
        assert area.left <= box.left and box.left + box.width <= area.left + area.width + 1e-6
        assert area.top <= box.top and box.bottom <= area.bottom + 1e-6
    for a, b in combinations(boxes, 2):
        assert not _overlap(a, b)


def _overlap(a: Box, b: Box) -> bool:
    return (a.left < b.left + b.width and b.left < a.left + a.width
            and a.top < b.bottom and b.top < a.bottom)


def test_the_latest_value_is_labelled_when_the_last_month_is_missing(book: Book) -> None:
    rows = [SheetRow("1.2", "Number of CIN", count(1034), "n/a", "n/a", count(1084), "Snapshot",
                     [count(v) for v in (981, 997, 999, 1097, 1084)] + [None]),
            count_row("1.3", [274, 277, 269, 258, 274, 304])]
    slide = cohort_slide(book.plan([SheetSection("Cohorts", rows)]))
    series = slide.charts[0].series[0]
    assert series.label == "1,084"
    assert series.label_point in (4, -2)
