"""bordergraph: articles in, a provenance-tracked RDF knowledge graph out."""

from bordergraph import errors
from bordergraph.api import (
    BuildReport,
    analyze,
    build,
    export,
    open,
    publish_ontology,
    push,
    saved_queries,
    serve,
    stats,
    view,
)

__version__ = "0.1.0"

__all__ = sorted(["BuildReport", "__version__", "analyze", "build", "errors", "export", "open", "publish_ontology", "push",
                  "saved_queries", "serve", "stats", "view"])
