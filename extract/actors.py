"""Actor and place mentions in one parsed article.

Sources, strongest first: the lexicon ruler (known countries, agencies, cartels, places);
organisation-shaped phrases ("Baker Institute for Public Policy"), found by pattern so that a
country inside an organisation's name does not split it; then spaCy's statistical NER
(PERSON, ORG, GPE, NORP, LOC).  Names are cleaned here: titles, possessives, determiners and
line-wrap artefacts never become part of a name; drugs, handles and page furniture never become
actors.  The kind of an ambiguous mention (NER's "Blinken" as GPE) is settled by the resolver.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bordergraph.extract import lexicon
from bordergraph.extract.context import Mention
from bordergraph.extract.names import (
    clean_surface,
    strip_determiner,
    strip_possessive,
    strip_titles,
    titlecase_if_shouting,
)
from bordergraph.extract.nlp import LABEL_FOR_KIND, NOT_ACTOR

KIND_FOR_LABEL = {label: kind for kind, label in LABEL_FOR_KIND.items()}
UNKNOWN = "Unknown"  # NER said GPE/NORP/ORG but the name may be a person's: the resolver decides

_CRIME_WORDS = re.compile(r"\b(?:cartel|cártel|clan|gang|mafia|zetas|syndicate|organi[sz]ation criminal)\b", re.I)
_GOV_WORDS = re.compile(
    r"\b(?:department|ministry|secretariat|agency|administration|army|navy|guard|police|"
    r"congress|senate|parliament|government|command|bureau|commission|prosecutor|court|"
    r"customs|border patrol|attorney general)\b", re.I)
_AGREEMENT_WORDS = re.compile(
    r"\b(?:Framework|Initiative|Agreement|Accord|Plan|Program|Programme|Treaty|Strategy|Pact|Protocol|"
    r"Dialogue|Summit|Organizations|Compact|Memorandum|Act)\b")
_NOISE = re.compile(r"[@#/\\]|https?:|www\.|\d{3,}")


@lru_cache(maxsize=1)
def _org_phrase() -> re.Pattern:
    heads = "|".join(re.escape(h) for h in sorted(lexicon.words("org_heads"), key=len, reverse=True))
    word = r"(?:[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th))"
    connector = r"(?:of|for|on|the|and|to|de|del|la|y|&)"
    return re.compile(
        rf"(?<![\w-])(?:{word}[ ]){{0,4}}(?:{heads})(?:(?:[ ]{connector}){{1,2}}(?:[ ]{word})+)*(?![\w-])"
    )


def _org_phrases(text: str) -> list[tuple[int, int]]:
    """Spans of organisation-shaped phrases; "X’s Y Institute" gives the owner X and Y Institute,
    and "A Agency and the B Department" gives two organisations."""
    spans = []
    for m in _org_phrase().finditer(text):
        start, end = m.span()
        for s, e in _split(text, start, end):
            if text[s:e].startswith(("The ", "A ", "An ")):
                s += text[s:e].index(" ") + 1
            if " " in text[s:e] and not _AGREEMENT_WORDS.search(text[s:e]):
                spans.append((s, e))
    return spans


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an organisation phrase where it joins two names: "X’s Y Agency" (owner X, when Y has
    two words or more), "A Agency and the B Office", "A Agency and B Protection" (both sides
    organisations), or a sentence end the capitalised words ran across ("September. The ...")."""
    span = text[start:end]
    cuts = [m for m in _PHRASE_CUT.finditer(span) if _is_cut(m, span)]
    if not cuts:
        return [(start, end)]
    m = cuts[0]
    head = (start, start + m.start())
    rest = _split(text, start + m.end(), end)
    keep = m.group(0).strip() != "." and not any(c.isdigit() for c in text[head[0]:head[1]])
    return ([head] if keep else []) + rest


_PHRASE_CUT = re.compile(r"['’]s (?=[A-Z])| and the | and (?=[A-Z])|(?<=[a-z]{3})\.\s+(?=[A-Z])")


def _is_cut(m: re.Match, span: str) -> bool:
    after, before = span[m.end():], span[:m.start()]
    if m.group(0).startswith(("'", "’")):
        return len(after.split()) >= 2
    if m.group(0) == " and ":
        entry = lexicon.by_alias().get(_fold(after))
        known_after = entry is not None and entry.kind not in ("Country", "Place")  # not "... and Mexico"
        return bool(_org_head().search(before)) and (known_after or bool(_org_head().search(after)))
    return True


