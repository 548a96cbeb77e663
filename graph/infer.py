"""Facts that follow from several articles at once, recomputed from the whole store on every build.

They live in their own named graph (``graph/inferred``) so that each article's graph holds only
what that article says, and adding one article later gives exactly the graph a build from
scratch gives:
- a post whose organisation its article does not name takes the one that another article gives
  for the same holder and role ("President X" here, "Mexican President X" there);
- claims on the same proposition by different claimants: opposite stances ``bg:contradicts``
  each other, equal stances ``bg:supports`` each other.  "The same proposition" is the shared
  ``bg:Proposition`` node, or propositions worded alike: at least two content words in common
  and a Jaccard overlap of 0.6 or more of their content words (5-letter stems), so "fentanyl is
  produced in Mexico" meets "deadly fentanyl is produced in Mexico".
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Graph, URIRef

from bordergraph.graph.store import GraphStore
from bordergraph.ontology.namespaces import BG, GRAPH, bind_prefixes

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


_CLAIMS = """
SELECT DISTINCT ?claim ?claimant ?stance ?proposition WHERE {
  ?claim a bg:Claim ; bg:claimant ?claimant ; bg:stance ?stance ; bg:proposition/rdfs:label ?proposition .
}"""
_STOP = frozenset("""a an the and or but of to in on at by for with from into over under about as is are was
were be been being has have had do does did not no never that this these those it its their there
which who whom whose will would can could should may might must than then also very more most such
said says say""".split())


def _stems(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", text.lower()))
    return frozenset(w[:5] for w in words if w not in _STOP and len(w) > 2)


def _similar_claims(gs: GraphStore) -> list[tuple[str, str, str]]:
    """(claim, link, claim) for claims by different claimants on alike-worded propositions."""
    claims = sorted((r["claim"].value, r["claimant"].value, r["stance"].value, _stems(r["proposition"].value))
                    for r in gs.query(_CLAIMS))
    links = []
    for i, (a, ca, sa, wa) in enumerate(claims):
        for b, cb, sb, wb in claims[i + 1:]:
            common = len(wa & wb)
            if ca != cb and common >= 2 and common / len(wa | wb) >= 0.6:
                link = str(BG.supports if sa == sb else BG.contradicts)
                links += [(a, link, b), (b, link, a)]
    return links


def inferred_graph(gs: GraphStore) -> Graph:
    """Run every rule over the union of the store's graphs (the inferred graph itself excluded)."""
    import pyoxigraph as ox

    sources = [ox.NamedNode(g) for g in gs.graphs() if g != str(INFERRED_GRAPH)]
    g = Graph(identifier=INFERRED_GRAPH)
    bind_prefixes(g)
    for sparql in RULES.values():
        for triple in gs.query(sparql, union=False, default_graph=sources):
            g.add((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
    for a, link, b in _similar_claims(gs):
        g.add((URIRef(a), URIRef(link), URIRef(b)))
    return g


def _term(node) -> URIRef:
    return URIRef(node.value)
