"""How figures, dates and changes are written: UK long dates, one number format per indicator,
one mark for a missing figure, changes as sizes people can say aloud."""

from __future__ import annotations

import re
from datetime import date

import pytest

from reportgen.ingest.writer import Deck, SheetRow, count, decimal, pct
from reportgen.plan.slides import Align, TableSlide
from reportgen.plan.words import MISSING, change_words, long_date, needed_words
from tests.plan.conftest import Book, Planned


def cells_by_header(slide: TableSlide, ref: str) -> dict[str, str]:
    """An indicator's row as {column label: text}, labels from the second header row."""
    labels = [cell.text for cell in slide.table.rows[1].cells]
    row = next(r for r in slide.table.rows if r.ref == ref)
    return dict(zip(labels, (cell.text for cell in row.cells), strict=True))


@pytest.mark.parametrize(("day", "words"), [
    (date(2019, 4, 9), "9 April 2019"),
    (date(2019, 12, 25), "25 December 2019"),
    (date(2020, 1, 1), "1 January 2020"),
])
def test_long_date_is_uk_long_form(day: date, words: str) -> None:
    assert long_date(day) == words


@pytest.mark.parametrize(("written", "shown"), [
    (date(2019, 4, 9), "9 April 2019"),  # a date cell
    ("2019-04-09", "9 April 2019"),  # ISO text becomes long form
    ("Spring 2019", "Spring 2019"),  # other text is kept as written
    ("Tuesday 9th April", "Tuesday 9th April"),
])
def test_meeting_date_on_the_title_slide_and_footer(book: Book, written: date | str,
                                                    shown: str) -> None:
    planned = book.one(SheetRow("1", "Cases", current=pct(0.95), target_min=pct(0.9, 0)),
                       deck=Deck("Cabinet update", written))
    assert planned.plan.footer == shown
    assert [p.text for p in planned.cover.lines] == [shown]


def test_every_figure_of_a_row_has_currents_decimals(book: Book) -> None:
    # The workbook writes "90%" and "95%" beside a Current of "89.5%", months in three formats.
    row = SheetRow("3.1", "% of plans on time", pct(0.88, 0), count(895), count(1000),
                   pct(0.895), "Snapshot",
                   [pct(0.9, 0), pct(0.8725, 2), pct(0.88), pct(0.891), pct(0.87, 0), pct(0.895)],
                   pct(0.9, 0), pct(0.95, 0))
    planned = book.one(row)
    cells = cells_by_header(planned.tables[0], "3.1")
    assert cells["2017/18"] == "88.0%"
    assert [cells[m] for m in ("Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19")] == [
        "90.0%", "87.3%", "88.0%", "89.1%", "87.0%", "89.5%"]
    assert (cells["Min"], cells["Upper"]) == ("90.0%", "95.0%")
    assert cells["Current"] == "89.5% R"
    assert (cells["Num"], cells["Denom"]) == ("895", "1,000")  # counts keep their own format
    exception = planned.exceptions()[0]
    assert exception.title.startswith("3.1: 89.5% against a 90.0% minimum")
    assert "Targets: Min 90.0%, Upper 95.0%; higher is better" in [
        p.text for p in exception.paragraphs]


def test_a_missing_figure_is_one_mark_whatever_the_workbook_wrote(book: Book) -> None:
    row = SheetRow("2.1", "% of contacts in a day", "n/a", "-", None, pct(0.97), "YTD",
                   ["N/A", pct(0.95), "-", None, pct(0.96), pct(0.97)], pct(0.9, 0), None)
    cells = cells_by_header(book.one(row).tables[0], "2.1")
    missing = ["Sep 18", "Nov 18", "Dec 18", "Upper"]
    assert [cells[label] for label in missing] == [MISSING] * len(missing)
    # no row has them: no column of dashes
    assert not {"2017/18", "Num", "Denom"} & set(cells)
    assert MISSING == "–"
    assert (cells["Oct 18"], cells["Jan 19"], cells["Current"]) == ("95.0%", "96.0%", "97.0% G")


