"""SPARQL over the store with bound values, a time limit and a row cap → ``QueryResult``.

Values from users and from articles reach a query only through ``bindings``: each becomes a
pyoxigraph term (a plain ``str`` becomes a literal, ``rdflib.URIRef`` / ``NamedNode`` an IRI) and
is handed to pyoxigraph's ``substitutions`` (SEP-0007), never pasted into the query text, so a
value such as ``"} ; DROP ALL ; {"`` is only ever a string.  pyoxigraph substitutes only
variables the query selects, so a bound variable must appear in the SELECT clause.

Time limit: pyoxigraph has no per-query timeout.  The query is run in a worker thread (pyoxigraph
releases the GIL while it evaluates) that collects rows and checks the deadline between rows; the
caller waits at most ``timeout`` seconds and then gets ``QueryTimeoutError``.  A single step that
yields no row for a long time (a sort or aggregate over the whole store) cannot be interrupted: its
thread finishes that step in the background and then stops at the next row.  A process per query
would be killable but costs a process start and cannot share an in-memory store; at the size of
this graph the thread is the better trade, and the endpoint caps how many run at once.

SERVICE is refused: pyoxigraph would fetch the remote endpoint over HTTP.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal as Kind

import pyoxigraph as ox

from bordergraph.errors import ParameterError, QueryError, QuerySyntaxError, QueryTimeoutError
from bordergraph.ontology.namespaces import PREFIXES

DEFAULT_TIMEOUT = 30.0  # seconds, for the CLI and Python; the endpoint has its own setting
XSD = "http://www.w3.org/2001/XMLSchema#"

# short name -> media type; the endpoint's content negotiation reads the same tables
RESULT_FORMATS: dict[str, tuple[str, ox.QueryResultsFormat | None]] = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
FORMATS = ("table", *RESULT_FORMATS, *GRAPH_FORMATS)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class QueryResult:
    """What a query returned, already collected (so it can be serialised more than once).

    ``kind`` is ``select``, ``ask`` or ``construct`` (CONSTRUCT and DESCRIBE).  ``rows`` holds
    one tuple of pyoxigraph terms (``None`` when unbound) per solution, in ``variables`` order;
    ``triples`` the triples of a graph result; ``truncated`` is true when the row cap cut it.
    Iterating gives one ``dict`` of plain Python values per row (or per triple: s, p, o).
    """

    kind: Kind["select", "ask", "construct"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "construct" else len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records())

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain values: IRIs as ``str``, numbers as ``int``/``Decimal``."""
        if self.kind == "construct":
            return [{"s": to_python(t.subject), "p": to_python(t.predicate), "o": to_python(t.object)}
                    for t in self.triples]
        if self.kind == "ask":
            return [{"ask": self.boolean}]
        return [{v: to_python(t) for v, t in zip(self.variables, row)} for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """Plain values of one variable, in row order."""
        i = self.variables.index(name)
        return [to_python(row[i]) for row in self.rows]

    # -- serialising ---------------------------------------------------------------------
    def formats(self) -> tuple[str, ...]:
        """Short names of the formats this result can be written in."""
        return tuple(GRAPH_FORMATS) if self.kind == "construct" else tuple(RESULT_FORMATS)

    def media_type(self, fmt: str) -> str:
        return (GRAPH_FORMATS if self.kind == "construct" else RESULT_FORMATS)[fmt][0]

    def serialize(self, fmt: str = "json") -> bytes:
        """The result in ``fmt`` (``json xml csv tsv`` for SELECT/ASK, ``turtle nt jsonld rdfxml`` for graphs)."""
        if fmt not in self.formats():
            raise QueryError(
                f"format {fmt!r} does not fit {'an' if self.kind == 'ask' else 'a'} {self.kind.upper()} result; "
                f"use one of: {', '.join(self.formats())}"
            )
        if self.kind == "construct":
            rdf = GRAPH_FORMATS[fmt][1]
            return ox.serialize(self.triples, format=rdf, prefixes=PREFIXES if rdf == ox.RdfFormat.TURTLE else None) or b""
        data = self._json()
        if fmt == "json":
            return data
        # pyoxigraph writes the other result formats; it reads them from the JSON form
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(
            format=RESULT_FORMATS[fmt][1]
        )

    def _json(self) -> bytes:
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)}).encode()
        bindings = [
            {v: _term_json(t) for v, t in zip(self.variables, row) if t is not None} for row in self.rows
        ]
        return json.dumps({"head": {"vars": self.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")

    def graph(self):
        """A graph result as an ``rdflib.Graph`` (with the common prefixes bound)."""
        from rdflib import Graph

        from bordergraph.ontology.namespaces import bind_prefixes

        g = bind_prefixes(Graph())
        if self.kind == "construct" and self.triples:
            g.parse(data=self.serialize("nt").decode("utf-8"), format="nt")
        return g

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows of short display strings (IRIs shortened with the common prefixes)."""
        if self.kind == "ask":
            return ["ask"], [["yes" if self.boolean else "no"]]
        if self.kind == "construct":
            return ["subject", "predicate", "object"], [
                [short(t.subject), short(t.predicate), short(t.object)] for t in self.triples
            ]
        return list(self.variables), [[short(t) if t is not None else "" for t in row] for row in self.rows]


def _term_json(t: Term) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD + "string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _term_json(t.subject),
                                         "predicate": _term_json(t.predicate), "object": _term_json(t.object)}}


_NUMBERS = {XSD + "integer": int, XSD + "int": int, XSD + "long": int, XSD + "decimal": Decimal}


def to_python(t: Term | None) -> Any:
    """A term as a plain value: IRI → str, numeric literal → int/Decimal, boolean → bool."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Literal):
        dt = t.datatype.value
        if dt in _NUMBERS:
            try:
                return _NUMBERS[dt](t.value)
            except (ValueError, ArithmeticError):
                return t.value
        if dt == XSD + "boolean":
            return t.value in ("true", "1")
        return t.value
    return str(t)


def short(t: Term) -> str:
    """Display form: ``bg:Claim`` for IRIs under a common prefix, the lexical form for literals."""
    if isinstance(t, ox.NamedNode):
        for prefix, base in PREFIXES.items():
            rest = t.value[len(base):]
            if t.value.startswith(base) and re.fullmatch(r"[\w\-.]*", rest):
                return f"{prefix}:{rest}"
        return t.value
    if isinstance(t, ox.Literal):
        return t.value
    return str(t)


# -- binding values ------------------------------------------------------------------------
def to_term(value: Any) -> Term:
    """A bindable pyoxigraph term: str → literal, rdflib/pyoxigraph terms keep their kind."""
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return value
    try:
        from rdflib import BNode, URIRef
        from rdflib import Literal as RLiteral
    except ImportError:  # pragma: no cover - rdflib is a dependency
        URIRef = BNode = RLiteral = ()  # type: ignore[assignment]
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, RLiteral):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, (float, Decimal)):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise ParameterError(f"cannot bind a value of type {type(value).__name__}; use str, int or an IRI")


def iri(value: str) -> ox.NamedNode:
    """An IRI term for ``bindings`` (refuses strings that are not absolute IRIs)."""
    try:
        node = ox.NamedNode(value)
    except ValueError as exc:
        raise ParameterError(f"not an IRI: {value!r} ({exc})") from exc
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", value):
        raise ParameterError(f"not an absolute IRI: {value!r}")
    return node


# -- guarding the query text ---------------------------------------------------------------
# strings, IRIs and comments hide keywords; everything else is searched for SERVICE and updates
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
    re.S,
)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[\w\-.]*:|BASE)\s*\S*\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)
_SERVICE = re.compile(r"(?<![\w:?$\-.])SERVICE\b", re.I)


