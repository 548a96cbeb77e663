"""A read-only SPARQL 1.1 Protocol endpoint, the query page and resource pages (FastAPI).

* ``/sparql``: GET, form POST and direct POST (``application/sparql-query``) with
  ``default-graph-uri`` / ``named-graph-uri``; results negotiated from ``Accept`` (SPARQL JSON,
  XML, CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML for graphs), or a ``format`` parameter.
  Updates get 403, a wrong media type 415, a malformed query 400 with the parser's message,
  a query past the time limit 503.  Rows beyond ``max_rows`` are cut and the response carries
  ``X-Bordergraph-Truncated: true``.  Bodies over ``max_body`` bytes get 413.
* Extension: a ``$name`` parameter binds ``?name`` (which the query must SELECT) to a value:
  an N-Triples term (``<iri>``, ``"2023-10-01"^^<http://www.w3.org/2001/XMLSchema#date>``) or
  else a plain string literal.  It is parsed as data, never pasted into the query.
* ``/``: the query page (vendored YASGUI, no CDN); ``/resource?iri=``: what the graph says about
  one resource, every text HTML-escaped; ``/views/``: the pyvis pages of ``bordergraph view``
  when ``create_app`` is given a ``views`` folder (the query page then links to them).
* Every error answers ``{"ok": false, "error": "...", "status": N}``.

Binds 127.0.0.1 unless told otherwise; there is no authentication, so do not expose it.
"""

from __future__ import annotations

import html
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote

import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from bordergraph.errors import BordergraphError, ParameterError, QueryError
from bordergraph.graph.describe import resource_view
from bordergraph.graph.query import GRAPH_FORMATS, RESULT_FORMATS, QueryResult, is_update, run_query, short
from bordergraph.graph.saved import saved_queries
from bordergraph.graph.store import GraphStore

STATIC = Path(__file__).resolve().parent / "static"
VIEWS_PATH = "/views"

