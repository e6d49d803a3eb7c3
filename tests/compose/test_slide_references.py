"""Render and compare: each kind of slide drawn from a small plan through the real composer, its
XML held, normalised, to a reviewed reference file in ``tests/compose/references/``.

The other render tests read a deck back through python-pptx and check what it says; these catch
a change of *look* nobody meant: a cell's anchor, bold, size or fill, a text frame's run sizes,
a tile's colours, a chart's labels, any position or colour. Each reference lists the parts
the slide relates to (its layout, pictures, charts, notes page), then holds the slide's XML,
each chart part's and the notes page's, every ``r:id`` written as the part it names, and each
picture's size in pixels (not its bytes, which depend on the versions of Pillow and zlib).

Normalised: every element on a line of its own, indented, attributes sorted; nothing else is
changed, so any change to what the slide shows changes the reference.

Slides: from the sample (the title, a narrative's bullets, the glance, the KPI table's first and
continued pages, the cohort chart, the comparison's bar chart, an exception's chart and text,
the data-quality appendix); the sample's first table page on python-pptx's stock 4:3 template;
and an exception with an XmR chart, from the 24 months of ``tests.builders.spc_spec``. Each deck
holds the title and the slides picked from its plan, in the plan's order: a slide is given its
footer only from the deck's second on, so a plan of that slide alone would show none.

When a change to the look is meant, write the references afresh and review the difference::

    REPORTGEN_UPDATE_REFERENCES=1 python -m pytest -q tests/compose/test_slide_references.py
    git diff tests/compose/references/

and commit the references with the change, so that the reviewer sees what moved.
"""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from reportgen.build import DEFAULT_TEMPLATE, assess_workbook
from reportgen.compose import compose_deck, load_template
from reportgen.config import NO_CONFIG
from reportgen.findings import all_warnings
from reportgen.ingest.writer import write_workbook
from reportgen.plan import DeckOptions, DeckPlan, Role, plan_deck
from reportgen.plan.slides import ChartKind, ChartSlide, Slide, TableSlide, TitleSlide
from tests.builders import spc_spec
from tests.conftest import ROOT, SAMPLE

REFERENCES = Path(__file__).parent / "references"
UPDATE = os.environ.get("REPORTGEN_UPDATE_REFERENCES") == "1"
"""Write each reference from the slide as drawn now instead of comparing with it."""

OPTIONS = DeckOptions(appendix=True)

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_NOTES = _OFFICE_REL + "notesSlide"
_CHART = _OFFICE_REL + "chart"
_IMAGE = _OFFICE_REL + "image"


@dataclass(frozen=True)
class Source:
    """A workbook and the template its deck is drawn on."""

    name: str
    workbook: Callable[[Path], Path]
    """The workbook's path, written into the given folder if need be."""
    template: Callable[[Path], Path]


def _sample(_: Path) -> Path:
    return SAMPLE


def _spc(folder: Path) -> Path:
    path = folder / "spc.xlsx"
    write_workbook(path, spc_spec())
    return path


def _bundled(_: Path) -> Path:
    return DEFAULT_TEMPLATE


def _stock(folder: Path) -> Path:
    """python-pptx's own default template: 4:3, PowerPoint's stock layouts."""
    path = folder / "stock.pptx"
    Presentation().save(str(path))
    return path


SAMPLE_16_9 = Source("sample", _sample, _bundled)
SAMPLE_4_3 = Source("sample on 4:3", _sample, _stock)
SPC = Source("spc", _spc, _bundled)


def _titled(title: str, *, whole: bool = True) -> Callable[[DeckPlan], Slide]:
    """The one slide titled ``title`` (or, not ``whole``, whose title begins so)."""
    def pick(plan: DeckPlan) -> Slide:
        found = [slide for slide in plan.slides if slide.title == title
                 or (not whole and slide.title.startswith(title))]
        assert len(found) == 1, [slide.title for slide in plan.slides]
        return found[0]
    return pick


def _title(plan: DeckPlan) -> Slide:
    return next(slide for slide in plan.slides if isinstance(slide, TitleSlide))


def _first_table(plan: DeckPlan) -> Slide:
    return next(slide for slide in plan.slides if isinstance(slide, TableSlide))


def _cohort(plan: DeckPlan) -> Slide:
    """The cohort slide: a chart slide of line charts without text beside them."""
    found = [slide for slide in plan.slides if isinstance(slide, ChartSlide)
             and slide.role is Role.CHART and slide.charts[0].kind is ChartKind.LINE]
    assert len(found) == 1, [slide.title for slide in plan.slides]
    return found[0]


def _compare(plan: DeckPlan) -> Slide:
    found = [slide for slide in plan.slides if isinstance(slide, ChartSlide)
             and any(chart.kind is ChartKind.BAR for chart in slide.charts)]
    assert len(found) == 1, [slide.title for slide in plan.slides]
    return found[0]


def _xmr(plan: DeckPlan) -> Slide:
    """The exception slide of S2, whose last month is below its lower process limit."""
    slide = _titled("S2: ", whole=False)(plan)
    assert isinstance(slide, ChartSlide)
    assert any(series.name == "Process limits" for series in slide.charts[0].series)
    return slide


@dataclass(frozen=True)
class Case:
    """A kind of slide: its reference's name, the deck it is picked from and how."""

    name: str
    source: Source
    pick: Callable[[DeckPlan], Slide]