@lru_cache(maxsize=1)
def _org_head() -> re.Pattern:
    heads = "|".join(re.escape(h) for h in sorted(lexicon.words("org_heads"), key=len, reverse=True))
    return re.compile(rf"\b(?:{heads})\b")


@lru_cache(maxsize=1)
def _titled_name() -> re.Pattern:
    titles = sorted((t for t in lexicon.words("titles") if t[:1].isupper() and len(t) > 3
                     and t not in ("Mexican", "American", "Former", "Then")), key=len, reverse=True)
    name_word = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’]+(?:-[A-ZÁÉÍÓÚÑ]?[a-záéíóúñü'’]+)*"  # "Dufresne-Mbeki"
    return re.compile(rf"\b(?:{'|'.join(re.escape(t) for t in titles)})[ ](?P<name>{name_word}(?:[ ][A-Z]\.)?(?:[ ]{name_word}){{1,2}})\b")


def _titled_names(text: str) -> list[tuple[int, int]]:
    return [m.span("name") for m in _titled_name().finditer(text)]


_GEOGRAPHY = re.compile(r"^(?:Gulf|Lake|River|Bay|Sea|Mount|Cape|Port|Strait|Isthmus|Sierra|Valley)\b|\b(?:Hill|Valley|River|Island|Islands)$")


def _kind_of_org(name: str) -> str:
    if _GEOGRAPHY.search(name):
        return "Place"  # "Gulf of Fonseca", "Parliament Hill"
    if _CRIME_WORDS.search(name):
        return "CriminalOrganization"
    if _GOV_WORDS.search(name):
        return "GovernmentBody"
    return "Organization"


def _clean_name(surface: str, kind: str) -> str:
    name = strip_determiner(strip_possessive(clean_surface(surface)))
    if kind in ("Person", UNKNOWN):
        name = titlecase_if_shouting(strip_titles(name, lexicon.words("titles")))
    return name


def _acceptable(name: str, kind: str, known: bool = False) -> bool:
    """Could ``name`` be an actor's (or place's) name?  ``known``: the lexicon says it is."""
    if not name or _NOISE.search(name) or name in lexicon.words("not_actors"):
        return False
    if _AGREEMENT_WORDS.search(name) and not known:
        return False
    if not any(c.isupper() for c in name) or len(name) < 2:
        return False
    if kind == "Person":
        words = name.split()
        if name in lexicon.words("titles") or name + "." in lexicon.words("titles") or any(w in lexicon.demonyms() for w in words[:1]) and len(words) == 1:
            return False
        if not all(w[:1].isupper() or w in ("de", "del", "la", "van", "von", "da", "y") for w in words):
            return False
    return True


def find_mentions(doc) -> list[Mention]:
    """Every actor and place mention in ``doc``, in text order, names cleaned."""
    text = doc.text
    org_spans = _org_phrases(text)
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in taken)

    # 1. Lexicon ruler hits that are not inside a longer organisation phrase.
    for ent in doc.ents:
        kind = KIND_FOR_LABEL.get(ent.label_)
        if ent.label_ == NOT_ACTOR:
            taken.append((ent.start_char, ent.end_char))
            continue
        if kind is None or not ent.ent_id_:
            continue
        inside_org = any(s <= ent.start_char and ent.end_char <= e and (e - s) > len(ent.text) + 3
                         for s, e in org_spans)
        if inside_org:
            continue
        _add(mentions, ent.start_char, ent.end_char, text, kind, "lexicon", ent.ent_id_)
        taken.append((ent.start_char, ent.end_char))

    # 2. Organisation-shaped phrases.
    for s, e in org_spans:
        if overlaps(s, e):
            continue
        name = _clean_name(text[s:e], "Organization")
        entry = lexicon.by_alias().get(_fold(name))
        kind = entry.kind if entry else _kind_of_org(name)
        _add(mentions, s, e, text, kind, "pattern", entry.name if entry else None)
        taken.append((s, e))

    # 3. A capitalised name right after a title is a person, whatever the NER thought of it.
    for s, e in _titled_names(text):
        if not overlaps(s, e):
            _add(mentions, s, e, text, "Person", "pattern:title", None)
            taken.append((s, e))

    # 4. Statistical NER and the ruler's generic shapes.
    for ent in doc.ents:
        s, e = ent.start_char, ent.end_char
        if overlaps(s, e):
            continue
        label = ent.label_
        if _followed_by_title(text, e) and label != "PERSON":
            continue  # "Homeland Security" in "Homeland Security Secretary X"
        if _AGREEMENT_WORDS.search(text[max(0, s - 30):s]) and re.search(r"\b(?:for|on|of)\s*$", text[max(0, s - 30):s]):
            continue  # "Security, Public Health ..." inside "Framework for Security, Public Health ..."
        if label in ("BG_CRIME", "BG_GOV"):
            kind = KIND_FOR_LABEL[label]
        elif label == "PERSON":
            kind = "Person"
            s = _given_names_before(ent)
            if overlaps(s, e):
                s = ent.start_char
        elif label == "ORG":
            kind = _kind_of_org(ent.text)
            if kind == "Organization":
                kind = UNKNOWN if len(ent.text.split()) <= 2 else kind
        elif label in ("GPE", "NORP"):
            if ent.text in lexicon.demonyms() or ent.text.rstrip("s") in lexicon.demonyms():
                continue
            kind = UNKNOWN
        elif label == "LOC":
            kind = "Place"
        elif label in ("FAC", "PRODUCT", "WORK_OF_ART") and len(ent.text.split()) <= 3:
            kind = UNKNOWN  # NER's guess for unfamiliar names; a person only if the resolver agrees
        else:
            continue
        _add(mentions, s, e, text, kind, f"ner:{label}", None)
        taken.append((s, e))
    mentions.sort(key=lambda m: (m.start, m.end))
    return _join_split_names(mentions, text)


def _join_split_names(mentions: list[Mention], text: str) -> list[Mention]:
    """NER sometimes splits a name ("Esteban" ORG + "Corredor Lozano" PERSON): a lone capitalised
    word of unknown kind right before a person's name is the start of that name."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and m.kind == "Person" and prev.kind == UNKNOWN and prev.end + 1 == m.start
                and text[prev.end] == " " and " " not in prev.name and prev.name[:1].isupper()
                and prev.name not in lexicon.words("titles")
                and not re.search(r"\b(?:of|for|the|and|at|in)\s$", text[max(0, prev.start - 5):prev.start])):
            joined = text[prev.start:m.end]
            out[-1] = Mention(prev.start, m.end, joined, _clean_name(joined, "Person"), "Person", m.source)
        else:
            out.append(m)
    return out


def _given_names_before(ent) -> int:
    """NER often tags only the last word of a three-part name ("Rigoberto Sical [Chen]"): take in
    up to two capitalised proper nouns right before it that belong to no other entity."""
    doc, i = ent.doc, ent.start
    while i > 0 and ent.start - i < 2:
        tok = doc[i - 1]
        if not (tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and tok.is_alpha
                and tok.text not in lexicon.words("titles") and not tok.is_sent_start):
            break
        i -= 1
    return doc[i].idx


def _followed_by_title(text: str, end: int) -> bool:
    nxt = text[end:end + 30].split()
    return bool(nxt) and nxt[0].rstrip(".,") in lexicon.words("titles")


def _fold(text: str) -> str:
    from bordergraph.extract.names import fold

    return fold(text)


def _add(mentions: list[Mention], s: int, e: int, text: str, kind: str, source: str, canonical: str | None) -> None:
    surface = clean_surface(text[s:e])
    name = _clean_name(text[s:e], kind)
    if not _acceptable(name, "Person" if kind == "Person" else kind, known=canonical is not None):
        return
    entry = lexicon.by_alias().get(_fold(canonical or name)) if source != "ner:PERSON" else None
    if entry is not None and canonical is None and entry.kind != "Place" and kind != "Person":
        canonical, kind = entry.name, entry.kind
    wikidata = entry.wikidata if entry is not None and canonical == entry.name else None
    # keep offsets on the cleaned name inside the surface when they line up
    mentions.append(Mention(s, e, surface, name, kind, source, canonical, wikidata))
