"""The Python API: every CLI command is one call here, with the same keyword names.

>>> import bordergraph
>>> report = bordergraph.build(["data/articles"], store=".bordergraph/store")   # doctest: +SKIP
>>> kg = bordergraph.open(".bordergraph/store")                                  # doctest: +SKIP
>>> kg.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a bg:Actor }")        # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bordergraph.errors import BordergraphError, IngestError
from bordergraph.graph.store import DEFAULT_STORE, GraphStore


@dataclass
class BuildReport:
    """What a build did: counts, where the store is, and every file that could not be read."""

    store: str
    articles: int = 0
    actors: int = 0
    events: int = 0
    claims: int = 0
    triples: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


def build(
    paths: Iterable[str | Path],
    *,
    store: str | Path | None = DEFAULT_STORE,
    validate: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> BuildReport:
    """Read articles from ``paths`` (files or folders) into the store at ``store``.

    Each article replaces its own named graph and nothing else; actors merge with the ones
    already in the store.  Files that cannot be read are reported in ``errors``; the rest
    still build.  ``store=None`` builds in memory (the report is then all you get).

    :raises BordergraphError: when nothing at all could be read.
    """
    from bordergraph.extract.nlp import load_pipeline
    from bordergraph.extract.pipeline import extract_articles
    from bordergraph.graph.load import known_actors, known_posts, write_extractions

    started = time.perf_counter()
    report = BuildReport(store=str(store) if store else ":memory:")
    articles, report.errors = _read_articles(paths)
    if not articles:
        raise BordergraphError(
            "no article could be read from " + ", ".join(str(p) for p in paths)
            + ("" if not report.errors else ": " + "; ".join(report.errors))
        )
    nlp = load_pipeline()
    with GraphStore.open(store, create=True) as gs:
        total = len(articles)
        done = iter(range(1, total + 1))
        extractions = extract_articles(
            articles, nlp, known_actors=known_actors(gs), known_posts=known_posts(gs),
            on_article=(lambda a: progress("extract", next(done), total)) if progress else None,
        )
        report.violations = write_extractions(gs, extractions, validate=validate, progress=progress)
        report.articles = len(articles)
        counts = graph_stats(gs)
    report.actors, report.events, report.claims, report.triples = (
        counts["actors"], counts["events"], counts["claims"], counts["triples"]
    )
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _read_articles(paths: Iterable[str | Path]) -> tuple[list, list[str]]:
    """The readable articles under ``paths``, and one error line per file that is not."""
    from bordergraph.extract.ingest import iter_articles

    articles, errors = [], []
    for item in iter_articles(paths):
        if isinstance(item, IngestError):
            errors.append(str(item))
        else:
            articles.append(item)
    return articles, errors


def extract_records(paths: Iterable[str | Path]):
    """Read and extract articles without writing a store: the records ``build`` would write.

    Returns ``(extractions, errors)``; files that cannot be read are listed in ``errors``.
    """
    from bordergraph.extract.nlp import load_pipeline
    from bordergraph.extract.pipeline import extract_articles

    articles, errors = _read_articles(paths)
    return extract_articles(articles, load_pipeline()), errors


def evaluate(gold: str | Path, *, articles: Iterable[str | Path] = ("data/articles",)):
    """Extract ``articles`` and score them against the gold files in ``gold``.

    Returns an ``EvalReport`` (precision, recall and F1 per category, misses and false hits);
    the matching rules are in ``bordergraph.extract.evaluate``'s docstring.
    """
    from bordergraph.extract.evaluate import evaluate as score

    extractions, _ = extract_records(articles)
    return score(extractions, Path(gold))


_STATS_QUERY = """
SELECT
  (COUNT(DISTINCT ?art) AS ?articles) (COUNT(DISTINCT ?actor) AS ?actors)
  (COUNT(DISTINCT ?event) AS ?events) (COUNT(DISTINCT ?claim) AS ?claims)
  (COUNT(DISTINCT ?agr) AS ?agreements) (COUNT(DISTINCT ?post) AS ?posts)
  (COUNT(DISTINCT ?qty) AS ?quantities)
