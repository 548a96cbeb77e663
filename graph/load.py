"""Writing extractions into the store, and reading back what the store already knows.

Each article's named graph is replaced whole; the entities graph is recomputed from the actors
already in the store plus the new ones, so adding one article never rebuilds the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rdflib import Graph

from bordergraph.extract.records import Actor, ActorRef, ArticleExtraction, Post
from bordergraph.graph import mint
from bordergraph.graph.build import article_graph, entities_graph
from bordergraph.graph.infer import INFERRED_GRAPH, inferred_graph
from bordergraph.graph.store import GraphStore
from bordergraph.ontology.namespaces import ENTITIES_GRAPH
from bordergraph.ontology.vocab import ActorKind

_KNOWN_ACTORS = """
SELECT ?actor ?type ?label ?alias ?match WHERE {
  ?actor a ?type ; rdfs:label ?label .
  OPTIONAL { ?actor skos:altLabel ?alias } OPTIONAL { ?actor skos:exactMatch ?match }
}
"""


def known_actors(gs: GraphStore) -> list[Actor]:
    """The merged actors of the store's entities graph, as records the resolver can seed from."""
    from pyoxigraph import NamedNode

    by_iri: dict[str, Actor] = {}
    rows = gs.query(_KNOWN_ACTORS, union=False, default_graph=NamedNode(str(ENTITIES_GRAPH)))
    kinds = {f"https://w3id.org/bordergraph/ontology#{k.value}": k for k in ActorKind}
    for row in rows:
        kind = kinds.get(row["type"].value)
        if kind is None:
            continue
        iri = row["actor"].value
        actor = by_iri.setdefault(iri, Actor(ref=ActorRef(kind, row["label"].value)))
        if row["alias"] is not None:
            actor.aliases.add(row["alias"].value)
        if row["match"] is not None:
            actor.wikidata = row["match"].value.rsplit("/", 1)[-1]
    return [by_iri[k] for k in sorted(by_iri)]


_KNOWN_POSTS = """
SELECT DISTINCT ?holder ?holderLabel ?role ?org ?orgType ?orgLabel WHERE {
  ?post a bg:Post ; bg:holder ?holder ; bg:role ?role ; bg:postIn ?org .
  ?holder rdfs:label ?holderLabel . ?org a ?orgType ; rdfs:label ?orgLabel .
  FILTER NOT EXISTS { ?post bg:former true }
}
"""


def known_posts(gs: GraphStore) -> list[Post]:
    """Current posts with a known organisation already in the store (for "Mexico's president")."""
    kinds = {f"https://w3id.org/bordergraph/ontology#{k.value}": k for k in ActorKind}
    found = set()
    for row in gs.query(_KNOWN_POSTS):
        org_kind = kinds.get(row["orgType"].value)
        if org_kind is None:
            continue
        found.add((ActorRef(ActorKind.PERSON, row["holderLabel"].value), row["role"].value,
                   ActorRef(org_kind, row["orgLabel"].value)))
    return [Post(h, role, org, False, None) for h, role, org in sorted(found)]


def merge_actors(*groups: Sequence[Actor]) -> list[Actor]:
    """One Actor per IRI with the union of aliases (and of evidence) of every group."""
    merged: dict[str, Actor] = {}
    for group in groups:
        for actor in group:
            key = str(mint.actor_iri(actor.ref))
            into = merged.setdefault(key, Actor(ref=actor.ref, wikidata=actor.wikidata))
            into.aliases |= actor.aliases
            into.wikidata = into.wikidata or actor.wikidata
    return [merged[k] for k in sorted(merged)]


def write_extractions(
    gs: GraphStore,
    extractions: Sequence[ArticleExtraction],
    *,
    validate: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[str]:
    """Replace each article's named graph and refresh the entities graph.

    Returns the SHACL violations found (one line each), empty when every graph conforms.
    """
    violations: list[str] = []
    actors = merge_actors(known_actors(gs), *(ex.actors for ex in extractions))
    entities = entities_graph(actors)
    validate_graph = None
    if validate:
        from bordergraph.ontology.validation import validate as validate_graph
    for i, ex in enumerate(extractions, 1):
        g = article_graph(ex)
        if validate_graph is not None:
            result = validate_graph(_with_entities(g, entities))
            violations += [f"{ex.article.source}: {v}" for v in _lines(result)]
        gs.replace_graph(mint.graph_iri(ex.article.slug), g)
        if progress:
            progress("write", i, len(extractions))
    gs.replace_graph(ENTITIES_GRAPH, entities)
    gs.replace_graph(INFERRED_GRAPH, inferred_graph(gs))
    return violations


def _with_entities(article: Graph, entities: Graph) -> Graph:
    """The article graph plus the entity descriptions of the actors it mentions (for SHACL)."""
    merged = Graph()
    merged += article
    subjects = set(article.subjects())
    for triple in entities:
        if triple[0] in subjects:
            merged.add(triple)
    return merged


def _lines(result) -> list[str]:
    return [" ".join(str(x) for x in v) for v in result.violations]
