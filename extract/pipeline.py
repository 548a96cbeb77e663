"""Articles in, ArticleExtraction records out: spaCy over every article, then the extractors.

Resolution across articles happens after all articles are read (``resolve.Resolver``), so that
"López Obrador" in one article and "Andrés Manuel López Obrador" in another become one actor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bordergraph.extract.records import Article, ArticleExtraction


def extract_articles(
    articles: Iterable[Article],
    nlp,
    *,
    known_actors=(),
    known_posts=(),
    batch_size: int = 4,
    n_process: int = 1,
    on_article: Callable[[Article], None] | None = None,
) -> list[ArticleExtraction]:
    """Run the pipeline and every extractor over ``articles``; resolve actors across them.

    ``known_actors`` and ``known_posts`` (what the store already holds) let a new article's
    mentions join the actors of earlier builds.
    """
    from bordergraph.extract import extractors
    from bordergraph.extract.resolve import Resolver

    articles = list(articles)
    docs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size, n_process=n_process)
    contexts = []
    for doc, article in docs:
        contexts.append(extractors.extract_mentions(doc, article))
        if on_article:
            on_article(article)
    resolver = Resolver(known_actors)
    for ctx in contexts:
        resolver.observe(ctx)
    resolver.resolve()
    extractions = [extractors.extract_posts(ctx, resolver) for ctx in contexts]
    corpus_posts = [*known_posts, *(p for ex in extractions for p in ex.posts)]
    for ctx, ex in zip(contexts, extractions):
        extractors.extract_facts(ctx, ex, corpus_posts)
    _key_incidents(extractions)
    return extractions


def _key_incidents(extractions: list[ArticleExtraction]) -> None:
    """Reports of one incident in several articles get one shared ``Event.key`` (one node)."""
    from bordergraph.extract.events import incident_key

    for ex in extractions:
        for ev in ex.events:
            ev.key = incident_key(ev)
