"""Each class name means one thing across the package: no two classes share a name, so that a
name read anywhere (an import, a traceback, a review) says which class it is."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

import reportgen

PACKAGE = Path(reportgen.__file__).parent


def shared_names(sources: Mapping[str, str]) -> dict[str, list[str]]:
    """Class names defined more than once, each with the modules (and lines) defining it."""
    defined: dict[str, list[str]] = {}
    for module, source in sources.items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef):
                defined.setdefault(node.name, []).append(f"{module}:{node.lineno}")
    return {name: places for name, places in defined.items() if len(places) > 1}


def package_sources() -> dict[str, str]:
    return {str(path.relative_to(PACKAGE.parent)): path.read_text(encoding="utf-8")
            for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_two_classes_in_the_package_share_a_name() -> None:
    sources = package_sources()
    assert len(sources) > 50  # the whole package, subpackages included
    assert shared_names(sources) == {}


def test_a_shared_name_is_found_wherever_it_is_defined() -> None:
    found = shared_names({"a.py": "class Row:\n    pass\n",
                          "b.py": "def f():\n    class Row:\n        pass\n",
                          "c.py": "class Table:\n    pass\n"})
    assert found == {"Row": ["a.py:1", "b.py:2"]}
