"""Checks on a workbook file before any XML is parsed.

An .xlsx is a zip of XML parts, and workbooks arrive by e-mail from many hands. Before openpyxl
sees a byte, the file must be a zip (not an encrypted OLE container, an old .xls, a CSV or an
empty file), every part must inflate to a sane size (a "zip bomb" declares or hides gigabytes),
and no part may carry a DTD (Excel never writes one; entity declarations are how XML "billion
laughs" attacks work). openpyxl then parses with defusedxml as a second line of defence.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from reportgen.errors import InputError, Place
from reportgen.frozen import frozen

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# A 5,000-indicator KPI sheet is under 10 MB of XML; these leave ample room and bound memory.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 160 * 1024 * 1024
MAX_PARTS = 2000
_CHUNK = 1024 * 1024
_PROLOGUE = 4096


@frozen
class Vetted:
    """What the check learnt on the way, so that nothing has to read the file twice for it."""

    unsaved_formulas: bool
    """Some worksheet holds a formula saved without its value (a ``<f>`` element with no
    ``<v>`` after it, or an empty one): only then must the reader look for formula cells
    among the blank ones, which takes a second parse of the sheet. Excel saves every
    formula's value; programs that write workbooks mostly do not."""


def vet_workbook(path: Path) -> Vetted:
    """Raise InputError unless ``path`` is a plausible, safe .xlsx/.xlsm package."""
    place = Place(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise InputError(f"cannot be opened: {exc.strerror or exc}", place) from exc
    if not head:
        raise InputError("the file is empty (0 bytes)", place)
    if head.startswith(OLE_MAGIC):
        raise InputError(
            "this is a password-protected (encrypted) workbook or an old-style .xls file: "
            "remove the password in Excel (File > Info > Protect Workbook > Encrypt with "
            "Password) or save it as an Excel Workbook (.xlsx), then try again", place)
    if not head.startswith(ZIP_MAGIC):
        raise InputError(f"not an Excel workbook: {_looks_like(path, head)}", place)
    try:
        with zipfile.ZipFile(path) as archive:
            return _vet_parts(archive, place)
    except zipfile.BadZipFile as exc:
        raise InputError(f"the workbook is damaged or incomplete ({exc}); save it again from "
                         "Excel or download it again", place) from exc


_SAVE_AS = "open it in Excel and save it as an Excel Workbook (.xlsx)"
_GIVE = "give the KPI workbook (.xlsx) instead"
# Files people pick up by mistake, by their first bytes: what they are and what to do instead.
_SIGNATURES = (
    (b"%PDF", f"it is a PDF document; {_GIVE}"),
    (b"\x89PNG", f"it is an image (PNG); {_GIVE}"),
    (b"\xff\xd8\xff", f"it is an image (JPEG); {_GIVE}"),
    (b"GIF8", f"it is an image (GIF); {_GIVE}"),
    (b"{\\rtf", f"it is a Rich Text document; {_GIVE}"),
)
# Zip packages that are not workbooks, by a part only they have.
_PACKAGES = (
    ("ppt/presentation.xml", f"a PowerPoint presentation; {_GIVE}"),
    ("word/document.xml", f"a Word document; {_GIVE}"),
    ("mimetype", "an OpenDocument file (LibreOffice); if it is a spreadsheet, open it in "
                 "LibreOffice and save it as Excel 2007-365 (.xlsx)"),
)


def _looks_like(path: Path, head: bytes) -> str:
    """What a file that is not a zip package is, and what to do about it."""
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    with path.open("rb") as stream:
        sample = stream.read(2048)
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        return f"the file is neither a zip package nor text; {_GIVE}"
    if text.lstrip().lower().startswith(("<html", "<!doctype html")):
        return ("it is a web page (HTML), perhaps a download that failed; download the "
                "workbook again, or " + _SAVE_AS)
    named = path.suffix.lower() in (".xlsx", ".xlsm")
    if named and ("," in text or "\t" in text or ";" in text):
        return f"it is a text (CSV) file with an {path.suffix.lower()} name; {_SAVE_AS}"
    # a README.md or notes.txt given by mistake: say what it is, not that it is a CSV
    return f"it is a text file ({path.suffix or 'no extension'}); {_GIVE}"


def _package_kind(names: set[str]) -> str | None:
    """What a zip package that is not a workbook is (a .pptx or .docx given by mistake, under
    any name), or None: it may be a workbook."""
    for part, what in _PACKAGES:
        if part in names and "xl/workbook.xml" not in names:
            return what
    return None


def _vet_parts(archive: zipfile.ZipFile, place: Place) -> Vetted:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise InputError(f"the workbook holds {len(parts):,} parts; refused as unsafe", place)
    declared = sum(p.file_size for p in parts)
    if declared > MAX_TOTAL_BYTES:
        raise InputError(f"the workbook would inflate to {declared / 2**20:,.0f} MB; refused "
                         "as unsafe (a 'zip bomb')", place)
    names = set(archive.namelist())
    kind = _package_kind(names)
    if kind is not None:
        raise InputError(f"not an Excel workbook: this is {kind}", place)
    if "[Content_Types].xml" not in names:
        raise InputError("not an Office Open XML workbook (no [Content_Types].xml): a zip "
                         f"archive of other files; {_GIVE}", place)
    total, unsaved = 0, False
    for part in parts:
        size, part_unsaved = _inflate(archive, part, place)
        total += size
        unsaved = unsaved or (part_unsaved and part.filename.startswith("xl/worksheets/"))
        if total > MAX_TOTAL_BYTES:
            raise InputError("the workbook inflates beyond its declared size; refused as "
                             "unsafe (a 'zip bomb')", place)
    return Vetted(unsaved_formulas=unsaved)


def _inflate(archive: zipfile.ZipFile, part: zipfile.ZipInfo, place: Place) -> tuple[int, bool]:
    """Inflate one part in chunks, counting bytes; refuse it before it grows too large.
    Also says whether the part holds a formula saved without its value."""
    if part.file_size > MAX_PART_BYTES:
        raise InputError(f"part {part.filename} would inflate to "
                         f"{part.file_size / 2**20:,.0f} MB; refused as unsafe (a 'zip bomb')",
                         place)
    size = 0
    with archive.open(part) as stream:
        first = stream.read(_PROLOGUE)
        size += len(first)
        if part.filename.endswith((".xml", ".rels", ".vml")) and (
                b"<!DOCTYPE" in first or b"<!ENTITY" in first):
            raise InputError(f"part {part.filename} declares a DTD or XML entities, which Excel "
                             "never writes; refused as unsafe (an XML entity attack)", place)
        formulas = FormulaScan()
        formulas.feed(first)
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > MAX_PART_BYTES:
                raise InputError(f"part {part.filename} inflates beyond "
                                 f"{MAX_PART_BYTES // 2**20} MB; refused as unsafe", place)
            formulas.feed(chunk)
    return size, formulas.finish()


# A formula is an <f> element (<f>D8/E8</f>, <f t="shared" ref="F8:F20" si="0">D8/E8</f>,
# <f t="shared" si="0"/>); Excel saves its value after it in the cell: <v>0.9</v>.
_FORMULA = re.compile(rb"<f[ >]")
_SAVED = re.compile(rb"<f(?:>[^<]*</f>| [^>]*(?:/>|>[^<]*</f>))\s*<v>[^<]")
_CELL_END = b"</c>"
_MAX_CELL = 1024 * 1024
"""More bytes than any one cell holds (Excel's limits: 32,767 characters of text, 8,192 of a
formula); a stretch this long without a cell's end is not scanned, and counts as unsaved."""


class FormulaScan:
    """Whether a worksheet part holds a formula saved without its value, read chunk by chunk.

    Each formula is counted, and each formula followed by a non-empty value; any difference is
    a formula without its value. The count stops at the last cell's end read so far, so that
    no formula is cut from its value between two chunks. Doubt counts as unsaved: the reader
    then looks at the cells themselves, as it always can."""

    def __init__(self) -> None:
        self.pending = b""
        self.unsaved = False

    def feed(self, chunk: bytes) -> None:
        if self.unsaved:
            return
        data = self.pending + chunk
        last = data.rfind(_CELL_END)
        end = last + len(_CELL_END) if last >= 0 else 0
        self._count(data[:end])
        self.pending = data[end:]
        if len(self.pending) > _MAX_CELL:
            self.unsaved = True

    def finish(self) -> bool:
        if not self.unsaved:
            self._count(self.pending)
        return self.unsaved

    def _count(self, xml: bytes) -> None:
        if (b"<f>" in xml or b"<f " in xml) and \
                len(_FORMULA.findall(xml)) != len(_SAVED.findall(xml)):
            self.unsaved = True
