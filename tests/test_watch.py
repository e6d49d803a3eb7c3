"""`reportgen watch`: a real folder, a real watcher. A workbook saved into the folder becomes a
deck once it stops changing; Excel's lock file and a broken workbook do not stop the watch;
Ctrl-C does, cleanly."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from reportgen.watch import Pending
from tests.bad_files import SAMPLE, retitled_sample

pytestmark = pytest.mark.skipif(os.name == "nt", reason="sends SIGINT as Ctrl-C would")


class Lines:
    """A stream's lines as they come, read on a thread of their own."""

    def __init__(self, stream: IO[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} in {timeout} s; saw {self.seen}")


def saved_slowly(source: Path, target: Path) -> None:
    """Write a workbook in pieces, as a slow save or copy would: it must be built once, whole."""
    data = source.read_bytes()
    with target.open("wb") as out:
        for start in range(0, len(data), 4096):
            out.write(data[start:start + 4096])
            out.flush()
            time.sleep(0.1)


def test_watch_builds_what_is_saved_and_survives_a_broken_workbook(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "old.xlsx").write_bytes(SAMPLE.read_bytes())  # there before: not built
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "watch", "--settle", "0.5",
                                "--no-history"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        out, err = Lines(process.stdout), Lines(process.stderr)  # type: ignore[arg-type]
        err.wait_for("watching inputs for saved workbooks")

        (folder / "~$march.xlsx").write_bytes(b"Excel's lock file")
        saved_slowly(SAMPLE, folder / "march.xlsx")
        built = out.wait_for("march.xlsx")
        assert re.fullmatch(r"\d\d:\d\d:\d\d inputs/march\.xlsx -> outputs/childrens-services-"
                            r"improvement-march-2019-update-2019-02\.pptx: RAG: 4 red, 6 amber, "
                            r"6 green, 3 unrated; \d+ warnings", built), built
        assert len(list((tmp_path / "outputs").glob("*.pptx"))) == 1

        (folder / "broken.xlsx").write_bytes(b"this is not a workbook")
        assert out.wait_for("broken.xlsx").endswith("broken.xlsx: not built")
        err.wait_for(f"error: {Path('inputs', 'broken.xlsx')}: ")

        # an Excel-style save: a temporary file, renamed over the workbook when complete
        retitled_sample("Early Help Update")(folder / "A1B2C3D4")
        os.replace(folder / "A1B2C3D4", folder / "early-help.xlsx")
        out.wait_for("early-help-update-2019-02.pptx")

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        err.wait_for("stopped watching inputs")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    decks = sorted(p.name for p in (tmp_path / "outputs").glob("*.pptx"))
    assert decks == ["childrens-services-improvement-march-2019-update-2019-02.pptx",
                     "early-help-update-2019-02.pptx"]
    assert not any("~$" in line or "old.xlsx" in line for line in out.seen)
    assert "Traceback" not in "\n".join(err.seen)


def test_a_workbook_is_built_only_once_it_stops_changing(tmp_path: Path) -> None:
    clock = [0.0]
    pending = Pending(clock=lambda: clock[0])
    book = tmp_path / "march.xlsx"
    book.write_bytes(b"first part")
    pending.touch(book)
    pending.touch(tmp_path / "~$march.xlsx")
    pending.touch(tmp_path / "notes.txt")
    clock[0] = 1.0
    with book.open("ab") as more:
        more.write(b", and more")  # still being written: its wait starts again
    assert pending.settled(2.0) == []
    clock[0] = 2.5
    assert pending.settled(2.0) == []
    clock[0] = 3.1
    assert pending.settled(2.0) == [book]
    assert pending.settled(2.0) == []  # built once


def test_watching_a_folder_that_is_not_there(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "reportgen", "watch", "nowhere"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: nowhere: is not a folder to watch (make it, or "
                                     "name another)")
