"""PDF and PNG copies of a deck, made by LibreOffice and pdftoppm: the only code that runs
another program.

LibreOffice gets a private profile directory per run, so parallel builds do not collide on
the shared user profile (a second soffice would otherwise hand its work to the first and exit),
and a timeout, so a deck it chokes on fails the build instead of hanging it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from reportgen.errors import ExportError, Place

INSTALL_HINT = "install it with: apt-get install libreoffice-impress poppler-utils"
SOFFICE_TIMEOUT = 300
PNG_DPI = 100


def _program(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(f"{names[0]} is not installed; the .pptx was written, but no "
                      f"PDF or PNG can be made: {INSTALL_HINT}")


def _run(command: list[str], place: Place, timeout: int) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise ExportError(f"{Path(command[0]).name} took longer than {timeout} s; gave up",
                          place) from exc
    except OSError as exc:
        raise ExportError(f"cannot run {command[0]}: {exc.strerror or exc}", place) from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        why = detail[-1] if detail else f"exit status {result.returncode}"
        raise ExportError(f"{Path(command[0]).name} failed ({why})", place)


def to_pdf(deck: Path, target: Path | None = None, timeout: int = SOFFICE_TIMEOUT) -> Path:
    """Convert ``deck`` to ``target`` (default: beside it, same name, .pdf), atomically."""
    soffice = _program("soffice", "libreoffice")
    target = target or deck.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as work:
        profile = Path(work, "profile").as_uri()
        _run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
              "--convert-to", "pdf", "--outdir", work, str(deck)], Place(deck), timeout)
        produced = Path(work, deck.with_suffix(".pdf").name)
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ExportError("LibreOffice could not open the deck (no PDF was produced)",
                              Place(deck))
        staged = target.with_name(f".{target.name}.tmp")
        shutil.move(str(produced), staged)
        os.replace(staged, target)
    return target


def to_png(pdf: Path, folder: Path, dpi: int = PNG_DPI,
           timeout: int = SOFFICE_TIMEOUT) -> list[Path]:
    """One PNG per page, ``folder/slide-01.png`` ..., replacing what the folder held."""
    pdftoppm = _program("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="reportgen-png-", dir=folder.parent) as work:
        _run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(Path(work, "page"))],
             Place(pdf), timeout)
        pages = sorted(Path(work).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        if not pages:
            raise ExportError("pdftoppm produced no images", Place(pdf))
        staged = Path(work, "slides")
        staged.mkdir()
        width = max(2, len(str(len(pages))))
        for number, page in enumerate(pages, start=1):
            page.rename(staged / f"slide-{number:0{width}d}.png")
        if folder.exists():
            shutil.rmtree(folder)
        staged.rename(folder)
    return sorted(folder.iterdir())
