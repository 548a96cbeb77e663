"""What a fact extractor sees of one article: the parsed doc and its resolved actor mentions.

Fact extractors (posts, agreements, events, claims, quantities) are functions
``extract_x(ctx: ArticleContext) -> list[Record]``; they find actors only through ``ctx``, so
resolution across articles stays in one place (``resolve.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bordergraph.extract.records import ActorRef, Article, DateValue, Evidence, Place


@dataclass(frozen=True)
class Mention:
    """One actor (or place) mention in the article text, before and after resolution."""

    start: int  # char offsets into Article.text
    end: int
    surface: str  # the text as written (wrap artefacts removed)
    name: str  # titles, determiners and possessives stripped
    kind: str  # ActorKind value, or "Place"
    source: str  # "lexicon", "ner:PERSON", "pattern" ...
    canonical: str | None = None  # lexicon canonical name, when the lexicon knows it
    wikidata: str | None = None


@dataclass
class ArticleContext:
    article: Article
    doc: object  # spacy.tokens.Doc (not imported here so records stay spaCy-free)
    mentions: list[Mention] = field(default_factory=list)
    refs: dict[tuple[int, int], ActorRef] = field(default_factory=dict)  # (start, end) -> actor
    places: dict[tuple[int, int], Place] = field(default_factory=dict)

    # -- actors -------------------------------------------------------------------------
    def actor_at(self, start: int, end: int) -> ActorRef | None:
        """The actor whose mention overlaps [start, end) most; None when there is none."""
        best, best_overlap = None, 0
        for (s, e), ref in self.refs.items():
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = ref, overlap
        return best

    def actors_in(self, start: int, end: int) -> list[ActorRef]:
        """Every distinct actor mentioned inside [start, end), in text order."""
        out: list[ActorRef] = []
        for (s, e), ref in sorted(self.refs.items()):
            if s >= start and e <= end and ref not in out:
                out.append(ref)
        return out

    def place_in(self, start: int, end: int) -> Place | None:
        for (s, e), place in sorted(self.places.items()):
            if s >= start and e <= end:
                return place
        return None

    # -- evidence -------------------------------------------------------------------------
    def evidence(self, start: int, end: int, extractor: str, confidence: float = 0.8) -> Evidence:
        """Evidence for a fact found at [start, end): the whole sentence(s) containing it."""
        doc = self.doc
        first = doc.char_span(start, end, alignment_mode="expand")
        if first is None:  # offsets outside the doc: quote exactly what was given
            s, e = start, end
        else:
            s, e = first[0].sent.start_char, first[-1].sent.end_char
        text = self.article.text
        # the parser sometimes runs a sentence across a paragraph break: quote one paragraph only
        paragraph_start = text.rfind("\n\n", s, start)
        if paragraph_start != -1:
            s = paragraph_start + 2
        paragraph_end = text.find("\n\n", end, e)
        if paragraph_end != -1:
            e = paragraph_end
        while e > s and text[e - 1].isspace():
            e -= 1
        return Evidence(self.article.slug, text[s:e], s, e, extractor, confidence)

    def date(self, text: str) -> DateValue | None:
        """Normalise a date expression against the article's date (None when not fixed)."""
        from bordergraph.extract.dates import normalize_date

        return normalize_date(text, self.article.date)
