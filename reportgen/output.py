"""Writing a finished deck: reproducible bytes, moved into place only when complete.

A deck is first written to a hidden temporary file beside its destination and then renamed over
it (atomic on one file system), so a failed or interrupted build never leaves a partial file and
never damages last month's deck. The same holds for the PDF copy (:func:`place_file`).

Only a regular file with the expected suffix is ever replaced (design.md §5): never the workbook
being read, a symbolic link, a folder, a device or another special file.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from reportgen.errors import OutputError, Place
from reportgen.frozen import frozen

T = TypeVar("T")

# Zip entries carry a modification time; a fixed one makes the same deck the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)


_NESTED = (".xlsx", ".xlsm", ".docx", ".pptx")
# Embedded chart workbooks are stamped with the time they were made.
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)")


def reproducible_zip(data: bytes, *, nested: bool = False) -> bytes:
    """The same archive with fixed entry timestamps and attributes; packages embedded in it
    (a chart's workbook) get fixed timestamps in their core properties too."""
    with zipfile.ZipFile(BytesIO(data)) as source:
        return package([(info.filename, source.read(info)) for info in source.infolist()],
                       nested=nested)


def package(files: Iterable[tuple[str, bytes]], *, nested: bool = False) -> bytes:
    """A zip package of ``files`` (each its name and content), in their order, the same bytes
    for the same files: fixed entry timestamps and attributes, and fixed timestamps in the core
    properties of packages embedded in it (a chart's workbook)."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in files:
            entry = zipfile.ZipInfo(name, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, _fixed(name, content, nested=nested))
    return out.getvalue()


def _fixed(name: str, content: bytes, *, nested: bool) -> bytes:
    """A file's content with its own timestamps fixed: an embedded package's, and the core
    properties of one."""
    if name.lower().endswith(_NESTED):
        return reproducible_zip(content, nested=True)
    if nested and name == "docProps/core.xml":
        return _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
    return content


# Temporary files are named ".reportgen-<pid>-<random>.tmp": short, so that a legal 255-byte
# deck name still leaves room (the temporary name does not grow with the deck's), and carrying
# the pid of the build that owns them, so that a later build can tell a killed build's leftovers.
_TEMP_PREFIX = ".reportgen-"
_TEMP = re.compile(r"\.reportgen-(\d+)-[^.]+\.tmp")
# A write takes seconds (the bytes are in memory before the file is opened); a temporary file
# untouched for a minute whose build has died is a leftover. On a shared folder the pid may be
# another machine's, so after a day a leftover goes whatever its pid.
STALE_AFTER = 60.0
ABANDONED_AFTER = 24 * 3600.0

PERMISSION_DENIED = ("cannot replace the deck: permission denied (is it open in PowerPoint, or "
                     "read-only? close it and build again)")


class Kind(Enum):
    """What a command writes (design.md §5): each writes files of its own kind only."""

    DECK = ".pptx"
    CSV = ".csv"
    PDF = ".pdf"
    PNG = ".png"
    WORKBOOK = ".xlsx"
    CONFIG = ".toml"

    @property
    def noun(self) -> str:
        return _NOUNS[self]


_NOUNS = {Kind.DECK: "deck", Kind.CSV: "CSV", Kind.PDF: "PDF", Kind.PNG: "image",
          Kind.WORKBOOK: "workbook", Kind.CONFIG: "settings file"}
_KINDS = {kind.value: kind for kind in Kind}


class FileRole(Enum):
    """What a file protected from a command's output is to the run, as refusals name it."""

    WORKBOOK = "the workbook"
    TEMPLATE = "the template"
    STORE = "the history store"
    CONFIG = "the settings file"


@frozen
class Protected:
    """A file the run reads or keeps (its workbook, template, history store, settings): no
    command writes over it, whatever the name it is reached by (a hard link included)."""

    path: Path
    role: FileRole


# The first bytes that say what a file is, whatever its name.
_SQLITE = b"SQLite format 3\x00"
_ZIP = b"PK\x03\x04"
_PARTS = (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint file"),
          ("word/", "a Word document"))


def what_is(path: Path) -> str | None:
    """What an existing file is by its content (``an Excel workbook``, ``an SQLite database``),
    or None when its first bytes do not say."""
    if path.name.lower() == "reportgen.toml":
        return "a reportgen settings file"
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
            if head.startswith(_ZIP):
                stream.seek(0)
                with zipfile.ZipFile(stream) as archive:
                    names = archive.namelist()
                return next((what for prefix, what in _PARTS
                             if any(name.startswith(prefix) for name in names)), "a zip archive")
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    return next((what for magic, what in _MAGIC if head.startswith(magic)), None)


_MAGIC = ((_SQLITE, "an SQLite database (a history store?)"), (b"%PDF", "a PDF"),
          (b"\x89PNG", "a PNG image"))


_OWN = {Kind.DECK: "a PowerPoint file", Kind.PDF: "a PDF", Kind.PNG: "a PNG image",
        Kind.WORKBOOK: "an Excel workbook"}


def check_destination(path: Path, *, suffix: str = ".pptx", source: Path | None = None,
                      protected: Iterable[Protected] = ()) -> None:
    """The one output guard (design.md §5): refuse a destination that is not (or would not be)
    a plain ``suffix`` file of the command's own kind, or that is a file the run reads or keeps
    (``source``, the workbook, and ``protected``), a configuration, a history store, a link or
    a special file. Every refusal is one line naming what the file is."""
    kind = _KINDS.get(suffix) or Kind.DECK
    for item in ([Protected(source, FileRole.WORKBOOK)] if source is not None else []) + list(
            protected):
        if _same_file(path, item.path) or path == item.path:
            raise OutputError(f"this is {item.role.value} being "
                              f"{'kept' if item.role is FileRole.STORE else 'read'}; "
                              f"the {kind.noun} needs a name of its own", Place(path))
    if path.suffix.lower() != suffix:
        found = what_is(path) if path.is_file() else None
        if found is not None:
            raise OutputError(f"is {found}, not a {kind.noun}; refused so that it is not lost "
                              f"(give a {suffix} file name)", Place(path))
        raise OutputError(f"not a {suffix} file name: only a {suffix} file is written here"
                          + (" (to write into a folder, end the name with /)"
                             if kind is Kind.DECK else ""), Place(path))
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    if stat.S_ISLNK(info.st_mode):
        # Replacing the link would silently turn it into a file; writing through it would
        # change a file somewhere the user did not name. Neither is what -o asked for.
        raise OutputError("is a symbolic link; refused so that nothing is written elsewhere "
                          "(give the real path, or remove the link)", Place(path))
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"is a folder, not a {suffix} file", Place(path))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"is a device or other special file, not a {kind.noun}; refused",
                          Place(path))
    found = what_is(path)
    if found is not None and found != _OWN.get(kind):
        raise OutputError(f"is {found}, not a {kind.noun}; refused so that it is not lost "
                          "(give another name)", Place(path))
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        # root may replace a read-only file, but the user marked it so to keep it as it is
        raise OutputError(PERMISSION_DENIED if suffix == ".pptx" else
                          f"cannot replace the {suffix.lstrip('.').upper()}: it is read-only",
                          Place(path))


