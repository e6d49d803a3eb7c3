"""The board reads the PDF: with the fonts the set-up installs and with only DejaVu (a machine
with no Arial-metric font), every table row is on its page, above the footer, or the PDF is
refused. The deck is always written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.ingest.writer import SheetTable, write_workbook
from tests.builders import big_spec, pdf_page_texts

HAVE_TOOLS = all(shutil.which(t) for t in ("soffice", "fc-match"))
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
pytestmark = pytest.mark.skipif(not HAVE_TOOLS and not os.environ.get("CI"),
                                reason="LibreOffice is not installed")


def dejavu_only(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig sees only the DejaVu fonts."""
    if not DEJAVU.is_dir():
        pytest.skip("DejaVu fonts are not where Debian puts them")
    config = folder / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{DEJAVU}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>
""")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def table_refs(pdf: Path) -> set[str]:
    """The refs on the PDF's table pages, read above each page's footer line."""
    found: set[str] = set()
    for page in pdf_page_texts(pdf):
        words = page.split()
        if {"Ref", "Current"} <= set(words):
            found.update(words)
    return found


@pytest.mark.parametrize("fonts", ["installed", "dejavu-only"])
def test_every_row_of_a_150_indicator_table_reaches_the_pdf(tmp_path: Path, fonts: str) -> None:
    book = tmp_path / "big.xlsx"
    spec = big_spec(150)
    write_workbook(book, spec)
    env = dejavu_only(tmp_path) if fonts == "dejavu-only" else dict(os.environ)
    deck = tmp_path / "big.pptx"
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", str(book), "-o",
                             str(deck), "--pdf"], capture_output=True, text=True, env=env,
                            check=False, timeout=600)
    assert deck.is_file()  # the deck is written whatever becomes of the PDF
    assert "Traceback" not in result.stderr
    pdf = deck.with_suffix(".pdf")
    if fonts == "installed":  # the set-up's fonts: the PDF must come out whole
        assert result.returncode == 0, result.stderr
    if result.returncode != 0:
        # A refused PDF says which font to install, in one line, and leaves no PDF behind.
        assert result.stderr.count("error:") == 1 and "install" in result.stderr
        assert not pdf.exists()
        return
    refs = {str(row.ref) for sheet in spec.sheets if isinstance(sheet, SheetTable)
            for section in sheet.sections for row in section.rows}
    assert refs <= table_refs(pdf)
