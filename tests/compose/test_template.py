"""Finding a layout for each role in templates nobody here wrote, and saying at once every
role a template cannot fill."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation

from reportgen.build import DEFAULT_TEMPLATE, build_deck
from reportgen.compose import compose_deck, load_template
from reportgen.compose.inspection import check_template, inspection_deck
from reportgen.compose.template import UNSTATED, Found, template_problems
from reportgen.errors import TemplateError
from reportgen.findings import all_warnings
from reportgen.indicators import DEFAULT_RULES, assess_all
from reportgen.ingest import read_report
from reportgen.plan import DEFAULT_OPTIONS, Role, plan_deck
from reportgen.plan.layout import BUILTIN_GEOMETRY
from tests.compose.reading import render, titles
from tests.conftest import SAMPLE


@pytest.fixture
def stock(tmp_path: Path) -> Path:
    """python-pptx's own default template: 4:3, PowerPoint's stock layout names."""
    path = tmp_path / "stock.pptx"
    Presentation().save(str(path))
    return path


def _trimmed(tmp_path: Path, keep: tuple[str, ...]) -> Path:
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            prs.slide_layouts.remove(layout)
    path = tmp_path / "trimmed.pptx"
    prs.save(str(path))
    return path


def test_the_stock_template_fills_every_role_by_its_placeholders(stock: Path) -> None:
    chosen = {c.role: (c.layout, c.found) for c in load_template(stock).choices}
    assert chosen == {
        Role.TITLE: ("Title Slide", Found.BUNDLED),
        Role.CONTENT: ("Title and Content", Found.BUNDLED),
        Role.TABLE: ("Title and Content", Found.PLACEHOLDERS),
        Role.CHART: ("Title and Content", Found.PLACEHOLDERS),
        Role.CHART_AND_TEXT: ("Content with Caption", Found.PLACEHOLDERS),
    }


def test_every_unfillable_role_is_listed_at_once(tmp_path: Path) -> None:
    path = _trimmed(tmp_path, ("Title Only", "Blank", "Section Header"))
    problems = template_problems(path)
    assert [p.role for p in problems] == [Role.TABLE, Role.CHART, Role.CHART_AND_TEXT]
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: cannot fill 3 of the deck's 5 slide roles: table: ")
    assert "chart: " in message and "chart-and-text: " in message
    assert "\n" not in message


def test_a_configured_name_that_is_missing_names_it_and_the_layouts(stock: Path) -> None:
    problems = template_problems(stock, {Role.TABLE: "Council Table",
                                         Role.CHART: "Council Chart"})
    assert [p.role for p in problems] == [Role.TABLE, Role.CHART]
    assert "no layout named 'Council Table' (its layouts: 'Title Slide', 'Title and Content'" \
        in problems[0].reason


def test_a_configured_layout_must_hold_the_role(stock: Path) -> None:
    problems = template_problems(stock, {Role.CHART_AND_TEXT: "Title Only"})
    assert [str(p) for p in problems] == [
        "chart-and-text: layout 'Title Only' lacks a title, a chart (or content) placeholder and "
        "a second content (or body) placeholder for the text beside it"]


def test_configured_names_are_used(stock: Path) -> None:
    opened = load_template(stock, {Role.CHART_AND_TEXT: "Two Content"})
    chosen = {c.role: (c.layout, c.found) for c in opened.choices}
    assert chosen[Role.CHART_AND_TEXT] == ("Two Content", Found.NAMED)
    layouts = [layout for master in Presentation(str(stock)).slide_masters
               for layout in master.slide_layouts]
    assert layouts[opened.layouts[Role.CHART_AND_TEXT]].name == "Two Content"


def test_the_bundled_template_keeps_its_own_layouts() -> None:
    assert {c.found for c in check_template(DEFAULT_TEMPLATE).choices} == {Found.BUNDLED}


def test_a_potx_template_opens(tmp_path: Path, stock: Path) -> None:
    """A .potx differs from a .pptx in its main part's content type; LibreOffice's also relates
    its core properties under another name, which must not give the deck a second core.xml."""
    potx = tmp_path / "council.potx"
    with zipfile.ZipFile(stock) as source, zipfile.ZipFile(potx, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            elif info.filename == "_rels/.rels":
                data = data.replace(b"package/2006/relationships/metadata/core-properties",
                                    b"officedocument/2006/relationships/metadata/"
                                    b"core-properties")
            target.writestr(info, data)
    assert not template_problems(potx)
    deck = render(SAMPLE, template=potx)
    assert titles(deck.prs)[0].startswith("Children's Services Improvement")
    built = build_deck(SAMPLE, tmp_path / "deck.pptx", potx)
    names = zipfile.ZipFile(built.path).namelist()
    assert len(names) == len(set(names))


def test_the_stock_template_builds_the_sample_on_its_own_4_3_master(stock: Path) -> None:
    deck = render(SAMPLE, template=stock)
    prs = deck.prs
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, shape.name
            assert shape.top >= 0 and shape.top + shape.height <= prs.slide_height, shape.name


def test_the_table_uses_a_smaller_size_on_a_narrow_template(stock: Path) -> None:
    plan = render(SAMPLE, template=stock).plan
    sizes = {cell.size for slide in plan.slides if hasattr(slide, "table")
             for row in slide.table.rows[2:] for cell in row.cells}
    assert max(sizes) < 10.0


def test_inspection_has_a_slide_per_layout_naming_role_and_indexes(stock: Path) -> None:
    prs = Presentation(BytesIO(inspection_deck(stock)))
    assert len(prs.slides) == len(Presentation().slide_layouts)
    content = prs.slides[1]
    texts = [shape.text_frame.text for shape in content.placeholders]
    assert texts[0] == "Title and Content (role: narrative, table, chart; idx 0: title)"
    assert "idx 1: content" in texts


def test_layouts_from_libreoffice_share_no_index(tmp_path: Path, stock: Path) -> None:
    """LibreOffice writes a layout's title and content placeholders all with index 0; each is
    given one of its own so that a slide's title is its title."""
    prs = Presentation(str(stock))
    layout = prs.slide_layouts.get_by_name("Title and Content")
    for placeholder in layout.placeholders:
        placeholder._element.ph.set("idx", "0")  # as LibreOffice writes them
    path = tmp_path / "zeroes.pptx"
    prs.save(str(path))
    deck = render(SAMPLE, template=path)
    assert titles(deck.prs)[1] == "Improvement Progress"


