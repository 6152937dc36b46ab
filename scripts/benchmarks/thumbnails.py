"""The thumbnail figures of issue 11, measured from outside in a pseudo-terminal like the other
TUI figures: from the keypress that selects an image to the first frame that carries its
thumbnail (the first 256-colour cell: the rest of the screen uses the 8 basic colours), the
keypress-to-frame time while a key is held through a folder of images, and the peak RSS while
a 6000x4000 JPEG is shown."""

import os
import re
import shutil
import subprocess
import time
import zlib
import struct

from .measure import BenchError, Spread, alternate
from .table import Row, verdict
from .terminal import PtySession

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "Resources", "samples")
# A cell in one of the 256 colours above the basic 16: only a thumbnail draws those.
THUMBNAIL_CELL = re.compile(rb"\x1b\[[0-9;]*48;5;\d+")
# Autorepeat of a held key, about 30 per second.
REPEAT_INTERVAL = 1 / 30
RENDERERS = ("chafa", "halfblocks")


def noisy_png(path, width, height):
    """An RGB PNG that compresses like a photo (gradients and noise), written with zlib alone."""
    seed = 12345
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        row = bytearray(width * 3)
        for x in range(width):
            seed = (seed * 1103515245 + 12345) & 0xFFFFFFFF
            noise = ((seed >> 16) & 31) - 16
            row[x * 3] = max(0, min(255, 255 * x // width + noise))
            row[x * 3 + 1] = max(0, min(255, 255 * y // height + noise))
            row[x * 3 + 2] = max(0, min(255, 128 + (x ^ y) % 64 + noise))
        raw += row

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw), 6))
                     + chunk(b"IEND", b""))
    return path


def jpeg(bench, path, width, height):
    """A photo-like baseline JPEG from make_jpeg.c (the system libjpeg)."""
    tool = os.path.join(bench.work, "make-jpeg")
    if not os.path.exists(tool):
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "make_jpeg.c")
        compiler = shutil.which("cc") or shutil.which("clang") or shutil.which("gcc")
        result = subprocess.run([compiler, "-O2", "-o", tool, source, "-ljpeg"], capture_output=True, text=True)
        if result.returncode != 0:
            raise BenchError("cannot compile make_jpeg.c (libjpeg-dev is needed): " + result.stderr.strip()[-200:])
    subprocess.run([tool, path, str(width), str(height)], check=True, timeout=120)
    return path


