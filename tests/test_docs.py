"""The README and CONTRIBUTING.md: the two commands stay first, and every link leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ("README.md", "CONTRIBUTING.md")
FIRST_COMMANDS = [
    "pip install . && reportgen build inputs/sample-2019-03.xlsx",
    "sh scripts/install-system-deps.sh && pip install -e '.[test]' && ruff check . && mypy && "
    "python -m pytest -q",
]


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_two_commands_come_first() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", text("README.md"), re.S)
    assert blocks[:2] == FIRST_COMMANDS


@pytest.mark.parametrize("name", DOCS)
def test_every_link_leads_somewhere(name: str) -> None:
    content = text(name)
    anchors = {anchor(h) for h in re.findall(r"^#+ (.*)$", content, re.M)}
    for target in re.findall(r"\]\(([^)\s]+)\)", content):
        if target.startswith("http"):
            continue
        if target.startswith("#"):
            assert target[1:] in anchors, target
        else:
            assert (ROOT / target).exists(), target
