"""A council's own headers mapped once (design.md §2a): `[columns]` in reportgen.toml, and
`init --from`, which writes that table as the workbook was read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from tests.councils import good_is_words, monthly_red_amber_target


def reportgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def _renamed(path: Path, old: str, new: str) -> Path:
    workbook = openpyxl.load_workbook(path)
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new
    workbook.save(path)
    return path


def test_an_unknown_header_is_refused_naming_what_was_found_then_mapped(tmp_path: Path) -> None:
    book = _renamed(monthly_red_amber_target(tmp_path / "book.xlsx"), "NO.", "Line")
    refused = reportgen("check", str(book), "--no-history", cwd=tmp_path)
    assert refused.returncode != 0
    line = refused.stderr.strip()
    assert "no 'Ref' column among the headers found ('Line'?, 'INDICATORS'" in line
    assert line.endswith('map one in reportgen.toml [columns], e.g. ref = "Line"')
    (tmp_path / "reportgen.toml").write_text('[columns]\nref = "Line"\n', encoding="utf-8")
    mapped = reportgen("check", str(book), "--json", "--no-history", cwd=tmp_path)
    assert mapped.returncode == 0, mapped.stderr
    document = json.loads(mapped.stdout)
    assert [i["ref"] for i in document["indicators"]][:2] == ["1.1", "1.2"]
    assert {"cell": "A4", "header": "Line", "role": "ref"} in document["tables"][0]["columns"]


def test_an_unknown_columns_key_is_an_error_naming_line_and_key(tmp_path: Path) -> None:
    book = good_is_words(tmp_path / "book.xlsx")
    (tmp_path / "reportgen.toml").write_text('[columns]\nreff = "NO."\n', encoding="utf-8")
    refused = reportgen("check", str(book), cwd=tmp_path)
    assert refused.returncode != 0
    assert "reportgen.toml:2: [columns] reff: unknown key" in refused.stderr


def test_init_from_writes_the_mapping_it_read_and_it_reads_the_same(tmp_path: Path) -> None:
    book = good_is_words(tmp_path / "book.xlsx")
    before = json.loads(reportgen("check", str(book), "--json", "--no-history",
                                  cwd=tmp_path).stdout)
    written = reportgen("init", "--from", str(book), cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    config = (tmp_path / "reportgen.toml").read_text(encoding="utf-8")
    assert 'ref = "Ref"' in config and 'polarity = "Good is"' in config
    assert 'target = "Target 2023/24"' in config
    after = json.loads(reportgen("check", str(book), "--json", "--no-history",
                                 cwd=tmp_path).stdout)
    assert after["indicators"] == before["indicators"]
    again = reportgen("init", "--from", str(book), cwd=tmp_path)
    assert again.returncode != 0 and "already exists" in again.stderr
