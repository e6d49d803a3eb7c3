"""The command line (design.md §4): ``reportgen build | check | init``.

Every ReportgenError becomes one ``error: ...`` line on stderr and a non-zero exit; a traceback
is only ever a bug in reportgen.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportgen import __version__
from reportgen.build import Job, Outcome, find_workbooks, run_jobs
from reportgen.compose import DEFAULT_TEMPLATE, DeckOptions
from reportgen.errors import ReportgenError, UsageError
from reportgen.findings import check_document, check_text, rag_line
from reportgen.indicators import assess_all
from reportgen.ingest import read_report
from reportgen.ingest.starter import write_starter

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportgen", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the deck from a workbook")
    build.add_argument("workbooks", type=Path, nargs="*", metavar="WORKBOOK",
                       help="workbook(s) or folder(s); default: the newest in inputs/")
    build.add_argument("-o", "--output", type=Path, help="where to write the deck (.pptx)")
    build.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE,
                       help="the .pptx template to build from (default: the bundled one)")
    build.add_argument("--exceptions", type=_count, default=DeckOptions.exceptions, metavar="N",
                       help="red indicators that get a slide each (default 12); the rest are "
                            "listed on one slide")
    build.add_argument("--appendix", action="store_true",
                       help="end the deck with a data-quality slide listing every warning")
    build.add_argument("--pdf", action="store_true",
                       help="also write <deck>.pdf beside the deck (needs LibreOffice)")
    build.add_argument("--png", action="store_true",
                       help="also write <deck>-slides/slide-01.png, ... (needs LibreOffice and "
                            "pdftoppm)")

    check = commands.add_parser("check", help="validate a workbook and rate its indicators")
    check.add_argument("workbook", type=Path)
    check.add_argument("--json", action="store_true", help="print one JSON document on stdout")

    init = commands.add_parser("init", help="write a blank starter workbook")
    init.add_argument("path", type=Path, nargs="?", default=Path("inputs/starter.xlsx"))
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        options = DeckOptions(exceptions=args.exceptions, appendix=args.appendix)
        return _build(args.workbooks, args.output, args.template, options, pdf=args.pdf,
                      png=args.png)
    if args.command == "check":
        return _check(args.workbook, as_json=args.json)
    return _init(args.path, force=args.force)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ReportgenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted; no deck was changed", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (e.g. `reportgen check --json | head`); nothing more to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python quiet at exit
        return EXIT_ERROR


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _build(workbooks: list[Path], output: Path | None, template: Path, options: DeckOptions,
           *, pdf: bool, png: bool) -> int:
    sources = find_workbooks(workbooks)
    if output is not None and len(sources) > 1:
        raise UsageError("-o names one deck; leave it out to build several workbooks")
    jobs = [Job(source, output, template, options, pdf, png) for source in sources]
    progress = Progress(len(jobs)) if len(jobs) > 1 else None
    outcomes = []
    for outcome in run_jobs(jobs):
        if progress:
            progress.step(outcome.job.source)
        _report(outcome)
        outcomes.append(outcome)
    if progress:
        _batch_summary(outcomes)
    return EXIT_ERROR if any(o.errors for o in outcomes) else 0


def _report(outcome: Outcome) -> None:
    built = outcome.built
    if built is not None:
        print(built.path)
        warnings = len(built.warnings)
        print(f"  {built.slides} slides; RAG: {rag_line(built.summary)}; "
              f"{warnings} warning{'s' if warnings != 1 else ''}")
        for copy in built.copies:
            print(f"  {copy}")
        for warning in built.warnings:
            print(f"warning: {outcome.job.source}: {warning}", file=sys.stderr)
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr)


def _batch_summary(outcomes: list[Outcome]) -> None:
    built = [o for o in outcomes if o.built is not None]
    failed = [o for o in outcomes if o.errors]
    print(f"{len(built)} of {len(outcomes)} decks built"
          + (f"; {len(failed)} with errors: " + ", ".join(str(o.job.source) for o in failed)
             if failed else ""))
    paths = [o.built.path for o in built if o.built is not None]
    for path in sorted({p for p in paths if paths.count(p) > 1}):
        print(f"warning: several workbooks built {path}; only the last one is kept (give them "
              "different titles or build them separately with -o)", file=sys.stderr)


class Progress:
    """A progress bar on a terminal; a line per workbook when stderr is a file or a pipe."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.live = sys.stderr.isatty()

    def step(self, source: Path) -> None:
        self.done += 1
        if self.live:
            filled = round(24 * self.done / self.total)
            end = "\n" if self.done == self.total else ""
            print(f"\r[{'#' * filled}{'.' * (24 - filled)}] {self.done}/{self.total}",
                  end=end, file=sys.stderr, flush=True)
        else:
            print(f"[{self.done}/{self.total}] {source}", file=sys.stderr)


def _check(workbook: Path, *, as_json: bool) -> int:
    report = read_report(workbook)
    assessments = assess_all(report.kpis.indicators)
    if as_json:
        json.dump(check_document(report, assessments), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(check_text(report, assessments))
    return 0


def _init(path: Path, *, force: bool) -> int:
    write_starter(path, today=date.today(), force=force)
    print(path)
    return 0
