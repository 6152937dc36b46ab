#!/usr/bin/env python3
"""A loopback HTTP server that plays one fault per URL prefix, for driving the built CLI.

    python3 faultserver.py PORT_FILE [MAX_SECONDS]

It binds 127.0.0.1 on a free port, writes the port to PORT_FILE and serves until killed
(or MAX_SECONDS, default 900, have passed). A base URL for the CLI looks like

    http://127.0.0.1:PORT/<scenario>/<tag>/marketplace

where <scenario> picks the behaviour below and <tag> is any word that keeps one test's
requests apart from another's. `GET /__count/<scenario>/<tag>` answers the number of API
requests that prefix received (that request itself is not counted), and
`GET /__open/<scenario>/<tag>` how many of them are still being handled (the client has
not left yet).

Scenarios (every request under the prefix, unless a number is given):
  ok           a well-formed answer: the image's id, or the artifact's fileInfo with the
               SHA-512 of the file part actually received
  reset        reads 64 KiB of the body, then resets the connection (RST)
  soon         reads the whole request, then answers like ok a second later
  stall        reads the whole request, then never answers (until the client leaves)
  stallupload  reads the request head only, then nothing (until the client leaves)
  drip         a well-formed answer, sent one byte every 10 ms
  dripforever  200 whose body never ends: a space every 50 ms, for 5 minutes
  slowread     reads the body 32 KiB every 50 ms, then answers like ok
  retry429     429 with Retry-After: 1 for the first request, then ok
  limit429     429 with Retry-After: 86400, always
  burst503     503 for the first two requests, then ok
  always503    503, always
  proxy503     503 with a proxy's plain-text body and no Retry-After, always
  error500     500 with a JSON error message, always
  malformed    200 with a body that is not JSON
  badsum       an artifact answer whose checksum is not the file's
  huge         200 with a 64 MiB body
  evil         an answer whose strings hold terminal escape sequences, C1 controls,
               bidi overrides and DEL (a 400 with such a message for fetches)
  echoauth     401 whose message repeats the Authorization header, decoded and not
  evilutf8     an answer with invalid UTF-8 inside a JSON string
  evilbytes    400 whose body is raw invalid UTF-8 and escape sequences
Only loopback is ever bound; the process ends by itself after MAX_SECONDS.
"""
import hashlib
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTS = {}
OPEN = {}
COUNTS_LOCK = threading.Lock()
HUGE_BYTES = 64 << 20


def count(prefix):
    with COUNTS_LOCK:
        COUNTS[prefix] = COUNTS.get(prefix, 0) + 1
        return COUNTS[prefix]


def file_part(body, content_type):
    """The content of the multipart part named `file` (or None)."""
    marker = "boundary="
    if marker not in content_type:
        return None
    boundary = content_type.split(marker, 1)[1].split(";")[0].strip().strip('"').encode()
    delimiter = b"--" + boundary
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            return content[:-2] if content.endswith(b"\r\n") else content
    return None


def file_name(body):
    start = body.find(b'filename="')
    if start < 0:
        return "upload"
    end = body.find(b'"', start + 10)
    return body[start + 10:end].decode("utf-8", "replace")


EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b[1;1H\u009b31m\u202e\x7fend"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "faultserver"

    def log_message(self, *args):
        pass

    # -- plumbing --------------------------------------------------------------------
    def read_body(self, limit=None):
        length = int(self.headers.get("Content-Length") or 0)
        want = length if limit is None else min(length, limit)
        data = bytearray()
        while len(data) < want:
            chunk = self.rfile.read(min(65536, want - len(data)))
            if not chunk:
                break
            data += chunk
        return bytes(data)

    def answer(self, status, body, headers=(), drip=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        head = [f"HTTP/1.1 {status} {self.responses.get(status, ('X',))[0]}",
                "Content-Type: application/json", f"Content-Length: {len(body)}", "Connection: close"]
        head += [f"{name}: {value}" for name, value in headers]
        data = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        self.close_connection = True
        if drip is None:
            self.wfile.write(data)
            return
        for i in range(len(data)):
            self.wfile.write(data[i:i + 1])
            self.wfile.flush()
            time.sleep(drip)

    def client_left(self):
        """Whether the client closed or reset the connection, even with request bytes still
        unread here (the socket's TCP state is then CLOSE_WAIT or CLOSE, not ESTABLISHED)."""
        try:
            return self.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)[0] != 1
        except OSError:
            return True

    def wait_for_client_to_leave(self, seconds=150):
        """Holds the connection open, answering nothing, until the peer closes it."""
        deadline = time.time() + seconds
        while time.time() < deadline and not self.client_left():
            time.sleep(0.05)
        self.close_connection = True

    def good_answer(self, body, evil=False):
        path = self.api_path
        name = file_name(body)
        if path.startswith("/rest/3/assets/images/"):
            return {"id": "img-12345-fault-67890-server", "mediaType": "image", "mimeType": "image/png",
                    "name": (EVIL + ".png") if evil else name, "size": len(file_part(body, self.headers.get("Content-Type", "")) or b"")}
        if path == "/rest/3/artifacts/fetch":
            uri = json.loads(body or b"{}").get("uri", "")
            # Named from the URI's path, percent-decoded, as a server names a download.
            name = urllib.parse.unquote(uri.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]) or "fetched.jar"
            content = b""
        else:
            content = file_part(body, self.headers.get("Content-Type", "")) or b""
        artifact_id = "a1b2c3d4-0000-4000-8000-fa017fa017fa"
        if path.startswith("/rest/3/artifacts/") and path.count("/") == 4 and path != "/rest/3/artifacts/fetch":
            artifact_id = path.rsplit("/", 1)[1]
        answer = {
            "fileInfo": {"logicalFileName": (EVIL + ".jar") if evil else name, "size": len(content),
                         "checksum": "sha512:" + hashlib.sha512(content).hexdigest()},
            "details": {"key": "com.example." + (EVIL if evil else "fault"), "name": EVIL if evil else "Fault app",
                        "version": "1.0.0" + (EVIL if evil else "")},
            "_links": {"self": {"href": f"/rest/3/artifacts/{artifact_id}"},
                       "binary": {"href": f"/rest/3/artifacts/{artifact_id}/binary" + (EVIL if evil else "")}},
        }
        if path == "/rest/3/artifacts/fetch":
            answer["_links"]["remote"] = {"href": uri}
        return answer

    # -- dispatch --------------------------------------------------------------------
    def do_GET(self):
        for what, table in (("/__count/", COUNTS), ("/__open/", OPEN)):
            if self.path.startswith(what):
                prefix = self.path[len(what):].strip("/")
                with COUNTS_LOCK:
                    number = table.get(prefix, 0)
                self.answer(200, str(number).encode())
                return
        self.handle_api()

    def do_POST(self):
        self.handle_api()

    def handle_api(self):
        parts = self.path.split("/", 3)
        if len(parts) < 4 or not parts[3].startswith("marketplace/"):
            self.answer(404, {"code": "not_found", "message": "use /<scenario>/<tag>/marketplace/..."})
            return
        self.scenario, tag = parts[1], parts[2]
        self.api_path = "/" + parts[3][len("marketplace"):].lstrip("/")
        if not self.api_path.startswith("/"):
            self.api_path = "/" + self.api_path
        prefix = f"{self.scenario}/{tag}"
        number = count(prefix)
        with COUNTS_LOCK:
            OPEN[prefix] = OPEN.get(prefix, 0) + 1
        try:
            getattr(self, "scenario_" + self.scenario, self.unknown)(number)
        finally:
            with COUNTS_LOCK:
                OPEN[prefix] -= 1

    def unknown(self, number):
        self.read_body()
        self.answer(404, {"code": "no_such_scenario", "message": self.scenario})

    def scenario_ok(self, number):
        self.answer(200, self.good_answer(self.read_body()))

    def scenario_late(self, number):
        # Answers as Marketplace does, two seconds after taking the whole request.
        body = self.read_body()
        time.sleep(2)
        self.answer(200, self.good_answer(body))

    def scenario_soon(self, number):
        # A second: within the grace a request cancelled after its whole body gets (2 s).
        body = self.read_body()
        time.sleep(1)
        self.answer(200, self.good_answer(body))

    def scenario_reset(self, number):
        self.read_body(limit=64 * 1024)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def scenario_stall(self, number):
        self.read_body()
        self.wait_for_client_to_leave()

    def scenario_stallupload(self, number):
        self.wait_for_client_to_leave()

    def scenario_drip(self, number):
        self.answer(200, json.dumps(self.good_answer(self.read_body())).encode(), drip=0.01)

    def scenario_dripforever(self, number):
        self.read_body()
        head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                "Content-Length: 10000000\r\n\r\n{").encode()
        self.close_connection = True
        try:
            self.wfile.write(head)
            self.wfile.flush()
            deadline = time.time() + 300
            while time.time() < deadline and not self.client_left():
                time.sleep(0.05)
                self.wfile.write(b" ")
                self.wfile.flush()
        except OSError:
            pass

    def scenario_slowread(self, number):
        self.read_slowly(32768)

    def scenario_steadyread(self, number):
        # 5 MiB/s: loopback's socket buffers drain within a second, so an upload's answer
        # comes soon after its last byte went, as a real server's does.
        self.read_slowly(262144)

    def read_slowly(self, chunk_size):
        """Reads the body a chunk every 50 ms, then answers as Marketplace does."""
        length = int(self.headers.get("Content-Length") or 0)
        data = bytearray()
        while len(data) < length:
            chunk = self.rfile.read(min(chunk_size, length - len(data)))
            if not chunk or self.client_left():
                self.close_connection = True
                return
            data += chunk
            time.sleep(0.05)
        self.answer(200, self.good_answer(bytes(data)))

    def scenario_retry429(self, number):
        body = self.read_body()
        if number == 1:
            self.answer(429, {"message": "slow down"}, headers=[("Retry-After", "1")])
        else:
            self.answer(200, self.good_answer(body))

    def scenario_limit429(self, number):
        self.read_body()
        self.answer(429, {"message": "daily quota exhausted"}, headers=[("Retry-After", "86400")])

    def scenario_burst503(self, number):
        body = self.read_body()
        if number <= 2:
            self.answer(503, {"message": "maintenance"})
        else:
            self.answer(200, self.good_answer(body))

    def scenario_always503(self, number):
        self.read_body()
        self.answer(503, {"message": "maintenance"})

    def scenario_proxy503(self, number):
        self.read_body()
        self.answer(503, b"upstream connect error or disconnect/reset before headers. reset reason: connection termination")

    def scenario_error500(self, number):
        self.read_body()
        self.answer(500, {"message": "database on fire"})

    def scenario_malformed(self, number):
        self.read_body()
        self.answer(200, b'{"fileInfo": {"logicalFileName": "a.jar", "size": 1 ')

    def scenario_badsum(self, number):
        answer = self.good_answer(self.read_body())
        answer["fileInfo"]["checksum"] = "sha512:" + hashlib.sha512(b"something else").hexdigest()
        self.answer(200, answer)

    def scenario_huge(self, number):
        self.read_body()
        head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                f"Content-Length: {HUGE_BYTES}\r\n\r\n").encode()
        self.close_connection = True
        try:
            self.wfile.write(head + b'{"fileInfo": {"logicalFileName": "a.jar", "size": 1}, "padding": "')
            chunk = b"x" * 65536
            sent = 0
            while sent < HUGE_BYTES - 65536:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass

    def scenario_evil(self, number):
        body = self.read_body()
        if self.api_path == "/rest/3/artifacts/fetch" and number % 2 == 0:
            self.answer(400, {"message": "refused " + EVIL})
            return
        self.answer(200, self.good_answer(body, evil=True))

    def scenario_echoauth(self, number):
        self.read_body()
        import base64
        auth = self.headers.get("Authorization", "")
        try:
            pair = base64.b64decode(auth.split(" ", 1)[1]).decode("utf-8", "replace")
        except Exception:
            pair = auth
        self.answer(401, {"message": f"no account for {pair} (header {auth})"})

    def scenario_evilutf8(self, number):
        answer = json.dumps(self.good_answer(self.read_body())).encode()
        self.answer(200, answer.replace(b'"Fault app"', b'"bad \xff\xfe \xc0\xaf utf-8"'))

    def scenario_evilbytes(self, number):
        self.read_body()
        self.answer(400, b"bad \xff\xfe\x1b]0;pwned\x07 \x1b[31m \xc2\x9b31m \xe2\x80\xae end")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that left, or a connection this server reset on purpose


def main():
    port_file = sys.argv[1]
    lifetime = float(sys.argv[2]) if len(sys.argv) > 2 else 900
    server = Server(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as handle:
        handle.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    threading.Timer(lifetime, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
