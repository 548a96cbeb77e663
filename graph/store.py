"""The embedded persistent store: Oxigraph (pyoxigraph) on disk, one named graph per article.

Why pyoxigraph directly: loading and querying are several times faster than rdflib's own
store (see bench/), and ``GraphStore.dataset()`` still hands rdflib users an ``rdflib.Dataset``
over the very same store through oxrdflib.

A store is a folder.  One process may hold it open for writing; other processes open it
read-only (``read_only=True``), which is what queries do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from bordergraph.errors import StoreError, StoreLockedError, StoreMissingError
from bordergraph.ontology.namespaces import PREFIXES

DEFAULT_STORE = Path(".bordergraph/store")
_MARKER = "bordergraph-store"  # a file inside the folder that says it is ours


class GraphStore:
    """A bordergraph store on disk (or in memory when ``path`` is None)."""

    def __init__(self, store: ox.Store, path: Path | None, read_only: bool) -> None:
        self._store = store
        self.path = path
        self.read_only = read_only

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None, *, create: bool = False, read_only: bool = False) -> "GraphStore":
        """Open the store at ``path``; ``create`` makes it when missing.

        :raises StoreMissingError: no store at ``path`` and ``create`` is false.
        :raises StoreLockedError: another process holds it for writing.
        """
        if path is None:
            return cls(ox.Store(), None, read_only=False)
        path = Path(path)
        exists = (path / _MARKER).exists()
        if not exists and not create:
            raise StoreMissingError(
                f"no bordergraph store at {path}: build one first with `bordergraph build data/articles`"
            )
        if path.exists() and not exists and any(path.iterdir()):
            raise StoreError(f"{path} exists and is not a bordergraph store; pick another --store folder")
        try:
            if read_only:
                store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                store = ox.Store(str(path))
                (path / _MARKER).touch()
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"the store at {path} is in use by another process (a running build?); "
                    "wait for it to finish or use another --store"
                ) from exc
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc
        return cls(store, path, read_only)

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        self._store = None  # type: ignore[assignment]  # releases the lock when collected

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> int:
        """Replace one named graph with the triples of ``graph`` (an empty one removes it);
        returns the triple count."""
        self._check_writable()
        name = ox.NamedNode(str(graph_iri))
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)
        if len(graph):
            self._store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
        return len(graph)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError("this store was opened read-only")

    # -- reading -------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, *, substitutions: dict | None = None, union: bool = True, **kwargs):
        """Run SPARQL on the raw pyoxigraph store (the union of all graphs by default).

        Common prefixes (bg, rdfs, skos, prov, schema, dcterms ...) are predeclared.
        """
        return self._store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=union,
            substitutions=substitutions,
            **kwargs,
        )

    def dump(self, output, fmt: ox.RdfFormat, *, from_graph: str | None = None) -> None:
        """Stream the store (or one graph) to ``output`` in ``fmt``."""
        kw = {"from_graph": ox.NamedNode(from_graph)} if from_graph else {}
        self._store.dump(output, format=fmt, **kw)

    def quads(self, graph_iri: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph_iri) if graph_iri else None
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def dataset(self):
        """An ``rdflib.Dataset`` over this store (through oxrdflib), union default graph."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._store), default_union=True)

    @property
    def raw(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        return self._store

