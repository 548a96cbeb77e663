"""Agreements: named frameworks, initiatives, programs and accords, and unnamed ones a text reports.

Named: a capitalised phrase headed by an agreement word ("Merida Initiative", "U.S.-Mexico
Bicentennial Framework for Security, Public Health and Safe Communities") or a quoted name before
one (“Merida” program).  Unnamed: "an agreement in June that ...", "a common binational program
to reduce ...", "agreed to begin deporting ...".  Mentions of one agreement merge on their
distinctive words (generic words like "initiative" or "U.S.-Mexico" ignored), within an article
and across articles; "the framework" is an alias of the framework the article named.
"""

from __future__ import annotations

import re

from bordergraph.extract.context import ArticleContext
from bordergraph.extract.names import fold
from bordergraph.extract.records import ActorRef, Agreement
from bordergraph.ontology.vocab import ActorKind

_HEADS = r"(?:Initiative|Framework|Agreement|Accord|Accords|Treaty|Pact|Compact|Program|Programme|Plan|Strategy|Memorandum of Understanding|Memorandum|Partnership|Protocol|Convention)"
_WORD = r"(?:[A-Z][\w'’.-]*|U\.S\.-[A-Z][\w]*)"
_NAMED = re.compile(
    rf"(?<![\w-])(?:{_WORD}[ ]){{1,5}}{_HEADS}(?:[ ](?:for|on|of|to|against)(?:,?[ ](?:and[ ])?{_WORD})+)?(?:[ ]of[ ](?P<year>(?:19|20)\d\d))?"
)
_QUOTED = re.compile(r"[“\"](?P<name>[A-Z][\w .'-]{1,40})[”\"][ ](?P<head>program|initiative|plan|agreement|accord|framework|strategy|pact)", re.I)
_LOWER_HEADS = r"(?:agreement|accord|deal|pact|plan|program|programme|framework|initiative|memorandum|treaty|compact)"
_CLAUSE = r"(?:[^.;:!?“”\"]|(?<=[A-Z])\.)"  # "U.S." does not end a clause
_UNNAMED = re.compile(
    rf"\b(?:an?|the)[ ](?P<adj>(?:[a-z-]+[ ]){{0,3}}){_LOWER_HEADS}[ ](?P<tail>(?:to|that|on|for|in|under which)[ ]{_CLAUSE}{{5,140}})"
)
_AGREED = re.compile(
    rf"\b(?:agreed|pledged|committed)[ ](?P<prep>to|on)[ ](?P<what>[a-z]+(?<!ing)\b{_CLAUSE}{{5,100}})"
)
_DATED = re.compile(r"\b(?:signed|agreed|reached|launched|adopted|announced|created|established|made|struck)\b"
                    r"[^.;]{0,40}?\b(?:in|on)\s+((?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d\d)\b")
_GENERIC = {"initiative", "framework", "agreement", "accord", "accords", "treaty", "pact", "compact", "program",
            "programme", "plan", "strategy", "memorandum", "understanding", "partnership", "protocol",
            "convention", "the", "of", "for", "on", "and", "to", "us", "u", "s", "mexico", "united", "states",
            "bilateral", "binational", "new", "joint", "common", "security", "cooperation"}
_AGREEMENT_VERBS = re.compile(r"\b(?:sign|signed|agree|agreed|reach|reached|announce|announced|launch|launched|"
                              r"adopt|adopted|negotiat\w+|implement\w*|establish\w*|created?|made|struck|forged|replac\w+|"
                              r"committed|pledged)\b", re.I)


def identity_key(name: str) -> str:
    """The distinctive words in text order ("merida" for "Merida Initiative" and “Merida” program):
    the same agreement named a little differently in two articles gets one node."""
    words = [w for w in fold(name).split() if w not in _GENERIC and not w.isdigit()]
    return " ".join(dict.fromkeys(words)) or fold(name)


def distinctive(name: str) -> frozenset[str]:
    """The words that identify an agreement ("Merida" of "U.S.-Mexico “Merida” program")."""
    return frozenset(w for w in fold(name).split() if w not in _GENERIC and not w.isdigit())


def extract_agreements(ctx: ArticleContext) -> list[Agreement]:
    text = ctx.article.text
    found: list[Agreement] = []
    for m in _NAMED.finditer(text):
        name = _trim(m.group(0))
        if len(distinctive(name)) == 0 or _is_org(ctx, m.start(), m.end()):
            continue
        _add(found, ctx, name, m.start(), m.end(), "agreements.named", 0.9, m.group("year"))
    for m in _QUOTED.finditer(text):
        name = f"{m.group('name').strip()} {m.group('head').capitalize()}"
        _add(found, ctx, name, m.start(), m.end(), "agreements.quoted", 0.8, None, alias=text[m.start():m.end()])
    for m in _UNNAMED.finditer(text):
        sentence = ctx.evidence(m.start(), m.end(), "agreements.unnamed")
        if not _AGREEMENT_VERBS.search(sentence.sentence) or _generic_reference(m):
            continue
        name = _trim(text[m.start():m.end()])
        _add(found, ctx, name, m.start(), m.end(), "agreements.unnamed", 0.6, None)
    for m in _AGREED.finditer(text):
        subject = ctx.actors_in(max(0, m.start() - 80), m.start())
        if not any(r.kind is ActorKind.COUNTRY or r.kind is ActorKind.GOVERNMENT_BODY for r in subject):
            continue
        if m.group("prep") == "on" and not re.match(r"(?:an?|the) ", m.group("what")):
            continue  # "agreed on" needs an object: "agreed on a series of steps"
        earlier = _just_before(found, m.start())
        if earlier is not None:  # "an agreement in June that ... . Mexico agreed to ...": its content
            earlier.evidence.append(ctx.evidence(m.start(), m.end(), "agreements.agreed", 0.5))
            continue
        name = f"agreement {m.group('prep')} " + _trim(m.group("what"))
        _add(found, ctx, name, m.start(), m.end(), "agreements.agreed", 0.5, None)
    _alias_definite_mentions(found, ctx)
    found = _fold_unnamed_into_named(found)
    for agr in found:
        agr.key = identity_key(agr.name)
    return found


