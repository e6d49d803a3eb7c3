"""Opening the deck template, finding a layout for each role, and measuring it for the plan.

Slides are made from the template's own layouts, so a council can build in its corporate
template. A role's layout is the one the configuration names, else the one with the bundled
template's name, else the one whose placeholders fit it (a title and a body for the narrative,
a title and a table or content placeholder for the table, ...). Every role that cannot be filled
is reported at once (``template_problems``), so one run of ``reportgen template check`` says all
there is to fix. The plan paginates with the template's own boxes and text sizes
(``Geometry``), read here from its layouts and master.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from enum import Enum
from io import BytesIO
from pathlib import Path
from typing import Any

from pptx import Presentation as PptxPresentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError

from reportgen.compose._oxml import (
    add_view_properties,
    as_presentation,
    inherited,
    is_vertical,
    placeholders_at,
    remove_slides,
    renumber_placeholders,
    unique_shape_ids,
    xpath,
)
from reportgen.compose.drawingml import EMU_PER_PT
from reportgen.errors import Place, TemplateError, plain
from reportgen.frozen import frozen
from reportgen.output import what_is
from reportgen.plan.layout import BodyText, Box, Geometry, Role

LAYOUT_NAMES = {
    Role.TITLE: "Title Slide",
    Role.CONTENT: "Title and Content",
    Role.TABLE: "Title and Table",
    Role.CHART: "Title and Chart",
    Role.CHART_AND_TEXT: "Chart and Text",
}
"""The bundled template's layout for each role, by name."""

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)
CHARTS = (PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.OBJECT)
TABLES = (PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.OBJECT)
SUBTITLES = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER)

# What each role's layout must hold besides its title, in words (for the problems listed).
WANTS = {
    Role.TITLE: "a title and a subtitle (or body) placeholder",
    Role.CONTENT: "a title and a content (or body) placeholder",
    Role.TABLE: "a title and a table (or content) placeholder",
    Role.CHART: "a title and a chart (or content) placeholder",
    Role.CHART_AND_TEXT: "a title, a chart (or content) placeholder and a second content (or "
                         "body) placeholder for the text beside it",
}

_QUALIFIED = re.compile(r"(?P<name>.*) \(master (?P<master>\d+)\)")


class Found(Enum):
    """How a role's layout was chosen."""

    NAMED = "named in the configuration"
    BUNDLED = "has the bundled template's name"
    PLACEHOLDERS = "found by its placeholders"


@frozen
class Choice:
    """The layout a role takes, and how it was found."""

    role: Role
    layout: str
    found: Found

    def __str__(self) -> str:
        return f"{self.role.value}: {self.layout!r} ({self.found.value})"


@frozen
class Problem:
    """A role the template cannot fill, and why."""

    role: Role
    reason: str

    def __str__(self) -> str:
        return f"{self.role.value}: {self.reason}"


@frozen
class Template:
    """A template as measured for the plan: its boxes and text sizes (``geometry``), each role's
    layout and the placeholders it fills there. Frozen, and drawn into any number of times:
    each build draws into a presentation of its own (:meth:`open`), opened from ``source``."""

    path: Path
    source: bytes = field(repr=False)
    """The template's package as read from ``path`` (a .potx's read as a presentation's)."""
    layouts: Mapping[Role, int]
    """Each role's layout, by its place among every master's layouts (:func:`all_layouts`)."""
    geometry: Geometry
    slots: Mapping[Role, tuple[int, ...]]
    """The index of each placeholder a role fills on its layout, title first: a slide made from
    the layout has its placeholders at the same indexes, so a slide's are found by index
    instead of by searching its placeholders and their inherited styles again, slide by slide."""
    choices: tuple[Choice, ...] = ()
    measured: _Handover = field(default_factory=lambda: _Handover(None), compare=False,
                                repr=False)
    """The presentation the measurement was read from, for the first build to draw into:
    opening the template again would cost that build as much again."""

    def open(self) -> Presentation:
        """A presentation for one build to draw into: the one measured, the first time; after
        that one opened afresh from ``source``, prepared the same way."""
        measured = self.measured.take()
        if measured is not None:
            return measured
        prs = open_template(self.path, self.source)
        remove_slides(prs)
        layouts = all_layouts(prs)
        return Presentation(prs, {role: layouts[at] for role, at in self.layouts.items()},
                            self.slots)


