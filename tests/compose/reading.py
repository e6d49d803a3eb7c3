"""Decks built through the whole pipeline and read back with python-pptx, and what the render
tests read off them. A helper module for the tests in this folder, not a test file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.build import DEFAULT_TEMPLATE
from reportgen.compose import compose_deck, load_template
from reportgen.findings import all_warnings
from reportgen.indicators import Assessment, assess_all
from reportgen.ingest import read_report
from reportgen.model import Report
from reportgen.output import package
from reportgen.plan import DEFAULT_OPTIONS, DeckOptions, DeckPlan, plan_deck
from tests.ooxml import checked

EMU_PER_PT = 12700
FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER)
CHART_PART = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart")
_TEXT = re.compile(r"^\{[^}]+\}(t|v)$")


@dataclass(frozen=True)
class Deck:
    """A built deck, read back, with what it was built from."""

    prs: Any
    report: Report
    assessments: tuple[Assessment, ...]
    plan: DeckPlan


def render(path: Path, options: DeckOptions = DEFAULT_OPTIONS,
           template: Path = DEFAULT_TEMPLATE) -> Deck:
    """read → assess → plan → render, as ``build`` does, and the bytes opened again; the
    bytes must be a package PowerPoint opens without a repair (tests/ooxml.py)."""
    report = read_report(path)
    assessments = assess_all(report.kpis.indicators)
    opened = load_template(template)
    plan = plan_deck(report, assessments, opened.geometry, options,
                     tuple(all_warnings(report, assessments)))
    composed = compose_deck(plan, opened)
    assert composed.slides == len(plan.slides)
    data = package(composed.files)
    problems = checked(data)
    assert not problems, "\n".join(problems)
    return Deck(Presentation(BytesIO(data)), report, assessments, plan)


def title_of(slide: Any) -> str:
    return str(slide.shapes.title.text_frame.text)


def titles(prs: Any) -> list[str]:
    return [title_of(slide) for slide in prs.slides]


def slide_titled(prs: Any, title: str) -> Any:
    return next(slide for slide in prs.slides if title_of(slide) == title)


def tables(slide: Any) -> list[Any]:
    return [shape.table for shape in slide.shapes if shape.has_table]


def texts(row: Any) -> list[str]:
    return [cell.text_frame.text for cell in row.cells]


def is_kpi_table(table: Any) -> bool:
    """The KPI table (two header rows, the second starting "Ref"), not the reds' list."""
    rows = list(table.rows)
    return len(rows) > 1 and texts(rows[1])[:2] == ["Ref", "Performance Measure"]


def kpi_tables(prs: Any) -> list[Any]:
    return [table for slide in prs.slides for table in tables(slide) if is_kpi_table(table)]


def kpi_rows(prs: Any) -> list[list[str]]:
    """Every row of the KPI table's pages below the two header rows, as cell texts."""
    return [texts(row) for table in kpi_tables(prs) for row in list(table.rows)[2:]]


def indicator_rows(prs: Any) -> dict[str, list[str]]:
    """The KPI table's indicator rows by ref (a section row has only its first cell)."""
    return {row[0]: row for row in kpi_rows(prs) if row[1]}


def shape_texts(slide: Any) -> list[str]:
    """The text of every text frame on the slide (placeholders, text boxes, tiles)."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def slide_text(slide: Any) -> str:
    return "\n".join(shape_texts(slide))


def notes_of(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""


def body_paragraphs(slide: Any) -> list[Any]:
    body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    return list(body.text_frame.paragraphs)


def descr(shape: Any) -> str:
    """A shape's alt text (what a screen reader reads out)."""
    return str(shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or "")


def _xml_texts(root: Any) -> Iterator[str]:
    for element in root.iter():
        if isinstance(element.tag, str) and _TEXT.match(element.tag) and element.text:
            yield element.text


def everything_on(slide: Any) -> str:
    """Every piece of text the slide shows: its shapes and table cells, and its charts' titles,
    labels, series names and categories (which live in chart parts of their own)."""
    pieces = list(_xml_texts(slide._element))
    for rel in slide.part.rels.values():
        if rel.reltype == CHART_PART:
            pieces.extend(_xml_texts(etree.fromstring(rel.target_part.blob)))
    return "\n".join(pieces)


def footer_top(slide: Any) -> int:
    """Where the slide's footer placeholders begin (EMU); the slide's foot when it has none."""
    tops = [ph.top for ph in slide.placeholders
            if ph.placeholder_format.type in FOOTERS and ph.top is not None]
    return int(min(tops, default=slide.part.package.presentation_part.presentation
                   .slide_height))


def is_footer(shape: Any) -> bool:
    return bool(shape.is_placeholder and shape.placeholder_format.type in FOOTERS)
