"""read_article / iter_articles: clean Articles from good files, one-line IngestErrors from bad ones."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from bordergraph.errors import IngestError
from bordergraph.extract.ingest import (
    article_slug,
    find_authors,
    find_date,
    find_publisher,
    find_title,
    guess_genre,
    iter_articles,
    markdown_to_text,
    parse_byline,
    read_article,
)
from bordergraph.extract.records import Article
from bordergraph.ontology.vocab import Genre

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"

BODY = (
    "Mexican and U.S. officials agreed on Thursday to trace the precursor chemicals used to make "
    "fentanyl, after two days of talks in Mexico City.\n\n"
    "The plan commits both governments to share seizure data every month, officials said.\n"
)


def _bundled(prefix: str) -> Article:
    return read_article(next(ARTICLES.glob(f"{prefix}_*.txt")))


@pytest.fixture(scope="module")
def bundled() -> dict[str, Article]:
    return {path.name[:3]: read_article(path) for path in sorted(ARTICLES.glob("*.txt"))}


def _error(path: Path, **kwargs) -> str:
    with pytest.raises(IngestError) as info:
        read_article(path, **kwargs)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


# ── the bundled corpus ──────────────────────────────────────────────────────────────────────


def test_bundled_article_identity_fields(bundled):
    article = bundled["000"]
    assert article.slug == "000-9ab8081fed9748a2"
    assert article.source == "000_9ab8081fed9748a2.txt"
    assert article.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert "Merrick Garland" in article.text


@pytest.mark.parametrize(
    ("prefix", "genre"),
    [("000", Genre.Q_AND_A), ("001", Genre.OPINION), ("002", Genre.OPINION),
     ("003", Genre.OPINION), ("004", Genre.NEWS)],
)
def test_genre_of_each_bundled_article(bundled, prefix, genre):
    assert bundled[prefix].genre is genre


def test_titles_of_bundled_articles(bundled):
    assert bundled["000"].title is None  # it opens with "Q:", not a headline
    assert bundled["001"].title is None  # it opens with a paragraph
    assert bundled["002"].title == "Just How Well Are the US and Mexico Cooperating?"
    assert bundled["003"].title == "The urgent need to bolster US-Mexico security cooperation"
    assert bundled["004"].title == "U.S., Mexico try to forge partnership on fentanyl, migration"


def test_authors_and_publishers_of_bundled_articles(bundled):
    assert bundled["002"].authors == ("Earl Anthony Wayne",)  # "By EARL ANTHONY WAYNE, former ..."
    assert bundled["001"].authors == ("Vanda Felbab-Brown",)  # closing author note
    assert bundled["003"].authors == ("Earl Anthony Wayne",)
    assert bundled["000"].authors == () and bundled["004"].authors == ()
    assert bundled["003"].publisher == "The Hill"  # the op-ed disclaimer, not the copyright owner
    assert bundled["004"].publisher is None


def test_header_date_without_a_year_is_not_taken_as_the_article_date(bundled):
    assert bundled["004"].date is None  # "Monday, July 22" fixes no year


def test_reading_twice_gives_the_same_text_and_hash(bundled):
    again = _bundled("000")
    assert again == bundled["000"]


# ── metadata from short texts ───────────────────────────────────────────────────────────────


def test_all_caps_byline_is_title_cased_and_affiliation_dropped():
    assert parse_byline("By EARL ANTHONY WAYNE, former U.S. ambassador to Mexico") == (
        ("Earl Anthony Wayne",), "former U.S. ambassador to Mexico"
    )


def test_byline_with_two_authors_and_an_outlet():
    names, affiliation = parse_byline("By Jane Roe and John O’Neill, Associated Press")
    assert names == ("Jane Roe", "John O’Neill")
    assert affiliation == "Associated Press"
    assert parse_byline("By the way, the talks failed.") is None


def test_find_authors_reads_the_byline_of_a_short_text():
    text = "Talks resume\n\nBy Daniela Ortiz Marroquín\n\nGuatemala and the United States signed a memorandum."
    assert find_authors(text) == ("Daniela Ortiz Marroquín",)
    assert find_authors("Officials met on Monday. Nothing was agreed.") == ()


def test_title_is_a_short_first_line_without_a_period():
    assert find_title("Just How Well Are the US and Mexico Cooperating?\n\nThe United States met.") == (
        "Just How Well Are the US and Mexico Cooperating?"
    )
    assert find_title("Officials met in Mexico City.\n\nThey agreed.") is None
    assert find_title("Q: What did the officials accomplish?\n\nA: Not much.") is None
    assert find_title("By Jane Roe\n\nOfficials met.") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Oct. 11, 2023\n\nOfficials met.", "2023-10-11"),
        ("Talks\nPublished March 3, 2023\n\nOfficials met.", "2023-03-03"),
        ("Talks\n2023-10-11\n\nOfficials met.", "2023-10-11"),
        ("Talks\nMarch 2023\n\nOfficials met.", "2023-03"),
        ("MEXICO CITY, Oct. 11, 2023 — Officials met on Thursday to discuss fentanyl and migration again.", "2023-10-11"),
        ("Wednesday, 4 October 2023\n\nOfficials met.", "2023-10-04"),
        ("Monday, July 22\n\nOfficials met.", None),
        ("Officials met on Oct. 4, 2023 in Mexico City to discuss fentanyl, migration and weapons trafficking.", None),
        ("Feb. 30, 2023\n\nOfficials met.", None),
    ],
)
def test_find_date(text, iso):
    assert find_date(text) == iso


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("Officials met.\n\nPublished by Border Wire", "Border Wire"),
        ("Officials met.\n\n© 2025 Andean Wire Service. All rights reserved.", "Andean Wire Service"),
        ("Officials met.\n\nCopyright 2023 Nexstar Media Inc. All rights reserved.", "Nexstar Media Inc."),
        ("The views expressed by contributors are their own and not the view of The Hill\n\n"
         "Copyright 2023 Nexstar Media Inc. All rights reserved.", "The Hill"),
        ("Officials met.\n\nSource link", None),
        ("Officials met.", None),
    ],
)
def test_find_publisher(text, publisher):
    assert find_publisher(text) == publisher


def test_genre_from_short_texts():
    assert guess_genre("Q: What changed?\n\nA: Jane Roe, fellow:\n\n“Little.”") is Genre.Q_AND_A
    assert guess_genre("Title\n\nBy Jane Roe, senior fellow at the Institute\n\nThe policy failed.") is Genre.OPINION
    assert guess_genre("Title\n\nBy Jane Roe, Associated Press\n\nOfficials met on Monday.") is Genre.NEWS
    assert guess_genre("Officials met.", raw="Opinion\nOfficials met.") is Genre.OPINION
    assert guess_genre("Officials met on Monday. “I am pleased,” he said. “My team and I agree.”") is Genre.NEWS
    assert guess_genre("I have read the logbooks. They told me my reading was wrong. I disagree.") is Genre.OPINION


def test_slug_is_accent_folded_and_dashed():
    assert article_slug("000_9ab8081fed9748a2") == "000-9ab8081fed9748a2"
    assert article_slug("López Obrador & Bárcena: Talks!") == "lopez-obrador-barcena-talks"
    assert article_slug("Straße") == "strasse"


# ── formats ─────────────────────────────────────────────────────────────────────────────────


def test_markdown_markup_is_stripped(tmp_path):
    md = (
        "# The Pacific Shield is failing\n\n"
        "**By Teresa Valdivieso**, senior fellow at the Hemispheric Security Institute\n\n"
        "*June 9, 2025*\n\n"
        "The [State Department](https://state.gov) insisted *last month* that the\n"
        "initiative had cut cocaine flows by a third. ![boat](boat.png)\n\n"
        "- Congress should tie the money to an audit.\n"
        "- The data should be published.\n"
    )
    assert markdown_to_text(md).count("#") == 0
    path = tmp_path / "pacific_shield.md"
    path.write_text(md, encoding="utf-8")
    article = read_article(path)
    assert article.title == "The Pacific Shield is failing"
    assert article.authors == ("Teresa Valdivieso",)
    assert article.date == "2025-06-09"
    assert article.genre is Genre.OPINION
    assert "The State Department insisted last month that the initiative had cut cocaine flows by a third." in article.text
    assert "Congress should tie the money to an audit.\n\nThe data should be published." in article.text
    for markup in ("*", "[", "](", "https://", "boat.png"):
        assert markup not in article.text


HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Mexico and US agree on fentanyl plan | Border Times</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Border Times">
<meta property="article:published_time" content="2023-10-06T10:00:00Z"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav>
<header><h1>Mexico and US agree on fentanyl plan</h1></header>
<article>
<p>Mexican and U.S. officials agreed on Thursday to trace the precursor chemicals used to make fentanyl, after two days of talks in Mexico City.</p>
<p>The plan commits both governments to share seizure data every month and to dismantle clandestine laboratories in Sinaloa and Jalisco, officials said.</p>
<p>Critics said the agreement repeats promises made in 2021 that were never kept.</p>
</article>
<footer><p>Copyright 2023 Border Times. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "page.txt"])  # by extension, and sniffed by content
def test_html_main_text_and_metadata_are_extracted(tmp_path, name):
    path = tmp_path / name
    path.write_text(HTML_PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.text.split("\n\n") == [
        "Mexican and U.S. officials agreed on Thursday to trace the precursor chemicals used to make "
        "fentanyl, after two days of talks in Mexico City.",
        "The plan commits both governments to share seizure data every month and to dismantle "
        "clandestine laboratories in Sinaloa and Jalisco, officials said.",
        "Critics said the agreement repeats promises made in 2021 that were never kept.",
    ]
    for boilerplate in ("Home", "World news", "Subscribe", "Privacy policy", "Copyright", "<"):
        assert boilerplate not in article.text
    assert article.title == "Mexico and US agree on fentanyl plan"
    assert article.authors == ("Jane Roe",)
    assert article.date == "2023-10-06"
    assert article.publisher == "Border Times"
    assert article.genre is Genre.NEWS


def test_html_page_without_main_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    assert "no main text" in _error(path)


# ── encodings and bad inputs ────────────────────────────────────────────────────────────────


def test_utf8_with_bom_and_utf16_with_bom_read_like_utf8(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_bytes(BODY.encode("utf-8"))
    expected = read_article(plain).text
    for name, data in [
        ("bom8.txt", b"\xef\xbb\xbf" + BODY.encode("utf-8")),
        ("le16.txt", BODY.encode("utf-16")),  # Python writes a BOM
        ("be16.txt", b"\xfe\xff" + BODY.encode("utf-16-be")),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        article = read_article(path)
        assert article.text == expected
        assert "\ufeff" not in article.text


def test_latin1_file_names_the_byte_and_offset(tmp_path):
    path = tmp_path / "latin.txt"
    data = "Officials met in Bogotá on Tuesday.".encode("latin-1")
    path.write_bytes(data)
    message = _error(path)
    offset = data.index(b"\xe1")
    assert message == f"{path}: not UTF-8 text (invalid byte 0xe1 at offset {offset}); re-save it as UTF-8"


def test_empty_and_whitespace_only_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty" in _error(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n  \r\n", encoding="utf-8")
    assert "whitespace" in _error(blank)


def test_binary_files_are_refused(tmp_path):
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Officials met\x00\x00\x01\x02 in Mexico City.")
    assert "binary" in _error(nul)
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert "binary" in _error(png)
    controls = tmp_path / "controls.txt"
    controls.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 50)
    assert "binary" in _error(controls)


def test_file_over_max_bytes_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(BODY * 40, encoding="utf-8")
    message = _error(path, max_bytes=1_000)
    assert "limit" in message and "1,000" in message
    assert read_article(path, max_bytes=len((BODY * 40).encode()) + 1).text  # within the limit: read


def test_missing_file_and_folder_are_refused(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "folder" in _error(folder)


def test_only_furniture_is_refused(tmp_path):
    path = tmp_path / "furniture.txt"
    path.write_text("Most Popular\n\nLoad more\n\nCopyright 2023 X Media. All rights reserved.\n", encoding="utf-8")
    assert "no article text" in _error(path)


# ── folders ─────────────────────────────────────────────────────────────────────────────────


def test_iter_articles_yields_good_files_and_one_error_for_the_bad_one(tmp_path):
    (tmp_path / "b_second.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a_first.md").write_text("# Talks\n\n" + BODY, encoding="utf-8")
    (tmp_path / "c_bad.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d_nested.htm").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert [type(item) for item in items] == [Article, Article, IngestError, Article]
    assert [item.source for item in items if isinstance(item, Article)] == ["a_first.md", "b_second.txt", "d_nested.htm"]
    assert "c_bad.txt" in str(items[2]) and "not UTF-8" in str(items[2])
    assert list(iter_articles([str(tmp_path)])) [0] == items[0]  # str paths, same order every time


def test_iter_articles_reports_a_missing_path_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    items = list(iter_articles([tmp_path / "missing.txt", good, good]))
    assert isinstance(items[0], IngestError) and "missing.txt" in str(items[0])
    assert [type(item) for item in items] == [IngestError, Article]  # a file reached twice is read once


def test_iter_articles_over_the_bundled_folder(bundled):
    items = list(iter_articles([ARTICLES]))
    assert [item.slug for item in items] == [bundled[k].slug for k in sorted(bundled)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert "not a regular file" in _error(pipe)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(BODY, encoding="utf-8")
    path.chmod(0)
    try:
        assert "permission denied" in _error(path)
    finally:
        path.chmod(0o644)
