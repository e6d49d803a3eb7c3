from __future__ import annotations

import os
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from reportgen.errors import OutputError
from reportgen.output import reproducible_zip, write_atomically


def zipped(stamp: tuple[int, int, int, int, int, int]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("a.xml", date_time=stamp), b"<a/>")
    return out.getvalue()


def test_same_content_same_bytes_whatever_the_clock() -> None:
    assert reproducible_zip(zipped((2020, 1, 1, 0, 0, 0))) == \
        reproducible_zip(zipped((2026, 11, 26, 5, 30, 0)))


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    write_atomically(target, b"new deck")
    assert target.read_bytes() == b"new deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_failed_replace_keeps_old_deck_and_no_temp(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError, match="is it open in PowerPoint"):
        write_atomically(target, b"new deck")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_interrupted_write_keeps_old_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new deck")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
