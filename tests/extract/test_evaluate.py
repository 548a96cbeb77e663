"""The scorer against hand-built records: no spaCy, only the gold files and the record types.

A "perfect system" is built from a gold file (every gold item turned into the record the extractors
would produce); it must score 1.0, and each known fault must cost exactly what the rules say.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bordergraph.errors import IngestError
from bordergraph.extract.evaluate import CATEGORIES, evaluate, format_report, types_match
from bordergraph.extract.records import (
    Actor,
    ActorRef,
    Agreement,
    Article,
    ArticleExtraction,
    Claim,
    Event,
    Evidence,
    Post,
    Quantity,
)
from bordergraph.ontology.vocab import ActorKind, EventType, Qualifier, Stance

TESTS = Path(__file__).resolve().parent.parent
GOLD = TESTS / "gold"
GOLD_FILES = sorted(GOLD.glob("*.json")) + sorted((GOLD / "unseen").glob("*.json"))
U01 = GOLD / "unseen" / "u01_guatemala_border_memorandum.json"


def _evidence(slug: str, quote: str) -> Evidence:
    return Evidence(article=slug, sentence=quote, begin=0, end=len(quote), extractor="test")


def _event_type(gold: dict) -> EventType:
    for event_type in EventType:
        if types_match(event_type.value, [gold["type"], *gold.get("also_types", [])]):
            return event_type
    raise AssertionError(f"no EventType for gold type {gold['type']!r}")


def perfect(gold: dict) -> ArticleExtraction:
    """The records a flawless extractor would give for this gold file."""
    file = gold["article"]["file"]
    slug = Path(file).stem
    refs = {a["id"]: ActorRef(ActorKind(a["type"]), a["name"]) for a in gold["actors"]}

    def ev(item: dict) -> Evidence:
        quote = (item.get("evidence_by_article") or {}).get(file) or item.get("evidence") or ""
        return _evidence(slug, quote)

    x = ArticleExtraction(article=Article(slug=slug, source=file, text="", sha256=""))
    x.actors = [Actor(ref=refs[a["id"]], aliases=set(a["aliases"])) for a in gold["actors"]]
    x.posts = [Post(refs[p["person"]], p["role"], None, bool(p.get("former")), ev(p)) for p in gold["posts"]]
    x.agreements = [Agreement(a["name"], set(a["aliases"]), [], None, [ev(a)]) for a in gold["agreements"]]
    x.events = [
        Event(
            type=_event_type(e),
            label=e["label"],
            evidence=[ev(e)],
            agent=refs.get(e.get("agent")),
            participants=[refs[p] for p in e["participants"]],
        )
        for e in gold["events"]
    ]
    x.claims = [
        Claim(
            claimant=refs.get(c["claimant"]),
            stance=Stance.DENIES if c["stance"] == "denies" else Stance.ASSERTS,
            text=c["content"],
            proposition=c["content"],
            cue="said",
            direct_quote=False,
            evidence=ev(c),
        )
        for c in gold["claims"]
    ]
    x.quantities = [
        Quantity(
            value=float(q["value_min"] if "value_min" in q else q["value"] or 0),
            qualifier=Qualifier.EXACT,
            unit=q["unit"],
            measure=q.get("measure", ""),
            evidence=ev(q),
        )
        for q in gold["quantities"]
    ]
    return x


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture()
def u01_dir(tmp_path: Path) -> Path:
    """A gold folder holding only the Guatemala article, so counts are easy to predict."""
    shutil.copy(U01, tmp_path / U01.name)
    return tmp_path


def n_required(gold: dict, category: str) -> int:
    return sum(1 for item in gold[category] if item.get("required", True) is not False)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_perfect_system_scores_one_on_every_gold_file(gold_path: Path, tmp_path: Path):
    shutil.copy(gold_path, tmp_path / gold_path.name)
    report = evaluate([perfect(load(gold_path))], tmp_path)
    assert report.articles == [gold_path.stem]
    for name in CATEGORIES:
        cat = report[name]
        assert (cat.misses, cat.false_hits) == ([], []), name
        assert cat.precision == cat.recall == cat.f1 == 1.0, name
    assert report.negation_flips == []


def test_dropping_an_actor_costs_one_required_actor_of_recall(u01_dir: Path):
    gold = load(U01)
    x = perfect(gold)
    x.actors = [a for a in x.actors if a.ref.name != "Lucía Tzul Batz"]
    report = evaluate([x], u01_dir)
    n = n_required(gold, "actors")
    assert report["actors"].recall == pytest.approx((n - 1) / n)
    assert report["actors"].precision == 1.0
    assert report["actors"].misses == ["u01_guatemala_border_memorandum: 'Lucía Tzul Batz' (Person, lucia-tzul-batz)"]


def test_dropping_a_quantity_and_a_claim_lowers_their_recall_only(u01_dir: Path):
    gold = load(U01)
    x = perfect(gold)
    x.quantities = [q for q in x.quantities if q.value != 48000]
    x.claims = [c for c in x.claims if "waiting room" not in c.text and "power of arrest" not in c.text]
    report = evaluate([x], u01_dir)
    nq, nc = n_required(gold, "quantities"), n_required(gold, "claims")
    assert report["quantities"].recall == pytest.approx((nq - 1) / nq)
    # the waiting-room claim is required: false, so only the arrest-power denial is missed
    assert report["claims"].recall == pytest.approx((nc - 1) / nc)
    assert report["actors"].recall == report["events"].recall == 1.0


def test_flipped_stance_claim_is_not_a_match(u01_dir: Path):
    x = perfect(load(U01))
    i = next(i for i, c in enumerate(x.claims) if "power of arrest" in c.text)
    x.claims[i] = replace(x.claims[i], stance=Stance.ASSERTS)
    report = evaluate([x], u01_dir)
    claims = report["claims"]
    assert (claims.fn, claims.fp) == (1, 1)
    assert claims.precision < 1.0 and claims.recall < 1.0
    assert len(report.negation_flips) == 1 and "power of arrest" in report.negation_flips[0]


def test_not_actors_label_is_a_false_hit_and_generic_mention_is_ignored(u01_dir: Path):
    x = perfect(load(U01))
    x.actors.append(Actor(ActorRef(ActorKind.ORGANIZATION, "Guatemala City")))
    x.actors.append(Actor(ActorRef(ActorKind.GOVERNMENT_BODY, "U.S. officials")))
    report = evaluate([x], u01_dir)
    actors = report["actors"]
    assert actors.fp == 1 and actors.recall == 1.0
    assert actors.false_hits == ["u01_guatemala_border_memorandum: 'Guatemala City' (Organization) is not an actor"]


def test_unknown_actor_is_a_false_hit(u01_dir: Path):
    x = perfect(load(U01))
    x.actors.append(Actor(ActorRef(ActorKind.PERSON, "Somebody Else")))
    report = evaluate([x], u01_dir)
    tp = report["actors"].tp
    assert report["actors"].precision == pytest.approx(tp / (tp + 1))


def test_required_false_items_count_neither_way(u01_dir: Path):
    gold = load(U01)
    optional = {item.get("id") or item.get("statement") for cat in CATEGORIES for item in gold[cat]
                if item.get("required") is False}
    assert optional, "the Guatemala gold has optional items"
    full = perfect(gold)
    lean = perfect({**gold, **{cat: [i for i in gold[cat] if i.get("required") is not False] for cat in CATEGORIES}})
    for x in (full, lean):
        report = evaluate([x], u01_dir)
        assert all(report[c].precision == report[c].recall == 1.0 for c in CATEGORIES)
    assert len(full.actors) > len(lean.actors) and len(full.events) > len(lean.events)


def test_titles_and_determiners_do_not_block_a_person_match(u01_dir: Path):
    x = perfect(load(U01))
    x.actors = [a for a in x.actors if a.ref.name != "Margaret Holloway"]
    x.actors.append(Actor(ActorRef(ActorKind.PERSON, "Deputy Secretary Margaret Holloway")))
    assert evaluate([x], u01_dir)["actors"].recall == 1.0


def test_evidence_from_cleaned_text_matches_hard_wrapped_gold(tmp_path: Path):
    """Gold quotes keep the raw line breaks; the system quotes the cleaned, joined sentence."""
    gold = load(GOLD / "unseen" / "u02_colombia_precursor_seizure.json")
    (tmp_path / "g.json").write_text(json.dumps(gold), encoding="utf-8")
    x = perfect(gold)
    arrest = next(e for e in x.events if e.type is EventType.ARREST)
    assert "\n" in arrest.evidence[0].sentence
    joined = " ".join(arrest.evidence[0].sentence.split())
    x.events = [e for e in x.events if e is not arrest]
    x.events.append(Event(EventType.ARREST, "crew arrested", [_evidence("u02", f"{joined}.")]))
    assert evaluate([x], tmp_path)["events"].recall == 1.0
    x.events[-1] = Event(EventType.ARREST, "crew arrested", [_evidence("u02", "Somebody else was arrested.")])
    assert evaluate([x], tmp_path)["events"].recall < 1.0


def test_quantity_value_within_one_percent_and_scaled_units(u01_dir: Path):
    x = perfect(load(U01))
    x.quantities = [
        Quantity(35, Qualifier.EXACT, "million dollars", "funding", _evidence("u01", "$35 million")),
        Quantity(48300, Qualifier.APPROX, "encounters", "encounters", _evidence("u01", "48,300")),
        Quantity(1200, Qualifier.EXACT, "percent", "wrong unit", _evidence("u01", "1,200")),
    ]
    quantities = evaluate([x], u01_dir)["quantities"]
    assert quantities.tp == 2 and quantities.fp == 1
    assert any("wrong unit" in hit for hit in quantities.false_hits)


def test_scores_have_flat_spacy_style_keys(u01_dir: Path):
    x = perfect(load(U01))
    x.posts = []
    scores = evaluate([x], u01_dir).scores()
    assert set(scores) == {f"{c}_{m}" for c in CATEGORIES for m in "prf"}
    assert scores["posts_r"] == 0.0 and scores["posts_f"] == 0.0 and scores["actors_f"] == 1.0


def test_extractions_and_gold_pair_by_file_stem(u01_dir: Path):
    stray = ArticleExtraction(article=Article(slug="x", source="somewhere/else.txt", text="", sha256=""))
    report = evaluate([stray], u01_dir)
    assert report.articles == [] and report.without_gold == ["else"]
    assert report.without_extraction == ["u01_guatemala_border_memorandum"]


def test_format_report_lists_scores_and_misses(u01_dir: Path):
    x = perfect(load(U01))
    x.agreements = []
    text = format_report(evaluate([x], u01_dir))
    assert "agreements" in text and "Border Security and Migration Memorandum" in text
    assert "missed (1)" in text


def test_unreadable_gold_is_an_ingest_error(tmp_path: Path):
    with pytest.raises(IngestError, match="gold folder not found"):
        evaluate([], tmp_path / "missing")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IngestError, match="bad.json"):
        evaluate([], tmp_path)


def test_person_without_maternal_surname_still_matches(tmp_path: Path):
    path = GOLD / "unseen" / "u02_colombia_precursor_seizure.json"
    shutil.copy(path, tmp_path / path.name)
    x = perfect(load(path))
    x.actors = [a for a in x.actors if a.ref.name != "Esteban Corredor Lozano"]
    x.actors.append(Actor(ActorRef(ActorKind.PERSON, "Corredor Lozano")))
    x.actors.append(Actor(ActorRef(ActorKind.PERSON, "Lozano Smith")))
    actors = evaluate([x], tmp_path)["actors"]
    assert actors.recall == 1.0
    assert actors.false_hits == ["u02_colombia_precursor_seizure: 'Lozano Smith' (Person)"]


def test_stray_not_actor_alias_on_a_matched_actor_is_not_a_false_hit(tmp_path: Path):
    path = GOLD / "unseen" / "u02_colombia_precursor_seizure.json"
    shutil.copy(path, tmp_path / path.name)
    x = perfect(load(path))
    colombia = next(a for a in x.actors if a.ref.name == "Colombia")
    colombia.aliases.add("Bogotá")
    assert evaluate([x], tmp_path)["actors"].fp == 0


def test_merging_allowed_partners_finds_both(tmp_path: Path):
    path = GOLD / "unseen" / "u03_oped_pacific_shield.json"
    shutil.copy(path, tmp_path / path.name)
    x = perfect(load(path))
    x.actors = [a for a in x.actors if a.ref.name != "Government of Honduras"]
    assert evaluate([x], tmp_path)["actors"].recall == 1.0
