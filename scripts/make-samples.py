#!/usr/bin/env python3
"""Makes the demo sample files in Resources/samples/.

Small but real files of each kind the tool handles, used by the demo mode (embedded into
the binary by scripts/embed-samples.py) and by the tests:

  app-icon.png            144x144 PNG, an app icon with transparent corners
  logo.png                144x144 PNG, an app logo on a transparent background (soft edges)
  banner.jpg              1120x548 progressive JPEG, a listing banner
  banner-small.png        560x274 PNG, the banner at standard resolution
  highlight-screenshot.png 1840x900 PNG, a listing highlight: a made-up app screen
  thumbnail.gif           580x330 GIF, a few flat colours (tiny in bytes)
  logo.bmp                72x72 8-bit BMP
  sample-plugin-1.0.0.jar a plugin jar: atlassian-plugin.xml, META-INF/MANIFEST.MF
                          (a long header folded on continuation lines), and one compiled
                          class when javac is available

The output is deterministic for a given Pillow and JDK (fixed ZIP timestamps, no random
input), so running it again changes nothing. Needs Pillow (pip install Pillow).
After running it, run scripts/embed-samples.py so the binary carries the same bytes.
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:
    sys.exit("make-samples.py needs Pillow: pip install Pillow")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Resources", "samples")

PLUGIN_KEY = "com.example.sample-plugin"
PLUGIN_NAME = "Sample Plugin"
PLUGIN_VERSION = "1.0.0"
VENDOR = "Example Corp"
# A ZIP timestamp fixed at a round date keeps the jar's bytes the same on every run.
ZIP_TIME = (2024, 1, 1, 12, 0, 0)


def font(size):
    """DejaVu Sans Bold where installed (Debian: fonts-dejavu-core), else Pillow's own font."""
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                 "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"):
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def vertical_gradient(size, top, bottom):
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom))
        draw.line([(0, y), (width, y)], fill=colour)
    return image


def draw_cube(draw, cx, cy, r, outline_width):
    """A simple isometric box, the 'package' glyph of the icon and banner."""
    top = [(cx, cy - r), (cx + r * 0.87, cy - r * 0.5), (cx, cy), (cx - r * 0.87, cy - r * 0.5)]
    left = [(cx - r * 0.87, cy - r * 0.5), (cx, cy), (cx, cy + r), (cx - r * 0.87, cy + r * 0.5)]
    right = [(cx + r * 0.87, cy - r * 0.5), (cx, cy), (cx, cy + r), (cx + r * 0.87, cy + r * 0.5)]
    draw.polygon(top, fill=(255, 255, 255), outline=(255, 255, 255))
    draw.polygon(left, fill=(214, 226, 255), outline=(214, 226, 255))
    draw.polygon(right, fill=(168, 190, 250), outline=(168, 190, 250))
    draw.line(top + [top[0]], fill=(40, 60, 140), width=outline_width, joint="curve")
    draw.line([left[0], left[3], left[2], right[3], right[0]], fill=(40, 60, 140), width=outline_width, joint="curve")
    draw.line([top[2], left[2]], fill=(40, 60, 140), width=outline_width)


def make_icon(path):
    size = 144
    background = vertical_gradient((size, size), (38, 132, 255), (101, 84, 192))
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle([4, 4, size - 5, size - 5], radius=30, fill=255)
    icon = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    icon.paste(background, (0, 0), mask)
    draw = ImageDraw.Draw(icon)
    draw_cube(draw, size / 2, size / 2 + 2, 44, 3)
    icon.save(path, "PNG", optimize=True)


def make_banner(path):
    width, height = 1120, 548
    banner = vertical_gradient((width, height), (9, 30, 66), (38, 132, 255))
    draw = ImageDraw.Draw(banner)
    for i, (x, y, r) in enumerate([(1060, 40, 110), (1080, 520, 150), (90, 540, 130)]):
        shade = (60 + 20 * i, 110 + 25 * i, 220)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=shade, width=6)
    draw_cube(draw, 220, 270, 120, 6)
    draw.text((400, 190), PLUGIN_NAME, font=font(72), fill=(255, 255, 255))
    draw.text((404, 290), "Demo assets for marketplace-assets", font=font(30), fill=(214, 226, 255))
    draw.text((404, 340), f"version {PLUGIN_VERSION} · {VENDOR}", font=font(26), fill=(168, 190, 250))
    banner.save(path, "JPEG", quality=80, optimize=True, progressive=True)


