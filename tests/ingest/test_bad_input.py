"""Broken or hostile files are refused with one clear line, quickly and in bounded memory."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import openpyxl
import pytest

from reportgen.errors import InputError, SetupError
from reportgen.ingest import read_report, require_defused_xml
from tests.bad_files import BAD_FILES, SAMPLE


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_report(path)
    return str(caught.value)


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_refused(tmp_path: Path, kind: str) -> None:
    make, message = BAD_FILES[kind]
    path = tmp_path / "book.xlsx"
    make(path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    assert error_of(path).startswith(f"{path}: {message}")
    # generous bounds: the point is "seconds, not minutes; megabytes, not gigabytes"
    assert time.perf_counter() - started < 20
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400 * 1024


@pytest.mark.parametrize(("name", "advice"), [
    ("book.xls", "save it as .xlsx"),
    ("book.ods", "save it as Excel .xlsx"),
    ("book.csv", "save it as an Excel Workbook (.xlsx)"),
])
def test_other_formats_get_advice(tmp_path: Path, name: str, advice: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    assert advice in error_of(path)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert error_of(tmp_path) == f"{tmp_path}: is a folder, not a workbook"


def test_defusedxml_is_in_use() -> None:
    assert openpyxl.DEFUSEDXML is True
    require_defused_xml()


def test_refuses_to_parse_without_defusedxml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(SetupError, match="pip install defusedxml"):
        read_report(SAMPLE)
