"""What three years of history cost a build: 1,000 indicators × 36 monthly packs in the store.

The store is filled as 36 builds would leave it (each pack: Current, Num, Denom, targets and six
month columns for every indicator), straight through ``reportgen.history.record``; then the next
month's workbook is built in fresh processes with that store and with ``--no-history``, and the
difference is what history costs (reading last month, restatements, SPC over 36+ months, and
recording the new pack). Target (issue 11): under 1 s added, a store under 50 MB.

Each build is timed on the wall clock and in CPU seconds (user + system, the build's own
process): on a shared machine the wall clock moves with everyone else's work, the CPU seconds
much less. Then each history step is timed once more inside this process (CPU seconds), with
the workbook already read: reading the store, the rules' extra work with history, the entries
to record and recording them (on a copy of the store each time).

Run from the repository root:  python benchmarks/history.py [--repeat 3] [--indicators 1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))

from benchmarks.bench import Run, compiled, deck_shape, measure  # noqa: E402
from reportgen.history import Entry, entries_of, read_past, record, workbook_name  # noqa: E402
from reportgen.indicators import assess_all  # noqa: E402
from reportgen.ingest import read_report  # noqa: E402
from reportgen.ingest.writer import (  # noqa: E402
    SheetRow,
    SheetSection,
    SheetTable,
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
            rows.append(SheetRow(_ref(n), _measure(n), pct(0.9), count(round(current * 10)),
                                 count(1000), pct(current / 100), "Snapshot",
                                 [pct(figure(n, month) / 100) for month in months],
                                 pct(0.9, 0), pct(0.95, 0)))
        sections.append(SheetSection(f"Section {s + 1}", rows))
    write_workbook(path, WorkbookSpec(DECK, [SheetTable(months=MONTHS, sections=sections)]))
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


def fresh_copy(store: Path, copy: Path) -> None:
    """A copy of the store, on disk before the build starts: left in the page cache, the
    build's first commit (which asks for its store to be on disk) would wait for the copy's
    25 MB to be written too, a cost of the benchmark, not of the build."""
    shutil.copy(store, copy)
    with copy.open("rb+") as written:
        os.fsync(written.fileno())


def steps(store: Path, source: Path, work: Path) -> dict[str, float]:
    """CPU seconds of each history step of a build, in this process, the workbook read."""
    report = read_report(source)
    kpis, name = report.kpis, workbook_name(source)
    took: dict[str, float] = {}

    def timed(step: str, work: Any) -> Any:
        started = time.process_time()
        result = work()
        took[step] = time.process_time() - started
        return result

    past = timed("read_past", lambda: read_past(store, kpis.period, name))
    timed("assess alone", lambda: assess_all(kpis.indicators, months=kpis.months))
    assessed = timed("assess with history",
                     lambda: assess_all(kpis.indicators, months=kpis.months, past=past))
    shown = {a.indicator.ref: (a.rag.value if a.rag else None, "")
             for a in assessed if a.indicator.current is not None}
    entries = timed("entries_of", lambda: entries_of(report, shown))
    copy = work / "steps.sqlite"
    fresh_copy(store, copy)
    timed("record", lambda: record(copy, name, kpis.period, report.deck.title, kpis.sheet,
                                   entries))
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--indicators", type=int, default=1000)
    args = parser.parse_args()
    compiled()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        store = work / "history.sqlite"
        filled = fill(store, args.indicators)
        size = store.stat().st_size / 1e6
        source = next_workbook(args.indicators, work / "next.xlsx")
        deck = str(work / "deck.pptx")
        base = [sys.executable, "-m", "reportgen", "build", str(source), "-o", deck]
        alone, runs = [], []
        for _ in range(args.repeat):  # in turn, so a machine that slows for a while slows both
            alone.append(measure([*base, "--no-history"]))
            copy = work / "copy.sqlite"  # each run against the same 36 packs, not 37, 38, ...
            fresh_copy(store, copy)
            runs.append(measure([*base, "--history", str(copy)]))
        # The decks differ: with history the table gains its SPC column (so longer names wrap
        # and pages hold fewer rows) and the glance lists special causes, not every wobble.
        slides_with, _ = deck_shape(Path(deck))
        measure([*base, "--no-history"])
        slides_alone, _ = deck_shape(Path(deck))
        took = steps(store, source, work)
    print(f"store: {args.indicators} indicators x {PACKS} packs, {size:.1f} MB "
          f"(filled in {filled:.1f} s)")
    print(f"build without history {_median(alone, 'wall'):.2f} s, {_median(alone, 'cpu'):.2f} s "
          f"CPU ({slides_alone} slides); with it {_median(runs, 'wall'):.2f} s, "
          f"{_median(runs, 'cpu'):.2f} s CPU ({slides_with} slides): "
          f"+{_added(alone, runs, 'wall'):.2f} s, "
          f"+{_added(alone, runs, 'cpu'):.2f} s CPU (medians of {args.repeat}, each pair's "
          "difference); "
          f"peak {max(run.mb for run in runs):.0f} MB")
    print(f"  wall runs without {_listed(alone)}, with {_listed(runs)}")
    print("history steps, CPU s: " + ", ".join(f"{step} {seconds:.3f}"
                                               for step, seconds in took.items()))
    return 0


def _median(runs: list[Run], figure: str) -> float:
    return statistics.median(float(getattr(run, figure)) for run in runs)


def _added(alone: list[Run], runs: list[Run], figure: str) -> float:
    """The median of each pair's difference: what history added, run by run."""
    return statistics.median(float(getattr(b, figure)) - float(getattr(a, figure))
                             for a, b in zip(alone, runs, strict=True))


def _listed(runs: list[Run]) -> str:
    return " ".join(f"{run.wall:.2f}" for run in runs)


if __name__ == "__main__":
    raise SystemExit(main())
