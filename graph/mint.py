"""Deterministic, readable IRIs: the same input gives the same IRI, always.

Slugs are accent-folded and lower-case (``person/andres-manuel-lopez-obrador``); facts that
have no natural name (claims, quantities, evidence) get a slug built from their article and a
short hash of what identifies them, so rebuilding a corpus gives identical triples.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from bordergraph.extract.records import ActorRef, Evidence
from bordergraph.ontology.namespaces import GRAPH, ID

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, max_len: int = 80) -> str:
    """Accent-folded, lower-case, hyphen-separated form of ``text``.

    >>> slug("Andrés Manuel López Obrador")
    'andres-manuel-lopez-obrador'
    >>> slug("U.S.-Mexico Bicentennial Framework")
    'us-mexico-bicentennial-framework'
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"(?<=\w)[.’'](?=\w)", "", folded)  # U.S. -> us, Mexico's -> mexicos
    out = _NON_ALNUM.sub("-", folded).strip("-")
    return out[:max_len].rstrip("-") or "x"


def short_hash(*parts: object) -> str:
    """First 12 hex digits of the SHA-1 of the parts, for names of nameless facts."""
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha1(data).hexdigest()[:12]


def article_iri(article_slug: str) -> URIRef:
    return ID[f"article/{article_slug}"]


def graph_iri(article_slug: str) -> URIRef:
    """The named graph holding everything read from one article."""
    return GRAPH[article_slug]


def actor_iri(ref: ActorRef) -> URIRef:
    return ID[f"{ref.kind.slug}/{slug(ref.name)}"]


def place_iri(name: str) -> URIRef:
    return ID[f"place/{slug(name)}"]


def agreement_iri(name: str) -> URIRef:
    return ID[f"agreement/{slug(name)}"]


def post_iri(holder: ActorRef, role: str, post_in: ActorRef | None) -> URIRef:
    where = slug(post_in.name) if post_in else "unknown"
    return ID[f"post/{slug(holder.name, max_len=50)}--{slug(role, max_len=50)}--{where}"]


def proposition_iri(text: str) -> URIRef:
    return ID[f"proposition/{slug(text, max_len=60)}-{short_hash(text.lower())[:6]}"]


def fact_iri(kind: str, evidence: Evidence, *key: object) -> URIRef:
    """IRI of a claim, quantity or article-scoped event: article slug plus a hash of its key."""
    return ID[f"{kind}/{evidence.article}-{short_hash(evidence.begin, evidence.end, *key)}"]


def event_iri(type_name: str, key: str) -> URIRef:
    """Events that the resolver merged across articles share ``key``."""
    return ID[f"event/{slug(type_name)}-{short_hash(key)}"]


def evidence_iri(evidence: Evidence) -> URIRef:
    """One node per sentence, extractor and confidence: facts read alike share their evidence."""
    return ID[
        f"evidence/{evidence.article}-{evidence.begin}-{evidence.end}-{slug(evidence.extractor, max_len=30)}"
        f"-{round(evidence.confidence * 1000)}"
    ]
