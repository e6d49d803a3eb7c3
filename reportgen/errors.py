"""The one error tree. Everything the CLI reports as a single line derives from ReportgenError.

Library exceptions are translated where they are caught (``raise InputError(...) from exc``), so
that a message always names the place the user has to look at: file, sheet, cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from reportgen.frozen import frozen

MAX_LINES = 20
"""Problems listed one line each before the rest are counted: enough to fix a table in one
sitting, few enough to read on a terminal."""


@frozen
class Place:
    """Where in a workbook (or a configuration file) something is: as precise as is known."""

    file: Path | str | None = None
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None
    """A line of a text file (``reportgen.toml:7``), for a place outside any workbook."""

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(str(self.file) if self.line is None else f"{self.file}:{self.line}")
        if self.sheet is not None:
            parts.append(self.in_workbook)
        return ": ".join(parts)

    @property
    def in_workbook(self) -> str:
        """The place within its workbook (``KPIs!F8``, ``KPIs``), as messages about one workbook
        name it; empty when only the file is known."""
        if self.sheet is None:
            return ""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


_REPR = re.compile(r"'?<[^<>]*? object at 0x[0-9A-Fa-f]+>'?\s*")


def plain(exc: BaseException | str) -> str:
    """A library's message fit to show: without the repr of an object it names (python-pptx
    says "file '<_io.BytesIO object at 0x...>' is not a PowerPoint file")."""
    return " ".join(_REPR.sub("", str(exc)).split())


def _line(message: str, place: Place) -> str:
    where = str(place)
    return f"{where}: {message}" if where else message


class ReportgenError(Exception):
    """Base of every error reportgen reports to its user."""

    def __init__(self, message: str, place: Place | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.place = place or Place()

    def __str__(self) -> str:
        return _line(self.message, self.place)

    @property
    def details(self) -> tuple[str, ...]:
        """Every problem, one line each (one for most errors)."""
        return (str(self),)

    def lines(self, cap: int = MAX_LINES) -> tuple[str, ...]:
        """What the CLI prints: the first ``cap`` problems, then how many more there are."""
        details = self.details
        if len(details) <= cap:
            return details
        rest = len(details) - cap
        more = f"... and {rest} more problem{'s' if rest != 1 else ''} like these"
        return (*details[:cap], f"{self.place.file}: {more}" if self.place.file else more)


class UsageError(ReportgenError):
    """The command line asks for something that cannot be done (e.g. -o with two workbooks)."""


class SetupError(ReportgenError):
    """reportgen is installed without something it needs to run safely."""


class InputError(ReportgenError):
    """The workbook cannot be read or does not hold a usable report."""


class ConfigError(ReportgenError):
    """``reportgen.toml`` is not valid TOML, has a key reportgen does not know, or a bad value.
    Its place is the file and line (``reportgen.toml:7``)."""


@frozen
class InputProblem:
    """One thing wrong with the input, at its place: a value, gathered before anything is
    raised, so that one pass over a table can report every bad cell."""

    message: str
    place: Place

    def __str__(self) -> str:
        return _line(self.message, self.place)


class TableError(InputError):
    """Every problem found in one pass over the KPI table (its header, its cells). It reads as
    its first problem wherever one line is wanted; ``details`` gives them all."""

    def __init__(self, problems: Sequence[InputProblem]) -> None:
        if not problems:
            raise ValueError("TableError needs at least one problem")
        super().__init__(problems[0].message, problems[0].place)
        self.problems = tuple(problems)

    @property
    def details(self) -> tuple[str, ...]:
        return tuple(str(problem) for problem in self.problems)


class TemplateError(ReportgenError):
    """The deck template is missing a layout or placeholder the composer needs."""


class OutputError(ReportgenError):
    """The deck cannot be written where it was asked to go."""


class ExportError(ReportgenError):
    """LibreOffice is missing or failed, or its PDF could not be read back or drawn."""


class HistoryError(ReportgenError):
    """The history store cannot be read or written: in use by another build, written by a newer
    reportgen, or not a reportgen store at all. Its place is the store's file."""


class Stopped(SystemExit):
    """A signal (SIGTERM, SIGHUP) asked reportgen to stop.

    The CLI's handler raises it where the program happens to be, so that every ``finally`` runs
    and no temporary file is left behind. It is a SystemExit, not a ReportgenError: nothing
    catches it as a build error, and a process that does not catch it (a batch worker waiting
    for work) ends quietly with the shell's status for the signal, 128 + its number.
    """

    def __init__(self, signum: int, name: str) -> None:
        super().__init__(128 + signum)
        self.signal_name = name
