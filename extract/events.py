"""Typed events from trigger words and the dependency parse, merged across mentions and articles.

A trigger (a verb or noun of ``lexicon/event_triggers.json``) gives the event type.  The parse
gives its roles: the agent is the subject (or the "by" phrase of a passive, or the subject a
verb inherits through "threatened to ...", "traveled ... to meet"), the target the object (or
the passive subject, or the "of" object of a noun: "the arrest of X"), the other actors of the
clause are participants.  Place, date and factuality (negated, hypothetical, future) come from
the same clause.  An event with nothing specific around it (no actor, place, name or counted
group: "kidnappings and murders to which citizens are subjected"; only a country as setting:
"attacks on Americans in Mexico"; a meeting or agreement with no party; a hypothetical with no
one acting; a habit: "his daily news conferences") is a generic mention and is left out.  Bylines
and time phrases ("signed during the X administration") name no party; "it"/"they" reported by
an organisation ("the Navy said it had seized") is that organisation; "the navy" is the last
body named "... Navy".

Mentions of one incident inside an article merge (a second "the March murders"; a definite
mention with no parties of its own, "the meeting", joins the last event of its type); only named
events merge on their label ("Threat by Trump" twice may be two threats); across
articles, ``incident_key`` gives reports of one incident the same node (the same named dialogue,
or the same type, day and target), computed from each report alone so incremental builds agree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from bordergraph.extract.dates import normalize_date
from bordergraph.extract.names import fold
from bordergraph.extract.records import ActorRef, DateValue, Event, Place
from bordergraph.ontology.vocab import ActorKind, DatePrecision, EventType, Factuality

__all__ = ["extract_events", "incident_key"]

EXTRACTOR = "events.trigger"
_LEXICON = Path(__file__).resolve().parent / "lexicon" / "event_triggers.json"

_TYPE_WORDS = {
    EventType.MEETING: "Meeting", EventType.VISIT: "Visit", EventType.ARREST: "Arrest",
    EventType.EXTRADITION: "Extradition", EventType.KILLING: "Killing", EventType.KIDNAPPING: "Kidnapping",
    EventType.SEIZURE: "Seizure", EventType.LAB_BUST: "Lab bust", EventType.DESIGNATION: "Designation",
    EventType.THREAT: "Threat", EventType.SANCTION: "Sanctions", EventType.ELECTION: "Election",
    EventType.AGREEMENT_SIGNING: "Agreement", EventType.ATTACK: "Attack", EventType.PROTEST: "Protest",
    EventType.INVESTIGATION: "Investigation", EventType.INDICTMENT: "Indictment",
    EventType.DEPLOYMENT: "Deployment", EventType.ANNOUNCEMENT: "Announcement", EventType.AID: "Aid",
}
# Types whose object is the one acted upon (a person arrested), not a thing talked about.
_TARGETED = {EventType.ARREST, EventType.EXTRADITION, EventType.KILLING, EventType.KIDNAPPING,
             EventType.DESIGNATION, EventType.SANCTION, EventType.THREAT, EventType.ATTACK,
             EventType.INDICTMENT, EventType.INVESTIGATION}
_MODALS = {"may", "might", "could", "would", "should", "must", "can"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_HYPOTHETICAL_HEADS = {"threaten", "propose", "consider", "seek", "want", "urge", "demand", "call",
                       "ask", "suggest", "recommend", "push", "weigh", "hope", "try", "aim", "press"}
_FUTURE_HEADS = {"plan", "intend", "expect", "schedule", "prepare", "set", "vow", "pledge", "promise",
                 "agree", "decide"}
_HYPOTHETICAL_MODS = {"possible", "potential", "proposed", "hypothetical", "would-be", "alleged"}
_FUTURE_MODS = {"upcoming", "planned", "next", "future", "forthcoming", "scheduled", "coming"}
_NEGATORS = {"not", "never", "n't", "no"}
_PRONOUNS = {"he", "his", "him", "she", "her"}
_HABITUAL = re.compile(r"\b(?:per|a|each|every) (?:year|month|week|day)\b|\bannually\b|\byearly\b")
_ANAPHORIC = {"those", "these", "such", "that", "this"}
_CLAUSE_DEPS = {"conj", "ccomp", "advcl", "relcl", "parataxis"}
_IT_THEY = {"it", "they", "we"}
# Prepositions of time: "signed during the Calderón administration" names a period, not a party.
_TEMPORAL_PREPS = {"during", "before", "after", "since", "until", "till", "under", "amid", "ahead"}
_FREQUENCY = re.compile(r"(?:daily|weekly|monthly|yearly|annual|regular|routine|frequent|periodic|recurring)$")
_TIME_NOUNS = {"week", "month", "year", "day", "today", "yesterday", "monday", "tuesday", "wednesday",
               "thursday", "friday", "saturday", "sunday", "weekend", "time"}
# Events between parties: with no party named they say nothing checkable ("the officials agreed").
_PARTY_EVENTS = {EventType.MEETING, EventType.AGREEMENT_SIGNING}


@dataclass(frozen=True)
class _Trigger:
    type: EventType
    token: object  # spacy Token


@lru_cache(maxsize=1)
def _lex() -> dict:
    raw = json.loads(_LEXICON.read_text(encoding="utf-8"))
    raw.pop("about", None)
    for name in raw:
        EventType(name)  # a typo in the lexicon fails loudly
    return raw


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict]:
    """Lemma -> type tables: plain verbs/nouns and the conditional kinds."""
    verbs, nouns, conditional, compounds = {}, {}, [], {}
    for name, spec in _lex().items():
        etype = EventType(name)
        for v in spec.get("verbs", []):
            verbs.setdefault(v, etype)
        for n in spec.get("nouns", []):
            nouns.setdefault(n, etype)
        for kind in ("object_nouns", "proper_object", "person_object"):
            if kind in spec:
                conditional.append((kind, etype, spec[kind]))
        for head, mods in spec.get("compounds", {}).items():
            compounds[head] = (etype, set(mods))
    return {"verbs": verbs, "nouns": nouns, "conditional": conditional, "compounds": compounds}


# -- triggers ---------------------------------------------------------------------------------------
def _triggers(ctx) -> list[_Trigger]:
    tables = _tables()
    out = []
    for tok in ctx.doc:
        lemma = tok.lemma_.lower()
        word = tok.lower_
        etype = None
        if tok.pos_ in ("VERB",) or tok.tag_.startswith("VB"):
            etype = tables["verbs"].get(lemma)
            if etype is None:
                etype = _conditional(ctx, tok, lemma, "verbs")
        elif tok.pos_ in ("NOUN", "PROPN"):
            comp = tables["compounds"].get(lemma)
            mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
            if comp and mods & comp[1]:
                etype = comp[0]
            else:
                etype = tables["nouns"].get(word) or tables["nouns"].get(lemma)
                if etype is None:
                    etype = _conditional(ctx, tok, lemma, "nouns")
        if etype is not None:
            out.append(_Trigger(etype, tok))
    return out


def _objects(tok) -> list:
    """What a trigger acts on: direct/passive objects, "of" objects, the noun a participle modifies."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "obj")]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "on")):
        objs += [c for c in prep.children if c.dep_ == "pobj"]
    if tok.dep_ in ("acl", "amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN"):
        objs.append(tok.head)
    if tok.pos_ in ("NOUN", "PROPN"):
        objs += [c for c in tok.children if c.dep_ == "compound"]
    if not objs and tok.dep_ == "conj":
        objs = [c for c in tok.head.children if c.dep_ in ("dobj",)]
    for conj in [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]:
        if not objs:
            objs = [c for c in conj.children if c.dep_ == "dobj"]
    return objs


