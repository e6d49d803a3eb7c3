"""The command line (design.md §4): ``reportgen build | check | init``.

Every ReportgenError becomes one ``error: ...`` line on stderr and a non-zero exit; a traceback
is only ever a bug in reportgen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportgen import __version__
from reportgen.errors import ReportgenError
from reportgen.findings import check_document, check_text
from reportgen.indicators import assess_all
from reportgen.ingest import read_report
from reportgen.ingest.starter import write_starter

EXIT_ERROR = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportgen", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate a workbook and rate its indicators")
    check.add_argument("workbook", type=Path)
    check.add_argument("--json", action="store_true", help="print one JSON document on stdout")

    init = commands.add_parser("init", help="write a blank starter workbook")
    init.add_argument("path", type=Path, nargs="?", default=Path("inputs/starter.xlsx"))
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.workbook, as_json=args.json)
        return _init(args.path, force=args.force)
    except ReportgenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


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
