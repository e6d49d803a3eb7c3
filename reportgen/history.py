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
from contextlib import closing, contextmanager, suppress
from itertools import groupby
from operator import itemgetter
from pathlib import Path, PurePath
from typing import Any, NamedTuple, TextIO

from reportgen.errors import HistoryError, Place
from reportgen.frozen import frozen
from reportgen.model import Figure, Indicator, KpiTable, Month, Report, Unit, format_value
from reportgen.past import EMPTY, Past, Reported, Shown

# The values read_past returns live with the rules that read them (past.py, pure); they are
# named here too, as part of the store's interface.
__all__ = ["DEFAULT_STORE", "EMPTY", "SAMPLE_STORE", "SAMPLE_WORKBOOK", "SCHEMA_VERSION",
           "Entry", "Past", "Recorded", "Reported", "Shown", "cell_of", "entries_of",
           "export_csv", "import_order", "read_past", "record", "series", "shown_as_percent",
           "shown_figure", "store_for", "workbook_name"]

DEFAULT_STORE = Path("outputs") / "history.sqlite"

SAMPLE_WORKBOOK = "sample-2019-03.xlsx"
"""The sample's file name, as shipped: its made-up figures are recorded in a store of their own
(:func:`store_for`), never in the store a team's own workbooks use."""
SAMPLE_STORE = "sample-history.sqlite"


def store_for(workbook: str | PurePath, store: Path) -> Path:
    """The store a workbook's figures go in: ``store``, but for the sample, whose store is
    ``sample-history.sqlite`` beside it. A new user builds the sample first, as the README
    says, then a workbook of their own whose refs are the sample's (1.1, 2.1, ...): their first
    deck must not compare with the sample's February 2019."""
    if PurePath(workbook).name.lower() == SAMPLE_WORKBOOK:
        return store.with_name(SAMPLE_STORE)
    return store

SCHEMA_VERSION = 2
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

READ = ("current", "month")
"""The fields a build reads back: the Current the board saw, and each month's figure."""

_FIELD_LIST = ", ".join(f"'{field}'" for field in FIELDS)


def _one_of(column: str, values: Sequence[str]) -> str:
    """A CHECK that ``column`` is one of ``values``, written out: SQLite builds a table for
    an IN list each time a statement runs, and an insert runs once a row."""
    return "(" + " OR ".join(f"{column} = '{value}'" for value in values) + ")"


def _is_month(column: str) -> str:
    return (f"typeof({column}) = 'integer' AND {column} BETWEEN 100001 AND 999912 "
            f"AND {column} % 100 BETWEEN 1 AND 12")


_READ_LIST = ", ".join(f"'{field}'" for field in READ)

_LATEST_COLUMNS = "field, ref, month, period, workbook, value, decimals, rag, text"

_PERIOD_SCALE = 1000000000
"""period * _PERIOD_SCALE + workbook orders workbooks as the board saw them: by period, then
in the order they were recorded (ids stay far below it)."""

_NEWEST = f"max(period * {_PERIOD_SCALE} + workbook)"
"""Of several rows, the one of the latest workbook: the higher period, then the one recorded
last. Rows come in key order, so SQLite picks each group's latest in one pass; max() hands over
the other columns of the row it picked."""

_LATEST_SCHEMA = (
    # What a build reads, kept as it is recorded: of each (field, ref, month), the figure of
    # the latest workbook that gave it (of Current, one per pack; of a month, the figure of
    # the last pack that reported it). Reading it is one ordered pass over a row per month,
    # not over every pack's copy of each month; the figures it holds are copies of rows of
    # figures, which stays the record.
    f"""CREATE TABLE latest (
        field    TEXT NOT NULL CHECK {_one_of("field", READ)},
        ref      TEXT NOT NULL,
        month    INTEGER NOT NULL,
        period   INTEGER NOT NULL,
        workbook INTEGER NOT NULL,
        value    REAL NOT NULL,
        decimals INTEGER NOT NULL,
        rag      TEXT,
        text     TEXT,
        PRIMARY KEY (field, ref, month)) WITHOUT ROWID""",
    # the workbooks newest first, for the figure a later or excluded workbook hides
    "CREATE INDEX workbooks_by_period ON workbooks (period, id)",
)

