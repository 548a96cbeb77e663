"""Score extraction records against hand-made gold files: precision, recall and F1 per category.

Gold lives in one JSON file per article (``tests/gold/<file stem>.json``; the format is described in
``tests/gold/README.md``).  A gold file is paired with the ``ArticleExtraction`` whose
``article.source`` has the same file stem; extractions without gold and gold without extraction are
listed in the report, not scored.  Counts are summed over articles (micro average).

Matching rules (a simplified form of the rules of the project's external export scorer)
-------------------------------------------------------------------------------------
Folding.  ``fold``: NFKD with accents dropped, lower case, possessive 's dropped, dots and quote
marks deleted ("U.S." -> "us"), every other non-alphanumeric character a space, spaces collapsed.
A *name key* is a folded name without leading determiners (the, a, an, ...); for persons a second
key also drops leading titles and office words ("U.S. Deputy Secretary of State Margaret Holloway"
-> "margaret holloway").  Evidence is compared after collapsing whitespace and unifying quotes and
dashes: gold quotes the raw file (hard wraps kept), the system quotes the cleaned text.

Counting.  ``tp`` = required gold items found, ``fn`` = required gold items not found, ``fp`` =
system items that match no gold item at all.  Gold items with ``required: false`` count for neither
recall nor as false hits: finding them is allowed, missing them is not an error.  Precision is
tp / (tp + fp), recall tp / (tp + fn); a ratio with a zero denominator is 1.0 (nothing claimed,
nothing wrong; nothing to find, nothing missed).  Recall pairs gold and system items one to one,
greedily by score, except for actors, where a gold actor is found when any system actor matches it
(two system nodes for one actor is a resolution fault, not a missing actor).

Actors.  A system actor matches a gold actor when a key of its canonical name or of an alias equals a
key of the gold ``name``, ``name_world`` or an alias; failing that, a person matches the single gold
person whose name tokens contain its own two or more, or the reverse (Spanish double surnames).
Finding one of a ``may_merge_with`` pair finds both.  An actor whose canonical name matches a
``not_actors`` string is a false hit (an unmatched actor: any of its labels); one matching only a
``generic_mentions`` string is ignored.
Posts.  The holder matches the gold person (or a ``may_merge_with`` partner) and the role tokens
overlap with Dice >= 0.5 (folded tokens, a synonym table: minister~secretary, lawyer~attorney, ...;
gold roles split at "/" and parentheses give alternatives, the best is taken).  ``of`` is not scored.
Agreements.  A name or alias key equals a gold name or alias key, or the distinctive tokens (generic
words such as agreement, memorandum, program, U.S., Mexico removed) have Dice >= 0.5, or (for
unnamed agreements) an evidence sentence overlaps the gold evidence and the label shares a
distinctive token with the gold (or has none).
Events.  The type matches (the EventType value against the gold ``type`` or ``also_types``, folded,
through a small synonym table that also files gold types finer than the scheme under the nearest
scheme type, e.g. repatriation under Extradition; or one contains the other as a token sequence)
and at least half of the gold participants are among the event's agent, target and participants;
when the gold lists no participants, the event's evidence must overlap the gold evidence instead.
Claims.  The claimant matches (gold ``claimant``, ``claimant_may_be``, ``also_claimant``, their
``may_merge_with`` partners, or the ``claimant_surface`` wording), the stance is equal, and either at
least half of the content stems of the gold ``content`` (or ``detail``, ``evidence``,
``more_evidence``) appear in the claim's text and proposition with at least two in common, or the
evidence sentences overlap.  A claim that matches on everything but the stance, and matches no gold
claim with the right stance, is a false hit and is also listed as a negation flip.
Quantities.  The value is within 1% of the gold value (or inside ``value_min``..``value_max``; a
unit saying thousand/million/billion scales the value) and the units are compatible (same unit class
such as percent, currency, people, weight, or a shared word, or no unit given).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bordergraph.errors import IngestError
from bordergraph.extract.records import ActorRef, ArticleExtraction, Evidence
from bordergraph.ontology.vocab import ActorKind

CATEGORIES = ("actors", "posts", "agreements", "events", "claims", "quantities")

# ----------------------------------------------------------------------------- folding

_QUOTES = "\"'`´‘’‚‛“”„‟«»‹›"
DETERMINERS = {"the", "a", "an", "some", "many", "several", "various", "other", "its", "his", "her", "their", "our"}
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "general", "gen", "attorney", "atty", "ambassador",
    "senator", "sen", "rep", "representative", "dr", "mr", "mrs", "ms", "judge", "director", "chief",
    "administrator", "spokesperson", "spokesman", "spokeswoman", "foreign", "interior", "security", "public",
    "defense", "defence", "homeland", "of", "deputy", "assistant", "leader", "governor", "mayor", "commander",
    "admiral", "rear", "colonel", "col", "lt", "capt", "sgt", "adviser", "advisor", "and", "for", "state",
    "justice", "navy", "army", "senior", "special", "former", "then", "current", "top", "federal", "national",
    "us", "usa", "american", "united", "states", "mexican", "mexico", "ombudsman", "fellow",
}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def fold(text: str) -> str:
    """Accent-, case- and punctuation-free form used to compare names, roles and types."""
    s = strip_accents(str(text)).lower()
    s = re.sub(r"[’'`´‘]s\b", "", s)
    s = re.sub("[" + re.escape(_QUOTES) + r"\.]", "", s)
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return s.strip()


@lru_cache(maxsize=None)
def name_key(text: str) -> str:
    toks = fold(text).split()
    while toks and toks[0] in DETERMINERS:
        toks = toks[1:]
    return " ".join(toks)


@lru_cache(maxsize=None)
def person_key(text: str) -> str:
    """The name key without leading titles and office words; the name key when nothing is left."""
    toks = name_key(text).split()
    i = 0
    while i < len(toks) and toks[i] in TITLES:
        i += 1
    return " ".join(toks[i:]) or " ".join(toks)


def name_keys(labels: Iterable[str], person: bool) -> set[str]:
    keys = {name_key(s) for s in labels if s}
    if person:
        keys |= {person_key(s) for s in labels if s}
    keys.discard("")
    return keys


_QUOTE_MAP = str.maketrans(
    {c: "'" for c in "‘’‚‛`´"} | {c: '"' for c in "“”„‟«»"} | {"–": "-", "—": "-"}
)


def norm_evidence(text: str) -> str:
    """Whitespace collapsed, quotes and dashes unified, markdown emphasis dropped."""
    s = unicodedata.normalize("NFC", str(text)).translate(_QUOTE_MAP)
    s = re.sub(r"[*_#]+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def evidence_overlaps(sentence: str, gold_quotes: Iterable[str]) -> bool:
    """True when the system sentence contains a gold quote or lies inside one."""
    sent = norm_evidence(sentence)
    if not sent:
        return False
    for quote in gold_quotes:
        q = norm_evidence(quote)
        if q and (q in sent or sent in q):
            return True
    return False


def dice(a: set | frozenset, b: set | frozenset) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


# ----------------------------------------------------------------------------- roles, types, units

ROLE_SYN = {
    "ministry": "secretary", "minister": "secretary", "secretariat": "secretary", "lawyer": "attorney",
    "counsel": "attorney", "atty": "attorney", "gen": "general", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "head": "chief", "adviser": "advisor", "defence": "defense",
    "chairman": "chair", "chairwoman": "chair", "chairs": "chair", "envoy": "ambassador", "us": "united",
    "america": "united", "states": "united", "directs": "director",
}
ROLE_STOP = {"of", "the", "for", "and", "to", "in", "on", "at", "a", "an", "former", "then", "current", "s", "its"}


@lru_cache(maxsize=None)
def role_tokens(role: str) -> frozenset[str]:
    out = set()
    for t in fold(role).split():
        if t in ROLE_STOP:
            continue
        t = ROLE_SYN.get(t, t)
        if len(t) > 4 and t.endswith("s") and not t.endswith("ss"):
            t = t[:-1]
        out.add(t)
    return frozenset(out)


def role_alternatives(role: str) -> list[str]:
    """'A / B (C)' -> the whole, A, B, C and 'B C': each is tried, the best overlap wins."""
    alts = {role}
    m = re.match(r"^(.*?)\((.*)\)\s*$", role)
    base, inner = (m.group(1), m.group(2)) if m else (role, "")
    for part in [base] + ([inner] if inner else []):
        alts.add(part)
        alts.update(part.split("/"))
    if inner:
        alts.add(base + " " + inner)
    return [a.strip() for a in alts if a.strip()]


EVENT_SYNONYMS = {
    "meeting": {"talks", "talk", "dialogue", "dialog", "summit", "conference", "consultation", "gathering"},
    "visit": {"trip", "tour", "state visit"},
    "arrest": {"detention", "capture", "apprehension", "custody"},
    "extradition": {"handover", "repatriation"},
    "killing": {"murder", "homicide", "assassination", "death", "deaths", "massacre", "slaying"},
    "kidnapping": {"abduction", "hostage taking", "disappearance"},
    "seizure": {"confiscation", "interdiction", "haul", "drug seizure"},
    "lab bust": {"lab raid", "lab dismantling", "dismantling", "laboratory bust"},
    "designation": {"listing", "terrorist designation"},
    "threat": {"warning", "ultimatum"},
    "sanction": {"sanctions", "penalty", "embargo", "cooperation withdrawal"},
    "election": {"vote", "elections", "inauguration"},
    "agreement signing": {"signing", "agreement", "accord", "deal", "pact", "treaty", "launch", "establishment"},
    "attack": {"assault", "ambush", "shooting", "bombing"},
    "protest": {"demonstration", "march", "boycott"},
    "investigation": {"probe", "inquiry", "audit"},
    "indictment": {"charge", "charges", "charging"},
    "deployment": {"mobilization", "troop deployment"},
    "announcement": {"statement", "declaration", "press conference", "news conference", "briefing", "press release",
                     "proposal", "regulation", "legislation", "retraction", "construction", "testimony", "acquittal"},
    "aid": {"assistance", "funding", "grant"},
}
# Gold types finer than the EventType scheme (repatriation, legislation, boycott ...) sit under the
# nearest scheme type above, so that a system limited to the scheme can still find those events.
_TYPE_CANON = {syn: canon for canon, syns in EVENT_SYNONYMS.items() for syn in syns | {canon}}


@lru_cache(maxsize=None)
def type_fold(value: str) -> str:
    s = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(value))  # AgreementSigning -> Agreement Signing
    return " ".join(t for t in fold(s).split() if t not in ("event", "type", "the", "a", "an", "of"))


def _contains_seq(big: str, small: str) -> bool:
    b, s = big.split(), small.split()
    return bool(s) and any(b[i:i + len(s)] == s for i in range(len(b) - len(s) + 1))


def types_match(system_type: str, gold_types: Iterable[str]) -> bool:
    fs = type_fold(system_type)
    cs = _TYPE_CANON.get(fs, fs)
    for gt in gold_types:
        fg = type_fold(gt)
        if fs == fg or cs == _TYPE_CANON.get(fg, fg) or _contains_seq(fs, fg) or _contains_seq(fg, fs):
            return True
    return False


UNIT_CLASSES = {
    "percent": {"percent", "percentage", "pct", "%", "per cent"},
    "currency": {"usd", "dollar", "dollars", "$", "us$", "peso", "pesos"},
    "time": {"year", "years", "month", "months", "decade", "decades", "hours", "days"},
    "weight": {"tonnes", "tonne", "tons", "ton", "kg", "kilograms", "kilogram", "kilos", "pounds", "lbs"},
    "people": {"people", "person", "persons", "deaths", "dead", "killed", "victims", "migrants", "bodies",
               "citizens", "americans", "troops", "soldiers", "agents", "members", "individuals", "lives",
               "fatalities", "homicides", "extraditions", "overdoses", "encounters", "crew"},
    "pills": {"pills", "pill", "tablets", "doses"},
    "labs": {"labs", "lab", "laboratories", "laboratory"},
}
GENERIC_UNITS = {"count", "number", "total", "quantity", "amount", "unit", "units", "items", "cases", ""}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9}


def _unit_words(unit: str | None) -> set[str]:
    s = str(unit or "").lower()
    words = set(fold(s).split())
    words |= {c for c in "%$" if c in s}
    return words


def units_compatible(gold_unit: str | None, system_unit: str | None) -> bool:
    sw = _unit_words(system_unit) - set(MULTIPLIERS)
    gw = _unit_words(gold_unit)
    if not sw or sw <= GENERIC_UNITS or not gw:
        return True
    sc = {c for c, kws in UNIT_CLASSES.items() if sw & kws}
    gc = {c for c, kws in UNIT_CLASSES.items() if gw & kws}
    return bool(sc & gc) or bool((sw - {"of", "per", "the", "in"}) & gw)


def scaled_value(value: float, unit: str | None) -> float:
    words = _unit_words(unit)
    for word, factor in MULTIPLIERS.items():
        if word in words:
            return value * factor
    return value


def _number(value) -> float | None:
    """A gold value as a number; None for ranges written as text ("10-20") or a missing value."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def value_matches(gold: dict, value: float, unit: str | None) -> bool:
    candidates = {float(value), scaled_value(float(value), unit)}
    lo, hi = _number(gold.get("value_min")), _number(gold.get("value_max"))
    target = _number(gold.get("value"))
    for v in candidates:
        if lo is not None and hi is not None and lo <= v <= hi:
            return True
        if target is not None and abs(v - float(target)) <= 0.01 * abs(float(target)):
            return True
    return False