class Presentation:
    """The presentation one build draws into, opened from a template and emptied of its
    example slides; used up by that build (its slides are added and written out)."""

    def __init__(self, prs: Any, layouts: Mapping[Role, Any],
                 slots: Mapping[Role, tuple[int, ...]]) -> None:
        self.prs = prs
        self.layouts = dict(layouts)
        self.slots = slots
        self.footers: dict[Role, tuple[tuple[PP_PLACEHOLDER, Any], ...]] = {
            role: tuple((kind, ph) for ph in layout.placeholders
                        if (kind := ph.placeholder_format.type) in FOOTERS)
            for role, layout in layouts.items()}
        """Each role's layout's footer placeholders (date, slide number, footer), each with its
        kind, in the layout's order."""

    def placeholders(self, slide: Any, role: Role) -> tuple[Any, ...]:
        """The placeholders ``role`` fills on ``slide`` (made from its layout), title first."""
        return placeholders_at(slide, self.slots[role])


class _Handover:
    """A presentation kept for whoever takes it first, and for no one after."""

    def __init__(self, kept: Presentation | None) -> None:
        self._kept = kept

    def take(self) -> Presentation | None:
        kept, self._kept = self._kept, None
        return kept


@frozen
class UnstatedSizes:
    """Text sizes, in points, for a template that states none for a placeholder (neither it,
    its layout nor its master): those the planner's default geometry assumes
    (``plan.layout.BUILTIN_GEOMETRY``), kept here so that the measurement reads no plan
    constant; a test holds the two together."""

    title: float = 32.0
    cover_title: float = 36.0
    cover_text: float = 20.0
    footer: float = 12.0


UNSTATED = UnstatedSizes()


def open_template(path: Any, data: bytes | None = None) -> Any:
    """The template at ``path`` (or ``data``, its package as :func:`read_package` read it) as a
    python-pptx presentation: a .pptx, or a .potx (or .pptm, .ppsx) read as one; the layouts'
    placeholders numbered so that no two on a layout share an index."""
    prs = open_package(path, data)
    for layout in all_layouts(prs):
        renumber_placeholders(layout, TITLES)
        unique_shape_ids(layout)
    for master in prs.slide_masters:
        unique_shape_ids(master)
    add_view_properties(prs)
    return prs


def read_package(path: Any) -> bytes:
    """The template's package, a .potx's (or .pptm's, .ppsx's) read as a presentation's."""
    try:
        return as_presentation(Path(path).read_bytes())
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _unreadable(path, exc) from exc


