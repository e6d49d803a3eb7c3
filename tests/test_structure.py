"""The checks every deck of the suite goes through (tests/ooxml.py) find what PowerPoint
repairs, and the bundled template passes them.

Each defect is put into a real deck by editing one part's XML, so a check that stopped
looking would fail here, not pass quietly on every deck."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE
from tests.ooxml import audit_problems, decks_under, structure_problems, workbook_problems

TEMPLATE = ROOT / "templates" / "cabinet.pptx"
TABLE_SLIDE = "ppt/slides/slide5.xml"
"""The sample deck's first KPI table page."""


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The sample deck, as the command line builds it."""
    path = tmp_path_factory.mktemp("structure") / "deck.pptx"
    subprocess.run([sys.executable, "-m", "reportgen", "build", str(SAMPLE), "-o", str(path),
                    "--no-history"], check=True, capture_output=True)
    return path.read_bytes()


def edited(data: bytes, part: str, edit: Callable[[str], str]) -> bytes:
    """``data`` with one part's XML passed through ``edit`` (which must change it)."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == part:
                changed = edit(content.decode("utf-8"))
                assert changed != content.decode("utf-8"), f"the edit left {part} as it was"
                content = changed.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def once(pattern: str, replacement: str) -> Callable[[str], str]:
    return lambda xml: re.sub(pattern, replacement, xml, count=1)


def test_the_sample_deck_and_the_template_have_nothing_to_repair(deck: bytes) -> None:
    for data in (deck, TEMPLATE.read_bytes()):
        assert structure_problems(data) == []
        assert audit_problems(data) == []
    assert workbook_problems(deck) == []


def test_the_template_is_what_its_script_makes(tmp_path: Path) -> None:
    """templates/cabinet.pptx is regenerated whenever scripts/make_template.py changes."""
    made = tmp_path / "cabinet.pptx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_template.py"), str(made)],
                   check=True, capture_output=True, cwd=ROOT)
    committed, fresh = zipfile.ZipFile(TEMPLATE), zipfile.ZipFile(made)
    assert sorted(committed.namelist()) == sorted(fresh.namelist())
    for name in committed.namelist():
        assert committed.read(name) == fresh.read(name), name


DEFECTS = {
    "a shape id used twice": (
        TABLE_SLIDE, once(r'<p:cNvPr id="3"', '<p:cNvPr id="2"'),
        "shape ids used more than once: 2"),
    "a shape id of 0": (
        TABLE_SLIDE, once(r'<p:cNvPr id="3"', '<p:cNvPr id="0"'), "a shape with id 0"),
    "a duplicate on the master": (
        "ppt/slideMasters/slideMaster1.xml", once(r'<p:cNvPr id="8"', '<p:cNvPr id="2"'),
        "slideMaster1.xml: shape ids used more than once: 2"),
    "a row short of a cell": (
        TABLE_SLIDE, once(r"(<a:tr [^>]*>)<a:tc>.*?</a:tc>", r"\1"),
        "row 2 has 15 cells for 16 grid columns"),
    "a span with no merged cell under it": (
        TABLE_SLIDE, once(r'<a:tc hMerge="1">', "<a:tc>"),
        "row 1 column 2: covered by a span but not marked hMerge/vMerge"),
    "a merged cell with no span": (
        TABLE_SLIDE, once(r'<a:tc gridSpan="2">', "<a:tc>"),
        "row 1 column 2: hMerge with no gridSpan to its left covering it"),
    "a span past the table's edge": (
        TABLE_SLIDE, once(r'<a:tc gridSpan="2">', '<a:tc gridSpan="17">'),
        "row 1 column 1: spans past the table's edge"),
    "a relationship to a missing part": (
        "ppt/slides/_rels/slide5.xml.rels", once(r"media/trend1\.png", "media/gone.png"),
        "relationship rId2 points at ppt/media/gone.png, which is missing"),
    "a reference to no relationship": (
        TABLE_SLIDE, once(r'r:embed="rId2"', 'r:embed="rId99"'),
        "blip/@r:embed=rId99 names no relationship"),
    "the notes master not listed": (
        "ppt/presentation.xml", once(r"<p:notesMasterIdLst>.*?</p:notesMasterIdLst>", ""),
        "notesMasterIdLst lists []"),
    "16:9 named 4:3": (
        "ppt/presentation.xml", once(r'(<p:sldSz [^/]*)/>', r'\1 type="screen4x3"/>'),
        "labelled screen4x3"),
    "two layouts with one id": (
        "ppt/slideMasters/slideMaster1.xml", once(r'id="2147483650"', 'id="2147483649"'),
        "master and layout ids not unique"),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_each_defect_powerpoint_repairs_is_found(deck: bytes, defect: str) -> None:
    part, edit, expected = DEFECTS[defect]
    problems = structure_problems(edited(deck, part, edit))
    assert any(expected in problem for problem in problems), problems


def test_openxml_audit_finds_what_the_schemas_forbid(deck: bytes) -> None:
    broken = edited(deck, TABLE_SLIDE, once(r"<a:tblGrid>", "<a:tblGrid><a:bogus/>"))
    assert audit_problems(broken)


def test_openxml_audit_reads_each_chart_workbook(deck: bytes) -> None:
    workbook = "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx"
    sheet = edited(zipfile.ZipFile(BytesIO(deck)).read(workbook), "xl/worksheets/sheet1.xml",
                   once(r"<sheetData>", "<sheetData><bogus/>"))
    source = zipfile.ZipFile(BytesIO(deck))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, sheet if item.filename == workbook else source.read(item))
    problems = workbook_problems(out.getvalue())
    assert problems and all(problem.startswith(workbook) for problem in problems), problems


def test_only_zip_packages_count_as_decks(tmp_path: Path, deck: bytes) -> None:
    """Tests put bytes, links and FIFOs under deck names to check they are refused; the
    fixtures check the decks, not those."""
    (tmp_path / "real.pptx").write_bytes(deck)
    (tmp_path / "last-month.pptx").write_bytes(b"last month's deck")
    (tmp_path / "link.pptx").symlink_to(tmp_path / "real.pptx")
    assert [path.name for path in decks_under(tmp_path)] == ["real.pptx"]
