"""Text frames are written as XML exactly as python-pptx's run and font proxies write them: the
proxies' way is kept here as the reference, and each case is written both ways and compared."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Pt

from reportgen.compose._oxml import one_line, replace_paragraphs
from reportgen.compose.drawingml import font_size, runs
from reportgen.compose.text import fill_text_frame
from reportgen.model import Paragraph, TextRun


def _reference_fill(frame: Any, paragraphs: Sequence[Paragraph], *, size: float | None = None,
                    colour: str | None = None, space_before: float | None = None,
                    level_sizes: Sequence[float] = ()) -> None:
    """fill_text_frame as it was written with python-pptx's proxies."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, item in enumerate(paragraphs):
        p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        p.level = item.level
        if space_before is not None and index:
            p.space_before = Pt(space_before)
        shown = size if size is not None or not level_sizes else \
            level_sizes[min(item.level, len(level_sizes) - 1)]
        for run in item.runs:
            for number, piece in enumerate(run.text.split("\n")):
                if number:
                    p.add_line_break()
                if not piece:
                    continue
                r = p.add_run()
                r.text = piece
                font = r.font
                if run.bold:
                    font.bold = True
                if run.italic:
                    font.italic = True
                if shown is not None:
                    font.size = Pt(shown)
                if colour is not None:
                    font.color.rgb = RGBColor.from_string(colour)
                for flag, offset in (("superscript", "30000"), ("subscript", "-25000")):
                    if getattr(run, flag):
                        r._r.get_or_add_rPr().set("baseline", offset)


RUNS = (TextRun("Plain"), TextRun(" bold", bold=True), TextRun(" italic", italic=True),
        TextRun("2", superscript=True), TextRun("x", subscript=True),
        TextRun("both", superscript=True, subscript=True, bold=True, italic=True),
        TextRun("line\nbreak"), TextRun("\nleading and trailing\n"), TextRun("a\n\nb"),
        TextRun("R&D <5> \"quoted\" 'it's'"), TextRun("bell\x07 tab\t cr\r vt\x0b"),
        TextRun(""), TextRun("–— £ é 😀"))
CASES = {
    "levels": [Paragraph(RUNS[:3]), Paragraph(RUNS[3:6], level=1), Paragraph(RUNS[6:9], 2),
               Paragraph(RUNS[9:], 0)],
    "one": [Paragraph((TextRun("Alone", bold=True),))],
    "empty first": [Paragraph(()), Paragraph((TextRun("second"),), 1)],
    "none": [],
}
OPTIONS: dict[str, dict[str, Any]] = {
    "plain": {},
    "sized": {"size": 17, "colour": "1f3864", "space_before": 8},
    "fractional": {"size": 15.3, "space_before": 0.5},
    "level sizes": {"level_sizes": (20, 17, 15.3)},
    "colour": {"colour": "FFFFFF"},
}


def _frames() -> tuple[Any, list[Any]]:
    """A slide's frames of each kind the deck fills: a body placeholder, a text box, a tile
    (an autoshape, whose first paragraph has properties of its own) and a first paragraph
    that ends with end-of-paragraph properties."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    body = slide.placeholders[1].text_frame
    box = slide.shapes.add_textbox(0, 0, 100, 100).text_frame
    tile = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, 0, 0, 100, 100).text_frame
    ended = slide.shapes.add_textbox(0, 0, 100, 100).text_frame
    etree.SubElement(ended.paragraphs[0]._p, "{http://schemas.openxmlformats.org/drawingml/"
                     "2006/main}endParaRPr", lang="en-GB")
    return prs, [body, box, tile, ended]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("options", OPTIONS)
def test_the_xml_is_what_the_proxies_write(case: str, options: str) -> None:
    _, ours = _frames()
    _, theirs = _frames()
    for mine, reference in zip(ours, theirs, strict=True):
        fill_text_frame(mine, CASES[case], **OPTIONS[options])
        _reference_fill(reference, CASES[case], **OPTIONS[options])
        assert etree.tostring(mine._txBody) == etree.tostring(reference._txBody)


def test_proxies_still_work_on_what_was_written() -> None:
    """The deck sets a tile's alignment and sizes through python-pptx after filling it."""
    _, (_, _, tile, _) = _frames()
    fill_text_frame(tile, [Paragraph((TextRun("4", bold=True),)), Paragraph((TextRun("red"),))])
    tile.paragraphs[1].runs[0].font.size = Pt(14)
    assert [p.text for p in tile.paragraphs] == ["4", "red"]
    assert tile.paragraphs[1].runs[0].font.size == Pt(14)


def test_a_size_python_pptx_refuses_is_refused() -> None:
    _, (body, *_) = _frames()
    with pytest.raises(ValueError, match="outside 1 to 4,000 points"):
        fill_text_frame(body, [Paragraph((TextRun("tiny"),))], size=0.5)


@pytest.mark.parametrize(("title", "size"), [
    ("3.1: 89.0% against a 90.0% minimum", None), ("Children & <young> people", 28.8),
    ("A title\vwith a break", 20.0), ("Two\nparagraphs", None), ("", None),
    ("Bell \x07 and tab\t", 33.3)])
def test_a_title_is_written_as_python_pptxs_text_setter_and_font_wrote_it(
        title: str, size: float | None) -> None:
    prs = Presentation()
    by_proxy, by_xml = (prs.slides.add_slide(prs.slide_layouts[1]).shapes.title
                        for _ in range(2))
    by_proxy.text_frame.text = title
    if size:
        for paragraph in by_proxy.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(size)
    properties = f'<a:rPr sz="{font_size(size)}"/>' if size else ""
    replace_paragraphs(by_xml._element, [runs(line, properties) for line in title.split("\n")])
    assert etree.tostring(by_xml._element) == etree.tostring(by_proxy._element)


@pytest.mark.parametrize("centred", [False, True])
@pytest.mark.parametrize("bold", [False, True])
def test_a_marking_is_written_as_python_pptxs_proxies_wrote_it(centred: bool,
                                                              bold: bool) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    by_proxy, by_xml = (slide.shapes.add_textbox(0, 0, 100, 100) for _ in range(2))
    for shape in (by_proxy, by_xml):
        shape.text_frame.text = "Footer\nwith two paragraphs"
    frame = by_proxy.text_frame
    frame.clear()
    if centred:
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    frame.word_wrap = False
    run = frame.paragraphs[0].add_run()
    run.text = "OFFICIAL-SENSITIVE & <marked>"
    run.font.bold = bold
    run.font.size = Pt(9.5)
    one_line(by_xml.text_frame, runs("OFFICIAL-SENSITIVE & <marked>",
                                     f'<a:rPr b="{int(bold)}" sz="{font_size(9.5)}"/>'),
             centred=centred)
    assert etree.tostring(by_xml._element.txBody) == etree.tostring(by_proxy._element.txBody)
