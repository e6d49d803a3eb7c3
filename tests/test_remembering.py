"""The deck that remembers (issue 11), end to end through ``python -m reportgen``.

February is the sample; March is the sample a month on (``tests.builders.march_spec``), with
5.10's December figure changed from 3.9% to 4.6%. Building February records what its deck showed;
March is then compared with it. Builds are slow (python-pptx), so the folders that are only read
(checked, shown, exported) are built once per module; a test that changes a store works on a copy.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pptx import Presentation

from reportgen.ingest import read_report
from reportgen.ingest.writer import pct, write_workbook
from tests.builders import SPC_SERIES, march_spec, restated, spc_spec
from tests.conftest import SAMPLE

STORE = Path("outputs") / "history.sqlite"
"""The default store, relative to the folder a command runs in."""

RESTATED = "5.10"
"""March restates this indicator's December 2018: 3.9% in February's pack, 4.6% in March's."""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    return result


def check_json(workbook: str, cwd: Path, *options: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(ok(run("check", workbook, "--json", *options,
                                                 cwd=cwd)).stdout)
    return document


def by_ref(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["ref"]: item for item in document["indicators"]}


def figures_in(workbook: Path) -> int:
    """How many figures the workbook's KPI table gives, counted from the workbook as read (a
    missing figure is not one): what one recording of it must add to the store."""
    fields = ("previous_year", "numerator", "denominator", "current", "target_min",
              "target_upper")
    return sum(sum(getattr(ind, name) is not None for name in fields)
               + sum(figure is not None for figure in ind.trend)
               for ind in read_report(workbook).kpis.indicators)


def exported(cwd: Path, *options: str) -> list[list[str]]:
    """``history export --csv`` as rows, header first."""
    return list(csv.reader(ok(run("history", "export", "--csv", *options, cwd=cwd)).stdout
                           .splitlines()))


def slide_text(slide: Any) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def slide_titled(prs: Any, start: str) -> Any:
    found = [s for s in prs.slides if s.shapes.title is not None
             and s.shapes.title.text_frame.text.startswith(start)]
    assert len(found) == 1, [s.shapes.title.text_frame.text for s in prs.slides]
    return found[0]


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# -- February, then March ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def february(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where February has been built (its store holds what February's deck showed),
    with March beside it, not yet built."""
    folder = tmp_path_factory.mktemp("february")
    shutil.copy(SAMPLE, folder / "february.xlsx")
    write_workbook(folder / "march.xlsx",
                   restated(march_spec(), RESTATED, "Dec 18", pct(0.046)))
    ok(run("build", "february.xlsx", cwd=folder))
    return folder


@pytest.fixture(scope="module")
def february_json(february: Path) -> dict[str, Any]:
    return check_json("february.xlsx", february, "--no-history")


@pytest.fixture(scope="module")
def march_json(february: Path) -> dict[str, Any]:
    return check_json("march.xlsx", february)


@pytest.fixture(scope="module")
def march_deck(february: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[
        subprocess.CompletedProcess[str], Any]:
    """March built with its data-quality appendix, on a copy of February's folder."""
    folder = tmp_path_factory.mktemp("march") / "work"
    shutil.copytree(february, folder)
    result = ok(run("build", "march.xlsx", "--appendix", "-o", "march.pptx", cwd=folder))
    return result, Presentation(str(folder / "march.pptx"))


def test_march_compares_with_the_rag_februarys_deck_showed(
        february_json: dict[str, Any], march_json: dict[str, Any]) -> None:
    shown = {ref: item["rag"] for ref, item in by_ref(february_json).items()}
    march = by_ref(march_json)
    assert {ref: item["rag_last_month"] for ref, item in march.items() if ref in shown} == \
        {ref: rag for ref, rag in shown.items() if ref in march}
    assert march["7.1"]["rag_last_month"] is None  # new in March: the board saw nothing


def test_a_ytd_measure_moves_band_against_februarys_current_as_shown(
        february_json: dict[str, Any], march_json: dict[str, Any]) -> None:
    """2.10 is YTD: February's Current 91.3% was amber (its February month, 89.4%, was red:
    comparing month columns would see no move). March's Current, 89.4%, is red."""
    before, now = by_ref(february_json)["2.10"], by_ref(march_json)["2.10"]
    assert (before["period_type"], before["current"], before["rag"]) == ("YTD", 91.3, "amber")
    assert (now["rag_last_month"], now["rag"]) == ("amber", "red")
    assert now["band_move"] == "amber→red"
    moved = {ref for ref, item in by_ref(march_json).items() if item["band_move"]}
    assert moved == {"2.10"}


def test_without_the_store_a_ytd_measure_claims_no_move(february: Path) -> None:
    """design.md §3: without history, a cumulative measure claims no move."""
    alone = by_ref(check_json("march.xlsx", february, "--no-history"))["2.10"]
    assert (alone["rag"], alone["rag_last_month"], alone["band_move"]) == ("red", None, None)


def test_the_march_decks_glance_lists_the_move(march_deck: tuple[Any, Any]) -> None:
    _, prs = march_deck
    glance = slide_text(slide_titled(prs, "KPIs at a glance"))
    assert re.search(r"Into red: 2\.10 Assessments completed[^(]*\(from amber\)", glance)
    assert "Moved RAG band since February 2019:" in glance  # the pack, with its year


# -- a restated December ----------------------------------------------------------------------


def test_check_warns_of_the_restated_month_naming_both_workbooks(february: Path) -> None:
    text = ok(run("check", "march.xlsx", cwd=february)).stdout
    assert text.splitlines()[0].startswith("march.xlsx: ")  # the workbook checked
    warnings = [line.strip() for line in text.splitlines() if "restated" in line]
    assert len(warnings) == 1
    assert re.fullmatch(r"5\.10: Dec 18: 3\.9% in february\.xlsx \(figures to .+\), 4\.6% now "
                        r"\(restated\)", warnings[0]), warnings[0]


def test_the_json_lists_the_restatement(march_json: dict[str, Any]) -> None:
    indicators = by_ref(march_json)
    assert indicators[RESTATED]["restatements"] == [
        {"month": "2018-12", "was": 3.9, "now": 4.6, "reported_in": "february.xlsx"}]
    assert all(item["restatements"] == [] for ref, item in indicators.items() if ref != RESTATED)
    warning = next(w for w in indicators[RESTATED]["warnings"] if "restated" in w)
    assert warning in march_json["warnings"]


def test_the_build_and_its_appendix_name_both_workbooks(march_deck: tuple[Any, Any]) -> None:
    result, prs = march_deck
    line = next(line for line in result.stderr.splitlines() if "restated" in line)
    assert line.startswith("warning: march.xlsx: 5.10: Dec 18: 3.9% ")
    assert "in february.xlsx (figures to February 2019)" in line and "4.6% now" in line
    appendix = "\n".join(slide_text(s) for s in prs.slides
                         if s.shapes.title is not None
                         and s.shapes.title.text_frame.text.startswith("Data quality"))
    # the appendix names the indicator after its ref: "5.10 LAC Single Assessments…: Dec 18…"
    ref, _, said = line.removeprefix("warning: march.xlsx: ").partition(": ")
    assert any(shown.startswith(f"{ref} ") and shown.endswith(f": {said}")
               for shown in appendix.splitlines())


def test_a_restated_figure_is_for_the_team_and_marks_the_deck_draft(
        march_deck: tuple[Any, Any]) -> None:
    # A restatement is a data-quality doubt (design.md §3): the speaker notes name it for the
    # presenter, the deck is a draft until the team accepts it, and no slide shows it.
    _, prs = march_deck
    glance = slide_titled(prs, "KPIs at a glance")
    notes = glance.notes_slide.notes_text_frame.text
    assert "Restated since an earlier pack: 5.10 LAC Single Assessments not yet…, Dec 18: " \
           "3.9% → 4.6%" in notes
    assert "Draft: " in prs.slides[0].placeholders[1].text_frame.text
    cover_notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert re.search(r"5\.10 to check: Dec 18: 3\.9% in february\.xlsx .*4\.6% now", cover_notes)
    assert not any("Restated" in slide_text(slide) or "†" in slide_text(slide)
                   for slide in prs.slides)


# -- SPC on 24 months -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spc_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("spc")
    write_workbook(folder / "spc.xlsx", spc_spec())
    document = check_json("spc.xlsx", folder)
    assert len(document["months"]) == 24
    return by_ref(document)


def test_every_24_month_series_has_an_spc_reading(spc_json: dict[str, dict[str, Any]]) -> None:
    assert set(spc_json) == set(SPC_SERIES)
    for ref, item in spc_json.items():
        assert item["spc"]["points"] == 24, ref
        assert item["spc"]["mean"] == pytest.approx(sum(SPC_SERIES[ref][1]) / 24)
        assert item["spc"]["lower"] < item["spc"]["mean"] < item["spc"]["upper"]


def test_a_series_that_shifts_up_for_its_last_7_months_is_special_cause_improvement(
        spc_json: dict[str, dict[str, Any]]) -> None:
    item = spc_json["S1"]
    assert item["polarity"] == "higher"
    assert all(v > item["spc"]["mean"] for v in item["trend"][-7:])
    assert item["trend"][-8] < item["spc"]["mean"]
    assert max(item["trend"]) < item["spc"]["upper"]  # the shift alone flags it
    assert item["spc"]["variation"] == "improvement"


def test_a_point_below_the_lower_limit_is_special_cause_concern(
        spc_json: dict[str, dict[str, Any]]) -> None:
    item = spc_json["S2"]
    assert item["trend"][-1] < item["spc"]["lower"]
    assert item["spc"]["variation"] == "concern"


def test_a_stable_series_is_common_cause(spc_json: dict[str, dict[str, Any]]) -> None:
    item = spc_json["S3"]
    assert item["spc"]["variation"] == "common"
    assert (item["spc"]["assurance_min"], item["spc"]["assurance_upper"]) == ("pass", "fail")


def test_a_target_above_the_upper_process_limit_fails_assurance(
        spc_json: dict[str, dict[str, Any]]) -> None:
    item = spc_json["S4"]
    assert item["spc"]["upper"] < item["target_min"] < item["target_upper"]
    assert (item["spc"]["assurance_min"], item["spc"]["assurance_upper"]) == ("fail", "fail")
    assert item["spc"]["variation"] == "common"


# -- one store, two builds at once --------------------------------------------------------------


def test_two_builds_at_once_both_record_or_one_reports_the_lock(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "february.xlsx")
    write_workbook(tmp_path / "march.xlsx", march_spec())
    names = ("february", "march")
    started = [subprocess.Popen(
        [sys.executable, "-m", "reportgen", "build", f"{name}.xlsx", "-o", f"{name}.pptx",
         "--history", "shared.sqlite"], cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for name in names]
    built = []
    for name, process in zip(names, started, strict=True):
        _, stderr = process.communicate(timeout=120)
        errors = [line for line in stderr.splitlines() if line.startswith("error:")]
        if process.returncode == 0:
            assert not errors
            built.append(name)
        else:
            assert len(errors) == 1 and "in use by another build" in errors[0], stderr
            assert not (tmp_path / f"{name}.pptx").exists()
    assert built, "neither build succeeded"
    rows = exported(tmp_path, "--history", "shared.sqlite")[1:]
    assert len(rows) == sum(figures_in(tmp_path / f"{name}.xlsx") for name in built)
    assert {row[0] for row in rows} == {f"{name}.xlsx" for name in built}
    with closing(sqlite3.connect(tmp_path / "shared.sqlite")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


# -- rebuilding, --no-history, check ----------------------------------------------------------


def test_rebuilding_the_same_workbook_is_idempotent(february: Path, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    shutil.copytree(february, folder)
    once = exported(folder)
    assert len(once) - 1 == figures_in(folder / "february.xlsx")
    first = next((folder / "outputs").glob("*.pptx"))
    ok(run("build", "february.xlsx", "-o", "again.pptx", cwd=folder))
    assert exported(folder) == once
    # February's own record did not make the second deck differ from the first
    assert (folder / "again.pptx").read_bytes() == first.read_bytes()


def test_no_history_creates_no_store(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "february.xlsx")
    ok(run("build", "february.xlsx", "--no-history", cwd=tmp_path))
    ok(run("check", "february.xlsx", "--no-history", cwd=tmp_path))
    assert list((tmp_path / "outputs").glob("*.pptx"))  # the deck was built...
    assert not (tmp_path / STORE).exists()  # ...and no store with it
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == [
        p.name for p in (tmp_path / "outputs").glob("*.pptx")]


def test_no_history_neither_reads_nor_writes_an_existing_store(february: Path,
                                                               tmp_path: Path) -> None:
    folder = tmp_path / "work"
    shutil.copytree(february, folder)
    before = fingerprint(folder / STORE)
    ok(run("build", "march.xlsx", "--no-history", "-o", "march.pptx", cwd=folder))
    assert fingerprint(folder / STORE) == before
    glance = slide_text(slide_titled(Presentation(str(folder / "march.pptx")),
                                     "KPIs at a glance"))
    assert "2.10 (from" not in glance  # February's deck was not read


def test_check_never_creates_a_store(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "february.xlsx")
    ok(run("check", "february.xlsx", "--json", cwd=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["february.xlsx"]


def test_check_never_changes_the_store(february: Path, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    shutil.copytree(february, folder)
    before = fingerprint(folder / STORE)
    listing = sorted(p.name for p in (folder / "outputs").iterdir())
    # it did read the store...
    assert by_ref(check_json("march.xlsx", folder))["2.10"]["rag_last_month"] == "amber"
    assert fingerprint(folder / STORE) == before  # ...and left it as it was
    assert sorted(p.name for p in (folder / "outputs").iterdir()) == listing


# -- history import, show, export -------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A folder of two packs whose names sort against their months (a-march.xlsx is March,
    b-february.xlsx February), imported into store.sqlite; and what the import printed."""
    folder = tmp_path_factory.mktemp("imported")
    packs = folder / "packs"
    packs.mkdir()
    shutil.copy(SAMPLE, packs / "b-february.xlsx")
    write_workbook(packs / "a-march.xlsx",
                   restated(march_spec(), RESTATED, "Dec 18", pct(0.046)))
    result = ok(run("history", "import", "packs", "--history", "store.sqlite", cwd=folder))
    return folder, result.stdout


def test_import_records_in_month_order_whatever_the_names(imported: tuple[Path, str]) -> None:
    _, printed = imported
    lines = printed.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{Path('packs', 'b-february.xlsx')}: February 2019, ")
    assert lines[1].startswith(f"{Path('packs', 'a-march.xlsx')}: March 2019, ")
    # March was recorded after February, so February's December was there to differ from
    assert lines[1].endswith("; 1 restated month")
    assert "restated" not in lines[0]


_SHOWN_ROW = re.compile(r"(?P<month>\w{3} \d{2}) +(?P<field>\w+) +(?P<figure>\S+)( \w+)?  "
                        r"(?P<pack>\w{3} \d{2}) +(?P<workbook>\S+) +(?P<sheet>\w+)!(?P<cell>\w+)")


def test_show_prints_each_figure_with_its_workbook_and_cell(imported: tuple[Path, str]) -> None:
    folder, _ = imported
    lines = ok(run("history", "show", RESTATED, "--history", "store.sqlite",
                   cwd=folder)).stdout.splitlines()
    assert lines[0].startswith("5.10 % of LAC Single Assessments")
    rows = [_SHOWN_ROW.fullmatch(line) for line in lines[2:]]
    assert all(rows), [line for line, row in zip(lines[2:], rows, strict=True) if not row]
    recorded = [row for row in exported(folder, "--history", "store.sqlite")[1:]
                if row[4] == RESTATED]
    assert len(rows) == len(recorded)
    books = {name: openpyxl.load_workbook(folder / "packs" / name)
             for name in ("a-march.xlsx", "b-february.xlsx")}
    for row in rows:
        assert row is not None
        cell = books[row["workbook"]][row["sheet"]][row["cell"]]
        value = cell.value * 100 if "%" in cell.number_format else cell.value
        assert float(row["figure"].rstrip("%")) == pytest.approx(value, abs=0.05), row.group()
    december = {row["workbook"]: row["figure"] for row in rows
                if row is not None and row["month"] == "Dec 18"}
    assert december == {"b-february.xlsx": "3.9%", "a-march.xlsx": "4.6%"}


def test_export_writes_a_csv_with_a_header_and_one_row_per_figure(
        imported: tuple[Path, str]) -> None:
    folder, _ = imported
    result = ok(run("history", "export", "--csv", "-o", "all.csv", "--history", "store.sqlite",
                    cwd=folder))
    with (folder / "all.csv").open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["workbook", "period", "sheet", "title", "ref", "measure", "field",
                       "month", "value", "decimals", "cell", "rag", "text", "shown"]
    counts = {name: figures_in(folder / "packs" / name)
              for name in ("a-march.xlsx", "b-february.xlsx")}
    assert len(rows) - 1 == sum(counts.values())
    assert result.stdout == f"all.csv: {sum(counts.values())} figures\n"
    assert all(len(row) == len(rows[0]) for row in rows)
    for name, count in counts.items():
        assert sum(row[0] == name for row in rows[1:]) == count


def test_show_of_an_unknown_ref_is_one_error_line(imported: tuple[Path, str]) -> None:
    folder, _ = imported
    result = run("history", "show", "9.99", "--history", "store.sqlite", cwd=folder)
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: store.sqlite: ") and "9.99" in result.stderr


_COMMANDS = {
    "build": ("build", "february.xlsx"),
    "check": ("check", "february.xlsx"),
    "check --json": ("check", "february.xlsx", "--json"),
    "history import": ("history", "import", "february.xlsx"),
    "history show": ("history", "show", "1.1"),
    "history export": ("history", "export", "--csv"),
}


@pytest.mark.parametrize("command", list(_COMMANDS))
def test_a_store_that_is_not_a_reportgen_store_is_one_error_line_naming_it(
        command: str, tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "february.xlsx")
    (tmp_path / "notes.txt").write_text("minutes of the March meeting\n")
    result = run(*_COMMANDS[command], "--history", "notes.txt", cwd=tmp_path)
    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("error: notes.txt: ")
    assert (tmp_path / "notes.txt").read_text() == "minutes of the March meeting\n"
    assert not list(tmp_path.rglob("*.pptx"))
    if command == "check --json":
        line = result.stderr[len("error: "):].strip()
        assert json.loads(result.stdout) == {"error": line, "errors": [line]}


def test_an_export_that_fails_writes_nothing_to_standard_output(tmp_path: Path) -> None:
    """Not even the CSV's header: ``export --csv > all.csv`` must not look like an empty
    export."""
    (tmp_path / "notes.txt").write_text("not a store\n")
    result = run("history", "export", "--csv", "--history", "notes.txt", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stdout == ""


def test_a_new_month_under_last_months_file_name_still_compares_with_last_month(
        tmp_path: Path) -> None:
    """Each month the team saves the new workbook over inputs/pack.xlsx and builds it: the
    store knows a workbook by its name and month, so March does not replace February."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / "pack.xlsx")
    ok(run("build", cwd=tmp_path))
    write_workbook(inputs / "pack.xlsx", march_spec())
    march = by_ref(check_json(str(Path("inputs", "pack.xlsx")), tmp_path))["2.10"]
    assert (march["rag_last_month"], march["band_move"]) == ("amber", "amber→red")
    ok(run("build", cwd=tmp_path))
    periods = [row[1] for row in exported(tmp_path)[1:]]
    assert {period: periods.count(period) for period in periods} == {
        "2019-02": figures_in(SAMPLE), "2019-03": figures_in(inputs / "pack.xlsx")}


def test_the_table_shows_the_restated_month_as_the_workbook_now_gives_it(
        march_deck: tuple[Any, Any]) -> None:
    _, prs = march_deck
    rows = [[cell.text_frame.text for cell in row.cells]
            for slide in prs.slides for shape in slide.shapes if shape.has_table
            for row in shape.table.rows]
    header = next(r for r in rows if r[0] == "Ref")
    row = next(r for r in rows if r[0] == RESTATED)
    assert row[header.index("Dec 18")] == "4.6%"  # unmarked: the notes and check say it

