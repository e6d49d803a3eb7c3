"""The command line (design.md §4): ``reportgen build | check | history | template | init``.

Every ReportgenError becomes one ``error: ...`` line on stderr and a non-zero exit. Any other
exception is a bug in reportgen: it too is one line ("internal error ... please report this"),
never a traceback. SIGTERM and SIGHUP stop reportgen the way Ctrl-C does: by an exception, so
that every temporary file is cleaned up on the way out.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import io
import os
import signal
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from reportgen import __version__
from reportgen.build import (
    DEFAULT_TEMPLATE,
    INPUTS,
    OUTPUTS,
    SAMPLE_NAME,
    Job,
    Outcome,
    assess_workbook,
    batch_copies,
    bundled_sample,
    check_source,
    find_workbooks,
    import_history,
    internal_error,
    read_workbook,
    run_jobs,
    show_text,
    template_check,
    template_inspect,
    unique_names,
)
from reportgen.config import (
    CONFIG_NAME,
    NO_CONFIG,
    Config,
    columns_toml,
    load_config,
    write_columns_config,
    write_starter_config,
)
from reportgen.errors import OutputError, Place, ReportgenError, Stopped, UsageError
from reportgen.findings import check_document, check_text, json_safe, rag_line
from reportgen.history import DEFAULT_STORE, export_csv, series, store_for
from reportgen.output import FileRole, Kind, Protected, place_file, write_with
from reportgen.plan import DeckOptions

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


EXIT_CODES = """\
exit status:
  0    done (warnings allowed)
  1    the workbook cannot be used, or a deck, PDF or image could not be written
  2    a mistyped command
  130  interrupted (Ctrl-C); 143 or 129 when stopped by SIGTERM or SIGHUP"""

# Every example works in an empty folder, run in order (tests/test_cli_examples.py runs them):
# each command's list starts from the sample workbook that `init --sample` writes.
_EXAMPLES = {
    None: """\
examples:
  reportgen init --sample                        the sample workbook, inputs/sample-2019-03.xlsx
  reportgen check inputs/sample-2019-03.xlsx     what is wrong with a workbook, if anything
  reportgen build inputs/sample-2019-03.xlsx     its deck, into outputs/
  reportgen build                                the newest workbook in inputs/
  reportgen init inputs/april.xlsx               a starter workbook to fill in

Each command's examples run as written from an empty folder, in order. The README and its
docs/ explain the workbook, the rules, every warning and every command.""",
    "build": """\
examples:
  reportgen init --sample                          the sample workbook, to try these with
  reportgen build inputs/sample-2019-03.xlsx
  reportgen build inputs/sample-2019-03.xlsx -o cabinet/march.pptx --pdf
  reportgen build inputs/ -o outputs/all/          every workbook in inputs/, a deck each
  reportgen build inputs/sample-2019-03.xlsx --no-history   the workbook alone, nothing recorded
  reportgen build inputs/ --quiet                  errors only, for a scheduled job""",
    "check": """\
examples:
  reportgen init --sample
  reportgen check inputs/sample-2019-03.xlsx
  reportgen check inputs/sample-2019-03.xlsx --json > march.json

A workbook that cannot be used gives one 'error:' line per bad cell (the first 20, then how
many more); with --json also {"error": <the first>, "errors": [<all>]} on stdout.""",
    "history": """\
examples:
  reportgen init --sample
  reportgen build inputs/sample-2019-03.xlsx
  reportgen history show 3.1 --history outputs/sample-history.sqlite
  reportgen history export --csv -o figures.csv --history outputs/sample-history.sqlite
  reportgen history import inputs/

The sample records into a store of its own, outputs/sample-history.sqlite, so that a team's
store (outputs/history.sqlite) holds only its own packs: history import leaves it out.""",
    "template": """\
