"""The anchor of the emulator's figures: an HTTP server that writes each request body, as
is, to a file and answers 200. What curl achieves against it is what loopback, the page
cache and curl allow; the emulator (which also parses multipart and hashes) is measured
against that.

Run as a program: `python3 sink.py DIR` listens on 127.0.0.1 at a free port, prints
"sink listening on PORT" and serves until stdin closes. One thread per connection."""

import os
import socket
import sys
import threading

BUFFER = 1 << 20
HEAD_LIMIT = 64 * 1024


def serve_connection(connection, directory, counter):
    with connection:
        head = b""
        while b"\r\n\r\n" not in head:
            data = connection.recv(65536)
            if not data or len(head) > HEAD_LIMIT:
                return
            head += data
        head, _, rest = head.partition(b"\r\n\r\n")
        headers = {}
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if b"content-length" not in headers:
            connection.sendall(b"HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        left = int(headers[b"content-length"])
        if headers.get(b"expect", b"").lower() == b"100-continue":
            connection.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        with counter[1]:
            counter[0] += 1
            number = counter[0]
        path = os.path.join(directory, f"body-{number}")
        buffer = bytearray(BUFFER)
        view = memoryview(buffer)
        try:
            with open(path, "wb", buffering=0) as sink:
                sink.write(rest)
                left -= len(rest)
                while left > 0:
                    count = connection.recv_into(view, min(BUFFER, left))
                    if count == 0:
                        return
                    sink.write(view[:count])
                    left -= count
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                               b"Connection: close\r\n\r\n{}")
        finally:
            os.unlink(path)  # written as the emulator writes; removed after answering, so disk use stays flat


def main():
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    counter = [0, threading.Lock()]

    def accept_loop():
        while True:
            connection, _ = listener.accept()
            threading.Thread(target=serve_connection, args=(connection, directory, counter), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    print(f"sink listening on {listener.getsockname()[1]}", flush=True)
    sys.stdin.read()  # the benchmark closes our stdin to stop us


if __name__ == "__main__":
    main()
