"""Trend lines drawn as native DrawingML shapes (a group of a band, a path and a dot), written
directly with lxml.

python-pptx's shape builders take several milliseconds per trend line (each shape re-scans the
slide for the next id and adds theme-styled properties that then have to be undone); a
1,000-row table has 1,000 of them. The XML here is what PowerPoint itself writes for a
rectangle, a freeform and an ellipse, with no theme style, so no shadow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

Point = tuple[int, int]
Box = tuple[int, int, int, int]
"""left, top, width, height in EMU."""


@dataclass(frozen=True)
class Stroke:
    colour: str
    width: int
    """EMU."""


def _el(parent: Any, tag: str, **attributes: str) -> Any:
    return etree.SubElement(parent, qn(tag), **attributes)


def _xfrm(parent: Any, box: Box, *, children: bool = False) -> None:
    xfrm = _el(parent, "a:xfrm")
    _el(xfrm, "a:off", x=str(box[0]), y=str(box[1]))
    _el(xfrm, "a:ext", cx=str(box[2]), cy=str(box[3]))
    if children:  # child coordinates are slide coordinates
        _el(xfrm, "a:chOff", x=str(box[0]), y=str(box[1]))
        _el(xfrm, "a:chExt", cx=str(box[2]), cy=str(box[3]))


def _fill(parent: Any, colour: str | None) -> None:
    if colour is None:
        _el(parent, "a:noFill")
    else:
        _el(_el(parent, "a:solidFill"), "a:srgbClr", val=colour)


def _line(parent: Any, stroke: Stroke | None) -> None:
    if stroke is None:
        _el(_el(parent, "a:ln"), "a:noFill")
    else:
        _fill(_el(parent, "a:ln", w=str(stroke.width)), stroke.colour)


class Group:
    """A group shape being filled with shapes; ids are allocated from ``next_id`` upwards."""

    def __init__(self, tree: Any, next_id: int, name: str, description: str) -> None:
        self.next_id = next_id
        self.element = _el(tree, "p:grpSp")
        nv = _el(self.element, "p:nvGrpSpPr")
        _el(nv, "p:cNvPr", id=self._id(), name=name, descr=description)
        _el(nv, "p:cNvGrpSpPr")
        _el(nv, "p:nvPr")
        self.properties = _el(self.element, "p:grpSpPr")
        self.boxes: list[Box] = []

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)

    def _shape(self, name: str, box: Box) -> Any:
        self.boxes.append(box)
        sp = _el(self.element, "p:sp")
        nv = _el(sp, "p:nvSpPr")
        _el(nv, "p:cNvPr", id=self._id(), name=name)
        _el(nv, "p:cNvSpPr")
        _el(nv, "p:nvPr")
        properties = _el(sp, "p:spPr")
        _xfrm(properties, box)
        return properties

    def preset(self, name: str, geometry: str, box: Box, fill: str | None,
               stroke: Stroke | None) -> None:
        properties = self._shape(name, box)
        _el(_el(properties, "a:prstGeom", prst=geometry), "a:avLst")
        _fill(properties, fill)
        _line(properties, stroke)

    def polyline(self, name: str, runs: Sequence[Sequence[Point]], stroke: Stroke) -> None:
        """Open paths through each run of points; a gap between runs is left undrawn."""
        xs = [x for run in runs for x, _ in run]
        ys = [y for run in runs for _, y in run]
        left, top = min(xs), min(ys)
        width, height = max(max(xs) - left, 1), max(max(ys) - top, 1)
        properties = self._shape(name, (left, top, width, height))
        geometry = _el(properties, "a:custGeom")
        for tag in ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"):
            _el(geometry, tag)
        _el(geometry, "a:rect", l="0", t="0", r="r", b="b")
        path = _el(_el(geometry, "a:pathLst"), "a:path", w=str(width), h=str(height))
        for run in runs:
            for index, (x, y) in enumerate(run):
                step = _el(path, "a:moveTo" if index == 0 else "a:lnTo")
                _el(step, "a:pt", x=str(x - left), y=str(y - top))
        _fill(properties, None)
        _line(properties, stroke)

    def close(self) -> int:
        """Size the group to its shapes; returns the next free shape id."""
        left = min(b[0] for b in self.boxes)
        top = min(b[1] for b in self.boxes)
        right = max(b[0] + b[2] for b in self.boxes)
        bottom = max(b[1] + b[3] for b in self.boxes)
        _xfrm(self.properties, (left, top, right - left, bottom - top), children=True)
        return self.next_id
