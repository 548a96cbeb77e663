"""Push the graph into any SPARQL 1.1 store through the Graph Store HTTP Protocol.

One ``PUT`` per named graph: the remote graph is replaced, so pushing twice leaves the same
triples, never duplicates.  The body is the graph's sorted N-Triples, sent as ``text/turtle``
(N-Triples is Turtle, and every store reads Turtle).  PUT is idempotent, which makes retrying
after a dropped connection or a 5xx answer safe.

The graph parameter is ``graph`` in the W3C protocol; Virtuoso's ``/sparql-graph-crud`` and
``/sparql-graph-crud-auth`` endpoints call it ``graph-uri``, and that is detected from the URL.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from bordergraph.errors import ExportError
from bordergraph.graph.export import Selection, select
from bordergraph.graph.store import GraphStore

PASSWORD_ENV = "BORDERGRAPH_PUSH_PASSWORD"
AUTH_SCHEMES = ("auto", "basic", "digest")
_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class GraphPush:
    """One named graph sent (or planned): its IRI, size, answer and time taken."""

    graph: str
    url: str
    triples: int
    bytes: int
    status: int | None = None  # None in a dry run
    attempts: int = 0
    seconds: float = 0.0


@dataclass
class PushReport:
    """What a push did, graph by graph."""

    endpoint: str
    dry_run: bool
    graphs: list[GraphPush] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    @property
    def bytes(self) -> int:
        return sum(g.bytes for g in self.graphs)


def graph_param_for(url: str) -> str:
    """``graph-uri`` for Virtuoso's graph CRUD endpoints, else the W3C protocol's ``graph``."""
    return "graph-uri" if "sparql-graph-crud" in httpx.URL(url).path else "graph"


class _AutoAuth(httpx.Auth):
    """Basic or digest, whichever the server's first 401 challenge asks for."""

    def __init__(self, user: str, password: str) -> None:
        self._schemes = {"basic": httpx.BasicAuth(user, password), "digest": httpx.DigestAuth(user, password)}
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request):
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        scheme = response.headers.get("www-authenticate", "basic").split(" ", 1)[0].lower()
        self._chosen = self._schemes.get(scheme, self._schemes["basic"])
        yield from self._chosen.auth_flow(request)


def make_auth(user: str | None, password: str | None, scheme: str = "auto") -> httpx.Auth | None:
    """The httpx auth for ``user``; the password comes from ``BORDERGRAPH_PUSH_PASSWORD`` when None.

    :raises ExportError: a user without a password, or an unknown scheme.
    """
    if not user:
        return None
    if scheme not in AUTH_SCHEMES:
        raise ExportError(f"unknown auth scheme {scheme!r}; choose one of {', '.join(AUTH_SCHEMES)}")
    password = password if password is not None else os.environ.get(PASSWORD_ENV)
    if password is None:
        raise ExportError(f"--user {user} needs a password: set the environment variable {PASSWORD_ENV}")
    if scheme == "basic":
        return httpx.BasicAuth(user, password)
    if scheme == "digest":
        return httpx.DigestAuth(user, password)
    return _AutoAuth(user, password)


def _body(sel: Selection, graph: str) -> tuple[bytes, int]:
    """The graph as sorted N-Triples bytes, and its triple count."""
    triples = sel.graph_triples(graph)
    buf = io.BytesIO()
    ox.serialize(triples, buf, format=ox.RdfFormat.N_TRIPLES)
    return buf.getvalue(), len(triples)


def push(
    gs: GraphStore,
    url: str,
    *,
    graphs: Sequence[str] | None = None,
    with_ontology: bool = False,
    user: str | None = None,
    password: str | None = None,
    auth: str = "auto",
    graph_param: str | None = None,
    dry_run: bool = False,
    retries: int = 3,
    backoff: float = 0.5,
    timeout: float = 60.0,
    ontology_path: Path | None = None,
    transport: httpx.BaseTransport | None = None,
    on_graph: Callable[[GraphPush], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PushReport:
    """PUT each selected named graph to the Graph Store endpoint at ``url``.

    Retries ``retries`` times on connection errors and 429/5xx answers, waiting
    ``backoff * 2**attempt`` seconds in between; any other error answer stops the push.
    With ``dry_run`` nothing is sent and the report is the plan.

    :raises ExportError: the endpoint refused a graph, or stayed unreachable.
    """
    if not url.startswith(("http://", "https://")):
        raise ExportError(f"push needs an http(s) URL of a Graph Store endpoint, not {url!r}")
    if timeout is not None and not timeout > 0:
        raise ExportError(f"the push timeout must be more than 0 seconds, not {timeout}")
    param = graph_param or graph_param_for(url)
    sel = select(gs, graphs, with_ontology=with_ontology, ontology_path=ontology_path)
    report = PushReport(endpoint=url, dry_run=dry_run)
    client = None if dry_run else httpx.Client(
        auth=make_auth(user, password, auth), timeout=timeout, transport=transport
    )
    try:
        for graph in sel.graphs:
            body, n = _body(sel, graph)
            target = str(httpx.URL(url).copy_merge_params({param: graph}))
            item = GraphPush(graph, target, n, len(body))
            if client is not None:
                _put(client, item, body, retries=retries, backoff=backoff, sleep=sleep)
            report.graphs.append(item)
            if on_graph:
                on_graph(item)
    finally:
        if client is not None:
            client.close()
    return report


def _put(client: httpx.Client, item: GraphPush, body: bytes, *, retries: int, backoff: float,
         sleep: Callable[[float], None]) -> None:
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    started = time.perf_counter()
    problem = ""
    for attempt in range(retries + 1):
        item.attempts = attempt + 1
        try:
            response = client.put(item.url, content=body, headers=headers)
        except httpx.TransportError as exc:
            problem = f"{type(exc).__name__}: {exc}"
        else:
            item.status = response.status_code
            if response.is_success:
                item.seconds = round(time.perf_counter() - started, 3)
                return
            problem = f"HTTP {response.status_code} {response.text.strip()[:200]}"
            if response.status_code in (401, 403):
                problem += f"; give --user and set {PASSWORD_ENV}"
            if response.status_code not in _RETRY_STATUS:
                raise ExportError(f"the store refused graph {item.graph}: {problem}")
        if attempt < retries:
            sleep(backoff * 2**attempt)
    raise ExportError(f"could not push graph {item.graph} after {retries + 1} attempts: {problem}")
