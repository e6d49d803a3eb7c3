"""A batch's PDFs: its decks shared among LibreOffice processes, each with a profile of its own
and several decks; a process that dies takes no deck down but the one it could not convert."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.errors import ExportError
from reportgen.export import _groups, to_pdfs
from tests.bad_files import retitled_sample

# A stand-in for soffice: "converts" each deck it is given, in order, into --outdir, and dies
# at a deck whose name says "bad" (as LibreOffice crashing on it would), leaving the rest.
FAKE = """#!/bin/sh
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift ;;
    *.pptx)
      echo "$1" >> "$LOG"
      case "$1" in *bad*) exit 1 ;; esac
      name=$(basename "$1" .pptx); echo '%PDF-1.7 fake' > "$out/$name.pdf" ;;
  esac
  shift
done
"""


def test_decks_are_shared_among_the_processes_without_a_name_twice() -> None:
    decks = [Path(f"a/{n}.pptx") for n in range(5)] + [Path("b/0.pptx")]
    groups = _groups(decks, 2)
    assert sorted(d for g in groups for d in g) == sorted(decks)
    assert len(groups) == 2
    for group in groups:
        assert len({d.name for d in group}) == len(group)


@pytest.mark.skipif(os.name == "nt", reason="the stand-in is a shell script")
def test_a_process_that_dies_fails_only_the_deck_it_died_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text(FAKE)
    fake.chmod(0o755)
    log = tmp_path / "log"
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(fake))
    monkeypatch.setenv("LOG", str(log))
    decks = [tmp_path / f"{name}.pptx" for name in ("a", "b", "bad", "c", "d", "e")]
    for deck in decks:
        deck.write_bytes(b"a deck")
    work = tmp_path / "work"
    work.mkdir()
    done: list[Path] = []
    made = to_pdfs(decks, work, 2, done=lambda deck, pdf: done.append(deck))
    failed = {deck for deck, pdf in made.items() if isinstance(pdf, ExportError)}
    assert failed == {tmp_path / "bad.pptx"}
    assert str(made[tmp_path / "bad.pptx"]).startswith(f"{tmp_path / 'bad.pptx'}: soffice failed")
    assert sorted(done) == sorted(set(decks) - failed)
    assert all(isinstance(pdf, Path) and pdf.read_bytes().startswith(b"%PDF")
               for deck, pdf in made.items() if deck not in failed)
    converted = log.read_text().split()
    assert converted.count(str(tmp_path / "bad.pptx")) == 2  # with others, then alone
    assert not any(work.glob("*/profile"))  # each process's profile removed


@pytest.mark.skipif(not shutil.which("soffice") and not os.environ.get("CI"),
                    reason="LibreOffice is not installed (CI installs it)")
def test_a_batch_gets_every_pdf_checked(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name in ("a", "b", "c"):
        retitled_sample(f"Deck {name}")(folder / f"{name}.xlsx")
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", str(folder), "--pdf",
                             "--png", "--no-history"], cwd=tmp_path, capture_output=True,
                            text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("[")]
    assert len(lines) == 3
    assert all(".pdf + deck-" in line and "-slides: RAG:" in line for line in lines), lines
    outputs = tmp_path / "outputs"
    for name in ("a", "b", "c"):
        assert (outputs / f"deck-{name}-2019-02.pdf").read_bytes().startswith(b"%PDF")
        assert (outputs / f"deck-{name}-2019-02-slides" / "slide-01.png").is_file()


@pytest.mark.skipif(not Path("/proc/self/status").is_file(),
                    reason="reads the processes' state in /proc (Linux)")
def test_ctrl_c_kills_every_libreoffice_at_once(tmp_path: Path) -> None:
    """A batch interrupted while its LibreOffice processes convert: each is killed (not waited
    for), with its children, and the command ends as after any Ctrl-C."""
    hang = tmp_path / "soffice"
    hang.write_text('#!/bin/sh\necho $$ >> "$LOG"\nsleep 600 &\necho $! >> "$LOG"\nwait\n')
    hang.chmod(0o755)
    log = tmp_path / "pids"
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name in ("a", "b", "c"):
        retitled_sample(f"Deck {name}")(folder / f"{name}.xlsx")
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "build", str(folder), "--pdf",
                                "--no-history"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "REPORTGEN_SOFFICE": str(hang),
                                    "LOG": str(log)})
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (
                not log.exists() or len(log.read_text().split()) < 4):
            time.sleep(0.1)  # both converters started, each with its child
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert "Traceback" not in err
    time.sleep(0.5)
    assert [pid for pid in map(int, log.read_text().split()) if alive(pid)] == []


def alive(pid: int) -> bool:
    """Running: not gone, and not a zombie waiting for a parent (in a container, PID 1 may
    never reap the orphans it is given)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status
