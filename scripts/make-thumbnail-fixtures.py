#!/usr/bin/env python3
"""Makes the tiny image fixtures of Tests/AssetThumbnailsTests/Fixtures/.

Every format the thumbnails decode, with known colours so the tests can assert pixels and
cells, and the damaged kinds a preview must survive:

  quadrants.png            16x16, 8x8 quadrants: red, green / blue, white
  quadrants-interlaced.png the same, Adam7-interlaced (written by hand: Pillow cannot)
  transparent.png          16x16 RGBA: a red 8x8 square in the middle, transparent around it
  palette-trns.png         16x16 palette image whose index 0 is transparent (a tRNS chunk)
  gray16.png               16x16 16-bit grey ramp
  quadrants.jpg            the quadrants, baseline JPEG
  progressive.jpg          the quadrants, progressive JPEG
  cmyk.jpg                 the quadrants, CMYK JPEG (Adobe's inverted kind)
  animated.gif             two frames: the quadrants (index 4 transparent in a corner), then all black
  interlaced.gif           the quadrants, interlaced
  quadrants-24.bmp         24-bit BMP, bottom-up
  quadrants-8.bmp          8-bit palette BMP
  quadrants-1.bmp          1-bit BMP (black and white halves)
  quadrants-32-alpha.bmp   32-bit BMP with BITFIELDS and an alpha mask (V4 header), top-down
  quadrants-rle8.bmp       RLE8-compressed BMP (written by hand)
  oriented-1.jpg … -8.jpg    stored so that, turned as its Exif orientation (1 to 8) says, each
                           shows the wide quadrants (32x16: red, green / blue, white); checked
                           here with Pillow's own exif_transpose
  truncated.png/.jpg/.gif/.bmp   a larger, noisy image cut in half
  corrupt.png              a PNG whose image data is garbage
  bomb.png                 20000x20000 1-bit PNG of zeros, about 50 KB: a decompression bomb
  not-an-image.png         text with a .png name

Needs Pillow. The output is deterministic for a given Pillow.
"""

import io
import os
import struct
import sys
import zlib

try:
    from PIL import Image, ImageOps
except ImportError:
    sys.exit("make-thumbnail-fixtures.py needs Pillow: pip install Pillow")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "AssetThumbnailsTests", "Fixtures")

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)


def quadrants(size=16):
    image = Image.new("RGB", (size, size))
    half = size // 2
    for y in range(size):
        for x in range(size):
            image.putpixel((x, y), [[RED, GREEN], [BLUE, WHITE]][y >= half][x >= half])
    return image


# What a viewer does to the stored pixels for each Exif orientation (as Pillow's exif_transpose),
# and so what undoes it: the stored image is the upright one with the inverse applied.
UNDO_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def oriented_jpeg(orientation):
    upright = quadrants(16).resize((32, 16), Image.Resampling.NEAREST)
    stored = upright.transpose(UNDO_ORIENTATION[orientation]) if orientation > 1 else upright
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = encoded(stored, "JPEG", quality=95, subsampling=0, exif=exif.tobytes())
    shown = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
    assert shown.size == (32, 16), (orientation, shown.size)
    for (x, y), colour in {(8, 4): RED, (24, 4): GREEN, (8, 12): BLUE, (24, 12): WHITE}.items():
        assert all(abs(a - b) < 24 for a, b in zip(shown.getpixel((x, y)), colour)), (orientation, x, y)
    return data


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_file(width, height, bit_depth, colour_type, raw, interlace=0):
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(raw, 9))
            + png_chunk(b"IEND", b""))


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def interlaced_png(image):
    """An RGB image as an Adam7-interlaced PNG, filter type 0 on every row."""
    width, height = image.size
    raw = bytearray()
    for x0, y0, dx, dy in ADAM7:
        columns = range(x0, width, dx)
        if not columns:
            continue
        for y in range(y0, height, dy):
            raw.append(0)
            for x in columns:
                raw.extend(image.getpixel((x, y)))
    return png_file(width, height, 8, 2, bytes(raw), interlace=1)


