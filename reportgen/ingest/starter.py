"""The blank starter workbook written by ``reportgen init``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportgen.errors import OutputError, Place
from reportgen.ingest.writer import (
    Deck,
    Narrative,
    Row,
    Section,
    Table,
    WorkbookSpec,
    count,
    pct,
    write_workbook,
)
from reportgen.model import Month, Paragraph, TextRun

NARRATIVE_TITLES = ("Improvement Progress", "Journey so far", "The next few months",
                    "How do we know how we are doing?", "Challenges", "Partnership Plan")


EXAMPLE = Row("1.1", "EXAMPLE (replace this row): % of children's plans reviewed on time",
              pct(0.88), count(90), count(100), pct(0.9), "Snapshot",
              [pct(v) for v in (0.85, 0.86, 0.88, 0.87, 0.89, 0.9)], pct(0.9, 0), pct(0.95, 0))
"""One filled-in row, so that `reportgen init` then `reportgen build` makes a deck, and the
row shows how figures, percentages and targets are typed."""


def starter_spec(today: date) -> WorkbookSpec:
    """Headers for the six months up to last month, the seed's slide titles, one example row
    and one example bullet on each narrative sheet, to be replaced."""
    last = Month(today.year, today.month).shifted(-1)
    months = [last.shifted(i - 5).short for i in range(6)]
    narratives = [Narrative(_sheet_name(t), t, [
        Paragraph((TextRun("EXAMPLE: replace with a point for this slide (column A); a "
                           "sub-point goes in column B of the row below."),))])
        for t in NARRATIVE_TITLES]
    table = Table(months=months, sections=[Section("Example section", [EXAMPLE])],
                  previous_label=_financial_year(last.shifted(-12)))
    return WorkbookSpec(
        Deck(title=f"Children's Services Improvement: {today:%B %Y} Update"),
        [narratives[0], table, *narratives[1:]],
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
