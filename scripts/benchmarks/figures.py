"""The figures of issue 5, each as rows of the table. Every function takes the Bench (paths,
sizes, runs, the launcher) and returns a list of Rows; a BenchError means the figure could
not be measured."""

import json
import os
import re
import shutil
import subprocess
import time

from .measure import BenchError, Spread, alternate
from .servers import EMAIL, TOKEN, Emulator
from .table import Row, count_label, size_label, verdict
from .terminal import PtySession
from .testdata import ENTRY_PREFIX

MIB = 1 << 20


def mib(kib):
    return kib / 1024


# MARK: uploads

class Uploads:
    """upload-artifact and curl against one emulator, and curl against the file sink; each
    client run through `prefix` (`taskset -c 1`, say) when one is given."""

    def __init__(self, bench, emulator, sink, prefix=()):
        self.bench = bench
        self.emulator = emulator
        self.sink = sink
        self.prefix = list(prefix)
        self.history = os.path.join(bench.work, "upload-history.json")

    def ours(self, path, *extra):
        """`marketplace-assets upload-artifact FILE` into a fresh history file, as a person
        runs it; checked afterwards (untimed) in the history it recorded."""
        self._forget_history()
        run = self.bench.launcher.run(
            [*self.prefix, self.bench.binary, "upload-artifact", path, "--base-url", self.emulator.base_url,
             "--history", self.history, *extra],
            env=self.bench.environment, timeout=self.bench.timeout)
        entries = self.history_entries()
        if len(entries) != 1 or entries[0].get("size") != os.path.getsize(path) or entries[0].get("failure"):
            raise BenchError("upload-artifact did not record one successful entry of the file's size")
        self.emulator.forget_uploads()
        return run

    def curl(self, path, url):
        """`curl --form file=@FILE` as the API reference shows it."""
        run = self.bench.launcher.run(
            [*self.prefix, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--user", f"{EMAIL}:{TOKEN}",
             "--header", "Accept: application/json", "--form", f"file=@{path}", url],
            env=self.bench.environment, timeout=self.bench.timeout)
        if run.stdout != b"200":
            raise BenchError(f"curl upload to {url} answered HTTP {run.stdout.decode(errors='replace')}")
        self.emulator.forget_uploads()
        return run

    def history_entries(self):
        """The entries of the last upload's history, via the CLI (`history --json --all-servers`)."""
        run = subprocess.run([self.bench.binary, "history", "--json", "--all-servers", "--history", self.history],
                             env=self.bench.environment, capture_output=True, timeout=60)
        if run.returncode != 0:
            raise BenchError("`marketplace-assets history --json` failed: " + run.stderr.decode(errors="replace").strip())
        return json.loads(run.stdout)

    def _forget_history(self):
        for name in os.listdir(self.bench.work):
            if name.startswith("upload-history."):
                os.unlink(os.path.join(self.bench.work, name))


