"""Estimating text before it is drawn: widths that err wide, greedy wrapping, shortening that
fits and says so."""

from __future__ import annotations

import pytest

from reportgen.plan.measure import (
    char_em,
    line_height_pt,
    shorten_to_lines,
    text_width_pt,
    wrap_lines,
)


def test_a_character_is_as_wide_as_the_wider_font() -> None:
    assert char_em("i") == pytest.approx(0.278)  # DejaVu's i is wider than Arial's 0.222
    assert char_em("W") == pytest.approx(0.989)  # DejaVu's W is wider than Arial's 0.944
    assert char_em("m", bold=True) > char_em("m")


def test_widths_add_up() -> None:
    assert text_width_pt("ab", 10) == pytest.approx(text_width_pt("a", 10)
                                                    + text_width_pt("b", 10))
    assert text_width_pt("abc", 20) == pytest.approx(2 * text_width_pt("abc", 10))


def test_wrapping() -> None:
    word = text_width_pt("word", 10)
    space = text_width_pt(" ", 10)
    assert wrap_lines("", 100, 10) == 1
    assert wrap_lines("word word", 2 * word + space, 10) == 1
    assert wrap_lines("word word", 2 * word + space - 0.01, 10) == 2
    assert wrap_lines("word\nword", 1000, 10) == 2
    assert wrap_lines("w" * 40, text_width_pt("w" * 11, 10), 10) == 4  # a long word breaks


def test_line_height() -> None:
    assert line_height_pt(10) == pytest.approx(12.0)


def test_shortening_keeps_what_fits() -> None:
    assert shorten_to_lines("short text", 200, 10, 1) == "short text"
    text = "one two three four five six seven eight nine ten " * 5
    width = text_width_pt("one two three four five", 10) + 1
    shown = shorten_to_lines(text, width, 10, 2)
    assert shown.endswith("…")
    assert wrap_lines(shown, width, 10) <= 2
    assert text.startswith(shown[:-1])
    longer = " ".join(text.split()[:len(shown[:-1].split()) + 1]) + "…"
    assert wrap_lines(longer, width, 10) > 2  # the longest prefix that fits


def test_one_enormous_word_is_cut_by_characters() -> None:
    shown = shorten_to_lines("x" * 500, 100, 10, 1)
    assert shown.endswith("…")
    assert wrap_lines(shown, 100, 10) == 1
