"""The demonstration series in inputs/demo/: what scripts/make_demo.py writes, labelled
synthetic, and, built in one command, showing what its script says it shows: history, a
restated month, SPC readings and an XmR chart."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from reportgen.ingest import read_report
from reportgen.model import Month, Narrative
from scripts import make_demo
from tests.conftest import ROOT

DEMO = ROOT / "inputs" / "demo"
PACKS = ("demo-2021-01.xlsx", "demo-2021-02.xlsx", "demo-2021-03.xlsx")
"""In the order they are presented (and named, so ``build`` takes them in that order)."""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                            text=True, cwd=cwd, check=False)
    assert result.returncode == 0, result.stderr
    return result


def by_ref(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["ref"]: item for item in document["indicators"]}


def test_the_demo_folder_holds_the_three_packs() -> None:
    assert sorted(p.name for p in DEMO.iterdir()) == list(PACKS)


def test_the_demo_packs_are_what_the_script_makes() -> None:
    """make_demo writes inputs/demo/ under the working folder (this test's own)."""
    assert make_demo.main() == 0
    fresh = Path("inputs", "demo")
    assert sorted(p.name for p in fresh.iterdir()) == list(PACKS)
    for name in PACKS:
        made, committed = read_report(fresh / name), read_report(DEMO / name)
        assert made.outline == committed.outline, name
        assert made.deck == committed.deck, name


@pytest.mark.parametrize("name", PACKS)
def test_every_pack_says_it_is_synthetic(name: str) -> None:
    report = read_report(DEMO / name)
    assert "synthetic" in report.deck.title.lower()
    assert make_demo.SYNTHETIC in report.kpis.title
    narrative = "\n".join(p.text for part in report.outline if isinstance(part, Narrative)
                          for p in part.paragraphs)
    assert make_demo.SYNTHETIC in narrative


@pytest.mark.parametrize(("name", "period"), [
    (PACKS[0], Month(2020, 12)), (PACKS[1], Month(2021, 1)), (PACKS[2], Month(2021, 2))])
def test_each_pack_has_24_months_to_the_month_before_its_meeting(name: str,
                                                                 period: Month) -> None:
    kpis = read_report(DEMO / name).kpis
    assert kpis.period == period
    assert kpis.months == tuple(period.shifted(k) for k in range(-23, 1))


# -- built as the README says: reportgen build inputs/demo/ -----------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo folder copied and built in one command; what the build printed."""
    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(DEMO, folder / "demo")
    return folder, run("build", "demo/", cwd=folder).stdout


@pytest.fixture(scope="module")
def last(built: tuple[Path, str]) -> dict[str, dict[str, Any]]:
    """The March 2021 pack's check, reading the store its build and the two before it left."""
    folder, _ = built
    return by_ref(json.loads(run("check", f"demo/{PACKS[-1]}", "--json", cwd=folder).stdout))


def test_one_command_builds_three_decks_in_month_order(built: tuple[Path, str]) -> None:
    folder, printed = built
    # a batch prints "[n/3] <deck>: RAG: ...; N warnings" per workbook
    decks = [line.split(" ")[1].rstrip(":") for line in printed.splitlines()
             if line.startswith("[")]
    assert [Path(deck).stem[-7:] for deck in decks] == ["2020-12", "2021-01", "2021-02"]
    assert all((folder / deck).is_file() for deck in decks)
    assert printed.splitlines()[-1] == "3 of 3 decks built"


def test_the_last_pack_shows_the_restated_december_2020_of_5_10(
        built: tuple[Path, str], last: dict[str, dict[str, Any]]) -> None:
    folder, _ = built
    december = Month(2020, 12)

    def december_in(name: str) -> float:
        kpis = read_report(folder / "demo" / name).kpis
        figure = kpis.indicators[[i.ref for i in kpis.indicators].index("5.10")] \
            .trend[kpis.months.index(december)]
        assert figure is not None
        return figure.value

    was, now = december_in(PACKS[1]), december_in(PACKS[2])
    assert now != pytest.approx(was)
    assert last["5.10"]["restatements"] == [
        {"month": "2020-12", "was": pytest.approx(was), "now": pytest.approx(now),
         "reported_in": PACKS[1]}]
    assert all(not item["restatements"] for ref, item in last.items() if ref != "5.10")


def test_the_last_pack_reads_spc_over_the_whole_series(last: dict[str, dict[str, Any]]) -> None:
    """The store holds two months before the pack's 24 (January and February 2019, from the
    earlier packs): every snapshot series has 26 points. 2.10 is YTD: a cumulative figure that
    resets each April is not read with SPC."""
    snapshots = {ref: item for ref, item in last.items() if item["period_type"] != "YTD"}
    assert {ref: item["spc"]["points"] for ref, item in snapshots.items()} == \
        dict.fromkeys(snapshots, 26)
    assert last["2.10"]["spc"] is None
    assert last["1.1"]["spc"]["variation"] == "improvement"  # shifts up at its end
    assert last["3.1"]["spc"]["variation"] == "concern"  # last point below the lower limit
    assert last["3.1"]["trend"][-1] < last["3.1"]["spc"]["lower"]
    assert last["4.6"]["spc"]["variation"] == "common"  # stable
    assert last["6.2"]["spc"]["assurance_min"] == "fail"  # Min above the upper limit
    assert last["6.2"]["spc"]["upper"] < last["6.2"]["target_min"]


def test_2_10_a_ytd_measure_moves_band_between_packs(built: tuple[Path, str]) -> None:
    """February's pack, checked against the store: January's deck showed 2.10 amber."""
    folder, _ = built
    february = by_ref(json.loads(run("check", f"demo/{PACKS[1]}", "--json",
                                     cwd=folder).stdout))["2.10"]
    assert february["period_type"] == "YTD"
    assert (february["rag_last_month"], february["rag"]) == ("amber", "red")
    assert february["band_move"] == "amber→red"


def test_the_exception_slide_for_3_1_has_an_xmr_chart(
        built: tuple[Path, str], last: dict[str, dict[str, Any]]) -> None:
    folder, _ = built
    deck = next((folder / "outputs").glob("*-2021-02.pptx"))
    slides = [s for s in Presentation(str(deck)).slides if s.shapes.title is not None
              and s.shapes.title.text_frame.text.startswith("3.1:")]
    assert len(slides) == 1
    charts = [shape.chart for shape in slides[0].shapes if shape.has_chart]
    assert len(charts) == 1
    series = {s.name: s for plot in charts[0].plots for s in plot.series}
    names = list(series)
    assert any(name.startswith("Mean ") for name in names), names
    assert {"Process limits", "Lower process limit", "Special cause: concern"} <= set(names)
    # at most four legend entries: the data, its two targets and one for both process limits;
    # the mean is labelled on its line, the special causes marked on the points
    legend = charts[0]._chartSpace.xpath(".//c:legend")[0]
    hidden = {int(i) for i in legend.xpath("./c:legendEntry[c:delete/@val='1']/c:idx/@val")}
    shown = [name for index, name in enumerate(names) if index not in hidden]
    assert shown == ["3.1 monthly", "Min 90.0%", "Upper 95.0%", "Process limits"], shown
    concern = list(series["Special cause: concern"].values)
    assert len(concern) == last["3.1"]["spc"]["points"]  # the whole series, store and pack
    assert concern[-1] == pytest.approx(last["3.1"]["current"])
    assert [v for v in concern[:-1] if v is not None] == []
    assert series["Process limits"].values[0] == pytest.approx(last["3.1"]["spc"]["upper"])
