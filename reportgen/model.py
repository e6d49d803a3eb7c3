"""The report as read from the workbook: small frozen values, no cells, no I/O.

Percentages are held in percent points everywhere (0.978 with a ``%`` format is 97.8).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from functools import lru_cache

from reportgen.errors import Place
from reportgen.frozen import frozen

_NOWHERE = Place()
"""No place known (a value built in code rather than read from a workbook)."""


class Unit(Enum):
    PERCENT = "percent"
    COUNT = "count"
    NUMBER = "number"


class Polarity(Enum):
    HIGHER = "higher"
    LOWER = "lower"


class Aim(Enum):
    """What a polarity cell states (design.md §2a): a direction, "stay close to target", or
    no judgement at all (a measure for information)."""

    HIGHER = "higher"
    LOWER = "lower"
    TWO_SIDED = "two-sided"
    NONE = "none"

    @property
    def polarity(self) -> Polarity | None:
        return {Aim.HIGHER: Polarity.HIGHER, Aim.LOWER: Polarity.LOWER}.get(self)


@dataclass(frozen=True, order=True)
class Month:
    """A reporting period: a calendar month, or a financial-year quarter (``quarterly``), held
    as the quarter's last month (Q3 2023/24 is December 2023), so that periods of either kind
    sort, shift and key the history store alike."""

    year: int
    month: int
    quarterly: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.quarterly and self.month % 3:
            raise ValueError(f"a quarter ends in March, June, September or December, not "
                             f"month {self.month}")

    @property
    def fiscal_year(self) -> int:
        """The first calendar year of the financial year (April to March) the period falls in."""
        return self.year if self.month >= 4 else self.year - 1

    @property
    def quarter(self) -> int:
        """The financial year's quarter: April–June is Q1, January–March Q4."""
        return (self.month - 4) % 12 // 3 + 1

    @property
    def iso(self) -> str:
        """``2019-02``; a quarter as its financial year's first year and number: ``2023-Q3``."""
        if self.quarterly:
            return f"{self.fiscal_year:04d}-Q{self.quarter}"
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def short(self) -> str:
        """The seed's column label, e.g. ``Sep 18``; a quarter as ``Q3 23/24``."""
        if self.quarterly:
            first = self.fiscal_year
            return f"Q{self.quarter} {first % 100:02d}/{(first + 1) % 100:02d}"
        return f"{calendar.month_abbr[self.month]} {self.year % 100:02d}"

    @property
    def name(self) -> str:
        """``February``; a quarter as the council names it, ``Q3 2023/24``."""
        if self.quarterly:
            return self.long
        return calendar.month_name[self.month]

    @property
    def long(self) -> str:
        """``February 2019``; a quarter as ``Q3 2023/24``."""
        if self.quarterly:
            first = self.fiscal_year
            return f"Q{self.quarter} {first}/{(first + 1) % 100:02d}"
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def step(self) -> int:
        """Months from one period to the next: 3 for quarters."""
        return 3 if self.quarterly else 1

    def shifted(self, periods: int) -> Month:
        """The period ``periods`` periods on (months, or quarters for a quarter)."""
        index = self.year * 12 + self.month - 1 + periods * self.step
        return Month(index // 12, index % 12 + 1, self.quarterly)


MAX_FIGURE_DIGITS = 15
"""Digits Excel keeps; a figure past them cannot be rounded to a shown decimal."""


def excel_round(value: float, decimals: int) -> Decimal:
    """``value`` rounded as Excel displays it: half away from zero, on the decimal digits a
    person sees (15 significant, as Excel keeps), not on the binary fraction behind them."""
    return rounded_digits(f"{value:.15g}", decimals)


@lru_cache(maxsize=1 << 14)
def rounded_digits(digits: str, decimals: int) -> Decimal:
    """``excel_round`` of the figure whose 15 significant digits are ``digits``.

    Cached, as a deck rounds the same figures again and again (a row's targets beside each of
    its months, every rule that compares them); on the digits, not the float, because -0.0 and
    0.0 are one key to a cache but are shown differently ("-0.0")."""
    exact = Decimal(digits)
    if not exact.is_finite() or exact.adjusted() >= MAX_FIGURE_DIGITS:
        return exact  # never from a workbook (ingest refuses such figures): shown as it is
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@frozen
class Figure:
    """A number as the workbook shows it: its value and how many decimals are displayed."""

    value: float
    decimals: int = 0


def format_value(figure: Figure, unit: Unit) -> str:
    """A figure as it is shown everywhere (the deck, ``check``, warnings, ``history show`` and
    its CSV): rounded as Excel displays it (``excel_round``) and grouped in thousands,
    ``97.8%``, ``1,020``, ``2.5``. The one display-rounding function: nothing else turns a
    figure into text."""
    text = _grouped(f"{figure.value:.15g}", figure.decimals) or str(figure.value)
    return f"{text}%" if unit is Unit.PERCENT else text


@lru_cache(maxsize=1 << 14)
def _grouped(digits: str, decimals: int) -> str:
    """The figure whose 15 significant digits are ``digits``, rounded to ``decimals`` places
    and grouped in thousands ("1,020.5"); "" when it is not a finite number. Cached: a large
    workbook shows the same few hundred figures tens of thousands of times (see
    ``rounded_digits`` for why the key is the digits)."""
    rounded = rounded_digits(digits, decimals)
    return f"{rounded:,f}" if rounded.is_finite() else ""


@frozen
class Notice:
    """A warning (design.md §1): what the reader should know, and where. Warnings never stop a
    build; ``check`` lists them and ``build`` counts them.

    Its ``str()`` is the line ``check`` prints and its JSON lists: the indicator's ref when it
    is about one indicator (``3.1: ...``), else its place in the workbook (``KPIs!M8: ...``), or
    the file for a notice about the whole workbook. ``place`` is as precise as is known (within
    the workbook: the Report names its file); the text may name further cells.
    """

    text: str
    place: Place = _NOWHERE
    ref: str = ""

    def __str__(self) -> str:
        subject = self.ref or self.place.in_workbook or str(self.place)
        return f"{subject}: {self.text}" if subject else self.text


@frozen
class Comparator:
    """A published benchmark beside an indicator (design.md §2): England, the statistical
    neighbours' average or a region, read from a column headed by its name and, optionally, the
    year of the figure (``England 2017/18``). The value is in the row's unit."""

    name: str
    """As the header names it, without the year: "England", "Statistical neighbours"."""
    year: str
    """The year the header gives ("2017/18"), or empty."""
    value: Figure
    place: Place = _NOWHERE
    """The cell the figure came from (``KPIs!T12``)."""


@frozen
class Target:
    """One target as the workbook writes it: a figure or words ("Fewer than 85", "90%+")."""

    figure: Figure
    strict: bool = False
    """It must be beaten, not met: 85 is not "fewer than 85"."""
    aim: Polarity | None = None
    """The direction the words give ("Fewer than" is lower is better); None for a bare figure."""
    text: str = ""
    """The words as written, where the target is words; empty for a figure."""


@frozen
class Targets:
    """A row's targets beyond the seed's Min and Upper (design.md §3): a single target, a floor
    standard with a target, a target with a tolerance, or Red / Amber / Green thresholds. Which
    RAG model applies is decided by the rules (``indicators.bounds_of``), not here."""

    target: Target | None = None
    """The target, or the green threshold of a Red / Amber / Target table."""
    floor: Figure | None = None
    tolerance: Figure | None = None
    relative: bool = False
    """The tolerance is a share of the target (10 for 10%), not a distance in the row's unit."""
    amber: Target | None = None
    """Thresholds: where amber begins, from the Red or Amber column (``<75%`` → 75)."""
    thresholds: bool = False
    """The table has Red / Amber columns: the row is rated on its thresholds."""
    benchmark: str = ""
    """A target relative to a benchmark ("Above Stat Neighbour Average"): its name as written."""
    data_only: bool = False
    """The target cell says there is none: "No target", "Measure for information"."""
    place: Place = _NOWHERE
    """The target's cell."""
    notes: tuple[str, ...] = ()


@frozen
class Indicator:
    ref: str
    section: str
    measure: str
    unit: Unit
    previous_year: Figure | None
    numerator: Figure | None
    denominator: Figure | None
    current: Figure | None
    period_type: str | None
    trend: tuple[Figure | None, ...]
    target_min: Figure | None
    target_upper: Figure | None
    polarity: Polarity | None = None
    """Set only when the workbook states it; otherwise the rules derive it from the targets."""
    commentary: str = ""
    place: Place = _NOWHERE
    """Where the row is: its sheet and Ref cell (``KPIs!A12``). Places in the model are within
    the workbook; the Report names its file once."""
    notes: tuple[Notice, ...] = ()
    """Oddities met while reading this row (unreadable cells treated as missing, ...)."""
    polarity_place: Place | None = None
    """Where the workbook states the polarity (``KPIs!Q8``, or the measure's cell when its title
    says "lower is better"); None when it does not."""
    commentary_place: Place | None = None
    """The row's Commentary cell, when the KPI sheet has a Commentary column."""
    polarity_configured: bool = False
    """The polarity is set by reportgen.toml: it decides over the targets' order, which the
    team has said reads it wrongly."""
    definition: str = ""
    """What the measure counts, from reportgen.toml, for the speaker notes."""
    comparators: tuple[Comparator, ...] = ()
    """The row's benchmarks with a figure, in the sheet's column order; none without one."""
    aim: Aim | None = None
    """The polarity cell as stated, two-sided and "for information" included; None unstated."""
    targets: Targets | None = None
    """Targets beyond Min and Upper, where the table has such columns."""
    council_rag: str | None = None
    """The council's own RAG for the row, as written ("Red", "A"); None where it has none."""
    council_rag_place: Place | None = None
    council_direction: str | None = None
    """The council's own direction of travel, as written ("↑", "Improving")."""
    council_direction_place: Place | None = None
    short_name: str = ""
    """What lists call the measure after its ref, from reportgen.toml; empty: its first words."""
    accepted: str = ""
    """Why the team accepts this row's figures as they stand (reportgen.toml ``accept``): its
    data-quality doubts are resolved, and the reason goes in the notes."""
    impossible: tuple[Notice, ...] = ()
    """One notice per figure that cannot be (a negative count, a percentage over 100 of a
    whole, Num > Denom, a figure 1,000 times off its row), naming its cell: each figure is
    left out (missing) and is a data-quality doubt (design.md §3). The notices are in
    ``notes`` too."""
    formerly: tuple[str, ...] = ()
    """Earlier names of this measure (reportgen.toml's ``formerly``): packs that recorded its
    ref under one of them recorded this indicator, reworded."""


@frozen
class Header:
    """One column of the KPI table as it was read: its header cell, its text and its role."""

    cell: str
    text: str
    role: str
    """The role's key (``ref``, ``target``, ``month``, ``comparator``, ...); empty if unread."""


@frozen
class Section:
    title: str
    indicators: tuple[Indicator, ...]


@frozen
class KpiTable:
    sheet: str
    title: str
    previous_year_label: str
    months: tuple[Month, ...]
    sections: tuple[Section, ...]
    description: str = ""
    """The text between the sheet's title and its header (the seed's "This report provides
    summary overview of KPIs ..."), a line per row; empty when there is none."""
    columns: tuple[tuple[str, str], ...] = ()
    """The column letter of each figure, as (field, letter): "previous_year", "numerator",
    "denominator", "current", "target_min", "target_upper" where the table has them, and
    ("month:YYYY-MM", letter) for each month of ``months``. With an indicator's row (its
    ``place``), they name the cell every figure came from (``KPIs!F12``)."""
    notes: tuple[str, ...] = ()
    """The note rows under the table ("Source: ...", "Note: ..."), a line each: where the
    comparators' figures come from, which the "How we compare" slide states."""
    headers: tuple[Header, ...] = ()
    """How each header of the table was read, for ``check`` and ``init --from``."""

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for section in self.sections for ind in section.indicators)

    @property
    def period(self) -> Month:
        return self.months[-1]


@frozen
class TextRun:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    subscript: bool = False


@frozen
class Paragraph:
    runs: tuple[TextRun, ...]
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@frozen
class Narrative:
    sheet: str
    title: str
    paragraphs: tuple[Paragraph, ...]


@frozen
class Presenter:
    name: str
    role: str = ""


@frozen
class DeckInfo:
    title: str
    date_text: str = ""
    meeting_date: date | None = None
    presenters: tuple[Presenter, ...] = ()


Part = Narrative | KpiTable


@frozen
class Report:
    source: str
    deck: DeckInfo
    outline: tuple[Part, ...]
    """The deck's slides-to-be, in the workbook's sheet order."""
    warnings: tuple[Notice, ...] = field(default=())

    @property
    def kpis(self) -> KpiTable:
        """The first KPI table: the deck's period and title slide follow it."""
        for part in self.outline:
            if isinstance(part, KpiTable):
                return part
        raise LookupError("report has no KPI table")  # ingest guarantees one

    @property
    def tables(self) -> tuple[KpiTable, ...]:
        """Every scorecard of the workbook, in sheet order (design.md §2a)."""
        return tuple(part for part in self.outline if isinstance(part, KpiTable))

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for table in self.tables for ind in table.indicators)
