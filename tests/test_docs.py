"""The README and the docs: the README is short, sets a Windows user up first, keeps the two
commands that CI and a developer run, and every link (written out in full in the README, for
the package index's page) leads to a file and heading that are there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = "https://github.com/reportgen-kpi/reportgen-kpi/"
DOCS = ("README.md", "CONTRIBUTING.md", *sorted(f"docs/{p.name}"
                                               for p in (ROOT / "docs").glob("*.md")))
COMMANDS = [
    "pip install . && reportgen build inputs/sample-2019-03.xlsx",
    "sh scripts/install-system-deps.sh && pip install -e '.[test]' && ruff check . && mypy && "
    "python -m pytest -q",
]


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(name: str) -> set[str]:
    return {anchor(h) for h in re.findall(r"^#+ (.*)$", text(name), re.M)}


def test_the_two_commands_stay_in_the_readme() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", text("README.md"), re.S)
    assert [block for block in blocks if block in COMMANDS] == COMMANDS


def test_the_first_screen_sets_up_windows_then_builds_a_deck() -> None:
    readme = text("README.md")
    first = re.findall(r"```(\w+)\n(.*?)\n```", readme, re.S)
    assert first[0][0] == "powershell" and "pip install reportgen-kpi" in first[0][1]
    start = next(body for kind, body in first if "reportgen init --sample" in body)
    assert start.splitlines() == ["reportgen init --sample",
                                  "reportgen check inputs/sample-2019-03.xlsx",
                                  "reportgen build"]
    assert readme.index("reportgen init --sample") < readme.index("## More")
    assert "outputs/" in readme[:readme.index("## Each month")]


def test_the_readme_is_short() -> None:
    assert len(text("README.md").split()) < 2500


@pytest.mark.parametrize("name", DOCS)
def test_no_editors_notes_are_left(name: str) -> None:
    assert "<!--" not in text(name)


@pytest.mark.parametrize("name", DOCS)
def test_every_link_leads_somewhere(name: str) -> None:
    content = text(name)
    for target in re.findall(r"\]\(([^)\s]+)\)", content):
        if target.startswith(REPOSITORY):
            path = re.sub(r"^(blob|tree|raw)/main/", "", target[len(REPOSITORY):])
        elif target.startswith("http"):
            continue
        elif target.startswith("#"):
            assert target[1:] in anchors(name), target
            continue
        else:
            path = str((ROOT / name).parent.joinpath(target).resolve().relative_to(ROOT))
        file, _, heading = path.partition("#")
        assert (ROOT / file).exists(), target
        if heading:
            assert heading in anchors(file), target


def test_links_in_the_readme_work_on_the_package_index() -> None:
    """The index shows the README without the repository around it: no relative links."""
    for target in re.findall(r"\]\(([^)\s]+)\)", text("README.md")):
        assert target.startswith(("http", "#")), target
