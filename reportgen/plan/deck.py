"""The whole deck planned: every slide, in the order the board reads it.

The workbook's sheets give the outline. The KPI sheet becomes the glance slide, the cohort chart,
the table pages and the exception slides; narrative sheets become bullet slides; what is for
reference (reds past the cap, the glance's lists in full, data quality) comes after them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from reportgen.frozen import frozen
from reportgen.indicators import DEFAULT_RULES, Assessment, Rules, ranked_reds
from reportgen.model import (
    DeckInfo,
    Figure,
    Indicator,
    KpiTable,
    Month,
    Narrative,
    Paragraph,
    Report,
    TextRun,
    Unit,
)
from reportgen.plan import glance as glancing
from reportgen.plan.charts import cohort_charts
from reportgen.plan.compare import compare_slides
from reportgen.plan.exceptions import exception_slides, other_red_slides
from reportgen.plan.layout import (
    CAPTION_FONT,
    GLANCE_SCALES,
    INSET_X,
    INSET_Y,
    KEY_FONT,
    PRESENTER_GAP,
    SIDE_TITLE_LINES,
    TILE_GAP,
    TILE_HEIGHT,
    TITLE_LINES,
    Box,
    Geometry,
    Role,
)
from reportgen.plan.measure import (
    fitting_words,
    line_height_pt,
    shorten_to_lines,
    text_width_pt,
    wrap_lines,
)
from reportgen.plan.notes import cohort_notes, glance_notes, table_notes, title_notes
from reportgen.plan.paging import (
    continued,
    continued_suffix,
    paginate,
    resting_on,
    text_box,
    text_height,
)
from reportgen.plan.palette import INK
from reportgen.plan.slides import (
    BulletSlide,
    ChartSlide,
    DeckPlan,
    Marking,
    Properties,
    Row,
    Slide,
    SlideKind,
    TableSlide,
    TextBox,
    TitleSlide,
)
from reportgen.plan.sparkline import trend_alt_text
from reportgen.plan.table import (
    SPC_KEY,
    TABLE_SIZES,
    TableColumn,
    blocks,
    cell_texts,
    columns,
    header_rows,
    table_of,
)
from reportgen.plan.table import paginate as paginate_rows
from reportgen.plan.words import (
    LONG_DATE,
    meeting_date,
    month_label,
    movement_words,
    plural,
    short_name,
)

MAX_COHORT_SERIES = 8
CORE_PROPERTY_LIMIT = 255
"""Characters a core property may hold (Office's limit)."""

TREND_KEY = ("Current is coloured and lettered by its RAG rating (R red, A amber, G green); a "
             "YTD or rolling Current is cumulative. Trend: the last six months, oldest first; "
             "the band runs {band}; the dot is the latest month, coloured by RAG where it is "
             "Current's own figure. – : no figure.")
"""The table's key; ``band`` says what the trend's shaded band spans in the table's terms."""



@frozen
class DeckOptions:
    exceptions: int = 12
    """Red indicators that get a slide of their own; the rest are listed after the narrative."""
    appendix: bool = False
    """Add a data-quality slide listing every warning of ``reportgen check``."""
    slides: tuple[SlideKind, ...] | None = None
    """The slides after the title, in order; None for the workbook's order (its sheets, then
    what is for reference)."""
    marking: str = ""
    """A protective marking ("OFFICIAL-SENSITIVE") for every slide and the file's properties."""
    date_format: str = LONG_DATE
    """How the meeting date is written (strftime codes, see ``words.check_date_format``)."""


DEFAULT_OPTIONS = DeckOptions()


def plan_deck(report: Report, assessments: Sequence[Assessment], geometry: Geometry,
              options: DeckOptions = DEFAULT_OPTIONS, warnings: Sequence[str] = (),
              rules: Rules = DEFAULT_RULES) -> DeckPlan:
    """The deck's every slide as frozen values. ``rules``: those the assessments were made
    with (the configuration's ``[rules]``), for the glance to state its thresholds."""
    kpis = report.kpis
    date = meeting_date(report.deck, options.date_format)
    made: dict[SlideKind, list[Slide]] = {kind: [] for kind in SlideKind}
    in_workbook_order: list[tuple[SlideKind, Slide]] = []
    several = len(report.tables) > 1
    for part in report.outline:
        if isinstance(part, KpiTable):
            # each scorecard its own slides, counts and exceptions (design.md §2a)
            refs = {indicator.ref for indicator in part.indicators}
            own = [a for a in assessments if a.indicator.ref in refs] if several \
                else list(assessments)
            reds = ranked_reds(own)
            glance, full = glance_slide(part, own, options, geometry,
                                        part.title if several else "", rules)
            kpi_slides: dict[SlideKind, Sequence[Slide]] = {
                SlideKind.GLANCE: [glance],
                SlideKind.COHORT: cohort_slide(part, own, geometry),
                SlideKind.TABLE: table_slides(part, own, geometry,
                                              part.title if several else ""),
                SlideKind.COMPARE: compare_slides(own, geometry, part.notes),
                SlideKind.EXCEPTIONS: exception_slides(part, reds[:options.exceptions],
                                                       geometry),
                SlideKind.OTHER_REDS: other_red_slides(part, reds[options.exceptions:],
                                                       geometry)
                if len(reds) > options.exceptions else [],
                SlideKind.GLANCE_LISTS: full,
            }
            for kind, planned in kpi_slides.items():
                made[kind].extend(planned)
                if kind in _IN_PLACE:
                    in_workbook_order.extend((kind, slide) for slide in planned)
        else:
            bullets = bullet_slides(part, geometry)
            made[SlideKind.NARRATIVE].extend(bullets)
            in_workbook_order.extend((SlideKind.NARRATIVE, slide) for slide in bullets)
    order = options.slides if options.slides is not None else _REFERENCE
    if options.appendix and SlideKind.APPENDIX not in order:
        order = (*order, SlideKind.APPENDIX)
    if SlideKind.APPENDIX in order:
        names = {a.indicator.ref: short_name(a.indicator) for a in assessments}
        made[SlideKind.APPENDIX] = list(appendix_slides(kpis, warnings, geometry, names))
    body = [] if options.slides is not None else in_workbook_order
    draft = draft_mark(assessments)
    cover = title_slide(report.deck, kpis, assessments, date, geometry, draft)
    kinds: list[SlideKind | None] = [None]  # the title slide's: not a kind [deck] slides lists
    kinds.extend(kind for kind, _ in body)
    kinds.extend(kind for kind in order for _ in made[kind])
    slides = [cover, *(slide for _, slide in body),
              *(slide for kind in order for slide in made[kind])]
    return DeckPlan(fit_titles(slides, geometry), tuple(kinds), date,
                    properties(report, options.marking, draft),
                    marking_of(options.marking, geometry))


def draft_mark(assessments: Sequence[Assessment]) -> str:
    """``Draft: 2 figures to check`` while any data-quality doubt is unresolved (design.md
    §3): the team checks them (``reportgen check`` lists them) before the board sees the deck,
    and records an accepted one in reportgen.toml. Empty once none is left."""
    unresolved = sum(a.to_check for a in assessments)
    return f"Draft: {plural(unresolved, 'figure')} to check" if unresolved else ""


MARKING_HEIGHT = 18.0
"""A one-line marking's box where the template's slide has no footer band to hold it."""
MIN_MARKING_FONT = 6.0


def marking_of(text: str, geometry: Geometry) -> Marking | None:
    """The marking in the template's footer placeholder, else in the middle third of the
    footer band; on one line, smaller than the footer's own text if it must be, so that it
    never wraps into the slide or under the date and number beside it."""
    if not text:
        return None
    box = geometry.footer_text
    if box is None:
        width = geometry.slide_width / 3
        height = max(geometry.slide_height - geometry.footer_top, MARKING_HEIGHT)
        box = Box((geometry.slide_width - width) / 2, geometry.slide_height - height, width,
                  height)
    size = geometry.footer_size
    while size > MIN_MARKING_FONT and text_width_pt(text, size, bold=True) > \
            box.width - 2 * INSET_X:
        size -= 0.5
    return Marking(text, box, size)


_IN_PLACE = (SlideKind.GLANCE, SlideKind.COHORT, SlideKind.TABLE, SlideKind.COMPARE,
             SlideKind.EXCEPTIONS)
"""Without a configured order, the KPI sheet's slides that stand where its sheet is..."""
_REFERENCE = (SlideKind.OTHER_REDS, SlideKind.GLANCE_LISTS)
"""...and those for reference, after every sheet's slides (then the appendix, if asked)."""


def title_slide(deck: DeckInfo, kpis: KpiTable, assessments: Sequence[Assessment],
                date: str, geometry: Geometry | None = None, draft: str = "") -> TitleSlide:
    lines = [Paragraph((TextRun(draft, bold=True),))] if draft else []
    if date and date.lower() not in deck.title.lower():  # the title often names the month
        lines.append(Paragraph((TextRun(date, bold=True),)))
    for person in deck.presenters:
        runs = [TextRun(person.name, bold=True)]
        if person.role:
            runs.append(TextRun(f"\n{person.role}"))
        lines.append(Paragraph(tuple(runs)))
    size = _presenter_size(lines, geometry) if geometry else None
    return TitleSlide(deck.title, tuple(lines),
                      title_notes(kpis, assessments, deck.title, draft), size=size)


def _presenter_size(lines: Sequence[Paragraph], geometry: Geometry) -> float | None:
    """None when the date and presenters fit the cover's subtitle box at the template's size;
    else the largest smaller size at which they do (down to 12 pt), so that no presenter falls
    off a small template's title slide, or runs into its marking."""
    box = geometry.cover_text
    if box is None:
        return None
    sizes = [geometry.cover_text_size * scale for scale in PRESENTER_SCALES]
    sizes = [size for size in sizes if size >= SMALLEST_PRESENTER] or sizes[:1]
    for size in sizes:
        height = sum(wrap_lines(line.text, box.width - 2 * INSET_X, size, True)
                     * line_height_pt(size) for line in lines) \
            + PRESENTER_GAP * max(0, len(lines) - 1) + 2 * INSET_Y
        if height <= box.height:
            break
    return None if size == geometry.cover_text_size else size


PRESENTER_SCALES = (1.0, 0.85, 0.7, 0.6, 0.5, 0.45, 0.4, 0.375)
SMALLEST_PRESENTER = 12.0
"""Points: the title slide's presenters are never set smaller than this."""


SHRINK_SCALES = (1.0, 0.95, 0.9)
"""How far a narrative's text may shrink to stay on one slide rather than carry a bullet or
two onto a "(continued)" slide of its own."""


def bullet_slides(narrative: Narrative, geometry: Geometry) -> list[BulletSlide]:
    """Bullets over as many slides as they need, at up to 10% below the template's sizes where
    that keeps them on fewer. A narrative sheet's own words get no notes: notes that repeat the
    bullets say nothing."""
    if not narrative.paragraphs:
        return [BulletSlide(narrative.title, (), ())]
    pages = paginate(narrative.paragraphs, geometry.body, geometry.text)
    sizes = None
    for scale in SHRINK_SCALES[1:]:
        if len(pages) == 1:
            break
        smaller = geometry.text.scaled(scale)
        fewer = paginate(narrative.paragraphs, geometry.body, smaller)
        if len(fewer) < len(pages):
            pages, sizes = fewer, smaller.sizes
    return [BulletSlide(continued(narrative.title, number), tuple(page), (), sizes=sizes)
            for number, page in enumerate(pages)]


def glance_slide(kpis: KpiTable, assessments: Sequence[Assessment], options: DeckOptions,
                 geometry: Geometry, scorecard: str = "",
                 rules: Rules = DEFAULT_RULES) -> tuple[BulletSlide, list[BulletSlide]]:
    tiles = glancing.tiles(assessments, Box(geometry.body.left, geometry.body.top,
                                            geometry.body.width, TILE_HEIGHT))
    box = geometry.body.below(TILE_HEIGHT + TILE_GAP)
    standing = glancing.comparison_line(assessments)
    for scale in GLANCE_SCALES:  # the template's own sizes, unless a few lines each won't fit
        styled = replace(geometry, text=geometry.text.scaled(scale))
        lists = glancing.fit(glancing.glance_lists(kpis, assessments, rules, styled,
                                                   options.exceptions), box, styled, standing)
        if glancing.kept_floors(lists) and \
                text_height([*standing, *glancing.body(lists)], box, styled.text) <= box.height:
            break
    title = f"{scorecard} at a glance" if scorecard else "KPIs at a glance"
    slide = BulletSlide(f"{title}: {month_label(kpis.period)}",
                        (*standing, *glancing.body(lists)), glance_notes(kpis, assessments),
                        body=box, tiles=tiles, tiles_alt_text=glancing.tiles_alt_text(
                            assessments), sizes=None if scale == 1.0 else styled.text.sizes)
    full = glancing.full_lists(lists)
    rest = bullet_slides(Narrative("", glancing.FULL_LISTS, tuple(full)), geometry) if full else []
    return slide, rest


def cohort_indicators(kpis: KpiTable, assessments: Sequence[Assessment]) -> list[Indicator]:
    """The count measures of the first section made only of data-only counts (the seed's
    "Cohorts"), at most eight, each with at least one monthly figure to draw."""
    data_only = {a.indicator.ref for a in assessments if a.bounds is None}
    for section in kpis.sections:
        items = section.indicators
        if items and all(i.ref in data_only and i.unit is Unit.COUNT for i in items):
            return [i for i in items if any(f is not None for f in i.trend)][:MAX_COHORT_SERIES]
    return []


def cohort_slide(kpis: KpiTable, assessments: Sequence[Assessment],
                 geometry: Geometry) -> list[ChartSlide]:
    cohort = cohort_indicators(kpis, assessments)
    if not cohort:
        return []
    section = cohort[0].section or "Cohorts"
    series = {a.indicator.ref: a.series for a in assessments}
    first = min((series[i.ref][0][0] for i in cohort if series.get(i.ref)),
                default=kpis.months[0])
    span = f"{min(first, kpis.months[0]).short}–{kpis.months[-1].short}"
    return [ChartSlide(cohort_title(cohort, series, kpis) or f"{section}: {span}",
                       cohort_charts(cohort, kpis.months, geometry.chart, series),
                       cohort_notes(cohort, kpis))]


def cohort_title(cohort: Sequence[Indicator],
                 series: dict[str, tuple[tuple[Month, Figure | None], ...]],
                 kpis: KpiTable) -> str:
    """What moved most among the cohort's counts, relative to its size, over the months its
    chart shows: ``Number of children subject to CPP up 11% since September 2018``."""
    moves = []
    for ind in cohort:
        whole = series.get(ind.ref) or tuple(zip(kpis.months, ind.trend, strict=False))
        known = [(month, f) for month, f in whole if f is not None]
        if len(known) > 1 and known[0][1].value:
            (month, first), (_, last) = known[0], known[-1]
            moves.append((abs(last.value - first.value) / abs(first.value), ind, month,
                          first, last))
    if not moves:
        return ""
    _, ind, month, first, last = max(moves, key=lambda move: move[0])
    return f"{short_name(ind)} {movement_words(first, last)} since {month.long}"


def table_slides(kpis: KpiTable, assessments: Sequence[Assessment],
                 geometry: Geometry, scorecard: str = "") -> list[TableSlide]:
    """The table over as many slides as it needs; ``scorecard`` names the table in the title
    where the workbook has several ("Early Help scorecard: Q3 2023/24")."""
    area = geometry.table
    texts = cell_texts(assessments)
    # The largest text that takes the fewest slides: 9 pt where 10 pt would need another.
    laid: list[TableLayout] = []
    for start in range(len(TABLE_SIZES)):
        if laid and laid[-1][0][0].size <= TABLE_SIZES[start]:
            break  # the last layout already fell back to this size to fit the width
        laid.append(_table_pages(kpis, assessments, area, texts, TABLE_SIZES[start:]))
    cols, header, caption, key, pages = min(laid, key=lambda option: len(option[4]))
    width = sum(c.width for c in cols)
    top_first = area.top + (caption.box.height if caption else 0.0)
    by_ref = {a.indicator.ref: a for a in assessments}
    title = f"{kpis.period.name} KPIs"
    if scorecard:  # several scorecards: each named, with its period unless the name has it
        title = scorecard if kpis.period.name in scorecard else f"{scorecard}: {kpis.period.name}"
    slides = []
    for number, rows in enumerate(pages):
        table = table_of(cols, header, rows)
        top = top_first if number == 0 else area.top
        page = [by_ref[row.ref] for row in rows if row.ref]
        captions = (caption, key) if number == 0 and caption else (key,)
        slides.append(TableSlide(
            title=continued(title, number), table=table, box=Box(area.left, top, width,
                                                                 table.height),
            captions=captions, alt_text=_alt_text(continued(title, number), kpis, page),
            notes=table_notes(kpis, page, number == 0) + _full_names(rows, by_ref)))
    return slides


TableLayout = tuple[tuple[TableColumn, ...], tuple[Row, Row], TextBox | None, TextBox,
                    list[list[Row]]]
"""A table's columns, header, caption, key and pages."""


def _table_pages(kpis: KpiTable, assessments: Sequence[Assessment], area: Box,
                 texts: dict[str, dict[str, str]], sizes: Sequence[float]) -> TableLayout:
    """The table's columns, header, caption, key and pages at the first of ``sizes`` that fits
    the table's width."""
    cols = columns(kpis, assessments, area.width, texts, sizes)
    width = sum(c.width for c in cols)
    header = header_rows(cols)
    header_height = sum(row.height for row in header)
    caption_lines = [Paragraph((TextRun(kpis.title, bold=True),))] if kpis.title else []
    if kpis.description:
        caption_lines.append(Paragraph((TextRun(kpis.description),)))
    caption = text_box(caption_lines, area.left, area.top, width, CAPTION_FONT, INK) \
        if caption_lines else None
    spc = SPC_KEY if any(c.key == "spc" for c in cols) else ""
    band = "from Min to Upper" if any(c.key == "min" for c in cols) else \
        "between the amber and green bounds"
    key = resting_on(text_box([Paragraph((TextRun(TREND_KEY.format(band=band) + spc),))],
                              area.left, 0.0, width, KEY_FONT, INK), area.bottom)
    top_first = area.top + (caption.box.height if caption else 0.0)
    room = [key.box.top - top_first - header_height, key.box.top - area.top - header_height]
    return cols, header, caption, key, paginate_rows(blocks(kpis, assessments, cols, texts),
                                                     cols, room)


def _full_names(rows: Sequence[Row], by_ref: dict[str, Assessment]) -> tuple[str, ...]:
    """The names the table had to shorten, in full."""
    return tuple(f"{row.ref} in full: {by_ref[row.ref].indicator.measure}" for row in rows
                 if row.ref and row.cells[1].text != by_ref[row.ref].indicator.measure)


def _alt_text(title: str, kpis: KpiTable, page: Sequence[Assessment]) -> str:
    """The table's description for screen readers; the trend pictures are cell fills, which
    carry no alt text of their own, so their messages are here."""
    trends = [trend_alt_text(a, kpis.months) for a in page]
    return (f"{title}: table of {plural(len(trends), 'indicator')} with RAG ratings and "
            "six-month trends. Trends: " + "; ".join(trends) + ".")


def appendix_slides(kpis: KpiTable, warnings: Sequence[str], geometry: Geometry,
                    names: dict[str, str] | None = None) -> list[BulletSlide]:
    """Every warning of ``reportgen check``, one a line, an indicator's named after its ref
    ("6.3D % care leavers in suitable…: Current 87.3% does not match ...")."""
    lines = tuple(Paragraph((TextRun(_named_warning(w, names or {})),)) for w in warnings) or (
        Paragraph((TextRun("No data-quality warnings."),)),)
    slides = bullet_slides(Narrative("", f"Data quality: {month_label(kpis.period)}", lines),
                           geometry)
    return [replace(s, notes=(f"{len(warnings)} warnings from the workbook check; "
                              f"{len(s.paragraphs)} on this slide.",)) for s in slides]


TITLE_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)
"""How far a slide's title may shrink below the template's size to stay whole: a 44 pt
stock title to 26 pt, still larger than anything under it."""


