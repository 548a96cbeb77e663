"""The bordergraph ontology: the OWL file, the SHACL shapes, and code that loads and checks them."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY_PATH = HERE / "bordergraph.ttl"
SHAPES_PATH = HERE / "shapes.ttl"