# media type -> short format name; a result kind only accepts its own formats
_RESULT_MEDIA = {m: f for f, (m, _) in RESULT_FORMATS.items()} | {
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
}
_GRAPH_MEDIA = {m: f for f, (m, _) in GRAPH_FORMATS.items()} | {
    "application/x-turtle": "turtle", "application/turtle": "turtle", "text/plain": "nt",
    "application/json": "jsonld", "application/xml": "rdfxml", "text/xml": "rdfxml",
}
_FORMAT_ALIASES = {"json-ld": "jsonld", "ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "rdf": "rdfxml"}


@dataclass
class Limits:
    """Per-server limits: seconds per query, rows kept, request body bytes, queries at once."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_body: int = 1_000_000
    max_running: int = 4


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def error_response(status: int, message: str) -> JSONResponse:
    """The one error shape of every route."""
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def create_app(store: GraphStore | str | Path, limits: Limits | None = None,
               views: str | Path | None = None) -> FastAPI:
    """The ASGI app over ``store`` (a ``GraphStore`` or the path of one, opened read-only).

    ``views`` is a folder of written views (``bordergraph view``) to serve at ``/views/``.
    """
    gs = store if isinstance(store, GraphStore) else GraphStore.open(store, read_only=True)
    limits = limits or Limits()
    app = FastAPI(title="bordergraph", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = gs
    app.state.limits = limits
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    has_views = views is not None
    if has_views:
        from bordergraph.graph.views import mount

        if not Path(views).is_dir():
            raise ParameterError(f"no folder of views at {views}: write them with `bordergraph view --out {views}`")
        mount(app, views, VIEWS_PATH)

    @app.exception_handler(HttpError)
    async def _http_error(request: Request, exc: HttpError):
        return error_response(exc.status, str(exc))

    @app.exception_handler(BordergraphError)
    async def _bg_error(request: Request, exc: BordergraphError):
        return error_response(exc.http_status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _starlette_error(request: Request, exc: StarletteHTTPException):
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        return error_response(400, "; ".join(e.get("msg", "invalid request") for e in exc.errors()))

    @app.api_route("/sparql", methods=["GET", "POST"])
    async def sparql(request: Request) -> Response:
        params = await _protocol_params(request, limits)
        queries = [v for k, v in params if k == "query"]
        if any(k == "update" for k, _ in params):
            raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
        if len(queries) != 1:
            if not queries and request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                return HTMLResponse(query_page(views=has_views))
            raise HttpError(400, "send exactly one 'query' parameter (or a POST body of type application/sparql-query)")
        query = queries[0]
        if is_update(query):
            raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
        running = sum(t.name == "bordergraph-query" and t.is_alive() for t in threading.enumerate())
        if running >= limits.max_running:
            raise HttpError(503, "too many queries are running; try again shortly")
        bindings = {k[1:]: _term(k[1:], v) for k, v in params if k.startswith("$") and len(k) > 1}
        result = await run_in_threadpool(
            run_query, gs, query, bindings=bindings or None, timeout=limits.timeout, limit=limits.max_rows,
            default_graphs=[v for k, v in params if k == "default-graph-uri"] or None,
            named_graphs=[v for k, v in params if k == "named-graph-uri"] or None,
        )
        fmt = _choose_format(result, params, request.headers.get("accept"))
        media = result.media_type(fmt)
        headers = {"Vary": "Accept"}
        if result.truncated:
            headers["X-Bordergraph-Truncated"] = "true"
        if media.startswith("text/") or media.endswith("json"):
            media += "; charset=utf-8"
        return Response(result.serialize(fmt), media_type=media, headers=headers)

    @app.get("/", response_class=HTMLResponse)
    async def index() -> HTMLResponse:
        return HTMLResponse(query_page(views=has_views))

    @app.get("/resource", response_class=HTMLResponse)
    async def resource(iri: str) -> HTMLResponse:
        view = await run_in_threadpool(resource_view, gs, iri, timeout=limits.timeout)
        return HTMLResponse(resource_page(view), status_code=200 if view.found else 404)

    @app.get("/queries")
    async def list_queries() -> JSONResponse:
        return JSONResponse(_saved_json())

    @app.get("/favicon.ico")
    async def favicon() -> Response:
        return Response(status_code=204)

    return app


async def _protocol_params(request: Request, limits: Limits) -> list[tuple[str, str]]:
    """The (name, value) pairs of a protocol request, from the URL and the body."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_body:
        raise HttpError(413, f"request body over {limits.max_body} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limits.max_body:
            raise HttpError(413, f"request body over {limits.max_body} bytes")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, "the request body is not UTF-8") from exc
    if media == "application/sparql-query":
        return params + [("query", text)]
    if media == "application/x-www-form-urlencoded":
        return params + parse_qsl(text, keep_blank_values=True)
    if media == "application/sparql-update":
        raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused")
    raise HttpError(415, f"unsupported media type {media or '(none)'!r}: use application/sparql-query "
                         "or application/x-www-form-urlencoded")


def _term(name: str, value: str):
    """A ``$name`` value: an N-Triples term if it parses as one, else a plain literal."""
    text = value.strip()
    if text[:1] in ('<', '"', "'") or text.startswith("_:"):
        try:
            quads = list(ox.parse(f"<urn:x:s> <urn:x:p> {text} .".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            quads = []
        if len(quads) == 1:
            return quads[0].object
        if text.startswith("<"):
            raise ParameterError(f"${name}: not a valid IRI term {value!r}")
    return ox.Literal(value)


def _choose_format(result: QueryResult, params: list[tuple[str, str]], accept: str | None) -> str:
    allowed = result.formats()
    for key in ("format", "output", "results"):
        for k, v in params:
            if k == key:
                v = _FORMAT_ALIASES.get(v.lower(), v.lower())
                if v in allowed:
                    return v
                media = _GRAPH_MEDIA if result.kind == "construct" else _RESULT_MEDIA
                if v in media:
                    return media[v]
    media = _GRAPH_MEDIA if result.kind == "construct" else _RESULT_MEDIA
    default = "turtle" if result.kind == "construct" else "json"
    chosen = negotiate(accept, media, default)
    if chosen is None:
        offered = ", ".join(m for m, _ in (GRAPH_FORMATS if result.kind == "construct" else RESULT_FORMATS).values())
        raise HttpError(406, f"cannot answer in {accept!r}; this result is available as {offered}")
    return chosen


def negotiate(accept: str | None, offers: dict[str, str], default: str) -> str | None:
    """Pick the offer the ``Accept`` header prefers (q-values, then order); ``None`` if none fits."""
    if not accept or not accept.strip():
        return default
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *opts = [x.strip() for x in part.split(";")]
        q = 1.0
        for opt in opts:
            if opt.startswith("q="):
                try:
                    q = float(opt[2:])
                except ValueError:
                    q = 0.0
        if q > 0 and media:
            ranked.append((-q, i, media.lower()))
    for _, _, media in sorted(ranked):
        if media in offers:
            return offers[media]
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            default_media = next((m for m, f in offers.items() if f == default), "")
            if default_media.startswith(major):
                return default
            for m, f in offers.items():
                if m.startswith(major):
                    return f
    return None


# -- pages ------------------------------------------------------------------------------------
def _saved_json() -> list[dict]:
    return [
        {"name": q.name, "title": q.title, "question": q.question, "sparql": q.sparql,
         "params": [{"name": p.name, "type": p.type, "default": p.default, "help": p.help} for p in q.params]}
        for q in saved_queries()
    ]


def _script_json(data) -> str:
    """JSON safe inside a <script> element (no '</script>' or '<!--' can appear)."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def query_page(views: bool = False) -> str:
    """The query page: YASGUI editor and results, saved queries as examples, all served locally.

    ``views`` adds a link to the network views served at ``/views/``.
    """
    template = (STATIC / "query.html").read_text(encoding="utf-8")
    link = (f'<nav class="views"><a href="{VIEWS_PATH}/">Network views</a> '
            "(actor network, claims, timeline)</nav>") if views else ""
    return template.replace("/*SAVED_QUERIES*/[]", _script_json(_saved_json())).replace("<!--VIEWS-->", link)


def _link(iri: str, label: str | None = None) -> str:
    text = label or short(ox.NamedNode(iri)) if _is_iri(iri) else (label or iri)
    return f'<a href="/resource?iri={quote(iri, safe="")}" title="{html.escape(iri)}">{html.escape(text)}</a>'


def _is_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
        return True
    except ValueError:
        return False


def _pred(iri: str) -> str:
    return f'<span class="pred" title="{html.escape(iri)}">{html.escape(short(ox.NamedNode(iri)))}</span>'


def resource_page(view) -> str:
    """HTML for one resource; every string from the graph is escaped."""
    e = html.escape
    title = view.labels[0] if view.labels else view.iri
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)} — bordergraph</title>",
        "<link rel='stylesheet' href='/static/bordergraph.css'></head><body class='resource'>",
        "<nav><a href='/'>← query page</a></nav>",
        f"<h1>{e(title)}</h1><p class='iri'><code>{e(view.iri)}</code></p>",
    ]
    if not view.found:
        parts.append("<p class='empty'>The graph says nothing about this resource.</p>")
    if view.types:
        parts.append("<h2>Types</h2><ul class='types'>" + "".join(f"<li>{_link(t)}</li>" for t in view.types) + "</ul>")
    if view.labels:
        parts.append("<h2>Labels</h2><ul class='labels'>" + "".join(f"<li>{e(x)}</li>" for x in view.labels) + "</ul>")
    if view.evidence:
        parts.append("<h2>Evidence</h2><ul class='evidence'>")
        for ev in view.evidence:
            src = _link(ev["article"], ev.get("article_title")) if ev.get("article") else ""
            via = "" if ev["via"] == view.iri else f" <span class='via'>(via {_link(ev['via'])})</span>"
            parts.append(f"<li><blockquote>{e(ev['sentence'])}</blockquote><p>{src}{via}</p></li>")
        parts.append("</ul>")
    for heading, links, cls in (("Links out", view.outgoing, "out"), ("Links in", view.incoming, "in")):
        if not links:
            continue
        parts.append(f"<h2>{heading}</h2><table class='links {cls}'><tbody>")
        for link in links:
            value = _link(link.target, link.label) if link.is_iri else e(link.target)
            parts.append(f"<tr><td>{_pred(link.predicate)}</td><td>{value}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)


def check_port(host: str, port: int) -> None:
    """Fail with one line, before uvicorn starts, when ``host:port`` cannot be bound."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise BordergraphError(f"cannot serve on host {host!r}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            hint = "; choose another with --port" if exc.errno == 98 else ""
            raise BordergraphError(f"cannot serve on {host}:{port}: {exc.strerror or exc}{hint}") from None


def serve(store: str | Path, *, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None,
          views: str | Path | None = None) -> None:
    """Run the endpoint (and the views in ``views``, if given) with uvicorn until interrupted."""
    import uvicorn

    app = create_app(store, limits, views=views)
    uvicorn.run(app, host=host, port=port, log_level="warning")