def upload_figures(bench, uploads):
    """Wall time of 1 GiB (ours, curl to the emulator, curl to the sink, in turn), client RSS
    at both sizes, what verification costs, the emulator's receiving rate."""
    big, medium = bench.big_jar, bench.medium_jar
    big_size, medium_size = os.path.getsize(big), os.path.getsize(medium)
    emulator_cpu = []

    def curl_to_emulator():
        before = uploads.emulator.cpu_seconds()
        run = uploads.curl(big, uploads.emulator.artifacts_url)
        emulator_cpu.append(uploads.emulator.cpu_seconds() - before)
        return run

    ours, curl, sink = alternate(
        bench.runs,
        lambda: uploads.ours(big),
        curl_to_emulator,
        lambda: uploads.curl(big, uploads.sink.url))
    emulator_peak = uploads.emulator.peak_rss_kib()
    ours_medium, curl_medium = alternate(
        bench.runs, lambda: uploads.ours(medium), lambda: uploads.curl(medium, uploads.emulator.artifacts_url))
    with_json = uploads.ours(medium, "--json")
    uploads.emulator.check_running()

    rows = []
    wall = against_curl_row(f"upload-artifact {size_label(big_size)} to the emulator, wall time", ours, curl)
    wall.notes.append(
        f"upload-artifact inspects the jar, streams it with the SHA-512 computed on the way, compares it with the "
        f"server's checksum and records a history entry; curl only sends. CPU time per upload: ours "
        f"{Spread.of([r.user_seconds + r.system_seconds for r in ours]).format('s')}, curl "
        f"{Spread.of([r.user_seconds + r.system_seconds for r in curl]).format('s')}; the emulator's, receiving "
        f"from curl: {Spread.of(emulator_cpu).format('s')} ({os.cpu_count()} CPUs for client and emulator).")
    rows.append(wall)

    rss_medium = Spread.of([mib(r.max_rss_kib) for r in ours_medium])
    rss_big = Spread.of([mib(r.max_rss_kib) for r in ours])
    curl_rss_medium = Spread.of([mib(r.max_rss_kib) for r in curl_medium])
    curl_rss_big = Spread.of([mib(r.max_rss_kib) for r in curl])
    rows.append(Row(f"client peak RSS, upload of {size_label(medium_size)}", rss_medium.format("MiB", 1),
                    "curl " + curl_rss_medium.format("MiB", 1), f"{rss_medium.median / curl_rss_medium.median:.1f}×",
                    "≤ 40 MiB", verdict(rss_medium.median <= 40)))
    flat = rss_big.median <= rss_medium.median * 1.1 + 2
    growth = round(rss_big.median - rss_medium.median, 1) + 0.0  # no "-0.0"
    big_row = Row(f"client peak RSS, upload of {size_label(big_size)}", rss_big.format("MiB", 1),
                  "curl " + curl_rss_big.format("MiB", 1), f"{rss_big.median / curl_rss_big.median:.1f}×",
                  "≤ 40 MiB, flat in size", verdict(rss_big.median <= 40 and flat))
    big_row.notes.append(f"{growth:+.1f} MiB from {size_label(medium_size)} to {size_label(big_size)} "
                         f"(flat: within 10 % + 2 MiB). Peak RSS by wait4's ru_maxrss of each process, for "
                         f"`upload-artifact FILE`; with `--json` ({size_label(medium_size)}): "
                         f"{mib(with_json.max_rss_kib):.1f} MiB.")
    rows.append(big_row)

    rows.append(verification_row(bench, uploads))

    def rates(runs):
        return Spread.of([big_size / r.seconds / 1e6 for r in runs])

    receiving, sinking = rates(curl), rates(sink)
    receive_row = Row(f"emulator receiving {size_label(big_size)} from curl", receiving.format("MB/s", 0),
                      "curl to a file sink " + sinking.format("MB/s", 0),
                      f"{receiving.median / sinking.median:.2f}×", "≥ 200 MB/s", verdict(receiving.median >= 200))
    receive_row.notes.append(
        f"The emulator parses the multipart body, hashes it (SHA-512) and writes it to disk; the sink "
        f"(scripts/benchmarks/sink.py) writes the raw body to a file. Emulator peak RSS over all "
        f"{size_label(big_size)} uploads: {mib(emulator_peak):.1f} MiB.")
    rows.append(receive_row)
    return rows


def pinned_upload_figures(bench):
    """The 1 GiB upload again with the emulator on CPU 0 and each client on CPU 1 (taskset):
    what the client costs when it has a core of its own rather than sharing both with the
    emulator. Ours, curl and ours without verification, in turn."""
    big = bench.big_jar
    title = f"upload-artifact {size_label(os.path.getsize(big))}, client and emulator on a CPU each"
    if os.cpu_count() < 2 or shutil.which("taskset") is None:
        return [Row(title, "n/a: needs 2 CPUs and taskset", goal="≤ 0.95× curl", met="n/a")]
    with Emulator(bench.binary, os.path.join(bench.work, "emulator-pinned"), bench.environment,
                  prefix=("taskset", "-c", "0")) as emulator:
        uploads = Uploads(bench, emulator, None, prefix=("taskset", "-c", "1"))
        ours, curl, unhashed = alternate(
            bench.runs, lambda: uploads.ours(big), lambda: uploads.curl(big, emulator.artifacts_url),
            lambda: uploads.ours(big, "--no-verify"))
        emulator.check_running()
    wall = against_curl_row(title, ours, curl)
    wall.notes.append("The emulator pinned to CPU 0, upload-artifact and curl to CPU 1 (`taskset -c`): the same "
                      "upload when the client has a core of its own instead of sharing both with the emulator.")
    return [wall, verification_cost_row("verifying the SHA-512 inside the upload, client and emulator on a CPU each",
                                        ours, unhashed)]