# A workbook's figures lie together, in the order of its key: recording a pack appends
# its rows at the end of the file and replacing one deletes a single stretch, where a key
# led by the field spread each pack over every page (a build rewrote the whole store).
# The workbook's period is repeated here (kept equal by its foreign key), so that the
# latest figure needs no join. cell is the address within the workbook's sheet ("F12"),
# or "Sheet!F12" for a figure read from another sheet; rag and text are Current's, as
# the deck showed them.
_FIGURES = f"""CREATE TABLE figures (
        workbook INTEGER NOT NULL,
        ref      TEXT NOT NULL,
        field    TEXT NOT NULL CHECK {_one_of("field", FIELDS)},
        month    INTEGER NOT NULL CHECK ({_is_month("month")}),
        period   INTEGER NOT NULL,
        value    REAL NOT NULL,
        decimals INTEGER NOT NULL CHECK (decimals >= 0),
        cell     TEXT NOT NULL,
        rag      TEXT CHECK {_one_of("rag", RAGS)},
        text     TEXT,
        PRIMARY KEY (workbook, ref, field, month),
        FOREIGN KEY (workbook, ref) REFERENCES indicators (workbook, ref) ON DELETE CASCADE,
        FOREIGN KEY (workbook, period) REFERENCES workbooks (id, period) ON DELETE CASCADE)
        WITHOUT ROWID"""

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
    _FIGURES,
    *_LATEST_SCHEMA,
)

Migration = Callable[[sqlite3.Connection], None]


def _by_workbook(conn: sqlite3.Connection) -> None:
    """Version 1 → 2: figures keyed by workbook first, and the table of latest figures."""
    conn.execute(_FIGURES.replace("CREATE TABLE figures", "CREATE TABLE figures_by_pack"))
    conn.execute("""INSERT INTO figures_by_pack (workbook, ref, field, month, period, value,
                        decimals, cell, rag, text)
                    SELECT workbook, ref, field, month, period, value, decimals, cell, rag, text
                    FROM figures ORDER BY workbook, ref, field, month""")
    conn.execute("DROP TABLE figures")  # and its index, figures_by_workbook
    conn.execute("ALTER TABLE figures_by_pack RENAME TO figures")
    for statement in _LATEST_SCHEMA:
        conn.execute(statement)
    conn.execute(f"""INSERT INTO latest ({_LATEST_COLUMNS})
                     SELECT {_LATEST_COLUMNS} FROM (
                         SELECT {_LATEST_COLUMNS}, {_NEWEST} FROM figures
                         WHERE field IN ({_READ_LIST}) GROUP BY field, ref, month)""")


MIGRATIONS: dict[int, Migration] = {1: _by_workbook}
"""Version N → N + 1, run in order inside the transaction that opens an older store for writing
(or on a copy in memory, for reading: reading never writes)."""


class Entry(NamedTuple):
    """One figure to record. A named tuple, not a dataclass, as ``Reported`` is: a pack of a
    thousand indicators is twelve thousand of these, and a named tuple is quicker to make."""

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


@frozen
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
    entries = []
    for kpis in report.tables:
        entries.extend(_entries(kpis, shown))
    return entries


def _entries(kpis: KpiTable, shown: Mapping[str, tuple[str | None, str]]) -> list[Entry]:
    # each column worked out once: a thousand indicators give twelve thousand figures
    columns = [(key, *_column(kpis, key), f"{kpis.sheet}!{letter}")
               for key, letter in kpis.columns]
    entries = []
    for indicator in kpis.indicators:
        row = _ROW.search(indicator.place.cell or "")
        for key, field, month, index, column in columns:
            figure: Figure | None = indicator.trend[index] if index is not None \
                else getattr(indicator, key)
            if figure is None:
                continue
            if row is None:
                raise LookupError(f"no cell known for {indicator.ref}'s {key}")
            rag, text = shown.get(indicator.ref, (None, None)) if field == "current" \
                else (None, None)
            entries.append(Entry(indicator.ref, indicator.measure, field, month, figure.value,
                                 figure.decimals, column + row.group(), rag, text))
    return entries


