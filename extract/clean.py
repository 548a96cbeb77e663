"""Raw article text → the stable cleaned text that every evidence offset points into.

Scraped articles arrive with hard line wraps inside sentences, page furniture (tag lists,
copyright lines, "Most Popular", share buttons, photo credits) and odd whitespace.  The
extractors need plain paragraphs of prose, and the graph needs offsets that never move, so this
module is a pure function of its input: the same raw text always gives the same cleaned text.

The output is NFC-normalised, has one paragraph per line and paragraphs separated by one blank
line (``"\\n\\n"``).  Quotes, dashes and typos are kept exactly as written: they are evidence.
Furniture is recognised by general patterns (what a tag line or a credit looks like), never by
the wording of a particular article.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "is_furniture", "normalize", "strip_credit"]

#: Lines longer than this were not hard-wrapped: the newline after one ends a paragraph.
WRAP_MAX = 100
#: A sentence-final line this much shorter than the wrap width ended its paragraph on purpose.
FIT_RATIO = 0.85

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TIME = r"(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?)"
#: A line that is only a date (with weekday, time or "Updated"): header furniture.
_DATE_LINE = re.compile(
    rf"(?:(?:published|updated|posted|last updated)\s*:?\s*(?:on\s+)?)?(?:{_WEEKDAY},?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})(?:,?\s*(?:at\s+)?{_TIME})?",
    re.IGNORECASE,
)

_AGENCY = r"(?:ap|afp|reuters|getty images|shutterstock|epa(?:-efe)?|efe|bloomberg|istock(?:photo)?|alamy)"

# The name part of a credit or source line: a few words, not a sentence.
_CREDIT_TAIL = r"(?!.*[.!?]$)\S+(?: \S+){0,9}"

# Each pattern must match a whole line (after whitespace has been normalised).
_FURNITURE = [
    # tag and topic lists: a label followed by names, no sentence punctuation at the end
    r"(?:tags?|topics?|filed under|categories|keywords|related topics)\s*:?\s+[^.!?]*[^.!?:;,\s]",
    # copyright and rights lines
    r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:©\s*)?\d{4}\b.*",
    r".{0,120}\ball rights reserved\b.*",
    # publisher disclaimers of op-ed pages
    r"the (?:views|opinions) expressed\b.{0,120}\b(?:(?:are|is) (?:their|his|her|the authors?[’']?s?|solely)"
    r"|do(?:es)? not (?:necessarily )?(?:reflect|represent)).*",
    # list and comment headings, calls to action, navigation and share buttons
    r"(?:most (?:popular|read|viewed|shared|emailed)|trending(?: now| stories)?|popular (?:stories|now))\s*:?",
    r"(?:leave|post|add|write) a (?:reply|comment)(?: \w+)?\s*:?|comments?\s*\(?\d*\)?|post comment",
    r"your email address will not be published\b.*|required fields are marked\b.*",
    r"save my name, email,? and website\b.*|(?:name|e-?mail|website|comment)\s*\*",
    rf"source(?: link)?|source\s*:\s*{_CREDIT_TAIL}",
    r"share (?:this(?: article| story| post| page)?|on \w+|via \w+|the story)\s*:?|share\s*:?",
    r"(?:subscribe|sign up)(?: (?:now|today|here|for free))?[.!]?"
    r"|(?:subscribe|sign up) (?:to|for) (?:our|the)\b.{0,80}|.{0,60}\bnewsletter\s*:?",
    r"(?:load|show|see|read|view) (?:more|all)(?: \w+){0,3}\s*[.:]?|continue reading\b.{0,40}",
    r"advertisement|sponsored(?: content)?|skip to (?:main )?content|back to top|print(?: this)?"
    r"|e-?mail|facebook|twitter|linkedin|whatsapp|reddit|pinterest|telegram|flipboard|x|copy link"
    r"|menu|search|sign in|log ?in|close|home",
    r"follow (?:us|@\w+)(?: on [\w ]{1,30})?\s*[.!]?",
    # related lists: a heading, or a single "Related: headline" line
    r"(?:related|see also|more from .{1,40}|recommended(?: for you)?|you (?:may|might) also like"
    r"|more (?:stories|news|on this|coverage)|read (?:also|next)|also read)"
    r"(?:\s+(?:articles?|stories|posts|content|coverage|reading|links|news))?\s*:?",
    r"(?:related|see also|read (?:also|more|next)|also read)\s*:\s*.{1,150}[^.]",
    # photo credits and captions reduced to a credit
    rf"(?:photo|image|picture|photograph|credit|illustration|video)s?\s*(?::|by\b)\s*{_CREDIT_TAIL}",
    rf"\(?(?:[\w .'’-]{{1,40}}\s*/\s*)?{_AGENCY}(?:\s+(?:photo|images|via getty images))?(?:\s*/\s*[\w .'’-]{{1,40}})?\)?",
    # breadcrumbs: short segments joined by arrows, slashes or pipes
    r"(?:[\w&'’ .-]{1,30}?(?:\s[|/]\s|\s*[>»›]\s*)){2,}[\w&'’ .-]{1,30}",
]
_FURNITURE_RE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE), re.IGNORECASE)

# Headings after which a list of headlines or a comment form follows.
_LIST_HEADING_RE = re.compile(
    r"(?:most (?:popular|read|viewed|shared|emailed)|trending(?: now| stories)?|popular (?:stories|now)"
    r"|related(?:\s+(?:articles?|stories|posts|content|coverage|reading|links|news))?|see also"
    r"|more from .{1,40}|recommended(?: for you)?|you (?:may|might) also like|more (?:stories|news)"
    r"|read (?:also|next)|also read|(?:leave|post|add|write) a (?:reply|comment)(?: \w+)?|comments?)\s*:?",
    re.IGNORECASE,
)
# A credit glued to the end of a caption line: "... Joe Biden. Photo: Google".
_CREDIT_SUFFIX_RE = re.compile(
    r"(?<=[.!?”\"’')])\s+(?:(?:Photo|Image|Picture|Photograph|Credit|Illustration)s?\s*(?::|by\b)\s*[^.!?]{1,80}"
    rf"|\((?:{_AGENCY})\b[^)]{{0,80}}\)|\([^)]{{0,60}}/\s*{_AGENCY}\))$",
    re.IGNORECASE,
)
# A CMS slug or id line ("mexico us 86519"): lower case, no punctuation, a long number.
_SLUG_LINE_RE = re.compile(r"(?=.*\d{4})[a-z0-9 _-]{1,40}")

_QA_RE = re.compile(r"(?:Q|A|Question|Answer)\s*:")
_QA_ONLY_RE = re.compile(r"(?:Q|A|Question|Answer)\s*:\s*")
#: "Earl Anthony Wayne, former ...": a capitalised name, then a comma.
_SPEAKER_RE = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,4},")
_OPEN_QUOTES = "“\"‘'«„"
_SENTENCE_END_RE = re.compile(r"[.!?…][”\"’'»)\]`*]*$")
_SPACES_RE = re.compile(r"[^\S\n]+")
# Control, zero-width, soft-hyphen, surrogate and private-use characters: invisible, never evidence.
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ud800-\udfff\ue000-\uf8ff"
    "\U000f0000-\U0010ffff]"
)


def normalize(raw: str) -> str:
    """NFC, ``\\n`` line endings, no control or zero-width characters, single spaces, no
    spaces at line ends.  Line structure is kept: this is the text metadata is read from."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u0085", "\n").replace("\u2029", "\n\n").replace("\f", "\n").replace("\v", "\n")
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)  # tabs, no-break and other Unicode spaces → one space
    text = "\n".join(line.strip() for line in text.split("\n"))
    return unicodedata.normalize("NFC", text)


