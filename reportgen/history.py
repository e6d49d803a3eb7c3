"""The history store: every figure of every workbook built or imported, in one SQLite file.

A workbook holds six months or so; the store remembers the rest. ``build`` records what it
built (:func:`record`); ``build`` and ``check`` ask what was known before this workbook
(:func:`read_past`): the Current the board saw last month, and what earlier workbooks said
about each month (to catch restatements and to give SPC a long series). ``history show`` and
``history export --csv`` read it back (:func:`series`, :func:`export_csv`).

The store is an SQLite file (standard library only) that two people on a shared folder may
use: one writer at a time, waiting a few seconds for the other, then a clear error. It keeps the
default rollback journal: WAL needs shared memory between processes, which network file systems
do not give, so a WAL store on a shared folder can be corrupted. With the rollback journal a
reader holds its lock only while it reads, so readers never block a writer for long.

Nothing here reads a workbook or draws a slide: values in, values out, and the file. No
wall-clock time is stored: the same builds give the same store, and the same store the same deck.
"""

from __future__ import annotations

import csv
import functools
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path, PurePath
from typing import Any, TextIO

from reportgen.errors import HistoryError, Place
from reportgen.model import Figure, Indicator, KpiTable, Month, Report
from reportgen.past import EMPTY, Past, Reported, Shown

# The values read_past returns live with the rules that read them (past.py, pure); they are
# named here too, as part of the store's interface.
__all__ = ["DEFAULT_STORE", "EMPTY", "SCHEMA_VERSION", "Entry", "Past", "Recorded", "Reported",
           "Shown", "cell_of", "entries_of", "export_csv", "import_order", "read_past", "record",
           "series", "workbook_name"]

DEFAULT_STORE = Path("outputs") / "history.sqlite"

SCHEMA_VERSION = 1
"""The store's layout, kept in ``PRAGMA user_version`` (and, for people reading the file, in the
``meta`` table). Raise it with a migration in MIGRATIONS whenever the tables change."""

APPLICATION = "reportgen history store"
"""The ``meta`` table's ``application``: how a reportgen store is told from any other SQLite
file. The ``meta`` table's layout (key, value) never changes, so that every version can read it."""

BUSY_TIMEOUT = 5.0
"""Seconds a build waits for another build's write to finish before giving up."""

FIELDS = ("previous_year", "numerator", "denominator", "current", "month", "target_min",
          "target_upper")
"""What a figure is, in the table's column order. ``month`` is a month column's figure; the
others are the row's columns of that name, recorded against the workbook's period."""

RAGS = ("red", "amber", "green")

_FIELD_LIST = ", ".join(f"'{field}'" for field in FIELDS)


def _is_month(column: str) -> str:
    return (f"typeof({column}) = 'integer' AND {column} BETWEEN 100001 AND 999912 "
            f"AND {column} % 100 BETWEEN 1 AND 12")


