"""Councils' own published scorecards (design.md §2a, §3, §4), read by the real command line.

Each workbook of tests/councils.py is written, then ``python -m reportgen check PATH --json``
is run on it once, and every indicator is held to ``EXPECTED`` (worked out by hand from the
rules): its Current, RAG, polarity, RAG model and previous year, and the workbook's period.
Then what each convention tests beyond that: the council's own RAG where it disagrees, a hidden
row, a merged Min, a misspelt comparator header, two scorecards in one workbook.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests import councils

Document = dict[str, Any]
"""What ``check --json`` printed."""
Checked = Callable[[str], Document]
"""The ``checked`` fixture: a builder's name → the JSON of ``check`` on its workbook."""

FIELDS = ("current", "display", "rag", "polarity", "rag_model", "previous_year")
"""The fields compared as they are (numbers to 1e-6); ``measure`` is compared by prefix."""

CASES = [(name, ref) for name in councils.EXPECTED for ref in councils.indicators(name)]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """Writes a builder's workbook and runs ``check --json`` on it, once per module; fails the
    test, with reportgen's error line, when ``check`` refuses the workbook."""
    folder = tmp_path_factory.mktemp("councils")
    results: dict[str, subprocess.CompletedProcess[str]] = {}

    def document(name: str) -> Document:
        if name not in results:
            path = councils.BUILDERS[name](folder / f"{name}.xlsx")
            results[name] = subprocess.run(
                [sys.executable, "-m", "reportgen", "check", str(path), "--json"],
                capture_output=True, text=True, cwd=folder, check=False)
        result = results[name]
        try:
            parsed = json.loads(result.stdout)
        except json.JSONDecodeError:
            pytest.fail(f"{name}: check printed no JSON (exit {result.returncode}): "
                        f"{result.stderr.strip()}")
        assert isinstance(parsed, dict)
        if result.returncode != 0 or "error" in parsed:
            pytest.fail(f"{name}: check refused the workbook (exit {result.returncode}): "
                        f"{parsed.get('error', result.stderr.strip())}")
        return parsed

    return document


def by_ref(document: Document) -> dict[str, Document]:
    return {str(indicator["ref"]): indicator for indicator in document["indicators"]}


def same(found: object, expected: object) -> bool:
    """Equal, numbers to 1e-6 (a percentage read as 0.236 x 100 is 23.599999999999998)."""
    numbers = (int, float)
    if (isinstance(found, numbers) and isinstance(expected, numbers)
            and not isinstance(found, bool)):
        return abs(found - expected) < 1e-6
    return found == expected


def word(text: str) -> re.Pattern[str]:
    """``text`` as a whole word, any case: "red" in "Amber (council) but red", not in
    "measured"; a ref "3.2" not in "93.2%"."""
    return re.compile(rf"(?<![\w.]){re.escape(text)}(?![\w]|\.\d)", re.IGNORECASE)


def warnings_about(document: Document, ref: str) -> list[str]:
    """The warnings on an indicator, and the workbook's warnings that name its ref."""
    own = [str(w) for w in by_ref(document).get(ref, {}).get("warnings", [])]
    return own + [str(w) for w in document["warnings"] if word(ref).search(str(w))]


