"""Export the graph to files other tools read: RDF formats, JSON-LD, GraphML and Neo4j CSV.

One registry of formats, keyed by short name and media type, serves ``bordergraph export
--format`` and any HTTP content negotiation alike.  Output is deterministic: quads come out
sorted (graph, subject, predicate, object by their N-Triples form) and blank nodes, which only
the ontology has, get canonical labels, so two builds of the same articles diff cleanly.

Quad formats (N-Quads, TriG, JSON-LD) stream one named graph at a time; triple formats
(Turtle, N-Triples, RDF/XML) and the property-graph formats write the distinct union of the
selected graphs, which they must hold in memory to sort and de-duplicate (a triple such as an
actor's type sits in several article graphs).  Nothing is built as one big string.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from bordergraph.errors import ExportError, OntologyError
from bordergraph.graph.store import GraphStore
from bordergraph.ontology.namespaces import GRAPH, ID, ONTOLOGY_GRAPH, PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD = "http://www.w3.org/2001/XMLSchema#"
CONTEXT_PATH = Path(__file__).resolve().parent / "static" / "context.jsonld"

#: Prefixes of the JSON-LD context (``id:person/x`` is a valid compact IRI in JSON-LD).
EXPORT_PREFIXES: dict[str, str] = {**PREFIXES, "graph": str(GRAPH), "id": str(ID)}

#: Turtle and TriG get one prefix per kind of resource (``person:andres-manuel-lopez-obrador``),
#: since a ``/`` inside a prefixed local name would need escaping (``id:person\/x``).
_KINDS = ("article", "person", "organization", "government-body", "criminal-organization", "country",
          "place", "post", "agreement", "event", "claim", "quantity", "proposition", "evidence")
TURTLE_PREFIXES: dict[str, str] = {**PREFIXES, "graph": str(GRAPH), **{k: f"{ID}{k}/" for k in _KINDS}}


# -- the registry ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportFormat:
    """One output format: how users name it, its media type, and what it can carry.

    ``kind`` is ``"triples"`` (named graphs are merged), ``"quads"`` (named graphs kept) or
    ``"property-graph"`` (nodes and edges; literals become node properties).
    """

    name: str
    aliases: tuple[str, ...]
    media_type: str
    extension: str
    kind: str
    w3c: str | None  # IRI of the format at http://www.w3.org/ns/formats/, for VoID
    writer: Callable[["Selection", BinaryIO | Path], int]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> ExportFormat:
    """Add a format under its name, aliases and media type."""
    for key in (*fmt.names, fmt.media_type):
        FORMATS[key.lower()] = fmt
    return fmt


def get_format(key: str) -> ExportFormat:
    """The format named ``key`` (short name, alias or media type; case and parameters ignored).

    >>> get_format("ttl").media_type
    'text/turtle'
    >>> get_format("application/n-quads; charset=utf-8").name
    'nquads'

    :raises ExportError: no such format.
    """
    fmt = FORMATS.get(key.split(";")[0].strip().lower())
    if fmt is None:
        raise ExportError(f"unknown export format {key!r}; choose one of: {', '.join(format_names())}")
    return fmt


def format_names() -> list[str]:
    """The canonical short name of every registered format, in registration order."""
    return list(dict.fromkeys(f.name for f in FORMATS.values()))


# -- what to export ---------------------------------------------------------------------------
@dataclass
class Selection:
    """The named graphs to export and where to read each one's quads from."""

    graphs: list[str]
    read: Callable[[str], Iterable[ox.Quad]]
    stats: "_Stats" = field(default_factory=lambda: _Stats())

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """One graph's triples, sorted, blank nodes canonical."""
        return _sorted_triples(q.triple for q in self.read(graph))

    def sorted_quads(self) -> Iterator[ox.Quad]:
        """Every quad, graph by graph; each graph sorted and its blank nodes canonical."""
        for g in self.graphs:
            for t in _sorted_triples(q.triple for q in self.read(g)):
                self.stats.add(t, g)
                yield ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))

    def sorted_triples(self) -> list[ox.Triple]:
        """The distinct union of the selected graphs' triples, sorted."""
        seen: set[ox.Triple] = set()
        for g in self.graphs:
            graph_triples = _sorted_triples(q.triple for q in self.read(g))
            for t in graph_triples:
                self.stats.add(t, g)
            seen.update(graph_triples)
        return sorted(seen, key=_triple_key)


