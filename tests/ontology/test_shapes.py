"""SHACL: a well-formed graph conforms; each missing or malformed required thing is reported on its path."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from bordergraph.ontology.namespaces import BG
from bordergraph.ontology.validation import ValidationReport, validate

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest probes it
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
VALID = Path(__file__).parent / "data" / "valid.ttl"
ID = Namespace("https://w3id.org/bordergraph/id/")
FACT = Namespace(ID["fact/"])
EV = Namespace(ID["evidence/"])


@pytest.fixture
def graph() -> Graph:
    return Graph().parse(VALID, format="turtle")


def paths_for(report: ValidationReport, focus: URIRef) -> set:
    return {v.path for v in report.violations if v.focus == focus}


def test_the_valid_fixture_conforms(graph):
    report = validate(graph)
    assert report.conforms, report.text
    assert report.violations == []


def test_validate_leaves_the_data_graph_unchanged(graph):
    before = Graph().parse(VALID, format="turtle")
    graph.remove((FACT["claim-1"], BG.stance, None))
    validate(graph)
    before.remove((FACT["claim-1"], BG.stance, None))
    assert isomorphic(graph, before)


def test_claim_without_stance(graph):
    graph.remove((FACT["claim-1"], BG.stance, None))
    report = validate(graph)
    assert not report.conforms
    assert paths_for(report, FACT["claim-1"]) == {BG.stance}


def test_claim_with_a_stance_outside_the_enumeration(graph):
    graph.set((FACT["claim-1"], BG.stance, BG.Asserted))  # a factuality, not a stance
    assert paths_for(validate(graph), FACT["claim-1"]) == {BG.stance}


def test_evidence_without_sentence(graph):
    graph.remove((EV.s1, BG.sentence, None))
    report = validate(graph)
    assert not report.conforms
    assert paths_for(report, EV.s1) == {BG.sentence}


def test_evidence_with_reversed_offsets(graph):
    graph.set((EV.s1, BG.beginIndex, Literal(100)))
    assert paths_for(validate(graph), EV.s1) == {BG.beginIndex}


def test_evidence_with_negative_offset_or_confidence_above_one(graph):
    graph.set((EV.s1, BG.beginIndex, Literal(-1)))
    graph.set((EV.s2, BG.confidence, Literal("1.5", datatype=XSD.decimal)))
    report = validate(graph)
    assert paths_for(report, EV.s1) == {BG.beginIndex}
    assert paths_for(report, EV.s2) == {BG.confidence}


def test_event_without_evidence(graph):
    graph.remove((FACT["event-1"], BG.evidence, None))
    report = validate(graph)
    assert not report.conforms
    assert paths_for(report, FACT["event-1"]) == {BG.evidence}


def test_event_without_source_article(graph):
    graph.remove((FACT["event-1"], PROV_DERIVED, None))
    assert paths_for(validate(graph), FACT["event-1"]) == {PROV_DERIVED}


def test_event_with_unknown_event_type(graph):
    graph.set((FACT["event-1"], BG.eventType, URIRef(str(BG) + "Picnic")))
    assert paths_for(validate(graph), FACT["event-1"]) == {BG.eventType}


def test_dated_event_needs_its_precision(graph):
    graph.remove((FACT["event-1"], BG.datePrecision, None))
    assert paths_for(validate(graph), FACT["event-1"]) == {BG.datePrecision}


def test_undated_event_needs_no_precision(graph):
    for prop in (BG.date, BG.datePrecision, BG.earliest, BG.latest, BG.timeText):
        graph.remove((FACT["event-1"], prop, None))
    assert validate(graph).conforms


def test_gyear_is_refused_as_a_date(graph):
    graph.set((FACT["agreement-1"], BG.date, Literal("2021", datatype=XSD.gYear)))
    assert paths_for(validate(graph), FACT["agreement-1"]) == {BG.date}


def test_quantity_with_non_numeric_value(graph):
    graph.set((FACT["quantity-1"], BG.value, Literal("seventy thousand")))
    report = validate(graph)
    assert not report.conforms
    assert paths_for(report, FACT["quantity-1"]) == {BG.value}


@pytest.mark.parametrize(
    "value",
    [Literal("70000", datatype=XSD.integer), Literal("70000.5", datatype=XSD.decimal)],
    ids=["integer", "decimal"],
)
def test_quantity_value_may_be_integer_or_decimal(graph, value):
    """pyoxigraph may hand a decimal back as an integer: both are numbers here."""
    graph.set((FACT["quantity-1"], BG.value, value))
    assert validate(graph).conforms


def test_quantity_qualifier_outside_the_four_values(graph):
    graph.set((FACT["quantity-1"], BG.qualifier, Literal("more than")))
    assert paths_for(validate(graph), FACT["quantity-1"]) == {BG.qualifier}


def test_typed_string_qualifier_is_the_same_literal(graph):
    """RDF 1.1: "exact" and "exact"^^xsd:string are one literal; stores may return either."""
    graph.set((FACT["quantity-1"], BG.qualifier, Literal("exact", datatype=XSD.string)))
    assert validate(graph).conforms


def test_subclass_instances_are_checked_by_the_actor_shape(graph):
    """A node typed only bg:Person is an Actor: the shape reaches it through the ontology."""
    jane = ID["person/jane-roe"]
    graph.add((jane, RDFS.label, Literal("J. Roe")))
    graph.remove((jane, BG.mentionedIn, None))
    assert paths_for(validate(graph), jane) == {RDFS.label, BG.mentionedIn}


def test_post_holder_must_be_a_person(graph):
    graph.set((FACT["post-1"], BG.holder, ID["country/mexico"]))
    assert paths_for(validate(graph), FACT["post-1"]) == {BG.holder}


def test_article_needs_its_text_hash(graph):
    article = ID["article/sample"]
    graph.set((article, BG.textSha256, Literal("not-a-hash")))
    assert paths_for(validate(graph), article) == {BG.textSha256}


def test_violations_carry_readable_messages(graph):
    graph.remove((FACT["claim-1"], BG.stance, None))
    (violation,) = validate(graph).violations
    assert "stance" in violation.message
