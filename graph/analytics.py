"""SPARQL → networkx projections of the graph, and the figures computed on them.

The views draw these projections and ``bordergraph analyze`` prints the same figures, so a node's
size on the page is the number ``analyze`` reports.  Everything here returns plain Python
(dicts, lists, networkx graphs keyed by IRI strings); nothing here knows about HTML.

Projections:

* ``actor_graph``: actors as nodes; an edge joins two actors that took part in the same event,
  one who holds a post in the other, parties of the same agreement, or a claimant and the actor
  the claim is about.  ``weight`` is the number of distinct articles that support the tie.
* ``claims_graph``: claimants → claims → what they are about, with contradicts/supports edges.
* ``timeline_rows``: events in date order with their participants.
* ``construct_graph``: the triples of any CONSTRUCT/DESCRIBE query as a graph.

Only events whose factuality is ``bg:Asserted`` (or unstated) take part: "X never met Y" must
not draw a tie between X and Y.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from bordergraph.errors import ParameterError, QueryError

ACTOR_CLASSES = ("Person", "Organization", "GovernmentBody", "CriminalOrganization", "Country")
# when an actor carries several classes, the most specific one names it
_CLASS_ORDER = ("CriminalOrganization", "GovernmentBody", "Country", "Person", "Organization")
SEED = 7  # communities and layouts are seeded: the same store gives the same page


# -- reading the store ------------------------------------------------------------------------
@dataclass
class Facts:
    """What the projections need, read from the store once (IRIs as plain strings)."""

    actors: dict[str, dict[str, Any]] = field(default_factory=dict)   # iri → label, kind, aliases, articles
    articles: dict[str, str] = field(default_factory=dict)            # iri → title (or file name)
    evidence: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # fact iri → [{sentence, article}]
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    posts: list[dict[str, Any]] = field(default_factory=list)
    agreements: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)             # any node iri → rdfs:label


_Q_ACTORS = """SELECT DISTINCT ?a ?type WHERE {
  VALUES ?type { bg:Person bg:Organization bg:GovernmentBody bg:CriminalOrganization bg:Country }
  ?a a ?type }"""
_Q_LABELS = "SELECT DISTINCT ?x ?label WHERE { ?x rdfs:label ?label }"
_Q_ALIASES = "SELECT DISTINCT ?x ?alias WHERE { ?x skos:altLabel ?alias }"
_Q_MENTIONS = "SELECT DISTINCT ?x ?art WHERE { ?x bg:mentionedIn ?art }"
_Q_ARTICLES = """SELECT DISTINCT ?art ?title ?file WHERE { ?art a bg:Article .
  OPTIONAL { ?art dcterms:title ?title } OPTIONAL { ?art bg:sourceFile ?file } }"""
_Q_EVIDENCE = """SELECT DISTINCT ?x ?sentence ?art WHERE { ?x bg:evidence ?ev . ?ev bg:sentence ?sentence .
  OPTIONAL { ?ev bg:inArticle ?art } }"""
_Q_DERIVED = "SELECT DISTINCT ?x ?art WHERE { ?x prov:wasDerivedFrom ?art }"
_Q_EVENTS = """SELECT DISTINCT ?e ?type ?date ?fact WHERE { ?e a bg:Event .
  OPTIONAL { ?e bg:eventType ?type } OPTIONAL { ?e bg:date ?date } OPTIONAL { ?e bg:factuality ?fact } }"""
_Q_ROLES = """SELECT DISTINCT ?e ?role ?a WHERE { ?e a bg:Event .
  VALUES ?role { bg:participant bg:agent bg:target } ?e ?role ?a }"""
_Q_POSTS = """SELECT DISTINCT ?p ?holder ?role ?org ?former WHERE { ?p a bg:Post ; bg:holder ?holder .
  OPTIONAL { ?p bg:role ?role } OPTIONAL { ?p bg:postIn ?org } OPTIONAL { ?p bg:former ?former } }"""
_Q_AGREEMENTS = """SELECT DISTINCT ?g ?party ?date WHERE { ?g a bg:Agreement .
  OPTIONAL { ?g bg:party ?party } OPTIONAL { ?g bg:date ?date } }"""
_Q_CLAIMS = """SELECT DISTINCT ?c ?claimant ?stance ?text ?date ?prop WHERE { ?c a bg:Claim .
  OPTIONAL { ?c bg:claimant ?claimant } OPTIONAL { ?c bg:stance ?stance } OPTIONAL { ?c bg:claimText ?text }
  OPTIONAL { ?c bg:date ?date } OPTIONAL { ?c bg:proposition/rdfs:label ?prop } }"""
_Q_CLAIM_LINKS = """SELECT DISTINCT ?c ?rel ?d WHERE { ?c a bg:Claim .
  VALUES ?rel { bg:about bg:contradicts bg:supports } ?c ?rel ?d }"""
_Q_TYPES = "SELECT DISTINCT ?x ?type WHERE { ?x a ?type }"


def _v(term) -> str | None:
    return None if term is None else term.value


def _local(iri: str | None) -> str:
    return "" if not iri else re.split(r"[#/]", iri)[-1]


def label_from_iri(iri: str) -> str:
    return _local(iri).replace("-", " ").strip() or iri


def read_facts(gs) -> Facts:
    """Read actors, events, posts, agreements and claims from ``gs`` (a ``GraphStore``).

    The union default graph repeats triples found in several graphs, hence DISTINCT everywhere.
    """
    f = Facts()
    rows = lambda q: gs.query(q)  # noqa: E731
    for r in rows(_Q_LABELS):
        x, label = r["x"].value, r["label"].value
        if x not in f.labels or label < f.labels[x]:
            f.labels[x] = label
    kinds: dict[str, set[str]] = defaultdict(set)
    for r in rows(_Q_ACTORS):
        kinds[r["a"].value].add(_local(r["type"].value))
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in rows(_Q_ALIASES):
        aliases[r["x"].value].add(r["alias"].value)
    mentions: dict[str, set[str]] = defaultdict(set)
    for r in rows(_Q_MENTIONS):
        mentions[r["x"].value].add(r["art"].value)
    for iri, ks in kinds.items():
        label = f.labels.get(iri) or label_from_iri(iri)
        f.actors[iri] = {
            "label": label,
            "kind": next(k for k in _CLASS_ORDER if k in ks),
            "aliases": sorted(aliases.get(iri, set()) - {label}),
            "articles": sorted(mentions.get(iri, ())),
        }
    for r in rows(_Q_ARTICLES):
        art = r["art"].value
        f.articles[art] = _v(r["title"]) or _v(r["file"]) or label_from_iri(art)
    for r in rows(_Q_EVIDENCE):
        f.evidence.setdefault(r["x"].value, []).append(
            {"sentence": r["sentence"].value, "article": _v(r["art"]) or ""})
    derived: dict[str, set[str]] = defaultdict(set)
    for r in rows(_Q_DERIVED):
        derived[r["x"].value].add(r["art"].value)
    for evs in f.evidence.values():
        evs.sort(key=lambda e: (e["article"], e["sentence"]))

    def articles_of(x: str) -> list[str]:
        return sorted(derived.get(x, set()) | {e["article"] for e in f.evidence.get(x, []) if e["article"]})

    for r in rows(_Q_EVENTS):
        e = r["e"].value
        ev = f.events.setdefault(e, {"label": f.labels.get(e) or label_from_iri(e), "type": "", "date": None,
                                     "factuality": "", "agents": set(), "targets": set(),
                                     "participants": set(), "articles": articles_of(e)})
        ev["type"] = ev["type"] or _local(_v(r["type"]))
        date = _v(r["date"])
        if date and (ev["date"] is None or date < ev["date"]):
            ev["date"] = date
        ev["factuality"] = ev["factuality"] or _local(_v(r["fact"]))
    role_key = {"participant": "participants", "agent": "agents", "target": "targets"}
    for r in rows(_Q_ROLES):
        if r["e"].value in f.events:
            ev = f.events[r["e"].value]
            ev[role_key[_local(r["role"].value)]].add(r["a"].value)
            ev["participants"].add(r["a"].value)  # agent and target are participants too
    for r in rows(_Q_POSTS):
        p = r["p"].value
        f.posts.append({"iri": p, "holder": r["holder"].value, "role": _v(r["role"]) or "",
                        "in": _v(r["org"]), "former": _v(r["former"]) == "true", "articles": articles_of(p)})
    f.posts.sort(key=lambda p: (p["iri"], p["in"] or ""))
    for r in rows(_Q_AGREEMENTS):
        g = r["g"].value
        agr = f.agreements.setdefault(g, {"label": f.labels.get(g) or label_from_iri(g), "parties": set(),
                                          "date": None, "articles": articles_of(g)})
        if r["party"] is not None:
            agr["parties"].add(r["party"].value)
        date = _v(r["date"])
        if date and (agr["date"] is None or date < agr["date"]):
            agr["date"] = date
    for r in rows(_Q_CLAIMS):
        c = r["c"].value
        cl = f.claims.setdefault(c, {"text": "", "claimant": None, "stance": "", "date": None,
                                     "proposition": "", "about": set(), "contradicts": set(),
                                     "supports": set(), "articles": articles_of(c)})
        cl["text"] = cl["text"] or _v(r["text"]) or f.labels.get(c, "")
        cl["claimant"] = cl["claimant"] or _v(r["claimant"])
        cl["stance"] = cl["stance"] or _local(_v(r["stance"]))
        cl["date"] = cl["date"] or _v(r["date"])
        cl["proposition"] = cl["proposition"] or _v(r["prop"]) or ""
    for r in rows(_Q_CLAIM_LINKS):
        c, rel, d = r["c"].value, _local(r["rel"].value), r["d"].value
        if c in f.claims:
            f.claims[c][rel].add(d)
    return f


def _asserted(event: dict[str, Any]) -> bool:
    return event["factuality"] in ("", "Asserted")


# -- projections ------------------------------------------------------------------------------
def actor_graph(f: Facts) -> nx.Graph:
    """Actors joined by co-participation, posts, agreements and claims about each other.

    Edge attributes: ``weight`` (distinct supporting articles), ``kinds`` (sorted list of
    event/post/agreement/claim), ``articles``, ``dates`` and ``evidence`` (``via`` names the fact).
    """
    G = nx.Graph()
    for iri, a in sorted(f.actors.items()):
        G.add_node(iri, **a)

    def tie(a: str, b: str, kind: str, fact: str, via: str, articles, date: str | None) -> None:
        if a == b or a not in f.actors or b not in f.actors:
            return
        if not G.has_edge(a, b):
            G.add_edge(a, b, kinds=set(), articles=set(), dates=set(), evidence=[], facts=set())
        d = G.edges[a, b]
        d["kinds"].add(kind)
        d["articles"].update(articles)
        if date:
            d["dates"].add(date)
        if fact not in d["facts"]:
            d["facts"].add(fact)
            evs = f.evidence.get(fact) or [{"sentence": "", "article": art} for art in articles]
            d["evidence"].extend({**e, "via": via} for e in evs)

    for e, ev in sorted(f.events.items()):
        if _asserted(ev):
            for a, b in itertools.combinations(sorted(ev["participants"]), 2):
                tie(a, b, "event", e, ev["label"], ev["articles"], ev["date"])
    for p in f.posts:
        if p["in"]:
            tie(p["holder"], p["in"], "post", p["iri"], p["role"], p["articles"], None)
    for g, agr in sorted(f.agreements.items()):
        for a, b in itertools.combinations(sorted(agr["parties"]), 2):
            tie(a, b, "agreement", g, agr["label"], agr["articles"], agr["date"])
    for c, cl in sorted(f.claims.items()):
        for about in sorted(cl["about"]):
            if cl["claimant"]:
                tie(cl["claimant"], about, "claim", c, cl["text"], cl["articles"], cl["date"])
    for _, _, d in G.edges(data=True):
        d["weight"] = max(1, len(d["articles"]))
        for key in ("kinds", "articles", "dates"):
            d[key] = sorted(d[key])
        del d["facts"]
    return G


def claims_graph(f: Facts) -> nx.MultiDiGraph:
    """Claimants → claims (``claims``, with the stance) → what they are about; claim ↔ claim edges.

    Node attribute ``kind`` is the actor class, ``Claim``, ``Agreement`` or ``Topic``; edge
    attribute ``kind`` is ``asserts``/``denies``/``claims``, ``about``, ``contradicts`` or ``supports``.
    """
    G = nx.MultiDiGraph()

    def node(iri: str) -> None:
        if iri in G:
            return
        if iri in f.actors:
            G.add_node(iri, **f.actors[iri])
        elif iri in f.agreements:
            agr = f.agreements[iri]
            G.add_node(iri, label=agr["label"], kind="Agreement", aliases=[], articles=agr["articles"])
        else:
            G.add_node(iri, label=f.labels.get(iri) or label_from_iri(iri), kind="Topic", aliases=[], articles=[])

    for c, cl in sorted(f.claims.items()):
        G.add_node(c, label=cl["text"], kind="Claim", stance=cl["stance"], aliases=[],
                   articles=cl["articles"], date=cl["date"], proposition=cl["proposition"])
    for c, cl in sorted(f.claims.items()):
        if cl["claimant"]:
            node(cl["claimant"])
            G.add_edge(cl["claimant"], c, kind=(cl["stance"] or "claims").lower())
        for about in sorted(cl["about"]):
            node(about)
            G.add_edge(c, about, kind="about")
        for rel in ("contradicts", "supports"):
            for other in sorted(cl[rel]):
                if other not in f.claims:
                    continue
                if rel == "contradicts" and (G.has_edge(other, c) and any(
                        d["kind"] == rel for d in G.get_edge_data(other, c).values())):
                    continue  # symmetric: draw it once
                G.add_edge(c, other, kind=rel)
    return G


def timeline_rows(f: Facts, *, all_factualities: bool = False) -> list[dict[str, Any]]:
    """Events in date order (undated last), each with its participants' IRIs, labels and roles."""
    out = []
    for e, ev in f.events.items():
        if not (all_factualities or _asserted(ev)):
            continue
        people = [{"iri": a, "label": f.actors.get(a, {}).get("label") or label_from_iri(a),
                   "kind": f.actors.get(a, {}).get("kind", "Actor"),
                   "role": "agent" if a in ev["agents"] else "target" if a in ev["targets"] else "participant"}
                  for a in sorted(ev["participants"])]
        out.append({"iri": e, "label": ev["label"], "type": ev["type"], "date": ev["date"],
                    "factuality": ev["factuality"], "articles": ev["articles"], "participants": people,
                    "evidence": f.evidence.get(e, [])})
    out.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["label"], r["iri"]))
    return out


