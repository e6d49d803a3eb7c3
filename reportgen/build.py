"""One build, end to end: read → assess → plan → render → write, each stage called once."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Generator, Mapping, Sequence
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.config import NO_CONFIG, Config, load_config
from reportgen.errors import (
    InputError,
    OutputError,
    Place,
    ReportgenError,
    Stopped,
    TemplateError,
)
from reportgen.findings import all_warnings
from reportgen.frozen import frozen
from reportgen.history import (
    DEFAULT_STORE,
    Recorded,
    entries_of,
    import_order,
    read_past,
    record,
    shown_as_percent,
    shown_figure,
    store_for,
    workbook_name,
)
from reportgen.impossible import screen
from reportgen.indicators import Assessment, Rules, Summary, assess_all, summarise
from reportgen.ingest import WORKBOOK_SUFFIXES, read_report
from reportgen.model import Indicator, Report
from reportgen.output import (
    FileRole,
    Protected,
    check_destination,
    package,
    reproducible_zip,
    write_atomically,
)
from reportgen.overrides import apply_overrides
from reportgen.plan import DEFAULT_OPTIONS, DeckOptions, plan_deck
from reportgen.plan.layout import Role
from reportgen.plan.words import figure
from reportgen.proof import DeckProof

if TYPE_CHECKING:  # python-pptx is imported only when a template is opened
    from concurrent.futures import Future

    from reportgen.compose.inspection import TemplateCheck


def _bundled_template() -> Path:
    """The bundled template: installed as the package data reportgen.templates; run from a
    clone without an editable install (``python -m reportgen`` in the repository after
    ``pip install .``), the local package has no such module, and the repository's own
    templates/ folder is the same file."""
    try:
        return Path(str(files("reportgen.templates") / "cabinet.pptx"))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "templates" / "cabinet.pptx"


def bundled_sample() -> Path:
    """The sample workbook, installed as the package data reportgen.sample (the repository's
    inputs/ folder, where a clone finds it)."""
    try:
        return Path(str(files("reportgen.sample") / SAMPLE_NAME))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "inputs" / SAMPLE_NAME


DEFAULT_TEMPLATE = _bundled_template()
SAMPLE_NAME = "sample-2019-03.xlsx"
INPUTS = Path("inputs")
OUTPUTS = Path("outputs")


@frozen
class Built:
    path: Path
    slides: int
    summary: Summary
    warnings: tuple[str, ...]
    copies: tuple[Path, ...] = ()
    """The PDF and the folder of slide images, when asked for."""
    proof: DeckProof | None = None
    """What the rendered deck must show, checked in its PDF."""
    draft: str = ""
    """"Draft: 3 figures to check" where the deck is marked so; empty otherwise."""


@frozen
class Job:
    source: Path
    output: Path | None = None
    """The deck's file, or None for the default name in ``folder``."""
    template: Path = DEFAULT_TEMPLATE
    options: DeckOptions = DEFAULT_OPTIONS
    pdf: bool = False
    png: bool = False
    folder: Path = OUTPUTS
    """Where a deck without ``output`` goes (``-o FOLDER/``)."""
    history: Path | None = DEFAULT_STORE
    """The history store to read last month from and record this workbook in; None builds
    from the workbook alone (``--no-history``)."""
    config: Config = NO_CONFIG
    """reportgen.toml: the template's layout names and the indicators' overrides (the
    template, options and store above already follow it and the command line)."""


@frozen
class Outcome:
    job: Job
    built: Built | None
    errors: tuple[str, ...] = ()
    """One line each; a deck may be built and its PDF still fail."""


def is_workbook(path: Path) -> bool:
    # "~$book.xlsx" is the lock file Excel leaves beside an open workbook
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(("~$", "."))


