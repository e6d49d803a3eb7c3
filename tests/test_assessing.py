"""Read → override → assess: the one step ``build``, ``check`` and ``history import`` share
(``build.assess_workbook``), with the rules from reportgen.toml's ``[rules]`` alone."""

from __future__ import annotations

from pathlib import Path

from reportgen.build import assess_read, assess_workbook, read_workbook
from reportgen.config import NO_CONFIG, Config
from reportgen.indicators import Rules
from reportgen.overrides import Override
from tests.conftest import SAMPLE

CONFIG = Config(source=Path("reportgen.toml"),
                rules=Rules(material_change_percent_points=50.0, material_change_relative=5.0),
                indicators=(Override("3.1", 7, hide=True),))


def test_the_workbook_is_read_then_overridden_then_assessed_with_the_configured_rules() -> None:
    assessed = assess_workbook(SAMPLE, CONFIG, None)
    assert "3.1" in {i.ref for i in assessed.read.indicators}  # what the store records
    assert [i.ref for i in assessed.hidden] == ["3.1"]
    assert "3.1" not in {i.ref for i in assessed.report.indicators}
    assert [a.indicator for a in assessed.assessments] == list(assessed.report.indicators)
    assert not any(a.material for a in assessed.assessments)  # no change reaches 50 points
    plain = assess_workbook(SAMPLE, NO_CONFIG, None)
    assert any(a.material for a in plain.assessments)
    assert plain.hidden == () and plain.report == plain.read


def test_a_workbook_read_first_is_assessed_the_same_way() -> None:
    # history import reads every workbook before assessing them in order of their months
    assert assess_read(read_workbook(SAMPLE, CONFIG), CONFIG, None) == \
        assess_workbook(SAMPLE, CONFIG, None)