def _conditional(ctx, tok, lemma: str, pos: str) -> EventType | None:
    for kind, etype, spec in _tables()["conditional"]:
        if lemma not in spec.get(pos, []):
            continue
        objs = _objects(tok)
        if kind == "object_nouns":
            if any(o.lemma_.lower() in spec["objects"] or o.lower_ in spec["objects"] for o in objs):
                return etype
        elif kind == "proper_object":
            if any(t.pos_ == "PROPN" for o in objs for t in o.subtree):
                return etype
        elif kind == "person_object":
            for o in objs:
                ref = _actor_of(ctx, o)
                if ref is not None and ref.kind is ActorKind.PERSON:
                    return etype
            if any(o.lemma_.lower() in ("troop", "soldier", "agent", "force", "guard", "officer") for o in objs):
                return EventType.DEPLOYMENT
    return None


# -- actors -----------------------------------------------------------------------------------------
def _span_of(tokens) -> tuple[int, int]:
    tokens = list(tokens)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def _actor_of(ctx, tok) -> ActorRef | None:
    """The actor a noun phrase names: its head word, an apposition, the best person or
    organisation inside it ("two U.S. citizens" names no actor), or for he/his/she/her the
    nearest person named just before."""
    ref = ctx.actor_at(tok.idx, tok.idx + len(tok.text))
    if ref is not None:
        return ref
    if tok.lower_ in _PRONOUNS:
        return _antecedent(ctx, tok)
    if tok.lower_ in _IT_THEY:
        return _reporter(ctx, tok)
    for child in tok.children:
        if child.dep_ == "appos":
            ref = _actor_of(ctx, child)
            if ref is not None:
                return ref
    if tok.pos_ == "PRON":
        return None
    cut = {d.i for t in tok.subtree if t.dep_ in ("relcl", "acl") and t is not tok for d in t.subtree}
    kept = [(t.idx, t.idx + len(t.text)) for t in tok.subtree if t.i not in cut]
    s, e = _span_of(t for t in tok.subtree if t.i not in cut)
    refs = [r for (rs, re_), r in sorted(ctx.refs.items()) if s <= rs and re_ <= e
            and any(a <= rs < b for a, b in kept) and r.kind is not ActorKind.COUNTRY]
    refs = list(dict.fromkeys(refs))
    people = [r for r in refs if r.kind is ActorKind.PERSON]
    return (people or refs or [_definite_body(ctx, tok)])[0]


