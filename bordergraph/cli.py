"""The ``bordergraph`` command: a thin mirror of ``bordergraph.api``.

Every command calls one API function with the same option names; a ``BordergraphError``
becomes one line on stderr and the error's exit code, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from bordergraph import api
from bordergraph.errors import BordergraphError
from bordergraph.graph.store import DEFAULT_STORE


def _friendly(fn):
    """Turn BordergraphError into one line and its exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BordergraphError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(exc.exit_code)

    return wrapper


store_option = click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=DEFAULT_STORE,
    show_default=True,
    envvar="BORDERGRAPH_STORE",
    help="Folder of the embedded store (env BORDERGRAPH_STORE).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bordergraph")
def main() -> None:
    """Turn articles into an RDF knowledge graph; query, view and export it.

    \b
    Example:
      bordergraph build data/articles
      bordergraph query "SELECT ?name WHERE { ?p a bg:Person ; rdfs:label ?name }"
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of each article graph.")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
@_friendly
def build(paths: tuple[Path, ...], store: Path, no_validate: bool, as_json: bool) -> None:
    """Read articles (files or folders of .txt, .md, .html) into the store.

    Each article replaces its own named graph; actors merge with those already stored.
    Files that cannot be read are reported and skipped; the rest still build.

    \b
    Example:
      bordergraph build data/articles --store .bordergraph/store
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(), console=_stderr_console(), transient=True, disable=as_json,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task({"extract": "reading articles", "write": "writing graphs"}.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done)

        report = api.build(list(paths), store=store, validate=not no_validate, progress=progress)
    if as_json:
        click.echo(json.dumps(report.__dict__, indent=2))
        return
    for line in report.errors:
        click.secho(f"skipped: {line}", fg="yellow", err=True)
    click.echo(
        f"built {report.articles} articles: {report.actors} actors, {report.events} events, "
        f"{report.claims} claims, {report.triples} triples in {report.seconds} s"
    )
    click.echo(f"store: {Path(report.store).resolve()}")
    if report.violations:
        click.secho(f"SHACL: {len(report.violations)} violations", fg="yellow")
        for v in report.violations[:20]:
            click.echo(f"  {v}")
    else:
        click.echo("SHACL: every article graph conforms")


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@_friendly
def stats(store: Path, as_json: bool) -> None:
    """Count what the store holds: articles, actors, events, claims, triples, graphs.

    \b
    Example:
      bordergraph stats --json
    """
    counts = api.stats(store=store)
    if as_json:
        click.echo(json.dumps(counts, indent=2))
    else:
        for name, value in counts.items():
            click.echo(f"{name:<12}{value:>8}")


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--articles", "-a", multiple=True, type=click.Path(exists=True, path_type=Path),
              default=[Path("data/articles")], show_default=True,
              help="Article files or folders to extract (repeatable); matched to gold files by file stem.")
@click.option("--details/--no-details", default=True, show_default=True, help="List every miss and false hit.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@_friendly
def eval_(gold: Path, articles: tuple[Path, ...], details: bool, as_json: bool) -> None:
    """Score the extractors against gold annotations: precision, recall and F1 per category.

    Gold files are JSON, one per article (see tests/gold/README.md); the matching rules are in
    the docstring of bordergraph.extract.evaluate.

    \b
    Example:
      bordergraph eval tests/gold --articles data/articles
      bordergraph eval tests/gold/unseen --articles tests/texts/unseen --no-details
    """
    from bordergraph.extract.evaluate import format_report

    report = api.evaluate(gold, articles=list(articles))
    if as_json:
        click.echo(json.dumps(report.scores(), indent=2))
    else:
        click.echo(format_report(report, details=details))


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


# --- more commands are registered below this line, one section per module ---


# --- query (graph/query.py, graph/saved.py, graph/endpoint.py) -------------------------------
def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    from bordergraph.errors import ParameterError

    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--param needs NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


@main.command()
@click.argument("sparql", required=False)
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Read the query from a .rq file.")
@click.option("--saved", help="Run a saved query by name (see `bordergraph queries`).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable); values are bound as terms, never pasted into the query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld", "rdfxml"]),
              default="table", show_default=True, help="Output format (turtle/nt/jsonld/rdfxml for CONSTRUCT and DESCRIBE).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Keep at most N rows (a note says when rows were cut).")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True, help="Seconds before the query is stopped (0: no limit).")
@store_option
@_friendly
def query(sparql: str | None, file: Path | None, saved: str | None, params: tuple[str, ...], fmt: str,
          limit: int | None, timeout: float, store: Path) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store, read-only.

    Give the query as an argument, with --file, or --saved NAME.  Common prefixes (bg, rdfs,
    skos, prov, schema, dcterms, ...) are predeclared.

    \b
    Example:
      bordergraph query "SELECT DISTINCT ?name WHERE { ?p a bg:Person ; rdfs:label ?name }"
      bordergraph query --saved actor-profile --param actor="López Obrador"
      bordergraph query --file my.rq --format csv > out.csv
    """
    from bordergraph.errors import ParameterError

    given = [x for x in (sparql, file, saved) if x]
    if len(given) != 1:
        raise ParameterError("give exactly one of: a SPARQL string, --file FILE, --saved NAME")
    values = _parse_params(params)
    with api.open(store) as kg:
        if saved:
            result = kg.run_saved(saved, timeout=timeout, limit=limit, **values)
        else:
            from bordergraph.graph.query import read_query_file

            text = read_query_file(file) if file else sparql
            result = kg.query(text, bindings=values or None, timeout=timeout, limit=limit)
    if fmt != "table":
        text = result.serialize(fmt).decode("utf-8")
        click.echo(text, nl=not text.endswith("\n"))
    elif result.kind == "construct":
        click.echo(result.serialize("turtle").decode("utf-8"), nl=False)
    else:
        _print_table(result)
    if result.truncated:
        click.secho(f"note: output cut at {limit} rows (--limit)", fg="yellow", err=True)


def _print_table(result) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    header, rows = result.table()
    table = Table(*header, show_lines=False, highlight=False)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # Text: article text is never read as markup
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    if result.kind == "select":
        click.echo(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print names, titles, questions and parameters as JSON.")
@_friendly
def queries(as_json: bool) -> None:
    """List the saved queries (one per competency question) with their question.

    \b
    Example:
      bordergraph queries
      bordergraph query --saved fentanyl-denials
    """
    saved = api.saved_queries()
    if as_json:
        click.echo(json.dumps([{"name": q.name, "title": q.title, "question": q.question,
                                "params": [p.__dict__ for p in q.params]} for q in saved], indent=2, ensure_ascii=False))
        return
    width = max(len(q.name) for q in saved)
    for q in saved:
        click.echo(f"{q.name:<{width}}  {q.question}")
        for p in q.params:
            default = f" (default {p.default})" if p.default is not None else " (required)"
            click.echo(f"{'':<{width}}    --param {p.name}=…  {p.help}{default}")


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (keep 127.0.0.1 unless you mean to share it).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="Seconds per query before a 503.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True, help="Rows kept per result (cut results say X-Bordergraph-Truncated: true).")
@click.option("--views", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Also serve the pages of `bordergraph view` from DIR at /views/ (written there first when DIR has none).")
@_friendly
def serve(store: Path, host: str, port: int, timeout: float, max_rows: int, views: Path | None) -> None:
    """Serve the read-only SPARQL endpoint at /sparql and the query page at / (works offline).

    With --views DIR the network views are served at /views/ and linked from the query page.

    \b
    Example:
      bordergraph serve --port 8000 --views out/views
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT DISTINCT ?n WHERE { ?p a bg:Person ; rdfs:label ?n }' http://127.0.0.1:8000/sparql
    """
    extra = f"  views http://{host}:{port}/views/" if views is not None else ""
    api.serve(store=store, host=host, port=port, timeout=timeout, max_rows=max_rows, views=views,
              on_start=lambda: click.echo(f"bordergraph: query page http://{host}:{port}/  SPARQL endpoint "
                                          f"http://{host}:{port}/sparql{extra}  (Ctrl+C stops)"))


# --- export, push, publish-ontology (graph/export.py, graph/remote.py, ontology/publish.py) ---
graph_option = click.option(
    "--graph", "graph", multiple=True, metavar="IRI",
    help="Named graph to include, by IRI or last segment (entities, an article slug); repeatable. "
         "Default: every graph but the ontology.",
)
with_ontology_option = click.option("--with-ontology", is_flag=True, help="Include the ontology graph.")


@main.command()
@click.option("--format", "-f", "format", default="turtle", show_default=True,
              help="One of: " + ", ".join(api.export_formats()) + " (or a media type).")
@graph_option
@with_ontology_option
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="File to write (a folder for neo4j-csv); stdout when left out.")
@click.option("--no-void", is_flag=True, help="Do not write the VoID description beside --out.")
@click.option("--license", "license", metavar="IRI", help="Licence IRI to state in the VoID description.")
@store_option
@_friendly
def export(format: str, graph: tuple[str, ...], with_ontology: bool, out: Path | None, no_void: bool,
           license: str | None, store: Path) -> None:
    """Write the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, GraphML or Neo4j CSV.

    Output is sorted, so two builds of the same articles diff cleanly.  Quad formats (nquads,
    trig, jsonld) keep one named graph per article; the others merge the selected graphs.
    Beside a file, a VoID description <name>.void.ttl counts triples, classes and graphs.

    \b
    Example:
      bordergraph export --format nquads --out kg.nq
      bordergraph export -f turtle --graph entities --with-ontology > entities.ttl
      bordergraph export -f neo4j-csv --out neo4j/
    """
    report = api.export(format=format, graph=graph, with_ontology=with_ontology, out=out, store=store,
                        void=not no_void, license=license)
    if out is not None:
        click.echo(f"wrote {report.statements} statements ({report.triples} distinct triples, "
                   f"{len(report.graphs)} graphs) as {report.format} to {out}", err=True)
        if report.void:
            click.echo(f"VoID: {report.void}", err=True)


@main.command()
@click.argument("url")
@graph_option
@with_ontology_option
@click.option("--user", metavar="NAME", help="User for the store; the password is read from the "
              "environment variable BORDERGRAPH_PUSH_PASSWORD.")
@click.option("--auth", type=click.Choice(["auto", "basic", "digest"]), default="auto", show_default=True,
              help="HTTP authentication scheme (auto answers whichever challenge the server sends).")
@click.option("--graph-param", metavar="NAME",
              help="Query parameter naming the graph: 'graph' (W3C) or 'graph-uri' (Virtuoso). "
                   "Default: detected from the URL.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
@click.option("--retries", type=click.IntRange(0, 20), default=3, show_default=True,
              help="Retries per graph on connection errors and 5xx answers (exponential back-off).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True, help="Seconds per request.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@store_option
@_friendly
def push(url: str, graph: tuple[str, ...], with_ontology: bool, user: str | None, auth: str,
         graph_param: str | None, dry_run: bool, retries: int, timeout: float, as_json: bool,
         store: Path) -> None:
    """Load the graph into a SPARQL 1.1 store through the Graph Store HTTP Protocol.

    One PUT per named graph, so pushing again replaces the graphs rather than duplicating them.

    \b
    Example:
      export BORDERGRAPH_PUSH_PASSWORD=dba
      bordergraph push http://127.0.0.1:8890/sparql-graph-crud-auth --user dba
      bordergraph push http://localhost:3030/ds/data --dry-run
    """
    report = api.push(url, graph=graph, with_ontology=with_ontology, user=user, auth=auth,
                      graph_param=graph_param, dry_run=dry_run, retries=retries, timeout=timeout,
                      store=store)
    if as_json:
        click.echo(json.dumps({"endpoint": report.endpoint, "dry_run": report.dry_run,
                               "triples": report.triples, "bytes": report.bytes,
                               "graphs": [g.__dict__ for g in report.graphs]}, indent=2))
        return
    verb = "would PUT" if dry_run else "PUT"
    for g in report.graphs:
        status = "" if g.status is None else f"  -> {g.status} ({g.attempts} attempt{'s' * (g.attempts > 1)})"
        click.echo(f"{verb} {g.graph}  {g.triples} triples, {g.bytes} bytes{status}")
    click.echo(f"{'plan' if dry_run else 'pushed'}: {len(report.graphs)} graph{'s' * (len(report.graphs) != 1)}, {report.triples} triples, "
               f"{report.bytes} bytes to {report.endpoint}")


@main.command("publish-ontology")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to write into.")
@_friendly
def publish_ontology(out: Path) -> None:
    """Write the ontology as Turtle, OWL (RDF/XML), SHACL shapes, a Markdown reference and the JSON-LD context.

    The .owl file is checked to load into owlready2 and give back the same triples.

    \b
    Example:
      bordergraph publish-ontology --out site/ontology
    """
    for kind, path in api.publish_ontology(out=out).items():
        click.echo(f"{kind:<10}{path}")


# --- view, analyze (graph/views.py, graph/analytics.py) ------------------------------------
@main.command()
@click.argument("kind", required=False, type=click.Choice(["network", "ego", "claims", "timeline"]))
@store_option
@click.option("--actor", metavar="NAME", help="Actor of the ego view: a label or alias (case and accents ignored).")
@click.option("--depth", type=click.IntRange(min=1), default=2, show_default=True, help="Ties the ego view reaches.")
@click.option("--query", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE.rq",
              help="Also draw the graph of this CONSTRUCT query.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out/views"), show_default=True,
              help="Folder to write the pages (and index.html) into.")
@click.option("--open", "open_", is_flag=True, help="Open the first page in the browser.")
@_friendly
def view(kind: str | None, store: Path, actor: str | None, depth: int, query: Path | None, out: Path,
         open_: bool) -> None:
    """Write relationship graphs as self-contained HTML pages that work offline.

    Without KIND: the actor network, claims and timeline (or the ego view when --actor is given).
    Hover a node or tie for its evidence sentence; filter by class, article and dates; search.

    \b
    Example:
      bordergraph view
      bordergraph view ego --actor "López Obrador" --depth 2 --open
      bordergraph view --query my-construct.rq
    """
    for page in api.view(kind, store=store, actor=actor, depth=depth, query=query, out=out, open=open_):
        click.echo(str(page))


@main.command()
@store_option
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the full figures as JSON to FILE.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Actors and ties to print.")
@_friendly
def analyze(store: Path, json_path: Path | None, top: int) -> None:
    """Print the network figures behind the views: centrality, communities, strongest ties, components.

    The size column is the node size the actor network draws.

    \b
    Example:
      bordergraph analyze --json out/analysis.json
    """
    result = api.analyze(store=store, json=json_path, top=top)
    click.echo(f"actor network: {result['nodes']} actors, {result['edges']} ties, "
               f"{result['components']['count']} components (sizes {result['components']['sizes'][:10]})")
    click.echo(f"\n{'actor':<40}{'kind':<22}{'degree':>7}{'betweenness':>13}{'size':>7}{'comm.':>6}")
    for a in result["actors"][:top]:
        click.echo(f"{a['label'][:39]:<40}{a['kind']:<22}{a['degree']:>7}{a['betweenness']:>13.4f}"
                   f"{a['size']:>7.1f}{a['community']:>6}")
    click.echo("\ncommunities")
    for c in result["communities"][:top]:
        click.echo(f"  {c['id']:>3} ({c['size']}): {', '.join(c['members'][:8])}{' …' if c['size'] > 8 else ''}")
    click.echo("\nstrongest ties (articles)")
    for t in result["strongest_ties"]:
        click.echo(f"  {t['weight']:>3}  {t['source_label']} — {t['target_label']}  [{', '.join(t['kinds'])}]")
    if json_path:
        click.echo(f"\nwritten: {json_path}")
