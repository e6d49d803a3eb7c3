""""How we compare": Current beside England, the statistical neighbours and the region.

One native bar chart a slide: each rated indicator with comparators is a category ("3.1 % of
children in need with CIN Plan completed"), Current and each comparator a series. Indicators
are ordered by how far they stand from the lead comparator (England where the workbook has it),
read in the measure's polarity and relative to the comparator's value, so that a percentage and
a score can be ranked together: the furthest behind first. Percentages and other units never
share an axis: each unit has its own pages. The title says how many are better than the lead
comparator and the speaker notes how many are worse.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from itertools import cycle, groupby

from reportgen.indicators import Assessment, Comparison, Position, better_than
from reportgen.model import Figure, Paragraph, Polarity, TextRun, Unit, excel_round
from reportgen.plan.charts import nice_range, number_format
from reportgen.plan.layout import KEY_FONT, SMALL_CHART_FONT, Box, Geometry
from reportgen.plan.measure import line_height_pt, shorten_to_lines
from reportgen.plan.paging import continued, resting_on, text_box
from reportgen.plan.palette import INK, NAVY, SERIES
from reportgen.plan.slides import Chart, ChartKind, ChartSlide, Series, TextBox
from reportgen.plan.words import decimals_of, figure, plural

TITLE = "How we compare"
MAX_PER_SLIDE = 8
LEAD = "England"
"""The comparator the deck counts "better than" against, where the workbook has it."""
BAR_PT = 12.0
"""A bar's thickness: room for its figure beside it at the chart's font size."""
CATEGORY_GAP_PT = 12.0
LEGEND_PT = 28.0
AXIS_PT = 22.0
CATEGORY_SHARE = 0.3
"""The share of the chart's width its category labels (ref and measure) may take."""
SOURCE_GAP_PT = 6.0
"""Between the chart and the note of its figures' source below it."""
CURRENT_COLOUR = NAVY
COMPARATOR_COLOURS = SERIES[1:]
_UNIT_ORDER = (Unit.PERCENT, Unit.NUMBER, Unit.COUNT)


def compared(assessments: Sequence[Assessment]) -> list[Assessment]:
    """The rated indicators with at least one comparator judged against Current."""
    return [a for a in assessments if a.rag is not None
            and any(c.position is not None for c in a.comparisons)]


def lead_name(assessments: Sequence[Assessment]) -> str:
    """England where any indicator is compared with it, else the first comparator named."""
    names = [c.comparator.name for a in assessments for c in a.comparisons]
    return next((n for n in names if n.lower().startswith(LEAD.lower())), names[0] if names
                else LEAD)


def compare_slides(assessments: Sequence[Assessment], geometry: Geometry,
                   sources: Sequence[str] = ()) -> list[ChartSlide]:
    """The "How we compare" slides; none when no rated indicator has a comparator.

    ``sources``: the note rows under the workbook's table ("Source: ...", "Figures are
    illustrative"), stated under every chart: a board reading England's figure must see where
    it came from, and whether it is real."""
    chosen = compared(assessments)
    if not chosen:
        return []
    source = source_box(sources, geometry.chart)
    area = geometry.chart if source is None else replace(
        geometry.chart, height=source.box.top - SOURCE_GAP_PT - geometry.chart.top)
    lead = lead_name(chosen)
    better, worse, same = better_than(chosen, lead)
    total = better + worse + same
    title = f"{TITLE}: better than {lead} on {better} of the {total} with {lead_figure(lead)}"
    ordered = sorted(chosen, key=lambda a: (_UNIT_ORDER.index(a.indicator.unit),
                                            _standing(a, lead)))
    pages: list[list[Assessment]] = []
    for _, group in groupby(ordered, key=lambda a: a.indicator.unit):
        items = list(group)
        per_slide = per_page(area, len(_names(items)))
        pages.extend(items[i:i + per_slide] for i in range(0, len(items), per_slide))
    message = standing_words(assessments, lead)
    return [ChartSlide(continued(title, number), (compare_chart(page, lead, message, area),),
                       _notes(page, lead, message, number == 0),
                       captions=(source,) if source else ())
            for number, page in enumerate(pages)]


def lead_figure(lead: str) -> str:
    """``an England figure``, ``a statistical neighbours figure``."""
    return f"{'an' if lead[:1].lower() in 'aeiou' else 'a'} {lead} figure"


def standing_words(assessments: Sequence[Assessment], lead: str) -> str:
    """``better than England on 4 of the 4 indicators with an England figure (3 worse; 12
    others have none)``: how many the count is of, so that "4 of 4" never reads as "all"."""
    better, worse, same = better_than(assessments, lead)
    total = better + worse + same
    rated = sum(a.rag is not None for a in assessments)
    others = rated - total
    rest = [f"{worse} worse"] if worse else []
    rest += [f"{same} the same"] if same else []
    rest += [f"{plural(others, 'other rated indicator has', 'other rated indicators have')} "
             "none"] if others else []
    tail = f" ({'; '.join(rest)})" if rest else ""
    return (f"better than {lead} on {better} of the {plural(total, 'indicator')} with "
            f"{lead_figure(lead)}{tail}")


def source_box(sources: Sequence[str], chart: Box) -> TextBox | None:
    """The notes under the table, at the foot of the chart's area, a paragraph each."""
    if not sources:
        return None
    paragraphs = [Paragraph((TextRun(text),)) for text in sources]
    return resting_on(text_box(paragraphs, chart.left, 0.0, chart.width, KEY_FONT, INK),
                      chart.bottom)


