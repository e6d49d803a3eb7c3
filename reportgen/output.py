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
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

from reportgen.errors import OutputError, Place

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


def check_destination(path: Path, *, suffix: str = ".pptx", source: Path | None = None) -> None:
    """Refuse a destination that is not (or would not be) a plain ``suffix`` file of ours."""
    if path.suffix.lower() != suffix:
        raise OutputError(f"not a {suffix} file name: only a {suffix} file is written here "
                          "(to write into a folder, end the name with /)", Place(path))
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    if source is not None and _same_file(path, source):
        raise OutputError("this is the workbook being read; the deck needs a name of its own",
                          Place(path))
    if stat.S_ISLNK(info.st_mode):
        # Replacing the link would silently turn it into a file; writing through it would
        # change a file somewhere the user did not name. Neither is what -o asked for.
        raise OutputError("is a symbolic link; refused so that nothing is written elsewhere "
                          "(give the real path, or remove the link)", Place(path))
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"is a folder, not a {suffix} file", Place(path))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError("is a device or other special file, not a deck; refused",
                          Place(path))
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


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a pid we cannot ask about: keep its file
    return True


@contextlib.contextmanager
def _temporary_beside(path: Path) -> Iterator[tuple[int, Path]]:
    """A new hidden file in ``path``'s folder, removed unless the caller moved it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path.parent)
        handle, name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=".tmp",
                                        dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    temp = Path(name)
    try:
        yield handle, temp
    finally:
        # after os.replace the name is gone and this does nothing
        with contextlib.suppress(OSError):
            temp.unlink()


@contextlib.contextmanager
def temporary_folder_beside(path: Path) -> Iterator[Path]:
    """A new hidden folder beside ``path`` (same file system, so its contents can be renamed
    into place), removed with whatever it still holds when the caller is done."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path.parent)
        work = Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=".tmp",
                                     dir=path.parent))
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_atomically(path: Path, data: bytes, *, source: Path | None = None) -> None:
    """Write ``data`` to ``path`` (a .pptx) all at once or not at all."""
    check_destination(path, source=source)
    with _temporary_beside(path) as (handle, temp):
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except PermissionError as exc:
            raise OutputError(PERMISSION_DENIED, Place(path)) from exc
        except OSError as exc:
            raise OutputError(f"cannot write the deck: {exc.strerror or exc}",
                              Place(path)) from exc


def place_file(produced: Path, path: Path) -> None:
    """Copy ``produced`` (e.g. a PDF made in a private folder) to ``path``, all or nothing."""
    suffix = path.suffix.lower()
    check_destination(path, suffix=suffix)
    what = suffix.lstrip(".").upper()
    with _temporary_beside(path) as (handle, temp):
        try:
            with os.fdopen(handle, "wb") as stream, produced.open("rb") as original:
                shutil.copyfileobj(original, stream)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except OSError as exc:
            raise OutputError(f"cannot write the {what}: {exc.strerror or exc}",
                              Place(path)) from exc