def _reporter(ctx, tok) -> ActorRef | None:
    """ "The Navy said it had seized ...": it/they/we, subject of a clause reported by a
    speaker, is the speaker when the speaker is an organisation or country."""
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return None
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.lower_ in _IT_THEY or speaker.pos_ == "PRON":
        return None
    ref = _actor_of(ctx, speaker)
    return ref if ref is not None and ref.kind is not ActorKind.PERSON else None


def _definite_body(ctx, tok) -> ActorRef | None:
    """ "the navy" after "the Colombian Navy": a definite singular common noun names the last
    organisation mentioned before it whose name ends in that noun."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    word = tok.lemma_.lower()
    best, best_end = None, -1
    for (s, e), ref in ctx.refs.items():
        if e <= tok.idx and e > best_end and ref.kind in (ActorKind.GOVERNMENT_BODY, ActorKind.ORGANIZATION) \
                and fold(ref.name).split()[-1:] == [word]:
            best, best_end = ref, e
    return best


def _antecedent(ctx, tok) -> ActorRef | None:
    """The person mentioned last before a personal pronoun, within the two sentences before it."""
    sent = tok.sent
    start = sent.start_char
    prev = tok.doc[sent.start - 1].sent if sent.start > 0 else None
    if prev is not None:
        start = prev.start_char
    best, best_end = None, -1
    for (s, e), ref in ctx.refs.items():
        if ref.kind is ActorKind.PERSON and start <= s and e <= tok.idx and e > best_end:
            best, best_end = ref, e
    return best


def _measured(tok) -> bool:
    """ "after four hours of talks": the trigger measured by a counted noun inside a verb's adjunct."""
    of, measure = tok.head, tok.head.head
    return (tok.dep_ == "pobj" and of.lower_ == "of" and measure.pos_ == "NOUN" and measure.dep_ == "pobj"
            and any(c.dep_ == "nummod" for c in measure.children))


def _byline(prep) -> bool:
    """A capitalised "By" inside a sentence opens a byline glued on by segmentation, not an agent."""
    return prep.text == "By" and prep.i != prep.sent.start


def _definite(tok) -> bool:
    """ "the meeting", "last week's dialogue": a noun phrase that points to a known event."""
    return any(c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss" and c.lemma_.lower() in _TIME_NOUNS
               for c in tok.children)


def _with_conjuncts(tok) -> list:
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out += _with_conjuncts(child)
    return out