def construct_graph(gs, sparql: str) -> nx.MultiDiGraph:
    """The triples of a CONSTRUCT or DESCRIBE query as a graph.

    Resources become nodes and resource-valued triples edges labelled with the predicate's local
    name; literal values become node attributes (``props``), ``rdfs:label`` the node label and
    ``rdf:type`` the node ``kind``.

    :raises QueryError: the query is not a CONSTRUCT/DESCRIBE (or fails; see ``run_query``).
    """
    import pyoxigraph as ox

    from bordergraph.graph.query import run_query

    result = run_query(gs, sparql, timeout=0)
    if result.kind != "construct":
        raise QueryError(f"--query needs a CONSTRUCT or DESCRIBE query, not a {result.kind.upper()} query")
    G = nx.MultiDiGraph()
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    rdfs_label = "http://www.w3.org/2000/01/rdf-schema#label"

    def node(term) -> str:
        key = term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"
        if key not in G:
            G.add_node(key, label=label_from_iri(key) if isinstance(term, ox.NamedNode) else key,
                       kind="Resource", aliases=[], props=[], articles=[])
        return key

    for t in result.triples:
        s, p, o = node(t.subject), t.predicate.value, t.object
        if isinstance(o, ox.Literal):
            if p == rdfs_label:
                G.nodes[s]["label"] = o.value
            elif p == "http://www.w3.org/2004/02/skos/core#altLabel":
                G.nodes[s]["aliases"].append(o.value)
            else:
                G.nodes[s]["props"].append((_local(p), o.value))
        elif p == rdf_type and isinstance(o, ox.NamedNode):
            G.nodes[s]["kind"] = _local(o.value)
        else:
            G.add_edge(s, node(o), kind=_local(p), predicate=p)
    for _, d in G.nodes(data=True):
        d["aliases"].sort()
        d["props"].sort()
    return G