examples:
  reportgen template check                       the template reportgen.toml names, else the
                                                 bundled one: which layout each role takes
  reportgen template inspect -o layouts.pptx     a slide per layout, labelled
  reportgen template check layouts.pptx          a council's own .pptx or .potx""",
    "watch": """\
examples:
  reportgen watch                      build each workbook saved into inputs/, until Ctrl-C
  reportgen watch reports/ --pdf       a PDF of each too
  reportgen watch inputs/ --poll       on a network share: look every second""",
    "init": """\
examples:
  reportgen init --sample              inputs/sample-2019-03.xlsx, to try reportgen with
  reportgen init inputs/april.xlsx     a starter (and inputs/reportgen.toml); fill it in, then:
  reportgen build inputs/april.xlsx
  reportgen init --sample scorecard/ours.xlsx
  reportgen init --from scorecard/ours.xlsx
                                       scorecard/reportgen.toml: how its headers were read""",
}


def _epilog(command: str | None) -> str:
    return f"{_EXAMPLES[command]}\n\n{EXIT_CODES}"


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
             summary: str, description: str) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=summary, description=textwrap.fill(description, 79),
                               epilog=_epilog(name),
                               formatter_class=argparse.RawDescriptionHelpFormatter)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportgen",
        description="Build the monthly KPI update deck from the performance team's workbook.",
        epilog=_epilog(None), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}",
                        help="print reportgen's version and stop")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     title="commands (reportgen COMMAND --help says more)")

    build = _command(commands, "build", "build the deck from a workbook",
                     "Build the deck (.pptx) from a KPI workbook and record its figures in the "
                     "history store. Prints the deck's path, its slides and RAG counts; "
                     "warnings go to stderr.")
    build.add_argument("workbooks", type=Path, nargs="*", metavar="WORKBOOK",
                       help="workbook(s) (.xlsx) or folder(s) of them, each built into its own "
                            "deck; default: the newest .xlsx in inputs/ (it says which)")
    build.add_argument("-o", "--output", metavar="OUTPUT",
                       help="where to write the deck: a .pptx file, or a folder (an existing "
                            "one, or a name ending in /) to write it there under its usual name; "
                            "default: outputs/<title>-<YYYY-MM>.pptx")
    _deck_options(build)
    talk = build.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true",
                      help="print errors only (for a scheduled job)")
    talk.add_argument("-v", "--verbose", action="store_true",
                      help="in a batch, print every workbook's warnings too (a batch prints a "
                           "line per workbook; a single build always prints its warnings)")
    _history_options(build)
    _config_option(build)

    check = _command(commands, "check", "validate a workbook and rate its indicators",
                     "Read a workbook, rate every indicator and list the RAG counts and every "
                     "warning, without writing a deck or the history store.")
    check.add_argument("workbook", type=Path, metavar="WORKBOOK",
                       help="the workbook (.xlsx) to check")
    check.add_argument("--json", action="store_true",
                       help="print one JSON document on stdout, for other tools")
    _history_options(check)
    _config_option(check)

    history = _command(commands, "history", "the store of every month built or imported",
                       "The history store: every figure of every workbook built or imported, "
                       "with the sheet and cell it came from. The history options come after "
                       "the action: reportgen history show 3.1 --history PATH.")
    actions = history.add_subparsers(dest="action", required=True, metavar="ACTION",
                                     title="actions")
    backfill = actions.add_parser("import", help="record past workbooks, oldest month first",
                                  description="Record past workbooks, oldest month first "
                                              "whatever their names.")
    backfill.add_argument("workbooks", type=Path, nargs="+", metavar="FOLDER|WORKBOOK",
                          help="past workbooks (.xlsx), or folders of them")
    show = actions.add_parser("show", help="an indicator's recorded figures and their sources",
                              description="Every recorded figure of one indicator, oldest "
                                          "month first, with the workbook and cell it came from.")
    show.add_argument("ref", metavar="REF", help="the indicator's Ref, e.g. 3.1")
    export = actions.add_parser("export", help="every recorded figure",
                                description="Every recorded figure, as CSV.")
    export.add_argument("--csv", action="store_true", required=True,
                        help="as CSV (the only format)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE.csv",
                        help="write to a file instead of standard output")
    for action in (backfill, show, export):
        action.add_argument("--history", type=Path, default=DEFAULT_STORE, metavar="PATH",
                            help=f"the store (default {DEFAULT_STORE})")

    _template_commands(commands)
    _watch_command(commands)

    init = _command(commands, "init", "write a starter workbook to fill in",
                    "Write a starter workbook with every sheet and column in place, EXAMPLE "
                    "rows to replace and an Instructions sheet, and a commented "
                    f"{CONFIG_NAME} beside it unless one is there; the workbook builds a deck "
                    "as it stands.")
    init.add_argument("path", type=Path, nargs="?", metavar="PATH",
                      help="the new workbook, ending in .xlsx (default inputs/starter.xlsx, or "
                           f"inputs/{SAMPLE_NAME} with --sample)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.add_argument("--sample", action="store_true",
                      help="instead, write the sample workbook (made-up figures for March "
                           "2019) to try reportgen with")
    init.add_argument("--from", dest="source", type=Path, metavar="WORKBOOK",
                      help=f"instead, write a {CONFIG_NAME} beside WORKBOOK whose [columns] "
                           "say how each of its headers was read, to check and correct once")
    return parser


