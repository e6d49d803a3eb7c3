"""The KPI table slides: the seed's columns, RAG-filled Current cells, a trend line per row.

The table is paginated by estimated row heights (compose.fit) at a readable 10 pt, repeating
the header on every page and never leaving a section heading alone at the foot of a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from reportgen.charts import Sparkline, sparkline
from reportgen.compose.cells import CellStyle, write_cell
from reportgen.compose.drawing import Box, Group, Stroke
from reportgen.compose.fit import EMU_PER_INCH, EMU_PER_PT, line_height_pt, wrap_lines
from reportgen.compose.notes import set_notes
from reportgen.compose.template import Layout, layout_of, placeholder
from reportgen.compose.text import continued
from reportgen.indicators import Assessment, format_value
from reportgen.model import Figure, Indicator, KpiTable, Unit
from reportgen.narration import describe
from reportgen.palette import BAND_FILL, GRID, INK, NAVY, RAG_SWATCH, SECTION_FILL

FONT_PT = 10.0
CELL_MARGIN_X = int(0.04 * EMU_PER_INCH)
CELL_MARGIN_Y = int(0.025 * EMU_PER_INCH)
MIN_ROW_PT = 18.0
MIN_MEASURE_WIDTH = int(2.2 * EMU_PER_INCH)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    align: PP_ALIGN = PP_ALIGN.CENTER


@dataclass(frozen=True)
class TableRow:
    """One row to draw: a section heading (no assessment) or an indicator."""

    texts: tuple[str, ...]
    height_pt: float
    assessment: Assessment | None = None


def columns(kpis: KpiTable, total_width: int) -> list[Column]:
    inch = EMU_PER_INCH
    month_width = int((0.6 if len(kpis.months) <= 6 else 0.52) * inch)
    fixed = [
        Column("ref", "Ref", int(0.55 * inch)),
        Column("previous", kpis.previous_year_label or "Last year", int(0.68 * inch)),
        Column("num", "Num", int(0.66 * inch)),
        Column("denom", "Denom", int(0.66 * inch)),
        Column("current", "Current", int(0.88 * inch)),
        Column("period", "Period", int(0.9 * inch)),
        *(Column(f"month:{i}", m.short, month_width) for i, m in enumerate(kpis.months)),
        Column("min", "Min", int(0.5 * inch)),
        Column("upper", "Upper", int(0.56 * inch)),
        Column("trend", "Trend", int(1.0 * inch)),
    ]
    measure_width = max(MIN_MEASURE_WIDTH, total_width - sum(c.width for c in fixed))
    measure = Column("measure", "Performance Measure", measure_width, PP_ALIGN.LEFT)
    return [fixed[0], measure, *fixed[1:]]


def _shown(figure: Figure | None, unit: Unit, indicator: Indicator, key: str) -> str:
    return indicator.shown_blank(key) if figure is None else format_value(figure, unit)


def indicator_texts(assessment: Assessment, cols: Sequence[Column]) -> tuple[str, ...]:
    ind = assessment.indicator
    values = {
        "ref": ind.ref,
        "measure": ind.measure,
        "previous": _shown(ind.previous_year, ind.unit, ind, "previous_year"),
        "num": _shown(ind.numerator, Unit.COUNT, ind, "numerator"),
        "denom": _shown(ind.denominator, Unit.COUNT, ind, "denominator"),
        "current": _shown(ind.current, ind.unit, ind, "current"),
        "period": ind.period_type or "",
        "min": _shown(ind.target_min, ind.unit, ind, "target_min"),
        "upper": _shown(ind.target_upper, ind.unit, ind, "target_upper"),
        "trend": "",
    }
    if assessment.rag is not None:
        values["current"] += f" {RAG_SWATCH[assessment.rag].letter}"
    for index, figure in enumerate(ind.trend):
        values[f"month:{index}"] = _shown(figure, ind.unit, ind, f"trend:{index}")
    return tuple(values.get(c.key, "") for c in cols)


def row_height_pt(texts: Sequence[str], cols: Sequence[Column], bold: bool = False) -> float:
    lines = max(
        wrap_lines(text, (col.width - 2 * CELL_MARGIN_X) / EMU_PER_PT, FONT_PT, bold)
        for text, col in zip(texts, cols, strict=True)
    )
    return max(MIN_ROW_PT, lines * line_height_pt(FONT_PT) + 2 * CELL_MARGIN_Y / EMU_PER_PT)


def table_rows(kpis: KpiTable, assessments: Sequence[Assessment],
               cols: Sequence[Column]) -> list[TableRow]:
    by_ref = {a.indicator.ref: a for a in assessments}
    rows = []
    full_width = Column("section", "", sum(c.width for c in cols))
    for section in kpis.sections:
        if section.title:
            rows.append(TableRow((section.title,), row_height_pt((section.title,), [full_width],
                                                                 bold=True)))
        for indicator in section.indicators:
            texts = indicator_texts(by_ref[indicator.ref], cols)
            rows.append(TableRow(texts, row_height_pt(texts, cols), by_ref[indicator.ref]))
    return rows


def paginate_rows(rows: Sequence[TableRow], header_pt: float,
                  available_pt: float) -> list[list[TableRow]]:
    pages: list[list[TableRow]] = [[]]
    used = header_pt
    for index, row in enumerate(rows):
        needed = row.height_pt
        if row.assessment is None and index + 1 < len(rows):
            needed += rows[index + 1].height_pt  # a section heading keeps its first row
        if pages[-1] and used + needed > available_pt:
            pages.append([])
            used = header_pt
        pages[-1].append(row)
        used += row.height_pt
    return pages


def kpi_slides(prs: Any, kpis: KpiTable, assessments: Sequence[Assessment]) -> list[Any]:
    layout = layout_of(prs, Layout.TABLE)
    area = next(ph for ph in layout.placeholders
                if ph.placeholder_format.type is PP_PLACEHOLDER.TABLE)
    cols = columns(kpis, area.width)
    header = tuple(c.header for c in cols)
    header_pt = row_height_pt(header, cols, bold=True)
    pages = paginate_rows(table_rows(kpis, assessments, cols), header_pt,
                          area.height / EMU_PER_PT)
    title = f"{kpis.period.name} KPIs"
    slides = []
    for number, page in enumerate(pages):
        slide = prs.slides.add_slide(layout)
        placeholder(slide, PP_PLACEHOLDER.TITLE).text_frame.text = continued(title, number)
        frame = placeholder(slide, PP_PLACEHOLDER.TABLE).insert_table(len(page) + 1, len(cols))
        _draw_table(slide, frame, kpis, cols, header_pt, page)
        set_notes(slide, [kpis.title if number == 0 else "",
                          *(describe(row.assessment, kpis.months, kpis.previous_year_label)
                            if row.assessment else f"Section: {row.texts[0]}." for row in page)])
        slides.append(slide)
    return slides


HEADER_STYLE = CellStyle(NAVY, "FFFFFF", bold=True)
SECTION_STYLE = CellStyle(SECTION_FILL, NAVY, bold=True, align="l")
_ALIGN = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}


def _draw_table(slide: Any, frame: Any, kpis: KpiTable, cols: Sequence[Column],
                header_pt: float, page: Sequence[TableRow]) -> None:
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for index, col in enumerate(cols):
        table.columns[index].width = Emu(col.width)
    frame.width = Emu(sum(c.width for c in cols))
    rows = table._tbl.tr_lst
    _write_row(rows[0], [c.header for c in cols],
               [replace(HEADER_STYLE, align=_ALIGN[c.align]) for c in cols])
    table.rows[0].height = Emu(int(header_pt * EMU_PER_PT))
    top = frame.top + table.rows[0].height
    trend_left = frame.left + sum(c.width for c in cols[:-1])
    current = _index(cols, "current")
    next_id = slide.shapes._next_shape_id
    for number, row in enumerate(page, start=1):
        height = int(row.height_pt * EMU_PER_PT)
        table.rows[number].height = Emu(height)
        if row.assessment is None:
            table.cell(number, 0).merge(table.cell(number, len(cols) - 1))
            _write_row(rows[number], [row.texts[0], *[""] * (len(cols) - 1)],
                       [SECTION_STYLE] * len(cols))
        else:
            styles = [CellStyle("FFFFFF", INK, align=_ALIGN[c.align]) for c in cols]
            if row.assessment.rag is not None:
                swatch = RAG_SWATCH[row.assessment.rag]
                styles[current] = CellStyle(swatch.fill, swatch.text, bold=True)
            _write_row(rows[number], row.texts, styles)
            line = sparkline(row.assessment, kpis.months)
            if line is not None:
                next_id = _draw_sparkline(slide, line, (trend_left, top, cols[-1].width, height),
                                          row.assessment.indicator.ref, next_id)
        top += height
    # The frame must be exactly as tall as its rows: LibreOffice spreads any spare height over
    # the rows, which would move them away from their trend lines.
    frame.height = Emu(top - frame.top)


def _index(cols: Sequence[Column], key: str) -> int:
    return next(i for i, c in enumerate(cols) if c.key == key)


def _write_row(tr: Any, texts: Sequence[str], styles: Sequence[CellStyle]) -> None:
    for tc, text, style in zip(tr.tc_lst, texts, styles, strict=True):
        write_cell(tc, text, style, size_pt=FONT_PT, margins=(CELL_MARGIN_X, CELL_MARGIN_Y))


def _draw_sparkline(slide: Any, line: Sparkline, cell: Box, ref: str, next_id: int) -> int:
    """Draw one trend line inside its table cell; returns the next free shape id."""
    left, top, width, height = cell
    pad_x, pad_y = int(0.08 * EMU_PER_INCH), max(int(0.035 * EMU_PER_INCH), (height - Pt(20)) // 2)
    x0, y0 = left + pad_x, top + pad_y
    w, h = width - 2 * pad_x, height - 2 * pad_y

    def at(point: tuple[float, float]) -> tuple[int, int]:
        return x0 + round(point[0] * w), y0 + round(point[1] * h)

    group = Group(slide.shapes._spTree, next_id, f"Trend {ref}", line.alt_text)
    if line.band is not None:
        band_top, band_bottom = at((0, line.band[0]))[1], at((0, line.band[1]))[1]
        thin = band_bottom - band_top <= Pt(1)  # Min == Upper: a line, not a band
        group.preset("Target band", "rect", (x0, band_top, w, max(band_bottom - band_top, Pt(1))),
                     GRID if thin else BAND_FILL, None)
    drawn = [[at(p) for p in segment] for segment in line.segments if len(segment) > 1]
    if drawn:
        group.polyline("Trend line", drawn, Stroke(NAVY, Pt(1.25)))
    if line.marker is not None:
        size = Pt(5)
        x, y = at(line.marker)
        group.preset("Latest month", "ellipse", (x - size // 2, y - size // 2, size, size),
                     RAG_SWATCH[line.rag].fill if line.rag else NAVY, Stroke(INK, Pt(0.5)))
    return group.close()
