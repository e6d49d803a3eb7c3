"""reportgen.toml: found where design.md §4 says, read into frozen values, and every mistake one
line naming the file, the line and the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.config import (
    CONFIG_NAME,
    NO_CONFIG,
    STARTER,
    Lines,
    find_config,
    load_config,
    read_config,
    write_starter_config,
)
from reportgen.errors import ConfigError
from reportgen.model import Polarity, Unit
from reportgen.plan.layout import Role
from reportgen.plan.slides import SlideKind
from reportgen.spc import SpcSettings
from tests.conftest import ROOT

TEMPLATE = ROOT / "templates" / "cabinet.pptx"

FULL = f"""\
# the settings of a council
[deck]
template = "{TEMPLATE}"
marking = "OFFICIAL-SENSITIVE"
date_format = "%A %-d %B %Y"
exceptions = 3
slides = ["table", "exceptions",
          "narrative"]
history = "store/history.sqlite"
layouts = {{title = "Cover", "chart-and-text" = "Chart, text"}}

[rules]
material_change_percent_points = 2
material_change_relative = 0.1
spc_min_points = 12
spc_shift_run = 8
spc_trend_run = 6

[indicators."2.1"]
polarity = "lower"
unit = "number"
decimals = 2
target_min = 90
target_upper = 95.5
definition = \"\"\"Contacts completed
within one working day.\"\"\"

