"""Helpers for dev-server tests: a PreviewServer on a free loopback port, polling, HTTP."""

from __future__ import annotations

import http.client
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from site_builder.serve.server import PreviewServer


@contextmanager
def preview_server(root: Path, wait: bool = True):
    """Serve root on a free port of 127.0.0.1; yields (server, log lines) once the first
    build is written, or at once with wait=False (requests then wait for their page)."""
    logs: list[str] = []
    server = PreviewServer(root, root / "output", "127.0.0.1", 0, log=logs.append)
    thread = threading.Thread(target=server.serve_forever, kwargs={"handle_signals": False})
    thread.start()
    try:
        if wait:
            server.wait_ready()
        yield server, logs
    finally:
        server.stop()
        thread.join(timeout=15)
        assert not thread.is_alive(), "the preview server did not stop"


def get(server: PreviewServer, path: str) -> tuple[int, bytes, dict]:
    """GET a raw path (sent exactly as given, no normalisation); (status, body, headers)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def eventually(check, timeout: float = 15.0, interval: float = 0.05):
    """Call check() until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {check.__doc__ or check}")
        time.sleep(interval)
