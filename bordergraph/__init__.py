"""bordergraph: articles in, a provenance-tracked RDF knowledge graph out."""

from bordergraph import errors
from bordergraph.api import (
    BuildReport,
    analyze,
    build,
    evaluate,
    export,
    extract_records,
    open,
    publish_ontology,
    push,
    saved_queries,
    serve,
    stats,
    view,
)

__version__ = "0.1.0"

__all__ = sorted(["BuildReport", "__version__", "analyze", "build", "errors", "evaluate", "export", "extract_records", "open",
                  "publish_ontology", "push", "saved_queries", "serve", "stats", "view"])
