"""The published ontology files: OWL that round-trips through owlready2 and a generated reference."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from bordergraph.errors import OntologyError
from bordergraph.ontology import ONTOLOGY_PATH
from bordergraph.ontology.namespaces import BG
from bordergraph.ontology.publish import _plain, check_owl_roundtrip, publish, reference_markdown
from bordergraph.ontology.vocab import EventType


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return publish(tmp_path_factory.mktemp("onto"))


def test_owl_file_holds_the_same_triples_as_the_turtle(published):
    from rdflib.compare import isomorphic

    owl = Graph().parse(published["owl"], format="xml")
    assert isomorphic(_plain(owl), _plain(Graph().parse(ONTOLOGY_PATH)))


def test_rapper_reads_the_owl_file(published):
    if shutil.which("rapper") is None:
        pytest.skip("rapper not installed (apt-get install raptor2-utils)")
    run = subprocess.run(["rapper", "-i", "rdfxml", "-c", str(published["owl"])], capture_output=True, text=True)
    assert run.returncode == 0 and "error" not in run.stderr.lower(), run.stderr
    assert f"returned {len(Graph().parse(ONTOLOGY_PATH))} triples" in run.stderr


def test_a_lossy_owl_file_fails_the_round_trip(published, tmp_path):
    g = Graph().parse(published["owl"], format="xml")
    g.remove((BG.Person, RDFS.subClassOf, None))
    lossy = tmp_path / "lossy.owl"
    g.serialize(lossy, format="xml")
    with pytest.raises(OntologyError, match="round-trip"):
        check_owl_roundtrip(lossy)


def test_reference_documents_every_term_and_alignment():
    text = reference_markdown()
    onto = Graph().parse(ONTOLOGY_PATH)
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in onto.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and term.startswith(str(BG)):
                assert f"### bg:{term[len(BG):]}" in text
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| `bg:")}
    for event in EventType:
        notation = onto.value(BG[event.value], SKOS.notation)  # some types have no CAMEO code
        assert f"| {notation or ''} |" in rows[f"`bg:{event.value}`"]
    assert "| `bg:Event` | subclass of | `sem:Event` |" in text


def test_cli_publishes_the_files_and_the_jsonld_context(tmp_path):
    from bordergraph.cli import main
    from bordergraph.graph.export import jsonld_context

    result = CliRunner().invoke(main, ["publish-ontology", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} >= {"bordergraph.ttl", "bordergraph.owl", "shapes.ttl",
                                                     "reference.md", "context.jsonld"}
    assert json.loads((tmp_path / "context.jsonld").read_text()) == jsonld_context()
    assert len(Graph().parse(tmp_path / "shapes.ttl")) > 0
