"""Trend lines painted as small pictures that fill their own table cell.

A trend line drawn as shapes floats over the table at the place the composer expects its row to
be; the renderer decides where the row really is, and with other fonts (LibreOffice without
Arial, a council's own template) rows grow and the lines land on the wrong rows. A picture
*fill* of the trend cell (``a:blipFill`` in the cell's properties) belongs to the cell: both
PowerPoint and LibreOffice stretch it to the cell however tall the row becomes, so a trend can
never leave its row.

The geometry is worked out in ``reportgen.plan.sparkline`` (unit coordinates); this module only
paints it, supersampled and scaled down so the lines are smooth.
"""

from __future__ import annotations

import struct
import zlib

from PIL import Image, ImageDraw

from reportgen.plan.sparkline import Sparkline

EMU_PER_INCH = 914400

DPI = 200
"""Print resolution: sharp on a projector and in the PDF, a few KB a row."""
_SUPERSAMPLE = 2
_LINE_PT = 1.4
_THIN_PT = 1.0
_DOT_PT = 5.5
_PAD_X_PT = 6.0
_PAD_Y_PT = 3.0


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def trend_png(line: Sparkline, width_emu: int, height_emu: int, *, background: str,
              ink: str, band: str, thin: str, dot: str, dot_edge: str) -> bytes:
    """The trend as a PNG exactly the cell's size at ``DPI``."""
    px_per_pt = DPI / 72 * _SUPERSAMPLE
    width = max(8, round(width_emu / EMU_PER_INCH * DPI)) * _SUPERSAMPLE
    height = max(8, round(height_emu / EMU_PER_INCH * DPI)) * _SUPERSAMPLE
    # The line keeps to a strip of the cell at most 20 pt tall, centred, as the seed drew it.
    strip = min(height - 2 * _PAD_Y_PT * px_per_pt, 20 * px_per_pt)
    x0, y0 = _PAD_X_PT * px_per_pt, (height - strip) / 2
    w = width - 2 * x0

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return x0 + point[0] * w, y0 + point[1] * strip

    image = Image.new("RGB", (width, height), _rgb(background))
    draw = ImageDraw.Draw(image)
    if line.band is not None:
        top, bottom = at((0, line.band[0]))[1], at((0, line.band[1]))[1]
        if bottom - top <= _THIN_PT * px_per_pt:  # Min == Upper: a line, not a band
            middle = (top + bottom) / 2
            draw.line([(x0, middle), (x0 + w, middle)], fill=_rgb(thin),
                      width=round(_THIN_PT * px_per_pt))
        else:
            draw.rectangle((x0, top, x0 + w, bottom), fill=_rgb(band))
    stroke = round(_LINE_PT * px_per_pt)
    for segment in line.segments:
        if len(segment) > 1:
            draw.line([at(p) for p in segment], fill=_rgb(ink), width=stroke, joint="curve")
    if line.marker is not None:
        x, y = at(line.marker)
        radius = _DOT_PT * px_per_pt / 2
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_rgb(dot),
                     outline=_rgb(dot_edge), width=max(1, round(0.6 * px_per_pt)))
    return png(image.reduce(_SUPERSAMPLE), DPI)  # a box filter: smooth edges, cheaply


_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_INCHES_PER_METRE = 1 / 0.0254


def png(image: Image.Image, dpi: int) -> bytes:
    """An RGB picture as a PNG stating its resolution, every row unfiltered.

    Written here rather than by Pillow's PNG encoder, which takes twice as long for a picture
    this small (a big deck has a thousand of them): its per-picture set-up and adaptive row
    filters cost more than the compression, and these flat-coloured lines compress better
    unfiltered anyway."""
    width, height = image.size
    pixels = image.tobytes()
    stride = 3 * width
    rows = b"".join(b"\x00" + pixels[top:top + stride]  # filter type 0: none
                    for top in range(0, stride * height, stride))
    per_metre = round(dpi * _INCHES_PER_METRE)
    return b"".join((
        _SIGNATURE,
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),  # 8-bit RGB
        _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),  # 1: per metre
        _chunk(b"IDAT", zlib.compress(rows, 3)),  # light compression: quick, still small
        _chunk(b"IEND", b"")))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data)))
