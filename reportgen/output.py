"""Writing a finished deck: reproducible bytes, moved into place only when complete.

A deck is first written to a hidden temporary file beside its destination and then renamed over
it (atomic on one file system), so a failed or interrupted build never leaves a partial file and
never damages last month's deck.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
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
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            content = source.read(info)
            if info.filename.lower().endswith(_NESTED):
                content = reproducible_zip(content, nested=True)
            elif nested and info.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", Place(path)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except PermissionError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError("cannot replace the deck: permission denied (is it open in "
                          "PowerPoint, or read-only? close it and build again)",
                          Place(path)) from exc
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"cannot write the deck: {exc.strerror or exc}", Place(path)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
