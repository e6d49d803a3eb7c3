"""The KPI table slides: the seed's columns, RAG-filled Current cells, a trend line per row.

The table is paginated by estimated row heights (compose.fit) at a readable 10 pt, repeating
the header on every page and never leaving a section heading alone at the foot of a page. It
shows the latest six months however many the workbook holds, and a measure name too long for
``MAX_MEASURE_LINES`` lines is shortened on the slide (the notes carry it in full). Each trend
line is a picture filling its own cell (compose.trend_image), so it stays on its row whatever
the renderer makes of the row's height.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu

from reportgen.charts import latest, sparkline, trend_alt_text
from reportgen.compose.cells import CellStyle, picture_fill, write_cell
from reportgen.compose.charts import set_alt_text
from reportgen.compose.fit import (
    EMU_PER_INCH,
    EMU_PER_PT,
    line_height_pt,
    shorten_to_lines,
    text_width_pt,
    wrap_lines,
)
from reportgen.compose.notes import set_notes
from reportgen.compose.pictures import Pictures
from reportgen.compose.template import Layout, layout_of, placeholder
from reportgen.compose.text import continued
from reportgen.compose.trend_image import trend_png
from reportgen.indicators import Assessment, format_value
from reportgen.model import Figure, Indicator, KpiTable, Unit
from reportgen.narration import describe
from reportgen.palette import BAND_FILL, GRID, INK, NAVY, RAG_SWATCH, SECTION_FILL

FONT_PT = 10.0
CELL_MARGIN_X = int(0.04 * EMU_PER_INCH)
CELL_MARGIN_Y = int(0.025 * EMU_PER_INCH)
MIN_ROW_PT = 18.0
MIN_MEASURE_WIDTH = int(2.2 * EMU_PER_INCH)
MAX_MEASURE_LINES = 5
"""A longer measure name is shortened on the slide; the speaker notes give it in full."""


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


def columns(kpis: KpiTable, assessments: Sequence[Assessment],
            total_width: int) -> list[Column]:
    """The seed's columns, each as wide as its widest figure needs (so "100.0%" never breaks
    over two lines), within the table's width; the measure name takes the rest."""
    inch = EMU_PER_INCH
    base = [  # the narrowest each column may be; figures widen it (_fitted_width)
        Column("ref", "Ref", int(0.45 * inch)),
        Column("previous", kpis.previous_year_label or "Last year", int(0.55 * inch)),
        Column("num", "Num", int(0.5 * inch)),
        Column("denom", "Denom", int(0.5 * inch)),
        Column("current", "Current", int(0.7 * inch)),
        Column("period", "Period", int(0.6 * inch)),
        *(Column(f"month:{i}", m.short, int(0.5 * inch))
          for i, m in enumerate(latest(kpis.months, ())[0])),
        Column("min", "Min", int(0.42 * inch)),
        Column("upper", "Upper", int(0.45 * inch)),
        Column("trend", "Trend", int(0.9 * inch)),
    ]
    values = [_values(a) for a in assessments]
    fixed = [replace(col, width=_fitted_width(col, [v.get(col.key, "") for v in values]))
             for col in base]
    room = total_width - MIN_MEASURE_WIDTH
    used = sum(c.width for c in fixed)
    if used > room:  # give back what the widening took, in proportion; wider text wraps
        extra = [c.width - b.width for c, b in zip(fixed, base, strict=True)]
        keep = max(0.0, 1 - (used - room) / max(1, sum(extra)))
        fixed = [replace(c, width=b.width + int(e * keep))
                 for c, b, e in zip(fixed, base, extra, strict=True)]
    measure_width = max(MIN_MEASURE_WIDTH, total_width - sum(c.width for c in fixed))
    measure = Column("measure", "Performance Measure", measure_width, PP_ALIGN.LEFT)
    return [fixed[0], measure, *fixed[1:]]


# A column widens to fit its figures up to this many times its usual width; past that, wraps.
_MAX_WIDENING = 2.0


def _fitted_width(col: Column, texts: Sequence[str]) -> int:
    widest_pt = max([text_width_pt(t, FONT_PT, bold=col.key == "current") for t in texts]
                    + [text_width_pt(col.header, FONT_PT, bold=True)])
    needed = int(widest_pt * EMU_PER_PT) + 2 * CELL_MARGIN_X + 1
    return min(max(col.width, needed), int(col.width * _MAX_WIDENING))


def _values(assessment: Assessment) -> dict[str, str]:
    """Every cell of an indicator's row as the table shows it, by column key."""
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
    shown_months = latest((), ind.trend)[1]
    skipped = len(ind.trend) - len(shown_months)
    for index, figure in enumerate(shown_months):
        values[f"month:{index}"] = _shown(figure, ind.unit, ind, f"trend:{index + skipped}")
    return values


def _shown(figure: Figure | None, unit: Unit, indicator: Indicator, key: str) -> str:
    return indicator.shown_blank(key) if figure is None else format_value(figure, unit)


