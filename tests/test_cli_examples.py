"""Every example the help prints works as written, from an empty folder: a user outside the
repository (who installed the wheel) has no inputs/ folder until `init --sample` writes one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.cli import _EXAMPLES

HAVE_LIBREOFFICE = shutil.which("soffice") is not None


def examples(command: str | None) -> list[str]:
    """The command lines of one help's examples, in order, without their explanations."""
    return [re.split(r"\s{2,}", line.strip())[0] for line in _EXAMPLES[command].splitlines()
            if line.startswith("  reportgen ")]


@pytest.mark.parametrize("command", list(_EXAMPLES), ids=lambda c: c or "reportgen")
def test_every_example_works_from_an_empty_folder(command: str | None, tmp_path: Path) -> None:
    lines = examples(command)
    assert lines, command
    for line in lines:
        if "--pdf" in line and not HAVE_LIBREOFFICE and not os.environ.get("CI"):
            continue
        if line.startswith("reportgen watch"):
            continue  # runs until Ctrl-C: tests/test_watch.py runs it
        shell = line.replace("reportgen", f'"{sys.executable}" -m reportgen', 1)
        result = subprocess.run(shell, shell=True, cwd=tmp_path, capture_output=True,
                                text=True, check=False, timeout=600)
        assert result.returncode == 0, (line, result.stderr)
        assert "Traceback" not in result.stderr, line


def test_init_sample_writes_the_shipped_sample(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parent.parent / "inputs" / "sample-2019-03.xlsx"
    run = [sys.executable, "-m", "reportgen", "init", "--sample"]
    first = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    written = tmp_path / "inputs" / "sample-2019-03.xlsx"
    assert first.stdout.strip() == str(Path("inputs", "sample-2019-03.xlsx"))
    assert written.read_bytes() == shipped.read_bytes()
    again = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert again.returncode == 1
    assert again.stderr.strip() == (f"error: {Path('inputs', 'sample-2019-03.xlsx')}: already "
                                    "exists; use --force to overwrite it")
    forced = subprocess.run([*run, "--force"], cwd=tmp_path, capture_output=True, text=True,
                            check=False)
    assert forced.returncode == 0, forced.stderr
