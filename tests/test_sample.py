"""The sample workbook carries the seed's February 2019 table; check reads it as the seed shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportgen.findings import check_document
from reportgen.indicators import assess_all
from reportgen.ingest import read_report
from scripts.make_sample import main

# ref: (current, rag, direction, warns) as the seed's figures earn under the min/upper model.
# Every red warns: the sample has no Commentary column to explain them.
SEED = {
    "1.1": (97.8, "green", "improving", False),
    "1.2": (1020, None, None, False),
    "1.3": (304, None, None, False),
    "1.4": (335, None, None, False),
    "2.1": (97.2, "green", "worsening", False),
    "2.10": (91.3, "amber", "improving", False),
    "3.1": (89.0, "red", "improving", True),
    "3.3a": (87.3, "red", "improving", True),
    "4.6": (94.4, "amber", "worsening", False),
    "5.10": (3.0, "green", "improving", False),
    "5.11": (94.0, "amber", "worsening", False),
    "5.12": (100.0, "green", "improving", False),
    "3.2": (98.2, "green", "worsening", False),
    "4.7": (99.3, "green", "same", True),
    "5.18": (97.2, "amber", "worsening", False),
    "6.1": (92.8, "amber", "worsening", False),
    "6.2": (66.3, "amber", "worsening", False),
    "6.3D": (87.3, "red", "worsening", True),
    "11.13": (2.5, "red", "same", True),
}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    report = read_report(Path(__file__).parent.parent / "inputs" / "sample-2019-03.xlsx")
    return check_document(report, assess_all(report.kpis.indicators,
                                             months=report.kpis.months))


def test_period_and_months(document: dict[str, Any]) -> None:
    assert document["period"] == "2019-02"
    assert document["months"] == ["2018-09", "2018-10", "2018-11", "2018-12", "2019-01",
                                  "2019-02"]


def test_every_seed_indicator_in_order(document: dict[str, Any]) -> None:
    assert [i["ref"] for i in document["indicators"]] == list(SEED)


@pytest.mark.parametrize("ref", list(SEED))
def test_seed_indicator(document: dict[str, Any], ref: str) -> None:
    item = next(i for i in document["indicators"] if i["ref"] == ref)
    current, rag, direction, warns = SEED[ref]
    assert item["current"] == pytest.approx(current)
    assert (item["rag"], item["direction"]) == (rag, direction)
    assert bool(item["warnings"]) is warns


def test_values_in_percent_points(document: dict[str, Any]) -> None:
    first = document["indicators"][0]
    assert first == {
        "ref": "1.1", "section": "Management Oversight",
        "measure": "% cases with Management Oversight recorded in past 8 weeks",
        "unit": "percent", "previous_year": 96, "numerator": 2995, "denominator": 3063,
        "current": 97.8, "period_type": "Snapshot",
        "trend": [96.5, 94.4, 96.8, 91.1, 96.7, 97.8], "target_min": 90, "target_upper": 95,
        "polarity": "higher", "rag": "green", "direction": "improving", "band_change": None,
        "warnings": [], "display": "97.8%", "rag_last_month": None,
        "last_pack": None, "band_move": None,
        "restatements": [], "spc": None, "comparators": [],
        "rag_model": "min-upper", "target": None, "target_text": None, "floor": None,
        "tolerance": None, "council_rag": None, "council_direction": None,
    }


def test_illustrative_comparators_beside_the_measures_dfe_publishes(
        document: dict[str, Any]) -> None:
    compared = {i["ref"]: [(c["name"], c["year"], c["value"], c["position"], c["gap"])
                           for c in i["comparators"]]
                for i in document["indicators"] if i["comparators"]}
    assert list(compared) == ["2.10", "4.7", "6.2", "6.3D"]
    assert compared["6.3D"] == [("England", "2017/18", 84.0, "better", 3.3),
                                ("Statistical neighbours", "2017/18", 88.2, "worse", -0.9)]


def test_placeholders_are_missing_not_zero(document: dict[str, Any]) -> None:
    by_ref = {i["ref"]: i for i in document["indicators"]}
    assert by_ref["1.2"]["numerator"] is None and by_ref["1.2"]["unit"] == "count"
    assert by_ref["11.13"]["trend"][3] is None and by_ref["11.13"]["unit"] == "number"
    assert by_ref["11.13"]["polarity"] == "lower"
    assert by_ref["5.10"]["previous_year"] is None and by_ref["5.10"]["polarity"] == "lower"


def test_summary_and_warnings(document: dict[str, Any]) -> None:
    assert document["summary"] == {"red": 4, "amber": 6, "green": 6, "unrated": 3, "total": 19}
    no_commentary = ("red with no commentary; add a Commentary column to KPIs and a line on row "
                     "{} to explain it on its exception slide")
    latest_month = ("Current {} differs from Feb 19's {}, for a snapshot measure whose Current "
                    "is its latest month; check which is right")
    assert document["warnings"] == [
        "3.1: " + no_commentary.format(17),
        "3.3a: " + no_commentary.format(19),
        "4.7: Current 99.3% does not match Num/Denom 199/200 = 99.5%",
        "4.7: " + latest_month.format("99.3%", "99.5%"),
        "6.3D: Current 87.3% does not match Num/Denom 231/264 = 87.5%",
        # design.md §3: a polarity assumed is never silent
        "6.3D: Min and Upper are both 91% and the workbook states no polarity: rated as higher "
        'is better; if lower is better, say so in a Polarity (or Good is) column or in '
        'reportgen.toml [indicators."6.3D"] polarity = "lower"',
        "6.3D: " + no_commentary.format(31),
        "6.3D: " + latest_month.format("87.3%", "87.5%"),
        "11.13: Current 2.5 does not match Num/Denom 64/29 = 2.2",
        "11.13: " + no_commentary.format(33),
    ]


def test_sample_matches_its_generator(tmp_path: Path) -> None:
    """The committed sample is what scripts/make_sample.py writes (no hand edits drift in)."""
    fresh = tmp_path / "fresh.xlsx"
    main(["make_sample.py", str(fresh)])
    committed = read_report(Path(__file__).parent.parent / "inputs" / "sample-2019-03.xlsx")
    assert read_report(fresh).outline == committed.outline
    assert read_report(fresh).deck == committed.deck
