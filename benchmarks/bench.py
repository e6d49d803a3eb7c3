"""How fast and how lean `reportgen build` is, against a floor measured in the same run.

The floor is python-pptx itself writing a deck with the same number of slides and a plain table
of the same size, no pictures or charts: what any tool built on python-pptx must pay. Every
measurement is a fresh process (start-up and imports included, as a user's run pays them),
timed on the wall clock, with its peak memory from the kernel's own accounting.

Run from the repository root:  python benchmarks/bench.py [--repeat 3] [--sizes 100,1000,5000]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
# scripts/ holds the sample data; appended, so an installed reportgen is the one measured
sys.path.append(str(ROOT))

import reportgen  # noqa: E402
from reportgen.ingest.writer import (  # noqa: E402
    Row,
    Section,
    Table,
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
            rows.append(Row(f"{s + 1}.{i + 1}", f"% of children seen within timescale ({n})",
                            pct(0.9), count(900 + n % 100), count(1000), pct(0.85 + n % 13 / 100),
                            "Snapshot", [pct(0.8 + (n + m) % 17 / 100) for m in range(6)],
                            pct(0.9, 0), pct(0.95, 0)))
        sections.append(Section(f"Section {s + 1}", rows))
    write_workbook(path, WorkbookSpec(DECK, [Table(months=MONTHS, sections=sections)]))
    return path


def compiled() -> None:
    """The measured package's bytecode written, as ``pip install`` writes it: where
    PYTHONDONTWRITEBYTECODE is set (some CI and container images), every run would otherwise
    compile reportgen's modules afresh, which no installed copy does."""
    compileall.compile_dir(str(Path(reportgen.__file__).parent), quiet=1)


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one fresh process."""
    with tempfile.TemporaryFile() as errors:  # not a pipe: a full pipe would block the child
        started = time.perf_counter()
        # run outside the source tree, so "-m reportgen" is the installed package
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors,
                                   cwd=tempfile.gettempdir())
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{errors.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def best_of(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [measure(command) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def deck_shape(deck: Path) -> tuple[int, list[int]]:
    prs = Presentation(str(deck))
    rows = [len(s.table.rows) for slide in prs.slides for s in slide.shapes if s.has_table]
    return len(prs.slides), rows


def bench(name: str, source: Path, work: Path, repeat: int) -> dict[str, float | str]:
    deck = work / f"{name}.pptx"
    # a store of its own, as a first build has (benchmarks/history.py measures a full one)
    build = [sys.executable, "-m", "reportgen", "build", str(source), "-o", str(deck),
             "--history", str(work / f"{name}.sqlite")]
    seconds, mb = best_of(build, repeat)
    slides, rows = deck_shape(deck)
    floor = [sys.executable, "-c", FLOOR, str(slides), ",".join(map(str, rows)),
             str(work / f"{name}-floor.pptx")]
    floor_seconds, floor_mb = best_of(floor, repeat)
    return {"name": name, "slides": slides, "seconds": seconds, "mb": mb,
            "floor_s": floor_seconds, "floor_mb": floor_mb, "ratio": seconds / floor_seconds}


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
          f"{'floor MB':>10}{'x floor':>9}{'ms/indicator':>14}")
    for row, size in zip(results, [19, *sizes], strict=True):
        print(f"{row['name']:<18}{row['slides']:>7}{row['seconds']:>9.2f}{row['mb']:>9.0f}"
              f"{row['floor_s']:>9.2f}{row['floor_mb']:>10.0f}{row['ratio']:>9.2f}"
              f"{1000 * float(row['seconds']) / size:>14.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