def _named_warning(warning: str, names: dict[str, str]) -> str:
    ref, colon, rest = warning.partition(": ")
    return f"{ref} {names[ref]}: {rest}" if colon and ref in names else warning


def fit_titles(slides: Sequence[Slide], geometry: Geometry) -> tuple[Slide, ...]:
    """No title may run into the slide's content: one too long for its placeholder is set up to
    two-fifths smaller, and only where that is not enough shortened on the slide and given whole
    in the notes. Two slides with one title (two sheets may share one) become "Title" and
    "Title (2)": screen-reader users find slides by title."""
    seen: dict[str, int] = {}
    fitted: list[Slide] = []
    for given in slides:
        slide = given
        box, size = geometry.title_for(given.role)
        # a narrow title beside a chart (a caption layout's) may take the lines its box holds
        most = SIDE_TITLE_LINES if slide.role is Role.CHART_AND_TEXT else TITLE_LINES
        if isinstance(given, TitleSlide):  # the deck's own title is set smaller before it is cut
            slide = _cover_title_sized(given, geometry.cover_title, geometry.cover_title_size)
            box, size = geometry.cover_title, slide.title_size or geometry.cover_title_size
        else:
            smaller = _title_size(slide.title, box, size, most)
            if smaller != size:
                slide, size = replace(slide, title_size=smaller), smaller
        short = _shortened_title(slide.title, box.width - 2 * INSET_X, size,
                                 title_lines(box, size, most))
        seen[short] = seen.get(short, 0) + 1
        shown = short if seen[short] == 1 else f"{short} ({seen[short]})"
        if shown == slide.title:
            fitted.append(slide)
            continue
        notes = slide.notes + ((f"Full title: {slide.title}",) if short != slide.title else ())
        fitted.append(replace(slide, title=shown, notes=notes))
    return tuple(fitted)


