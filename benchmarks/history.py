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

from benchmarks.bench import best_of, workbook  # noqa: E402
from reportgen.history import Entry, record  # noqa: E402
from reportgen.model import Month  # noqa: E402

PACKS = 36
LAST = Month(2019, 1)
"""The month before the benchmark workbook's (its figures run to February 2019)."""
FIRST_COLUMN = Month(2018, 9)
"""The benchmark workbook's first month column, which its figure formula counts from."""
RESTATED_EVERY = 50
"""One indicator in this many had a month restated since the pack before: a store that agrees
with the workbook but for a few corrections, as a real council's does."""


def figure(n: int, month: Month, period: Month) -> float:
    """Indicator ``n``'s figure for ``month`` as the pack of ``period`` reported it: the
    benchmark workbook's own formula (80 + (n + m) % 17 for its m-th month column), so that the
    store and the next workbook agree, but for the pack before it restating one indicator in
    RESTATED_EVERY."""
    value = 80 + (n + _number(month) - _number(FIRST_COLUMN)) % 17
    restated = period == LAST and n % RESTATED_EVERY == 0 and month == LAST.shifted(-2)
    return value + 1 if restated else value


def _number(month: Month) -> int:
    return month.year * 12 + month.month


def fill(store: Path, indicators: int) -> float:
    """36 packs, oldest first, as the builds of those months would have recorded them."""
    started = time.perf_counter()
    for back in range(PACKS - 1, -1, -1):
        period = LAST.shifted(-back)
        entries = []
        for n in range(indicators):
            ref = f"{n // 20 + 1}.{n % 20 + 1}"
            name = f"% of children seen within timescale ({n})"  # as the workbook's
            value = figure(n, period, period)
            cell = f"KPIs!F{8 + n}"
            entries += [Entry(ref, name, "current", period, value, 1, cell, "amber",
                              f"{value:.1f}%"),
                        Entry(ref, name, "numerator", period, 900, 0, cell),
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
        source = workbook(args.indicators, work / "next.xlsx")
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
    print(f"store: {args.indicators} indicators x {PACKS} packs, {size:.1f} MB "
          f"(filled in {filled:.1f} s)")
    print(f"build without history {alone:.2f} s; with it {with_history:.2f} s "
          f"(+{with_history - alone:.2f} s), peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
