"""LibreOffice is found where each system's installer puts it, or where REPORTGEN_SOFFICE says,
and its absence is explained for every system. A fake environment, PATH and file system stand
in for Windows and macOS."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reportgen.errors import ExportError
from reportgen.export import SOFFICE_VARIABLE, find_soffice

WINDOWS = r"C:\Program Files\LibreOffice\program\soffice.exe"
WINDOWS_32 = r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"
MAC = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


def on_path(**programs: str) -> Callable[[str], str | None]:
    return programs.get


def files(*paths: str) -> Callable[[str], bool]:
    return set(paths).__contains__


def test_the_path_comes_first() -> None:
    found = find_soffice({}, on_path(soffice="/usr/bin/soffice"), files(MAC))
    assert found == "/usr/bin/soffice"


def test_libreoffice_on_the_path_will_do() -> None:
    assert find_soffice({}, on_path(libreoffice="/opt/lo/libreoffice"), files()) \
        == "/opt/lo/libreoffice"


@pytest.mark.parametrize(("environ", "installed"), [
    ({"ProgramFiles": r"C:\Program Files"}, WINDOWS),
    ({}, WINDOWS),  # Program Files where Windows keeps it, whatever the environment says
    ({"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)"},
     WINDOWS_32),
    ({"ProgramFiles": r"D:\Apps"}, r"D:\Apps\LibreOffice\program\soffice.exe"),
    ({"HOME": "/Users/analyst"}, MAC),
    ({"HOME": "/Users/analyst"},
     "/Users/analyst/Applications/LibreOffice.app/Contents/MacOS/soffice"),
])
def test_found_where_the_installer_puts_it(environ: dict[str, str], installed: str) -> None:
    assert find_soffice(environ, on_path(), files(installed)) == installed


def test_the_variable_comes_before_everything() -> None:
    mine = "/srv/lo-7.6/program/soffice"
    environ = {SOFFICE_VARIABLE: mine}
    assert find_soffice(environ, on_path(soffice="/usr/bin/soffice"), files(mine, MAC)) == mine


def test_the_variable_may_name_a_program_on_the_path() -> None:
    environ = {SOFFICE_VARIABLE: "soffice7.6"}
    assert find_soffice(environ, on_path(**{"soffice7.6": "/usr/local/bin/soffice7.6"}),
                        files()) == "/usr/local/bin/soffice7.6"


def test_a_variable_naming_nothing_is_an_error_not_a_guess() -> None:
    environ = {SOFFICE_VARIABLE: r"C:\LibreOffice\soffice.exe"}
    with pytest.raises(ExportError, match=r"^REPORTGEN_SOFFICE is set to 'C:\\LibreOffice\\"
                                          r"soffice.exe', which is not a program; "):
        find_soffice(environ, on_path(soffice="/usr/bin/soffice"), files())


def test_absent_it_says_how_to_install_it_on_each_system() -> None:
    with pytest.raises(ExportError) as raised:
        find_soffice({"HOME": "/home/analyst"}, on_path(), files())
    message = str(raised.value)
    assert message.startswith("LibreOffice is not installed (no soffice on the PATH or where its "
                              "installer puts it); the .pptx was written, but no PDF or PNG can "
                              "be made: ")
    for advice in ("apt-get install libreoffice-impress", "brew install --cask libreoffice",
                   "winget install TheDocumentFoundation.LibreOffice", SOFFICE_VARIABLE):
        assert advice in message
