"""The deck as reportgen.toml shapes it, planned without python-pptx: the protective marking,
the slides' order, hidden indicators, definitions in the notes and the date's format."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from reportgen.findings import all_warnings
from reportgen.indicators import assess_all
from reportgen.ingest import read_report
from reportgen.ingest.writer import Deck
from reportgen.overrides import Override, apply_overrides
from reportgen.plan import BUILTIN_GEOMETRY, DEFAULT_OPTIONS, DeckOptions, plan_deck
from reportgen.plan.layout import INSET_X, Box, Geometry
from reportgen.plan.measure import text_width_pt
from reportgen.plan.slides import ChartSlide, SlideKind, TableSlide
from reportgen.plan.words import check_date_format, long_date
from tests.conftest import SAMPLE
from tests.plan.conftest import GEOMETRY_4_3, Book, Planned, many_sections

MARKING = "OFFICIAL-SENSITIVE"


def planned_with(overrides: Sequence[Override] = (), options: DeckOptions = DEFAULT_OPTIONS,
                 geometry: Geometry = BUILTIN_GEOMETRY) -> Planned:
    """The sample planned as build plans it: overrides applied, then assessed, then planned."""
    report = apply_overrides(read_report(SAMPLE), overrides).report
    assessments = assess_all(report.kpis.indicators, months=report.kpis.months)
    plan = plan_deck(report, assessments, geometry, options, all_warnings(report, assessments))
    return Planned(report, assessments, plan, geometry)


@pytest.mark.parametrize("geometry", [BUILTIN_GEOMETRY, GEOMETRY_4_3], ids=["16:9", "4:3"])
def test_the_marking_is_planned_for_every_slide_inside_the_footer_band(
        geometry: Geometry) -> None:
    planned = planned_with(options=DeckOptions(marking=MARKING), geometry=geometry)
    marking = planned.plan.marking
    assert marking is not None and marking.text == MARKING
    box = marking.box
    assert box.top >= geometry.footer_top and box.bottom <= geometry.slide_height
    assert box.left >= 0 and box.left + box.width <= geometry.slide_width
    assert box.left + box.width / 2 == pytest.approx(geometry.slide_width / 2)


@pytest.mark.parametrize("text", [MARKING, "OFFICIAL-SENSITIVE: PERSONAL DATA INSIDE"])
def test_the_marking_fits_the_footer_placeholder_on_one_line(text: str) -> None:
    footer = Box(246.0, 500.5, 228.0, 28.75)  # python-pptx's default template, 4:3
    geometry = replace(GEOMETRY_4_3, footer_text=footer, footer_size=12.0)
    marking = planned_with(options=DeckOptions(marking=text), geometry=geometry).plan.marking
    assert marking is not None and marking.box == footer
    assert text_width_pt(text, marking.size, bold=True) <= footer.width - 2 * INSET_X
    assert marking.size == 12.0 if text == MARKING else 6.0 < marking.size < 12.0


def test_the_marking_is_in_the_document_properties() -> None:
    properties = planned_with(options=DeckOptions(marking=MARKING)).plan.properties
    assert properties.keywords == properties.category == MARKING
    assert properties.title == f"{MARKING}: Children's Services Improvement: March 2019 Update"


def test_no_marking_by_default(sample_plan: Planned) -> None:
    assert sample_plan.plan.marking is None
    assert sample_plan.plan.properties.keywords == sample_plan.plan.properties.category == ""


def kinds(planned: Planned) -> list[str]:
    """Each slide's kind after the title, runs of one kind as one."""
    names: list[str] = []
    for kind in planned.plan.kinds[1:]:
        assert kind is not None
        if not names or names[-1] != kind.value:
            names.append(kind.value)
    return names


def test_the_configured_order_is_the_decks_order() -> None:
    order = (SlideKind.TABLE, SlideKind.EXCEPTIONS, SlideKind.GLANCE, SlideKind.NARRATIVE,
             SlideKind.APPENDIX)
    planned = planned_with(options=DeckOptions(slides=order))
    assert planned.plan.slides[0] == planned_with().plan.slides[0]  # the title comes first
    assert kinds(planned) == [kind.value for kind in order]


def test_a_slide_left_out_of_the_order_is_not_made() -> None:
    planned = planned_with(options=DeckOptions(slides=(SlideKind.GLANCE, SlideKind.TABLE)))
    assert kinds(planned) == ["glance", "table"]
    assert not planned.exceptions()