def verification_row(bench, uploads):
    """The extra cost of the in-stream SHA-512: upload-artifact with and without it
    (`--no-verify`), in turn."""
    big = bench.big_jar
    hashed, unhashed = alternate(bench.runs, lambda: uploads.ours(big), lambda: uploads.ours(big, "--no-verify"))
    entries = uploads.history_entries()
    if not entries or entries[0].get("verified") not in (False, None):
        raise BenchError("upload-artifact --no-verify still recorded a verified upload")
    return verification_cost_row("verifying the SHA-512 inside the upload, extra wall time", hashed, unhashed)


def against_curl_row(title, ours, curl):
    """Ours against curl, wall time: the goal is ≤ 0.95× curl."""
    ours_time, curl_time = Spread.of([r.seconds for r in ours]), Spread.of([r.seconds for r in curl])
    ratio = ours_time.median / curl_time.median
    return Row(title, ours_time.format("s"), "curl " + curl_time.format("s"), f"{ratio:.2f}×", "≤ 0.95× curl",
               verdict(ratio <= 0.95))


def verification_cost_row(title, hashed, unhashed):
    """What the SHA-512 adds to the upload's wall time: the goal is ≤ 5 %."""
    with_hash, without = Spread.of([r.seconds for r in hashed]), Spread.of([r.seconds for r in unhashed])
    extra = (with_hash.median / without.median - 1) * 100
    return Row(title, f"{extra:+.1f} %", "without: " + without.format("s"), f"{with_hash.median / without.median:.2f}×",
               "≤ 5 % of the upload", verdict(extra <= 5))


def concurrent_figure(bench, sink):
    """32 concurrent uploads from curl: a fresh emulator per run (so its VmHWM is this
    run's), against the same 32 to the file sink."""
    path = bench.small_jar
    count = bench.concurrency
    peaks, errors_seen = [], []

    def to_emulator():
        data = os.path.join(bench.work, "emulator-concurrent")
        with Emulator(bench.binary, data, bench.environment) as emulator:
            seconds, errors = _parallel_curl(bench, path, emulator.base_url + "/rest/3/artifacts", count)
            emulator.check_running()
            peaks.append(mib(emulator.peak_rss_kib()))
        shutil.rmtree(data, ignore_errors=True)
        errors_seen.append(errors)
        return seconds

    def to_sink():
        seconds, errors = _parallel_curl(bench, path, sink.url, count)
        if errors:
            raise BenchError(f"{errors} of {count} concurrent uploads to the file sink failed")
        return seconds

    emulator_times, sink_times = alternate(bench.runs, to_emulator, to_sink)
    ours, anchor = Spread.of(emulator_times), Spread.of(sink_times)
    peak = Spread.of(peaks)
    errors = sum(errors_seen)
    row = Row(f"emulator, {count} concurrent {size_label(os.path.getsize(path))} uploads from curl",
              f"{errors} errors, {ours.format('s')}, RSS {peak.format('MiB', 0)}", "file sink " + anchor.format("s"),
              f"{ours.median / anchor.median:.2f}×", "0 errors, RSS ≤ 128 MiB",
              verdict(errors == 0 and peak.high <= 128))
    row.notes.append("Emulator RSS is VmHWM from /proc/PID/status of a fresh emulator per run; time is from the "
                     f"first curl's start to the last one's end ({count} curl processes).")
    return [row]


def _parallel_curl(bench, path, url, count):
    """Starts `count` curl uploads at once; returns (seconds until all ended, failures)."""
    start = time.perf_counter()
    processes = [subprocess.Popen(
        ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--user", f"{EMAIL}:{TOKEN}",
         "--header", "Accept: application/json", "--form", f"file=@{path}", url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True) for _ in range(count)]
    failures = 0
    for process in processes:
        try:
            out, _ = process.communicate(timeout=bench.timeout)
        except subprocess.TimeoutExpired:
            for other in processes:
                if other.poll() is None:
                    os.killpg(other.pid, 9)
                    other.wait()
            raise BenchError(f"{count} concurrent uploads did not finish within {bench.timeout:.0f} s")
        if process.returncode != 0 or out != b"200":
            failures += 1
    return time.perf_counter() - start, failures


# MARK: hashing

