"""Comparators end to end, through the real command: check's JSON, the "How we compare" chart
read back from the deck, the exception chart's reference lines, and a workbook without
comparators built exactly as before."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from pptx import Presentation

from reportgen.ingest.writer import (
    Deck,
    SheetRow,
    SheetSection,
    SheetTable,
    WorkbookSpec,
    decimal,
    pct,
)
from tests.compose.reading import slide_titled, titles
from tests.conftest import Write

MONTHS = ["Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19"]
HEADERS = ["England 2017/18", "Statistical neighbours 2017/18", "London"]


def _row(ref: str, measure: str, current: float, low: float, high: float,
         comparators: list[float]) -> SheetRow:
    return SheetRow(ref, measure, pct(0.85), None, None, pct(current), "Snapshot",
                    [pct(current)] * 6, pct(low, 0), pct(high, 0),
                    comparators=[pct(v) for v in comparators])


ROWS = [
    _row("2.10", "% of assessments completed within 45 working days", 0.913, 0.90, 0.95,
         [0.827, 0.805, 0.931]),
    _row("3.1", "% of children in need with a plan completed", 0.890, 0.90, 0.95,
         [0.912, 0.890, 0.874]),
    _row("5.10", "% of re-referrals within 12 months (lower is better)", 0.180, 0.25, 0.20,
         [0.224, 0.176, 0.180]),
]


def _spec(rows: list[SheetRow], headers: list[str]) -> WorkbookSpec:
    return WorkbookSpec(Deck("Cabinet update", "March 2019"), [
        SheetTable(months=MONTHS, sections=[SheetSection("Indicators", rows)], comparators=headers,
                   notes=["Source: DfE children in need statistics 2017/18 (illustrative)."])])


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def _comparators(document: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    return {ind["ref"]: [(c["name"], c["year"], c["value"], c["position"], c["gap"])
                         for c in ind["comparators"]] for ind in document["indicators"]}


def test_check_json_gives_position_and_gap_in_the_polarity(write: Write, tmp_path: Path) -> None:
    path = write(_spec(ROWS, HEADERS))
    result = _run("check", str(path), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert _comparators(document) == {
        "2.10": [("England", "2017/18", 82.7, "better", 8.6),
                 ("Statistical neighbours", "2017/18", 80.5, "better", 10.8),
                 ("London", None, 93.1, "worse", -1.8)],
        "3.1": [("England", "2017/18", 91.2, "worse", -2.2),
                ("Statistical neighbours", "2017/18", 89.0, "same", 0.0),
                ("London", None, 87.4, "better", 1.6)],
        "5.10": [("England", "2017/18", 22.4, "better", -4.4),
                 ("Statistical neighbours", "2017/18", 17.6, "worse", 0.4),
                 ("London", None, 18.0, "same", 0.0)],
    }
    assert [ind["previous_year"] for ind in document["indicators"]] == [85, 85, 85]


def test_check_warns_of_a_fraction_in_a_percentage_row(write: Write, tmp_path: Path) -> None:
    rows = [replace(ROWS[0], comparators=[decimal(0.827, 3)])]
    result = _run("check", str(write(_spec(rows, HEADERS[:1]))), "--json", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert document["indicators"][0]["comparators"] == []
    assert any("England 2017/18 0.827 at KPIs!Q8 looks like a fraction" in w
               for w in document["warnings"])


def _chart_of(slide: Any) -> Any:
    return next(shape.chart for shape in slide.shapes if shape.has_chart)


def test_the_deck_compares_with_the_workbooks_figures(write: Write, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    result = _run("build", str(write(_spec(ROWS, HEADERS))), "-o", str(deck), "--no-history",
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    prs = Presentation(str(deck))
    shown = titles(prs)
    title = "How we compare: better than England on 2 of the 3 with an England figure"
    assert shown.index(title) == shown.index("February KPIs") + 1
    chart = _chart_of(slide_titled(prs, title))
    # the chart is written bottom first (the bottom bar, the last series), so that the bars and
    # LibreOffice's legend both read from the top in the planned order
    categories = [str(c).split(" ")[0] for c in chart.plots[0].categories][::-1]
    # the furthest behind England first, relative to England's figure: 5.10 is 4.4 below a
    # 22.4% (20% ahead, lower is better), 2.10 8.6 above an 82.7% (10% ahead)
    assert categories == ["3.1", "2.10", "5.10"]
    values = {s.name: [round(v, 1) for v in s.values][::-1] for s in chart.plots[0].series}
    assert list(values) == ["London", "Statistical neighbours 2017/18", "England 2017/18",
                            "Current"]
    assert values == {"Current": [89.0, 91.3, 18.0],
                      "England 2017/18": [91.2, 82.7, 22.4],
                      "Statistical neighbours 2017/18": [89.0, 80.5, 17.6],
                      "London": [87.4, 93.1, 18.0]}
    exception = next(s for s in prs.slides if s.shapes.title.text.startswith("3.1:"))
    lines = [s.name for s in _chart_of(exception).plots[0].series]
    assert [n for n in lines if n.startswith(("England", "Statistical", "London"))] == [
        "England 2017/18 91.2%", "Statistical neighbours 2017/18 89.0%", "London 87.4%"]


def test_without_comparator_figures_the_deck_is_byte_for_byte_as_before(
        write: Write, tmp_path: Path) -> None:
    bare = [replace(row, comparators=[]) for row in ROWS]
    decks = []
    for name, headers in (("without", []), ("empty", HEADERS)):
        deck = tmp_path / f"{name}.pptx"
        result = _run("build", str(write(_spec(bare, headers), f"{name}.xlsx")), "-o",
                      str(deck), "--no-history", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        decks.append(deck.read_bytes())
    assert decks[0] == decks[1]
    assert not any(t.startswith("How we compare") for t in titles(Presentation(
        str(tmp_path / "without.pptx"))))
