"""Files → ``Article`` records: read, decode, convert, clean, and read what the text says about itself.

One bad file must never stop a build, and a user must be able to fix it from the message alone:
every way a file can fail (missing, unreadable, empty, binary, too big, not UTF-8, no text
left) is an ``IngestError`` whose one-line message names the file and says what is wrong.
``iter_articles`` yields those errors in place of the article so the caller can report them
and carry on.

Plain text, Markdown and HTML are read; HTML (by extension or by content) goes through
trafilatura to keep the main text and its metadata.  The metadata readers below are small pure
functions over text so they can be tested on a few lines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from bordergraph.errors import IngestError
from bordergraph.extract.clean import clean_text, normalize
from bordergraph.extract.records import Article
from bordergraph.ontology.vocab import Genre

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_BYTES",
    "article_slug",
    "decode_bytes",
    "find_authors",
    "find_byline",
    "find_contributor_bio",
    "find_date",
    "find_publisher",
    "find_title",
    "guess_genre",
    "html_to_text",
    "iter_articles",
    "markdown_to_text",
    "parse_byline",
    "read_article",
]

MAX_BYTES = 5_000_000
#: File kinds picked up when a folder is expanded.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


# ── reading files ───────────────────────────────────────────────────────────────────────────


def iter_articles(
    paths: Iterable[Path | str], *, max_bytes: int = MAX_BYTES
) -> Iterator[Article | IngestError]:
    """Yield an ``Article`` or the ``IngestError`` for every file under ``paths``, in a fixed order.

    Folders are expanded recursively (sorted; article suffixes only; hidden files and folders
    skipped); files named directly are read whatever their suffix.  A file reached twice is read once.
    """
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files, problems = _article_files(path)
            yield from problems
        else:
            files = [path]
        for file in files:
            key = os.path.abspath(file)
            if key in seen:
                continue
            seen.add(key)
            try:
                yield read_article(file, max_bytes=max_bytes)
            except IngestError as exc:
                yield exc


def _article_files(folder: Path) -> tuple[list[Path], list[IngestError]]:
    """Article files under ``folder`` sorted by their path inside it (hidden entries skipped),
    and an error for every sub-folder that could not be listed."""
    found: list[Path] = []
    problems: list[IngestError] = []

    def unlistable(exc: OSError) -> None:
        problems.append(IngestError(f"{exc.filename or folder}: cannot list the folder ({exc.strerror or exc})"))

    for root, dirs, files in os.walk(folder, onerror=unlistable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, name) for name in files
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES)
        )
    return sorted(found, key=lambda f: f.relative_to(folder).parts), problems


def read_article(path: Path | str, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one file as an ``Article``: text (.txt), Markdown (.md) or HTML (.html, or sniffed).

    :raises IngestError: the file is missing, unreadable, empty, binary, over ``max_bytes``,
        not UTF-8 (or UTF-16/32 with a byte-order mark), or holds no article text.
    """
    path = Path(path)
    name = str(path)
    data = _read_bytes(path, max_bytes)
    text = decode_bytes(data, name)
    if not text.strip():
        raise IngestError(f"{name}: contains only whitespace, no article text")
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES or _looks_like_html(text):
        return _html_article(path, text)
    if suffix in _MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
    return _text_article(path, text)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    name = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(f"{name}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(f"{name}: not a regular file (a pipe, socket or device); save the article to a file")
        size = info.st_size
        if size > max_bytes:
            raise IngestError(
                f"{name}: file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                "split it or raise max_bytes"
            )
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise IngestError(f"{name}: no such file") from exc
    except PermissionError as exc:
        raise IngestError(f"{name}: permission denied; cannot read the file") from exc
    except OSError as exc:
        raise IngestError(f"{name}: cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:  # grew since stat
        raise IngestError(f"{name}: file is over the {max_bytes:,}-byte limit; split it or raise max_bytes")
    if not data:
        raise IngestError(f"{name}: empty file, no article text")
    return data


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.odt document)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes → str: UTF-8 (BOM optional) or UTF-16/UTF-32 with a BOM; anything else is refused.

    :raises IngestError: naming ``name`` and the first bad byte, or calling the file binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"{name}: not {encoding.upper()} text although it starts with a {encoding.upper()} "
                    f"byte-order mark (bad bytes at offset {exc.start + len(bom)}); re-save it as UTF-8"
                ) from exc
            _refuse_binary_text(text, name)
            return text
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(f"{name}: binary file ({kind}), not text; convert it to .txt, .md or .html")
    if b"\x00" in data:
        raise IngestError(
            f"{name}: binary file (contains NUL bytes), not text; if it is UTF-16, re-save it as UTF-8"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_binary_text(data[:65536].decode("latin-1"), name)
        raise IngestError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8"
        ) from exc
    _refuse_binary_text(text, name)
    return text


