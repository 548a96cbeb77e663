"""Name handling shared by mention finding and resolution: folding, title and noise stripping."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = "\"'“”‘’`´"
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_MIDDLE_INITIAL = re.compile(r"^[A-Z]\.$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key: "López Obrador's" -> "lopez obrador"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[.\"'“”‘’`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def clean_surface(text: str) -> str:
    """The mention as a display string: one line, single spaces, no edge quotes or punctuation."""
    text = " ".join(text.split())
    return text.strip(_QUOTES + " ,;:()[]-–—")


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text).rstrip()


def strip_determiner(text: str) -> str:
    words = text.split(" ", 1)
    if len(words) == 2 and words[0].lower() in _DETERMINERS:
        return words[1]
    return text


def strip_titles(name: str, titles: frozenset[str]) -> str:
    """Remove leading titles and office words: "U.S. Secretary of State Antony Blinken" -> "Antony Blinken".

    Also drops an agency acronym before a title ("DEA Administrator Anne Migram") and the
    "of State" part of a title; never strips the last word, so a bare title stays as it is.
    """
    longest_first = sorted(titles, key=len, reverse=True)
    while True:
        words = name.split(" ")
        if len(words) > 2 and _ACRONYM.match(words[0]) and any(
            (" ".join(words[1:]) + " ").startswith(t + " ") for t in longest_first
        ):
            name = " ".join(words[1:])
            continue
        title = next((t for t in longest_first if name.startswith(t + " ")), None)
        if title is None:
            break
        rest = name[len(title) + 1 :]
        if " " not in rest and not rest[:1].isupper():
            break
        name = rest
    words = name.split(" ")
    while len(words) > 2 and any(c.isdigit() for c in words[0]):  # "Presdie3nt": a typo, not a name
        words = words[1:]
    name = " ".join(words)
    m = re.match(r"^(?:of|for) (?:the )?(?:[A-Z][\w.]+ )*?(?=[A-Z][\w.-]+ [A-Z])", name)
    return name[m.end():] if m and name[m.end():] else name


def person_key(name: str) -> str:
    """Folded person name without middle initials: "Antony J. Blinken" -> "antony blinken"."""
    words = [w for w in name.split() if not _MIDDLE_INITIAL.match(w)]
    return fold(" ".join(words))


def initials(name: str) -> str:
    """Upper-case initials of the capitalised words: "Andrés Manuel López Obrador" -> "AMLO"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def titlecase_if_shouting(name: str) -> str:
    """"EARL ANTHONY WAYNE" -> "Earl Anthony Wayne"; mixed-case names are left alone."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters) and len(name.split()) > 1:
        return " ".join(w.capitalize() if not w.endswith(".") else w.title() for w in name.split())
    return name
