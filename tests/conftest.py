from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.ingest.writer import WorkbookSpec, write_workbook

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
