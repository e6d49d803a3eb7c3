"""What three years of history cost a build: 1,000 indicators × 36 monthly packs in the store.

The store is filled as 36 builds would leave it (each pack: Current, Num, Denom, targets and six
month columns for every indicator), straight through ``reportgen.history.record``; then the next
month's workbook is built in fresh processes with that store and with ``--no-history``, and the
difference is what history costs (reading last month, restatements, SPC over 36+ months, and
recording the new pack). Target (issue 11): under 1 s added, a store under 50 MB.

Run from the repository root:  python benchmarks/history.py [--repeat 3] [--indicators 1000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))

from benchmarks.bench import best_of, deck_shape  # noqa: E402
from reportgen.history import Entry, record  # noqa: E402
from reportgen.ingest.writer import (  # noqa: E402
    Row,
    Section,
    Table,
    WorkbookSpec,
    count,
    pct,
    write_workbook,
)
from reportgen.model import Month  # noqa: E402
from scripts.make_sample import DECK, MONTHS  # noqa: E402

PACKS = 36
LAST = Month(2019, 1)
"""The month before the next workbook's (its figures run to February 2019)."""
PERIOD = LAST.shifted(1)
RESTATED_EVERY = 50
"""One indicator in this many had a month restated since the pack before: a store that agrees
with the workbook but for a few corrections, as a real council's does."""
SHIFTED_EVERY = 10
"""One indicator in this many has moved up 4 points for its last seven months: a real change,
which SPC must find (special-cause improvement); the others vary around their own level."""


def figure(n: int, month: Month, period: Month = PERIOD) -> float:
    """Indicator ``n``'s figure for ``month`` as the pack of ``period`` reported it: a level of
    its own (82% to 93%) and month-to-month noise of up to 1.5 points, made without randomness
    so every run measures the same store; the pack before the next workbook restates one
    indicator in RESTATED_EVERY."""
    index = _number(month)
    noise = ((n * 7919 + index * 104729) % 31 - 15) / 10
    shift = 4 if n % SHIFTED_EVERY == 0 and index > _number(PERIOD) - 7 else 0
    restated = period == LAST and n % RESTATED_EVERY == 0 and month == LAST.shifted(-2)
    return round(82 + (n * 7) % 12 + noise + shift + (1 if restated else 0), 1)


def _number(month: Month) -> int:
    return month.year * 12 + month.month


def _rag(value: float) -> str:
    return "red" if value < 90 else "amber" if value < 95 else "green"


def _ref(n: int) -> str:
    return f"{n // 20 + 1}.{n % 20 + 1}"


def _measure(n: int) -> str:
    return f"% of children seen within timescale ({n})"


def next_workbook(indicators: int, path: Path) -> Path:
    """The month after the store's last: its six month columns agree with what the store says
    of those months (but for the restated ones), Current is February's, Num/Denom match it."""
    months = [PERIOD.shifted(m - 5) for m in range(6)]
    sections = []
    for s in range(max(1, indicators // 20)):
        rows = []
        for n in range(s * 20, min(indicators, s * 20 + 20)):
            current = figure(n, PERIOD)
            rows.append(Row(_ref(n), _measure(n), pct(0.9), count(round(current * 10)),
                            count(1000), pct(current / 100), "Snapshot",
                            [pct(figure(n, month) / 100) for month in months],
                            pct(0.9, 0), pct(0.95, 0)))
        sections.append(Section(f"Section {s + 1}", rows))
    write_workbook(path, WorkbookSpec(DECK, [Table(months=MONTHS, sections=sections)]))
    return path


def fill(store: Path, indicators: int) -> float:
    """36 packs, oldest first, as the builds of those months would have recorded them."""
    started = time.perf_counter()
    for back in range(PACKS - 1, -1, -1):
        period = LAST.shifted(-back)
        entries = []
        for n in range(indicators):
            ref, name = _ref(n), _measure(n)
            value = figure(n, period, period)
            cell = f"KPIs!F{8 + n}"
            entries += [Entry(ref, name, "current", period, value, 1, cell, _rag(value),
                              f"{value:.1f}%"),
                        Entry(ref, name, "numerator", period, round(value * 10), 0, cell),
                        Entry(ref, name, "denominator", period, 1000, 0, cell),
                        Entry(ref, name, "target_min", period, 90, 0, cell),
                        Entry(ref, name, "target_upper", period, 95, 0, cell)]
            entries += [Entry(ref, name, "month", period.shifted(-m),
                              figure(n, period.shifted(-m), period), 1, cell)
                         for m in range(6)]
        record(store, f"pack-{period.iso}.xlsx", period, "Benchmark", "KPIs", entries)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--indicators", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        store = work / "history.sqlite"
        filled = fill(store, args.indicators)
        size = store.stat().st_size / 1e6
        source = next_workbook(args.indicators, work / "next.xlsx")
        deck = str(work / "deck.pptx")
        base = [sys.executable, "-m", "reportgen", "build", str(source), "-o", deck]
        alone, _ = best_of([*base, "--no-history"], args.repeat)
        runs = []
        for _ in range(args.repeat):  # each run against the same 36 packs, not 37, 38, ...
            copy = work / "copy.sqlite"
            shutil.copy(store, copy)
            runs.append(best_of([*base, "--history", str(copy)], 1))
        with_history = sorted(seconds for seconds, _ in runs)[len(runs) // 2]
        peak = max(mb for _, mb in runs)
        # The decks differ: with history the table gains its SPC column (so longer names wrap
        # and pages hold fewer rows) and the glance lists special causes, not every wobble.
        slides_with, _ = deck_shape(Path(deck))
        best_of([*base, "--no-history"], 1)
        slides_alone, _ = deck_shape(Path(deck))
    print(f"store: {args.indicators} indicators x {PACKS} packs, {size:.1f} MB "
          f"(filled in {filled:.1f} s)")
    print(f"build without history {alone:.2f} s ({slides_alone} slides); with it "
          f"{with_history:.2f} s ({slides_with} slides) (+{with_history - alone:.2f} s), "
          f"peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
