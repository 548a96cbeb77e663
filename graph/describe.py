"""What the graph says about one resource: labels, types, links out and in, evidence sentences.

``describe()`` gives it as RDF (a CONSTRUCT, so other tools can read it); ``resource_view()`` as
plain data for the resource page.  The IRI is always bound as a term, never pasted into SPARQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bordergraph.graph.query import QueryResult, iri, run_query

_DESCRIBE = """
CONSTRUCT { ?r ?p ?o . ?s ?q ?r . ?ev ?ep ?eo . }
WHERE {
  { ?r ?p ?o }
  UNION { ?s ?q ?r }
  UNION { ?r <https://w3id.org/bordergraph/ontology#evidence> ?ev . ?ev ?ep ?eo }
}
"""

_OUT = """
SELECT DISTINCT ?r ?p ?o ?oLabel WHERE {
  ?r ?p ?o .
  OPTIONAL { ?o rdfs:label ?oLabel }
} ORDER BY ?p ?o
"""

_IN = """
SELECT DISTINCT ?r ?s ?p ?sLabel WHERE {
  ?s ?p ?r .
  OPTIONAL { ?s rdfs:label ?sLabel }
} ORDER BY ?p ?s
"""

_EVIDENCE = """
SELECT DISTINCT ?r ?via ?sentence ?article ?articleTitle ?begin WHERE {
  { ?r bg:evidence ?ev . BIND (?r AS ?via) }
  UNION { ?via ?p ?r ; bg:evidence ?ev . FILTER (?p != bg:evidence) }
  ?ev bg:sentence ?sentence .
  OPTIONAL { ?ev bg:inArticle ?article . OPTIONAL { ?article dcterms:title ?articleTitle } }
  OPTIONAL { ?ev bg:beginIndex ?begin }
} ORDER BY ?article ?begin ?sentence
"""

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://schema.org/name",
    "http://purl.org/dc/terms/title",
)


def describe(store, resource: str, *, timeout: float | None = None, limit: int | None = 10_000) -> QueryResult:
    """Triples about ``resource`` (out, in, and its evidence nodes) as a graph result."""
    return run_query(store, _DESCRIBE, bindings={"r": iri(resource)}, timeout=timeout, limit=limit)


@dataclass
class Link:
    predicate: str
    target: str  # IRI or literal text
    is_iri: bool
    label: str | None = None
    language: str | None = None


@dataclass
class ResourceView:
    """Plain data for the resource page."""

    iri: str
    labels: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.outgoing or self.incoming)


def resource_view(store, resource: str, *, timeout: float | None = None, limit: int = 2_000) -> ResourceView:
    """Labels, types, links out and in, and evidence sentences of ``resource``."""
    import pyoxigraph as ox

    node = iri(resource)
    view = ResourceView(resource)
    for row in run_query(store, _OUT, bindings={"r": node}, timeout=timeout, limit=limit).rows:
        _, p, o, o_label = row
        if p.value == RDF_TYPE and isinstance(o, ox.NamedNode):
            if o.value not in view.types:
                view.types.append(o.value)
            continue
        if p.value in LABELS and isinstance(o, ox.Literal) and o.value not in view.labels:
            view.labels.append(o.value)
        is_iri = isinstance(o, ox.NamedNode)
        link = Link(p.value, o.value, is_iri, o_label.value if o_label is not None else None,
                    getattr(o, "language", None) if not is_iri else None)
        if not any(x.predicate == link.predicate and x.target == link.target for x in view.outgoing):
            view.outgoing.append(link)
    for row in run_query(store, _IN, bindings={"r": node}, timeout=timeout, limit=limit).rows:
        _, s, p, s_label = row
        if not any(x.predicate == p.value and x.target == s.value for x in view.incoming):
            view.incoming.append(Link(p.value, s.value, isinstance(s, ox.NamedNode),
                                      s_label.value if s_label is not None else None))
    seen = set()
    for row in run_query(store, _EVIDENCE, bindings={"r": node}, timeout=timeout, limit=limit).rows:
        _, via, sentence, article, title, _begin = row
        key = (via.value, sentence.value)
        if key in seen:
            continue
        seen.add(key)
        view.evidence.append({
            "via": via.value, "sentence": sentence.value,
            "article": article.value if article is not None else None,
            "article_title": title.value if title is not None else None,
        })
    return view
