"""reportgen.toml's ``[indicators]`` overrides, applied to the sample as read: each changes what
it says and nothing else."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.errors import Place
from reportgen.indicators import Assessment, Rag, assess_all
from reportgen.ingest import read_report
from reportgen.model import Figure, Polarity, Report, Unit
from reportgen.overrides import Override, apply_overrides
from reportgen.plan.words import figure
from tests.conftest import SAMPLE

CONFIG = Path("reportgen.toml")


@pytest.fixture(scope="module")
def sample_report() -> Report:
    return read_report(SAMPLE)


def assessed(report: Report, *overrides: Override) -> dict[str, Assessment]:
    changed = apply_overrides(report, overrides, CONFIG).report
    return {a.indicator.ref: a for a in assess_all(changed.kpis.indicators, months=changed.kpis
                                                    .months)}


def test_no_overrides_change_nothing(sample_report: Report) -> None:
    assert apply_overrides(sample_report, (), CONFIG).report is sample_report


def test_a_polarity_override_changes_that_rag_and_no_other(sample_report: Report) -> None:
    before = assessed(sample_report)
    after = assessed(sample_report, Override("1.1", 3, polarity=Polarity.LOWER))
    # 97.8% against Min 90%, Upper 95%: green when higher is better, red when lower is
    assert (before["1.1"].rag, after["1.1"].rag) == (Rag.GREEN, Rag.RED)
    assert after["1.1"].polarity is Polarity.LOWER
    # the red line is the target further from good: 95% when lower is better
    assert after["1.1"].bounds is not None
    assert (after["1.1"].bounds.minimum, after["1.1"].bounds.upper) == (95.0, 90.0)
    # the workbook's own Min and Upper are still what the table shows
    assert after["1.1"].indicator.target_min == before["1.1"].indicator.target_min
    assert not any("polarity" in str(w) or "better" in str(w) for w in after["1.1"].warnings)
    assert {ref: a for ref, a in after.items() if ref != "1.1"} == \
        {ref: a for ref, a in before.items() if ref != "1.1"}


def test_a_polarity_override_that_agrees_with_the_targets_changes_nothing(
        sample_report: Report) -> None:
    before = assessed(sample_report)
    after = assessed(sample_report, Override("5.10", 3, polarity=Polarity.LOWER))
    assert after["5.10"].rag == before["5.10"].rag == Rag.GREEN
    assert after["5.10"].bounds == before["5.10"].bounds


def test_hide_takes_the_indicator_out_and_names_it(sample_report: Report) -> None:
    result = apply_overrides(sample_report, (Override("3.1", 7, hide=True),
                                             Override("1.1", 9, hide=False)), CONFIG)
    refs = [i.ref for i in result.report.kpis.indicators]
    assert "3.1" not in refs and "1.1" in refs
    assert len(refs) == len(sample_report.kpis.indicators) - 1
    assert [i.ref for i in result.hidden] == ["3.1"]
    # "Plans" held 3.1 alone: no empty section is left for the table to show
    assert "Plans" not in [s.title for s in result.report.kpis.sections]


def test_unit_decimals_and_targets(sample_report: Report) -> None:
    after = assessed(sample_report, Override("11.13", 3, unit=Unit.NUMBER, decimals=2,
                                             target_min=3, target_upper=2.25))
    ind = after["11.13"].indicator
    assert ind.unit is Unit.NUMBER
    assert figure(ind.current, ind) == "2.50"
    assert {f.decimals for f in ind.trend if f is not None} == {2}
    assert (ind.target_min, ind.target_upper) == (Figure(3.0, 2), Figure(2.25, 2))
    assert after["11.13"].rag is Rag.AMBER  # 2.5: better than Min 3, short of Upper 2.25


def test_a_target_keeps_the_decimals_it_is_written_with(sample_report: Report) -> None:
    after = assessed(sample_report, Override("2.1", 3, target_min=92.5))
    ind = after["2.1"].indicator
    assert ind.target_min == Figure(92.5, 1)
    assert figure(ind.target_min, ind) == "92.5%"


def test_a_definition_is_carried_on_the_indicator(sample_report: Report) -> None:
    after = assessed(sample_report, Override("2.1", 3, definition="Contacts in one day."))
    assert after["2.1"].indicator.definition == "Contacts in one day."


def test_an_override_for_a_ref_the_workbook_lacks_is_a_warning_with_its_line(
        sample_report: Report) -> None:
    result = apply_overrides(sample_report, (Override("9.9", 14, polarity=Polarity.LOWER),),
                             CONFIG)
    notice = result.report.warnings[-1]
    assert notice.place == Place(CONFIG, line=14)
    assert str(notice) == ('reportgen.toml:14: [indicators."9.9"]: the workbook has no '
                           "indicator with Ref '9.9'; this override does nothing")
    assert result.report.kpis == replace(sample_report.kpis)
