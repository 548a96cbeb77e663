"""The build of the bundled articles: what a user relies on in the graph it writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bordergraph
from bordergraph.extract.ingest import read_article
from bordergraph.graph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"

ACTOR_TYPES = "VALUES ?t { bg:Person bg:Organization bg:GovernmentBody bg:CriminalOrganization bg:Country }"


def rows(store: Path, sparql: str) -> list[dict]:
    with GraphStore.open(store, read_only=True) as gs:
        return [{v.value: (s[v].value if s[v] is not None else None) for v in r.variables}
                for r in [gs.query(sparql)] for s in r]


def test_report_counts_what_the_store_holds(built):
    report, store = built
    assert report.articles == 5
    assert report.errors == []
    counts = bordergraph.stats(store=store)
    assert counts["articles"] == 5
    assert counts["actors"] == report.actors > 30
    assert counts["claims"] == report.claims > 20
    assert counts["triples"] == report.triples > 1000
    assert counts["graphs"] == 7  # five articles, entities, inferred


def test_lopez_obrador_is_one_node_with_every_alias(built_store):
    found = rows(built_store, """
        SELECT DISTINCT ?a WHERE { ?a a bg:Person ; skos:altLabel ?l .
          FILTER(CONTAINS(LCASE(STR(?l)), "obrador") || STR(?l) = "AMLO") }""")
    assert len(found) == 1, found
    labels = {r["l"] for r in rows(built_store, f"""
        SELECT DISTINCT ?l WHERE {{ <{found[0]['a']}> rdfs:label|skos:altLabel ?l }}""")}
    assert "AMLO" in labels
    assert "Andrés Manuel López Obrador" in labels
    assert "López Obrador" in labels
    assert "Mexico’s president" in labels  # a role mention resolved through his post
    types = {r["t"] for r in rows(built_store, f"SELECT DISTINCT ?t WHERE {{ <{found[0]['a']}> a ?t }}")}
    assert types == {"https://w3id.org/bordergraph/ontology#Person"}


def test_no_drug_handle_or_wrapped_name_is_an_actor(built_store):
    labels = [r["l"] for r in rows(built_store, f"""
        SELECT DISTINCT ?l WHERE {{ ?a a ?t ; rdfs:label|skos:altLabel ?l . {ACTOR_TYPES} }}""")]
    assert labels
    assert not [l for l in labels if l.lower() in {"fentanyl", "heroin", "cocaine", "twitter"}]
    assert not [l for l in labels if "@" in l or "\n" in l or "http" in l]
    names = [r["l"] for r in rows(built_store, f"""
        SELECT DISTINCT ?l WHERE {{ ?a a ?t ; rdfs:label ?l . {ACTOR_TYPES} }}""")]
    assert not [n for n in names if n.startswith(("the ", "President ", "Secretary ", "U.S. Secretary"))
                or n.endswith(("'s", "’s"))]


def test_every_fact_has_exact_evidence(built_store):
    texts = {p.name: read_article(p).text for p in ARTICLES.iterdir()}
    found = rows(built_store, """
        SELECT DISTINCT ?fact ?sentence ?begin ?end ?file WHERE {
          VALUES ?cls { bg:Claim bg:Event bg:Post bg:Agreement bg:Quantity }
          ?fact a ?cls ; bg:evidence ?e ; prov:wasDerivedFrom ?art .
          ?e bg:sentence ?sentence ; bg:beginIndex ?begin ; bg:endIndex ?end ; bg:inArticle ?art .
          ?art bg:sourceFile ?file }""")
    assert len(found) > 50
    for r in found:
        assert texts[r["file"]][int(r["begin"]):int(r["end"])] == r["sentence"], r["fact"]
    facts = rows(built_store, """
        SELECT DISTINCT ?fact WHERE { VALUES ?cls { bg:Claim bg:Event bg:Post bg:Agreement bg:Quantity }
          ?fact a ?cls FILTER NOT EXISTS { ?fact bg:evidence ?e } }""")
    assert facts == []


def test_every_article_graph_conforms_to_the_shapes(built):
    report, _ = built
    assert report.violations == []


def test_negated_claim_keeps_its_stance(built_store):
    denials = rows(built_store, """
        SELECT DISTINCT ?who ?text WHERE { ?c a bg:Claim ; bg:stance bg:Denies ; bg:claimText ?text ;
          bg:claimant/rdfs:label ?who FILTER(CONTAINS(LCASE(?text), "produced")) }""")
    assert any("López Obrador" in r["who"] for r in denials), denials


def test_rebuilding_gives_the_same_triples(built_store, tmp_path):
    again = tmp_path / "again"
    bordergraph.build([ARTICLES], store=again, validate=False)
    assert _quads(again) == _quads(built_store)


def test_reingesting_one_article_replaces_only_its_graph(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ARTICLES, corpus)
    store = tmp_path / "store"
    bordergraph.build([corpus], store=store, validate=False)
    before = _quads_by_graph(store)
    changed = corpus / "002_18ad60f1979b0c44.txt"
    changed.write_text(changed.read_text(encoding="utf-8")
                       + "\n\nThe Sinaloa Cartel denied that it produces fentanyl, a spokesman said.\n",
                       encoding="utf-8")
    bordergraph.build([changed], store=store, validate=False)
    after = _quads_by_graph(store)
    graph = "https://w3id.org/bordergraph/graph/002-18ad60f1979b0c44"
    assert after[graph] != before[graph]
    for name in before:
        if name not in (graph, "https://w3id.org/bordergraph/graph/entities"):
            assert after[name] == before[name], name
    assert any("spokesman said" in q for q in after[graph])


def test_unreadable_files_are_reported_and_the_rest_builds(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ARTICLES / "002_18ad60f1979b0c44.txt", corpus)
    (corpus / "empty.txt").write_text("")
    (corpus / "latin1.txt").write_bytes("Andr\xe9s said so.".encode("latin-1"))
    report = bordergraph.build([corpus], store=tmp_path / "store", validate=False)
    assert report.articles == 1
    assert len(report.errors) == 2
    assert any("empty.txt" in e for e in report.errors)
    assert any("latin1.txt" in e and "UTF-8" in e for e in report.errors)


def test_nothing_readable_is_one_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_text("  ")
    with pytest.raises(bordergraph.errors.BordergraphError, match="empty.txt"):
        bordergraph.build([tmp_path / "empty.txt"], store=tmp_path / "store")


def _quads(store: Path) -> set[str]:
    with GraphStore.open(store, read_only=True) as gs:
        return {str(q) for q in gs.quads()}


def _quads_by_graph(store: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with GraphStore.open(store, read_only=True) as gs:
        for q in gs.quads():
            out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def test_one_agreement_named_alike_in_two_articles_is_one_node(built_store):
    found = rows(built_store, """
        SELECT ?a (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a bg:Agreement ; rdfs:label ?l } }
        GROUP BY ?a HAVING (COUNT(DISTINCT ?g) > 1)""")
    assert found, "no agreement is shared by two articles"


def test_no_evidence_sentence_spans_two_paragraphs(built_store):
    sentences = [r["s"] for r in rows(built_store, "SELECT DISTINCT ?s WHERE { ?e a bg:Evidence ; bg:sentence ?s }")]
    assert sentences and not [s for s in sentences if "\n\n" in s]


def test_denial_that_fentanyl_is_made_in_mexico_is_contradicted_across_wordings(built_store):
    pairs = rows(built_store, """
        SELECT DISTINCT ?who ?other WHERE {
          ?a bg:contradicts ?b ; bg:stance bg:Denies ; bg:claimant/rdfs:label ?who .
          ?b bg:stance bg:Asserts ; bg:claimant/rdfs:label ?other .
          ?b bg:contradicts ?a }""")
    assert any("López Obrador" in r["who"] for r in pairs), pairs
    assert all(r["who"] != r["other"] for r in pairs)
