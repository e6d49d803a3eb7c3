"""The package's files as the composer hands them to the writer: what python-pptx itself would
save, file for file, its relationship files included (they are written as text of our own)."""

from __future__ import annotations

import zipfile
from io import BytesIO

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from reportgen.compose._oxml import package_files


def _saved_by_python_pptx(prs: object) -> dict[str, bytes]:
    buffer = BytesIO()
    prs.save(buffer)  # type: ignore[attr-defined]
    with zipfile.ZipFile(buffer) as saved:
        return {name: saved.read(name) for name in saved.namelist()}


def test_the_files_are_those_python_pptx_saves_in_its_order() -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "A & B <C>"
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "a link"
    # an external relationship, with characters an attribute must escape
    run.hyperlink.address = 'https://example.org/kpi?a=1&b="2"'
    slide.part.relate_to("https://example.org/other\tpage", RT.HYPERLINK, is_external=True)
    slide.notes_slide.notes_text_frame.text = "notes"
    prs.slides.add_slide(prs.slide_layouts[1])
    ours = package_files(prs)
    theirs = _saved_by_python_pptx(prs)
    assert [name for name, _ in ours] == list(theirs)
    for name, content in ours:
        assert content == theirs[name], name
    assert any(name.endswith(".rels") and b'TargetMode="External"' in content
               and b"&amp;b=&quot;2&quot;" in content for name, content in ours)
