"""Queries with bound values, limits, errors, saved queries, the Python API and the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from _fixture import ID, fixture_store
from click.testing import CliRunner
from rdflib import URIRef

import bordergraph
from bordergraph.cli import main
from bordergraph.errors import (
    ParameterError,
    QueryError,
    QuerySyntaxError,
    QueryTimeoutError,
    StoreLockedError,
    StoreMissingError,
)
from bordergraph.graph.knowledge import KnowledgeGraph
from bordergraph.graph.query import run_query
from bordergraph.graph.saved import get_saved, saved_queries

AMLO = ID + "person/andres-manuel-lopez-obrador"
HOSTILE = 'x"} ; DROP ALL ; { <a> \'b\' """c""" \\ INSERT DATA { <s:s> <p:p> <o:o> }'


@pytest.fixture()
def kg():
    return KnowledgeGraph(fixture_store())


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "store"
    fixture_store(path).close()
    return path


# -- binding -----------------------------------------------------------------------------------
def test_hostile_value_is_bound_as_data_and_matches_nothing(kg):
    before = len(kg.store.raw)
    result = kg.query("SELECT DISTINCT ?who ?name WHERE { ?who rdfs:label ?name }", bindings={"name": HOSTILE})
    assert result.kind == "select" and len(result) == 0
    assert len(kg.store.raw) == before  # nothing was dropped or inserted


def test_hostile_value_matches_a_label_that_holds_it(kg):
    label = 'Tester "} ; DROP ALL ; {" <b>bold</b>'
    result = kg.query("SELECT DISTINCT ?who ?name WHERE { ?who rdfs:label ?name }", bindings={"name": label})
    assert result.column("who") == [ID + "person/quote-tester"]
    assert result.column("name") == [label]


def test_iri_bindings_from_rdflib(kg):
    result = kg.query("SELECT DISTINCT ?who ?name WHERE { ?who rdfs:label ?name }", bindings={"who": URIRef(AMLO)})
    assert result.column("name") == ["Andrés Manuel López Obrador"]


def test_binding_a_variable_the_query_does_not_select_is_one_clear_error(kg):
    with pytest.raises(ParameterError, match=r"must select \?name"):
        kg.query("SELECT ?who WHERE { ?who rdfs:label ?name }", bindings={"name": "x"})


# -- limits and errors ---------------------------------------------------------------------------
def test_limit_cuts_rows_and_says_so(kg):
    full = kg.query("SELECT DISTINCT ?s WHERE { ?s a bg:Evidence }")
    cut = kg.query("SELECT DISTINCT ?s WHERE { ?s a bg:Evidence }", limit=2)
    assert len(full) > 2 and not full.truncated
    assert len(cut) == 2 and cut.truncated


def test_timeout_stops_a_slow_query(kg):
    slow = 'SELECT ?a WHERE { ?a ?p ?x . ?b ?q ?y . ?c a ?t FILTER(STR(?y) = CONCAT(STR(?x), "-nope")) }'
    with pytest.raises(QueryTimeoutError, match="time limit"):
        kg.query(slow, timeout=0.2)


@pytest.mark.parametrize("text, match", [
    ("SELECT ?s WHERE { ?s foo:bar ?o }", "unknown prefix 'foo:'"),
    ("SELECT * { ?s x:y ?o }", "unknown prefix 'x:'"),
    ("SELECT ?s WHERE { ?s ?p ", "SPARQL syntax error at 1:"),
])
def test_syntax_errors_are_one_line(kg, text, match):
    with pytest.raises(QuerySyntaxError, match=match) as info:
        kg.query(text)
    assert "\n" not in str(info.value)


def test_predeclared_prefixes_need_no_declaration(kg):
    assert kg.query("ASK { ?c a bg:Claim ; prov:wasDerivedFrom ?a . ?a dcterms:title ?t }").boolean is True


@pytest.mark.parametrize("text", [
    "INSERT DATA { <s:s> <p:p> <o:o> }",
    "PREFIX ex: <http://ex/> DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_updates_and_service_are_refused(kg, text):
    before = len(kg.store.raw)
    with pytest.raises(QueryError):
        kg.query(text)
    assert len(kg.store.raw) == before


def test_the_word_service_inside_a_string_is_fine(kg):
    assert kg.query('ASK { FILTER (CONTAINS("public SERVICE", "SERVICE")) }').boolean is True


# -- serialisation --------------------------------------------------------------------------------
def test_select_serialises_to_every_results_format(kg):
    result = kg.query("SELECT DISTINCT ?name WHERE { ?p a bg:Person ; rdfs:label ?name } ORDER BY ?name")
    names = result.column("name")
    assert "Andrés Manuel López Obrador" in names
    assert [b["name"]["value"] for b in json.loads(result.serialize("json"))["results"]["bindings"]] == names
    assert [r["name"] for r in csv.DictReader(io.StringIO(result.serialize("csv").decode()))] == names
    tsv_rows = result.serialize("tsv").decode().splitlines()
    assert tsv_rows[0] == "?name" and len(tsv_rows) == len(names) + 1
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [e.text for e in ET.fromstring(result.serialize("xml")).findall(".//r:literal", ns)] == names


def test_construct_serialises_to_rdf_and_refuses_results_formats(kg):
    result = kg.construct("CONSTRUCT { ?c bg:claimant ?p } WHERE { ?c a bg:Claim ; bg:claimant ?p }")
    assert len(result.graph()) == len(result) == 2  # duplicates from the union graph removed
    assert b"bg:claimant" in result.serialize("turtle")
    assert json.loads(result.serialize("jsonld"))
    assert result.serialize("nt").count(b"\n") == 2
    with pytest.raises(QueryError, match="does not fit"):
        result.serialize("csv")
    with pytest.raises(QueryError, match="CONSTRUCT or DESCRIBE"):
        kg.construct("SELECT * WHERE { ?s ?p ?o }")


def test_describe_gives_links_in_out_and_evidence(kg):
    g = kg.describe(AMLO).graph()
    subjects = {str(s) for s in g.subjects()}
    assert AMLO in subjects  # links out
    assert ID + "claim/fixture-news-aaa" in subjects  # a link in (the claim's claimant)
    view = kg.resource(AMLO)
    assert "López Obrador" in view.labels
    assert any("denied that fentanyl" in ev["sentence"] for ev in view.evidence)


# -- saved queries ----------------------------------------------------------------------------------
def test_every_saved_query_is_documented_and_parses(kg):
    names = [q.name for q in saved_queries()]
    assert len(names) >= 15
    for q in saved_queries():
        assert q.title and q.question.endswith("?"), q.name
        assert "DISTINCT" in q.sparql, q.name
        params = {p.name: "x" for p in q.params if p.default is None}
        kg.run_saved(q.name, **params)  # raises on a syntax error


def test_saved_query_on_fixture_finds_denial_and_contradiction(kg):
    rows = kg.run_saved("fentanyl-denials").records()
    assert {r["claimantName"] for r in rows} == {"Andrés Manuel López Obrador"}
    assert {r["contradictorName"] for r in rows} == {"Anne Milgram"}
    assert all("denied that fentanyl" in r["sentence"] for r in rows)


def test_saved_query_params_are_bound_not_pasted(kg):
    rows = kg.run_saved("actor-profile", actor="López Obrador").records()
    assert {r["kind"] for r in rows} >= {"https://w3id.org/bordergraph/ontology#Claim",
                                         "https://w3id.org/bordergraph/ontology#Event"}
    sent = []
    real = kg.store.query
    kg.store.query = lambda sparql, **kw: sent.append((sparql, kw)) or real(sparql, **kw)
    assert kg.run_saved("actor-profile", actor=HOSTILE).records() == []
    (text, kw), = sent
    assert text == get_saved("actor-profile").sparql and HOSTILE not in text  # the text is the file's
    assert [t.value for t in kw["substitutions"].values()] == [HOSTILE]  # the value went as a term


def test_saved_query_errors(kg):
    with pytest.raises(ParameterError, match="unknown saved query 'nope'"):
        kg.run_saved("nope")
    with pytest.raises(ParameterError, match="needs --param actor"):
        kg.run_saved("actor-profile")
    with pytest.raises(ParameterError, match="has no parameter 'who'"):
        kg.run_saved("posts", who="x")
    with pytest.raises(ParameterError, match="must be a date"):
        kg.run_saved("timeline", **{"from": "2019"})


def test_typed_parameters_change_the_answer(kg):
    in_2020 = kg.run_saved("timeline", **{"from": "2020-01-01", "to": "2020-12-31"}).column("event")
    in_2023 = kg.run_saved("timeline", **{"from": "2023-01-01", "to": "2023-12-31"}).column("event")
    assert in_2020 == [ID + "event/arrest-222"] and in_2023 == [ID + "event/meeting-111"]


# -- Python API and CLI -------------------------------------------------------------------------
def test_open_missing_store_is_one_clear_error(tmp_path):
    with pytest.raises(StoreMissingError, match="bordergraph build"):
        bordergraph.open(tmp_path / "none")


def test_open_matches_cli(disk_store):
    with bordergraph.open(disk_store) as kg:
        api_rows = kg.run_saved("actor-profile", actor="López Obrador").serialize("csv").decode()
    out = CliRunner().invoke(main, ["query", "--store", str(disk_store), "--saved", "actor-profile",
                                    "--param", "actor=López Obrador", "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert out.output.replace("\r\n", "\n") == api_rows.replace("\r\n", "\n")


def test_cli_table_and_queries_listing(disk_store):
    runner = CliRunner()
    out = runner.invoke(main, ["query", "--store", str(disk_store),
                               "SELECT DISTINCT ?name WHERE { ?p a bg:Person ; rdfs:label ?name }"])
    assert out.exit_code == 0 and "Anne Milgram" in out.output and "5 rows" in out.output
    listing = runner.invoke(main, ["queries"])
    assert listing.exit_code == 0
    for q in saved_queries():
        assert q.name in listing.output


@pytest.mark.parametrize("args, message, code", [
    (["--saved", "nope"], "unknown saved query", 6),
    (["--saved", "actor-profile"], "needs --param actor", 6),
    (["SELECT ?s WHERE { ?s foo:bar ?o }"], "unknown prefix 'foo:'", 6),
    (["--saved", "posts", "--param", "oops"], "--param needs NAME=VALUE", 6),
])
def test_cli_errors_are_one_line(disk_store, args, message, code):
    out = CliRunner().invoke(main, ["query", "--store", str(disk_store), *args])
    assert out.exit_code == code
    assert message in out.output and "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_cli_missing_store(tmp_path):
    out = CliRunner().invoke(main, ["query", "--store", str(tmp_path / "x"), "ASK {}"])
    assert out.exit_code == StoreMissingError.exit_code and "no bordergraph store" in out.output


def test_store_locked_by_another_process_is_one_clear_error(tmp_path):
    from bordergraph.graph.store import GraphStore

    path = tmp_path / "store"
    GraphStore.open(path, create=True).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from bordergraph.graph.store import GraphStore;"
         f"gs = GraphStore.open({str(path)!r}); print('open', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        try:
            with bordergraph.open(path) as kg:  # read-only opening may succeed beside a writer
                assert kg.query("ASK { ?s ?p ?o }").kind == "ask"
        except StoreLockedError as exc:
            assert "in use by another process" in str(exc)
    finally:
        holder.kill()
        holder.wait()


# -- the bundled corpus (needs the extractors; see the report if these fail) -------------------------
@pytest.mark.slow
def test_corpus_lopez_obrador_denied_fentanyl_production(built_store):
    with bordergraph.open(built_store) as kg:
        rows = kg.run_saved("fentanyl-denials").records()
    names = {r["claimantName"] or "" for r in rows}
    assert any("López Obrador" in n for n in names), rows
    assert all(r["sentence"] for r in rows if "López Obrador" in (r["claimantName"] or ""))


@pytest.mark.slow
def test_corpus_actor_profile_of_lopez_obrador(built_store):
    with bordergraph.open(built_store) as kg:
        rows = kg.run_saved("actor-profile", actor="López Obrador").records()
    assert rows and all("López Obrador" in (r["whoName"] or "") or r["who"] for r in rows)
    assert any(r["sentence"] for r in rows)