def peak_rss_mib(pid):
    """VmHWM of a running process, in MiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise BenchError("no VmHWM in /proc/PID/status")


class Thumbnails:
    """The TUI in a pseudo-terminal on a folder, with a renderer."""

    def __init__(self, bench, emulator):
        self.bench = bench
        self.emulator = emulator
        self.history = os.path.join(bench.work, "thumbnail-history.json")
        self.rows_columns = dict(rows=48, columns=160)

    def session(self, folder, renderer="chafa"):
        environment = dict(self.bench.environment, TERM="xterm-256color", LANG="C.UTF-8",
                           MARKETPLACE_ASSETS_THUMBNAILS=renderer)
        environment.pop("NO_COLOR", None)
        environment.pop("COLORTERM", None)
        return PtySession([self.bench.binary, "tui", folder, "--base-url", self.emulator.base_url, "--history", self.history],
                          environment=environment, cwd=folder, **self.rows_columns)

    def folder_with(self, name, image):
        """A folder holding a.txt (selected first) and `image` as `name` (selected by j)."""
        folder = os.path.join(self.bench.work, "thumbs-" + name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "a.txt"), "w") as handle:
            handle.write("not an image\n")
        target = os.path.join(folder, name)
        if not os.path.exists(target):
            shutil.copyfile(image, target)
        return folder

    def select_to_thumbnail(self, folder, renderer="chafa"):
        """From the keypress that selects the image to the first frame with its cells, in a
        fresh process (no cache). Returns (seconds, peak RSS before the key, peak RSS once
        the screen has settled with the thumbnail), the RSS in MiB."""
        with self.session(folder, renderer) as session:
            session.wait_for_text(b"History", self.bench.tui_timeout)
            session.settle()
            before = peak_rss_mib(session.pid)
            mark = len(session.output)
            sent = session.press(b"j")
            shown = session.wait_for(THUMBNAIL_CELL, self.bench.tui_timeout, since=mark)
            session.settle()
            return shown - sent, before, peak_rss_mib(session.pid)

    def hold_key(self, folder, count, renderer="chafa"):
        """Presses j `count` times at autorepeat pace; returns each keypress-to-frame time."""
        times = []
        with self.session(folder, renderer) as session:
            session.wait_for_text(b"History", self.bench.tui_timeout)
            session.settle()
            for _ in range(count):
                started = time.perf_counter()
                session.drain()
                times.append(session.keypress_to_frame(b"j"))
                left = REPEAT_INTERVAL - (time.perf_counter() - started)
                if left > 0:
                    time.sleep(left)
        return times


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def thumbnail_figures(bench, emulator):
    thumbs = Thumbnails(bench, emulator)
    quick = bench.quick
    png = noisy_png(os.path.join(bench.work, "highlight-1840x900.png"), 1840, 900)
    big_size = (1200, 800) if quick else (6000, 4000)
    photo = jpeg(bench, os.path.join(bench.work, "photo.jpg"), *big_size)
    png_folder = thumbs.folder_with("b-highlight.png", png)
    jpeg_folder = thumbs.folder_with("b-photo.jpg", photo)
    png_runs, jpeg_runs = alternate(bench.runs, lambda: thumbs.select_to_thumbnail(png_folder),
                                    lambda: thumbs.select_to_thumbnail(jpeg_folder))
    png_spread, jpeg_spread = Spread.of([run[0] for run in png_runs]), Spread.of([run[0] for run in jpeg_runs])
    rows = [
        Row("TUI: select a 1840×900 PNG to the frame with its thumbnail", png_spread.format("ms", 0, 1000),
            goal="≤ 100 ms", met=verdict(png_spread.median <= 0.1)),
        Row(f"TUI: select a {big_size[0]}×{big_size[1]} JPEG to the frame with its thumbnail",
            jpeg_spread.format("ms", 0, 1000), goal="≤ 200 ms", met=verdict(jpeg_spread.median <= 0.2)),
    ]
    rows[0].notes.append(
        f"From writing j to the pseudo-terminal ({thumbs.rows_columns['columns']}×{thumbs.rows_columns['rows']}, "
        "TERM=xterm-256color) to the first output with a 256-colour cell, which only a thumbnail draws; a fresh "
        "process each time, so nothing is cached. The PNG is photo-like (gradients and noise, "
        f"{os.path.getsize(png) / (1 << 20):.1f} MiB); the JPEG is baseline, "
        f"{os.path.getsize(photo) / (1 << 20):.1f} MiB, decoded at 1/8 by libjpeg-turbo.")

    before = Spread.of([run[1] for run in jpeg_runs])
    during = Spread.of([run[2] for run in jpeg_runs])
    rows.append(Row(f"TUI: peak RSS previewing the {big_size[0]}×{big_size[1]} JPEG", during.format("MiB", 1),
                    f"before selecting it {before.format('MiB', 1)}", f"+{during.median - before.median:.1f} MiB",
                    "≤ 64 MiB", verdict(during.median <= 64)))
    rows[-1].notes.append("VmHWM of the TUI process (/proc/PID/status) once the thumbnail is drawn, and just before "
                          "the keypress that selects the image.")

    count = 20 if quick else 200
    folder = os.path.join(bench.work, "thumbs-folder")
    os.makedirs(folder, exist_ok=True)
    kinds = [png, os.path.join(SAMPLES, "highlight-screenshot.png"), os.path.join(SAMPLES, "banner.jpg")]
    for number in range(count):
        source = kinds[number % len(kinds)]
        target = os.path.join(folder, f"image-{number:03d}{os.path.splitext(source)[1]}")
        if not os.path.exists(target):
            shutil.copyfile(source, target)
    held, held_off = [], []
    for _ in range(max(1, bench.runs // 2)):
        held += thumbs.hold_key(folder, count - 1)
        held_off += thumbs.hold_key(folder, count - 1, renderer="off")
    spread, off = Spread.of(held), Spread.of(held_off)
    p95, p95_off = percentile(held, 0.95), percentile(held_off, 0.95)
    rows.append(Row(f"TUI: holding j through {count} images, keypress to frame",
                    f"{spread.median * 1000:.1f} ms (p95 {p95 * 1000:.1f}, max {spread.high * 1000:.1f})",
                    f"thumbnails off: {off.median * 1000:.1f} ms (p95 {p95_off * 1000:.1f}, max {off.high * 1000:.1f})",
                    f"{spread.median / off.median:.2f}×", "≤ 16 ms", verdict(p95 <= 0.016)))
    rows[-1].notes.append(
        f"j written every {REPEAT_INTERVAL * 1000:.0f} ms (a held key's autorepeat) through a folder of a photo-like "
        "1840×900 PNG, the demo's highlight PNG and its banner JPEG in turn, each a file of its own; from each key to "
        f"the end of the burst of output it causes; {len(held)} keypresses. Thumbnails arrive in later frames; the "
        "goal is judged on the 95th percentile.")
    rows += renderer_figures(bench, thumbs)
    return rows


def renderer_figures(bench, thumbs):
    """Select-to-thumbnail for each demo image sample, with libchafa and with plain half blocks."""
    samples = [name for name in sorted(os.listdir(SAMPLES)) if os.path.splitext(name)[1] in (".png", ".jpg", ".gif", ".bmp")]
    times = {renderer: [] for renderer in RENDERERS}
    per_sample = []
    for name in samples:
        folder = thumbs.folder_with("b-" + name, os.path.join(SAMPLES, name))
        chafa, halves = alternate(max(1, bench.runs // 2), *[
            (lambda renderer=renderer: thumbs.select_to_thumbnail(folder, renderer)[0]) for renderer in RENDERERS])
        times["chafa"] += chafa
        times["halfblocks"] += halves
        per_sample.append(f"{name} {Spread.of(chafa).median * 1000:.0f}/{Spread.of(halves).median * 1000:.0f}")
    chafa, halves = Spread.of(times["chafa"]), Spread.of(times["halfblocks"])
    row = Row("thumbnails of the demo's images, select to frame: libchafa", chafa.format("ms", 0, 1000),
              f"half blocks {halves.format('ms', 0, 1000)}", f"{chafa.median / halves.median:.2f}×")
    row.notes.append("Medians per sample, ms, chafa/half blocks: " + ", ".join(per_sample) + ".")
    return [row]
