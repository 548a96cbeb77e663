"""The gold files themselves: every quote is in its article, every reference resolves.

A gold file that quotes text its article does not hold, or names an actor it does not describe,
would make the scorer count right answers as wrong; these tests keep the annotations honest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bordergraph.extract.evaluate import fold, iter_gold_evidence, types_match
from bordergraph.ontology.vocab import ActorKind, EventType

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
BUNDLED = sorted(GOLD.glob("*.json"))
UNSEEN = sorted((GOLD / "unseen").glob("*.json"))
SECTIONS = ("actors", "posts", "agreements", "events", "claims", "quantities", "not_actors", "generic_mentions")


def _text_dir(path: Path) -> Path:
    return ROOT / "tests" / "texts" / "unseen" if path.parent.name == "unseen" else ROOT / "data" / "articles"


def _load(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    raw = (_text_dir(path) / gold["article"]["file"]).read_text(encoding="utf-8")
    return gold, raw


def test_there_are_five_bundled_and_at_least_three_unseen_gold_files():
    assert len(BUNDLED) == 5
    assert len(UNSEEN) >= 3


@pytest.mark.parametrize("path", BUNDLED + UNSEEN, ids=lambda p: p.stem)
def test_gold_file_has_every_section_and_names_its_article(path: Path):
    gold, _raw = _load(path)
    assert path.stem == Path(gold["article"]["file"]).stem
    assert {"file", "title", "authors", "date", "genre"} <= set(gold["article"])
    for section in SECTIONS:
        assert isinstance(gold[section], list), section


@pytest.mark.parametrize("path", BUNDLED + UNSEEN, ids=lambda p: p.stem)
def test_every_evidence_quote_is_an_exact_substring_of_the_raw_article(path: Path):
    gold, raw = _load(path)
    quotes = list(iter_gold_evidence(gold))
    assert quotes
    missing = [(where, quote) for where, quote in quotes if quote not in raw]
    assert missing == []


@pytest.mark.parametrize("path", BUNDLED + UNSEEN, ids=lambda p: p.stem)
def test_every_reference_resolves_to_an_actor_of_the_same_file(path: Path):
    gold, _raw = _load(path)
    actors = {a["id"]: a for a in gold["actors"]}
    assert all(ActorKind(a["type"]) for a in actors.values())
    refs = [p["person"] for p in gold["posts"]]
    refs += [c["claimant"] for c in gold["claims"] if c["claimant"]]
    for event in gold["events"]:
        refs += event["participants"] + [event[k] for k in ("agent", "target") if event.get(k)]
    assert sorted(set(refs) - set(actors)) == []


@pytest.mark.parametrize("path", BUNDLED + UNSEEN, ids=lambda p: p.stem)
def test_every_required_event_type_can_be_expressed_in_the_event_scheme(path: Path):
    gold, _raw = _load(path)
    for event in gold["events"]:
        types = [event["type"], *event.get("also_types", [])]
        assert any(types_match(t.value, types) for t in EventType), event["id"]


@pytest.mark.parametrize("path", UNSEEN, ids=lambda p: p.stem)
def test_unseen_articles_are_original_length_and_names_stay_out_of_the_lexicons(path: Path):
    gold, raw = _load(path)
    assert 300 <= len(raw.split()) <= 750
    lexicon_text = fold(" ".join(p.read_text(encoding="utf-8") for p in (ROOT / "extract").rglob("*.jsonl")))
    people = [a["name"] for a in gold["actors"] if a["type"] == "Person"]
    leaked = [name for name in people if f" {fold(name)} " in f" {lexicon_text} "]
    assert leaked == []
