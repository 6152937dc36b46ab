"""The servers the upload figures talk to, both on 127.0.0.1: `marketplace-assets emulator`
and the plain file sink (sink.py). Each is a process this script starts and stops by its id."""

import glob
import os
import re
import select
import signal
import subprocess
import sys
import threading

from .measure import BenchError

EMAIL = "bench@example.com"
TOKEN = "bench-token-5c1f"


def credentials_environment(base=None):
    """The environment the CLI and the emulator need: the bench account's credentials and
    state and config folders inside the work folder (never the user's own)."""
    environment = dict(base or os.environ)
    environment["MARKETPLACE_EMAIL"] = EMAIL
    environment["MARKETPLACE_API_TOKEN"] = TOKEN
    return environment


class Emulator:
    """`marketplace-assets emulator --port 0` with its own data folder; `prefix` runs it
    through another command (`taskset -c 0`, say)."""

    def __init__(self, binary, data_dir, environment, timeout=60.0, prefix=()):
        self.data_dir = data_dir
        self.process = subprocess.Popen(
            [*prefix, binary, "emulator", "--host", "127.0.0.1", "--port", "0", "--data-dir", data_dir],
            env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True)
        self.log = []
        self.base_url = self._wait_for_url(timeout)
        # Keep draining stderr so a chatty emulator never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()

    def _wait_for_url(self, timeout):
        found = {}

        def read():
            for raw in self.process.stderr:
                line = raw.decode(errors="replace").rstrip()
                self.log.append(line)
                match = re.match(r"emulator listening on (\S+)", line)
                if match:
                    found["url"] = match.group(1)
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(timeout)
        if "url" not in found:
            self.stop()
            raise BenchError("the emulator did not start: " + " | ".join(self.log[-3:]))
        return found["url"]

    def _drain(self):
        for raw in self.process.stderr:
            if len(self.log) < 1000:
                self.log.append(raw.decode(errors="replace").rstrip())

    @property
    def host_url(self):
        """http://127.0.0.1:PORT, without the /marketplace prefix."""
        return re.sub(r"/marketplace/?$", "", self.base_url)

    @property
    def artifacts_url(self):
        return self.base_url + "/rest/3/artifacts"

    def peak_rss_kib(self):
        """VmHWM of the emulator process: its peak resident set since it started."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise BenchError("no VmHWM in /proc for the emulator")

    def cpu_seconds(self):
        """User plus system CPU time the emulator used so far (/proc/PID/stat)."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def forget_uploads(self):
        """Deletes the stored artifact files (not the index) so that repeated 1 GiB uploads
        do not fill the disk. Nothing reads them back during the benchmarks."""
        for path in glob.glob(os.path.join(self.data_dir, "artifacts", "*")):
            os.unlink(path)

    def check_running(self):
        if self.process.poll() is not None:
            raise BenchError(f"the emulator exited with status {self.process.returncode}: "
                             + " | ".join(self.log[-3:]))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class FileSink:
    """sink.py in its own Python process (so the benchmark's own work cannot slow it)."""

    def __init__(self, directory, timeout=20.0):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sink.py")
        self.process = subprocess.Popen([sys.executable, script, directory], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline().decode() if ready else ""
        match = re.match(r"sink listening on (\d+)", line)
        if not match:
            self.stop()
            raise BenchError("the file sink did not start: " + self.process.stderr.read().decode(errors="replace")[-300:])
        self.url = f"http://127.0.0.1:{match.group(1)}/upload"

    def stop(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
