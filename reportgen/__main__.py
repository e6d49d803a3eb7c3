"""The ``reportgen`` command, also run as ``python -m reportgen``."""

from __future__ import annotations

import gc

GC_THRESHOLD = 5000
"""New objects between the collector's youngest passes (Python's default is 700): reading,
planning and drawing make hundreds of thousands of short-lived objects, almost none of them in
reference cycles."""


def run() -> int:
    """Run the command line.

    reportgen is a one-shot command. The cyclic garbage collector's passes over what its
    imports create (modules, classes, functions, alive until the command ends) find nothing to
    free, yet cost a small deck a twelfth of its build; so the collector is off while the
    command loads, those objects are then set aside for good (``gc.freeze``), and it runs less
    often."""
    gc.disable()
    from reportgen.cli import main  # noqa: PLC0415 - imported with the collector off

    gc.freeze()
    gc.set_threshold(GC_THRESHOLD)
    gc.enable()
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