def test_every_kind_can_be_placed(book: Book) -> None:
    """Forty indicators, two exception slides: every kind of slide is made, in the order
    given (the reverse of the usual one)."""
    order = tuple(reversed(SlideKind))
    planned = book.plan(many_sections(40), options=DeckOptions(exceptions=2, slides=order),
                        after=[])
    made = kinds(planned)
    assert made == [kind.value for kind in order if kind.value in made]
    assert set(made) >= {"appendix", "glance-lists", "other-reds", "exceptions", "table",
                         "cohort", "glance"}


def test_the_appendix_flag_adds_the_appendix_to_a_configured_order() -> None:
    planned = planned_with(options=DeckOptions(slides=(SlideKind.TABLE,), appendix=True))
    assert kinds(planned) == ["table", "appendix"]


def test_without_an_order_the_deck_is_as_before(sample_plan: Planned) -> None:
    assert planned_with().plan == sample_plan.plan


HIDDEN = ("3.1", "% of children in need with CIN Plan completed")


def test_a_hidden_indicator_is_on_no_slide_and_in_no_count(sample_plan: Planned) -> None:
    planned = planned_with([Override("3.1", 1, hide=True)])
    texts = list(planned.texts())
    ref, measure = HIDDEN
    assert any(measure in text for text in sample_plan.texts())  # the check can fail
    assert not any(measure in text for text in texts)
    assert ref not in {row.ref for s in planned.of(TableSlide) for row in s.table.rows}
    assert not any(re.search(rf"(^|\W){re.escape(ref)}(\W|$)", text) for text in texts)
    assert len(planned.exceptions()) == len(sample_plan.exceptions()) - 1
    tiles = {tile.label: tile.count for tile in planned.glance.tiles}
    before = {tile.label: tile.count for tile in sample_plan.glance.tiles}
    assert tiles != before and sum(tiles.values()) == sum(before.values()) - 1


def test_a_hidden_cohort_leaves_the_cohort_chart(sample_plan: Planned) -> None:
    planned = planned_with([Override("1.3", 1, hide=True)])
    chart = next(s for s in planned.of(ChartSlide) if not s.paragraphs)
    names = [series.name for c in chart.charts for series in c.series]
    assert len(names) == 2 and not any("CPP" in name for name in names)


DEFINITION = "Children in need whose CIN plan was completed within 20 working days."


def test_a_definition_is_in_the_notes_of_the_slides_that_show_the_indicator() -> None:
    planned = planned_with([Override("3.1", 1, definition=DEFINITION)])
    line = f"3.1 definition: {DEFINITION}"
    table = next(s for s in planned.tables if any(r.ref == "3.1" for r in s.table.rows))
    exception = next(s for s in planned.exceptions() if s.title.startswith("3.1:"))
    assert line in table.notes and line in exception.notes
    others = [s for s in planned.plan.slides if s not in (table, exception)]
    assert not any(line in s.notes for s in others)


@pytest.mark.parametrize(("form", "shown"), [
    ("%-d %B %Y", "9 April 2019"),
    ("%d/%m/%Y", "09/04/2019"),
    ("%A %-d %b %y", "Tuesday 9 Apr 19"),
    ("%-d.%-m.%Y", "9.4.2019"),
    ("%Y: 100%%", "2019: 100%"),
])
def test_date_formats(form: str, shown: str) -> None:
    assert check_date_format(form) == ""
    assert long_date(date(2019, 4, 9), form) == shown


@pytest.mark.parametrize("form", ["%H:%M", "%-B", "9 April", "%", "%d %"])
def test_a_date_format_that_is_no_date(form: str) -> None:
    assert check_date_format(form)


def test_the_date_format_writes_the_meeting_date(book: Book) -> None:
    planned = book.plan(many_sections(5), deck=Deck("Cabinet update", date(2019, 4, 9)),
                        options=DeckOptions(date_format="%A %-d %B %Y"))
    assert planned.cover.lines[0].text == "Tuesday 9 April 2019"
    assert planned.plan.footer == "Tuesday 9 April 2019"


def test_a_marking_changes_no_slide(sample_plan: Planned) -> None:
    assert planned_with(options=DeckOptions(marking=MARKING)).plan.slides == \
        sample_plan.plan.slides
