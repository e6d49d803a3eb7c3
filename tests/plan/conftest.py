"""Workbooks for the plan tests, and their plans: read → assess → plan, no python-pptx.

Workbooks are written with ``reportgen.ingest.writer`` (so every figure goes through ingestion as
a user's would) and planned against ``BUILTIN_GEOMETRY``, the bundled template's measurements.
The fixtures hand out a ``Book`` (write and plan a workbook) and the planned sample; ``Planned``
answers the questions every test asks of a plan (its slides of one kind, every text on them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import pytest

from reportgen.findings import all_warnings
from reportgen.indicators import DEFAULT_RULES, Assessment, Rules, assess_all
from reportgen.ingest import read_report
from reportgen.ingest.writer import (
    Deck,
    SheetNarrative,
    SheetRow,
    SheetSection,
    SheetTable,
    Value,
    WorkbookSpec,
    count,
    decimal,
    pct,
    write_workbook,
)
from reportgen.model import Paragraph, Report, TextRun
from reportgen.plan import BUILTIN_GEOMETRY, DEFAULT_OPTIONS, DeckOptions, DeckPlan, plan_deck
from reportgen.plan.layout import Box, Geometry
from reportgen.plan.slides import (
    BulletSlide,
    ChartSlide,
    Slide,
    SlideKind,
    TableSlide,
    TitleSlide,
)
from tests.conftest import SAMPLE, Write

MONTHS = ("Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19")
"""The seed's six months: the latest is February 2019, the one before January."""

S = TypeVar("S", TitleSlide, BulletSlide, TableSlide, ChartSlide)


def _narrow(box: Box) -> Box:
    return Box(box.left * 0.75, box.top, box.width * 0.75, box.height)


GEOMETRY_4_3 = replace(
    BUILTIN_GEOMETRY, slide_width=720.0, title=_narrow(BUILTIN_GEOMETRY.title),
    cover_title=_narrow(BUILTIN_GEOMETRY.cover_title), body=_narrow(BUILTIN_GEOMETRY.body),
    table=_narrow(BUILTIN_GEOMETRY.table), chart=_narrow(BUILTIN_GEOMETRY.chart),
    side_chart=_narrow(BUILTIN_GEOMETRY.side_chart), side_text=_narrow(BUILTIN_GEOMETRY.side_text))
"""A 4:3 template (design.md §5 allows one): the bundled template's boxes, three quarters as
wide."""


@dataclass(frozen=True)
class Planned:
    report: Report
    assessments: tuple[Assessment, ...]
    plan: DeckPlan
    geometry: Geometry

    def of(self, kind: type[S]) -> list[S]:
        return [slide for slide in self.plan.slides if isinstance(slide, kind)]

    def of_kind(self, kind: SlideKind, cls: type[S]) -> list[S]:
        """The slides the plan made as ``kind``, each checked to be a ``cls``."""
        found = self.plan.of_kind(kind)
        assert all(isinstance(slide, cls) for slide in found), [s.title for s in found]
        return [slide for slide in found if isinstance(slide, cls)]

    def titled(self, start: str) -> list[Slide]:
        return [slide for slide in self.plan.slides if slide.title.startswith(start)]

    def one(self, start: str) -> Slide:
        found = self.titled(start)
        assert len(found) == 1, [s.title for s in self.plan.slides]
        return found[0]

    @property
    def cover(self) -> TitleSlide:
        slide = self.plan.slides[0]
        assert isinstance(slide, TitleSlide)
        return slide

    @property
    def glance(self) -> BulletSlide:
        (slide,) = self.of_kind(SlideKind.GLANCE, BulletSlide)
        return slide

    @property
    def tables(self) -> list[TableSlide]:
        """The KPI table's pages ("February KPIs", "February KPIs (continued)", ...)."""
        return self.of_kind(SlideKind.TABLE, TableSlide)

    def other_reds(self) -> list[str]:
        """The refs listed on "Other red indicators", in order, whether as rows or bullets."""
        refs: list[str] = []
        for slide in self.plan.of_kind(SlideKind.OTHER_REDS):
            if isinstance(slide, TableSlide):
                refs += [row.ref for row in slide.table.rows if row.ref]
            elif isinstance(slide, BulletSlide):
                refs += [p.runs[0].text for p in slide.paragraphs]
        return refs

    def exceptions(self) -> list[ChartSlide]:
        return self.of_kind(SlideKind.EXCEPTIONS, ChartSlide)

    def assessment(self, ref: str) -> Assessment:
        return next(a for a in self.assessments if a.indicator.ref == ref)

    def texts(self, notes: bool = True) -> Iterator[str]:
        """Every text the plan puts on a slide (and in its notes), one string each."""
        yield self.plan.footer
        for slide in self.plan.slides:
            yield slide.title
            if notes:
                yield from slide.notes
            yield from slide_texts(slide)


