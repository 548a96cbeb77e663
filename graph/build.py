"""Records to RDF: one named graph per article, plus the graph of merged entity descriptions.

Every Post, Agreement, Event, Claim and Quantity gets ``bg:evidence`` (the exact sentence and
its offsets) and ``prov:wasDerivedFrom`` its Article, so each triple can be traced to its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from bordergraph.extract.records import (
    Actor,
    ActorRef,
    ArticleExtraction,
    DateValue,
    Evidence,
    Place,
)
from bordergraph.graph import mint
from bordergraph.ontology.namespaces import BG, ENTITIES_GRAPH, SCHEMA, bind_prefixes

def new_graph(identifier: URIRef) -> Graph:
    g = Graph(identifier=identifier)
    bind_prefixes(g)
    return g


def _add_date(g: Graph, node: URIRef, date: DateValue | None) -> None:
    if date is None:
        return
    g.add((node, BG.date, Literal(date.iso, datatype=XSD.date)))
    g.add((node, BG.datePrecision, BG[date.precision.value]))
    g.add((node, BG.earliest, Literal(date.earliest, datatype=XSD.date)))
    g.add((node, BG.latest, Literal(date.latest, datatype=XSD.date)))
    if date.text:
        g.add((node, BG.timeText, Literal(date.text)))


def _add_evidence(g: Graph, node: URIRef, ev: Evidence, article: URIRef) -> None:
    e = mint.evidence_iri(ev)
    g.add((node, BG.evidence, e))
    g.add((e, RDF.type, BG.Evidence))
    g.add((e, BG.inArticle, article))
    g.add((e, BG.sentence, Literal(ev.sentence)))
    g.add((e, BG.beginIndex, Literal(ev.begin, datatype=XSD.integer)))
    g.add((e, BG.endIndex, Literal(ev.end, datatype=XSD.integer)))
    g.add((e, BG.confidence, Literal(_decimal(round(ev.confidence, 3)), datatype=XSD.decimal)))
    g.add((e, BG.extractor, Literal(ev.extractor)))


def _fact(g: Graph, node: URIRef, cls: URIRef, evidence: Iterable[Evidence], article: URIRef) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, PROV.wasDerivedFrom, article))
    for ev in evidence:
        _add_evidence(g, node, ev, article)


def _actor(g: Graph, ref: ActorRef) -> URIRef:
    node = mint.actor_iri(ref)
    g.add((node, RDF.type, BG[ref.kind.value]))
    return node


def _place(g: Graph, place: Place | ActorRef) -> URIRef:
    if isinstance(place, ActorRef):
        return _actor(g, place)
    node = mint.place_iri(place.name)
    g.add((node, RDF.type, BG.Place))
    g.add((node, RDFS.label, Literal(place.name)))
    for alias in sorted(place.aliases):
        g.add((node, SKOS.altLabel, Literal(alias)))
    return node


def article_graph(ex: ArticleExtraction) -> Graph:
    """The named graph of one article: its metadata and every fact read from it."""
    art = ex.article
    a = mint.article_iri(art.slug)
    g = new_graph(mint.graph_iri(art.slug))
    g.add((a, RDF.type, BG.Article))
    g.add((a, BG.sourceFile, Literal(art.source)))
    g.add((a, BG.textSha256, Literal(art.sha256)))
    if art.title:
        g.add((a, DCTERMS.title, Literal(art.title)))
    for author in art.authors:
        g.add((a, DCTERMS.creator, Literal(author)))
    if art.publisher:
        g.add((a, DCTERMS.publisher, Literal(art.publisher)))
    if art.date:
        g.add((a, DCTERMS.date, Literal(art.date)))
    if art.genre:
        g.add((a, BG.genre, Literal(art.genre.value)))

    for actor in ex.actors:
        node = _actor(g, actor.ref)
        g.add((node, BG.mentionedIn, a))
        for alias in sorted(actor.aliases):
            g.add((node, SKOS.altLabel, Literal(alias)))
        for ev in actor.evidence[:1]:
            _add_evidence(g, node, ev, a)

    for place in ex.places:
        node = _place(g, place)
        g.add((node, BG.mentionedIn, a))

    for post in ex.posts:
        node = mint.post_iri(post.holder, post.role, post.post_in)
        _fact(g, node, BG.Post, [post.evidence], a)
        g.add((node, BG.holder, _actor(g, post.holder)))
        g.add((node, BG.role, Literal(post.role)))
        g.add((node, RDFS.label, Literal(f"{post.role}: {post.holder.name}")))
        if post.post_in:
            g.add((node, BG.postIn, _actor(g, post.post_in)))
        g.add((node, BG.former, Literal(post.former)))

    for agr in ex.agreements:
        node = mint.agreement_iri(agr.key or agr.name)
        _fact(g, node, BG.Agreement, agr.evidence, a)
        g.add((node, RDFS.label, Literal(agr.name)))
        for alias in sorted(agr.aliases - {agr.name}):
            g.add((node, SKOS.altLabel, Literal(alias)))
        for party in agr.parties:
            g.add((node, BG.party, _actor(g, party)))
        _add_date(g, node, agr.date)

    for ev in ex.events:
        node = mint.event_iri(ev.type.value, ev.key or f"{art.slug}|{ev.label}|{ev.evidence[0].begin}")
        _fact(g, node, BG.Event, ev.evidence, a)
        g.add((node, BG.eventType, BG[ev.type.value]))
        g.add((node, RDFS.label, Literal(ev.label)))
        g.add((node, BG.factuality, BG[ev.factuality.value]))
        _add_date(g, node, ev.date)
        if ev.place is not None:
            g.add((node, BG.place, _place(g, ev.place)))
        if ev.agent:
            g.add((node, BG.agent, _actor(g, ev.agent)))
        if ev.target:
            g.add((node, BG.target, _actor(g, ev.target)))
        for p in {*ev.participants, *(r for r in (ev.agent, ev.target) if r)}:
            g.add((node, BG.participant, _actor(g, p)))

    for claim in ex.claims:
        node = mint.fact_iri("claim", claim.evidence, claim.claimant, claim.stance.value, claim.text)
        _fact(g, node, BG.Claim, [claim.evidence], a)
        if claim.claimant:
            g.add((node, BG.claimant, _actor(g, claim.claimant)))
        g.add((node, BG.stance, BG[claim.stance.value]))
        g.add((node, BG.claimText, Literal(claim.text)))
        g.add((node, RDFS.label, Literal(claim.text[:120])))
        prop = mint.proposition_iri(claim.proposition)
        g.add((node, BG.proposition, prop))
        g.add((prop, RDF.type, BG.Proposition))
        g.add((prop, RDFS.label, Literal(claim.proposition)))
        g.add((node, BG.cue, Literal(claim.cue)))
        g.add((node, BG.isDirectQuote, Literal(claim.direct_quote)))
        for ref in claim.about:
            g.add((node, BG.about, _actor(g, ref)))
        for name in claim.about_agreements:
            g.add((node, BG.about, mint.agreement_iri(name)))
        _add_date(g, node, claim.date)

    for q in ex.quantities:
        node = mint.fact_iri("quantity", q.evidence, q.value, q.unit)
        _fact(g, node, BG.Quantity, [q.evidence], a)
        g.add((node, BG.value, Literal(_decimal(q.value), datatype=XSD.decimal)))
        g.add((node, BG.qualifier, Literal(q.qualifier.value)))
        g.add((node, BG.unit, Literal(q.unit)))
        g.add((node, BG.measure, Literal(q.measure)))
        g.add((node, RDFS.label, Literal(q.evidence.sentence[:120])))
        _add_date(g, node, q.date)
    return g


def _decimal(value: float) -> str:
    """Plain decimal notation without exponent or trailing zeros: 70000.0 -> '70000'."""
    return format(Decimal(str(value)).normalize(), "f")


def entities_graph(actors: Iterable[Actor]) -> Graph:
    """Merged descriptions of every actor: type, canonical label, every alias, Wikidata link."""
    g = new_graph(ENTITIES_GRAPH)
    for actor in sorted(actors, key=lambda a: a.ref):
        node = _actor(g, actor.ref)
        g.add((node, RDFS.label, Literal(actor.ref.name)))
        g.add((node, SCHEMA.name, Literal(actor.ref.name)))
        for alias in sorted(actor.aliases - {actor.ref.name}):
            g.add((node, SKOS.altLabel, Literal(alias)))
        if actor.wikidata:
            g.add((node, SKOS.exactMatch, URIRef(f"http://www.wikidata.org/entity/{actor.wikidata}")))
    return g