def _subject(tok, depth: int = 0):
    """The subject of a verb, inherited through xcomp/conj/advcl/pcomp ("threatened to designate")."""
    for child in tok.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    if depth < 4 and tok.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "ccomp") and tok.head.i != tok.i:
        head = tok.head
        if head.pos_ in ("VERB", "AUX"):
            return _subject(head, depth + 1)
        if head.pos_ in ("NOUN", "PROPN"):  # "an attempt to capture": the attempt's owner
            for child in head.children:
                if child.dep_ in ("poss", "compound", "amod") and child.pos_ in ("PROPN", "NOUN", "ADJ"):
                    return child
            if head.dep_ in ("pobj",) and head.head.head.pos_ == "VERB":
                return _subject(head.head.head, depth + 1)
    return None


def _roles(ctx, trig: _Trigger):
    """(agent, target, participants) for one trigger."""
    tok = trig.token
    agent_tok, target_toks, extra = None, [], []
    extra_refs: list[ActorRef] = []
    if tok.pos_ == "VERB" or tok.tag_.startswith("VB"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or tok.tag_ == "VBN" and tok.dep_ == "acl"
        if passive:
            for by in (c for c in tok.children if c.dep_ == "agent" and not _byline(c)):
                agent_tok = next((c for c in by.children if c.dep_ == "pobj"), None)
            target_toks = [c for c in tok.children if c.dep_ == "nsubjpass"]
            if tok.dep_ == "acl":
                target_toks.append(tok.head)
        else:
            agent_tok = _subject(tok)
            target_toks = [o for o in _objects(tok) if o.dep_ in ("dobj", "obj") or o.head.i == tok.i]
            if not target_toks and tok.dep_ == "conj":
                target_toks = [c for c in tok.head.children if c.dep_ == "dobj"]
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ not in _TEMPORAL_PREPS):
            extra += [c for c in prep.children if c.dep_ == "pobj"]
    else:  # noun trigger
        for child in tok.children:
            if child.dep_ == "poss" and trig.type in _TARGETED and trig.type is not EventType.THREAT:
                target_toks.append(child)  # "his extradition": he is extradited
            elif child.dep_ == "poss" or child.dep_ in ("compound", "amod") and child.pos_ in ("PROPN", "ADJ"):
                agent_tok = agent_tok or child
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if _byline(prep) or prep.lower_ in _TEMPORAL_PREPS:
                continue
            if prep.lower_ == "by":
                agent_tok = objs[0] if objs else agent_tok
            elif prep.lower_ == "of" and trig.type in _TARGETED:
                target_toks += objs
            else:
                extra += objs
        if agent_tok is None and trig.type in _PARTY_EVENTS and _measured(tok):
            # "X and Y signed the plan after four hours of talks": the talks are theirs
            verb = tok.head.head.head.head
            if verb.pos_ in ("VERB", "AUX"):
                agent_tok = _subject(verb)
                if agent_tok is not None:  # every party of the subject ("A and B signed")
                    s, e = _span_of(agent_tok.subtree)
                    extra_refs = ctx.actors_in(s, e)
        if agent_tok is None and tok.dep_ in ("dobj", "pobj", "nsubjpass") \
                and (tok.tag_ in ("NN", "NNP") or tok.tag_ == "NNS" and _definite(tok)):
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            if verb.pos_ in ("VERB", "AUX"):
                agent_tok = _subject(verb)
    agent = _actor_of(ctx, agent_tok) if agent_tok is not None else None
    participants: list[ActorRef] = [r for r in extra_refs if r.kind is not ActorKind.COUNTRY]
    if agent_tok is not None:
        for conj in _with_conjuncts(agent_tok)[1:]:
            ref = _actor_of(ctx, conj)
            if ref is not None:
                participants.append(ref)
    target = None
    for t in target_toks:
        for conj in _with_conjuncts(t):
            ref = _actor_of(ctx, conj)
            if ref is None:
                continue
            if target is None and trig.type in _TARGETED:
                target = ref
            else:
                participants.append(ref)
    for t in extra:
        ref = _actor_of(ctx, t)
        if ref is not None and (ref.kind is not ActorKind.COUNTRY or t.head.lower_ in ("with", "between", "among", "from")
                                or t.head.lower_ == "to" and trig.type in (EventType.EXTRADITION, EventType.DEPLOYMENT)):
            participants.append(ref)
    # everyone else named inside the trigger's own phrase ("a meeting of presidents A and B"),
    # except in a byline or a time phrase glued to it
    skip = {t.i for p in tok.subtree if p.dep_ == "prep" and (_byline(p) or p.lower_ in _TEMPORAL_PREPS)
            for t in p.subtree}
    kept = [(t.idx, t.idx + len(t.text)) for t in tok.subtree if t.i not in skip]
    s, e = _span_of(tok.subtree)
    participants += [r for (rs, re_), r in sorted(ctx.refs.items())
                     if s <= rs and re_ <= e and any(a <= rs < b for a, b in kept)]
    bylined = _bylined(ctx, tok.sent)
    agent = None if agent in bylined else agent
    out = []
    for ref in participants:
        if ref not in out and ref != agent and ref != target and ref not in bylined:
            out.append(ref)
    return agent, target, out


