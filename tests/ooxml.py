"""Is a .pptx what PowerPoint will open without "PowerPoint found a problem with content"?

Two checks, both on the bytes of the package and neither through python-pptx (which reads
much that PowerPoint repairs or refuses):

- :func:`audit_problems`: openxml-audit, a pure-Python port of the Open XML SDK's validator
  (package structure, the ISO 29500 schemas, the SDK's semantic rules);
- :func:`structure_problems`: what the schemas cannot say and PowerPoint still repairs: shape
  ids unique and non-zero within each slide, layout and master; a table's cells matching its
  grid, with spans and merges that agree; every relationship and every reference to one
  resolving; the notes master listed; the slide size's name matching its size.

:func:`deck_problems` runs both, and openxml-audit on each chart's embedded workbook
(:func:`workbook_problems`). A helper module for the tests, not a test file; the fixtures in
``tests/conftest.py`` put every deck the tests build through it.
"""

from __future__ import annotations

import hashlib
import posixpath
import stat
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"p": P, "a": A, "r": R, "rel": PKG_RELS, "ct": CONTENT_TYPES}
NOTES_MASTER = R + "/notesMaster"

SHAPE_TREES = ("ppt/slides/", "ppt/slideLayouts/", "ppt/slideMasters/", "ppt/notesSlides/",
               "ppt/notesMasters/", "ppt/handoutMasters/")
"""The parts that hold a shape tree, whose shape ids must be unique within the part."""

NAMED_SIZES = {  # ST_SlideSizeType: the sizes PowerPoint gives each name (ISO 29500-1 19.7.14)
    "screen4x3": (9144000, 6858000), "screen16x9": (9144000, 5143500),
    "screen16x10": (9144000, 5715000), "letter": (9144000, 6858000),
    "A4": (9906000, 6858000), "35mm": (10287000, 6858000), "overhead": (9144000, 6858000),
    "banner": (7315200, 914400), "ledger": (12179300, 9134475),
    "A3": (14400213, 10800160), "B4ISO": (10826750, 8120063), "B5ISO": (7169150, 5376863),
    "B4JIS": (10287000, 7734300), "B5JIS": (7244443, 5414963), "hagakiCard": (3600450, 5327650),
}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


# --- both checks -------------------------------------------------------------------------------

def deck_problems(deck: Path | bytes) -> list[str]:
    """Everything wrong with ``deck`` (a file or its bytes), as lines naming the part."""
    data = deck if isinstance(deck, bytes) else deck.read_bytes()
    return structure_problems(data) + audit_problems(data) + workbook_problems(data)


_CHECKED: dict[str, list[str]] = {}
"""Problems by the SHA-256 of a deck's bytes: the suite builds the same deck many times (the
same workbook always gives the same bytes), and each is checked once."""


def checked(data: bytes) -> list[str]:
    """:func:`deck_problems`, once per distinct deck in a session."""
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _CHECKED:
        _CHECKED[digest] = deck_problems(data)
    return _CHECKED[digest]


def decks_under(folder: Path) -> Iterator[Path]:
    """The decks in ``folder`` and below: regular ``.pptx`` files that are zip packages. Tests
    put other things under deck names (a few bytes of "last month's deck", a link, a FIFO) to
    check they are refused or kept; those are not decks anyone built."""
    for path in sorted(folder.rglob("*.pptx")):
        try:
            if not stat.S_ISREG(path.lstat().st_mode):
                continue
            with path.open("rb") as file:
                if file.read(4) != b"PK\x03\x04":
                    continue
            yield path
        except OSError:  # removed or unreadable by the test, on purpose
            continue


def problems_in(paths: Iterable[Path]) -> list[str]:
    """Every problem of every deck in ``paths``, each line naming its file."""
    return [f"{path}: {problem}" for path in paths for problem in checked(path.read_bytes())]


# --- openxml-audit -----------------------------------------------------------------------------

@cache
def _validator() -> Any:
    """One validator for the session: building one loads the schemas (about a second)."""
    from openxml_audit import OpenXmlValidator  # noqa: PLC0415  (slow to import; only here)

    return OpenXmlValidator(max_errors=0)


def audit_problems(data: bytes, name: str = "deck.pptx") -> list[str]:
    """The errors openxml-audit finds in the package ``data``, whose kind it reads from
    ``name`` (its warnings are not errors: nothing PowerPoint repairs)."""
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="reportgen-audit-") as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        result = _validator().validate(path)
    return [f"openxml-audit: {_described(error)}" for error in result.errors
            if str(getattr(error.severity, "value", error.severity)).lower() == "error"]


