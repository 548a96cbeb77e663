"""`bordergraph serve --views DIR`: the view pages served beside the query page, over plain HTTP."""

from __future__ import annotations

import re

import httpx
import pytest
from _fixture import LiveServer, fixture_store
from click.testing import CliRunner

from bordergraph.api import ensure_views
from bordergraph.graph.endpoint import create_app

REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def store():
    return fixture_store()


@pytest.fixture(scope="module")
def views_dir(store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("views")
    written = ensure_views(store, folder)
    assert {p.name for p in written} >= {"network.html", "claims.html", "timeline.html", "index.html"}
    return folder


def test_query_page_links_the_views_and_they_are_served_offline(store, views_dir):
    with LiveServer(create_app(store, views=views_dir)) as live, httpx.Client(base_url=live.base, timeout=10) as http:
        page = http.get("/").text
        assert 'href="/views/"' in page
        assert not REMOTE.search(page)
        index = http.get("/views/")
        assert index.status_code == 200
        linked = re.findall(r'href="([^"]+\.html)"', index.text)
        assert "network.html" in linked and "claims.html" in linked
        for name in linked:
            r = http.get(f"/views/{name}")
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
            assert not REMOTE.search(r.text), name
        # the people of the fixture are drawn on the network page
        names = http.post("/sparql", data={"query": "SELECT ?n WHERE { ?p a bg:Person ; rdfs:label ?n }"},
                          headers={"Accept": "text/csv"}).text.splitlines()[1:]
        network = http.get("/views/network.html").text
        plain = [n for n in names if re.fullmatch(r"[A-Za-z .]+", n)]  # others are JSON-escaped in the page
        assert plain and all(n in network for n in plain)
        missing = http.get("/views/nope.html")
        assert missing.status_code == 404 and missing.json()["ok"] is False


def test_query_page_has_no_views_link_without_views(store):
    with LiveServer(create_app(store)) as live, httpx.Client(base_url=live.base, timeout=10) as http:
        assert "/views/" not in http.get("/").text
        assert http.get("/views/").status_code == 404


def test_existing_views_are_kept(store, tmp_path):
    (tmp_path / "mine.html").write_text("<!doctype html><p>my page</p>", encoding="utf-8")
    pages = ensure_views(store, tmp_path)
    assert [p.name for p in pages] == ["mine.html"]
    assert not (tmp_path / "network.html").exists()


def test_cli_serve_views_must_be_a_folder(tmp_path):
    from bordergraph.cli import main

    store_dir = tmp_path / "store"
    fixture_store(store_dir).close()
    not_a_dir = tmp_path / "file.html"
    not_a_dir.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--store", str(store_dir), "--views", str(not_a_dir)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "is a file" in result.output
