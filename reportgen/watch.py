"""``reportgen watch [FOLDER]``: build each workbook saved into a folder, once it has stopped
changing (design.md §4).

The folder is watched with watchdog (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW
on Windows; ``--poll`` for a network share, whose changes those do not report). An event only
marks a workbook as changed: it is built when its size and modification time have stayed the
same for ``settle`` seconds, so a workbook Excel is still writing, or one copied in slowly, is
built once, whole. Excel's lock files (``~$book.xlsx``) and its temporary saves (names without
.xlsx, renamed over the workbook when complete: the rename is what counts) are ignored.

Each build runs as ``reportgen build WORKBOOK`` would and prints one line; a workbook that
cannot be built prints its errors and the watch goes on. Ctrl-C stops it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reportgen.build import Job, Outcome, is_workbook, run_job
from reportgen.errors import InputError, Place, ReportgenError

SETTLE = 2.0
"""Seconds a workbook must stay unchanged before it is built."""
TICK = 0.25


def _signature(path: Path) -> tuple[int, float] | None:
    try:
        info = path.stat()
    except OSError:
        return None  # gone again (a temporary save), or not readable yet
    return info.st_size, info.st_mtime


class Pending:
    """Workbooks that changed, each with when it last changed and how it looked then: what the
    watcher's thread records and the main thread builds from. Thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._changed: dict[Path, tuple[float, tuple[int, float] | None]] = {}

    def touch(self, path: Path) -> None:
        if not is_workbook(path):
            return
        with self._lock:
            self._changed[path] = (self._clock(), _signature(path))

    def settled(self, settle: float) -> list[Path]:
        """The workbooks unchanged for ``settle`` seconds, taken off the list; one that changed
        since it was last looked at starts its wait again, one that is gone is dropped."""
        now = self._clock()
        ready: list[Path] = []
        with self._lock:
            for path, (when, seen) in list(self._changed.items()):
                current = _signature(path)
                if current is None:
                    del self._changed[path]
                elif current != seen:
                    self._changed[path] = (now, current)
                elif now - when >= settle:
                    del self._changed[path]
                    ready.append(path)
        return sorted(ready)


def _handler(pending: Pending) -> Any:
    from watchdog.events import FileSystemEvent, FileSystemEventHandler  # noqa: PLC0415

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory:
                return
            for name in (event.src_path, getattr(event, "dest_path", "")):
                if name:
                    pending.touch(Path(str(name)))

    return Changed()


@contextlib.contextmanager
def watching(folder: Path, pending: Pending, *, poll: bool = False) -> Iterator[None]:
    """The folder watched, its workbooks' changes recorded in ``pending``, until the block
    ends (however it ends)."""
    if not folder.is_dir():
        raise InputError("is not a folder to watch (make it, or name another)", Place(folder))
    from watchdog.observers import Observer  # noqa: PLC0415
    from watchdog.observers.polling import PollingObserver  # noqa: PLC0415

    observer: Any = PollingObserver(timeout=1) if poll else Observer()
    observer.schedule(_handler(pending), str(folder), recursive=False)
    observer.daemon = True
    observer.start()
    try:
        yield
    finally:
        observer.stop()
        observer.join(timeout=5)


def watch(folder: Path, job_for: Callable[[Path], Job], report: Callable[[Outcome], None], *,
          settle: float = SETTLE, poll: bool = False,
          started: Callable[[], None] = lambda: None,
          stop: Callable[[], bool] = lambda: False) -> None:
    """Build each workbook saved into ``folder`` with the job ``job_for`` makes for it, and
    ``report`` each outcome, until ``stop`` says so or Ctrl-C; ``started`` is called once the
    folder is watched."""
    pending = Pending()
    with watching(folder, pending, poll=poll):
        started()
        while not stop():
            for path in pending.settled(settle):
                try:
                    job = job_for(path)  # its reportgen.toml, read again for each build
                except ReportgenError as exc:
                    report(Outcome(Job(path), None, exc.lines()))
                    continue
                report(run_job(job))
            time.sleep(TICK)
