"""``reportgen.toml``: the team's own settings, read once and checked whole (design.md §4).

Found as ``--config FILE``, else ``reportgen.toml`` in the workbook's folder, else in the working
folder; without one, every setting has its default. The file is read with the standard library's
``tomllib`` and validated into frozen values here, so that nothing further on sees a dict.
Every unknown key and every bad value is a ``ConfigError`` naming the file, the line and the key
(``reportgen.toml:7: [indicators."2.1"] polarity: 'up' is not higher or lower``); tomllib
reports no lines for values it parsed, so :class:`Lines` finds them in the text.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportgen.errors import ConfigError, Place
from reportgen.frozen import frozen
from reportgen.indicators import DEFAULT_RULES, Rules
from reportgen.model import Polarity, Report, Unit
from reportgen.overrides import Override
from reportgen.plan.layout import Role
from reportgen.plan.slides import SlideKind
from reportgen.plan.words import check_date_format
from reportgen.spc import SpcSettings

CONFIG_NAME = "reportgen.toml"
MAX_MARKING = 40
"""Characters a protective marking may have: it must fit in a corner of a 4:3 slide."""
MAX_DECIMALS = 6


@frozen
class Config:
    """The settings of one ``reportgen.toml``; ``None`` where it leaves the default (or the
    command line) to decide."""

    source: Path | None = None
    """The file read; None when there is none."""
    template: Path | None = None
    layouts: tuple[tuple[Role, str], ...] = ()
    marking: str = ""
    date_format: str | None = None
    exceptions: int | None = None
    slides: tuple[SlideKind, ...] | None = None
    history: Path | None = None
    rules: Rules = DEFAULT_RULES
    indicators: tuple[Override, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()
    """``[columns]``: a role's key → the header text that holds it (design.md §2a)."""

    @property
    def layout_names(self) -> dict[Role, str]:
        return dict(self.layouts)


NO_CONFIG = Config()


def find_config(given: Path | None, workbook: Path | None) -> Path | None:
    """``--config FILE``, else reportgen.toml beside the workbook, else in the working folder."""
    if given is not None:
        if not given.is_file():
            raise ConfigError("no such configuration file", Place(given))
        return given
    folders = [workbook.parent] if workbook is not None else []
    for folder in [*folders, Path()]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(given: Path | None = None, workbook: Path | None = None) -> Config:
    """The configuration in force for ``workbook`` (see :func:`find_config`)."""
    path = find_config(given, workbook)
    return NO_CONFIG if path is None else read_config(path)


def read_config(path: Path) -> Config:
    try:
        # utf-8-sig: Windows Notepad may begin the file with a byte-order mark
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError("is not UTF-8 text; save it as UTF-8", Place(path)) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", Place(path)) from exc
    import tomllib  # noqa: PLC0415 - only a folder with a reportgen.toml needs it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = _syntax_error(str(exc))
        raise ConfigError(f"not valid TOML: {message}", Place(path, line=line)) from exc
    return _Reader(path, Lines(text)).config(data)


_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


def _syntax_error(message: str) -> tuple[int | None, str]:
    match = _AT_LINE.search(message)
    line = int(match.group(1)) if match and match.group(1) else None
    return line, _AT_LINE.sub("", message).strip() or message


