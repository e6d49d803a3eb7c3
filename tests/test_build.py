"""A month's folder with good and broken workbooks, built in one go by the real command: every
good deck is written, every bad workbook is one error line, and the batch always finishes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import reportgen.build as build_module
from tests.bad_files import BAD_FILES, SAMPLE, SPECIAL_FILES, retitled_sample

BROKEN = ["empty", "csv", "truncated", "entity-bomb", "duplicate-ref", "not-a-workbook"]
SAMPLE_DECK = "childrens-services-improvement-march-2019-update-2019-02.pptx"


def build(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", "build", *args],
                          capture_output=True, text=True, cwd=cwd, check=False)


def test_a_folder_of_good_and_broken_workbooks(tmp_path: Path) -> None:
    month = tmp_path / "march"
    month.mkdir()
    (month / "a-sample.xlsx").write_bytes(SAMPLE.read_bytes())
    retitled_sample("Early Help Update")(month / "b-early-help.xlsx")
    expected: dict[Path, str] = {}
    for kind in BROKEN:
        make, message = BAD_FILES[kind]
        make(month / f"{kind}.xlsx")
        expected[month / f"{kind}.xlsx"] = message
    make, message = SPECIAL_FILES["fifo"]
    make(month / "fifo.xlsx")
    expected[month / "fifo.xlsx"] = message
    (month / "archive.xlsx").mkdir()  # a folder with a workbook's name is not a workbook

    result = build(str(month), cwd=tmp_path)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("error:"))
    assert len(errors) == len(expected)
    for line, (book, message) in zip(errors, sorted(expected.items()), strict=True):
        assert line.startswith(f"error: {book}: {message}"), line
    decks = sorted(p.name for p in (tmp_path / "outputs").iterdir() if p.suffix == ".pptx")
    assert decks == [SAMPLE_DECK, "early-help-update-2019-02.pptx"]
    assert (tmp_path / "outputs" / "history.sqlite").is_file()  # both recorded, beside them
    assert all((tmp_path / "outputs" / deck).stat().st_size > 10_000 for deck in decks)
    failed = ", ".join(str(book) for book in sorted(expected))
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith(f"2 of {2 + len(expected)} decks built; {len(expected)} with "
                              "errors: ")
    assert sorted(summary.split(": ", 1)[1].split(", ")) == failed.split(", ")
    assert [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")] == []


def test_several_workbooks_into_one_folder(tmp_path: Path) -> None:
    retitled_sample("Early Help Update")(tmp_path / "early-help.xlsx")
    result = build(str(SAMPLE), str(tmp_path / "early-help.xlsx"), "-o", "decks/",
                   cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "decks").iterdir()) == [
        SAMPLE_DECK, "early-help-update-2019-02.pptx"]
    assert result.stdout.splitlines()[-1] == "2 of 2 decks built"


def test_the_template_is_found_from_a_clone_without_the_package_data(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m reportgen` in the repository after a plain `pip install .` imports the local
    package, which has no reportgen.templates module: the repository's templates/ is used."""

    def missing(name: str) -> None:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(build_module, "files", missing)
    found = build_module._bundled_template()
    assert found == Path(build_module.__file__).resolve().parent.parent / "templates" / \
        "cabinet.pptx"
    assert found.is_file()


def test_a_deck_states_what_its_pdf_must_show_only_when_a_pdf_is_made(tmp_path: Path) -> None:
    # Reading the proof back from the composed deck is work a build without a PDF never uses.
    plain = build_module.run_job(build_module.Job(SAMPLE, tmp_path / "plain.pptx"))
    assert plain.errors == () and plain.built is not None
    assert plain.built.proof is None
    proved = build_module.build_deck(SAMPLE, tmp_path / "proved.pptx",
                                     build_module.DEFAULT_TEMPLATE, proof=True)
    assert proved.proof is not None
    assert [s.number for s in proved.proof.slides] == list(range(1, proved.slides + 1))
    assert (tmp_path / "plain.pptx").read_bytes() == (tmp_path / "proved.pptx").read_bytes()