def _deck_options(command: argparse.ArgumentParser) -> None:
    """The options of ``build`` that say what a deck is like, which ``watch`` takes too."""
    command.add_argument("--template", type=Path, metavar="FILE.pptx",
                       help="the .pptx or .potx template to build from (default: "
                            "reportgen.toml's, else the bundled one; `reportgen template check "
                            "FILE` says what it offers)")
    command.add_argument("--exceptions", type=_count, metavar="N",
                       help="red indicators that get a slide each, the furthest from target first "
                            f"(default: reportgen.toml's, else {DeckOptions.exceptions}); the rest "
                            "are listed after the narrative")
    command.add_argument("--appendix", action="store_true",
                       help="end the deck with a data-quality slide listing every warning")
    command.add_argument("--pdf", action="store_true",
                       help="also write <deck>.pdf beside the deck (needs LibreOffice)")
    command.add_argument("--png", action="store_true",
                       help="also write <deck>-slides/slide-01.png, ... (needs LibreOffice)")


def _watch_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    watch = _command(commands, "watch", "build each workbook saved into a folder",
                     "Watch a folder and build each workbook saved into it, once it has "
                     "stopped changing, as `reportgen build WORKBOOK` would: one line per "
                     "build; a workbook that cannot be built prints its errors and the watch "
                     "goes on. Excel's ~$ lock files and temporary saves are ignored. Ctrl-C "
                     "stops it.")
    watch.add_argument("folder", type=Path, nargs="?", default=INPUTS, metavar="FOLDER",
                       help="the folder to watch (default inputs/)")
    watch.add_argument("-o", "--output", metavar="FOLDER/",
                       help="the folder the decks go into (default outputs/)")
    _deck_options(watch)
    watch.add_argument("--settle", type=_seconds, default=2.0, metavar="SECONDS",
                       help="how long a workbook must stay unchanged before it is built "
                            "(default 2)")
    watch.add_argument("--poll", action="store_true",
                       help="look at the folder every second instead of being told of changes "
                            "(for a network share, whose changes the system may not report)")
    _history_options(watch)
    _config_option(watch)


def _template_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    template = _command(commands, "template", "check a council's own deck template",
                        "Check a council's own PowerPoint template (.pptx or .potx) before "
                        "building with it: which of its layouts each slide role takes (a "
                        "layout reportgen.toml's [deck] layouts names, else the bundled "
                        "template's name, else one whose placeholders fit), or every role it "
                        "cannot fill, all at once.")
    actions = template.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="say which layout each slide role takes, or list "
                                             "every role the template cannot fill")
    inspect = actions.add_parser("inspect", help="write a copy with one slide per layout, "
                                                 "naming its role and placeholder indexes")
    inspect.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pptx",
                         help="the copy to write: one labelled slide per layout")
    for action in (check, inspect):
        action.add_argument("template", type=Path, nargs="?", metavar="FILE",
                            help="the .pptx or .potx template (default: reportgen.toml's, else the "
                             "bundled one)")
        action.add_argument("--config", type=Path, metavar="FILE",
                            help=f"the settings whose [deck] layouts are checked (default: "
                                 f"{CONFIG_NAME} in the working folder, else none)")