def find_workbooks(given: list[Path]) -> list[Path]:
    """The workbooks named, the workbooks in each folder named, or the newest in inputs/."""
    if not given:
        candidates = [p for p in _listing(INPUTS) if is_workbook(p)] if INPUTS.is_dir() else []
        if not candidates:
            raise InputError("no workbook given and no .xlsx file in inputs/", Place(INPUTS))
        return [max(candidates, key=_modified)]
    found: list[Path] = []
    for path in given:
        if path.is_dir():
            # a sub-folder called "2019.xlsx" is not a workbook; a FIFO or device with that
            # name is listed, so that its build says what it is instead of skipping it
            inside = [p for p in _listing(path) if is_workbook(p) and not p.is_dir()]
            if not inside:
                raise InputError("folder holds no .xlsx workbook", Place(path))
            found.extend(inside)
        else:
            found.append(path)
    return found


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except PermissionError as exc:
        raise InputError("cannot read the folder: permission denied", Place(folder)) from exc
    except OSError as exc:
        raise InputError(f"cannot read the folder: {exc.strerror or exc}", Place(folder)) from exc


def _modified(path: Path) -> tuple[float, str]:
    try:
        return path.stat().st_mtime, path.name
    except OSError:
        return 0.0, path.name  # a dangling link: its build says so


def check_source(path: Path) -> None:
    """Refuse a "workbook" that is a FIFO, a device or a socket before anything opens it: reading
    a FIFO would wait for a writer for ever."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # the reader says "no such file"
    except OSError as exc:
        raise InputError(f"cannot read the workbook: {exc.strerror or exc}", Place(path)) from exc
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InputError("is a device, FIFO or socket, not a workbook file", Place(path))


def check_template_file(path: Path) -> None:
    """Refuse a "template" that is a FIFO, a device or a socket before it is opened: reading a
    FIFO would wait for a writer for ever."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # the template's reader says what is wrong
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "a device, FIFO or socket"
        raise TemplateError(f"is {what}, not a template file", Place(path))


def default_output(report: Report, folder: Path = OUTPUTS) -> Path:
    """``outputs/<title>-<YYYY-MM>.pptx``, e.g. childrens-services-improvement-...-2019-02."""
    slug = re.sub(r"[^a-z0-9]+", "-", report.deck.title.lower().replace("'", "")).strip("-")
    return folder / f"{slug or 'kpi-update'}-{report.kpis.period.iso}.pptx"


def _default_name(job: Job) -> Path | None:
    """The deck name a job would take by default; None when its workbook cannot be read (its
    build then says why)."""
    try:
        check_source(job.source)
        return default_output(read_workbook(job.source, job.config), job.folder)
    except Exception:  # its build reports it, one line, as for any workbook
        return None


def unique_names(jobs: Sequence[Job]) -> list[Job]:
    """A batch's jobs, each with a deck name no other job of the batch writes (design.md §5).

    Decks are named from their title and month; workbooks that would share a name (thirty
    teams' workbooks titled alike) are named from their own file names instead. Where even
    those clash, the batch is refused before anything is written."""
    pending = [job for job in jobs if job.output is None]
    if len(jobs) < 2 or not pending:
        return list(jobs)
    if len(pending) == 1:
        names = {pending[0].source: _default_name(pending[0])}
    else:
        # Each workbook is read once more for its title and month; in parallel, as a batch
        # builds, since reading is most of a small build's time.
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
        from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

        try:
            with ProcessPoolExecutor(max_workers=min(len(pending), os.cpu_count() or 1)) as pool:
                names = dict(zip((job.source for job in pending),
                                 pool.map(_default_name, pending), strict=True))
        except BrokenProcessPool:  # a workbook that kills its reader: its build reports it
            names = {}
    taken = Counter(_key(name) for name in names.values() if name is not None)
    chosen = [job if job.output is not None else replace(job, output=_own_name(job, names,
                                                                                  taken))
              for job in jobs]
    writers: dict[str, list[Job]] = {}
    for job in chosen:
        if job.output is not None:
            writers.setdefault(_key(job.output), []).append(job)
    clashes = [group for group in writers.values() if len(group) > 1]
    if clashes:
        first = clashes[0]
        raise OutputError(
            f"{len(first)} workbooks would write the same deck, {first[0].output} ("
            + ", ".join(str(job.source) for job in first[:3])
            + (", ..." if len(first) > 3 else "")
            + "): give them different file names, or build them separately with -o; "
            "nothing was written", Place(first[0].output))
    return chosen


