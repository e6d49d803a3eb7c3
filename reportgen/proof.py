"""What a rendered deck must show: the composer states it, the PDF export checks it.

PowerPoint and LibreOffice lay text out themselves, with whatever fonts the machine has, so a
table the composer planned to fit can still grow past the footer in the PDF. The composer says
what each slide must show; the export reads the PDF back and refuses one that lost anything.
"""

from __future__ import annotations

from reportgen.frozen import frozen


@frozen
class SlideProof:
    number: int
    """1-based slide number."""
    title: str
    """The slide's title as written."""
    table_texts: tuple[str, ...]
    """Every non-empty table cell text on the slide: header, sections and figures."""
    bottom: float
    """Fraction (0..1) of the slide's height: table text must end above it (the footer's top)."""
    figures: tuple[str, ...] = ()
    """The alt text of each chart and picture on the slide, in drawing order: a tagged PDF's
    figures on the slide's page, which LibreOffice leaves without it."""


@frozen
class DeckProof:
    slides: tuple[SlideProof, ...]
    fonts: tuple[str, ...]
    """Typefaces the deck's text uses, e.g. ("Arial",)."""