def _template(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    template = args.template or config.template or DEFAULT_TEMPLATE
    if args.action == "inspect":
        print(template_inspect(template, args.output, config.layout_names))
        return 0
    found = template_check(template, config.layout_names)
    for choice in found.choices:
        print(choice)
    for problem in found.problems:
        print(f"error: {template}: {problem}", file=sys.stderr)
    if found.problems:
        print(f"{len(found.problems)} of {len(found.choices) + len(found.problems)} roles cannot "
              "be filled; the template's layouts: " + ", ".join(map(repr, found.layouts)),
              file=sys.stderr)
        return EXIT_ERROR
    print("every role filled")
    return 0


def _history_options(command: argparse.ArgumentParser) -> None:
    store = command.add_mutually_exclusive_group()
    store.add_argument("--history", type=Path, metavar="PATH",
                       help="the history store of past months (default: reportgen.toml's, else "
                            f"{DEFAULT_STORE}, under the working folder)")
    store.add_argument("--no-history", action="store_true",
                       help="use the workbook alone: no store is read or written")


def _config_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", type=Path, metavar="FILE",
                         help=f"the settings file (default: {CONFIG_NAME} in the workbook's "
                              "folder, else in the working folder, else none)")


def _store(args: argparse.Namespace, config: Config, workbook: Path) -> Path | None:
    """--no-history, else --history, else the configuration's store, else the default; the
    sample workbook's own store beside it unless --history names one."""
    if args.no_history:
        return None
    if args.history is not None:
        return Path(args.history)
    return store_for(workbook, config.history or DEFAULT_STORE)


def _job(args: argparse.Namespace, source: Path, deck: Path | None, folder: Path) -> Job:
    """One workbook's build, with its configuration; the command line has the last word."""
    config = load_config(args.config, source)
    options = DeckOptions(
        exceptions=args.exceptions if args.exceptions is not None
        else config.exceptions if config.exceptions is not None else DeckOptions.exceptions,
        appendix=args.appendix, slides=config.slides,
        marking=config.marking, date_format=config.date_format or DeckOptions.date_format)
    return Job(source, deck, args.template or config.template or DEFAULT_TEMPLATE, options,
               pdf=args.pdf, png=args.png, folder=folder, history=_store(args, config, source),
               config=config)


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        config = load_config(args.config, args.workbook)
        return _check(args.workbook, as_json=args.json,
                      history=_store(args, config, args.workbook),
                      config=config)
    if args.command == "history":
        return _history(args)
    if args.command == "template":
        return _template(args)
    if args.command == "watch":
        return _watch(args)
    return _init_command(args)


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    # a bare `reportgen` asks what it can do: the help says so, where an error would not
    tolerant_streams()
    args = make_parser().parse_args(given or ["--help"])
    with _stop_on_signals():
        try:
            return _run(args)
        except ReportgenError as exc:
            return _fail(args, exc, EXIT_USAGE if isinstance(exc, UsageError) else EXIT_ERROR)
        except KeyboardInterrupt:
            print("error: interrupted; no deck was changed", file=sys.stderr)
            return EXIT_INTERRUPTED
        except Stopped as exc:
            print(f"error: stopped by {exc.signal_name}; no deck was left half-written",
                  file=sys.stderr)
            return int(exc.code or EXIT_ERROR)
        except BrokenPipeError:
            # the reader went away (e.g. `reportgen check --json | head`); nothing more to say
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python quiet at exit
            return EXIT_ERROR
        except Exception as exc:  # a bug: still one line, never a traceback
            return _fail(args, internal_error(_subject(args), exc))


