"""Draw the README's picture of the deck: four slides of the sample's deck in one image.

Run it from anywhere (LibreOffice needed, as for ``--png``):
``python scripts/make_picture.py`` rewrites docs/deck.png and docs/deck.sha256.

docs/deck.sha256 records a digest of what the pictured slides say (titles, text, table cells,
chart figures, alt text), not of the deck's bytes or the image's: a test rebuilds the sample's
deck without LibreOffice and compares, so the picture cannot silently fall behind the deck.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from PIL import Image
from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "sample-2019-03.xlsx"
PICTURE = ROOT / "docs" / "deck.png"
DIGEST = ROOT / "docs" / "deck.sha256"
SLIDES = (1, 3, 5, 9)
"""The title slide, the glance, the KPI table's first page and the first exception slide."""
WIDTH = 640
"""Each slide's width in the picture, in pixels: readable on GitHub, small in the repository."""
GAP = 8


def build_deck(folder: Path, *, png: bool) -> Path:
    """The sample's deck (and its slide images), built as a user builds it, from the workbook
    alone so that no history store changes what it says."""
    deck = folder / "deck.pptx"
    command = [sys.executable, "-m", "reportgen", "build", str(SAMPLE), "-o", str(deck),
               "--no-history", *(["--png"] if png else [])]
    subprocess.run(command, check=True, capture_output=True)
    return deck


def _shape_says(shape: Any) -> Iterator[Any]:
    descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")
    if descr:
        yield ["alt", descr[0]]
    if shape.has_text_frame and shape.text_frame.text.strip():
        yield ["text", shape.text_frame.text]
    if getattr(shape, "has_table", False) and shape.has_table:
        yield ["table", [[cell.text for cell in row.cells] for row in shape.table.rows]]
    if getattr(shape, "has_chart", False) and shape.has_chart:
        plot = shape.chart.plots[0]
        yield ["chart", [str(c) for c in plot.categories],
               [[series.name, list(series.values)] for series in plot.series]]
    if shape.shape_type == 6:  # a group: what its members say
        for member in shape.shapes:
            yield from _shape_says(member)


def slides_say(deck: Path, numbers: Sequence[int] = SLIDES) -> list[Any]:
    """What the pictured slides say, shape by shape, in a form JSON can hold."""
    slides = list(Presentation(str(deck)).slides)
    return [[number, [said for shape in slides[number - 1].shapes
                      for said in _shape_says(shape)]] for number in numbers]


def digest(deck: Path) -> str:
    text = json.dumps(slides_say(deck), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def recorded_digest(path: Path = DIGEST) -> str:
    return path.read_text(encoding="utf-8").split()[0]


def contact_sheet(images: Sequence[Path]) -> Image.Image:
    """The slides two by two, each WIDTH wide, on white with a thin grey frame each."""
    tiles = []
    for path in images:
        with Image.open(path) as slide:
            height = round(slide.height * WIDTH / slide.width)
            tiles.append(slide.convert("RGB").resize((WIDTH, height), Image.Resampling.LANCZOS))
    height = max(tile.height for tile in tiles)
    columns, rows = 2, (len(tiles) + 1) // 2
    sheet = Image.new("RGB", (columns * (WIDTH + GAP) + GAP, rows * (height + GAP) + GAP),
                      "white")
    for index, tile in enumerate(tiles):
        x = GAP + (index % columns) * (WIDTH + GAP)
        y = GAP + (index // columns) * (height + GAP)
        sheet.paste((200, 200, 200), (x - 1, y - 1, x + WIDTH + 1, y + tile.height + 1))
        sheet.paste(tile, (x, y))
    return sheet


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="reportgen-picture-") as work:
        deck = build_deck(Path(work), png=True)
        images = [deck.with_name(f"{deck.stem}-slides") / f"slide-{n:02d}.png" for n in SLIDES]
        PICTURE.parent.mkdir(exist_ok=True)
        contact_sheet(images).save(PICTURE, optimize=True)
        slides = ", ".join(str(n) for n in SLIDES)
        DIGEST.write_text(f"{digest(deck)}  what slides {slides} of the deck of "
                          f"{SAMPLE.relative_to(ROOT)} say (scripts/make_picture.py)\n",
                          encoding="utf-8")
    print(f"{PICTURE.relative_to(ROOT)}\n{DIGEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
