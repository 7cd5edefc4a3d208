"""A scratch Redis database for the tests that need a real Redis (on 127.0.0.1:6379).

CI runs the SQLite and the PostgreSQL suites side by side: each takes its own database
number, so one suite's flush never empties the other's counters.
"""

import contextlib
import os
import socket
import threading

import pytest
from django.db import connection


def scratch_redis_url(number: int, what: str) -> str:
    import redis

    number += 1 if connection.vendor == "postgresql" else 0
    url = f"redis://127.0.0.1:6379/{number}"
    try:
        redis.Redis.from_url(url, socket_timeout=2).flushdb()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test {what}: start Redis on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    return url


class CuttableProxy:
    """A TCP proxy in front of the Redis on 127.0.0.1:6379 that can be cut and restored.

    Cut, it drops every connection it carries and closes each new one at once, as when
    Redis or the network to it goes away; the desk sees real connection errors.
    """

    def __init__(self, port: int = 6379):
        self.target = ("127.0.0.1", port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.up.set()
        self.lock = threading.Lock()
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, number: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{number}"

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            if not self.up.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=2)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(source, sink)

    def _drop(self, *sockets: socket.socket) -> None:
        for sock in sockets:
            with contextlib.suppress(OSError):  # already shut
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pump blocked on it
            sock.close()

    def cut(self) -> None:
        self.up.clear()
        with self.lock:
            dropped, self.open = self.open, []
        self._drop(*dropped)

    def restore(self) -> None:
        self.up.set()

    def close(self) -> None:
        self.cut()
        self.listener.close()
