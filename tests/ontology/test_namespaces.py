"""namespaces.BG is closed over the terms of bordergraph.ttl, and the generated list is current."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from bordergraph.ontology import ONTOLOGY_PATH, codegen, namespaces
from bordergraph.ontology.namespaces import BG


def test_generated_terms_module_is_up_to_date():
    assert codegen.TERMS_PATH.read_text("utf-8") == codegen.render_terms_module(), (
        "run: python -m bordergraph.ontology.codegen"
    )


def test_a_misspelt_term_raises_instead_of_minting_an_iri():
    with pytest.raises(AttributeError):
        BG.claimnt  # noqa: B018
    with pytest.raises(KeyError):
        BG["claimnt"]


def test_every_closed_term_is_described_in_the_ontology():
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    for name in dir(BG):
        assert (BG[name], None, None) in ontology, name


def test_terms_behave_like_iris_in_the_namespace():
    assert BG.Claim == URIRef("https://w3id.org/bordergraph/ontology#Claim")
    assert BG["LabBust"] == URIRef(str(BG) + "LabBust")
    assert BG.Claim in BG and URIRef(str(BG) + "Nope") not in BG


def test_public_names_are_unchanged():
    public = ("BG", "ID", "GRAPH", "SCHEMA", "SEM", "ORG", "ENTITIES_GRAPH", "ONTOLOGY_GRAPH")
    public += ("PREFIXES", "bind_prefixes")
    assert all(hasattr(namespaces, name) for name in public)
    assert namespaces.ENTITIES_GRAPH == URIRef("https://w3id.org/bordergraph/graph/entities")
    g = namespaces.bind_prefixes(Graph())
    assert dict(g.namespaces())["bg"] == URIRef(str(BG))