def _key(path: Path) -> str:
    # Windows and macOS file systems do not tell "Deck.pptx" from "deck.pptx"
    return os.path.normcase(str(path)).casefold()


def _own_name(job: Job, names: Mapping[Path, Path | None], taken: Counter[str]) -> Path | None:
    name = names.get(job.source)
    if name is None or taken[_key(name)] < 2:
        return name
    return job.folder / f"{job.source.stem}.pptx"


def internal_error(source: Path | str, exc: BaseException) -> str:
    """The one line for a bug in reportgen (or a worker that died): the build of ``source``
    fails, the batch goes on."""
    detail = " ".join(str(exc).split()) or "(no message)"
    return f"{source}: internal error: {type(exc).__name__}: {detail} (please report this)"


def run_job(job: Job, *, copies: bool = True) -> Outcome:
    """Build one workbook, then (unless ``copies`` is False: a batch makes them together, in
    :func:`batch_copies`) its PDF/PNG copies; errors come back as lines, not raised, so
    that one bad workbook in a batch does not stop the others. Any exception is caught, not only
    ReportgenError: an unexpected one is a bug, reported as this workbook's error."""
    try:
        built = build_deck(job.source, job.output, job.template, job.options,
                           folder=job.folder, history=job.history, config=job.config,
                           proof=job.pdf or job.png)
    except ReportgenError as exc:
        return Outcome(job, None, exc.lines())
    except Exception as exc:  # a bug: see the docstring
        return Outcome(job, None, (internal_error(job.source, exc),))
    if not copies:
        return Outcome(job, built)
    try:
        made = export_copies(built.path, pdf=job.pdf, png=job.png, proof=built.proof)
    except ReportgenError as exc:
        return Outcome(job, built, (str(exc),))
    except Exception as exc:
        return Outcome(job, built, (internal_error(job.source, exc),))
    return Outcome(job, replace(built, copies=made))


def run_jobs(jobs: Sequence[Job], workers: int | None = None, *,
             copies: bool = True) -> Generator[Outcome, None, None]:
    """Outcomes as they finish: in this process for one job, on the machine's cores for more;
    with ``copies`` False, the decks alone (for :func:`batch_copies`).

    A worker process that dies (killed, out of memory, a crash in a C library) breaks the whole
    pool; the jobs it took with it are built again each in a pool of its own, so that only the
    workbook that kills its worker is reported, and the batch still ends with every outcome."""
    if len(jobs) == 1:
        yield run_job(jobs[0], copies=copies)
        return
    # Imported here: a pool is only for a batch, and a single build need not pay to load it.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor, as_completed  # noqa: PLC0415

    workers = workers or min(len(jobs), os.cpu_count() or 1)
    broken: list[Job] = []
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        futures = {pool.submit(_work, job, copies): job for job in jobs}
        for future in as_completed(futures):
            outcome = _outcome(future, futures[future])
            if outcome is None:
                broken.append(futures[future])
            else:
                yield outcome
    except Stopped:
        # SIGTERM sent to this process alone: pass it on, so that the workers stop too (their
        # handlers, inherited, clean up) instead of finishing their decks and PDFs first
        for child in multiprocessing.active_children():
            child.terminate()
        raise
    finally:
        # on an interruption, do not start the jobs still queued
        pool.shutdown(wait=True, cancel_futures=True)
    for job in sorted(broken, key=jobs.index):
        yield run_alone(job, copies=copies)


def _work(job: Job, copies: bool = True) -> Outcome:
    """run_job in a worker process. A signal that stops the job (Ctrl-C, or SIGTERM with the
    CLI's handler, inherited) ends the worker once its clean-up has run, instead of letting it
    go on to a job already queued for it."""
    try:
        return run_job(job, copies=copies)
    except KeyboardInterrupt:
        os._exit(130)
    except Stopped as exc:
        os._exit(int(exc.code or 1))


