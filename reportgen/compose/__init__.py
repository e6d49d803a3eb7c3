"""The renderer: the only code that touches python-pptx.

``load_template`` opens the template and measures it for the plan; ``compose_deck`` renders a
``DeckPlan`` into it in one pass and returns the files of the .pptx package. It decides nothing:
every word, figure, colour and box comes from the plan. Zipping the files and writing them
anywhere is the job of :mod:`reportgen.output`.
"""

from __future__ import annotations

from typing import Any

from reportgen.compose._oxml import SlideMaker, list_notes_master, package_files
from reportgen.compose.drawing import draw
from reportgen.compose.footer import add_footer, add_marking
from reportgen.compose.pictures import Pictures
from reportgen.compose.proofs import deck_proof
from reportgen.compose.template import Template, load_template
from reportgen.frozen import frozen
from reportgen.plan.slides import DeckPlan, Properties
from reportgen.proof import DeckProof

__all__ = ["Composed", "Template", "compose_deck", "load_template"]


@frozen
class Composed:
    files: tuple[tuple[str, bytes], ...]
    """The .pptx package's files, each its name and content, in the order python-pptx saves
    them."""
    slides: int
    proof: DeckProof | None
    """What each slide must show once rendered, for the PDF export to check; None when it was
    not asked for."""


def compose_deck(plan: DeckPlan, template: Template, *, proof: bool = True) -> Composed:
    """The plan drawn into a presentation of its own opened from the template (so a template
    measured once can be drawn into again); with ``proof``, what each slide must show once rendered
    (reading it back costs a big deck a tenth of a second, for a PDF that may not be made)."""
    opened = template.open()
    prs = opened.prs
    pictures = Pictures(prs.part.package)
    maker = SlideMaker(prs)
    for number, slide_plan in enumerate(plan.slides, start=1):
        slide = draw(opened, template.geometry, slide_plan, maker, pictures)
        footers = opened.footers[slide_plan.role]
        if number > 1:  # the title slide carries the date itself
            add_footer(slide, footers, plan.footer, number)
        if plan.marking is not None:
            add_marking(slide, footers, plan.marking)
        if not proof:  # the proof is read from the finished slides
            maker.write_out(slide)
    _set_properties(prs, plan.properties)
    list_notes_master(prs)
    return Composed(package_files(prs, maker.written), len(plan.slides),
                    deck_proof(prs) if proof else None)


def _set_properties(prs: Any, planned: Properties) -> None:
    props = prs.core_properties
    props.title = planned.title
    props.subject = planned.subject
    props.author = props.last_modified_by = "reportgen"
    props.created = props.modified = props.last_printed = planned.stamp
    props.revision = 1
    props.language = planned.language
    props.comments = ""
    props.keywords = planned.keywords
    props.category = planned.category
    if planned.status:
        props.content_status = planned.status