@pytest.mark.parametrize(("name", "ref"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_each_indicator_is_read_as_the_rules_say(checked: Checked, name: str, ref: str) -> None:
    document = checked(name)
    found = by_ref(document)
    assert ref in found, f"{ref} not read; refs read: {list(found)}"
    indicator = found[ref]
    expected = councils.indicators(name)[ref]
    wrong = [f"{field}: {indicator.get(field, '<absent>')!r}, expected {expected[field]!r}"
             for field in FIELDS if not same(indicator.get(field), expected[field])]
    if not str(indicator["measure"]).startswith(str(expected["measure"])):
        wrong.append(f"measure: {indicator['measure']!r}, expected {expected['measure']!r}...")
    assert not wrong, f"{name} {ref}: " + "; ".join(wrong)


@pytest.mark.parametrize("name", list(councils.EXPECTED))
def test_every_indicator_and_nothing_else_in_workbook_order(checked: Checked, name: str) -> None:
    """No indicator lost, none made of a title, section, note or hidden row, and the order is
    the workbook's (the first scorecard's rows before the second's)."""
    refs = [str(indicator["ref"]) for indicator in checked(name)["indicators"]]
    assert refs == list(councils.indicators(name))


@pytest.mark.parametrize("name", list(councils.EXPECTED))
def test_the_period_is_the_latest_reported(checked: Checked, name: str) -> None:
    """The latest month, or quarter ("2023-Q3": Q3 of 2023/24), with figures: never an empty
    Q4 column, an outturn year or a benchmark's year."""
    assert checked(name)["period"] == councils.period(name)


COUNCIL_RAGS = [name for name in councils.EXPECTED
                if all("council_rag" in reading for reading in councils.indicators(name).values())]


@pytest.mark.parametrize("name", COUNCIL_RAGS)
def test_the_councils_own_rag_is_read_as_written(checked: Checked, name: str) -> None:
    found = by_ref(checked(name))
    read = {ref: found.get(ref, {}).get("council_rag", "<absent>") for ref in found}
    expected = {ref: reading["council_rag"] for ref, reading in councils.indicators(name).items()}
    assert {ref: value.lower() if isinstance(value, str) else value
            for ref, value in read.items()} == {
        ref: value.lower() if isinstance(value, str) else value
        for ref, value in expected.items()}


@pytest.mark.parametrize("name", list(councils.DISAGREEING_RAG))
def test_a_council_rag_that_disagrees_is_a_warning_naming_both(checked: Checked,
                                                               name: str) -> None:
    ref, council, ours = councils.DISAGREEING_RAG[name]
    document = checked(name)
    assert by_ref(document)[ref]["rag"] == ours  # the deck shows reportgen's
    warnings = warnings_about(document, ref)
    assert any(word(council).search(w) and word(ours).search(w) for w in warnings), warnings


@pytest.mark.parametrize("name", list(councils.HIDDEN))
def test_a_hidden_row_is_no_indicator_and_is_named_in_a_warning(checked: Checked,
                                                                name: str) -> None:
    document = checked(name)
    for ref in councils.HIDDEN[name]:
        assert ref not in by_ref(document)
        assert any(word(ref).search(str(w)) and "hidden" in str(w).lower()
                   for w in document["warnings"]), document["warnings"]


@pytest.mark.parametrize("name", list(councils.MERGED_MIN))
def test_a_min_merged_over_two_rows_applies_to_both(checked: Checked, name: str) -> None:
    refs, target_min = councils.MERGED_MIN[name]
    found = by_ref(checked(name))
    assert [found[ref]["target_min"] for ref in refs] == pytest.approx([target_min] * len(refs))


@pytest.mark.parametrize("name", list(councils.MISSPELT_COMPARATOR))
def test_a_misspelt_comparator_header_is_read_with_a_warning(checked: Checked,
                                                             name: str) -> None:
    header, ref, value = councils.MISSPELT_COMPARATOR[name]
    document = checked(name)
    comparators = by_ref(document)[ref].get("comparators") or []
    assert any(str(c["name"]).lower().startswith("stat") and same(c["value"], value)
               for c in comparators), comparators
    every = [str(w) for w in document["warnings"]] + warnings_about(document, ref)
    assert any(header in w for w in every), every


MANY_TABLES = [name for name in councils.EXPECTED if councils.tables(name) > 1]


@pytest.mark.parametrize("name", MANY_TABLES)
def test_every_scorecard_in_the_workbook_is_read(checked: Checked, name: str) -> None:
    expected = councils.indicators(name)
    numbers = sorted({int(str(reading["table"])) for reading in expected.values()})
    assert numbers == list(range(1, councils.tables(name) + 1))  # EXPECTED is consistent
    found = set(by_ref(checked(name)))
    for number in numbers:
        refs = {ref for ref, reading in expected.items() if reading["table"] == number}
        assert refs <= found, f"scorecard {number}: {sorted(refs - found)} not read"


@pytest.mark.parametrize("name", list(councils.BUILDERS))
def test_each_builder_writes_its_convention(tmp_path: Path, name: str) -> None:
    """The workbooks are what the tests above take them for (openpyxl alone): a Deck sheet
    first, a source note under a table, each expected ref on a row of its own, hidden rows
    hidden and merged Min cells merged."""
    path = councils.BUILDERS[name](tmp_path / f"{name}.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "Deck"
    cells = [(sheet, cell) for sheet in workbook.worksheets[1:] for row in sheet.iter_rows()
             for cell in row if cell.value is not None]
    assert any(str(cell.value).startswith("Source:") for _, cell in cells)
    rows = {str(cell.value): (sheet, cell.row) for sheet, cell in cells if cell.column == 1}
    assert set(councils.indicators(name)) <= set(rows)
    for ref in councils.HIDDEN.get(name, ()):
        sheet, row = rows[ref]
        assert sheet.row_dimensions[row].hidden
    if name in councils.MERGED_MIN:
        refs, _ = councils.MERGED_MIN[name]
        sheet, first = rows[refs[0]]
        assert any(r.min_row == first and r.max_row == rows[refs[-1]][1] and r.size["columns"] == 1
                   for r in sheet.merged_cells.ranges)
