"""A planned table page drawn: its grid, its cells, its merged headings, its trend pictures."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportgen.compose._oxml import CellLook, CellText, put_table
from reportgen.compose.drawingml import emu
from reportgen.compose.pictures import Pictures
from reportgen.compose.trend_image import trend_png
from reportgen.plan.slides import Cell, TableSlide


def draw_table(slide: Any, placeholder: Any, plan: TableSlide, pictures: Pictures) -> Any:
    table_plan = plan.table
    column = table_plan.trend_column
    look = table_plan.trend_look
    rows = []
    for row in table_plan.rows:
        cells = [_cell(cell) for cell in row.cells]
        if row.trend is not None and column is not None:
            png = trend_png(row.trend.line, emu(table_plan.widths[column]),
                            emu(row.height), background=look.background, ink=look.line,
                            band=look.band, thin=look.edge, dot=row.trend.dot,
                            dot_edge=look.dot_edge)
            cells[column] = replace(cells[column], picture=pictures.relate(slide, png))
        rows.append((row.height, cells))
    # The frame as tall as its rows: LibreOffice spreads any spare height over the rows.
    box = (emu(plan.box.left), emu(plan.box.top), emu(sum(table_plan.widths)),
           emu(table_plan.height))
    return put_table(placeholder, box, table_plan.widths, rows, table_plan.margins,
                     plan.alt_text)


def _cell(cell: Cell) -> CellText:
    return CellText(cell.text, CellLook(cell.fill, cell.colour, cell.bold, cell.align.value,
                                        cell.size, cell.anchor.value), cell.span)
