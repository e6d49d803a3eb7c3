"""How fast and how lean `reportgen build` is, against a floor measured in the same run.

The floor is python-pptx itself writing a deck with the same number of slides and a plain table
of the same size, no pictures or charts: what any tool built on python-pptx must pay. Every
measurement is a fresh process (start-up and imports included, as a user's run pays them),
timed on the wall clock, with its CPU time and peak memory from the kernel's own accounting.
Build and floor run in turn, so a machine that slows down for a while slows both.

Run from the repository root:  python benchmarks/bench.py [--repeat 3] [--sizes 100,1000,5000]
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
# scripts/ holds the sample data; appended, so an installed reportgen is the one measured
sys.path.append(str(ROOT))

import reportgen  # noqa: E402
from reportgen.ingest.writer import (  # noqa: E402
    SheetRow,
    SheetSection,
    SheetTable,
    WorkbookSpec,
    count,
    pct,
    write_workbook,
)
from scripts.make_sample import DECK, MONTHS  # noqa: E402

SAMPLE = ROOT / "inputs" / "sample-2019-03.xlsx"

FLOOR = """
import sys
from pptx import Presentation
from pptx.util import Inches
slides, cols, out = int(sys.argv[1]), 16, sys.argv[3]
rows = [int(n) for n in sys.argv[2].split(",")]
prs = Presentation()
layout = prs.slide_layouts[5]
for index in range(slides):
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = f"Slide {index + 1}"
    if index < len(rows):
        table = slide.shapes.add_table(rows[index], cols, Inches(0.3), Inches(1.2), Inches(9),
                                       Inches(5)).table
        for r in range(rows[index]):
            for c in range(cols):
                table.cell(r, c).text = f"{r}.{c}"
prs.save(out)
"""


def workbook(indicators: int, path: Path, per_section: int = 20) -> Path:
    sections = []
    for s in range(max(1, indicators // per_section)):
        rows = []
        for i in range(min(per_section, indicators - s * per_section)):
            n = s * per_section + i
            rows.append(SheetRow(f"{s + 1}.{i + 1}", f"% of children seen within timescale ({n})",
                                 pct(0.9), count(900 + n % 100), count(1000),
                                 pct(0.85 + n % 13 / 100), "Snapshot",
                                 [pct(0.8 + (n + m) % 17 / 100) for m in range(6)],
                                 pct(0.9, 0), pct(0.95, 0)))
        sections.append(SheetSection(f"Section {s + 1}", rows))
    write_workbook(path, WorkbookSpec(DECK, [SheetTable(months=MONTHS, sections=sections)]))
    return path


def compiled() -> None:
    """The measured package's bytecode written, as ``pip install`` writes it: where
    PYTHONDONTWRITEBYTECODE is set (some CI and container images), every run would otherwise
    compile reportgen's modules afresh, which no installed copy does."""
    compileall.compile_dir(str(Path(reportgen.__file__).parent), quiet=1)


@dataclass(frozen=True)
class Run:
    """One fresh process: its wall and CPU seconds and its peak resident memory."""

    wall: float
    cpu: float
    mb: float


_STARTER = """
import os, subprocess, sys, time
command, errors = sys.argv[2:], open(sys.argv[1], "wb")
started = time.perf_counter()
process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
_, status, usage = os.wait4(process.pid, 0)
elapsed = time.perf_counter() - started
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
      os.waitstatus_to_exitcode(status))
"""
"""Starts the measured command and reports on it. The kernel's peak memory for a process
counts the pages of the process it was forked from, so a command forked straight from this
one (which has read decks of thousands of slides) would report this one's size, not its
own: it is forked from this small starter instead, which times it from its own start."""