# Months are stored as YYYYMM integers (201902): ordered, compact, cheap to compare, and still
# read at a glance by anyone who opens the file. STRICT tables would check types more simply,
# but an SQLite older than 3.37 (still common) could not open the store at all.
_SCHEMA = (
    """CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    # id is also the order of recording: of two workbooks of the same period, the one recorded
    # (or rebuilt) last is the one the board saw.
    f"""CREATE TABLE workbooks (
        id     INTEGER PRIMARY KEY,
        name   TEXT NOT NULL,
        period INTEGER NOT NULL CHECK ({_is_month("period")}),
        sheet  TEXT NOT NULL,
        title  TEXT NOT NULL,
        UNIQUE (name, period),
        UNIQUE (id, period))""",
    """CREATE TABLE indicators (
        workbook INTEGER NOT NULL REFERENCES workbooks (id) ON DELETE CASCADE,
        ref      TEXT NOT NULL,
        measure  TEXT NOT NULL,
        position INTEGER NOT NULL,  -- the row's order in the workbook's table, from 0
        PRIMARY KEY (workbook, ref)) WITHOUT ROWID""",
    # The key serves both questions a build asks, as one ordered pass each: "the latest earlier
    # figure of each (ref, month)" (field = 'month') and "the latest earlier Current of each
    # ref" (field = 'current'); and, a field at a time, "every figure of one ref". The
    # workbook's period is repeated here (kept equal by its foreign key) so that "latest" needs
    # no join: joins made reading 1,000 indicators x 36 packs four times slower. cell is the
    # address within the workbook's sheet ("F12"), or "Sheet!F12" for a figure read from
    # another sheet; rag and text are Current's, as the deck showed them.
    f"""CREATE TABLE figures (
        field    TEXT NOT NULL CHECK (field IN ({_FIELD_LIST})),
        ref      TEXT NOT NULL,
        month    INTEGER NOT NULL CHECK ({_is_month("month")}),
        period   INTEGER NOT NULL,
        workbook INTEGER NOT NULL,
        value    REAL NOT NULL,
        decimals INTEGER NOT NULL CHECK (decimals >= 0),
        cell     TEXT NOT NULL,
        rag      TEXT CHECK (rag IN ({", ".join(f"'{r}'" for r in RAGS)})),
        text     TEXT,
        PRIMARY KEY (field, ref, month, period, workbook),
        FOREIGN KEY (workbook, ref) REFERENCES indicators (workbook, ref) ON DELETE CASCADE,
        FOREIGN KEY (workbook, period) REFERENCES workbooks (id, period) ON DELETE CASCADE)
        WITHOUT ROWID""",
    # every figure of one workbook (and what its foreign keys look up when it is replaced)
    "CREATE INDEX figures_by_workbook ON figures (workbook, ref)",
)

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, Migration] = {}
"""Version N → N + 1, run in order inside the transaction that opens an older store for writing
(or on a copy in memory, for reading: reading never writes). None yet: version 1 is the first."""




@dataclass(frozen=True)
class Entry:
    """One figure to record."""

    ref: str
    measure: str
    field: str
    """One of FIELDS."""
    month: Month
    """The month column's month; for the other fields, the workbook's period."""
    value: float
    decimals: int
    cell: str
    """Where it came from: ``KPIs!F12`` (as :func:`cell_of` names it)."""
    rag: str | None = None
    text: str | None = None
    """For Current: its RAG ("red", "amber", "green") and its figure as the deck showed it."""


@dataclass(frozen=True)
class Recorded:
    """A figure as the store holds it: the entry, and the workbook it came from."""

    workbook: str
    period: Month
    sheet: str
    title: str
    entry: Entry


# -- reading a workbook's figures (pure) -------------------------------------------------------

_ROW = re.compile(r"[0-9]+$")
_ADDRESS = re.compile(r"^[A-Z]{1,3}[0-9]+$")


def cell_of(kpis: KpiTable, indicator: Indicator, field: str) -> str:
    """Where one figure of an indicator is: ``KPIs!F12``. ``field`` is a KpiTable column key:
    ``current``, ``month:2019-02``, ..."""
    letters = dict(kpis.columns)
    found = _ROW.search(indicator.place.cell or "")
    if field not in letters or found is None:
        raise LookupError(f"no cell known for {indicator.ref}'s {field}")
    return f"{kpis.sheet}!{letters[field]}{found.group()}"


def entries_of(report: Report, shown: Mapping[str, tuple[str | None, str]]) -> list[Entry]:
    """Every figure of the KPI table, with its cell, in workbook order; missing figures are not
    recorded. ``shown`` gives each ref's (rag, text) as the deck showed its Current."""
    kpis = report.kpis
    entries = []
    for indicator in kpis.indicators:
        for key, _ in kpis.columns:
            figure, field, month = _figure_at(kpis, indicator, key)
            if figure is None:
                continue
            rag, text = shown.get(indicator.ref, (None, None)) if field == "current" \
                else (None, None)
            entries.append(Entry(indicator.ref, indicator.measure, field, month, figure.value,
                                 figure.decimals, cell_of(kpis, indicator, key), rag, text))
    return entries


def _figure_at(kpis: KpiTable, indicator: Indicator,
               key: str) -> tuple[Figure | None, str, Month]:
    """The figure a column key names, its field and its month."""
    if key.startswith("month:"):
        iso = key.removeprefix("month:")
        month = Month(int(iso[:4]), int(iso[5:7]))
        return indicator.trend[kpis.months.index(month)], "month", month
    figure: Figure | None = getattr(indicator, key)
    return figure, key, kpis.period


def import_order(reports: Iterable[Report]) -> list[Report]:
    """Workbooks in the order to record them: by period, then by file name, so that a folder
    of past packs is backfilled oldest first whatever their file names."""
    return sorted(reports, key=lambda report: (report.kpis.period, workbook_name(report.source)))


def workbook_name(source: str | PurePath) -> str:
    """A workbook is known by its file name, not its folder: the same pack built from inputs/
    or from a colleague's copy is one workbook."""
    return PurePath(source).name


# -- the store --------------------------------------------------------------------------------


def record(path: Path, workbook: str, period: Month, title: str, sheet: str,
           entries: Sequence[Entry], *, timeout: float | None = None) -> None:
    """Record a workbook's figures, replacing any recorded before under its name, in one
    transaction: a build killed half way leaves the store as it was. Creates the folder and the
    file as needed. ``timeout``: seconds to wait for another build's write (BUSY_TIMEOUT)."""
    name = workbook_name(workbook)
    _refuse_folder(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HistoryError(f"cannot create the history store's folder: {exc.strerror or exc}",
                           Place(path)) from exc
    wait = BUSY_TIMEOUT if timeout is None else timeout
    with _translated(path, "write"), closing(_connect(path, wait)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        # IMMEDIATE takes the write lock now, so that two builds queue here rather than both
        # reading and then one failing at its first write.
        conn.execute("BEGIN IMMEDIATE")
        try:
            _prepare_for_writing(conn, path)
            _replace(conn, name, period, title, sheet, entries)
            conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after some errors (a full disk); a second
            # ROLLBACK would hide the first error
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def read_past(path: Path, period: Month, workbook: str, *,
              timeout: float | None = None) -> Past:
    """What earlier workbooks (period before ``period``) said, leaving out ``workbook`` itself:
    a rebuild is not a restatement. Read only: no file gives EMPTY and creates none."""
    with _reading(path, timeout) as conn:
        if conn is None:
            return EMPTY
        names = dict(conn.execute("SELECT id, name FROM workbooks"))
        own = conn.execute("SELECT id FROM workbooks WHERE name = ? AND period = ?",
                           (workbook_name(workbook), _stored(period))).fetchone()
        asked = {"period": _stored(period), "workbook": own[0] if own else 0}
        shown = {ref: Shown(ref, _month(at), value, decimals, rag, text or "", names[book])
                 for ref, at, value, decimals, rag, text, book, _ in conn.execute(_SHOWN, asked)}
        # Rows come ordered by ref: each ref's figures are made in one pass.
        reported = {
            ref: tuple(Reported(ref, _month(month), value, decimals, names[book], _month(at))
                       for _, month, value, decimals, book, at, _ in rows)
            for ref, rows in groupby(conn.execute(_REPORTED, asked), key=itemgetter(0))}
        latest = conn.execute("SELECT max(period) FROM workbooks WHERE period < :period",
                              asked).fetchone()[0]
    return Past(shown, reported, _month(latest) if latest is not None else None)


def series(path: Path, ref: str) -> list[Recorded]:
    """Every recorded figure of ``ref``: oldest month first; for a month, the workbooks that
    gave it by period (then in the order they were recorded), each in the table's column
    order."""
    with _reading(path, None, must_exist=True) as conn:
        # naming every field lets SQLite seek the key (field, ref, ...) field by field
        return list(_recorded(conn, f"WHERE f.field IN ({_FIELD_LIST}) AND f.ref = :ref",
                              {"ref": ref},
                              "f.month, f.period, f.workbook"))


def export_csv(path: Path, out: TextIO) -> int:
    """Write every recorded figure as CSV, one row each after a header; returns the row count.
    Workbooks by period, indicators in workbook order, figures in the table's column order."""
    writer = csv.writer(out, lineterminator="\n")
    count = 0
    with _reading(path, None, must_exist=True) as conn:
        writer.writerow(CSV_HEADER)  # only once the store is open: a failure writes nothing
        # plain rows, not Recorded values: an export may run to hundreds of thousands of rows
        for (name, period, sheet, title, ref, measure, field, month, value, decimals, cell,
             rag, text) in _rows(conn, "", {}, "f.period, f.workbook, i.position"):
            # repr keeps every digit of a float, so that the CSV reads back the same number
            writer.writerow([name, _month(period).iso, sheet, title, ref, measure, field,
                             _month(month).iso, repr(value), decimals, _place(sheet, cell),
                             rag or "", "" if text is None else text])
            count += 1
    return count


CSV_HEADER = ("workbook", "period", "sheet", "title", "ref", "measure", "field", "month",
              "value", "decimals", "cell", "rag", "text")


# -- queries ----------------------------------------------------------------------------------

# Of the earlier workbooks (period before this one's, this one left out), the latest: the
# higher period, then the one recorded last. Rows come in key order, so SQLite picks each
# group's latest in one pass; max() hands over the other columns of the row it picked.
_LATEST = "max(period * 1000000000 + workbook)"
_EARLIER = "period < :period AND workbook <> :workbook"

_SHOWN = f"""
SELECT ref, period, value, decimals, rag, text, workbook, {_LATEST} FROM figures
WHERE field = 'current' AND {_EARLIER}
GROUP BY ref"""

_REPORTED = f"""
SELECT ref, month, value, decimals, workbook, period, {_LATEST} FROM figures
WHERE field = 'month' AND {_EARLIER}
GROUP BY ref, month
ORDER BY ref, month"""

_FIELD_ORDER = "CASE f.field " + " ".join(
    f"WHEN '{field}' THEN {i}" for i, field in enumerate(FIELDS)) + " END"


def _recorded(conn: sqlite3.Connection | None, where: str, params: Mapping[str, str],
              order: str) -> Iterator[Recorded]:
    for (name, period, sheet, title, ref, measure, field, month, value, decimals, cell, rag,
         text) in _rows(conn, where, params, order):
        yield Recorded(name, _month(period), sheet, title,
                       Entry(ref, measure, field, _month(month), value, decimals,
                             _place(sheet, cell), rag, text))


def _rows(conn: sqlite3.Connection | None, where: str, params: Mapping[str, str],
          order: str) -> Iterator[tuple[Any, ...]]:
    """Figures with their indicator and workbook: (name, period, sheet, title, ref, measure,
    field, month, value, decimals, cell, rag, text), as stored."""
    if conn is None:  # an empty file: a store that was never written
        return
    yield from conn.execute(f"""
        SELECT w.name, w.period, w.sheet, w.title, f.ref, i.measure, f.field, f.month, f.value,
               f.decimals, f.cell, f.rag, f.text
        FROM figures f
        JOIN indicators i ON i.workbook = f.workbook AND i.ref = f.ref
        JOIN workbooks w ON w.id = f.workbook
        {where}
        ORDER BY {order}, {_FIELD_ORDER}, f.month""", params)


def _place(sheet: str, cell: str) -> str:
    """A stored cell as messages name it: ``KPIs!F12``."""
    return f"{sheet}!{cell}" if _ADDRESS.match(cell) else cell


def _replace(conn: sqlite3.Connection, name: str, period: Month, title: str, sheet: str,
             entries: Sequence[Entry]) -> None:
    """The workbook's rows, replacing any of the same name and month (its indicators and figures
    go with it: their foreign keys cascade). A new month saved under last month's file name is
    a new pack, not a rebuild: last month's stays, for this month to compare with."""
    at = _stored(period)
    conn.execute("DELETE FROM workbooks WHERE name = ? AND period = ?", (name, at))
    workbook = conn.execute(
        "INSERT INTO workbooks (name, period, sheet, title) VALUES (?, ?, ?, ?)",
        (name, at, sheet, title)).lastrowid
    measures: dict[str, str] = {}  # each ref's measure, in the table's order
    for entry in entries:
        measures.setdefault(entry.ref, entry.measure)
    conn.executemany(
        "INSERT INTO indicators (workbook, ref, measure, position) VALUES (?, ?, ?, ?)",
        ((workbook, ref, measure, position)
         for position, (ref, measure) in enumerate(measures.items())))
    conn.executemany(
        "INSERT INTO figures (field, ref, month, period, workbook, value, decimals, cell, rag, "
        "text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((e.field, e.ref, _stored(e.month), at, workbook, e.value, e.decimals,
          _address(e.cell, sheet), e.rag, e.text) for e in entries))


def _address(cell: str, sheet: str) -> str:
    """A cell of the workbook's own sheet is stored without the sheet's name (F12)."""
    bare = cell.removeprefix(f"{sheet}!")
    return bare if _ADDRESS.match(bare) else cell


# -- opening, checking and upgrading the file -------------------------------------------------


def _connect(path: Path, timeout: float, *, read_only: bool = False) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun and ended here, explicitly
    if read_only:
        # mode=ro never creates the file, and no statement can write it
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout,
                               isolation_level=None)
    return sqlite3.connect(path, timeout=timeout, isolation_level=None)


