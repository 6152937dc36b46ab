"""Drawing terminal cells as pixels, shared by scripts/screenshots and scripts/thumbnail-quality."""

# Block elements (U+2580-U+259F) as the fraction of the cell each covers: (left, top, right,
# bottom) boxes in 0..8 eighths. Drawn as rectangles, not glyphs, so a thumbnail's cells meet
# without the gaps a font's line spacing leaves. The shades (░▒▓) are blends instead.
EIGHTHS = {chr(0x2580): [(0, 0, 8, 4)], chr(0x2588): [(0, 0, 8, 8)], chr(0x2590): [(4, 0, 8, 8)],
           chr(0x2594): [(0, 0, 8, 1)], chr(0x2595): [(7, 0, 8, 8)]}
for n in range(1, 8):
    EIGHTHS[chr(0x2580 + n)] = [(0, 8 - n, 8, 8)]       # lower n eighths
    EIGHTHS[chr(0x2590 - n)] = [(0, 0, n, 8)]           # left n eighths (▏ is 1/8, ▉ is 7/8)
QUADRANTS = {0x2596: "l", 0x2597: "r", 0x2598: "L", 0x259D: "R", 0x2599: "Llr", 0x259A: "Lr",
             0x259B: "LRl", 0x259C: "LRr", 0x259E: "Rl", 0x259F: "Rlr"}
QUADRANT_BOXES = {"L": (0, 0, 4, 4), "R": (4, 0, 8, 4), "l": (0, 4, 4, 8), "r": (4, 4, 8, 8)}
for code, parts in QUADRANTS.items():
    EIGHTHS[chr(code)] = [QUADRANT_BOXES[part] for part in parts]
SHADES = {chr(0x2591): 0.25, chr(0x2592): 0.5, chr(0x2593): 0.75}


def draw_block(draw, char, left, top, cell_w, cell_h, fg, bg):
    """Draws a block element filling its cell; returns False for any other character."""
    if char in SHADES:
        share = SHADES[char]
        mixed = tuple(round(f * share + b * (1 - share)) for f, b in zip(fg, bg))
        draw.rectangle([left, top, left + cell_w - 1, top + cell_h - 1], fill=mixed)
        return True
    boxes = EIGHTHS.get(char)
    if boxes is None:
        return False
    draw.rectangle([left, top, left + cell_w - 1, top + cell_h - 1], fill=bg)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle([left + round(x0 * cell_w / 8), top + round(y0 * cell_h / 8),
                        left + round(x1 * cell_w / 8) - 1, top + round(y1 * cell_h / 8) - 1], fill=fg)
    return True
