"""The SPARQL 1.1 Protocol endpoint, over real HTTP: SPARQLWrapper and plain requests."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from _fixture import ID, LiveServer, fixture_store
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from bordergraph.graph.endpoint import Limits, create_app, negotiate

NAMES = "SELECT DISTINCT ?name WHERE { ?p a bg:Person ; rdfs:label ?name } ORDER BY ?name"
# about 2.5 s on the fixture, and no row until the end (the worker finishes it in the background)
SLOW = 'SELECT ?a WHERE { ?a ?p ?x . ?b ?q ?y . ?c a ?t FILTER(STR(?y) = CONCAT(STR(?x), "-nope")) }'


@pytest.fixture(scope="module")
def store():
    return fixture_store()


@pytest.fixture(scope="module")
def server(store):
    with LiveServer(create_app(store, Limits(timeout=0.5, max_rows=3, max_body=10_000))) as live:
        yield live


@pytest.fixture()
def http(server):
    with httpx.Client(base_url=server.base, timeout=10) as client:
        yield client


def _error(response, status):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body["error"]


# -- an independent client ------------------------------------------------------------------------
def test_sparqlwrapper_select_json_xml_csv(server):
    sw = SPARQLWrapper(server.base + "/sparql")
    sw.setQuery("SELECT DISTINCT ?n WHERE { ?p a bg:Person ; rdfs:label ?n FILTER(STRSTARTS(?n, 'A')) } ORDER BY ?n")
    sw.setReturnFormat(JSON)
    names = [b["n"]["value"] for b in sw.query().convert()["results"]["bindings"]]
    assert names == ["Andrés Manuel López Obrador", "Anne Milgram", "Antony Blinken"]
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert [e.firstChild.data for e in doc.getElementsByTagName("literal")] == names
    sw.setReturnFormat(CSV)
    assert [r["n"] for r in csv.DictReader(io.StringIO(sw.query().convert().decode()))] == names


def test_sparqlwrapper_post_and_construct_turtle(server):
    sw = SPARQLWrapper(server.base + "/sparql")
    sw.setMethod("POST")
    sw.setQuery("CONSTRUCT { ?c bg:claimant ?p } WHERE { ?c a bg:Claim ; bg:claimant ?p }")
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) == 2


def test_sparqlwrapper_ask(server):
    sw = SPARQLWrapper(server.base + "/sparql")
    sw.setQuery("ASK { ?c bg:stance bg:Denies }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True


# -- plain HTTP ------------------------------------------------------------------------------------
@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_content_negotiation(http, accept, media):
    r = http.get("/sparql", params={"query": "ASK { ?s a bg:Claim }"}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
])
def test_graph_content_negotiation(http, accept, fmt):
    r = http.post("/sparql", content=f"DESCRIBE <{ID}person/anne-milgram>",
                  headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = Graph().parse(data=r.text, format=fmt)
    assert len(g) > 0


def test_form_post_with_bound_parameter(http):
    r = http.post("/sparql", data={"query": "SELECT DISTINCT ?who ?name WHERE { ?who rdfs:label ?name }",
                                   "$name": '"Anne Milgram"'}, headers={"Accept": "application/sparql-results+json"})
    rows = r.json()["results"]["bindings"]
    assert [b["who"]["value"] for b in rows] == [ID + "person/anne-milgram"]


def test_hostile_parameter_is_data(http, store):
    before = len(store.raw)
    for value in ['x"} ; DROP ALL ; {', '"x\\"} ; DROP ALL ; {"', "<http://x> } ; DROP ALL ; {"]:
        r = http.post("/sparql", data={"query": "SELECT ?name WHERE { ?w rdfs:label ?name }", "$name": value})
        if r.status_code == 200:
            assert r.json()["results"]["bindings"] == []
        else:
            _error(r, 400)
    assert len(store.raw) == before


def test_result_size_limit_is_reported(http):
    r = http.get("/sparql", params={"query": NAMES}, headers={"Accept": "application/sparql-results+json"})
    assert len(r.json()["results"]["bindings"]) == 3
    assert r.headers["X-Bordergraph-Truncated"] == "true"


def test_time_limit_gives_503(http):
    assert "time limit" in _error(http.get("/sparql", params={"query": SLOW}), 503)


def test_malformed_query_gives_400_with_parser_message(http):
    assert "syntax error at 1:" in _error(http.get("/sparql", params={"query": "SELECT ?s WHERE { ?s"}), 400)
    assert "unknown prefix 'nope:'" in _error(http.get("/sparql", params={"query": "SELECT * { ?s nope:x ?o }"}), 400)


@pytest.mark.parametrize("request_kw", [
    {"data": {"update": "INSERT DATA { <s:s> <p:p> <o:o> }"}},
    {"data": {"query": "DROP ALL"}},
    {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"content": "INSERT DATA { <s:s> <p:p> <o:o> }", "headers": {"Content-Type": "application/sparql-query"}},
])
def test_updates_are_refused(http, store, request_kw):
    before = len(store.raw)
    assert "read-only" in _error(http.post("/sparql", **request_kw), 403)
    assert len(store.raw) == before


def test_protocol_errors(http):
    assert "unsupported media type" in _error(http.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}), 415)
    assert "exactly one" in _error(http.get("/sparql"), 400)
    assert "exactly one" in _error(http.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400)
    assert "over" in _error(http.post("/sparql", data={"query": "ASK {}" + " " * 20_000}), 413)
    assert "SERVICE" in _error(http.get("/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}), 400)
    assert _error(http.get("/nothing-here"), 404)
    assert _error(http.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}), 406)


def test_dataset_parameters_restrict_the_default_graph(http):
    query = {"query": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a bg:Claim }"}
    count = lambda extra: int(http.get("/sparql", params={**query, **extra}).json()["results"]["bindings"][0]["n"]["value"])
    assert count({}) == 2
    assert count({"default-graph-uri": "https://w3id.org/bordergraph/graph/fixture-oped"}) == 0
    assert count({"default-graph-uri": "https://w3id.org/bordergraph/graph/fixture-news"}) == 2


def test_binds_localhost_by_default():
    import inspect

    from bordergraph.graph import endpoint

    assert inspect.signature(endpoint.serve).parameters["host"].default == "127.0.0.1"


def test_negotiate_prefers_q_values():
    offers = {"text/csv": "csv", "application/sparql-results+json": "json"}
    assert negotiate("text/csv;q=0.2, application/sparql-results+json", offers, "json") == "json"
    assert negotiate("text/*", offers, "json") == "csv"
    assert negotiate("image/png", offers, "json") is None


# -- pages ----------------------------------------------------------------------------------------
def test_resource_page_escapes_article_text(http):
    r = http.get("/resource", params={"iri": ID + "article/fixture-news"})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    r = http.get("/resource", params={"iri": ID + "person/andres-manuel-lopez-obrador"})
    assert "López Obrador denied that fentanyl is produced in Mexico &lt;i&gt;at all&lt;/i&gt;." in r.text
    assert "/resource?iri=https%3A%2F%2Fw3id.org%2Fbordergraph%2Fid%2Fclaim%2Ffixture-news-aaa" in r.text


def test_query_page_is_local_only(http):
    r = http.get("/")
    assert r.status_code == 200
    assert 'src="http' not in r.text and 'href="http' not in r.text
    saved = json.loads(r.text.split('type="application/json">', 1)[1].split("</script>", 1)[0])
    assert "fentanyl-denials" in {q["name"] for q in saved}
    for path in ("/static/yasgui/yasgui.min.js", "/static/yasgui/yasgui.min.css", "/static/bordergraph.js"):
        assert http.get(path).status_code == 200