def _refuse_binary_text(text: str, name: str) -> None:
    """Mostly control characters means a binary file that happened to decode."""
    sample = text[:65536]
    if not sample:
        raise IngestError(f"{name}: empty file, no article text")
    controls = sum(1 for ch in sample if ch not in "\t\n\r\f\x1b" and unicodedata.category(ch) == "Cc")
    if "\x00" in sample or controls > max(2, len(sample) // 20):
        raise IngestError(f"{name}: binary file (mostly control characters), not text")


_HTML_START_RE = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def _looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START_RE.match(head)) or (
        head.lstrip().startswith("<") and len(re.findall(r"</(?:p|div|article|section|span)>", head, re.I)) >= 2
    )


# ── formats ─────────────────────────────────────────────────────────────────────────────────


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text of an HTML page (navigation, ads and footers dropped) and its metadata.

    Returns ``(text, {"title", "author", "date", "sitename"})``; the text has one paragraph per
    line, or is empty when the page has no main text.
    """
    import trafilatura  # slow to import; only HTML needs it

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return "", {}
    meta = {key: getattr(doc, key, None) or None for key in ("title", "author", "date", "sitename")}
    return doc.text or "", meta


_MD_RULES = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images (the alt text is a caption)
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),  # inline HTML tags
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # code spans
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s\\])\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s\\])_(?!\w)"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),  # backslash escapes
]
_MD_HEADING_RE = re.compile(r"#{1,6}\s+(.*?)(?:\s+#+)?\s*")
_MD_LIST_RE = re.compile(r"(?:[-*+]|\d{1,3}[.)])\s+(.*)")
_MD_REFDEF_RE = re.compile(r"\[[^\]]+\]:\s*\S+.*")
_MD_RULE_RE = re.compile(r"(?:[-*_]\s*){3,}")
_MD_SETEXT_RE = re.compile(r"=+|-+")


def markdown_to_text(markdown: str) -> str:
    """Markdown → plain text: headings, list items and quotes become paragraphs, emphasis and
    link markup go and link texts stay.  Line wraps are left for ``clean_text`` to join."""
    out: list[str] = []
    fence = False
    for line in normalize(markdown).split("\n"):
        if line.startswith(("```", "~~~")):
            fence = not fence
            out.append("")
            continue
        if fence:
            out.append(line)
            continue
        if _MD_REFDEF_RE.fullmatch(line):
            continue
        if _MD_SETEXT_RE.fullmatch(line) and out and out[-1]:
            out.append("")  # the line above was a heading
            continue
        if _MD_RULE_RE.fullmatch(line):
            out.append("")
            continue
        line = re.sub(r"^(?:>\s?)+", "", line)
        heading = _MD_HEADING_RE.fullmatch(line)
        item = _MD_LIST_RE.fullmatch(line)
        if heading:
            out += ["", _md_inline(heading.group(1)), ""]
        elif item:
            out += ["", _md_inline(item.group(1))]
        else:
            out.append(_md_inline(line))
    return "\n".join(out)


def _md_inline(line: str) -> str:
    for pattern, repl in _MD_RULES:
        line = pattern.sub(repl, line)
    return line


# ── building the Article ────────────────────────────────────────────────────────────────────


def _text_article(path: Path, text: str) -> Article:
    raw = normalize(text)
    cleaned = clean_text(raw)
    if not cleaned:
        raise IngestError(f"{path}: no article text left after removing page furniture")
    title = find_title(cleaned)
    return _article(
        path,
        cleaned,
        title=title,
        authors=find_authors(cleaned),
        publisher=find_publisher(raw),
        date=find_date(raw, title=title),
        genre=guess_genre(cleaned, raw=raw),
    )


def _html_article(path: Path, html: str) -> Article:
    try:
        body, meta = html_to_text(html)
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise IngestError(f"{path}: the HTML page could not be parsed ({type(exc).__name__}: {exc})") from exc
    # trafilatura gives one paragraph per line; clean_text wants paragraphs split by blank lines
    raw = normalize("\n\n".join(line for line in body.split("\n") if line.strip()))
    cleaned = clean_text(raw)
    if not cleaned:
        raise IngestError(f"{path}: no main text found in the HTML page")
    authors = _split_names(meta.get("author") or "") or find_authors(cleaned)
    title = " ".join(meta["title"].split()) if meta.get("title") else find_title(cleaned)
    return _article(
        path,
        cleaned,
        title=title,
        authors=authors,
        publisher=meta.get("sitename") or find_publisher(raw),
        date=_valid_iso(meta.get("date")) or find_date(raw, title=title),
        genre=guess_genre(cleaned, raw="\n".join(filter(None, [meta.get("title"), raw]))),
    )


def _article(path: Path, text: str, **metadata) -> Article:
    return Article(
        slug=article_slug(path.stem),
        source=path.name,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        **metadata,
    )


_FOLD = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
})


def article_slug(stem: str) -> str:
    """``"000_9ab8081fed9748a2"`` → ``"000-9ab8081fed9748a2"``: accent-folded, lower case,
    runs of anything but a-z and 0-9 → ``-``.  A stem with no such letters gets a hash slug."""
    folded = unicodedata.normalize("NFKD", stem.translate(_FOLD))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    return slug or "article-" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:12]


# ── metadata from text ──────────────────────────────────────────────────────────────────────

_QA_Q_RE = re.compile(r"^(?:Q|Question)\s*:", re.M)
_QA_A_RE = re.compile(r"^(?:A|Answer)\s*:", re.M)


def find_title(text: str) -> str | None:
    """The first paragraph when it is a headline: short, not a sentence ending in a period,
    not a byline, a date or a ``Q:``/``A:`` line."""
    first = text.strip().split("\n\n", 1)[0].strip() if text.strip() else ""
    words = first.split()
    if not 2 <= len(words) <= 25 or len(first) > 200 or "\n" in first:
        return None
    if first.endswith((".", ",", ";", ":")) or not (first[0].isupper() or first[0].isdigit() or first[0] in "“\"‘'"):
        return None  # a sentence, a fragment, or a continuation
    if _QA_Q_RE.match(first) or _QA_A_RE.match(first) or re.match(r"By\s", first):
        return None
    return first


# A name token: capitalised word or initial ("J."), with particles allowed inside.
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|(?:de|del|della|di|da|das|do|dos|du|la|le|van|von|der|den|bin|ibn|y|e)(?=\s))"
_NAME_RE = re.compile(rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,5}}")
_NOT_NAME_WORDS = {
    "the", "press", "news", "times", "post", "reuters", "agency", "media", "journal", "staff",
    "service", "wire", "institute", "university", "center", "centre", "council", "foundation",
    "group", "inc", "inc.", "network", "daily", "herald", "tribune", "magazine", "associated",
    "correspondent", "reporter", "writer", "editor", "editors", "department", "ministry", "office",
    "board", "desk", "team", "bureau", "contributor", "opinion", "views", "united", "states",
}
_EXPERT_WORDS = re.compile(
    r"\b(?:former|senior|fellow|professor|ambassador|director|researcher|analyst|scholar|lecturer|"
    r"chair|president|founder|expert|secretary|minister|senator|representative|author|executive|"
    r"advis[eo]r|consultant|diplomat|retired|member|head|dean|chief|partner)\b",
    re.I,
)
_NEWS_ROLE_WORDS = re.compile(r"\b(?:reporter|correspondent|staff|writer|bureau|newsroom|news service)\b", re.I)


def parse_byline(line: str) -> tuple[tuple[str, ...], str] | None:
    """``"By EARL ANTHONY WAYNE, former U.S. ambassador to Mexico"`` →
    ``(("Earl Anthony Wayne",), "former U.S. ambassador to Mexico")``; None when not a byline.

    All-capital names are title-cased; whatever follows the names is the affiliation.
    """
    m = re.match(r"\s*[*_]*By\s+(.+)", line)
    if not m or len(line) > 250:
        return None
    rest = m.group(1).strip(" *_")
    names: list[str] = []
    while rest:
        name = _NAME_RE.match(rest)
        if not name or not _is_person_name(name.group(0)):
            break
        after = rest[name.end():]
        sep = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", after)
        if after and not sep:
            break  # "By John Smith Jr"-style tail or junk: stop at the name we have
        names.append(_title_case_caps(name.group(0).strip()))
        rest = after[sep.end():] if sep else ""
        if sep and "," in sep.group(0) and not _NAME_RE.match(rest or ""):
            break
    if not names:
        return None
    affiliation = re.sub(r"^[\s,|•·—–-]+", "", rest).strip(" *_.")
    return tuple(names), affiliation


def _is_person_name(candidate: str) -> bool:
    words = candidate.split()
    return (
        2 <= len(words) <= 6
        and not any(w.lower().strip(".,") in _NOT_NAME_WORDS for w in words)
        and words[0][:1].isupper()
        and words[-1][:1].isupper()
    )


def _title_case_caps(name: str) -> str:
    """``EARL ANTHONY WAYNE`` → ``Earl Anthony Wayne``; mixed-case names are kept as written."""
    if not name.isupper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())


def _split_names(authors: str) -> tuple[str, ...]:
    """Author field of HTML metadata (``"Jane Roe; John Doe"``) → names."""
    parts = re.split(r"\s*(?:;|,|&|\band\b)\s*", authors)
    return tuple(_title_case_caps(" ".join(p.split())) for p in parts if p.strip())


def find_byline(text: str) -> tuple[tuple[str, ...], str] | None:
    """The byline among the first paragraphs: (names, affiliation), or None."""
    for para in text.split("\n\n")[:12]:
        found = parse_byline(para.strip())
        if found:
            return found
    return None


_BIO_RE = re.compile(
    rf"[*_]*(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}})\s+"
    r"(?:is|was|serves as|directs|leads|heads|teaches|writes)\b(?P<rest>.*)",
    re.S,
)


def find_contributor_bio(text: str) -> str | None:
    """Name from a closing author note ("Jane Roe is a senior fellow at ..."), as op-eds end."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for para in reversed(paragraphs[-2:]):
        m = _BIO_RE.match(para.strip())
        if (
            m and len(para.split()) <= 80
            and _is_person_name(m.group("name")) and _EXPERT_WORDS.search(m.group("rest"))
        ):
            return _title_case_caps(m.group("name"))
    return None


