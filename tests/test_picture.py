"""The README's picture of the deck (docs/deck.png, made by scripts/make_picture.py) shows what
the sample's deck says today."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from scripts.make_picture import (
    DIGEST,
    GAP,
    PICTURE,
    SLIDES,
    WIDTH,
    build_deck,
    digest,
    recorded_digest,
    slides_say,
)


def test_the_picture_is_current(tmp_path: Path) -> None:
    """What the pictured slides say, recomputed from a fresh build (no LibreOffice needed),
    matches the digest recorded when the picture was drawn. When it fails, the deck has
    changed: run `python scripts/make_picture.py` and commit docs/."""
    deck = build_deck(tmp_path, png=False)
    assert digest(deck) == recorded_digest(DIGEST), "run python scripts/make_picture.py"


def test_the_digest_is_of_what_the_slides_say(tmp_path: Path) -> None:
    deck = build_deck(tmp_path, png=False)
    said = slides_say(deck)
    assert [number for number, _ in said] == list(SLIDES)
    title, glance, table, exception = (dict.fromkeys(str(s) for s in shapes)
                                       for _, shapes in said)
    assert any("March 2019 Update" in s for s in title)
    assert any("KPIs at a glance: February 2019" in s for s in glance)
    assert any("97.8%" in s for s in table)
    assert any("'chart'" in s and "2.5" in s for s in exception)


def test_the_picture_is_four_slides_two_by_two() -> None:
    with Image.open(PICTURE) as picture:
        assert picture.width == 2 * (WIDTH + GAP) + GAP
        assert picture.height > picture.width / 2
