"""Write the council-style test workbooks (tests/councils.py) into a folder, to open and read.

Run from the repository root: ``python scripts/make_council_workbooks.py [FOLDER]`` writes one
``<builder>.xlsx`` per published convention into FOLDER (default ``outputs/council-workbooks/``)
and prints each path. Every figure in them is invented.
"""

from __future__ import annotations

import sys
from pathlib import Path

FOLDER = Path("outputs/council-workbooks")
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    # Run as a file, this script's folder (not the repository's) is first on the path: the
    # builders live in the test package.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.councils import BUILDERS  # noqa: PLC0415 - importable once ROOT is on the path

    folder = Path(argv[1]) if len(argv) > 1 else FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        print(build(folder / f"{name}.xlsx"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