def find_authors(text: str) -> tuple[str, ...]:
    """Authors from a byline ("By ..."), else from a closing author note; () when neither."""
    byline = find_byline(text)
    if byline:
        return byline[0]
    bio = find_contributor_bio(text)
    return (bio,) if bio else ()


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_CORE = (
    rf"(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<m3>{_MONTH_RE})\s+(?P<y3>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}(?:-\d{2})?))"
)
_DATE_RE = re.compile(rf"\b{_DATE_CORE}(?![\w-])", re.I)
# "MEXICO CITY, Oct. 11, 2023 —" or "Oct. 11, 2023 (Reuters) —" at the start of a line
_DATELINE_RE = re.compile(
    r"(?:[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]*(?:,\s*[A-Z][\w.]*)*(?:\s*\([^)]{1,30}\))?,?\s+)?"
    rf"(?P<date>(?i:{_DATE_CORE}))(?:\s*\([^)]{{1,30}}\))?(?:\s*[—–]|\s+-)"
)
_DATE_LABEL_RE = re.compile(r"(?:published|posted|updated|last updated|date)\b", re.I)
_DATE_FILLER_RE = re.compile(
    r"\b(?:published|posted|updated|last|on|at|by|date|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"\d{1,2}:\d{2}|[ap]\.?m\.?|[A-Z]{2,4}T?)\b|[^\w\s]",
    re.I,
)


