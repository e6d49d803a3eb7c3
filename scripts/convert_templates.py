"""Convert LibreOffice's bundled Impress templates (.otp) to PowerPoint templates (.pptx).

Templates nobody on this project wrote, for trying reportgen on a council-like template: the
tests convert two of them at test time; run this to look at them yourself:

    python scripts/convert_templates.py OUT_FOLDER [NAME ...]

NAME is a template's file name without .otp (default: the ones the tests use). Needs soffice.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
TESTED = ("Blue_Curve", "Nature_Illustration")
"""A 16:9 template with a title master and a content master, and a 4:3 one."""


def convert(names: Sequence[str], folder: Path) -> list[Path]:
    """``folder``/NAME.pptx for each of ``names``, converted by LibreOffice with a profile of
    its own (so that a running LibreOffice does not take the work and exit)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pptx", "--outdir", str(folder),
                        *(str(TEMPLATES / f"{name}.otp") for name in names)],
                       check=True, capture_output=True, timeout=300)
    made = [folder / f"{name}.pptx" for name in names]
    missing = [path.name for path in made if not path.exists()]
    if missing:
        raise SystemExit(f"LibreOffice did not convert: {', '.join(missing)}")
    return made


def main(argv: Sequence[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    for path in convert(argv[1:] or TESTED, Path(argv[0])):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