def slide_texts(slide: Slide) -> Iterator[str]:
    """Every text drawn on one slide, title and notes aside."""
    if isinstance(slide, TitleSlide):
        yield from (p.text for p in slide.lines)
    elif isinstance(slide, BulletSlide):
        yield from (p.text for p in slide.paragraphs)
        yield from (tile.label for tile in slide.tiles)
        yield slide.tiles_alt_text
    elif isinstance(slide, TableSlide):
        yield slide.alt_text
        yield from (p.text for box in slide.captions for p in box.paragraphs)
        yield from (cell.text for row in slide.table.rows for cell in row.cells)
    else:
        yield from (p.text for p in slide.paragraphs)
        for chart in slide.charts:
            yield from (chart.title, chart.alt_text, *chart.categories)
            yield from (text for s in chart.series for text in (s.name, s.label))


def plan_file(path: Path, options: DeckOptions = DEFAULT_OPTIONS,
              geometry: Geometry = BUILTIN_GEOMETRY, rules: Rules = DEFAULT_RULES) -> Planned:
    """The workbook assessed with ``rules`` and planned, as ``build`` does with a
    reportgen.toml's ``[rules]``."""
    report = read_report(path)
    assessments = assess_all(report.kpis.indicators, rules, report.kpis.months)
    warnings = all_warnings(report, assessments)
    return Planned(report, assessments,
                   plan_deck(report, assessments, geometry, options, warnings, rules), geometry)


def note(text: str) -> Paragraph:
    return Paragraph((TextRun(text),))


def plan_row(ref: str, current: float | None, months: Sequence[float | None], *,
             minimum: float | None = 0.9, upper: float | None = 0.95,
             num: int | None = None, denom: int | None = None, measure: str = "",
             decimals: int = 1, period: str = "Snapshot", commentary: str = "") -> SheetRow:
    """A percentage row stored as Excel stores it (fractions with % formats): targets with
    no decimals, figures with ``decimals``."""

    def shown(value: float | None, places: int = decimals) -> Value:
        return None if value is None else pct(value, places)

    return SheetRow(ref, measure or f"% of cases with plan {ref} on time", None,
                    None if num is None else count(num), None if denom is None else count(denom),
                    shown(current), period, [shown(v) for v in months], shown(minimum, 0),
                    shown(upper, 0), commentary)


def count_row(ref: str, months: Sequence[int], measure: str = "") -> SheetRow:
    """A data-only count (the seed's cohorts): no targets, Current the latest month."""
    return SheetRow(ref, measure or f"Number of children in cohort {ref}", count(months[0]), "n/a",
                    "n/a", count(months[-1]), "Snapshot", [count(v) for v in months])