# -- figures ----------------------------------------------------------------------------------
def node_size(degree_centrality: float, top: float) -> float:
    """Pixel size of a node from its degree centrality (the same number ``analyze`` prints)."""
    return round(12 + 38 * (degree_centrality / top if top else 0.0), 2)


def centrality(G: nx.Graph) -> dict[str, dict[str, float]]:
    """Per node: degree, degree centrality, betweenness centrality and the node size drawn."""
    dc = nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}
    bc = nx.betweenness_centrality(G, seed=SEED) if len(G) > 2 else {n: 0.0 for n in G}
    top = max(dc.values(), default=0.0)
    return {n: {"degree": G.degree(n), "degree_centrality": round(dc[n], 6),
                "betweenness": round(bc[n], 6), "size": node_size(dc[n], top)} for n in G}


def communities(G: nx.Graph, *, seed: int = SEED) -> list[list[str]]:
    """Louvain communities (seeded), largest first; members sorted by label."""
    if G.number_of_edges() == 0:
        groups = [{n} for n in G]
    else:
        groups = nx.community.louvain_communities(G, weight="weight", seed=seed)
    label = lambda n: (G.nodes[n].get("label", n), n)  # noqa: E731
    out = [sorted(c, key=label) for c in groups]
    return sorted(out, key=lambda c: (-len(c), label(c[0])))