def read_query_file(path) -> str:
    """The text of a ``.rq`` file; a missing, unreadable or non-UTF-8 file is one ParameterError."""
    from pathlib import Path

    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ParameterError(f"the query file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise ParameterError(f"cannot read the query file {path}: {exc.strerror or exc}") from None


def _skeleton(sparql: str) -> str:
    return _OPAQUE.sub(lambda m: " " if m.group(0).startswith("#") else '""', sparql)


def is_update(sparql: str) -> bool:
    """True when the text is a SPARQL Update request (which a read-only store refuses)."""
    return bool(_UPDATE.match(_skeleton(sparql)))


def check_query_text(sparql: str) -> None:
    """Refuse what must never run here: updates and SERVICE (remote calls).

    :raises QueryError: the text is an update or uses SERVICE.
    """
    skeleton = _skeleton(sparql)
    if _UPDATE.match(skeleton):
        raise ReadOnlyError("this store is read-only: SPARQL updates (INSERT, DELETE, LOAD, DROP ...) are refused")
    if _SERVICE.search(skeleton):
        raise QueryError("SERVICE is refused: bordergraph never queries remote endpoints")


class ReadOnlyError(QueryError):
    """A SPARQL update was sent to the read-only query interface."""

    http_status = 403


# -- running ------------------------------------------------------------------------------
def run_query(
    store,
    sparql: str,
    *,
    bindings: Mapping[str, Any] | None = None,
    timeout: float | None = None,
    limit: int | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> QueryResult:
    """Run ``sparql`` on ``store`` (a ``GraphStore``) and collect the result.

    ``bindings`` maps variable names (without ``?``) to values bound as terms; ``timeout`` is in
    seconds (``None``: ``DEFAULT_TIMEOUT``; ``0``: no limit); ``limit`` caps the rows or triples
    kept and sets ``truncated``.  ``default_graphs`` / ``named_graphs`` restrict the dataset as
    the SPARQL Protocol's ``default-graph-uri`` / ``named-graph-uri`` do; by default the default
    graph is the union of every graph.

    :raises QuerySyntaxError: the parser refused the query (message says where and why).
    :raises QueryTimeoutError: it ran past ``timeout``.
    :raises ParameterError: a binding cannot be used.
    :raises QueryError: an update, SERVICE, or an evaluation error.
    """
    check_query_text(sparql)
    subs = {ox.Variable(name.lstrip("?$")): to_term(value) for name, value in (bindings or {}).items()}
    kwargs: dict[str, Any] = {}
    if default_graphs:
        kwargs["default_graph"] = [iri(g) for g in default_graphs]
    if named_graphs:
        kwargs["named_graphs"] = [iri(g) for g in named_graphs]
    seconds = DEFAULT_TIMEOUT if timeout is None else timeout

    def work(stop: threading.Event) -> QueryResult:
        # pyoxigraph results may only be read by the thread that made them: query here too
        raw = store.query(sparql, substitutions=subs or None, union=not default_graphs, **kwargs)
        if isinstance(raw, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(raw))
        return _drain(raw, limit, stop)

    try:
        return _in_worker(work, seconds if seconds and seconds > 0 else None)
    except SyntaxError as exc:
        raise QuerySyntaxError(syntax_message(sparql, str(exc))) from exc
    except RuntimeError as exc:
        if "does not contain" in str(exc) and "variable" in str(exc):
            var = re.search(r"\?(\w+)", str(exc))
            name = var.group(1) if var else "?"
            raise ParameterError(
                f"cannot bind ?{name}: the query must select ?{name} (add it to the SELECT clause)"
            ) from exc
        raise QueryError(f"query failed: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc


def _in_worker(work, timeout: float | None) -> QueryResult:
    """Run ``work(stop)`` in a worker thread; give up after ``timeout`` seconds."""
    stop = threading.Event()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = work(stop)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=target, name="bordergraph-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        stop.set()
        raise QueryTimeoutError(
            f"the query ran past the time limit of {timeout:g} s; narrow it, add LIMIT, or raise --timeout"
        )
    if "error" in box:
        raise box["error"]
    return box["result"]


def _drain(raw, limit: int | None, stop: threading.Event) -> QueryResult:
    if isinstance(raw, ox.QueryTriples):
        result = QueryResult(kind="construct")
        items = result.triples
    else:
        result = QueryResult(kind="select", variables=[v.value for v in raw.variables])
        items = result.rows
    seen: set = set()
    for item in raw:
        if stop.is_set():
            break
        if limit is not None and len(items) >= limit:
            result.truncated = True
            break
        if result.kind == "select":
            items.append(tuple(item[v] for v in result.variables))
        elif item not in seen:  # a graph is a set; the union default graph repeats triples
            seen.add(item)
            items.append(item)
    return result


# -- parser messages -----------------------------------------------------------------------
_POSITION = re.compile(r"error at (\d+):(\d+)")


_USED_PREFIX = re.compile(r"(?<![\w?$:.\-])([A-Za-z][\w\-]*(?:\.[\w\-]+)*)?:(?![/])")
_DECLARED_PREFIX = re.compile(r"\bPREFIX\s+([A-Za-z][\w\-.]*)?:", re.I)


def undeclared_prefixes(sparql: str) -> list[str]:
    """Prefixes used in ``sparql`` that neither it nor ``PREFIXES`` declares, e.g. ``['foo:']``."""
    skeleton = _skeleton(sparql)
    declared = {m.group(1) or "" for m in _DECLARED_PREFIX.finditer(skeleton)} | set(PREFIXES)
    used = [m.group(1) or "" for m in _USED_PREFIX.finditer(_DECLARED_PREFIX.sub(" ", skeleton))]
    return sorted({f"{u}:" for u in used if u not in declared})


def syntax_message(sparql: str, message: str) -> str:
    """One readable line from pyoxigraph's parser message (which lists every expected token)."""
    unknown = undeclared_prefixes(sparql)
    if unknown:
        return (f"unknown prefix {', '.join(repr(u) for u in unknown)}: declare it with PREFIX {unknown[0]} <...>; "
                f"predeclared: {', '.join(sorted(PREFIXES))}")
    pos = _POSITION.search(message)
    where = ""
    if pos:
        line_no, col = int(pos.group(1)), int(pos.group(2))
        lines = sparql.splitlines() or [""]
        line = lines[min(line_no, len(lines)) - 1]
        near = line[max(0, col - 21):col + 20].strip()
        where = f" (near {near!r})" if near else ""
    head = " ".join(message.split())
    expected = re.findall(r'"([^"\s]{1,12})"|\b([A-Z]{3,})\b', head.split("expected", 1)[-1])
    if "expected" in head and expected:
        tokens = sorted({a or b for a, b in expected} - {""})
        tokens = [t for t in tokens if not re.fullmatch(r"[0-9A-F]{4}", t)]
        head = head.split("expected", 1)[0] + "expected one of " + " ".join(tokens[:15])
        head += " …" if len(tokens) > 15 else ""
    return f"SPARQL syntax {head}{where}"