def hashing_figure(bench):
    """`marketplace-assets inspect --sha512` against `sha512sum`, same warm file, in turn."""
    path = bench.big_jar
    expected = {}

    def ours():
        run = bench.launcher.run([bench.binary, "inspect", path, "--sha512", "--json"], env=bench.environment,
                                 timeout=bench.timeout)
        expected.setdefault("ours", json.loads(run.stdout)["sha512"].removeprefix("sha512:"))
        return run

    def coreutils():
        run = bench.launcher.run(["sha512sum", path], timeout=bench.timeout)
        expected.setdefault("sha512sum", run.stdout.split()[0].decode())
        return run

    ours_runs, anchor_runs = alternate(bench.runs, ours, coreutils)
    if expected["ours"] != expected["sha512sum"]:
        raise BenchError("inspect --sha512 and sha512sum disagree on the digest")
    mine, theirs = Spread.of([r.seconds for r in ours_runs]), Spread.of([r.seconds for r in anchor_runs])
    ratio = mine.median / theirs.median
    size = os.path.getsize(path)
    row = Row(f"SHA-512 of {size_label(size)} (inspect --sha512)", mine.format("s"), "sha512sum " + theirs.format("s"),
              f"{ratio:.2f}×", "≤ 0.85× sha512sum", verdict(ratio <= 0.85))
    row.notes.append(f"Warm page cache, so SHA-512 itself bounds both: ours {size / mine.median / 1e6:.0f} MB/s, "
                     f"sha512sum {size / theirs.median / 1e6:.0f} MB/s. Ours includes reading the jar's descriptor.")
    return [row]


# MARK: history

# Goals at each size (issue 9): ten years of a busy vendor's uploads, and the no-cliff check.
HISTORY_GOALS = {10_000: {"load": 30, "append": 50, "newest entry": 100},
                 100_000: {"load": 1000, "append": 1000, "update": 1000, "first frame": 200}}


def make_history(bench, server_url, count):
    """A history of `count` realistic entries filed under server_url (history-stress
    generate); returns its path."""
    path = os.path.join(bench.work, f"history-{count}", "history.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    run = subprocess.run([bench.history_stress, "generate", "--history", path, "--count", str(count),
                          "--server", server_url], capture_output=True, text=True, timeout=bench.timeout)
    if run.returncode != 0:
        raise BenchError("history-stress generate failed: " + run.stderr.strip())
    return path


def history_figures(bench, path, count):
    """load() of the whole history, append() of one entry and update() of one, timed inside
    history-stress (the store's own cost, without process start), many times each: every
    append must meet the goal, so the row gives the maximum beside the median."""
    runs = max(bench.runs * 4, 20) if count <= 10_000 else max(bench.runs * 2, 10)
    timings = _history_bench(bench, path, runs)
    goals = HISTORY_GOALS.get(count, {})
    label, size = count_label(count), os.path.getsize(path)

    def row(title, spread, goal_key, every_time=False):
        goal = goals.get(goal_key)
        value = spread.high if every_time else spread.median
        return Row(title, spread.format("ms", 1), goal=("–" if goal is None else f"{'every one ' if every_time else ''}≤ {goal} ms"),
                   met=("n/a" if goal is None else verdict(value <= goal)))

    load = row(f"history: load {label} entries", timings["load"], "load")
    load.notes.append(f"HistoryStore.load() timed inside history-stress, {timings['load'].count} runs; the file is "
                      f"{size / MIB:.1f} MiB, {size / count:.0f} bytes per entry.")
    append = row(f"history: add one entry to {label}", timings["append one"], "append", every_time=True)
    append.notes.append("Under the lock: read every entry (as a load does), put the new one after the last in the "
                        "bytes read, and write them (temporary file, fsync, rename, fsync of the folder); the range is "
                        "every append of "
                        f"{timings['append one'].count}, the slowest was number {timings['append one slowest']}.")
    update = row(f"history: change one entry of {label}", timings["update one"], "update", every_time=True)
    update.notes.append("An update (a refresh) reads every entry and writes the file again with the changed entry's "
                        "line encoded anew, the others copied; a removal is the same without the entry.")
    return [load, append, update, _command_add_row(bench, path, label)]