def open_package(path: Any, data: bytes | None = None) -> Any:
    """The template at ``path`` (or ``data``, its package as read) opened by python-pptx."""
    try:
        return PptxPresentation(BytesIO(read_package(path) if data is None else data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Any, exc: Exception) -> TemplateError:
    found = what_is(Path(path))
    return TemplateError(f"not a readable PowerPoint template (it is {found})" if found
                         and found != "a PowerPoint file" else
                         f"not a readable PowerPoint template ({plain(exc)})", Place(path))


def all_layouts(prs: Any) -> list[Any]:
    """Every layout of every master, in the template's order."""
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def layout_label(prs: Any, layout: Any) -> str:
    """A layout's name as the configuration gives it: its own name, followed by
    "(master N)" where another master has a layout of that name too."""
    masters = list(prs.slide_masters)
    named = [other for other in all_layouts(prs) if other.name == layout.name]
    if len(named) == 1:
        return str(layout.name)
    return f"{layout.name} (master {masters.index(layout.slide_master) + 1})"


class _Kinds:
    """The placeholders of each layout that can hold the deck's content, found once: a role's
    search asks for a layout's several times (by name, by fit, then for its boxes), and each
    finding makes a proxy of every shape on it, with XPath queries, and reads its master's."""

    def __init__(self) -> None:
        self._found: dict[int, list[tuple[PP_PLACEHOLDER, Any]]] = {}

    def of(self, holder: Any) -> list[tuple[PP_PLACEHOLDER, Any]]:
        key = id(holder.part)  # the part lasts as long as the template; a proxy does not
        if key not in self._found:
            self._found[key] = _kinds(holder)
        return self._found[key]


def choose_layouts(prs: Any, names: Mapping[Role, str] | None = None,
                   kinds: _Kinds | None = None
                   ) -> tuple[dict[Role, Any], list[Choice], list[Problem]]:
    """A layout for each role, with how it was found, and the roles that have none."""
    layouts: dict[Role, Any] = {}
    choices: list[Choice] = []
    problems: list[Problem] = []
    kinds = kinds or _Kinds()
    for role in Role:
        layout, found, problem = _layout_for(prs, role, (names or {}).get(role), kinds)
        if layout is None:
            problems.append(Problem(role, problem or f"no layout has {WANTS[role]}"))
            continue
        layouts[role] = layout
        choices.append(Choice(role, layout_label(prs, layout), found))
    return layouts, choices, problems


def template_problems(path: Any, names: Mapping[Role, str] | None = None) -> list[Problem]:
    """Every role the template at ``path`` cannot fill (empty when it can fill them all)."""
    return choose_layouts(open_template(path), names)[2]


def load_template(path: Any, names: Mapping[Role, str] | None = None) -> Template:
    """Open ``path`` and find a layout for each role (the one ``names``, the configuration's
    ``[deck] layouts``, gives; else the bundled name; else by placeholders), or raise one
    TemplateError naming every role that has none; measured for the plan."""
    source = read_package(path)
    prs = open_template(path, source)
    kinds = _Kinds()
    layouts, choices, problems = choose_layouts(prs, names, kinds)
    if problems:
        raise TemplateError(f"cannot fill {len(problems)} of the deck's {len(Role)} slide "
                            "roles: " + "; ".join(str(p) for p in problems), Place(path))
    remove_slides(prs)
    holders = {role: placeholders_for(layout, role, kinds) for role, layout in layouts.items()}
    slots = {role: tuple(ph.placeholder_format.idx for ph in found)
             for role, found in holders.items()}
    where = {id(layout.part): at for at, layout in enumerate(all_layouts(prs))}
    return Template(Path(path), source,
                    {role: where[id(layout.part)] for role, layout in layouts.items()},
                    measure(prs, layouts, holders), slots, tuple(choices),
                    _Handover(Presentation(prs, layouts, slots)))


def _layout_for(prs: Any, role: Role, name: str | None, kinds: _Kinds
                ) -> tuple[Any, Found, str | None]:
    ordered = _preferred_order(prs, role)
    if name is not None:
        layout = _named(prs, ordered, name)
        if layout is None:
            known = ", ".join(repr(layout_label(prs, each)) for each in all_layouts(prs))
            return None, Found.NAMED, f"no layout named {name!r} (its layouts: {known})"
        if _holders(layout, role, kinds) is None:
            return None, Found.NAMED, f"layout {name!r} lacks {WANTS[role]}"
        return layout, Found.NAMED, None
    bundled = _named(prs, ordered, LAYOUT_NAMES[role])
    if bundled is not None and _holders(bundled, role, kinds) is not None:
        return bundled, Found.BUNDLED, None
    fitting = [(_fit(layout, role, kinds), number, layout)
               for number, layout in enumerate(ordered)
               if _holders(layout, role, kinds) is not None]
    if not fitting:
        return None, Found.PLACEHOLDERS, None
    return min(fitting, key=lambda found: (found[0], found[1]))[2], Found.PLACEHOLDERS, None


def _named(prs: Any, ordered: Sequence[Any], name: str) -> Any:
    for layout in ordered:
        if layout.name == name:
            return layout
    qualified = _QUALIFIED.fullmatch(name)
    if qualified is None:
        return None
    masters = list(prs.slide_masters)
    number = int(qualified["master"])
    if not 1 <= number <= len(masters):
        return None
    return masters[number - 1].slide_layouts.get_by_name(qualified["name"])


def _preferred_order(prs: Any, role: Role) -> list[Any]:
    """The layouts, those of the master the template's own example slides use for this kind of
    slide first: the first example is its title page, the rest its content pages. Templates
    made in LibreOffice have a master for each (the title page's would put every table on a
    title design)."""
    slides = list(prs.slides)
    examples = slides[:1] if role is Role.TITLE else slides[1:]
    preferred: list[Any] = []
    for slide in examples:
        master = slide.slide_layout.slide_master
        if all(master is not other for other in preferred):
            preferred.append(master)
    layouts = all_layouts(prs)
    rank = {id(master): number for number, master in enumerate(preferred)}
    return sorted(layouts, key=lambda layout: rank.get(id(layout.slide_master), len(rank)))


def _kinds(holder: Any) -> list[tuple[PP_PLACEHOLDER, Any]]:
    """The placeholders that can hold the deck's content: no footers, no vertical text."""
    return [(ph.placeholder_format.type, ph) for ph in holder.placeholders
            if ph.placeholder_format.type not in FOOTERS and not is_vertical(ph)]


def _first(placeholders: Iterable[tuple[PP_PLACEHOLDER, Any]], kinds: Sequence[PP_PLACEHOLDER],
           besides: Any = None) -> Any:
    """The placeholder of the earliest of ``kinds`` (in that order of preference), other than
    ``besides``."""
    found = list(placeholders)
    for kind in kinds:
        for its_kind, placeholder in found:
            if its_kind is kind and placeholder is not besides:
                return placeholder
    return None


def _holders(holder: Any, role: Role, found: _Kinds) -> tuple[Any, ...] | None:
    """The placeholders a role fills on ``holder`` (a layout or a slide made from it), title
    first; None when it lacks one."""
    kinds = found.of(holder)
    title = _first(kinds, TITLES)
    if title is None:
        return None
    if role is Role.TITLE:
        wanted: tuple[Any, ...] = (_first(kinds, SUBTITLES),)
    elif role is Role.CONTENT:
        wanted = (_first(kinds, BODIES),)
    elif role is Role.TABLE:
        wanted = (_first(kinds, TABLES),)
    elif role is Role.CHART:
        wanted = (_first(kinds, CHARTS),)
    else:
        chart = _first(kinds, CHARTS)
        wanted = (chart, _first(kinds, (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT), chart))
    return None if any(ph is None for ph in wanted) else (title, *wanted)


_EXACT = {Role.TITLE: (PP_PLACEHOLDER.SUBTITLE,), Role.CONTENT: BODIES,
          Role.TABLE: (PP_PLACEHOLDER.TABLE,), Role.CHART: (PP_PLACEHOLDER.CHART,),
          Role.CHART_AND_TEXT: (PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.BODY)}


def _fit(layout: Any, role: Role, kinds: _Kinds) -> tuple[int, int, float]:
    """How well a layout fits a role, smaller is better: placeholders of a looser kind than
    the role's own (content for a table), then placeholders left empty, then the smaller
    content area (a section header's body before a full content slide's is worse)."""
    used = _holders(layout, role, kinds) or ()
    loose = sum(ph.placeholder_format.type not in _EXACT[role] for ph in used[1:])
    spare = len(kinds.of(layout)) - len(used)
    area = sum(float(ph.width or 0) * float(ph.height or 0) for ph in used[1:])
    return loose, spare, -area


def placeholders_for(holder: Any, role: Role, kinds: _Kinds | None = None) -> tuple[Any, ...]:
    """The placeholders ``role`` fills on a slide or layout, title first (then subtitle,
    body, table, chart, or chart and text), as ``choose_layouts`` found them."""
    found = _holders(holder, role, kinds or _Kinds())
    if found is None:
        name = getattr(holder, "name", "") or getattr(holder.slide_layout, "name", "")
        raise TemplateError(f"slide layout {name!r} lacks {WANTS[role]}")
    return found


def _box(shape: Any) -> Box:
    return Box(shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT,
               shape.height / EMU_PER_PT)


def measure(prs: Any, layouts: Mapping[Role, Any],
            holders: Mapping[Role, tuple[Any, ...]]) -> Geometry:
    """The template's boxes and text sizes for the plan, from each role's layout and the
    placeholders it fills there (``placeholders_for``)."""
    cover, cover_text = holders[Role.TITLE]
    title, body = holders[Role.CONTENT]
    table = holders[Role.TABLE][1]
    chart = holders[Role.CHART][1]
    side_title, side_chart, side_text = holders[Role.CHART_AND_TEXT]
    height = prs.slide_height / EMU_PER_PT
    footer_text, footer_size = _footer_text(layouts[Role.CONTENT])
    # the footer of the layouts tables, charts and bullets are drawn on (not the title page's)
    footer_top = min(_footer_top(layout) or height
                     for role, layout in layouts.items() if role is not Role.TITLE)
    return Geometry(
        slide_width=prs.slide_width / EMU_PER_PT, slide_height=height,
        title=_box(title), title_size=text_size(title, "titleStyle", UNSTATED.title),
        cover_title=_box(cover),
        cover_title_size=text_size(cover, "titleStyle", UNSTATED.cover_title),
        body=_box(body), table=_below(_box(table), footer_top),
        chart=_below(_box(chart), footer_top), side_chart=_below(_box(side_chart), footer_top),
        side_text=_below(_box(side_text), footer_top), footer_top=footer_top,
        cover_text=_box(cover_text),
        cover_text_size=text_size(cover_text, "bodyStyle", UNSTATED.cover_text),
        text=body_text(prs, body), side=own_sizes(side_text, body_text(prs, side_text)),
        side_title=_box(side_title),
        side_title_size=text_size(side_title, "titleStyle", UNSTATED.title),
        footer_text=footer_text, footer_size=footer_size)


def _footer_text(layout: Any) -> tuple[Box | None, float]:
    """The footer-text placeholder (the content layout's, else its master's), where the plan
    puts a protective marking, and its text size; None when the template has none."""
    for holder in (layout, layout.slide_master):
        found = next((ph for ph in holder.placeholders
                      if ph.placeholder_format.type is PP_PLACEHOLDER.FOOTER
                      and ph.width is not None), None)
        if found is not None:
            return _box(found), text_size(found, "otherStyle", UNSTATED.footer)
    return None, UNSTATED.footer


def _footer_top(layout: Any) -> float | None:
    tops = [ph.top for ph in layout.placeholders
            if ph.placeholder_format.type in FOOTERS and ph.top is not None]
    return min(tops) / EMU_PER_PT if tops else None


def _below(box: Box, footer_top: float) -> Box:
    """``box`` cut short where the footer begins: some templates' content placeholders reach
    down over their own footer."""
    return box.above(max(0.0, box.bottom - footer_top))


_OWN_SIZES = ("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@sz", "./p:txBody/a:p/a:r/a:rPr/@sz")


def text_size(placeholder: Any, style: str, default: float) -> float:
    """The size a placeholder's first-level text is drawn at: set on it, else on the layout's
    and master's placeholders it inherits from, else by the master's text style."""
    for element in inherited(placeholder):
        for path in _OWN_SIZES:
            found = element.xpath(path)
            if found:
                return int(found[0]) / 100
    found = xpath(_master_of(placeholder), f"./p:txStyles/p:{style}/a:lvl1pPr/a:defRPr/@sz")
    return int(found[0]) / 100 if found else default


def own_sizes(placeholder: Any, style: BodyText) -> BodyText | None:
    """``style`` with the sizes ``placeholder`` sets for itself (or its layout's does), level
    by level; None when it sets none (the master's style holds)."""
    sizes = list(style.sizes)
    for level in range(len(sizes)):
        for element in inherited(placeholder)[:2]:  # the slide's or layout's, not the master's
            found = element.xpath(f"./p:txBody/a:lstStyle/a:lvl{level + 1}pPr/a:defRPr/@sz")
            if found:
                sizes[level] = int(found[0]) / 100
                break
    return None if tuple(sizes) == style.sizes else replace(style, sizes=tuple(sizes))


def _master_of(placeholder: Any) -> Any:
    part = placeholder.part
    return part.slide_master if hasattr(part, "slide_master") else \
        part.slide_layout.slide_master


def body_text(prs: Any, body: Any | None = None) -> BodyText:
    """Bullet sizes, indents and spacing by level, from the body style of the master the
    narrative layout uses (``body``'s; else the first master), or where a master has none (as
    LibreOffice writes them) from the sample paragraph of that level in its body placeholder."""
    default = BodyText()
    master = _master_of(body) if body is not None else prs.slide_master
    sizes, indents, spaces = [], [], []
    for level in range(len(default.sizes)):
        sample = (f"./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph/@type='body']/p:txBody/a:p"
                  f"[{'not(a:pPr/@lvl) or ' if level == 0 else ''}a:pPr/@lvl='{level}'][1]")
        style = f"./p:txStyles/p:bodyStyle/a:lvl{level + 1}pPr"
        size = xpath(master, f"{style}/a:defRPr/@sz") or xpath(master, f"{sample}/a:r/a:rPr/@sz")
        margin = xpath(master, f"{style}/@marL") or xpath(master, f"{sample}/a:pPr/@marL")
        style = style if xpath(master, style) else f"{sample}/a:pPr"
        share = xpath(master, f"{style}/a:spcBef/a:spcPct/@val")
        points = xpath(master, f"{style}/a:spcBef/a:spcPts/@val")
        sizes.append(int(size[0]) / 100 if size else default.sizes[level])
        indents.append(int(margin[0]) / EMU_PER_PT if margin else default.indents[level])
        spaces.append(int(share[0]) / 100000 if share
                      else int(points[0]) / 100 / sizes[-1] if points
                      else default.space_before[level])
    return BodyText(tuple(sizes), tuple(indents), tuple(spaces))
