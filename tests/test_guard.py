"""The one output guard (design.md §5): every command that writes writes only files of its own
kind, never over an input of the run, the history store, a settings file, a link or a special
file, and always through a temporary file and a rename that a signal cannot leave behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from reportgen.cli import main
from reportgen.errors import OutputError, Stopped
from reportgen.history import Entry, record
from reportgen.model import Month
from reportgen.output import (
    FileRole,
    Kind,
    Protected,
    _running,
    check_destination,
    write_atomically,
)
from tests.conftest import ROOT, SAMPLE

TEMPLATE = ROOT / "templates" / "cabinet.pptx"


@pytest.fixture
def run(tmp_path: Path) -> dict[str, Path]:
    """A team's folder: the month's workbook, last month's deck, the store and the settings."""
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    outputs.mkdir()
    workbook = inputs / "kpis-2019-03.xlsx"
    shutil.copy(SAMPLE, workbook)
    deck = outputs / "update-2019-02.pptx"
    shutil.copy(TEMPLATE, deck)
    store = outputs / "history.sqlite"
    record(store, "kpis-2019-02.xlsx", Month(2019, 2), "Update", "KPIs",
           [Entry("1.1", "Measure", "current", Month(2019, 2), 90.0, 1, "KPIs!F8")])
    config = inputs / "reportgen.toml"
    config.write_text("[deck]\nmarking = \"OFFICIAL\"\n", encoding="utf-8")
    return {"workbook": workbook, "deck": deck, "store": store, "config": config}


@pytest.mark.parametrize("what", ["workbook", "deck", "store", "config"])
def test_history_export_never_writes_over_anything_but_a_csv(
        run: dict[str, Path], what: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = run[what]
    before = target.read_bytes()
    status = main(["history", "export", "--csv", "-o", str(target), "--history",
                   str(run["store"])])
    error = capsys.readouterr().err
    assert status == 1
    assert error.count("\n") == 1 and error.startswith(f"error: {target}: ")
    assert {"workbook": "is an Excel workbook", "deck": "is a PowerPoint file",
            "store": "this is the history store", "config": "is a reportgen settings file"
            }[what] in error
    assert target.read_bytes() == before
    assert main(["history", "show", "1.1", "--history", str(run["store"])]) == 0


def test_history_export_writes_a_csv_whole(run: dict[str, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = run["store"].parent / "figures.csv"
    assert main(["history", "export", "--csv", "-o", str(target), "--history",
                 str(run["store"])]) == 0
    assert target.read_text(encoding="utf-8").startswith("workbook,period,")
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "figures.csv", "history.sqlite", "update-2019-02.pptx"]


def test_a_csv_named_like_the_store_is_the_store(run: dict[str, Path]) -> None:
    """An SQLite file is known by its content, whatever its name."""
    disguised = run["store"].with_name("figures.csv")
    shutil.copy(run["store"], disguised)
    with pytest.raises(OutputError, match="is an SQLite database"):
        check_destination(disguised, suffix=".csv")


def test_a_deck_name_holding_a_workbook_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "deck.pptx"
    shutil.copy(SAMPLE, book)
    with pytest.raises(OutputError, match="is an Excel workbook, not a deck"):
        write_atomically(book, b"deck")
    assert book.read_bytes() == SAMPLE.read_bytes()
    book.unlink()  # not a deck, for the check every deck left behind gets


def test_template_inspect_onto_its_template_names_the_template(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "T.pptx"
    shutil.copy(TEMPLATE, template)
    before = template.read_bytes()
    assert main(["template", "inspect", str(template), "-o", str(template)]) == 1
    error = capsys.readouterr().err
    assert "this is the template being read" in error and "workbook" not in error
    assert template.read_bytes() == before


@pytest.mark.parametrize(("role", "words"), [(FileRole.STORE, "the history store being kept"),
                                             (FileRole.CONFIG, "the settings file being read")])
def test_a_protected_file_is_named_by_its_role(tmp_path: Path, role: FileRole,
                                                 words: str) -> None:
    kept = tmp_path / "kept.bin"
    kept.write_bytes(b"x")
    linked = tmp_path / "deck.pptx"
    os.link(kept, linked)
    with pytest.raises(OutputError, match=words):
        write_atomically(linked, b"deck", protected=(Protected(kept, role),))
    linked.unlink()


def test_a_settings_file_is_never_written_by_another_command(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"not a \.csv file name"):
        check_destination(tmp_path / "reportgen.toml", suffix=".csv")


def test_init_goes_through_the_guard(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere.xlsx"
    elsewhere.write_bytes(b"someone else's")
    link = tmp_path / "starter.xlsx"
    link.symlink_to(elsewhere)
    assert main(["init", str(link), "--force"]) == 1
    assert "is a symbolic link" in capsys.readouterr().err
    assert elsewhere.read_bytes() == b"someone else's"
    assert main(["init", str(tmp_path / "new" / "starter.xlsx")]) == 0
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["reportgen.toml",
                                                                    "starter.xlsx"]


def test_a_signal_the_instant_the_temporary_file_appears_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race of issue 23: the temporary file is made, and the signal arrives before the
    code that would remove it has been set up."""
    real_open = os.open

    def open_then_stopped(path: Any, flags: int, mode: int = 0o777) -> int:
        real_open(path, flags, mode)
        raise Stopped(15, "SIGTERM")

    monkeypatch.setattr(os, "open", open_then_stopped)
    with pytest.raises(Stopped):
        write_atomically(tmp_path / "deck.pptx", b"deck")
    assert list(tmp_path.iterdir()) == []


class FakeKernel32:
    """Windows' process calls, as output._running makes them."""

    def __init__(self, alive: set[int], exit_code: int = 259) -> None:
        self.alive, self.exit_code, self.closed = alive, exit_code, 0
        self.error = 0

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:  # noqa: N802
        if pid in self.alive:
            return 1000 + pid
        self.error = 87  # ERROR_INVALID_PARAMETER: no such process
        return 0

    def GetLastError(self) -> int:  # noqa: N802
        return self.error

    def GetExitCodeProcess(self, handle: int, code: Any) -> int:  # noqa: N802
        code._obj.value = self.exit_code
        return 1

    def CloseHandle(self, handle: int) -> int:  # noqa: N802
        self.closed += 1
        return 1


def test_process_check_on_windows_never_sends_a_signal(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_kill(pid: int, sig: int) -> None:
        raise AssertionError("os.kill on Windows sends CTRL_C_EVENT for signal 0")

    monkeypatch.setattr(os, "kill", no_kill)
    kernel = FakeKernel32({4242})
    assert _running(4242, windows=True, kernel32=kernel)
    assert not _running(4243, windows=True, kernel32=kernel)
    assert not _running(4242, windows=True, kernel32=FakeKernel32({4242}, exit_code=0))
    assert kernel.closed == 1


def test_process_check_on_posix(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[int, int]] = []

    def kill(pid: int, sig: int) -> None:
        asked.append((pid, sig))
        if pid == 99999:
            raise ProcessLookupError

    monkeypatch.setattr(os, "kill", kill)
    assert _running(12345, windows=False)
    assert not _running(99999, windows=False)
    assert asked == [(12345, 0), (99999, 0)]


def test_each_kind_has_its_suffix() -> None:
    assert {kind.value for kind in Kind} == {".pptx", ".csv", ".pdf", ".png", ".xlsx", ".toml"}
