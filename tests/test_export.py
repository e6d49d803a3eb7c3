"""The deck opened by a real presentation program: LibreOffice converts it, and the PDF must
hold every slide, every title and the table's figures. A deck LibreOffice cannot open fails."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from reportgen import export
from reportgen.build import Job, run_job
from reportgen.errors import ExportError
from reportgen.export import Word, font_advice, slide_problems, to_png, verify_pdf
from reportgen.proof import DeckProof, SlideProof
from tests.builders import big_spec, made, march_spec, pdf_page_texts
from tests.conftest import SAMPLE, Write

HAVE_TOOLS = shutil.which("soffice") is not None
needs_libreoffice = pytest.mark.skipif(
    not HAVE_TOOLS and not os.environ.get("CI"),
    reason="LibreOffice is not installed (CI installs it)")


def pdf_pages(pdf: Path) -> int:
    return len(pdf_page_texts(pdf))


def pdf_text(pdf: Path) -> str:
    return "\f".join(pdf_page_texts(pdf))


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
    checked = 0
    for slide in prs.slides:
        title = " ".join(slide.shapes.title.text_frame.text.split())
        assert title in text, title
        for shape in slide.shapes:
            if shape.has_table and is_kpi_table(shape.table):
                for row in list(shape.table.rows)[2:]:  # below the two header rows
                    for cell in list(row.cells)[2:8]:  # the figures, not the wrapped measure
                        figure = cell.text_frame.text
                        if figure:
                            assert figure in text, figure
                            checked += 1
    assert checked > 0


def is_kpi_table(table: Any) -> bool:
    """The KPI table's pages (their second header row starts "Ref"), not the reds' list."""
    rows = list(table.rows)
    return len(rows) > 1 and rows[1].cells[0].text_frame.text == "Ref"


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
    env.pop("REPORTGEN_SOFFICE", None)
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", str(sample), "-o",
                             str(tmp_path / "deck.pptx"), "--pdf"], capture_output=True,
                            text=True, env=env, check=False)
    assert result.returncode == 1
    assert (tmp_path / "deck.pptx").stat().st_size > 10_000
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert errors[0].startswith("error: LibreOffice is not installed (no soffice on the PATH or "
                                "where its installer puts it); the .pptx was written, but no PDF "
                                "or PNG can be made: install LibreOffice (Debian/Ubuntu: apt-get "
                                "install libreoffice-impress; ")


# --- the PDF checks itself -------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DeckProof]:
    """The sample's PDF as LibreOffice makes it here, and what the composer says it must show."""
    if not HAVE_TOOLS:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("sample-pdf")
    outcome = run_job(Job(SAMPLE, folder / "deck.pptx", pdf=True))
    assert outcome.errors == () and outcome.built is not None and outcome.built.proof
    return folder / "deck.pdf", outcome.built.proof


def table_slide(proof: DeckProof) -> SlideProof:
    return next(slide for slide in proof.slides if slide.table_texts)


@needs_libreoffice
def test_sample_pdf_shows_every_title_and_table_text(sample_pdf: tuple[Path, DeckProof]
                                                      ) -> None:
    pdf, proof = sample_pdf
    assert pdf_pages(pdf) == len(proof.slides) >= 16  # a page for each slide; 16 in the seed
    assert len(table_slide(proof).table_texts) > 100  # the check has something to check
    verify_pdf(pdf, proof)  # raises if anything is lost


@needs_libreoffice
@pytest.mark.parametrize(("change", "message"), [
    # the first table page: its texts begin with the grouped header row's
    (lambda s: replace(s, bottom=0.1), r"slide 5 has table text \(Previous financial year, "
                                       r"Current Performance, Six Month Trend, Target .*, "
                                       r"… \d+ more\) over the footer: "),
    (lambda s: replace(s, table_texts=(*s.table_texts, "Zanzibar 42.0%")),
     r"slide 5 lost table text \(Zanzibar 42.0%\) off the slide: "),
    # words found nowhere on the page (the key's "for" would be)
    (lambda s: replace(s, title="February KPIs Zanzibar Quokka"),
     r"slide 5 lost title words \(Zanzibar, Quokka\): "),
])
def test_a_pdf_that_lost_something_is_refused(sample_pdf: tuple[Path, DeckProof],
                                              change: Callable[[SlideProof], SlideProof],
                                              message: str) -> None:
    pdf, proof = sample_pdf
    wrong = replace(proof, slides=tuple(change(s) if s == table_slide(proof) else s
                                        for s in proof.slides))
    with pytest.raises(ExportError, match=f"^{pdf}: {message}"):
        verify_pdf(pdf, wrong)


