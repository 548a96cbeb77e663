"""HermiT really runs: the ontology and a valid ABox are consistent, and contradictions are caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bordergraph.errors import OntologyError
from bordergraph.ontology import loader
from bordergraph.ontology.namespaces import BG
from bordergraph.ontology.reasoning import check_consistency, load_ontology, reasoner_view

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest probes it
VALID = Path(__file__).parent / "data" / "valid.ttl"
ID = Namespace("https://w3id.org/bordergraph/id/")
PROV_ACTIVITY = URIRef("http://www.w3.org/ns/prov#Activity")


@pytest.fixture
def abox() -> Graph:
    return Graph().parse(VALID, format="turtle")


def test_ontology_with_a_valid_abox_is_consistent(abox):
    """Also covers the TBox alone; the fixture's xsd:date literals must be widened for HermiT."""
    report = check_consistency(abox)
    assert report.consistent, report.message
    assert report.unsatisfiable == []


def test_person_that_is_also_an_organization_is_inconsistent(abox):
    """A resolver that types one IRI as both must be caught: proves the reasoner actually runs."""
    abox.add((ID["person/jane-roe"], RDF.type, BG.Organization))
    report = check_consistency(abox)
    assert not report.consistent
    assert "inconsistent" in report.message


def test_event_typed_as_prov_activity_is_inconsistent(abox):
    abox.add((ID["fact/event-1"], RDF.type, PROV_ACTIVITY))
    assert not check_consistency(abox).consistent


def test_claim_with_two_stances_is_inconsistent(abox):
    abox.add((ID["fact/claim-1"], BG.stance, BG.Asserts))  # it already Denies
    assert not check_consistency(abox).consistent


def test_unsatisfiable_class_is_reported_without_making_the_data_inconsistent():
    extra = Graph()
    hybrid = URIRef("https://example.org/PersonOrganization")
    extra.add((hybrid, RDF.type, OWL.Class))
    extra.add((hybrid, RDFS.subClassOf, BG.Person))
    extra.add((hybrid, RDFS.subClassOf, BG.Organization))
    report = check_consistency(extra)
    assert report.consistent
    assert report.unsatisfiable == [str(hybrid)]
    assert not report


def test_reasoner_view_has_no_date_datatype_left(abox):
    view = reasoner_view(abox)
    datatypes = {o.datatype for o in view.objects() if isinstance(o, Literal)}
    ranges = set(view.objects(BG.date, None))
    assert XSD.date not in datatypes and XSD.gYear not in datatypes
    assert XSD.dateTime in datatypes and XSD.dateTime in ranges
    widened = Literal("2023-10-05T00:00:00Z", datatype=XSD.dateTime)
    assert set(view.objects(ID["fact/event-1"], BG.date)) == {widened}


def test_load_ontology_returns_an_independent_copy():
    first = load_ontology()
    size = len(first)
    first.add((BG.Claim, BG.cue, Literal("scribble")))
    assert len(load_ontology()) == size


def test_a_datatype_hermit_cannot_handle_is_an_ontology_error_naming_it():
    extra = Graph()
    extra.add((ID["fact/event-1"], BG.timeText, Literal("05", datatype=XSD.gDay)))
    with pytest.raises(OntologyError, match="gDay"):
        check_consistency(extra)


def test_missing_java_is_a_clear_ontology_error(monkeypatch):
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    with pytest.raises(OntologyError, match="Java"):
        check_consistency()


def test_missing_ontology_file_is_a_clear_ontology_error(monkeypatch, tmp_path):
    monkeypatch.setattr(loader, "ONTOLOGY_PATH", tmp_path / "missing.ttl")
    loader.ontology_graph.cache_clear()
    try:
        with pytest.raises(OntologyError, match="not found"):
            load_ontology()
    finally:
        monkeypatch.undo()
        loader.ontology_graph.cache_clear()