def select(
    gs: GraphStore,
    graphs: Sequence[str] | None = None,
    *,
    with_ontology: bool = False,
    ontology_path: Path | None = None,
) -> Selection:
    """Which graphs an export or push covers: ``graphs`` (all but the ontology by default).

    A graph may be named by its IRI or by the last part of it (``entities``, an article slug).
    With ``with_ontology`` the ontology graph is added: from the store when it holds one,
    otherwise from ``ontology_path`` (the packaged ``bordergraph.ttl``).

    :raises ExportError: a named graph is not in the store.
    """
    available = gs.graphs()
    if graphs:
        chosen = []
        for name in graphs:
            iri = name if "://" in name else str(GRAPH[name])
            if iri not in available:
                raise ExportError(
                    f"no named graph {name!r} in the store; it holds {len(available)} graphs "
                    f"such as {', '.join(available[:3])}"
                )
            chosen.append(iri)
    else:
        chosen = [g for g in available if g != str(ONTOLOGY_GRAPH)]
    chosen = sorted(set(chosen))
    ontology = str(ONTOLOGY_GRAPH)
    from_file: list[ox.Quad] | None = None
    if with_ontology and ontology not in chosen:
        chosen = sorted([*chosen, ontology])
        if ontology not in available:
            from_file = _ontology_quads(ontology_path)

    def read(g: str) -> Iterable[ox.Quad]:
        if g == ontology and from_file is not None:
            return from_file
        return gs.quads(g)

    return Selection(chosen, read)


