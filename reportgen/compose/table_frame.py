"""A planned table page drawn: its grid, its cells, its merged headings, its trend pictures."""

from __future__ import annotations

from typing import Any

from reportgen.compose._oxml import (
    CellLook,
    emu,
    picture_fill,
    set_alt_text,
    size_table,
    table_rows,
    write_cell,
)
from reportgen.compose.pictures import Pictures
from reportgen.compose.trend_image import trend_png
from reportgen.plan.layout import CELL_MARGIN_X, CELL_MARGIN_Y
from reportgen.plan.palette import BAND_FILL, GRID, INK, NAVY, WHITE
from reportgen.plan.slides import Row, TableSlide


def draw_table(slide: Any, placeholder: Any, plan: TableSlide, pictures: Pictures) -> Any:
    table_plan = plan.table
    frame = placeholder.insert_table(len(table_plan.rows), len(table_plan.widths))
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    size_table(table, table_plan.widths, [row.height for row in table_plan.rows])
    frame.left, frame.top = emu(plan.box.left), emu(plan.box.top)
    frame.width = emu(sum(table_plan.widths))
    rows = table_rows(table)
    for number, (tr, row) in enumerate(zip(rows, table_plan.rows, strict=True)):
        _merge(table, number, row)
        _write(tr, row)
        if row.trend is not None and table_plan.trend_column is not None:
            png = trend_png(row.trend.line, emu(table_plan.widths[table_plan.trend_column]),
                            emu(row.height), background=WHITE, ink=NAVY, band=BAND_FILL,
                            thin=GRID, dot=row.trend.dot, dot_edge=INK)
            picture_fill(tr.tc_lst[table_plan.trend_column], pictures.relate(slide, png))
    # The frame as tall as its rows: LibreOffice spreads any spare height over the rows.
    frame.height = emu(table_plan.height)
    set_alt_text(frame, plan.alt_text)
    return frame


def _merge(table: Any, number: int, row: Row) -> None:
    column = 0
    for cell in row.cells:
        if cell.span > 1:
            table.cell(number, column).merge(table.cell(number, column + cell.span - 1))
        column += cell.span


def _write(tr: Any, row: Row) -> None:
    cells = tr.tc_lst
    column = 0
    for cell in row.cells:
        look = CellLook(cell.fill, cell.colour, cell.bold, cell.align.value, cell.size)
        write_cell(cells[column], cell.text, look, (CELL_MARGIN_X, CELL_MARGIN_Y))
        for covered in cells[column + 1:column + cell.span]:  # merged over: same fill
            write_cell(covered, "", look, (CELL_MARGIN_X, CELL_MARGIN_Y))
        column += cell.span
