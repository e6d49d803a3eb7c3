"""The workbook embedded in a chart, which PowerPoint opens for "Edit Data": categories in
column A from row 2, each series' name in row 1 of its own column and its values below in the
chart's number format, a blank cell for a missing value (the layout python-pptx's workbook
writer uses, so the chart's references point at these cells).

Written as XML text into a zip of our own, a handful of fixed parts and three small generated
ones: a fraction of what XlsxWriter took a chart, and nothing to import at every build
(CONTRIBUTING's speed notes give the figures)."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Sequence
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

from reportgen.frozen import frozen

GENERAL = "General"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OFFICE = "application/vnd.openxmlformats-officedocument"

_CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.spreadsheetml.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_OFFICE}.spreadsheetml.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_OFFICE}.spreadsheetml.styles+xml"/>'
    f'<Override PartName="/xl/theme/theme1.xml" ContentType="{_OFFICE}.theme+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" '
    f'ContentType="{_OFFICE}.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
_PACKAGE_RELS = (
    f'{_HEAD}<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
_WORKBOOK = (
    f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><bookViews><workbookView/>'
    '</bookViews><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    f'{_HEAD}<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{_DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId4" Type="{_DOC_RELS}/theme" Target="theme/theme1.xml"/>'
    '</Relationships>')
_SOLID = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_FONT = '<a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/>'
_THEME = (
    # The smallest complete theme: a workbook part Office requires, though the sheet uses none
    # of it (Office's default colours, Calibri, plain fills and lines).
    f'{_HEAD}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'name="Office Theme"><a:themeElements><a:clrScheme name="Office">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    + "".join(f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>' for name, rgb in (
        ("dk2", "1F497D"), ("lt2", "EEECE1"), ("accent1", "4F81BD"), ("accent2", "C0504D"),
        ("accent3", "9BBB59"), ("accent4", "8064A2"), ("accent5", "4BACC6"),
        ("accent6", "F79646"), ("hlink", "0000FF"), ("folHlink", "800080")))
    + f'</a:clrScheme><a:fontScheme name="Office"><a:majorFont>{_FONT}</a:majorFont>'
    f'<a:minorFont>{_FONT}</a:minorFont></a:fontScheme><a:fmtScheme name="Office">'
    f'<a:fillStyleLst>{_SOLID * 3}</a:fillStyleLst>'
    f'<a:lnStyleLst>{f"<a:ln>{_SOLID}</a:ln>" * 3}</a:lnStyleLst>'
    f'<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}'
    f'</a:effectStyleLst><a:bgFillStyleLst>{_SOLID * 3}</a:bgFillStyleLst></a:fmtScheme>'
    '</a:themeElements></a:theme>')
_STYLE_TAIL = (
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs>')
_STYLE_END = ('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
              '</cellStyles></styleSheet>')
_FIRST_CUSTOM_FORMAT = 164
"""Number format ids below this are Excel's built-in ones."""
_CATEGORY_WIDTH = "10.7109375"
"""Column A's width in characters, as python-pptx's writer sets it."""
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""A fixed entry time: the same chart is the same bytes."""


@frozen
class Column:
    """One series: its name (row 1), its values (row 2 down; None is a blank cell) and their
    number format."""

    name: str
    values: Sequence[float | None]
    number_format: str = GENERAL


def column_letter(number: int) -> str:
    """Excel's name for the 1-based column ``number``: A, ..., Z, AA, ..., XFD."""
    if not 1 <= number <= 16384:
        raise ValueError(f"column {number} is outside a worksheet's 16,384 columns")
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def xlsx_blob(categories: Sequence[str], columns: Sequence[Column]) -> bytes:
    """The .xlsx package holding ``categories`` (column A) and ``columns`` (B onwards)."""
    strings = _Strings()
    formats = _Formats()
    sheet = _sheet(categories, columns, strings, formats)
    parts = (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _PACKAGE_RELS),
             ("xl/workbook.xml", _WORKBOOK),
             ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
             ("xl/worksheets/sheet1.xml", sheet), ("xl/theme/theme1.xml", _THEME),
             ("xl/styles.xml", formats.styles()),
             ("xl/sharedStrings.xml", strings.xml()))
    out = BytesIO()
    # Stored, not deflated: the deck's writer compresses every package it embeds as it fixes
    # their timestamps (reportgen.output), and compressing twice took half of this function.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for name, text in parts:
            package.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), text.encode("utf-8"))
    return out.getvalue()


