"""What the composer makes beneath python-pptx's public API is what python-pptx itself made:
slides and notes pages copied rather than built (their XML, ids and relationships), and a chart
put in place of its placeholder (its frame and parts). Each is made both ways and compared."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.shapes.placeholder import ChartPlaceholder

from reportgen.build import DEFAULT_TEMPLATE
from reportgen.compose._oxml import SlideMaker, add_chart, remove_slides

LAYOUTS = ("Title and Table", "Title and Content", "Title and Table", "Chart and Text",
           "Title and Table", "Title and Content", "Title and Table")


def _opened() -> Any:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    remove_slides(prs)
    return prs


def _layout(prs: Any, name: str) -> Any:
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def _parts(prs: Any) -> dict[str, tuple[bytes, bytes]]:
    """Every part reachable from the presentation: its XML (or bytes) and its relationships."""
    return {str(part.partname): (part.blob, part.rels.xml if part.rels else b"")
            for part in prs.part.package.iter_parts()}


def test_slides_and_notes_made_as_copies_are_python_pptxs_own() -> None:
    ours, theirs = _opened(), _opened()
    maker = SlideMaker(ours)
    for number, name in enumerate(LAYOUTS):
        mine = maker.slide(_layout(ours, name))
        reference = theirs.slides.add_slide(_layout(theirs, name))
        if number % 2:  # every other slide has speaker notes
            maker.notes(mine).notes_text_frame.text = f"notes {number}"
            reference.notes_slide.notes_text_frame.text = f"notes {number}"
    assert _parts(ours) == _parts(theirs)
    assert [s.slide_id for s in ours.slides] == [s.slide_id for s in theirs.slides]


def _data() -> CategoryChartData:
    data = CategoryChartData(number_format="0.0")
    data.categories = ("Sep 18", "Oct 18", "Nov 18")
    data.add_series("3.1", (85.1, None, 86.5))
    return data


def test_a_chart_in_place_of_its_placeholder_is_python_pptxs_own() -> None:
    ours, theirs = _opened(), _opened()
    slides = [prs.slides.add_slide(_layout(prs, "Title and Chart")) for prs in (ours, theirs)]
    holders = [slide.placeholders[2] for slide in slides]
    # python-pptx puts the frame where the placeholder inherits its place from; ours is told
    reference = ChartPlaceholder(holders[1]._element, holders[1]._parent).insert_chart(
        XL_CHART_TYPE.LINE_MARKERS, _data())
    reference._element.nvGraphicFramePr.cNvPr.set("descr", "Line chart of 3.1")
    chart_part = reference.chart_part
    box = (reference.left, reference.top, reference.width, reference.height)
    add_chart(slides[0], holders[0], box, chart_part.blob,
              chart_part.chart_workbook.xlsx_part.blob, "Line chart of 3.1")
    frames = [etree.tostring(slide.shapes._spTree) for slide in slides]
    assert frames[0] == frames[1]
    assert _parts(ours) == _parts(theirs)