def _fail(args: argparse.Namespace, error: ReportgenError | str,
          status: int = EXIT_ERROR) -> int:
    """The error lines on stderr (every bad cell of a table, up to a cap); for ``check --json``
    also ``{"error": <the first>, "errors": [<every one>]}`` on stdout, so a tool reading the
    JSON always gets a JSON document."""
    lines = error.lines() if isinstance(error, ReportgenError) else (error,)
    for line in lines:
        print(f"error: {line}", file=sys.stderr)
    if args.command == "check" and args.json:
        import json  # noqa: PLC0415 - only --json needs it; a build does not load it

        details = error.details if isinstance(error, ReportgenError) else (error,)
        with contextlib.suppress(BrokenPipeError):
            print_json(json.dumps({"error": details[0], "errors": list(details)},
                                  ensure_ascii=False))
    return status


def print_json(text: str) -> None:
    """A JSON document on stdout as UTF-8 bytes (design.md §4), whatever the console's encoding:
    Python on Windows writes ``> out.json`` in cp1252, which has no "→"."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream of text alone (a test's): it takes any character
        print(text)
        return
    buffer.write(text.encode("utf-8") + b"\n")
    buffer.flush()


# What a console that cannot show a character shows instead: its ASCII equivalent.
_ASCII = {"\u2192": "->", "\u2190": "<-", "\u2191": "^", "\u2193": "v", "\u2197": "^",
          "\u2198": "v", "\u2194": "<->", "\u2264": "<=", "\u2265": ">=", "\u00b1": "+/-",
          "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'",
          "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u00d7": "x", "\u2020": "+",
          "\u2022": "*", "\u00a0": " ", "\u00a3": "GBP ", "\u20ac": "EUR ", "\u00b0": " deg",
          "\u25b2": "^", "\u25bc": "v", "\u2248": "~"}
TOLERANT = "reportgen-ascii"


def _ascii_equivalent(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata  # noqa: PLC0415 - only once a character cannot be shown

    text = error.object[error.start:error.end]
    shown = []
    for char in text:
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        shown.append(_ASCII.get(char) or plain or "?")
    return "".join(shown), error.end


def tolerant_streams() -> None:
    """stdout and stderr show a character the console cannot encode as its ASCII equivalent
    ("->" for "→") instead of failing with a traceback."""
    import codecs  # noqa: PLC0415

    codecs.register_error(TOLERANT, _ascii_equivalent)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=TOLERANT)


def _subject(args: argparse.Namespace) -> Path | str:
    """The file an unexpected error is about, as far as the command line says."""
    if args.command == "check":
        return Path(args.workbook)
    if args.command == "build" and len(args.workbooks) == 1:
        return Path(args.workbooks[0])
    return "reportgen"


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Stopped while the command runs (unless they were ignored, as
    under nohup); the handlers in place before are put back afterwards."""
    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum, signal.Signals(signum).name)

    previous: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue  # Windows has no SIGHUP
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            if signal.getsignal(number) is not signal.SIG_IGN:
                previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {text!r}") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"must be between 0 and 3600 seconds, not {value}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more, not {text!r}") \
            from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _destination(output: str | None) -> tuple[Path | None, Path]:
    """``-o`` as (deck file, folder): a name ending in / or an existing folder is a folder the
    decks go into under their usual names."""
    if output is None:
        return None, OUTPUTS
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        return None, path
    return path, OUTPUTS


