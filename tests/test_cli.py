"""End to end: the installed ``reportgen`` command, as a user runs it."""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pptx import Presentation

from reportgen.cli import make_parser
from reportgen.errors import MAX_LINES
from reportgen.findings import json_safe
from reportgen.ingest.writer import Deck, SheetNarrative, WorkbookSpec, write_workbook
from tests.bad_files import BAD_FILES, SPECIAL_FILES, infinite_figures, retitled_sample
from tests.builders import bad_targets_spec, decks, made


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def test_check_json(sample: Path) -> None:
    result = run("check", str(sample), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["period"] == "2019-02"
    assert len(document["indicators"]) == 19
    assert document["summary"]["red"] == 4


def test_check_text(sample: Path) -> None:
    result = run("check", str(sample))
    assert result.returncode == 0
    assert "RAG: 4 red, 6 amber, 6 green, 3 unrated" in result.stdout
    assert "6.3D: Current 87.3% does not match Num/Denom 231/264 = 87.5%" in result.stdout


def test_bad_input_is_one_line_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "no-kpis.xlsx"
    write_workbook(path, WorkbookSpec(Deck("x"), [SheetNarrative("Notes", "Hi", [])]))
    result = run("check", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {path}: no KPI table")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xlsx"
    result = run("check", str(missing))
    assert (result.returncode, result.stderr) == (1, f"error: {missing}: no such file\n")


def test_init_writes_a_starter_that_builds(tmp_path: Path) -> None:
    """`init` then `build`: the starter is the newest workbook in inputs/, and it builds, its
    example rows and example bullets marked to be replaced, its instructions on no slide."""
    target = tmp_path / "inputs" / "starter.xlsx"
    assert run("init", str(target)).returncode == 0
    result = run("check", str(target), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert all(i["measure"].startswith("EXAMPLE (replace this row)")
               for i in document["indicators"])
    assert [(i["current"], i["rag"]) for i in document["indicators"]] == [
        (90, "amber"), (27, "red"), (1020, None)]
    assert document["warnings"] == []
    built = run("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (deck,) = decks(tmp_path / "outputs")
    titles = [slide.shapes.title.text for slide in Presentation(str(deck)).slides]
    assert "How to fill in this workbook" not in titles and "Improvement Progress" in titles
    again = run("init", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_build_defaults_to_newest_input_and_outputs_folder(tmp_path: Path, sample: Path) -> None:
    (tmp_path / "inputs").mkdir()
    older = tmp_path / "inputs" / "old.xlsx"
    write_workbook(older, WorkbookSpec(Deck("x"), [SheetNarrative("Notes", "Hi", [])]))
    newest = tmp_path / "inputs" / "sample.xlsx"
    newest.write_bytes(sample.read_bytes())
    (tmp_path / "inputs" / "~$sample.xlsx").write_bytes(b"Excel lock file")
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = "outputs/childrens-services-improvement-march-2019-update-2019-02.pptx"
    assert result.stdout.splitlines()[0] == expected
    slides = len(Presentation(str(tmp_path / expected)).slides)
    warnings = result.stderr.count("warning: ")
    assert warnings >= 3  # the sample's data-quality warnings, and its reds' missing commentary
    assert f"{slides} slides; RAG: 4 red, 6 amber, 6 green, 3 unrated; {warnings} warnings" \
        in result.stdout
    assert (tmp_path / expected).stat().st_size > 10_000


def test_build_is_byte_identical(tmp_path: Path, sample: Path) -> None:
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    assert run("build", str(sample), "-o", str(first)).returncode == 0
    assert run("build", str(sample), "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_failed_build_keeps_last_months_deck(tmp_path: Path, sample: Path) -> None:
    deck = tmp_path / "deck.pptx"
    assert run("build", str(sample), "-o", str(deck)).returncode == 0
    before = deck.read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(sample.read_bytes()[:5000])  # a truncated download
    result = run("build", str(broken), "-o", str(deck))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {broken}: the workbook is damaged or incomplete")
    assert "Traceback" not in result.stderr
    assert deck.read_bytes() == before
    assert made(tmp_path) == ["broken.xlsx", "deck.pptx"]


def test_build_several_workbooks_each_on_its_own(tmp_path: Path, sample: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(sample.read_bytes())
    write_workbook(folder / "b.xlsx", WorkbookSpec(Deck("x"), [SheetNarrative("Notes", "Hi", [])]))
    result = run("build", str(folder), cwd=tmp_path)
    assert result.returncode == 1  # one failed
    assert "no KPI table" in result.stderr
    assert (tmp_path / "outputs").is_dir() and len(decks(tmp_path / "outputs")) == 1
    assert run("build", str(folder / "a.xlsx"), str(folder / "a.xlsx"), "-o", "x.pptx",
               cwd=tmp_path).returncode == 2


def test_build_with_no_inputs(tmp_path: Path) -> None:
    result = run("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "error: inputs: no workbook given and no .xlsx file in inputs/\n"


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_input_leaves_the_deck_untouched(tmp_path: Path, sample: Path, kind: str) -> None:
    make, message = BAD_FILES[kind]
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"last month's deck")
    bad = tmp_path / "book.xlsx"
    make(bad)
    result = run("build", str(bad), "-o", str(deck))
    assert result.returncode == 1
    assert result.stderr == result.stderr.splitlines()[0] + "\n"  # exactly one line
    assert result.stderr.startswith(f"error: {bad}: {message}")
    assert deck.read_bytes() == b"last month's deck"
    assert made(tmp_path) == ["book.xlsx", "deck.pptx"]


def test_unwritable_destination(tmp_path: Path, sample: Path) -> None:
    blocker = tmp_path / "outputs"
    blocker.write_text("a file where a folder should be")
    result = run("build", str(sample), "-o", str(blocker / "deck.pptx"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {blocker / 'deck.pptx'}: cannot write here")


def run_patched(patch: str, *args: str, cwd: Path | None = None
                ) -> subprocess.CompletedProcess[str]:
    """The real command line, with a fault injected first (a bug, a signal, a dying worker)
    by ``patch``, Python code run before ``main``."""
    code = f"import sys\n{patch}\nfrom reportgen.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=cwd, check=False)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# Faults are injected into the plan stage: build calls it with the report, which names its
# workbook, so a fault can pick one workbook of a batch.
BUG = """
import reportgen.build
def plan_deck(*args, **kwargs):
    raise RuntimeError("a bug\\nover two lines")
reportgen.build.plan_deck = plan_deck
"""


def test_a_bug_is_one_line_not_a_traceback(tmp_path: Path, sample: Path) -> None:
    result = run_patched(BUG, "build", str(sample), "-o", str(tmp_path / "deck.pptx"))
    assert result.returncode == 1
    assert result.stderr == (f"error: {sample}: internal error: RuntimeError: a bug over two "
                             "lines (please report this)\n")
    assert made(tmp_path) == []


def test_a_bug_in_check_json_is_still_json(tmp_path: Path, sample: Path) -> None:
    patch = ("import reportgen.cli\n"
             "def check_document(*args): raise KeyError('period')\n"
             "reportgen.cli.check_document = check_document")
    result = run_patched(patch, "check", str(sample), "--json")
    line = f"{sample}: internal error: KeyError: 'period' (please report this)"
    assert (result.returncode, result.stderr) == (1, f"error: {line}\n")
    assert json.loads(result.stdout) == {"error": line, "errors": [line]}


def test_check_json_on_unusable_input_is_json(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"")
    result = run("check", str(broken), "--json")
    assert result.returncode == 1
    assert result.stderr == f"error: {broken}: the file is empty (0 bytes)\n"
    line = f"{broken}: the file is empty (0 bytes)"
    assert json.loads(result.stdout) == {"error": line, "errors": [line]}


def test_check_json_has_no_nan_or_infinity(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    infinite_figures(book)  # cells stored as 1e999 and -1e999: Python reads them as ±inf

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    result = run("check", str(book), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout, parse_constant=refuse)
    cohort = next(i for i in document["indicators"] if i["ref"] == "1.4")
    assert cohort["trend"][0] is None and cohort["previous_year"] is None
    assert any("KPIs!H12" in warning for warning in cohort["warnings"])


def test_json_safe_is_the_last_line_of_defence() -> None:
    """Whatever reaches the JSON document (a field added later, a rule's arithmetic), NaN and
    infinity leave it as null with a warning, so json.dumps(allow_nan=False) never fails."""
    document = {"months": ["2019-01", "2019-02"], "warnings": ["earlier"],
                "indicators": [{"ref": "1.1", "current": math.inf, "trend": [1.0, math.nan],
                                "spc": {"mean": -math.inf}, "warnings": []}]}
    clean = json_safe(document)
    json.dumps(clean, allow_nan=False)
    indicator = clean["indicators"][0]
    assert (indicator["current"], indicator["trend"], indicator["spc"]) == \
        (None, [1.0, None], {"mean": None})
    notes = ["1.1: current: inf is not a finite number; written as null in the JSON",
             "1.1: trend 2019-02: nan is not a finite number; written as null in the JSON",
             "1.1: spc.mean: -inf is not a finite number; written as null in the JSON"]
    assert indicator["warnings"] == notes
    assert clean["warnings"] == ["earlier", *notes]


@pytest.mark.parametrize("kind", list(SPECIAL_FILES))
def test_special_workbook_is_refused(tmp_path: Path, kind: str) -> None:
    make, message = SPECIAL_FILES[kind]
    book = tmp_path / "book.xlsx"
    make(book)
    for command in (["check", str(book)], ["build", str(book), "-o", str(tmp_path / "d.pptx")]):
        result = run(*command)
        assert (result.returncode, result.stderr) == (1, f"error: {book}: {message}\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its permissions")
def test_unreadable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o000)
    try:
        result = run("build", str(folder))
    finally:
        folder.chmod(0o755)
    assert (result.returncode, result.stderr) == (
        1, f"error: {folder}: cannot read the folder: permission denied\n")


@pytest.mark.parametrize("output", ["deck.pdf", "inputs/book.xlsx", "same.pptx", "/dev/null"])
def test_output_is_only_ever_a_pptx(tmp_path: Path, sample: Path, output: str) -> None:
    (tmp_path / "inputs").mkdir()
    book = tmp_path / "inputs" / "book.xlsx"
    book.write_bytes(sample.read_bytes())
    (tmp_path / "same.pptx").symlink_to(book)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run("build", str(book), "-o", output, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {output}: ")
    assert result.stderr.count("\n") == 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("output", ["existing", "new/", "new/deeper/"])
def test_output_folder_gets_the_usual_name(tmp_path: Path, sample: Path, output: str) -> None:
    (tmp_path / "existing").mkdir()
    result = run("build", str(sample), "-o", output, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    deck = Path(output) / "childrens-services-improvement-march-2019-update-2019-02.pptx"
    assert result.stdout.splitlines()[0] == str(deck)
    assert (tmp_path / deck).stat().st_size > 10_000


KILL_WHILE_WRITING = """
import os, signal
real_fsync = os.fsync
def fsync(fd):
    real_fsync(fd)
    os.kill(os.getpid(), signal.{})
os.fsync = fsync
"""


@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_signal_while_writing_leaves_no_temporary_file(tmp_path: Path, sample: Path,
                                                       name: str, status: int) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"last month's deck")
    result = run_patched(KILL_WHILE_WRITING.format(name), "build", str(sample), "-o", str(deck))
    assert (result.returncode, result.stderr) == (
        status, f"error: stopped by {name}; no deck was left half-written\n")
    assert deck.read_bytes() == b"last month's deck"
    assert made(tmp_path) == ["deck.pptx"]


def test_next_build_clears_what_a_killed_build_left(tmp_path: Path, sample: Path) -> None:
    deck = tmp_path / "deck.pptx"
    killed = run_patched(KILL_WHILE_WRITING.format("SIGKILL"), "build", str(sample), "-o",
                         str(deck))
    assert killed.returncode == -9
    [left] = leftovers(tmp_path)  # SIGKILL cannot be caught: its temporary file stays
    two_minutes_ago = time.time() - 120
    os.utime(left, (two_minutes_ago, two_minutes_ago))
    assert run("build", str(sample), "-o", str(deck)).returncode == 0
    assert made(tmp_path) == ["deck.pptx"]


def test_a_bug_in_one_workbook_does_not_stop_the_batch(tmp_path: Path, sample: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        retitled_sample(f"Deck {name[0]}")(folder / name)
    patch = ("import reportgen.build\n"
             "real = reportgen.build.plan_deck\n"
             "def plan_deck(report, *args, **kwargs):\n"
             "    if report.source.endswith('b.xlsx'):\n"
             "        raise RuntimeError('a bug\\nover two lines')\n"
             "    return real(report, *args, **kwargs)\n"
             "reportgen.build.plan_deck = plan_deck\n")
    result = run_patched(patch, "build", str(folder), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {folder / 'b.xlsx'}: internal error: RuntimeError: a bug over "
                      "two lines (please report this)"]
    assert result.stdout.splitlines()[-1] == f"2 of 3 decks built; 1 with errors: " \
                                             f"{folder / 'b.xlsx'}"
    assert "Traceback" not in result.stderr
    assert len(decks(tmp_path / "outputs")) == 2


def test_a_worker_that_dies_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.xlsx", "crash.xlsx", "c.xlsx", "d.xlsx"):
        retitled_sample(f"Deck {name[0]}")(folder / name)
    patch = ("import os, reportgen.build\n"
             "real = reportgen.build.plan_deck\n"
             "def plan_deck(report, *args, **kwargs):\n"
             "    if report.source.endswith('crash.xlsx'):\n"
             "        os._exit(70)  # like a crash in a C library: no exception, no cleanup\n"
             "    return real(report, *args, **kwargs)\n"
             "reportgen.build.plan_deck = plan_deck\n")
    result = run_patched(patch, "build", str(folder), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {folder / 'crash.xlsx'}: internal error: "
                                "BrokenProcessPool: ")
    assert errors[0].endswith("(please report this)")
    assert result.stdout.splitlines()[-1] == (f"3 of 4 decks built; 1 with errors: "
                                              f"{folder / 'crash.xlsx'}")
    assert len(decks(tmp_path / "outputs")) == 3
    assert "Traceback" not in result.stderr


def test_sigterm_stops_a_batch_and_its_workers(tmp_path: Path) -> None:
    """A worker signals the command (as `kill <pid>` would) while it writes a deck: the command
    stops, and neither it nor a worker leaves a temporary file or a traceback."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"):
        retitled_sample(f"Deck {name[0]}")(folder / name)
    patch = ("import os, signal\n"
             "real_fsync = os.fsync\n"
             "def fsync(fd):\n"
             "    real_fsync(fd)\n"
             "    if os.getpid() != MAIN:\n"
             "        os.kill(MAIN, signal.SIGTERM)\n"
             "MAIN = os.getpid()\n"
             "os.fsync = fsync\n")
    result = run_patched(patch, "build", str(folder), cwd=tmp_path)
    assert result.returncode == 143
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: stopped by SIGTERM; no deck was left half-written"]
    assert "Traceback" not in result.stderr
    assert leftovers(tmp_path) == []
    assert len(decks(tmp_path / "outputs")) < 4


def test_bare_reportgen_prints_its_help() -> None:
    result = run()
    assert result.returncode == 0
    assert result.stdout.startswith("usage: reportgen")
    assert "Build the monthly KPI update deck" in result.stdout and not result.stderr


def test_a_count_that_is_not_a_number_is_said_plainly(sample: Path, tmp_path: Path) -> None:
    result = run("build", str(sample), "-o", str(tmp_path / "d.pptx"), "--exceptions", "abc")
    assert result.returncode == 2
    assert "--exceptions: must be a whole number, 0 or more, not 'abc'" in result.stderr
    assert "_count" not in result.stderr


def _package(*parts: str) -> bytes:
    """A zip package holding the named (empty) parts."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for part in ("[Content_Types].xml", *parts):
            archive.writestr(part, "<x/>")
    return stream.getvalue()


GIVE = "give the KPI workbook (.xlsx) instead"


@pytest.mark.parametrize(("name", "content", "says"), [
    ("data.csv", b"a,b\n1,2\n", "this is a CSV file, which holds one sheet only: open it in "
                                "Excel and save it as an Excel Workbook (.xlsx)"),
    ("README.md", b"# notes, not figures\n",
     f"not an Excel workbook: it is a text file (.md); {GIVE}"),
    ("minutes.pdf", b"%PDF-1.7\n...", f"not an Excel workbook: it is a PDF document; {GIVE}"),
    ("kpis.xlsx", b"%PDF-1.7\n...", f"not an Excel workbook: it is a PDF document; {GIVE}"),
    ("chart.xlsx", b"\x89PNG\r\n\x1a\n", f"not an Excel workbook: it is an image (PNG); {GIVE}"),
    # a real presentation: every .pptx a test leaves behind is validated
    ("deck.pptx", (Path(__file__).parent.parent / "templates" / "cabinet.pptx").read_bytes(),
     f"not an Excel workbook: this is a PowerPoint presentation; {GIVE}"),
    ("kpis.xlsx", _package("word/document.xml"),
     f"not an Excel workbook: this is a Word document; {GIVE}"),
])
def test_a_file_of_another_kind_is_named_for_what_it_is(tmp_path: Path, name: str,
                                                        content: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {path}: {says}"), result.stderr


@pytest.mark.parametrize("name", ["my.csv", "mine"])
def test_init_wants_an_xlsx_name(tmp_path: Path, name: str) -> None:
    result = run("init", str(tmp_path / name))
    assert result.returncode == 1
    assert result.stderr == f"error: {tmp_path / name}: the starter workbook needs a name " \
                            "ending in .xlsx\n"
    assert not (tmp_path / name).exists()


def test_build_says_which_workbook_it_chose(sample: Path, tmp_path: Path) -> None:
    (tmp_path / "inputs").mkdir()
    shutil.copy(sample, tmp_path / "inputs" / "march.xlsx")
    result = run("build", "--no-history", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"using {Path('inputs', 'march.xlsx')} (the newest workbook in inputs/)" in \
        result.stderr


def test_check_lists_every_bad_cell(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    write_workbook(book, bad_targets_spec(3))
    result = run("check", str(book))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {book}: KPIs!N{row}: Min target 'ninety' is not a number" for row in (8, 9, 10)]
    document = json.loads(run("check", str(book), "--json").stdout)
    assert document == {"error": result.stderr.splitlines()[0].removeprefix("error: "),
                        "errors": [line.removeprefix("error: ")
                                   for line in result.stderr.splitlines()]}


def test_build_lists_bad_cells_up_to_a_cap_and_writes_nothing(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    write_workbook(book, bad_targets_spec(MAX_LINES + 7))
    result = run("build", str(book), "--no-history", "-o", str(tmp_path / "deck.pptx"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_LINES + 1
    assert lines[MAX_LINES - 1].endswith("Min target 'ninety' is not a number")
    assert lines[-1] == f"error: {book}: ... and 7 more problems like these"
    assert not (tmp_path / "deck.pptx").exists()
    document = json.loads(run("check", str(book), "--json").stdout)
    assert len(document["errors"]) == MAX_LINES + 7


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def test_every_argument_explains_itself() -> None:
    unexplained = [(parser.prog, action.dest) for parser in _parsers(make_parser())
                   for action in parser._actions
                   if not isinstance(action, argparse._SubParsersAction) and not action.help]
    assert unexplained == []


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["init"], ["history"],
                                     ["template"]])
def test_help_gives_examples_and_exit_codes(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "examples:\n  reportgen " in result.stdout
    assert "exit status:\n  0    done" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