@needs_libreoffice
def test_a_pdf_with_a_page_missing_is_refused(sample_pdf: tuple[Path, DeckProof]) -> None:
    pdf, proof = sample_pdf
    pages = len(proof.slides)
    with pytest.raises(ExportError, match=f"the PDF has {pages} pages for {pages + 1} slides; "
                                          "not kept"):
        verify_pdf(pdf, replace(proof, slides=(*proof.slides, proof.slides[-1])))


def test_a_word_split_in_a_narrow_cell_is_lost() -> None:
    slide = SlideProof(4, "February KPIs", ("2017/18", "100.0%"), 0.9)
    page = [Word("February", 0.1), Word("KPIs", 0.1), Word("2017/1", 0.2), Word("8", 0.22),
            Word("100.0", 0.3), Word("%", 0.32)]
    assert slide_problems(slide, page) == ["broke table text (2017/18, 100.0%) inside words"]


def test_ligatures_and_no_break_spaces_compare_as_text() -> None:
    slide = SlideProof(2, "Oﬃce ﬁgures", ("12\u00a0%",), 0.9)
    page = [Word(w, 0.2) for w in ("Office", "figures", "12", "%")]
    assert slide_problems(slide, page) == []


@pytest.mark.parametrize(("rendered", "advice"), [
    ("DejaVu Sans", "this machine renders Arial with DejaVu Sans; install a metric-compatible "
                    "font (Debian: apt-get install fonts-liberation) and build again"),
    ("Liberation Sans", "the fonts are right (Arial as Liberation Sans), so the layout itself "
                        "does not fit; please report this"),
    (None, "make sure Arial or a metric-compatible font is installed (Debian: apt-get install "
           "fonts-liberation) and build again"),
])
def test_font_advice(monkeypatch: pytest.MonkeyPatch, rendered: str | None, advice: str) -> None:
    monkeypatch.setattr(export, "rendered_family", lambda family: rendered)
    assert font_advice(("Arial",)) == advice


MONOSPACED = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


@needs_libreoffice
@pytest.mark.skipif(not MONOSPACED.is_file(), reason="needs DejaVu Sans Mono (fonts-dejavu-core)")
def test_without_metric_compatible_fonts_the_pdf_is_not_kept(tmp_path: Path) -> None:
    """A machine whose only font is a monospaced one: LibreOffice draws Arial with it, wider,
    the table's rows wrap and grow past the footer, and the PDF must say so rather than be kept.
    (fontconfig reads the machine's fonts from FONTCONFIG_FILE, here a folder of one font.)"""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / MONOSPACED.name).symlink_to(MONOSPACED)
    config = tmp_path / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{tmp_path / "font-cache"}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
