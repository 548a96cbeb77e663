"""Incremental builds: adding one article adds its named graph, merges its actors into the
existing nodes, leaves every other article's graph untouched, and ends with exactly the graph
a from-scratch build of all the articles gives.
"""

from __future__ import annotations

import pytest

import fixture_data
from bordergraph.graph.infer import INFERRED_GRAPH
from bordergraph.graph.load import write_extractions
from bordergraph.graph.store import GraphStore
from bordergraph.ontology.namespaces import ENTITIES_GRAPH


def _quads(gs: GraphStore, graph: str | None = None) -> set:
    return set(gs.quads(graph))


def test_records_added_one_article_at_a_time_equal_a_build_of_all():
    first, rest = fixture_data.extractions()[0], fixture_data.extractions()[1:]
    step = GraphStore.open(None)
    write_extractions(step, [first], validate=False)
    graphs_before = {g: _quads(step, g) for g in step.graphs() if g != str(ENTITIES_GRAPH)}
    write_extractions(step, rest, validate=False)

    scratch = GraphStore.open(None)
    write_extractions(scratch, fixture_data.extractions(), validate=False)

    assert _quads(step) == _quads(scratch)
    for g, quads in graphs_before.items():
        if g != str(INFERRED_GRAPH):
            assert _quads(step, g) == quads, f"{g} was rewritten"
    # López Obrador is in both articles: one node whose aliases come from both
    amlo = "https://w3id.org/bordergraph/id/person/andres-manuel-lopez-obrador"
    labels = list(step.query(f"SELECT ?l WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ <{amlo}> rdfs:label ?l }} }}",
                             union=False))
    assert len(labels) == 1


def test_rebuilding_an_article_replaces_its_graph_without_duplicates():
    gs = GraphStore.open(None)
    write_extractions(gs, fixture_data.extractions(), validate=False)
    once = _quads(gs)
    write_extractions(gs, fixture_data.extractions()[1:], validate=False)
    assert _quads(gs) == once


@pytest.mark.slow
def test_build_of_one_new_article_equals_a_build_from_scratch(articles_dir, tmp_path):
    import bordergraph

    files = sorted(articles_dir.glob("*.txt"))
    assert len(files) >= 2
    step, scratch = tmp_path / "step", tmp_path / "scratch"
    bordergraph.build(files[:-1], store=step, validate=False)
    with GraphStore.open(step, read_only=True) as gs:
        # the entities and inferred graphs are recomputed from the whole store on every build
        before = {g: _quads(gs, g) for g in gs.graphs() if g not in (str(ENTITIES_GRAPH), str(INFERRED_GRAPH))}
    report = bordergraph.build(files[-1:], store=step, validate=False)
    assert report.articles == 1
    bordergraph.build(files, store=scratch, validate=False)

    with GraphStore.open(step, read_only=True) as a, GraphStore.open(scratch, read_only=True) as b:
        assert len(a.graphs()) == len(before) + 3  # the new article's graph, entities and inferred
        for g, quads in before.items():
            assert _quads(a, g) == quads, f"{g} was rebuilt"
        only_step, only_scratch = _quads(a) - _quads(b), _quads(b) - _quads(a)
        assert not only_step and not only_scratch, (sorted(map(str, only_step))[:5], sorted(map(str, only_scratch))[:5])
