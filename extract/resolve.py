"""Entity resolution: every mention of one real-world actor, in every article, becomes one actor.

Rules, in order (deterministic; no corpus facts):
1. the lexicon and actors already in the store fix a canonical name and kind for their aliases;
2. "Name (ACRONYM)" makes the acronym an alias; an all-caps acronym equal to the initials of a
   person's full name ("AMLO") joins that person;
3. a shorter person name joins the one longer name it is a suffix or prefix of ("López Obrador",
   "Blinken", "Andrés Manuel López"), or the paternal surname of a three-part Hispanic name
   ("Sical" of "Rigoberto Sical Chen"), preferring names in the same article; middle initials
   are ignored ("Antony J. Blinken" = "Antony Blinken"); a given name alone ("William") joins the
   one person of the same article with that first name;
4. a mention NER typed GPE/NORP/ORG that matches a person this way is that person ("Blinken" as
   GPE); otherwise a two-word-or-longer ORG is an organisation and anything else is dropped;
5. the canonical name is the lexicon's, else the longest, most frequent full form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bordergraph.extract.actors import UNKNOWN
from bordergraph.extract.context import ArticleContext, Mention
from bordergraph.extract.names import fold, initials, person_key, strip_possessive
from bordergraph.extract.records import Actor, ActorRef, Place
from bordergraph.ontology.vocab import ActorKind

_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_PAREN_ACRONYM = re.compile(r"\s*\(([A-Z]{2,6})\)")


@dataclass
class Cluster:
    kind: str | None = None
    canonical: str | None = None  # fixed by the lexicon or the store
    wikidata: str | None = None
    names: Counter = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    kinds: Counter = field(default_factory=Counter)

    def tokens(self) -> list[str]:
        return self.best_name().split()

    def best_name(self) -> str:
        if self.canonical:
            return self.canonical

        def rank(name: str):
            words = name.split()
            plain = [w for w in words if not re.fullmatch(r"[A-Z]\.", w)]
            return (-len(plain), len(words) - len(plain), -self.names[name], name)

        return min(self.names, key=rank)

    def ref_kind(self) -> str | None:
        """The fixed kind, else the kind most mentions voted for (None before any vote)."""
        if self.kind:
            return self.kind
        return self.kinds.most_common(1)[0][0] if self.kinds else None

    def ref(self) -> ActorRef:
        return ActorRef(ActorKind(self.ref_kind() or "Organization"), self.best_name())


class Resolver:
    """Collects the mentions of every article, then names each actor once for all of them."""

    def __init__(self, known: Iterable[Actor] = ()) -> None:
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, Cluster] = {}
        self.contexts: list[ArticleContext] = []
        self.assigned: dict[tuple[str, int, int], Cluster] = {}
        for actor in known:
            c = self._new(actor.ref.kind.value, actor.ref.name, actor.wikidata)
            for alias in {actor.ref.name, *actor.aliases}:
                self._key(c, self._key_of(alias, actor.ref.kind.value))

    # -- collecting ----------------------------------------------------------------------
    def observe(self, ctx: ArticleContext) -> None:
        self.contexts.append(ctx)

    def resolve(self) -> None:
        """Cluster every observed mention (call once, after all ``observe`` calls)."""
        pending: list[tuple[ArticleContext, Mention]] = []
        full_persons: list[tuple[ArticleContext, Mention]] = []
        for ctx in self.contexts:  # pass 1: lexicon-known names; full person names kept for 1b
            for m in ctx.mentions:
                if m.kind == "Place":
                    if m.source.startswith("ner") and " " not in m.name:
                        pending.append((ctx, m))  # "Cota" as LOC: a person if a person has that name
                    continue
                if m.canonical:
                    c = self.by_key.get(self._key_of(m.canonical, m.kind)) or self._new(m.kind, m.canonical, m.wikidata)
                    self._assign(ctx, m, c)
                elif m.kind == "Person" and len(person_key(m.name).split()) >= 2:
                    full_persons.append((ctx, m))
                else:
                    pending.append((ctx, m))
        # pass 1b: longest person names first, so "López Obrador" finds "Andrés Manuel López Obrador"
        full_persons.sort(key=lambda cm: (-len(person_key(cm[1].name).split()), cm[0].article.slug, cm[1].start))
        for ctx, m in full_persons:
            c = self._find_person(m.name, ctx) or self._new(None, None, None)
            self._assign(ctx, m, c)
        for ctx, m in pending:  # pass 2: short names, acronyms, NER-ambiguous kinds
            c = self._resolve_pending(ctx, m)
            if c is not None:
                self._assign(ctx, m, c)
        for ctx in self.contexts:  # "Name (ACR)" aliases, then their later uses
            for m in ctx.mentions:
                c = self.assigned.get((ctx.article.slug, m.start, m.end))
                acr = _PAREN_ACRONYM.match(ctx.article.text, m.end)
                if c is not None and acr:
                    self._key(c, acr.group(1))
                    c.names[acr.group(1)] += 0

    def _resolve_pending(self, ctx: ArticleContext, m: Mention) -> Cluster | None:
        if m.kind == "Place":
            return self._find_person(m.name, ctx)
        key = self._key_of(m.name, m.kind)
        if key in self.by_key:
            return self.by_key[key]
        if _ACRONYM.match(m.name):
            for c in self._candidates(ctx):
                if c.ref_kind() == "Person" and initials(c.best_name()) == m.name:
                    return c
            return None
        person = self._find_person(m.name, ctx)
        if person is not None:
            return person
        if m.kind == "Person":
            return self._new(None, None, None)
        if m.kind == UNKNOWN:
            if m.source == "ner:ORG" and len(m.name.split()) >= 2:
                return self._new("Organization", None, None)
            return None
        return self._new(m.kind, None, None)

    # -- persons ---------------------------------------------------------------------------
    def _find_person(self, name: str, ctx: ArticleContext) -> Cluster | None:
        """The one person cluster whose full name extends ``name`` (same article first)."""
        words = person_key(name).split()
        if not words:
            return None
        exact = self.by_key.get("person:" + " ".join(words))
        if exact is not None:
            return exact
        matches = []
        for c in self._person_clusters():
            full = person_key(c.best_name()).split()
            if len(full) > len(words) and (full[-len(words):] == words or (len(words) >= 2 and full[:len(words)] == words)
                                           or (len(words) == 1 and len(full) >= 3 and full[-2] == words[0])):
                matches.append(c)  # suffix, prefix, or the paternal surname of "Given Paternal Maternal"
        local = [c for c in matches if ctx.article.slug in c.articles]
        if not matches and len(words) == 1:  # a given name alone: only the one person of this article
            local = [c for c in self._person_clusters() if ctx.article.slug in c.articles
                     and len(person_key(c.best_name()).split()) >= 2 and person_key(c.best_name()).split()[0] == words[0]]
            return local[0] if len(local) == 1 else None
        if not matches:
            return None
        for group in (local, matches):
            if len(group) == 1:
                return group[0]
        return None

    def _person_clusters(self) -> list[Cluster]:
        return [c for c in self.clusters if c.ref_kind() == "Person"]

    def _candidates(self, ctx: ArticleContext) -> list[Cluster]:
        local = [c for c in self.clusters if ctx.article.slug in c.articles]
        return local + [c for c in self.clusters if c not in local]

    # -- bookkeeping -------------------------------------------------------------------------
    @staticmethod
    def _key_of(name: str, kind: str | None) -> str:
        if kind in ("Person", UNKNOWN, None):
            return "person:" + person_key(name) if kind == "Person" else fold(name)
        return fold(name)

    def _new(self, kind: str | None, canonical: str | None, wikidata: str | None) -> Cluster:
        c = Cluster(kind=kind if kind != UNKNOWN else None, canonical=canonical, wikidata=wikidata)
        self.clusters.append(c)
        if canonical:
            self._key(c, self._key_of(canonical, kind))
        return c

    def _key(self, c: Cluster, key: str) -> None:
        self.by_key.setdefault(key, c)
        c.keys.add(key)

    def _assign(self, ctx: ArticleContext, m: Mention, c: Cluster) -> None:
        self.assigned[(ctx.article.slug, m.start, m.end)] = c
        c.names[m.name] += 1
        c.articles.add(ctx.article.slug)
        if m.kind not in (UNKNOWN, "Place"):
            c.kinds[m.kind] += 1 if m.source.startswith("ner") else 3
        self._key(c, self._key_of(m.name, m.kind if m.kind != UNKNOWN else c.ref_kind()))

    # -- output ----------------------------------------------------------------------------------
    def attach(self, ctx: ArticleContext) -> None:
        """Fill ``ctx.refs`` (mention span → actor) and ``ctx.places``."""
        for m in ctx.mentions:
            c = self.assigned.get((ctx.article.slug, m.start, m.end))
            if m.kind == "Place" and c is None:
                ctx.places[(m.start, m.end)] = Place(m.canonical or m.name, frozenset({m.name}))
                continue
            if c is not None and c.names:
                ctx.refs[(m.start, m.end)] = c.ref()

    def actors_of(self, ctx: ArticleContext) -> list[Actor]:
        """One Actor record per actor mentioned in the article, with the surface forms used there."""
        found: dict[ActorRef, Actor] = {}
        for m in ctx.mentions:
            c = self.assigned.get((ctx.article.slug, m.start, m.end))
            if c is None or not c.names:
                continue
            ref = c.ref()
            actor = found.setdefault(ref, Actor(ref=ref, wikidata=c.wikidata))
            actor.aliases.update({m.name, strip_possessive(m.surface)} - {""})
            if not actor.evidence:
                actor.evidence.append(ctx.evidence(m.start, m.end, "actors.mention", 0.9))
            acr = _PAREN_ACRONYM.match(ctx.article.text, m.end)
            if acr:
                actor.aliases.add(acr.group(1))
        return [found[r] for r in sorted(found)]
