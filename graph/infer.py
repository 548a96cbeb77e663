"""Facts that follow from several articles at once, recomputed from the whole store on every build.

They live in their own named graph (``graph/inferred``) so that each article's graph holds only
what that article says, and adding one article later gives exactly the graph a build from
scratch gives:
- a post whose organisation its article does not name takes the one that another article gives
  for the same holder and role ("President X" here, "Mexican President X" there);
- claims on the same proposition (the shared ``bg:Proposition`` node) by different claimants:
  opposite stances ``bg:contradicts`` each other, equal stances ``bg:supports`` each other.
"""

from __future__ import annotations

from rdflib import Graph

from bordergraph.graph.store import GraphStore
from bordergraph.ontology.namespaces import GRAPH, bind_prefixes

INFERRED_GRAPH = GRAPH["inferred"]

RULES = {
    "post organisation from another article": """
        CONSTRUCT { ?post bg:postIn ?org }
        WHERE {
          { SELECT ?post (MIN(STR(?candidate)) AS ?first) WHERE {
              ?post a bg:Post ; bg:holder ?holder ; bg:role ?role .
              FILTER NOT EXISTS { ?post bg:postIn ?any }
              ?other a bg:Post ; bg:holder ?holder ; bg:role ?role2 ; bg:postIn ?candidate .
              FILTER(LCASE(STR(?role)) = LCASE(STR(?role2)))
            } GROUP BY ?post }
          BIND(IRI(?first) AS ?org)
        }""",
    "claims on one proposition": """
        CONSTRUCT { ?a ?link ?b }
        WHERE {
          ?a a bg:Claim ; bg:proposition ?p ; bg:stance ?sa ; bg:claimant ?ca .
          ?b a bg:Claim ; bg:proposition ?p ; bg:stance ?sb ; bg:claimant ?cb .
          FILTER(?a != ?b && ?ca != ?cb)
          BIND(IF(?sa = ?sb, bg:supports, bg:contradicts) AS ?link)
        }""",
}


def inferred_graph(gs: GraphStore) -> Graph:
    """Run every rule over the union of the store's graphs (the inferred graph itself excluded)."""
    import pyoxigraph as ox

    sources = [ox.NamedNode(g) for g in gs.graphs() if g != str(INFERRED_GRAPH)]
    g = Graph(identifier=INFERRED_GRAPH)
    bind_prefixes(g)
    for sparql in RULES.values():
        for triple in gs.query(sparql, union=False, default_graph=sources):
            g.add((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
    return g


def _term(node):
    from rdflib import URIRef

    return URIRef(node.value)
