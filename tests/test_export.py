"""The deck opened by a real presentation program: LibreOffice converts it, and the PDF must
hold every slide, every title and the table's figures. A deck LibreOffice cannot open fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from reportgen.build import Job, run_job
from tests.compose.test_other_workbooks import big_spec, march_spec
from tests.conftest import Write

HAVE_TOOLS = all(shutil.which(t) for t in ("soffice", "pdftoppm", "pdftotext", "pdfinfo"))
needs_libreoffice = pytest.mark.skipif(
    not HAVE_TOOLS and not os.environ.get("CI"),
    reason="LibreOffice and poppler-utils are not installed (CI installs them)")


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert match is not None
    return int(match.group(1))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@needs_libreoffice
@pytest.mark.parametrize("which", ["sample", "march", "big"])
def test_libreoffice_opens_every_deck(which: str, sample: Path, write: Write,
                                      tmp_path: Path) -> None:
    source = {"sample": lambda: sample, "march": lambda: write(march_spec()),
              "big": lambda: write(big_spec(150))}[which]()
    outcome = run_job(Job(source, tmp_path / "deck.pptx", pdf=True))
    assert outcome.errors == ()
    assert outcome.built is not None
    pdf = tmp_path / "deck.pdf"
    assert outcome.built.copies == (pdf,)
    assert pdf_pages(pdf) == outcome.built.slides
    text = " ".join(pdf_text(pdf).split())
    prs = Presentation(str(tmp_path / "deck.pptx"))
    for slide in prs.slides:
        title = " ".join(slide.shapes.title.text_frame.text.split())
        assert title in text, title
        for shape in slide.shapes:
            if shape.has_table:
                for row in list(shape.table.rows)[1:]:
                    for cell in list(row.cells)[2:8]:  # the figures, not the wrapped measure
                        figure = cell.text_frame.text
                        if figure:
                            assert figure in text, figure


@needs_libreoffice
def test_png_per_slide(sample: Path, tmp_path: Path) -> None:
    outcome = run_job(Job(sample, tmp_path / "deck.pptx", png=True))
    assert outcome.errors == () and outcome.built is not None
    folder = tmp_path / "deck-slides"
    assert outcome.built.copies == (folder,)
    images = sorted(p.name for p in folder.iterdir())
    assert images == [f"slide-{n:02d}.png" for n in range(1, outcome.built.slides + 1)]
    assert (folder / "slide-01.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (tmp_path / "deck.pdf").exists()  # only what was asked for


def test_without_libreoffice_the_deck_is_still_written(sample: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare)}
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", str(sample), "-o",
                             str(tmp_path / "deck.pptx"), "--pdf"], capture_output=True,
                            text=True, env=env, check=False)
    assert result.returncode == 1
    assert (tmp_path / "deck.pptx").stat().st_size > 10_000
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: soffice is not installed; the .pptx was written, but no PDF or "
                      "PNG can be made: install it with: apt-get install libreoffice-impress "
                      "poppler-utils"]
