"""Parse the bundled Turtle files once per process.

The graphs returned here are shared: treat them as read-only (``reasoning.load_ontology``
hands out a copy for callers that want to change theirs).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from bordergraph.errors import OntologyError
from bordergraph.ontology import ONTOLOGY_PATH, SHAPES_PATH


def _parse(path: Path, what: str) -> Graph:
    if not path.is_file():
        raise OntologyError(f"{what} not found: {path}; reinstall bordergraph")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser error types
        raise OntologyError(f"cannot parse {path.name}: {exc}") from exc


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """``bordergraph.ttl`` (shared, read-only)."""
    return _parse(ONTOLOGY_PATH, "ontology file")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """``shapes.ttl`` (shared, read-only)."""
    return _parse(SHAPES_PATH, "SHACL shapes file")
