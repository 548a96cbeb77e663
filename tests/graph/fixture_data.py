"""A small hand-written dataset for export and push tests, independent of the extractors.

Two articles' records go through the real graph builder, so the quads have the shapes the
build writes; they carry what round trips tend to break: accented labels (López, Bárcena,
Culiacán), quotes and a line break inside an evidence sentence, a language-tagged label and an
IRI with accents in it.
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from bordergraph.extract.records import (
    Actor,
    ActorRef,
    Article,
    ArticleExtraction,
    Claim,
    DateValue,
    Event,
    Evidence,
    Place,
    Post,
)
from bordergraph.ontology.namespaces import BG, GRAPH
from bordergraph.ontology.vocab import ActorKind, DatePrecision, EventType, Stance

AMLO = ActorRef(ActorKind.PERSON, "Andrés Manuel López Obrador")
BARCENA = ActorRef(ActorKind.PERSON, "Alicia Bárcena")
BLINKEN = ActorRef(ActorKind.PERSON, "Antony Blinken")
MEXICO = ActorRef(ActorKind.COUNTRY, "Mexico")
USA = ActorRef(ActorKind.COUNTRY, "United States")
CARTEL = ActorRef(ActorKind.CRIMINAL_ORGANIZATION, "Sinaloa Cartel")

QUOTE_SENTENCE = 'López Obrador said: "Fentanyl is not produced in Mexico,"\nand Bárcena agreed.'
SPANISH_LABEL = Literal("Cártel de Sinaloa", lang="es")
ACCENTED_IRI = URIRef("https://w3id.org/bordergraph/id/place/culiacán-sinaloa")
EXTRA_GRAPH = GRAPH["labels-es"]


def _article(slug: str, text: str, title: str) -> Article:
    return Article(slug=slug, source=f"{slug}.txt", text=text,
                   sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), title=title,
                   authors=("Ana Pérez",), date="2023-10-05")


def _ev(article: Article, sentence: str, extractor: str = "fixture") -> Evidence:
    begin = article.text.index(sentence)
    return Evidence(article.slug, sentence, begin, begin + len(sentence), extractor, 0.9)


def extractions() -> list[ArticleExtraction]:
    """Two articles' worth of records; the second shares actors with the first."""
    t1 = ("Opinion. " + QUOTE_SENTENCE + " Antony Blinken met Alicia Bárcena in Culiacán on Oct. 5, 2023. "
          "Alicia Bárcena is Mexico's foreign secretary.")
    a1 = _article("fx-one", t1, "Fentanyl «debate» in Culiacán")
    t2 = "News. The Sinaloa Cartel was named by the United States. López Obrador denied it."
    a2 = _article("fx-two", t2, "Cartel designation")
    day = DateValue("2023-10-05", DatePrecision.DAY, "2023-10-05", "2023-10-05", "Oct. 5, 2023")
    ex1 = ArticleExtraction(
        article=a1,
        actors=[Actor(AMLO, {"López Obrador"}, [_ev(a1, QUOTE_SENTENCE)]),
                Actor(BARCENA, {"Bárcena"}), Actor(BLINKEN), Actor(MEXICO)],
        places=[Place("Culiacán")],
        posts=[Post(BARCENA, "foreign secretary", MEXICO, False,
                    _ev(a1, "Alicia Bárcena is Mexico's foreign secretary."))],
        events=[Event(EventType.MEETING, "Blinken meets Bárcena",
                      [_ev(a1, "Antony Blinken met Alicia Bárcena in Culiacán on Oct. 5, 2023.")],
                      date=day, place=Place("Culiacán"), participants=[BLINKEN, BARCENA])],
        claims=[Claim(AMLO, Stance.DENIES, "Fentanyl is not produced in Mexico",
                      "fentanyl is produced in Mexico", "said", True, _ev(a1, QUOTE_SENTENCE),
                      about=[MEXICO])],
    )
    ex2 = ArticleExtraction(
        article=a2,
        actors=[Actor(CARTEL, {"Sinaloa Cartel"}), Actor(USA), Actor(AMLO, {"López Obrador"})],
        events=[Event(EventType.DESIGNATION, "United States names the Sinaloa Cartel",
                      [_ev(a2, "The Sinaloa Cartel was named by the United States.")],
                      agent=USA, target=CARTEL)],
        claims=[Claim(AMLO, Stance.DENIES, "it", "the cartel was named", "denied", False,
                      _ev(a2, "López Obrador denied it."))],
    )
    return [ex1, ex2]


def extra_graph() -> Graph:
    """A graph the builder does not make: a language-tagged label and an IRI with accents."""
    g = Graph(identifier=EXTRA_GRAPH)
    cartel = URIRef("https://w3id.org/bordergraph/id/criminal-organization/sinaloa-cartel")
    g.add((cartel, SKOS.altLabel, SPANISH_LABEL))
    g.add((cartel, SKOS.altLabel, Literal("Sinaloa Cartel", lang="en")))
    g.add((ACCENTED_IRI, RDF.type, BG.Place))
    g.add((ACCENTED_IRI, RDFS.label, Literal("Culiacán, Sinaloa")))
    return g


def fill(gs) -> None:
    """Write the fixture dataset into an open, writable GraphStore."""
    from bordergraph.graph.load import write_extractions

    write_extractions(gs, extractions(), validate=False)
    gs.replace_graph(EXTRA_GRAPH, extra_graph())
