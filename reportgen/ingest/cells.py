"""Reading single cells the way a person reads them on screen.

Real workbooks store the same figure in many ways: 0.978 with a ``0.0%`` format, the text
``"97.8%"``, 97.8 in a measure titled "% of ...", ``"2,995"`` as text. Placeholders (``-``,
``n/a``, blank) mean missing, never zero. Which unit a bare 0.978 is in is decided for the whole
row, not here (see ``scale``).
"""

from __future__ import annotations

import calendar
import difflib
import math
import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from openpyxl.cell.rich_text import CellRichText
from openpyxl.utils.datetime import from_excel

from reportgen.frozen import frozen
from reportgen.model import Aim, Month, Polarity

PLACEHOLDERS = frozenset({"", "-", "–", "—", "n/a", "na", "n.a.", "..", "x", "*", "tbc", "null"})

# Polarity cells as people write them: "Higher", "higher is better", "Lower (better)",
# "Low is good", "up", "down", "smaller is better", and near misses such as "Hgher".
_DIRECTION_WORDS = {
    **dict.fromkeys(("higher", "high", "up", "increase", "increasing", "bigger", "more",
                     "greater", "larger", "\u2191"), Polarity.HIGHER),
    **dict.fromkeys(("lower", "low", "down", "decrease", "decreasing", "smaller", "less",
                     "fewer", "\u2193"), Polarity.LOWER),
}
_FILLER_WORDS = frozenset({"is", "are", "better", "good", "best", "the", "a", "preferred",
                           "desirable", "desired", "polarity", "value", "values", "number",
                           "numbers", "figure", "figures", "target"})
_INVERTING_WORDS = frozenset({"worse", "bad", "worst", "poor"})
_KNOWN_WORDS = (*_DIRECTION_WORDS, *_FILLER_WORDS, *_INVERTING_WORDS)

# Excel keeps 15 significant digits: a figure this large is a typing or formula accident, and
# beyond it floats lose the integers that a count needs. Checked after scaling to percent points.
MAX_MAGNITUDE = 1e15

