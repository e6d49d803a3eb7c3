"""DrawingML text pieces, written as text exactly as python-pptx's proxies write them: runs and
line breaks, font sizes, solid fills. Shared by text frames (:mod:`.text`, footers) and chart
parts (:mod:`.chart_xml`); no python-pptx here, as a chart part's writer imports none."""

from __future__ import annotations

import re
from functools import lru_cache

EMU_PER_PT = 12700
_EMU_PER_CENTIPOINT = 127
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
"""Characters XML cannot hold, written as ``_xHHHH_`` as Office (and python-pptx) write them."""
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_HEX_COLOUR = re.compile("[0-9A-Fa-f]{6}")
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                            "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def runs(text: str, properties: str = "", *, breaks: str = "\v") -> str:
    """``text`` as ``a:r`` runs with ``properties`` (an ``a:rPr``, or none), a line break
    (``a:br``) at each ``breaks`` character; no empty run is written."""
    return "<a:br/>".join(f"<a:r>{properties}<a:t>{run_text(piece)}</a:t></a:r>" if piece else ""
                          for piece in text.split(breaks))


def run_text(text: str) -> str:
    """A run's text as python-pptx sets it: control characters spelled out ("_x0007_")."""
    escaped = text.translate(_MARKUP)
    if _CONTROL.search(escaped) is None:
        return escaped
    return _CONTROL.sub(lambda found: f"_x{ord(found.group()):04X}_", escaped)


def attribute(text: str) -> str:
    """``text`` as an attribute's value, as lxml writes one set on an element."""
    return text.translate(_ATTRIBUTE)


def emu(points: float) -> int:
    """A position or length in points as EMU, rounded: a planned box's edges (python-pptx's
    ``Pt`` truncates, which the sizes it wrote keep: :func:`centipoints`)."""
    return round(points * EMU_PER_PT)


def centipoints(points: float) -> int:
    """Points as DrawingML's hundredths of a point, rounded as python-pptx's ``Pt`` rounds."""
    return int(points * EMU_PER_PT) // _EMU_PER_CENTIPOINT


@lru_cache(maxsize=64)
def font_size(points: float) -> int:
    """A font size in hundredths of a point; outside 1 to 4,000 points is refused, as
    python-pptx refuses it."""
    size = centipoints(points)
    if not 100 <= size <= 400000:
        raise ValueError(f"a font of {points} pt is outside 1 to 4,000 points")
    return size


@lru_cache(maxsize=64)
def solid(colour: str) -> str:
    """A solid fill of ``colour`` (six hex digits)."""
    if not _HEX_COLOUR.fullmatch(colour):
        raise ValueError(f"not a colour of six hex digits: {colour!r}")
    return f'<a:solidFill><a:srgbClr val="{colour.upper()}"/></a:solidFill>'
