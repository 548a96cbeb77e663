"""Claims: who said what, with the stance kept and the proposition in its positive form.

Three sources, tried sentence by sentence in text order (so a pronoun can be read against the
claims already found):

1. reported speech from the dependency parse: a reporting verb from
   ``lexicon/reporting_verbs.json`` ("said", "denied that", "insisted", "as X put it") whose
   subject resolves to an actor; its clause is the claim;
2. "according to X" attributions;
3. quoted text that no verb attributes: a quote that continues an attributed quote in the same
   paragraph, or a block of quoted text under a speaker line ("A: Name, affiliation:") in the
   Q&A layout (statements only: no questions, counts or simple-past narration);
4. rebuttals: "X repeated the falsity that P" also gives the narrator (Q&A speaker or sole
   op-ed author) the opposite stance on P;
5. claim nouns with a "that" clause ("dubious assertions, including that P"), documents that
   speak for their issuers ("X and Y issued assessments showing P"), and the writer's certainty
   frames ("There is no doubt that P").

Unattributed quoted sentences that prescribe ("need to", "must", "should") and clauses that
commit to nothing ("remains to be seen") are not claims.

Stance: a denial verb or a negated main verb in the claim makes ``Denies``; both together flip
back to ``Asserts``.  The proposition is the claim with the main verb's negation removed, so
that "denied that fentanyl is produced in Mexico" and "said fentanyl is not produced in Mexico"
meet on one proposition and stand against "insisted that fentanyl is produced in Mexico".
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from bordergraph.extract.propositions import content_stems, normalize
from bordergraph.extract.records import ActorRef, Claim, Evidence
from bordergraph.ontology.vocab import ActorKind, Stance

__all__ = ["extract_claims", "link_claims", "reporting_lexicon", "quote_spans", "speaker_blocks"]

LEXICON_PATH = Path(__file__).parent / "lexicon" / "reporting_verbs.json"

_OPEN_QUOTES = "“\"«„"
_EDGE = " \t\n,;:.!?—–-\"'`“”‘’«»()[]"
_SUBJ = ("nsubj", "nsubjpass", "expl", "csubj")
#: How far back (in characters) a pronoun may look for the actor it stands for.
_PRONOUN_REACH = 800


@lru_cache(maxsize=1)
def reporting_lexicon() -> dict:
    """The cue lexicon: verbs with default stance and confidence, negation cues, group nouns."""
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    data["_negation"] = frozenset(data["negation"])
    data["_not_after"] = frozenset(data["not_negation_after"])
    data["_anaphoric"] = frozenset(data["anaphoric_objects"])
    data["_groups"] = frozenset(data["group_heads"])
    data["_roles"] = frozenset(data["person_role_heads"])
    data["_first_person"] = frozenset(data["first_person"])
    data["_cognition"] = frozenset(data["cognition_verbs"])
    data["_documents"] = frozenset(data["document_heads"])
    data["_discrediting"] = frozenset(data["discrediting"]["words"])
    data["_he"] = frozenset(data["pronouns"]["person"])
    data["_it"] = frozenset(data["pronouns"]["group"])
    data["_claim_nouns"] = data["claim_nouns"]["nouns"]
    data["_issuing"] = frozenset(data["issuing_verbs"]["words"])
    data["_concessive"] = frozenset(data["concessive_prepositions"])
    data["_certainty"] = tuple(data["certainty_frames"]["frames"])
    return data


# ----------------------------------------------------------------------------------- entry


def extract_claims(ctx) -> list[Claim]:
    """Every claim of one article, in text order, duplicates (same span and claimant) removed."""
    lex = reporting_lexicon()
    text = ctx.article.text
    quotes = quote_spans(text)
    blocks = speaker_blocks(ctx)
    claims: list[Claim] = []
    for sent in ctx.doc.sents:
        found = reported_claims(ctx, sent, lex, quotes, claims)
        found += noun_claims(ctx, sent, lex, quotes, found, claims)
        found += narrator_rebuttals(ctx, sent, lex, blocks, found)
        found += according_to_claims(ctx, sent, lex, quotes, found)
        if not found:
            found = certainty_claims(ctx, sent, lex, quotes, blocks)
        if not found:
            found = quoted_sentence_claims(ctx, sent, lex, quotes, blocks, claims)
        claims.extend(found)
    return _dedupe(claims)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        key = (c.claimant, c.stance, c.proposition, c.evidence.begin)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# ----------------------------------------------------------------------------------- quotes


def quote_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every double-quoted stretch, quote marks included.

    Curly quotes may run over paragraphs (a quoted answer of several paragraphs); straight
    quotes stay inside one paragraph.  An opening mark with no closing one before the next
    opening mark is left unmatched.
    """
    spans = []
    for m in re.finditer(r"“[^“”]*”", text):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r'"[^"\n]*"', text):
        spans.append((m.start(), m.end()))
    return sorted(spans)


def _in_quote(quotes, start: int, end: int) -> bool:
    """True when most of [start, end) lies inside quoted text."""
    inside = sum(max(0, min(e, end) - max(s, start)) for s, e in quotes)
    return end > start and inside >= 0.6 * (end - start)


