"""The "How we compare" slides, the comparators on exception charts and the glance's line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportgen.ingest.writer import SheetRow, SheetSection, decimal, pct
from reportgen.plan import BUILTIN_GEOMETRY
from reportgen.plan.charts import COMPARATOR_DASHES
from reportgen.plan.compare import MAX_PER_SLIDE, per_page
from reportgen.plan.slides import ChartKind, ChartSlide, Dash, SlideKind
from tests.plan.conftest import Book, Planned, count_row, plan_row

HEADERS = ("England 2017/18", "Statistical neighbours", "London")


def _with(row: SheetRow, *values: float | None) -> SheetRow:
    return replace(row, comparators=[None if v is None else pct(v) for v in values])


def compared_book(book: Book, notes: Sequence[str] = ()) -> Planned:
    """Four rated percentages and a score, lower is better, against England, statistical
    neighbours and London; a data-only count with an England figure."""
    rows = [
        _with(plan_row("A", 0.89, [0.88] * 6), 0.912, 0.90, 0.88),      # behind England 2.2
        _with(plan_row("B", 0.97, [0.96] * 6), 0.93, 0.95, None),        # ahead 4.0
        _with(plan_row("C", 0.91, [0.91] * 6), 0.91, None, 0.92),        # the same
        _with(plan_row("D", 0.05, [0.06] * 6, minimum=0.15, upper=0.10,  # lower is better:
                       measure="% re-referrals (lower is better)"), 0.08, 0.06, 0.04),  # ahead
        replace(count_row("E", [300, 310, 320, 330, 340, 350]), comparators=[decimal(400)]),
    ]
    return book.plan([SheetSection("Plans", rows)], comparators=HEADERS, notes=notes)


def compare_slides(planned: Planned) -> list[ChartSlide]:
    return planned.of_kind(SlideKind.COMPARE, ChartSlide)


def test_no_compare_slide_without_comparators(book: Book) -> None:
    planned = book.one(plan_row("A", 0.89, [0.88] * 6))
    assert compare_slides(planned) == []
    assert not any("Better than England" in p.text for p in planned.glance.paragraphs)


def test_the_compare_slide_follows_the_kpi_table(book: Book) -> None:
    planned = compared_book(book)
    titles = list(planned.plan.titles)
    slide = compare_slides(planned)[0]
    assert titles.index(slide.title) == titles.index(planned.tables[-1].title) + 1


def test_the_chart_holds_the_workbooks_figures_furthest_behind_england_first(
        book: Book) -> None:
    [slide] = compare_slides(compared_book(book))
    [chart] = slide.charts
    assert chart.kind is ChartKind.BAR and chart.legend
    assert [c.split(" ")[0] for c in chart.categories] == ["A", "C", "B", "D"]
    assert {s.name: s.values for s in chart.series} == {
        "Current": (89.0, 91.0, 97.0, 5.0),
        "England 2017/18": (91.2, 91.0, 93.0, 8.0),
        "Statistical neighbours": (90.0, None, 95.0, 6.0),
        "London": (88.0, 92.0, None, 4.0),
    }
    assert chart.value_labels == '0.0"%"'


def test_the_tables_notes_name_the_source_under_every_compare_chart(book: Book) -> None:
    source = "Source: DfE, Characteristics of children in need, 2017/18 (illustrative)"
    [slide] = compare_slides(compared_book(book, notes=[source]))
    [caption] = slide.captions
    assert [p.text for p in caption.paragraphs] == [source]
    [chart] = slide.charts
    assert chart.box.bottom <= caption.box.top <= caption.box.bottom <= \
        BUILTIN_GEOMETRY.chart.bottom
    [without] = compare_slides(compared_book(book))
    assert without.captions == () and without.charts[0].box == BUILTIN_GEOMETRY.chart


def test_the_title_and_alt_text_say_how_many_are_better_than_england(book: Book) -> None:
    [slide] = compare_slides(compared_book(book))
    # the data-only count E is shown nowhere on this slide: it has no judgement
    # "2 of the 4 with an England figure": a count never reads as "of all of them"
    assert slide.title == "How we compare: better than England on 2 of the 4 with an England " \
                          "figure"
    alt = slide.charts[0].alt_text
    assert alt.startswith("Bar chart: better than England on 2 of the 4 indicators with an "
                          "England figure (1 worse; 1 the same).")
    assert "A 89.0%: England 2017/18 91.2% (worse)" in alt
    assert any("A (2.2 points below)" in line for line in slide.notes)


def test_units_never_share_an_axis(book: Book) -> None:
    score = SheetRow("S", "Audit score (lower is better)", None, None, None, decimal(2.5),
                     "Snapshot", [decimal(2.5)] * 6, decimal(2.0), decimal(1.0),
                     comparators=[decimal(2.1)])
    rows = [_with(plan_row("A", 0.89, [0.88] * 6), 0.912), score]
    slides = compare_slides(book.plan([SheetSection("Plans", rows)], comparators=HEADERS[:1]))
    assert [[c.split(" ")[0] for c in s.charts[0].categories] for s in slides] == [["A"], ["S"]]
    assert slides[1].title == ("How we compare: better than England on 0 of the 2 with an "
                               "England figure (continued)")
    assert slides[1].charts[0].value_labels == "#,##0.0"


def test_many_indicators_paginate(book: Book) -> None:
    rows = [_with(plan_row(f"R{i}", 0.80 + i / 100, [0.8] * 6), 0.85) for i in range(19)]
    slides = compare_slides(book.plan([SheetSection("Plans", rows)], comparators=HEADERS[:1]))
    per_slide = per_page(BUILTIN_GEOMETRY.chart, 2)
    assert per_slide == MAX_PER_SLIDE
    assert [len(s.charts[0].categories) for s in slides] == [8, 8, 3]
    assert [s.title for s in slides][1:] == [
        "How we compare: better than England on 13 of the 19 with an England figure (continued)",
        "How we compare: better than England on 13 of the 19 with an England figure "
        "(continued 2)"]
    shown = [c.split(" ")[0] for s in slides for c in s.charts[0].categories]
    assert shown == [f"R{i}" for i in range(19)]  # the furthest behind first


def test_exception_charts_draw_each_comparator_told_apart_without_colour(book: Book) -> None:
    planned = compared_book(book)
    [slide] = [s for s in planned.exceptions() if s.title.startswith("A:")]
    [chart] = slide.charts
    lines = [s for s in chart.series if s.name.split(" ")[0] in ("England", "Statistical",
                                                                   "London")]
    assert [(s.name, s.values[0], s.dash) for s in lines] == [
        ("England 2017/18 91.2%", 91.2, COMPARATOR_DASHES[0]),
        ("Statistical neighbours 90.0%", 90.0, COMPARATOR_DASHES[1]),
        ("London 88.0%", 88.0, COMPARATOR_DASHES[2])]
    targets = {s.dash for s in chart.series if s.name.startswith(("Min", "Upper", "Target"))}
    assert len({s.dash for s in lines}) == 3 and not targets & {s.dash for s in lines}
    assert Dash.SOLID not in {s.dash for s in lines}
    assert chart.legend
    assert "compared with England 2017/18 91.2%" in chart.alt_text


def test_the_glance_says_how_many_rated_indicators_are_better_than_england(
        book: Book) -> None:
    first = compared_book(book).glance.paragraphs[0]
    assert first.text == ("How we compare: Better than England on 2 of the 4 indicators with an "
                          "England figure (1 worse; 1 the same)")


def test_the_count_says_how_many_rated_indicators_have_no_comparator(book: Book) -> None:
    rows = [_with(plan_row("A", 0.89, [0.88] * 6), 0.912, 0.90, 0.88),
            *(plan_row(f"N{i}", 0.95, [0.95] * 6) for i in range(3))]  # no England figure
    planned = book.plan([SheetSection("Plans", rows)], comparators=HEADERS)
    assert planned.glance.paragraphs[0].text == (
        "How we compare: Better than England on 0 of the 1 indicator with an England figure "
        "(1 worse; 3 other rated indicators have none)")
