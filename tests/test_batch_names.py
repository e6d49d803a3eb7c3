"""A batch never writes two decks to one name (design.md §5), and its summary counts the decks
on disk."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLE

DEMO = ROOT / "inputs" / "demo" / "demo-2021-03.xlsx"


def build(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", "build", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def test_thirty_same_titled_workbooks_leave_thirty_decks(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for team in range(1, 31):
        shutil.copy(SAMPLE, inputs / f"team-{team:02d}.xlsx")
    done = build("in/", "--no-history", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    decks = sorted(p.name for p in (tmp_path / "outputs").iterdir())
    assert decks == [f"team-{team:02d}.pptx" for team in range(1, 31)]
    assert done.stdout.splitlines()[-1] == "30 of 30 decks built"
    assert "only the last one is kept" not in done.stderr


def test_a_workbook_whose_name_is_its_own_keeps_the_usual_name(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    shutil.copy(SAMPLE, tmp_path / "a" / "sample.xlsx")
    shutil.copy(DEMO, tmp_path / "a" / "other.xlsx")
    done = build("a/", "--no-history", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    decks = sorted(p.name for p in (tmp_path / "outputs").iterdir())
    assert len(decks) == 2 and "sample.pptx" not in decks and "other.pptx" not in decks


def test_names_that_still_clash_refuse_the_batch_before_anything_is_written(
        tmp_path: Path) -> None:
    for team in ("north", "south"):
        (tmp_path / team).mkdir()
        shutil.copy(SAMPLE, tmp_path / team / "kpis.xlsx")
    done = build("north/", "south/", "--no-history", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "2 workbooks would write the same deck" in done.stderr
    assert "nothing was written" in done.stderr
    assert not (tmp_path / "outputs").exists()