def per_page(box: Box, series: int) -> int:
    """Indicators a slide can show: each needs its bars and their gaps, or two lines of its
    label, whichever is more, in the plot left after the legend and the value axis."""
    band = max(series * BAR_PT + CATEGORY_GAP_PT, 2 * line_height_pt(SMALL_CHART_FONT))
    return max(1, min(MAX_PER_SLIDE, math.floor((box.height - LEGEND_PT - AXIS_PT) / band)))


def _standing(assessment: Assessment, lead: str) -> tuple[int, float]:
    """How far ahead of the lead comparator (else the first judged one) Current stands,
    relative to its value and read in the polarity: negative is behind. Those without the lead
    come after those with it."""
    judged = [c for c in assessment.comparisons if c.position is not None and c.gap is not None]
    with_lead = [c for c in judged if c.comparator.name == lead]
    item = (with_lead or judged)[0]
    gap = item.gap or 0.0
    ahead = gap if assessment.polarity is not Polarity.LOWER else -gap
    size = abs(item.comparator.value.value)
    return (0 if with_lead else 1, ahead / size if size else ahead)


def _names(page: Sequence[Assessment]) -> list[str]:
    """Each comparator's series name (its header, year included), in the sheet's order."""
    names: list[str] = []
    for assessment in page:
        for item in assessment.comparisons:
            if (name := comparator_label(item)) not in names:
                names.append(name)
    return names


def comparator_label(item: Comparison) -> str:
    year = item.comparator.year
    return f"{item.comparator.name} {year}" if year else item.comparator.name


def compare_chart(page: Sequence[Assessment], lead: str, message: str, box: Box) -> Chart:
    names = _names(page)
    label_width = box.width * CATEGORY_SHARE
    categories = tuple(shorten_to_lines(f"{a.indicator.ref} {a.indicator.measure}",
                                        label_width, SMALL_CHART_FONT, 2) for a in page)
    current = Series("Current", tuple(_value(a.indicator.current, a) for a in page),
                     CURRENT_COLOUR, 0.0, label_colour=INK)
    others = [Series(name, tuple(_value(_figure_named(a, name), a) for a in page), colour, 0.0,
                     label_colour=INK)
              for name, colour in zip(names, cycle(COMPARATOR_COLOURS))]
    series = (current, *others)
    values = [v for s in series for v in s.values if v is not None]
    unit = page[0].indicator.unit
    decimals = max(decimals_of(a.indicator) for a in page)
    return Chart(
        categories=categories, series=series,
        axis=nice_range([0.0, *values], 100.0 if unit is Unit.PERCENT else None),
        number_format=number_format(unit), alt_text=_alt_text(page, names, lead, message),
        box=box, legend=True, font_size=SMALL_CHART_FONT, category_size=SMALL_CHART_FONT,
        kind=ChartKind.BAR,
        value_labels=_label_format(unit, decimals))


def _label_format(unit: Unit, decimals: int) -> str:
    digits = f".{'0' * decimals}" if decimals else ""
    if unit is Unit.PERCENT:
        return f'0{digits}"%"'
    return f"#,##0{digits}"


def _figure_named(assessment: Assessment, name: str) -> Figure | None:
    return next((c.comparator.value for c in assessment.comparisons
                 if comparator_label(c) == name), None)


def _value(value: Figure | None, assessment: Assessment) -> float | None:
    """A figure as the table shows it, so the bar's label reads as the workbook does."""
    if value is None:
        return None
    return float(excel_round(value.value, decimals_of(assessment.indicator)))


def _against(assessment: Assessment) -> str:
    """``3.1 89.0%: England 91.2% (worse), statistical neighbours 88.5% (better)``."""
    ind = assessment.indicator
    parts = [f"{comparator_label(c)} {figure(c.comparator.value, ind)}"
             + (f" ({c.position.value})" if c.position else "")
             for c in assessment.comparisons]
    return f"{ind.ref} {figure(ind.current, ind)}: {', '.join(parts)}"


def _alt_text(page: Sequence[Assessment], names: Sequence[str], lead: str,
              message: str) -> str:
    return (f"Bar chart: {message}. Current against {', '.join(names)} for "
            f"{plural(len(page), 'indicator')}, the furthest behind {lead} first. "
            + "; ".join(_against(a) for a in page) + ".")


def gap_words(item: Comparison, assessment: Assessment) -> str:
    """``2.2 points below``, ``20 above``, ``the same``: Current's side of the comparator."""
    ind = assessment.indicator
    size = Figure(abs(item.gap or 0.0), decimals_of(ind))
    shown = figure(size, ind).rstrip("%")
    unit = " points" if ind.unit is Unit.PERCENT else ""
    if not item.gap:
        return "the same"
    return f"{shown}{unit} {'above' if item.gap > 0 else 'below'}"


def _notes(page: Sequence[Assessment], lead: str, message: str, first: bool) -> tuple[str, ...]:
    behind = [(a, c) for a in page for c in a.comparisons
              if c.comparator.name == lead and c.position is Position.WORSE]
    lines = [f"{message[0].upper()}{message[1:]}."] if first else []
    if behind:
        lines.append(f"Behind {lead} on this slide: " + "; ".join(
            f"{a.indicator.ref} ({gap_words(c, a)})" for a, c in behind) + ".")
    lines.append("Comparator figures are the latest published, as the workbook gives them; "
                 "its note under the table names their source.")
    return tuple(lines)