def make_logo_png(path):
    """The cube on nothing: drawn 4x larger and scaled down, so its edges are partly transparent."""
    size, scale = 144, 4
    big = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    draw_cube(ImageDraw.Draw(big), size * scale / 2, size * scale / 2 + 4 * scale, 60 * scale, 4 * scale)
    big.resize((size, size), Image.Resampling.LANCZOS).save(path, "PNG", optimize=True)


def make_banner_small(path):
    """The banner at standard resolution, as a PNG."""
    scratch = io.BytesIO()
    make_banner(scratch)
    scratch.seek(0)
    with Image.open(scratch) as banner:
        banner.resize((560, 274), Image.Resampling.LANCZOS).save(path, "PNG", optimize=True)


def make_highlight(path):
    """A listing highlight at 1840x900: a made-up app screen in flat colours (small as a PNG)."""
    width, height = 1840, 900
    shot = Image.new("RGB", (width, height), (244, 245, 247))
    draw = ImageDraw.Draw(shot)
    draw.rectangle([0, 0, width, 72], fill=(9, 30, 66))
    draw.text((32, 18), PLUGIN_NAME, font=font(30), fill=(255, 255, 255))
    draw.rectangle([0, 72, 300, height], fill=(235, 236, 240))
    for row in range(7):
        y = 112 + row * 64
        draw.rounded_rectangle([24, y, 276, y + 44], radius=8, fill=(38, 132, 255) if row == 1 else (223, 225, 230))
    for column in range(3):
        x = 340 + column * 490
        draw.rounded_rectangle([x, 112, x + 450, 392], radius=12, fill=(255, 255, 255), outline=(223, 225, 230), width=2)
        draw.rectangle([x + 24, 140, x + 24 + 120 + 90 * column, 164], fill=(9, 30, 66))
        for bar in range(4):
            top = 200 + bar * 44
            draw.rectangle([x + 24, top, x + 24 + 80 * (bar + 1) + 30 * column, top + 24],
                           fill=(54, 179, 126) if (bar + column) % 2 else (38, 132, 255))
    draw.rounded_rectangle([340, 432, 1800, 860], radius=12, fill=(255, 255, 255), outline=(223, 225, 230), width=2)
    for line in range(8):
        y = 468 + line * 48
        draw.rectangle([372, y, 372 + 1300 - 110 * (line % 4), y + 20], fill=(223, 225, 230))
    shot.save(path, "PNG", optimize=True)


def make_thumbnail(path):
    width, height = 580, 330
    thumb = Image.new("P", (width, height), 0)
    thumb.putpalette([244, 245, 247, 38, 132, 255, 9, 30, 66, 255, 255, 255, 54, 179, 126] + [0] * (251 * 3))
    draw = ImageDraw.Draw(thumb)
    draw.rectangle([0, 0, width, 44], fill=2)
    for i in range(3):
        draw.ellipse([16 + 22 * i, 16, 28 + 22 * i, 28], fill=3)
    draw.rectangle([24, 70, 190, 306], fill=1)
    for row in range(5):
        y = 74 + row * 46
        draw.rectangle([214, y, 556, y + 30], fill=3, outline=2)
        draw.rectangle([224, y + 10, 224 + 60 * (row + 1), y + 20], fill=4 if row % 2 else 1)
    thumb.save(path, "GIF", optimize=False)


def make_logo(path):
    size = 72
    logo = Image.new("P", (size, size), 0)
    logo.putpalette([255, 255, 255, 38, 132, 255, 9, 30, 66, 214, 226, 255] + [0] * (252 * 3))
    draw = ImageDraw.Draw(logo)
    draw.rounded_rectangle([2, 2, size - 3, size - 3], radius=14, fill=1)
    draw.polygon([(36, 12), (58, 24), (36, 36), (14, 24)], fill=0)
    draw.polygon([(14, 24), (36, 36), (36, 60), (14, 48)], fill=3)
    draw.polygon([(58, 24), (36, 36), (36, 60), (58, 48)], fill=2)
    logo.save(path, "BMP")


