"""Date normalisation: explicit dates read alone, relative ones only against a known article date."""

from __future__ import annotations

import pytest

from bordergraph.extract.dates import normalize_date
from bordergraph.ontology.vocab import DatePrecision


def _iso(text, article_date=None, **kw):
    value = normalize_date(text, article_date, **kw)
    return None if value is None else (value.iso, value.precision, value.earliest, value.latest)


@pytest.mark.parametrize("text, expected", [
    ("Oct. 4, 2023", ("2023-10-04", DatePrecision.DAY, "2023-10-04", "2023-10-04")),
    ("4 October 2023", ("2023-10-04", DatePrecision.DAY, "2023-10-04", "2023-10-04")),
    ("June 2019", ("2019-06-01", DatePrecision.MONTH, "2019-06-01", "2019-06-30")),
    ("in 2022", ("2022-01-01", DatePrecision.YEAR, "2022-01-01", "2022-12-31")),
    ("February 2024", ("2024-02-01", DatePrecision.MONTH, "2024-02-01", "2024-02-29")),
    ("between 2007 and 2011", ("2007-01-01", DatePrecision.YEAR, "2007-01-01", "2011-12-31")),
])
def test_explicit_dates_need_no_article_date(text, expected):
    assert _iso(text) == expected


def test_fiscal_year_is_the_year_with_us_fiscal_bounds():
    assert _iso("the first 11 months of fiscal year 2023") == (
        "2023-01-01", DatePrecision.YEAR, "2022-10-01", "2023-09-30")


def test_season_is_a_year_bounded_to_the_season():
    assert _iso("summer 2022") == ("2022-01-01", DatePrecision.YEAR, "2022-06-01", "2022-08-31")


@pytest.mark.parametrize("text", ["Oct. 4", "last week", "on Friday", "early March", "yesterday", "last year"])
def test_relative_dates_stay_unresolved_without_article_date(text):
    assert normalize_date(text, None) is None


@pytest.mark.parametrize("text, article, iso, precision", [
    ("Oct. 4", "2023-10-11", "2023-10-04", DatePrecision.DAY),
    ("Nov. 4", "2023-10-11", "2022-11-04", DatePrecision.DAY),  # the most recent one, not a future one
    ("on Friday", "2025-03-03", "2025-02-28", DatePrecision.DAY),
    ("on Monday", "2025-03-03", "2025-03-03", DatePrecision.DAY),
    ("yesterday", "2025-03-03", "2025-03-02", DatePrecision.DAY),
    ("last month", "2023-10-11", "2023-09-01", DatePrecision.MONTH),
    ("In August", "2020-01", "2019-08-01", DatePrecision.MONTH),
    ("last year", "2023-10", "2022-01-01", DatePrecision.YEAR),
    ("next year", "2023", "2024-01-01", DatePrecision.YEAR),
])
def test_relative_dates_resolve_against_the_article_date(text, article, iso, precision):
    value = normalize_date(text, article)
    assert (value.iso, value.precision) == (iso, precision)


def test_parts_of_a_month_narrow_the_bounds_not_the_precision():
    value = normalize_date("Late last month", "2023-10-11")
    assert (value.iso, value.precision, value.earliest, value.latest) == (
        "2023-09-01", DatePrecision.MONTH, "2023-09-21", "2023-09-30")
    assert value.text == "Late last month"


def test_last_week_is_bounded_to_the_previous_calendar_week():
    value = normalize_date("last week’s", "2023-10-11")  # a Wednesday
    assert (value.earliest, value.latest) == ("2023-10-02", "2023-10-08")


def test_a_planned_event_resolves_forward():
    assert normalize_date("in May", "2025-03-03").iso == "2024-05-01"
    assert normalize_date("in May", "2025-03-03", prefer="future").iso == "2025-05-01"


def test_day_precision_needs_a_day_in_the_article_date():
    assert normalize_date("on Friday", "2025-03") is None
    assert normalize_date("last week", "2025") is None


@pytest.mark.parametrize("text", ["four years", "30 years", "recent months", "the past decade", "per year", "decades"])
def test_durations_and_vague_spans_are_not_dates(text):
    assert normalize_date(text, "2023-10-11") is None


def test_same_input_same_output():
    assert normalize_date("last week", "2023-10-11") == normalize_date("last week", "2023-10-11")
