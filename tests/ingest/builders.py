"""Workbooks in the sample's layout, for the ingestion tests: one row, one table, one file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reportgen.errors import InputError, Place
from reportgen.ingest import read_report
from reportgen.ingest.writer import (
    Deck,
    SheetNarrative,
    SheetRow,
    SheetSection,
    SheetTable,
    WorkbookSpec,
    count,
    pct,
)
from reportgen.model import Indicator, Notice, Paragraph, Report, TextRun

MONTHS = ["Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19"]


def visits(ref: str = "3.3a", current: float = 0.873) -> SheetRow:
    """The seed's 3.3a: a percentage stored as Excel stores it (fractions, % formats).
    Columns: A Ref, B measure, C 2017/18, D Num, E Denom, F Current, G Period, H..M months,
    N Min, O Upper, P Trend; the row is 8."""
    return SheetRow(ref, "% of CIN children visited within the past four weeks", pct(0.837),
                    count(890), count(1020), pct(current), "Snapshot",
                    [pct(v) for v in (0.715, 0.807, 0.815, 0.785, 0.865, 0.873)], pct(0.9, 0),
                    pct(0.95, 0))


def cohort(ref: str = "1.4") -> SheetRow:
    return SheetRow(ref, "Number of LAC", count(290), "n/a", "n/a", count(335), "Snapshot",
                    [count(v) for v in (311, 322, 353, 335, 338, 335)])


def spec(table: SheetTable, deck: Deck | None = None) -> WorkbookSpec:
    note = SheetNarrative("Notes", "Challenges", [Paragraph((TextRun("Pace"),))])
    return WorkbookSpec(deck or Deck("Update"), [table, note])


def table(**kwargs: object) -> SheetTable:
    default = [SheetSection("Visits", [visits()]), SheetSection("Cohorts", [cohort()])]
    sections = kwargs.pop("sections", default)
    return SheetTable(months=kwargs.pop("months", MONTHS), sections=sections, **kwargs)  # type: ignore[arg-type]


def one_row(row: SheetRow, **kwargs: object) -> WorkbookSpec:
    """A workbook whose KPI table holds ``row`` alone, at row 8."""
    return spec(table(sections=[SheetSection("S", [row])], **kwargs))


def indicator_of(path: Path) -> Indicator:
    return read_report(path).kpis.indicators[0]


def report_of(path: Path) -> Report:
    return read_report(path)


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_report(path)
    return str(caught.value)


def plain_table(path: Path, header: list[object], *rows: list[object]) -> Path:
    """A one-row-header table at A1 of a sheet named Data (data from row 2), no formats,
    after a Deck sheet with a title."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Deck"
    workbook.active.append(["Title", "Update"])
    sheet = workbook.create_sheet("Data")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def to_shared_strings(path: Path) -> None:
    """Store every text cell as Excel does, in the shared-strings part, rather than inline as
    openpyxl writes them: the two are read by different code in openpyxl."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    strings: list[bytes] = []

    def shared(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(2))
        return match.group(1) + b't="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        parts[name] = re.sub(rb'(<c r="[A-Z]+\d+"(?: s="\d+")? )t="inlineStr"><is>(.*?)</is></c>',
                             shared, parts[name])
    items = b"".join(b"<si>" + text + b"</si>" for text in strings)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
        % (len(strings), len(strings), items))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.'
        b'org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def patch_sheet(path: Path, sheet: str, old: bytes, new: bytes) -> None:
    """Replace bytes in one worksheet's XML: to store what openpyxl would not write."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    assert old in parts[sheet], old
    parts[sheet] = parts[sheet].replace(old, new)
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def texts(notices: tuple[Notice, ...]) -> tuple[str, ...]:
    """Warnings as ``check`` prints them."""
    return tuple(str(notice) for notice in notices)


def in_workbook(place: Place | None) -> str:
    """A place as messages name it (``KPIs!F8``); empty for none."""
    return "" if place is None else place.in_workbook