def _ontology_quads(path: Path | None) -> list[ox.Quad]:
    if path is None:
        from bordergraph.ontology import ONTOLOGY_PATH as path
    try:
        name = ox.NamedNode(str(ONTOLOGY_GRAPH))
        return [ox.Quad(t.subject, t.predicate, t.object, name)
                for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    except (OSError, SyntaxError) as exc:
        raise OntologyError(f"cannot read the ontology at {path}: {exc}") from exc


# -- determinism ------------------------------------------------------------------------------
def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Sorted, with blank nodes relabelled canonically (rdflib's algorithm) when there are any."""
    triples = list(triples)
    if any(isinstance(x, ox.BlankNode) for t in triples for x in (t.subject, t.object)):
        triples = _canonical_bnodes(triples)
    return sorted(set(triples), key=_triple_key)


def _canonical_bnodes(triples: list[ox.Triple]) -> list[ox.Triple]:
    from rdflib import Graph
    from rdflib.compare import to_canonical_graph

    g = Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    data = to_canonical_graph(g).serialize(format="nt", encoding="utf-8")
    return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


# -- statistics for VoID ------------------------------------------------------------------------
class _Stats:
    """Counts gathered while writing, for the VoID description."""

    def __init__(self) -> None:
        self.triples: set[ox.Triple] = set()
        self.per_graph: dict[str, int] = defaultdict(int)

    def add(self, t: ox.Triple, graph: str) -> None:
        self.triples.add(t)
        self.per_graph[graph] += 1


# -- writers ----------------------------------------------------------------------------------
@contextmanager
def _binary(out: BinaryIO | Path | str | None):
    """A binary stream for ``out``: a path (created with its folder), a stream, or stdout."""
    if out is None:
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
    elif isinstance(out, (str, Path)):
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            yield fh
    else:
        yield out


def _ox_writer(fmt: ox.RdfFormat, quads: bool, prefixes: dict[str, str]) -> Callable[[Selection, BinaryIO], int]:
    def write(sel: Selection, out: BinaryIO) -> int:
        counted = _Counter()
        items = sel.sorted_quads() if quads else iter(sel.sorted_triples())
        with _binary(out) as stream:
            ox.serialize(counted.wrap(items), stream, format=fmt, prefixes=prefixes)
        return counted.n

    return write


class _Counter:
    def __init__(self) -> None:
        self.n = 0

    def wrap(self, items: Iterable) -> Iterator:
        for item in items:
            self.n += 1
            yield item


def _compact(iri: str) -> str:
    """``bg:Person`` for an IRI under a known prefix, else the IRI itself."""
    for prefix, ns in EXPORT_PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _compact(term.value)


def _jsonld_value(term) -> dict:
    if isinstance(term, ox.Literal):
        value: dict = {"@value": term.value}
        if term.language:
            value["@language"] = term.language
        elif term.datatype.value != XSD + "string":
            value["@type"] = _compact(term.datatype.value)
        return value
    return {"@id": _node_id(term)}


def jsonld_context() -> dict:
    """The JSON-LD ``@context`` of every export: one prefix per namespace bordergraph uses."""
    return {"@context": dict(sorted(EXPORT_PREFIXES.items()))}


def _write_jsonld(sel: Selection, out: BinaryIO | Path | None) -> int:
    """JSON-LD with the bordergraph context inline, one ``@graph`` object per named graph.

    Written node by node (subjects come out sorted, so each node's triples are adjacent);
    the context is also published as ``graph/static/context.jsonld``.
    """
    n = 0
    with _binary(out) as raw:
        w = io.TextIOWrapper(raw, encoding="utf-8", newline="\n", write_through=True)
        dump = lambda obj: json.dumps(obj, ensure_ascii=False, sort_keys=True)  # noqa: E731
        w.write('{\n  "@context": ' + dump(jsonld_context()["@context"]) + ',\n  "@graph": [')
        first_graph = True
        current_graph, node, first_node = None, None, True

        def flush_node() -> None:
            nonlocal node, first_node
            if node is not None:
                w.write(("\n" if first_node else ",\n") + "      " + dump(node))
                first_node = False
            node = None

        for q in sel.sorted_quads():
            n += 1
            g = q.graph_name.value
            if g != current_graph:
                flush_node()
                if current_graph is not None:
                    w.write("\n    ]}")
                w.write(("\n" if first_graph else ",\n") + '    {"@id": ' + dump(_compact(g)) + ', "@graph": [')
                first_graph, first_node, current_graph = False, True, g
            subject = _node_id(q.subject)
            if node is None or node["@id"] != subject:
                flush_node()
                node = {"@id": subject}
            if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode):
                node.setdefault("@type", []).append(_compact(q.object.value))
            else:
                node.setdefault(_compact(q.predicate.value), []).append(_jsonld_value(q.object))
        flush_node()
        if current_graph is not None:
            w.write("\n    ]}")
        w.write("\n  ]\n}\n")
        w.detach()
    return n


# -- property graphs --------------------------------------------------------------------------
@dataclass
class PropertyGraph:
    """Nodes (every subject) and edges (triples between two nodes) of the exported triples.

    ``rdf:type`` becomes node labels (class local names); literals and IRIs that are not
    nodes themselves become node properties.  Property and edge names are predicate local
    names, prefixed (``schema_name``) only where two namespaces would clash.
    """

    nodes: dict[str, dict[str, list]]  # node IRI -> property -> values (Python values)
    labels: dict[str, list[str]]  # node IRI -> class local names
    edges: list[tuple[str, str, str, str]]  # (source IRI, type, target IRI, predicate IRI)
    types: dict[str, str]  # property -> "long" | "double" | "boolean" | "string"
    multi: set[str]  # properties that have more than one value on some node


_INT_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                                "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}


def _local(iri: str) -> str:
    """The last segment of an IRI, after ``#`` or ``/`` (``bg:Person`` -> ``Person``)."""
    stripped = iri.rstrip("#/")
    for sep in ("#", "/"):
        if sep in stripped:
            return stripped.rsplit(sep, 1)[1]
    return stripped


def _names(predicates: Iterable[str]) -> dict[str, str]:
    """Local name of each predicate, or ``prefix_local`` where two share a local name."""
    predicates = sorted(set(predicates))
    by_local: dict[str, list[str]] = defaultdict(list)
    for p in predicates:
        by_local[_local(p)].append(p)
    out = {}
    for local, group in by_local.items():
        for p in group:
            if len(group) == 1:
                out[p] = local
            else:
                compact = _compact(p)
                out[p] = compact.replace(":", "_") if compact != p else f"{local}_{len(out)}"
    return out


def _python_value(lit: ox.Literal, kind: str):
    if kind == "long":
        return int(lit.value)
    if kind == "double":
        return float(lit.value)
    if kind == "boolean":
        return lit.value in ("true", "1")
    return lit.value


def property_graph(triples: Sequence[ox.Triple]) -> PropertyGraph:
    """Project sorted RDF triples to a property graph (see :class:`PropertyGraph`)."""
    subjects = {_term_key(t.subject) for t in triples}
    names = _names(t.predicate.value for t in triples)
    kinds: dict[str, set[str]] = defaultdict(set)
    nodes: dict[str, dict[str, list]] = {s: {} for s in sorted(subjects)}
    labels: dict[str, list[str]] = {s: [] for s in nodes}
    edges = []
    raw: list[tuple[str, str, object]] = []
    for t in triples:
        s = _term_key(t.subject)
        if t.predicate.value == RDF_TYPE and not isinstance(t.object, ox.Literal):
            labels[s].append(_local(t.object.value))
        elif _is_edge(t, subjects):
            edges.append((s, names[t.predicate.value], _term_key(t.object), t.predicate.value))
        else:
            key = names[t.predicate.value]
            if isinstance(t.object, ox.Literal):
                dt = t.object.datatype.value if not t.object.language else RDF_LANGSTRING
                kinds[key].add("long" if dt in _INT_TYPES else "double" if dt in _FLOAT_TYPES
                               else "boolean" if dt == XSD + "boolean" else "string")
            else:
                kinds[key].add("string")
            raw.append((s, key, t.object))
    types = {k: (v.pop() if len(v) == 1 else "double" if v == {"long", "double"} else "string")
             for k, v in kinds.items()}
    for s, key, obj in raw:
        value = _python_value(obj, types[key]) if isinstance(obj, ox.Literal) else _compact(obj.value)
        nodes[s].setdefault(key, []).append(value)
    multi = {k for props in nodes.values() for k, v in props.items() if len(v) > 1}
    return PropertyGraph(nodes, labels, edges, types, multi)


def _term_key(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _is_edge(t: ox.Triple, subjects: set[str]) -> bool:
    return (t.predicate.value != RDF_TYPE and not isinstance(t.object, ox.Literal)
            and _term_key(t.object) in subjects)


_GRAPHML_TYPES = {"long": "long", "double": "double", "boolean": "boolean", "string": "string"}


def _graphml_value(values: list, multi: bool) -> str:
    if multi:
        return json.dumps(values, ensure_ascii=False)
    v = values[0]
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def _write_graphml(sel: Selection, out: BinaryIO | Path | None) -> int:
    """GraphML: node ids are the IRIs; a property with several values is a JSON list string."""
    triples = sel.sorted_triples()
    pg = property_graph(triples)
    with _binary(out) as raw:
        w = io.TextIOWrapper(raw, encoding="utf-8", newline="\n", write_through=True)
        w.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
                '  <key id="labels" for="node" attr.name="labels" attr.type="string"/>\n')
        for key in sorted(pg.types):
            kind = "string" if key in pg.multi else _GRAPHML_TYPES[pg.types[key]]
            w.write(f'  <key id={quoteattr("n_" + key)} for="node" attr.name={quoteattr(key)} attr.type="{kind}"/>\n')
        w.write('  <key id="type" for="edge" attr.name="type" attr.type="string"/>\n'
                '  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>\n'
                '  <graph id="bordergraph" edgedefault="directed">\n')
        for iri, props in pg.nodes.items():
            w.write(f"    <node id={quoteattr(iri)}>")
            w.write(f'<data key="labels">{escape(";".join(pg.labels[iri]))}</data>')
            for key in sorted(props):
                value = _graphml_value(props[key], key in pg.multi)
                w.write(f"<data key={quoteattr('n_' + key)}>{escape(value)}</data>")
            w.write("</node>\n")
        for i, (s, kind, o, pred) in enumerate(pg.edges):
            w.write(f"    <edge id=\"e{i}\" source={quoteattr(s)} target={quoteattr(o)}>"
                    f'<data key="type">{escape(kind)}</data><data key="predicate">{escape(pred)}</data></edge>\n')
        w.write("  </graph>\n</graphml>\n")
        w.detach()
    return len(triples)


_NEO4J_TYPES = {"long": "long", "double": "double", "boolean": "boolean", "string": "string"}
NEO4J_ARRAY_DELIMITER = ";"


def _write_neo4j_csv(sel: Selection, out: BinaryIO | Path | None) -> int:
    """``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full``.

    ``out`` is a folder.  Import with ``--nodes=nodes.csv --relationships=relationships.csv
    --multiline-fields=true`` (evidence sentences may hold line breaks); array properties use
    the default ``;`` delimiter.
    """
    if out is None or not isinstance(out, (str, Path)):
        raise ExportError("neo4j-csv writes two files: give a folder with --out")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    triples = sel.sorted_triples()
    pg = property_graph(triples)
    keys = sorted(pg.types)

    def header(key: str) -> str:
        kind = _NEO4J_TYPES[pg.types[key]]
        return f"{key}:{kind}[]" if key in pg.multi else f"{key}:{kind}"

    def cell(values: list | None, key: str) -> str:
        if not values:
            return ""
        text = [("true" if v else "false") if isinstance(v, bool) else str(v) for v in values]
        return NEO4J_ARRAY_DELIMITER.join(text) if key in pg.multi else text[0]

    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as fh:
        rows = csv.writer(fh, lineterminator="\n")
        rows.writerow(["iri:ID", ":LABEL", *(header(k) for k in keys)])
        for iri, props in pg.nodes.items():
            rows.writerow([iri, ";".join(pg.labels[iri]) or "Resource", *(cell(props.get(k), k) for k in keys)])
    with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as fh:
        rows = csv.writer(fh, lineterminator="\n")
        rows.writerow([":START_ID", ":TYPE", ":END_ID", "predicate"])
        rows.writerows(pg.edges)
    return len(triples)


_W3C = "http://www.w3.org/ns/formats/"
for _fmt in (
    ExportFormat("turtle", ("ttl",), "text/turtle", ".ttl", "triples", _W3C + "Turtle",
                 _ox_writer(ox.RdfFormat.TURTLE, quads=False, prefixes=TURTLE_PREFIXES)),
    ExportFormat("nt", ("ntriples", "n-triples"), "application/n-triples", ".nt", "triples",
                 _W3C + "N-Triples", _ox_writer(ox.RdfFormat.N_TRIPLES, quads=False, prefixes={})),
    ExportFormat("nquads", ("nq", "n-quads"), "application/n-quads", ".nq", "quads", _W3C + "N-Quads",
                 _ox_writer(ox.RdfFormat.N_QUADS, quads=True, prefixes={})),
    ExportFormat("trig", (), "application/trig", ".trig", "quads", _W3C + "TriG",
                 _ox_writer(ox.RdfFormat.TRIG, quads=True, prefixes=TURTLE_PREFIXES)),
    ExportFormat("jsonld", ("json-ld",), "application/ld+json", ".jsonld", "quads", _W3C + "JSON-LD",
                 _write_jsonld),
    ExportFormat("xml", ("rdfxml", "rdf/xml", "rdf"), "application/rdf+xml", ".rdf", "triples",
                 _W3C + "RDF_XML", _ox_writer(ox.RdfFormat.RDF_XML, quads=False, prefixes=PREFIXES)),
    ExportFormat("graphml", (), "application/graphml+xml", ".graphml", "property-graph", None, _write_graphml),
    ExportFormat("neo4j-csv", ("neo4j",), "text/csv", "", "property-graph", None, _write_neo4j_csv),
):
    register(_fmt)


# -- the entry point --------------------------------------------------------------------------
@dataclass
class ExportReport:
    """What an export wrote: the format, where, how many statements, which graphs."""

    format: str
    out: str | None
    statements: int  # quads for quad formats, distinct triples otherwise
    triples: int  # distinct triples over the selected graphs
    graphs: list[str]
    void: str | None = None


def export(
    gs: GraphStore,
    format: str = "turtle",
    out: BinaryIO | Path | str | None = None,
    *,
    graphs: Sequence[str] | None = None,
    with_ontology: bool = False,
    void: bool = True,
    license: str | None = None,
    ontology_path: Path | None = None,
) -> ExportReport:
    """Write the selected graphs of ``gs`` to ``out`` (a path, a binary stream, or stdout).

    When ``out`` is a path and ``void`` is true, a VoID description of the export is written
    beside it as ``<name>.void.ttl``.  The same store always gives the same bytes.

    :raises ExportError: unknown format or graph, or the output cannot be written.
    """
    fmt = get_format(format)
    sel = select(gs, graphs, with_ontology=with_ontology, ontology_path=ontology_path)
    try:
        n = fmt.writer(sel, out)
    except OSError as exc:
        raise ExportError(f"cannot write the export to {out}: {exc}") from exc
    report = ExportReport(fmt.name, str(out) if isinstance(out, (str, Path)) else None, n,
                          len(sel.stats.triples), sel.graphs)
    if void and isinstance(out, (str, Path)):
        path = Path(out)
        dest = (path / "void.ttl") if fmt.name == "neo4j-csv" else path.with_name(path.name + ".void.ttl")
        dumps = ["nodes.csv", "relationships.csv"] if fmt.name == "neo4j-csv" else [path.name]
        description = void_description(sel.stats.triples, sel.stats.per_graph, fmt=fmt, dumps=dumps,
                                       license=license)
        description.serialize(destination=str(dest), format="turtle")
        report.void = str(dest)
    return report


# -- VoID -------------------------------------------------------------------------------------
def void_description(
    triples: set[ox.Triple],
    per_graph: dict[str, int],
    *,
    fmt: ExportFormat | None = None,
    dumps: Sequence[str] = (),
    license: str | None = None,
):
    """A VoID description (rdflib Graph) of exported triples: counts, classes, properties,
    named graphs, source articles and licence.

    IRIs are relative to the VoID file (``<#dataset>``, ``<#graph-…>``, ``<kg.ttl>``), as the
    VoID guide does for a description published beside its dump.
    """
    from urllib.parse import quote

    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF, XSD as XSD_NS

    VOID = Namespace("http://rdfs.org/ns/void#")
    SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
    g = Graph(bind_namespaces="core")
    g.bind("void", VOID)
    g.bind("sd", SD)
    for prefix, ns in EXPORT_PREFIXES.items():
        g.bind(prefix, ns)
    ds = URIRef("#dataset")

    def count(node, prop, n: int) -> None:
        g.add((node, VOID[prop], Literal(n, datatype=XSD_NS.integer)))

    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("bordergraph export")))
    g.add((ds, DCTERMS.description, Literal(
        "Actors, agreements, events and claims read from news articles, each fact with its "
        "evidence sentence; one named graph per article plus merged entities.")))
    g.add((ds, DCTERMS.rights, Literal(
        "Evidence sentences are quotations of the source articles, whose copyright stays with "
        "their publishers.")))
    if license:
        g.add((ds, DCTERMS.license, URIRef(license)))
    if fmt is not None and fmt.w3c:
        g.add((ds, VOID.feature, URIRef(fmt.w3c)))
    for name in dumps:
        g.add((ds, VOID.dataDump, URIRef(quote(name))))
    g.add((ds, VOID.uriSpace, Literal(str(ID))))
    g.add((ds, VOID.vocabulary, URIRef(PREFIXES["bg"])))
    count(ds, "triples", len(triples))
    count(ds, "distinctSubjects", len({t.subject for t in triples}))
    count(ds, "distinctObjects", len({t.object for t in triples}))
    classes: dict[str, set] = defaultdict(set)
    properties: dict[str, int] = defaultdict(int)
    for t in triples:
        properties[t.predicate.value] += 1
        if t.predicate.value == RDF_TYPE:
            classes[t.object.value].add(t.subject)
    count(ds, "classes", len(classes))
    count(ds, "properties", len(properties))
    count(ds, "entities", len({t.subject for t in triples if isinstance(t.subject, ox.NamedNode)}))
    for cls in sorted(classes):
        part = URIRef("#class-" + _fragment(cls))
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        count(part, "entities", len(classes[cls]))
    for prop in sorted(properties):
        part = URIRef("#property-" + _fragment(prop))
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        count(part, "triples", properties[prop])
    articles = {t.subject.value for t in triples
                if t.predicate.value == RDF_TYPE and t.object.value == PREFIXES["bg"] + "Article"}
    for article in sorted(articles):
        g.add((ds, DCTERMS.source, URIRef(article)))
    for graph_iri in sorted(per_graph):
        sub = URIRef("#graph-" + _fragment(graph_iri))
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, SD.name, URIRef(graph_iri)))
        count(sub, "triples", per_graph[graph_iri])
    return g


def _fragment(iri: str) -> str:
    """A readable, unique fragment for an IRI: ``bg-Person``, ``graph-entities`` or a hash."""
    import hashlib
    import re

    compact = _compact(iri)
    if compact != iri and re.fullmatch(r"[a-z]+:[A-Za-z0-9_.-]+", compact):
        return compact.replace(":", "-")
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]
