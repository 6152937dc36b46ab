"""The one table the benchmark prints: figure, ours, anchor, ratio, goal, met?"""

from dataclasses import dataclass, field


@dataclass
class Row:
    figure: str
    ours: str
    anchor: str = "–"
    ratio: str = "–"
    goal: str = "–"
    met: str = "–"  # "yes", "no", "n/a" (not measurable yet, see notes) or "ERROR"
    notes: list = field(default_factory=list)


def verdict(condition):
    return "yes" if condition else "no"


def size_label(size):
    """1073741824 -> '1 GiB', 104857600 -> '100 MiB'."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} B"


def count_label(count):
    return f"{count:,}"


def markdown(rows):
    """A Markdown pipe table (readable as is in a terminal), then the numbered notes."""
    header = ["figure", "ours", "anchor", "ratio", "goal", "met?"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    notes = []
    for row in rows:
        marks = []
        for note in row.notes:
            notes.append(note)
            marks.append(f"[{len(notes)}]")
        figure = row.figure + (" " + " ".join(marks) if marks else "")
        cells = [figure, row.ours, row.anchor, row.ratio, row.goal, row.met]
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    if notes:
        lines.append("")
        lines.extend(f"- [{number}] {note}" for number, note in enumerate(notes, start=1))
    return "\n".join(lines)
