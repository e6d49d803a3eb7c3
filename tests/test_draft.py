"""End to end: a deck with figures the team has still to check is marked draft, and accepting
them in reportgen.toml removes the mark and changes nothing else the board sees (design.md §3)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from pptx import Presentation

ACCEPTED = """\
[indicators."4.7"]
accept = "Current counts reviews, Num/Denom children: both are right"

[indicators."6.3D"]
accept = "Current is the quarter's figure; February's month is provisional"

[indicators."11.13"]
accept = "Checked with the audit team: 2.5 is the score"
"""


def _build(folder: Path, deck: str) -> Path:
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", "sample.xlsx", "-o",
                             deck, "--no-history"], capture_output=True, text=True, cwd=folder,
                            check=False)
    assert result.returncode == 0, result.stderr
    return folder / deck


def _parts(deck: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(deck) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_accepting_the_doubts_removes_the_draft_mark_and_nothing_else(
        sample: Path, tmp_path: Path) -> None:
    shutil.copy(sample, tmp_path / "sample.xlsx")
    draft = _build(tmp_path, "draft.pptx")
    prs = Presentation(str(draft))
    assert prs.core_properties.content_status == "Draft: 3 figures to check"
    cover = prs.slides[0].placeholders[1].text_frame.text
    assert cover.startswith("Draft: 3 figures to check")
    notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert "6.3D to check: Current 87.3% does not match Num/Denom 231/264 = 87.5%" in notes

    (tmp_path / "reportgen.toml").write_text(ACCEPTED, encoding="utf-8")
    final = _build(tmp_path, "final.pptx")
    prs = Presentation(str(final))
    assert prs.core_properties.content_status == ""
    assert "Draft" not in prs.slides[0].placeholders[1].text_frame.text
    notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert "6.3D checked and accepted" in notes and "February's month is provisional" in notes

    before, after = _parts(draft), _parts(final)
    assert before.keys() == after.keys()
    changed = {name for name in before if before[name] != after[name]}
    # the cover (its mark), the file's status, and notes pages that give the reason
    assert "ppt/slides/slide1.xml" in changed and "docProps/core.xml" in changed
    assert {name for name in changed if not re.fullmatch(
        r"ppt/slides/slide1\.xml|docProps/core\.xml|ppt/notesSlides/notesSlide\d+\.xml",
        name)} == set()
