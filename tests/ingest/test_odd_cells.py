"""Cells that used to be read silently wrong: each is now read right, or named in a warning or
an error. Sample layout: row 8, F Current, H..M the months, N Min, O Upper."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

import openpyxl
import pytest

from reportgen.ingest import read_report
from reportgen.ingest.writer import (
    Deck,
    SheetCell,
    SheetNarrative,
    SheetRow,
    SheetSection,
    SheetTable,
    WorkbookSpec,
    count,
    pct,
)
from reportgen.model import Aim, Paragraph, Polarity, Presenter, TextRun
from reportgen.model import Narrative as NarrativePart
from tests.conftest import Write
from tests.ingest.builders import (
    MONTHS,
    error_of,
    in_workbook,
    indicator_of,
    one_row,
    patch_sheet,
    plain_table,
    spec,
    texts,
    to_shared_strings,
    visits,
)

SHEET = "xl/worksheets/sheet2.xml"  # the KPI sheet, after Deck


# 7. Targets that are formulas saved without their values


def test_a_target_formula_without_its_value_stops_the_build(write: Write) -> None:
    path = write(one_row(visits()))
    workbook = openpyxl.load_workbook(path)
    workbook["KPIs"]["N8"] = "=0.9"  # openpyxl, like most programs, stores no value
    workbook.save(path)
    assert error_of(path) == (f"{path}: KPIs!N8: Min target is a formula saved without its "
                              "value: open the workbook in Excel and save it (Excel stores the "
                              "values), then try again")


def test_a_target_formula_with_its_saved_value_is_read(write: Write) -> None:
    path = write(one_row(visits()))
    workbook = openpyxl.load_workbook(path)
    workbook["KPIs"]["N8"] = "=0.9"
    workbook.save(path)
    # what Excel does on save: store the formula's value beside it
    patch_sheet(path, SHEET, b"<f>0.9</f><v></v>", b"<f>0.9</f><v>0.9</v>")
    ind = indicator_of(path)
    assert ind.target_min is not None and ind.target_min.value == 90


# 8. OOXML escapes (_x000B_) in text


def escaped_spec() -> WorkbookSpec:
    row = replace(visits(), measure="% of CIN children_x000B_visited within_x000D_ 4 weeks",
                  commentary="Up_x0009_again")
    table = SheetTable(MONTHS, [SheetSection("Visits_x000D__x000A_and plans", [row])],
                       commentary=True)
    notes = SheetNarrative("Notes", "Challenges_x000B_ahead", [
        Paragraph((TextRun("Pace_x000B_– keeping a relentless pace"),)),
        Paragraph((TextRun("Capacity", bold=True), TextRun(" –_x000B_volume rising"))),
    ])
    deck = Deck("Children's Services_x000B_March 2019 Update", "March 2019",
                [Presenter("Debbie_x000D_ Jones", "Corporate_x000B_Director")])
    return WorkbookSpec(deck, [table, notes])


@pytest.mark.parametrize("shared", [False, True], ids=["inline strings", "shared strings"])
def test_ooxml_escapes_are_decoded(write: Write, shared: bool) -> None:
    path = write(escaped_spec())
    if shared:
        to_shared_strings(path)
    report = read_report(path)
    ind = report.kpis.indicators[0]
    assert ind.measure == "% of CIN children visited within 4 weeks"
    assert report.kpis.sections[0].title == "Visits and plans"
    assert ind.commentary == "Up again"
    assert report.deck.title == "Children's Services March 2019 Update"
    assert (report.deck.presenters[0].name, report.deck.presenters[0].role) == (
        "Debbie Jones", "Corporate Director")
    narrative = report.outline[1]
    assert isinstance(narrative, NarrativePart) and narrative.title == "Challenges ahead"
    assert [p.text for p in narrative.paragraphs] == [
        "Pace – keeping a relentless pace", "Capacity – volume rising"]
    assert "_x" not in json.dumps([str(part) for part in report.outline])


# 9. Figures formatted as dates


def two_rows(row: SheetRow) -> WorkbookSpec:
    """``row`` at row 8 and the seed's 3.3a under it, so that every month has a figure."""
    return spec(SheetTable(MONTHS, [SheetSection("S", [row, visits("3.3b")])]))


