"""`check`, `init` and `--version` never draw a slide, so they do not load python-pptx (a third of
a second at every call); nor does planning a deck. Read from ``python -X importtime``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE


def imported(*args: str) -> set[str]:
    """Every module the command imports, from the ``-X importtime`` lines on stderr."""
    done = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":  # the header line
                modules.add(name)
    return modules


def pptx_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m == "pptx" or m.startswith("pptx."))


@pytest.mark.parametrize("args", [
    ("check", str(SAMPLE)),
    ("check", str(SAMPLE), "--json"),
    ("--version",),
], ids=["check", "check --json", "--version"])
def test_commands_that_draw_nothing_import_no_pptx(args: tuple[str, ...]) -> None:
    modules = imported("-m", "reportgen", *args)
    assert "reportgen.cli" in modules  # the reading worked: the command's own modules are seen
    assert pptx_in(modules) == []


def test_init_imports_no_pptx(tmp_path: Path) -> None:
    target = tmp_path / "starter.xlsx"
    modules = imported("-m", "reportgen", "init", str(target))
    assert target.is_file()
    assert "reportgen.ingest.starter" in modules
    assert pptx_in(modules) == []


def test_planning_a_deck_imports_no_pptx() -> None:
    script = (
        "from pathlib import Path\n"
        "from reportgen.indicators import assess_all\n"
        "from reportgen.ingest import read_report\n"
        "from reportgen.plan import BUILTIN_GEOMETRY, plan_deck\n"
        f"report = read_report(Path({str(SAMPLE)!r}))\n"
        "plan_deck(report, assess_all(report.kpis.indicators), BUILTIN_GEOMETRY)\n")
    modules = imported("-c", script)
    assert "reportgen.plan.deck" in modules
    assert pptx_in(modules) == []


def test_building_a_deck_does_import_pptx(tmp_path: Path) -> None:
    # The same reading sees python-pptx where it is used: the check above can fail.
    modules = imported("-m", "reportgen", "build", str(SAMPLE), "-o", str(tmp_path / "d.pptx"))
    assert "pptx" in pptx_in(modules)
    # One workbook needs no pool of worker processes, no PDF export and no starter workbook:
    # each would add to every build's start-up.
    assert not {"concurrent.futures.process", "multiprocessing", "reportgen.export",
                "reportgen.ingest.starter"} & modules
    # Nor JSON (for check --json) or TOML (for a folder's reportgen.toml)
    assert not {"json", "tomllib"} & modules


def test_json_and_toml_are_loaded_where_used(tmp_path: Path) -> None:
    # The same reading sees them where they are used: the check above can fail.
    (tmp_path / "reportgen.toml").write_text("[deck]\n", encoding="utf-8")
    modules = imported("-m", "reportgen", "check", str(SAMPLE), "--json",
                       "--config", str(tmp_path / "reportgen.toml"))
    assert {"json", "tomllib"} <= modules


def test_charts_are_drawn_without_xlsxwriter(tmp_path: Path) -> None:
    # XlsxWriter and pptx.chart.data (which imports it) were a tenth of a build; the charts'
    # workbooks are written by reportgen.compose.chart_workbook instead.
    modules = imported("-m", "reportgen", "build", str(SAMPLE), "-o", str(tmp_path / "d.pptx"),
                       "--no-history")
    assert "reportgen.compose.chart_workbook" in modules
    assert not {"xlsxwriter", "pptx.chart.data", "pptx.chart.xlsx"} & modules


def test_python_pptxs_chart_data_brings_xlsxwriter() -> None:
    # The same reading sees them where they are imported: the check above can fail.
    assert {"xlsxwriter", "pptx.chart.data"} <= imported("-c", "import pptx.chart.data")


def test_a_batch_loads_the_pool(tmp_path: Path) -> None:
    # The same reading sees them where they are used: the check above can fail.
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        (folder / name).write_bytes(SAMPLE.read_bytes())
    modules = imported("-m", "reportgen", "build", str(folder), "-o", f"{tmp_path / 'out'}/",
                       "--no-history")
    assert {"concurrent.futures.process", "multiprocessing"} <= modules


def test_the_plan_tests_do_without_python_pptx() -> None:
    # The plan is tested as values; a plan test that needs python-pptx tests the renderer.
    sources = sorted((ROOT / "tests" / "plan").glob("*.py"))
    assert len(sources) >= 10
    for source in sources:
        text = source.read_text(encoding="utf-8")
        assert "import pptx" not in text and "from pptx" not in text, source.name