def manifest_lines(name, value):
    """One manifest header, folded at 72 bytes per line as the JAR specification says."""
    data = f"{name}: {value}".encode()
    lines = [data[:72]]
    data = data[72:]
    while data:
        lines.append(b" " + data[:71])
        data = data[71:]
    return lines


def manifest():
    headers = [
        ("Manifest-Version", "1.0"),
        ("Created-By", "marketplace-assets scripts/make-samples.py"),
        ("Atlassian-Plugin-Key", PLUGIN_KEY),
        ("Bundle-ManifestVersion", "2"),
        ("Bundle-SymbolicName", PLUGIN_KEY),
        ("Bundle-Name", PLUGIN_NAME),
        ("Bundle-Version", PLUGIN_VERSION),
        ("Bundle-Vendor", VENDOR),
        ("Import-Package", "com.atlassian.plugin;version=\"[5.0,9.0)\","
                           "com.atlassian.plugin.spring.scanner.annotation.imports;resolution:=optional,"
                           "org.slf4j;version=\"[1.7,3)\""),
        ("Export-Package", "com.example.sampleplugin;version=\"1.0.0\""),
    ]
    lines = []
    for name, value in headers:
        lines.extend(manifest_lines(name, value))
    return b"\r\n".join(lines) + b"\r\n\r\n"


DESCRIPTOR = f"""<?xml version="1.0" encoding="UTF-8"?>
<atlassian-plugin key="{PLUGIN_KEY}" name="{PLUGIN_NAME}" plugins-version="2">
    <plugin-info>
        <description>A small sample app for the marketplace-assets demo.</description>
        <version>{PLUGIN_VERSION}</version>
        <vendor name="{VENDOR}" url="https://www.example.com"/>
        <param name="atlassian-data-center-status">compatible</param>
        <param name="atlassian-data-center-compatible">true</param>
    </plugin-info>
    <resource type="i18n" name="i18n" location="sample-plugin"/>
</atlassian-plugin>
""".encode()

JAVA_SOURCE = """package com.example.sampleplugin;

/** The one class of the sample plugin: says hello. */
public final class SamplePlugin {
    public static final String KEY = "%s";

    public String greeting(String name) {
        return "Hello, " + name + ", from the sample plugin";
    }
}
""" % PLUGIN_KEY


def compiled_class():
    """SamplePlugin.class compiled by javac (Java 8 bytecode, no debug info), or None."""
    javac = shutil.which("javac")
    if javac is None:
        print("javac not found: the jar gets no class file", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "SamplePlugin.java")
        with open(source, "w") as handle:
            handle.write(JAVA_SOURCE)
        subprocess.run([javac, "--release", "8", "-g:none", "-d", work, source], check=True,
                       stderr=subprocess.DEVNULL)
        with open(os.path.join(work, "com", "example", "sampleplugin", "SamplePlugin.class"), "rb") as handle:
            return handle.read()


def make_jar(path):
    entries = [
        ("META-INF/", None),
        ("META-INF/MANIFEST.MF", manifest()),
        ("atlassian-plugin.xml", DESCRIPTOR),
        ("sample-plugin.properties", b"sample.plugin.name=Sample Plugin\n"),
    ]
    class_bytes = compiled_class()
    if class_bytes is not None:
        entries.append(("com/example/sampleplugin/SamplePlugin.class", class_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as jar:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.create_system = 3  # Unix
            if data is None:
                info.external_attr = (0o40755 << 16) | 0x10
                jar.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                jar.writestr(info, data)
    with open(path, "wb") as handle:
        handle.write(buffer.getvalue())


def main():
    os.makedirs(OUT, exist_ok=True)
    makers = [
        ("app-icon.png", make_icon),
        ("logo.png", make_logo_png),
        ("banner.jpg", make_banner),
        ("banner-small.png", make_banner_small),
        ("highlight-screenshot.png", make_highlight),
        ("thumbnail.gif", make_thumbnail),
        ("logo.bmp", make_logo),
        ("sample-plugin-1.0.0.jar", make_jar),
    ]
    total = 0
    for name, maker in makers:
        path = os.path.join(OUT, name)
        maker(path)
        size = os.path.getsize(path)
        total += size
        print(f"{name:26} {size:7} bytes")
    print(f"{'total':26} {total:7} bytes")
    if total > 200_000:
        sys.exit("samples are larger than 200 KB: make them smaller")


if __name__ == "__main__":
    main()