""")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", str(SAMPLE), "-o",
                             str(out / "deck.pptx"), "--pdf"], capture_output=True, text=True,
                            env={**os.environ, "FONTCONFIG_FILE": str(config)}, check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert re.fullmatch(rf"error: {out / 'deck.pdf'}: slide \d+ .*: this machine renders Arial "
                        r"with DejaVu Sans Mono; install a metric-compatible font \(Debian: "
                        r"apt-get install fonts-liberation\) and build again", errors[0]), errors[0]
    assert sorted(p.name for p in out.iterdir()) == ["deck.pptx"]  # the deck, and only it


# --- where the copies go ---------------------------------------------------------------------

@needs_libreoffice
@pytest.mark.parametrize("kind", ["file", "link to a folder", "folder of other files"])
def test_slide_images_replace_only_slide_images(sample_pdf: tuple[Path, DeckProof],
                                                tmp_path: Path, kind: str) -> None:
    pdf, _ = sample_pdf
    folder = tmp_path / "deck-slides"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "budget.xlsx").write_bytes(b"keep me")
    if kind == "file":
        folder.write_bytes(b"keep me")
    elif kind == "link to a folder":
        folder.symlink_to(elsewhere, target_is_directory=True)
    else:
        folder.mkdir()
        (folder / "slide-01.png").write_bytes(b"old slide")
        (folder / "notes.txt").write_bytes(b"keep me")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(ExportError, match=f"^{folder}: (exists and is not a folder|is a "
                                          "symbolic link|holds files other than slide images)"):
        to_png(pdf, folder)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert made(tmp_path) == ["deck-slides", "elsewhere"]


@needs_libreoffice
def test_slide_images_replace_last_months(sample_pdf: tuple[Path, DeckProof],
                                          tmp_path: Path) -> None:
    pdf, proof = sample_pdf
    folder = tmp_path / "deck-slides"
    folder.mkdir()
    (folder / "slide-99.png").write_bytes(b"a slide from a longer deck")
    images = to_png(pdf, folder)
    assert [p.name for p in images] == [f"slide-{n:02d}.png"
                                        for n in range(1, len(proof.slides) + 1)]
    assert made(tmp_path) == ["deck-slides"]


@needs_libreoffice
def test_pdf_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills while the PDF is copied into place: one error line, the deck kept, no
    temporary file and no half PDF."""
    real = shutil.copyfileobj

    def full(source: Any, target: Any, *args: Any) -> None:
        if getattr(target, "name", None) is not None and str(target.name).endswith(".pdf"):
            return real(source, target, *args)  # LibreOffice's own copying, if any
        target.write(source.read(8192))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copyfileobj", full)
    outcome = run_job(Job(SAMPLE, tmp_path / "deck.pptx", pdf=True))
    assert outcome.built is not None
    assert outcome.errors == (f"{tmp_path / 'deck.pdf'}: cannot write the PDF: No space left "
                              "on device",)
    assert made(tmp_path) == ["deck.pptx"]


def _can_mount(tmp_path: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                      capture_output=True, check=False).returncode != 0:
        return False
    subprocess.run(["umount", str(probe)], check=True)
    return True


@needs_libreoffice
def test_pdf_on_a_really_full_disk(tmp_path: Path) -> None:
    """The same on a real small file system (a tmpfs with room for the deck, not the PDF)."""
    if not _can_mount(tmp_path):
        pytest.skip("needs root and the right to mount a tmpfs")
    sizes = run_job(Job(SAMPLE, tmp_path / "measure.pptx", pdf=True))
    assert sizes.errors == ()
    deck_size = (tmp_path / "measure.pptx").stat().st_size
    pdf_size = (tmp_path / "measure.pdf").stat().st_size
    disk = tmp_path / "disk"
    disk.mkdir()
    size_kb = (deck_size + pdf_size // 2) // 1024 + 8
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(disk)],
                   check=True)
    try:
        result = subprocess.run([sys.executable, "-m", "reportgen", "build", str(SAMPLE), "-o",
                                 str(disk / "deck.pptx"), "--pdf"], capture_output=True,
                                text=True, check=False)
        names = sorted(p.name for p in disk.iterdir())
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.returncode == 1
    assert errors == [f"error: {disk / 'deck.pdf'}: cannot write the PDF: No space left on "
                      "device"]
    assert names == ["deck.pptx"]
    assert "Traceback" not in result.stderr


def test_a_converter_that_hangs_is_killed_with_its_children(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """soffice is a wrapper that starts soffice.bin; giving up on it must end both."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    child = tmp_path / "child.pid"
    fake = bin_dir / "soffice"
    fake.write_text(f"#!/bin/sh\n{shutil.which('sleep')} 600 &\necho $! > {child}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"deck")
    with pytest.raises(ExportError, match="soffice took longer than 1 s; gave up"):
        export.to_pdf(deck, timeout=1)
    pid = int(child.read_text())
    status = Path(f"/proc/{pid}/stat")
    # gone, or a zombie waiting for its parent (init, here) to collect it
    assert not status.exists() or status.read_text().split(") ")[1].startswith("Z")
    assert made(tmp_path) == ["bin", "child.pid", "deck.pptx"]
