"""Finding the KPI table and its columns by their header labels, never by position.

The seed's header spans three rows with merged cells: a group label ("Current Performance",
"Target", "Six Month Trend") above the specific ones ("Num", "Min", "Sep 18"). Each column is
named by its lowest label that we recognise, reading the merged cells as if every cell of a
merged range held its label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from reportgen.frozen import frozen
from reportgen.ingest.cells import read_month, text_of
from reportgen.model import Month


class Role(Enum):
    REF = "Ref"
    MEASURE = "Performance Measure"
    PREVIOUS_YEAR = "previous year (e.g. 2017/18)"
    NUMERATOR = "Num"
    DENOMINATOR = "Denom"
    CURRENT = "Current"
    PERIOD = "Period"
    MIN = "Min"
    UPPER = "Upper"
    TREND = "Trend"
    POLARITY = "Polarity"
    COMMENTARY = "Commentary"


REQUIRED = (Role.REF, Role.MEASURE, Role.CURRENT, Role.MIN, Role.UPPER)

_ALIASES: Mapping[str, Role] = {
    "ref": Role.REF, "ref.": Role.REF, "reference": Role.REF, "ref no": Role.REF,
    "performance measure": Role.MEASURE, "measure": Role.MEASURE, "indicator": Role.MEASURE,
    "num": Role.NUMERATOR, "numerator": Role.NUMERATOR,
    "denom": Role.DENOMINATOR, "denominator": Role.DENOMINATOR,
    "current": Role.CURRENT,
    "period": Role.PERIOD, "period type": Role.PERIOD,
    "min": Role.MIN, "target min": Role.MIN, "minimum": Role.MIN, "min target": Role.MIN,
    "upper": Role.UPPER, "target upper": Role.UPPER, "upper target": Role.UPPER,
    "trend": Role.TREND, "trend line": Role.TREND,
    "polarity": Role.POLARITY,
    "commentary": Role.COMMENTARY, "comment": Role.COMMENTARY, "comments": Role.COMMENTARY,
    "previous year": Role.PREVIOUS_YEAR, "last year": Role.PREVIOUS_YEAR,
    "prev year": Role.PREVIOUS_YEAR, "previous year outturn": Role.PREVIOUS_YEAR,
    "last year outturn": Role.PREVIOUS_YEAR, "previous year's outturn": Role.PREVIOUS_YEAR,
    "last year's outturn": Role.PREVIOUS_YEAR, "previous outturn": Role.PREVIOUS_YEAR,
}
# The previous year's outturn: "2017/18", "17/18", "2017-18", "FY17/18", "FY 2017/18",
# "Outturn 2017/18", "2017/18 outturn". Anchored at both ends, so that a comparator's year
# ("England 2017/18") never makes its column the previous year's.
_FINANCIAL_YEAR = re.compile(
    r"^(?:(?:fy|financial year|outturn|out-turn|actual|previous year|last year)\s*:?\s*)?"
    r"(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})"
    r"(?:\s*(?:outturn|out-turn|actual|actuals|final|fy|year end|previous year))?$")
# Comparator columns (design.md §2): England, statistical neighbours, a region, optionally
# followed by a year. Tried before the previous year, so that "England 2017/18" is a comparator.
_COMPARATOR = re.compile(
    r"^(?:england|national|statistical neighbou?rs?|stat\.? neighbou?rs?|sns?|"
    r"neighbou?rs|region|regional|(?:inner |outer )?london|(?:north|south)[\s-]?(?:east|west)|"
    r"(?:east|west) midlands|east of england|yorkshire)\b")

# A header is at most this many rows deep below the row holding "Ref".
MAX_HEADER_DEPTH = 6
# Where to look for the "Ref" header: a table may start anywhere, but near the top-left.
SEARCH_ROWS = 60
SEARCH_COLUMNS = 40


def normalise(value: Any) -> str:
    return text_of(value).lower().rstrip(":").strip()


def role_of(value: Any) -> Role | None:
    label = normalise(value)
    if label in _ALIASES:
        return _ALIASES[label]
    if "(" in label:  # "Previous year (2017/18)", "2017/18 (outturn)"
        label = " ".join(label.replace("(", " ").replace(")", " ").split())
    if _is_financial_year(label):
        return Role.PREVIOUS_YEAR
    return None


def _is_financial_year(label: str) -> bool:
    match = _FINANCIAL_YEAR.match(label)
    if not match:
        return False
    # The second year follows the first (2017/18, 17/18, 2017/2018): "2019/02" is no year.
    first, second = (int(group) for group in match.groups())
    return (first + 1) % 100 == second % 100 and (len(match.group(2)) == 2 or second == first + 1)


def is_comparator(value: Any) -> bool:
    return bool(_COMPARATOR.match(normalise(value)))


# The year at the end of a comparator's header: "England 2017/18", "SN average (2018)",
# "London, 2017-18".
_TRAILING_YEAR = re.compile(r"[\s,:(\[-]*((?:19|20)\d{2}(?:\s*[/-]\s*\d{2,4})?)[)\]]?\s*$")


def comparator_name(value: Any) -> tuple[str, str]:
    """A comparator header as (name, year): ``England 2017/18`` → ("England", "2017/18");
    the year is empty when the header gives none."""
    label = text_of(value).strip().rstrip(":").strip()
    match = _TRAILING_YEAR.search(label)
    if match is None or match.start() == 0:
        return label, ""
    year = "".join(match.group(1).split())
    return label[:match.start()].strip(), year


@frozen
class Layout:
    """Where the table is: its header band and the column of every role and month."""

    first_data_row: int
    last_column: int
    columns: Mapping[Role, int]
    months: tuple[tuple[Month, int], ...]
    previous_year_label: str
    labels: Mapping[Role, str]
    comparators: tuple[tuple[str, int], ...] = ()
    """Comparator columns (header label, column): England, statistical neighbours, a region."""
    unread_months: tuple[tuple[str, int, int], ...] = ()
    """Columns among the months whose header is not a month (label, column, header row)."""
    month_row: int = 0
    """The header row that holds the month labels."""


@frozen
class Conflict:
    """Two columns claim the same label; the caller turns this into an InputError."""

    label: str
    columns: tuple[int, int]
    row: int


Grid = Mapping[tuple[int, int], Any]
"""Cell values of the header band with merged ranges filled in, by (row, column)."""


def find_header_row(values: Grid, rows: Iterable[int], columns: Iterable[int]) -> int | None:
    """The first row holding both a Ref and a Performance Measure label."""
    cols = list(columns)
    for row in rows:
        # only the cells holding something: a blank one has no role (most of the area searched)
        found = {role_of(value) for col in cols if (value := values.get((row, col))) is not None}
        if Role.REF in found and Role.MEASURE in found:
            return row
    return None


@dataclass
class Classified:
    """What the header band says about each column."""

    roles: dict[Role, int] = field(default_factory=dict)
    labels: dict[Role, str] = field(default_factory=dict)
    months: list[tuple[Month, int]] = field(default_factory=list)
    month_rows: list[int] = field(default_factory=list)
    """The header row each month label was found in (the month row, usually one)."""
    comparators: list[tuple[str, int]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def classify(band: Grid, rows: list[int], columns: list[int]) -> Classified:
    """Name each column by the lowest label in the band that means something to us.

    A previous-year label is tried before a month ("2011-12" is a financial year, not
    December 2011), and comparators before both ("England 2017/18" is not last year)."""
    found = Classified()
    seen_months: dict[Month, int] = {}
    for col in columns:
        for row in reversed(rows):
            value = band.get((row, col))
            if text_of(value) == "":
                continue
            if is_comparator(value):
                found.comparators.append((text_of(value), col))
                break
            role = role_of(value)
            month = None if role else read_month(value)
            if month is not None:
                if month in seen_months:
                    found.conflicts.append(
                        Conflict(text_of(value), (seen_months[month], col), row))
                seen_months[month] = col
                found.months.append((month, col))
                found.month_rows.append(row)
                break
            if role is not None:
                if role in found.roles:
                    found.conflicts.append(Conflict(text_of(value), (found.roles[role], col), row))
                else:
                    found.roles[role] = col
                    found.labels[role] = text_of(value)
                break
    return found


def month_band(found: Classified, last_column: int) -> range:
    """The columns around the months up to the nearest other column on either side: where a
    header that is not a month is probably a month that could not be read."""
    if not found.months:
        return range(0)
    month_cols = [col for _, col in found.months]
    taken = [*found.roles.values(), *(col for _, col in found.comparators)]
    before = max((col for col in taken if col < min(month_cols)), default=0)
    after = min((col for col in taken if col > max(month_cols)), default=last_column + 1)
    return range(before + 1, after)