def _bylined(ctx, sent) -> set:
    """Actors this sentence names only in a byline ("... faces extradition By Ana Ruiz")."""
    spans = []
    for tok in sent:
        if _byline(tok):
            end = tok.i + 1
            while end < sent.end and tok.doc[end].pos_ == "PROPN":
                end += 1
            spans.append((tok.idx, tok.doc[end - 1].idx + len(tok.doc[end - 1].text)))
    if not spans:
        return set()
    inside, outside = set(), set()
    for (s, e), ref in ctx.refs.items():
        if sent.start_char <= s and e <= sent.end_char:
            (inside if any(a <= s and e <= b for a, b in spans) else outside).add(ref)
    return inside - outside


# -- clause-level context ---------------------------------------------------------------------------
def _clause_root(tok):
    """The verb whose clause the trigger sits in (the trigger itself for a verb)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _clause_tokens(root, keep) -> list:
    cut = set()
    for child in root.children:
        if child.dep_ in _CLAUSE_DEPS and child.pos_ in ("VERB", "AUX") and keep not in list(child.subtree):
            cut |= {t.i for t in child.subtree}
    return [t for t in root.subtree if t.i not in cut]


def _factuality(tok) -> Factuality:
    """Negated ("never met"), hypothetical ("could designate", "threatened to designate", a
    question), future ("will meet", "plans to visit", "an upcoming summit")."""
    chain = [tok]
    cur = tok
    for _ in range(4):  # climb through "to"-complements and noun objects to the governing verb
        if cur.dep_ in ("xcomp", "dobj", "pobj", "prep", "pcomp") and cur.head.i != cur.i \
                and not (cur.dep_ == "prep" and cur.head.pos_ in ("NOUN", "PROPN")):
            cur = cur.head
            chain.append(cur)
        else:
            break
    sent = tok.sent
    for i, node in enumerate(chain):
        kids = list(node.children)
        if any(c.dep_ == "neg" or c.lower_ in ("never",) and c.dep_ in ("neg", "advmod") for c in kids):
            return Factuality.NEGATED
        if node.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in kids):
            return Factuality.NEGATED
        if i > 0 and node.lemma_.lower() in _HYPOTHETICAL_HEADS and node.pos_ == "VERB" \
                and chain[i - 1].dep_ in ("xcomp", "dobj", "prep"):
            return Factuality.HYPOTHETICAL
        if i > 0 and node.lemma_.lower() in _FUTURE_HEADS and node.pos_ == "VERB" and chain[i - 1].dep_ == "xcomp":
            return Factuality.FUTURE
    for node in chain:
        kids = list(node.children)
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
            return Factuality.HYPOTHETICAL
        aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
        if aux & _FUTURE_AUX:
            return Factuality.FUTURE
        if aux & _MODALS:
            return Factuality.HYPOTHETICAL
        if node.pos_ in ("NOUN", "PROPN"):
            mods = {c.lower_ for c in kids if c.dep_ in ("amod", "compound")}
            if mods & _FUTURE_MODS:
                return Factuality.FUTURE
            if mods & _HYPOTHETICAL_MODS:
                return Factuality.HYPOTHETICAL
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "xcomp":
            break
    going = re.search(r"\b(?:going to|plans? to|intends? to|is set to|are set to|expected to)\s+\w+\s*$",
                      tok.doc[sent.start:tok.i + 1].text.lower())
    if going:
        return Factuality.FUTURE
    if sent.text.rstrip().endswith("?"):
        return Factuality.HYPOTHETICAL
    return Factuality.ASSERTED


def _date(ctx, tok, clause, factuality: Factuality) -> tuple[DateValue | None, str | None]:
    """The DATE entity of the trigger's own phrase, else the nearest one in its clause."""
    prefer = "future" if factuality is Factuality.FUTURE else "past"
    own = {t.i for t in tok.subtree} if tok.pos_ in ("NOUN", "PROPN") else set()
    ids = {t.i for t in clause}
    candidates = []
    for ent in tok.sent.ents:
        if ent.label_ != "DATE":
            continue
        inside = any(t.i in own for t in ent)
        if not inside and not any(t.i in ids for t in ent):
            continue
        value = normalize_date(ent.text, ctx.article.date, prefer=prefer)
        if value is None and not re.search(r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|week|month|year|day",
                                           ent.text.lower()):
            continue
        dist = 0 if inside else min(abs(ent.start - tok.i), abs(ent.end - 1 - tok.i))
        candidates.append((value is None, dist, ent.start, value, ent.text))
    if not candidates:
        return None, None
    candidates.sort(key=lambda c: (c[1] > 0, c[0], c[1], c[2]))
    _, _, _, value, text = candidates[0]
    return value, text


