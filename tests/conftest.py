"""Session fixtures shared by every test: the bundled corpus built once, the spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def articles_dir() -> Path:
    return ARTICLES


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The five bundled articles built once into a store: (report, store path)."""
    import bordergraph

    store = tmp_path_factory.mktemp("built") / "store"
    report = bordergraph.build([ARTICLES], store=store)
    return report, store


@pytest.fixture(scope="session")
def built_store(built) -> Path:
    """Path of the store holding the five bundled articles (open it read-only)."""
    return built[1]


@pytest.fixture(scope="session")
def nlp():
    from bordergraph.extract.nlp import load_pipeline

    return load_pipeline()
