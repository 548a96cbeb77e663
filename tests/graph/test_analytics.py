"""networkx projections and figures on a small hand-written graph that follows the data contract.

The fixture (``VIEWS_TRIG``, also used by test_views.py) has two articles; a tie seen in both;
a negated meeting that must not become a tie; a post, an agreement, three claims with
contradicts/supports; and an actor whose label is an HTML/script injection attempt.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from bordergraph.errors import ParameterError, QueryError, QuerySyntaxError
from bordergraph.graph import analytics as an
from bordergraph.graph.store import GraphStore

ID = "https://w3id.org/bordergraph/id/"
AMLO, BIDEN, BLINKEN = ID + "person/andres-manuel-lopez-obrador", ID + "person/joe-biden", ID + "person/antony-blinken"
OVIDIO, XSS = ID + "person/ovidio-guzman", ID + "organization/evil"
MEXICO, US, SINALOA = ID + "country/mexico", ID + "country/united-states", ID + "criminal-organization/sinaloa-cartel"
A1, A2 = ID + "article/a1", ID + "article/a2"
XSS_LABEL = '<script>alert(1)</script> "The Firm"'

VIEWS_TRIG = r"""
@prefix bg: <https://w3id.org/bordergraph/ontology#> .
@prefix id: <https://w3id.org/bordergraph/id/> .
@prefix g: <https://w3id.org/bordergraph/graph/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

g:entities {
  <https://w3id.org/bordergraph/id/person/andres-manuel-lopez-obrador> a bg:Person ;
      rdfs:label "Andrés Manuel López Obrador" ; skos:altLabel "López Obrador", "AMLO" .
  <https://w3id.org/bordergraph/id/person/joe-biden> a bg:Person ; rdfs:label "Joe Biden" ; skos:altLabel "Biden" .
  <https://w3id.org/bordergraph/id/person/antony-blinken> a bg:Person ; rdfs:label "Antony Blinken" .
  <https://w3id.org/bordergraph/id/person/ovidio-guzman> a bg:Person ; rdfs:label "Ovidio Guzmán" .
  <https://w3id.org/bordergraph/id/country/mexico> a bg:Country ; rdfs:label "Mexico" .
  <https://w3id.org/bordergraph/id/country/united-states> a bg:Country ; rdfs:label "United States" ; skos:altLabel "U.S." .
  <https://w3id.org/bordergraph/id/criminal-organization/sinaloa-cartel> a bg:CriminalOrganization ; rdfs:label "Sinaloa Cartel" .
  <https://w3id.org/bordergraph/id/organization/evil> a bg:Organization ;
      rdfs:label "<script>alert(1)</script> \"The Firm\"" ;
      skos:altLabel "<img src=x onerror=\"window.__pwned=1\">" .
}

