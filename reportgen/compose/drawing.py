"""Each kind of planned slide drawn on its layout: title, bullets (with the glance's tiles),
table page, chart (with text beside it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportgen.compose._oxml import (
    PartNames,
    SlideMaker,
    add_shape,
    move_before,
    remove_shape,
    set_text,
)
from reportgen.compose.drawingml import emu, font_size, runs
from reportgen.compose.native_charts import draw_chart
from reportgen.compose.pictures import Pictures
from reportgen.compose.shapes import tile_xml
from reportgen.compose.table_frame import draw_table
from reportgen.compose.template import Presentation
from reportgen.compose.text import fill_text_frame
from reportgen.plan.layout import Box, Geometry
from reportgen.plan.slides import (
    BulletSlide,
    ChartSlide,
    Slide,
    TableSlide,
    TextBox,
    Tile,
    TitleSlide,
)


def draw(opened: Presentation, geometry: Geometry, plan: Slide, maker: SlideMaker,
         pictures: Pictures) -> Any:
    slide = maker.slide(opened.layouts[plan.role])
    title, *holders = opened.placeholders(slide, plan.role)
    # the title as python-pptx's text setter and font proxy wrote it, as one paragraph's XML
    size = f'<a:rPr sz="{font_size(plan.title_size)}"/>' if plan.title_size else ""
    set_text(title, [runs(line, size) for line in plan.title.split("\n")])
    if isinstance(plan, TitleSlide):
        _title(holders[0], plan)
    elif isinstance(plan, BulletSlide):
        _bullets(slide, holders[0], plan, geometry.text.sizes)
    elif isinstance(plan, TableSlide):
        _table(slide, holders[0], plan, pictures)
    else:
        _chart(slide, holders, plan, geometry.side_style.sizes, maker.names)
    if plan.notes:
        # as python-pptx's text setter writes them: a paragraph for each line
        set_text(maker.notes(slide).notes_placeholder,
                 [runs(line) for line in "\n".join(plan.notes).split("\n")])
    return slide


def _place(shape: Any, box: Box) -> None:
    shape.left, shape.top = emu(box.left), emu(box.top)
    shape.width, shape.height = emu(box.width), emu(box.height)


def _title(subtitle: Any, plan: TitleSlide) -> None:
    fill_text_frame(subtitle.text_frame, plan.lines, space_before=plan.space_before, size=plan.size)


def _bullets(slide: Any, body: Any, plan: BulletSlide, sizes: Sequence[float]) -> None:
    if not plan.paragraphs:
        remove_shape(body)  # no empty "click to add text"
    else:
        if plan.body is not None:
            _place(body, plan.body)
        fill_text_frame(body.text_frame, plan.paragraphs, level_sizes=plan.sizes or sizes)
    for tile in plan.tiles:
        _tile(slide, tile, plan.tiles_alt_text)


def _tile(slide: Any, tile: Tile, alt_text: str) -> None:
    add_shape(slide, tile_xml(tile, tile.alt_text(alt_text)))


def _table(slide: Any, holder: Any, plan: TableSlide, pictures: Pictures) -> None:
    frame = draw_table(slide, holder, plan, pictures)
    for caption in plan.captions:
        shape = _text_box(slide, caption)
        if caption.box.bottom <= plan.box.top:  # a caption above the table is read before it
            move_before(shape, frame)


def _text_box(slide: Any, text: TextBox) -> Any:
    box = text.box
    shape = slide.shapes.add_textbox(emu(box.left), emu(box.top), emu(box.width),
                                     emu(box.height))
    fill_text_frame(shape.text_frame, text.paragraphs, size=text.size, colour=text.colour)
    return shape


def _chart(slide: Any, holders: list[Any], plan: ChartSlide, sizes: Sequence[float],
           names: PartNames) -> None:
    holder = holders[0]
    if plan.paragraphs:
        fill_text_frame(holders[1].text_frame, plan.paragraphs, level_sizes=plan.sizes or sizes)
    for index, chart in enumerate(plan.charts):
        draw_chart(slide, holder if index == 0 else None, chart, names)
    for caption in plan.captions:
        _text_box(slide, caption)


