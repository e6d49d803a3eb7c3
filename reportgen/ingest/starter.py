"""The blank starter workbook written by ``reportgen init``."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

from reportgen.errors import OutputError, Place
from reportgen.ingest import INSTRUCTIONS
from reportgen.ingest.writer import (
    Deck,
    SheetNarrative,
    SheetRow,
    SheetSection,
    SheetTable,
    Value,
    WorkbookSpec,
    count,
    pct,
    write_workbook,
)
from reportgen.model import Month, Paragraph, Presenter, TextRun
from reportgen.output import Kind, write_atomically

NARRATIVE_TITLES = ("Improvement Progress", "Journey so far", "The next few months",
                    "How do we know how we are doing?", "Challenges", "Partnership Plan")


def _example_rows(months: int) -> list[SheetRow]:
    """Filled-in rows, so that `reportgen init` then `reportgen build` makes a deck, and the rows
    show how figures, percentages, targets, polarity and commentary are typed: a percentage
    where higher is better, one where lower is better (Min above Upper) and a count with no
    targets (data only)."""
    def trend(*values: float) -> list[Value]:
        return [pct(v) for v in values[-months:]]

    return [
        SheetRow("1.1", "EXAMPLE (replace this row): % of children's plans reviewed on time",
                 pct(0.88), count(90), count(100), pct(0.9), "Snapshot",
                 trend(0.85, 0.86, 0.88, 0.87, 0.89, 0.9), pct(0.9, 0), pct(0.95, 0),
                 commentary="EXAMPLE: what is behind the figure.",
                 polarity="Higher"),
        SheetRow("1.2", "EXAMPLE (replace this row): % of referrals that are re-referrals within "
                 "12 months", pct(0.22), count(27), count(100), pct(0.27), "Rolling year",
                 trend(0.24, 0.25, 0.25, 0.26, 0.26, 0.27), pct(0.25, 0), pct(0.2, 0),
                 commentary="EXAMPLE: why it is red and what is being done.",
                 polarity="Lower"),
        SheetRow("1.3", "EXAMPLE (replace this row): Number of children in need", count(1_010),
                 "n/a", "n/a", count(1_020), "Snapshot",
                 [count(v) for v in (990, 1_000, 1_005, 1_012, 1_018, 1_020)][-months:]),
    ]


INSTRUCTION_LINES: tuple[tuple[int, str], ...] = (
    (0, "This sheet is for you, not the board: reportgen never puts a sheet named "
        "Instructions on a slide. Every other visible sheet becomes slides, in this order."),
    (0, "Deck sheet: the deck's Title, the meeting Date (a date or text) and one Presenter "
        "row per presenter (name in Value, role in Role)."),
    (0, "KPIs sheet: one row per indicator under the header. Columns are found by their "
        "labels, so keep the labels; you may add, move or hide columns."),
    (1, "Replace the EXAMPLE rows with your indicators; a row with a label and no figures "
        "(such as 'Example section') starts a section."),
    (1, "Percentages: type 97.8% (Excel stores 0.978 and shows 97.8%), never 0.978 in a "
        "General cell. Counts: plain numbers. A missing figure: leave it blank or type n/a "
        "(never 0)."),
    (1, "Targets: Min is the corporate minimum, Upper the upper target. Green at or beyond "
        "Upper, amber at or beyond Min, red short of Min. Min above Upper means lower is "
        "better. No targets: the measure is shown with no RAG."),
    (1, "Month columns: the last six months, headed like 'Sep 18' or with dates. Each month, "
        "move the headers one month on and add the new figures; keep Current as the "
        "figure the board should see."),
    (1, "Optional columns: Polarity (Higher or Lower, used where the targets do not say), "
        "Commentary (shown beside a red indicator's chart) and Trend (leave it empty: the "
        "deck draws the trend)."),
    (0, "Narrative sheets: cell A1 is the slide title; each row below is a bullet, column A "
        "for a point and column B for a sub-point. Replace the EXAMPLE bullets."),
    (0, "Then run: reportgen check <this file> to see what is wrong, and reportgen build "
        "<this file> to make the deck."),
)


def starter_spec(today: date) -> WorkbookSpec:
    """Headers for the six months up to last month, the seed's slide titles, example rows and
    one example bullet on each narrative sheet, to be replaced, and an Instructions sheet."""
    last = Month(today.year, today.month).shifted(-1)
    months = [last.shifted(i - 5).short for i in range(6)]
    narratives = [SheetNarrative(_sheet_name(t), t, [
        Paragraph((TextRun("EXAMPLE: replace with a point for this slide (column A); a "
                           "sub-point goes in column B of the row below."),))])
        for t in NARRATIVE_TITLES]
    table = SheetTable(months=months, sections=[SheetSection("Example section",
                                                             _example_rows(len(months)))],
                       previous_label=_financial_year(last.shifted(-12)), commentary=True,
                       polarity=True, notes=["Source: EXAMPLE (replace): the case management "
                                             "system, figures as at the end of each month"])
    instructions = SheetNarrative(INSTRUCTIONS, "How to fill in this workbook", [
        Paragraph((TextRun(text),), level) for level, text in INSTRUCTION_LINES])
    return WorkbookSpec(
        Deck(title=f"Children's Services Improvement: {today:%B %Y} Update",
             presenters=[Presenter("EXAMPLE name", "EXAMPLE role")]),
        [instructions, narratives[0], table, *narratives[1:]],
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
    content = BytesIO()
    write_workbook(content, starter_spec(today))
    # through the output guard: never a link or special file, whole or not at all
    write_atomically(path, content.getvalue(), kind=Kind.WORKBOOK)