def _fold_unnamed_into_named(found: list[Agreement]) -> list[Agreement]:
    """A story that first says "signed a joint action plan to ..." and later names "the Northern
    Border Action Plan" tells of one agreement: an unnamed one joins the one agreement with the
    same head noun that the article names after it."""
    named = [a for a in found if a.evidence[0].extractor in ("agreements.named", "agreements.quoted")]
    kept = []
    for agr in found:
        head = re.search(_LOWER_HEADS, agr.name.lower()) if agr.evidence[0].extractor == "agreements.unnamed" else None
        same = [n for n in named if head and n.name.lower().split()[-1].startswith(head.group(0))
                and n.evidence[0].begin > agr.evidence[0].begin]  # the story names it after telling it
        if len(same) == 1:
            target = same[0]
            target.aliases |= agr.aliases
            target.evidence += agr.evidence
            target.parties = sorted(set(target.parties) | set(agr.parties))
            target.date = target.date or agr.date
        else:
            kept.append(agr)
    return kept


def _just_before(found: list[Agreement], start: int) -> Agreement | None:
    """The agreement a noun phrase ("an agreement in June that ...") introduced in the sentence
    holding ``start`` or the one just before it; agreements read from another "agreed" are not
    elaborated by the next one."""
    for agr in reversed(found):
        last = agr.evidence[-1]
        if last.begin <= start and start - last.end <= 250:
            return agr if agr.evidence[0].extractor != "agreements.agreed" else None
    return None


def _trim(name: str) -> str:
    """One line, no leading article or trailing year, and at most about a dozen words."""
    name = " ".join(name.split()).strip(" ,“”\"")
    name = re.sub(r"^(?:The|the|An?|an?)\s+", "", name)
    name = re.sub(r"\s+of\s+(?:19|20)\d\d$", "", name)
    words = name.split()
    if len(words) > 12:
        cut = re.search(r",\s|\s(?:and|or|but|which|while|as|saying|after)\s", " ".join(words[6:]))
        name = " ".join(words[:6] + (" ".join(words[6:])[:cut.start()].split() if cut else words[6:12]))
    return name


def _generic_reference(m: re.Match) -> bool:
    """"a plan to ..." in a hypothetical ("would need a plan to") is no agreement."""
    return bool(re.search(r"\b(?:need|needs|would|should|could|must|no)\s+$", m.string[max(0, m.start() - 20):m.start()]))


def _is_org(ctx: ArticleContext, start: int, end: int) -> bool:
    ref = ctx.actor_at(start, end)
    return ref is not None and ref.kind is not ActorKind.COUNTRY and ctx.actors_in(start, end) == [ref] \
        and len(ref.name) >= (end - start) - 4


def _add(found: list[Agreement], ctx: ArticleContext, name: str, start: int, end: int,
         extractor: str, confidence: float, year: str | None, alias: str | None = None) -> None:
    key = distinctive(name)
    ev = ctx.evidence(start, end, extractor, confidence)
    date = ctx.date(year) if year else _date_in(ctx, ev.sentence, name)
    parties = _parties(ctx, name, ev.begin, ev.end)
    for agr in found:
        other = set().union(*(distinctive(a) for a in agr.aliases))
        if key and (key <= other or other <= key) or agr.name == name:
            agr.aliases.update({name, alias} - {None})
            if len(name) > len(agr.name) and extractor == "agreements.named":
                agr.name = name
            agr.evidence.append(ev)
            agr.parties = agr.parties or parties
            agr.date = agr.date or date
            return
    found.append(Agreement(name, {name} | ({alias} if alias else set()), parties, date, [ev]))


def _parties(ctx: ArticleContext, name: str, s: int, e: int) -> list[ActorRef]:
    """Countries the name or its sentence joins: "U.S.-Mexico ..." or the countries named nearby."""
    from bordergraph.extract.posts import _country_of

    parties = []
    for part in re.findall(r"(U\.S\.|[A-Z][a-z]+)-(?=[A-Z])|(?<=-)(U\.S\.|[A-Z][a-z]+)\b", name):
        ref = _country_of(part[0] or part[1])
        if ref and ref not in parties:
            parties.append(ref)
    if not parties:
        parties = [r for r in ctx.actors_in(s, e) if r.kind is ActorKind.COUNTRY][:3]
    return sorted(parties)


def _date_in(ctx: ArticleContext, sentence: str, name: str):
    """A date the sentence gives for making the agreement ("signed in 2021"), else none."""
    m = _DATED.search(sentence)
    return ctx.date(m.group(1)) if m else None


def _alias_definite_mentions(found: list[Agreement], ctx: ArticleContext) -> None:
    """"the framework" / "the Initiative" refers to the one named agreement with that head word."""
    for agr in found:
        head = agr.name.split()[-1]
        if head.lower() in _GENERIC and re.search(rf"\bthe {re.escape(head.lower())}\b", ctx.article.text, re.I):
            same_head = [a for a in found if a.name.split()[-1].lower() == head.lower()]
            if len(same_head) == 1:
                agr.aliases.add(f"the {head}")