def _place(ctx, tok, clause) -> Place | ActorRef | None:
    """A place named in the trigger's phrase or clause; else a country after in/to/at."""
    s, e = _span_of(tok.subtree)
    place = ctx.place_in(s, e)
    if place is None:
        cs, ce = _span_of(clause)
        place = ctx.place_in(cs, ce)
    if place is not None:
        return place
    for node in [tok, *[c for c in tok.children if c.dep_ == "prep"]]:
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in ("in", "to", "at", "inside")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                ref = ctx.actor_at(obj.idx, obj.idx + len(obj.text))
                if ref is not None and ref.kind is ActorKind.COUNTRY:
                    return ref
    return None


def _proper_name(tok) -> str | None:
    """The name when the trigger heads a proper name ("High-Level Security Dialogue")."""
    if tok.pos_ != "PROPN" and not tok.text[:1].isupper():
        return None
    if tok.i == tok.sent.start and tok.pos_ != "PROPN":
        return None
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.text[:1].isupper())]
    if not left and tok.pos_ != "PROPN":
        return None
    start = min([tok.i, *[t.i for c in left for t in c.subtree]])
    end = tok.i + 1
    for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
        objs = [t for t in prep.subtree]
        if all(t.text[:1].isupper() or t.lower_ in ("of", "the", "and") for t in objs):
            end = max(t.i for t in objs) + 1
    span = tok.doc[start:end]
    text = " ".join(span.text.replace("’s", "").split())
    text = re.sub(r"^(?:the|a|an|last|next|this)\s+", "", text, flags=re.I)
    return text if len(text.split()) >= 2 else None


def _label(etype: EventType, name: str | None, agent, target, participants, place) -> str:
    if name:
        return name
    word = _TYPE_WORDS[etype]
    names = lambda refs: ", ".join(r.name for r in refs[:-1]) + (" and " if len(refs) > 1 else "") + refs[-1].name
    parts = [word]
    if etype in (EventType.MEETING, EventType.AGREEMENT_SIGNING, EventType.ELECTION) and not target:
        people = [r for r in [agent, *participants] if r]
        if people:
            parts.append(("between " if etype is not EventType.ELECTION else "in ") + names(people[:4]))
    else:
        if target:
            parts.append(f"of {target.name}")
        if agent:
            parts.append(f"by {agent.name}")
    if place is not None and not (isinstance(place, ActorRef) and place in (agent, target, *participants)):
        parts.append(f"in {place.name}")
    return " ".join(parts)


