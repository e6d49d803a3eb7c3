"""The trend pictures' own PNG writer: what Pillow reads back is the picture drawn."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw

from reportgen.compose.trend_image import png


def _drawn(width: int, height: int) -> Image.Image:
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((2, 3, width - 3, height // 2), fill=(221, 230, 240))
    draw.line([(0, height - 1), (width // 3, 0), (width - 1, height // 3)], fill=(31, 56, 100),
              width=3)
    draw.ellipse((width - 9, 1, width - 2, 8), fill=(192, 0, 0), outline=(0, 0, 0))
    return image


def test_pillow_reads_back_every_pixel_and_the_resolution() -> None:
    for width, height in ((210, 64), (1, 1), (17, 9)):
        image = _drawn(width, height) if width > 10 else Image.new("RGB", (width, height),
                                                                   (12, 34, 56))
        read = Image.open(BytesIO(png(image, 200)))
        read.load()  # checks every chunk's CRC and the compressed data
        assert (read.format, read.mode, read.size) == ("PNG", "RGB", (width, height))
        assert read.tobytes() == image.tobytes()
        assert [round(d) for d in read.info["dpi"]] == [200, 200]


def test_a_different_picture_is_different_bytes() -> None:
    assert png(_drawn(40, 12), 200) != png(_drawn(41, 12), 200)
    assert png(_drawn(40, 12), 200) != png(_drawn(40, 12), 150)