def _column(kpis: KpiTable, key: str) -> tuple[str, Month, int | None]:
    """The field a column key names, the month of its figures, and for a month column its
    place in each indicator's trend."""
    if key.startswith("month:"):
        iso = key.removeprefix("month:")
        month = Month(int(iso[:4]), int(iso[5:7]))
        index = kpis.months.index(month)
        return "month", kpis.months[index], index
    return key, kpis.period, None


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
        _compact(conn)


FREE_SHARE = 0.25
"""A store whose free pages are more than this share of its file is compacted after a write."""

COMPACT_WAIT_MS = 100
"""How long compacting waits for another build's reading to end before leaving it for later."""


def _compact(conn: sqlite3.Connection) -> None:
    """Give back the pages an upgrade freed (it copies the figures, so for a moment the file
    holds them twice: a 33 MB store grew to 52). VACUUM rewrites the file, in a transaction of
    its own; a store it cannot take (another build reading) is whole, only larger, and is
    compacted after a later write. Compacting is never worth failing or holding up a build
    whose pack is already recorded: any error is ignored, and VACUUM waits for no one."""
    with suppress(sqlite3.Error):
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        if pages and free > FREE_SHARE * pages:
            conn.execute(f"PRAGMA busy_timeout = {COMPACT_WAIT_MS}")
            conn.execute("VACUUM")


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
        # The latest figures of this workbook (rebuilt) or of a later one hide earlier ones:
        # those are looked up pack by pack, newest first. A new month's build hides none.
        hidden = conn.execute(_HIDDEN, asked).fetchall()
        currents = {row[0]: row for row in conn.execute(_SHOWN, asked)}
        months = _Months()
        # Rows come ordered by ref: each ref's figures are made in one pass (tuple.__new__
        # skips the named tuple's own __new__, a Python function: forty thousand calls).
        make = tuple.__new__
        reported: dict[str, tuple[Reported, ...]] = {
            ref: tuple([make(Reported, (ref, months[month], value, decimals, names[book],
                                        months[at]))
                        for _, month, value, decimals, book, at in rows])
            for ref, rows in groupby(conn.execute(_REPORTED, asked), key=itemgetter(0))}
        latest = conn.execute("SELECT max(period) FROM workbooks WHERE period < :period",
                              asked).fetchone()[0]
        measures, renamed = _measures(conn, asked, names, months)
    if hidden:
        _uncover(hidden, currents, reported, names, months)
    shown = {ref: Shown(ref, months[at], value, decimals, rag, text or "", names[book])
             for ref, at, value, decimals, rag, text, book, _ in currents.values()}
    return Past(shown, reported, months[latest] if latest is not None else None, measures,
                renamed)


# Each ref's measure in the earlier packs: one name for most refs, each pack's for the refs
# that were given another measure (or were reworded) along the way.
_MEASURES = """
SELECT i.ref, min(i.measure) AS low, max(i.measure) AS high FROM workbooks w
CROSS JOIN indicators i ON i.workbook = w.id
WHERE w.period < :period AND w.id <> :workbook
GROUP BY i.ref"""

_RENAMED = """
SELECT i.ref, i.workbook, w.period, i.measure FROM workbooks w
CROSS JOIN indicators i ON i.workbook = w.id
WHERE w.period < :period AND w.id <> :workbook AND i.ref IN (
    SELECT ref FROM (""" + _MEASURES + """) WHERE low <> high)"""


def _measures(conn: sqlite3.Connection, asked: Mapping[str, int], names: Mapping[int, str],
              months: _Months) -> tuple[dict[str, str], dict[tuple[str, str, Month], str]]:
    measures: dict[str, str] = {}
    mixed: list[str] = []
    for ref, low, high in conn.execute(_MEASURES, asked):
        if low == high:
            measures[ref] = low
        else:
            mixed.append(ref)
    if not mixed:
        return measures, {}
    renamed = {(ref, names[book], months[at]): measure
               for ref, book, at, measure in conn.execute(_RENAMED, asked)}
    return measures, renamed


