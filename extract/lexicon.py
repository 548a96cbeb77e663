"""The general domain lexicon: countries, places, agencies, parties, cartels (JSONL files).

General knowledge only: nothing here is a fact of one article.  Each entry is validated when
loaded so that a typo in a data file fails loudly instead of silently dropping patterns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bordergraph.ontology.vocab import ActorKind

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # ActorKind value or "Place"
    aliases: tuple[str, ...]
    wikidata: str | None = None
    demonyms: tuple[str, ...] = ()
    country: str | None = None


def _read(file: str, default_kind: str | None = None) -> list[Entry]:
    entries = []
    path = LEXICON_DIR / file
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        kind = raw.get("kind", default_kind)
        if kind != "Place" and kind not in {k.value for k in ActorKind}:
            raise ValueError(f"{path}:{n}: unknown kind {kind!r}")
        aliases = tuple(dict.fromkeys([raw["name"], *raw.get("aliases", [])]))
        entries.append(Entry(raw["name"], kind, aliases, raw.get("wikidata"),
                             tuple(raw.get("demonyms", [])), raw.get("country")))
    return entries


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every lexicon entry (countries, organisations, criminal groups, places)."""
    return tuple(
        _read("countries.jsonl")
        + _read("organizations.jsonl")
        + _read("criminal_organizations.jsonl")
        + _read("places.jsonl", default_kind="Place")
    )


@lru_cache(maxsize=1)
def by_alias() -> dict[str, Entry]:
    """Folded alias → entry (first entry wins; countries come first)."""
    from bordergraph.extract.names import fold

    table: dict[str, Entry] = {}
    for entry in entries():
        for alias in entry.aliases:
            table.setdefault(fold(alias), entry)
    return table


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym ("Mexican") → country name ("Mexico")."""
    return {d: e.name for e in entries() for d in e.demonyms}


@lru_cache(maxsize=1)
def words(name: str) -> frozenset[str]:
    """A word list file (one entry per line, # comments) from the lexicon folder."""
    lines = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
