"""The ``reportgen`` command, also run as ``python -m reportgen``."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import NoReturn

GC_THRESHOLD = 5000
"""New objects between the collector's youngest passes (Python's default is 700): reading,
planning and drawing make hundreds of thousands of short-lived objects, almost none of them in
reference cycles."""


def run() -> NoReturn:
    """Run the command line, and end the process with its exit status.

    reportgen is a one-shot command. The cyclic garbage collector's passes over what its
    imports create (modules, classes, functions, alive until the command ends) find nothing to
    free, yet cost a small deck's build a good part of its time; so the collector is off while
    the command loads, those objects are then set aside for good (``gc.freeze``), and it runs
    less often."""
    gc.disable()
    from reportgen.cli import main  # noqa: PLC0415 - imported with the collector off

    gc.freeze()
    gc.set_threshold(GC_THRESHOLD)
    gc.enable()
    end(main())


def end(status: int) -> NoReturn:
    """End the process without freeing, one by one, every object the build made (slow after a
    big deck with its history), as mypy ends its own: everything the command
    writes is closed by then (decks, PDFs and the store are written in ``with`` blocks), so
    only the standard streams' buffers are left to flush."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone, a stream closed
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
