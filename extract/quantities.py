"""Stated quantities: a number, how it bounds the real one, its unit, what it counts, its year.

The text is full of numbers that are not facts (years, dates, durations, ages, "two countries",
"one of the leaders", list numbering, page furniture), so a number becomes a ``Quantity`` only
when it counts or measures something: a percentage, a sum of money, a weight, or a noun it
modifies ("70,000 Americans", "12 of the 30 patrol boats", "34,500 killed").  Vague amounts
("thousands of deaths") have no value and are left out.  The unit words, qualifier phrases and
the nouns that never make a fact come from ``lexicon/units.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bordergraph.extract.records import Quantity
from bordergraph.ontology.vocab import Qualifier

__all__ = ["extract_quantities", "parse_number"]

EXTRACTOR = "quantities.number"
_LEXICON = Path(__file__).resolve().parent / "lexicon" / "units.json"
_NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "LAW", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP",
              "LANGUAGE"}
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}
_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SMALL_WORDS = {"zero", "one", "two", "a", "an"}  # "two countries", "one of": rarely a counted fact
_CLAUSE_DEPS = {"conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp"}


@lru_cache(maxsize=1)
def _lex() -> dict:
    return json.loads(_LEXICON.read_text(encoding="utf-8"))


# -- numbers ----------------------------------------------------------------------------------------
def parse_number(words: list[str]) -> float | None:
    """The value of number words and digits: ``["1.5", "billion"]``, ``["half", "a", "million"]``,
    ``["twenty", "-", "five"]``, ``["70,000"]``; None when they do not form a number."""
    scales = _lex()["scales"]
    total, current, seen = 0.0, 0.0, False
    half = False
    for raw in words:
        w = raw.lower().strip()
        if w in ("-", "a", "an", "and"):
            continue
        if w == "half":
            half = True
            continue
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", w):
            current += float(w.replace(",", ""))
            seen = True
        elif w in _WORDS:
            current += _WORDS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in scales:
            total += (current or (0.5 if half else 1)) * scales[w]
            current, seen, half = 0.0, True, False
        else:
            return None
    if not seen:
        return None
    value = total + current
    return value * 0.5 if half and not total else value


def _is_number_token(tok) -> bool:
    w = tok.lower_
    return bool(re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", w)) or w in _WORDS \
        or w == "hundred" or w in _lex()["scales"]


@dataclass
class _Run:
    """A run of tokens that spell one number (plus an optional currency sign before it)."""

    start: int  # token index of the first number word
    end: int  # one past the last
    value: float
    currency: str | None = None

    def tokens(self, doc):
        return doc[self.start:self.end]


def _runs(doc) -> list[_Run]:
    out, i, n = [], 0, len(doc)
    scales = _lex()["scales"]
    while i < n:
        tok = doc[i]
        starts_half = tok.lower_ == "half" and i + 2 < n and doc[i + 1].lower_ in ("a", "an") \
            and doc[i + 2].lower_ in scales
        if not (_is_number_token(tok) or starts_half) or tok.lower_ in scales and not starts_half:
            i += 1
            continue
        j = i + (2 if starts_half else 0)
        while j < n and (_is_number_token(doc[j]) or doc[j].text == "-" and j + 1 < n
                         and doc[j + 1].lower_ in _WORDS and doc[j - 1].lower_ in _WORDS):
            j += 1
        words = [t.text for t in doc[i:j]]
        value = parse_number(words)
        if value is not None:
            currency = None
            k = i - 1
            if k >= 0 and doc[k].lower_ in _lex()["currency"]:
                currency = _lex()["currency"][doc[k].lower_]
            out.append(_Run(i, j, value, currency))
        i = max(j, i + 1)
    return out


# -- extraction ----------------------------------------------------------------------------------
def extract_quantities(ctx) -> list[Quantity]:
    """Every counted or measured number in the article, with qualifier, unit, measure and year."""
    doc = ctx.doc
    out: list[Quantity] = []
    seen: set[tuple] = set()
    runs = _runs(doc)
    skip: set[int] = set()
    for idx, run in enumerate(runs):
        if idx in skip:
            continue
        if _not_a_fact(doc, run):
            continue
        pair = _range_partner(doc, runs, idx)
        if pair is not None:
            kind, other = pair
            skip.add(other)
            if kind == "ages":
                continue
            if kind == "range":
                found = _quantity(ctx, run, end_run=runs[other])
                if found:
                    low, high = found, _quantity(ctx, runs[other], anchor=run)
                    for q, qual in ((low, Qualifier.AT_LEAST), (high, Qualifier.AT_MOST)):
                        if q:
                            q = Quantity(q.value, qual, q.unit, q.measure, q.evidence, q.date)
                            _add(out, seen, q)
                continue
            # "from 232 to 873": two separate values of the same measure
            for r in (run, runs[other]):
                q = _quantity(ctx, r, anchor=runs[other] if r is run else None)
                if q:
                    _add(out, seen, q)
            continue
        q = _quantity(ctx, run)
        if q:
            _add(out, seen, q)
    return out


def _add(out: list[Quantity], seen: set, q: Quantity) -> None:
    key = (q.value, q.unit, q.qualifier, q.evidence.begin)
    if key not in seen:
        seen.add(key)
        out.append(q)


def _not_a_fact(doc, run: _Run) -> bool:
    toks = run.tokens(doc)
    ents = {t.ent_type_ for t in toks}
    if ents & _SKIP_ENTS or ents & _NAME_ENTS or any(e.startswith("BG_") for e in ents):
        return True
    words = [t.lower_ for t in toks]
    if all(w in _SMALL_WORDS or w == "-" for w in words):
        return True
    first, last = toks[0], toks[-1]
    # a year-like integer outside a date entity ("in 2019" parsed oddly, "the 2024 race")
    if len(toks) == 1 and re.fullmatch(r"(?:1[89]|20)\d\d", first.text) and run.currency is None:
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is None or nxt.lower_ not in _lex()["percent"]:
            return True
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    # list numbering ("1." / "2)") at the start of a sentence
    if first.is_sent_start and nxt is not None and nxt.text in (".", ")"):
        return True
    # durations and hyphenated compounds ("three-hour meeting", "11 months", "30 years")
    if nxt is not None and nxt.text == "-" and last.i + 2 < len(doc):
        return True
    if nxt is not None and nxt.lower_ in _lex()["time"]:
        return True
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.lower_ in ("no", "no.", "number", "#", "section", "article", "title"):
        return True
    if prev is not None and prev.lower_ in _lex()["age_words"]:
        return True
    if first.sent is not None and not any(t.pos_ in ("VERB", "AUX") for t in first.sent) and run.currency is None \
            and (nxt is None or nxt.lower_ not in _lex()["percent"]):
        return True  # no verb at all: a heading, a tag line, page furniture
    return False


def _range_partner(doc, runs: list[_Run], idx: int) -> tuple[str, int] | None:
    """ "10 to 20" (a range), "from 232 to 873" (a change), "ages 18 to 49" (not a count)."""
    if idx + 1 >= len(runs):
        return None
    run, other = runs[idx], runs[idx + 1]
    between = doc[run.end:other.start]
    words = [t.lower_ for t in between]
    if other.start - run.end == 1 and words[0] in ("to", "-", "–", "and"):
        prev = doc[run.start - 1] if run.start > 0 else None
        if prev is not None and prev.lower_ in _lex()["age_words"]:
            return "ages", idx + 1
        if prev is not None and prev.lower_ == "from":
            return "change", idx + 1
        if words[0] == "and" and (prev is None or prev.lower_ != "between"):
            return None
        return "range", idx + 1
    if other.start - run.end == 1 and words[0] == "$" or words in (["to", "$"], ["and", "$"]):
        prev = doc[run.start - 2] if run.start > 1 else None
        if prev is not None and prev.lower_ == "from":
            return "change", idx + 1
        return "range", idx + 1
    return None


# -- one quantity ----------------------------------------------------------------------------------
def _quantity(ctx, run: _Run, *, end_run: _Run | None = None, anchor: _Run | None = None) -> Quantity | None:
    doc = ctx.doc
    lex = _lex()
    tail = end_run or run
    last = doc[tail.end - 1]
    nxt = doc[tail.end] if tail.end < len(doc) else None
    nxt2 = doc[tail.end + 1] if tail.end + 1 < len(doc) else None
    value, unit = run.value, None
    currency = run.currency or (anchor.currency if anchor else None) or (end_run.currency if end_run else None)
    counted = None  # the token whose phrase says what is counted
    if nxt is not None and (nxt.lower_ in lex["percent"] or
                            nxt2 is not None and f"{nxt.lower_} {nxt2.lower_}" in lex["percent"]):
        unit = "percent"
    elif currency:
        unit = currency
    elif nxt is not None and nxt.lower_ in lex["currency"]:
        unit = lex["currency"][nxt.lower_]
    elif nxt is not None and nxt2 is not None and f"{nxt.lower_} {nxt2.lower_}" in lex["measures"]:
        unit = lex["measures"][f"{nxt.lower_} {nxt2.lower_}"]
    elif nxt is not None and nxt.lower_ in lex["measures"]:
        unit = lex["measures"][nxt.lower_]
    if any(w.lower_ in lex["vague"] for w in doc[run.start:tail.end]):
        return None
    if unit is None:
        counted = _counted_noun(doc, run, tail)
        if counted is not None and counted.lower_ in lex["vague"]:
            return None
        unit = _unit_of(counted, doc, tail) if counted is not None else None
        if unit is None:
            unit = _state_unit(nxt)
        if unit == "":
            return None  # a generic noun ("two countries"): not a fact
        if unit is None:
            if run.value < 3 and not re.search(r"\d", doc[run.start].text):
                return None
            unit = "count"
    qualifier = _qualifier(doc, run, tail)
    sent = doc[run.start].sent
    measure = _measure(doc, run, tail, unit, counted)
    if not any(t.isalpha() and t.lower() not in ("to", "be", "is", "was", "it") for t in measure.split()):
        measure = _nearest_chunk(doc, run) or " ".join(sent.text.split())
    date = _date_for(ctx, run)
    evidence = ctx.evidence(doc[run.start].idx, last.idx + len(last.text), EXTRACTOR,
                            0.75 if unit == "count" else 0.85)
    return Quantity(float(value), qualifier, unit, measure, evidence, date)


def _counted_noun(doc, run: _Run, tail: _Run):
    """The noun a number counts: its head ("70,000 Americans"), an "of" object ("12 of the 30
    patrol boats", "25,000 of its troops"), or the noun right after it."""
    last = doc[tail.end - 1]
    head = last.head
    for tok in doc[run.start:tail.end]:
        if tok.dep_ in ("nummod", "quantmod", "compound") and tok.head.i >= tail.end and tok.head.pos_ in ("NOUN", "PROPN"):
            head = tok.head
            break
    else:
        head = None
    if head is not None and head.i == tail.end or head is not None and all(
            t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT", "VERB") or t.dep_ in ("amod", "compound", "nmod")
            for t in doc[tail.end:head.i]):
        return head
    # the number is itself the argument: look for "of" + noun
    for tok in doc[run.start:tail.end]:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                    return objs[0]
    nxt = doc[tail.end] if tail.end < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NNPS"):
        return nxt
    return None


def _unit_of(noun, doc, tail: _Run) -> str | None:
    """The counted noun as a unit: people nouns and demonyms are "people", forces "troops",
    generic nouns ("countries", "sides") the empty string (not a fact)."""
    from bordergraph.extract import lexicon

    lex = _lex()
    word = noun.lower_
    if word in lex["generic"]:
        return ""
    if word in lex["people"] or noun.text in lexicon.demonyms():
        return "people"
    if word in lex["forces"]:
        return lex["forces"][word]
    if word in lex["time"]:
        return ""
    compounds = [c.lower_ for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i > tail.end - 1]
    return " ".join([*compounds, word])


def _state_unit(tok) -> str | None:
    """ "34,500 killed", "112,000 disappeared": people in a state."""
    if tok is not None and tok.lower_ in _lex()["people_states"]:
        return "people"
    return None


def _qualifier(doc, run: _Run, tail: _Run) -> Qualifier:
    lex = _lex()
    sent_start = doc[run.start].sent.start
    before = doc[max(sent_start, run.start - 6):run.start].text.lower()
    before = re.sub(r"\s*\$$", "", before.strip())
    filler = r"(?:\s+(?:to be|to|be|is|was|were|are|of|at|by|only|just))*"
    for name in ("atLeast", "atMost", "approx"):
        for phrase in sorted(lex["qualifiers"][name], key=len, reverse=True):
            if re.search(r"(?:^|\b)" + re.escape(phrase) + filler + r"$", before):
                return Qualifier(name)
    after = doc[tail.end:min(len(doc), tail.end + 4)].text.lower()
    after = re.sub(r"^(?:percent|%|\w+)\s+", "", after) if after else after
    for name, phrases in lex["qualifiers_after"].items():
        full = doc[tail.end:min(len(doc), tail.end + 3)].text.lower()
        if any(full.startswith(p) or after.startswith(p) for p in phrases):
            return Qualifier(name)
    return Qualifier.EXACT


# -- measure: what is counted, in words ------------------------------------------------------------
def _phrase(doc, tokens, drop: set[int]) -> str:
    keep = [t for t in tokens if t.i not in drop and t.ent_type_ not in _SKIP_ENTS]
    while keep and (keep[0].dep_ in ("det", "poss", "punct", "cc", "prep") or keep[0].pos_ in ("DET", "PUNCT", "ADP")):
        keep = keep[1:]
    while keep and (keep[-1].pos_ in ("PUNCT", "ADP", "CCONJ", "SCONJ", "DET", "PART")):
        keep = keep[:-1]
    text = "".join(t.text_with_ws for t in keep).strip()
    text = re.sub(r"\s+([,.;:])(?=\s|$)", r"\1", " ".join(text.split()))
    return re.sub(r"[,;:]\s*[,.;:]", ",", text).strip(" ,;:")


def _number_part(doc, run: _Run, tail: _Run) -> set[int]:
    """Token indices of the number, its currency sign, qualifier words and unit word."""
    idx = set(range(run.start, tail.end))
    for tok in doc[run.start:tail.end]:
        idx |= {c.i for c in tok.subtree if c.dep_ in ("quantmod", "advmod", "amod", "nummod") or c.i in idx}
    for k in range(max(doc[run.start].sent.start, run.start - 3), run.start):
        if doc[k].dep_ in ("quantmod", "advmod") or doc[k].text == "$":
            idx.add(k)
    return idx


def _measure(doc, run: _Run, tail: _Run, unit: str, counted) -> str:
    lex = _lex()
    drop = _number_part(doc, run, tail)
    last = doc[tail.end - 1]
    if unit == "percent":
        pct = doc[tail.end] if tail.end < len(doc) else last
        drop |= {pct.i}
        of = [c for c in pct.children if c.dep_ == "prep" and c.lower_ == "of"]
        if of:  # "72.9 percent of respondents said ..."
            obj = [c for c in of[0].children if c.dep_ == "pobj"]
            if obj:
                verb = pct.head if pct.dep_ in ("nsubj", "nsubjpass") else None
                noun = _phrase(doc, obj[0].subtree, drop)
                if verb is not None and verb.pos_ in ("VERB", "AUX"):
                    return f"{noun} who {_predicate(doc, verb, drop | {t.i for t in pct.subtree})}"
                return f"share of {noun}"
        if pct.head.pos_ == "NOUN" and pct.dep_ in ("compound", "nummod", "amod"):  # "an 80 percent increase in ..."
            return _phrase(doc, pct.head.subtree, drop)
        change = None
        verb = pct.head
        for _ in range(3):  # "dropped by 75 percent", "up 28 percent", "20 percent fewer"
            change = change or lex["change_nouns"].get(verb.lower_)
            if verb.pos_ in ("VERB", "AUX", "NOUN") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ == "NOUN" and verb.i != pct.i:
            noun = _phrase(doc, [t for t in verb.subtree if t.i not in {x.i for x in pct.subtree}], drop)
            return f"{change} in {noun}" if change else noun
        change = change or lex["change_nouns"].get(verb.lower_)
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i not in drop]
        if subj:
            noun = _phrase(doc, subj[0].subtree, drop)
            return f"{change} in {noun}" if change else f"{noun} {verb.text}"
        noun = _nearest_chunk(doc, run) or ""
        return f"{change} in {noun}" if change and noun else noun
    if counted is not None:
        noun = _phrase(doc, counted.subtree, drop)
        if counted.dep_ in ("nsubj", "nsubjpass") and counted.head.pos_ in ("VERB", "AUX"):
            return f"{noun} who {_predicate(doc, counted.head, drop | {t.i for t in counted.subtree})}" \
                if unit == "people" else f"{noun} that {_predicate(doc, counted.head, drop | {t.i for t in counted.subtree})}"
        if counted.dep_ == "pobj" and counted.head.head.pos_ == "NOUN":  # "the seizure of half a million pills"
            return f"{counted.head.head.text} of {noun}"
        if counted.dep_ == "dobj" and counted.head.pos_ == "VERB":
            return f"{noun} ({counted.head.lemma_})"
        return noun
    num = doc[tail.end - 1]
    nxt = doc[tail.end] if tail.end < len(doc) else None
    if nxt is not None and nxt.lower_ in lex["people_states"]:
        return _phrase(doc, [t for t in doc[tail.end:] if t.sent == num.sent][:6], drop)
    if unit in lex["currency"].values():
        own = _phrase(doc, num.subtree, drop)
        if own:
            return own
    if unit in lex["measures"].values() or unit in lex["currency"].values():
        after = [t for t in doc[tail.end:tail.end + 8] if t.sent == num.sent]
        return _phrase(doc, after, drop | ({after[0].i} if after and unit in lex["measures"].values() else set()))
    root = num.head if num.dep_ in ("nsubj", "nsubjpass", "attr", "dobj") else None
    if root is not None:
        subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in drop]
        if subj and num.dep_ == "attr":
            return _phrase(doc, subj[0].subtree, drop)
        return _predicate(doc, root, drop | {t.i for t in num.subtree})
    return _nearest_chunk(doc, run) or ""