def _title_size(title: str, box: Box, size: float, most: int) -> float:
    """The template's title size, or the largest of up to two-fifths smaller at which ``title``
    fits its box whole; the template's where none does (it is then cut, whole in the notes)."""
    for scale in TITLE_SCALES:
        smaller = size * scale
        if wrap_lines(title, box.width - 2 * INSET_X, smaller, True) <= \
                title_lines(box, smaller, most):
            return smaller
    return size


def _shortened_title(title: str, width: float, size: float, lines: int) -> str:
    """``title`` cut to ``lines`` lines, keeping a page's "(continued 2)" whole: without it two
    pages of one long title would read the same and be numbered "(2)"."""
    suffix = continued_suffix(title)
    if not suffix or wrap_lines(title, width, size, True) <= lines:
        return shorten_to_lines(title, width, size, lines, bold=True)
    words = title.removesuffix(suffix).split()
    kept = fitting_words(words, lambda shown: wrap_lines(shown + suffix, width, size, True)
                         <= lines)
    return " ".join(words[:kept]) + "…" + suffix if kept else \
        shorten_to_lines(title, width, size, lines, bold=True)


def _cover_title_sized(slide: TitleSlide, box: Box, size: float) -> TitleSlide:
    for scale in GLANCE_SCALES:
        smaller = size * scale
        if wrap_lines(slide.title, box.width - 2 * INSET_X, smaller, True) \
                <= title_lines(box, smaller):
            return slide if scale == 1.0 else replace(slide, title_size=smaller)
    return slide  # too long at any size: cut at the template's, whole in the notes


def title_lines(box: Box, size: float, most: int = TITLE_LINES) -> int:
    """The lines a title may take: ``most``, unless the template's title box is too shallow
    for them (titles are set tight, their lines about 0.9 of their size apart)."""
    return max(1, min(most, int(box.height // (size * 0.9))))


def _clipped(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def properties(report: Report, marking: str = "", draft: str = "") -> Properties:
    """The file's core properties; a marking goes in its keywords and category, where
    document-management systems and labelling tools look for a protective marking, and it
    leads the title, which a file list shows before the file is opened."""
    period = report.kpis.period
    following = period.shifted(1)
    title = f"{marking}: {report.deck.title}" if marking else report.deck.title
    return Properties(title=_clipped(title),
                      subject=_clipped(f"KPIs for {month_label(period)}"),
                      stamp=datetime(following.year, following.month, 1),
                      keywords=marking, category=marking, status=draft)
