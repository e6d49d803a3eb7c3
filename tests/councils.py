"""Workbooks in other councils' published scorecard styles (design.md §2a), and how each must be
read (``EXPECTED``).

One builder per convention, each ``def <name>(path: Path) -> Path``: it writes a workbook as a
performance team keeps it (title rows above the table, merged group headers where the style has
them, section rows, a ``Source: ...`` note under the table, percentages stored as fractions with
a ``0.0%`` format, counts with ``#,##0``, placeholders as text) and returns ``path``. Every
workbook has a ``Deck`` sheet first; some have a narrative sheet after the table. Every figure is
invented; the layouts, not the numbers, are the councils'.

Written with openpyxl alone (nothing from reportgen), so that the workbooks do not bend to the
reader they test. ``scripts/make_council_workbooks.py`` writes them all to a folder to open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class F:
    """A cell's value with the number format a real workbook gives it."""

    value: float | int | str | datetime | None
    fmt: str = "General"


Cellish = F | str | int | float | datetime | None
"""What a builder writes in a cell: a formatted figure, or a plain value (text, a placeholder)."""


def P(fraction: float, decimals: int = 1) -> F:  # noqa: N802 - reads as the workbook's "%"
    """A percentage as Excel stores it: a fraction with a % format."""
    return F(fraction, "0%" if decimals == 0 else "0." + "0" * decimals + "%")


def N(value: int) -> F:  # noqa: N802
    """A count with thousands separators."""
    return F(value, "#,##0")


def D(value: float, decimals: int = 1) -> F:  # noqa: N802
    """A figure that is neither a percentage nor a count (a rate, an average)."""
    return F(value, "0." + "0" * decimals if decimals else "0")


_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_GROUP_FILL = PatternFill("solid", fgColor="2E75B6")
_SECTION_FILL = PatternFill("solid", fgColor="D9E1F2")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _put(ws: Worksheet, row: int, col: int, value: Cellish) -> None:
    if isinstance(value, F):
        cell = ws.cell(row, col, value.value)
        cell.number_format = value.fmt
    else:
        cell = ws.cell(row, col, value)
    cell.border = _BOX


def _head(ws: Worksheet, row: int, col: int, text: Cellish, *, to_row: int | None = None,
          to_col: int | None = None, group: bool = False) -> None:
    """A header cell, merged down to ``to_row`` and across to ``to_col`` when given."""
    _put(ws, row, col, text)
    cell = ws.cell(row, col)
    cell.font, cell.alignment = _HEADER_FONT, _CENTRE
    cell.fill = _GROUP_FILL if group else _HEADER_FILL
    if to_row is not None or to_col is not None:
        ws.merge_cells(start_row=row, start_column=col, end_row=to_row or row,
                       end_column=to_col or col)


def _title(ws: Worksheet, row: int, text: str, subtitle: str = "") -> None:
    ws.cell(row, 1, text).font = _TITLE
    if subtitle:
        ws.cell(row + 1, 1, subtitle).font = Font(italic=True)


Body = Sequence[str | Sequence[Cellish]]
"""A table's body: a section title (text), or an indicator row's cells from the first column."""


def _body(ws: Worksheet, row: int, body: Body, width: int, *, merge_sections: bool = True,
          hidden: Sequence[str] = ()) -> int:
    """Write section rows and indicator rows from ``row``; return the row after the last. An
    indicator whose ref is in ``hidden`` is on a hidden row."""
    for item in body:
        if isinstance(item, str):
            cell = ws.cell(row, 1, item)
            cell.font, cell.fill = _BOLD, _SECTION_FILL
            if merge_sections:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        else:
            for col, value in enumerate(item, start=1):
                _put(ws, row, col, value)
            ws.cell(row, 2).alignment = _WRAP
            if item[0] in hidden:
                ws.row_dimensions[row].hidden = True
        row += 1
    return row


def _note(ws: Worksheet, row: int, text: str) -> None:
    ws.cell(row, 1, text).font = Font(italic=True, size=9)


def _widths(ws: Worksheet, measure: int = 2, width: float = 55) -> None:
    ws.column_dimensions[get_column_letter(measure)].width = width
    ws.freeze_panes = None


