"""The pages `bordergraph view` writes: offline, escaped, filterable; checked in headless Chromium.

Pages are opened from ``file://`` with every request recorded and anything that is not the
page itself refused, so a page that needs the network fails here.  Screenshots go to
``test-artifacts/views/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from test_analytics import AMLO, BIDEN, BLINKEN, MEXICO, OVIDIO, SINALOA, US, XSS, XSS_LABEL, VIEWS_TRIG, views_store

import bordergraph
from bordergraph.cli import main
from bordergraph.graph import analytics as an
from bordergraph.graph import views
from bordergraph.graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "views"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def facts() -> an.Facts:
    return an.read_facts(views_store())


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("views") / "store"
    with GraphStore.open(path, create=True) as gs:
        gs.raw.load(VIEWS_TRIG.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return path


@pytest.fixture(scope="module")
def pages(disk_store, tmp_path_factory) -> dict[str, Path]:
    """Every kind of page, written through the public API from the fixture store."""
    out = tmp_path_factory.mktemp("pages")
    q = out / "participants.rq"
    q.write_text("CONSTRUCT { ?e bg:participant ?a . ?a rdfs:label ?l . ?a a ?t . ?e rdfs:label ?el }\n"
                 "WHERE { ?e a bg:Event ; rdfs:label ?el ; bg:participant ?a . ?a rdfs:label ?l ; a ?t }\n")
    written = bordergraph.view(store=disk_store, out=out)
    written += bordergraph.view("ego", store=disk_store, actor="lopez obrador", depth=1, out=out, query=q)
    return {p.stem.split("-")[0]: p for p in written}


def page_data(html: str) -> dict:
    """The JSON the page hands to vis-network."""
    return json.loads(re.search(r"^var BG = (.*);$", html, re.M).group(1))


# -- the files ------------------------------------------------------------------------------
def test_view_writes_every_page_and_an_index(pages):
    assert set(pages) == {"network", "claims", "timeline", "ego", "query", "index"}
    index = pages["index"].read_text(encoding="utf-8")
    for name in ("network.html", "claims.html", "timeline.html", "ego-andres-manuel-lopez-obrador.html",
                 "query-participants.html"):
        assert f'href="{name}"' in index


def test_pages_load_nothing_remote_and_never_carry_raw_markup_from_articles(pages):
    for name, path in pages.items():
        html = path.read_text(encoding="utf-8")
        assert not REMOTE.search(html), name
        assert 'src="http' not in html and 'href="http' not in html
        # the data sits JSON-escaped inside one <script>: the label cannot close it or open a tag
        assert "<script>alert(1)" not in html and "__pwned = true</script>" not in html
        assert "<img src=x" not in html


def test_network_page_sizes_are_the_analyze_figures(pages, disk_store, tmp_path):
    data = page_data(pages["network"].read_text(encoding="utf-8"))
    result = bordergraph.analyze(store=disk_store, json=tmp_path / "a.json")
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == result
    assert {n["id"]: n["size"] for n in data["nodes"]} == {a["iri"]: a["size"] for a in result["actors"]}
    widths = {frozenset((e["from"], e["to"])): e["value"] for e in data["edges"]}
    assert widths[frozenset((AMLO, BLINKEN))] == 2 and widths[frozenset((AMLO, BIDEN))] == 1
    assert len(data["edges"]) == result["edges"]


def test_tooltip_data_has_label_type_aliases_and_evidence_with_article(pages):
    data = page_data(pages["network"].read_text(encoding="utf-8"))
    amlo = next(n for n in data["nodes"] if n["id"] == AMLO)
    assert amlo["info"]["aliases"] == ["AMLO", "López Obrador"] and amlo["info"]["type"] == "Person"
    tie = next(e for e in data["edges"] if {e["from"], e["to"]} == {AMLO, BLINKEN})
    assert {(ev["sentence"], ev["article"]) for ev in tie["info"]["evidence"]} >= {
        ("Blinken met López Obrador at the National Palace.", "https://w3id.org/bordergraph/id/article/a2")}
    titles = {a["title"] for a in data["articles"]}
    assert titles == {"Talks in Mexico City", "An opinion on the Bicentennial Framework"}


def test_ego_page_holds_the_actor_and_its_neighbours_only(pages):
    data = page_data(pages["ego"].read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {AMLO, BIDEN, BLINKEN, MEXICO}


def test_claims_page_draws_contradicts_and_supports_distinctly(pages):
    data = page_data(pages["claims"].read_text(encoding="utf-8"))
    style = {e["cls"]: (e["color"], e.get("dashes"), e.get("width")) for e in data["edges"]}
    assert style["contradicts"] != style["supports"]
    assert style["contradicts"][2] > 1 and style["supports"][2] > 1
    assert sum(e["cls"] == "contradicts" for e in data["edges"]) == 1


def test_timeline_page_puts_events_in_reading_order_by_date(pages):
    data = page_data(pages["timeline"].read_text(encoding="utf-8"))
    events = [n for n in data["nodes"] if n["cls"] == "Event"]
    reading = sorted(events, key=lambda n: (n["y"], n["x"]))
    assert [n["dates"] for n in reading] == [["2021-10-08"], ["2023-09-15"], ["2023-10-05"]]
    assert all(n["fixed"] for n in events)
    assert data["options"]["physics"]["enabled"] is False


def test_large_graphs_open_with_a_precomputed_layout_and_physics_off():
    nodes, edges = synthetic(views.LARGE + 100)
    data = page_data(views.render(nodes, edges, title="big"))
    assert data["options"]["physics"]["enabled"] is False and data["precomputed"]
    assert all("x" in n and "y" in n for n in data["nodes"])
    small = page_data(views.render(*synthetic(50), title="small"))
    assert small["options"]["physics"]["enabled"] is True and not small["precomputed"]


def synthetic(n: int) -> tuple[list[dict], list[dict]]:
    import networkx as nx

    G = nx.barabasi_albert_graph(n, 2, seed=3)
    nodes = [views.node_dict(f"n{i}", f"node {i}", ("Person", "Country", "Organization")[i % 3]) for i in G]
    edges = [views.edge_dict(f"n{a}", f"n{b}", "event") for a, b in G.edges()]
    return nodes, edges


# -- the CLI ----------------------------------------------------------------------------------
def test_cli_view_unknown_actor_is_one_line_with_close_matches(disk_store, tmp_path):
    res = CliRunner().invoke(main, ["view", "ego", "--actor", "Lopez Obradr", "--store", str(disk_store),
                                    "--out", str(tmp_path)])
    assert res.exit_code == 6
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Andrés Manuel López Obrador" in lines[0]
    assert not list(tmp_path.glob("*.html"))


def test_cli_view_and_analyze(disk_store, tmp_path):
    res = CliRunner().invoke(main, ["view", "network", "--store", str(disk_store), "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "network.html").is_file() and str(tmp_path / "network.html") in res.output
    res = CliRunner().invoke(main, ["analyze", "--store", str(disk_store), "--json", str(tmp_path / "a.json")])
    assert res.exit_code == 0, res.output
    saved = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert saved["strongest_ties"][0]["weight"] == 2 and "Antony Blinken" in res.output
    (tmp_path / "select.rq").write_text("SELECT * WHERE { ?s ?p ?o }")
    (tmp_path / "broken.rq").write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ")
    for name, message in (("select.rq", "CONSTRUCT"), ("broken.rq", "syntax")):
        res = CliRunner().invoke(main, ["view", "--query", str(tmp_path / name), "--store", str(disk_store),
                                        "--out", str(tmp_path)])
        assert res.exit_code == 6 and message in res.output and len(res.output.strip().splitlines()) == 1


# -- in the browser ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page opened offline: what it requested, what it logged, whether it ran a dialog."""

    def __init__(self, browser, path: Path, timeout_ms: int = 60_000) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 860})
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.goto(self.url)
        self.page.wait_for_function("window.bgTiming && window.bgTiming.firstStableFrame", timeout=timeout_ms)

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        route.continue_() if route.request.url == self.url else route.abort()

    def drawn_pixels(self) -> int:
        return self.page.evaluate("""() => { const c = document.querySelector('#mynetwork canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")

    def visible_nodes(self) -> set[str]:
        return set(self.page.evaluate("nodes.get({filter: n => !n.hidden}).map(n => n.id)"))

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.browser
@pytest.mark.parametrize("name, expected", [("network", 8), ("ego", 4), ("claims", 8), ("timeline", 8), ("query", 10)])
def test_page_draws_offline_in_chromium(browser, pages, name, expected):
    o = Opened(browser, pages[name])
    try:
        o.shot(name)
        assert o.requests == [o.url]
        assert o.errors == []
        assert o.page.evaluate("network.body.data.nodes.length") == expected
        assert len(o.page.evaluate("Object.keys(network.getPositions())")) == expected
        assert o.drawn_pixels() > 2000
    finally:
        o.page.close()


@pytest.mark.browser
def test_script_label_shows_as_text_and_runs_nothing(browser, pages):
    o = Opened(browser, pages["network"])
    try:
        x, y = o.page.evaluate("""(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
            const r = document.getElementById('mynetwork').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""", XSS)
        o.page.mouse.move(x, y)
        o.page.wait_for_function("(() => { const t = document.querySelector('div.vis-tooltip');"
                                 " return t && t.style.visibility === 'visible'; })()", timeout=5000)
        o.shot("tooltip-escaped")
        text = o.page.inner_text("div.vis-tooltip")
        assert XSS_LABEL in text and "window.__pwned = true</script>" in text
        assert '<img src=x onerror="window.__pwned=1">' in text
        assert o.page.evaluate("document.querySelectorAll('div.vis-tooltip script, div.vis-tooltip img').length") == 0
        assert o.page.evaluate("typeof window.__pwned") == "undefined"
        assert o.dialogs == [] and o.errors == [] and o.requests == [o.url]
    finally:
        o.page.close()


@pytest.mark.browser
def test_filters_search_and_physics_switch(browser, pages):
    o = Opened(browser, pages["network"])
    p = o.page
    try:
        every = o.visible_nodes()
        p.uncheck("input.bg-class[value=Person]")
        assert o.visible_nodes() == every - {AMLO, BIDEN, BLINKEN, OVIDIO}
        p.check("input.bg-class[value=Person]")
        p.select_option("#article", "https://w3id.org/bordergraph/id/article/a2")
        assert o.visible_nodes() == {AMLO, BLINKEN, MEXICO, US}
        p.select_option("#article", "")
        p.fill("#date-from", "2023-01-01")
        p.fill("#date-to", "2023-12-31")
        assert p.evaluate("bgApplyFilters()") == 5
        # 2023 ties: the October meeting and the extradition; the 2021 agreement and undated ties drop
        assert o.visible_nodes() == {AMLO, BIDEN, BLINKEN, MEXICO, OVIDIO}
        assert SINALOA not in o.visible_nodes() and XSS not in o.visible_nodes()
        p.fill("#search", "lopez obrador")
        p.press("#search", "Enter")
        assert p.evaluate("network.getSelectedNodes()") == [AMLO]
        assert p.evaluate("network.physics.options.enabled") is True
        p.uncheck("#physics")
        assert p.evaluate("network.physics.options.enabled") is False
        o.shot("filtered")
        assert o.errors == [] and o.requests == [o.url]
    finally:
        p.close()


@pytest.mark.browser
def test_large_page_opens_without_live_physics(browser, tmp_path):
    n = views.LARGE + 300
    path = views.write_page(views.render(*synthetic(n), title="large"), tmp_path / "large.html")
    o = Opened(browser, path)
    try:
        o.shot("large")
        assert o.page.evaluate("network.body.data.nodes.length") == n
        assert o.page.evaluate("network.physics.options.enabled") is False
        assert o.errors == [] and o.requests == [o.url] and o.drawn_pixels() > 2000
    finally:
        o.page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_real_store_network_page_in_chromium(browser, built_store, tmp_path):
    pages = bordergraph.view("network", store=built_store, out=tmp_path)
    with GraphStore.open(built_store, read_only=True) as gs:
        expected = len(an.read_facts(gs).actors)
    o = Opened(browser, pages[0])
    try:
        o.shot("real-network")
        assert o.page.evaluate("network.body.data.nodes.length") == expected > 0
        assert o.errors == [] and o.requests == [o.url]
    finally:
        o.page.close()