def is_furniture(line: str) -> bool:
    """True when ``line`` (one whole line) is page furniture rather than article text."""
    line = " ".join(line.split())
    if not line or line[0].islower():  # a lower-case start continues a sentence
        return False
    return bool(_FURNITURE_RE.fullmatch(line) or _DATE_LINE.fullmatch(line))


def strip_credit(line: str) -> str:
    """Drop a photo credit glued to the end of a caption, keeping the caption sentence."""
    return _CREDIT_SUFFIX_RE.sub("", line)


def clean_text(raw: str) -> str:
    """Cleaned article text: furniture removed, hard wraps joined, paragraphs split by ``\\n\\n``.

    Never joins across a blank line and never drops words of a sentence.  Pure and
    deterministic, and cleaning cleaned text changes nothing.
    """
    lines = _drop_furniture(normalize(raw).split("\n"))
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
        elif block:
            paragraphs.extend(_unwrap(block, first=not paragraphs))
            block = []
    text = "\n\n".join(p for p in (" ".join(p.split()) for p in paragraphs) if p)
    return unicodedata.normalize("NFC", text)


def _drop_furniture(lines: list[str]) -> list[str]:
    """Blank out furniture lines (a blank keeps the paragraph break they made)."""
    lines = _drop_header_slugs(lines)
    out: list[str] = []
    in_list = False  # after "Most Popular", "Related", "Leave a Reply": drop the headlines too
    for i, line in enumerate(lines):
        if not line:
            out.append(line)
            continue
        # a line whose sentence visibly goes on in the next line is text, whatever it looks like
        continues = i + 1 < len(lines) and lines[i + 1][:1].islower() and not _SENTENCE_END_RE.search(line)
        if in_list and not continues and not _is_prose(line):
            out.append("")
            continue
        in_list = False
        if continues:
            out.append(line)
        elif _LIST_HEADING_RE.fullmatch(line):
            in_list = True
            out.append("")
        elif is_furniture(line):
            out.append("")
        else:
            out.append(strip_credit(line))
    return out


