"""Load the ontology, and check it (with an optional small ABox) for consistency with HermiT.

HermiT catches what SHACL cannot: disjointness (one IRI typed both bg:Person and
bg:Organization), functional and irreflexive properties, PROV's Entity/Activity split.  It is
slow on big graphs (about 4 s for 5k triples), so run it on the TBox plus a fixture or a sample,
never per article in the build.  owlready2 does not read Turtle and HermiT rejects ``xsd:date``,
so the check runs on a generated RDF/XML view with dates turned into ``xsd:dateTime``.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from bordergraph.errors import OntologyError
from bordergraph.ontology.loader import ontology_graph

ONTOLOGY_IRI = "https://w3id.org/bordergraph/ontology"

# HermiT runs for a second or two: C1-only JIT and the serial GC start faster and fight less for
# two cores (measured about 3x faster on a busy 2-core machine).  owlready2 builds the java
# command itself, so these go in through JAVA_TOOL_OPTIONS, which every JVM reads.
_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# Datatypes HermiT refuses ("not part of the OWL 2 datatype map") and how to widen each value.
_DATE_TYPES = {
    XSD.date: lambda lex: f"{lex[:10]}T00:00:00Z",
    XSD.gYear: lambda lex: f"{lex[:4]}-01-01T00:00:00Z",
    XSD.gYearMonth: lambda lex: f"{lex[:7]}-01T00:00:00Z",
}


@dataclass(frozen=True)
class ConsistencyReport:
    """What HermiT said: ``consistent`` is False when no model of the ontology + ABox exists."""

    consistent: bool
    message: str
    unsatisfiable: list[str] = field(default_factory=list)  # class IRIs equivalent to owl:Nothing
    seconds: float = 0.0

    def __bool__(self) -> bool:
        return self.consistent and not self.unsatisfiable


def load_ontology() -> Graph:
    """The ontology as an rdflib Graph: parsed once per process, each call returns a copy.

    :raises OntologyError: ``bordergraph.ttl`` is missing or does not parse.
    """
    copy = Graph()
    for prefix, namespace in ontology_graph().namespaces():
        copy.bind(prefix, namespace, override=True)
    for triple in ontology_graph():
        copy.add(triple)
    return copy


def reasoner_view(extra: Graph | None = None) -> Graph:
    """The ontology plus ``extra`` as HermiT can read it: date datatypes widened to xsd:dateTime.

    ``extra`` is typically a small ABox; its own ``owl:Ontology`` headers are dropped so that
    everything sits in one ontology.
    """
    view = load_ontology()
    if extra is not None:
        headers = set(extra.subjects(RDF.type, OWL.Ontology))
        for s, p, o in extra:
            if s not in headers:
                view.add((s, p, o))
    for s, p, o in list(view):
        if isinstance(o, Literal) and o.datatype in _DATE_TYPES:
            widened = Literal(_DATE_TYPES[o.datatype](str(o)), datatype=XSD.dateTime)
            view.remove((s, p, o))
            view.add((s, p, widened))
        elif isinstance(o, URIRef) and o in _DATE_TYPES:
            view.remove((s, p, o))
            view.add((s, p, XSD.dateTime))
    return view


def check_consistency(extra: Graph | None = None) -> ConsistencyReport:
    """Run HermiT over the ontology (plus ``extra``) in a fresh owlready2 World.

    :raises OntologyError: Java is not installed, the ontology file is missing, or HermiT failed
        for another reason than an inconsistency.

    >>> check_consistency().consistent  # doctest: +SKIP
    True
    """
    import owlready2  # heavy (SQLite quadstore, Java bridge): imported only when reasoning

    if shutil.which(owlready2.JAVA_EXE) is None:
        raise OntologyError(
            f"Java ({owlready2.JAVA_EXE!r}) not found: HermiT needs a JRE "
            "(e.g. apt-get install default-jre-headless)"
        )
    started = time.perf_counter()
    view = reasoner_view(extra)
    rdfxml = _without_imports(view).serialize(format="xml").encode("utf-8")

    world = owlready2.World()  # fresh: default_world is process-global
    try:
        world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(rdfxml), format="rdfxml")
        with _fast_jvm():
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ConsistencyReport(
            consistent=False,
            message="HermiT: inconsistent: no model satisfies the ontology and the data "
            "(e.g. an individual in two disjoint classes, or two values of a functional property)",
            seconds=time.perf_counter() - started,
        )
    except owlready2.OwlReadyJavaError as exc:
        raise OntologyError(f"HermiT failed: {_java_message(exc)}") from exc
    except owlready2.OwlReadyOntologyParsingError as exc:
        raise OntologyError(f"owlready2 could not load the reasoner view: {_java_message(exc)}") from exc
    else:
        unsatisfiable = sorted(
            cls.iri for cls in world.inconsistent_classes() if cls is not owlready2.Nothing
        )
    finally:
        world.close()
    message = "HermiT: consistent"
    if unsatisfiable:
        message += f", but {len(unsatisfiable)} classes are unsatisfiable: {', '.join(unsatisfiable)}"
    return ConsistencyReport(True, message, unsatisfiable, time.perf_counter() - started)


@contextmanager
def _fast_jvm() -> Iterator[None]:
    previous = os.environ.get("JAVA_TOOL_OPTIONS")
    os.environ["JAVA_TOOL_OPTIONS"] = f"{previous} {_JVM_OPTIONS}" if previous else _JVM_OPTIONS
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("JAVA_TOOL_OPTIONS", None)
        else:
            os.environ["JAVA_TOOL_OPTIONS"] = previous


def _without_imports(graph: Graph) -> Graph:
    """Drop stray ``owl:imports`` so nothing is fetched over the network while loading."""
    for s, o in list(graph.subject_objects(OWL.imports)):
        graph.remove((s, OWL.imports, o))
    return graph


def _java_message(exc: BaseException) -> str:
    """The message of a (often multi-line, Java) error, without JVM notices and stack frames."""
    noise = ("Java error message is", "Picked up JAVA_TOOL_OPTIONS", "NOTE: Picked up")
    kept = []
    for line in (line.strip() for line in str(exc).splitlines()):
        if line.startswith("at "):
            break
        if line and not line.startswith(noise):
            kept.append(line.removeprefix('Exception in thread "main" '))
    return " ".join(kept)[:500] or type(exc).__name__


__all__ = ["ConsistencyReport", "check_consistency", "load_ontology", "reasoner_view"]
