"""Reading the Deck sheet (title slide) and narrative sheets (bullets with rich text)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import Place
from reportgen.ingest.cells import clean_text, is_blank, text_of
from reportgen.model import DeckInfo, Narrative, Notice, Paragraph, Presenter, TextRun

# Column A holds a top-level bullet, B a sub-bullet of the bullet above, C one level deeper.
BULLET_COLUMNS = 3


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def read_deck_sheet(ws: Worksheet, warnings: list[Notice]) -> DeckInfo:
    title, date_text, meeting_date = "", "", None
    presenters: list[Presenter] = []
    for row in ws.iter_rows(max_col=3):
        field, value, role = (row[i].value if i < len(row) else None for i in range(3))
        name = text_of(field).lower()
        if name in {"", "field"}:
            continue
        if name == "title":
            title = text_of(value)
        elif name == "date":
            meeting_date, date_text = _date(value)
        elif name == "presenter":
            if not is_blank(value):
                presenters.append(Presenter(text_of(value), text_of(role)))
        else:
            warnings.append(Notice(f"unknown field {text_of(field)!r} ignored (expected Title, "
                                   "Date or Presenter)", Place(None, ws.title, row[0].coordinate)))
    return DeckInfo(title=title, date_text=date_text, meeting_date=meeting_date,
                    presenters=tuple(presenters))


def _date(value: Any) -> tuple[date | None, str]:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value, long_date(value)
    return None, text_of(value)


def read_narrative(ws: Worksheet, warnings: list[Notice]) -> Narrative:
    title = text_of(ws["A1"].value)
    if not title:
        warnings.append(Notice("no slide title; the sheet name is used",
                               Place(None, ws.title, "A1")))
        title = ws.title
    paragraphs = []
    for row in ws.iter_rows(min_row=2, max_col=BULLET_COLUMNS):
        for level, cell in enumerate(row):
            if not is_blank(cell.value):
                paragraphs.append(Paragraph(_runs(cell), level))
                break
    return Narrative(sheet=ws.title, title=title, paragraphs=tuple(paragraphs))


def _runs(cell: Any) -> tuple[TextRun, ...]:
    base = _style(cell.font)
    value = cell.value
    if isinstance(value, datetime | date):
        return (TextRun(long_date(value if isinstance(value, date) else value.date()), **base),)
    if not isinstance(value, CellRichText):
        return (TextRun(text_of(value), **base),)
    runs = []
    for part in value:
        # Rich text keeps its spacing run by run; only escapes and control characters go.
        if isinstance(part, TextBlock):
            runs.append(TextRun(clean_text(part.text), **_style(part.font, base)))
        elif part:
            runs.append(TextRun(clean_text(str(part)), **base))
    return _trimmed(runs)


def _style(font: Any, base: dict[str, bool] | None = None) -> dict[str, bool]:
    base = base or {}
    vert = getattr(font, "vertAlign", None)
    return {
        "bold": bool(getattr(font, "b", None)) if getattr(font, "b", None) is not None
        else base.get("bold", False),
        "italic": bool(getattr(font, "i", None)) if getattr(font, "i", None) is not None
        else base.get("italic", False),
        "superscript": vert == "superscript" if vert else base.get("superscript", False),
        "subscript": vert == "subscript" if vert else base.get("subscript", False),
    }


def _trimmed(runs: list[TextRun]) -> tuple[TextRun, ...]:
    """Drop the leading and trailing whitespace people leave in cells, keeping inner runs."""
    if runs:
        runs[0] = replace(runs[0], text=runs[0].text.lstrip())
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return tuple(run for run in runs if run.text)