def measure(command: list[str]) -> Run:
    """One fresh process, timed from outside, with the kernel's own accounting of its CPU time
    (user and system) and peak memory: CPU time is what the work took, where wall time also
    counts whatever else the machine was doing."""
    with tempfile.NamedTemporaryFile() as errors:  # not a pipe: a full pipe would block
        # run outside the source tree (the command inherits the folder), so "-m reportgen" is
        # the installed package
        done = subprocess.run([sys.executable, "-c", _STARTER, errors.name, *command],
                              capture_output=True, text=True, cwd=tempfile.gettempdir(),
                              check=False)
        fields = done.stdout.split()
        if done.returncode != 0 or len(fields) != 4 or fields[3] != "0":
            failure = Path(errors.name).read_bytes().decode(errors="replace")[-2000:]
            raise SystemExit(f"failed: {' '.join(command)}\n{failure}{done.stderr[-2000:]}")
    elapsed, cpu, peak_kib, _ = fields
    return Run(float(elapsed), float(cpu), int(peak_kib) / 1024)


def best_of(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall seconds and largest peak MB of ``repeat`` runs (benchmarks/history.py)."""
    runs = [measure(command) for _ in range(repeat)]
    return statistics.median(r.wall for r in runs), max(r.mb for r in runs)


def deck_shape(deck: Path) -> tuple[int, list[int]]:
    prs = Presentation(str(deck))
    rows = [len(s.table.rows) for slide in prs.slides for s in slide.shapes if s.has_table]
    return len(prs.slides), rows


def bench(name: str, source: Path, work: Path, repeat: int) -> dict[str, float | str]:
    """The build against its floor, run in turn (build, floor, build, floor, ...) so that both
    see the machine as it is at that moment; the ratio is the median of each pair's."""
    deck = work / f"{name}.pptx"

    def build(run: int) -> list[str]:
        # a store of its own each time, as a first build has (benchmarks/history.py measures a
        # full one)
        return [sys.executable, "-m", "reportgen", "build", str(source), "-o", str(deck),
                "--history", str(work / f"{name}-{run}.sqlite")]

    measure(build(0))  # not counted: it shows the deck's shape, and warms the file cache
    slides, rows = deck_shape(deck)
    floor = [sys.executable, "-c", FLOOR, str(slides), ",".join(map(str, rows)),
             str(work / f"{name}-floor.pptx")]
    pairs = [(measure(build(run)), measure(floor)) for run in range(1, repeat + 1)]
    ours, theirs = [a for a, _ in pairs], [b for _, b in pairs]
    return {"name": name, "slides": slides,
            "seconds": statistics.median(r.wall for r in ours),
            "cpu": statistics.median(r.cpu for r in ours), "mb": max(r.mb for r in ours),
            "floor_s": statistics.median(r.wall for r in theirs),
            "floor_mb": max(r.mb for r in theirs),
            "ratio": statistics.median(a.wall / b.wall for a, b in pairs),
            "cpu_ratio": statistics.median(a.cpu / b.cpu for a, b in pairs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000,5000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    compiled()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        results = [bench("sample (19)", SAMPLE, work, args.repeat)]
        for size in sizes:
            source = workbook(size, work / f"kpis-{size}.xlsx")
            results.append(bench(f"{size} indicators", source, work, args.repeat))
    print(f"{'workbook':<18}{'slides':>7}{'build s':>9}{'peak MB':>9}{'floor s':>9}"
          f"{'floor MB':>10}{'x floor':>9}{'x CPU':>7}{'ms/indicator':>14}")
    for row, size in zip(results, [19, *sizes], strict=True):
        print(f"{row['name']:<18}{row['slides']:>7}{row['seconds']:>9.2f}{row['mb']:>9.0f}"
              f"{row['floor_s']:>9.2f}{row['floor_mb']:>10.0f}{row['ratio']:>9.2f}"
              f"{row['cpu_ratio']:>7.2f}{1000 * float(row['seconds']) / size:>14.2f}")
    print(f"medians of {args.repeat} runs of each, build and floor in turn; 'x floor' is the "
          "median of each pair's wall-time ratio, 'x CPU' of their CPU-time ratio")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