def _build(args: argparse.Namespace) -> int:
    workbooks: list[Path] = args.workbooks
    sources = find_workbooks(workbooks)
    if not workbooks and not args.quiet:  # say which "the newest in inputs/" turned out to be
        print(f"using {sources[0]} (the newest workbook in inputs/)", file=sys.stderr)
    deck, folder = _destination(args.output)
    if deck is not None and len(sources) > 1:
        raise UsageError("-o names one deck; leave it out, or name a folder (ending in /), to "
                         "build several workbooks")
    jobs = unique_names([_job(args, source, deck, folder) for source in sources])
    history = any(job.history is not None for job in jobs)
    talk = Talk.QUIET if args.quiet else Talk.VERBOSE if args.verbose or len(jobs) == 1 \
        else Talk.BATCH
    outcomes: list[Outcome] = []
    # With a store, one month's deck compares with the month before: the workbooks are built
    # one after another, in name order (name them so that they sort by month, or use
    # `history import` first), each in a worker of its own as before.
    if history and len(jobs) > 1:
        jobs.sort(key=lambda job: job.source.name)
    workers = 1 if history else None
    # A batch's PDFs are made after its decks, by LibreOffice processes on every core, each
    # converting several decks (its start costs more than a deck); a single build's as before.
    later = len(jobs) > 1 and (args.pdf or args.png)
    # closing(): an interruption shuts the worker pool down now, not when garbage is collected
    with contextlib.closing(run_jobs(jobs, workers, copies=not later)) as running:
        for outcome in running:
            outcomes.append(outcome)
            if not later:
                _report(outcome, talk,
                        f"[{len(outcomes)}/{len(jobs)}] " if len(jobs) > 1 else "")
    if later:
        decks = outcomes
        outcomes = []
        for outcome in batch_copies(decks):
            outcomes.append(outcome)
            _report(outcome, talk, f"[{len(outcomes)}/{len(jobs)}] ")
    if len(jobs) > 1 and talk is not Talk.QUIET:
        _batch_summary(outcomes, talk)
    return EXIT_ERROR if any(o.errors for o in outcomes) else 0


class Talk(enum.Enum):
    """How much a build prints: errors only; a line per workbook (a batch's default); or each
    deck with its copies and every warning (a single build, or a batch with --verbose)."""

    QUIET = "quiet"
    BATCH = "batch"
    VERBOSE = "verbose"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _report(outcome: Outcome, talk: Talk, step: str = "") -> None:
    built = outcome.built
    if built is not None and talk is Talk.BATCH:
        copies = "".join(f" + {copy.name}" for copy in built.copies)
        draft = f"; {built.draft.lower()}" if built.draft else ""
        print(f"{step}{built.path}{copies}: RAG: {rag_line(built.summary)}; "
              f"{_plural(len(built.warnings), 'warning')}{draft}", flush=True)
    elif built is not None and talk is Talk.VERBOSE:
        print(f"{step}{built.path}")
        print(f"  {built.slides} slides; RAG: {rag_line(built.summary)}; "
              f"{_plural(len(built.warnings), 'warning')}")
        if built.draft:  # said to the team before anyone presents it
            print(f"  {built.draft}: `reportgen check` names them; accept one that stands "
                  "in reportgen.toml")
        for copy in built.copies:
            print(f"  {copy}")
        sys.stdout.flush()
        for warning in built.warnings:
            print(f"warning: {outcome.job.source}: {warning}", file=sys.stderr)
    elif built is None and talk is not Talk.QUIET:
        print(f"{step}{outcome.job.source}: not built", flush=True)
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr, flush=True)


def _batch_summary(outcomes: list[Outcome], talk: Talk) -> None:
    built = [o for o in outcomes if o.built is not None]
    failed = [o for o in outcomes if o.errors]
    warned = sum(len(o.built.warnings) for o in built if o.built is not None)
    if warned and talk is Talk.BATCH:
        print(f"{_plural(warned, 'warning')} not shown: `reportgen check WORKBOOK` lists a "
              "workbook's, `--verbose` every one", file=sys.stderr)
    # the decks on disk, not the builds that ended well: the two differ if names ever clash
    on_disk = {o.built.path.resolve() for o in built if o.built is not None
               and o.built.path.is_file()}
    print(f"{len(on_disk)} of {len(outcomes)} decks built"
          + (f"; {len(failed)} with errors: " + ", ".join(str(o.job.source) for o in failed)
             if failed else ""))
    paths = [o.built.path for o in built if o.built is not None]
    for path in sorted({p for p in paths if paths.count(p) > 1}):
        print(f"warning: several workbooks built {path}; only the last one is kept (give them "
              "different titles or build them separately with -o)", file=sys.stderr)


