"""bordergraph.ttl keeps the ontology contract: every term documented, aligned, and in sync with vocab."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, Namespace

from bordergraph.ontology import ONTOLOGY_PATH, vocab
from bordergraph.ontology.namespaces import BG, ORG, PREFIXES, SCHEMA, SEM

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest probes it

PROV = URIRef("http://www.w3.org/ns/prov#")
PROV_ENTITY = URIRef(PROV + "Entity")
PROV_ACTIVITY = URIRef(PROV + "Activity")
PROV_AGENT = URIRef(PROV + "Agent")
FOAF_AGENT = URIRef("http://xmlns.com/foaf/0.1/Agent")
NS = str(BG)

# The ontology contract (design.md section 3): these names must not change.
CONTRACT_CLASSES = [
    "Article", "Actor", "Person", "Organization", "GovernmentBody", "CriminalOrganization",
    "Country", "Place", "Post", "Agreement", "Event", "Claim", "Proposition", "Quantity",
    "Evidence", "Stance", "DatePrecision", "Factuality",
]  # fmt: skip
CONTRACT_PROPERTIES = [
    "sourceFile", "genre", "textSha256", "mentionedIn", "holder", "role", "postIn", "former",
    "party", "date", "datePrecision", "earliest", "latest", "timeText", "eventType", "place",
    "participant", "agent", "target", "factuality", "claimant", "stance", "claimText",
    "proposition", "cue", "isDirectQuote", "about", "contradicts", "supports", "value",
    "qualifier", "unit", "measure", "evidence", "inArticle", "sentence", "beginIndex",
    "endIndex", "confidence", "extractor",
]  # fmt: skip
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "DEMAND", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT",
}  # fmt: skip
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def bg_subjects(g: Graph, kind: URIRef) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(NS)}


def superclasses(g: Graph, cls: URIRef) -> set[URIRef]:
    return set(g.transitive_objects(cls, RDFS.subClassOf)) - {cls}


def english(g: Graph, node: URIRef, predicate: URIRef) -> list[str]:
    return [str(o) for o in g.objects(node, predicate) if isinstance(o, Literal) and o.language == "en"]


def one_of(g: Graph, named: URIRef) -> list:
    """Members of the owl:oneOf list of the anonymous class/datatype equivalent to ``named``."""
    for equivalent in g.objects(named, OWL.equivalentClass):
        members = g.value(equivalent, OWL.oneOf)
        if members is not None:
            return list(Collection(g, members))
    return []


def test_header_names_version_license_and_creator(onto):
    header = URIRef("https://w3id.org/bordergraph/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(header, OWL.versionInfo)) == "0.1.0"
    assert onto.value(header, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT")
    assert str(onto.value(header, DCTERMS.creator)) == "bordergraph"
    assert english(onto, header, DCTERMS.title) and english(onto, header, DCTERMS.description)
    assert not list(onto.objects(header, OWL.imports)), "stubs only: nothing imported"


def test_contract_classes_and_properties_exist(onto):
    classes = bg_subjects(onto, OWL.Class)
    properties = set().union(*(bg_subjects(onto, kind) for kind in PROPERTY_KINDS))
    assert {BG[c] for c in CONTRACT_CLASSES} <= classes
    assert {BG[p] for p in CONTRACT_PROPERTIES} <= properties


def test_every_class_and_property_is_documented_in_english(onto):
    terms = bg_subjects(onto, OWL.Class) | bg_subjects(onto, RDFS.Datatype)
    for kind in PROPERTY_KINDS:
        terms |= bg_subjects(onto, kind)
    undocumented = [
        t for t in terms if not english(onto, t, RDFS.label) or not english(onto, t, RDFS.comment)
    ]
    assert not undocumented


def test_every_property_has_a_domain_and_a_range(onto):
    for kind in PROPERTY_KINDS:
        for prop in bg_subjects(onto, kind):
            assert onto.value(prop, RDFS.domain) is not None, prop
            assert onto.value(prop, RDFS.range) is not None, prop


def test_every_external_term_used_in_an_axiom_is_declared(onto):
    """Alignments point at declared stubs, so OWL tools do not have to guess what they are."""
    used = set()
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.disjointWith):
        used |= {o for o in onto.objects(None, predicate) if isinstance(o, URIRef)}
    external = {t for t in used if not t.startswith(NS) and not t.startswith(str(XSD))}
    assert external, "the ontology aligns to external vocabularies"
    assert not [t for t in external if (t, RDF.type, None) not in onto]


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        ("Article", {SCHEMA.NewsArticle, PROV_ENTITY}),
        ("Actor", {PROV_AGENT, FOAF_AGENT}),
        ("Person", {BG.Actor, SCHEMA.Person}),
        ("Organization", {BG.Actor, ORG.Organization}),
        ("GovernmentBody", {BG.Organization, SCHEMA.GovernmentOrganization}),
        ("CriminalOrganization", {BG.Organization}),
        ("Country", {BG.Actor, BG.Place, SCHEMA.Country}),
        ("Place", {SCHEMA.Place}),
        ("Post", {ORG.Post}),
        ("Agreement", {SCHEMA.CreativeWork}),
        ("Event", {SEM.Event, SCHEMA.Event, PROV_ENTITY}),
        ("Claim", {SCHEMA.Claim}),
        ("Quantity", {SCHEMA.QuantitativeValue}),
        ("Evidence", {PROV_ENTITY}),
    ],
)
def test_contract_alignments(onto, cls, expected):
    assert expected <= superclasses(onto, BG[cls])


def test_no_class_is_a_prov_activity(onto):
    """PROV makes Activity and Entity disjoint, and facts carry prov:wasDerivedFrom."""
    for cls in bg_subjects(onto, OWL.Class):
        assert PROV_ACTIVITY not in superclasses(onto, cls), cls


def test_person_is_disjoint_with_organization_and_country(onto):
    assert {BG.Organization, BG.Country} <= set(onto.objects(BG.Person, OWL.disjointWith))


def test_property_alignments_and_characteristics(onto):
    assert (BG.agent, RDFS.subPropertyOf, BG.participant) in onto
    assert (BG.target, RDFS.subPropertyOf, BG.participant) in onto
    assert (BG.contradicts, RDF.type, OWL.SymmetricProperty) in onto
    assert (BG.stance, RDF.type, OWL.FunctionalProperty) in onto
    # org:postIn's range would make every country an organisation
    assert not list(onto.subjects(RDFS.subPropertyOf, ORG.postIn))


@pytest.mark.parametrize(
    ("prop", "range_"),
    [
        ("date", XSD.date), ("earliest", XSD.date), ("latest", XSD.date), ("value", XSD.decimal),
        ("beginIndex", XSD.integer), ("endIndex", XSD.integer), ("confidence", XSD.decimal),
        ("former", XSD.boolean), ("isDirectQuote", XSD.boolean), ("stance", BG.Stance),
        ("factuality", BG.Factuality), ("datePrecision", BG.DatePrecision), ("holder", BG.Person),
        ("claimant", BG.Actor), ("inArticle", BG.Article), ("evidence", BG.Evidence),
        ("eventType", SKOS.Concept), ("proposition", BG.Proposition),
    ],
)  # fmt: skip
def test_contract_ranges(onto, prop, range_):
    assert onto.value(BG[prop], RDFS.range) == range_


@pytest.mark.parametrize("enum", [vocab.Stance, vocab.DatePrecision, vocab.Factuality])
def test_enumerations_match_vocab_both_ways(onto, enum):
    cls = BG[enum.__name__]
    members = {m for m in onto.subjects(RDF.type, cls)}
    assert members == {BG[v.value] for v in enum}
    assert set(one_of(onto, cls)) == members, "the class is closed over exactly these individuals"
    for member in members:
        assert (member, RDF.type, OWL.NamedIndividual) in onto
        assert english(onto, member, RDFS.label) and english(onto, member, RDFS.comment)


def test_actor_kinds_are_actor_classes(onto):
    for kind in vocab.ActorKind:
        assert (BG[kind.value], RDF.type, OWL.Class) in onto
        assert BG.Actor in superclasses(onto, BG[kind.value])


@pytest.mark.parametrize(("enum", "prop"), [(vocab.Qualifier, "qualifier"), (vocab.Genre, "genre")])
def test_literal_enumerations_are_the_range_of_their_property(onto, enum, prop):
    datatype = onto.value(BG[prop], RDFS.range)
    assert (datatype, RDF.type, RDFS.Datatype) in onto
    assert {str(v) for v in one_of(onto, datatype)} == {v.value for v in enum}


def test_event_types_form_the_scheme_and_match_vocab(onto):
    concepts = set(onto.subjects(SKOS.inScheme, BG.EventTypes))
    assert (BG.EventTypes, RDF.type, SKOS.ConceptScheme) in onto
    assert concepts == {BG[t.value] for t in vocab.EventType}
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in onto
        words = re.sub(r"(?<!^)(?=[A-Z])", " ", concept[len(NS):]).lower()
        assert english(onto, concept, SKOS.prefLabel) == [words]
        assert english(onto, concept, SKOS.definition)


def test_event_types_carry_cameo_codes_and_plover_types(onto):
    concepts = list(onto.subjects(SKOS.inScheme, BG.EventTypes))
    for concept in concepts:
        for code in onto.objects(concept, SKOS.notation):
            assert re.fullmatch(r"\d{3,4}", str(code)), (concept, code)
        for plover in onto.objects(concept, BG.ploverType):
            assert str(plover) in PLOVER_TYPES, (concept, plover)
    coded = [c for c in concepts if onto.value(c, SKOS.notation) is not None]
    assert len(coded) >= len(concepts) - 2, "only types CAMEO lacks may go without a code"
    uncoded = set(concepts) - set(coded)
    assert all(english(onto, c, RDFS.comment) for c in uncoded), "say why a code is missing"
    assert str(onto.value(BG.Arrest, SKOS.notation)) == "173"
    assert str(onto.value(BG.Arrest, BG.ploverType)) == "COERCE"
    assert str(onto.value(BG.Meeting, BG.ploverType)) == "CONSULT"


def test_turtle_prefixes_agree_with_the_python_prefixes():
    declared = dict(re.findall(r"@prefix\s+(\w+):\s+<([^>]+)>", ONTOLOGY_PATH.read_text("utf-8")))
    shared = declared.keys() & PREFIXES.keys()
    assert {"bg", "schema", "sem", "org", "prov"} <= shared
    assert {p: declared[p] for p in shared} == {p: PREFIXES[p] for p in shared}