@cache
def _workbook_problems(data: bytes) -> tuple[str, ...]:
    return tuple(audit_problems(data, "chart.xlsx"))


def workbook_problems(data: bytes) -> list[str]:
    """openxml-audit's errors in each chart's embedded workbook, which PowerPoint opens for
    "Edit Data" (each distinct workbook checked once a session)."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        return []  # structure_problems says so
    return [f"{name}: {problem}" for name in sorted(package.namelist())
            if name.startswith("ppt/embeddings/") and name.endswith(".xlsx")
            for problem in _workbook_problems(package.read(name))]


def _described(error: Any) -> str:
    where = " ".join(str(part) for part in (getattr(error, "part_uri", None),
                                            getattr(error, "path", None)) if part)
    return f"{where}: {error.description}" if where else str(error.description)


# --- our own structural checks ----------------------------------------------------------------

class Package:
    """The parts of a .pptx as parsed XML (or raw bytes), with their relationships."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(BytesIO(data))
        self.names = set(self.zip.namelist())

    def xml(self, name: str) -> Any:
        return etree.fromstring(self.zip.read(name), _PARSER)

    def parts(self) -> list[str]:
        return sorted(name for name in self.names
                      if not name.endswith("/") and name != "[Content_Types].xml"
                      and "_rels/" not in name)

    def relationships(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """``part``'s relationships: id → (type, target part name, external?)."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return {}
        found = {}
        for rel in self.xml(rels).iterfind("rel:Relationship", NS):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            if not external:
                target = (target.lstrip("/") if target.startswith("/")
                          else posixpath.normpath(posixpath.join(folder, target)))
            found[rel.get("Id", "")] = (rel.get("Type", ""), target, external)
        return found


def structure_problems(data: bytes) -> list[str]:
    try:
        package = Package(data)
    except zipfile.BadZipFile as exc:
        return [f"not a zip package: {exc}"]
    return [*relationship_problems(package), *content_type_problems(package),
            *shape_id_problems(package), *table_problems(package),
            *presentation_problems(package)]


def relationship_problems(package: Package) -> Iterator[str]:
    """Every internal relationship's target is a part, and every ``r:`` reference in a part
    names one of its relationships."""
    for source in ["", *package.parts()]:
        rels = package.relationships(source)
        for rid, (_kind, target, external) in rels.items():
            if not external and target not in package.names:
                yield f"{source or '/'}: relationship {rid} points at {target}, which is missing"
        if not source.endswith(".xml") and not source.endswith(".rels"):
            continue
        root = package.xml(source)
        for element in root.iter():
            for attribute, value in element.attrib.items():
                if attribute.startswith("{" + R + "}") and value and value not in rels:
                    yield (f"{source}: {etree.QName(element).localname}/@r:"
                           f"{etree.QName(attribute).localname}={value} names no relationship")


def content_type_problems(package: Package) -> Iterator[str]:
    types = package.xml("[Content_Types].xml")
    defaults = {d.get("Extension", "").lower() for d in types.iterfind("ct:Default", NS)}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.iterfind("ct:Override", NS)}
    for part in package.parts():
        if part not in overrides and part.rsplit(".", 1)[-1].lower() not in defaults:
            yield f"{part}: no content type"
    for part in sorted(overrides - package.names):
        yield f"[Content_Types].xml: an override for {part}, which is missing"


def shape_id_problems(package: Package) -> Iterator[str]:
    for part in package.parts():
        if not part.startswith(SHAPE_TREES) or not part.endswith(".xml"):
            continue
        ids = [element.get("id") for element in package.xml(part).iterfind(".//p:cSld//p:cNvPr",
                                                                            NS)]
        counts = Counter(ids)
        if twice := sorted((i for i, n in counts.items() if n > 1), key=str):
            yield f"{part}: shape ids used more than once: {', '.join(map(str, twice))}"
        if "0" in counts or None in counts:
            yield f"{part}: a shape with id 0 or none"


def table_problems(package: Package) -> Iterator[str]:
    for part in package.parts():
        if part.startswith(SHAPE_TREES) and part.endswith(".xml"):
            for number, table in enumerate(package.xml(part).iterfind(".//a:tbl", NS), 1):
                for problem in grid_problems(table):
                    yield f"{part}: table {number}: {problem}"


def grid_problems(table: Any) -> Iterator[str]:
    """A table's rows against its grid: as many cells as grid columns in every row, and every
    gridSpan/rowSpan covering cells marked hMerge/vMerge, and only those."""
    columns = len(table.findall("a:tblGrid/a:gridCol", NS))
    rows = [row.findall("a:tc", NS) for row in table.iterfind("a:tr", NS)]
    if columns == 0:
        yield "no grid columns"
    covered: dict[tuple[int, int], str] = {}
    """(row, column) → "h" or "v": the cells a span starting elsewhere covers."""
    for r, cells in enumerate(rows):
        if len(cells) != columns:
            yield f"row {r + 1} has {len(cells)} cells for {columns} grid columns"
        for c, cell in enumerate(cells):
            for problem in _cell_problems(cell, r, c, (len(rows), columns), covered):
                yield f"row {r + 1} column {c + 1}: {problem}"


def _cell_problems(cell: Any, r: int, c: int, size: tuple[int, int],
                   covered: dict[tuple[int, int], str]) -> Iterator[str]:
    """One cell against the spans before it; a cell that starts a span marks what it covers."""
    across, down = int(cell.get("gridSpan", "1")), int(cell.get("rowSpan", "1"))
    h, v = cell.get("hMerge") in ("1", "true"), cell.get("vMerge") in ("1", "true")
    if across < 1 or down < 1:
        yield f"span {across}x{down}"
    if r + down > size[0] or c + across > size[1]:
        yield "spans past the table's edge"
    if (h or v) and (across > 1 or down > 1):
        yield "both merged into another cell and spanning"
    expected = covered.get((r, c))
    if h and expected != "h":
        yield "hMerge with no gridSpan to its left covering it"
    if v and expected != "v" and not (h and expected is not None):
        yield "vMerge with no rowSpan above covering it"
    if expected is not None and not (h or v):
        yield "covered by a span but not marked hMerge/vMerge"
    if not (h or v):
        for dr in range(down):
            for dc in range(across):
                if dr or dc:
                    covered[(r + dr, c + dc)] = "h" if dc else "v"


def presentation_problems(package: Package) -> Iterator[str]:
    """What presentation.xml must say about the package: the notes master listed when there
    is one, unique slide and layout ids in their ranges, a size named only when it is that
    size."""
    name = "ppt/presentation.xml"
    root = package.xml(name)
    rels = package.relationships(name)
    notes_masters = {rid for rid, (kind, _, _) in rels.items() if kind == NOTES_MASTER}
    listed = {e.get(f"{{{R}}}id") for e in root.iterfind("p:notesMasterIdLst/p:notesMasterId",
                                                        NS)}
    if notes_masters != listed:
        yield (f"{name}: notes master relationships {sorted(notes_masters)} but "
               f"notesMasterIdLst lists {sorted(map(str, listed))}")
    slide_ids = [int(e.get("id", "0")) for e in root.iterfind("p:sldIdLst/p:sldId", NS)]
    if len(set(slide_ids)) != len(slide_ids) or any(not 256 <= i < 2**31 for i in slide_ids):
        yield f"{name}: slide ids not unique or outside 256..2^31-1: {slide_ids}"
    yield from _master_id_problems(package, root)
    size = root.find("p:sldSz", NS)
    if size is not None:
        kind = size.get("type", "custom")
        actual = (int(size.get("cx", "0")), int(size.get("cy", "0")))
        if kind != "custom" and NAMED_SIZES.get(kind) != actual:
            yield (f"{name}: the slide size {actual[0]}x{actual[1]} is labelled {kind}, which "
                   f"is {NAMED_SIZES.get(kind)}")


def _master_id_problems(package: Package, presentation: Any) -> Iterator[str]:
    """Master and layout ids share one space, from 2^31 up (ISO 29500-1 19.2.1.27, .34)."""
    ids = [int(e.get("id", "0")) for e in presentation.iterfind("p:sldMasterIdLst/p:sldMasterId",
                                                                NS)]
    for kind, master, _ in package.relationships("ppt/presentation.xml").values():
        if kind == R + "/slideMaster":
            ids += [int(e.get("id", "0")) for e in
                    package.xml(master).iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS)]
    if len(set(ids)) != len(ids) or any(i < 2**31 for i in ids):
        yield f"ppt/presentation.xml: master and layout ids not unique or below 2^31: {ids}"
