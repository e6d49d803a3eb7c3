"""Write the demonstration series: three monthly packs of SYNTHETIC figures, 24 months each.

Run from the repository root: ``python scripts/make_demo.py`` rewrites inputs/demo/. Every
figure is made up (a seeded random walk around a level), and every pack says so in its title, on
a narrative slide and in a note under its table. The series are shaped to show what the history
store and the SPC rules find:

- 1.1 shifts up at its end: special-cause improvement (higher is better);
- 3.1 has a latest point below its lower process limit: special-cause concern;
- 4.6 is stable: common cause;
- 6.2's Min sits above its upper process limit: it cannot meet it as things are (assurance fail);
- 2.10 is a YTD measure whose RAG changes between packs: a band move the board saw;
- 5.10 (lower is better): its December 2020 figure is restated in the March pack.

Build them in order to see history, the restatement and SPC: ``reportgen build inputs/demo/``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from reportgen.ingest.writer import (
    Deck,
    SheetNarrative,
    SheetRow,
    SheetSection,
    SheetTable,
    WorkbookSpec,
    count,
    pct,
    write_workbook,
)
from reportgen.model import Month, Paragraph, Presenter, TextRun

FOLDER = Path("inputs/demo")
PACKS = (Month(2021, 1), Month(2021, 2), Month(2021, 3))
"""The reporting months (the figures run to the month before each meeting)."""
SPAN = 24
FIRST = Month(2019, 1)
LAST = Month(2021, 2)
SYNTHETIC = "SYNTHETIC DEMONSTRATION FIGURES: not real data"


def _walk(seed: int, level: float, spread: float, months: int) -> list[float]:
    rng = random.Random(seed)
    return [round(level + rng.gauss(0, spread), 1) for _ in range(months)]


def _series() -> dict[str, list[float]]:
    """Every indicator's monthly figure from FIRST to LAST, in percent points."""
    months = (LAST.year * 12 + LAST.month) - (FIRST.year * 12 + FIRST.month) + 1
    series = {
        "1.1": _walk(11, 91.0, 1.2, months - 8) + _walk(12, 95.5, 0.8, 8),  # a shift up
        "2.10": _walk(21, 90.5, 1.0, months),
        "3.1": [*_walk(31, 92.0, 1.0, months - 1), 86.0],  # the last point far below
        "4.6": _walk(46, 94.0, 1.0, months),                # stable
        "5.10": _walk(510, 6.0, 1.0, months),               # lower is better
        "6.2": _walk(62, 60.0, 1.5, months),                # well short of its Min
    }
    # 2.10 is just above its Min in January's pack and below it in February's
    series["2.10"][-3] = 90.4
    series["2.10"][-2] = 89.2
    return series


MEASURES = {
    "1.1": ("% cases with Management Oversight recorded in past 8 weeks", "Snapshot", 90, 95),
    "2.10": ("% of assessments completed within 45 working days", "YTD", 90, 95),
    "3.1": ("% of children in need with CIN Plan completed", "Snapshot", 90, 95),
    "4.6": ("% children on a child protection plan receiving a visit within the past four "
            "weeks", "Snapshot", 90, 95),
    "5.10": ("% of LAC Single Assessments not yet completed or out of the one year timescale",
             "Snapshot", 15, 10),
    "6.2": ("% care leavers EET", "Snapshot", 65, 75),
}
SECTIONS = (("Management Oversight", ("1.1",)), ("Front door / assessment", ("2.10",)),
            ("Plans", ("3.1",)), ("Visits", ("4.6", "5.10")), ("Care Leavers", ("6.2",)))
DENOM = 1000


def _index(month: Month) -> int:
    return (month.year * 12 + month.month) - (FIRST.year * 12 + FIRST.month)


def _outturn(values: list[float]) -> float:
    """The 2019/20 financial year's outturn (April 2019 to March 2020): the same in every pack."""
    year = values[_index(Month(2019, 4)):_index(Month(2020, 3)) + 1]
    return round(sum(year) / len(year), 1)


def _pack(period: Month, series: dict[str, list[float]]) -> WorkbookSpec:
    """The pack presented in ``period``: figures to the month before, the last SPAN months."""
    latest = period.shifted(-1)
    months = [latest.shifted(-k) for k in range(SPAN - 1, -1, -1)]
    sections = []
    for title, refs in SECTIONS:
        rows = []
        for ref in refs:
            measure, kind, low, high = MEASURES[ref]
            values = [series[ref][_index(m)] for m in months]
            if ref == "5.10" and period == PACKS[-1]:
                values[months.index(Month(2020, 12))] += 2.3  # restated in the March pack
            current = values[-1]
            rows.append(SheetRow(ref, measure, pct(_outturn(series[ref]) / 100),
                                 count(round(current * 10)),
                                 count(DENOM), pct(current / 100), kind,
                                 [pct(v / 100) for v in values], pct(low / 100, 0),
                                 pct(high / 100, 0)))
        sections.append(SheetSection(title, rows))
    table = SheetTable(months=[m.short for m in months], sections=sections,
                       title=f"Highlight Indicators ({SYNTHETIC})",
                       description="A synthetic series, to show how the deck compares with earlier "
                              "packs, catches restated figures and reads long series with SPC.",
                  previous_label="2019/20", notes=[f"Source: {SYNTHETIC}."])
    about = SheetNarrative("About", "About this demonstration", [
        Paragraph((TextRun(SYNTHETIC, bold=True),)),
        Paragraph((TextRun("Three monthly packs of 24 months each: each deck compares with "
                           "the pack before it."),)),
    ])
    return WorkbookSpec(
        Deck(f"Demonstration (synthetic): {period.name} {period.year} Update",
             f"{period.name} {period.year}", [Presenter("Demonstration only")]),
        [about, table])


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    series = _series()
    for period in PACKS:
        write_workbook(FOLDER / f"demo-{period.iso}.xlsx", _pack(period, series))
    return 0


if __name__ == "__main__":
    sys.exit(main())
