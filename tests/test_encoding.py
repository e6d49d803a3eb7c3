"""Consoles that are not UTF-8 (design.md §4): JSON is UTF-8 bytes whatever the console's
encoding, text falls back to ASCII equivalents, and a settings file with a byte-order mark is
read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.config import read_config
from tests.conftest import SAMPLE


def reportgen(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          env=env, check=False)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_check_json_is_utf8_whatever_the_console(encoding: str) -> None:
    done = reportgen("check", str(SAMPLE), "--json", "--no-history", encoding=encoding)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout.decode("utf-8"))
    assert "green→amber" in {i["band_move"] for i in document["indicators"]}


def test_check_json_error_is_utf8_too(tmp_path: Path) -> None:
    missing = tmp_path / "café→.xlsx"
    done = reportgen("check", str(missing), "--json", "--no-history", encoding="ascii")
    assert done.returncode == 1
    assert "café→" in json.loads(done.stdout.decode("utf-8"))["error"]
    assert b"Traceback" not in done.stderr


def test_plain_check_on_an_ascii_console_shows_ascii_equivalents() -> None:
    done = reportgen("check", str(SAMPLE), "--no-history", encoding="ascii")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("ascii")
    assert "green->amber" in text or "->" in text
    assert b"internal error" not in done.stderr


def test_a_settings_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "reportgen.toml"
    path.write_bytes(b"\xef\xbb\xbf[deck]\nmarking = \"OFFICIAL\"\n")
    assert read_config(path).marking == "OFFICIAL"
