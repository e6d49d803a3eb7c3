"""The package as a user installs it: the wheel, built from this tree and installed with its
dependencies into a fresh virtual environment, run from an empty folder outside the
repository: `init --sample`, `build`, and `build --pdf` with no poppler on the PATH.

It builds a wheel and downloads the dependencies (a minute or so), so it runs in CI
(CI=true) or when REPORTGEN_WHEEL_TEST=1; the other tests run reportgen from the tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("REPORTGEN_WHEEL_TEST")),
    reason="builds and installs the wheel: set REPORTGEN_WHEEL_TEST=1 (CI sets CI=true)")


def without_poppler(folder: Path) -> str:
    """A PATH holding every program of the system's but poppler's (pdftotext, pdftoppm, ...)."""
    folder.mkdir()
    for place in os.environ.get("PATH", "").split(os.pathsep):
        if not place or not Path(place).is_dir():
            continue
        for program in Path(place).iterdir():
            link = folder / program.name
            if program.name.startswith("pdf") or link.exists() or link.is_symlink():
                continue
            link.symlink_to(program)
    return str(folder)


def test_the_wheel_installs_and_builds_from_an_empty_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(ROOT)], check=True, timeout=600)
    wheel = next(wheels.glob("reportgen_kpi-*.whl"))
    with zipfile.ZipFile(wheel) as built:
        names = built.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = built.read(metadata).decode()
    assert "reportgen/sample/sample-2019-03.xlsx" in names
    assert "reportgen/templates/cabinet.pptx" in names
    assert not any(name.startswith("reportgen/sample/demo") for name in names)
    assert "License-Expression: MIT" in text
    assert any(name.endswith("licenses/LICENSE") for name in names)

    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    scripts = environment / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / "python"
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    # the pip a new Python brings: 25.1 and later show a licence given as an SPDX expression
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip>=25.1"],
                   env=env, check=True, timeout=900)
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], env=env,
                   check=True, timeout=900)
    shown = subprocess.run([str(python), "-m", "pip", "show", "reportgen-kpi"], env=env,
                           capture_output=True, text=True, check=True).stdout
    assert "Name: reportgen-kpi" in shown
    assert "License-Expression: MIT" in shown, shown
    assert str(environment) in shown

    empty = tmp_path / "empty"
    empty.mkdir()
    env["PATH"] = os.pathsep.join([str(scripts), without_poppler(tmp_path / "bin")])
    assert shutil.which("pdftotext", path=env["PATH"]) is None

    def reportgen(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(scripts / "reportgen"), *args], cwd=empty, env=env,
                                capture_output=True, text=True, check=False, timeout=600)
        assert result.returncode == 0, (args, result.stderr)
        return result

    located = subprocess.run([str(python), "-c", "import reportgen; print(reportgen.__file__)"],
                             cwd=empty, env=env, capture_output=True, text=True, check=True)
    assert str(environment) in located.stdout  # the installed package, not this tree
    reportgen("init", "--sample")
    assert (empty / "inputs" / "sample-2019-03.xlsx").is_file()
    reportgen("build")
    decks = list((empty / "outputs").glob("*.pptx"))
    assert len(decks) == 1
    if shutil.which("soffice", path=env["PATH"]) or os.environ.get("CI"):
        reportgen("build", "--pdf", "--no-history")
        assert decks[0].with_suffix(".pdf").is_file()
