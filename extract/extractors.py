"""The order in which extractors run over one article.

1. ``extract_mentions``: actor and place mentions from the parsed doc (``actors.py``);
2. the resolver (``resolve.py``) sees the mentions of every article and names each actor;
3. ``extract_facts``: posts, agreements, events, claims and quantities over the resolved context.
"""

from __future__ import annotations

from bordergraph.extract import actors, agreements, claims, events, posts, quantities
from bordergraph.extract.context import ArticleContext
from bordergraph.extract.records import Article, ArticleExtraction


def extract_mentions(doc, article: Article) -> ArticleContext:
    return ArticleContext(article=article, doc=doc, mentions=actors.find_mentions(doc))


def extract_facts(ctx: ArticleContext, resolver) -> ArticleExtraction:
    resolver.attach(ctx)
    ex = ArticleExtraction(article=ctx.article, actors=resolver.actors_of(ctx),
                           places=sorted(set(ctx.places.values()), key=lambda p: p.name))
    ex.posts = posts.extract_posts(ctx)
    ex.agreements = agreements.extract_agreements(ctx)
    ex.events = events.extract_events(ctx)
    ex.claims = claims.extract_claims(ctx)
    ex.quantities = quantities.extract_quantities(ctx)
    return ex
