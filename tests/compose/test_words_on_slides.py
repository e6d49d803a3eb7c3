"""What no slide may say: an ISO date, tool text about missing commentary, the tool's own name.
Read from every piece of text a slide shows: shapes, table cells, charts' titles and labels."""

from __future__ import annotations

import re

from tests.compose.reading import Deck, everything_on, notes_of, title_of

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_no_iso_date_on_any_slide_or_in_its_notes(any_deck: Deck) -> None:
    for slide in any_deck.prs.slides:
        for text in (everything_on(slide), notes_of(slide)):
            assert not ISO_DATE.search(text), (title_of(slide), ISO_DATE.search(text))


def test_no_tool_text_on_any_slide(any_deck: Deck) -> None:
    for slide in any_deck.prs.slides:
        text = everything_on(slide)
        assert "Commentary: none" not in text, title_of(slide)
        assert "reportgen" not in text.lower(), title_of(slide)


def test_the_reader_finds_what_a_slide_shows(sample_deck: Deck) -> None:
    """The check above reads chart parts and table cells too, not only text frames."""
    everything = "\n".join(everything_on(s) for s in sample_deck.prs.slides)
    for shown in ("Min 90.0%", "Sep 18", "97.8% G", "Children's Social Care Highlight "
                  "Indicators", "March 2019"):
        assert shown in everything
