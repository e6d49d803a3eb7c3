"""The PDF that goes on the council's website is accessible: tagged (PDF/UA), in the deck's
language, its slide titles headings in the structure tree and its charts described by the
same alt text as in the deck. Read back with PDFium (pypdfium2) and with pypdf."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from pptx import Presentation
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from reportgen.export import describe_figures
from reportgen.proof import DeckProof, SlideProof
from tests.conftest import SAMPLE

pytestmark = pytest.mark.skipif(
    not shutil.which("soffice") and not os.environ.get("CI"),
    reason="LibreOffice is not installed (CI installs it)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample's deck and PDF, as ``reportgen build --pdf`` writes them."""
    deck = tmp_path_factory.mktemp("tagged") / "deck.pptx"
    subprocess.run([sys.executable, "-m", "reportgen", "build", str(SAMPLE), "-o", str(deck),
                    "--pdf", "--no-history"], check=True, capture_output=True)
    return deck, deck.with_suffix(".pdf")


def _utf16(function: Any, *args: Any) -> str:
    """A string PDFium hands back in UTF-16 through a buffer it is asked the size of first."""
    size = function(*args, None, 0)
    buffer = ctypes.create_string_buffer(size)
    function(*args, ctypes.cast(buffer, function.argtypes[-2]), size)
    return buffer.raw[:size].decode("utf-16-le").rstrip("\x00")


def headings(pdf: Path) -> list[str]:
    """The text of every H element of the structure tree, page by page: the marked content its
    paragraphs point to, read from the page's text objects."""
    found: list[str] = []
    document = pypdfium2.PdfDocument(pdf)
    for page in document:
        text_page = page.get_textpage()
        marked: dict[int, str] = {}
        for index in range(pdfium.FPDFPage_CountObjects(page.raw)):
            item = pdfium.FPDFPage_GetObject(page.raw, index)
            if pdfium.FPDFPageObj_GetType(item) == pdfium.FPDF_PAGEOBJ_TEXT:
                mcid = pdfium.FPDFPageObj_GetMarkedContentID(item)
                marked[mcid] = marked.get(mcid, "") + " " + _utf16(
                    pdfium.FPDFTextObj_GetText, item, text_page.raw)
        tree = pdfium.FPDF_StructTree_GetForPage(page.raw)
        for k in range(pdfium.FPDF_StructTree_CountChildren(tree)):
            found.extend(_headings(pdfium.FPDF_StructTree_GetChildAtIndex(tree, k), marked))
        pdfium.FPDF_StructTree_Close(tree)
    document.close()
    return found


def _children(element: Any) -> Iterator[Any]:
    for k in range(pdfium.FPDF_StructElement_CountChildren(element)):
        if child := pdfium.FPDF_StructElement_GetChildAtIndex(element, k):
            yield child


def _texts(element: Any, marked: dict[int, str]) -> Iterator[str]:
    for k in range(pdfium.FPDF_StructElement_GetMarkedContentIdCount(element)):
        yield marked.get(pdfium.FPDF_StructElement_GetMarkedContentIdAtIndex(element, k), "")
    for child in _children(element):
        yield from _texts(child, marked)


def _headings(element: Any, marked: dict[int, str]) -> Iterator[str]:
    if _utf16(pdfium.FPDF_StructElement_GetType, element) == "H":
        yield " ".join(" ".join(_texts(element, marked)).split())
    for child in _children(element):
        yield from _headings(child, marked)


def elements(node: Any) -> Iterator[DictionaryObject]:
    """Every element of a PDF's structure tree, in reading order."""
    if isinstance(node, IndirectObject):
        node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            yield from elements(child)
    elif isinstance(node, DictionaryObject):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from elements(node["/K"])


def test_the_pdf_is_tagged(built: tuple[Path, Path]) -> None:
    root = PdfReader(built[1]).root_object
    mark_info = root["/MarkInfo"]
    assert isinstance(mark_info, DictionaryObject) and mark_info["/Marked"]
    assert "/StructTreeRoot" in root


def test_every_slide_title_is_a_heading_in_the_structure_tree(built: tuple[Path, Path]
                                                              ) -> None:
    deck, pdf = built
    titles = [slide.shapes.title.text_frame.text for slide in Presentation(str(deck)).slides]
    assert headings(pdf) == [" ".join(t.split()) for t in titles]


def test_the_pdf_is_in_the_decks_language(built: tuple[Path, Path]) -> None:
    root = PdfReader(built[1]).root_object
    assert str(root["/Lang"]) == "en-GB"
    mark_info = root["/MarkInfo"]
    assert isinstance(mark_info, DictionaryObject) and mark_info["/Marked"]


def test_every_chart_keeps_its_alt_text(built: tuple[Path, Path]) -> None:
    deck, pdf = built
    charts = [shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
              for slide in Presentation(str(deck)).slides for shape in slide.shapes
              if shape.has_chart]
    assert len(charts) >= 5 and all(charts)  # the cohorts' and the reds' charts
    root = PdfReader(pdf).root_object
    figures = [element.get("/Alt") for element in elements(root["/StructTreeRoot"])
               if element.get("/S") == "/Figure"]
    assert figures == charts


def figure_alts(pdf: Path) -> list[tuple[int, str | None]]:
    """Each Figure of the structure tree: its page number (1-based) and alt text."""
    reader = PdfReader(pdf)
    pages = {page.indirect_reference.idnum: number
             for number, page in enumerate(reader.pages, start=1)
             if page.indirect_reference is not None}
    found = []
    for element in elements(reader.root_object["/StructTreeRoot"]):
        if element.get("/S") == "/Figure":
            where = element.raw_get("/Pg")
            assert isinstance(where, IndirectObject)
            alt = element.get("/Alt")
            found.append((pages[where.idnum], None if alt is None else str(alt)))
    return found


def test_a_page_whose_figures_do_not_match_its_slide_is_left_alone(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    """As LibreOffice writes it, without alt text; then the cohort slide's three charts are
    said to be two: that page's figures get none, the other pages theirs."""
    writer = PdfWriter(clone_from=built[1])
    for element in elements(writer.root_object["/StructTreeRoot"]):
        element.pop("/Alt", None)
    bare = tmp_path / "bare.pdf"
    writer.write(bare)
    pages = [page for page, _ in figure_alts(bare)]
    cohorts = max(set(pages), key=pages.count)
    proof = DeckProof(tuple(
        SlideProof(number, "", (), 1.0,
                   tuple(f"chart {n} of slide {number}" for n in range(pages.count(number)
                                                                  - (number == cohorts))))
        for number in range(1, max(pages) + 2)), ("Arial",))
    describe_figures(bare, proof)
    assert figure_alts(bare) == [
        (page, None if page == cohorts else f"chart 0 of slide {page}") for page in pages]