def test_figures_are_right_aligned_and_names_left(sample_plan: Planned) -> None:
    slide = sample_plan.tables[0]
    labels = [cell.text for cell in slide.table.rows[1].cells]
    for row in (r for r in slide.table.rows if r.ref):
        aligned = {label: cell.align for label, cell in zip(labels, row.cells, strict=True)}
        assert aligned["Ref"] is aligned["Performance Measure"] is Align.LEFT
        figures = ["2017/18", "Num", "Denom", "Current", "Min", "Upper",
                   *(label for label in labels if re.fullmatch(r"[A-Z][a-z]{2} \d\d", label))]
        assert len(figures) == 12
        assert {aligned[label] for label in figures} == {Align.RIGHT}, row.ref


def test_change_words_for_percentages_are_points(sample_plan: Planned) -> None:
    # read in the polarity: better or worse, never a bare "up" where direction matters
    assert change_words(sample_plan.assessment("3.1")) == "better by 2.5 points"  # 86.5 → 89.0
    assert change_words(sample_plan.assessment("6.3D")) == "worse by 4.4 points"  # 91.9 → 87.5
    assert change_words(sample_plan.assessment("11.13")) == "unchanged"  # 2.5 → 2.5
    assert change_words(sample_plan.assessment("6.3D"), signed=False) == "down 4.4 points"


def test_a_rise_on_a_lower_is_better_measure_is_worse(book: Book) -> None:
    row = SheetRow("5.10", "% of assessments not yet completed", current=pct(0.15),
                   months=[pct(v) for v in (0.1, 0.11, 0.12, 0.13, 0.14, 0.15)],
                   target_min=pct(0.12, 0), target_upper=pct(0.1, 0))
    assert change_words(book.one(row).assessments[0]) == "worse by 1.0 points"


def test_change_words_for_counts_give_the_size_and_the_share(sample_plan: Planned) -> None:
    # 1.2: 1,084 children in January, 1,020 in February: 64 fewer, 5.9% of 1,084
    assert change_words(sample_plan.assessment("1.2")) == "down 64 (6%)"
    assert change_words(sample_plan.assessment("1.3")) == "up 30 (11%)"  # 274 → 304


def test_change_words_are_empty_without_both_months(book: Book) -> None:
    planned = book.one(SheetRow("1", "Cases", current=pct(0.95), months=[pct(0.9), None],
                                target_min=pct(0.9, 0)))
    assert change_words(planned.assessments[0]) == ""


def test_what_it_would_take_in_cases(sample_plan: Planned) -> None:
    # 908 of 1,020 is 89.0%; 918 of 1,020 is exactly 90%
    assert needed_words(sample_plan.assessment("3.1")) == "10 more of 1,020 would meet it"
    # 890 of 1,020: 918 is the first that meets 90%
    assert needed_words(sample_plan.assessment("3.3a")) == "28 more of 1,020 would meet it"


def test_a_change_is_never_written_as_zero(book: Book) -> None:
    row = SheetRow("1", "% of plans on time", current=pct(0.89, 0),
                   months=[pct(v) for v in (0.88, 0.87, 0.88, 0.88, 0.886, 0.89)],
                   target_min=pct(0.9, 0), target_upper=pct(0.95, 0))
    planned = book.one(row)
    assert planned.assessments[0].change == pytest.approx(0.4)
    assert not re.search(r"\b(up|down) 0 points?\b", change_words(planned.assessments[0]))


def test_a_changes_share_is_never_written_as_zero(book: Book) -> None:
    row = SheetRow("4.12", "Average caseload per worker (lower is better)", current=decimal(23.5),
                   months=[decimal(v) for v in (22.0, 22.5, 23.0, 23.1, 23.4, 23.5)],
                   target_min=decimal(20.0), target_upper=decimal(18.0))
    words = change_words(book.one(row).assessments[0])
    assert words.startswith("worse by 0.1")  # lower is better: a rise is worse
    assert "(0%)" not in words


def test_what_it_would_take_is_not_n_of_denom_for_an_average(book: Book) -> None:
    row = SheetRow("4.12", "Average caseload per worker (lower is better)", None, count(2345),
                   count(100), decimal(23.5), "Snapshot",
                   [decimal(v) for v in (22.0, 22.5, 23.0, 23.1, 23.4, 23.5)],
                   decimal(20.0), decimal(18.0))
    planned = book.one(row)
    assert planned.assessments[0].needed == 345  # 2,000 cases over 100 workers meet 20.0
    assert "of 100" not in needed_words(planned.assessments[0])
