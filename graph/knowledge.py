"""``KnowledgeGraph``: the read-only Python face of a built store, one method per CLI command.

>>> import bordergraph
>>> with bordergraph.open(".bordergraph/store") as kg:                          # doctest: +SKIP
...     kg.run_saved("actor-profile", actor="López Obrador").column("label")
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bordergraph.errors import QueryError
from bordergraph.graph.describe import ResourceView, describe, resource_view
from bordergraph.graph.query import QueryResult, run_query
from bordergraph.graph.saved import SavedQuery, get_saved, saved_queries
from bordergraph.graph.store import DEFAULT_STORE, GraphStore


class KnowledgeGraph:
    """A store opened read-only for querying (many readers may share one store).

    ``query`` ↔ ``bordergraph query``, ``run_saved`` ↔ ``bordergraph query --saved``,
    ``saved_queries`` ↔ ``bordergraph queries``.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path | None = DEFAULT_STORE) -> "KnowledgeGraph":
        """Open the store at ``path`` read-only (``None``: an empty in-memory store).

        :raises StoreMissingError: nothing has been built at ``path``.
        :raises StoreLockedError: the store cannot be opened because another process holds it.
        """
        return cls(GraphStore.open(path, read_only=path is not None))

    @property
    def path(self) -> Path | None:
        return self.store.path

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run any read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).

        Common prefixes (bg, rdfs, skos, prov, schema, dcterms, ...) are predeclared; values in
        ``bindings`` are bound as terms (str → literal; use ``rdflib.URIRef`` for an IRI).
        """
        return run_query(self.store, sparql, bindings=bindings, timeout=timeout, limit=limit)

    def construct(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """A CONSTRUCT or DESCRIBE query; ``.graph()`` on the result gives an ``rdflib.Graph``.

        :raises QueryError: the query is not a CONSTRUCT or DESCRIBE.
        """
        result = self.query(sparql, bindings=bindings, timeout=timeout, limit=limit)
        if result.kind != "construct":
            raise QueryError(f"construct() needs a CONSTRUCT or DESCRIBE query, this one is {result.kind.upper()}")
        return result

    def describe(self, iri: str, *, timeout: float | None = None, limit: int | None = 10_000) -> QueryResult:
        """Triples about ``iri``: its own, those pointing at it, and its evidence sentences."""
        return describe(self.store, str(iri), timeout=timeout, limit=limit)

    def resource(self, iri: str) -> ResourceView:
        """Labels, types, links out and in, and evidence of ``iri`` as plain data."""
        return resource_view(self.store, str(iri))

    def saved_queries(self) -> list[SavedQuery]:
        """The shipped saved queries (one per competency question)."""
        return saved_queries()

    def run_saved(self, name: str, /, *, timeout: float | None = None, limit: int | None = None,
                  **params: Any) -> QueryResult:
        """Run the saved query ``name`` with its parameters bound as terms.

        :raises ParameterError: unknown query, or a missing or unknown parameter.
        """
        saved = get_saved(name)
        return run_query(self.store, saved.sparql, bindings=saved.bindings(params), timeout=timeout, limit=limit)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.path) if self.path else ':memory:'!r})"
