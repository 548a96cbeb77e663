"""Time to the first stable frame of a view page in headless Chromium, for 100 / 1,000 / 5,000 nodes.

"First stable frame" is the first vis-network ``afterDrawing`` once physics has settled
(``stabilizationIterationsDone``), or the first drawing when physics is off; the page records it
as ``window.bgTiming.firstStableFrame`` (ms since navigation start).  Each size is measured as:

* ``baseline``: the same page with physics off and no layout (vis draws nodes where they fall);
* ``default``: what ``bordergraph view`` writes (live physics up to 500 nodes, a precomputed
  seeded layout and physics off above);
* ``live``: live physics at every size (what a plain pyvis page does).

Ratios are against the baseline of the same run, so they compare across machines.

    python bench/bench_views.py                 # 100, 1000, 5000 nodes
    python bench/bench_views.py --sizes 100 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from bordergraph.graph import views

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic(n: int, seed: int = 1) -> tuple[list[dict], list[dict]]:
    """A scale-free graph shaped like an actor network (a few hubs, many leaves)."""
    G = nx.barabasi_albert_graph(n, 2, seed=seed)
    kinds = ("Person", "Organization", "GovernmentBody", "Country", "CriminalOrganization")
    nodes = [views.node_dict(f"n{i}", f"actor {i}", kinds[i % len(kinds)], size=10 + min(G.degree(i), 30))
             for i in G]
    edges = [views.edge_dict(f"n{a}", f"n{b}", "event", tip=f"actor {a} — actor {b}") for a, b in G.edges()]
    return nodes, edges


def first_stable_frame(browser, path: Path, timeout_s: float) -> float | None:
    """Milliseconds from navigation start to the first stable frame (None past ``timeout_s``)."""
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    url = path.resolve().as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    try:
        page.goto(url, timeout=timeout_s * 1000)
        page.wait_for_function("window.bgTiming && window.bgTiming.firstStableFrame", timeout=timeout_s * 1000,
                               polling=50)
        return float(page.evaluate("window.bgTiming.firstStableFrame"))
    except Exception:  # noqa: BLE001 - a timeout is a result here
        return None
    finally:
        page.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--repeat", type=int, default=1, help="browser runs per page (median kept)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a page counts as timed out")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    out = Path(tempfile.mkdtemp(prefix="bench-views-"))
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        warm = views.write_page(views.render(*synthetic(20), title="warm-up"), out / "warm-up.html")
        first_stable_frame(browser, warm, args.timeout)  # the first page of a browser pays its start-up
        for n in args.sizes:
            nodes, edges = synthetic(n)
            variants = {}
            for name, kw in (("baseline", {"physics": False}), ("default", {}), ("live", {"physics": True})):
                t = time.perf_counter()
                html = views.render([dict(x) for x in nodes], [dict(e) for e in edges], title=f"{n} nodes", **kw)
                build_s = time.perf_counter() - t
                path = views.write_page(html, out / f"{n}-{name}.html")
                runs = [first_stable_frame(browser, path, args.timeout) for _ in range(args.repeat)]
                ok = [r for r in runs if r is not None]
                variants[name] = (build_s, path.stat().st_size, statistics.median(ok) if len(ok) == len(runs) else None)
            rows.append((n, len(edges), variants))
            base = variants["baseline"][2]
            for name, (build_s, size, ms) in variants.items():
                shown = f"{ms:9.0f} ms" if ms is not None else f"  > {args.timeout:.0f} s  "
                ratio = f"{ms / base:6.2f}x" if ms is not None and base else "     -"
                print(f"{n:>6} nodes {len(edges):>6} edges  {name:<9} page {size / 1e6:5.2f} MB  "
                      f"python {build_s:6.2f} s  first stable frame {shown}  {ratio} baseline", flush=True)
        browser.close()
    print(f"pages kept in {out}")


if __name__ == "__main__":
    main()
