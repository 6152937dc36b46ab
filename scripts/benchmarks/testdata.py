"""Test data the benchmarks make for themselves: plugin jars of a given size and a folder of
many files."""

import os
import zipfile

PLUGIN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<atlassian-plugin key="com.example.bench-plugin" name="Bench Plugin" plugins-version="2">
    <plugin-info>
        <description>Made by scripts/bench: a descriptor and a stored random payload.</description>
        <version>1.0.{size}</version>
        <vendor name="Example Corp" url="https://www.example.com"/>
    </plugin-info>
</atlassian-plugin>
"""

CHUNK = 1 << 20


def make_plugin_jar(path, size):
    """Writes a valid plugin jar of exactly `size` bytes: a ZIP holding atlassian-plugin.xml
    and one stored (uncompressed, like `zip -0`) entry of random bytes that fills the rest.
    Random bytes so that nothing on the way can compress them."""
    descriptor = PLUGIN_XML.format(size=size).encode()
    # Everything but the payload's bytes: two local headers, two central directory records,
    # the end record. Measured rather than computed, with a 1-byte payload.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=False) as archive:
        archive.writestr(_entry("atlassian-plugin.xml"), descriptor)
        archive.writestr(_entry("payload.bin"), b"\0")
    overhead = os.path.getsize(path) - 1
    payload = size - overhead
    if payload < 1:
        raise ValueError(f"a jar of {size} bytes is too small for its descriptor")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=False) as archive:
        archive.writestr(_entry("atlassian-plugin.xml"), descriptor)
        info = _entry("payload.bin")
        info.file_size = payload  # known up front: no ZIP64 fields below 4 GiB
        with archive.open(info, "w") as entry:
            left = payload
            while left > 0:
                count = min(CHUNK, left)
                entry.write(os.urandom(count))
                left -= count
    actual = os.path.getsize(path)
    if actual != size:
        raise ValueError(f"made a jar of {actual} bytes instead of {size}")
    return path


def _entry(name):
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 12, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    return info


ENTRY_PREFIX = "bench-entry-"


def make_folder(path, count):
    """A folder of `count` empty files bench-entry-000000, bench-entry-000001, ... and
    returns the name that sorts first. (No names of that shape appear anywhere else on the
    screen, so their appearance marks the first frame that shows the folder.)"""
    os.makedirs(path, exist_ok=True)
    for number in range(count):
        descriptor = os.open(os.path.join(path, f"{ENTRY_PREFIX}{number:06d}"), os.O_CREAT | os.O_WRONLY, 0o644)
        os.close(descriptor)
    return f"{ENTRY_PREFIX}{0:06d}"
