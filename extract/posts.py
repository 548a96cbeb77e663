"""Posts: a person holding a role in an organisation or country.

Two general shapes, read from the text around each person mention:
- a title before the name: "U.S. Secretary of State Antony Blinken", "DEA Administrator Anne
  Migram", "Mexican Foreign Minister Alicia Bárcena", "former President X";
- an apposition or copula after it: "Earl Anthony Wayne, former U.S. ambassador to Mexico and
  public policy fellow at the Wilson Center", "X is a senior fellow at the Brookings Institution".
The organisation is an actor named inside the role phrase ("at the Brookings Institution"), else
the country of a nationality word ("U.S.", "Mexican", "Mexico's").  ``former`` follows
"former", "ex-", "retired", "one-time".
"""

from __future__ import annotations

import re
from functools import lru_cache

from bordergraph.extract import lexicon
from bordergraph.extract.context import ArticleContext
from bordergraph.extract.records import ActorRef, Post
from bordergraph.ontology.vocab import ActorKind

_FORMER = re.compile(r"\b(?:former|ex-|retired|one-time|onetime|erstwhile)\s*", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.I)
_APPOSITION_END = re.compile(
    r"(?<![A-Z])\.(?=\s|$)|[;:()“”\"\n]|\s+(?:said|says|told|wrote|added|noted|who|which|has|have|had|is|was)\b|,\s+(?=[a-z]+ed\b)")
_ROLE_TAIL = re.compile(r"\s+(?:between|from|since|until|during|in|on)\s+(?:\d|the\s+\d|[A-Z][a-z]+\s+\d).*$")
_ABBREVIATIONS = {"Atty. Gen.": "Attorney General", "Sen.": "Senator", "Gov.": "Governor",
                  "Rep.": "Representative", "Amb.": "Ambassador", "Gen.": "General", "Adm.": "Admiral"}
_RANKS = {"Gen.", "General", "Adm.", "Admiral", "Col.", "Colonel", "Lt.", "Maj.", "Sgt.", "Capt.",
          "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Professor"}


@lru_cache(maxsize=1)
def _title_before() -> re.Pattern:
    """A title (from the lexicon) ending right before a name, with an optional nationality."""
    titles = sorted(lexicon.words("titles") - {"Mexican", "American", "U.S.", "US", "Former", "former", "Then", "then"},
                    key=len, reverse=True)
    title = "|".join(re.escape(t) for t in titles)
    return re.compile(rf"(?P<title>(?:(?:{title})\s+)+(?:of\s+(?:the\s+)?[A-Z][\w]+\s+)?)$")


_NATION_BEFORE = re.compile(r"(?P<former>(?:[Ff]ormer|[Ee]x-|[Rr]etired)\s+)?(?:(?P<nation>U\.S\.|US|[A-Z][a-z]+(?:['’]s)?|[A-Z]{2,6})\s+)?$")


@lru_cache(maxsize=1)
def _role_noun() -> re.Pattern:
    nouns = sorted(lexicon.words("role_nouns"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in nouns) + r")s?\b", re.I)


def extract_posts(ctx: ArticleContext) -> list[Post]:
    posts: dict[tuple, Post] = {}
    names = {(m.start, m.end): m for m in ctx.mentions}
    previous: tuple[Post, int] | None = None  # a country distributes over a list: "U.S. A, B and C"
    for (start, end), ref in sorted(ctx.refs.items()):
        if ref.kind is not ActorKind.PERSON:
            continue
        mention = names.get((start, end))
        name_start = start + max(0, mention.surface.find(mention.name)) if mention else start
        found = _title_post(ctx, ref, name_start, previous) or _role_apposition_post(ctx, ref, name_start)
        if found is not None:
            previous = (found, end)
            posts.setdefault(post_key(found), found)
        for post in _apposition_posts(ctx, ref, end):
            posts.setdefault(post_key(post), post)
    return list(posts.values())


def post_key(post: Post) -> tuple:
    return (post.holder, post.role.lower(), post.post_in)


_ROLE_BEFORE_NAME = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?P<role>(?:[A-Z][a-z]+\s+){0,3}[A-Za-z][a-z-]+),\s+$")