def _same_file(path: Path, source: Path) -> bool:
    try:
        return os.path.samefile(path, source)
    except OSError:
        return False


def remove_stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Delete temporary files that killed builds left in ``folder``; returns what went.

    Also the ``.<deck>.pptx.XXXXXXXX.tmp`` files of earlier versions, which carry no pid."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        age = now - info.st_mtime
        match = _TEMP.fullmatch(entry.name)
        if match:
            stale = age > ABANDONED_AFTER or (age > STALE_AFTER
                                             and not _running(int(match.group(1))))
        else:
            stale = age > STALE_AFTER and re.fullmatch(r"\..+\.pptx\.[^.]{8}\.tmp",
                                                       entry.name) is not None
        if stale and stat.S_ISREG(info.st_mode):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        elif stale and stat.S_ISDIR(info.st_mode) and match:  # slide images being staged
            shutil.rmtree(entry.path, ignore_errors=True)  # never follows links inside
            removed.append(Path(entry.path))
    return removed


def _running(pid: int, *, windows: bool = os.name == "nt", kernel32: Any = None) -> bool:
    """Whether process ``pid`` is alive (kept when unsure). POSIX asks with signal 0; on
    Windows signal 0 is CTRL_C_EVENT, which would interrupt the process asked about, so the
    process is opened and its exit code read instead (``kernel32`` is for the tests' fake)."""
    if pid == os.getpid():
        return True
    if windows:
        return _windows_running(pid, kernel32)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a pid we cannot ask about: keep its file
    return True