[indicators."1.3"]
hide = true
"""


def written(tmp_path: Path, text: str, name: str = CONFIG_NAME) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        read_config(written(tmp_path, text))
    return str(caught.value)


def test_every_setting_is_read_into_values(tmp_path: Path) -> None:
    config = read_config(written(tmp_path, FULL))
    assert config.source == tmp_path / CONFIG_NAME
    assert config.template == TEMPLATE
    assert config.marking == "OFFICIAL-SENSITIVE"
    assert config.date_format == "%A %-d %B %Y"
    assert config.exceptions == 3
    assert config.slides == (SlideKind.TABLE, SlideKind.EXCEPTIONS, SlideKind.NARRATIVE)
    assert config.history == tmp_path / "store" / "history.sqlite"  # beside the file
    assert config.layout_names == {Role.TITLE: "Cover", Role.CHART_AND_TEXT: "Chart, text"}
    assert config.rules.material_change_percent_points == 2.0
    assert config.rules.material_change_relative == 0.1
    assert config.rules.spc == SpcSettings(min_points=12, shift_run=8, trend_run=6)
    first, second = config.indicators
    assert (first.ref, first.line, first.polarity, first.unit, first.decimals,
            first.target_min, first.target_upper, first.hide) == (
        "2.1", 19, Polarity.LOWER, Unit.NUMBER, 2, 90.0, 95.5, False)
    assert first.definition == "Contacts completed within one working day."
    assert (second.ref, second.line, second.hide) == ("1.3", 28, True)


def test_an_empty_file_changes_nothing(tmp_path: Path) -> None:
    config = read_config(written(tmp_path, "# nothing yet\n"))
    assert config == NO_CONFIG.__class__(source=tmp_path / CONFIG_NAME)


BAD = [
    # (text, line, message after "reportgen.toml:<line>: ")
    ('[deck]\nmarkng = "OFFICIAL"\n', 2,
     "[deck] markng: unknown key; expected one of template, layouts, marking, date_format, "
     "exceptions, slides, history"),
    ('[deck]\nmarking = "x"\n\n[indicators."2.1"]\npolarity = "up"\n', 5,
     '[indicators."2.1"] polarity: \'up\' is not higher or lower'),
    ('[indicators."2.1"]\nunit = "percentage"\n', 2,
     "[indicators.\"2.1\"] unit: 'percentage' is not percent, count or number"),
    ('[indicators."2.1"]\npolartiy = "lower"\n', 2,
     '[indicators."2.1"] polartiy: unknown key; expected one of polarity, unit, decimals, '
     "target_min, target_upper, hide, definition, short_name, accept, formerly"),
    ('[indicators."2.1"]\ndecimals = 1.5\n', 2,
     '[indicators."2.1"] decimals: must be a whole number, not 1.5'),
    ('[indicators."2.1"]\ndecimals = 9\n', 2,
     '[indicators."2.1"] decimals: must be from 0 to 6, not 9'),
    ('[indicators."2.1"]\ntarget_min = "90%"\n', 2,
     "[indicators.\"2.1\"] target_min: must be a number, not '90%'"),
    ('[indicators."2.1"]\ntarget_upper = nan\n', 2,
     '[indicators."2.1"] target_upper: nan is out of range'),
    ('[indicators."2.1"]\nhide = "yes"\n', 2,
     "[indicators.\"2.1\"] hide: must be true or false, not 'yes'"),
    ('[indicators]\n"2.1" = 3\n', 2,
     '[indicators] "2.1": must be a table ([indicators."2.1"]), not the number 3'),
    ('[indicators.2.1]\nhide = true\n', 1,
     '[indicators] 2: a Ref with a dot needs quotes: [indicators."2.1"]'),
    ('\n[rules]\nspc_shift_run = 5\n', 3, "[rules] spc_shift_run: must be from 6 to 8, not 5"),
    ('[rules]\nspc_min_points = 1\n', 2, "[rules] spc_min_points: must be at least 2, not 1"),
    ('[rules]\nmaterial_change_relative = -0.1\n', 2,
     "[rules] material_change_relative: must be a number of 0 or more, not -0.1"),
    ('[rules]\nmaterial = 1\n', 2,
     "[rules] material: unknown key; expected one of material_change_percent_points, "
     "material_change_relative, spc_min_points, spc_shift_run, spc_trend_run, stale_after_months"),
    ('[deck]\ndate_format = "%d %Q"\n', 2,
     "[deck] date_format: '%Q' is not a date code; use %d or %-d (day), %B or %b (month), "
     "%m or %-m, %Y or %y, %A or %a (weekday), %% for %"),
    ('[deck]\nexceptions = -1\n', 2, "[deck] exceptions: must be from 0 to 1000, not -1"),
    ('[deck]\nslides = ["table", "glance", "tables"]\n', 2,
     "[deck] slides: 'tables' is not a slide; the slides are glance, cohort, table, "
     "compare, exceptions, narrative, other-reds, glance-lists, appendix"),
    ('[deck]\nslides = ["table", "table"]\n', 2, "[deck] slides: 'table' is listed twice"),
    ('[deck]\nslides = ["title", "table"]\n', 2,
     "[deck] slides: the title slide always comes first; list the slides after it"),
    ('[deck]\nlayouts = {title = "Cover", narative = "Text"}\n', 2,
     "[deck.layouts] narative: unknown key; expected one of title, narrative, table, chart, "
     "chart-and-text"),
    ('[deck.layouts]\ntitle = "Cover"\n\ntable = ""\n', 4, "[deck.layouts] table: is empty"),
    ('[deck]\ntemplate = "missing.pptx"\n', 2, "[deck] template: no such file: {folder}"
     "/missing.pptx"),
    ('[deck]\ntemplate = "deck.key"\n', 2, "[deck] template: 'deck.key' is not a .pptx or "
     ".potx file"),
    ('[deck]\nmarking = 3\n', 2, "[deck] marking: must be text in quotes, not the number 3"),
    ('[deck]\nmarking = "' + "X" * 41 + '"\n', 2, "[deck] marking: is 41 characters long; a "
     'marking has at most 40, e.g. "OFFICIAL-SENSITIVE"'),
    ('deck = 1\n', 1, "deck: must be a table ([deck]), not the number 1"),
    ('[desk]\nmarking = "x"\n', 1,
     "desk: unknown key; expected one of deck, rules, indicators, columns"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD,
                         ids=[re.sub(r"\W+", "-", b[2][:40]) for b in BAD])
def test_a_mistake_is_one_line_naming_file_line_and_key(tmp_path: Path, text: str, line: int,
                                                        message: str) -> None:
    expected = f"{tmp_path / CONFIG_NAME}:{line}: {message.format(folder=tmp_path)}"
    assert error_of(tmp_path, text) == expected


def test_a_toml_syntax_error_is_one_line_with_its_line(tmp_path: Path) -> None:
    error = error_of(tmp_path, '[deck]\nmarking = "OFFICIAL\n')
    assert error.startswith(f"{tmp_path / CONFIG_NAME}:2: not valid TOML: ")
    assert "\n" not in error and "(at line" not in error


def test_a_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / CONFIG_NAME
    path.write_bytes(b"\xff\xfe[deck]")
    with pytest.raises(ConfigError, match="is not UTF-8 text"):
        read_config(path)


def test_lines_are_found_for_keys_however_they_are_written() -> None:
    lines = Lines('a = """\n[not.a.table]\nb = 1\n"""\n'
                  "[deck]  # comment\n"
                  "layouts = { title = 'Cover', \"chart-and-text\" = \"C\" }\n"
                  "[ indicators . \"1.2\" ]\n"
                  "polarity.x = 1\n")
    assert lines.line(("a",)) == 1
    assert lines.line(("not", "a", "table")) is None  # inside a multi-line string
    assert lines.line(("b",)) is None
    assert lines.line(("deck", "layouts", "title")) == 6
    assert lines.line(("deck", "layouts", "chart-and-text")) == 6
    assert lines.line(("indicators", "1.2")) == 7
    assert lines.line(("indicators", "1.2", "polarity", "x")) == 8
    assert lines.line(("indicators", "1.2", "unit")) == 7  # not written: its table's line


def test_found_by_option_then_workbook_folder_then_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    books, work = tmp_path / "books", tmp_path / "work"
    books.mkdir()
    work.mkdir()
    monkeypatch.chdir(work)
    workbook = books / "march.xlsx"
    assert find_config(None, workbook) is None
    assert load_config(None, workbook) == NO_CONFIG
    here = written(work, "")
    assert find_config(None, workbook) == Path(CONFIG_NAME)
    beside = written(books, "")
    assert find_config(None, workbook) == beside
    given = written(tmp_path, "", "team.toml")
    assert find_config(given, workbook) == given
    assert here.is_file()


def test_a_named_config_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.toml: no such configuration file"):
        find_config(tmp_path / "missing.toml", None)


def uncommented(text: str) -> str:
    """The starter with every setting switched on: '# key = ...', '# [table]' and the lines
    that continue a list lose their '# '."""
    setting = re.compile(r"# ((?:\[|[a-z_-]+ = |\s+\").*)$")
    return "\n".join(setting.sub(r"\1", line) for line in text.splitlines()) + "\n"


def test_the_starter_has_every_key_and_is_valid_when_switched_on(tmp_path: Path) -> None:
    text = uncommented(STARTER).replace('"council-template.pptx"', f'"{TEMPLATE}"')
    config = read_config(written(tmp_path, text))
    assert config.marking == "OFFICIAL-SENSITIVE"
    assert config.slides == tuple(SlideKind)
    assert set(config.layout_names) == set(Role)
    assert config.indicators[0].definition
    for key in ("template", "layouts", "marking", "date_format", "exceptions", "slides",
                "history", "material_change_percent_points", "material_change_relative",
                "spc_min_points", "spc_shift_run", "spc_trend_run", "polarity", "unit",
                "decimals", "target_min", "target_upper", "hide", "definition",
                "stale_after_months", "formerly"):
        assert re.search(rf"^# (\[deck\.)?{key}\b", STARTER, re.MULTILINE), key
    assert read_config(written(tmp_path, STARTER)) == NO_CONFIG.__class__(
        source=tmp_path / CONFIG_NAME)  # as written, every line commented: no setting


def test_the_starter_never_replaces_a_config(tmp_path: Path) -> None:
    assert write_starter_config(tmp_path) == tmp_path / CONFIG_NAME
    (tmp_path / CONFIG_NAME).write_text("# mine\n", encoding="utf-8")
    assert write_starter_config(tmp_path) is None
    assert (tmp_path / CONFIG_NAME).read_text(encoding="utf-8") == "# mine\n"
