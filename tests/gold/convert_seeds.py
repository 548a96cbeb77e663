"""One-off: split the shared seeds gold file into one gold file per bundled article.

This was run once, to seed ``tests/gold/``:

    python tests/gold/convert_seeds.py /path/to/seeds-gold.json data/articles tests/gold

From then on the per-article JSON files in ``tests/gold/`` are the source of truth: edit them, not
the seeds file, and do not re-run this script over hand fixes.  Neither the project nor its tests
import this script or read the seeds file.

An item belongs to an article through its ``articles`` list (actors, posts, agreements, events)
or its ``article`` field (claims, quantities).  ``not_actors`` and ``generic_mentions`` are global
lists in the seeds file; each article keeps the strings that occur in its text (whitespace
normalised), so a scorer reading one file sees the traps of that article only.

Two rules make each file complete on its own, plus a few hand fixes (``FIXES``):
- an event's ``participants`` / ``participants_optional`` keep only actors tied to that article;
  the others move to ``participants_elsewhere`` (a participant the article never names cannot be
  asked of an extractor reading it);
- a post's single ``evidence`` quote stays only in the file of the article that holds it (elsewhere
  it becomes ``evidence_elsewhere``);
- an actor another article's record names as a claimant of this article's claim is added with
  ``required: false`` (it is how the claim's speaker is identified).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

PER_ARTICLE = ("actors", "posts", "agreements", "events")

# (file stem, category, id) -> fields to set: corrections found while checking the conversion.
FIXES = {
    ("002_18ad60f1979b0c44", "events", "ev-hlsd-2023"): {
        "participants": [],
        "note": "002 names the dialogue ('Last week’s High-Level Security Dialogue') but none of its participants",
    },
    ("003_ecd69d84742c5bcb", "claims", "c003-usofficials-not-progressing"): {"claimant_may_be": ["united-states"]},
    ("003_ecd69d84742c5bcb", "claims", "c003-agencies-against-fto"): {"claimant_may_be": ["united-states"]},
}
SINGLE_ARTICLE = ("claims", "quantities")


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _article_header(meta: dict) -> dict:
    """Rename ``author(s)`` to ``authors`` (a list, empty when unknown); keep every other field."""
    out = {}
    for key, value in meta.items():
        if key == "author(s)":
            out["authors"] = list(value or [])
        else:
            out[key] = value
    out.setdefault("authors", [])
    return out


def split(seeds: dict, texts: dict[str, str]) -> dict[str, dict]:
    """Return {file stem: gold dict} for every article of ``seeds``."""
    result = {}
    for meta in seeds["articles"]:
        name = meta["file"]
        text = _ws(texts[name])
        gold = {"article": _article_header(meta)}
        for key in PER_ARTICLE:
            gold[key] = [item for item in seeds[key] if name in item.get("articles", ())]
        for key in SINGLE_ARTICLE:
            gold[key] = [item for item in seeds[key] if item.get("article") == name]
        for key in ("not_actors", "generic_mentions"):
            gold[key] = [s for s in seeds[key] if _ws(s) in text]
        _narrow_participants(gold)
        _localise_post_evidence(gold, texts[name])
        _add_claimants(gold, seeds)
        stem = Path(name).stem
        for (fix_stem, key, item_id), fields in FIXES.items():
            if fix_stem == stem:
                next(item for item in gold[key] if item.get("id") == item_id).update(fields)
        result[stem] = gold
    return result


def _narrow_participants(gold: dict) -> None:
    here = {actor["id"] for actor in gold["actors"]}
    for i, event in enumerate(gold["events"]):
        event = gold["events"][i] = dict(event)
        elsewhere = []
        for key in ("participants", "participants_optional"):
            if key in event:
                elsewhere += [p for p in event[key] if p not in here]
                event[key] = [p for p in event[key] if p in here]
        if elsewhere:
            event["participants_elsewhere"] = elsewhere


def _localise_post_evidence(gold: dict, raw: str) -> None:
    """Posts carry one ``evidence`` for all their articles: keep it only where the text holds it."""
    for i, post in enumerate(gold["posts"]):
        if post.get("evidence") and post["evidence"] not in raw:
            post = gold["posts"][i] = dict(post)
            post["evidence_elsewhere"] = post.pop("evidence")


def _add_claimants(gold: dict, seeds: dict) -> None:
    here = {actor["id"] for actor in gold["actors"]}
    by_id = {actor["id"]: actor for actor in seeds["actors"]}
    for claim in gold["claims"]:
        cid = claim.get("claimant")
        if cid and cid not in here and cid in by_id:
            extra = dict(by_id[cid], required=False)
            extra["note"] = f"not named here; speaker of {claim['id']} ('{claim.get('claimant_surface', '')}')"
            gold["actors"].append(extra)
            here.add(cid)


def main(argv: list[str]) -> int:
    seeds_path, articles_dir, out_dir = (Path(a) for a in argv)
    seeds = json.loads(seeds_path.read_text(encoding="utf-8"))
    texts = {m["file"]: (articles_dir / m["file"]).read_text(encoding="utf-8") for m in seeds["articles"]}
    for stem, gold in split(seeds, texts).items():
        path = out_dir / f"{stem}.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(path, {k: len(v) for k, v in gold.items() if isinstance(v, list)})
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: convert_seeds.py SEEDS.json ARTICLES_DIR OUT_DIR")
    sys.exit(main(sys.argv[1:]))