def _uncover(hidden: list[tuple[Any, ...]], currents: dict[str, tuple[Any, ...]],
             reported: dict[str, tuple[Reported, ...]], names: Mapping[int, str],
             months: _Months) -> None:
    """Add the earlier figures that the latest ones hid: a month that no figure read gave, a
    Current later than the one read (a pack of the same period, recorded before the rebuilt
    one)."""
    added: dict[str, list[Reported]] = {}
    for field, ref, month, at, book, value, decimals, rag, text in hidden:
        if field == "month":
            added.setdefault(ref, []).append(Reported(ref, months[month], value, decimals,
                                                      names[book], months[at]))
            continue
        newest = _newest(at, book)
        if ref not in currents or currents[ref][-1] < newest:
            currents[ref] = (ref, at, value, decimals, rag, text, book, newest)
    for ref, more in added.items():
        reported[ref] = tuple(sorted((*reported.get(ref, ()), *more),
                                     key=lambda item: (item.month.year, item.month.month)))


def _newest(period: int, workbook: int) -> int:
    """The order of workbooks that _NEWEST names: the higher period, then the later recorded."""
    return period * _PERIOD_SCALE + workbook


class _Months(dict[int, Month]):
    """Months by their stored number, each made once: a store's few dozen months are read
    back tens of thousands of times."""

    def __missing__(self, stored: int) -> Month:
        month = self[stored] = Month(stored // 100, stored % 100)
        return month


def series(path: Path, ref: str) -> list[Recorded]:
    """Every recorded figure of ``ref``: oldest month first; for a month, the workbooks that
    gave it by period (then in the order they were recorded), each in the table's column
    order."""
    with _reading(path, None, must_exist=True) as conn:
        # one look-up by the key (workbook, ref, ...) in each workbook
        return list(_recorded(conn, "WHERE f.ref = :ref", {"ref": ref},
                              "f.month, f.period, f.workbook"))


def shown_figure(field: str, value: float, decimals: int, text: str | None,
                 percent: bool) -> str:
    """A recorded figure as the deck shows it: Current as the deck showed it (its ``text``);
    any other figure rounded as Excel does (``model.format_value``, as the deck's table), in
    percent when ``percent`` (the store keeps no unit: an indicator whose Current was shown as a
    percentage), Num and Denom always as counts."""
    if text is not None:
        return text
    unit = Unit.PERCENT if percent and field not in ("numerator", "denominator") else Unit.NUMBER
    return format_value(Figure(value, decimals), unit)


def shown_as_percent(texts: Iterable[str | None]) -> bool:
    """Whether an indicator's figures are percentages, from its Currents' texts as the deck
    showed them (the store keeps no unit)."""
    return any((text or "").endswith("%") for text in texts)


def export_csv(path: Path, out: TextIO) -> int:
    """Write every recorded figure as CSV, one row each after a header; returns the row count.
    Workbooks by period, indicators in workbook order, figures in the table's column order."""
    writer = csv.writer(out, lineterminator="\n")
    count = 0
    with _reading(path, None, must_exist=True) as conn:
        writer.writerow(CSV_HEADER)  # only once the store is open: a failure writes nothing
        # plain rows, not Recorded values: an export may run to hundreds of thousands of rows;
        # one indicator of one workbook at a time, its rows together in this order
        rows = _rows(conn, "", {}, "f.period, f.workbook, i.position")
        for _, group in groupby(rows, key=itemgetter(0, 1, 4)):
            figures = list(group)
            percent = shown_as_percent(row[12] for row in figures)
            for (name, period, sheet, title, ref, measure, field, month, value, decimals, cell,
                 rag, text) in figures:
                # repr keeps every digit of a float, so that the CSV reads back the same number
                writer.writerow([name, _month(period).iso, sheet, title, ref, measure, field,
                                 _month(month).iso, repr(value), decimals, _place(sheet, cell),
                                 rag or "", "" if text is None else text,
                                 shown_figure(field, value, decimals, text, percent)])
            count += len(figures)
    return count


CSV_HEADER = ("workbook", "period", "sheet", "title", "ref", "measure", "field", "month",
              "value", "decimals", "cell", "rag", "text", "shown")
"""``text`` is Current's figure as the deck showed it, as recorded; ``shown`` is every figure
as the deck shows it (:func:`shown_figure`)."""


# -- queries ----------------------------------------------------------------------------------

# Of the earlier workbooks (period before this one's, this one left out), the latest: in the
# table of latest figures, every row that is not hidden (by this workbook, or a later one).
_EARLIER = "period < :period AND workbook <> :workbook"

_SHOWN = f"""
SELECT ref, period, value, decimals, rag, text, workbook, {_NEWEST} FROM latest
WHERE field = 'current' AND {_EARLIER}
GROUP BY ref"""

_REPORTED = f"""
SELECT ref, month, value, decimals, workbook, period FROM latest
WHERE field = 'month' AND {_EARLIER}
ORDER BY ref, month"""


def _newest_giving(group: str, where: str = "") -> str:
    """SQL for the id of the newest workbook with a figure for ``group``'s field, ref and
    month (``where`` narrows the workbooks): the workbooks newest first, each a look-up by its
    key, stopping at the first that has one."""
    return f"""(SELECT w.id FROM workbooks w CROSS JOIN figures g
                ON g.workbook = w.id AND g.ref = {group}.ref AND g.field = {group}.field
                   AND g.month = {group}.month
                {where}
                ORDER BY w.period DESC, w.id DESC LIMIT 1)"""


def _figures_of(found: str) -> str:
    """SQL for the latest table's columns of the figures ``found`` (field, ref, month and
    workbook) names."""
    return f"""SELECT f.field, f.ref, f.month, f.period, f.workbook, f.value, f.decimals,
                      f.rag, f.text
               FROM ({found}) h CROSS JOIN figures f
               ON f.workbook = h.found AND f.ref = h.ref AND f.field = h.field
                  AND f.month = h.month"""


# The latest earlier figure of each group whose latest figure is hidden from this build (a
# rebuild's own, or a later workbook's).
_HIDDEN = _figures_of(f"""
    SELECT l.field, l.ref, l.month,
           {_newest_giving("l", "WHERE w.period < :period AND w.id <> :workbook")} AS found
    FROM latest l WHERE NOT ({_EARLIER})""")

# A rebuilt workbook's groups that it no longer gives: the figure of the newest other workbook.
_REFILL = f"""INSERT INTO latest ({_LATEST_COLUMNS}) """ + _figures_of(f"""
    SELECT r.field, r.ref, r.month, {_newest_giving("r")} AS found
    FROM temp.replaced r
    WHERE NOT EXISTS (SELECT 1 FROM latest l
                      WHERE l.field = r.field AND l.ref = r.ref AND l.month = r.month)""")

# A new workbook's figures, each where it is later than the latest of its group. (REPLACE,
# not an upsert: ON CONFLICT needs SQLite 3.24, and Python may bring an older one.)
_UPDATE_LATEST = f"""
INSERT OR REPLACE INTO latest ({_LATEST_COLUMNS})
SELECT {_LATEST_COLUMNS} FROM figures f
WHERE workbook = :workbook AND field IN ({_READ_LIST})
  AND NOT EXISTS (SELECT 1 FROM latest l
                  WHERE l.field = f.field AND l.ref = f.ref AND l.month = f.month
                    AND l.period * {_PERIOD_SCALE} + l.workbook
                        > f.period * {_PERIOD_SCALE} + f.workbook)"""

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
        FROM workbooks w
        CROSS JOIN figures f ON f.workbook = w.id
        CROSS JOIN indicators i ON i.workbook = f.workbook AND i.ref = f.ref
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
    old = conn.execute("SELECT id FROM workbooks WHERE name = ? AND period = ?",
                       (name, at)).fetchone()
    if old is not None:
        # the latest figures it gave: each goes back to the newest other workbook's, unless
        # the new one gives it again
        conn.execute("CREATE TEMP TABLE replaced AS SELECT field, ref, month FROM latest "
                     "WHERE workbook = ?", old)
        conn.execute("DELETE FROM latest WHERE workbook = ?", old)
        conn.execute("DELETE FROM workbooks WHERE id = ?", old)
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
    # in the key's order, so that the new rows are appended page after page
    rows = sorted(((workbook, e.ref, e.field, _stored(e.month), at, e.value, e.decimals,
                    _address(e.cell, sheet), e.rag, e.text) for e in entries),
                  key=itemgetter(1, 2, 3))
    conn.executemany(
        "INSERT INTO figures (workbook, ref, field, month, period, value, decimals, cell, rag, "
        "text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute(_UPDATE_LATEST, {"workbook": workbook})
    if old is not None:
        conn.execute(_REFILL)
        conn.execute("DROP TABLE temp.replaced")


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
