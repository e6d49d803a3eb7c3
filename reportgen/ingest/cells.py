"""Reading single cells the way a person reads them on screen.

Real workbooks store the same figure in many ways: 0.978 with a ``0.0%`` format, the text
``"97.8%"``, 97.8 in a measure titled "% of ...", ``"2,995"`` as text. Placeholders (``-``,
``n/a``, blank) mean missing, never zero.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl.cell.rich_text import CellRichText

from reportgen.model import Month

PLACEHOLDERS = frozenset({"", "-", "–", "—", "n/a", "na", "n.a.", "..", "x", "*", "tbc", "null"})

_MONTH_NAMES = tuple(calendar.month_name[i].lower() for i in range(1, 13))
_MONTH_TEXT = re.compile(r"^([a-z]{3,9})\.?[\s\-/']*(\d{4}|\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_PLAIN_NUMBER = re.compile(r"^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


@dataclass(frozen=True)
class Number:
    """A numeric reading of a cell, before the measure's unit is known."""

    value: float
    decimals: int
    percent: bool
    """True when the cell itself says percent (a ``%`` format or text ending in ``%``)."""


class NotANumberError(ValueError):
    """The cell holds something that is neither a number nor a placeholder."""

    def __init__(self, shown: str) -> None:
        super().__init__(shown)
        self.shown = shown


def text_of(value: Any) -> str:
    """The plain text of a cell value, whitespace-trimmed; '' for blank."""
    if value is None:
        return ""
    if isinstance(value, CellRichText):
        value = str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\xa0", " ").split())


def is_blank(value: Any) -> bool:
    return text_of(value) == ""


def format_decimals(number_format: str) -> int | None:
    """Decimals an Excel number format displays, or None for General (depends on the value)."""
    section = _QUOTED.sub("", number_format.split(";", maxsplit=1)[0])
    if section.strip().lower() in {"general", ""} or not re.search(r"[0#?]", section):
        return None
    match = re.search(r"\.([0#?]+)", section)
    return len(match.group(1)) if match else 0


def _is_percent_format(number_format: str) -> bool:
    return "%" in _QUOTED.sub("", number_format)


def _written_decimals(value: float) -> int:
    text = format(value, ".12g")
    if "e" in text or "." not in text:
        return 0
    return len(text.partition(".")[2].rstrip("0"))


def _percent_points(fraction: float) -> float:
    # Rounding removes the binary noise of ×100 (0.57 * 100 == 56.99999999999999),
    # which would otherwise flip a RAG exactly at a target.
    return round(fraction * 100, 9)


def read_number(value: Any, number_format: str = "General") -> Number | None:
    """Read one cell as a number; None for blank or a placeholder; NotANumberError otherwise."""
    if isinstance(value, bool | datetime | date):
        raise NotANumberError(text_of(value))
    if isinstance(value, int | float):
        decimals = format_decimals(number_format)
        if _is_percent_format(number_format):
            points = _percent_points(float(value))
            shown = decimals if decimals is not None else _written_decimals(points)
            return Number(points, shown, True)
        shown = decimals if decimals is not None else _written_decimals(float(value))
        return Number(float(value), shown, False)
    return _read_number_text(text_of(value))


def _read_number_text(text: str) -> Number | None:
    if text.lower() in PLACEHOLDERS:
        return None
    percent = text.endswith("%")
    body = text.removesuffix("%").strip()
    if not _PLAIN_NUMBER.match(body):
        raise NotANumberError(text)
    decimals = len(body.split(".")[1]) if "." in body else 0
    return Number(float(body.replace(",", "")), decimals, percent)


def read_month(value: Any) -> Month | None:
    """A month label: a date cell or text such as ``Sep 18``, ``Sep-18``, ``September 2018``."""
    if isinstance(value, datetime | date):
        return Month(value.year, value.month)
    text = text_of(value).lower()
    iso = _ISO_MONTH.match(text)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return Month(int(iso.group(1)), int(iso.group(2)))
    match = _MONTH_TEXT.match(text)
    if not match:
        return None
    name, year = match.groups()
    # "Sep", "Sept" and "September" all name September; "Marching" names nothing.
    month = next((i for i, full in enumerate(_MONTH_NAMES, start=1) if full.startswith(name)),
                 None)
    if month is None:
        return None
    return Month(int(year) + (2000 if len(year) == 2 else 0), month)

