"""The sample built on templates nobody here wrote, through the real command line: python-pptx's
stock template (4:3) and two of LibreOffice's own Impress templates, converted at test time.
LibreOffice renders each deck; the PDF is kept only when every title and table row is on its
page above the footer (``export.verify_pdf``), so a zero exit is that proof."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from scripts.convert_templates import TEMPLATES, TESTED, convert
from tests.conftest import SAMPLE

FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER)
HAVE_TOOLS = shutil.which("soffice") is not None
needs_libreoffice = pytest.mark.skipif(
    not HAVE_TOOLS and not os.environ.get("CI"),
    reason="LibreOffice is not installed (CI installs it)")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], check=False,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def converted() -> Iterator[dict[str, Path]]:
    """The templates as LibreOffice converts them, kept apart from the test folders: they are
    LibreOffice's, with the shape ids and missing view properties PowerPoint would repair (the
    decks made from them are checked, and have none)."""
    if not all((TEMPLATES / f"{name}.otp").is_file() for name in TESTED):
        pytest.skip("LibreOffice's bundled Impress templates are not installed")
    with tempfile.TemporaryDirectory(prefix="reportgen-templates-") as folder:
        yield dict(zip(TESTED, convert(TESTED, Path(folder)), strict=True))


def _stock(folder: Path) -> Path:
    path = folder / "stock.pptx"
    Presentation().save(str(path))
    return path


def _template(name: str, converted: dict[str, Path], folder: Path) -> Path:
    return _stock(folder) if name == "stock" else converted[name]


def _layout_names(path: Path) -> set[str]:
    prs = Presentation(str(path))
    return {layout.name for master in prs.slide_masters for layout in master.slide_layouts}


# Each template's layouts for the deck's roles, by their names in it, as a team would map them
# in reportgen.toml after `template check` and `template inspect`.
LAYOUTS = {
    "stock": {"title": "Title Slide", "narrative": "Title and Content",
              "table": "Title and Content", "chart": "Title and Content",
              "chart-and-text": "Two Content"},
    **{name: {"title": "Title Slide (master 1)", "narrative": "Title, Content (master 2)",
              "table": "Title, Content (master 2)", "chart": "Title, Content (master 2)",
              "chart-and-text": "Title, 2 Content (master 2)"} for name in TESTED},
}


def _config(folder: Path, template: Path, layouts: dict[str, str]) -> Path:
    lines = ["[deck]", f"template = {str(template)!r}", 'marking = "OFFICIAL-SENSITIVE"', "",
             "[deck.layouts]",
             *(f"{role} = {name!r}" for role, name in layouts.items())]
    path = folder / "reportgen.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@needs_libreoffice
@pytest.mark.parametrize("name", ["stock", *TESTED])
def test_the_sample_builds_and_renders_on_a_third_party_template(
        name: str, converted: dict[str, Path], tmp_path: Path) -> None:
    template = _template(name, converted, tmp_path)
    config = _config(tmp_path, template, LAYOUTS[name])
    check = run("template", "check", "--config", str(config))
    assert check.returncode == 0, check.stderr
    assert check.stdout.count("(named in the configuration)") == 5
    assert check.stdout.endswith("every role filled\n")
    deck = tmp_path / "deck.pptx"
    built = run("build", str(SAMPLE), "--config", str(config), "-o", str(deck), "--pdf",
                "--no-history")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "deck.pdf").is_file()  # kept: every table row is on its page
    prs = Presentation(str(deck))
    source = Presentation(str(template))
    assert (prs.slide_width, prs.slide_height) == (source.slide_width, source.slide_height)
    names = _layout_names(template)
    chart_and_text = LAYOUTS[name]["chart-and-text"].split(" (master")[0]
    assert chart_and_text in {slide.slide_layout.name for slide in prs.slides}  # as mapped
    for number, slide in enumerate(prs.slides, start=1):
        assert slide.slide_layout.name in names, number  # the template's own masters
        shown = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert "OFFICIAL-SENSITIVE" in shown, number  # alone: not after a layout's "Footer"
        for shape in slide.shapes:  # nothing of ours off the slide (footers are the template's)
            if shape.is_placeholder and shape.placeholder_format.type in FOOTERS:
                continue
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, \
                (number, shape.name)
            assert shape.top >= 0 and shape.top + shape.height <= prs.slide_height, \
                (number, shape.name)


@needs_libreoffice
def test_a_libreoffice_template_uses_its_content_master(converted: dict[str, Path]) -> None:
    """Blue Curve has a master for its title page and one for the rest, layouts of the same
    names in each: its example slides say which is which."""
    check = run("template", "check", str(converted["Blue_Curve"]))
    assert "title: 'Title Slide (master 1)'" in check.stdout
    assert "table: 'Title, Content (master 2)'" in check.stdout


def test_template_check_lists_every_unfillable_role(tmp_path: Path) -> None:
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name not in ("Title Slide", "Title Only"):
            prs.slide_layouts.remove(layout)
    template = tmp_path / "thin.pptx"
    prs.save(str(template))
    check = run("template", "check", str(template))
    assert check.returncode == 1
    errors = [line for line in check.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(": ")[2] for line in errors] == ["narrative", "table", "chart",
                                                        "chart-and-text"]
    assert "'Title Slide', 'Title Only'" in check.stderr
    assert "Traceback" not in check.stderr


def test_template_inspect_writes_a_slide_per_layout(tmp_path: Path) -> None:
    template = _stock(tmp_path)
    out = tmp_path / "inspect.pptx"
    done = run("template", "inspect", str(template), "-o", str(out))
    assert done.returncode == 0, done.stderr
    slides = list(Presentation(str(out)).slides)
    assert [s.slide_layout.name for s in slides] == [
        layout.name for layout in Presentation().slide_layouts]
    assert slides[0].shapes.title.text_frame.text == \
        "Title Slide (role: title; idx 0: center title)"


def test_an_unreadable_template_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a deck")
    check = run("template", "check", str(bad))
    assert check.returncode == 1
    assert check.stderr.startswith(f"error: {bad}: not a readable PowerPoint template")
    assert len(check.stderr.splitlines()) == 1


def test_template_check_reads_the_layouts_of_reportgen_toml(tmp_path: Path) -> None:
    """Run where the team keeps its reportgen.toml (the working folder), with no FILE: the
    configured template, and each misnamed layout listed with the template's names."""
    _config(tmp_path, _stock(tmp_path), {"table": "Council Table", "chart": "Council Chart"})
    check = run("template", "check")
    assert check.returncode == 1
    errors = [line for line in check.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(": ")[2] for line in errors] == ["table", "chart"]
    assert "no layout named 'Council Table' (its layouts: 'Title Slide'" in errors[0]
