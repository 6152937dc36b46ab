"""Timing a full-screen program from the outside, in a pseudo-terminal: when the screen shows
a given text, and how long after a keypress the next frame is written. The same method for
our TUI and for nnn, so the two are comparable; no hook inside either program is needed.

A frame counts as written when its bytes reach the terminal. ncurses writes one frame in
one burst of write(2) calls microseconds apart; a gap of BURST_GAP seconds ends a burst."""

import fcntl
import os
import re
import select
import signal
import struct
import termios
import time

from .measure import BenchError

BURST_GAP = 0.004
LOOKBEHIND = 256


class PtySession:
    """A program on its own pseudo-terminal of rows x columns."""

    def __init__(self, argv, *, environment, cwd, rows=40, columns=140):
        self.name = os.path.basename(argv[0])
        self.output = bytearray()
        self.last_output = None
        self.started = time.perf_counter()
        pid, fd = os.forkpty()
        if pid == 0:  # the child: size the terminal before the program can ask, then run it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                os.chdir(cwd)
                os.execvpe(argv[0], argv, environment)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.status = None

    def _read(self, timeout):
        """Reads what is there within timeout; returns the read's time, or None when nothing came."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return None
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the program closed the terminal (it exited)
            data = b""
        now = time.perf_counter()
        if not data:
            self._reap()
            raise BenchError(f"{self.name} exited (status {self.status}) before the expected screen; "
                             f"last output: {_printable(self.output[-200:])!r}")
        self.output += data
        self.last_output = now
        return now

    def wait_for_text(self, text, timeout):
        """Seconds from the start until `text` (bytes) appeared on the terminal."""
        return self.wait_for(re.compile(re.escape(text)), timeout)

    def wait_for(self, pattern, timeout, since=0):
        """Seconds from the start until output matching `pattern` (a compiled bytes regex
        that matches at most LOOKBEHIND bytes) appeared on the terminal, looking only at the
        output from offset `since` on (`len(session.output)` before a keypress: what it caused)."""
        deadline = time.monotonic() + timeout
        searched = since + LOOKBEHIND
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError(f"the screen did not show {pattern.pattern.decode(errors='replace')!r} within "
                                 f"{timeout:.0f} s; last output: {_printable(self.output[-200:])!r}")
            when = self._read(left)
            if when is not None and pattern.search(self.output, max(searched - LOOKBEHIND, since)):
                return when - self.started
            searched = len(self.output)

    def settle(self, quiet=0.3, timeout=15.0):
        """Reads until nothing arrives for `quiet` seconds (bounded by timeout); returns the
        seconds from the start to the last output: when the screen stopped changing."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._read(quiet) is None:
                return self.last_output - self.started
        raise BenchError(f"the screen never settled within {timeout:.0f} s")

    def drain(self):
        """Reads everything already written, without waiting."""
        while self._read(0) is not None:
            pass

    def press(self, key):
        """Writes `key` and returns when, in seconds from the start, it was written."""
        sent = time.perf_counter()
        os.write(self.fd, key)
        return sent - self.started

    def keypress_to_frame(self, key, timeout=5.0):
        """Writes `key` and returns the seconds until the end of the first burst of output
        after it: the frame that answers the key."""
        sent = time.perf_counter()
        os.write(self.fd, key)
        first = self._read(timeout)
        if first is None:
            raise BenchError(f"no new frame within {timeout:.0f} s of a keypress")
        last = first
        while True:
            when = self._read(BURST_GAP)
            if when is None:
                return last - sent
            last = when

    def _reap(self):
        if self.status is None:
            _, status = os.waitpid(self.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)

    def close(self):
        """Ends the program (SIGTERM, then SIGKILL after 5 s) by its id, and the terminal."""
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + 5
            while self.status is None and time.monotonic() < deadline:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.status = os.waitstatus_to_exitcode(status)
                else:
                    try:  # keep draining, or a program blocked on a full terminal never exits
                        self._read(0.05)
                    except BenchError:
                        pass
            if self.status is None:
                os.kill(self.pid, signal.SIGKILL)
                self._reap()
        os.close(self.fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _printable(data):
    return bytes(data).decode(errors="replace").encode("ascii", "backslashreplace").decode()