def _predicate(doc, verb, drop: set[int]) -> str:
    """The verb with its complements, without the subject, dates or the number itself."""
    toks = [t for t in verb.subtree if t.i not in drop and t.i >= verb.i - 2
            and not (t.dep_ in ("nsubj", "nsubjpass") and t.head == verb)]
    subj_ids = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    clause_cut = {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    return _phrase(doc, [t for t in toks if t.i not in subj_ids and t.i not in clause_cut], drop)


def _nearest_chunk(doc, run: _Run) -> str | None:
    sent = doc[run.start].sent
    best = None
    try:
        chunks = list(sent.noun_chunks)
    except (ValueError, AttributeError):
        return None
    for chunk in chunks:
        if chunk.end <= run.start and not any(t.like_num or t.ent_type_ in _SKIP_ENTS for t in chunk) \
                and chunk.root.pos_ != "PRON":
            best = chunk
    return best.text if best is not None else None


# -- year -------------------------------------------------------------------------------------------
def _clause(tok):
    """Tokens of the clause ``tok`` sits in: its nearest verb's subtree minus embedded clauses."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    cut = set()
    for child in verb.children:
        if child.dep_ in _CLAUSE_DEPS and child.pos_ in ("VERB", "AUX") and tok not in child.subtree:
            cut |= {t.i for t in child.subtree}
    return {t.i for t in verb.subtree} - cut


def _date_for(ctx, run: _Run):
    """The date in the number's clause nearest to it ("in 2022", "since fiscal year 2020")."""
    doc = ctx.doc
    tok = doc[run.start]
    clause = _clause(tok)
    best, best_dist = None, None
    for ent in tok.sent.ents:
        if ent.label_ != "DATE" or not any(t.i in clause for t in ent):
            continue
        value = ctx.date(ent.text)
        if value is None:
            continue
        dist = min(abs(ent.start - run.start), abs(ent.end - run.start))
        if best_dist is None or dist < best_dist:
            best, best_dist = value, dist
    return best
