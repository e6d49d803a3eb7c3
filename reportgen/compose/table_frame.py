"""A planned table page drawn: its grid, its cells, its merged headings, its trend pictures."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportgen.compose._oxml import (
    CellLook,
    CellText,
    emu,
    insert_table,
    set_alt_text,
    size_columns,
    write_rows,
)
from reportgen.compose.pictures import Pictures
from reportgen.compose.trend_image import trend_png
from reportgen.plan.layout import CELL_MARGIN_X, CELL_MARGIN_Y
from reportgen.plan.palette import BAND_FILL, GRID, INK, NAVY, WHITE
from reportgen.plan.slides import Cell, TableSlide


def draw_table(slide: Any, placeholder: Any, plan: TableSlide, pictures: Pictures) -> Any:
    table_plan = plan.table
    # One row from python-pptx (its frame, grid and table style), then every row in one pass.
    frame = insert_table(placeholder, 1, len(table_plan.widths))
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    size_columns(table, table_plan.widths)
    frame.left, frame.top = emu(plan.box.left), emu(plan.box.top)
    frame.width = emu(sum(table_plan.widths))
    column = table_plan.trend_column
    rows = []
    for row in table_plan.rows:
        cells = [_cell(cell) for cell in row.cells]
        if row.trend is not None and column is not None:
            png = trend_png(row.trend.line, emu(table_plan.widths[column]),
                            emu(row.height), background=WHITE, ink=NAVY, band=BAND_FILL,
                            thin=GRID, dot=row.trend.dot, dot_edge=INK)
            cells[column] = replace(cells[column], picture=pictures.relate(slide, png))
        rows.append((row.height, cells))
    write_rows(table, rows, (CELL_MARGIN_X, CELL_MARGIN_Y))
    # The frame as tall as its rows: LibreOffice spreads any spare height over the rows.
    frame.height = emu(table_plan.height)
    set_alt_text(frame, plan.alt_text)
    return frame


def _cell(cell: Cell) -> CellText:
    return CellText(cell.text, CellLook(cell.fill, cell.colour, cell.bold, cell.align.value,
                                        cell.size), cell.span)