# -- extraction -------------------------------------------------------------------------------------
def extract_events(ctx) -> list[Event]:
    """Every event mention the trigger lexicon and the parse can type and anchor, merged within
    the article (one event per incident, with one evidence sentence per mention)."""
    events: list[tuple[Event, str | None, bool]] = []  # (event, date wording, named)
    for trig in _triggers(ctx):
        tok = trig.token
        if tok.ent_type_ in ("PERSON",):
            continue
        is_noun = tok.pos_ in ("NOUN", "PROPN")
        if is_noun and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in tok.children):
            continue  # "those killings": a mention of an event already told
        if is_noun and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.lemma_ not in ("lab",):
            continue  # "threat assessments", "election season"
        if is_noun and tok.tag_ in ("NNS", "NNPS") and any(_FREQUENCY.search(c.lower_) for c in tok.children
                                                           if c.dep_ in ("amod", "compound")):
            continue  # "his daily news conferences": a habit, not an incident
        root = _clause_root(tok)
        clause = _clause_tokens(root, tok)
        factuality = _factuality(tok)
        agent, target, participants = _roles(ctx, trig)
        date, date_text = _date(ctx, tok, clause, factuality)
        place = _place(ctx, tok, clause)
        name = _proper_name(tok) if is_noun else None
        if _HABITUAL.search(" ".join(t.lower_ for t in clause)):
            continue  # "30,000 are killed per year": a rate, not an incident
        evidence = ctx.evidence(tok.idx, tok.idx + len(tok.text), EXTRACTOR, 0.7 if is_noun else 0.75)
        if is_noun and not (agent or target or participants) and _definite(tok):
            # "the meeting", "last week's Dialogue" with nobody of its own: the event told before
            i = _antecedent_event(events, trig.type, date, factuality)
            if i is not None:
                prev, ptext, pnamed = events[i]
                events[i] = (_absorb(prev, Event(trig.type, prev.label, [evidence], date, place)), ptext or date_text,
                             pnamed)
                continue
        if trig.type is EventType.ELECTION and not any(r.kind is ActorKind.COUNTRY for r in [agent, *participants] if r):
            participants += [r for r in ctx.actors_in(tok.sent.start_char, tok.sent.end_char)
                             if r.kind is ActorKind.COUNTRY and r not in participants]
        if not _anchored(tok, trig.type, agent, target, participants, place, name, factuality):
            continue
        if is_noun and tok.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss") for c in tok.children) \
                and not (agent or target or name) and trig.type is not EventType.ELECTION:
            continue  # bare plural: a kind of event ("fentanyl seizures rose"), not an incident
        if trig.type is EventType.VISIT and not any(r.kind is not ActorKind.COUNTRY for r in [agent, target, *participants] if r):
            continue  # a visit needs a visitor
        label = _label(trig.type, name, agent, target, participants, place)
        event = Event(trig.type, label, [evidence], date, place, agent, target, participants, factuality)
        for split in _split_elections(event):
            events.append((split, date_text, name is not None))
    return _merge_in_article(events)


def _antecedent_event(events, etype: EventType, date: DateValue | None, factuality: Factuality) -> int | None:
    """Index of the latest event of this type, date and factuality told before, if any."""
    for i in range(len(events) - 1, -1, -1):
        prev = events[i][0]
        if prev.type is etype and prev.factuality is factuality and _compatible_dates(prev.date, date):
            return i
    return None


def _counted(tok) -> bool:
    """ "Three crew members were arrested": a counted group acted upon is one incident."""
    objs = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    if tok.dep_ == "acl":
        objs.append(tok.head)
    return any(c.dep_ == "nummod" and c.like_num for o in objs for c in o.children)


def _anchored(tok, etype, agent, target, participants, place, name, factuality) -> bool:
    """Whether the mention is a specific event worth a node, not a vague or generic one."""
    if name:
        return True
    if etype in _PARTY_EVENTS and not (agent or target or participants):
        return False  # "the officials agreed on steps": no party, nothing to check
    if factuality is not Factuality.ASSERTED and not (agent or target):
        return False  # "will continue to detain", "would designating ... help": no one to hold to it
    if agent or target or place or _counted(tok):
        return True
    if etype is EventType.ELECTION:
        return bool(participants)
    # only countries named around it ("attacks on Americans in Mexico", "U.S. lawmakers are
    # threatening"): a setting, not a party
    return any(r.kind is not ActorKind.COUNTRY for r in participants)


