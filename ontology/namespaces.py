"""Namespaces and IRI bases of bordergraph (see the ontology contract in the README)."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, ClosedNamespace

from bordergraph.ontology._terms import TERMS

# Closed over the terms of bordergraph.ttl (generated into _terms.py): ``BG.claimnt`` raises
# AttributeError and ``BG["claimnt"]`` KeyError, instead of minting a term nobody queries.
BG = ClosedNamespace("https://w3id.org/bordergraph/ontology#", list(TERMS))
ID = Namespace("https://w3id.org/bordergraph/id/")
GRAPH = Namespace("https://w3id.org/bordergraph/graph/")
SCHEMA = Namespace("http://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")

ENTITIES_GRAPH = GRAPH["entities"]
ONTOLOGY_GRAPH = GRAPH["ontology"]

PREFIXES: dict[str, str] = {
    "bg": str(BG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "org": str(ORG),
    "foaf": str(FOAF),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the common prefixes so serialisations stay readable."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    return graph
