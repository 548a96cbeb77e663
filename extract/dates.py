"""Date expressions to ``DateValue``: as precise as the wording allows, never guessed.

A date the wording fixes by itself ("Oct. 4, 2023", "June 2019", "fiscal year 2020") is read
without any context.  A relative one ("last week", "Oct. 4", "on Friday", "early March") is
resolved against the article's date, taking the most recent such date not after it (or the next
one when the caller says the text speaks of the future); when the article date is unknown, or
too coarse to fix the wording, the result is None.  Nothing here reads the clock: the same
text and article date always give the same value.

Precision is what ``iso`` is good for (Day, Month or Year); ``earliest``/``latest`` bound the
period and may be narrower than the precision ("early March" is Month precision bounded to the
1st-10th, "last week" a month or year bounded to the seven days, "summer 2022" a year bounded
to June-August), so range queries never need to look at the precision.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bordergraph.extract.records import DateValue
from bordergraph.ontology.vocab import DatePrecision

__all__ = ["normalize_date", "parse_article_date"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (1, 12)}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY_NAME = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + _WEEKDAY_NAME + r",?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PART = (r"(?:(?P<part>early|mid|middle|late|end|the end|beginning|the beginning|start|the start|"
         r"the middle)(?:\s+of)?[\s-]+)?")
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_REL = r"(?P<rel>last|next|this|coming|the coming|past|the past)"
_UNIT = r"(?P<unit>week|month|year)"

# Words that frame a date without changing it ("on Oct. 4", "since 2017", "the May high point").
_LEADING = re.compile(
    r"^(?:(?:on|in|at|during|since|by|until|till|from|of|the|as of|through|throughout|around|"
    r"about|before|after|as early as|as late as|earlier|later|sometime in|some time in)\s+)+"
)
# Parts of a month (day ranges) and of a year (month ranges).
_MONTH_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
                "middle": (11, 20), "late": (21, 31), "end": (21, 31)}
_YEAR_PARTS = {"early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8),
               "middle": (5, 8), "late": (9, 12), "end": (10, 12)}


@dataclass(frozen=True)
class _Base:
    """The article's date as far as it is known (month/day may be None)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def as_date(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


def parse_article_date(article_date: str | None) -> _Base | None:
    """An ISO prefix (``2023``, ``2023-10``, ``2023-10-11``, or a longer timestamp) or None."""
    if not article_date:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", article_date.strip())
    if not m:
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return _Base(year, month or None, day or None)


def normalize_date(text: str, article_date: str | None, *, prefer: str = "past") -> DateValue | None:
    """The date ``text`` names, resolved against ``article_date`` (an ISO prefix) when relative.

    ``prefer="future"`` resolves a bare month or weekday forward (a planned meeting "in May"),
    the default backward (a reported event).  Returns None for durations ("four years"), vague
    spans ("recent months") and relative dates that the article date cannot fix.
    """
    if not text or not text.strip():
        return None
    base = parse_article_date(article_date)
    s = _clean(text)
    if not s:
        return None
    wording = " ".join(text.split())
    found = _parse(s, base, prefer == "future")
    if found is None:
        found = _fallback(s, base)
    if found is None:
        return None
    iso, precision, earliest, latest = found
    return DateValue(iso.isoformat(), precision, earliest.isoformat(), latest.isoformat(), wording)


# -- cleaning -------------------------------------------------------------------------------------
def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").lower()
    s = re.sub(r"'s\b|s'(?=\s|$)", "", s)
    s = re.sub(r"[–—]", "-", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;:.()\"'")
    prev = None
    while prev != s:
        prev = s
        s = _LEADING.sub("", s).strip()
    return s


# -- period helpers --------------------------------------------------------------------------------
_Found = tuple[date, DatePrecision, date, date]


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _day(year: int, month: int, day: int) -> _Found | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, DatePrecision.DAY, d, d


def _month(year: int, month: int, part: str | None = None) -> _Found:
    first, last = 1, _month_end(year, month)
    if part:
        lo, hi = _MONTH_PARTS[_part_key(part)]
        first, last = lo, min(hi, last)
    return date(year, month, 1), DatePrecision.MONTH, date(year, month, first), date(year, month, last)


def _year(year: int, part: str | None = None, months: tuple[int, int] = (1, 12)) -> _Found:
    lo, hi = months
    if part:
        lo, hi = _YEAR_PARTS[_part_key(part)]
    return (date(year, 1, 1), DatePrecision.YEAR, date(year, lo, 1),
            date(year, hi, _month_end(year, hi)))