_MONTH_NAMES = tuple(calendar.month_name[i].lower() for i in range(1, 13))
_MONTH_TEXT = re.compile(r"^([a-z]{3,12})\.?[\s\-/']*(\d{4}|\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_YEAR_DIGITS = re.compile(r"^(\d{1,2})[/-](\d{4})$")
# "Feb 19 (provisional)", "Feb 19 [p]": notes in brackets are not part of the month.
_BRACKETED = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
# Words people add after a month label; they say how final the figures are, not which month.
_QUALIFIERS = frozenset({"provisional", "prov", "p", "final", "revised", "rev", "r", "actual",
                         "actuals", "est", "estimate", "estimated", "draft", "validated",
                         "unvalidated", "figures", "data", "outturn"})
_MONTH_PREFIXES = frozenset(name[:3] for name in _MONTH_NAMES)
_DATE_DIGITS = re.compile(r"^\d{1,4}\s*[-/.]\s*\d{1,4}(\s*[-/.]\s*\d{1,4})?$")
# Excel's serial numbers for 1 Jan 2000 and 1 Jan 2100: a header number in this range is a date
# whose cell lost its date format (43497 is 1 Feb 2019); other numbers are not months.
_SERIALS = (36526, 73051)
# Misspelt month names: close to exactly one month name, and long enough that a word like
# "Marching" (0.77 to "march") is not taken for one. Found by trying common misspellings.
_FUZZY_CUTOFF = 0.85
_FUZZY_MIN_LENGTH = 5
# OOXML writes characters XML cannot hold as _xHHHH_ (_x000D_ for a carriage return); openpyxl
# only undoes the escaped underscore (_x005F_), so the rest arrive literally.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Control characters (line breaks, vertical tabs from pasted PowerPoint text, tabs) become
# spaces: a cell is one line of a slide, and python-pptx would print them as _x000B_.
# U+FFFE and U+FFFF are not characters at all, and XML (so the deck) cannot hold them.
_CONTROLS = {code: " " for code in (*range(0x00, 0x20), 0x7F, 0xFFFE, 0xFFFF)}
_PLAIN_NUMBER = re.compile(r"^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_DIGIT_PLACES = re.compile(r"[0#?]")
_DECIMAL_PLACES = re.compile(r"\.([0#?]+)")


@frozen
class Number:
    """A numeric reading of a cell, before the measure's unit is known."""

    value: float
    decimals: int
    percent: bool
    """True when the cell itself says percent (a ``%`` format or text ending in ``%``)."""


class NotANumberError(ValueError):
    """The cell holds something that is neither a number nor a placeholder."""

    def __init__(self, shown: str, reason: str = "is not a number") -> None:
        super().__init__(shown)
        self.shown = shown
        self.reason = reason
        """How messages say what is wrong, after the value: "is not a number"."""


def clean_text(text: str) -> str:
    """Decode OOXML ``_xHHHH_`` escapes and turn control characters into spaces.

    Written for speed: most cells hold neither, and this runs on every text cell read."""
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # _xD83D__xDE00_ is one emoji written as two UTF-16 halves; a lone half is nothing.
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if not text.isprintable():
        text = text.translate(_CONTROLS)
    return text


def text_of(value: Any) -> str:
    """The plain text of a cell value, whitespace-trimmed; '' for blank."""
    if value is None:
        return ""
    if isinstance(value, CellRichText):
        value = str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(clean_text(str(value)).replace("\xa0", " ").split())


def is_blank(value: Any) -> bool:
    return text_of(value) == ""


# A workbook holds a handful of number formats and thousands of cells that use them: each
# format is read once (the two functions below are pure, and cached on the format's text).
@lru_cache(maxsize=1024)
def format_decimals(number_format: str) -> int | None:
    """Decimals an Excel number format displays, or None for General (depends on the value)."""
    section = _QUOTED.sub("", number_format.split(";", maxsplit=1)[0])
    if section.strip().lower() in {"general", ""} or not _DIGIT_PLACES.search(section):
        return None
    match = _DECIMAL_PLACES.search(section)
    return len(match.group(1)) if match else 0


@lru_cache(maxsize=1024)
def _is_percent_format(number_format: str) -> bool:
    return "%" in _QUOTED.sub("", number_format)


def _written_decimals(value: float) -> int:
    text = format(value, ".12g")
    if "e" in text or "." not in text:
        return 0
    return len(text.partition(".")[2].rstrip("0"))


def percent_points(fraction: float) -> float:
    # Rounding removes the binary noise of ×100 (0.57 * 100 == 56.99999999999999),
    # which would otherwise flip a RAG exactly at a target.
    return round(fraction * 100, 9)


def as_percent_points(number: Number) -> Number:
    """A bare fraction (0.978, shown with 3 decimals) as percent points (97.8, 1 decimal)."""
    return Number(percent_points(number.value), max(number.decimals - 2, 0), True)


def beyond_excel(value: float) -> bool:
    """Not a figure Excel can show: infinite, not a number, or too large (see MAX_MAGNITUDE)."""
    return not math.isfinite(value) or abs(value) >= MAX_MAGNITUDE


OUT_OF_RANGE = "is out of range for a figure (1e15 or more: beyond the 15 digits Excel keeps)"


def read_number(value: Any, number_format: str = "General") -> Number | None:
    """Read one cell as a number; None for blank or a placeholder; NotANumberError otherwise."""
    if isinstance(value, bool):
        raise NotANumberError(text_of(value))
    if isinstance(value, datetime | date | time | timedelta):
        # openpyxl hands a date-formatted number over as a date: the board would see a date.
        raise NotANumberError(_date_text(value), "is formatted as a date, not a number")
    if isinstance(value, int | float):
        # compared before float(): an integer too large for a float would overflow
        if abs(value) >= MAX_MAGNITUDE or not math.isfinite(value):
            raise NotANumberError(_short(value), OUT_OF_RANGE)
        decimals = format_decimals(number_format)
        if _is_percent_format(number_format):
            points = percent_points(float(value))
            if beyond_excel(points):
                raise NotANumberError(_short(value), OUT_OF_RANGE)
            shown = decimals if decimals is not None else _written_decimals(points)
            return Number(points, shown, True)
        shown = decimals if decimals is not None else _written_decimals(float(value))
        return Number(float(value), shown, False)
    return _read_number_text(text_of(value))


def _short(value: int | float) -> str:
    """A huge number as a message can show it: ``1e+308``, not 309 digits."""
    if isinstance(value, float):
        return format(value, ".6g")
    digits = str(abs(value))
    sign = "-" if value < 0 else ""
    rest = digits[1:6].rstrip("0")
    return f"{sign}{digits[0]}{'.' if rest else ''}{rest}e+{len(digits) - 1}"


def _date_text(value: datetime | date | time | timedelta) -> str:
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    return text_of(value)


def _read_number_text(text: str) -> Number | None:
    if text.lower() in PLACEHOLDERS:
        return None
    percent = text.endswith("%")
    body = text.removesuffix("%").strip()
    if not _PLAIN_NUMBER.match(body):
        raise NotANumberError(text)
    decimals = len(body.split(".")[1]) if "." in body else 0
    number = float(body.replace(",", ""))
    if beyond_excel(number):
        raise NotANumberError(text if len(text) <= 30 else text[:29] + "…", OUT_OF_RANGE)
    return Number(number, decimals, percent)


def read_month(value: Any) -> Month | None:
    """A month label: a date cell, a date serial (43497), or text such as ``Sep 18``,
    ``Sep-18``, ``September 2018``, ``Febuary 2019``, ``2019-02``, ``Feb 19 (provisional)``."""
    if isinstance(value, datetime | date):
        return Month(value.year, value.month)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial_month(value)
    text = _without_qualifiers(text_of(value).lower())
    for pattern, year_group, month_group in ((_ISO_MONTH, 1, 2), (_MONTH_YEAR_DIGITS, 2, 1)):
        if (digits := pattern.match(text)) and 1 <= int(digits.group(month_group)) <= 12:
            return Month(int(digits.group(year_group)), int(digits.group(month_group)))
    match = _MONTH_TEXT.match(text)
    if not match:
        return None
    name, year = match.groups()
    month = _month_number(name)
    if month is None:
        return None
    return Month(int(year) + (2000 if len(year) == 2 else 0), month)


# Financial-year quarters as councils head them: "Q1 2023/24", "Q3 23/24", "2023/24 Q1",
# "Qtr 1 2023-24", "Quarter 2 2023/24". A quarter is held as its last month (Q1: June).
_FY = r"((?:19|20)?\d{2})\s*[/-]\s*((?:19|20)?\d{2})"
_QUARTER = (re.compile(rf"^(?:q|qtr|quarter)\s*([1-4])\s*,?\s*(?:fy\s*)?{_FY}$"),
            re.compile(rf"^(?:fy\s*)?{_FY}\s*,?\s*(?:q|qtr|quarter)\s*([1-4])$"))


def read_quarter(value: Any) -> Month | None:
    """A financial-year quarter header, as its last month marked quarterly: ``Q3 2023/24`` is
    December 2023. None for anything else (a bare ``Q3`` names no year)."""
    if not isinstance(value, str | CellRichText):
        return None
    text = _without_qualifiers(text_of(value).lower())
    for number, pattern in enumerate(_QUARTER):
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groups()
        quarter, first, second = (groups[0], groups[1], groups[2]) if number == 0 \
            else (groups[2], groups[0], groups[1])
        start = int(first) + (2000 if len(first) == 2 else 0)
        if (start + 1) % 100 != int(second) % 100:
            return None
        end = 3 * int(quarter) + 3  # Q1 ends in June, Q3 in December, Q4 in March
        return Month(start + (end > 12), (end - 1) % 12 + 1, quarterly=True)
    return None


def read_period(value: Any) -> Month | None:
    """A month header (``read_month``) or a quarter header (``read_quarter``)."""
    return read_quarter(value) or read_month(value)


def looks_like_month(value: Any) -> bool:
    """A header that is probably a month written in a way ``read_month`` cannot read:
    a number, a date-like string of digits, or a word that starts like a month name
    ("Febtember 19", "Fbe 19", "13/2019"). "RAG" or "Notes" are not."""
    if isinstance(value, int | float | datetime | date) and not isinstance(value, bool):
        return True
    text = _without_qualifiers(text_of(value).lower())
    if _DATE_DIGITS.match(text) or _MONTH_TEXT.match(text):  # digits, or a word and a year
        return True
    return any(word[:3] in _MONTH_PREFIXES or (
        len(word) >= 4 and difflib.get_close_matches(word, _MONTH_NAMES, n=1, cutoff=0.7))
        for word in re.findall(r"[a-z]+", text))


def _serial_month(serial: float) -> Month | None:
    if not (math.isfinite(serial) and _SERIALS[0] <= serial < _SERIALS[1]):
        return None
    day = from_excel(serial)
    return Month(day.year, day.month)


def _without_qualifiers(text: str) -> str:
    """``feb 19 (provisional)``, ``feb-19 prov``, ``feb 19*`` → ``feb 19`` / ``feb-19``."""
    if "(" in text or "[" in text:
        text = _BRACKETED.sub(" ", text)
    words = text.replace("*", " ").split()
    while len(words) > 1 and (words[-1].strip(".:-–") in _QUALIFIERS or
                              not words[-1].strip(".:-–")):
        words.pop()
    return " ".join(words).strip(" -–—:,")


def _month_number(name: str) -> int | None:
    # "Sep", "Sept" and "September" all name September (three letters name one month).
    month = next((i for i, full in enumerate(_MONTH_NAMES, start=1) if full.startswith(name)),
                 None)
    if month is not None or len(name) < _FUZZY_MIN_LENGTH:
        return month
    # "Febuary", "Janurary", "Setpember": one clear nearest month with the same first letter.
    scores = sorted(((difflib.SequenceMatcher(None, name, full).ratio(), i)
                     for i, full in enumerate(_MONTH_NAMES, start=1) if full[0] == name[0]),
                    reverse=True)
    if not scores or scores[0][0] < _FUZZY_CUTOFF:
        return None
    if len(scores) > 1 and scores[0][0] - scores[1][0] < 0.1:
        return None
    return scores[0][1]


def read_polarity(text: str) -> Polarity | None:
    """``Higher``, ``higher is better``, ``Lower (better)``, ``Low is good``, ``down``,
    ``Hgher``; ``higher is worse`` is lower. None when the words say no one direction."""
    words = [_known_word(word) for word in re.findall(r"[a-z]+|[\u2191\u2193]", text.lower())]
    directions = {_DIRECTION_WORDS[w] for w in words if w in _DIRECTION_WORDS}
    if len(directions) != 1 or any(w is None for w in words):
        return None
    polarity = directions.pop()
    if any(w in _INVERTING_WORDS for w in words):
        polarity = Polarity.LOWER if polarity is Polarity.HIGHER else Polarity.HIGHER
    return polarity


# Polarity cells beyond a direction (design.md §2a): codes and phrases.
_AIM_CODES = {"h": Aim.HIGHER, "l": Aim.LOWER, "t": Aim.TWO_SIDED, "hi": Aim.HIGHER,
              "lo": Aim.LOWER}
_AIM_PHRASES = {
    **dict.fromkeys(("target", "stay close to target", "close to target", "within range",
                     "in range", "on target", "near target", "two sided", "two-sided",
                     "within tolerance", "range"), Aim.TWO_SIDED),
    **dict.fromkeys(("info", "information", "for information", "measure for information",
                     "context", "contextual", "n/a", "na", "none", "neutral", "data only",
                     "-", "no polarity"), Aim.NONE),
}


def read_aim(text: str) -> Aim | None:
    """A polarity cell: ``H``/``L``/``T``, ``Higher is better``, ``Bigger values are best``,
    ``Stay close to target``, ``Info``; None when it cannot be read."""
    words = " ".join(re.sub(r"[^\w/\u2191\u2193\s-]", " ", text.lower()).split())
    if words in _AIM_CODES:
        return _AIM_CODES[words]
    if words in _AIM_PHRASES:
        return _AIM_PHRASES[words]
    polarity = read_polarity(words.replace("values", "value"))
    if polarity is None:
        return None
    return Aim.HIGHER if polarity is Polarity.HIGHER else Aim.LOWER


_TARGET_WORDS = (
    # (pattern before the figure, strict, aim)
    (r"fewer than|less than|lower than|below|under|<", True, Polarity.LOWER),
    (r"no more than|not more than|at most|maximum of|maximum|max|up to|≤|<=|=<", False,
     Polarity.LOWER),
    (r"more than|greater than|higher than|above|over|>", True, Polarity.HIGHER),
    (r"at least|no less than|not less than|minimum of|minimum|min|≥|>=|=>", False,
     Polarity.HIGHER),
)
_TARGET_SUFFIXES = (
    (r"\+|or more|or above|or higher|or greater|and above|and over", False, Polarity.HIGHER),
    (r"or less|or fewer|or below|or lower|and below|and under", False, Polarity.LOWER),
)
_NO_TARGET = frozenset({"no target", "measure for information", "for information", "info",
                        "information only", "no target set", "not applicable", "contextual",
                        "context", "monitor", "monitor only", "data only", "baseline year",
                        "baseline", "n/a no target"})
_BENCHMARK_TARGET = re.compile(
    r"^(?:(at or above|at or below|above|below|better than|in line with|equal to|at|match|"
    r"same as)\s+(?:the\s+)?)(.*\b(?:england|national|nat|statistical|stat|neighbou?rs?|sn|"
    r"region|regional)\b.*)$")


@frozen
class TargetWords:
    """A target cell read: a figure with its strictness and direction, a benchmark to be rated
    against, or no target at all."""

    number: Number | None = None
    strict: bool = False
    aim: Polarity | None = None
    benchmark: str = ""
    none: bool = False
    """The cell says there is no target ("No target", "Measure for information")."""
    text: str = ""


def read_target(value: Any, number_format: str = "General") -> TargetWords | None:
    """A target as councils write one: ``90%``, ``Fewer than 85``, ``Less than 22%``,
    ``<22%``, ``≤ 22%``, ``90%+``, ``At least 90%``, ``More than 5``, ``No target``, ``Above
    Stat Neighbour Average``. None for a blank or a placeholder; NotANumberError for words
    that are none of these."""
    if not isinstance(value, str | CellRichText):
        number = read_number(value, number_format)
        return None if number is None else TargetWords(number)
    text = text_of(value)
    lowered = " ".join(text.lower().replace("±", "").split()).rstrip(".")
    if lowered in PLACEHOLDERS:
        return None
    if lowered in _NO_TARGET:
        return TargetWords(none=True, text=text)
    if (benchmark := _BENCHMARK_TARGET.match(lowered)) is not None:
        way = benchmark.group(1)
        aim = Polarity.LOWER if "below" in way else Polarity.HIGHER \
            if way in ("above", "at or above", "better than") else None
        return TargetWords(strict=way in ("above", "below", "better than"), aim=aim,
                           benchmark=text, text=text)
    if (worded := _inequality(lowered, text)) is not None:
        return worded
    number = _read_number_text(text)
    return None if number is None else TargetWords(number, text="")


def _inequality(lowered: str, text: str) -> TargetWords | None:
    """``fewer than 85``, ``<22%``, ``90%+``, ``5 or more``: the figure and which way."""
    for words, strict, aim in _TARGET_WORDS:
        match = re.match(rf"^(?:{words})\s*(.+)$", lowered)
        if match and (number := _target_number(match.group(1))) is not None:
            return TargetWords(number, strict, aim, text=text)
    for words, strict, aim in _TARGET_SUFFIXES:
        match = re.match(rf"^(.+?)\s*(?:{words})$", lowered)
        if match and (number := _target_number(match.group(1))) is not None:
            return TargetWords(number, strict, aim, text=text)
    return None


def _target_number(text: str) -> Number | None:
    try:
        return _read_number_text(text.strip())
    except NotANumberError:
        return None


def read_threshold_range(value: Any) -> tuple[Number, Number] | None:
    """An amber band written as a range, ``75%-80%`` or ``20 - 25``: its two ends."""
    if not isinstance(value, str | CellRichText):
        return None
    match = re.match(r"^\s*([\d.,]+%?)\s*(?:-|–|to)\s*([\d.,]+%?)\s*$", text_of(value))
    if match is None:
        return None
    low, high = (_target_number(part) for part in match.groups())
    if low is None or high is None:
        return None
    if match.group(2).endswith("%") and not match.group(1).endswith("%"):
        low = Number(low.value, low.decimals, True)  # "75-80%": both ends are percentages
    return low, high


def _known_word(word: str) -> str | None:
    if word in _DIRECTION_WORDS or word in _FILLER_WORDS or word in _INVERTING_WORDS:
        return word
    # "hgher", "lowr", "bettr": one letter off a word we know; short words must match exactly
    close = difflib.get_close_matches(word, _KNOWN_WORDS, n=1, cutoff=0.8) if len(word) > 3 \
        else []
    return close[0] if close else None
