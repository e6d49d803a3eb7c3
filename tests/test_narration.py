from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen.indicators import Rag, assess_all
from reportgen.ingest import read_report
from reportgen.model import KpiTable, Month, Section
from reportgen.narration import GLANCE_LIST, describe, exception_points, glance
from tests.conftest import SAMPLE
from tests.test_indicators import indicator


def test_glance_caps_long_lists() -> None:
    reds = [replace(indicator(50.0 + i / 100, 90, 95, trend=(60.0, 50.0)), ref=f"R{i}")
            for i in range(40)]
    months = (Month(2019, 1), Month(2019, 2))
    kpis = KpiTable("KPIs", "t", "2017/18", months, (Section("S", tuple(reds)),))
    paragraphs = glance(kpis, assess_all(reds))
    named = [p for p in paragraphs if p.level == 1]
    assert len(named) == GLANCE_LIST + 1
    assert named[-1].text == "… and 15 more red indicators: see the KPI table."


def test_describe_sample_indicator(sample: Path) -> None:
    report = read_report(sample)
    kpis = report.kpis
    by_ref = {a.indicator.ref: a for a in assess_all(kpis.indicators)}
    assert describe(by_ref["11.13"], kpis.months, kpis.previous_year_label) == (
        "11.13, Overall audit quality score (lower is better): 2.5 (Snapshot), rated red; "
        "Min 2 and Upper 1, lower is better; same from 2.5 in Jan 19 to 2.5 in Feb 19; "
        "64 of 29.")
    assert describe(by_ref["1.2"], kpis.months, kpis.previous_year_label) == (
        "1.2, Number of CIN (exc. LAC, CP, Care Leavers): 1,020 (Snapshot), not rated; "
        "a data-only measure with no targets; no direction of travel; 2017/18 outturn 1,034.")


def test_exception_text_says_nothing_of_commentary_when_there_is_none() -> None:
    report = read_report(SAMPLE)
    red = next(a for a in assess_all(report.kpis.indicators) if a.rag is Rag.RED)
    texts = [p.text for p in exception_points(red, report.kpis)]
    assert not any("Commentary" in t or "Commentary column" in t for t in texts)
    with_commentary = replace(red, indicator=replace(red.indicator, commentary="Audit under way"))
    assert "Commentary: Audit under way" in [p.text for p in exception_points(with_commentary,
                                                                           report.kpis)]