def _drop_header_slugs(lines: list[str]) -> list[str]:
    """Blank CMS slug or id lines above the first line of prose."""
    out = list(lines)
    for i, line in enumerate(lines):
        if len(line.split()) >= 8:
            break
        if _SLUG_LINE_RE.fullmatch(line):
            out[i] = ""
    return out


def _is_prose(line: str) -> bool:
    """A line of sentences, as opposed to a headline, a label or a button."""
    return bool(_SENTENCE_END_RE.search(line)) and len(line.split()) >= 6 or len(line.split()) > 20


def _unwrap(block: list[str], *, first: bool) -> list[str]:
    """Join the hard-wrapped lines of one block into paragraphs.

    A newline inside a block becomes a space unless it visibly ends a paragraph: a ``Q:``/``A:``
    line starts, a speaker line (``Name, affiliation:``) ends, the line is longer than any
    wrap width (one paragraph per line), or a sentence ends well before the wrap width.
    """
    width = _wrap_width(block)
    paragraphs: list[str] = []
    seg = block[0]
    for i, (a, b) in enumerate(zip(block, block[1:])):
        if _breaks(seg, a, b, width, title_slot=first and i == 0 and seg == a):
            paragraphs.append(seg)
            seg = b
        elif a.endswith("-") and not a.endswith(("--", " -")) and a[-2:-1].isalpha() and b[:1].islower():
            seg += b  # "cross-\nborder": keep the hyphen, no space
        elif a.endswith(("—", "–")) and not a.endswith((" —", " –")):
            seg += b
        else:
            seg += " " + b
    paragraphs.append(seg)
    return paragraphs


def _wrap_width(block: list[str]) -> int | None:
    """The width the block was wrapped at, or None when it is too short to tell."""
    lengths = sorted(len(line) for line in block[:-1] if len(line.split()) > 1 and len(line) <= WRAP_MAX)
    if len(lengths) < 3:
        return None
    return lengths[(len(lengths) * 9) // 10 - (1 if len(lengths) % 10 == 0 else 0)]


def _breaks(seg: str, a: str, b: str, width: int | None, *, title_slot: bool) -> bool:
    """Does the newline between line ``a`` and line ``b`` end a paragraph?"""
    if _QA_RE.match(b):
        return True
    if a.endswith(":"):
        if _QA_RE.match(seg) and not _QA_ONLY_RE.fullmatch(seg):
            return True  # "A: Name, affiliation:" ends; the answer follows
        if b[:1] in _OPEN_QUOTES and _SPEAKER_RE.match(seg) and len(seg.split()) <= 40:
            return True  # a speaker line ("Name, affiliation:") before a quoted answer
    if len(a.split()) == 1 and not _QA_RE.fullmatch(a):
        return False  # a lone word ("“The", "Last") was cut from the line it starts
    ends_sentence = bool(_SENTENCE_END_RE.search(a))
    if not ends_sentence and not a.endswith(":") and b[:1].islower():
        return False  # the sentence visibly goes on
    if len(a) > WRAP_MAX:
        return True
    starts_new = b[:1].isupper() or b[:1].isdigit() or b[:1] in _OPEN_QUOTES
    if width and starts_new and len(a) + 1 + len(b.split()[0]) <= width * FIT_RATIO:
        if ends_sentence:
            return True  # the next word would have fitted: the writer ended the paragraph here
        if title_slot and not a.endswith((",", ";", ":")) and len(a.split()) <= 15:
            return True  # a headline on the first line
    return False