def speaker_blocks(ctx) -> list[tuple[int, int, ActorRef]]:
    """Quoted answers in the Q&A layout: (start, end, speaker) for each block.

    A speaker line is a short paragraph ending in ":" that names a person before its first comma
    (an optional "A:" first); the block is the quoted paragraphs after it, up to the paragraph
    whose end closes the quote or the next speaker line.
    """
    text = ctx.article.text
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    blocks = []
    for i, (s, e) in enumerate(paras):
        speaker = _speaker_of_line(ctx, s, e)
        if speaker is None or i + 1 >= len(paras):
            continue
        ns, _ = paras[i + 1]
        if text[ns] not in _OPEN_QUOTES:
            continue
        end = paras[i + 1][1]
        for js, je in paras[i + 1:]:
            if _speaker_of_line(ctx, js, je) is not None:
                break
            end = je
            if text[je - 1] in "”\"`'" and je - js > 1:
                break
        blocks.append((ns, end, speaker))
    return blocks


def _speaker_of_line(ctx, start: int, end: int) -> ActorRef | None:
    line = ctx.article.text[start:end].rstrip()
    if not line.endswith(":") or len(line) > 400 or len(line) < 5:
        return None
    head = re.match(r"(?:[A-Z]{1,2}:\s*)?", line).end()
    comma = line.find(",", head)
    stop = start + (comma if comma > 0 else len(line) - 1)
    for ref in ctx.actors_in(start + head, stop):
        if ref.kind == ActorKind.PERSON:
            return ref
    return None


# ----------------------------------------------------------------------------------- actors


def _span_of(tokens) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def claimant_of(ctx, tok, lex, claims) -> tuple[ActorRef | None, float]:
    """The actor a subject token stands for, and how sure we are (pronouns and groups less)."""
    ref = ctx.actor_at(tok.idx, tok.idx + len(tok.text))
    if ref is not None:
        return ref, 1.0
    for child in tok.children:  # "Colombia's defense minister, Esteban Corredor, denied ..."
        if child.dep_ == "appos":
            ref = ctx.actor_at(child.idx, child.idx + len(child.text))
            if ref is not None:
                return ref, 0.95
    if tok.pos_ == "PROPN":
        ref = _person_by_surname(ctx, tok)
        if ref is not None:
            return ref, 0.9
    low = tok.lower_
    if low in lex["_he"]:
        return _nearest_actor(ctx, tok.idx, persons=True), 0.85
    if low in lex["_it"]:
        return _group_antecedent(ctx, tok, claims), 0.7
    if low in lex["_documents"]:  # "a Reuters investigative report shows": the publisher speaks
        for child in tok.children:
            if child.i < tok.i and child.dep_ in ("compound", "poss", "nmod", "amod"):
                ref = ctx.actor_at(child.idx, child.idx + len(child.text))
                if ref is not None:
                    return ref, 0.7
    if low in lex["_roles"] or tok.lemma_.lower() in lex["_roles"]:
        return _role_holder(ctx, tok), 0.7
    if low in lex["_groups"] or tok.lemma_.lower() in lex["_groups"]:
        for child in tok.children:  # "U.S. officials", "Mexican authorities"
            if child.i < tok.i and child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                ref = _country_of(ctx, child)
                if ref is not None:
                    return _government_of(ctx, ref), 0.75
    return None, 0.0


def _person_by_surname(ctx, tok) -> ActorRef | None:
    """A bare surname ("Aldana said") names the one person of the article who bears it."""
    found = {r for r in ctx.refs.values() if r.kind == ActorKind.PERSON and tok.text in r.name.split()[1:]}
    return found.pop() if len(found) == 1 else None


def _country_of(ctx, tok) -> ActorRef | None:
    """The country or organisation a modifier names: a mention ("U.S.") or a demonym ("Mexican")."""
    s, e = _span_of(tok.subtree)
    ref = ctx.actor_at(s, e)
    if ref is not None and ref.kind != ActorKind.PERSON:
        return ref
    from bordergraph.extract.lexicon import demonyms

    country = demonyms().get(tok.text) or demonyms().get(tok.text.rstrip("’'s"))
    if country:
        for r in ctx.refs.values():
            if r.kind == ActorKind.COUNTRY and r.name == country:
                return r
    return None


def _government_of(ctx, country: ActorRef) -> ActorRef:
    """"Mexican officials" speak for the government of Mexico when the article names one."""
    if country.kind != ActorKind.COUNTRY:
        return country
    for r in ctx.refs.values():
        if r.kind == ActorKind.GOVERNMENT_BODY and re.fullmatch(
                rf"(?:the )?government of (?:the )?{re.escape(country.name)}", r.name, re.IGNORECASE):
            return r
    return country