CASES = (
    Case("title", SAMPLE_16_9, _title),
    Case("bullets", SAMPLE_16_9, _titled("Improvement Progress")),
    Case("glance", SAMPLE_16_9, _titled("KPIs at a glance: February 2019")),
    Case("table-first", SAMPLE_16_9, _titled("February KPIs")),
    Case("table-continued", SAMPLE_16_9, _titled("February KPIs (continued)")),
    Case("table-4-3", SAMPLE_4_3, _first_table),
    Case("chart-cohort", SAMPLE_16_9, _cohort),
    Case("chart-and-text", SAMPLE_16_9, _titled("3.1: ", whole=False)),
    Case("compare", SAMPLE_16_9, _compare),
    Case("spc", SPC, _xmr),
    Case("appendix", SAMPLE_16_9, _titled("Data quality: February 2019")),
)


@dataclass(frozen=True)
class Drawn:
    """A composed deck's files by name, and each picked slide's part name by its case."""

    files: dict[str, bytes]
    slides: dict[str, str]


def _draw(source: Source, folder: Path) -> Drawn:
    """The source's deck planned as ``build`` plans it (no history store), then its title and
    the slides its cases pick drawn as a deck of their own."""
    workbook = source.workbook(folder)
    assessed = assess_workbook(workbook, NO_CONFIG, None)
    report, assessments = assessed.report, assessed.assessments
    template = load_template(source.template(folder))
    plan = plan_deck(report, assessments, template.geometry, OPTIONS,
                     tuple(all_warnings(report, assessments)), NO_CONFIG.rules)
    cases = [case for case in CASES if case.source == source]
    picked = {id(case.pick(plan)): case.name for case in cases}
    kept = [(slide, kind) for slide, kind in zip(plan.slides, plan.kinds, strict=True)
            if id(slide) in picked or isinstance(slide, TitleSlide)]
    slides = tuple(slide for slide, _ in kept)
    composed = compose_deck(replace(plan, slides=slides, kinds=tuple(k for _, k in kept)),
                            template, proof=False)
    files = dict(composed.files)
    names = _slide_names(files)
    return Drawn(files, {picked[id(slide)]: name for slide, name in zip(slides, names, strict=True)
                         if id(slide) in picked})


def _slide_names(files: dict[str, bytes]) -> list[str]:
    """The slides' part names in the presentation's order."""
    presentation = etree.fromstring(files["ppt/presentation.xml"])
    targets = _relationships(files, "ppt/presentation.xml")
    ids = presentation.xpath("//p:sldIdLst/p:sldId/@r:id", namespaces={
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main", "r": _R_NS})
    return [targets[rid][1] for rid in ids]


def _relationships(files: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: each id's type and target part name."""
    folder, name = posixpath.split(part)
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in files:
        return {}
    found = {}
    for rel in etree.fromstring(files[rels]):
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
        found[rel.get("Id")] = (rel.get("Type"), target)
    return found


def _normalised(files: dict[str, bytes], slide: str) -> str:
    """The slide, the parts it relates to, and their XML, as the reference holds them."""
    root = etree.Element("reference")
    rels = _relationships(files, slide)
    listed = etree.SubElement(root, "relationships")
    for kind, target in sorted(rels.values(), key=lambda rel: (rel[1], rel[0])):
        etree.SubElement(listed, "relationship", type=kind.rsplit("/", 1)[-1], target=target)
    root.append(_part(files, slide, rels))
    for kind, target in sorted(rels.values(), key=lambda rel: rel[1]):
        if kind in (_CHART, _NOTES):
            # a notes page's own relationships (its slide, the notes master) say nothing
            root.append(_part(files, target, _relationships(files, target)
                              if kind == _CHART else {}))
        elif kind == _IMAGE:
            with Image.open(BytesIO(files[target])) as picture:
                width, height = picture.size
            etree.SubElement(root, "picture", part=target, pixels=f"{width}x{height}")
    for element in root.iter():
        attributes = sorted(element.attrib.items())
        element.attrib.clear()
        element.attrib.update(attributes)
    etree.indent(root, space=" ")
    return str(etree.tostring(root, encoding="unicode")) + "\n"


def _part(files: dict[str, bytes], name: str, rels: dict[str, tuple[str, str]]) -> Any:
    """A part's XML inside a ``part`` element naming it; each relationship id it holds written
    as the part it names."""
    holder = etree.Element("part", name=name)
    root = etree.fromstring(files[name])
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute.startswith(f"{{{_R_NS}}}") and value in rels:
                element.set(attribute, f"[{rels[value][1]}]")
    holder.append(root)
    return holder


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Source], Drawn]:
    folder = tmp_path_factory.mktemp("references")

    @cache
    def draw(source: Source) -> Drawn:
        return _draw(source, folder)
    return draw


def _reference(case: Case) -> Path:
    return REFERENCES / f"{case.name}.xml"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_slide_is_drawn_as_its_reference(case: Case, drawn: Callable[[Source], Drawn]
                                             ) -> None:
    deck = drawn(case.source)
    actual = _normalised(deck.files, deck.slides[case.name])
    reference = _reference(case)
    if UPDATE:
        reference.parent.mkdir(exist_ok=True)
        reference.write_text(actual, encoding="utf-8", newline="\n")
    assert reference.is_file(), \
        f"no {reference.name}: run with REPORTGEN_UPDATE_REFERENCES=1 and review it"
    expected = reference.read_text(encoding="utf-8")
    if actual != expected:
        pytest.fail(f"{case.name} is not drawn as its reference, {reference.relative_to(ROOT)}"
                    f" (- reference, + drawn):\n{_first_difference(expected, actual)}",
                    pytrace=False)


def _first_difference(expected: str, actual: str) -> str:
    """The first lines that differ, with a few lines before them for their place."""
    diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "reference",
                                "drawn", n=6, lineterm="")
    return "\n".join(line for _, line in zip(range(60), diff, strict=False))


def test_every_reference_is_a_case() -> None:
    """A reference left behind by a case renamed or removed would guard nothing."""
    assert sorted(path.name for path in REFERENCES.iterdir()) == \
        sorted(_reference(case).name for case in CASES)
