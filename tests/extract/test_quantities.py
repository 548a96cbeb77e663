"""Quantities on short hand-written texts: value, qualifier, unit, measure, year; non-facts skipped."""

from __future__ import annotations

import hashlib

import pytest

from bordergraph.extract.quantities import parse_number
from bordergraph.ontology.vocab import Qualifier


def _quantities(nlp, text, date=None):
    from bordergraph.extract.pipeline import extract_articles
    from bordergraph.extract.records import Article

    article = Article(slug="t", source="t.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date)
    return extract_articles([article], nlp)[0].quantities


@pytest.mark.parametrize("words, value", [
    (["70,000"], 70000), (["1.5", "billion"], 1.5e9), (["half", "a", "million"], 500000),
    (["twenty", "-", "five"], 25), (["nine"], 9), (["three", "hundred"], 300), (["12"], 12),
])
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_qualifier_unit_measure_and_year(nlp):
    qs = _quantities(nlp, "More than 4,000 people died from heroin overdoses in 2019, officials said.")
    assert len(qs) == 1
    q = qs[0]
    assert (q.value, q.qualifier, q.unit) == (4000, Qualifier.AT_LEAST, "people")
    assert "heroin overdoses" in q.measure
    assert q.date.iso.startswith("2019") and q.evidence.sentence.startswith("More than 4,000")


def test_percent_change_with_fiscal_year(nlp):
    q = _quantities(nlp, "Cocaine seizures at the ports rose nearly 40 percent since fiscal year 2018.")[0]
    assert (q.value, q.unit, q.qualifier) == (40, "percent", Qualifier.AT_MOST)
    assert q.measure.startswith("rise in") and "seizures" in q.measure
    assert (q.date.earliest, q.date.latest) == ("2017-10-01", "2018-09-30")


def test_money_weights_and_word_numbers(nlp):
    qs = _quantities(nlp, "The navy seized 3.5 tonnes of cocaine and arrested seven sailors. "
                          "Canada pledged $12 million for scanners.")
    found = {(q.value, q.unit) for q in qs}
    assert {(3.5, "tonnes"), (7, "troops"), (12_000_000, "USD")} <= found


def test_approximate_and_bounded_range(nlp):
    qs = _quantities(nlp, "Police detained about 300 migrants, and the court later released 15 to 25 suspects.")
    by_value = {q.value: q for q in qs}
    assert by_value[300].qualifier is Qualifier.APPROX
    assert by_value[15].qualifier is Qualifier.AT_LEAST and by_value[25].qualifier is Qualifier.AT_MOST


def test_relative_year_needs_the_article_date(nlp):
    text = "Agents recorded 9,000 encounters in March."
    assert _quantities(nlp, text)[0].date is None
    assert _quantities(nlp, text, date="2024-06-02")[0].date.iso == "2024-03-01"


def test_numbers_that_are_not_facts_are_skipped(nlp):
    text = ("In 2021 the two countries held talks for three hours. She served four years as ambassador. "
            "It is a leading cause of death for adults ages 18 to 49. Thousands of people marched.")
    assert _quantities(nlp, text) == []