def _role_apposition_post(ctx: ArticleContext, ref: ActorRef, start: int) -> Post | None:
    """"The Human Rights Ombudsman, Julio Pérez, ..." / "His lawyer, Ana Ruiz, ...": a role in
    apposition before the name (its last word a role noun)."""
    text = ctx.article.text
    m = _ROLE_BEFORE_NAME.search(text, max(0, start - 80), start)
    if not m or m.end() != start:
        return None
    role = m.group("role")
    if not _role_noun().fullmatch(role.split()[-1]) and not _role_noun().search(role):
        return None
    return Post(ref, role, None, False, ctx.evidence(m.start(), start, "posts.apposition", 0.7))


def _title_post(ctx: ArticleContext, ref: ActorRef, start: int, previous: Post | None) -> Post | None:
    text = ctx.article.text
    window_start = max(text.rfind("\n", 0, start) + 1, start - 80)
    before = text[window_start:start]
    m = _title_before().search(before)
    if not m or not m.group("title").strip():
        return None
    n = _NATION_BEFORE.search(before, 0, m.start())
    title_start = m.start()
    words = m.group("title").split()
    while len(words) > 1 and words[-1] in _RANKS and words[-1].endswith(".") and not words[-2].endswith("."):  # "Secretary of Defense Gen. X": the rank is no post
        words.pop()
    role = " ".join(words)
    if role in _RANKS:
        return None
    where = None
    if n.group("nation"):
        where = _country_of(n.group("nation")) or ctx.actor_at(window_start + n.start("nation"), window_start + n.end("nation"))
        if where is None and ctx.doc.vocab[n.group("nation").lower()].is_stop:
            n = _NATION_BEFORE.search(before, m.start(), m.start())  # "And President X": no modifier
        elif where is None:  # a modifier of the title: "Interior Minister"
            role = f"{n.group('nation')} {role}"
            title_start = n.start("nation")
            n = _NATION_BEFORE.search(before, 0, n.start("nation"))
            if n.group("nation"):
                where = _country_of(n.group("nation"))
    if where is None and previous is not None and re.fullmatch(r",?\s*(?:and\s+)?", text[previous[1]:window_start + title_start]):
        where = previous[0].post_in
    ev = ctx.evidence(window_start + n.start(), start, "posts.title", 0.85)
    return Post(ref, _ABBREVIATIONS.get(role, role), where, bool(n.group("former")), ev)


def _apposition_posts(ctx: ArticleContext, ref: ActorRef, end: int) -> list[Post]:
    text = ctx.article.text
    rest = text[end:end + 300]
    m = re.match(r"(?:,\s+|\s+(?:is|was|has been|serves as|served as)\s+)", rest)
    if not m:
        return []
    stop = _APPOSITION_END.search(rest, m.end())
    phrase_start, phrase_end = end + m.end(), end + (stop.start() if stop else len(rest))
    persons = [s for (s, e), r in ctx.refs.items() if r.kind is ActorKind.PERSON and phrase_start <= s < phrase_end]
    if persons:  # "A, Interior Minister B and C met": a list of people, not an apposition
        return []
    phrase = text[phrase_start:phrase_end]
    posts = []
    offset = phrase_start
    for part in re.split(r",?\s+and\s+(?=(?:former\s+|a\s+|an\s+|the\s+)?[a-z-]+)|,\s+", phrase):
        p_start = text.find(part, offset)
        offset = p_start + len(part)
        post = _role_phrase_post(ctx, ref, part, p_start)
        if post is not None:
            posts.append(post)
        elif posts or len(part.split()) > 12:
            break
        else:
            break
    return posts


def _role_phrase_post(ctx: ArticleContext, ref: ActorRef, part: str, p_start: int) -> Post | None:
    former = bool(_FORMER.search(part[:20]))
    role_text = _ARTICLE.sub("", _FORMER.sub("", part, count=1)).strip()
    noun = _role_noun().search(role_text)
    if not noun or noun.start() > 40 or len(role_text.split()) > 20 or not role_text[:1].isalpha() \
            or role_text.split()[0].lower() in {"who", "which", "that", "whose", "whom"}:
        return None
    where = None
    org_words = re.search(r"\s+(?:at|of|with|for)\s+(?:the\s+|its\s+)?(?=[A-Z])", role_text)
    orgs = [r for r in ctx.actors_in(p_start, p_start + len(part)) if r.kind is not ActorKind.PERSON]
    non_country = _owned_orgs(ctx, p_start, p_start + len(part))
    if non_country:
        where = non_country[0]
    nation = re.match(r"(U\.S\.|US|[A-Z][a-z]+(?:['’]s)?)\s+", role_text)
    if nation and _country_of(nation.group(1)):
        where = where or _country_of(nation.group(1))
        role_text = role_text[nation.end():]
    if where is None and orgs:
        where = orgs[-1]
    role = role_text[:org_words.start()] if org_words else role_text  # "fellow at the X Institute"
    role = _ROLE_TAIL.sub("", role)
    role = re.sub(r"\s+(?:in|at|of|for|with)$", "", role.strip(" ,"))
    if not role:
        return None
    ev = ctx.evidence(p_start, p_start + len(part), "posts.apposition", 0.8)
    return Post(ref, role, where, former, ev)


