"""End to end: the installed ``reportgen`` command, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.ingest.writer import Deck, Narrative, WorkbookSpec, write_workbook
from tests.bad_files import BAD_FILES


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


def test_build_defaults_to_newest_input_and_outputs_folder(tmp_path: Path, sample: Path) -> None:
    (tmp_path / "inputs").mkdir()
    older = tmp_path / "inputs" / "old.xlsx"
    write_workbook(older, WorkbookSpec(Deck("x"), [Narrative("Notes", "Hi", [])]))
    newest = tmp_path / "inputs" / "sample.xlsx"
    newest.write_bytes(sample.read_bytes())
    (tmp_path / "inputs" / "~$sample.xlsx").write_bytes(b"Excel lock file")
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = "outputs/childrens-services-improvement-march-2019-update-2019-02.pptx"
    assert result.stdout.splitlines()[0] == expected
    assert "15 slides; RAG: 4 red, 6 amber, 6 green, 3 unrated; 3 warnings" in result.stdout
    assert result.stderr.count("warning: ") == 3
    assert (tmp_path / expected).stat().st_size > 10_000


def test_build_is_byte_identical(tmp_path: Path, sample: Path) -> None:
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    assert run("build", str(sample), "-o", str(first)).returncode == 0
    assert run("build", str(sample), "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_failed_build_keeps_last_months_deck(tmp_path: Path, sample: Path) -> None:
    deck = tmp_path / "deck.pptx"
    assert run("build", str(sample), "-o", str(deck)).returncode == 0
    before = deck.read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(sample.read_bytes()[:5000])  # a truncated download
    result = run("build", str(broken), "-o", str(deck))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {broken}: the workbook is damaged or incomplete")
    assert "Traceback" not in result.stderr
    assert deck.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.xlsx", "deck.pptx"]


def test_build_several_workbooks_each_on_its_own(tmp_path: Path, sample: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(sample.read_bytes())
    write_workbook(folder / "b.xlsx", WorkbookSpec(Deck("x"), [Narrative("Notes", "Hi", [])]))
    result = run("build", str(folder), cwd=tmp_path)
    assert result.returncode == 1  # one failed
    assert "no KPI table" in result.stderr
    assert (tmp_path / "outputs").is_dir() and len(list((tmp_path / "outputs").iterdir())) == 1
    assert run("build", str(folder / "a.xlsx"), str(folder / "a.xlsx"), "-o", "x.pptx",
               cwd=tmp_path).returncode == 2


def test_build_with_no_inputs(tmp_path: Path) -> None:
    result = run("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "error: inputs: no workbook given and no .xlsx file in inputs/\n"


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_input_leaves_the_deck_untouched(tmp_path: Path, sample: Path, kind: str) -> None:
    make, message = BAD_FILES[kind]
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"last month's deck")
    bad = tmp_path / "book.xlsx"
    make(bad)
    result = run("build", str(bad), "-o", str(deck))
    assert result.returncode == 1
    assert result.stderr == result.stderr.splitlines()[0] + "\n"  # exactly one line
    assert result.stderr.startswith(f"error: {bad}: {message}")
    assert deck.read_bytes() == b"last month's deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx", "deck.pptx"]


def test_unwritable_destination(tmp_path: Path, sample: Path) -> None:
    blocker = tmp_path / "outputs"
    blocker.write_text("a file where a folder should be")
    result = run("build", str(sample), "-o", str(blocker / "deck.pptx"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {blocker / 'deck.pptx'}: cannot write here")