_HEADER = re.compile(r"^\s*\[\[?(?P<key>[^\]]*)\]\]?\s*(?:#.*)?$")
_KEY_PART = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*""")


def dotted_key(text: str) -> tuple[tuple[str, ...], int]:
    """The key parts at the start of ``text`` (``a."b.c".d``) and where they end."""
    parts: list[str] = []
    at = 0
    while True:
        match = _KEY_PART.match(text, at)
        if match is None or match.end() == at:
            return tuple(parts), at
        quoted, literal, bare = match.groups()
        parts.append(bare if bare is not None else literal if literal is not None
                     else _unescape(quoted))
        at = match.end()
        if not text.startswith(".", at):
            return tuple(parts), at
        at += 1


def _unescape(quoted: str) -> str:
    import tomllib  # noqa: PLC0415 - as in read_config

    try:
        unescaped: str = tomllib.loads(f'k = "{quoted}"')["k"]
    except tomllib.TOMLDecodeError:
        return quoted
    return unescaped


class Lines:
    """Where each key of a TOML text is written, found by reading its lines: tomllib says where
    a syntax error is, never where a value came from."""

    def __init__(self, text: str) -> None:
        self.places: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        in_string = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                in_string = _toggles_string(line) != in_string
                continue
            header = _HEADER.match(line)
            if header:
                table = dotted_key(header.group("key"))[0]
                for end in range(1, len(table) + 1):  # [a.b.c] also makes a and a.b
                    self.places.setdefault(table[:end], number)
                continue
            key, end = dotted_key(line)
            if key and line[end:].startswith("="):
                self.places.setdefault((*table, *key), number)
                self._inline(line[end + 1:], (*table, *key), number)
            in_string = _toggles_string(line)

    def _inline(self, rest: str, table: tuple[str, ...], number: int) -> None:
        """Keys of an inline table on the same line (``layouts = {title = "Cover"}``)."""
        for match in re.finditer(r"[{,]\s*", rest):
            key, end = dotted_key(rest[match.end():])
            if key and rest[match.end() + end:].startswith("="):
                self.places.setdefault((*table, *key), number)

    def line(self, path: tuple[str, ...]) -> int | None:
        """The line of ``path``, else of the nearest table around it."""
        while path:
            if path in self.places:
                return self.places[path]
            path = path[:-1]
        return None


def _toggles_string(line: str) -> bool:
    """The line opens (or closes) a multi-line string: an odd number of triple quotes."""
    return (line.count('"""') + line.count("'''")) % 2 == 1