def _role_holder(ctx, tok) -> ActorRef | None:
    """"the Mexican president" -> the person the article names with that title.

    Candidates are person mentions written right after the role word ("President López
    Obrador"); every other modifier of the role ("security" in "security minister") must be
    there too, and a nationality modifier must not contradict the title's.  The nearest
    candidate before the mention wins, else the first after it; none when no title fits.
    """
    from bordergraph.extract.lexicon import demonyms

    text = ctx.article.text
    role = tok.lemma_.lower()
    dem = demonyms()
    country = None
    specifiers = []
    for child in tok.children:
        if child.i > tok.i or child.dep_ in ("det", "punct", "case"):
            continue
        word = child.text.rstrip("’'s") if child.dep_ == "poss" else child.text
        if dem.get(word) or (ctx.actor_at(child.idx, child.idx + len(child.text)) or ActorRef(ActorKind.PERSON, "")).kind == ActorKind.COUNTRY:
            country = dem.get(word) or word
        elif child.dep_ in ("compound", "amod") and child.pos_ in ("NOUN", "ADJ", "PROPN"):
            specifiers.append(child.lower_)
    before, after = None, None
    for (s, e), ref in sorted(ctx.refs.items()):
        if ref.kind != ActorKind.PERSON:
            continue
        window = text[max(0, s - 60):s].lower()
        last = re.split(r"[.;:!?\n]", window)[-1]
        words = re.findall(r"[\w.’']+", last)[-5:]
        if role not in [w.rstrip(".") for w in words]:
            continue
        if any(sp not in words for sp in specifiers):
            continue
        if country is not None:
            others = {dem.get(w.title()) or dem.get(w.upper()) for w in words} - {None}
            if others and country not in others and country.lower() not in last:
                continue
        if s < tok.idx:
            before = ref
        elif after is None:
            after = ref
    return before or after


def _nearest_actor(ctx, before: int, *, persons: bool) -> ActorRef | None:
    best, best_start = None, -1
    for (s, e), ref in ctx.refs.items():
        if e <= before and before - e <= _PRONOUN_REACH and s > best_start:
            if (ref.kind == ActorKind.PERSON) == persons:
                best, best_start = ref, s
    return best


def _group_antecedent(ctx, tok, claims) -> ActorRef | None:
    """"it"/"they": the last non-person claimant nearby, else the last non-person subject."""
    for c in reversed(claims):
        if tok.idx - c.evidence.end > _PRONOUN_REACH:
            break
        if c.claimant is not None and c.claimant.kind != ActorKind.PERSON:
            return c.claimant
    sent = tok.sent
    doc = tok.doc
    start = sent.start
    prev = doc[sent.start - 1].sent if sent.start > 0 else None
    if prev is not None:
        start = prev.start
    for t in reversed(doc[start:tok.i]):
        if t.dep_ in ("nsubj", "nsubjpass"):
            ref = ctx.actor_at(t.idx, t.idx + len(t.text))
            if ref is not None and ref.kind != ActorKind.PERSON:
                return ref
    return None


def subject_of(verb):
    """The subject of a reporting verb, looking through conjunctions, "to"-clauses and "saying".

    "got officials to repeat": the object of the governing verb is the subject.  A verb the
    parser left without subject takes the noun phrase written right before it.
    """
    tok, hops = verb, 0
    while tok is not None and hops < 4:
        for child in tok.children:
            if child.dep_ == "nsubj":
                return child
        if tok.dep_ == "xcomp":
            objs = [c for c in tok.head.children if c.dep_ == "dobj"]
            if objs:
                return objs[0]
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head is not tok:
            tok, hops = tok.head, hops + 1
            continue
        break
    if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "assessments showing that ...": the document
        return verb.head
    if verb.dep_ == "ROOT":
        return _left_noun_phrase(verb)
    return None


def _left_noun_phrase(verb):
    """First noun of the noun phrase (or coordination of them) just before ``verb``."""
    doc, j, first = verb.doc, verb.i - 1, None
    while j >= 0 and verb.i - j <= 8:
        t = doc[j]
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            first = t
        elif not (t.pos_ in ("ADJ", "DET", "CCONJ", "NUM") or t.text in ("’s", "'s", ".")):
            break
        j -= 1
    return first


# ----------------------------------------------------------------------------------- clauses


def _is_negation(tok, lex) -> bool:
    """Is this token a negation of the clause it hangs on (not "not only", "no doubt")?"""
    low = tok.lower_.replace("’", "'")
    if tok.dep_ == "neg" or low in ("never", "n't", "not"):
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return not (nxt is not None and nxt.lower_ in lex["_not_after"])
    return tok.dep_ == "preconj" and low == "neither"


def clause_negations(root, lex, tokens: set) -> list:
    """Negation tokens of a clause's main verb: its "not"/"never", "neither", or "no"/"none" subject."""
    neg = [c for c in root.children if c.i in tokens and _is_negation(c, lex)]
    for c in root.children:
        if c.i not in tokens:
            continue
        if c.dep_ in ("aux", "auxpass") and any(_is_negation(g, lex) for g in c.children):
            neg += [g for g in c.children if _is_negation(g, lex)]
        if c.dep_ in _SUBJ:
            if c.lower_ in ("none", "nobody", "nothing"):
                neg.append(c)
            neg += [d for d in c.children if d.dep_ == "det" and d.lower_ == "no"]
    return neg


