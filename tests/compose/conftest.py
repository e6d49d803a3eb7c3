"""Decks built once per test session and shared by the render tests (each takes under a
second, but dozens of tests read them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.ingest.writer import WorkbookSpec, write_workbook
from reportgen.plan import DeckOptions
from tests.builders import big_spec, march_spec, reds_spec
from tests.compose.reading import Deck, render
from tests.conftest import SAMPLE


def _written(factory: pytest.TempPathFactory, name: str, spec: WorkbookSpec) -> Path:
    path = factory.mktemp("workbooks") / f"{name}.xlsx"
    write_workbook(path, spec)
    return path


@pytest.fixture(scope="session")
def sample_deck() -> Deck:
    """The sample workbook's deck, as ``reportgen build`` makes it."""
    return render(SAMPLE)


@pytest.fixture(scope="session")
def march_deck(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    """The following month, with a meeting date in a date cell."""
    return render(_written(tmp_path_factory, "march", march_spec()))


@pytest.fixture(scope="session")
def big_deck(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    """150 indicators, with the data-quality appendix."""
    return render(_written(tmp_path_factory, "big", big_spec(150)), DeckOptions(appendix=True))


@pytest.fixture(scope="session")
def reds_deck(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    """20 reds, more than the 12 that get a slide each, with the data-quality appendix."""
    return render(_written(tmp_path_factory, "reds", reds_spec(20)), DeckOptions(appendix=True))


@pytest.fixture(scope="session", params=["sample", "march", "big", "reds"])
def any_deck(request: pytest.FixtureRequest) -> Deck:
    """Each of the decks above in turn, for the rules every deck keeps."""
    deck: Deck = request.getfixturevalue(f"{request.param}_deck")
    return deck