def _part(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else f'"{text}"'


def key_name(path: tuple[str, ...]) -> str:
    """``[indicators."2.1"] polarity``: the key as a person finds it in the file."""
    table = ".".join(_part(p) for p in path[:-1])
    return f"[{table}] {_part(path[-1])}" if table else _part(path[-1])


DECK_KEYS = ("template", "layouts", "marking", "date_format", "exceptions", "slides", "history")
RULE_KEYS = {
    "material_change_percent_points": "material_change_percent_points",
    "material_change_relative": "material_change_relative",
    "spc_min_points": "min_points",
    "spc_shift_run": "shift_run",
    "spc_trend_run": "trend_run",
    "stale_after_months": "stale_after_months",
}
"""Each ``[rules]`` key and the field of ``Rules`` or ``SpcSettings`` it sets."""
COLUMN_KEYS = ("ref", "measure", "polarity", "current", "target", "min", "upper", "floor",
               "tolerance", "period", "previous_year", "rag", "direction", "numerator",
               "denominator", "red", "amber", "commentary", "ytd")
"""The roles ``[columns]`` may map to a header (the reader's vocabulary, design.md §2a)."""
INDICATOR_KEYS = ("polarity", "unit", "decimals", "target_min", "target_upper", "hide",
                  "definition", "short_name", "accept", "formerly")


_WORDED = ("definition", "short_name", "accept")
"""``[indicators]`` keys whose value is words: the notes' definition, a list's short name, the
reason a data-quality doubt is accepted."""


@frozen
class _Reader:
    """Validates the parsed document, key by key, raising on the first problem."""

    path: Path
    lines: Lines

    def fail(self, path: tuple[str, ...], message: str) -> ConfigError:
        return ConfigError(f"{key_name(path)}: {message}",
                           Place(self.path, line=self.lines.line(path)))

    def table(self, value: Any, path: tuple[str, ...],
              keys: Sequence[str] | None) -> dict[str, Any]:
        """``value`` as a table whose keys are all in ``keys`` (None: any key)."""
        if not isinstance(value, dict):
            raise self.fail(path, f"must be a table ([{'.'.join(_part(p) for p in path)}]), "
                                  f"not {_kind(value)}")
        for key in value:
            if keys is not None and key not in keys:
                raise self.fail((*path, key), "unknown key; expected one of "
                                              + ", ".join(keys))
        return value

    def config(self, data: dict[str, Any]) -> Config:
        top = self.table(data, (), ("deck", "rules", "indicators", "columns"))
        config = Config(source=self.path)
        if "deck" in top:
            config = self.deck(self.table(top["deck"], ("deck",), DECK_KEYS), config)
        if "rules" in top:
            config = replace(config, rules=self.rules(
                self.table(top["rules"], ("rules",), tuple(RULE_KEYS))))
        if "columns" in top:
            columns = self.table(top["columns"], ("columns",), COLUMN_KEYS)
            config = replace(config, columns=tuple(
                (key, self.nonempty(header, ("columns", key))) for key, header in
                columns.items()))
        if "indicators" in top:
            indicators = self.table(top["indicators"], ("indicators",), None)
            config = replace(config, indicators=tuple(
                self.indicator(str(ref), body) for ref, body in indicators.items()))
        return config

    def deck(self, deck: dict[str, Any], config: Config) -> Config:
        changes: dict[str, Any] = {}
        for key, value in deck.items():
            reader: Callable[[Any, tuple[str, ...]], Any] = getattr(self, f"deck_{key}")
            changes[key] = reader(value, ("deck", key))
        return replace(config, **changes)

    def deck_template(self, value: Any, path: tuple[str, ...]) -> Path:
        template = self.beside(value, path)
        if template.suffix.lower() not in (".pptx", ".potx"):
            raise self.fail(path, f"{value!r} is not a .pptx or .potx file")
        if not template.is_file():
            raise self.fail(path, f"no such file: {template}")
        return template

    def deck_history(self, value: Any, path: tuple[str, ...]) -> Path:
        return self.beside(value, path)

    def beside(self, value: Any, path: tuple[str, ...]) -> Path:
        """A path as written, relative to the configuration file's folder."""
        text = self.text(value, path)
        if not text.strip():
            raise self.fail(path, "is empty")
        return self.path.parent / Path(text).expanduser()

    def deck_layouts(self, value: Any, path: tuple[str, ...]) -> tuple[tuple[Role, str], ...]:
        roles = {role.value: role for role in Role}
        layouts = self.table(value, path, tuple(roles))
        return tuple((roles[name], self.nonempty(layout, (*path, name)))
                     for name, layout in layouts.items())

    def deck_marking(self, value: Any, path: tuple[str, ...]) -> str:
        marking = " ".join(self.text(value, path).split())
        if len(marking) > MAX_MARKING:
            raise self.fail(path, f"is {len(marking)} characters long; a marking has at most "
                                  f"{MAX_MARKING}, e.g. \"OFFICIAL-SENSITIVE\"")
        return marking

    def deck_date_format(self, value: Any, path: tuple[str, ...]) -> str:
        text = self.nonempty(value, path)
        problem = check_date_format(text)
        if problem:
            raise self.fail(path, problem)
        return text

    def deck_exceptions(self, value: Any, path: tuple[str, ...]) -> int:
        return self.whole(value, path, 0, 1000)

    def deck_slides(self, value: Any, path: tuple[str, ...]) -> tuple[SlideKind, ...]:
        kinds = {kind.value: kind for kind in SlideKind}
        if not isinstance(value, list):
            raise self.fail(path, f"must be a list of slide names, not {_kind(value)}")
        order: list[SlideKind] = []
        for name in value:
            if name == "title":
                raise self.fail(path, "the title slide always comes first; list the slides "
                                      "after it")
            if name not in kinds:
                raise self.fail(path, f"{name!r} is not a slide; the slides are "
                                      + ", ".join(kinds))
            if kinds[name] in order:
                raise self.fail(path, f"{name!r} is listed twice")
            order.append(kinds[name])
        return tuple(order)

    def rules(self, table: dict[str, Any]) -> Rules:
        spc: dict[str, Any] = {}
        rules: dict[str, Any] = {}
        for key, value in table.items():
            path = ("rules", key)
            target = RULE_KEYS[key]
            if key.startswith("spc_"):
                spc[target] = self.whole(value, path, 0, 10_000)
            elif key == "stale_after_months":
                rules[target] = self.whole(value, path, 1, 120)
            else:
                rules[target] = self.number(value, path)
        try:
            return Rules(spc=SpcSettings(**spc), **rules)
        except ValueError as exc:
            raise self.rule_error(exc) from exc

    def rule_error(self, exc: ValueError) -> ConfigError:
        """The rules' own check ("shift_run must be from 6 to 8, not 5"), on the key that set
        the field it names."""
        field, _, problem = str(exc).partition(" ")
        key = next((k for k, v in RULE_KEYS.items() if v == field), None)
        return self.fail(("rules", key), problem) if key else \
            ConfigError(f"[rules]: {exc}", Place(self.path, line=self.lines.line(("rules",))))

    def indicator(self, ref: str, body: Any) -> Override:
        path = ("indicators", ref)
        if isinstance(body, dict) and any(isinstance(v, dict) for v in body.values()):
            # [indicators.2.1] is a table "2" holding a table "1": the Ref needs quotes
            raise self.fail(path, f"a Ref with a dot needs quotes: [indicators.\"{ref}."
                                  f"{next(k for k, v in body.items() if isinstance(v, dict))}\"]")
        table = self.table(body, path, INDICATOR_KEYS)
        override = Override(ref, self.lines.line(path) or 1)
        for key, value in table.items():
            at = (*path, key)
            if key == "polarity":
                override = replace(override, polarity=self.choice(value, at, Polarity))
            elif key == "unit":
                override = replace(override, unit=self.choice(value, at, Unit))
            elif key == "decimals":
                override = replace(override, decimals=self.whole(value, at, 0, MAX_DECIMALS))
            elif key == "hide":
                if not isinstance(value, bool):
                    raise self.fail(at, f"must be true or false, not {value!r}")
                override = replace(override, hide=value)
            elif key == "formerly":
                names = value if isinstance(value, list) else [value]
                override = replace(override, formerly=tuple(
                    " ".join(self.nonempty(name, at).split()) for name in names))
            elif key in _WORDED:  # words, spaces tidied; only a definition may be empty
                said = self.text(value, at) if key == "definition" else self.nonempty(value, at)
                worded: dict[str, Any] = {key: " ".join(said.split())}
                override = replace(override, **worded)
            elif key == "target_min":
                override = replace(override, target_min=self.number(value, at))
            else:
                override = replace(override, target_upper=self.number(value, at))
        return override

    def choice(self, value: Any, path: tuple[str, ...], kind: Any) -> Any:
        names = [member.value for member in kind]
        if value not in names:
            raise self.fail(path, f"{value!r} is not " + " or ".join(
                [", ".join(names[:-1]), names[-1]] if len(names) > 1 else names))
        return kind(value)

    def text(self, value: Any, path: tuple[str, ...]) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"must be text in quotes, not {_kind(value)}")
        return value

    def nonempty(self, value: Any, path: tuple[str, ...]) -> str:
        text = self.text(value, path)
        if not text.strip():
            raise self.fail(path, "is empty")
        return text

    def whole(self, value: Any, path: tuple[str, ...], low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f"must be a whole number, not {value!r}")
        if not low <= value <= high:
            raise self.fail(path, f"must be from {low} to {high}, not {value}")
        return value

    def number(self, value: Any, path: tuple[str, ...]) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, f"must be a number, not {value!r}")
        if not math.isfinite(value) or abs(value) >= 1e15:
            raise self.fail(path, f"{value!r} is out of range")
        return float(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


STARTER = '''\
# reportgen.toml: settings for the decks built from the workbooks in this folder.
# Every setting is optional: remove the "# " in front of a line to use it. reportgen's
# docs/configuration.md explains each one; `reportgen check` reports a mistake with its line.

[deck]
# The PowerPoint template (.pptx or .potx), relative to this file; default: the bundled one.
# template = "council-template.pptx"
# A protective marking shown on every slide and in the file's properties.
# marking = "OFFICIAL-SENSITIVE"
# How the meeting date is written (%-d day, %B month, %Y year); default "9 April 2019".
# date_format = "%-d %B %Y"
# Red indicators that get a slide each, the furthest from target first (--exceptions).
# exceptions = 12
# The slides after the title, in order; leave one out to drop it. Default: the workbook's order.
# slides = ["glance", "cohort", "table", "compare", "exceptions", "narrative", "other-reds",
#           "glance-lists", "appendix"]
# The history store of past months, relative to this file (--history).
# history = "../outputs/history.sqlite"

# The template's own layout for each kind of slide (`reportgen template inspect` lists them).
# [deck.layouts]
# title = "Title Slide"
# narrative = "Title and Content"
# table = "Title and Table"
# chart = "Title and Chart"
# chart-and-text = "Chart and Text"

[rules]
# A change in a percentage is material from this many percentage points.
# material_change_percent_points = 1.0
# A change in any other measure is material from this share of the earlier value (0.05 = 5%).
# material_change_relative = 0.05
# SPC reads a measure with at least this many monthly points.
# spc_min_points = 15
# Points on one side of the mean that make a shift (6 to 8).
# spc_shift_run = 7
# Points each rising (or falling) that make a trend (6 to 8).
# spc_trend_run = 7
# A last pack more months than this before the workbook's is too old to say what moved
# "since last month": no band moves are claimed (1 to 120).
# stale_after_months = 3

# One table per indicator to correct, named by its Ref in quotes.
# [indicators."1.1"]
# Which way is better, when the targets' order says it wrongly: "higher" or "lower".
# polarity = "higher"
# How its figures are written: "percent", "count" or "number".
# unit = "percent"
# Decimals every figure of the row is shown with.
# decimals = 1
# Targets replacing the workbook's (percent points for a percentage: 90 is 90%).
# target_min = 90
# target_upper = 95
# true: the indicator is on no slide and in no count.
# hide = false
# What the measure counts, for the speaker notes of its slides.
# definition = "Children's plans reviewed within the statutory timescale."
# What lists of indicators call it after its ref (default: the measure's first words).
# short_name = "Plans reviewed on time"
# A data-quality doubt the team has checked, and why the figure stands: the deck is no longer
# marked draft for it, and the reason goes in the speaker notes.
# accept = "Num/Denom counts children, Current counts plans: both are right"
# The measure's earlier name, where only its wording changed: the history compares it with
# the packs that recorded the Ref under that name (a Ref given to another measure is a new one).
# formerly = "% of children's plans reviewed within timescale"
'''
"""Written by ``reportgen init`` beside the starter workbook: every key, commented out."""


def columns_toml(report: Report) -> str:
    """A reportgen.toml whose ``[columns]`` say how each header of the workbook was read
    (``init --from``): a team checks the mapping once and corrects a line where it is wrong."""
    import json  # noqa: PLC0415 - a TOML basic string is written as JSON writes a string

    first = report.tables[0]
    lines = [f"# How reportgen read the headers of {Path(report.source).name}.",
             "# Check each line: a wrong one is corrected by writing, in quotes, the header",
             "# text exactly as the workbook has it. Delete a line to let reportgen find the",
             "# column itself. See reportgen's docs/workbook.md, \"Your council's own scorecard\".",
             "",
             "[columns]"]
    seen: set[str] = set()
    for header in first.headers:
        if header.role in COLUMN_KEYS and header.role not in seen:
            seen.add(header.role)
            lines.append(f"{header.role} = {json.dumps(header.text, ensure_ascii=False)}"
                         f"  # {first.sheet}!{header.cell}")
    for table in report.tables:
        others = [h for h in table.headers if h.role not in COLUMN_KEYS]
        if others:
            lines.append(f"# Also read in {table.sheet!r} ({table.title}), found by their "
                         "labels:")
            lines.extend(f"#   {h.cell} {h.text!r}: {h.role or 'not read'}" for h in others)
    return "\n".join(lines) + "\n"


def write_columns_config(folder: Path, text: str) -> Path:
    """``text`` as reportgen.toml in ``folder``; never over one that is there."""
    path = folder / CONFIG_NAME
    if not _write_new(path, text):
        raise ConfigError("already exists: move it aside, or copy the [columns] lines that "
                          "`reportgen check` lists into it", Place(path))
    return path


def write_starter_config(folder: Path) -> Path | None:
    """A commented reportgen.toml in ``folder``; never over one that is there (None then)."""
    path = folder / CONFIG_NAME
    return path if _write_new(path, STARTER) else None


def _write_new(path: Path, text: str) -> bool:
    """``text`` as a new settings file, through the output guard (whole or not at all, never
    through a link); False when there is one already, which is never replaced."""
    from reportgen.output import Kind, write_atomically  # noqa: PLC0415 - for init alone

    if os.path.lexists(path):
        return False
    write_atomically(path, text.encode("utf-8"), kind=Kind.CONFIG)
    return True