def split_clause(root, tokens: set) -> list[tuple[object, set]]:
    """One claim per main clause: "It is not smooth, but it is not broken" gives two.

    Conjoined verbs that share the subject are split only in "neither ... nor" (both denied);
    otherwise the clause stays whole so that "press pills and don't cook" keeps its meaning.
    """
    parts = []
    rest = set(tokens)
    shared = root.children
    neither = any(c.dep_ == "preconj" and c.lower_ == "neither" for c in shared)
    for conj in [c for c in root.children if c.dep_ == "conj" and c.i in tokens]:
        has_subj = any(g.dep_ in _SUBJ for g in conj.children)
        if not has_subj and not (neither and conj.pos_ in ("VERB", "AUX", "ADJ")):
            continue
        sub = {t.i for t in conj.subtree} & tokens
        rest -= sub
        rest -= {c.i for c in root.children if c.dep_ in ("cc", "preconj") and c.i in tokens}
        if has_subj:
            parts.extend(split_clause(conj, sub))
        else:  # "neither produced nor consumed in Mexico": subject, auxiliaries and conjunct
            subj = {t.i for c in root.children if c.dep_ in _SUBJ + ("aux", "auxpass") for t in c.subtree}
            trailing = {t.i for c in conj.children if c.i > conj.i and c.dep_ in ("prep", "advmod", "npadvmod")
                        for t in c.subtree}
            parts.append((conj, (subj | sub) & tokens))
            rest |= trailing & tokens
    return [(root, rest)] + parts


def _clause_text(doc, tokens: set, drop: set) -> tuple[str, int, int]:
    """Text of a token set (in order, ``drop`` left out) with its edges trimmed; and its span."""
    toks = [doc[i] for i in sorted(tokens)]
    while toks and (toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether", "if")
                    or toks[0].is_punct or toks[0].lower_ in ("and", "but", "or", "so")):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in ")]":
        toks = toks[:-1]
    if not toks:
        return "", 0, 0
    out, prev = [], None
    for t in toks:
        if t.i in drop:
            continue
        if prev is not None and t.i != prev.i + 1 and not out[-1].endswith(" "):
            out.append(" ")  # a left-out stretch between two kept words
        out.append(t.text_with_ws)
        prev = t
    text = re.sub(r"\s+", " ", "".join(out)).strip(_EDGE)
    text = re.sub(r"([,;])(?:\s*[,;])+", r"\1", text)
    return text, toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _nested_attributions(root, tokens: set, lex) -> set:
    """Side clauses that report someone else ("..., though officials refute that"): not our claim."""
    cut = set()
    for i in tokens:
        t = root.doc[i]
        if t is root or t.dep_ not in ("advcl", "conj") or _cue_entry(t, lex) is None:
            continue
        if any(c.dep_ == "nsubj" for c in t.children):
            cut |= {d.i for d in t.subtree}
    return cut


def _do_support(root, neg_tokens) -> set:
    """The "do/does/did" that only carries a negation ("did not deny" -> "deny")."""
    if not neg_tokens:
        return set()
    return {c.i for c in root.children if c.dep_ == "aux" and c.lemma_.lower() == "do"}


# ----------------------------------------------------------------------------------- builders