def _outcome(future: Future[Outcome], job: Job) -> Outcome | None:
    """The job's outcome; None when its pool broke under it (to be built again)."""
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    try:
        return future.result()
    except BrokenProcessPool:
        return None
    except Exception as exc:  # e.g. an outcome that cannot be pickled
        return Outcome(job, None, (internal_error(job.source, exc),))


def run_alone(job: Job, *, copies: bool = True) -> Outcome:
    """One job in a process of its own: if that process dies, this job alone fails."""
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_work, job, copies).result()
        except Exception as exc:  # BrokenProcessPool above all
            return Outcome(job, None, (internal_error(job.source, exc),))


def batch_copies(outcomes: Sequence[Outcome],
                 processes: int | None = None) -> Generator[Outcome, None, None]:
    """The PDF/PNG copies of a batch's decks (built with ``copies=False``), converted together
    by as many LibreOffice processes as the machine has cores (:func:`export.to_pdfs`), then
    each checked and put in place: each outcome again, with its copies or its error."""
    wanted = [o for o in outcomes if o.built is not None and not o.errors
              and (o.job.pdf or o.job.png)]
    if not wanted:
        yield from outcomes
        return
    from reportgen.export import to_pdfs  # noqa: PLC0415 - only for copies

    checked: dict[Path, Outcome] = {}
    for_deck = {o.built.path: o for o in wanted if o.built is not None}

    def check(deck: Path, pdf: Path | ReportgenError) -> None:
        outcome = for_deck[deck]
        built = outcome.built
        assert built is not None
        if isinstance(pdf, ReportgenError):
            checked[deck] = Outcome(outcome.job, built, (str(pdf),))
            return
        try:
            copies = export_copies(deck, pdf=outcome.job.pdf, png=outcome.job.png,
                                   proof=built.proof, made=pdf)
        except ReportgenError as exc:
            checked[deck] = Outcome(outcome.job, built, (str(exc),))
        except Exception as exc:  # a bug: this deck's error, the batch goes on
            checked[deck] = Outcome(outcome.job, built,
                                    (internal_error(outcome.job.source, exc),))
        else:
            checked[deck] = Outcome(outcome.job, replace(built, copies=copies))

    with tempfile.TemporaryDirectory(prefix="reportgen-batch-") as work:
        try:
            made: Mapping[Path, Path | ReportgenError] = to_pdfs(
                list(for_deck), Path(work), processes or os.cpu_count() or 1, done=check)
        except ReportgenError as exc:  # no LibreOffice: every deck says so
            made = dict.fromkeys(for_deck, exc)
        for deck, pdf in made.items():
            if deck not in checked:
                check(deck, pdf)
    for outcome in outcomes:
        built = outcome.built
        yield checked[built.path] if built is not None and built.path in checked else outcome


def export_copies(deck: Path, *, pdf: bool, png: bool, proof: DeckProof | None = None,
                  made: Path | None = None) -> tuple[Path, ...]:
    """``<deck>.pdf`` and/or ``<deck>-slides/``; images alone go through a PDF kept nowhere.
    The PDF (``made`` when LibreOffice has made it already) is checked against ``proof``
    before it is kept or turned into images."""
    if not (pdf or png):
        return ()
    from reportgen.export import to_pdf, to_png  # noqa: PLC0415 - only for copies

    copies: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as work:
        document = to_pdf(deck, deck.with_suffix(".pdf") if pdf else Path(work, "deck.pdf"),
                          proof=proof, shown_as=None if pdf else deck.with_name(
                              f"{deck.stem}-slides"), made=made)
        if pdf:
            copies.append(document)
        if png:
            folder = deck.with_name(f"{deck.stem}-slides")
            to_png(document, folder)
            copies.append(folder)
    return tuple(copies)