def find_date(text: str, *, title: str | None = None) -> str | None:
    """The publication date printed near the top, as an ISO prefix as precise as the text.

    Looks at a date line ("Oct. 11, 2023", "Published March 3, 2023"), a dateline
    ("MEXICO CITY, Oct. 11, 2023 —") or an ISO date among the first lines.  A date without a
    year ("Monday, July 22") is not a date the text fixes, so it gives nothing.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()][:12]
    for line in lines:
        if title and line == title:
            continue
        dateline = _DATELINE_RE.match(line)
        if dateline:
            iso = _date_in(dateline.group("date"))
            if iso:
                return iso
        if len(line.split()) > 14:
            continue
        m = _DATE_RE.search(line)
        if not m:
            continue
        rest = _DATE_FILLER_RE.sub(" ", line[: m.start()] + " " + line[m.end():]).split()
        if len(rest) <= 3 or _DATE_LABEL_RE.match(line):
            iso = _date_in(m.group(0))
            if iso:
                return iso
    return None


def _date_in(text: str) -> str | None:
    """ISO prefix of the first full date in ``text`` (day or month precision), if valid."""
    m = _DATE_RE.search(text)
    if not m:
        return None
    if m.group("iso"):
        return _valid_iso(m.group("iso"))
    month_name = m.group("m1") or m.group("m2") or m.group("m3")
    month = _MONTHS[month_name.lower()[:3]]
    year = int(m.group("y1") or m.group("y2") or m.group("y3"))
    day = m.group("d1") or m.group("d2")
    return _valid_iso(f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else ""))


def _valid_iso(value: str | None) -> str | None:
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip()[:10])
    if not m:
        return None
    try:
        dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError:
        return None
    return m.group(0)


_PUBLISHER_RULES = [
    re.compile(r"(?:published by|publisher\s*:)\s*(?P<name>.+)", re.I),
    re.compile(r"source\s*:\s*(?P<name>.+)", re.I),
    re.compile(r".*\bnot (?:necessarily )?(?:those|the views?|the opinions?|the position) of (?P<name>[A-Z].+)", re.I),
    re.compile(
        r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?"
        r"(?P<name>.+?)(?:\s+all rights reserved\b.*)?",
        re.I,
    ),
]
_COMPANY_ABBREV = ("Inc.", "Ltd.", "Co.", "Corp.", "L.L.C.", "S.A.", "LLC.", "Cia.")


def find_publisher(text: str) -> str | None:
    """Publisher named by a "Published by X", "Source: X", an op-ed disclaimer ("not the view of
    X") or a copyright line ("© 2023 X. All rights reserved."), in that order of trust."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for rule in _PUBLISHER_RULES:
        for line in lines:
            if len(line) > 300:
                continue
            m = rule.fullmatch(line)
            name = _publisher_name(m.group("name")) if m else None
            if name:
                return name
    return None


def _publisher_name(raw: str) -> str | None:
    name = re.split(r"(?<!\b[A-Z])\.\s+|\s+[|•·]\s+", raw.strip(), maxsplit=1)[0].strip(" ,;:")
    if name.endswith(".") and not name.endswith(_COMPANY_ABBREV):
        name = name[:-1]
    words = name.split()
    if not 1 <= len(words) <= 8 or not name[:1].isupper() or name.lower() in ("link", "unknown"):
        return None
    return name


_OPINION_LABEL_RE = re.compile(
    r"(?:opinion|op-?ed|commentary|guest (?:column|essay|opinion)|viewpoint|perspective|editorial)s?"
    r"(?:\s*[:|—–-].*)?",
    re.I,
)
_OPINION_WORDING_RE = re.compile(
    r"\b(?:this|my|our|the following)\b[^.\n]{0,40}\bop-?ed\b"
    r"|the (?:views|opinions) expressed\b[^.\n]{0,120}\b(?:own|do not (?:necessarily )?reflect)",
    re.I,
)
_QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|me|my|I’m|I'm|I’ve|I've)\b")


def guess_genre(text: str, *, raw: str | None = None) -> Genre:
    """``q-and-a`` for Q:/A: blocks; ``opinion`` for an expert byline, op-ed wording or label,
    a closing author note, or steady first-person commentary; else ``news``.

    ``raw`` is the text before furniture was removed (op-ed disclaimers live there).
    """
    if _QA_Q_RE.search(text) and _QA_A_RE.search(text) or len(_QA_A_RE.findall(text)) >= 2:
        return Genre.Q_AND_A
    byline = find_byline(text)
    if byline and byline[1] and _EXPERT_WORDS.search(byline[1]) and not _NEWS_ROLE_WORDS.search(byline[1]):
        return Genre.OPINION
    hay = raw if raw is not None else text
    head = [line.strip() for line in hay.split("\n") if line.strip()][:8]
    if _OPINION_WORDING_RE.search(hay) or any(_OPINION_LABEL_RE.fullmatch(line) for line in head):
        return Genre.OPINION
    if find_contributor_bio(text):
        return Genre.OPINION
    unquoted = _QUOTED_RE.sub(" ", text)
    if len(_FIRST_PERSON_RE.findall(unquoted)) >= 3:  # a weak hint, so it must recur
        return Genre.OPINION
    return Genre.NEWS