def _command_add_row(bench, path, label):
    """One add as a CLI command makes it, a whole process (`history-stress append --count 1`),
    against the same add to an empty history, in turn: what a fresh process pays for the
    history's size (its memory comes page by page; the rows above time a warm process)."""
    empty = os.path.join(bench.work, "history-empty", "history.json")
    os.makedirs(os.path.dirname(empty), exist_ok=True)

    def add(history):
        return bench.launcher.run([bench.history_stress, "append", "--history", history, "--count", "1"],
                                  timeout=bench.timeout)

    def add_to_empty():
        for name in os.listdir(os.path.dirname(empty)):
            os.unlink(os.path.join(os.path.dirname(empty), name))
        return add(empty)

    full, fresh = alternate(max(bench.runs * 2, 10), lambda: add(path), add_to_empty)
    mine, anchor = Spread.of([r.seconds for r in full]), Spread.of([r.seconds for r in fresh])
    row = Row(f"history: one add as a command (a whole process) to {label}", mine.format("ms", 0, 1000),
              "to an empty history " + anchor.format("ms", 0, 1000), f"{mine.median / anchor.median:.1f}×", "–", "n/a")
    row.notes.append(f"Wall time of `history-stress append --count 1`, process start to exit, {mine.count} runs each in "
                     "turn; the difference is what the history's size costs a command that adds one entry.")
    return row


def _history_bench(bench, path, runs):
    run = subprocess.run([bench.history_stress, "bench", "--history", path, "--runs", str(runs)],
                         capture_output=True, text=True, timeout=bench.timeout)
    if run.returncode != 0:
        raise BenchError("history-stress bench failed: " + run.stderr.strip())
    timings = {}
    for name in ("load", "append one", "update one"):
        match = re.search(rf"^{name}: median ([\d.]+) ms \(min ([\d.]+), max ([\d.]+), (\d+) runs\); slowest: run (\d+)",
                          run.stdout, re.M)
        if not match:
            raise BenchError(f"history-stress bench printed no '{name}' line: {run.stdout.strip()}")
        median, low, high, count, slowest = match.groups()
        timings[name] = Spread(float(median), float(low), float(high), int(count))
        timings[name + " slowest"] = int(slowest)
    return timings


# MARK: the TUI