def read_workbook(source: Path, config: Config) -> Report:
    """The workbook as read, its headers mapped by reportgen.toml's ``[columns]``, each
    impossible figure left out with a warning (``reportgen.impossible``)."""
    return screen(read_report(source, dict(config.columns)))


@frozen
class Assessed:
    """A workbook read, corrected by its reportgen.toml and assessed: where ``build``, ``check``
    and ``history import`` each start (:func:`assess_workbook`)."""

    read: Report
    """The workbook as read: what the store records (a hidden indicator's figures too)."""
    report: Report
    """As the deck shows it: ``[indicators]`` overrides applied, hidden indicators gone."""
    hidden: tuple[Indicator, ...]
    """The indicators ``hide = true`` took out, in workbook order."""
    assessments: tuple[Assessment, ...]
    """The rules (the configuration's ``[rules]``, the one place rules come from) applied to
    ``report`` and to what the store knew before it."""


def assess_workbook(source: Path, config: Config, history: Path | None) -> Assessed:
    """Read → override → assess, the one way every command does it."""
    return assess_read(read_workbook(source, config), config, history)


def assess_read(read: Report, config: Config, history: Path | None) -> Assessed:
    """A workbook already read (``read_workbook``), overridden and assessed; for ``history
    import``, which reads every workbook before it assesses them in order of their months."""
    overridden = apply_overrides(read, config.indicators, config.source)
    report = overridden.report
    return Assessed(read, report, overridden.hidden,
                    assess_report(report, config.rules, history))


def assess_report(report: Report, rules: Rules,
                  history: Path | None) -> tuple[Assessment, ...]:
    """The rules applied to a workbook and, where there is a store, to what it knew before:
    each scorecard against its own months (or quarters)."""
    kpis = report.kpis
    past = read_past(history, kpis.period, workbook_name(report.source)) \
        if history is not None else None
    return tuple(assessment for table in report.tables
                 for assessment in assess_all(table.indicators, rules, table.months, past))


def shown_currents(assessments: Sequence[Assessment]) -> dict[str, tuple[str | None, str]]:
    """Each Current's RAG and figure as the deck shows them, for the store."""
    return {a.indicator.ref: (a.rag.value if a.rag else None,
                              figure(a.indicator.current, a.indicator))
            for a in assessments if a.indicator.current is not None}


def protected(*, template: Path | None = None, history: Path | None = None,
              config: Config = NO_CONFIG) -> tuple[Protected, ...]:
    """The files a run reads or keeps besides its workbook, which nothing it writes may
    replace (design.md §5)."""
    found = [Protected(template, FileRole.TEMPLATE)] if template is not None else []
    if history is not None:
        found.append(Protected(history, FileRole.STORE))
    if config.source is not None:
        found.append(Protected(config.source, FileRole.CONFIG))
    return tuple(found)


def build_deck(source: Path, output: Path | None, template: Path,
               options: DeckOptions = DEFAULT_OPTIONS, *, folder: Path = OUTPUTS,
               history: Path | None = None, config: Config = NO_CONFIG,
               proof: bool = True) -> Built:
    """Read, assess, plan, compose and write one deck (recording it in ``history``); with
    ``proof``, the built deck says what its PDF must show."""
    kept = protected(template=template, history=history, config=config)
    if output is not None:
        # before the work, not only after it
        check_destination(output, source=source, protected=kept)
    check_source(source)
    check_template_file(template)
    # Imported here, not at the top: python-pptx is slow to load, and `check`, `init` and
    # `--version` never draw a slide.
    from reportgen.compose import compose_deck, load_template  # noqa: PLC0415

    assessed = assess_workbook(source, config, history)
    read, report, assessments = assessed.read, assessed.report, assessed.assessments
    warnings = tuple(all_warnings(report, assessments))
    opened = load_template(template, config.layout_names)
    plan = plan_deck(report, assessments, opened.geometry, options, warnings, config.rules)
    deck = compose_deck(plan, opened, proof=proof)
    target = output or default_output(report, folder)
    if history is not None:
        # Recorded before the deck is put in place: a store that is busy stops the build with
        # nothing changed, and a rebuild replaces this workbook's rows, so a deck that then
        # fails to be written is simply built again. The store keeps the workbook's figures as
        # read (a hidden indicator's too): the configuration changes what the deck shows.
        kpis = read.kpis
        record(history, workbook_name(source), kpis.period, read.deck.title, kpis.sheet,
               entries_of(read, shown_currents(assessments)))
    write_atomically(target, package(deck.files), source=source, protected=kept)
    return Built(path=target, slides=deck.slides, summary=summarise(assessments),
                 warnings=warnings, proof=deck.proof, draft=plan.properties.status)