WHERE {
  { ?art a bg:Article } UNION
  { ?actor a ?t . VALUES ?t { bg:Person bg:Organization bg:GovernmentBody bg:CriminalOrganization bg:Country } } UNION
  { ?event a bg:Event } UNION { ?claim a bg:Claim } UNION { ?agr a bg:Agreement } UNION
  { ?post a bg:Post } UNION { ?qty a bg:Quantity }
}
"""


def graph_stats(gs: GraphStore) -> dict[str, int]:
    """Counts of articles, actors, events, claims, agreements, posts, quantities, triples, graphs."""
    row = next(iter(gs.query(_STATS_QUERY)))
    out = {name: int(row[name].value) for name in
           ("articles", "actors", "events", "claims", "agreements", "posts", "quantities")}
    out["triples"] = int(next(iter(gs.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)))["n"].value)
    out["graphs"] = len(gs.graphs())
    return out


def stats(*, store: str | Path = DEFAULT_STORE) -> dict[str, int]:
    """Counts of what the store holds.

    :raises StoreMissingError: no store has been built at ``store``.
    """
    with GraphStore.open(store, read_only=True) as gs:
        return graph_stats(gs)


# --- querying (graph/query.py, graph/saved.py, graph/endpoint.py) ---------------------------
def open(path: str | Path | None = DEFAULT_STORE):  # noqa: A001 - `bordergraph.open(path)` on purpose
    """Open a built store read-only for querying → ``KnowledgeGraph`` (a context manager).

    >>> with bordergraph.open(".bordergraph/store") as kg:                        # doctest: +SKIP
    ...     kg.query("SELECT DISTINCT ?name WHERE { ?p a bg:Person ; rdfs:label ?name }")

    :raises StoreMissingError: nothing has been built at ``path``.
    :raises StoreLockedError: another process holds the store.
    """
    from bordergraph.graph.knowledge import KnowledgeGraph

    return KnowledgeGraph.open(path)


def saved_queries():
    """The shipped saved queries (one per competency question), sorted by name."""
    from bordergraph.graph.saved import saved_queries as _saved

    return _saved()


def serve(
    *,
    store: str | Path = DEFAULT_STORE,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    views: str | Path | None = None,
    on_start: Callable[[], None] | None = None,
) -> None:
    """Serve the read-only SPARQL endpoint (``/sparql``) and the query page (``/``) until stopped.

    ``views`` is a folder of pages from ``view`` to serve at ``/views/``, linked from the query
    page; when it holds no page yet, the network, claims and timeline views are written there.
    ``on_start`` is called once the store is open and the port is free, just before serving.

    >>> bordergraph.serve(port=8000, views="out/views")    # doctest: +SKIP

    :raises StoreMissingError: nothing has been built at ``store``.
    :raises BordergraphError: ``host:port`` cannot be bound (e.g. already in use).
    """
    from bordergraph.graph.endpoint import Limits, check_port, serve as _serve
    from bordergraph.graph.store import GraphStore as _GS

    gs = _GS.open(store, read_only=True)  # fail with one line before uvicorn starts
    check_port(host, port)
    if views is not None:
        ensure_views(gs, views)
    if on_start is not None:
        on_start()
    _serve(gs, host=host, port=port, limits=Limits(timeout=timeout, max_rows=max_rows), views=views)


def ensure_views(gs: GraphStore, folder: str | Path) -> list[Path]:
    """Write the default views into ``folder`` unless it already holds pages; → the pages there.

    :raises ParameterError: ``folder`` exists but is not a folder.
    """
    from bordergraph.errors import ParameterError
    from bordergraph.graph.views import write_views

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ParameterError(f"--views must be a folder, not the file {folder}")
    pages = sorted(folder.glob("*.html")) if folder.is_dir() else []
    return pages or write_views(gs, folder)


# --- export, push and the published ontology (graph/export.py, graph/remote.py, ontology/publish.py)
def export_formats() -> list[str]:
    """Short names of every export format, e.g. ``turtle``, ``nquads``, ``graphml``."""
    from bordergraph.graph.export import format_names

    return format_names()


def export(
    *,
    format: str = "turtle",
    graph: Iterable[str] = (),
    with_ontology: bool = False,
    out: str | Path | None = None,
    store: str | Path = DEFAULT_STORE,
    void: bool = True,
    license: str | None = None,
):
    """Write the store's named graphs to ``out`` (stdout when None) in ``format``.

    ``graph`` picks named graphs by IRI or by last segment (``entities``, an article slug);
    by default every graph but the ontology goes out, and ``with_ontology`` adds it.  Output
    is sorted, so the same store always gives the same bytes; beside a file a VoID description
    ``<name>.void.ttl`` is written.  ``neo4j-csv`` needs ``out`` to be a folder.

    >>> bordergraph.export(format="nquads", out="kg.nq")   # doctest: +SKIP
    ExportReport(format='nquads', out='kg.nq', statements=..., ...)

    :raises ExportError: unknown format or graph, or the output cannot be written.
    :raises StoreMissingError: no store has been built at ``store``.
    """
    from bordergraph.graph.export import export as write

    with GraphStore.open(store, read_only=True) as gs:
        return write(gs, format, out, graphs=list(graph) or None, with_ontology=with_ontology,
                     void=void, license=license)


def push(
    url: str,
    *,
    graph: Iterable[str] = (),
    with_ontology: bool = False,
    user: str | None = None,
    auth: str = "auto",
    graph_param: str | None = None,
    dry_run: bool = False,
    retries: int = 3,
    timeout: float = 60.0,
    store: str | Path = DEFAULT_STORE,
    on_graph: Callable | None = None,
):
    """PUT every named graph to a SPARQL 1.1 Graph Store endpoint (replacing, never duplicating).

    The password for ``user`` is read from the environment variable
    ``BORDERGRAPH_PUSH_PASSWORD``; ``auth="auto"`` answers a basic or digest challenge,
    whichever the server sends.  ``graph_param`` defaults to ``graph`` (``graph-uri`` for
    Virtuoso's ``/sparql-graph-crud`` URLs).  ``dry_run`` sends nothing and returns the plan.

    >>> bordergraph.push("http://127.0.0.1:8890/sparql-graph-crud-auth", user="dba")  # doctest: +SKIP

    :raises ExportError: the endpoint refused a graph or stayed unreachable after retries.
    """
    from bordergraph.graph.remote import push as put_graphs

    with GraphStore.open(store, read_only=True) as gs:
        return put_graphs(gs, url, graphs=list(graph) or None, with_ontology=with_ontology, user=user,
                          auth=auth, graph_param=graph_param, dry_run=dry_run, retries=retries,
                          timeout=timeout, on_graph=on_graph)


def publish_ontology(*, out: str | Path) -> dict[str, Path]:
    """Write the ontology files a semantic-web user expects into the folder ``out``.

    ``bordergraph.ttl``, ``bordergraph.owl`` (RDF/XML, checked to round-trip through
    owlready2), ``shapes.ttl`` (SHACL), ``reference.md`` (generated from the ontology) and
    ``context.jsonld`` (the JSON-LD context of the exports).

    :raises OntologyError: the ontology does not load or does not round-trip.
    :raises ExportError: ``out`` is a file or cannot be written.
    """
    import shutil

    from bordergraph.graph.export import CONTEXT_PATH
    from bordergraph.ontology.publish import publish

    from bordergraph.errors import ExportError

    if Path(out).exists() and not Path(out).is_dir():
        raise ExportError(f"--out must be a folder, not the file {out}")
    try:
        files = publish(Path(out))
        files["context"] = Path(out) / "context.jsonld"
        shutil.copyfile(CONTEXT_PATH, files["context"])
    except OSError as exc:
        raise ExportError(f"cannot write the ontology to {out}: {exc.strerror or exc}") from None
    return files


# --- views and analytics (graph/views.py, graph/analytics.py) -------------------------------
def view(
    kind: str | None = None,
    *,
    store: str | Path = DEFAULT_STORE,
    actor: str | None = None,
    depth: int = 2,
    query: str | Path | None = None,
    out: str | Path = Path("out/views"),
    open: bool = False,  # noqa: A002 - the CLI option is --open
) -> list[Path]:
    """Write self-contained HTML views of the graph into ``out``; they render with no network.

    ``kind`` is ``network``, ``ego``, ``claims`` or ``timeline``; None writes network, claims and
    timeline (or only the ego page when ``actor`` is given).  ``actor`` is a label or alias
    (case- and accent-insensitive); ``depth`` is how many ties the ego view reaches.  ``query``
    is a ``.rq`` file (or the text) of a CONSTRUCT query drawn as one more page.  An
    ``index.html`` lists every page in ``out``; ``open`` opens the first page in a browser.

    >>> bordergraph.view("ego", actor="López Obrador", depth=2)    # doctest: +SKIP
    [PosixPath('out/views/ego-andres-manuel-lopez-obrador.html'), PosixPath('out/views/index.html')]

    :raises ParameterError: unknown view or actor (the message lists close matches).
    :raises QueryError: ``query`` is not a CONSTRUCT/DESCRIBE query or fails.
    :raises StoreMissingError: no store has been built at ``store``.
    :raises ExportError: a page cannot be written into ``out``.
    """
    from bordergraph.errors import ParameterError
    from bordergraph.graph.views import write_views

    text = name = None
    if query is not None:
        path = Path(query)
        if path.suffix in (".rq", ".sparql") or path.is_file():
            if not path.is_file():
                raise ParameterError(f"no query file at {path}")
            from bordergraph.graph.query import read_query_file

            text, name = read_query_file(path), path.stem
        else:
            text, name = str(query), "query"
    with GraphStore.open(store, read_only=True) as gs:
        pages = write_views(gs, Path(out), kind, actor=actor, depth=depth, query_text=text, query_name=name or "query")
    if open and pages:
        import webbrowser

        webbrowser.open(pages[0].resolve().as_uri())
    return pages


def analyze(*, store: str | Path = DEFAULT_STORE, json: str | Path | None = None, top: int = 10) -> dict:
    """The networkx figures of the actor network: centralities, communities, strongest ties, components.

    The ``size`` of each actor is the node size the views draw; ``top`` is how many strongest
    ties to list.  ``json`` also writes the result to that file.

    >>> bordergraph.analyze()["strongest_ties"][0]                 # doctest: +SKIP

    :raises StoreMissingError: no store has been built at ``store``.
    :raises ExportError: ``json`` cannot be written.
    """
    import json as _json

    from bordergraph.graph import analytics

    with GraphStore.open(store, read_only=True) as gs:
        result = analytics.analyze_graph(analytics.actor_graph(analytics.read_facts(gs)), ties=top)
    if json is not None:
        from bordergraph.errors import ExportError

        try:
            Path(json).parent.mkdir(parents=True, exist_ok=True)
            Path(json).write_text(_json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            raise ExportError(f"cannot write the analysis to {json}: {exc.strerror or exc}") from None
    return result
