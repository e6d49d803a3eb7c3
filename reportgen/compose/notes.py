"""Speaker notes: the figures behind each slide in sentences, for the presenter and the printed
notes pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def set_notes(slide: Any, lines: Iterable[str]) -> None:
    text = "\n".join(line for line in lines if line)
    if text:
        slide.notes_slide.notes_text_frame.text = text