def _split_elections(event: Event) -> list[Event]:
    """ "elections in both countries": one election per country taking part."""
    if event.type is not EventType.ELECTION:
        return [event]
    countries = [r for r in [event.agent, *event.participants] if r and r.kind is ActorKind.COUNTRY]
    if len(countries) < 2:
        return [event]
    out = []
    for c in countries:
        others = [r for r in event.participants if r.kind is not ActorKind.COUNTRY]
        out.append(replace(event, agent=None, participants=[c, *others], place=c,
                           label=_label(EventType.ELECTION, None, None, None, [c], None)))
    return out


def _date_words(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    words = set(re.findall(r"[a-z]+|\d+", text.lower()))
    months = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
              "sept", "oct", "nov", "dec"}
    keep = {w for w in words if w in months or w.isdigit()}
    return frozenset(keep)


def _compatible_dates(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return True
    return a.earliest <= b.latest and b.earliest <= a.latest


def _same_incident(a: Event, da: str | None, b: Event, db: str | None, named: bool = False) -> bool:
    if a.type is not b.type:
        return False
    if a.target and b.target and a.target != b.target:
        return False
    if not _compatible_dates(a.date, b.date):
        return False
    wa, wb = _date_words(da), _date_words(db)
    if a.date is None and b.date is None and wa and wb and not (wa & wb):
        return False
    same_date = (a.date is not None and b.date is not None and a.date.iso == b.date.iso
                 and a.date.precision is b.date.precision) or bool(wa and wb and wa & wb)
    same_target = a.target is not None and a.target == b.target
    same_name = named and a.label == b.label  # "Threat by Trump" twice may be two threats
    return same_date or same_target or same_name


def _absorb(into: Event, other: Event) -> Event:
    """One event from two mentions: evidence of both, the more precise date, every participant."""
    date = into.date
    if date is None or other.date is not None and _rank(other.date) > _rank(date):
        date = other.date
    participants = list(into.participants)
    for r in [other.agent, other.target, *other.participants]:
        if r and r not in participants and r not in (into.agent, into.target):
            participants.append(r)
    evidence = list(into.evidence) + [e for e in other.evidence if e not in into.evidence]
    agent = into.agent or other.agent
    target = into.target or other.target
    participants = [p for p in participants if p not in (agent, target)]
    factuality = into.factuality if into.factuality is Factuality.ASSERTED else other.factuality
    place = into.place or other.place
    label = into.label if into.label != _TYPE_WORDS[into.type] else other.label
    return Event(into.type, label, evidence, date, place, agent, target, participants, factuality)


def _rank(date: DateValue) -> int:
    return {DatePrecision.YEAR: 1, DatePrecision.MONTH: 2, DatePrecision.DAY: 3}[date.precision]


def _merge_in_article(events: list[tuple[Event, str | None, bool]]) -> list[Event]:
    merged: list[tuple[Event, str | None, bool]] = []
    for event, dtext, named in events:
        for i, (kept, ktext, knamed) in enumerate(merged):
            if _same_incident(kept, ktext, event, dtext, named and knamed) and kept.factuality is event.factuality:
                merged[i] = (_absorb(kept, event), ktext or dtext, knamed or named)
                break
        else:
            merged.append((event, dtext, named))
    return [e for e, _, _ in merged]


# -- across articles --------------------------------------------------------------------------------
def incident_key(event: Event) -> str | None:
    """A key that reports of one incident share, computed from one report alone.

    Named events ("High-Level Security Dialogue") meet on their name; others on type, a
    day-precise date and their target.  Because no report needs another to compute it, adding
    an article later gives the same nodes as building everything at once.  None: the report
    stays its own node.
    """
    if event.label != _TYPE_WORDS[event.type] and not event.label.startswith(_TYPE_WORDS[event.type] + " "):
        return f"{event.type.value}|name|{fold(event.label)}"
    if event.date is not None and event.date.precision is DatePrecision.DAY:
        anchor = event.target.name if event.target else ""
        return f"{event.type.value}|{event.date.iso}|{fold(anchor)}"
    return None