@frozen
class Line:
    """One line of ``history import``'s report."""

    text: str
    error: bool = False


def import_history(given: Sequence[Path], store: Path) -> Generator[Line, None, None]:
    """Record past workbooks in the store, oldest month first whatever their names, each
    assessed against what the store knew before it and with the reportgen.toml its build would
    read (so the RAG recorded as shown is the RAG its deck would have shown). A workbook that
    cannot be read is reported and the rest go on."""
    read: list[tuple[Report, Config]] = []
    for path in find_workbooks(list(given)):
        if store_for(path, store) != store:
            yield Line(f"{path}: the sample workbook, not recorded here (its figures are made "
                       "up; its builds keep a store of their own)")
            continue
        try:
            check_source(path)
            config = load_config(None, path)
            read.append((read_workbook(path, config), config))
        except ReportgenError as exc:
            for line in exc.lines():
                yield Line(f"error: {line}", error=True)
    settings = {report.source: config for report, config in read}
    for report in import_order(report for report, _ in read):
        kpis = report.kpis
        config = settings[report.source]
        assessments = assess_read(report, config, store).assessments
        record(store, workbook_name(report.source), kpis.period, report.deck.title, kpis.sheet,
               entries_of(report, shown_currents(assessments)))
        restated = sum(len(a.restatements) for a in assessments)
        yield Line(f"{report.source}: {kpis.period.long}, "
                   f"{len(report.indicators)} indicators recorded"
                   + (f"; {restated} restated month{'s' if restated != 1 else ''}"
                      if restated else ""))


def show_text(ref: str, rows: Sequence[Recorded]) -> str:
    """``history show REF``: each recorded figure, oldest month first, with where it came
    from."""
    # The store keeps no unit; Current's text as the deck showed it says whether it is a
    # percentage, and a percentage's months, targets and last year are in percent points too.
    percent = shown_as_percent(row.entry.text for row in rows)
    lines = [f"{ref} {rows[0].entry.measure}",
             f"{'month':<9}{'field':<14}{'figure':>12}  {'pack':<10}{'workbook':<32}cell"]
    for row in rows:
        entry = row.entry
        shown = shown_figure(entry.field, entry.value, entry.decimals, entry.text, percent)
        rag = f" {entry.rag}" if entry.rag else ""
        lines.append(f"{entry.month.short:<9}{entry.field:<14}{shown + rag:>12}  "
                     f"{row.period.short:<10}{row.workbook:<32}{entry.cell}")
    return "\n".join(lines)


def template_check(template: Path, names: Mapping[Role, str] | None = None) -> TemplateCheck:
    """``template check``: the layout each role takes, or why none can."""
    from reportgen.compose.inspection import check_template  # noqa: PLC0415

    check_template_file(template)
    return check_template(template, names)


def template_inspect(template: Path, output: Path,
                     names: Mapping[Role, str] | None = None) -> Path:
    """``template inspect``: a copy of the template with one labelled slide per layout."""
    from reportgen.compose.inspection import inspection_deck  # noqa: PLC0415

    check_template_file(template)
    kept = (Protected(template, FileRole.TEMPLATE),)
    check_destination(output, protected=kept)
    write_atomically(output, reproducible_zip(inspection_deck(template, names)), protected=kept)
    return output
