"""The query page in headless Debian Chromium: type a query, run it, see rows; all offline."""

from __future__ import annotations

import shutil

import pytest
from _fixture import LiveServer, fixture_store

from bordergraph.graph.endpoint import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None and not __import__("os").path.exists("/usr/bin/chromium"),
                       reason="needs Debian's chromium at /usr/bin/chromium"),
]

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server():
    with LiveServer(create_app(fixture_store())) as live:
        yield live


@pytest.fixture()
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        page.requests = []  # every URL the page asks for
        page.errors = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        yield page
        browser.close()


def _run(page, query: str) -> None:
    page.wait_for_selector(".CodeMirror")
    page.evaluate("q => window.bordergraph.yasgui.getTab().getYasqe().setValue(q)", query)
    page.click(".yasqe_queryButton")


def test_type_a_query_run_it_see_rows_offline(page, server):
    page.goto(server.base + "/")
    page.wait_for_selector(".CodeMirror")
    page.click(".CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.type("SELECT DISTINCT ?p ?name WHERE { ?p a bg:Person ; rdfs:label ?name } ORDER BY ?name")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr td", timeout=15_000)
    text = page.inner_text(".yasr table tbody")
    assert "Anne Milgram" in text and "Andrés Manuel López Obrador" in text
    assert page.errors == []
    assert page.requests and all(u.startswith(server.base + "/") or u.startswith("data:") for u in page.requests), page.requests


def test_saved_query_with_parameter_and_link_to_resource_page(page, server):
    page.goto(server.base + "/")
    page.wait_for_selector(".CodeMirror")
    page.click("button[data-name='actor-profile']")
    page.fill("form#params input[name='actor']", "López Obrador")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr td a", timeout=15_000)
    assert "High-Level Security Dialogue" in page.inner_text(".yasr table tbody")
    link = page.locator(".yasr table tbody a[data-iri$='claim/fixture-news-aaa']").first
    href = link.get_attribute("href")
    assert href.startswith("/resource?iri=")
    page.goto(server.base + href)
    page.wait_for_selector("h1")
    body = page.inner_text("body")
    assert "López Obrador denied that fentanyl is produced in Mexico <i>at all</i>." in body  # escaped, shown as text
    assert "Links out" in body and "bg:Denies" in body
    assert all(u.startswith(server.base + "/") or u.startswith("data:") for u in page.requests), page.requests
