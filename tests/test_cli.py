"""End to end: the installed ``reportgen`` command, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reportgen.ingest.writer import Deck, Narrative, WorkbookSpec, write_workbook


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def test_check_json(sample: Path) -> None:
    result = run("check", str(sample), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["period"] == "2019-02"
    assert len(document["indicators"]) == 19
    assert document["summary"]["red"] == 4


def test_check_text(sample: Path) -> None:
    result = run("check", str(sample))
    assert result.returncode == 0
    assert "RAG: 4 red, 6 amber, 6 green, 3 unrated" in result.stdout
    assert "6.3D: Current 87.3% does not match Num/Denom 231/264 = 87.5%" in result.stdout


def test_bad_input_is_one_line_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "no-kpis.xlsx"
    write_workbook(path, WorkbookSpec(Deck("x"), [Narrative("Notes", "Hi", [])]))
    result = run("check", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {path}: no KPI table")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xlsx"
    result = run("check", str(missing))
    assert (result.returncode, result.stderr) == (1, f"error: {missing}: no such file\n")


def test_init_writes_a_starter_that_check_reads(tmp_path: Path) -> None:
    target = tmp_path / "inputs" / "starter.xlsx"
    assert run("init", str(target)).returncode == 0
    result = run("check", str(target))
    # Headers and sheets are all there; only the figures are to be filled in.
    assert result.stderr.strip().endswith("KPIs: the KPI table has no indicator rows")
    again = run("init", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr
