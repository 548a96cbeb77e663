"""Shared helpers of the query tests: the hand-written fixture data in a store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from bordergraph.graph.store import GraphStore

FIXTURE = Path(__file__).with_name("query_fixture.trig")
ID = "https://w3id.org/bordergraph/id/"


def fixture_store(path: Path | None = None) -> GraphStore:
    """The fixture in memory (``path`` None) or written to a store folder and reopened read-only."""
    gs = GraphStore.open(path, create=True)
    gs.raw.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG)
    if path is None:
        return gs
    gs.close()
    return GraphStore.open(path, read_only=True)


class LiveServer:
    """uvicorn serving ``app`` on a free port of 127.0.0.1 in a thread; fails loudly if it exits."""

    def __init__(self, app) -> None:
        import socket
        import threading

        import uvicorn

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.base = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        import time

        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(5)
