"""The history knows what it compares (design.md §3): an indicator is its ref and its measure,
a last pack long before this one gives no band moves, and the sample keeps a store of its own."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.build import import_history
from reportgen.errors import Place
from reportgen.findings import all_warnings
from reportgen.history import Entry, read_past, record, store_for
from reportgen.indicators import Rag, Rules, assess_all
from reportgen.model import DeckInfo, Figure, Indicator, Month, Report, Unit
from reportgen.past import same_measure
from tests.conftest import SAMPLE

NOVEMBER = Month(2026, 11)
MONTHS = tuple(NOVEMBER.shifted(k) for k in range(-5, 1))


@pytest.mark.parametrize(("one", "other", "same"), [
    ("% of children's plans reviewed on time", "% cases with Management Oversight", False),
    ("Number of referrals", "Number of re-referrals", False),
    ("% of re-referrals within 12 months", "Percentage of re-referrals within 12 months", True),
    ("% of children with a plan reviewed on time",
     "Percentage of children whose plan was reviewed in time", True),
    ("Average caseload per social worker", "Average caseload of social workers", True),
    ("Children in need", "children  in NEED", True),
])
def test_a_measure_reworded_is_the_same_one_renamed_is_not(one: str, other: str,
                                                          same: bool) -> None:
    assert same_measure(one, other) is same


def indicator(measure: str, current: float = 80.0, ref: str = "1.1") -> Indicator:
    """A percentage, higher is better (Min 90%, Upper 95%): 80% is red."""
    return Indicator(ref, "Section", measure, Unit.PERCENT, None, None, None,
                     Figure(current, 1), "Snapshot",
                     tuple(Figure(current, 1) for _ in MONTHS), Figure(90), Figure(95),
                     commentary="explained", place=Place(sheet="KPIs", cell="A8"))


def pack(store: Path, period: Month, measure: str, rag: str = "green",
         name: str = "pack.xlsx") -> None:
    months = [period.shifted(k) for k in range(-5, 1)]
    entries = [Entry("1.1", measure, "month", month, 96.0, 1, f"KPIs!{chr(72 + i)}8")
               for i, month in enumerate(months)]
    entries.append(Entry("1.1", measure, "current", period, 96.0, 1, "KPIs!F8", rag, "96.0%"))
    record(store, name, period, "Update", "KPIs", entries)


def test_a_ref_given_to_another_measure_is_a_new_indicator(tmp_path: Path) -> None:
    store = tmp_path / "history.sqlite"
    pack(store, NOVEMBER.shifted(-1), "% cases with Management Oversight")
    ind = indicator("% of children's plans reviewed on time")
    past = read_past(store, NOVEMBER, "new.xlsx")
    (assessment,) = assess_all([ind], Rules(), MONTHS, past)
    assert assessment.band_change is None and assessment.rag_last_month is None
    assert assessment.restatements == () and len(assessment.series) == len(MONTHS)
    (warning,) = [str(w) for w in assessment.warnings if "new indicator" in str(w)]
    assert "'% of children's plans reviewed on time'" in warning.replace('"', "'")
    assert "'% cases with Management Oversight'" in warning
    assert "October 2026" in warning and "formerly" in warning


def test_a_measure_reworded_in_the_settings_is_still_compared(tmp_path: Path) -> None:
    store = tmp_path / "history.sqlite"
    pack(store, NOVEMBER.shifted(-1), "CIN rate per 10,000")
    ind = indicator("Children in need per 10,000")
    past = read_past(store, NOVEMBER, "new.xlsx")
    (alone,) = assess_all([ind], Rules(), MONTHS, past)
    assert alone.band_change is None
    (renamed,) = assess_all([replace(ind, formerly=("CIN rate per 10,000",))], Rules(), MONTHS,
                            past)
    assert renamed.band_change == (Rag.GREEN, Rag.RED)
    assert not [w for w in renamed.warnings if "new indicator" in str(w)]


def test_only_the_packs_of_the_other_measure_are_left_out(tmp_path: Path) -> None:
    store = tmp_path / "history.sqlite"
    pack(store, NOVEMBER.shifted(-2), "% cases with Management Oversight", name="old.xlsx")
    pack(store, NOVEMBER.shifted(-1), "% of plans reviewed on time", name="last.xlsx")
    past = read_past(store, NOVEMBER, "new.xlsx")
    (assessment,) = assess_all([indicator("% of plans reviewed on time")], Rules(), MONTHS, past)
    assert assessment.band_change == (Rag.GREEN, Rag.RED)
    assert {r.workbook for r in past.reported["1.1"]} == {"last.xlsx", "old.xlsx"}
    assert "September 2026" in str(next(w for w in assessment.warnings
                                        if "new indicator" in str(w)))


def test_a_pack_years_before_claims_no_moves_since_last_month(tmp_path: Path) -> None:
    store = tmp_path / "history.sqlite"
    pack(store, Month(2019, 2), "% of plans reviewed on time")
    past = read_past(store, NOVEMBER, "new.xlsx")
    ind = indicator("% of plans reviewed on time")
    # the workbook's own months move too (95.0 to 80.0): no move is claimed from them either
    moving = replace(ind, trend=(*ind.trend[:-2], Figure(95.0, 1), Figure(80.0, 1)))
    (assessment,) = assess_all([moving], Rules(), MONTHS, past)
    assert assessment.band_change is None and assessment.rag_last_month is None
    assert assessment.stale_pack == Month(2019, 2)
    assert assessment.stale_pack.long == "February 2019"
    report = Report("new.xlsx", DeckInfo("Update"), ())
    (stale,) = [w for w in all_warnings(report, [assessment]) if "February 2019" in w]
    assert "93 months before" in stale and "no band moves" in stale
    (recent,) = assess_all([moving], Rules(stale_after_months=120), MONTHS, past)
    assert recent.band_change == (Rag.GREEN, Rag.RED)
    assert recent.last_pack is not None and recent.last_pack.long == "February 2019"


def test_three_months_back_is_still_last_month(tmp_path: Path) -> None:
    store = tmp_path / "history.sqlite"
    pack(store, NOVEMBER.shifted(-3), "% of plans reviewed on time")
    past = read_past(store, NOVEMBER, "new.xlsx")
    (assessment,) = assess_all([indicator("% of plans reviewed on time")], Rules(), MONTHS, past)
    assert assessment.band_change == (Rag.GREEN, Rag.RED) and assessment.stale_pack is None


def test_the_sample_keeps_a_store_of_its_own() -> None:
    store = Path("outputs") / "history.sqlite"
    assert store_for(Path("inputs/sample-2019-03.xlsx"), store) == \
        Path("outputs") / "sample-history.sqlite"
    assert store_for(Path("inputs/kpis-2019-03.xlsx"), store) == store


def test_sample_then_init_then_the_starter_moves_no_band_from_the_sample(
        tmp_path: Path) -> None:
    """The README's first steps: build the sample, then `init`, then build the starter."""
    (tmp_path / "inputs").mkdir()
    shutil.copy(SAMPLE, tmp_path / "inputs" / SAMPLE.name)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=tmp_path,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done

    run("build", f"inputs/{SAMPLE.name}")
    assert not (tmp_path / "outputs" / "history.sqlite").exists()
    assert (tmp_path / "outputs" / "sample-history.sqlite").is_file()
    run("init", "inputs/starter.xlsx")
    run("build", "inputs/starter.xlsx")
    document = json.loads(run("check", "inputs/starter.xlsx", "--json").stdout)
    alone = json.loads(run("check", "inputs/starter.xlsx", "--json", "--no-history").stdout)
    assert all(i["rag_last_month"] is None for i in document["indicators"])
    # its band moves are its own months' (as with no store at all), none from the sample's
    assert [i["band_move"] for i in document["indicators"]] == \
        [i["band_move"] for i in alone["indicators"]]
    assert not [w for w in document["warnings"] if "2019" in w]


def test_history_import_leaves_the_sample_out(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    store = tmp_path / "history.sqlite"
    lines = list(import_history([tmp_path / SAMPLE.name], store))
    assert [line.error for line in lines] == [False]
    assert "the sample workbook, not recorded" in lines[0].text
    assert not store.exists()
