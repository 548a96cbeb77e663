"""The records that cross from ``extract`` to ``graph``: plain frozen dataclasses, no RDF.

Offsets are Unicode code points (Python ``str`` indices) into ``Article.text``, the
NFC-normalised cleaned text whose SHA-256 the article carries.  Actors are referred to by
``ActorRef`` (kind + canonical name) so that the graph layer can mint the same IRI for the same
real-world thing in every article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bordergraph.ontology.vocab import (
    ActorKind,
    DatePrecision,
    EventType,
    Factuality,
    Genre,
    Qualifier,
    Stance,
)


@dataclass(frozen=True)
class Article:
    """One cleaned article and what its text says about itself."""

    slug: str  # from the file stem; names the article's IRI and named graph
    source: str  # the file name it was read from
    text: str  # cleaned, NFC-normalised text; all offsets point into it
    sha256: str  # of ``text`` encoded as UTF-8
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    date: str | None = None  # ISO prefix: 2023, 2023-10 or 2023-10-11
    genre: Genre | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the exact sentence and its offsets in the article text."""

    article: str  # Article.slug
    sentence: str  # == article.text[begin:end]
    begin: int
    end: int
    extractor: str  # which rule or component produced the fact
    confidence: float = 0.8


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text allows: ``iso`` is the first day of the period."""

    iso: str  # YYYY-MM-DD
    precision: DatePrecision
    earliest: str  # YYYY-MM-DD
    latest: str  # YYYY-MM-DD
    text: str  # the wording ("Oct. 4", "last week")


@dataclass(frozen=True, order=True)
class ActorRef:
    """Identity of an actor after resolution: its kind and canonical name."""

    kind: ActorKind
    name: str


@dataclass
class Actor:
    """An actor as seen in one article: canonical identity plus every surface form used there."""

    ref: ActorRef
    aliases: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    wikidata: str | None = None  # Q-id, from the lexicon only


@dataclass(frozen=True)
class Place:
    """A city, state or region: a place, not an actor."""

    name: str
    aliases: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Post:
    """A person holding (or having held) a role in an organisation or country."""

    holder: ActorRef
    role: str
    post_in: ActorRef | None
    former: bool
    evidence: Evidence


@dataclass
class Agreement:
    name: str
    aliases: set[str]
    parties: list[ActorRef]
    date: DateValue | None
    evidence: list[Evidence]
    key: str | None = None  # its distinctive words: mentions in several articles share it (one node)


@dataclass
class Event:
    type: EventType
    label: str
    evidence: list[Evidence]
    date: DateValue | None = None
    place: Place | ActorRef | None = None
    agent: ActorRef | None = None
    target: ActorRef | None = None
    participants: list[ActorRef] = field(default_factory=list)
    factuality: Factuality = Factuality.ASSERTED
    key: str | None = None  # shared by reports of one incident in several articles


@dataclass
class Claim:
    claimant: ActorRef | None
    stance: Stance
    text: str  # the proposition as the claimant states it
    proposition: str  # positive form; claims with equal propositions meet on one node
    cue: str  # the reporting verb or "quote"
    direct_quote: bool
    evidence: Evidence
    about: list[ActorRef] = field(default_factory=list)
    about_agreements: list[str] = field(default_factory=list)
    date: DateValue | None = None


@dataclass(frozen=True)
class Quantity:
    value: float
    qualifier: Qualifier
    unit: str
    measure: str
    evidence: Evidence
    date: DateValue | None = None


@dataclass
class ArticleExtraction:
    """Everything extracted from one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
