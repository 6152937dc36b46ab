"""The paste figures of issue 15 (rough edge 10), measured from outside in a pseudo-terminal like
the other TUI figures: a 10,000-character URL pasted into the fetch prompt, from the write of the
paste to the frame that shows its end, written without the bracketed-paste markers (a terminal that
sends none: the paste arrives as keys, and the key loop handles every key already waiting before it
draws one frame); and words pasted into the Files filter of a large folder, within the markers, as
terminals send a paste to a program that asks for them (the TUI does)."""

import os

from .measure import Spread
from .table import Row, verdict
from .terminal import PtySession

LENGTH = 10_000
# The end of the pasted URL: the prompt scrolls to show it once the paste is in.
END_MARK = b"PASTE-END-MARK"


def pasted_url(length):
    """An https URL of exactly `length` characters ending in END_MARK."""
    head = b"https://downloads.example.com/releases/app.jar?sig="
    body = (b"0123456789abcdef" * (length // 16 + 1))[:length - len(head) - len(END_MARK)]
    return head + body + END_MARK


def paste_once(bench, emulator, folder, opened, key, opens, pasted):
    """Seconds from writing `pasted` to the first output that shows its end (END_MARK), in the
    TUI on `folder` once `opened` shows and `key` has opened what `opens` names."""
    environment = dict(bench.environment, TERM="xterm-256color", LANG="C.UTF-8")
    history = os.path.join(bench.work, "paste-history.json")
    with PtySession([bench.binary, "tui", folder, "--base-url", emulator.base_url, "--history", history],
                    environment=environment, cwd=bench.work, rows=40, columns=140) as session:
        session.wait_for_text(opened, bench.tui_timeout)
        session.settle()
        session.press(key)
        if opens:
            session.wait_for_text(opens, bench.tui_timeout)
        session.settle()
        sent = session.press(pasted)
        shown = session.wait_for_text(END_MARK, bench.tui_timeout)
        return shown - sent


def pasted_words(length):
    """Words and spaces, exactly `length` characters, ending in END_MARK (a filter's words)."""
    body = (b"alpha beta gamma delta " * (length // 23 + 1))[:length - len(END_MARK)]
    return body + END_MARK


def paste_figures(bench, emulator):
    path, first = bench.big_folder
    in_filter = Spread.of([paste_once(bench, emulator, path, first.encode(), b"/", None,
                                      b"\x1b[200~" + pasted_words(LENGTH) + b"\x1b[201~") for _ in range(bench.runs)])
    filter_row = Row(f"TUI: paste {LENGTH:,} characters of words into the Files filter of {bench.folder_count:,} files, to the frame showing its end",
                     in_filter.format("ms", 0, 1000), "–", "–", "≤ 200 ms", verdict(in_filter.median <= 0.2))
    filter_row.notes.append(
        "Written as the fetch prompt's paste but within the bracketed-paste markers, into the Files filter (`/`) of a folder of "
        "empty files; every word is matched on its own, against each name. The goal is the TUI's at 100,000 entries (its first "
        "frame, ≤ 200 ms). When the filter was split again for each row, 16,000 characters into 20,000 files took 16 s.")
    pasted = Spread.of([paste_once(bench, emulator, bench.work, b"History", b"f", b"Fetch artifact", pasted_url(LENGTH))
                        for _ in range(bench.runs)])
    row = Row(f"TUI: paste a {LENGTH:,}-character URL into the fetch prompt, to the frame showing its end",
              pasted.format("ms", 0, 1000), "–", "–", "≤ 100 ms", verdict(pasted.median <= 0.1))
    row.notes.append(
        "The URL written to the pseudo-terminal (140×40, TERM=xterm-256color) in one write, as a terminal passes a "
        "paste on; timed to the first output that shows the URL's last characters (the prompt scrolls to its end). "
        "Before the key loop drained waiting keys, a 1,505-character URL took 7.8 s (one frame per character).")
    return [row, filter_row]