def _check(workbook: Path, *, as_json: bool, history: Path | None, config: Config) -> int:
    check_source(workbook)
    assessed = assess_workbook(workbook, config, history)
    report, assessments, hidden = assessed.report, assessed.assessments, assessed.hidden
    if as_json:
        import json  # noqa: PLC0415 - as in _fail

        # allow_nan=False: "NaN" and "Infinity" are not JSON; json_safe has made them null
        print_json(json.dumps(json_safe(check_document(report, assessments, hidden,
                                                       config.source)),
                              indent=2, ensure_ascii=False, allow_nan=False))
    else:
        print(check_text(report, assessments, hidden, config.source))
    return 0


def _history(args: argparse.Namespace) -> int:
    store = Path(args.history)
    if args.action == "import":
        failed = 0
        for line in import_history(args.workbooks, store):
            print(line.text, file=sys.stderr if line.error else sys.stdout)
            failed += line.error
        return EXIT_ERROR if failed else 0
    if args.action == "show":
        rows = series(store, args.ref)
        if not rows:
            raise UsageError(f"{store}: no figures recorded for {args.ref!r}")
        print(show_text(args.ref, rows))
        return 0
    if args.output is None:
        export_csv(store, sys.stdout)
        return 0
    # through the output guard: written aside and moved into place whole, as a deck is
    def fill(stream: BinaryIO) -> int:
        out = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            return export_csv(store, out)
        finally:
            out.flush()
            out.detach()  # the guard closes the file

    count = write_with(args.output, fill, kind=Kind.CSV,
                       protected=(Protected(store, FileRole.STORE),))
    print(f"{args.output}: {count} figures")
    return 0


def _init_from(workbook: Path) -> int:
    check_source(workbook)
    report = read_workbook(workbook, NO_CONFIG)
    print(write_columns_config(workbook.parent, columns_toml(report)))
    return 0


def _watch(args: argparse.Namespace) -> int:
    from reportgen.watch import watch  # noqa: PLC0415 - for `watch` alone

    deck, folder = _destination(args.output)
    if deck is not None:
        raise UsageError("-o names the folder the decks go into: end it with /")
    if args.folder == INPUTS and not INPUTS.exists():
        INPUTS.mkdir()  # the usual place, made as `init` would make it

    def started() -> None:
        print(f"watching {args.folder} for saved workbooks; decks go into {folder} "
              "(Ctrl-C stops)", file=sys.stderr, flush=True)

    def report(outcome: Outcome) -> None:
        stamp = time.strftime("%H:%M:%S")
        built = outcome.built
        if built is not None:
            copies = "".join(f" + {copy.name}" for copy in built.copies)
            print(f"{stamp} {outcome.job.source} -> {built.path}{copies}: RAG: "
                  f"{rag_line(built.summary)}; {_plural(len(built.warnings), 'warning')}",
                  flush=True)
        else:
            print(f"{stamp} {outcome.job.source}: not built", flush=True)
        for error in outcome.errors:
            print(f"error: {error}", file=sys.stderr, flush=True)

    try:
        watch(args.folder, lambda source: _job(args, source, None, folder), report,
              settle=args.settle, poll=args.poll, started=started)
    except KeyboardInterrupt:
        print(f"stopped watching {args.folder}", file=sys.stderr)
    return 0


def _init_command(args: argparse.Namespace) -> int:
    if args.source is not None:
        return _init_from(args.source)
    if args.sample:
        return _init_sample(args.path or INPUTS / SAMPLE_NAME, force=args.force)
    return _init(args.path or INPUTS / "starter.xlsx", force=args.force)


def _init_sample(path: Path, *, force: bool) -> int:
    if path.suffix.lower() != ".xlsx":
        raise OutputError("the sample workbook needs a name ending in .xlsx", Place(path))
    if path.exists() and not force:
        raise OutputError("already exists; use --force to overwrite it", Place(path))
    place_file(bundled_sample(), path)
    print(path)
    return 0


def _init(path: Path, *, force: bool) -> int:
    from reportgen.ingest.starter import write_starter  # noqa: PLC0415 - for `init` alone

    write_starter(path, today=date.today(), force=force)
    print(path)
    settings = write_starter_config(path.parent)
    if settings is not None:
        print(settings)
    return 0
