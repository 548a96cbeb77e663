"""Claim text → the positive proposition key on which claims about the same thing meet.

"fentanyl is not produced in Mexico" (a denial) and "fentanyl is produced in Mexico" (an
assertion) must land on one ``bg:Proposition`` node, so the key drops the negation of the main
clause, the complementiser ("that"), quote marks and end punctuation, and folds case and
spacing.  The functions are pure and deterministic: the same text always gives the same key.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "strip_negation", "proposition_key", "content_stems"]

_QUOTES = "\"'`´‘’‚‛“”„‟«»‹›"
_LEAD = re.compile(r"^(?:that|whether|if)\s+", re.IGNORECASE)
_CONTRACTED = {"won't": "will", "can't": "can", "shan't": "shall", "ain't": "is"}
# do-support only exists to carry the negation: "does not produce" -> "produces" is out of reach
# without morphology, so the auxiliary is dropped and the verb kept as written ("produce").
_DO_NOT = re.compile(r"\b(?:do|does|did)\s*(?:not|n[’']t)\s+", re.IGNORECASE)
_NOT = re.compile(r"\s*\b(?:not|never)\b(?!\s+(?:only|just|simply|merely|least|before)\b)|n[’']t\b",
                  re.IGNORECASE)
_NEITHER = re.compile(r"\bneither\s+", re.IGNORECASE)
_NOR = re.compile(r"\bnor\b", re.IGNORECASE)
_NO_DET = re.compile(r"^(?:no|none of the)\s+", re.IGNORECASE)
_STOP = frozenset(
    "a an the of in on at to for from by with and or but is are was were be been being has have had "
    "do does did that this these those it its as into than then there their they he she his her we "
    "our you your i me my will would can could should may might must shall also so such which who "
    "whom whose what when where while about over under more most very much many some any all".split()
)
_NEG_WORDS = frozenset("not n't never no neither nor none nobody nothing nowhere cannot".split())


def normalize(text: str) -> str:
    """Case, quote marks, leading "that", end punctuation and spacing folded; wording kept."""
    s = unicodedata.normalize("NFC", text)
    s = s.translate({ord(c): None for c in _QUOTES if c not in "'’"})
    s = re.sub(r"\s+", " ", s).strip()
    s = _LEAD.sub("", s)
    s = s.strip(" ,;:.!?—–-")
    return s.lower()


def strip_negation(text: str) -> tuple[str, int]:
    """Remove the negation words of ``text``; return the positive text and how many were removed.

    Meant for a single clause whose negation belongs to its main verb (what a claim's proposition
    is); the parse-aware extractor removes only the main verb's negation itself.
    """
    count = 0
    s = text
    for word, full in _CONTRACTED.items():
        s, n = re.subn(rf"\b{word[:-3]}n[’']t\b", full, s, flags=re.IGNORECASE)
        count += n
    s, n = _DO_NOT.subn("", s)
    count += n
    s, n = _NOT.subn("", s)
    count += n
    s, n = _NEITHER.subn("", s)
    count += n
    s = _NOR.sub("or", s)
    s, n = _NO_DET.subn("", s)
    count += n
    return re.sub(r"\s+", " ", s).strip(), count


def proposition_key(text: str) -> str:
    """The positive, normalised form of a one-clause claim text."""
    return normalize(strip_negation(text)[0])


def content_stems(text: str) -> frozenset[str]:
    """Content words of ``text`` as 5-letter prefixes: wording-tolerant identity of a proposition."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    folded = re.sub(r"[’']s\b", "", folded)
    folded = re.sub(r"[.'’]", "", folded)
    words = re.findall(r"[a-z0-9]+", folded)
    return frozenset(w[:5] for w in words if w not in _STOP and w not in _NEG_WORDS and len(w) > 1)
