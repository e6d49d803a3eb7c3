"""The blank starter workbook written by ``reportgen init``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportgen.errors import OutputError, Place
from reportgen.ingest.writer import Deck, Narrative, Table, WorkbookSpec, write_workbook
from reportgen.model import Month

NARRATIVE_TITLES = ("Improvement Progress", "Journey so far", "The next few months",
                    "How do we know how we are doing?", "Challenges", "Partnership Plan")


def starter_spec(today: date) -> WorkbookSpec:
    """Headers for the six months up to last month, the seed's slide titles, no figures."""
    last = Month(today.year, today.month).shifted(-1)
    months = [last.shifted(i - 5).short for i in range(6)]
    narratives = [Narrative(_sheet_name(t), t, []) for t in NARRATIVE_TITLES]
    return WorkbookSpec(
        Deck(title=f"Children's Services Improvement: {today:%B %Y} Update"),
        [narratives[0], Table(months=months, previous_label=_financial_year(last.shifted(-12))),
         *narratives[1:]],
    )


def _sheet_name(title: str) -> str:
    # Excel forbids some characters in sheet names and allows at most 31 characters.
    return "".join(c for c in title if c not in "[]:*?/\\")[:31]


def _financial_year(month: Month) -> str:
    start = month.year if month.month >= 4 else month.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def write_starter(path: Path, *, today: date, force: bool = False) -> None:
    if path.suffix.lower() != ".xlsx":
        # `init my.csv` or `init mine` would write a workbook no one could open by its name
        raise OutputError("the starter workbook needs a name ending in .xlsx", Place(path))
    if path.exists() and not force:
        raise OutputError("already exists; use --force to overwrite it", Place(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(path, starter_spec(today))
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", Place(path)) from exc
