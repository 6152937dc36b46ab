"""Running a command and measuring it: wall time (time.perf_counter around the whole run)
and the peak RSS of that process alone (wait4's ru_maxrss, taken by a small C launcher; see
rusage_exec.c for why Python cannot take it itself)."""

import os
import shutil
import signal
import statistics
import subprocess
import time
from dataclasses import dataclass


class BenchError(Exception):
    """Something broke: a command failed or a figure could not be measured."""


@dataclass
class Run:
    """One measured run of a command."""
    seconds: float
    max_rss_kib: int
    user_seconds: float
    system_seconds: float
    stdout: bytes
    stderr: bytes


class Launcher:
    """Compiles rusage_exec.c once into the work folder and runs commands through it."""

    def __init__(self, work_dir):
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rusage_exec.c")
        self.path = os.path.join(work_dir, "rusage-exec")
        self.output = os.path.join(work_dir, "rusage-exec.out")
        compiler = shutil.which("cc") or shutil.which("clang") or shutil.which("gcc")
        if compiler is None:
            raise BenchError("no C compiler (cc, clang or gcc) to build the RSS launcher; the Swift toolchain ships clang")
        result = subprocess.run([compiler, "-O2", "-o", self.path, source], capture_output=True, text=True)
        if result.returncode != 0:
            raise BenchError("cannot compile rusage_exec.c: " + result.stderr.strip().splitlines()[-1])

    def run(self, argv, *, env=None, timeout=600.0, check=True, stdin=subprocess.DEVNULL):
        """Runs argv to completion and returns its Run. Raises BenchError when it fails
        (nonzero status, with check) or outlives timeout (then its process group is killed)."""
        if os.path.exists(self.output):
            os.unlink(self.output)
        start = time.perf_counter()
        process = subprocess.Popen([self.path, self.output, *argv], env=env, stdin=stdin,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process)
            raise BenchError(f"{describe(argv)} did not finish within {timeout:.0f} s")
        seconds = time.perf_counter() - start
        if check and process.returncode != 0:
            last = stderr.decode(errors="replace").strip().splitlines()[-3:]
            raise BenchError(f"{describe(argv)} exited with status {process.returncode}: " + " | ".join(last))
        try:
            with open(self.output) as handle:
                rss, user, system = handle.read().split()
        except (OSError, ValueError):
            raise BenchError(f"no resource usage recorded for {describe(argv)}")
        return Run(seconds, int(rss), float(user), float(system), stdout, stderr)


def kill_group(process):
    """Kills the process group this script started for `process` (its id, never a name)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def describe(argv):
    """A short name for a command in messages: the program and its subcommand."""
    name = os.path.basename(str(argv[0]))
    return f"`{name} {argv[1]}`" if len(argv) > 1 and not str(argv[1]).startswith("-") else f"`{name}`"


def alternate(runs, *contenders):
    """Runs the contenders in turn, A B A B ..., `runs` rounds; returns one list of results
    per contender. Alternating spreads the machine's drift (other users, page cache, CPU
    frequency) over all of them instead of biasing whichever runs last."""
    results = [[] for _ in contenders]
    for _ in range(runs):
        for index, contender in enumerate(contenders):
            results[index].append(contender())
    return results


@dataclass
class Spread:
    """The median and the range of a set of samples."""
    median: float
    low: float
    high: float
    count: int

    @staticmethod
    def of(samples):
        if not samples:
            raise BenchError("no samples to summarise")
        return Spread(statistics.median(samples), min(samples), max(samples), len(samples))

    def format(self, unit, digits=2, scale=1.0):
        """'1.23 s (1.20–1.31)', or just '1.23 s' for a single sample."""
        median = f"{self.median * scale:.{digits}f} {unit}"
        if self.count == 1:
            return median
        return f"{median} ({self.low * scale:.{digits}f}–{self.high * scale:.{digits}f})"
