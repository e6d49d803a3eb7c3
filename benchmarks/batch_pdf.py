"""What PDFs cost a batch, against what LibreOffice alone costs, measured in one run.

A batch of sample-sized workbooks (the sample under ten titles) is built three ways, in turn,
each a fresh process and a fresh output folder, with no history store:

- ``build``: ``reportgen build FOLDER`` (the decks alone);
- ``build --pdf``: ``reportgen build FOLDER --pdf`` (decks, then their PDFs by as many
  LibreOffice processes as the machine has cores, each checked);
- ``LibreOffice alone``: one LibreOffice process converting the decks of the first to PDF, as
  reportgen asks it to (tagged PDF/UA, a fresh profile): the cost of the PDFs with nothing
  of reportgen's around it and one process.

The ratio is ``build --pdf`` / (``build`` + ``LibreOffice alone``), the median of each round's:
below 1 where the batch's PDFs use more than one core. Wall time: the batch is waited for.

Run from the repository root:  python benchmarks/batch_pdf.py [--workbooks 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))

from reportgen.export import PDF_OPTIONS, find_soffice, write_profile  # noqa: E402

SAMPLE = ROOT / "inputs" / "sample-2019-03.xlsx"


def workbooks(folder: Path, count: int) -> None:
    """The sample under ``count`` titles, so that each has a deck of its own name."""
    folder.mkdir()
    for number in range(count):
        book = openpyxl.load_workbook(SAMPLE, rich_text=True)
        for row in book["Deck"].iter_rows():
            if row[0].value == "Title":
                row[1].value = f"Batch deck {number:02d}"
        book.save(folder / f"book-{number:02d}.xlsx")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return took


def libreoffice_alone(decks: list[Path], work: Path) -> float:
    profile = work / "profile"
    write_profile(profile, "en-GB")
    out = work / "pdf"
    took = timed([find_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                  "--norestore", "--convert-to", PDF_OPTIONS, "--outdir", str(out),
                  *map(str, decks)])
    made = sorted(out.glob("*.pdf"))
    if len(made) != len(decks):
        raise SystemExit(f"LibreOffice made {len(made)} PDFs of {len(decks)}")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reportgen = [sys.executable, "-m", "reportgen", "build"]
    rows: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as base:
        work = Path(base)
        books = work / "books"
        workbooks(books, args.workbooks)
        for round_ in range(args.repeat):
            plain = work / f"plain-{round_}"
            with_pdf = work / f"pdf-{round_}"
            alone = work / f"alone-{round_}"
            alone.mkdir()
            build = timed([*reportgen, str(books), "--no-history", "-q", "-o", f"{plain}/"])
            pdf = timed([*reportgen, str(books), "--no-history", "-q", "--pdf", "-o",
                         f"{with_pdf}/"])
            office = libreoffice_alone(sorted(plain.glob("*.pptx")), alone)
            rows.append((build, pdf, office))
            print(f"round {round_ + 1}: build {build:.2f} s, build --pdf {pdf:.2f} s, "
                  f"LibreOffice alone {office:.2f} s, ratio {pdf / (build + office):.2f}",
                  flush=True)
    build, pdf, office = (statistics.median(column) for column in zip(*rows, strict=True))
    ratio = statistics.median(p / (b + o) for b, p, o in rows)
    print(f"\n{args.workbooks} workbooks, {os.cpu_count()} cores, median of {args.repeat}:")
    print("| batch | s |\n| --- | ---: |")
    print(f"| build | {build:.2f} |\n| build --pdf | {pdf:.2f} |\n"
          f"| LibreOffice alone, one process | {office:.2f} |")
    print(f"\nbuild --pdf / (build + LibreOffice alone) = {ratio:.2f} (target: 0.80 or less "
          "on 2 cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