@pytest.mark.parametrize("template", ["bundled", "stock"])
def test_one_measurement_is_drawn_into_twice_alike(template: str, stock: Path) -> None:
    """A template measured once draws any number of decks: each build opens a presentation of
    its own (the first the one measured), and the second deck is the first, byte for byte."""
    path = DEFAULT_TEMPLATE if template == "bundled" else stock
    report = read_report(SAMPLE)
    assessments = assess_all(report.kpis.indicators, DEFAULT_RULES)
    measured = load_template(path)
    plan = plan_deck(report, assessments, measured.geometry, DEFAULT_OPTIONS,
                     tuple(all_warnings(report, assessments)))
    first = compose_deck(plan, measured)
    second = compose_deck(plan, measured, proof=False)
    third = compose_deck(plan, measured)
    assert first.slides == second.slides == third.slides == len(plan.slides)
    assert first.files == second.files == third.files
    assert first.proof == third.proof


def test_sizes_for_a_template_that_states_none_are_the_planners_defaults() -> None:
    assert (UNSTATED.title, UNSTATED.cover_title, UNSTATED.cover_text, UNSTATED.footer) == (
        BUILTIN_GEOMETRY.title_size, BUILTIN_GEOMETRY.cover_title_size,
        BUILTIN_GEOMETRY.cover_text_size, BUILTIN_GEOMETRY.footer_size)