def _span(first: date, last: date) -> _Found:
    """A period of days: Month precision when it lies in one month, Year when in one year."""
    if (first.year, first.month) == (last.year, last.month):
        return date(first.year, first.month, 1), DatePrecision.MONTH, first, last
    return date(first.year, 1, 1), DatePrecision.YEAR, first, last


def _part_key(part: str) -> str:
    return part.replace("the ", "")


def _year_for_month(month: int, day: int | None, base: _Base, future: bool) -> int | None:
    """The year of the most recent (or next) such month/day around the article date."""
    if base.month is None:
        return base.year
    here = (base.month, base.day or (31 if day else 0))
    there = (month, day or 0)
    if future:
        return base.year if there >= (base.month, 0) else base.year + 1
    return base.year if there <= here else base.year - 1


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


# -- the rules --------------------------------------------------------------------------------------
def _parse(s: str, base: _Base | None, future: bool) -> _Found | None:
    rng = _range(s, base, future)
    if rng is not None:
        return rng
    m = re.search(r"\b(?:fiscal year|fiscal|fy)\s*'?" + _YEAR, s)
    if m:  # U.S. federal fiscal year: October of the year before to September
        y = int(m["year"])
        return date(y, 1, 1), DatePrecision.YEAR, date(y - 1, 10, 1), date(y, 9, 30)
    m = re.fullmatch(r"(?P<decade>(?:1[89]|20)\d0)s", s)
    if m:
        y = int(m["decade"])
        return date(y, 1, 1), DatePrecision.YEAR, date(y, 1, 1), date(y + 9, 12, 31)
    for rule in (_absolute, _relative):
        found = rule(s, base, future)
        if found is not None:
            return found
    return None


def _absolute(s: str, base: _Base | None, future: bool) -> _Found | None:
    m = re.fullmatch(_WEEKDAY + "?" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + ")?", s) or \
        re.fullmatch(_WEEKDAY + "?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + ")?", s)
    if m:
        month, day = _MONTHS[m["month"]], int(m["day"])
        year = int(m["year"]) if m["year"] else (base and _year_for_month(month, day, base, future))
        return _day(year, month, day) if year else None
    m = re.fullmatch(_PART + _MONTH + r"(?:,?\s+(?:of\s+)?" + _YEAR + ")?", s)
    if m:
        month = _MONTHS[m["month"]]
        year = int(m["year"]) if m["year"] else (base and _year_for_month(month, None, base, future))
        return _month(year, month, m["part"]) if year else None
    m = re.fullmatch(_PART + _SEASON + r"(?:\s+(?:of\s+)?" + _YEAR + ")?", s)
    if m and m["year"]:
        return _year(int(m["year"]), None, _SEASONS[m["season"]])
    m = re.fullmatch(_PART + _YEAR, s)
    if m:
        return _year(int(m["year"]), m["part"])
    m = re.fullmatch(_WEEKDAY_NAME, s)
    if m:
        return _weekday(_WEEKDAYS[m["weekday"]], base, "next" if future else None)
    return None


def _relative(s: str, base: _Base | None, future: bool) -> _Found | None:
    if base is None:
        return None
    m = re.fullmatch(r"(?P<word>yesterday|today|tonight|tomorrow)", s)
    if m:
        if base.day is None:
            return None
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["word"]]
        d = base.as_date + timedelta(days=shift)
        return d, DatePrecision.DAY, d, d
    m = re.fullmatch(r"(?:(?P<when>earlier|later)\s+)?" + _PART + _REL + r"\s+" + _UNIT, s)
    if m and m["rel"] not in ("past", "the past"):
        delta = {"last": -1, "next": 1, "coming": 1, "the coming": 1, "this": 0}[m["rel"]]
        return _unit(m["unit"], delta, base, m["part"])
    m = re.fullmatch(r"(?P<n>\d+|" + "|".join(_NUMBER_WORDS) + r")\s+" + _UNIT + r"s?\s+(?P<dir>ago|from now|later)", s)
    if m and m["dir"] == "ago":
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
        return _ago(n, m["unit"], base)
    m = re.fullmatch(r"(?P<rel>last|next|this|coming)\s+" + _WEEKDAY_NAME, s)
    if m:
        return _weekday(_WEEKDAYS[m["weekday"]], base, m["rel"])
    m = re.fullmatch(_PART + r"(?P<rel>last|next|this)\s+" + _MONTH, s)
    if m:
        month = _MONTHS[m["month"]]
        year = _year_for_month(month, None, base, m["rel"] == "next")
        if m["rel"] == "last" and base.month is not None and month == base.month:
            year -= 1
        return _month(year, month, m["part"])
    m = re.fullmatch(r"(?P<rel>last|next|this)\s+" + _SEASON, s)
    if m and m["season"] != "winter":
        lo, hi = _SEASONS[m["season"]]
        year = base.year
        if base.month is not None:
            if m["rel"] == "last" and base.month <= hi:
                year -= 1
            elif m["rel"] == "next" and base.month >= lo:
                year += 1
        elif m["rel"] != "this":
            return None
        return _year(year, None, (lo, hi))
    return None