def indicator_texts(assessment: Assessment, cols: Sequence[Column]) -> tuple[str, ...]:
    values = _values(assessment)
    measure = next(c for c in cols if c.key == "measure")
    values["measure"] = shorten_to_lines(values["measure"], _text_width_pt(measure), FONT_PT,
                                         MAX_MEASURE_LINES)
    return tuple(values.get(c.key, "") for c in cols)


def _text_width_pt(col: Column) -> float:
    return (col.width - 2 * CELL_MARGIN_X) / EMU_PER_PT


def row_height_pt(texts: Sequence[str], cols: Sequence[Column], bold: bool = False) -> float:
    lines = max(
        wrap_lines(text, _text_width_pt(col), FONT_PT, bold)
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
    cols = columns(kpis, assessments, area.width)
    header = tuple(c.header for c in cols)
    header_pt = row_height_pt(header, cols, bold=True)
    pages = paginate_rows(table_rows(kpis, assessments, cols), header_pt,
                          area.height / EMU_PER_PT)
    title = f"{kpis.period.name} KPIs"
    pictures = Pictures(prs.part.package)
    slides = []
    for number, page in enumerate(pages):
        slide = prs.slides.add_slide(layout)
        placeholder(slide, PP_PLACEHOLDER.TITLE).text_frame.text = continued(title, number)
        frame = placeholder(slide, PP_PLACEHOLDER.TABLE).insert_table(len(page) + 1, len(cols))
        _draw_table(slide, frame, kpis, cols, header_pt, page, pictures)
        set_alt_text(frame, _alt_text(continued(title, number), kpis, page))
        set_notes(slide, [kpis.title if number == 0 else "",
                          *(describe(row.assessment, kpis.months, kpis.previous_year_label)
                            if row.assessment else f"Section: {row.texts[0]}." for row in page)])
        slides.append(slide)
    return slides


def _alt_text(title: str, kpis: KpiTable, page: Sequence[TableRow]) -> str:
    """The table's description for screen readers; the trend pictures are cell fills, which
    carry no alt text of their own, so their messages are here."""
    trends = [trend_alt_text(row.assessment, kpis.months) for row in page if row.assessment]
    return (f"{title}: table of {len(trends)} indicators with RAG ratings and six-month "
            "trends. Trends: " + "; ".join(trends) + ".")


HEADER_STYLE = CellStyle(NAVY, "FFFFFF", bold=True)
SECTION_STYLE = CellStyle(SECTION_FILL, NAVY, bold=True, align="l")
_ALIGN = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}


def _draw_table(slide: Any, frame: Any, kpis: KpiTable, cols: Sequence[Column],
                header_pt: float, page: Sequence[TableRow], pictures: Pictures) -> None:
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    # Column widths set in the grid directly: python-pptx's setter re-reads the whole table
    # for every column it changes.
    for grid_col, col in zip(table._tbl.tblGrid.gridCol_lst, cols, strict=True):
        grid_col.w = Emu(col.width)
    frame.width = Emu(sum(c.width for c in cols))
    rows = table._tbl.tr_lst
    _write_row(rows[0], [c.header for c in cols],
               [replace(HEADER_STYLE, align=_ALIGN[c.align]) for c in cols])
    # Row heights set on the rows directly, like the widths.
    rows[0].h = total = Emu(int(header_pt * EMU_PER_PT))
    current, trend = _index(cols, "current"), _index(cols, "trend")
    for number, row in enumerate(page, start=1):
        height = int(row.height_pt * EMU_PER_PT)
        rows[number].h = Emu(height)
        total += height
        if row.assessment is None:
            table.cell(number, 0).merge(table.cell(number, len(cols) - 1))
            _write_row(rows[number], [row.texts[0], *[""] * (len(cols) - 1)],
                       [SECTION_STYLE] * len(cols))
            continue
        styles = [CellStyle("FFFFFF", INK, align=_ALIGN[c.align]) for c in cols]
        if row.assessment.rag is not None:
            swatch = RAG_SWATCH[row.assessment.rag]
            styles[current] = CellStyle(swatch.fill, swatch.text, bold=True)
        _write_row(rows[number], row.texts, styles)
        line = sparkline(row.assessment, kpis.months)
        if line is not None:
            dot = RAG_SWATCH[line.rag].fill if line.rag else NAVY
            png = trend_png(line, cols[trend].width, height, background="FFFFFF", ink=NAVY,
                            band=BAND_FILL, thin=GRID, dot=dot, dot_edge=INK)
            picture_fill(rows[number].tc_lst[trend], pictures.relate(slide, png))
    # The frame as tall as its rows: LibreOffice spreads any spare height over the rows.
    frame.height = Emu(total)


def _index(cols: Sequence[Column], key: str) -> int:
    return next(i for i, c in enumerate(cols) if c.key == key)


def _write_row(tr: Any, texts: Sequence[str], styles: Sequence[CellStyle]) -> None:
    for tc, text, style in zip(tr.tc_lst, texts, styles, strict=True):
        write_cell(tc, text, style, size_pt=FONT_PT, margins=(CELL_MARGIN_X, CELL_MARGIN_Y))