def _sheet(categories: Sequence[str], columns: Sequence[Column], strings: _Strings,
           formats: _Formats) -> str:
    letters = [column_letter(2 + i) for i in range(len(columns))]
    height = 1 + max([len(categories), *(len(column.values) for column in columns)])
    names = "".join(_text(f"{letter}1", column.name, strings)
                    for letter, column in zip(letters, columns, strict=True))
    rows = [f'<row r="1">{names}</row>'] if columns else []
    styles = [formats.style(column.number_format) for column in columns]
    for row in range(2, height + 1):
        at = row - 2
        cells = [_text(f"A{row}", categories[at], strings)] if at < len(categories) else []
        cells += [_number(f"{letter}{row}", column.values[at], style)
                  for letter, column, style in zip(letters, columns, styles, strict=True)
                  if at < len(column.values)]
        rows.append(f'<row r="{row}">{"".join(cells)}</row>')
    last = letters[-1] if letters else "A"
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
            f'<dimension ref="A1:{last}{height}"/>'
            '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f'<cols><col min="1" max="1" width="{_CATEGORY_WIDTH}" customWidth="1"/></cols>'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>')


def _text(ref: str, text: str, strings: _Strings) -> str:
    return f'<c r="{ref}" t="s"><v>{strings.index(text)}</v></c>'


def _number(ref: str, value: float | None, style: int) -> str:
    shown = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{shown}/>'
    check_number(value)
    return f'<c r="{ref}"{shown}><v>{value!r}</v></c>'


def check_number(value: object) -> None:
    """Refuse what a cell (and a chart's cache) cannot hold as a number."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"a chart value must be a finite number or None, not {value!r}")


def _t(text: str) -> str:
    """A shared string's ``<t>``. ISO 29500's schema gives ``<t>`` (ST_Xstring) no attributes,
    so ``xml:space`` on it is a schema error in every strict validator; without it an XML
    reader keeps the text as it is all the same. Excel alone trims a string's outer spaces
    without it, so it is written for such a string only, as Excel and XlsxWriter do: the
    charts' month labels and series names never have them."""
    if text != text.strip():
        return f'<t xml:space="preserve">{escape(text)}</t>'
    return f"<t>{escape(text)}</t>"


class _Strings:
    """The shared-string table: each distinct text once, cells refer to it by index."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._count = 0

    def index(self, text: str) -> int:
        self._count += 1
        return self._index.setdefault(text, len(self._index))

    def xml(self) -> str:
        items = "".join(f"<si>{_t(text)}</si>" for text in self._index)
        return (f'{_HEAD}<sst xmlns="{_MAIN}" count="{self._count}" '
                f'uniqueCount="{len(self._index)}">{items}</sst>')


class _Formats:
    """The number formats the cells use: a cell style (xf) for each, style 0 for General."""

    def __init__(self) -> None:
        self._codes: list[str] = []

    def style(self, code: str) -> int:
        if code == GENERAL:
            return 0
        if code not in self._codes:
            self._codes.append(code)
        return 1 + self._codes.index(code)

    def styles(self) -> str:
        formats = "".join(f'<numFmt numFmtId="{_FIRST_CUSTOM_FORMAT + i}" '
                          f'formatCode={quoteattr(code)}/>' for i, code in enumerate(self._codes))
        xfs = "".join(f'<xf numFmtId="{_FIRST_CUSTOM_FORMAT + i}" fontId="0" fillId="0" '
                      'borderId="0" xfId="0" applyNumberFormat="1"/>'
                      for i in range(len(self._codes)))
        number_formats = (f'<numFmts count="{len(self._codes)}">{formats}</numFmts>'
                          if self._codes else "")
        return (f'{_HEAD}<styleSheet xmlns="{_MAIN}">{number_formats}{_STYLE_TAIL}'
                f'<cellXfs count="{1 + len(self._codes)}">'
                '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                f'{xfs}</cellXfs>{_STYLE_END}')

