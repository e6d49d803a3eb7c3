"""One build, end to end: workbook → report → assessments → deck bytes → file in place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.compose import DEFAULT_OPTIONS, DeckOptions, compose_deck
from reportgen.errors import InputError, Place
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


def build_deck(source: Path, output: Path | None, template: Path,
               options: DeckOptions = DEFAULT_OPTIONS) -> Built:
    report = read_report(source)
    assessments = assess_all(report.kpis.indicators)
    deck = compose_deck(report, assessments, template, options)
    target = output or default_output(report)
    write_atomically(target, reproducible_zip(deck.data))
    return Built(path=target, slides=len(deck.slide_titles), summary=summarise(assessments),
                 warnings=tuple(all_warnings(report, assessments)))