def strongest_ties(G: nx.Graph, n: int = 10) -> list[dict[str, Any]]:
    """The ``n`` heaviest edges: most supporting articles, then most evidence."""
    rows = []
    for a, b, d in G.edges(data=True):
        la, lb = G.nodes[a]["label"], G.nodes[b]["label"]
        if (lb, b) < (la, a):
            a, b, la, lb = b, a, lb, la
        rows.append({"source": a, "target": b, "source_label": la, "target_label": lb,
                     "weight": d.get("weight", 1), "kinds": d.get("kinds", []),
                     "articles": d.get("articles", []), "evidence": len(d.get("evidence", []))})
    rows.sort(key=lambda r: (-r["weight"], -r["evidence"], r["source_label"], r["target_label"]))
    return rows[:n]


def components(G: nx.Graph) -> list[list[str]]:
    """Connected components, largest first, members sorted by label."""
    label = lambda n: (G.nodes[n].get("label", n), n)  # noqa: E731
    return sorted((sorted(c, key=label) for c in nx.connected_components(G)),
                  key=lambda c: (-len(c), label(c[0])))


def analyze_graph(G: nx.Graph, *, ties: int = 10) -> dict[str, Any]:
    """Every figure behind the actor network as plain JSON-ready data."""
    cent = centrality(G)
    comms = communities(G)
    member_of = {n: i for i, c in enumerate(comms) for n in c}
    comps = components(G)
    actors = [{"iri": n, "label": d["label"], "kind": d["kind"], "community": member_of[n], **cent[n]}
              for n, d in G.nodes(data=True)]
    actors.sort(key=lambda r: (-r["degree_centrality"], -r["betweenness"], r["label"]))
    name = lambda n: G.nodes[n]["label"]  # noqa: E731
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "size_metric": "degree_centrality",
        "actors": actors,
        "communities": [{"id": i, "size": len(c), "members": [name(n) for n in c]} for i, c in enumerate(comms)],
        "strongest_ties": strongest_ties(G, ties),
        "components": {"count": len(comps), "sizes": [len(c) for c in comps],
                       "largest": [name(n) for n in comps[0]] if comps else []},
    }


