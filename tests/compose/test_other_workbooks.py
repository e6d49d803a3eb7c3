"""Decks for workbooks other than the sample: another month, a large table, long narrative."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.compose import compose_deck
from reportgen.compose.kpi_table import MIN_ROW_PT
from reportgen.errors import TemplateError
from reportgen.indicators import assess_all
from reportgen.ingest import read_report
from reportgen.ingest.writer import (
    Deck,
    Narrative,
    Row,
    Section,
    Table,
    Value,
    WorkbookSpec,
    count,
    pct,
)
from reportgen.model import Paragraph, Presenter, TextRun
from scripts.make_sample import DECK, NARRATIVES, SECTIONS
from tests.compose.conftest import build, table_rows, tables, title_of
from tests.conftest import Write

MARCH = ["Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19", "Mar 19"]


def shifted(row: Row, new_last: Value) -> Row:
    """The row a month later: drop the oldest month, add one."""
    return replace(row, current=new_last, months=[*row.months[1:], new_last])


def march_spec() -> WorkbookSpec:
    sections = []
    for section in SECTIONS:
        rows = [shifted(r, r.months[-1]) for r in section.rows if r.ref != "1.4"]
        sections.append(Section(section.title, rows))
    sections.append(Section("Early Help", [
        Row("7.1", "% of early help assessments completed within 35 days", None, count(120),
            count(150), pct(0.8), "YTD", [pct(v) for v in (0.7, 0.72, 0.75, 0.77, 0.79, 0.8)],
            pct(0.85, 0), pct(0.9, 0)),
    ]))
    narrative = Narrative("Progress", "Improvement Progress in March", [
        Paragraph((TextRun("Ofsted monitoring visit completed", bold=True),)),
        Paragraph((TextRun("Letter published 2"), TextRun("nd", superscript=True),
                   TextRun(" April"))),
    ])
    return WorkbookSpec(
        Deck("Children's Services Improvement: April 2019 Update", "April 2019",
             [Presenter("Debbie Jones", "Corporate Director")]),
        [narrative, Table(months=MARCH, sections=sections), NARRATIVES["Challenges"]])


def test_another_month_leaves_nothing_of_february(write: Write) -> None:
    prs, _, _ = build(write(march_spec()))
    titles = [title_of(s) for s in prs.slides]
    assert titles[:5] == ["Children's Services Improvement: April 2019 Update",
                          "Improvement Progress in March", "KPIs at a glance",
                          "Cohorts: Oct 18–Mar 19", "March KPIs"]
    assert titles[-1] == "Challenges"
    everything = "\n".join(
        shape.text_frame.text for slide in prs.slides for shape in slide.shapes
        if shape.has_text_frame) + "\n".join("|".join(r) for r in table_rows(prs))
    for gone in ("February KPIs", "Sep 18", "Number of LAC", "Journey so far",
                 "Cllr Danny Hassell", "1.4"):
        assert gone not in everything
    dates = {ph.text_frame.text for s in prs.slides for ph in s.placeholders
             if ph.placeholder_format.type == PP_PLACEHOLDER.DATE}
    assert dates == {"April 2019"}
    rows = {r[0]: r for r in table_rows(prs)}
    assert "1.4" not in rows
    assert rows["7.1"][5] == "80.0% R"
    assert rows["Early Help"][0] == "Early Help"
    assert rows["Ref"][7:13] == MARCH


def big_spec(indicators: int = 150, per_section: int = 10) -> WorkbookSpec:
    sections = []
    for s in range(indicators // per_section):
        rows = []
        for i in range(per_section):
            n = s * per_section + i
            measure = "% of children seen within timescale" + (
                " where the plan was reviewed and the family was visited at home" * (n % 3))
            rows.append(Row(f"{s + 1}.{i + 1}", measure, pct(0.9), count(90 + n), count(100),
                            pct((90 + n % 10) / 100), "Snapshot",
                            [pct(0.8 + (n % 7) / 100)] * 6, pct(0.85, 0), pct(0.95, 0)))
        sections.append(Section(f"Section {s + 1}", rows))
    return WorkbookSpec(DECK, [Table(months=MARCH, sections=sections)])


def test_large_table_is_paginated_readably(write: Write) -> None:
    prs, report, _ = build(write(big_spec()))
    table_slides = [s for s in prs.slides if tables(s)]
    assert len(table_slides) > 5
    titles = [title_of(s) for s in table_slides]
    assert titles[:3] == ["March KPIs", "March KPIs (continued)", "March KPIs (continued 2)"]
    assert len(set(titles)) == len(titles)
    refs = [r[0] for r in table_rows(prs) if r[0] not in ("Ref",) and r[1]]
    assert refs == [i.ref for i in report.kpis.indicators]  # each once, in order
    for slide in table_slides:
        frame = next(s for s in slide.shapes if s.has_table)
        table = frame.table
        assert table.rows[0].cells[0].text_frame.text == "Ref"
        last = table.rows[len(table.rows) - 1].cells[0]
        assert not last.is_merge_origin  # no section heading left alone at the foot
        assert frame.top + frame.height <= slide.part.package.presentation_part \
            .presentation.slide_height - 914400 // 2
        for row in table.rows:
            assert row.height >= MIN_ROW_PT * 12700
            for cell in row.cells:
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size.pt >= 10


def test_long_narrative_continues_on_another_slide(write: Write) -> None:
    bullets = [Paragraph((TextRun(f"Point {i}: " + "a sentence of ordinary length " * 4),))
               for i in range(18)]
    spec = WorkbookSpec(DECK, [Narrative("Long", "Progress", bullets),
                               *big_spec(10).sheets])
    prs, _, _ = build(write(spec))
    titles = [title_of(s) for s in prs.slides]
    assert titles[1:4] == ["Progress", "Progress (continued)", "Progress (continued 2)"] or \
        titles[1:3] == ["Progress", "Progress (continued)"]
    texts = [p.text for s in list(prs.slides)[1:] for ph in s.placeholders
             if ph.placeholder_format.idx == 1 and ph.has_text_frame
             for p in ph.text_frame.paragraphs]
    assert [t.split(":")[0] for t in texts if t.startswith("Point")] == \
        [f"Point {i}" for i in range(18)]


def test_template_without_the_layouts_is_refused(tmp_path: Path, write: Write) -> None:
    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))
    report = read_report(write(big_spec(10)))
    with pytest.raises(TemplateError) as caught:
        compose_deck(report, assess_all(report.kpis.indicators), plain)
    assert str(caught.value) == f"{plain}: has no layout named 'Title and Table'"


def test_repeated_titles_are_numbered(write: Write) -> None:
    notes = [Narrative(f"N{i}", "Update", [Paragraph((TextRun(f"point {i}"),))]) for i in range(3)]
    prs, _, _ = build(write(WorkbookSpec(DECK, [*notes, *big_spec(10).sheets])))
    assert [title_of(s) for s in prs.slides][1:4] == ["Update", "Update (2)", "Update (3)"]