def _make_claims(ctx, lex, *, root, tokens, claimant, verb_denies, cue, confidence, quotes, cue_tok, date=None,
                 evidence_span=None):
    """Claims for one attributed clause: split into main clauses, stance from verb and negation."""
    doc = ctx.doc
    out = []
    tokens = tokens - _nested_attributions(root, tokens, lex)
    for part_root, part in split_clause(root, tokens):
        neg = clause_negations(part_root, lex, part)
        if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in root.children):
            neg = [c for c in root.children if c.lower_ == "neither"]  # "neither A nor B": both denied
        if part_root.dep_ == "ROOT" and any(c.dep_ == "mark" for c in part_root.children):
            neg = []  # a subordinate clause the parser took for the main one: its "not" is not ours
        drop = {t.i for t in neg} | _do_support(part_root, neg)
        drop |= {c.i for c in part_root.children if c.lower_ in ("neither", "nor") and c.dep_ in ("preconj", "cc")}
        text, s, e = _clause_text(doc, part, set())
        positive, _, _ = _clause_text(doc, part, drop)
        words = len(text.split())
        if any(h in text.lower() for h in lex["non_committal"]["phrases"]):
            continue  # "whether it works remains to be seen": nothing is claimed
        if words < 3 or (words < 4 and not any(doc[i].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") for i in part)):
            continue  # "it has conducted": a fragment, not a proposition
        denies = verb_denies != (len(neg) % 2 == 1)
        span_s = min(s, cue_tok.idx) if cue_tok is not None else s
        span_e = max(e, cue_tok.idx + len(cue_tok.text)) if cue_tok is not None else e
        about = [r for r in ctx.actors_in(s, e) if r != claimant]
        out.append(Claim(
            claimant=claimant,
            stance=Stance.DENIES if denies else Stance.ASSERTS,
            text=text,
            proposition=normalize(positive),
            cue=cue,
            direct_quote=_in_quote(quotes, s, e),
            evidence=_evidence(ctx, span_s, span_e, cue, confidence, evidence_span),
            about=about,
            date=date,
        ))
    return out


def _evidence(ctx, start, end, cue, confidence, exact=None) -> Evidence:
    extractor = {"quote": "claims.quote", "according to": "claims.according"}.get(cue, "claims.reported")
    if exact is None:
        return ctx.evidence(start, end, extractor, round(confidence, 2))
    s, e = exact
    return Evidence(ctx.article.slug, ctx.article.text[s:e], s, e, extractor, round(confidence, 2))


def _cue_date(ctx, verb, clause_tokens: set):
    """A date said of the speech act itself ("denied on March 10"), not of the reported fact."""
    for ent in verb.doc.ents:
        if ent.label_ == "DATE" and ent.root.head.i == verb.i or (
                ent.label_ == "DATE" and ent.root.head.head.i == verb.i and ent.root.head.dep_ == "prep"):
            if ent.start not in clause_tokens:
                return ctx.date(ent.text)
    return None


def reported_claims(ctx, sent, lex, quotes, claims) -> list[Claim]:
    """Claims introduced by a reporting verb in ``sent`` whose subject is a known actor."""
    out: list[Claim] = []
    for verb in sent:
        entry = _cue_entry(verb, lex)
        if entry is None:
            continue
        if any(_is_negation(c, lex) for c in verb.children):
            continue  # "did not say that ..." reports no claim
        subj = subject_of(verb)
        if subj is None:
            continue
        claimant, sure = claimant_of(ctx, subj, lex, claims + out)
        named = _included_persons(ctx, subj)
        if not named:
            named, issued_sure = _joint_claimants(ctx, subj, lex, claims + out)
            sure = sure if claimant is not None else issued_sure
        if claimant is None and not named:
            continue
        for speaker in named or [claimant]:
            out += _verb_claims(ctx, verb, entry, speaker, sure, lex, quotes, claims, out)
    return out


def _included_persons(ctx, subj) -> list[ActorRef]:
    """"officials, including X and Y": the people the text names inside a group subject."""
    out = []
    for prep in subj.children:
        such_as = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
        if prep.dep_ == "prep" and (prep.lower_ in ("including", "among") or such_as):
            for t in prep.subtree:
                ref = ctx.actor_at(t.idx, t.idx + len(t.text))
                if ref is not None and ref.kind == ActorKind.PERSON and ref not in out:
                    out.append(ref)
    return out


def _joint_claimants(ctx, subj, lex, claims) -> tuple[list[ActorRef], float]:
    """Several claimants for one subject, and how sure we are.

    "The DEA and the Department of Justice said": each conjunct that names an actor speaks.
    "X and Y issued assessments showing": a document is spoken for by whoever issued it.
    """
    if subj.lower_ in lex["_documents"] and subj.dep_ == "dobj" and subj.head.lemma_.lower() in lex["_issuing"]:
        issuer = subject_of(subj.head)
        if issuer is None:
            return [], 0.0
        found, sure = _joint_claimants(ctx, issuer, lex, claims)
        if not found:
            ref, sure = claimant_of(ctx, issuer, lex, claims)
            found = [ref] if ref is not None else []
        return found, sure * 0.9
    if not any(c.dep_ == "conj" for c in subj.children):
        return [], 0.0
    out, sure = [], 1.0
    for tok in [subj, *subj.conjuncts]:
        ref, s = claimant_of(ctx, tok, lex, claims)
        if ref is not None and ref not in out and s >= 0.9:  # named actors, not "other officials"
            out.append(ref)
            sure = min(sure, s)
    return (out, sure) if len(out) >= 2 else ([], 0.0)


def _verb_claims(ctx, verb, entry, claimant, sure, lex, quotes, claims, same_sentence) -> list[Claim]:
    """The claims one reporting verb attributes to ``claimant``."""
    out: list[Claim] = []
    verb_denies = entry["stance"] == "Denies"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex["negating_governors"]:
        verb_denies = not verb_denies  # "refused to acknowledge"
    confidence = entry["confidence"] * sure
    for root, tokens, borrowed in _complements(verb, entry, lex, same_sentence or claims):
        if borrowed is not None:  # "contradicts that": the previous claim's proposition
            stance = borrowed.stance
            if verb_denies:
                stance = Stance.ASSERTS if stance == Stance.DENIES else Stance.DENIES
            out.append(replace(
                borrowed, claimant=claimant, stance=stance, cue=verb.text.lower(), direct_quote=False,
                evidence=ctx.evidence(verb.idx, verb.idx + len(verb.text), "claims.anaphora",
                                      round(confidence * 0.8, 2)),
                about=[r for r in borrowed.about if r != claimant], date=None))
            continue
        out += _make_claims(ctx, lex, root=root, tokens=tokens, claimant=claimant, verb_denies=verb_denies,
                            cue=verb.text.lower(), confidence=confidence, quotes=quotes, cue_tok=verb,
                            date=_cue_date(ctx, verb, tokens))
    return out


def noun_claims(ctx, sent, lex, quotes, found, claims) -> list[Claim]:
    """"dubious assertions, including that P", "the president's claim that P": a claim named by a noun.

    The parser often mis-reads such sentences, so the clause is taken by position: the words after
    the "that" that follows the noun (through "including"/"such as"), up to a concessive "despite"
    phrase.  The claimant is the noun's possessor, else the first person the sentence names before
    the noun.  A noun inside a clause already reported by a verb ("said the claim that P was
    false") is left to that verb.
    """
    out: list[Claim] = []
    covered = [(c.evidence.begin, c.evidence.end) for c in found]
    for noun in sent:
        stance = lex["_claim_nouns"].get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if stance is None or any(s <= noun.idx < e for s, e in covered):
            continue
        mark = _that_after(noun, sent)
        if mark is None:
            continue
        claimant, sure = _noun_claimant(ctx, noun, sent, lex, claims + out, quotes)
        if claimant is None:
            continue
        root, tokens = _positional_clause(mark, sent, lex)
        if root is None:
            continue
        out += _make_claims(ctx, lex, root=root, tokens=tokens, claimant=claimant, verb_denies=stance == "Denies",
                            cue=noun.text.lower(), confidence=0.55 * sure, quotes=quotes, cue_tok=noun)
    return out


def _that_after(noun, sent):
    """The "that" opening the noun's content clause: right after it or after "including"/"such as"."""
    j = noun.i + 1
    while j < sent.end and j - noun.i <= 4:
        t = noun.doc[j]
        if t.lower_ == "that":
            return t
        if not (t.is_punct or t.lower_ in ("including", "such", "as", "namely")):
            return None
        j += 1
    return None


def _noun_claimant(ctx, noun, sent, lex, claims, quotes) -> tuple[ActorRef | None, float]:
    for child in noun.children:
        if child.dep_ == "poss":
            return claimant_of(ctx, child, lex, claims)
    # the parse may run a sentence over a speaker line: look only inside the quote or paragraph
    para_start = max([qs for qs, qe in quotes if qs <= noun.idx < qe] + [ctx.article.text.rfind("\n\n", 0, noun.idx)])
    for tok in sent.doc[sent.start:noun.i]:
        if tok.idx >= para_start and tok.pos_ in ("NOUN", "PROPN"):
            ref, sure = claimant_of(ctx, tok, lex, claims)
            if ref is not None and ref.kind == ActorKind.PERSON:
                return ref, sure * 0.9
    return None, 0.0


def _positional_clause(mark, sent, lex):
    """(root, tokens) of the clause written after ``mark``, whatever the parse says its head is."""
    doc = mark.doc
    span = range(mark.i + 1, sent.end)
    tops = [doc[i] for i in span if doc[i].head.i not in span or doc[i].head.i == i]
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None, set()
    root = verbs[0]
    tokens = {t.i for t in root.subtree if t.i in span}
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in lex["_concessive"]:
            tokens -= {t.i for t in child.subtree}
    end = max(tokens, default=mark.i)
    for i in range(mark.i + 1, end + 1):  # a concessive phrase the parse attached elsewhere
        if doc[i].lower_ in lex["_concessive"]:
            tokens = {t for t in tokens if t < i}
            break
    return root, tokens


def certainty_claims(ctx, sent, lex, quotes, blocks) -> list[Claim]:
    """"There is no doubt that P", "It is clear that P": the writer's own committed claim P.

    The writer is the Q&A speaker whose block holds the sentence, else the sole author; a frame
    inside someone else's quote is left to the quote rules.  Each paragraph piece of the sentence
    is read on its own (the parse may run a sentence over a speaker line).
    """
    out: list[Claim] = []
    for piece in _paragraph_pieces(sent):
        words = [t for t in piece if not (t.is_punct or t.is_space)]
        opening = " ".join(t.lower_.replace("’", "'") for t in words[:6]).replace(" 's", "'s")
        if not words or not any(opening.startswith(f + " that") for f in lex["_certainty"]):
            continue
        s, e = words[0].idx, words[-1].idx + len(words[-1].text)
        in_block = any(bs <= s < be for bs, be, _ in blocks)
        if _in_quote(quotes, s, e) and not in_block:
            continue
        narrator = _narrator(ctx, s, e, blocks)
        mark = next(t for t in words if t.lower_ == "that")
        root, tokens = _positional_clause(mark, sent, lex)
        if narrator is None or root is None:
            continue
        tokens &= {t.i for t in piece}
        out += _make_claims(ctx, lex, root=root, tokens=tokens, claimant=narrator, verb_denies=False,
                            cue="certainty", confidence=0.6, quotes=quotes, cue_tok=None, evidence_span=(s, e))
    return out


def narrator_rebuttals(ctx, sent, lex, blocks, found) -> list[Claim]:
    """"X repeated the falsity that P": whoever writes that (the Q&A speaker, the op-ed author)
    holds the opposite of X's claim."""
    words = {t.lower_ for t in sent if t.dep_ in ("dobj", "amod", "attr", "acomp", "nsubj", "nsubjpass")}
    if not found or not words & lex["_discrediting"]:
        return []
    narrator = _narrator(ctx, sent.start_char, sent.end_char, blocks)
    out = []
    for c in found:
        if narrator is None or c.claimant == narrator or c.evidence.begin != found[0].evidence.begin:
            continue
        stance = Stance.ASSERTS if c.stance == Stance.DENIES else Stance.DENIES
        out.append(replace(c, claimant=narrator, stance=stance, cue="rebuttal", direct_quote=False, text=c.proposition,
                           evidence=replace(c.evidence, extractor="claims.rebuttal",
                                            confidence=round(c.evidence.confidence * 0.7, 2)),
                           about=[r for r in [c.claimant, *c.about] if r is not None and r != narrator]))
    return out


def _narrator(ctx, start: int, end: int, blocks) -> ActorRef | None:
    """Who speaks in the article's own voice in [start, end): the Q&A speaker, else the sole author."""
    for bs, be, ref in blocks:
        if bs < end and start < be:
            return ref
    if blocks or len(ctx.article.authors) != 1:
        return None
    author = ctx.article.authors[0].lower()
    for ref in ctx.refs.values():
        if ref.kind == ActorKind.PERSON and ref.name.lower() == author:
            return ref
    return None


def _cue_entry(verb, lex):
    if verb.pos_ not in ("VERB",):
        return None
    lemma = verb.lemma_.lower()
    if lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return {"stance": "Asserts", "confidence": 0.75}
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) and _as_clause(verb):
        return {"stance": "Asserts", "confidence": 0.75}
    if lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
        return {"stance": "Asserts", "confidence": 0.6, "np": True}
    return lex["verbs"].get(lemma)


def _as_clause(verb) -> bool:
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _complements(verb, entry, lex, claims):
    """(root, token indexes, borrowed claim) for each clause the verb reports."""
    ccomps = [c for c in verb.children if c.dep_ == "ccomp"]
    if ccomps and entry.get("np") and all(_is_anaphor(c, lex) for c in ccomps):
        return [(None, set(), prev) for prev in _previous_claims(claims, verb)]  # "rejects that claim"
    if ccomps:
        return [_descend_first_person(c, lex) for c in ccomps]
    xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if xcomps and verb.lemma_.lower() in ("claim", "deny", "pretend", "profess", "urge", "demand"):
        return [(c, {t.i for t in c.subtree}, None) for c in xcomps]
    if verb.lemma_.lower() == "call":  # "called for designating the cartels ..."
        objs = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                if g.dep_ in ("pobj", "pcomp")]
        return [(g, {t.i for t in g.subtree}, None) for g in objs[:1]]
    if verb.dep_ in ("parataxis",) or _as_clause(verb):
        head = verb.head
        tokens = {t.i for t in head.subtree} - {t.i for t in verb.subtree}
        return [(head, tokens, None)]
    dobj = [c for c in verb.children if c.dep_ == "dobj"]
    if dobj and entry.get("np"):
        obj = dobj[0]
        if _is_anaphor(obj, lex):
            return [(None, set(), prev) for prev in _previous_claims(claims, verb)]
        clause = [c for c in obj.children if c.dep_ in ("acl", "ccomp")
                  and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        if clause:  # "repeated the falsity that X": X is what is repeated
            return [(clause[0], {t.i for t in clause[0].subtree}, None)]
        tokens = {t.i for o in dobj for t in o.subtree}  # "denied co - responsibility": split objects
        for prep in verb.children:  # "portrayed X as Y", "blamed X on Y"
            if prep.dep_ == "prep" and prep.lower_ in lex["np_with_prep"].get(verb.lemma_.lower(), ()):
                tokens |= {t.i for t in prep.subtree}
        return [(obj, tokens, None)]
    return []


def _is_anaphor(tok, lex) -> bool:
    """"that", "this", "that assertion", "those false claims": words pointing back at a claim."""
    words = [t for t in tok.subtree if not t.is_punct]
    if len(words) == 1:
        return tok.lower_ in ("that", "this", "it")
    if len(words) > 4 or not any(t.lower_ in ("that", "this", "those", "these", "the", "such") for t in words):
        return False
    return any(t.lemma_.lower() in lex["_anaphoric"] or t.lower_ in lex["_anaphoric"] for t in words[1:])


def _previous_claims(claims, verb) -> list[Claim]:
    """The claims of the last sentence that reported any, for "that"/"those claims" to point at."""
    for c in reversed(claims):
        if verb.idx - c.evidence.end > _PRONOUN_REACH:
            return []
        if c.evidence.begin <= verb.idx:
            return [d for d in claims if d.evidence.begin == c.evidence.begin and d.claimant is not None]
    return []


def _descend_first_person(clause, lex):
    """"I'm telling you that X", "I think X": the speaker's own framing verb reports X itself."""
    root = clause
    for _ in range(2):
        subj = [c for c in root.children if c.dep_ == "nsubj"]
        inner = [c for c in root.children if c.dep_ == "ccomp"]
        if (subj and subj[0].lower_ in lex["_first_person"] and root.lemma_.lower() in lex["_cognition"]
                and len(inner) == 1):
            root = inner[0]
        else:
            break
    return root, {t.i for t in root.subtree}, None


def according_to_claims(ctx, sent, lex, quotes, found) -> list[Claim]:
    """"..., according to X": the rest of the sentence is X's claim."""
    out = []
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.nbor(1).lower_ != "to":
            continue
        pobj = [c for t in (tok, tok.nbor(1)) for c in t.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        claimant, sure = claimant_of(ctx, pobj[0], lex, found)
        if claimant is None:
            continue
        head = tok.head
        while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head is not head:
            head = head.head
        phrase = {t.i for t in tok.subtree}
        tokens = {t.i for t in head.subtree if t.sent == sent} - phrase
        out += _make_claims(ctx, lex, root=head, tokens=tokens, claimant=claimant, verb_denies=False,
                            cue="according to", confidence=0.7 * sure, quotes=quotes, cue_tok=None)
    return out


def quoted_sentence_claims(ctx, sent, lex, quotes, blocks, claims) -> list[Claim]:
    """A quoted sentence no verb attributes: the Q&A speaker, or the speaker of the quote before it.

    The parser may run a sentence over a paragraph break (a Q&A answer's last sentence into the
    next speaker line), so each paragraph piece of the sentence is read on its own.
    """
    out = []
    for tokens in _paragraph_pieces(sent):
        s, e = _span_of(tokens)
        piece = ctx.article.text[s:e]
        if piece.rstrip(_EDGE.replace("?", "")).endswith("?") or _speaker_of_line(ctx, s, e) is not None:
            continue
        speaker, confidence = None, 0.0
        for bs, be, ref in blocks:
            if bs <= s < be:
                speaker, confidence = ref, 0.6
                break
        if speaker is None and _in_quote(quotes, s, e):
            para_start = ctx.article.text.rfind("\n", 0, s) + 1
            for c in reversed(claims):
                if c.evidence.end < para_start:
                    break
                if c.direct_quote and c.claimant is not None:
                    speaker, confidence = c.claimant, 0.65
                    break
        if speaker is None or not _is_assertive(tokens) or _is_prescriptive(_piece_root(tokens), lex):
            continue
        root, idx, _ = _descend_first_person(_piece_root(tokens), lex)
        idx &= {t.i for t in tokens}
        out += _make_claims(ctx, lex, root=root, tokens=idx, claimant=speaker, verb_denies=False, cue="quote",
                            confidence=confidence, quotes=quotes + [(s, e)] if blocks else quotes, cue_tok=None,
                            evidence_span=(s, e))
    return out


def _paragraph_pieces(sent) -> list[list]:
    pieces, cur = [], []
    text = sent.doc.text  # Doc.text joins every token: read it once, not per token
    for t in sent:
        if cur and "\n" in text[cur[-1].idx + len(cur[-1].text):t.idx]:
            pieces.append(cur)
            cur = []
        if not t.is_space:
            cur.append(t)
    if cur:
        pieces.append(cur)
    return pieces


def _piece_root(tokens):
    inside = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    return (verbs or tops)[0]


#: Entity labels of counted facts: such sentences are quantities, read by ``quantities.py``.
_QUANTITY_LABELS = ("PERCENT", "MONEY", "QUANTITY", "CARDINAL")


def _narrates_past(root) -> bool:
    """A simple-past action ("ministers pledged ...", "Mexico did arrest ..."): an event, not a view.

    Past copulas ("were on full display") and perfect or modal forms stay assessments.
    """
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lemma_.lower() == "have" for a in aux):
        return False
    did = any(a.lower_ == "did" for a in aux)
    return (root.tag_ == "VBD" or did) and root.lemma_.lower() != "be"


def _is_prescriptive(root, lex) -> bool:
    """"Both governments need to act", "Much work is still required", "They must do more": what ought to
    be, said in the speaker's own voice, is advice rather than a claim one could check."""
    pres = lex["prescriptive"]
    if any(c.dep_ == "aux" and c.lower_ in pres["modals"] for c in root.children):
        return True
    return root.lemma_.lower() in pres["verbs"] and any(c.dep_ in ("xcomp", "auxpass") for c in root.children)


def _is_assertive(tokens) -> bool:
    """A statement with a finite main verb and some content, not a fragment, question or count."""
    root = _piece_root(tokens)
    if root.pos_ not in ("VERB", "AUX"):
        return False
    if any(t.ent_type_ in _QUANTITY_LABELS for t in tokens):
        return False
    if _narrates_past(root):
        return False
    if any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in root.children) and root.tag_ == "VBN":
        return False  # "it must be mentioned that ...": impersonal, nobody's assessment
    content = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "NUM") and not t.is_stop]
    return len(content) >= 2


# ----------------------------------------------------------------------------------- links


def link_claims(claims: list[Claim]) -> list[tuple[int, int, str]]:
    """(i, j, "contradicts" | "supports") for claims on the same proposition by different claimants.

    Same proposition means the same positive key or the same set of content-word stems; opposite
    stances contradict, equal stances support.  Pass the claims of every article to link across
    articles; pairs are i < j, each once.
    """
    keys = [(c.proposition, content_stems(c.proposition)) for c in claims]
    out = []
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            a, b = claims[i], claims[j]
            if a.claimant is not None and a.claimant == b.claimant:
                continue
            (pa, sa), (pb, sb) = keys[i], keys[j]
            if not (pa == pb or (len(sa) >= 2 and sa == sb)):
                continue
            out.append((i, j, "supports" if a.stance == b.stance else "contradicts"))
    return out