# ----------------------------------------------------------------------------- claim text

STOP = set("""a an the of and or but if then than that this these those to in on at by for from with into
over under about as is are was were be been being has have had do does did will would shall should can could
may might must it its he she they them his her their our we you i me my your there here which who whom whose
what when where why how all any both each more most other some such only own same so too very just also said
says say told tell according while during before after since until""".split())
NEG_WORDS = {"not", "no", "never", "neither", "nor", "none", "nothing", "nobody", "cannot", "without", "deny",
             "denies", "denied", "denying", "refute", "refutes", "refuted", "false", "falsely", "dont", "doesnt",
             "didnt", "isnt", "wasnt", "arent", "werent", "cant", "wont", "wouldnt", "nt"}


@lru_cache(maxsize=None)
def content_stems(text: str) -> frozenset[str]:
    """Content words cut to 5-letter stems; stop and negation words dropped (stance is scored apart)."""
    s = strip_accents(str(text)).lower()
    s = re.sub(r"[’'`´‘]s\b", "", s)
    s = re.sub(r"n[’'`´]t\b", " not", s)
    s = s.replace("u.s.", "us").replace("united states", "us")
    toks = re.sub(r"[^0-9a-z]+", " ", s).split()
    return frozenset(t[:5] for t in toks if t not in STOP and t not in NEG_WORDS and len(t) > 1)


