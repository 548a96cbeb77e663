"""Build speed against its floor, measured in one run: bare spaCy over the same texts.

    .venv/bin/python bench/bench_build.py [--repeat N]

Prints seconds and articles/s for (1) bare ``nlp.pipe`` with the same pipeline, batch size and
texts (the baseline), (2) extraction (spaCy + every extractor + resolution, no RDF), (3) a full
build into an in-memory store, (4) the same into an on-disk store with SHACL validation — each
as a ratio of the baseline's throughput.  The corpus is the bundled articles repeated N times
(renamed so each copy is its own article).  Compare ratios, not seconds: the machine is shared.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(repeat: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-build-"))
    for i in range(repeat):
        for f in sorted((ROOT / "data" / "articles").glob("*.txt")):
            shutil.copy(f, folder / f"{i:03d}-{f.name}")
    return folder


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=4, help="copies of the bundled corpus (default 4)")
    args = parser.parse_args()

    import bordergraph
    from bordergraph.extract.ingest import iter_articles
    from bordergraph.extract.nlp import load_pipeline
    from bordergraph.extract.pipeline import extract_articles

    folder = corpus(args.repeat)
    articles = [a for a in iter_articles([folder]) if not isinstance(a, Exception)]
    nlp = load_pipeline()
    list(nlp.pipe([articles[0].text]))  # warm up
    n = len(articles)
    rows = [
        ("bare nlp.pipe (baseline)", timed(lambda: list(nlp.pipe((a.text for a in articles), batch_size=4)))),
        ("extraction, no RDF", timed(lambda: extract_articles(articles, nlp))),
        ("build, in-memory store, no SHACL", timed(lambda: bordergraph.build([folder], store=None, validate=False))),
    ]
    store = Path(tempfile.mkdtemp(prefix="bench-store-")) / "store"
    rows.append(("build, on-disk store, SHACL", timed(lambda: bordergraph.build([folder], store=store))))
    base = rows[0][1]
    print(f"{n} articles ({args.repeat} copies of the bundled corpus)")
    print(f"{'what':<36}{'seconds':>9}{'articles/s':>12}{'x baseline':>12}")
    for name, secs in rows:
        print(f"{name:<36}{secs:>9.2f}{n / secs:>12.1f}{base / secs:>12.2f}")
    shutil.rmtree(folder)
    shutil.rmtree(store.parent)


if __name__ == "__main__":
    main()
