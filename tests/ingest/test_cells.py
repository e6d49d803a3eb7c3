from __future__ import annotations

from datetime import date, datetime

import pytest

from reportgen.ingest.cells import NotANumberError, Number, format_decimals, read_month, read_number
from reportgen.model import Month


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (0.978, "0.0%", Number(97.8, 1, True)),
    (0.96, "0%", Number(96.0, 0, True)),
    (0.57, "0%", Number(57.0, 0, True)),          # no 56.99999999999999
    (2995, "#,##0", Number(2995.0, 0, False)),
    (2.5, "0.0", Number(2.5, 1, False)),
    (2.5, "General", Number(2.5, 1, False)),
    (1020, "General", Number(1020.0, 0, False)),
    (97.8, "General", Number(97.8, 1, False)),
    ("97.8%", "General", Number(97.8, 1, True)),
    ("2,995", "@", Number(2995.0, 0, False)),
    (" 13,140 ", "General", Number(13140.0, 0, False)),
    ("1,234,567.50", "General", Number(1234567.5, 2, False)),
    ("-3.0", "General", Number(-3.0, 1, False)),
    ("100.0 %", "General", Number(100.0, 1, True)),
])
def test_numbers_as_people_store_them(value: object, fmt: str, expected: Number) -> None:
    assert read_number(value, fmt) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "-", "n/a", "N/A", "–", "tbc"])
def test_placeholders_are_missing(value: object) -> None:
    assert read_number(value) is None


@pytest.mark.parametrize("value", ["ninety", "1,23", "97.8%%", True, datetime(2019, 2, 1)])
def test_unreadable(value: object) -> None:
    with pytest.raises(NotANumberError):
        read_number(value)


@pytest.mark.parametrize(("fmt", "decimals"), [
    ("0.0%", 1), ("0%", 0), ("#,##0", 0), ("#,##0.00", 2), ("0.000", 3), ("General", None),
    ('0.0" pts"', 1), ("[Red]0.00;[Blue]-0.00", 2), ("@", None),
])
def test_format_decimals(fmt: str, decimals: int | None) -> None:
    assert format_decimals(fmt) == decimals


@pytest.mark.parametrize(("value", "month"), [
    ("Sep 18", Month(2018, 9)), ("Sep-18", Month(2018, 9)), ("September 2018", Month(2018, 9)),
    ("sept 18", Month(2018, 9)), (" FEB 19 ", Month(2019, 2)), ("2019-02", Month(2019, 2)),
    (datetime(2019, 2, 1), Month(2019, 2)), (date(2018, 12, 31), Month(2018, 12)),
    ("Min", None), ("2017/18", None), ("Marching 18", None), ("Current", None), (None, None),
])
def test_month_labels(value: object, month: Month | None) -> None:
    assert read_month(value) == month