def test_a_figure_formatted_as_a_date_is_named_and_missing(write: Write) -> None:
    row = replace(visits(),
                  months=[*visits().months[:5], SheetCell(datetime(2019, 2, 1), "mmm-yy")])
    ind = indicator_of(write(two_rows(row)))
    assert ind.trend[-1] is None
    assert texts(ind.notes) == ("3.3a: Feb 19 '2019-02-01' at KPIs!M8 is formatted as a date, "
                                "not a number; treated as missing",)


def test_a_figure_formatted_as_a_time_is_named_and_missing(write: Write) -> None:
    ind = indicator_of(write(one_row(replace(visits(), current=SheetCell(time(21, 36), "h:mm")))))
    assert ind.current is None
    assert texts(ind.notes) == (
        "3.3a: Current '21:36:00' at KPIs!F8 is formatted as a date, not a "
        "number; treated as missing",)


def test_a_target_formatted_as_a_date_stops_the_build(write: Write) -> None:
    path = write(one_row(replace(visits(), target_upper=SheetCell(datetime(2019, 2, 1), "d/m/yy"))))
    assert error_of(path) == (f"{path}: KPIs!O8: Upper target '2019-02-01' is formatted as a "
                              "date, not a number")


# 10. Polarity as people write it


def polarity_table(path: Path, *stated: str) -> Path:
    rows = [[f"A{i}", "Backlog", 12, 15, 12, 10, 20, said] for i, said in enumerate(stated)]
    return plain_table(path, ["Ref", "Performance Measure", "Current", "Jan 19", "Feb 19", "Min",
                              "Upper", "Polarity"], *rows)


@pytest.mark.parametrize(("stated", "polarity"), [
    ("Higher", Polarity.HIGHER), ("higher is better", Polarity.HIGHER), ("High", Polarity.HIGHER),
    ("Up", Polarity.HIGHER), ("Hgher", Polarity.HIGHER), ("Bigger is better", Polarity.HIGHER),
    ("Lower", Polarity.LOWER), ("lower better", Polarity.LOWER), ("Low is good", Polarity.LOWER),
    ("Lower (better)", Polarity.LOWER), ("lower is better", Polarity.LOWER),
    ("down", Polarity.LOWER), ("Lowr", Polarity.LOWER), ("higher is worse", Polarity.LOWER),
    ("↓", Polarity.LOWER),
])
def test_polarity_words(tmp_path: Path, stated: str, polarity: Polarity) -> None:
    ind = read_report(polarity_table(tmp_path / "p.xlsx", stated)).kpis.indicators[0]
    assert (ind.polarity, in_workbook(ind.polarity_place), texts(ind.notes)) == (
        polarity, "Data!H2", ())


@pytest.mark.parametrize("stated", ["sideways", "High/Low", "better"])
def test_polarity_that_cannot_be_read_is_named(tmp_path: Path, stated: str) -> None:
    ind = read_report(polarity_table(tmp_path / "p.xlsx", stated)).kpis.indicators[0]
    assert (ind.polarity, in_workbook(ind.polarity_place)) == (None, "")
    assert texts(ind.notes) == (f"A0: Polarity {stated!r} at Data!H2 cannot be read (write "
                                "Higher or Lower, H or L, or Target for stay close to target); "
                                "ignored",)


@pytest.mark.parametrize("stated", ["", "-"])
def test_no_polarity_stated(tmp_path: Path, stated: str) -> None:
    ind = read_report(polarity_table(tmp_path / "p.xlsx", stated)).kpis.indicators[0]
    assert (ind.polarity, in_workbook(ind.polarity_place), texts(ind.notes)) == (None, "", ())


@pytest.mark.parametrize(("stated", "aim"), [("n/a", Aim.NONE), ("Info", Aim.NONE),
                                             ("T", Aim.TWO_SIDED), ("H", Aim.HIGHER),
                                             ("Smaller is better", Aim.LOWER)])
