"""Speaker notes: the figures behind each slide in sentences, for the presenter and the printed
notes pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def set_notes(slide: Any, lines: Iterable[str]) -> None:
    text = "\n".join(line for line in lines if line)
    if text:
        slide.notes_slide.notes_text_frame.text = text


def add_note(slide: Any, line: str) -> None:
    """One more line after whatever the slide's notes already say."""
    frame = slide.notes_slide.notes_text_frame
    frame.text = f"{frame.text}\n{line}" if frame.text else line
