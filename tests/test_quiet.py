"""What a build prints: a batch a line per workbook (its deck, RAG counts and how many
warnings), --verbose the warnings too, --quiet errors only; a single build its warnings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bad_files import SAMPLE, retitled_sample


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=600)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Two good workbooks (the sample warns about a few figures) and one that is not one."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    retitled_sample("Deck A")(folder / "a.xlsx")
    retitled_sample("Deck B")(folder / "b.xlsx")
    (folder / "c.xlsx").write_bytes(b"not a workbook")
    return folder


def test_a_batch_prints_a_line_per_workbook(batch: Path) -> None:
    result = run("build", str(batch), "--no-history", cwd=batch.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4, lines  # one a workbook, and the summary
    built = [line for line in lines if "RAG:" in line]
    assert len(built) == 2
    for line in built:
        assert re.fullmatch(r"\[\d/3\] outputs/deck-[ab]-2019-02\.pptx: RAG: \d+ red, \d+ amber, "
                            r"\d+ green, \d+ unrated; [1-9]\d* warnings"
                            r"(; draft: \d+ figures? to check)?", line), line
        assert line.endswith("; draft: 3 figures to check")  # the sample's three doubts
    assert f"{batch / 'c.xlsx'}: not built" in result.stdout
    assert "warning: " not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {batch / 'c.xlsx'}: ")
    assert "not shown: `reportgen check WORKBOOK` lists a workbook's, `--verbose` every one" \
        in result.stderr
    assert lines[-1].startswith("2 of 3 decks built; 1 with errors: ")


def test_verbose_adds_the_warnings(batch: Path) -> None:
    result = run("build", str(batch), "--no-history", "--verbose", cwd=batch.parent)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert {line.split(": ")[1] for line in warnings} == {str(batch / "a.xlsx"),
                                                         str(batch / "b.xlsx")}
    assert "not shown" not in result.stderr


def test_quiet_prints_errors_only(batch: Path) -> None:
    result = run("build", str(batch), "--no-history", "--quiet", cwd=batch.parent)
    assert result.returncode == 1
    assert result.stdout == ""
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == [
        str(batch / "c.xlsx")]
    assert all(line.startswith("error: ") for line in result.stderr.splitlines())
    assert len(list((batch.parent / "outputs").glob("*.pptx"))) == 2


def test_quiet_single_build_says_nothing_when_all_is_well(tmp_path: Path) -> None:
    result = run("build", str(SAMPLE), "-o", "deck.pptx", "--quiet", "--no-history",
                 cwd=tmp_path)
    assert result.returncode == 0
    assert (result.stdout, result.stderr) == ("", "")
    assert (tmp_path / "deck.pptx").is_file()


def test_a_single_build_prints_its_warnings(tmp_path: Path) -> None:
    result = run("build", str(SAMPLE), "-o", "deck.pptx", "--no-history", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "deck.pptx"
    assert result.stderr.count(f"warning: {SAMPLE}: ") >= 1


def test_quiet_and_verbose_do_not_go_together(tmp_path: Path) -> None:
    result = run("build", str(SAMPLE), "--quiet", "--verbose", cwd=tmp_path)
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr
