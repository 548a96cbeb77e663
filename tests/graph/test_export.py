"""Exports: every registered format round-trips, output is deterministic, and real parsers agree.

Round trips are generated from the format registry (a new format is tested without a new test)
and run on a small fixture dataset carrying accents, quotes, line breaks and language tags;
the bundled corpus is exported once more at the end.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

import fixture_data
from bordergraph.errors import ExportError
from bordergraph.graph import export as ex
from bordergraph.graph.store import GraphStore
from bordergraph.ontology import ONTOLOGY_PATH
from bordergraph.ontology.namespaces import ENTITIES_GRAPH, ONTOLOGY_GRAPH, PREFIXES

RDF_FORMATS = sorted({f.name for f in ex.FORMATS.values() if f.kind in ("triples", "quads")})
ALL_FORMATS = sorted({f.name for f in ex.FORMATS.values()})
OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
             "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
RAPPER_SYNTAX = {"turtle": "turtle", "nt": "ntriples", "xml": "rdfxml", "nquads": "nquads", "trig": "trig"}
VOID = Namespace("http://rdfs.org/ns/void#")


def _store(reverse: bool = False) -> GraphStore:
    gs = GraphStore.open(None)
    if reverse:  # the same data written in another order must export the same bytes
        gs.replace_graph(fixture_data.EXTRA_GRAPH, fixture_data.extra_graph())
        from bordergraph.graph.load import write_extractions

        for e in reversed(fixture_data.extractions()):
            write_extractions(gs, [e], validate=False)
    else:
        fixture_data.fill(gs)
    return gs


@pytest.fixture(scope="module")
def store() -> GraphStore:
    return _store()


def _out(tmp_path, name: str):
    fmt = ex.get_format(name)
    return tmp_path / (f"kg{fmt.extension}" if fmt.extension else "kg")


def _parse(path, name: str) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=OX_FORMAT[name]))


def _store_quads(gs: GraphStore) -> set[ox.Quad]:
    return {q for q in gs.quads() if q.graph_name != ox.NamedNode(str(ONTOLOGY_GRAPH))}


# -- the registry -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL_FORMATS)
def test_every_format_is_found_by_each_name_and_media_type(name):
    fmt = ex.get_format(name)
    assert {ex.get_format(n).name for n in (*fmt.names, fmt.media_type, fmt.media_type.upper())} == {name}


def test_unknown_format_names_the_choices():
    with pytest.raises(ExportError, match="nquads"):
        ex.get_format("rdf-star-json")


# -- round trips --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", RDF_FORMATS)
def test_rdf_export_round_trips_every_statement(store, tmp_path, name):
    path = _out(tmp_path, name)
    report = ex.export(store, name, path)
    back = _parse(path, name)
    expected = _store_quads(store)
    if ex.get_format(name).kind == "quads":
        assert back == expected
    else:
        assert {q.triple for q in back} == {q.triple for q in expected}
    assert report.triples == len({q.triple for q in expected})


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_accents_quotes_newlines_and_language_tags_survive(store, tmp_path, name):
    path = _out(tmp_path, name)
    ex.export(store, name, path)
    objects = {q.object for q in _parse(path, name)}
    subjects = {q.subject for q in _parse(path, name)}
    assert ox.Literal(fixture_data.QUOTE_SENTENCE) in objects
    assert ox.Literal("Cártel de Sinaloa", language="es") in objects
    assert ox.Literal("Alicia Bárcena") in objects
    assert ox.NamedNode(str(fixture_data.ACCENTED_IRI)) in subjects


@pytest.mark.parametrize("name", ALL_FORMATS)
def test_export_is_byte_identical_whatever_the_write_order(tmp_path, name):
    first, second = tmp_path / "a", tmp_path / "b"
    ex.export(_store(), name, _out(first, name))
    ex.export(_store(reverse=True), name, _out(second, name))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files, "nothing written"
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


@pytest.mark.parametrize("name", sorted(RAPPER_SYNTAX))
def test_rapper_parses_export_without_errors(store, tmp_path, name):
    if shutil.which("rapper") is None:
        pytest.skip("rapper not installed (apt-get install raptor2-utils)")
    path = _out(tmp_path, name)
    ex.export(store, name, path)
    run = subprocess.run(["rapper", "-i", RAPPER_SYNTAX[name], "-c", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "error" not in run.stderr.lower() and "warning" not in run.stderr.lower(), run.stderr
    expected = len(_parse(path, name))
    assert f"returned {expected} triples" in run.stderr


# -- selection ------------------------------------------------------------------------------------
def test_graph_option_picks_named_graphs(store, tmp_path):
    path = tmp_path / "entities.nq"
    report = ex.export(store, "nquads", path, graphs=["entities"])
    back = _parse(path, "nquads")
    assert report.graphs == [str(ENTITIES_GRAPH)]
    assert back == set(store.quads(str(ENTITIES_GRAPH)))


def test_unknown_graph_is_an_export_error(store, tmp_path):
    with pytest.raises(ExportError, match="no named graph"):
        ex.export(store, "nquads", tmp_path / "x.nq", graphs=["no-such-article"])


def test_with_ontology_adds_the_ontology_graph_deterministically(store, tmp_path):
    a, b = tmp_path / "a.trig", tmp_path / "b.trig"
    ex.export(store, "trig", a, with_ontology=True)
    ex.export(store, "trig", b, with_ontology=True)
    assert a.read_bytes() == b.read_bytes()  # the ontology's blank nodes get canonical labels
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    in_export = Graph()
    in_export.parse(data=ox.serialize([q.triple for q in _parse(a, "trig") if q.graph_name == onto],
                                      format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    assert isomorphic(in_export, Graph().parse(ONTOLOGY_PATH))


# -- JSON-LD context and VoID ---------------------------------------------------------------------
def test_jsonld_uses_the_published_context(store, tmp_path):
    published = json.loads(ex.CONTEXT_PATH.read_text(encoding="utf-8"))
    assert published == ex.jsonld_context(), "graph/static/context.jsonld is stale: regenerate it"
    assert set(PREFIXES.items()) <= set(published["@context"].items())
    path = tmp_path / "kg.jsonld"
    ex.export(store, "jsonld", path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"]


def test_void_describes_the_export(store, tmp_path):
    path = tmp_path / "kg.nq"
    report = ex.export(store, "nquads", path)
    void = Graph().parse(report.void, format="turtle", publicID=Path(report.void).as_uri())
    ds = next(void.subjects(VOID.dataDump, URIRef(path.as_uri())))
    assert int(void.value(ds, VOID.triples)) == len({q.triple for q in _store_quads(store)})
    counts = {str(void.value(sub, URIRef("http://www.w3.org/ns/sparql-service-description#name"))):
              int(void.value(sub, VOID.triples)) for sub in void.objects(ds, VOID.subset)}
    assert counts == {g: sum(1 for _ in store.quads(g)) for g in store.graphs()}
    sources = set(void.objects(ds, URIRef("http://purl.org/dc/terms/source")))
    assert {URIRef(f"https://w3id.org/bordergraph/id/article/{e.article.slug}")
            for e in fixture_data.extractions()} == sources
    persons = [p for p in void.objects(ds, VOID.classPartition)
               if void.value(p, VOID["class"]) == URIRef(PREFIXES["bg"] + "Person")]
    assert int(void.value(persons[0], VOID.entities)) == 3


# -- property graphs -------------------------------------------------------------------------------
def test_graphml_loads_in_networkx_with_labels_and_edges(store, tmp_path):
    path = tmp_path / "kg.graphml"
    ex.export(store, "graphml", path)
    g = nx.read_graphml(path)
    barcena = g.nodes["https://w3id.org/bordergraph/id/person/alicia-barcena"]
    assert barcena["label"] == "Alicia Bárcena" and barcena["labels"] == "Person"
    holders = [(s, t) for s, t, d in g.edges(data=True) if d["type"] == "holder"]
    assert holders == [(s, "https://w3id.org/bordergraph/id/person/alicia-barcena") for s, _ in holders]
    assert len(holders) == 1
    sentences = {d.get("sentence") for _, d in g.nodes(data=True)}
    assert fixture_data.QUOTE_SENTENCE in sentences


def test_neo4j_csv_pair_is_consistent(store, tmp_path):
    ex.export(store, "neo4j-csv", tmp_path / "neo4j")
    with (tmp_path / "neo4j" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (tmp_path / "neo4j" / "relationships.csv").open(encoding="utf-8", newline="") as fh:
        rels = list(csv.DictReader(fh))
    ids = {n["iri:ID"] for n in nodes}
    assert len(ids) == len(nodes)
    assert rels and all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    assert fixture_data.QUOTE_SENTENCE in {n["sentence:string"] for n in nodes}
    amlo = next(n for n in nodes if n["iri:ID"].endswith("/andres-manuel-lopez-obrador"))
    assert "Person" in amlo[":LABEL"].split(";")
    assert (tmp_path / "neo4j" / "void.ttl").exists()


def test_neo4j_csv_needs_a_folder(store):
    with pytest.raises(ExportError, match="folder"):
        ex.export(store, "neo4j-csv", None)


# -- through the CLI and the API ----------------------------------------------------------------
@pytest.fixture(scope="module")
def fixture_store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("fx") / "store"
    with GraphStore.open(path, create=True) as gs:
        fixture_data.fill(gs)
    return path


def test_cli_export_to_stdout(fixture_store_path, store):
    from bordergraph.cli import main

    result = CliRunner().invoke(main, ["export", "--format", "nt", "--store", str(fixture_store_path)])
    assert result.exit_code == 0, result.output
    back = {q.triple for q in ox.parse(result.stdout_bytes, format=ox.RdfFormat.N_TRIPLES)}
    assert back == {q.triple for q in _store_quads(store)}


def test_cli_export_errors_are_one_line(fixture_store_path, tmp_path):
    from bordergraph.cli import main

    result = CliRunner().invoke(main, ["export", "-f", "neo4j-csv", "--store", str(fixture_store_path)])
    assert result.exit_code == ExportError.exit_code
    assert "give a folder with --out" in result.output


def test_api_export_selects_graphs_and_writes_void(fixture_store_path, tmp_path):
    import bordergraph

    report = bordergraph.export(format="ttl", graph=["fx-one"], out=tmp_path / "one.ttl",
                                store=fixture_store_path)
    assert report.graphs == ["https://w3id.org/bordergraph/graph/fx-one"]
    g = Graph().parse(tmp_path / "one.ttl")
    assert (None, None, Literal(fixture_data.QUOTE_SENTENCE)) in g
    assert not list(g.triples((None, None, Literal("The Sinaloa Cartel was named by the United States."))))
    assert (tmp_path / "one.ttl.void.ttl").exists()


# -- the bundled corpus ---------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", RDF_FORMATS)
def test_bundled_graph_exports_every_quad(built_store, tmp_path, name):
    with GraphStore.open(built_store, read_only=True) as gs:
        expected = _store_quads(gs)
        ex.export(gs, name, _out(tmp_path, name))
    back = _parse(_out(tmp_path, name), name)
    if ex.get_format(name).kind == "quads":
        assert back == expected
    else:
        assert {q.triple for q in back} == {q.triple for q in expected}
