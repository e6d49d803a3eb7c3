"""Broken and hostile workbook files, made in code, each with the start of the error it earns."""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

SAMPLE = Path(__file__).resolve().parent.parent / "inputs" / "sample-2019-03.xlsx"
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10))
    + "]>"
)


def _rezip(path: Path, change: Callable[[str, bytes], bytes]) -> None:
    with zipfile.ZipFile(SAMPLE) as source:
        parts = [(info.filename, change(info.filename, source.read(info)))
                 for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(name, data)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def csv_named_xlsx(path: Path) -> None:
    path.write_text("Ref,Performance Measure,Current\n1.1,% seen,97.8%\n")


def html_download(path: Path) -> None:
    path.write_text("<!DOCTYPE html><html><body>Sign in to SharePoint</body></html>")


def encrypted(path: Path) -> None:
    # Excel saves a password-protected workbook as an OLE compound file.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)


def truncated(path: Path) -> None:
    path.write_bytes(SAMPLE.read_bytes()[:6000])


def random_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")


def zip_bomb(path: Path) -> None:
    """A sheet that inflates to 100 MB of zeros from a few hundred KB."""
    def change(name: str, data: bytes) -> bytes:
        return data + b" " * (100 * 2**20) if name == "xl/worksheets/sheet2.xml" else data
    _rezip(path, change)


def lying_zip_bomb(path: Path) -> None:
    """A part whose headers declare 1 KB but which holds 10 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data += b" " * (10 * 2**20)
            z.writestr(info.filename, data)
    raw = bytearray(out.getvalue())
    target = b"xl/worksheets/sheet2.xml"
    # patch the uncompressed size in both the local header and the central directory
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = 0
        while (at := raw.find(signature, at)) != -1:
            if raw[at + name_offset:at + name_offset + len(target)] == target:
                raw[at + size_offset:at + size_offset + 4] = struct.pack("<I", 1024)
            at += 4
    path.write_bytes(bytes(raw))


def entity_bomb(path: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            body = data.decode().split("?>", 1)[-1]
            return (BILLION_LAUGHS + body.replace("<sheets>", "<sheets>&lol9;", 1)).encode()
        return data
    _rezip(path, change)


def _sample_with(change: Callable[[Any], None]) -> Callable[[Path], None]:
    """The sample workbook with one thing wrong in its KPI sheet, made with openpyxl."""
    def make(path: Path) -> None:
        workbook = openpyxl.load_workbook(SAMPLE, rich_text=True)
        change(workbook["KPIs"])
        workbook.save(path)
    return make


def _no_kpi_table(sheet: Any) -> None:
    sheet.parent.remove(sheet)


def _missing_ref(sheet: Any) -> None:
    sheet["A4"] = "Line"


def _duplicate_ref(sheet: Any) -> None:
    sheet["A15"] = "2.1"


def _target_text(sheet: Any) -> None:
    sheet["N8"] = "ninety"


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty": (empty, "the file is empty (0 bytes)"),
    "csv": (csv_named_xlsx, "not an Excel workbook: it is a text (CSV) file with an .xlsx name"),
    "html": (html_download, "not an Excel workbook: it is a web page (HTML)"),
    "encrypted": (encrypted, "this is a password-protected (encrypted) workbook"),
    "truncated": (truncated, "the workbook is damaged or incomplete"),
    "not-a-workbook": (random_zip, "not an Office Open XML workbook"),
    "zip-bomb": (zip_bomb, "part xl/worksheets/sheet2.xml would inflate to 100 MB; refused"),
    "lying-zip-bomb": (lying_zip_bomb, "the workbook is damaged or incomplete"),
    "entity-bomb": (entity_bomb, "part xl/workbook.xml declares a DTD or XML entities"),
    "no-kpi-table": (_sample_with(_no_kpi_table), "no KPI table: no visible sheet has a header "
                     "row with a Ref and a measure column"),
    "missing-column": (_sample_with(_missing_ref),
                       "KPIs!A4: the KPI table has no 'Ref' column among the headers found "
                       "('Line'?, 'Performance Measure', "),
    "duplicate-ref": (_sample_with(_duplicate_ref), "KPIs!A15: duplicate Ref '2.1' (also at A14)"),
    "target-not-a-number": (_sample_with(_target_text), "KPIs!N8: Min target 'ninety' is not a "
                            "number"),
}


# Workbooks that read as numbers JSON cannot hold: a cell's stored value overflows a float.
def infinite_figures(path: Path) -> None:
    """The sample with 1.4's Sep 18 stored as 1e999 (read as inf) and its 2017/18 as -1e999."""
    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet3.xml":
            return data
        text = data.decode()
        for cell, value in (("H12", "1e999"), ("C12", "-1e999")):
            text, count = re.subn(rf'(<c r="{cell}"[^>]*><v>)[^<]*', rf"\g<1>{value}", text)
            assert count == 1, f"{cell} not found in the sample's KPI sheet"
        return text.encode()
    _rezip(path, change)


def retitled_sample(title: str) -> Callable[[Path], None]:
    """A good workbook: the sample under another deck title (so its deck has another name)."""
    def make(path: Path) -> None:
        workbook = openpyxl.load_workbook(SAMPLE, rich_text=True)
        sheet = workbook["Deck"]
        for row in sheet.iter_rows():
            if row[0].value == "Title":
                row[1].value = title
        workbook.save(path)
    return make


# Things with a workbook's name that are not workbook files, and the start of their error line.
def fifo(path: Path) -> None:
    os.mkfifo(path)  # reading it would wait for a writer for ever


SPECIAL_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (fifo, "is a device, FIFO or socket, not a workbook file"),
    "dangling-link": (lambda path: path.symlink_to(path.with_name("gone.xlsx")),
                      "no such file"),
}