def _unit(unit: str, delta: int, base: _Base, part: str | None) -> _Found | None:
    if unit == "year":
        return _year(base.year + delta, part)
    if unit == "month":
        if base.month is None:
            return None
        y, mo = _shift_month(base.year, base.month, delta)
        return _month(y, mo, part)
    if base.day is None:  # week
        return None
    monday = base.as_date - timedelta(days=base.as_date.weekday()) + timedelta(weeks=delta)
    return _span(monday, monday + timedelta(days=6))


def _ago(n: int, unit: str, base: _Base) -> _Found | None:
    if unit == "year":
        return _year(base.year - n)
    if unit == "month":
        if base.month is None:
            return None
        y, mo = _shift_month(base.year, base.month, -n)
        return _month(y, mo)
    if base.day is None:
        return None
    monday = base.as_date - timedelta(days=base.as_date.weekday()) - timedelta(weeks=n)
    return _span(monday, monday + timedelta(days=6))


def _weekday(weekday: int, base: _Base | None, rel: str | None) -> _Found | None:
    """Plain "Friday" is the most recent one on or before the article date; "last" is strictly
    before, "next" strictly after, "this" within the article's week."""
    if base is None or base.day is None:
        return None
    today = base.as_date
    back = (today.weekday() - weekday) % 7
    if rel is None:
        d = today - timedelta(days=back)
    elif rel == "last":
        d = today - timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        d = today + timedelta(days=((weekday - today.weekday()) % 7) or 7)
    else:
        d = today - timedelta(days=today.weekday()) + timedelta(days=weekday)
    return d, DatePrecision.DAY, d, d


def _range(s: str, base: _Base | None, future: bool) -> _Found | None:
    """ "between January 2019 and June 2022", "2019-2022", "from 2007 to 2011"."""
    m = re.fullmatch(r"(?:between\s+)?(?P<a>.+?)\s*(?:\band\b|\bto\b|-|through)\s*(?P<b>.+)", s)
    if not m or not re.search(r"\d|" + _MONTH, m["a"]) or not re.search(r"\d|" + _MONTH, m["b"]):
        return None
    a, b = m["a"].strip(), m["b"].strip()
    year_b = re.search(_YEAR + r"$", b)
    if year_b and not re.search(_YEAR, a) and re.fullmatch(_PART + _MONTH, a):
        a = f"{a} {year_b['year']}"  # "between January and June 2022"
    first, last = _parse(a, base, future), _parse(b, base, future)
    if first is None or last is None or first[2] > last[3]:
        return None
    if first[1] == last[1] == DatePrecision.YEAR or first[0].year != last[0].year:
        return date(first[0].year, 1, 1), DatePrecision.YEAR, first[2], last[3]
    return _span(first[2], last[3])


# -- anything else the rules above do not know ------------------------------------------------------
def _fallback(s: str, base: _Base | None) -> _Found | None:
    """dateparser for other explicit shapes (``10/04/2023``, ``4.10.2023``) when the wording
    itself contains a year, or when a full article date anchors it; never the clock."""
    if not re.search(r"\d", s):
        return None
    has_year = re.search(r"\b" + _YEAR + r"\b", s) is not None
    if not has_year and (base is None or base.day is None):
        return None
    if re.fullmatch(r"\d+\s*(?:days?|weeks?|months?|years?|decades?|hours?)", s):
        return None  # a duration, not a date
    from dateparser.date import DateDataParser

    anchor = datetime(base.year, base.month or 1, base.day or 1) if base else datetime(2000, 1, 1)
    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": anchor, "PREFER_DATES_FROM": "past", "STRICT_PARSING": has_year,
        "RETURN_AS_TIMEZONE_AWARE": False,
    })
    data = parser.get_date_data(s)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "day":
        return d, DatePrecision.DAY, d, d
    if data.period == "month":
        return _month(d.year, d.month)
    if data.period == "year":
        return _year(d.year)
    return None