def bomb_png(side=20000):
    """A 1-bit greyscale PNG of side x side zeros: 50 MB of pixels in about 50 KB."""
    row = b"\x00" * (1 + (side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data) + png_chunk(b"IEND", b"")


def corrupt_png():
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    garbage = bytes((i * 37 + 11) % 256 for i in range(200))
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", garbage) + png_chunk(b"IEND", b"")


def rle8_bmp(image):
    """An 8-bit RLE8 BMP of a palette image: one run per row segment, an end-of-line after
    each row, end-of-bitmap at the end."""
    width, height = image.size
    palette = image.getpalette()[:256 * 3]
    data = bytearray()
    for y in reversed(range(height)):
        x = 0
        while x < width:
            value = image.getpixel((x, y))
            run = 1
            while x + run < width and run < 255 and image.getpixel((x + run, y)) == value:
                run += 1
            data += bytes([run, value])
            x += run
        data += b"\x00\x00"
    data += b"\x00\x01"
    colours = len(palette) // 3
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 8, 1, len(data), 2835, 2835, colours, 0)
    table = b"".join(bytes([palette[i * 3 + 2], palette[i * 3 + 1], palette[i * 3], 0]) for i in range(colours))
    offset = 14 + len(info) + len(table)
    return b"BM" + struct.pack("<IHHI", offset + len(data), 0, 0, offset) + info + table + bytes(data)


def alpha_bmp(image):
    """A 32-bit top-down BMP with a V4 header and BITFIELDS masks, alpha included."""
    width, height = image.size
    pixels = bytearray()
    for y in range(height):
        for x in range(width):
            r, g, b, a = image.getpixel((x, y))
            pixels += bytes([b, g, r, a])
    masks = struct.pack("<IIII", 0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000)
    info = (struct.pack("<IiiHHIIiiII", 108, width, -height, 1, 32, 3, len(pixels), 2835, 2835, 0, 0)
            + masks + b"sRGB" + b"\x00" * 48)
    offset = 14 + len(info)
    return b"BM" + struct.pack("<IHHI", offset + len(pixels), 0, 0, offset) + info + bytes(pixels)


def half(data):
    return data[:len(data) // 2]


def encoded(image, kind, **options):
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def main():
    os.makedirs(OUT, exist_ok=True)
    square = quadrants()
    transparent = Image.new("RGBA", (16, 16), (0, 0, 0, 0))
    for y in range(4, 12):
        for x in range(4, 12):
            transparent.putpixel((x, y), (255, 0, 0, 255))
    palette = square.convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    with_clear = palette.copy()
    clear_index = with_clear.getpixel((0, 0))
    gray = Image.new("I;16", (16, 16))
    for y in range(16):
        for x in range(16):
            gray.putpixel((x, y), x * 4369)
    first = palette.copy()
    first.putpixel((0, 0), 4)
    first.putpalette(palette.getpalette()[:12] + [0, 0, 0] + [0] * (251 * 3))
    black = Image.new("P", (16, 16), 4)
    black.putpalette(first.getpalette())
    # Noisy enough that cutting the file in half cuts into the pixel data.
    big = Image.new("RGB", (64, 64))
    for y in range(64):
        for x in range(64):
            big.putpixel((x, y), ((x * 37 + y * 11) % 256, (x * x + y * 7) % 256, (x * y) % 256))
    files = {
        "quadrants.png": encoded(square, "PNG"),
        "quadrants-interlaced.png": interlaced_png(square),
        "transparent.png": encoded(transparent, "PNG"),
        "palette-trns.png": encoded(with_clear, "PNG", transparency=clear_index),
        "gray16.png": encoded(gray, "PNG"),
        "quadrants.jpg": encoded(square, "JPEG", quality=95, subsampling=0),
        "progressive.jpg": encoded(square, "JPEG", quality=95, subsampling=0, progressive=True),
        "cmyk.jpg": encoded(square.convert("CMYK"), "JPEG", quality=95),
        "animated.gif": encoded(first, "GIF", save_all=True, append_images=[black], transparency=4, duration=100, loop=0),
        "interlaced.gif": encoded(palette, "GIF", interlace=True),
        "quadrants-24.bmp": encoded(square, "BMP"),
        "quadrants-8.bmp": encoded(palette, "BMP"),
        "quadrants-1.bmp": encoded(square.convert("L").point(lambda v: 255 if v > 128 else 0).convert("1"), "BMP"),
        "quadrants-32-alpha.bmp": alpha_bmp(transparent),
        "quadrants-rle8.bmp": rle8_bmp(palette),
        "truncated.png": half(encoded(big, "PNG")),
        "truncated.jpg": half(encoded(big, "JPEG", quality=95)),
        "truncated.gif": half(encoded(big.convert("P", palette=Image.Palette.ADAPTIVE, colors=64), "GIF")),
        "truncated.bmp": half(encoded(big, "BMP")),
        "corrupt.png": corrupt_png(),
        "bomb.png": bomb_png(),
        "not-an-image.png": b"This is a text file with a .png name.\n",
        **{f"oriented-{n}.jpg": oriented_jpeg(n) for n in range(1, 9)},
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as handle:
            handle.write(data)
        print(f"{name:26} {len(data):7} bytes")


if __name__ == "__main__":
    main()
