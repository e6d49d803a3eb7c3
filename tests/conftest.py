from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reportgen.ingest.writer import WorkbookSpec, write_workbook
from tests.ooxml import decks_under, problems_in

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "sample-2019-03.xlsx"
Write = Callable[..., Path]
"""The ``write`` fixture: writes a WorkbookSpec and returns the file's path."""


@pytest.fixture
def sample() -> Path:
    return SAMPLE


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a workbook spec to a file in the test's temp dir and return its path."""

    def _write(spec: WorkbookSpec, name: str = "book.xlsx") -> Path:
        path = tmp_path / name
        write_workbook(path, spec)
        return path

    return _write


@pytest.fixture(autouse=True)
def _own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in a folder of its own: a build's default history store
    (outputs/history.sqlite, relative to the working folder) must not carry one test's
    workbooks into another's deck, nor litter the repository."""
    monkeypatch.chdir(tmp_path)


_SEEN: set[tuple[Path, int, int]] = set()
"""Decks already checked, by path, size and modification time."""


def _unchecked(folder: Path) -> list[Path]:
    fresh = []
    for path in decks_under(folder):
        info = path.stat()
        key = (path, info.st_size, info.st_mtime_ns)
        if key not in _SEEN:
            _SEEN.add(key)
            fresh.append(path)
    return fresh


@pytest.fixture(autouse=True)
def _decks_open_cleanly(tmp_path: Path) -> Iterator[None]:
    """Every deck a test leaves in its folder, built in the test or by the real CLI, is what
    PowerPoint opens without a repair: openxml-audit finds no error and the structure checks
    of tests/ooxml.py none either (decks built in memory are checked where the compose tests
    render them)."""
    yield
    problems = problems_in(_unchecked(tmp_path))
    assert not problems, "\n".join(problems)


@pytest.fixture(autouse=True, scope="session")
def _session_decks_open_cleanly(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The same for decks that module and session fixtures build in folders of their own
    (checked once, when the session ends)."""
    yield
    problems = problems_in(_unchecked(tmp_path_factory.getbasetemp()))
    assert not problems, "\n".join(problems)