def content_overlap(gold: dict, system_text: str) -> float:
    """Best share of a gold wording's stems found in the system text (0 unless >= 2 are shared)."""
    sys_stems = content_stems(system_text)
    best = 0.0
    for wording in [gold.get("content"), gold.get("detail"), gold.get("evidence"), *gold.get("more_evidence", [])]:
        stems = content_stems(wording or "")
        shared = len(stems & sys_stems)
        if stems and shared >= 2:
            best = max(best, shared / len(stems))
    return best


# ----------------------------------------------------------------------------- report


@dataclass
class CategoryScore:
    """Counts for one category, and what was missed or wrongly found (one line each)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """Scores per category over every article that has both gold and an extraction."""

    categories: dict[str, CategoryScore] = field(default_factory=lambda: {c: CategoryScore() for c in CATEGORIES})
    articles: list[str] = field(default_factory=list)  # file stems scored
    without_gold: list[str] = field(default_factory=list)  # extractions with no gold file
    without_extraction: list[str] = field(default_factory=list)  # gold files with no extraction
    negation_flips: list[str] = field(default_factory=list)  # claims right but for the stance

    def __getitem__(self, category: str) -> CategoryScore:
        return self.categories[category]

    def scores(self) -> dict[str, float]:
        """Flat spaCy-style keys: ``actors_p``, ``actors_r``, ``actors_f`` ... for every category."""
        out: dict[str, float] = {}
        for name, cat in self.categories.items():
            out[f"{name}_p"] = cat.precision
            out[f"{name}_r"] = cat.recall
            out[f"{name}_f"] = cat.f1
        return out


def format_report(report: EvalReport, *, details: bool = True) -> str:
    """A plain-text table (P, R, F1, tp, fp, fn per category), then every miss and false hit."""
    lines = [f"articles scored: {len(report.articles)}"]
    if report.without_gold:
        lines.append("no gold for: " + ", ".join(report.without_gold))
    if report.without_extraction:
        lines.append("gold but no extraction for: " + ", ".join(report.without_extraction))
    lines.append(f"{'category':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name, cat in report.categories.items():
        lines.append(
            f"{name:<12}{cat.precision:>7.3f}{cat.recall:>7.3f}{cat.f1:>7.3f}{cat.tp:>6}{cat.fp:>6}{cat.fn:>6}"
        )
    if report.negation_flips:
        lines.append(f"negation flips: {len(report.negation_flips)}")
    if details:
        for name, cat in report.categories.items():
            for title, items in (("missed", cat.misses), ("false hits", cat.false_hits)):
                if items:
                    lines.append(f"\n{name} {title} ({len(items)}):")
                    lines.extend(f"  - {item}" for item in items)
        if report.negation_flips:
            lines.append(f"\nnegation flips ({len(report.negation_flips)}):")
            lines.extend(f"  - {item}" for item in report.negation_flips)
    return "\n".join(lines)


# ----------------------------------------------------------------------------- gold files


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """{file stem: gold dict} for every ``*.json`` under ``gold_dir`` (subfolders included)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise IngestError(f"gold folder not found: {gold_dir}")
    out: dict[str, dict] = {}
    for path in sorted(gold_dir.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IngestError(f"cannot read gold file {path}: {exc}") from exc
        if not isinstance(data, dict) or "article" not in data or "file" not in data.get("article", {}):
            raise IngestError(f"gold file {path} has no 'article.file'; see tests/gold/README.md")
        stem = Path(data["article"]["file"]).stem
        if stem in out:
            raise IngestError(f"two gold files describe {data['article']['file']}: the second is {path}")
        out[stem] = data
    return out


def required(item: dict) -> bool:
    return item.get("required", True) is not False


def _gold_evidence(item: dict, file: str) -> list[str]:
    quotes = []
    by_article = item.get("evidence_by_article") or {}
    if file in by_article:
        quotes.append(by_article[file])
    elif item.get("evidence"):
        quotes.append(item["evidence"])
    quotes.extend(item.get("more_evidence", []))
    return quotes


def _greedy(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """One-to-one matching: best-scoring (gold, system) pairs first; returns {gold index: system index}."""
    taken_gold: dict[int, int] = {}
    taken_sys: set[int] = set()
    for _score, g, s in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if g not in taken_gold and s not in taken_sys:
            taken_gold[g] = s
            taken_sys.add(s)
    return taken_gold


# ----------------------------------------------------------------------------- one article


class _ArticleScorer:
    """Scores one extraction against one gold dict, adding to the report's counters."""

    def __init__(self, extraction: ArticleExtraction, gold: dict, report: EvalReport):
        self.x = extraction
        self.gold = gold
        self.report = report
        self.file = gold["article"]["file"]
        self.stem = Path(self.file).stem
        self.gold_actors = {a["id"]: a for a in gold.get("actors", [])}
        self.gold_keys = {
            gid: name_keys([a.get("name"), a.get("name_world"), *a.get("aliases", [])], a.get("type") == "Person")
            for gid, a in self.gold_actors.items()
        }
        self.not_actor_keys = name_keys(gold.get("not_actors", []), False)
        self.generic_keys = name_keys(gold.get("generic_mentions", []), False)
        self.aliases: dict[ActorRef, set[str]] = {}
        for actor in extraction.actors:
            self.aliases.setdefault(actor.ref, {actor.ref.name}).update(actor.aliases)

    # -- actors

    def ref_keys(self, ref: ActorRef) -> set[str]:
        labels = self.aliases.get(ref, {ref.name})
        return name_keys(labels, ref.kind == ActorKind.PERSON)

    def matching_ids(self, ref: ActorRef) -> set[str]:
        """Gold actors whose keys a system actor shares; for a person with no such actor, the one
        gold person whose name holds all of its (two or more) name tokens, or the reverse
        ("Corredor Lozano" ~ "Esteban Corredor Lozano", "Héctor Aldana" ~ "Héctor Aldana Ruiz")."""
        keys = self.ref_keys(ref)
        ids = {gid for gid, gkeys in self.gold_keys.items() if keys & gkeys}
        if ids or ref.kind != ActorKind.PERSON:
            return ids
        sys_tokens = [set(k.split()) for k in keys if len(k.split()) >= 2]
        candidates = {
            gid
            for gid, gkeys in self.gold_keys.items()
            if self.gold_actors[gid].get("type") == "Person"
            for g in gkeys
            for t in sys_tokens
            if len(g.split()) >= 2 and (t <= set(g.split()) or set(g.split()) <= t)
        }
        return candidates if len(candidates) == 1 else set()

    def actor_ids(self, ref: ActorRef | None) -> set[str]:
        """Gold actor ids this system actor matches, with their may_merge_with partners."""
        if ref is None:
            return set()
        ids = self.matching_ids(ref)
        for gid in list(ids):
            ids.update(self.gold_actors[gid].get("may_merge_with", []))
        return ids

    def score_actors(self) -> None:
        cat = self.report["actors"]
        found: set[str] = set()
        for actor in self.x.actors:
            keys = self.ref_keys(actor.ref)
            ids = self.matching_ids(actor.ref)
            found |= ids
            # a matched actor is judged by its name; a stray alias ("Bogotá" on Colombia) is not a new node
            not_actor = name_keys([actor.ref.name], False) if ids else keys
            if not_actor & self.not_actor_keys:
                cat.fp += 1
                cat.false_hits.append(f"{self.stem}: {actor.ref.name!r} ({actor.ref.kind.value}) is not an actor")
            elif not ids and not keys & self.generic_keys:
                cat.fp += 1
                cat.false_hits.append(f"{self.stem}: {actor.ref.name!r} ({actor.ref.kind.value})")
        for gid in list(found):  # merging with an allowed partner finds both
            found.update(self.gold_actors[gid].get("may_merge_with", []))
        for gid, gold in self.gold_actors.items():
            if not required(gold):
                continue
            if gid in found:
                cat.tp += 1
            else:
                cat.fn += 1
                cat.misses.append(f"{self.stem}: {gold['name']!r} ({gold['type']}, {gid})")

    # -- generic one-to-one scoring

    def _tally(self, category: str, golds: list[dict], systems: list, pair_score, describe_gold, describe_sys):
        """Match ``systems`` to ``golds`` one to one; count and list what is left over."""
        cat = self.report[category]
        pairs = []
        matched_sys: set[int] = set()
        for si, item in enumerate(systems):
            for gi, gold in enumerate(golds):
                score = pair_score(gold, item)
                if score is not None:
                    pairs.append((score + (1.0 if required(gold) else 0.0), gi, si))
                    matched_sys.add(si)
        assignment = _greedy(pairs)
        for gi, gold in enumerate(golds):
            if not required(gold):
                continue
            if gi in assignment:
                cat.tp += 1
            else:
                cat.fn += 1
                cat.misses.append(f"{self.stem}: {describe_gold(gold)}")
        for si, item in enumerate(systems):
            if si not in matched_sys:
                cat.fp += 1
                cat.false_hits.append(f"{self.stem}: {describe_sys(item)}")
        return matched_sys

    # -- posts

    def post_score(self, gold: dict, post) -> float | None:
        wanted = {gold["person"], *self.gold_actors.get(gold["person"], {}).get("may_merge_with", [])}
        if not wanted & self.actor_ids(post.holder):
            return None
        system_tokens = role_tokens(post.role)
        best = max(dice(role_tokens(alt), system_tokens) for alt in role_alternatives(gold["role"]))
        return best if best >= 0.5 else None

    def score_posts(self) -> None:
        self._tally(
            "posts", self.gold.get("posts", []), self.x.posts, self.post_score,
            lambda g: f"{g['person']} — {g['role']!r}",
            lambda p: f"{p.holder.name} — {p.role!r}",
        )

    # -- agreements

    def agreement_score(self, gold: dict, agreement) -> float | None:
        gold_labels = [gold.get("name"), *gold.get("aliases", [])]
        sys_labels = [agreement.name, *agreement.aliases]
        if name_keys(sys_labels, False) & name_keys(gold_labels, False):
            return 1.0
        best = max(
            (dice(distinctive_tokens(s), distinctive_tokens(g)) for s in sys_labels for g in gold_labels if s and g),
            default=0.0,
        )
        if best >= 0.5:
            return best
        # an unnamed agreement: its sentence overlaps the gold evidence and its label shares a
        # distinctive word with the gold (or has none), as score-export.py rules
        sys_tokens = frozenset().union(*(distinctive_tokens(s) for s in sys_labels if s))
        gold_tokens = frozenset().union(*(distinctive_tokens(g) for g in gold_labels if g))
        overlap = any(evidence_overlaps(e.sentence, _gold_evidence(gold, self.file)) for e in agreement.evidence)
        return 0.5 if overlap and (not sys_tokens or sys_tokens & gold_tokens) else None

    def score_agreements(self) -> None:
        self._tally(
            "agreements", self.gold.get("agreements", []), self.x.agreements, self.agreement_score,
            lambda g: f"{g['name']!r}",
            lambda a: f"{a.name!r}",
        )

    # -- events

    def event_score(self, gold: dict, event) -> float | None:
        if not types_match(event.type.value, [gold["type"], *gold.get("also_types", [])]):
            return None
        overlap = any(evidence_overlaps(e.sentence, _gold_evidence(gold, self.file)) for e in event.evidence)
        participants = gold.get("participants", [])
        if not participants:
            return 0.5 + 0.5 * overlap if overlap else None
        system_ids: set[str] = set()
        for ref in [event.agent, event.target, *event.participants]:
            system_ids |= self.actor_ids(ref)
        share = sum(1 for p in participants if p in system_ids) / len(participants)
        if share < 0.5:
            return None
        return share + 0.5 * overlap

    def score_events(self) -> None:
        self._tally(
            "events", self.gold.get("events", []), self.x.events, self.event_score,
            lambda g: f"{g['type']}: {g.get('label', '')!r}",
            lambda e: f"{e.type.value}: {e.label!r}",
        )

    # -- claims

    def claimant_ok(self, gold: dict, claimant: ActorRef | None) -> bool:
        wanted = {gold.get("claimant"), *gold.get("claimant_may_be", []), *gold.get("also_claimant", [])}
        wanted.discard(None)
        for gid in list(wanted):
            wanted.update(self.gold_actors.get(gid, {}).get("may_merge_with", []))
        if claimant is None:
            return gold.get("claimant") is None
        if wanted & self.actor_ids(claimant):
            return True
        surface = gold.get("claimant_surface")
        return bool(surface) and name_key(surface) in self.ref_keys(claimant)

    def claim_fit(self, gold: dict, claim) -> float | None:
        """How well a claim fits a gold claim, ignoring the stance (None: no fit)."""
        if not self.claimant_ok(gold, claim.claimant):
            return None
        text_score = content_overlap(gold, f"{claim.text} {claim.proposition}")
        overlap = evidence_overlaps(claim.evidence.sentence, _gold_evidence(gold, self.file))
        if text_score < 0.5 and not overlap:
            return None
        return text_score + 0.5 * overlap

    def claim_score(self, gold: dict, claim) -> float | None:
        if claim.stance.value.lower() != str(gold.get("stance", "")).lower():
            return None
        return self.claim_fit(gold, claim)

    def score_claims(self) -> None:
        golds = self.gold.get("claims", [])
        matched = self._tally(
            "claims", golds, self.x.claims, self.claim_score,
            lambda g: f"{g.get('claimant')} {g['stance']}: {g['content']!r}",
            lambda c: f"{c.claimant.name if c.claimant else None} {c.stance.value}: {c.text!r}",
        )
        for si, claim in enumerate(self.x.claims):
            if si in matched:
                continue
            text = f"{claim.text} {claim.proposition}"
            fits = [(content_overlap(g, text), g) for g in golds if self.claim_fit(g, claim) is not None]
            fits = [(score, g) for score, g in fits if score >= 0.5]  # text similarity, not sentence overlap
            if fits:
                gold = max(fits, key=lambda f: f[0])[1]
                self.report.negation_flips.append(
                    f"{self.stem}: {claim.stance.value} {claim.text!r} vs gold {gold['stance']} {gold['content']!r}"
                )

    # -- quantities

    def quantity_score(self, gold: dict, quantity) -> float | None:
        if _number(gold.get("value")) is None and _number(gold.get("value_min")) is None:
            ok = evidence_overlaps(quantity.evidence.sentence, _gold_evidence(gold, self.file))
            return 0.5 if ok else None
        if not value_matches(gold, quantity.value, quantity.unit):
            return None
        if not units_compatible(gold.get("unit"), quantity.unit):
            return None
        return 1.0 + 0.5 * evidence_overlaps(quantity.evidence.sentence, _gold_evidence(gold, self.file))

    def score_quantities(self) -> None:
        self._tally(
            "quantities", self.gold.get("quantities", []), self.x.quantities, self.quantity_score,
            lambda g: f"{g['value']} {g.get('unit')}: {g.get('statement', '')!r}",
            lambda q: f"{q.value:g} {q.unit}: {q.measure!r}",
        )

    def run(self) -> None:
        self.score_actors()
        self.score_posts()
        self.score_agreements()
        self.score_events()
        self.score_claims()
        self.score_quantities()


AGREEMENT_GENERIC = {
    "agreement", "agreements", "deal", "framework", "program", "programme", "initiative", "memorandum",
    "understanding", "accord", "pact", "treaty", "plan", "partnership", "strategy", "mou", "of", "and", "for",
    "the", "a", "an", "on", "us", "u", "s", "united", "states", "usa", "american", "mexico", "mexican", "bilateral",
    "joint", "security", "cooperation",
}


@lru_cache(maxsize=None)
def distinctive_tokens(label: str) -> frozenset[str]:
    return frozenset(t for t in name_key(label).split() if t not in AGREEMENT_GENERIC)


# ----------------------------------------------------------------------------- entry point


def _stem(extraction: ArticleExtraction) -> str:
    return Path(extraction.article.source).stem


def evaluate(extractions: Iterable[ArticleExtraction], gold_dir: Path) -> EvalReport:
    """Score every extraction whose source file has a gold file under ``gold_dir``.

    Extractions without gold are listed in ``without_gold``; gold files without an extraction in
    ``without_extraction``; neither is counted.

    :raises IngestError: the gold folder is missing or a gold file cannot be read.
    """
    gold = load_gold(gold_dir)
    report = EvalReport()
    seen: set[str] = set()
    for extraction in extractions:
        stem = _stem(extraction)
        if stem not in gold:
            report.without_gold.append(stem)
            continue
        seen.add(stem)
        report.articles.append(stem)
        _ArticleScorer(extraction, gold[stem], report).run()
    report.without_extraction = sorted(set(gold) - seen)
    return report


def iter_gold_evidence(gold: dict) -> Iterator[tuple[str, str]]:
    """Every (where, quote) evidence string of one gold dict: used to check quotes against the text."""
    file = gold["article"]["file"]
    for key in ("posts", "agreements", "events"):
        for i, item in enumerate(gold.get(key, [])):
            label = item.get("id", f"{key}[{i}]")
            by_article = item.get("evidence_by_article") or {}
            if file in by_article:
                yield f"{key} {label}", by_article[file]
            elif item.get("evidence") and not by_article:
                yield f"{key} {label}", item["evidence"]
    for key in ("claims", "quantities"):
        for i, item in enumerate(gold.get(key, [])):
            label = item.get("id", f"{key}[{i}]")
            if item.get("evidence"):
                yield f"{key} {label}", item["evidence"]
            for quote in item.get("more_evidence", []):
                yield f"{key} {label} (more)", quote
