"""The title slide and the narrative (bullet) slides."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.compose.notes import set_notes
from reportgen.compose.template import Layout, layout_of, placeholder
from reportgen.compose.text import add_run, continued, fill_text_frame, paginate
from reportgen.model import DeckInfo, Narrative, Paragraph, TextRun


def title_slide(prs: Any, deck: DeckInfo) -> Any:
    slide = prs.slides.add_slide(layout_of(prs, Layout.TITLE))
    placeholder(slide, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE).text_frame.text = \
        deck.title
    frame = placeholder(slide, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY).text_frame
    frame.word_wrap = True
    first = True
    if deck.date_text:
        add_run(frame.paragraphs[0], TextRun(deck.date_text, bold=True))
        first = False
    for presenter in deck.presenters:
        p = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        p.space_before = 8 * 12700  # a little air between presenters (8 pt)
        add_run(p, TextRun(presenter.name, bold=True))
        if presenter.role:
            p.add_line_break()
            add_run(p, TextRun(presenter.role))
    return slide


Notes = Callable[[Sequence[Paragraph]], list[str]]


def spoken(page: Sequence[Paragraph]) -> list[str]:
    """Default speaker notes: the slide's own bullets, one per line."""
    return [p.text.strip() for p in page]


def narrative_slides(prs: Any, narrative: Narrative, notes: Notes = spoken) -> list[Any]:
    """Bullet slides, continued over as many slides as the text needs; each slide's speaker
    notes are ``notes`` of the bullets on that slide."""
    layout = layout_of(prs, Layout.CONTENT)
    body = _body_placeholder(layout)
    pages = paginate(narrative.paragraphs, body.width, body.height) if narrative.paragraphs \
        else [[]]
    slides = []
    for number, page in enumerate(pages):
        slide = prs.slides.add_slide(layout)
        placeholder(slide, PP_PLACEHOLDER.TITLE).text_frame.text = \
            continued(narrative.title, number)
        body_ph = placeholder(slide, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)
        if page:
            fill_text_frame(body_ph.text_frame, page)
        else:
            body_ph._element.getparent().remove(body_ph._element)  # no empty "click to add"
        set_notes(slide, notes(page) if page else [narrative.title])
        slides.append(slide)
    return slides


def _body_placeholder(layout: Any) -> Any:
    for shape in layout.placeholders:
        if shape.placeholder_format.type in (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY):
            return shape
    raise LookupError("checked by open_template")
