"""clean_text: hard wraps joined, paragraphs kept, furniture gone, sentences intact, stable output."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from bordergraph.extract.clean import clean_text, is_furniture, normalize, strip_credit

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
BUNDLED = sorted(ARTICLES.glob("*.txt"))


@pytest.fixture(scope="module")
def cleaned() -> dict[str, str]:
    return {path.name[:3]: clean_text(path.read_text(encoding="utf-8")) for path in BUNDLED}


# ── hard wraps ──────────────────────────────────────────────────────────────────────────────


def test_wrapped_name_is_joined_in_article_000(cleaned):
    text = cleaned["000"]
    assert "Merrick Garland" in text
    assert "Merrick\nGarland" not in text


def test_wrapped_sentence_in_article_000_survives_whole_inside_one_paragraph(cleaned):
    sentence = (
        "However, when Mexico’s security minister denied that fentanyl is produced in Mexico, "
        "the statement highlighted that misunderstanding remains."
    )
    assert sentence in cleaned["000"]
    assert any(sentence in para for para in cleaned["000"].split("\n\n"))


def test_qa_layout_of_article_000_gives_marker_speaker_and_answer_blocks(cleaned):
    paragraphs = cleaned["000"].split("\n\n")
    assert paragraphs[0].startswith("Q: U.S. Secretary of State Antony Blinken")
    speaker_lines = [p for p in paragraphs if p.startswith("A: ")]
    assert len(speaker_lines) == 5
    assert all(p.endswith(":") for p in speaker_lines)
    assert speaker_lines[0] == (
        "A: Earl Anthony Wayne, former U.S. ambassador to Mexico and public policy fellow at the "
        "Woodrow Wilson International Center for Scholars and co-chair of its Mexico Institute Advisory Board:"
    )
    # every answer starts with its quote; the lone opening word was joined to its sentence
    for speaker in speaker_lines:
        answer = paragraphs[paragraphs.index(speaker) + 1]
        assert answer.startswith("“") and len(answer.split()) > 50
    assert "“The United States and Mexico are trying" in cleaned["000"]
    assert "Last week’s High-Level Security Dialogue" in cleaned["000"]


def test_lone_quoted_word_joins_the_next_line():
    raw = "Jane Roe, senior fellow at the Institute:\n“The\nmeeting went well, she said.”\n"
    assert clean_text(raw) == "Jane Roe, senior fellow at the Institute:\n\n“The meeting went well, she said.”"


def test_single_newlines_inside_a_paragraph_become_spaces_and_blank_lines_stay():
    raw = (
        "Officials from both countries met in Mexico City on Thursday to discuss\n"
        "the trafficking of weapons and drugs, and agreed on a series of steps to\n"
        "trace precursor chemicals arriving from Asia.\n"
        "\n"
        "\n"
        "Critics said the plan repeats old promises.\n"
    )
    assert clean_text(raw) == (
        "Officials from both countries met in Mexico City on Thursday to discuss the trafficking "
        "of weapons and drugs, and agreed on a series of steps to trace precursor chemicals "
        "arriving from Asia.\n\nCritics said the plan repeats old promises."
    )


def test_never_joins_across_a_blank_line_even_mid_sentence():
    raw = "The minister said that\n\nthe talks would resume."
    assert clean_text(raw) == "The minister said that\n\nthe talks would resume."


def test_one_paragraph_per_long_line_stays_one_paragraph_per_line(cleaned):
    raw = (
        "The early March murder of two U.S. citizens in Matamoros thrust into high visibility what has "
        "been a serious problem since the start of the administration.\n"
        "In the United States, the largest source of unnatural death is not homicide, but narcotics, "
        "and most of the deaths are due to fentanyl.\n"
    )
    assert clean_text(raw).count("\n\n") == 1
    assert len(cleaned["001"].split("\n\n")) == len(
        [line for line in BUNDLED[1].read_text(encoding="utf-8").splitlines() if line.strip()]
    )


def test_short_sentence_final_line_in_wrapped_text_ends_the_paragraph():
    raw = (
        "Over 70,000 Americans died from fentanyl overdoses in 2022, and border\n"
        "seizures of the drug rose more than 500 percent since fiscal year 2020,\n"
        "according to figures published by the customs agency this month.\n"
        "Last year.\n"
        "Last\n"
        "week’s dialogue sought to show that cooperation is underway to manage\n"
        "the flow of migrants and to slow the trafficking of fentanyl north.\n"
    )
    paragraphs = clean_text(raw).split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("published by the customs agency this month. Last year.")
    assert paragraphs[1].startswith("Last week’s dialogue sought to show")


def test_hyphen_at_line_end_keeps_the_hyphen_without_a_space():
    assert clean_text("a long cross-\nborder tunnel was found") == "a long cross-border tunnel was found"


def test_wrapped_line_starting_like_a_tag_list_is_not_removed():
    raw = (
        "Several issues are already hot-button\n"
        "topics for Republicans, with some politicians offering unrealistic and\n"
        "dangerous solutions."
    )
    assert clean_text(raw) == (
        "Several issues are already hot-button topics for Republicans, with some politicians "
        "offering unrealistic and dangerous solutions."
    )


# ── furniture ───────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name[:3])
def test_bundled_articles_lose_their_furniture(path):
    text = clean_text(path.read_text(encoding="utf-8"))
    lines = text.split("\n")
    for furniture in ("Leave a Reply", "Most Popular", "Load more", "Source link", "All rights reserved",
                      "Photo: ", "Getty Images", "The views expressed by contributors"):
        assert furniture not in text
    assert not any(line.startswith(("Tags ", "Copyright ")) for line in lines)
    assert "mexico us 86519" not in text and "Monday, July 22" not in text


# Lines of the bundled articles that are page furniture; every other line must survive.
_FURNITURE_STARTS = (
    "Tags ", "Copyright ", "The views expressed", "Most Popular", "Load more", "Leave a Reply",
    "Source link", "Getty Images", "mexico us", "Monday, July 22",
)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name[:3])
def test_bundled_articles_keep_every_line_of_text(path):
    raw = normalize(path.read_text(encoding="utf-8"))
    flat = " ".join(clean_text(raw).split())
    for line in raw.split("\n"):
        if line and not line.startswith(_FURNITURE_STARTS):
            assert strip_credit(line) in flat, line


def test_caption_keeps_its_sentence_but_loses_the_photo_credit(cleaned):
    assert "Mexican Presdie3nt Andrés Manuel López Obrador, left, with U.S. President Joe Biden." in cleaned["002"]
    assert "Photo: Google" not in cleaned["002"]


@pytest.mark.parametrize(
    "line",
    [
        "Tags Mexico Fentanyl Border security Joe Biden",
        "Topics: Security, Migration, Drug policy",
        "Copyright 2024 Border Wire LLC. All rights reserved.",
        "© 2025 Andean Wire Service. All rights reserved.",
        "Most Popular",
        "Leave a Reply",
        "Source link",
        "Share this article",
        "Subscribe",
        "Sign up for our daily newsletter",
        "Photo: Reuters",
        "Photo by Jane Roe/AP",
        "AP Photo/Marco Ugarte",
        "Getty Images",
        "Related: Ecuador ports become new hub for cocaine exports",
        "Home > World > Americas",
        "Advertisement",
        "Your email address will not be published. Required fields are marked *",
        "The views expressed by contributors are their own and not the view of The Daily",
        "Updated March 3, 2024 at 10:15 a.m.",
        "Monday, July 22",
    ],
)
def test_furniture_lines_are_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Topics for discussion included fentanyl, arms trafficking and migration.",
        "Copyright law in Mexico was reformed in 2020.",
        "Source: officials said the shipment was bound for Manzanillo, a port on the Pacific coast.",
        "Photos by the navy showed the laboratories were operating again.",
        "The views expressed by the minister were echoed by the president.",
        "U.S., Mexico try to forge partnership on fentanyl, migration",
        "Related talks will resume in Washington in May.",
    ],
)
def test_sentences_that_resemble_furniture_are_kept(line):
    assert not is_furniture(line)
    assert clean_text(line) == line


def test_list_under_a_most_popular_heading_is_dropped_until_prose_resumes():
    raw = (
        "Officials said the talks would resume in May.\n\n"
        "Most Popular\n\n"
        "Cartel leader extradited to Texas\n\n"
        "Ten things to know about the border\n\n"
        "Load more"
    )
    assert clean_text(raw) == "Officials said the talks would resume in May."


def test_header_slug_line_and_date_line_are_dropped_but_title_kept():
    raw = "Monday, July 22\nmexico us 86519\n\nU.S., Mexico try to forge partnership\n\nThe talks went on for two days and ended on Thursday in the capital."
    assert clean_text(raw).split("\n\n") == [
        "U.S., Mexico try to forge partnership",
        "The talks went on for two days and ended on Thursday in the capital.",
    ]


# ── normalisation and stability ─────────────────────────────────────────────────────────────


def test_line_endings_spaces_and_unicode_are_normalised_but_quotes_kept():
    raw = "He said\r\n“we\u00a0will  act”\tnow.\r\rCafe\u0301 talks ended\u200b."
    assert clean_text(raw) == "He said “we will act” now.\n\nCafé talks ended."
    assert unicodedata.is_normalized("NFC", clean_text(raw))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name[:3])
def test_cleaning_is_deterministic_and_idempotent(path):
    raw = path.read_text(encoding="utf-8")
    once = clean_text(raw)
    assert clean_text(raw) == once
    assert clean_text(once) == once
    assert clean_text(raw.replace("\n", "\r\n")) == once


def test_cleaning_the_five_articles_takes_milliseconds():
    raws = [path.read_text(encoding="utf-8") for path in BUNDLED]
    clean_text(raws[0])
    started = time.perf_counter()
    for raw in raws:
        clean_text(raw)
    assert time.perf_counter() - started < 0.5