# -- finding an actor -------------------------------------------------------------------------
def fold(text: str) -> str:
    """Accent- and case-folded form, with runs of spaces and punctuation made one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


_Q_EXACT = """SELECT DISTINCT ?a ?name WHERE {
  VALUES ?type { bg:Person bg:Organization bg:GovernmentBody bg:CriminalOrganization bg:Country }
  ?a a ?type . { ?a rdfs:label ?l } UNION { ?a skos:altLabel ?l }
  FILTER (LCASE(STR(?l)) = LCASE(STR(?name))) }"""


def resolve_actor(gs, f: Facts, name: str) -> str:
    """The IRI of the actor called ``name`` (label or alias; case- and accent-insensitive).

    The name reaches SPARQL only as a bound value.  When nothing matches exactly, a name that is
    the end or start of exactly one actor's label or alias ("López Obrador") is taken.

    :raises ParameterError: no actor (the message lists close matches) or several equally good ones.
    """
    import pyoxigraph as ox

    hits = {r["a"].value for r in gs.query(_Q_EXACT, substitutions={ox.Variable("name"): ox.Literal(name)})}
    hits &= set(f.actors)
    needle = fold(name)
    if not hits and needle:
        names = {iri: {fold(a["label"]), *map(fold, a["aliases"])} for iri, a in f.actors.items()}
        hits = {iri for iri, ns in names.items() if needle in ns}
        if not hits:
            hits = {iri for iri, ns in names.items()
                    if any(re.search(rf"(^| ){re.escape(needle)}( |$)", n) for n in ns)}
    if len(hits) == 1:
        return hits.pop()
    if len(hits) > 1:
        labels = sorted(f.actors[h]["label"] for h in hits)
        raise ParameterError(f"--actor {name!r} is ambiguous: it names {', '.join(labels)}; give the full name")
    choices = {fold(a["label"]): a["label"] for a in f.actors.values()}
    for a in f.actors.values():
        choices.update({fold(x): a["label"] for x in a["aliases"]})
    close = sorted({choices[c] for c in difflib.get_close_matches(needle, list(choices), n=5, cutoff=0.5)})
    hint = f"; close matches: {', '.join(close)}" if close else "; `bordergraph analyze` lists the actors"
    raise ParameterError(f"no actor named {name!r}{hint}")


# -- layout -----------------------------------------------------------------------------------
def spring_positions(G: nx.Graph, *, seed: int = SEED, iterations: int | None = None, scale: float = 1000.0,
                     block: int = 512) -> dict[Any, tuple[float, float]]:
    """Fruchterman–Reingold positions computed with numpy, seeded: the same graph, the same picture.

    networkx's ``spring_layout`` needs scipy above 500 nodes and took 78 s for 5,000 here; this
    is the same force model with the repulsion computed in row blocks (bounded memory), about
    a second per thousand nodes.  Small graphs use networkx's own layout.  ``iterations`` defaults
    to 50, fewer above 2,000 nodes (20 at 5,000: a starting picture, physics can refine it).
    """
    import numpy as np

    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    if iterations is None:
        iterations = max(20, min(50, 100_000 // n))
    if n <= 500:
        pos = nx.spring_layout(G, seed=seed, iterations=iterations, weight=None)
        return {v: (float(p[0]) * scale, float(p[1]) * scale) for v, p in pos.items()}
    idx = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    x, y = rng.random(n, dtype=np.float32), rng.random(n, dtype=np.float32)
    e = np.array([(idx[u], idx[v]) for u, v in G.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    k2 = np.float32(1.0 / n)
    k = np.sqrt(k2)
    t, dt = 0.1, 0.1 / (iterations + 1)
    for _ in range(iterations):
        fx, fy = np.empty(n, np.float32), np.empty(n, np.float32)
        for s in range(0, n, block):
            dx = x[s:s + block, None] - x[None, :]
            dy = y[s:s + block, None] - y[None, :]
            w = dx * dx
            w += dy * dy
            np.maximum(w, 1e-6, out=w)
            np.divide(k2, w, out=w)
            fx[s:s + block], fy[s:s + block] = (dx * w).sum(1), (dy * w).sum(1)
        if len(e):
            dx, dy = x[e[:, 0]] - x[e[:, 1]], y[e[:, 0]] - y[e[:, 1]]
            d = np.sqrt(dx * dx + dy * dy) / k
            np.subtract.at(fx, e[:, 0], dx * d)
            np.add.at(fx, e[:, 1], dx * d)
            np.subtract.at(fy, e[:, 0], dy * d)
            np.add.at(fy, e[:, 1], dy * d)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 0.01)
        x += fx * (t / length)
        y += fy * (t / length)
        t -= dt
    x, y = x - x.mean(), y - y.mean()
    span = float(max(np.abs(x).max(), np.abs(y).max())) or 1.0
    return {v: (float(x[i]) / span * scale * np.sqrt(n / 500), float(y[i]) / span * scale * np.sqrt(n / 500))
            for v, i in idx.items()}