def _owned_orgs(ctx: ArticleContext, start: int, end: int) -> list[ActorRef]:
    """Organisations named in [start, end) in order, skipping a possessive owner ("Rice University’s X")."""
    text = ctx.article.text
    out = []
    for (s, e), ref in sorted(ctx.refs.items()):
        if s >= start and e <= end and ref.kind not in (ActorKind.PERSON, ActorKind.COUNTRY):
            if re.match(r"['’]s\b", text[e:e + 2]):
                continue
            out.append(ref)
    return out


def _country_of(word: str) -> ActorRef | None:
    word = re.sub(r"['’]s$", "", word)
    name = lexicon.demonyms().get(word)
    if name is None:
        entry = lexicon.by_alias().get(_fold(word))
        name = entry.name if entry is not None and entry.kind == "Country" else None
    return ActorRef(ActorKind.COUNTRY, name) if name else None


def _fold(text: str) -> str:
    from bordergraph.extract.names import fold

    return fold(text)


def role_mentions(ctx: ArticleContext, posts: list[Post]) -> list[tuple[int, int, ActorRef]]:
    """Spans such as "Mexico's president" or "the Mexican president" that name the one person the
    article shows holding that post; each becomes a mention (and an alias) of that person."""
    holders: dict[tuple[str, ActorRef], set[ActorRef]] = {}
    for p in posts:
        if p.post_in is not None and p.post_in.kind is ActorKind.COUNTRY and not p.former:
            holders.setdefault((p.role.lower(), p.post_in), set()).add(p.holder)
    found = []
    for (role, country), people in sorted(holders.items(), key=lambda kv: (kv[0][0], kv[0][1].name)):
        local = {p for p in people if p in ctx.refs.values()}
        people = local or people  # the one named in this article, else the one known elsewhere
        if len(people) != 1:
            continue
        forms = [re.escape(country.name) + "['’]s"]
        forms += [r"(?:[Tt]he\s+)?" + re.escape(d) for d, c in lexicon.demonyms().items() if c == country.name]
        pattern = re.compile(rf"\b(?:{'|'.join(forms)})\s+(?i:{re.escape(role)})\b(?!\s+[A-Z])")
        for m in pattern.finditer(ctx.article.text):
            if (m.start(), m.end()) not in ctx.refs:
                found.append((m.start(), m.end(), next(iter(people))))
    return sorted(found)


_OFFICE = re.compile(
    r"\b(?P<country>U\.S\.|[A-Z][a-z]+)['’]s (?P<role>(?:[a-z]+ ){0,2}(?:minister|secretary|president|"
    r"ambassador|attorney general|prosecutor|governor|spokesman|spokeswoman|spokesperson|chief)"
    r"(?: (?:for|of) (?:[a-z]+ ){0,2}[a-z]+(?=,))?)\b"
)


def office_mentions(ctx: ArticleContext) -> list[tuple[int, int, ActorRef, Post | None]]:
    """"Colombia's defense minister, Esteban Corredor, ..." names the holder (a mention of him and
    his post); "Mexico's security minister" with no name is still an actor, a person named by the
    office, so claims and events can point at them."""
    found = []
    text = ctx.article.text
    for m in _OFFICE.finditer(text):
        country = _country_of(m.group("country"))
        if country is None or any(s < m.end() and m.start("role") < e and r.kind is ActorKind.PERSON
                                  for (s, e), r in ctx.refs.items()):
            continue
        comma = re.match(r",\s+", text[m.end():])
        named = comma and next((r for (s, e), r in sorted(ctx.refs.items())
                                if s == m.end() + comma.end() and r.kind is ActorKind.PERSON), None)
        if named:
            post = Post(named, m.group("role"), country, False, ctx.evidence(m.start(), m.end(), "posts.office", 0.8))
            found.append((m.start(), m.end(), named, post))
        else:
            found.append((m.start(), m.end(), ActorRef(ActorKind.PERSON, f"{country.name}’s {m.group('role')}"), None))
    return found