g:a1 {
  id:article\/a1 a bg:Article ; dcterms:title "Talks in Mexico City" ; bg:sourceFile "a1.txt" .
  <https://w3id.org/bordergraph/id/person/andres-manuel-lopez-obrador> a bg:Person ; bg:mentionedIn id:article\/a1 .
  <https://w3id.org/bordergraph/id/person/joe-biden> a bg:Person ; bg:mentionedIn id:article\/a1 .
  <https://w3id.org/bordergraph/id/person/antony-blinken> a bg:Person ; bg:mentionedIn id:article\/a1 .
  <https://w3id.org/bordergraph/id/person/ovidio-guzman> a bg:Person ; bg:mentionedIn id:article\/a1 .
  <https://w3id.org/bordergraph/id/country/mexico> a bg:Country ; bg:mentionedIn id:article\/a1 .
  <https://w3id.org/bordergraph/id/country/united-states> a bg:Country ; bg:mentionedIn id:article\/a1 .
  <https://w3id.org/bordergraph/id/criminal-organization/sinaloa-cartel> a bg:CriminalOrganization ; bg:mentionedIn id:article\/a1 .
  <https://w3id.org/bordergraph/id/organization/evil> a bg:Organization ; bg:mentionedIn id:article\/a1 ;
      bg:evidence id:evidence\/x0 .
  id:evidence\/x0 a bg:Evidence ; bg:inArticle id:article\/a1 ;
      bg:sentence "The firm <script>window.__pwned = true</script> said \"nothing\"." .

  id:event\/meeting-2023 a bg:Event ; rdfs:label "security dialogue" ; bg:eventType bg:Meeting ;
      bg:date "2023-10-05"^^xsd:date ; bg:factuality bg:Asserted ; prov:wasDerivedFrom id:article\/a1 ;
      bg:participant <https://w3id.org/bordergraph/id/person/andres-manuel-lopez-obrador>,
                     <https://w3id.org/bordergraph/id/person/joe-biden>,
                     <https://w3id.org/bordergraph/id/person/antony-blinken> ;
      bg:evidence id:evidence\/e1 .
  id:evidence\/e1 a bg:Evidence ; bg:inArticle id:article\/a1 ;
      bg:sentence "López Obrador met Biden and Blinken in Mexico City on Oct. 5." .

  id:event\/extradition a bg:Event ; rdfs:label "extradition of Ovidio Guzmán" ; bg:eventType bg:Extradition ;
      bg:date "2023-09-15"^^xsd:date ; bg:factuality bg:Asserted ; prov:wasDerivedFrom id:article\/a1 ;
      bg:agent <https://w3id.org/bordergraph/id/country/mexico> ; bg:target <https://w3id.org/bordergraph/id/person/ovidio-guzman> ;
      bg:participant <https://w3id.org/bordergraph/id/country/mexico>, <https://w3id.org/bordergraph/id/person/ovidio-guzman> ;
      bg:evidence id:evidence\/e2 .
  id:evidence\/e2 a bg:Evidence ; bg:inArticle id:article\/a1 ; bg:sentence "Mexico extradited Ovidio Guzmán in September." .

  id:event\/never a bg:Event ; rdfs:label "meeting that never happened" ; bg:eventType bg:Meeting ;
      bg:date "2022-01-01"^^xsd:date ; bg:factuality bg:Negated ; prov:wasDerivedFrom id:article\/a1 ;
      bg:participant <https://w3id.org/bordergraph/id/person/joe-biden>, <https://w3id.org/bordergraph/id/criminal-organization/sinaloa-cartel> ;
      bg:evidence id:evidence\/e3 .
  id:evidence\/e3 a bg:Evidence ; bg:inArticle id:article\/a1 ; bg:sentence "Biden never met the Sinaloa Cartel." .

  id:post\/blinken a bg:Post ; bg:holder <https://w3id.org/bordergraph/id/person/antony-blinken> ; bg:role "Secretary of State" ;
      bg:postIn <https://w3id.org/bordergraph/id/country/united-states> ; bg:former false ; prov:wasDerivedFrom id:article\/a1 ;
      bg:evidence id:evidence\/e4 .
  id:evidence\/e4 a bg:Evidence ; bg:inArticle id:article\/a1 ; bg:sentence "Secretary of State Antony Blinken arrived." .

  id:claim\/c2 a bg:Claim ; bg:claimant <https://w3id.org/bordergraph/id/person/antony-blinken> ; bg:stance bg:Asserts ;
      bg:claimText "fentanyl is produced in Mexico" ; bg:about <https://w3id.org/bordergraph/id/country/mexico> ;
      bg:contradicts id:claim\/c1 ; prov:wasDerivedFrom id:article\/a1 ; bg:evidence id:evidence\/e5 .
  id:evidence\/e5 a bg:Evidence ; bg:inArticle id:article\/a1 ; bg:sentence "Blinken said fentanyl is produced in Mexico." .

  id:claim\/c3 a bg:Claim ; bg:claimant <https://w3id.org/bordergraph/id/organization/evil> ; bg:stance bg:Asserts ;
      bg:claimText "the cartel <b>runs</b> the labs" ; bg:about <https://w3id.org/bordergraph/id/criminal-organization/sinaloa-cartel> ;
      bg:supports id:claim\/c2 ; prov:wasDerivedFrom id:article\/a1 ; bg:evidence id:evidence\/e6 .
  id:evidence\/e6 a bg:Evidence ; bg:inArticle id:article\/a1 ; bg:sentence "The firm said the cartel runs the labs." .
}

