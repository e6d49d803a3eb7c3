"""End to end: reportgen.toml found beside the workbook, read by ``build`` and ``check``, and a
mistake in it one error line; the deck read back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from pptx import Presentation

from reportgen.history import series
from tests.conftest import SAMPLE

MARKING = "OFFICIAL-SENSITIVE"

SETTINGS = f"""\
[deck]
marking = "{MARKING}"
exceptions = 1

[indicators."1.1"]
polarity = "lower"

[indicators."3.1"]
hide = true
definition = "Not shown."
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def folder_with_settings(tmp_path: Path, settings: str = SETTINGS) -> Path:
    """The sample in a folder of its own with a reportgen.toml beside it."""
    books = tmp_path / "books"
    books.mkdir()
    shutil.copy(SAMPLE, books / "march.xlsx")
    (books / "reportgen.toml").write_text(settings, encoding="utf-8")
    return books / "march.xlsx"


def texts_of(slide: object) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes  # type: ignore[attr-defined]
            if shape.has_text_frame]


def test_the_config_beside_the_workbook_shapes_the_deck(tmp_path: Path) -> None:
    workbook = folder_with_settings(tmp_path)
    deck = tmp_path / "deck.pptx"
    result = run("build", str(workbook), "-o", str(deck), "--no-history")
    assert result.returncode == 0, result.stderr
    prs = Presentation(str(deck))
    for number, slide in enumerate(prs.slides, start=1):
        assert MARKING in texts_of(slide), number
        assert not any("CIN Plan completed" in text for text in texts_of(slide)), number
    assert prs.core_properties.keywords == prs.core_properties.category == MARKING
    # one exception slide (the configured cap) and the reds past it listed
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert sum(title[:1].isdigit() and (" against " in title or " above the " in title)
               for title in titles) == 1
    assert any(title.startswith("Other red indicators") for title in titles)


def test_check_reads_the_config_too(tmp_path: Path) -> None:
    workbook = folder_with_settings(tmp_path)
    result = run("check", str(workbook), "--json", "--no-history")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["config"] == str(workbook.parent / "reportgen.toml")
    by_ref = {i["ref"]: i for i in document["indicators"]}
    assert (by_ref["1.1"]["polarity"], by_ref["1.1"]["rag"]) == ("lower", "red")
    assert "3.1" not in by_ref
    assert document["hidden"] == [{"ref": "3.1",
                                   "measure": "% of children in need with CIN Plan completed"}]
    assert document["summary"]["total"] == 18
    text = run("check", str(workbook), "--no-history").stdout
    assert f"Hidden by {workbook.parent / 'reportgen.toml'} (on no slide, in no count): 3.1" \
        in text


def test_the_command_line_has_the_last_word(tmp_path: Path) -> None:
    workbook = folder_with_settings(tmp_path)
    deck = tmp_path / "deck.pptx"
    result = run("build", str(workbook), "-o", str(deck), "--no-history", "--exceptions", "3")
    assert result.returncode == 0, result.stderr
    titles = [slide.shapes.title.text for slide in Presentation(str(deck)).slides]
    assert sum(title[:1].isdigit() and (" against " in title or " above the " in title)
               for title in titles) == 3


def test_a_config_named_on_the_command_line_wins(tmp_path: Path) -> None:
    workbook = folder_with_settings(tmp_path)
    other = tmp_path / "plain.toml"
    other.write_text("[deck]\nmarking = \"OFFICIAL\"\n", encoding="utf-8")
    result = run("check", str(workbook), "--json", "--no-history", "--config", str(other))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hidden"] == []


def test_a_config_in_the_working_folder_is_found(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text('[indicators."3.1"]\nhide = true\n',
                                             encoding="utf-8")
    result = run("check", str(SAMPLE), "--json", "--no-history", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [h["ref"] for h in json.loads(result.stdout)["hidden"]] == ["3.1"]


def test_a_misspelt_key_is_one_error_line_and_no_deck(tmp_path: Path) -> None:
    workbook = folder_with_settings(tmp_path, '[deck]\nmarking = "x"\n\n[indicators."2.1"]\n'
                                              'polarty = "lower"\n')
    deck = tmp_path / "deck.pptx"
    result = run("build", str(workbook), "-o", str(deck), "--no-history")
    settings = workbook.parent / "reportgen.toml"
    assert result.returncode == 1
    assert result.stderr == (f'error: {settings}:5: [indicators."2.1"] polarty: unknown key; '
                             "expected one of polarity, unit, decimals, target_min, "
                             "target_upper, hide, definition, short_name, accept, formerly\n")
    assert not deck.exists()
    checked = run("check", str(workbook), "--json", "--no-history")
    assert checked.returncode == 1 and checked.stderr.count("\n") == 1
    assert json.loads(checked.stdout)["error"].startswith(f"{settings}:5: ")


def test_init_writes_a_commented_config_beside_the_starter(tmp_path: Path) -> None:
    target = tmp_path / "inputs" / "starter.xlsx"
    result = run("init", str(target))
    assert result.returncode == 0, result.stderr
    settings = tmp_path / "inputs" / "reportgen.toml"
    assert result.stdout.splitlines() == [str(target), str(settings)]
    assert settings.read_text(encoding="utf-8").startswith("# reportgen.toml")
    settings.write_text("# mine\n", encoding="utf-8")
    again = run("init", str(target), "--force")
    assert again.returncode == 0 and again.stdout.splitlines() == [str(target)]
    assert settings.read_text(encoding="utf-8") == "# mine\n"


def test_history_import_records_the_rag_the_configured_deck_showed(tmp_path: Path) -> None:
    workbook = folder_with_settings(tmp_path)
    store = tmp_path / "history.sqlite"
    result = run("history", "import", str(workbook), "--history", str(store))
    assert result.returncode == 0, result.stderr
    shown = {row.entry.ref: row.entry.rag for ref in ("1.1", "2.1") for row in series(store, ref)
             if row.entry.field == "current"}
    assert shown == {"1.1": "red", "2.1": "green"}  # 1.1 is lower-is-better by the settings
