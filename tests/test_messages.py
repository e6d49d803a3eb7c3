"""Every error path of every command says what is wrong in words: no object's repr, no
temporary file's or buffer's name, no traceback (issue 23)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.bad_files import BAD_FILES, SPECIAL_FILES
from tests.conftest import ROOT, SAMPLE

TEMPLATE = ROOT / "templates" / "cabinet.pptx"
LEAKS = re.compile(r"<[^<>]*object at|0x[0-9a-f]{6,}|Traceback|internal error|\.reportgen-\d+|"
                   r"reportgen-(?:lo|pdf|csv)-|BytesIO|_io\.")


@pytest.fixture(scope="module")
def given(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Inputs good and bad, by name, made once: every case is refused and changes none."""
    folder = tmp_path_factory.mktemp("inputs")
    made = {"sample": folder / "kpis.xlsx", "template": folder / "T.pptx",
            "text": folder / "notes.txt", "folder": folder / "empty",
            "store": folder / "history.sqlite", "other-db": folder / "other.sqlite",
            "bad-toml": folder / "bad.toml", "unknown-key": folder / "unknown.toml",
            "xlsx-template": folder / "xlsx-as.potx", "text-pptx": folder / "text.potx",
            "text-store": folder / "text.sqlite"}
    shutil.copy(SAMPLE, made["sample"])
    shutil.copy(TEMPLATE, made["template"])
    made["text"].write_text("hello\n", encoding="utf-8")
    made["folder"].mkdir()
    with sqlite3.connect(made["other-db"]) as conn:
        conn.execute("CREATE TABLE t (x)")
    made["bad-toml"].write_text("[deck\n", encoding="utf-8")
    made["unknown-key"].write_text("[deck]\ncolour = 1\n", encoding="utf-8")
    shutil.copy(SAMPLE, made["xlsx-template"])
    made["text-pptx"].write_text("not a deck", encoding="utf-8")
    made["text-store"].write_text("not a store", encoding="utf-8")
    for name, (make, _) in {**BAD_FILES, **SPECIAL_FILES}.items():
        path = folder / f"bad-{name}.xlsx"
        make(path)
        made[f"bad-{name}"] = path
    return made


Case = Callable[[dict[str, Path], Path], list[str]]

CASES: dict[str, Case] = {
    "build missing": lambda f, t: ["build", str(t / "missing.xlsx"), "--no-history"],
    "build text as workbook": lambda f, t: ["build", str(f["text"]), "--no-history"],
    "build empty folder": lambda f, t: ["build", str(f["folder"]), "--no-history"],
    "build onto the workbook": lambda f, t: ["build", str(f["sample"]), "-o",
                                             str(f["sample"]), "--no-history"],
    "build onto the template": lambda f, t: ["build", str(f["sample"]), "-o",
                                             str(f["template"]), "--template",
                                             str(f["template"]), "--no-history"],
    "build onto a text file": lambda f, t: ["build", str(f["sample"]), "-o", str(f["text"]),
                                            "--no-history"],
    "build xlsx template": lambda f, t: ["build", str(f["sample"]), "--template",
                                         str(f["xlsx-template"]), "--no-history"],
    "build text template": lambda f, t: ["build", str(f["sample"]), "--template",
                                         str(f["text-pptx"]), "--no-history"],
    "build missing template": lambda f, t: ["build", str(f["sample"]), "--template",
                                            str(t / "none.pptx"), "--no-history"],
    "build store is a folder": lambda f, t: ["build", str(f["sample"]), "--history",
                                             str(f["folder"])],
    "build store is another db": lambda f, t: ["build", str(f["sample"]), "--history",
                                               str(f["other-db"])],
    "build store is text": lambda f, t: ["build", str(f["sample"]), "--history",
                                         str(f["text-store"])],
    "build missing config": lambda f, t: ["build", str(f["sample"]), "--config",
                                          str(t / "none.toml"), "--no-history"],
    "build bad config": lambda f, t: ["build", str(f["sample"]), "--config",
                                      str(f["bad-toml"]), "--no-history"],
    "build unknown key": lambda f, t: ["build", str(f["sample"]), "--config",
                                       str(f["unknown-key"]), "--no-history"],
    "check missing": lambda f, t: ["check", str(t / "missing.xlsx"), "--json"],
    "check text": lambda f, t: ["check", str(f["text"]), "--json", "--no-history"],
    "check store is text": lambda f, t: ["check", str(f["sample"]), "--history",
                                         str(f["text-store"])],
    "show no store": lambda f, t: ["history", "show", "1.1", "--history",
                                   str(t / "none.sqlite")],
    "show other db": lambda f, t: ["history", "show", "1.1", "--history", str(f["other-db"])],
    "export onto workbook": lambda f, t: ["history", "export", "--csv", "-o",
                                          str(f["sample"]), "--history", str(f["other-db"])],
    "export text store": lambda f, t: ["history", "export", "--csv", "-o",
                                       str(t / "out.csv"), "--history", str(f["text-store"])],
    "import text": lambda f, t: ["history", "import", str(f["text"]), "--history",
                                 str(t / "h.sqlite")],
    "template check xlsx": lambda f, t: ["template", "check", str(f["xlsx-template"])],
    "template check text": lambda f, t: ["template", "check", str(f["text-pptx"])],
    "template check missing": lambda f, t: ["template", "check", str(t / "none.pptx")],
    "template inspect onto itself": lambda f, t: ["template", "inspect", str(f["template"]),
                                                  "-o", str(f["template"])],
    "template inspect xlsx": lambda f, t: ["template", "inspect", str(f["xlsx-template"]),
                                           "-o", str(t / "out.pptx")],
    "init bad suffix": lambda f, t: ["init", str(t / "starter.csv")],
    "init over a workbook": lambda f, t: ["init", str(f["sample"])],
    "init into a file": lambda f, t: ["init", str(f["text"] / "starter.xlsx")],
    "init from text": lambda f, t: ["init", "--from", str(f["text"])],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_message_leaks_a_repr_or_an_internal_name(
        tmp_path: Path, case: str, given: dict[str, Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    status = main(CASES[case](given, tmp_path))
    out, err = capsys.readouterr()
    assert status != 0, (out, err)
    assert err.startswith("error: ")
    assert not LEAKS.search(out + err), out + err


@pytest.mark.parametrize("name", sorted([*BAD_FILES, *SPECIAL_FILES]))
def test_no_bad_workbook_leaks_either(name: str, given: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["check", str(given[f"bad-{name}"]), "--json", "--no-history"],
                    ["build", str(given[f"bad-{name}"]), "--no-history"],
                    ["template", "check", str(given[f"bad-{name}"])]):
        main(command)
        out, err = capsys.readouterr()
        assert not LEAKS.search(out + err), out + err


@pytest.mark.parametrize(("case", "role"), [("template inspect onto itself", "the template"),
                                            ("build onto the template", "the template"),
                                            ("build onto the workbook", "the workbook"),
                                            ("build store is text", "history store")])
def test_a_refusal_names_the_file_by_its_role(tmp_path: Path, case: str, role: str,
                                              given: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    main(CASES[case](given, tmp_path))
    assert role in capsys.readouterr().err