@contextmanager
def _reading(path: Path, timeout: float | None, *,
             must_exist: bool = False) -> Iterator[sqlite3.Connection | None]:
    """A read transaction on the store (one snapshot for all its queries), or None when there
    is no store yet."""
    _refuse_folder(path)
    if not path.exists():
        if must_exist:
            raise HistoryError("no history store here yet: `reportgen build` or `reportgen "
                               "history import` records one", Place(path))
        yield None
        return
    with _translated(path, "read"):
        conn = _open_for_reading(path, BUSY_TIMEOUT if timeout is None else timeout)
        if conn is None:
            yield None
            return
        with closing(conn):  # closing ends the read transaction: nothing was written
            yield conn


def _open_for_reading(path: Path, timeout: float) -> sqlite3.Connection | None:
    """The store in a read transaction; an older store is upgraded in a copy in memory, since
    reading never writes (``check`` must leave the store as it found it)."""
    conn = _connect(path, timeout, read_only=True)
    try:
        conn.execute("BEGIN")
        version = _check(conn, path)
        if version is None:
            conn.close()
            return None
        if version == SCHEMA_VERSION:
            return conn
        upgraded = sqlite3.connect(":memory:", isolation_level=None)
        conn.backup(upgraded)
        conn.close()
        upgraded.execute("BEGIN")
        _upgrade(upgraded, version, path)
        return upgraded
    except BaseException:
        conn.close()
        raise


