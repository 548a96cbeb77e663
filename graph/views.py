"""Self-contained HTML pages of the graph: actor network, ego view, claims, timeline, any CONSTRUCT.

Why not pyvis's own ``write_html``: its template links Bootstrap from a CDN (and, except with
``cdn_resources="in_line"``, vis-network too), so its pages go blank or half-styled offline.
Here pyvis builds the node list and supplies the vis-network 9.1.2 files it ships; our own
template (``templates/view.html``) inlines them, adds the filters, search and physics switch,
and builds every tooltip with ``textContent``.  Article text reaches the page only as JSON
inside a ``<script>`` (Jinja's ``tojson`` escapes ``<``, ``>``, ``&`` and quotes), and is
drawn on the canvas or written as text: a label ``<script>…</script>`` shows as text.

vis-network 9 renders a string ``title`` with ``innerText`` (so ``html.escape`` would show
``&lt;`` literally); the template hands it a DOM element built from text nodes instead.

Graphs over ``LARGE`` nodes open with a precomputed, seeded layout and physics off.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from bordergraph.graph import analytics as an

LARGE = 500          # above this many nodes: precomputed layout, physics off
MAX_EVIDENCE = 3     # evidence sentences per tooltip
TEMPLATES = Path(__file__).with_name("templates")

# class → (colour, vis shape, legend label)
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("#4e79a7", "dot", "people"),
    "Organization": ("#59a14f", "square", "organizations"),
    "GovernmentBody": ("#76b7b2", "diamond", "government bodies"),
    "CriminalOrganization": ("#e15759", "triangle", "criminal organizations"),
    "Country": ("#f28e2b", "star", "countries"),
    "Event": ("#9c755f", "box", "events"),
    "Claim": ("#edc948", "box", "claims"),
    "Agreement": ("#b07aa1", "hexagon", "agreements"),
    "Topic": ("#bab0ac", "ellipse", "topics"),
}
_OTHER = ("#97c2fc", "dot")
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "event": {"color": "#8c8c8c"},
    "post": {"color": "#4e79a7", "dashes": [6, 4]},
    "agreement": {"color": "#b07aa1"},
    "claim": {"color": "#f28e2b", "dashes": [2, 4]},
    "asserts": {"color": "#59a14f", "arrows": "to"},
    "denies": {"color": "#e15759", "arrows": "to"},
    "claims": {"color": "#8c8c8c", "arrows": "to"},
    "about": {"color": "#bab0ac", "arrows": "to", "dashes": [4, 4]},
    "contradicts": {"color": "#d62728", "width": 4, "dashes": [10, 6], "arrows": "to;from"},
    "supports": {"color": "#2ca02c", "width": 4, "arrows": "to"},
    "participant": {"color": "#8c8c8c"},
    "agent": {"color": "#4e79a7", "arrows": "from"},
    "target": {"color": "#e15759", "arrows": "to"},
}


# -- the generic page -------------------------------------------------------------------------
def _env():
    import jinja2
    import pyvis

    pyvis_templates = os.path.join(os.path.dirname(pyvis.__file__), "templates")
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(TEMPLATES)), jinja2.FileSystemLoader(pyvis_templates)]),
        autoescape=True,
    )


def node_dict(node_id: str, label: str, cls: str, *, type_name: str | None = None, aliases=(),
              evidence=(), extra=(), articles=(), dates=(), size: float | None = None,
              display: str | None = None, **vis: Any) -> dict[str, Any]:
    """One node for ``render``: vis-network fields plus ``info`` (the tooltip) and filter keys.

    ``label`` is the full name shown in the tooltip; ``display`` (default: ``label`` shortened)
    is what the canvas draws.
    """
    color, shape = NODE_STYLE.get(cls, (*_OTHER, ""))[:2]
    evidence = list(evidence)
    info = {"label": label, "type": type_name or cls, "aliases": list(aliases),
            "evidence": evidence[:MAX_EVIDENCE], "extra": [list(kv) for kv in extra]}
    if len(evidence) > MAX_EVIDENCE:
        info["more"] = len(evidence) - MAX_EVIDENCE
    out = {"id": node_id, "label": display or _short(label), "cls": cls, "color": color, "shape": shape,
           "info": info, "articles": sorted(set(articles)), "dates": sorted({d for d in dates if d})}
    if size is not None:
        out["size"] = size
    out.update(vis)
    return out


def edge_dict(source: str, target: str, kind: str, *, tip: str | None = None, evidence=(), extra=(),
              articles=(), dates=(), width: float | None = None, **vis: Any) -> dict[str, Any]:
    """One edge for ``render``, styled by ``kind``; ``tip`` heads its tooltip (none when None)."""
    evidence = list(evidence)
    out = {"from": source, "to": target, "cls": kind, **EDGE_STYLE.get(kind, {}),
           "articles": sorted(set(articles)), "dates": sorted({d for d in dates if d})}
    if tip is not None:
        info = {"label": tip, "type": kind, "aliases": [], "evidence": evidence[:MAX_EVIDENCE],
                "extra": [list(kv) for kv in extra]}
        if len(evidence) > MAX_EVIDENCE:
            info["more"] = len(evidence) - MAX_EVIDENCE
        out["info"] = info
    if width is not None:
        out["width"] = width
    out.update(vis)
    return out


def _short(label: str, n: int = 48) -> str:
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"


def render(nodes: list[dict], edges: list[dict], *, title: str, subtitle: str = "",
           articles: dict[str, str] | None = None, physics: bool | None = None,
           positions: dict[str, tuple[float, float]] | None = None) -> str:
    """The HTML of one page.

    ``physics`` None means on up to ``LARGE`` nodes; above it a seeded layout is computed (unless
    ``positions`` are given) and physics starts off.  Nodes keep their order, so tests can count them.
    """
    from pyvis import __version__ as pyvis_version
    from pyvis.network import Network

    large = len(nodes) > LARGE
    if positions is None and large and physics is None:
        g = nx.Graph()
        g.add_nodes_from(n["id"] for n in nodes)
        g.add_edges_from((e["from"], e["to"]) for e in edges)
        positions = an.spring_positions(g)
    if physics is None:
        physics = not large and not positions
    net = Network(cdn_resources="in_line")  # pyvis checks ids and labels; its template is not used
    for n in nodes:
        extra = dict(n)
        nid, label, shape, color = extra.pop("id"), extra.pop("label"), extra.pop("shape"), extra.pop("color")
        if positions and nid in positions:
            extra["x"], extra["y"] = positions[nid]
        net.add_node(nid, label=label, shape=shape, color=color, **extra)
    # pyvis's add_edge scans every edge already added (quadratic); ids are known to exist here
    known = set(net.node_ids)
    for i, e in enumerate(edges):
        if e["from"] in known and e["to"] in known:
            net.edges.append({"id": f"e{i}", **e})
    dates = sorted({d for item in [*net.nodes, *net.edges] for d in item.get("dates", [])})
    classes = {}
    for n in net.nodes:
        classes[n["cls"]] = classes.get(n["cls"], 0) + 1
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": _options(physics=physics, large=large, positioned=bool(positions)),
        "articles": [{"id": k, "title": v} for k, v in sorted((articles or {}).items(), key=lambda kv: kv[1])],
        "classes": [{"name": c, "label": NODE_STYLE.get(c, ("", "", c))[2] or c, "count": k,
                     "color": NODE_STYLE.get(c, _OTHER)[0]} for c, k in sorted(classes.items())],
        "dates": {"min": dates[0] if dates else "", "max": dates[-1] if dates else ""},
        "precomputed": bool(positions),
    }
    page = _env().get_template("view.html")
    return page.render(title=title, subtitle=subtitle, data=data, pyvis_version=pyvis_version)


def _options(*, physics: bool, large: bool, positioned: bool) -> dict[str, Any]:
    return {
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1,
                  "scaling": {"min": 10, "max": 50}},
        "edges": {"smooth": False if large else {"enabled": True, "type": "continuous"},
                  "scaling": {"min": 1, "max": 10},
                  "color": {"inherit": False}, "font": {"size": 11, "align": "middle"}},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
                    "stabilization": {"enabled": True, "iterations": 400, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "navigationButtons": False, "keyboard": False},
        "layout": {"randomSeed": an.SEED, "improvedLayout": not large and not positioned},
    }


# -- the views --------------------------------------------------------------------------------
def _actor_node(f: an.Facts, iri: str, data: dict, size: float | None = None, **vis: Any) -> dict:
    # actors carry no dates: under a date filter they show while a dated tie still reaches them
    return node_dict(iri, data["label"], data["kind"], aliases=data.get("aliases", ()),
                     evidence=f.evidence.get(iri, []), articles=data.get("articles", ()), size=size, **vis)


def _actor_pages_parts(f: an.Facts, G: nx.Graph, sizes: dict[str, float], center: str | None = None):
    nodes = []
    for iri, d in G.nodes(data=True):
        vis = {"borderWidth": 5, "font": {"size": 18, "bold": True}} if iri == center else {}
        nodes.append(_actor_node(f, iri, d, size=sizes.get(iri), **vis))
    edges = []
    for a, b, d in G.edges(data=True):
        la, lb = G.nodes[a]["label"], G.nodes[b]["label"]
        kind = next(k for k in ("event", "agreement", "post", "claim") if k in d["kinds"])
        n_art = len(d["articles"])
        edges.append(edge_dict(
            a, b, kind, tip=f"{la} — {lb}", evidence=d["evidence"], articles=d["articles"], dates=d["dates"],
            value=d["weight"],  # vis scales width by value: edges.scaling
            extra=[("ties", ", ".join(d["kinds"])), ("supported by", f"{n_art} article{'s' * (n_art != 1)}")]))
    return nodes, edges


def network_html(f: an.Facts, *, title: str = "Actor network") -> str:
    """Every actor; size by degree centrality (the ``analyze`` figure), width by supporting articles."""
    G = an.actor_graph(f)
    sizes = {n: c["size"] for n, c in an.centrality(G).items()}
    nodes, edges = _actor_pages_parts(f, G, sizes)
    sub = f"{len(nodes)} actors, {len(edges)} ties · size = degree centrality · width = supporting articles"
    return render(nodes, edges, title=title, subtitle=sub, articles=f.articles)


def ego_html(f: an.Facts, actor: str, depth: int = 2) -> str:
    """One actor and everything within ``depth`` ties of it (sizes as in the whole network)."""
    G = an.actor_graph(f)
    sizes = {n: c["size"] for n, c in an.centrality(G).items()}
    E = nx.ego_graph(G, actor, radius=depth)
    nodes, edges = _actor_pages_parts(f, E, sizes, center=actor)
    label = f.actors[actor]["label"]
    sub = f"{len(nodes) - 1} actors within {depth} tie{'s' * (depth != 1)}"
    return render(nodes, edges, title=f"Ego network: {label}", subtitle=sub, articles=f.articles)


def claims_html(f: an.Facts, *, title: str = "Claims") -> str:
    """Claimants, their claims and what the claims are about; contradicts/supports stand out."""
    G = an.claims_graph(f)
    nodes = []
    for iri, d in G.nodes(data=True):
        if d["kind"] == "Claim":
            stance = d.get("stance") or ""
            mark = {"Denies": "✗ ", "Asserts": "✓ "}.get(stance, "")
            extra = [("stance", stance)] if stance else []
            if d.get("proposition"):
                extra.append(("proposition", d["proposition"]))
            nodes.append(node_dict(iri, d["label"], "Claim", evidence=f.evidence.get(iri, []), extra=extra,
                                   articles=d["articles"], dates=[d.get("date")],
                                   display=mark + _short(d["label"], 90), widthConstraint={"maximum": 220}))
        else:
            nodes.append(node_dict(iri, d["label"], d["kind"], aliases=d.get("aliases", ()),
                                   evidence=f.evidence.get(iri, []), articles=d.get("articles", ())))
    claim_end = lambda a, b: G.nodes[a] if G.nodes[a]["kind"] == "Claim" else G.nodes[b]  # noqa: E731
    edges = [edge_dict(a, b, d["kind"], tip=d["kind"], articles=claim_end(a, b).get("articles", ()),
                       **({"label": d["kind"]} if d["kind"] in ("contradicts", "supports") else {}))
             for a, b, d in G.edges(data=True)]
    n_claims = sum(1 for n in nodes if n["cls"] == "Claim")
    sub = f"{n_claims} claims · red dashed = contradicts · green = supports"
    return render(nodes, edges, title=title, subtitle=sub, articles=f.articles)


def timeline_html(f: an.Facts, *, title: str = "Events timeline") -> str:
    """Events in date order, read like text (left to right, then the next row); each participant
    hangs below the row of its earliest event."""
    import math

    rows = an.timeline_rows(f)
    per_row = max(4, math.ceil(math.sqrt(2 * len(rows))))
    step, row_h = 230.0, 460.0
    nodes, edges, pos, first_row = [], [], {}, {}
    for i, r in enumerate(rows):
        when = r["date"] or "undated"
        nodes.append(node_dict(r["iri"], f"{when} · {r['label']}", "Event", type_name=r["type"] or "Event",
                               evidence=r["evidence"], articles=r["articles"], dates=[r["date"]],
                               extra=[("date", when)] + ([("factuality", r["factuality"])] if r["factuality"] else []),
                               fixed=True, widthConstraint={"maximum": 200}))
        row, col = divmod(i, per_row)
        pos[r["iri"]] = (col * step, row * row_h)
        for p in r["participants"]:
            first_row.setdefault(p["iri"], (row, col))
            edges.append(edge_dict(r["iri"], p["iri"], p["role"], tip=f"{p['label']}: {p['role']}",
                                   articles=r["articles"], dates=[r["date"]]))
    by_row: dict[int, list[tuple[int, str]]] = {}
    for iri, (row, col) in first_row.items():
        by_row.setdefault(row, []).append((col, iri))
    width = step * (min(per_row, len(rows)) - 1)
    for row, members in by_row.items():
        members.sort()
        gap = width / max(len(members) - 1, 1)
        for k, (_, iri) in enumerate(members):
            a = f.actors.get(iri, {"label": an.label_from_iri(iri), "kind": "Actor"})
            nodes.append(_actor_node(f, iri, a))
            x = k * gap if len(members) > 1 else width / 2
            pos[iri] = (x, row * row_h + 170 + 90 * (k % 2))
    sub = f"{len(rows)} asserted events in date order (read left to right, row by row)"
    return render(nodes, edges, title=title, subtitle=sub, articles=f.articles, physics=False, positions=pos)


def construct_html(G: nx.MultiDiGraph, *, title: str = "CONSTRUCT query") -> str:
    """The graph of a CONSTRUCT/DESCRIBE result (from ``analytics.construct_graph``)."""
    nodes = [node_dict(n, d["label"], d["kind"], aliases=d["aliases"],
                       extra=[("iri", n)] + [tuple(p) for p in d["props"][:8]], articles=d.get("articles", ()))
             for n, d in G.nodes(data=True)]
    edges = [edge_dict(a, b, d["kind"], tip=d["kind"], extra=[("predicate", d["predicate"])], arrows="to",
                       label=d["kind"]) for a, b, d in G.edges(data=True)]
    return render(nodes, edges, title=title, subtitle=f"{len(nodes)} nodes, {len(edges)} triples between resources")


# -- writing ----------------------------------------------------------------------------------
KINDS = ("network", "ego", "claims", "timeline")


def write_page(html: str, path: Path) -> Path:
    """Write one page (creating its folder); a path that cannot be written is one ExportError."""
    from bordergraph.errors import ExportError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write the view {path}: {exc.strerror or exc}") from None
    return path


def write_index(out: Path, pages: list[Path]) -> Path:
    """A plain list of the written pages, so a folder of views opens as one site."""
    import html as _html

    items = "\n".join(f'<li><a href="{_html.escape(p.name)}">{_html.escape(p.stem)}</a></li>' for p in pages)
    return write_page(
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>bordergraph views</title></head>'
        f"<body><h1>bordergraph views</h1><ul>\n{items}\n</ul></body></html>\n",
        out / "index.html")


def analysis_json(analysis: dict[str, Any]) -> str:
    return json.dumps(analysis, indent=2, ensure_ascii=False)


def write_views(gs, out: Path, kind: str | None = None, *, actor: str | None = None, depth: int = 2,
                query_text: str | None = None, query_name: str = "query") -> list[Path]:
    """Write the asked pages (all of network, claims, timeline when ``kind`` is None) and an index.

    ``actor`` adds (or, with ``kind="ego"``, is needed for) the ego page; ``query_text`` adds the
    page of a CONSTRUCT query.  Returns the pages written, index last.

    :raises ParameterError: unknown ``kind``, ``ego`` without ``actor``, or an unknown actor.
    """
    from bordergraph.errors import ParameterError

    if kind is not None and kind not in KINDS:
        raise ParameterError(f"unknown view {kind!r}: choose one of {', '.join(KINDS)}")
    if kind == "ego" and not actor:
        raise ParameterError("the ego view needs --actor NAME (a label or alias)")
    if kind is None:
        kinds = ["ego"] if actor else [] if query_text else ["network", "claims", "timeline"]
    else:
        kinds = [kind]
    f = an.read_facts(gs)
    out = Path(out)
    pages = []
    for k in kinds:
        if k == "network":
            pages.append(write_page(network_html(f), out / "network.html"))
        elif k == "ego":
            iri = an.resolve_actor(gs, f, actor or "")
            html = ego_html(f, iri, depth)
            pages.append(write_page(html, out / f"ego-{iri.rstrip('/').rsplit('/', 1)[-1]}.html"))
        elif k == "claims":
            pages.append(write_page(claims_html(f), out / "claims.html"))
        elif k == "timeline":
            pages.append(write_page(timeline_html(f), out / "timeline.html"))
    if query_text is not None:
        G = an.construct_graph(gs, query_text)
        pages.append(write_page(construct_html(G, title=f"CONSTRUCT: {query_name}"), out / f"query-{query_name}.html"))
    existing = sorted(p for p in out.glob("*.html") if p.name != "index.html")
    pages.append(write_index(out, existing))
    return pages


def mount(app, folder: Path | str, path: str = "/views") -> None:
    """Serve a folder of written views from a FastAPI/Starlette ``app`` (e.g. beside the query page)."""
    from starlette.staticfiles import StaticFiles

    app.mount(path, StaticFiles(directory=str(folder), html=True), name="views")
