"""Picture parts added to a deck without python-pptx's search for duplicates.

``SlidePart.get_or_add_image_part`` hashes the new picture and then walks every part of the
package looking for one with the same hash, and names the new part by walking them again: once
per picture, so a long table of trend pictures spent most of its time there. The composer only adds
pictures, so one dictionary of the pictures it added finds duplicates, and a counter names them;
another of the slides each is related to finds the relationship a slide already has.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import ImagePart

from reportgen.compose._oxml import add_relationship


class Pictures:
    """The PNG pictures of one deck being composed."""

    def __init__(self, package: Any, stem: str = "trend") -> None:
        self._package = package
        self._stem = stem
        self._parts: dict[str, Any] = {}
        self._related: dict[tuple[int, str], str] = {}

    def relate(self, slide: Any, png: bytes) -> str:
        """The relationship id by which ``slide`` refers to the picture ``png``."""
        digest = hashlib.sha1(png).hexdigest()
        part = self._parts.get(digest)
        if part is None:
            # A name of our own, so it cannot clash with the template's image1.png, ...
            name = PackURI(f"/ppt/media/{self._stem}{len(self._parts) + 1}.png")
            part = ImagePart(name, "image/png", self._package, png)
            self._parts[digest] = part
        key = (id(slide.part), digest)
        if key not in self._related:
            self._related[key] = add_relationship(slide.part, part, RT.IMAGE)
        return self._related[key]