def tui_figures(bench, emulator, histories):
    """Start to first frame with each history (`histories`: count -> path), Files pane on a
    big folder, and a keypress, measured from outside in a pseudo-terminal; nnn and `ls -l`
    as anchors."""
    small_folder = os.path.join(bench.work, "small-folder")
    os.makedirs(small_folder, exist_ok=True)
    open(os.path.join(small_folder, "a-file"), "w").close()
    environment = dict(bench.environment, TERM="xterm-256color", LANG="C.UTF-8")
    rows_columns = dict(rows=48, columns=160)

    def tui(folder, history):
        return PtySession([bench.binary, "tui", folder, "--base-url", emulator.base_url, "--history", history],
                          environment=environment, cwd=folder, **rows_columns)

    _check_tui_is_wired(bench, tui, small_folder)

    def empty_start():
        """The fixed cost: start to the first frame (the one with the History pane's title),
        with an empty history."""
        with tui(small_folder, os.path.join(bench.work, "empty-history.json")) as session:
            return session.wait_for_text(b"History", bench.tui_timeout)

    rows = []
    for count, history_path in sorted(histories.items()):
        marker = "newest-0.jar"
        subprocess.run([bench.history_stress, "append", "--history", history_path, "--count", "1", "--tag", "newest",
                        "--server", emulator.base_url], check=True, capture_output=True, timeout=60)
        # The History pane's footnote once every entry is listed: "1/<count>".
        whole = f"1/{count + 1}".encode()
        completes, firsts = [], []

        def history_start():
            with tui(small_folder, history_path) as session:
                firsts.append(session.wait_for_text(b"History", bench.tui_timeout))
                shown = session.wait_for_text(marker.encode(), bench.tui_timeout)
                completes.append(shown if whole in session.output else session.wait_for_text(whole, bench.tui_timeout))
                return shown

        starts, empty = (Spread.of(samples) for samples in alternate(bench.runs, history_start, empty_start))
        first = Spread.of(firsts)
        goals = HISTORY_GOALS.get(count, {})
        for label, spread, goal in ((f"TUI: start to first frame with {count_label(count)} history entries", first,
                                     goals.get("first frame")),
                                    (f"TUI: start to the frame showing the newest of {count_label(count)} entries", starts,
                                     goals.get("newest entry"))):
            rows.append(Row(label, spread.format("ms", 0, 1000), goal="–" if goal is None else f"≤ {goal} ms",
                            met="n/a" if goal is None else verdict(spread.median * 1000 <= goal)))
        rows[-1].notes.append(f"From fork to the first frame (the History pane's title), then to the frame that shows the "
                              f"newest entry, read from a {rows_columns['columns']}×{rows_columns['rows']} pseudo-terminal "
                              f"(scripts/benchmarks/terminal.py); the pane says 'Reading the history…' until it is read; all "
                              f"entries are listed after {Spread.of(completes).format('ms', 0, 1000)}. With an empty history "
                              f"the first frame comes after {empty.format('ms', 0, 1000)}.")

    folder, _ = bench.big_folder
    any_entry = re.compile(re.escape(ENTRY_PREFIX.encode()) + rb"\d{6}")
    empty_history = os.path.join(bench.work, "empty-history.json")
    keys = {"ours": [], "nnn": []}
    settled = {"ours": [], "nnn": []}

    def browse(name, session):
        """First frame with entries; then when the screen stopped changing; then a keypress."""
        with session:
            shown = session.wait_for(any_entry, bench.tui_timeout)
            settled[name].append(session.settle())
            keys[name].append(session.keypress_to_frame(b"j"))
            return shown

    def ours_folder():
        return browse("ours", tui(folder, empty_history))

    nnn = shutil.which("nnn")

    def nnn_folder():
        config = os.path.join(bench.work, "nnn-config")
        os.makedirs(config, exist_ok=True)
        return browse("nnn", PtySession([nnn, folder], environment=dict(environment, XDG_CONFIG_HOME=config),
                                        cwd=folder, **rows_columns))

    def ls_folder():
        return bench.launcher.run(["ls", "-l", folder], timeout=bench.timeout).seconds

    contenders = [ours_folder, ls_folder] + ([nnn_folder] if nnn else [])
    results = alternate(bench.runs, *contenders)
    ours, ls = Spread.of(results[0]), Spread.of(results[1])
    anchors = [f"ls -l {ls.format('ms', 0, 1000)}"]
    ratio = "–"
    if nnn:
        theirs = Spread.of(results[2])
        anchors.insert(0, f"nnn {theirs.format('ms', 0, 1000)}")
        ratio = f"{ours.median / theirs.median:.2f}× nnn"
    entries = count_label(len(os.listdir(folder)))
    folder_row = Row(f"TUI: Files pane on a folder of {entries} entries, first frame", ours.format("ms", 0, 1000),
                     "; ".join(anchors), ratio, "≤ 300 ms", verdict(ours.median <= 0.3))
    note = (f"First frame that shows entries of the folder. Ours lists in chunks of 2,000 and sorts when complete; "
            f"the screen stopped changing (sorted listing) after {Spread.of(settled['ours']).format('ms', 0, 1000)}")
    if nnn:
        note += f"; nnn's after {Spread.of(settled['nnn']).format('ms', 0, 1000)}."
    else:
        note += ". nnn is not installed (`apt-get install nnn`): only `ls -l` as anchor."
    folder_row.notes.append(note)
    key = Spread.of(keys["ours"])
    key_row = Row("TUI: one keypress (j) to the next frame, in that folder", key.format("ms", 1, 1000),
                  f"nnn {Spread.of(keys['nnn']).format('ms', 1, 1000)}" if nnn else "–",
                  f"{key.median / Spread.of(keys['nnn']).median:.1f}× nnn" if nnn else "–",
                  "≤ 16 ms", verdict(key.median <= 0.016))
    key_row.notes.append("From writing the key to the pseudo-terminal to the end of the burst of output it causes, "
                         "once the listing is complete.")
    return rows + [folder_row, key_row]


def _check_tui_is_wired(bench, tui, folder):
    """The `tui` subcommand draws a screen. One that ends at once, successfully and without
    a byte of output, is a TUI not wired into the CLI yet (TUINotAvailable): the TUI figures
    are then reported as not measurable rather than as broken."""
    with tui(folder, os.path.join(bench.work, "empty-history.json")) as session:
        try:
            session.wait_for_text(b"History", bench.tui_timeout)
        except BenchError as error:
            if session.status == 0 and not session.output.strip():
                raise TUINotAvailable("`marketplace-assets tui` exits at once without drawing")
            raise error


class TUINotAvailable(BenchError):
    """`marketplace-assets tui` exits without drawing: the TUI is not wired into the CLI yet."""
