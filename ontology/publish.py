"""Publish the ontology as the files a semantic-web user expects to download.

``bordergraph.ttl`` stays the single source of truth; this writes beside a copy of it the
RDF/XML form (``bordergraph.owl``, checked to load into owlready2 and come back with the same
triples), the SHACL shapes, and a Markdown reference of classes, properties, enumerations,
event types and alignments generated from the Turtle, so the reference can never drift.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from bordergraph.errors import OntologyError
from bordergraph.ontology import ONTOLOGY_PATH, SHAPES_PATH
from bordergraph.ontology.namespaces import BG, PREFIXES


def load(source: Path = ONTOLOGY_PATH) -> Graph:
    """The ontology as an rdflib Graph.

    :raises OntologyError: the file is missing or is not valid Turtle.
    """
    g = Graph(bind_namespaces="core")
    try:
        g.parse(source, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise OntologyError(f"cannot read the ontology at {source}: {exc}") from exc
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    return g


def write_owl(dest: Path, source: Path = ONTOLOGY_PATH) -> Path:
    """Write the ontology as RDF/XML (what owlready2, Protégé and most OWL tools read)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    load(source).serialize(destination=str(dest), format="xml")
    return dest


def _plain(g: Graph) -> Graph:
    """``"x"^^xsd:string`` as ``"x"``: the same RDF 1.1 literal, spelled two ways by tools."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def check_owl_roundtrip(owl_path: Path, source: Path = ONTOLOGY_PATH) -> None:
    """Load ``owl_path`` into owlready2, save it back, and compare with the Turtle source.

    :raises OntologyError: owlready2 cannot load it, or the triples differ.
    """
    import owlready2

    world = owlready2.World()
    try:
        onto = world.get_ontology(Path(owl_path).resolve().as_uri()).load()
    except Exception as exc:  # owlready2 raises bare exceptions for parse errors
        raise OntologyError(f"owlready2 cannot load {owl_path}: {exc}") from exc
    buf = io.BytesIO()
    onto.save(file=buf, format="ntriples")
    back = Graph().parse(data=buf.getvalue().decode("utf-8"), format="nt")
    original = load(source)
    if not isomorphic(_plain(original), _plain(back)):
        raise OntologyError(
            f"{owl_path} does not round-trip through owlready2: {len(original)} triples in, {len(back)} out"
        )


# -- the Markdown reference --------------------------------------------------------------------
def _curie(g: Graph, term) -> str:
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if str(term).startswith(ns) and len(str(term)) > len(ns):
                return f"{prefix}:{str(term)[len(ns):]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return f'"{term}"'
    return _expr(g, term)


def _expr(g: Graph, node: BNode) -> str:
    """A class or datatype expression in words: unions, enumerations, intersections."""
    for pred, joiner in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
        members = g.value(node, pred)
        if members is not None:
            return "(" + joiner.join(_curie(g, m) for m in Collection(g, members)) + ")"
    members = g.value(node, OWL.oneOf)
    if members is not None:
        return "one of {" + ", ".join(_curie(g, m) for m in Collection(g, members)) + "}"
    return "(an anonymous class)"


def _text(g: Graph, node, *preds) -> str:
    for pred in preds:
        values = sorted(str(v) for v in g.objects(node, pred))
        if values:
            return " ".join(v.replace("\n", " ") for v in values)
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _terms(g: Graph, kind) -> list[URIRef]:
    return sorted(t for t in g.subjects(RDF.type, kind) if isinstance(t, URIRef) and t.startswith(str(BG)))


def _entry(g: Graph, term: URIRef, rows: list[tuple[str, object]]) -> list[str]:
    out = [f"### {_curie(g, term)}", ""]
    label, comment = _text(g, term, RDFS.label), _text(g, term, RDFS.comment, SKOS.definition)
    out.append(f"**{label or term.split('#')[-1]}** — {comment}" if comment else f"**{label}**")
    out.append("")
    for name, pred in rows:
        values = sorted(_curie(g, v) for v in g.objects(term, pred))
        if values:
            out.append(f"- {name}: " + ", ".join(f"`{v}`" for v in values))
    characteristics = sorted(
        _curie(g, t).split(":")[-1] for t in g.objects(term, RDF.type)
        if t in (OWL.FunctionalProperty, OWL.SymmetricProperty, OWL.TransitiveProperty,
                 OWL.InverseFunctionalProperty, OWL.IrreflexiveProperty, OWL.AsymmetricProperty)
    )
    if characteristics:
        out.append("- characteristics: " + ", ".join(characteristics))
    out.append("")
    return out


def reference_markdown(source: Path = ONTOLOGY_PATH) -> str:
    """A Markdown reference of the ontology: every bg term with its label, comment and axioms."""
    g = load(source)
    onto = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
    title = _text(g, onto, DCTERMS.title) or "bordergraph ontology"
    lines = [f"# {title}", "", "Generated from `bordergraph.ttl` by `bordergraph ontology`; do not edit.", ""]
    if onto is not None:
        lines += [f"- IRI: `{onto}`", f"- version: {_text(g, onto, OWL.versionInfo)}",
                  f"- namespace: `{BG}` (prefix `bg:`)"]
        licence = g.value(onto, DCTERMS.license)
        if licence is not None:
            lines.append(f"- licence: <{licence}>")
        lines += ["", _text(g, onto, DCTERMS.description), ""]
    lines += ["## Namespaces", "", "| prefix | namespace |", "|---|---|"]
    lines += [f"| `{p}:` | `{ns}` |" for p, ns in PREFIXES.items()]
    lines.append("")

    sections = [
        ("Classes", OWL.Class, [("subclass of", RDFS.subClassOf), ("equivalent to", OWL.equivalentClass),
                                ("disjoint with", OWL.disjointWith)]),
        ("Object properties", OWL.ObjectProperty, [("domain", RDFS.domain), ("range", RDFS.range),
                                                   ("subproperty of", RDFS.subPropertyOf),
                                                   ("inverse of", OWL.inverseOf)]),
        ("Datatype properties", OWL.DatatypeProperty, [("domain", RDFS.domain), ("range", RDFS.range),
                                                       ("subproperty of", RDFS.subPropertyOf)]),
        ("Annotation properties", OWL.AnnotationProperty, [("subproperty of", RDFS.subPropertyOf)]),
        ("Datatypes", RDFS.Datatype, [("equivalent to", OWL.equivalentClass)]),
    ]
    for heading, kind, rows in sections:
        terms = _terms(g, kind)
        if terms:
            lines += [f"## {heading}", ""]
            for term in terms:
                lines += _entry(g, term, rows)

    individuals = [t for t in _terms(g, OWL.NamedIndividual) if (t, RDF.type, SKOS.Concept) not in g
                   and (t, RDF.type, SKOS.ConceptScheme) not in g]
    if individuals:
        lines += ["## Enumerations", "", "| individual | of class | label | comment |", "|---|---|---|---|"]
        for t in individuals:
            classes = sorted(_curie(g, c) for c in g.objects(t, RDF.type) if c != OWL.NamedIndividual)
            lines.append(f"| `{_curie(g, t)}` | {', '.join(classes)} | {_cell(_text(g, t, RDFS.label))} "
                         f"| {_cell(_text(g, t, RDFS.comment))} |")
        lines.append("")

    for scheme in _terms(g, SKOS.ConceptScheme):
        concepts = sorted(c for c in g.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef))
        lines += [f"## {_text(g, scheme, SKOS.prefLabel, RDFS.label)} (`{_curie(g, scheme)}`)", "",
                  _text(g, scheme, RDFS.comment), "",
                  "| concept | label | CAMEO | PLOVER | definition |", "|---|---|---|---|---|"]
        for c in concepts:
            lines.append(
                f"| `{_curie(g, c)}` | {_cell(_text(g, c, SKOS.prefLabel, RDFS.label))} "
                f"| {_cell(_text(g, c, SKOS.notation))} | {_cell(_text(g, c, BG.ploverType))} "
                f"| {_cell(_text(g, c, SKOS.definition, RDFS.comment))} |"
            )
        lines.append("")

    lines += ["## Alignments", "", "Where each bordergraph term meets a published vocabulary.", "",
              "| term | relation | external term |", "|---|---|---|"]
    for pred, name in ((RDFS.subClassOf, "subclass of"), (RDFS.subPropertyOf, "subproperty of"),
                       (OWL.equivalentClass, "equivalent class"), (OWL.equivalentProperty, "equivalent property"),
                       (SKOS.exactMatch, "exact match"), (SKOS.closeMatch, "close match")):
        for s, o in sorted(g.subject_objects(pred)):
            if isinstance(s, URIRef) and s.startswith(str(BG)) and isinstance(o, URIRef) \
                    and not o.startswith(str(BG)):
                lines.append(f"| `{_curie(g, s)}` | {name} | `{_curie(g, o)}` |")
    lines.append("")
    return "\n".join(lines)


def publish(out_dir: Path, *, source: Path = ONTOLOGY_PATH, shapes: Path = SHAPES_PATH) -> dict[str, Path]:
    """Write ``bordergraph.ttl``, ``bordergraph.owl``, ``shapes.ttl`` and ``reference.md`` into ``out_dir``.

    The ``.owl`` file is checked to round-trip through owlready2 before this returns.

    :raises OntologyError: the ontology does not load or does not round-trip.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {"ttl": out / "bordergraph.ttl", "owl": out / "bordergraph.owl",
             "shapes": out / "shapes.ttl", "reference": out / "reference.md"}
    load(source)  # fail early, with one message, on a broken source
    shutil.copyfile(source, files["ttl"])
    write_owl(files["owl"], source)
    check_owl_roundtrip(files["owl"], source)
    shutil.copyfile(shapes, files["shapes"])
    files["reference"].write_text(reference_markdown(source), encoding="utf-8")
    return files