g:a2 {
  id:article\/a2 a bg:Article ; dcterms:title "An opinion on the Bicentennial Framework" ; bg:sourceFile "a2.md" .
  <https://w3id.org/bordergraph/id/person/andres-manuel-lopez-obrador> a bg:Person ; bg:mentionedIn id:article\/a2 .
  <https://w3id.org/bordergraph/id/person/antony-blinken> a bg:Person ; bg:mentionedIn id:article\/a2 .
  <https://w3id.org/bordergraph/id/country/mexico> a bg:Country ; bg:mentionedIn id:article\/a2 .
  <https://w3id.org/bordergraph/id/country/united-states> a bg:Country ; bg:mentionedIn id:article\/a2 .

  id:event\/meeting-2021 a bg:Event ; rdfs:label "meeting at the National Palace" ; bg:eventType bg:Meeting ;
      bg:date "2021-10-08"^^xsd:date ; bg:factuality bg:Asserted ; prov:wasDerivedFrom id:article\/a2 ;
      bg:participant <https://w3id.org/bordergraph/id/person/andres-manuel-lopez-obrador>, <https://w3id.org/bordergraph/id/person/antony-blinken> ;
      bg:evidence id:evidence\/e7 .
  id:evidence\/e7 a bg:Evidence ; bg:inArticle id:article\/a2 ; bg:sentence "Blinken met López Obrador at the National Palace." .

  id:agreement\/bicentennial-framework a bg:Agreement ; rdfs:label "Bicentennial Framework" ;
      bg:party <https://w3id.org/bordergraph/id/country/mexico>, <https://w3id.org/bordergraph/id/country/united-states> ;
      bg:date "2021-10-08"^^xsd:date ; prov:wasDerivedFrom id:article\/a2 ; bg:evidence id:evidence\/e8 .
  id:evidence\/e8 a bg:Evidence ; bg:inArticle id:article\/a2 ; bg:sentence "The two countries signed the Bicentennial Framework." .

  id:claim\/c1 a bg:Claim ; bg:claimant <https://w3id.org/bordergraph/id/person/andres-manuel-lopez-obrador> ; bg:stance bg:Denies ;
      bg:claimText "fentanyl is produced in Mexico" ; bg:about <https://w3id.org/bordergraph/id/country/mexico> ;
      bg:contradicts id:claim\/c2 ; prov:wasDerivedFrom id:article\/a2 ; bg:evidence id:evidence\/e9 .
  id:evidence\/e9 a bg:Evidence ; bg:inArticle id:article\/a2 ; bg:sentence "López Obrador denied that fentanyl is made in Mexico." .
}
"""


def views_store() -> GraphStore:
    """The fixture in an in-memory store."""
    gs = GraphStore.open(None)
    gs.raw.load(VIEWS_TRIG.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return gs


@pytest.fixture(scope="module")
def store() -> GraphStore:
    return views_store()


@pytest.fixture(scope="module")
def facts(store) -> an.Facts:
    return an.read_facts(store)


def test_actor_graph_ties_come_from_asserted_facts_only(facts):
    G = an.actor_graph(facts)
    assert set(G) == {AMLO, BIDEN, BLINKEN, OVIDIO, XSS, MEXICO, US, SINALOA}
    assert G.has_edge(AMLO, BIDEN) and G.has_edge(MEXICO, OVIDIO)     # events
    assert "post" in G.edges[BLINKEN, US]["kinds"]                    # post
    assert "agreement" in G.edges[MEXICO, US]["kinds"]                # agreement parties
    assert "claim" in G.edges[AMLO, MEXICO]["kinds"]                  # claim about
    assert not G.has_edge(BIDEN, SINALOA)                             # the negated meeting
    assert G.number_of_edges() == 9


def test_edge_weight_counts_supporting_articles_and_keeps_evidence(facts):
    G = an.actor_graph(facts)
    tie = G.edges[AMLO, BLINKEN]
    assert tie["weight"] == 2 and tie["articles"] == [A1, A2]
    assert {e["sentence"] for e in tie["evidence"]} >= {
        "López Obrador met Biden and Blinken in Mexico City on Oct. 5.",
        "Blinken met López Obrador at the National Palace."}
    assert tie["dates"] == ["2021-10-08", "2023-10-05"]
    assert G.edges[AMLO, BIDEN]["weight"] == 1


def test_union_graph_does_not_double_count(facts):
    # actors are typed in the entities graph and again in each article graph
    assert facts.actors[AMLO]["aliases"] == ["AMLO", "López Obrador"]
    assert facts.actors[AMLO]["articles"] == [A1, A2]
    assert len(facts.evidence[ID + "event/meeting-2023"]) == 1


def test_figures_are_consistent_and_deterministic(facts):
    G = an.actor_graph(facts)
    first = an.analyze_graph(G)
    assert json.dumps(first) == json.dumps(an.analyze_graph(an.actor_graph(an.read_facts(views_store()))))
    by_iri = {a["iri"]: a for a in first["actors"]}
    assert by_iri[BLINKEN]["degree"] == 4 and first["actors"][0]["iri"] in (BLINKEN, AMLO, MEXICO)
    # size grows with degree centrality; the top actor gets the largest size
    top = max(first["actors"], key=lambda a: a["degree_centrality"])
    assert top["size"] == max(a["size"] for a in first["actors"])
    assert by_iri[XSS]["size"] < by_iri[BLINKEN]["size"]
    # Mexico bridges Ovidio Guzmán to everyone else
    assert by_iri[MEXICO]["betweenness"] > 0 and by_iri[OVIDIO]["betweenness"] == 0
    assert first["components"] == {"count": 2, "sizes": [6, 2], "largest": sorted(
        [G.nodes[n]["label"] for n in (AMLO, BIDEN, BLINKEN, OVIDIO, MEXICO, US)])}
    assert first["strongest_ties"][0]["weight"] == 2
    assert {first["strongest_ties"][0]["source"], first["strongest_ties"][0]["target"]} == {AMLO, BLINKEN}
    members = [m for c in first["communities"] for m in c["members"]]
    assert sorted(members) == sorted(G.nodes[n]["label"] for n in G)


def test_claims_graph_draws_contradiction_once_and_support(facts):
    G = an.claims_graph(facts)
    kinds = sorted(d["kind"] for _, _, d in G.edges(data=True))
    assert kinds.count("contradicts") == 1 and kinds.count("supports") == 1
    assert kinds.count("denies") == 1 and kinds.count("asserts") == 2 and kinds.count("about") == 3
    assert G.nodes[ID + "claim/c1"]["stance"] == "Denies"


def test_timeline_is_in_date_order_and_leaves_out_negated_events(facts):
    rows = an.timeline_rows(facts)
    assert [r["date"] for r in rows] == ["2021-10-08", "2023-09-15", "2023-10-05"]
    assert {p["role"] for p in rows[1]["participants"]} == {"agent", "target"}
    assert len(an.timeline_rows(facts, all_factualities=True)) == 4


@pytest.mark.parametrize("name", ["López Obrador", "lopez obrador", "AMLO", "andres manuel lopez obrador",
                                  "ANDRÉS MANUEL LÓPEZ OBRADOR"])
def test_resolve_actor_by_label_or_alias_accent_and_case_insensitive(store, facts, name):
    assert an.resolve_actor(store, facts, name) == AMLO


def test_resolve_actor_unknown_lists_close_matches(store, facts):
    with pytest.raises(ParameterError) as err:
        an.resolve_actor(store, facts, "Lopez Obradro")
    assert "Andrés Manuel López Obrador" in str(err.value) and "\n" not in str(err.value)


def test_resolve_actor_treats_the_name_as_data(store, facts):
    with pytest.raises(ParameterError):
        an.resolve_actor(store, facts, '") } ; DROP ALL ; { ("')
    assert an.resolve_actor(store, facts, XSS_LABEL) == XSS


def test_construct_graph_turns_triples_into_nodes_and_edges(store):
    G = an.construct_graph(store, """CONSTRUCT { ?e bg:participant ?a . ?a rdfs:label ?l . ?a a ?t }
        WHERE { ?e a bg:Event ; bg:factuality bg:Asserted ; bg:participant ?a . ?a rdfs:label ?l ; a ?t }""")
    assert G.nodes[AMLO]["label"] == "Andrés Manuel López Obrador" and G.nodes[AMLO]["kind"] == "Person"
    assert G.number_of_edges() == 7   # 3 + 2 + 2 participants, each triple once despite the union graph
    with pytest.raises(QueryError, match="CONSTRUCT"):
        an.construct_graph(store, "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QuerySyntaxError):
        an.construct_graph(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ")


def test_spring_positions_are_seeded_and_spread_large_graphs():
    import networkx as nx

    G = nx.barabasi_albert_graph(700, 2, seed=1)
    a, b = an.spring_positions(G), an.spring_positions(G)
    assert a == b and len(a) == 700
    xs = sorted(p[0] for p in a.values())
    assert xs[-1] - xs[0] > 500    # spread over the canvas, not collapsed to a point
    close = sum(1 for u in G for v in G if u < v and abs(a[u][0] - a[v][0]) + abs(a[u][1] - a[v][1]) < 1e-3)
    assert close < 10


@pytest.mark.slow
def test_real_built_store_gives_a_consistent_analysis(built_store):
    with GraphStore.open(built_store, read_only=True) as gs:
        f = an.read_facts(gs)
        n_actors = int(next(iter(gs.query("""SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
            VALUES ?t { bg:Person bg:Organization bg:GovernmentBody bg:CriminalOrganization bg:Country } ?a a ?t }""")))["n"].value)
    G = an.actor_graph(f)
    result = an.analyze_graph(G)
    assert result["nodes"] == n_actors > 0
    assert sum(result["components"]["sizes"]) == n_actors
    for a, b, d in G.edges(data=True):
        assert d["weight"] == len(d["articles"]) >= 1 and d["evidence"]