def _workbook(title: str, when: date | str, presenters: Sequence[tuple[str, str]]) -> Workbook:
    """A workbook whose first sheet is the Deck sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Deck"
    ws.append(["Field", "Value", "Role"])
    for cell in ws[1]:
        cell.font = _BOLD
    ws.append(["Title", title])
    ws.append(["Date", when])
    if isinstance(when, date):
        ws["B3"].number_format = "d mmmm yyyy"
    for name, role in presenters:
        ws.append(["Presenter", name, role])
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 50
    return wb


def _narrative(wb: Workbook, sheet: str, title: str, bullets: Sequence[str | tuple[str]]) -> None:
    """A narrative sheet: A1 the title, a bullet per row (a 1-tuple is a sub-bullet, column B)."""
    ws = wb.create_sheet(sheet)
    ws["A1"] = title
    ws["A1"].font = _TITLE
    for row, bullet in enumerate(bullets, start=2):
        if isinstance(bullet, tuple):
            ws.cell(row, 2, bullet[0])
        else:
            ws.cell(row, 1, bullet)
    ws.column_dimensions["A"].width = 90


def _save(wb: Workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# --- a. Monthly report: Red / Amber / Target thresholds, no Current -------------------------

_RED_AMBER_BODY: Body = [
    "Contacts and Referrals",
    # NO., INDICATORS, GOOD PERF IS, Jun-16 .. Nov-16, DOT, RAG, Year End 2014/15,
    # Year End 2015/16, Red, Amber, Target, STAT NEIGH AVE, BEST STAT NEIGH, NAT AVE,
    # NAT TOP QTILE THRESHOLD
    ["1.1", "% of re-referrals within 12 months", "Low",
     P(0.262), P(0.248), P(0.231), P(0.219), P(0.224), P(0.236), "↓", "Amber",
     P(0.284), P(0.257), ">25%", "20%-25%", P(0.20, 0),
     P(0.221), P(0.148), P(0.22, 0), P(0.17, 0)],
    ["1.2", "% of referrals with a decision made within 1 working day", "High",
     P(0.941), P(0.955), P(0.962), P(0.948), P(0.970), P(0.983), "↑", "Green",
     P(0.874), P(0.912), "<90%", "90%-95%", P(0.95, 0), "n/a", "n/a", "n/a", "n/a"],
    "Assessment",
    ["2.1", "% of assessments completed within 45 working days", "High",
     P(0.712), P(0.745), P(0.768), P(0.731), P(0.702), P(0.740), "↑", "Amber",
     P(0.815), P(0.798), "<75%", "75%-85%", P(0.85, 0),
     P(0.842), P(0.951), P(0.83, 0), P(0.91, 0)],
    ["2.2", "% of children seen alone during their assessment", "High",
     P(0.702), P(0.718), P(0.731), P(0.744), P(0.761), P(0.750), "↓", "Amber",
     P(0.660), P(0.694), "<75%", "75%-80%", P(0.80, 0), "-", "-", "-", "-"],
    "Child Protection",
    ["3.1", "% of children becoming the subject of a child protection plan for a second or "
     "subsequent time", "Low",
     P(0.198), P(0.187), P(0.181), P(0.176), P(0.169), P(0.172), "↓", "Green",
     P(0.221), P(0.204), ">23%", "18%-23%", P(0.18, 0),
     P(0.176), P(0.112), P(0.179), P(0.14, 0)],
    ["3.2", "% of child protection cases reviewed within timescale", "High",
     P(0.912), P(0.928), P(0.917), P(0.935), P(0.931), P(0.931), "→", "Amber",
     P(0.889), P(0.902), "<90%", "90%-95%", P(0.95, 0),
     P(0.935), P(1.0, 0), P(0.937), P(0.98, 0)],
    "Looked After Children",
    ["4.1", "Number of looked after children", "n/a",
     N(412), N(418), N(425), N(431), N(436), N(441), None, None,
     N(382), N(407), "-", "-", "-", "-", "-", "-", "-"],
    ["4.2", "% of looked after children with 3 or more placements in the last 12 months", "Low",
     P(0.101), P(0.098), P(0.097), P(0.095), P(0.092), P(0.094), "↓", "Amber",
     P(0.118), P(0.104), ">11%", "9%-11%", P(0.09, 0),
     P(0.100), P(0.060), P(0.10, 0), P(0.08, 0)],
    ["4.3", "% of care leavers in suitable accommodation", "High",
     P(0.862), P(0.871), P(0.884), P(0.893), P(0.905), P(0.912), "↑", "Green",
     P(0.790), P(0.836), "<80%", "80%-90%", P(0.90, 0),
     P(0.845), P(0.950), P(0.83, 0), P(0.90, 0)],
]


def monthly_red_amber_target(path: Path) -> Path:
    """A monthly performance report: ``NO.`` | ``INDICATORS`` | ``GOOD PERF IS`` | six month
    columns as date cells | ``DOT`` | ``RAG`` | two year-end outturns | Red / Amber / Target under
    "Target and Tolerances" | four benchmarks. No Current column: the latest month is current."""
    wb = _workbook("Children and Young People's Services Performance: November 2016",
                   date(2016, 12, 13),
                   [("Cllr Morag Pennington", "Cabinet Member for Children and Young People"),
                    ("Idris Abernethy", "Strategic Director, Children and Young People")])
    ws = wb.create_sheet("Performance Report")
    _title(ws, 1, "Children and Young People's Services – Monthly Performance Report",
           "Performance to the end of November 2016 (provisional)")
    top = 4
    months = [datetime(2016, m, 1) for m in range(6, 12)]
    labels: list[Cellish] = ["NO.", "INDICATORS", "GOOD PERF IS", *months, "DOT", "RAG",
                             "Year End 2014/15", "Year End 2015/16"]
    for col, text in enumerate(labels, start=1):
        _head(ws, top, col, text, to_row=top + 1)
        if isinstance(text, datetime):
            ws.cell(top, col).number_format = "mmm-yy"
    targets = len(labels) + 1
    _head(ws, top, targets, "Target and Tolerances", to_col=targets + 2, group=True)
    for offset, text in enumerate(("Red", "Amber", "Target")):
        _head(ws, top + 1, targets + offset, text)
    benchmarks = ("STAT NEIGH AVE", "BEST STAT NEIGH", "NAT AVE", "NAT TOP QTILE THRESHOLD")
    for offset, text in enumerate(benchmarks, start=targets + 3):
        _head(ws, top, offset, text, to_row=top + 1)
    width = targets + 2 + len(benchmarks)
    row = _body(ws, top + 2, _RED_AMBER_BODY, width)
    _note(ws, row + 1, "Source: Liquidlogic Children's System, monthly performance extract, "
          "run 5 December 2016. Benchmarks: DfE Children in Need and SSDA903 returns 2015/16.")
    _note(ws, row + 2, "DOT: ↑ improved on the previous month, ↓ worse, → no change.")
    _widths(ws)
    _narrative(wb, "Headlines", "November headlines", [
        "Re-referrals rose for the second month; the front door audit reports in January.",
        "Assessment timeliness is still short of target:",
        ("two teams carrying vacancies; agency cover agreed to March",),
        "Care leavers in suitable accommodation are above target for the first time.",
    ])
    return _save(wb, path)


# --- b. Council plan: polarity and targets in words, quarters, no Current -------------------

_COUNCIL_PLAN_BODY: Body = [
    "Keeping children safe",
    # Ref, Measure, Good is, 2022/23 Outturn, Q1 .. Q3 2023/24, Target 2023/24, RAG
    ["CP01", "Number of children subject to a child protection plan", "Low",
     N(91), N(88), N(86), N(85), "Fewer than 85", "Red"],
    ["CP02", "% of re-referrals within 12 months", "Low",
     P(0.236), P(0.228), P(0.224), P(0.220), "Less than 22%", "Red"],
    ["CP03", "% of assessments completed within 45 days", "High",
     P(0.884), P(0.897), P(0.912), P(0.934), "90%+", "Green"],
    ["CP04", "% of child protection visits completed within timescale", "High",
     P(0.875), P(0.882), P(0.894), P(0.900), "At least 90%", "Green"],
    "Children in care",
    ["CP05", "Number of new foster carers approved (year to date)", "High",
     N(14), N(2), N(4), N(4), "More than 5", "Red"],
    ["CP06", "Number of children in care", "n/a",
     N(402), N(410), N(415), "-", "Measure for information", None],
    "Early help and SEND",
    ["CP07", "Number of early help assessments completed", None,
     "4,512", N(1164), N(1198), N(1236), "No target", None],
    ["CP08", "% of Education, Health and Care Plans issued within 20 weeks", "High",
     P(0.512), "55.0%", P(0.561), P(0.574), "60%+", "Red"],
]


def good_is_words(path: Path) -> Path:
    """A council plan's quarterly return: ``Ref`` | ``Measure`` | ``Good is`` | ``2022/23
    Outturn`` | three quarters | ``Target 2023/24`` written in words | ``RAG``. No Current."""
    wb = _workbook("Council Plan 2023/24: Quarter 3 Performance", "February 2024",
                   [("Cllr Ayesha Thornbury", "Lead Member for Children's Services"),
                    ("Gideon Marsh", "Director of Children's Services")])
    ws = wb.create_sheet("Council Plan")
    _title(ws, 1, "Council Plan 2023/24 – Quarter 3 performance report",
           "Priority: children and young people have the best start in life")
    group, top = 3, 4
    _head(ws, group, 1, "Measure", to_col=3, group=True)
    _head(ws, group, 4, "Last year", group=True)
    _head(ws, group, 5, "2023/24 performance", to_col=7, group=True)
    _head(ws, group, 8, "Target and rating", to_col=9, group=True)
    for col, text in enumerate(("Ref", "Measure", "Good is", "2022/23 Outturn", "Q1 2023/24",
                                "Q2 2023/24", "Q3 2023/24", "Target 2023/24", "RAG"), start=1):
        _head(ws, top, col, text)
    row = _body(ws, top + 1, _COUNCIL_PLAN_BODY, 9)
    _note(ws, row + 1, "Source: service performance returns, quarter 3 2023/24 (to 31 December "
          "2023). Figures for CP06 at quarter 3 were not available at the time of writing.")
    _widths(ws)
    ws.column_dimensions["H"].width = 24
    return _save(wb, path)


# --- c. and d. Two scorecards: floor standard and target, polarity H / L / T ----------------

_MONTHS_JUL_DEC = ["Jul-23", "Aug-23", "Sep-23", "Oct-23", "Nov-23", "Dec-23"]

_CSW_BODY: Body = [
    "Front Door",
    # Ref, Indicator Description, Polarity, Data Period, Floor Standard, Target, Tolerance,
    # Jul-23 .. Dec-23, Current, RAG, DOT, England, SN
    ["CS01", "% of re-referrals to Children's Social Work within 12 months", "L", "R12M",
     P(0.25, 0), P(0.20, 0), None,
     P(0.231), P(0.228), P(0.226), P(0.222), P(0.219), P(0.214), P(0.214), "Amber", "↑",
     P(0.22, 0), P(0.208)],
    "Assessment and Child Protection",
    ["CS02", "% of Single Assessments completed within 45 working days", "H", "MS",
     P(0.80, 0), P(0.90, 0), None,
     P(0.874), P(0.882), P(0.901), P(0.887), P(0.893), P(0.900), P(0.900), "Green", "↑",
     P(0.82, 0), P(0.856)],
    ["CS03", "% of children becoming subject to a child protection plan for the second or "
     "subsequent time", "L", "R12M", P(0.25, 0), P(0.175), None,
     P(0.232), P(0.238), P(0.241), P(0.246), P(0.249), P(0.250), P(0.250), "Amber", "↓",
     P(0.239), P(0.221)],
    ["CS04", "Average caseload of social workers in Children's Social Work Teams", "T", "MS",
     None, D(18, 0), D(2, 0),
     D(19.8), D(20.4), D(21.1), D(20.7), D(21.2), D(21.5), D(21.5), "Amber", "↓",
     D(16.3), D(17.1)],
    "Children in Care",
    ["CS05", "Number of children in care (excluding unaccompanied asylum seeking children)",
     None, "MS", "-", "-", None,
     N(1259), N(1266), N(1271), N(1275), N(1280), N(1284), N(1284), None, None, "-", "-"],
    ["CS06", "% of children in care with 3 or more placements in the last 12 months", "L",
     "R12M", P(0.12, 0), P(0.10, 0), None,
     P(0.118), P(0.121), P(0.124), P(0.127), P(0.129), P(0.131), P(0.131), "Red", "↓",
     P(0.10, 0), P(0.098)],
    ["CS07", "% of care leavers in education, employment or training", "H", "Q",
     P(0.55, 0), P(0.65, 0), None,
     None, None, P(0.612), None, None, P(0.587), P(0.587), "Amber", "↓",
     P(0.55, 0), P(0.572)],
]

_EARLY_HELP_BODY: Body = [
    "Early Help Units",
    ["EH01", "% of Early Help cases closed with outcomes achieved", "H", "R12M",
     P(0.75, 0), P(0.85, 0), None,
     P(0.842), P(0.848), P(0.851), P(0.855), P(0.859), P(0.861), P(0.861), "Green", "↑",
     "-", "-"],
    ["EH02", "% of Early Help cases stepped up to Children's Social Work", "L", "R12M",
     P(0.15, 0), P(0.10, 0), None,
     P(0.142), P(0.147), P(0.151), P(0.155), P(0.160), P(0.163), P(0.163), "Red", "↓",
     "-", "-"],
    ["EH03", "Number of families supported by Early Help Units (year to date)", "H", "YTD",
     N(2400), N(2800), None,
     N(1204), N(1498), N(1822), N(2136), N(2415), N(2703), "2,703", "Amber", "↑", "-", "-"],
    ["EH04", "% of Early Help assessments completed within 6 weeks", "H", "MS",
     P(0.80, 0), P(0.90, 0), None,
     P(0.812), P(0.798), P(0.784), P(0.776), P(0.781), P(0.772), P(0.772), "Red", "↓",
     "-", "-"],
]

_SCORECARD_WIDTH = 7 + len(_MONTHS_JUL_DEC) + 5


def _scorecard(ws: Worksheet, top: int, title: str, body: Body, source: str) -> int:
    """One scorecard from row ``top``: title, subtitle, group headers, headers, body, source
    note, key to the DOT arrows. Returns the row after the notes."""
    _title(ws, top, title, "Data to 31 December 2023")
    group, head = top + 2, top + 3
    first_month = 8
    current = first_month + len(_MONTHS_JUL_DEC)
    _head(ws, group, 1, "Indicator", to_col=4, group=True)
    _head(ws, group, 5, "Targets", to_col=7, group=True)
    _head(ws, group, first_month, "Monthly performance", to_col=current - 1, group=True)
    _head(ws, group, current, "Latest", to_col=current + 2, group=True)
    _head(ws, group, current + 3, "Benchmarks", to_col=current + 4, group=True)
    labels = ["Ref", "Indicator Description", "Polarity", "Data Period", "Floor Standard",
              "Target", "Tolerance", *_MONTHS_JUL_DEC, "Current", "RAG", "DOT", "England", "SN"]
    for col, text in enumerate(labels, start=1):
        _head(ws, head, col, text)
    row = _body(ws, head + 1, body, _SCORECARD_WIDTH)
    _note(ws, row, source)
    _note(ws, row + 1, "DOT (direction of travel): ↑ performance improved on the previous "
          "period, ↓ performance worsened, → no change.")
    return row + 2


_CSW_TITLE = "Children's Social Work Services Scorecard – December 2023"
_EH_TITLE = "Early Help Scorecard – December 2023"
_CSW_SOURCE = ("Source: Liberi case management system; England and SN: DfE Characteristics of "
               "children in need 2022/23.")
_EH_SOURCE = "Source: Early Help module, Liberi. No published benchmarks."
_KENT_DECK = ("Integrated Children's Services Scorecard: December 2023", date(2024, 1, 23),
              [("Cllr Rosalind Ashdown", "Cabinet Member for Integrated Children's Services"),
               ("Bartholomew Quayle", "Corporate Director, Children, Young People and "
                                      "Education")])


def kent_two_scorecards(path: Path) -> Path:
    """Two scorecards on two sheets: ``Ref`` | ``Indicator Description`` | ``Polarity`` (H, L,
    T) | ``Data Period`` | ``Floor Standard`` | ``Target`` | ``Tolerance`` (T rows) | six months
    as text | ``Current`` | ``RAG`` | ``DOT`` | ``England`` | ``SN``."""
    wb = _workbook(*_KENT_DECK)
    for sheet, title, body, source in (
            ("CSW Scorecard", _CSW_TITLE, _CSW_BODY, _CSW_SOURCE),
            ("Early Help Scorecard", _EH_TITLE, _EARLY_HELP_BODY, _EH_SOURCE)):
        ws = wb.create_sheet(sheet)
        _scorecard(ws, 1, title, body, source)
        _widths(ws)
    _narrative(wb, "Commentary", "What the scorecards tell us", [
        "Caseloads remain above the upper tolerance in three of four areas.",
        "Early Help step-ups to social work continue to rise.",
    ])
    return _save(wb, path)


def stacked_scorecards(path: Path) -> Path:
    """The two scorecards of ``kent_two_scorecards`` stacked on one sheet, each under its own
    title, blank rows between them."""
    wb = _workbook(*_KENT_DECK)
    ws = wb.create_sheet("Scorecards")
    row = _scorecard(ws, 1, _CSW_TITLE, _CSW_BODY, _CSW_SOURCE)
    _scorecard(ws, row + 2, _EH_TITLE, _EARLY_HELP_BODY, _EH_SOURCE)
    _widths(ws)
    return _save(wb, path)


# --- e. Quarterly return: one target, "Higher/Lower is better", Q4 not yet reported --------

_QUARTERLY_BODY: Body = [
    "Children's social care",
    # PI Ref, PI Description, Good performance is, 2022/23, Q1 .. Q4 23/24, Target, NAT AVE,
    # STAT NEIGH AVE
    ["CSC 001", "% of re-referrals within 12 months of a previous referral", "Lower is better",
     P(0.241), P(0.226), P(0.219), P(0.205), None, P(0.21, 0), P(0.214), P(0.198)],
    ["CSC 003", "% of assessments completed within 45 working days", "Higher is better",
     P(0.842), P(0.861), P(0.853), P(0.870), None, P(0.87, 0), P(0.821), P(0.857)],
    ["CSC 004", "Rate of children subject to a child protection plan per 10,000 children",
     "Lower is better", D(61.7), D(60.2), D(59.4), D(58.3), None, D(55.0), D(43.2), D(55.9)],
    ["CSC 005", "% of children becoming subject to a child protection plan for a second or "
     "subsequent time", "Lower is better",
     P(0.188), P(0.174), P(0.181), P(0.168), None, P(0.20, 0), P(0.235), P(0.212)],
    "Children in care",
    ["CSC 002", "Rate of children in care per 10,000 children", "Lower is better",
     D(104.2), D(101.3), D(99.8), D(98.6), None, D(95.0), D(71.0), D(97.3)],
    ["CSC 006", "Average number of days between a child entering care and moving in with its "
     "adoptive family", "Lower is better",
     "n/a", D(436, 0), D(421, 0), D(412, 0), None, D(426, 0), D(480, 0), "-"],
    ["CSC 007", "% of care leavers aged 19-21 in education, employment or training",
     "Higher is better",
     P(0.538), P(0.511), P(0.526), P(0.520), None, P(0.55, 0), P(0.55, 0), P(0.567)],
    ["CSC 008", "% of children in care with 3 or more placements during the year",
     "Lower is better",
     P(0.117), P(0.112), P(0.109), P(0.105), None, P(0.10, 0), P(0.10, 0), P(0.094)],
]


def quarterly_single_targets(path: Path) -> Path:
    """A quarterly return: ``PI Ref`` | ``PI Description`` | ``Good performance is`` |
    ``2022/23`` | ``Q1 23/24`` .. ``Q4 23/24`` (Q4 empty) | ``Target`` | ``NAT AVE`` |
    ``STAT NEIGH AVE``."""
    wb = _workbook("Children and Young People Scrutiny: Quarter 3 2023/24", date(2024, 2, 6),
                   [("Juniper Calloway", "Assistant Director, Children's Services")])
    ws = wb.create_sheet("Quarterly")
    _title(ws, 1, "Children and Young People – Quarterly Performance Indicators",
           "Quarter 3 2023/24 (October to December 2023)")
    group, top = 3, 4
    _head(ws, group, 1, "Indicator", to_col=3, group=True)
    _head(ws, group, 5, "Quarterly performance", to_col=8, group=True)
    _head(ws, group, 10, "Benchmarks", to_col=11, group=True)
    for col, text in enumerate(("PI Ref", "PI Description", "Good performance is", "2022/23",
                                "Q1 23/24", "Q2 23/24", "Q3 23/24", "Q4 23/24", "Target",
                                "NAT AVE", "STAT NEIGH AVE"), start=1):
        _head(ws, top, col, text)
    row = _body(ws, top + 1, _QUARTERLY_BODY, 11, merge_sections=False)
    _note(ws, row + 1, "Source: local performance system; NAT AVE and STAT NEIGH AVE from the "
          "DfE LAIT tool, latest published year.")
    _widths(ws)
    return _save(wb, path)


# --- f. Target and tolerance ----------------------------------------------------------------

_TOLERANCE_BODY: Body = [
    "Children's Social Care",
    # PI, Indicator, Polarity, Sep 23 .. Feb 24, Current, Target, Tolerance, RAG
    ["CY01", "% of referrals that are re-referrals within 12 months", "Lower is better",
     P(0.192), P(0.188), P(0.201), P(0.195), P(0.186), P(0.183), P(0.183),
     P(0.16, 0), P(0.02, 0), "Red"],
    ["CY02", "% of assessments completed within 45 working days", "Higher is better",
     P(0.861), P(0.874), P(0.869), P(0.881), P(0.877), P(0.884), P(0.884),
     P(0.90, 0), P(0.02, 0), "Amber"],
    ["CY03", "% of child protection plans lasting two years or more", "Lower is better",
     P(0.041), P(0.044), P(0.047), P(0.052), P(0.049), P(0.050), P(0.050),
     P(0.03, 0), P(0.02, 0), "Amber"],
    ["CY06", "Number of children subject to a child protection plan", "Lower is better",
     N(214), N(209), N(205), N(201), "n/a", N(198), N(198), N(210), N(5), "Green"],
    "Children in Care",
    ["CY04", "Number of children looked after", "Lower is better",
     N(248), N(251), N(255), N(259), N(254), N(256), N(256), N(240), "10%", "Amber"],
    ["CY05", "Number of approved in-house foster carers", "Higher is better",
     N(121), N(120), N(118), N(117), N(116), N(115), N(115), N(130), "±10%", "Red"],
    ["CY07", "% of care leavers in suitable accommodation", "Higher is better",
     P(0.842), P(0.831), P(0.826), P(0.818), P(0.812), P(0.805), P(0.805),
     P(0.90, 0), "10%", "Red"],
    ["CY08", "% of children in care visited within statutory timescales", "Higher is better",
     P(0.951), P(0.948), P(0.957), P(0.949), P(0.958), P(0.962), P(0.962),
     P(0.95, 0), P(0.05, 0), "Green"],
]


def target_tolerance(path: Path) -> Path:
    """Targets with tolerances: ``PI`` | ``Indicator`` | ``Polarity`` | six months as text |
    ``Current`` | ``Target`` | ``Tolerance`` (absolute in the row's unit, or relative as text
    "10%" / "±10%") | ``RAG``."""
    wb = _workbook("Children's Services Performance Board: February 2024", "March 2024",
                   [("Perpetua Olawale", "Head of Performance and Intelligence")])
    ws = wb.create_sheet("KPIs")
    _title(ws, 1, "Children's Services Key Performance Indicators",
           "February 2024. Tolerance: how far short of target is still amber.")
    top = 3
    months = ["Sep 23", "Oct 23", "Nov 23", "Dec 23", "Jan 24", "Feb 24"]
    for col, text in enumerate(("PI", "Indicator", "Polarity", *months, "Current", "Target",
                                "Tolerance", "RAG"), start=1):
        _head(ws, top, col, text)
    row = _body(ws, top + 1, _TOLERANCE_BODY, 13)
    _note(ws, row + 1, "Source: Mosaic monthly extract, 4 March 2024.")
    _widths(ws)
    _narrative(wb, "Summary", "February at a glance", [
        "Fewer children on a child protection plan than target for the first time this year.",
        "Foster carer numbers continue to fall: recruitment campaign launches in April.",
    ])
    return _save(wb, path)


# --- g. Outturn years side by side, then quarters -------------------------------------------

_OUTTURN_BODY: Body = [
    "Children's social care",
    # ID, Indicator, 2019/20 .. 2022/23, Qtr 1 .. Qtr 3 2023-24, Target, Good is
    ["CS1", "% of referrals that are re-referrals within 12 months",
     P(0.198), P(0.176), P(0.189), P(0.204), P(0.195), P(0.187), P(0.181), P(0.18, 0),
     "Smaller is better"],
    ["CS2", "% of single assessments completed within 45 working days",
     P(0.870), P(0.893), P(0.905), P(0.912), P(0.921), P(0.928), P(0.934), P(0.90, 0),
     "Bigger is better"],
    ["CS4", "% of children becoming subject to a child protection plan for a second or "
     "subsequent time",
     P(0.221), P(0.187), P(0.213), P(0.224), P(0.216), P(0.209), P(0.200), P(0.20, 0),
     "Smaller is better"],
    ["CS6", "Average caseload per social worker",
     D(18.9), D(17.2), D(18.1), D(17.8), D(17.1), D(16.8), D(16.4), D(17.0),
     "Smaller is better"],
    "Children looked after and care leavers",
    ["CS3", "Number of children looked after",
     N(182), N(176), N(174), N(171), N(170), N(166), N(168), None, "Context"],
    ["CS5", "% of care leavers aged 19-21 in education, employment or training",
     P(0.512), P(0.488), P(0.534), P(0.556), P(0.571), P(0.583), "-", P(0.60, 0),
     "Bigger is better"],
    "SEND",
    ["CS7", "% of EHC plans issued within 20 weeks (excluding exceptions)",
     "n/a", P(0.412), P(0.503), P(0.588), P(0.611), P(0.627), P(0.642), P(0.60, 0),
     "Bigger is better"],
]


def outturn_years_quarters(path: Path) -> Path:
    """A scorecard with four outturn years, then quarters: ``ID`` | ``Indicator`` |
    ``2019/20`` .. ``2022/23`` | ``Qtr 1 2023-24`` .. ``Qtr 3 2023-24`` | ``Target`` |
    ``Good is``. The latest outturn is the previous year."""
    wb = _workbook("People Services Scorecard: Quarter 3 2023-24", date(2024, 3, 5),
                   [("Cllr Florian Dunmore", "Portfolio Holder for Children's Services"),
                    ("Saoirse Whitlock", "Director of Children's Services")])
    ws = wb.create_sheet("Scorecard")
    _title(ws, 1, "People Services – Corporate Scorecard, Quarter 3 2023-24")
    group, top = 3, 4
    _head(ws, group, 1, "Indicator", to_col=2, group=True)
    _head(ws, group, 3, "Outturn", to_col=6, group=True)
    _head(ws, group, 7, "In-year performance", to_col=9, group=True)
    _head(ws, group, 10, "Target", to_col=11, group=True)
    for col, text in enumerate(("ID", "Indicator", "2019/20", "2020/21", "2021/22", "2022/23",
                                "Qtr 1 2023-24", "Qtr 2 2023-24", "Qtr 3 2023-24", "Target",
                                "Good is"), start=1):
        _head(ws, top, col, text)
    row = _body(ws, top + 1, _OUTTURN_BODY, 11)
    _note(ws, row + 1, "Source: Children's Services performance team; Qtr 3 figure for CS5 "
          "not yet available (annual cohort survey).")
    _widths(ws)
    return _save(wb, path)


# --- h. The seed's layout, with the variations real copies of it have -----------------------

_MESSY_MONTHS = ["Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19", "Mar 19"]
_MERGED_MIN = ("2.1", "2.2")
_HIDDEN = ("3.2",)

_MESSY_BODY: Body = [
    "Contacts and referrals",
    # Ref, Performance Measure, 2017/18, Num, Denom, Current, Period, Oct 18 .. Mar 19, Min,
    # Upper, Trend, Eng 2017/18, Statisitcal neighbours
    ["1.1", "% of contacts with a decision within 1 working day", P(0.912), N(1842), N(1897),
     P(0.971), "YTD", P(0.955), P(0.962), P(0.949), P(0.958), P(0.966), P(0.971),
     P(0.90, 0), P(0.95, 0), None, P(0.882), P(0.874)],
    ["1.2", "% of referrals that are re-referrals within 12 months", P(0.248), N(113), N(500),
     P(0.226), "Snapshot", P(0.241), P(0.236), P(0.233), P(0.229), P(0.231), P(0.226),
     P(0.25, 0), P(0.20, 0), None, P(0.22, 0), P(0.215)],
    "Assessments",
    ["2.1", "% of assessments completed within 45 working days", P(0.812), N(412), N(468),
     P(0.880), "YTD", P(0.852), P(0.861), P(0.868), P(0.874), P(0.877), P(0.880),
     P(0.85, 0), P(0.90, 0), None, P(0.83, 0), P(0.845)],
    ["2.2", "% of assessments authorised within 5 working days of completion", P(0.794),
     N(436), N(500), P(0.872), "Snapshot", P(0.843), P(0.851), P(0.866), P(0.858), P(0.869),
     P(0.872), None, P(0.90, 0), None, "-", "-"],
    "Child protection",
    ["3.1", "Number of children subject to a child protection plan", N(301), "n/a", "n/a",
     N(287), "Snapshot", N(295), N(291), N(302), N(296), N(290), N(287), None, None, None,
     "-", "-"],
    ["3.2", "% of initial child protection conferences held within 15 working days", P(0.701),
     N(58), N(74), P(0.784), "YTD", P(0.742), P(0.755), P(0.761), P(0.770), P(0.779),
     P(0.784), P(0.85, 0), P(0.90, 0), None, P(0.775), P(0.790)],
    ["3.3", "% of child protection visits within 10 working days", P(0.856), N(248), N(281),
     P(0.883), "Snapshot", P(0.871), P(0.866), P(0.879), P(0.874), P(0.881), P(0.883),
     P(0.90, 0), P(0.95, 0), None, "-", "-"],
    "Children looked after",
    ["4.1", "Number of children looked after", N(342), "n/a", "n/a", N(356), "Snapshot",
     N(348), N(351), "-", N(354), N(352), N(356), None, None, None, "-", "-"],
    ["4.2", "% of children looked after with an up to date health assessment", P(0.902),
     N(361), N(380), P(0.950), "Snapshot", P(0.921), P(0.934), P(0.938), P(0.941), P(0.947),
     P(0.950), P(0.90, 0), P(0.95, 0), None, P(0.89, 0), P(0.902)],
]


def messy_variants(path: Path) -> Path:
    """The seed's layout (Ref / Performance Measure / 2017/18 / Num / Denom / Current / Period /
    months / Min / Upper / Trend) as copies of it turn up: a misspelt ``Statisitcal
    neighbours`` header, an ``Eng 2017/18`` column, one Min merged down over two rows (2.1 and
    2.2) and one hidden indicator row (3.2)."""
    wb = _workbook("Children's Social Care Improvement Board: April 2019", "April 2019",
                   [("Hermione Vasquez-Reid", "Director of Children's Social Care")])
    ws = wb.create_sheet("KPIs")
    _title(ws, 1, "Children's Social Care Highlight Indicators",
           "Summary of the KPIs used to track the improvement plan")
    group, head, sub, months = 3, 4, 5, 6
    first_month = 8
    target_min = first_month + len(_MESSY_MONTHS)
    upper, trend = target_min + 1, target_min + 2
    _head(ws, group, 1, "Performance measure title and reference", to_col=2, group=True)
    _head(ws, group, 3, "Previous financial year", group=True)
    _head(ws, group, 4, "Performance for current period plus last six monthly outturns",
          to_col=target_min - 1, group=True)
    _head(ws, group, target_min, "Agreed targets", to_col=upper, group=True)
    _head(ws, group, trend, "Trend line", group=True)
    _head(ws, group, trend + 1, "Comparators", to_col=trend + 2, group=True)
    _head(ws, head, 1, "Ref", to_row=months)
    _head(ws, head, 2, "Performance Measure", to_row=months)
    _head(ws, head, 3, "2017/18", to_row=months)
    _head(ws, head, 4, "Current Performance", to_col=target_min - 1)
    _head(ws, head, target_min, "Target", to_col=upper)
    _head(ws, head, trend, "Trend", to_row=months)
    _head(ws, head, trend + 1, "Eng 2017/18", to_row=months)
    _head(ws, head, trend + 2, "Statisitcal neighbours", to_row=months)
    for col, text in ((4, "Num"), (5, "Denom"), (6, "Current"), (7, "Period"),
                      (target_min, "Min"), (upper, "Upper")):
        _head(ws, sub, col, text, to_row=months)
    _head(ws, sub, first_month, "Six Month Trend", to_col=target_min - 1)
    for offset, label in enumerate(_MESSY_MONTHS):
        _head(ws, months, first_month + offset, label)
    start = months + 1
    row = _body(ws, start, _MESSY_BODY, trend + 2, hidden=_HIDDEN)
    rows = {item[0]: start + i for i, item in enumerate(_MESSY_BODY) if not isinstance(item, str)}
    ws.merge_cells(start_row=rows[_MERGED_MIN[0]], start_column=target_min,
                   end_row=rows[_MERGED_MIN[1]], end_column=target_min)
    _note(ws, row + 1, "Source: case management system, month-end snapshots; Eng and "
          "statistical neighbours from the DfE 2017/18 returns.")
    _widths(ws)
    _narrative(wb, "Progress", "Improvement progress in March", [
        "Assessment timeliness has improved for six months running.",
        "Child protection visits remain below the minimum target.",
    ])
    return _save(wb, path)


BUILDERS: dict[str, Callable[[Path], Path]] = {
    builder.__name__: builder for builder in (
        monthly_red_amber_target, good_is_words, kent_two_scorecards, stacked_scorecards,
        quarterly_single_targets, target_tolerance, outturn_years_quarters, messy_variants)
}
"""Every builder, by name (the keys of ``EXPECTED``)."""


# --- How each workbook must be read ---------------------------------------------------------


def _ind(measure: str, current: float | None, display: str | None, rag: str | None,
         polarity: str | None, rag_model: str, previous_year: float | None,
         **extra: object) -> dict[str, object]:
    return {"measure": measure, "current": current, "display": display, "rag": rag,
            "polarity": polarity, "rag_model": rag_model, "previous_year": previous_year,
            "table": 1, **extra}


def _workbook_facts(period: str, tables: int) -> dict[str, dict[str, object]]:
    return {"_period": {"value": period}, "_tables": {"value": tables}}


_KENT: dict[str, dict[str, object]] = {
    **_workbook_facts("2023-12", 2),
    # lower: green at or below 20%, amber at or below the 25% floor; 21.4 is between
    "CS01": _ind("% of re-referrals", 21.4, "21.4%", "amber", "lower", "floor-target", None,
                 council_rag="Amber"),
    # BOUNDARY: 90.0% exactly at the 90% target: green
    "CS02": _ind("% of Single Assessments", 90.0, "90.0%", "green", "higher", "floor-target",
                 None, council_rag="Green"),
    # BOUNDARY: 25.0% exactly at the 25% floor (lower is better): amber, not red
    "CS03": _ind("% of children becoming subject", 25.0, "25.0%", "amber", "lower",
                 "floor-target", None, council_rag="Amber"),
    # two-sided: target 18, tolerance 2; 21.5 is 3.5 away: beyond 2, within 2 x 2 = 4: amber
    "CS04": _ind("Average caseload", 21.5, "21.5", "amber", None, "two-sided", None,
                 council_rag="Amber"),
    "CS05": _ind("Number of children in care", 1284, "1,284", None, None, "none", None,
                 council_rag=None),
    # lower: 13.1% is beyond the 12% floor: red
    "CS06": _ind("% of children in care with 3", 13.1, "13.1%", "red", "lower", "floor-target",
                 None, council_rag="Red"),
    # quarterly figures in a monthly table: 58.7% between the 55% floor and the 65% target
    "CS07": _ind("% of care leavers", 58.7, "58.7%", "amber", "higher", "floor-target", None,
                 council_rag="Amber"),
    "EH01": _ind("% of Early Help cases closed", 86.1, "86.1%", "green", "higher",
                 "floor-target", None, council_rag="Green", table=2),
    # lower: 16.3% beyond the 15% floor: red
    "EH02": _ind("% of Early Help cases stepped up", 16.3, "16.3%", "red", "lower",
                 "floor-target", None, council_rag="Red", table=2),
    # Current written as text "2,703": between the 2,400 floor and the 2,800 target
    "EH03": _ind("Number of families supported", 2703, "2,703", "amber", "higher",
                 "floor-target", None, council_rag="Amber", table=2),
    "EH04": _ind("% of Early Help assessments", 77.2, "77.2%", "red", "higher", "floor-target",
                 None, council_rag="Red", table=2),
}

EXPECTED: dict[str, dict[str, dict[str, object]]] = {
    "monthly_red_amber_target": {
        **_workbook_facts("2016-11", 1),
        # Red ">25%", Amber "20%-25%", Target 20% (Low): 23.6 is in the amber range
        "1.1": _ind("% of re-referrals", 23.6, "23.6%", "amber", "lower", "thresholds", 25.7,
                    council_rag="Amber"),
        "1.2": _ind("% of referrals with a decision", 98.3, "98.3%", "green", "higher",
                    "thresholds", 91.2, council_rag="Green"),
        # THE DISAGREEING ROW: 74.0% is under Red "<75%", so red; the council wrote "Amber"
        "2.1": _ind("% of assessments completed", 74.0, "74.0%", "red", "higher", "thresholds",
                    79.8, council_rag="Amber"),
        # BOUNDARY: 75.0% is not "<75%" (strict) and is in Amber "75%-80%": amber
        "2.2": _ind("% of children seen alone", 75.0, "75.0%", "amber", "higher", "thresholds",
                    69.4, council_rag="Amber"),
        # Low: 17.2% is below the 18% target: green
        "3.1": _ind("% of children becoming the subject", 17.2, "17.2%", "green", "lower",
                    "thresholds", 20.4, council_rag="Green"),
        "3.2": _ind("% of child protection cases reviewed", 93.1, "93.1%", "amber", "higher",
                    "thresholds", 90.2, council_rag="Amber"),
        # GOOD PERF IS "n/a", targets "-": data only
        "4.1": _ind("Number of looked after children", 441, "441", None, None, "none", 407,
                    council_rag=None),
        # Low: Red ">11%", Amber "9%-11%", Target 9%: 9.4 is amber
        "4.2": _ind("% of looked after children with 3", 9.4, "9.4%", "amber", "lower",
                    "thresholds", 10.4, council_rag="Amber"),
        "4.3": _ind("% of care leavers", 91.2, "91.2%", "green", "higher", "thresholds", 83.6,
                    council_rag="Green"),
    },
    "good_is_words": {
        **_workbook_facts("2023-Q3", 1),
        # BOUNDARY (strict): 85 is not "Fewer than 85": red
        "CP01": _ind("Number of children subject", 85, "85", "red", "lower", "single-target", 91,
                     council_rag="Red"),
        # BOUNDARY (strict): 22.0% is not "Less than 22%": red
        "CP02": _ind("% of re-referrals", 22.0, "22.0%", "red", "lower", "single-target", 23.6,
                     council_rag="Red"),
        "CP03": _ind("% of assessments completed", 93.4, "93.4%", "green", "higher",
                     "single-target", 88.4, council_rag="Green"),
        # BOUNDARY (not strict): 90.0% is "At least 90%": green
        "CP04": _ind("% of child protection visits", 90.0, "90.0%", "green", "higher",
                     "single-target", 87.5, council_rag="Green"),
        # 4 is not "More than 5": red
        "CP05": _ind("Number of new foster carers", 4, "4", "red", "higher", "single-target", 14,
                     council_rag="Red"),
        # Q3 is "-": Current is the latest figure given, Q2's 415; "Measure for information"
        "CP06": _ind("Number of children in care", 415, "415", None, None, "none", 402,
                     council_rag=None),
        # outturn written as text "4,512"; "No target"
        "CP07": _ind("Number of early help assessments", 1236, "1,236", None, None, "none", 4512,
                     council_rag=None),
        "CP08": _ind("% of Education, Health and Care Plans", 57.4, "57.4%", "red", "higher",
                     "single-target", 51.2, council_rag="Red"),
    },
    "kent_two_scorecards": _KENT,
    "stacked_scorecards": {key: dict(value) for key, value in _KENT.items()},
    "quarterly_single_targets": {
        **_workbook_facts("2023-Q3", 1),
        # Q4 is empty in every row: Current is Q3
        "CSC 001": _ind("% of re-referrals", 20.5, "20.5%", "green", "lower", "single-target",
                        24.1),
        # BOUNDARY: 87.0% exactly at the 87% target: green
        "CSC 003": _ind("% of assessments completed", 87.0, "87.0%", "green", "higher",
                        "single-target", 84.2),
        "CSC 004": _ind("Rate of children subject", 58.3, "58.3", "red", "lower",
                        "single-target", 61.7),
        "CSC 005": _ind("% of children becoming subject", 16.8, "16.8%", "green", "lower",
                        "single-target", 18.8),
        "CSC 002": _ind("Rate of children in care", 98.6, "98.6", "red", "lower",
                        "single-target", 104.2),
        # 2022/23 is "n/a": no previous year
        "CSC 006": _ind("Average number of days", 412, "412", "green", "lower", "single-target",
                        None),
        "CSC 007": _ind("% of care leavers", 52.0, "52.0%", "red", "higher", "single-target",
                        53.8),
        "CSC 008": _ind("% of children in care with 3", 10.5, "10.5%", "red", "lower",
                        "single-target", 11.7),
    },
    "target_tolerance": {
        **_workbook_facts("2024-02", 1),
        # lower, target 16%, tolerance 2 points (0.02 with a % format: absolute): amber up to
        # 18.0%; 18.3% is beyond: red
        "CY01": _ind("% of referrals that are re-referrals", 18.3, "18.3%", "red", "lower",
                     "tolerance", None, council_rag="Red"),
        # higher, target 90%, tolerance 2 points: amber down to 88.0%
        "CY02": _ind("% of assessments completed", 88.4, "88.4%", "amber", "higher",
                     "tolerance", None, council_rag="Amber"),
        # BOUNDARY: lower, target 3%, tolerance 2 points; 5.0% is short by exactly 2: amber
        "CY03": _ind("% of child protection plans lasting", 5.0, "5.0%", "amber", "lower",
                     "tolerance", None, council_rag="Amber"),
        # lower, target 210, tolerance 5: 198 is at or below the target: green
        "CY06": _ind("Number of children subject", 198, "198", "green", "lower", "tolerance",
                     None, council_rag="Green"),
        # lower, target 240, relative "10%" = 24: amber up to 264; 256 is amber
        "CY04": _ind("Number of children looked after", 256, "256", "amber", "lower",
                     "tolerance", None, council_rag="Amber"),
        # higher, target 130, relative "±10%" = 13: amber down to 117; 115 is red
        "CY05": _ind("Number of approved in-house foster carers", 115, "115", "red", "higher",
                     "tolerance", None, council_rag="Red"),
        # RELATIVE vs ABSOLUTE: text "10%" is relative, 10% of the 90% target = 9 points, so
        # amber down to 81.0%; 80.5% is red (as 10 absolute points it would be amber)
        "CY07": _ind("% of care leavers", 80.5, "80.5%", "red", "higher", "tolerance", None,
                     council_rag="Red"),
        "CY08": _ind("% of children in care visited", 96.2, "96.2%", "green", "higher",
                     "tolerance", None, council_rag="Green"),
    },
    "outturn_years_quarters": {
        **_workbook_facts("2023-Q3", 1),
        # the previous year is the latest outturn, 2022/23
        "CS1": _ind("% of referrals that are re-referrals", 18.1, "18.1%", "red", "lower",
                    "single-target", 20.4),
        "CS2": _ind("% of single assessments", 93.4, "93.4%", "green", "higher",
                    "single-target", 91.2),
        # BOUNDARY: 20.0% exactly at the 20% target, smaller is better: green
        "CS4": _ind("% of children becoming subject", 20.0, "20.0%", "green", "lower",
                    "single-target", 22.4),
        "CS6": _ind("Average caseload", 16.4, "16.4", "green", "lower", "single-target", 17.8),
        # Good is "Context", no target: data only
        "CS3": _ind("Number of children looked after", 168, "168", None, None, "none", 171),
        # Qtr 3 is "-": Current is Qtr 2's 58.3%, short of 60%: red
        "CS5": _ind("% of care leavers", 58.3, "58.3%", "red", "higher", "single-target", 55.6),
        "CS7": _ind("% of EHC plans", 64.2, "64.2%", "green", "higher", "single-target", 58.8),
    },
    "messy_variants": {
        **_workbook_facts("2019-03", 1),
        "1.1": _ind("% of contacts with a decision", 97.1, "97.1%", "green", "higher",
                    "min-upper", 91.2),
        # Min 25% > Upper 20%: lower is better; 22.6 between them: amber
        "1.2": _ind("% of referrals that are re-referrals", 22.6, "22.6%", "amber", "lower",
                    "min-upper", 24.8),
        # Min 85% merged over 2.1 and 2.2
        "2.1": _ind("% of assessments completed", 88.0, "88.0%", "amber", "higher", "min-upper",
                    81.2),
        # amber only if the merged Min reaches this row (Upper alone would make it red)
        "2.2": _ind("% of assessments authorised", 87.2, "87.2%", "amber", "higher",
                    "min-upper", 79.4),
        "3.1": _ind("Number of children subject", 287, "287", None, None, "none", 301),
        # 3.2 is on a hidden row: not an indicator
        "3.3": _ind("% of child protection visits", 88.3, "88.3%", "red", "higher", "min-upper",
                    85.6),
        "4.1": _ind("Number of children looked after", 356, "356", None, None, "none", 342),
        # BOUNDARY: 95.0% exactly at Upper 95%: green
        "4.2": _ind("% of children looked after with", 95.0, "95.0%", "green", "higher",
                    "min-upper", 90.2),
    },
}
"""Builder name → ref → how ``reportgen check --json`` must read that indicator (``current``
and ``previous_year`` in percent points for percentages; ``table``, the scorecard it is in,
1-based; ``council_rag`` where the workbook has a RAG column); and per workbook ``_period``
(``{"value": "2023-12"}``, quarters as ``"2023-Q3"``: Q3 of 2023/24) and ``_tables``
(``{"value": number of scorecards}``). Worked out by hand from design.md §3."""

HIDDEN = {"messy_variants": _HIDDEN}
"""Refs on hidden rows, which must not be read as indicators."""

MERGED_MIN = {"messy_variants": (_MERGED_MIN, 85.0)}
"""Refs sharing one Min cell merged down over their rows, and that Min in percent points."""

MISSPELT_COMPARATOR = {"messy_variants": ("Statisitcal neighbours", "1.1", 87.4)}
"""The misspelt comparator header, a ref, and that row's figure under it in percent points."""

DISAGREEING_RAG = {"monthly_red_amber_target": ("2.1", "Amber", "red")}
"""The row whose council RAG disagrees with the rules: ref, the council's, reportgen's."""


def indicators(name: str) -> dict[str, dict[str, object]]:
    """The expected readings of a workbook's indicators, in workbook order."""
    return {ref: reading for ref, reading in EXPECTED[name].items() if not ref.startswith("_")}


def period(name: str) -> str:
    return str(EXPECTED[name]["_period"]["value"])


def tables(name: str) -> int:
    value = EXPECTED[name]["_tables"]["value"]
    assert isinstance(value, int)
    return value
