from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from reportgen.errors import OutputError
from reportgen.output import place_file, reproducible_zip, write_atomically


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


def only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", ["deck.pdf", "deck", "book.xlsx", "deck.pptx.bak"])
def test_only_a_pptx_is_written(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError, match=r"not a \.pptx file name"):
        write_atomically(tmp_path / name, b"deck")
    assert only(tmp_path) == []


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    write_atomically(tmp_path / "Deck.PPTX", b"deck")
    assert only(tmp_path) == ["Deck.PPTX"]


@pytest.mark.parametrize("how", ["hard link", "symbolic link"])
def test_never_over_the_workbook(tmp_path: Path, how: str) -> None:
    workbook = tmp_path / "book.xlsx"
    workbook.write_bytes(b"the month's figures")
    deck = tmp_path / "deck.pptx"
    if how == "hard link":
        os.link(workbook, deck)
    else:
        deck.symlink_to(workbook)
    with pytest.raises(OutputError, match="this is the workbook being read"):
        write_atomically(deck, b"deck", source=workbook)
    assert workbook.read_bytes() == b"the month's figures"


def test_never_through_a_symbolic_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.pptx"
    elsewhere.write_bytes(b"someone else's deck")
    link = tmp_path / "deck.pptx"
    link.symlink_to(elsewhere)
    with pytest.raises(OutputError, match="is a symbolic link"):
        write_atomically(link, b"deck")
    assert link.is_symlink() and elsewhere.read_bytes() == b"someone else's deck"


def test_never_over_a_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "deck.pptx"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="is a device or other special file"):
        write_atomically(fifo, b"deck")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert only(tmp_path) == ["deck.pptx"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_never_over_a_device(tmp_path: Path) -> None:
    device = tmp_path / "null.pptx"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
    with pytest.raises(OutputError, match="is a device or other special file"):
        write_atomically(device, b"deck")
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_read_only_deck_is_refused_even_for_root(tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"signed-off deck")
    deck.chmod(0o444)
    with pytest.raises(OutputError, match=r"cannot replace the deck: permission denied \(is it "
                                          r"open in PowerPoint, or read-only\?"):
        write_atomically(deck, b"new deck")
    assert deck.read_bytes() == b"signed-off deck"


def test_longest_legal_name(tmp_path: Path) -> None:
    """255 bytes is the longest name most file systems allow; the temporary name must not add
    to it."""
    deck = tmp_path / ("d" * 250 + ".pptx")
    write_atomically(deck, b"deck")
    assert only(tmp_path) == [deck.name]


def test_stale_temporary_files_are_cleared(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)  # that process has ended
    hour_ago = time.time() - 3600
    leftovers = {
        f".reportgen-{dead_pid}-abc123.tmp": hour_ago,  # a killed build's
        ".deck.pptx.k3j4h5g6.tmp": hour_ago,  # from a version without pids in the name
    }
    kept = {
        f".reportgen-{os.getpid()}-abc123.tmp": hour_ago,  # its build is still running
        f".reportgen-{dead_pid}-fresh1.tmp": time.time(),  # too new to judge
        ".notes.tmp": hour_ago,  # not ours
        "deck.pptx.tmp": hour_ago,
    }
    for name, stamp in {**leftovers, **kept}.items():
        (tmp_path / name).write_bytes(b"partial")
        os.utime(tmp_path / name, (stamp, stamp))
    write_atomically(tmp_path / "deck.pptx", b"deck")
    assert only(tmp_path) == sorted([*kept, "deck.pptx"])


def test_full_disk_while_copying_a_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    produced = tmp_path / "work.pdf"
    produced.write_bytes(b"%PDF" + b"x" * 100_000)
    target = tmp_path / "out" / "deck.pdf"
    target.parent.mkdir()
    target.write_bytes(b"last month's PDF")

    def full(source: Any, destination: Any) -> None:
        destination.write(source.read(4096))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copyfileobj", full)
    with pytest.raises(OutputError, match="cannot write the PDF: No space left on device"):
        place_file(produced, target)
    assert only(target.parent) == ["deck.pdf"]
    assert target.read_bytes() == b"last month's PDF"
