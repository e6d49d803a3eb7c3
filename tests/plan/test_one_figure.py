"""One figure per indicator, everywhere (design.md §3): every figure a slide states about an
indicator is the one the KPI table shows for it, and every change a slide states is worked out
from figures the slide or the table shows. Read off whole plans (the sample, the demonstration
pack and 150 indicators), slide by slide, without python-pptx."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.plan.slides import BulletSlide, ChartSlide, TableSlide
from tests.conftest import ROOT, SAMPLE
from tests.plan.conftest import Planned, plan_file, slide_texts

DEMO = ROOT / "inputs" / "demo" / "demo-2021-03.xlsx"
_MONTH = re.compile(r"^[A-Z][a-z]{2} \d\d$")
_FIGURE = r"-?[\d,]+(?:\.\d+)?%?"


@pytest.fixture(params=["sample", "demo", 150])
def planned(request: pytest.FixtureRequest, sample_plan: Planned,
            large_book: Callable[[int], Planned]) -> Planned:
    if request.param == "sample":
        return sample_plan
    if request.param == "demo":
        return plan_file(DEMO)
    return large_book(150)


def _rows(planned: Planned) -> dict[str, dict[str, str]]:
    """Each indicator's table row as {column label: text}."""
    rows: dict[str, dict[str, str]] = {}
    for slide in planned.of(TableSlide):
        labels = [cell.text for cell in slide.table.rows[slide.table.header_rows - 1].cells]
        if not any(_MONTH.match(label) for label in labels):
            continue  # "Other red indicators": no months; its Current is checked below
        for row in slide.table.rows:
            if row.ref:
                rows[row.ref] = dict(zip(labels, (c.text for c in row.cells), strict=True))
    return rows


def _current(row: dict[str, str]) -> str:
    return re.sub(r" [RAG]$", "", row["Current"])


def _months(row: dict[str, str]) -> list[tuple[str, str]]:
    return [(label, text) for label, text in row.items() if _MONTH.match(label)]


def _number(shown: str) -> Decimal:
    return Decimal(shown.replace(",", "").rstrip("%"))


def _exceptions(planned: Planned) -> Iterator[tuple[str, ChartSlide]]:
    for slide in planned.exceptions():
        yield slide.title.split(":")[0], slide


def test_the_plans_have_what_this_reads(planned: Planned) -> None:
    rows = _rows(planned)
    assert len(rows) == len(planned.report.kpis.indicators)  # every indicator on a table page
    assert list(_exceptions(planned))  # each plan has exception slides to read


def test_an_exception_slide_shows_the_tables_current(planned: Planned) -> None:
    rows = _rows(planned)
    for ref, slide in _exceptions(planned):
        current = _current(rows[ref])
        assert slide.title.startswith(f"{ref}: {current} "), (slide.title, current)
        said = next(p.text for p in slide.paragraphs if p.text.startswith("Current:"))
        assert said.startswith(f"Current: {current} "), (said, current)


def test_a_charts_last_label_is_current_or_says_which_month_it_is(planned: Planned) -> None:
    rows = _rows(planned)
    for ref, slide in _exceptions(planned):
        label = slide.charts[0].series[0].label
        months = dict(_months(rows[ref]))
        if label != _current(rows[ref]):
            month, _, figure = label.partition(": ")
            assert months.get(month) == figure, (ref, label, months)


def test_a_change_in_a_title_is_worked_out_from_the_figures_the_table_shows(
        planned: Planned) -> None:
    rows = _rows(planned)
    checked = 0
    for ref, slide in _exceptions(planned):
        found = re.search(r"(better|worse) by ([\d.,]+)(?: points?)?", slide.title)
        months = _months(rows[ref])
        if found is None:
            continue
        (_, before), (_, last) = months[-2], months[-1]
        assert last == _current(rows[ref]), (ref, slide.title)  # the change is Current's
        assert abs(_number(last) - _number(before)) == _number(found.group(2)), slide.title
        checked += 1
    assert checked


def test_other_red_indicators_show_the_tables_current(planned: Planned) -> None:
    rows = _rows(planned)
    for slide in planned.of(TableSlide):
        if slide.title.startswith("Other red indicators"):
            labels = [cell.text for cell in slide.table.rows[0].cells]
            for row in slide.table.rows[1:]:
                cells = dict(zip(labels, (c.text for c in row.cells), strict=True))
                assert cells["Current"] == rows[row.ref]["Current"], row.ref


def test_the_glance_gives_each_red_the_tables_current(planned: Planned) -> None:
    rows = _rows(planned)
    for paragraph in planned.glance.paragraphs:
        ref = paragraph.runs[0].text
        found = re.search(rf": ({_FIGURE}) (?:against|below|above|, outside)", paragraph.text)
        if ref in rows and found:
            assert found.group(1) == _current(rows[ref]), paragraph.text


def test_a_change_on_the_glance_is_the_tables_last_two_months(planned: Planned) -> None:
    rows = _rows(planned)
    lines = [p for s in planned.of(BulletSlide) for p in s.paragraphs
             if s.title.startswith(("KPIs at a glance", "At a glance in full"))]
    checked = 0
    for paragraph in lines:
        for found in re.finditer(rf"(?:^|: |, )([\w.]+) [^:]*: (?:up|down) ({_FIGURE})",
                                 paragraph.text):
            ref, size = found.groups()
            if ref not in rows:
                continue
            (_, before), (_, last) = _months(rows[ref])[-2:]
            assert abs(_number(last) - _number(before)) == _number(size), paragraph.text
            checked += 1
    assert checked


def test_no_doubt_or_code_is_said_to_the_board(planned: Planned) -> None:
    for slide in planned.plan.slides:
        for text in (slide.title, *slide_texts(slide)):
            assert "Num/Denom" not in text and "may be wrong" not in text, (slide.title, text)
            assert "†" not in text and "?" not in text.replace("do we know how we are doing?",
                                                                ""), (slide.title, text)
            assert not re.search(r"\b(Common|Improving|Concern) [PF?]\b", text), text


def test_a_ceiling_is_never_a_minimum(planned: Planned) -> None:
    ceilings = {a.indicator.ref for a in planned.assessments
                if a.bounds is not None and a.bounds.ceiling}
    for ref, slide in _exceptions(planned):
        if ref in ceilings:
            assert "minimum" not in slide.title and "Min " not in " ".join(
                p.text for p in slide.paragraphs), slide.title


def test_no_list_names_an_indicator_by_its_ref_alone(planned: Planned) -> None:
    refs = {a.indicator.ref for a in planned.assessments}
    for slide in planned.of(BulletSlide):
        for paragraph in slide.paragraphs:
            for found in re.finditer(r"(?:^|: |, )([\w.]+)( \(|,|$)", paragraph.text):
                assert found.group(1) not in refs, (slide.title, paragraph.text)


def test_the_sample_is_a_draft_until_its_doubts_are_accepted(tmp_path: Path) -> None:
    del tmp_path
    planned = plan_file(SAMPLE)
    assert planned.plan.properties.status == "Draft: 3 figures to check"
