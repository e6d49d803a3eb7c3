"""The slides the hand-made deck lacked: at a glance, cohorts, exceptions, notes, appendix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pptx.enum.chart import XL_CHART_TYPE

from reportgen.compose import DeckOptions, compose_deck
from reportgen.indicators import Assessment, Rag, assess_all
from reportgen.ingest import read_report
from reportgen.ingest.writer import Table, WorkbookSpec
from reportgen.model import Report
from scripts.make_sample import DECK, MONTHS, SECTIONS
from tests.compose.conftest import build, title_of
from tests.compose.test_other_workbooks import march_spec
from tests.conftest import Write

Deck = tuple[Any, Report, tuple[Assessment, ...]]


def slide_text(slide: Any) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def glance_of(prs: Any) -> Any:
    return next(s for s in prs.slides if title_of(s) == "KPIs at a glance")


def test_glance_states_counts_and_names_every_red(sample_deck: Deck) -> None:
    prs, _, assessments = sample_deck
    text = slide_text(glance_of(prs))
    assert "19 indicators for February 2019: 6 green, 6 amber, 4 red and 3 data only." in text
    assert "Since January, 6 improved and 8 worsened; 2 held steady." in text
    assert "Red (4):" in text
    for a in assessments:
        if a.rag is Rag.RED:
            assert f"{a.indicator.ref} {a.indicator.measure}" in text


def _moved_refs(prs: Any) -> list[str]:
    body = next(ph for ph in glance_of(prs).placeholders if ph.placeholder_format.idx == 1)
    paragraphs = list(body.text_frame.paragraphs)
    start = next(i for i, p in enumerate(paragraphs) if "moved between RAG bands" in p.text)
    moved = []
    for paragraph in paragraphs[start + 1:]:
        if paragraph.level == 0:
            break
        moved.append(paragraph.runs[0].text)
    return moved


def test_glance_names_exactly_the_band_changes(sample_deck: Deck, write: Write) -> None:
    prs, _, _ = sample_deck
    assert _moved_refs(prs) == ["4.6", "5.11", "6.1", "6.3D"]
    march, _, march_assessments = build(write(march_spec()))
    expected = [a.indicator.ref for a in march_assessments if a.band_change]
    assert _moved_refs(march) == expected
    assert expected != ["4.6", "5.11", "6.1", "6.3D"]


def test_cohort_chart_is_native_and_editable(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    slide = next(s for s in prs.slides if title_of(s).startswith("Cohorts"))
    frame = next(s for s in slide.shapes if s.has_chart)
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert list(chart.plots[0].categories) == MONTHS
    assert [s.name for s in chart.series] == [
        "1.2 Number of CIN (exc. LAC, CP, Care Leavers)", "1.3 Number of children subject to CPP",
        "1.4 Number of LAC"]
    assert list(chart.series[0].values) == [981, 997, 999, 1097, 1084, 1020]
    workbook = chart.part.chart_workbook.xlsx_part
    assert workbook is not None and workbook.blob[:2] == b"PK"  # editable data in PowerPoint
    assert "1.2 Number of CIN (exc. LAC, CP, Care Leavers) 981 → 1,020" in \
        frame._element.nvGraphicFramePr.cNvPr.get("descr")


def test_exception_slides_for_exactly_the_reds(sample_deck: Deck) -> None:
    prs, _, assessments = sample_deck
    reds = [a.indicator.ref for a in assessments if a.rag is Rag.RED]
    exception = [s for s in prs.slides if s.slide_layout.name == "Chart and Text"]
    assert [title_of(s).split(":")[0] for s in exception] == reds
    first = exception[0]
    text = slide_text(first)
    for expected in ("Current: 89.0% (Snapshot): red", "Min 90% and Upper 95%, higher is better",
                     "improving from 86.5% in Jan 19 to 89.0% in Feb 19", "908 / 1,020",
                     "2017/18: 86.1%"):
        assert expected in text
    chart = next(s for s in first.shapes if s.has_chart).chart
    assert [s.name for s in chart.series] == ["3.1 monthly", "Min 90%", "Upper 95%"]


def test_exception_limit_lists_the_rest(sample: Path) -> None:
    report = read_report(sample)
    assessments = assess_all(report.kpis.indicators)
    deck = compose_deck(report, assessments, options=DeckOptions(exceptions=2))
    assert deck.slide_titles.count("Other red indicators") == 1
    assert sum(1 for t in deck.slide_titles if t.startswith(("3.1:", "3.3a:", "6.3D:", "11.13:"))) \
        == 2


def test_commentary_column_fills_the_exception(write: Write) -> None:
    sections = [replace(s, rows=[replace(r, commentary="Recovery plan agreed in March.")
                                 for r in s.rows]) for s in SECTIONS]
    path = write(WorkbookSpec(DECK, [Table(months=MONTHS, sections=sections, commentary=True)]))
    prs, report, _ = build(path)
    assert report.kpis.indicators[0].commentary == "Recovery plan agreed in March."
    exception = next(s for s in prs.slides if title_of(s).startswith("3.1:"))
    assert "Commentary: Recovery plan agreed in March." in slide_text(exception)


def test_speaker_notes_on_every_slide(sample_deck: Deck) -> None:
    prs, _, _ = sample_deck
    for slide in prs.slides:
        assert slide.has_notes_slide, title_of(slide)
        assert slide.notes_slide.notes_text_frame.text.strip(), title_of(slide)
    table_notes = next(s for s in prs.slides if title_of(s) == "February KPIs") \
        .notes_slide.notes_text_frame.text
    assert ("3.1, % of children in need with CIN Plan completed: 89.0% (Snapshot), rated red; "
            "Min 90% and Upper 95%, higher is better; improving from 86.5% in Jan 19 to 89.0% in "
            "Feb 19; 908 of 1,020; 2017/18 outturn 86.1%.") in table_notes


def test_data_quality_appendix(sample: Path) -> None:
    report = read_report(sample)
    assessments = assess_all(report.kpis.indicators)
    plain = compose_deck(report, assessments)
    assert not any(t.startswith("Data quality") for t in plain.slide_titles)
    deck = compose_deck(report, assessments, options=DeckOptions(appendix=True))
    assert deck.slide_titles[-1] == "Data quality: February 2019"


def test_no_cohort_slide_without_a_cohort_section(write: Write) -> None:
    sections = [s for s in SECTIONS if s.title != "Cohorts"]
    prs, _, _ = build(write(WorkbookSpec(DECK, [Table(months=MONTHS, sections=sections)])))
    assert not any(title_of(s).startswith("Cohorts") for s in prs.slides)
    assert any(title_of(s) == "February KPIs" for s in prs.slides)