_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_INVALID_PARAMETER = 87


def _windows_running(pid: int, kernel32: Any = None) -> bool:
    import ctypes  # noqa: PLC0415 - Windows only

    if kernel32 is None:
        kernel32 = getattr(ctypes, "WinDLL")("kernel32", use_last_error=True)  # noqa: B009
    handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # no such process; any other failure (access denied) means one we may not ask about
        return bool(kernel32.GetLastError() != _INVALID_PARAMETER)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _temporary_name(folder: Path) -> Path:
    return folder / f"{_TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp"


_TRIES = 100


@contextlib.contextmanager
def _temporary_beside(path: Path) -> Iterator[tuple[int, Path]]:
    """A new hidden file in ``path``'s folder, removed unless the caller moved it into place.

    Its name is chosen, and its removal set up, before the file is made: a signal (SIGTERM,
    SIGHUP) that arrives at any moment, even the instant the file appears, leaves nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    temp = _temporary_name(path.parent)
    try:
        for _ in range(_TRIES):
            try:
                handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                                 | getattr(os, "O_BINARY", 0), 0o600)
                break
            except FileExistsError:
                temp = _temporary_name(path.parent)
        else:
            raise OutputError("cannot write here: no free temporary name", Place(path))
        yield handle, temp
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    finally:
        # after os.replace the name is gone and this does nothing
        with contextlib.suppress(OSError):
            temp.unlink()


@contextlib.contextmanager
def temporary_folder_beside(path: Path) -> Iterator[Path]:
    """A new hidden folder beside ``path`` (same file system, so its contents can be renamed
    into place), removed with whatever it still holds when the caller is done. As with a file,
    its removal is set up before it is made."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    work = _temporary_name(path.parent)
    try:
        for _ in range(_TRIES):
            try:
                work.mkdir(0o700)
                break
            except FileExistsError:
                work = _temporary_name(path.parent)
        else:
            raise OutputError("cannot write here: no free temporary name", Place(path))
        yield work
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_with(path: Path, fill: Callable[[BinaryIO], T], *, kind: Kind = Kind.DECK,
               source: Path | None = None, protected: Iterable[Protected] = ()) -> T:
    """Write ``path`` through the guard (:func:`check_destination`): ``fill`` writes the
    content into a temporary file beside it, which is then renamed over it, all at once or
    not at all. Returns what ``fill`` returns."""
    protected = tuple(protected)
    check_destination(path, suffix=kind.value, source=source, protected=protected)
    with _temporary_beside(path) as (handle, temp):
        try:
            with os.fdopen(handle, "wb") as stream:
                result = fill(stream)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
            # again just before the rename: the file may have appeared meanwhile
            check_destination(path, suffix=kind.value, source=source, protected=protected)
            os.replace(temp, path)
        except PermissionError as exc:
            raise OutputError(PERMISSION_DENIED if kind is Kind.DECK else
                              f"cannot write the {kind.noun}: permission denied",
                              Place(path)) from exc
        except OSError as exc:
            raise OutputError(f"cannot write the {kind.noun}: {exc.strerror or exc}",
                              Place(path)) from exc
    return result


def write_atomically(path: Path, data: bytes, *, source: Path | None = None,
                     kind: Kind = Kind.DECK, protected: Iterable[Protected] = ()) -> None:
    """Write ``data`` to ``path`` (a .pptx, unless ``kind`` says otherwise) all at once or not
    at all."""
    write_with(path, lambda stream: stream.write(data), kind=kind, source=source,
               protected=protected)


def place_file(produced: Path, path: Path, *, protected: Iterable[Protected] = ()) -> None:
    """Copy ``produced`` (e.g. a PDF made in a private folder) to ``path``, all or nothing."""
    kind = _KINDS.get(path.suffix.lower(), Kind.PDF)

    def copy(stream: BinaryIO) -> None:
        with produced.open("rb") as original:
            shutil.copyfileobj(original, stream)

    write_with(path, copy, kind=kind, protected=protected)