def _check(conn: sqlite3.Connection, path: Path) -> int | None:
    """The store's version, after checking that the file is a reportgen store this reportgen
    can read; None for an empty database (a store not yet written)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if not tables and version == 0:
        return None
    application = None
    if "meta" in tables:
        found = conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        application = found[0] if found else None
    if application != APPLICATION:
        raise HistoryError("is an SQLite database but not a reportgen history store; give "
                           "another path with --history", Place(path))
    if version > SCHEMA_VERSION:
        raise HistoryError(f"the history store was written by a newer reportgen (store version "
                           f"{version}; this reportgen knows up to {SCHEMA_VERSION}): upgrade "
                           "reportgen to use it", Place(path))
    return version


def _prepare_for_writing(conn: sqlite3.Connection, path: Path) -> None:
    """Inside the write transaction: create the tables of a new store, or upgrade an older one."""
    version = _check(conn, path)
    if version is None:
        for statement in _SCHEMA:
            conn.execute(statement)
        _stamp(conn)
    elif version < SCHEMA_VERSION:
        _upgrade(conn, version, path)


def _upgrade(conn: sqlite3.Connection, version: int, path: Path) -> None:
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise HistoryError(f"the history store's version {version} cannot be upgraded by "
                               "this reportgen", Place(path))
        MIGRATIONS[version](conn)
        version += 1
    _stamp(conn)


def _stamp(conn: sqlite3.Connection) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION))])
    conn.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")


def _refuse_folder(path: Path) -> None:
    if path.is_dir():
        raise HistoryError("is a folder, not a history store file", Place(path))


@contextmanager
def _translated(path: Path, doing: str) -> Iterator[None]:
    """sqlite3's errors as HistoryErrors naming the store."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _history_error(exc, path, doing) from exc


def _history_error(exc: sqlite3.Error, path: Path, doing: str) -> HistoryError:
    place = Place(path)
    code = getattr(exc, "sqlite_errorcode", None)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return HistoryError("the history store is in use by another build; try again when it "
                            "has finished", place)
    if code == sqlite3.SQLITE_NOTADB:
        return HistoryError("is not a reportgen history store (not an SQLite database); give "
                            "another path with --history", place)
    if isinstance(exc, sqlite3.IntegrityError):
        return HistoryError(f"cannot record a figure ({exc}); nothing was recorded", place)
    return HistoryError(f"cannot {doing} the history store: {exc}", place)


def _stored(month: Month) -> int:
    return month.year * 100 + month.month


@functools.cache  # a store holds few months, read many times over: one value each
def _month(stored: int) -> Month:
    return Month(stored // 100, stored % 100)
