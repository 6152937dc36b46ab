#!/usr/bin/env python3
"""Counts the colour cells in a rectangle of a tmux capture taken with `capture-pane -e -p`.

    colour_cells.py CAPTURE LEFT TOP WIDTH HEIGHT [--min N] [--kind 256|rgb]

A colour cell is one drawn on a background from the 256-colour palette above the basic 16
(`48;5;N`, N >= 16) or on a 24-bit background (`48;2;R;G;B`): only a thumbnail draws those.
Prints the count and, per kind, how many; exits 0 when at least N (default 1) cells of the
kind asked for (default: either) are in the rectangle.
"""
import re
import sys
import unicodedata

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def backgrounds(line):
    """Yields (column, kind) of every cell of a captured line, kind being '256', 'rgb' or None."""
    background = None
    column = 0
    position = 0
    while position < len(line):
        match = SGR.match(line, position)
        if match:
            background = apply(match.group(1), background)
            position = match.end()
            continue
        character = line[position]
        position += 1
        if character == "\x1b":
            continue
        width = 2 if unicodedata.east_asian_width(character) in "WF" else 1
        if unicodedata.combining(character):
            continue
        for _ in range(width):
            yield column, background
            column += 1


def apply(parameters, background):
    """The background after an SGR with these parameters (tmux writes them with semicolons)."""
    values = [int(value) if value else 0 for value in parameters.split(";")] if parameters else [0]
    index = 0
    while index < len(values):
        value = values[index]
        extended = value in (38, 48) and index + 1 < len(values)
        if extended and values[index + 1] == 5 and index + 2 < len(values):
            if value == 48:
                background = "256" if values[index + 2] >= 16 else None
            index += 3
            continue
        if extended and values[index + 1] == 2:
            if value == 48:
                background = "rgb"
            index += 5
            continue
        if value in (0, 49) or 40 <= value <= 47 or 100 <= value <= 107:
            background = None
        index += 1
    return background


def main():
    arguments = sys.argv[1:]
    minimum, kind = 1, None
    if "--min" in arguments:
        at = arguments.index("--min")
        minimum = int(arguments[at + 1])
        del arguments[at:at + 2]
    if "--kind" in arguments:
        at = arguments.index("--kind")
        kind = arguments[at + 1]
        del arguments[at:at + 2]
    path, left, top, width, height = arguments[0], *map(int, arguments[1:5])
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().split("\n")
    counts = {"256": 0, "rgb": 0}
    for row in range(top, min(len(lines), top + height)):
        for column, background in backgrounds(lines[row]):
            if left <= column < left + width and background is not None:
                counts[background] += 1
    found = counts[kind] if kind else counts["256"] + counts["rgb"]
    print(f"colour cells: {counts['256']} in 256 colours, {counts['rgb']} in 24-bit colour")
    return 0 if found >= minimum else 1


if __name__ == "__main__":
    sys.exit(main())
