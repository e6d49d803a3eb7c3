"""Write the sample workbook: the March 2019 cabinet update's February 2019 figures and narrative.

Run from the repository root: ``python scripts/make_sample.py`` rewrites
inputs/sample-2019-03.xlsx.
Percentages are stored as Excel stores them (fractions with a % format), counts as numbers with
thousands separators, placeholders as the seed shows them.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from reportgen.ingest.writer import (
    Deck,
    SheetCell,
    SheetNarrative,
    SheetRow,
    SheetSection,
    SheetTable,
    Value,
    WorkbookSpec,
    count,
    decimal,
    pct,
    write_workbook,
)
from reportgen.model import Paragraph, Presenter, TextRun

SAMPLE = Path("inputs/sample-2019-03.xlsx")
MONTHS = ["Sep 18", "Oct 18", "Nov 18", "Dec 18", "Jan 19", "Feb 19"]


def percent_row(ref: str, measure: str, previous: str, num: int, denom: int, current: float,
                period: str, months: list[float], low: float, high: float) -> SheetRow:
    """A percentage measure; ``previous`` as the seed prints it ("96%", "62.3%" or "")."""
    prev: Value = None
    if previous:
        decimals = len(previous.rstrip("%").split(".")[1]) if "." in previous else 0
        prev = pct(float(previous.rstrip("%")) / 100, decimals)
    return SheetRow(ref, measure, prev, count(num), count(denom), pct(current / 100), period,
                    [pct(m / 100) for m in months], pct(low / 100, 0), pct(high / 100, 0))


def cohort_row(ref: str, measure: str, previous: int, current: int, months: list[int]) -> SheetRow:
    return SheetRow(ref, measure, count(previous), "n/a", "n/a", count(current), "Snapshot",
                    [count(m) for m in months])


SECTIONS = [
    SheetSection("Management Oversight", [
        percent_row("1.1", "% cases with Management Oversight recorded in past 8 weeks", "96%",
                    2995, 3063, 97.8, "Snapshot", [96.5, 94.4, 96.8, 91.1, 96.7, 97.8], 90, 95),
    ]),
    SheetSection("Cohorts", [
        cohort_row("1.2", "Number of CIN (exc. LAC, CP, Care Leavers)", 1034, 1020,
                   [981, 997, 999, 1097, 1084, 1020]),
        cohort_row("1.3", "Number of children subject to CPP", 292, 304,
                   [274, 277, 269, 258, 274, 304]),
        cohort_row("1.4", "Number of LAC", 290, 335, [311, 322, 353, 335, 338, 335]),
    ]),
    SheetSection("Front door / assessment", [
        percent_row("2.1", "% of contacts completed within 1 day", "62.3%", 13140, 13525, 97.2,
                    "YTD", [97.3, 98.3, 97.5, 97.0, 97.3, 97.0], 90, 95),
        percent_row("2.10", "% of assessments completed within 45 working days", "72.7%", 4381,
                    4797, 91.3, "YTD", [92.7, 95.0, 92.2, 75.4, 87.7, 89.4], 90, 95),
    ]),
    SheetSection("Plans", [
        percent_row("3.1", "% of children in need with CIN Plan completed", "86.1%", 908, 1020,
                    89.0, "Snapshot", [87.3, 85.1, 88.0, 83.3, 86.5, 89.0], 90, 95),
    ]),
    SheetSection("Visits", [
        percent_row("3.3a", "% of CIN children visited within the past four weeks (incl. CWD)",
                    "83.7%", 890, 1020, 87.3, "Snapshot", [71.5, 80.7, 81.5, 78.5, 86.5, 87.3],
                    90, 95),
        percent_row("4.6", "% children on a child protection plan receiving a visit within the "
                    "past four weeks", "94.9%", 287, 304, 94.4, "Snapshot",
                    [94.2, 94.3, 94.8, 93.4, 96.4, 94.4], 90, 95),
        percent_row("5.10", "% of LAC Single Assessments not yet completed or out of the one "
                    "year timescale", "", 10, 335, 3.0, "Snapshot",
                    [43.1, 3.7, 0.6, 3.9, 4.1, 3.0], 15, 10),
        percent_row("5.11", "% of LAC with visits in last 6 weeks (LAC < 12 months)", "90.9%",
                    141, 150, 94.0, "Snapshot", [93.0, 85.6, 84.5, 92.5, 95.5, 94.0], 90, 95),
        percent_row("5.12", "% of LAC with visits in last 13 weeks (LAC > 12 months)", "100.0%",
                    181, 181, 100.0, "Snapshot", [100.0, 100.0, 99.5, 100.0, 99.4, 100.0],
                    90, 95),
    ]),
    SheetSection("Reviews", [
        percent_row("3.2", "% of children with CIN Plan with reviews within last 6 months",
                    "93.8%", 892, 908, 98.2, "Snapshot", [94.5, 96.9, 98.2, 94.7, 98.4, 98.2],
                    90, 95),
        percent_row("4.7", "% of CP reviews carried out within statutory timescales", "96.3%",
                    199, 200, 99.3, "Snapshot", [98.0, 99.0, 99.5, 99.4, 99.5, 99.5], 95, 98),
        percent_row("5.18", "CIA cases which were reviewed within required timescales", "81.1%",
                    316, 325, 97.2, "Rolling Year", [91.0, 91.3, 91.3, 98.8, 98.7, 97.2],
                    95, 100),
    ]),
    SheetSection("Care Leavers", [
        percent_row("6.1", '% care leavers "in touch" (17,18,19,20,21 yr. olds with activity '
                    "updated within last year)", "96.8%", 245, 264, 92.8, "Snapshot",
                    [90.0, 92.9, 93.4, 88.7, 97.3, 92.8], 90, 95),
        percent_row("6.2", "% care leavers EET", "67.6%", 175, 264, 66.3, "Snapshot",
                    [57.6, 59.9, 65.1, 62.7, 69.0, 66.3], 65, 75),
        percent_row("6.3D", "% care leavers in suitable accommodation", "91.0%", 231, 264, 87.3,
                    "Snapshot", [80.3, 82.5, 87.8, 82.0, 91.9, 87.5], 91, 91),
    ]),
    SheetSection("Audit Activity", [
        SheetRow("11.13", "Overall audit quality score (lower is better)", None, count(64),
                 count(29), decimal(2.5), "Snapshot",
                 [decimal(2.4), decimal(2.6), decimal(2.4), "-", decimal(2.5), decimal(2.5)],
                 SheetCell(2, "0"), SheetCell(1, "0")),
    ]),
]


# England and statistical-neighbour figures for the measures DfE publishes (children in need and
# children looked after statistics, year ending 31 March 2018). ILLUSTRATIVE: made up for the
# sample to show the "How we compare" slide, not copied from DfE's tables; the note under the
# table says so.
COMPARATORS = ("England 2017/18", "Statistical neighbours 2017/18")
COMPARATOR_FIGURES = {
    "2.10": (82.7, 80.5),
    "4.7": (91.6, 90.2),
    "6.2": (51.0, 53.4),
    "6.3D": (84.0, 88.2),
}
COMPARATOR_NOTE = (
    "Note: England and statistical neighbour figures are illustrative, made up for this sample; "
    "a council copies them from DfE's published tables (Characteristics of children in need; "
    "Children looked after in England), year ending 31 March 2018.")


def with_comparators(section: SheetSection) -> SheetSection:
    return SheetSection(section.title, [
        replace(row, comparators=[pct(v / 100) for v in COMPARATOR_FIGURES[str(row.ref)]])
        if row.ref in COMPARATOR_FIGURES else row for row in section.rows])


def bullet(text: str, level: int = 0) -> Paragraph:
    return Paragraph((TextRun(text),), level)


def lead(text: str) -> Paragraph:
    """A bullet whose words before the dash are a bold lead-in: "**Pace** – keeping ..."."""
    head, _, tail = text.partition(" – ")
    return Paragraph((TextRun(head, bold=True), TextRun(" – " + tail)))


def ordinals(*parts: str) -> Paragraph:
    """Alternate plain and superscript parts: ("19", "th", " March") → 19<sup>th</sup> March."""
    return Paragraph(tuple(TextRun(p, superscript=i % 2 == 1) for i, p in enumerate(parts) if p))


NARRATIVES = {
    "Improvement Progress": SheetNarrative("Improvement Progress", "Improvement Progress", [
        lead("Staff recruitment and retention – nearly all targets met or exceeded (1 on track)."),
        lead("Restorative Practice – work with Leeds; further development; early help training."),
        bullet("Developing work around neglect."),
        bullet("Updated sufficiency strategy."),
        bullet("Building an audit culture."),
        bullet("Early Help pilot."),
    ]),
    "Journey so far": SheetNarrative("Journey so far", "Journey so far", [
        bullet("SIF Inspection January/February 2017"),
        bullet("Five monitoring visits, August '17, December '17, May '18, August '18 & "
               "December '18"),
        bullet("Lincolnshire (and Islington) appointed Intervention Advisors – their work ended "
               "in May '18."),
        bullet("Improvement Board established – independently chaired by Sir Alan Wood. "
               "Operational Group chaired by Debbie Jones, meets monthly"),
        bullet("Monitoring visit feedback broadly positive. Indicates an upward trajectory of "
               "improvement."),
    ]),
    "Next few months": SheetNarrative("Next few months", "The next few months", [
        ordinals("19", "th", " & 20", "th",
                 " March – Final Ofsted Monitoring Visit. Will focus on A&I and FS&P."),
        ordinals("10", "th", " – 16", "th", " April – DfE commissioned review by Bexley – "
                 "“Learning and Improvement Visit”."),
        bullet("June – September – Inspection window (2 week LACS inspection)."),
    ]),
    "How we know": SheetNarrative("How we know", "How do we know how we are doing?", [
        lead("Performance information – KPIs, monthly performance reports and service "
             "performance surgeries. Access to other reports and ‘real time’ information for "
             "managers."),
        bullet("Case audits (quality) and audit reports (now seeking user feedback)- internal "
               "auditing and external."),
        bullet("Observations of practice, visits to services and Practice Week."),
        lead("Feedback from partners/users/staff – schools, children/young people, other LAs, "
             "social workers."),
        lead("Independent challenge – CSIB; LSCB; Ofsted."),
    ]),
    "Challenges": SheetNarrative("Challenges", "Challenges", [
        lead("Pace – keeping a relentless pace."),
        lead("Consistency of practice – across all teams and for all cases."),
        lead("Sustainability – making change ‘stick’"),
        lead("Capacity – Volume increasing; caseload guarantees for staff."),
        lead("IT – New systems and devices required."),
    ]),
    "Partnership Plan": SheetNarrative("Partnership Plan", "Partnership Plan", [
        bullet("A joint vision for children and young people in the borough."),
        bullet("Bringing together; health, CVS, education, police and various council areas."),
        bullet("3 emerging themes:"),
        bullet("Aspiration to action", 1),
        bullet("Healthy families", 1),
        bullet("Safe and secure", 1),
        bullet("Charter – working restoratively; engagement with C&YP; outcome focus; early "
               "intervention; trusted adults; safe spaces."),
        bullet("‘Every chance for every child’"),
    ]),
}

DECK = Deck(
    title="Children's Services Improvement: March 2019 Update",
    date="March 2019",
    presenters=[
        Presenter("Cllr Danny Hassell", "Cabinet Member for Children, Schools and Young People"),
        Presenter("Debbie Jones", "Corporate Director, Children and Culture"),
        Presenter("Richard Baldwin", "Divisional Director – Children's Social Care"),
    ],
)


def sample_spec() -> WorkbookSpec:
    n = NARRATIVES
    return WorkbookSpec(DECK, [
        n["Improvement Progress"],
        SheetTable(months=MONTHS, sections=[with_comparators(s) for s in SECTIONS],
                   comparators=COMPARATORS, notes=[COMPARATOR_NOTE]),
        n["Journey so far"], n["Next few months"], n["How we know"], n["Challenges"],
        n["Partnership Plan"],
    ])


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else SAMPLE
    write_workbook(target, sample_spec())
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
