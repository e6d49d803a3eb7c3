"""Finding the KPI table and its columns by their header labels, never by position.

The seed's header spans three rows with merged cells: a group label ("Current Performance",
"Target", "Six Month Trend") above the specific ones ("Num", "Min", "Sep 18"). Each column is
named by its lowest label that we recognise, reading the merged cells as if every cell of a
merged range held its label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

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
}
_FINANCIAL_YEAR = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")

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
    if _FINANCIAL_YEAR.match(label):
        return Role.PREVIOUS_YEAR
    return None


@dataclass(frozen=True)
class Layout:
    """Where the table is: its header band and the column of every role and month."""

    first_data_row: int
    last_column: int
    columns: Mapping[Role, int]
    months: tuple[tuple[Month, int], ...]
    previous_year_label: str
    labels: Mapping[Role, str]


@dataclass(frozen=True)
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
        found = {role_of(values.get((row, col))) for col in cols}
        if Role.REF in found and Role.MEASURE in found:
            return row
    return None


def classify(band: Grid, rows: list[int], columns: list[int]) -> tuple[
        dict[Role, int], list[tuple[Month, int]], dict[Role, str], list[Conflict]]:
    """Name each column by the lowest label in the band that means something to us."""
    roles: dict[Role, int] = {}
    labels: dict[Role, str] = {}
    months: list[tuple[Month, int]] = []
    conflicts: list[Conflict] = []
    seen_months: dict[Month, int] = {}
    for col in columns:
        for row in reversed(rows):
            value = band.get((row, col))
            if text_of(value) == "":
                continue
            month = read_month(value)
            role = None if month else role_of(value)
            if month is not None:
                if month in seen_months:
                    conflicts.append(Conflict(text_of(value), (seen_months[month], col), row))
                seen_months[month] = col
                months.append((month, col))
                break
            if role is not None:
                if role in roles:
                    conflicts.append(Conflict(text_of(value), (roles[role], col), row))
                else:
                    roles[role] = col
                    labels[role] = text_of(value)
                break
    return roles, months, labels, conflicts
