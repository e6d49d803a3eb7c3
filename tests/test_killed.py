"""A build stopped by SIGTERM or SIGHUP at any moment leaves no file behind (design.md §5):
not the deck half-written, not its temporary file, even when the signal comes the instant the
temporary file appears. In a loop, kept to a few seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")


def start(out: Path, *history: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "reportgen", "build", str(SAMPLE), "-o",
                             str(out / "deck.pptx"), *(history or ("--no-history",))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def left(out: Path) -> list[str]:
    """What the killed build left: nothing, or a whole deck."""
    names = sorted(p.name for p in out.iterdir()) if out.exists() else []
    if "deck.pptx" in names:
        with zipfile.ZipFile(out / "deck.pptx") as deck:
            assert deck.testzip() is None  # whole: it was put in place complete
        names.remove("deck.pptx")
    return [n for n in names if n != "history.sqlite"]


def stopped(process: subprocess.Popen[bytes], signum: int) -> None:
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert b"Traceback" not in err, err.decode()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_killed_the_instant_the_temporary_deck_appears(tmp_path: Path, signum: int) -> None:
    for attempt in range(2):
        out = tmp_path / f"{signum}-{attempt}"
        out.mkdir()
        process = start(out)
        while process.poll() is None and not any(
                name.endswith(".tmp") for name in os.listdir(out)):
            pass  # as tight as a loop can be: the file has only just appeared
        if process.poll() is None:
            stopped(process, signum)
        else:
            process.communicate()
        assert left(out) == []


def test_killed_at_many_points(tmp_path: Path) -> None:
    delays = [0.0, 0.1, 0.2, 0.3, 0.45, 0.6]
    for number, delay in enumerate(delays):
        out = tmp_path / str(number)
        out.mkdir()
        store = ("--history", str(out / "history.sqlite")) if number % 2 else ()
        process = start(out, *store)
        time.sleep(delay)
        if process.poll() is None:
            stopped(process, (signal.SIGTERM, signal.SIGHUP)[number % 2])
        else:
            process.communicate()
        assert left(out) == [], delay