def many_sections(total: int) -> list[SheetSection]:
    """``total`` indicators of every kind: from ten indicators on, a section of three data-only
    counts first (the seed's cohorts); then, ten to a section, higher-is-better percentages
    with Min and Upper, lower-is-better percentages (Min > Upper), single targets, scores with
    decimals, rows with a missing month, and YTD rows with long names. Figures vary with the
    row, deterministically."""
    cohorts = 3 if total >= 10 else 0
    rows: list[SheetRow] = []
    for i in range(total):
        j = i - cohorts
        ref = f"1.{i + 1}" if j < 0 else f"{j // 10 + 2}.{j % 10 + 1}"
        wobble = [((i * 7 + k * 3) % 11 - 5) / 400 for k in range(6)]
        level = 0.86 + (i * 37 % 13) / 100
        kind = j % 6 if j >= 0 else -1
        if kind == -1:
            rows.append(count_row(ref, [300 * (i + 1) + (i * k * 13) % 40 for k in range(6)]))
        elif kind == 0:
            denom = 1000 + i
            num = round(level * denom)
            current = round(num / denom, 3)
            rows.append(plan_row(ref, current, [level + w for w in wobble[:-1]] + [current],
                                 num=num, denom=denom))
        elif kind == 1:
            low = 0.05 + (i * 13 % 15) / 100
            rows.append(plan_row(ref, low, [low + w for w in wobble[:-1]] + [low],
                                 minimum=0.15, upper=0.10,
                                 measure=f"% of re-referrals {ref} (lower is better)"))
        elif kind == 2:
            rows.append(plan_row(ref, level, [level + w for w in wobble[:-1]] + [level],
                                 upper=None, minimum=0.91))
        elif kind == 3:
            score = 1.0 + (i * 11 % 13) / 10
            rows.append(SheetRow(ref, f"Audit score {ref} (lower is better)", None, None, None,
                                 decimal(score), "Snapshot",
                                 [decimal(round(score + w * 16, 1)) for w in wobble[:-1]]
                                 + [decimal(score)], decimal(2.0), decimal(1.0)))
        elif kind == 4:
            months: list[float | None] = [level + w for w in wobble]
            months[i % 5] = None
            rows.append(plan_row(ref, months[-1], months))
        else:
            long_name = (f"% of children and young people {ref} whose plans were reviewed within "
                         "the statutory timescales in the year to date")
            rows.append(plan_row(ref, level, [level + w for w in wobble[:-1]] + [level],
                                 measure=long_name, period="YTD",
                                 commentary=f"Commentary for {ref}"))
    rest = rows[cohorts:]
    return ([SheetSection("Cohorts", rows[:cohorts])] if cohorts else []) + [
        SheetSection(f"Section {n // 10 + 2}", rest[n:n + 10]) for n in range(0, len(rest), 10)]


class Book:
    """Writes a workbook in the seed's layout and plans it.

    Sheets are ``before`` (narratives), the KPI table, then ``after`` (narratives)."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self._count = 0

    def spec(self, sections: Sequence[SheetSection], *, deck: Deck | None = None,
             before: Sequence[SheetNarrative] = (), after: Sequence[SheetNarrative] = (),
             months: Sequence[object] = MONTHS, commentary: bool = False,
             comparators: Sequence[str] = (), notes: Sequence[str] = ()) -> WorkbookSpec:
        table = SheetTable(months=list(months), sections=list(sections), commentary=commentary,
                           comparators=comparators, notes=notes)
        return WorkbookSpec(deck or Deck("Cabinet update", "March 2019"),
                            [*before, table, *after])

    def plan(self, sections: Sequence[SheetSection], *, options: DeckOptions = DEFAULT_OPTIONS,
             geometry: Geometry = BUILTIN_GEOMETRY, deck: Deck | None = None,
             before: Sequence[SheetNarrative] = (), after: Sequence[SheetNarrative] = (),
             months: Sequence[object] = MONTHS, commentary: bool = False,
             comparators: Sequence[str] = (), notes: Sequence[str] = ()) -> Planned:
        self._count += 1
        path = self._write(self.spec(sections, deck=deck, before=before, after=after,
                                     months=months, commentary=commentary,
                                     comparators=comparators, notes=notes),
                           f"book-{self._count}.xlsx")
        return plan_file(path, options, geometry)

    def one(self, row: SheetRow, **kwargs: Any) -> Planned:
        """A workbook whose KPI table holds ``row`` alone, in a section "Plans"."""
        return self.plan([SheetSection("Plans", [row])], **kwargs)


@pytest.fixture
def book(write: Write) -> Book:
    return Book(write)


@pytest.fixture(scope="session")
def sample_plan() -> Planned:
    return plan_file(SAMPLE)


@pytest.fixture(scope="session")
def large_book(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Planned]:
    """Plans of workbooks of ``many_sections(n)`` indicators, one per size, kept for the
    session: the 150-indicator workbook is written once."""
    folder = tmp_path_factory.mktemp("large")
    plans: dict[int, Planned] = {}

    def _plan(total: int) -> Planned:
        if total not in plans:
            path = folder / f"large-{total}.xlsx"
            spec = WorkbookSpec(Deck("Cabinet update", "March 2019"), [
                SheetNarrative("Intro", "Improvement Progress", [note("Pace")]),
                SheetTable(months=list(MONTHS), sections=many_sections(total)),
                SheetNarrative("Close", "Challenges", [note("Capacity")])])
            write_workbook(path, spec)
            plans[total] = plan_file(path)
        return plans[total]

    return _plan
