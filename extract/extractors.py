"""The order in which extractors run over one article.

1. ``extract_mentions``: actor and place mentions from the parsed doc (``actors.py``);
2. the resolver (``resolve.py``) sees the mentions of every article and names each actor;
3. ``extract_posts``: who holds which post, in every article first, so that
4. ``extract_facts`` can read "Mexico's president" as the person another article (or the store)
   shows holding that post, then find agreements, events, claims and quantities.
"""

from __future__ import annotations

from bordergraph.extract import actors, agreements, claims, events, posts, quantities
from bordergraph.extract.context import ArticleContext
from bordergraph.extract.records import Actor, ActorRef, Article, ArticleExtraction


def extract_mentions(doc, article: Article) -> ArticleContext:
    return ArticleContext(article=article, doc=doc, mentions=actors.find_mentions(doc))


def extract_posts(ctx: ArticleContext, resolver) -> ArticleExtraction:
    resolver.attach(ctx)
    ex = ArticleExtraction(article=ctx.article, actors=resolver.actors_of(ctx),
                           places=sorted(set(ctx.places.values()), key=lambda p: p.name))
    ex.posts = posts.extract_posts(ctx)
    return ex


def extract_facts(ctx: ArticleContext, ex: ArticleExtraction, known_posts=()) -> ArticleExtraction:
    """Everything after posts; ``known_posts`` (of other articles and the store) name role mentions."""
    _add_role_mentions(ctx, ex, [*ex.posts, *known_posts])
    ex.agreements = agreements.extract_agreements(ctx)
    ex.events = events.extract_events(ctx)
    ex.claims = claims.extract_claims(ctx)
    ex.quantities = quantities.extract_quantities(ctx)
    _add_referenced_actors(ex)
    return ex


def _add_role_mentions(ctx: ArticleContext, ex: ArticleExtraction, known: list) -> None:
    """"Mexico's president" is a mention of the Mexican president: an alias, and a mention the
    later extractors (claims, events) can attribute to that person."""
    by_ref = {a.ref: a for a in ex.actors}

    def mention(start: int, end: int, ref: ActorRef) -> None:
        ctx.refs[(start, end)] = ref
        if ref not in by_ref:
            by_ref[ref] = Actor(ref=ref)
            ex.actors.append(by_ref[ref])
        by_ref[ref].aliases.add(ctx.article.text[start:end])

    for start, end, ref in posts.role_mentions(ctx, known):
        mention(start, end, ref)
    for start, end, ref in _offices(ctx, ex):  # after role mentions: only offices nobody is known to hold
        mention(start, end, ref)


def _offices(ctx: ArticleContext, ex: ArticleExtraction) -> list[tuple[int, int, ActorRef]]:
    """Office mentions; a holder named right after one ("X's minister, Name,") also holds the post."""
    found = []
    for start, end, ref, post in posts.office_mentions(ctx):
        if post is not None and all(posts.post_key(p) != posts.post_key(post) for p in ex.posts):
            ex.posts.append(post)
        found.append((start, end, ref))
    return found


def _add_referenced_actors(ex: ArticleExtraction) -> None:
    """Every actor a fact points to is an actor of the article (e.g. a country named by "U.S.")."""
    known = {a.ref for a in ex.actors}
    refs = [r for p in ex.posts for r in (p.holder, p.post_in)]
    refs += [r for a in ex.agreements for r in a.parties]
    refs += [r for e in ex.events for r in (e.agent, e.target, e.place, *e.participants)]
    refs += [r for c in ex.claims for r in (c.claimant, *c.about)]
    for ref in refs:
        if isinstance(ref, ActorRef) and ref not in known:
            known.add(ref)
            ex.actors.append(Actor(ref=ref))
