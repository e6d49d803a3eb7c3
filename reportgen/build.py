"""One build, end to end: workbook → report → assessments → deck bytes → file in place."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.compose import DEFAULT_OPTIONS, DEFAULT_TEMPLATE, DeckOptions, compose_deck
from reportgen.errors import ExportError, InputError, Place, ReportgenError
from reportgen.export import to_pdf, to_png
from reportgen.findings import all_warnings
from reportgen.indicators import Summary, assess_all, summarise
from reportgen.ingest import WORKBOOK_SUFFIXES, read_report
from reportgen.model import Report
from reportgen.output import reproducible_zip, write_atomically

INPUTS = Path("inputs")
OUTPUTS = Path("outputs")


@dataclass(frozen=True)
class Built:
    path: Path
    slides: int
    summary: Summary
    warnings: tuple[str, ...]
    copies: tuple[Path, ...] = ()
    """The PDF and the folder of slide images, when asked for."""


@dataclass(frozen=True)
class Job:
    source: Path
    output: Path | None = None
    template: Path = DEFAULT_TEMPLATE
    options: DeckOptions = DEFAULT_OPTIONS
    pdf: bool = False
    png: bool = False


@dataclass(frozen=True)
class Outcome:
    job: Job
    built: Built | None
    errors: tuple[str, ...] = ()
    """One line each; a deck may be built and its PDF still fail."""


def _is_workbook(path: Path) -> bool:
    # "~$book.xlsx" is the lock file Excel leaves beside an open workbook
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(("~$", "."))


def find_workbooks(given: list[Path]) -> list[Path]:
    """The workbooks named, the workbooks in each folder named, or the newest in inputs/."""
    if not given:
        candidates = sorted(p for p in INPUTS.glob("*") if _is_workbook(p)) \
            if INPUTS.is_dir() else []
        if not candidates:
            raise InputError("no workbook given and no .xlsx file in inputs/", Place(INPUTS))
        return [max(candidates, key=lambda p: (p.stat().st_mtime, p.name))]
    found: list[Path] = []
    for path in given:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if _is_workbook(p))
            if not inside:
                raise InputError("folder holds no .xlsx workbook", Place(path))
            found.extend(inside)
        else:
            found.append(path)
    return found


def default_output(report: Report) -> Path:
    """``outputs/<title>-<YYYY-MM>.pptx``, e.g. childrens-services-improvement-...-2019-02."""
    slug = re.sub(r"[^a-z0-9]+", "-", report.deck.title.lower().replace("'", "")).strip("-")
    return OUTPUTS / f"{slug or 'kpi-update'}-{report.kpis.period.iso}.pptx"


def run_job(job: Job) -> Outcome:
    """Build one workbook, then its PDF/PNG copies; errors come back as lines, not raised, so
    that one bad workbook in a batch does not stop the others."""
    try:
        built = build_deck(job.source, job.output, job.template, job.options)
    except ReportgenError as exc:
        return Outcome(job, None, (str(exc),))
    try:
        copies = export_copies(built.path, pdf=job.pdf, png=job.png)
    except ExportError as exc:
        return Outcome(job, built, (str(exc),))
    return Outcome(job, replace(built, copies=copies))


def run_jobs(jobs: Sequence[Job], workers: int | None = None) -> Iterator[Outcome]:
    """Outcomes as they finish: in this process for one job, on the machine's cores for more."""
    if len(jobs) == 1:
        yield run_job(jobs[0])
        return
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_job, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def export_copies(deck: Path, *, pdf: bool, png: bool) -> tuple[Path, ...]:
    """``<deck>.pdf`` and/or ``<deck>-slides/``; images alone go through a PDF kept nowhere."""
    if not (pdf or png):
        return ()
    copies: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as work:
        document = to_pdf(deck, deck.with_suffix(".pdf") if pdf else Path(work, "deck.pdf"))
        if pdf:
            copies.append(document)
        if png:
            folder = deck.with_name(f"{deck.stem}-slides")
            to_png(document, folder)
            copies.append(folder)
    return tuple(copies)


def build_deck(source: Path, output: Path | None, template: Path,
               options: DeckOptions = DEFAULT_OPTIONS) -> Built:
    report = read_report(source)
    assessments = assess_all(report.kpis.indicators)
    deck = compose_deck(report, assessments, template, options)
    target = output or default_output(report)
    write_atomically(target, reproducible_zip(deck.data))
    return Built(path=target, slides=len(deck.slide_titles), summary=summarise(assessments),
                 warnings=tuple(all_warnings(report, assessments)))

