"""The paste figure of issue 15 (rough edge 10), measured from outside in a pseudo-terminal like
the other TUI figures: a 10,000-character URL pasted into the fetch prompt, from the write of the
paste to the frame that shows its end. The TUI does not ask for bracketed paste: a paste arrives as
keys, and the key loop handles every key already waiting before it draws one frame."""

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


def paste_once(bench, emulator):
    """Seconds from writing the paste to the first output that shows its end."""
    environment = dict(bench.environment, TERM="xterm-256color", LANG="C.UTF-8")
    history = os.path.join(bench.work, "paste-history.json")
    url = pasted_url(LENGTH)
    with PtySession([bench.binary, "tui", bench.work, "--base-url", emulator.base_url, "--history", history],
                    environment=environment, cwd=bench.work, rows=40, columns=140) as session:
        session.wait_for_text(b"History", bench.tui_timeout)
        session.settle()
        session.press(b"f")
        session.wait_for_text(b"Fetch artifact", bench.tui_timeout)
        session.settle()
        sent = session.press(url)
        shown = session.wait_for_text(END_MARK, bench.tui_timeout)
        return shown - sent


def paste_figures(bench, emulator):
    pasted = Spread.of([paste_once(bench, emulator) for _ in range(bench.runs)])
    row = Row(f"TUI: paste a {LENGTH:,}-character URL into the fetch prompt, to the frame showing its end",
              pasted.format("ms", 0, 1000), "–", "–", "≤ 100 ms", verdict(pasted.median <= 0.1))
    row.notes.append(
        "The URL written to the pseudo-terminal (140×40, TERM=xterm-256color) in one write, as a terminal passes a "
        "paste on; timed to the first output that shows the URL's last characters (the prompt scrolls to its end). "
        "Before the key loop drained waiting keys, a 1,505-character URL took 7.8 s (one frame per character).")
    return [row]