def test_polarity_words_and_codes(tmp_path: Path, stated: str, aim: Aim) -> None:
    """design.md §2a: "n/a" in a polarity column says the measure is for information."""
    ind = read_report(polarity_table(tmp_path / "p.xlsx", stated)).kpis.indicators[0]
    assert (ind.aim, ind.polarity, in_workbook(ind.polarity_place)) == (
        aim, aim.polarity, "Data!H2")


def test_polarity_in_the_title_is_placed_at_the_measure(write: Write) -> None:
    row = SheetRow("11.13", "Overall audit quality score (lower is better)", None, count(64),
                   count(29), SheetCell(2.5, "0.0"), "Snapshot", [], SheetCell(2), SheetCell(1))
    ind = indicator_of(write(one_row(row)))
    assert (ind.polarity, in_workbook(ind.polarity_place)) == (Polarity.LOWER, "KPIs!B8")


# 11. Figures beyond what Excel can show


@pytest.mark.parametrize(("cell", "shown"), [
    (SheetCell(1e307), "1e+307"), (SheetCell(1e308), "1e+308"), (SheetCell(-1e308), "-1e+308"),
    (SheetCell(2 * 10**15), "2e+15"), (SheetCell(1e13, "0.0%"), "1e+13"),
    (SheetCell("1,000,000,000,000,000"), "1,000,000,000,000,000"),
])
def test_a_figure_out_of_range_is_named_and_missing(write: Write, cell: SheetCell,
                                                    shown: str) -> None:
    ind = indicator_of(write(one_row(replace(visits(), current=cell))))
    assert ind.current is None
    assert texts(ind.notes) == (
        f"3.3a: Current {shown!r} at KPIs!F8 is out of range for a figure "
        "(1e15 or more: beyond the 15 digits Excel keeps); treated as missing",)


def test_text_1e308_is_not_a_number(write: Write) -> None:
    ind = indicator_of(write(one_row(replace(visits(), current="1e308"))))
    assert ind.current is None
    assert texts(ind.notes) == (
        "3.3a: Current '1e308' at KPIs!F8 is not a number; treated as missing",)


def test_an_infinite_figure_is_named_and_missing(write: Write) -> None:
    # Excel writes no infinities, but a program can: 1e400 is read as inf.
    path = write(two_rows(replace(visits(), months=[*visits().months[:5], SheetCell(1e300)])))
    patch_sheet(path, SHEET, b"<v>1e+300</v>", b"<v>1e400</v>")
    ind = indicator_of(path)
    assert ind.trend[-1] is None
    assert str(ind.notes[0]).startswith("3.3a: Feb 19 'inf' at KPIs!M8 is out of range")


def test_a_target_out_of_range_stops_the_build(write: Write) -> None:
    path = write(one_row(replace(visits(), target_min=SheetCell(1e308))))
    assert error_of(path) == (f"{path}: KPIs!N8: Min target '1e+308' is out of range for a "
                              "figure (1e15 or more: beyond the 15 digits Excel keeps)")


def test_num_and_denom_that_overflow_work_out_no_current(write: Write) -> None:
    path = write(one_row(replace(visits(), num=SheetCell(1e14), denom=SheetCell(1e-300))))
    workbook = openpyxl.load_workbook(path)
    workbook["KPIs"]["F8"] = "=D8/E8"
    workbook.save(path)
    ind = indicator_of(path)
    assert ind.current is None
    assert "formula saved without its value; treated as missing" in str(ind.notes[0])


def test_a_huge_ref_is_read_as_text(write: Write) -> None:
    ind = indicator_of(write(one_row(replace(visits(), ref=SheetCell(1e308)))))
    assert ind.ref.startswith("1000000000")


def test_unchanged_sample_row_has_no_notes(write: Write) -> None:
    ind = indicator_of(write(one_row(replace(visits(), current=pct(0.873)))))
    assert texts(ind.notes) == () and ind.polarity is None
