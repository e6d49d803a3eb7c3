"""Finding the KPI table and its columns by their header labels, never by position.

The seed's header spans three rows with merged cells: a group label ("Current Performance",
"Target", "Six Month Trend") above the specific ones ("Num", "Min", "Sep 18"). Each column is
named by its lowest label that we recognise, reading the merged cells as if every cell of a
merged range held its label.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from reportgen.frozen import frozen
from reportgen.ingest.cells import read_period, text_of
from reportgen.model import Month


class ColumnRole(Enum):
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
    TARGET = "Target"
    FLOOR = "Floor"
    TOLERANCE = "Tolerance"
    RED = "Red"
    AMBER = "Amber"
    RAG = "RAG"
    DIRECTION = "Direction of travel"
    YTD = "YTD"


REQUIRED = (ColumnRole.REF, ColumnRole.MEASURE)
"""Every table names its indicators; the rest is optional (targets: a data-only measure;
Current: the latest period's figure)."""

CONFIG_KEYS: Mapping[str, ColumnRole] = {
    "ref": ColumnRole.REF, "measure": ColumnRole.MEASURE, "polarity": ColumnRole.POLARITY,
    "current": ColumnRole.CURRENT, "target": ColumnRole.TARGET, "min": ColumnRole.MIN,
    "upper": ColumnRole.UPPER,
    "floor": ColumnRole.FLOOR, "tolerance": ColumnRole.TOLERANCE, "period": ColumnRole.PERIOD,
    "previous_year": ColumnRole.PREVIOUS_YEAR, "rag": ColumnRole.RAG,
    "direction": ColumnRole.DIRECTION,
    "numerator": ColumnRole.NUMERATOR, "denominator": ColumnRole.DENOMINATOR, "red": ColumnRole.RED,
    "amber": ColumnRole.AMBER, "commentary": ColumnRole.COMMENTARY, "ytd": ColumnRole.YTD,
}
"""``reportgen.toml [columns]``: a role's key → the header text that holds it (design.md §2a)."""
ROLE_KEYS = {role: key for key, role in CONFIG_KEYS.items()}

# The vocabulary of design.md §2a, as keys (see ``key_of``): what councils' published
# scorecards head each column with. Extend it; never narrow it.
_VOCABULARY: Mapping[ColumnRole, tuple[str, ...]] = {
    ColumnRole.REF: ("ref", "reference", "ref no", "no", "pi ref", "pi", "id", "indicator ref",
                     "pi no", "kpi ref", "kpi no", "measure ref", "indicator no", "ref number"),
    ColumnRole.MEASURE: ("performance measure", "measure", "indicator", "indicators",
                         "indicator description", "pi description", "key performance indicators",
                         "key performance indicator", "description", "performance indicator",
                         "measure description", "indicator name", "measure name", "kpi",
                         "kpi description", "performance indicators"),
    ColumnRole.NUMERATOR: ("num", "numerator"),
    ColumnRole.DENOMINATOR: ("denom", "denominator"),
    ColumnRole.CURRENT: ("current", "latest", "latest figure", "latest value", "current value",
                         "current position", "latest position"),
    ColumnRole.PERIOD: ("period", "period type", "data period", "data period type", "frequency"),
    ColumnRole.MIN: ("min", "target min", "minimum", "min target"),
    ColumnRole.UPPER: ("upper", "target upper", "upper target"),
    ColumnRole.TREND: ("trend", "trend line"),
    ColumnRole.POLARITY: ("polarity", "good is", "good perf is", "good performance is", "aim",
                          "direction of good performance", "good performance", "better is"),
    ColumnRole.COMMENTARY: ("commentary", "comment", "comments"),
    ColumnRole.PREVIOUS_YEAR: ("previous year", "last year", "prev year", "previous year outturn",
                               "last year outturn", "previous years outturn", "last years outturn",
                               "previous outturn"),
    ColumnRole.TARGET: ("target", "targets", "annual target", "target value", "agreed target",
                        "year end target", "green", "green threshold", "target green",
                        "q1 target", "q2 target", "q3 target", "q4 target", "quarterly target",
                        "monthly target"),
    ColumnRole.FLOOR: ("floor", "floor standard", "floor target"),
    ColumnRole.TOLERANCE: ("tolerance", "tolerances", "target tolerance", "tolerance %"),
    ColumnRole.RED: ("red", "red threshold"),
    ColumnRole.AMBER: ("amber", "amber threshold"),
    ColumnRole.RAG: ("rag", "rag in month", "status", "rag status", "rag rating", "current rag",
                     "rating"),
    ColumnRole.DIRECTION: ("dot", "dot month on month", "direction of travel", "direction",
                           "dot month", "dot year on year"),
    ColumnRole.YTD: ("ytd", "year to date", "ytd total", "ytd figure"),
}
_ALIASES: Mapping[str, ColumnRole] = {label: role for role, labels in _VOCABULARY.items()
                                      for label in labels}
# A target's header may carry its year or period: "Target 2023/24", "2023/24 Target".
_WITH_YEAR = re.compile(r"^(?:(?:19|20)?\d{2}\s*/\s*\d{2,4}\s+)?(.*?)(?:\s+(?:19|20)?\d{2}\s*/\s*"
                        r"\d{2,4})?$")
_YEARLESS_ROLES = frozenset({ColumnRole.TARGET, ColumnRole.FLOOR, ColumnRole.TOLERANCE})
# The previous year's outturn: "2017/18", "17/18", "2017-18", "FY17/18", "FY 2017/18",
# "Outturn 2017/18", "Year End 2015/16", "2017/18 outturn". Anchored at both ends, so that a
# comparator's year ("England 2017/18") never makes its column the previous year's.
_FINANCIAL_YEAR = re.compile(
    r"^(?:(?:fy|financial year|outturn|out turn|actual|previous year|last year|year end|"
    r"year end outturn)\s*:?\s*)?"
    r"(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})"
    r"(?:\s*(?:outturn|out turn|actual|actuals|final|fy|year end|previous year))?$")
# Comparator columns (design.md §2a): England, statistical neighbours, a region, optionally
# followed by a year. Tried before the previous year, so that "England 2017/18" is a comparator.
_COMPARATOR = re.compile(
    r"^(?:england|national|nat|statistical neighbou?rs?|stat neighbou?rs?|stat neigh|sns?|"
    r"neighbou?rs|best stat neigh|best sn|best statistical neighbou?r|region|regional|"
    r"(?:inner |outer )?london|(?:north|south)[\s-]?(?:east|west)|"
    r"(?:east|west) midlands|east of england|yorkshire)\b")
# What a near miss is measured against: the vocabulary and the comparators' own names.
_COMPARATOR_NAMES = ("england", "national", "statistical neighbours", "stat neighbours",
                     "regional")
_NEAR_CUTOFF = 0.85
_NEAR_MIN_LENGTH = 5
_ABBREVIATIONS = {"eng": "england", "nat av": "national", "stat nbr": "statistical neighbours"}
"""Short forms that are not in the vocabulary but plainly mean one of its names: read, with a
warning (like a near miss)."""

# A header is at most this many rows deep below the row holding "Ref".
MAX_HEADER_DEPTH = 6
# Where to look for the "Ref" header: a table may start anywhere, but near the top-left.
SEARCH_ROWS = 60
SEARCH_COLUMNS = 40

_PUNCTUATION = re.compile(r"[^\w%±/+\s-]|_")
_DASHES = re.compile(r"(?<![\d])-|-(?![\d])")


def normalise(value: Any) -> str:
    return text_of(value).lower().rstrip(":").strip()


@lru_cache(maxsize=4096)
def key_of(label: str) -> str:
    """A header as the vocabulary is written: lower case, without punctuation or extra spaces
    ("NO." → "no", "RAG (in month)" → "rag in month"); a year's "/" and "-" are kept."""
    text = _PUNCTUATION.sub(" ", label.lower().replace("'", ""))
    return " ".join(_DASHES.sub(" ", text).split())


def role_of(value: Any, mapped: Mapping[str, ColumnRole] | None = None) -> ColumnRole | None:
    """The role a header names: one the team mapped in reportgen.toml first, then the
    vocabulary, then a target's header with its year, then a financial year (the previous
    year's outturn)."""
    label = key_of(text_of(value))
    if not label:
        return None
    if mapped and label in mapped:
        return mapped[label]
    if label in _ALIASES:
        return _ALIASES[label]
    yearless = _WITH_YEAR.match(label)
    if yearless and (role := _ALIASES.get(yearless.group(1))) in _YEARLESS_ROLES:
        return role
    if _is_financial_year(label):
        return ColumnRole.PREVIOUS_YEAR
    return None


def near_role(value: Any) -> tuple[ColumnRole | None, str] | None:
    """A header that is not in the vocabulary but is one letter or two from a word in it
    ("Statisitcal neighbours", "Perfomance Measure"), or a plain short form ("Eng"): the role
    it is read as (None for a comparator) and the label it is read as. One clear nearest label
    at a high cutoff, as month names are read; a caller warns."""
    label = key_of(text_of(value))
    words = _TRAILING_YEAR.sub("", label).strip()
    if words in _ABBREVIATIONS:
        return None, _ABBREVIATIONS[words]
    if len(words) < _NEAR_MIN_LENGTH or any(ch.isdigit() for ch in words):
        return None
    candidates = [*_ALIASES, *_COMPARATOR_NAMES]
    scores = sorted(((difflib.SequenceMatcher(None, words, known).ratio(), known)
                     for known in candidates), reverse=True)
    best, known = scores[0]
    if best < _NEAR_CUTOFF or (len(scores) > 1 and best - scores[1][0] < 0.05
                               and _ALIASES.get(scores[1][1]) is not _ALIASES.get(known)):
        return None
    return (_ALIASES.get(known), known)


def _is_financial_year(label: str) -> bool:
    match = _FINANCIAL_YEAR.match(label)
    if not match:
        return False
    # The second year follows the first (2017/18, 17/18, 2017/2018): "2019/02" is no year.
    first, second = (int(group) for group in match.groups())
    return (first + 1) % 100 == second % 100 and (len(match.group(2)) == 2 or second == first + 1)


def financial_year_of(value: Any) -> int:
    """The first year of a previous-year header ("Year End 2015/16" → 2015), to find the latest
    of several outturn years."""
    match = _FINANCIAL_YEAR.match(key_of(text_of(value)))
    if match is None:
        return 0
    first = int(match.group(1))
    return first + 2000 if first < 100 else first


def is_comparator(value: Any) -> bool:
    return bool(_COMPARATOR.match(key_of(text_of(value))))


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
    columns: Mapping[ColumnRole, int]
    months: tuple[tuple[Month, int], ...]
    previous_year_label: str
    labels: Mapping[ColumnRole, str]
    comparators: tuple[tuple[str, int], ...] = ()
    """Comparator columns (header label, column): England, statistical neighbours, a region."""
    unread_months: tuple[tuple[str, int, int], ...] = ()
    """Columns among the months whose header is not a month (label, column, header row)."""
    month_row: int = 0
    """The header row that holds the month labels."""
    near: tuple[Near, ...] = ()
    """Headers read as the vocabulary's nearest label, each a warning."""
    headers: tuple[tuple[int, int, str, str], ...] = ()
    """Every header as read: (row, column, its text, the role's key or "")."""
    older_years: tuple[tuple[str, int], ...] = ()
    """Outturn years before the previous year (label, column): history, not read."""


@frozen
class Conflict:
    """Two columns claim the same label; the caller turns this into an InputError."""

    label: str
    columns: tuple[int, int]
    row: int


@frozen
class Near:
    """A header read as the vocabulary's nearest label ("Statisitcal neighbours")."""

    label: str
    meaning: str
    col: int
    row: int


Grid = Mapping[tuple[int, int], Any]
"""Cell values of the header band with merged ranges filled in, by (row, column)."""

KPI_SIGNS = 3
"""Labels a header row needs, with a Ref or a measure among them, to be taken for a KPI
table's header even when it lacks one of the two: it is then read, or refused by name."""


def find_header_row(values: Grid, rows: Iterable[int], columns: Iterable[int],
                    mapped: Mapping[str, ColumnRole] | None = None) -> int | None:
    """The first row holding both a Ref and a measure label; else the first that holds one of
    them among at least ``KPI_SIGNS`` labels of a KPI table (a header the team must map)."""
    cols = list(columns)
    candidate = None
    for row in rows:
        # only the cells holding something: a blank one has no role (most of the area searched)
        cells = [value for col in cols if (value := values.get((row, col))) is not None]
        found = {role_of(value, mapped) for value in cells}
        if ColumnRole.REF in found and ColumnRole.MEASURE in found:
            return row
        if candidate is None and {ColumnRole.REF, ColumnRole.MEASURE} & found:
            signs = sum(1 for value in cells if role_of(value, mapped) is not None
                        or read_period(value) is not None or is_comparator(value))
            if signs >= KPI_SIGNS:
                candidate = row
    return candidate


@dataclass
class Classified:
    """What the header band says about each column."""

    roles: dict[ColumnRole, int] = field(default_factory=dict)
    labels: dict[ColumnRole, str] = field(default_factory=dict)
    months: list[tuple[Month, int]] = field(default_factory=list)
    month_rows: list[int] = field(default_factory=list)
    """The header row each month label was found in (the month row, usually one)."""
    comparators: list[tuple[str, int]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    near: list[Near] = field(default_factory=list)
    headers: dict[int, tuple[int, str, str]] = field(default_factory=dict)
    """Column → (its header's row, text, role key) as read."""
    years: list[tuple[int, str, int]] = field(default_factory=list)
    """Outturn years: (first year, label, column)."""


def classify(band: Grid, rows: list[int], columns: list[int],
             mapped: Mapping[str, ColumnRole] | None = None) -> Classified:
    """Name each column by the lowest label in the band that means something to us.

    A previous-year label is tried before a month ("2011-12" is a financial year, not
    December 2011), and comparators before both ("England 2017/18" is not last year). Several
    outturn years are history: the latest is the previous year."""
    found = Classified()
    seen_months: dict[Month, int] = {}
    for col in columns:
        for row in reversed(rows):
            value = band.get((row, col))
            text = _header_text(value)
            if text == "":
                continue
            kind = _classify_one(found, value, col, row, seen_months, mapped)
            if kind is not None:
                top = row  # a label merged down the band is named by its top cell
                while top - 1 in rows and band.get((top - 1, col)) == value:
                    top -= 1
                found.headers[col] = (top, text, kind)
                break
        else:
            lowest = next((r for r in reversed(rows) if text_of(band.get((r, col)))), None)
            if lowest is not None:
                found.headers[col] = (lowest, text_of(band.get((lowest, col))), "")
    _latest_year(found)
    return found


def _header_text(value: Any) -> str:
    """A header as a person reads it: a date cell as its month (``Jul 16``)."""
    if isinstance(value, datetime | date):
        return Month(value.year, value.month).short
    return text_of(value)


def _classify_one(found: Classified, value: Any, col: int, row: int,
                  seen_months: dict[Month, int],
                  mapped: Mapping[str, ColumnRole] | None) -> str | None:
    """Record what one header cell names; its role's key, or None when it names nothing."""
    role = role_of(value, mapped)
    if role is None and is_comparator(value):
        found.comparators.append((text_of(value), col))
        return "comparator"
    month = None if role else read_period(value)
    if month is not None:
        if month in seen_months:
            found.conflicts.append(Conflict(text_of(value), (seen_months[month], col), row))
        seen_months[month] = col
        found.months.append((month, col))
        found.month_rows.append(row)
        return "quarter" if month.quarterly else "month"
    if role is None and (near := near_role(value)) is not None:
        role, meaning = near
        found.near.append(Near(text_of(value), meaning, col, row))
        if role is None:
            found.comparators.append((text_of(value), col))
            return "comparator"
    if role is None:
        return None
    if role is ColumnRole.PREVIOUS_YEAR:
        found.years.append((financial_year_of(value), text_of(value), col))
    elif role in found.roles:
        found.conflicts.append(Conflict(text_of(value), (found.roles[role], col), row))
    else:
        found.roles[role] = col
        found.labels[role] = text_of(value)
    return ROLE_KEYS.get(role, role.name.lower())


def _latest_year(found: Classified) -> None:
    """The latest outturn year is the previous year; two columns of one year conflict."""
    if not found.years:
        return
    year, label, col = max(found.years)
    same = [c for y, _, c in found.years if y == year and c != col]
    if same:
        found.conflicts.append(Conflict(label, (same[0], col), found.headers.get(col, (0,))[0]))
    found.roles[ColumnRole.PREVIOUS_YEAR] = col
    found.labels[ColumnRole.PREVIOUS_YEAR] = label
    for _, _, older in found.years:  # history: shown as read, never the previous year
        if older != col and older in found.headers:
            row, text, _ = found.headers[older]
            found.headers[older] = (row, text, "older_year")


def older_years(found: Classified) -> tuple[tuple[str, int], ...]:
    latest = found.roles.get(ColumnRole.PREVIOUS_YEAR)
    return tuple((label, col) for _, label, col in sorted(found.years) if col != latest)


def month_band(found: Classified, last_column: int) -> range:
    """The columns around the months up to the nearest other column on either side: where a
    header that is not a month is probably a month that could not be read."""
    if not found.months:
        return range(0)
    month_cols = [col for _, col in found.months]
    taken = [*found.roles.values(), *(col for _, col in found.comparators),
             *(col for _, _, col in found.years)]
    before = max((col for col in taken if col < min(month_cols)), default=0)
    after = min((col for col in taken if col > max(month_cols)), default=last_column + 1)
    return range(before + 1, after)
