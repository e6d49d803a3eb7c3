from __future__ import annotations

from datetime import date, datetime, time

import pytest

from reportgen.ingest.cells import (
    OUT_OF_RANGE,
    NotANumberError,
    Number,
    format_decimals,
    looks_like_month,
    read_month,
    read_number,
    text_of,
)
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


@pytest.mark.parametrize(("value", "month"), [
    ("Feb 19 (provisional)", Month(2019, 2)), ("Feb-19 (prov)", Month(2019, 2)),
    ("Febuary 2019", Month(2019, 2)), ("Janurary 2019", Month(2019, 1)),
    ("Setpember 2018", Month(2018, 9)), ("February 19", Month(2019, 2)),
    ("Feb 19 [p]", Month(2019, 2)), ("Mar 19 outturn", Month(2019, 3)),
    ("02/2019", Month(2019, 2)), (43497, Month(2019, 2)), (43524.5, Month(2019, 2)),
    ("Feb 19_x000D_ (prov)", Month(2019, 2)),
    ("Apirl 19", None), ("Marching 18", None), ("Junly 19", Month(2019, 7)), (100, None),
    (True, None), (float("nan"), None), ("Febtember 19", None),
])
def test_month_labels_as_people_write_them(value: object, month: Month | None) -> None:
    assert read_month(value) == month


@pytest.mark.parametrize(("value", "looks"), [
    ("Febtember 19", True), ("Fbe 19", True), ("13/2019", True), ("Mrch 19", True),
    (43497, True), ("Sept", True),
    ("RAG", False), ("DoT", False), ("Notes", False), ("Q3 18/19", False), ("YTD", False),
    ("Direction of travel", False), ("Target", False), (None, False),
])
def test_what_looks_like_a_month(value: object, looks: bool) -> None:
    assert looks_like_month(value) is looks


@pytest.mark.parametrize(("value", "fmt", "shown", "reason"), [
    (datetime(2019, 2, 1), "mmm-yy", "2019-02-01", "is formatted as a date, not a number"),
    (time(12, 30), "h:mm", "12:30:00", "is formatted as a date, not a number"),
    (1e308, "General", "1e+308", OUT_OF_RANGE), (-1e308, "General", "-1e+308", OUT_OF_RANGE),
    (float("inf"), "General", "inf", OUT_OF_RANGE), (float("nan"), "General", "nan", OUT_OF_RANGE),
    (10**400, "General", "1e+400", OUT_OF_RANGE), (1e15, "General", "1e+15", OUT_OF_RANGE),
    (1e13, "0%", "1e+13", OUT_OF_RANGE),
    ("1,000,000,000,000,000", "@", "1,000,000,000,000,000", OUT_OF_RANGE),
    ("1e308", "General", "1e308", "is not a number"),
])
def test_figures_that_are_not_figures(value: object, fmt: str, shown: str, reason: str) -> None:
    with pytest.raises(NotANumberError) as caught:
        read_number(value, fmt)
    assert (caught.value.shown, caught.value.reason) == (shown, reason)


def test_largest_figure_still_read() -> None:
    assert read_number(999_999_999_999_999) == Number(999_999_999_999_999.0, 0, False)


@pytest.mark.parametrize(("raw", "text"), [
    ("A_x000B_B", "A B"), ("A_x000D__x000A_B", "A B"), ("Tab_x0009_bed", "Tab bed"),
    ("café_x00E9_", "caféé"), ("smile _xD83D__xDE00_", "smile 😀"), ("lone _xD800_", "lone �"),
    ("bell\x07here", "bell here"), ("not_x00Zescape", "not_x00Zescape"), ("_xFFFE_x", "x"),
])
def test_text_escapes_and_control_characters(raw: str, text: str) -> None:
    assert text_of(raw) == text
