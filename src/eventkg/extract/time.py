"""Dates in news text, normalised against the publication date.

Values are ISO strings of the precision the text gives: ``"2024-01-03"`` (a day),
``"2024-01"`` (a month) or ``"2024"`` (a year). The RDF stage types them as ``xsd:date``,
``xsd:gYearMonth`` or ``xsd:gYear``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Token

__all__ = ["WEEKDAYS", "is_period", "normalize_date", "shift"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "yesterday": -1, "last night": -1, "the day before yesterday": -2}  # fmt: skip
_NUMWORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "a": 1, "an": 1}  # fmt: skip


def normalize_date(text: str, published: dt.date | None) -> str | None:
    """Normalise a date expression against ``published``.

    Handles weekday names (the most recent such day on or before publication),
    ``today`` / ``yesterday`` / ``last night``, ``last month`` / ``last year``, explicit
    dates with or without a year ("January 3", "3 JAN 90", "Jan. 3, 2024", "2024-01-03"),
    a bare month ("in March": the most recent March) and a bare year.

    Examples
    --------
    >>> import datetime as dt
    >>> sunday = dt.date(2024, 1, 7)
    >>> normalize_date("Wednesday", sunday), normalize_date("last month", sunday)
    ('2024-01-03', '2023-12')
    >>> normalize_date("3 JAN 90", None), normalize_date("in 2019", sunday)
    ('1990-01-03', '2019')
    """
    s = re.sub(r"[\s,.]+", " ", text.lower()).strip()
    if re.search(r"\b(?:hours?|hrs|gmt|utc)\b", s):
        return None  # "2100 hours" is a time of day
    s = re.sub(r"^(?:on|in|at|during|since|by|early|late|the|of)\s+", "", s)
    s = re.sub(r"^(?:on|in|at|during|the)\s+", "", s)
    whole = s
    s = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", s) if s not in _RELATIVE_DAYS else s
    rest = s.split(" ", 1)
    if len(rest) == 2 and _weekday(rest[0]) is not None and re.search(r"\d", rest[1]):
        s = rest[1]  # "Monday, 4 August": the date says which Monday
    if published is not None:
        if s in _RELATIVE_DAYS:
            return (published + dt.timedelta(days=_RELATIVE_DAYS[s])).isoformat()
        wd = _weekday(s)
        if wd is not None:
            back = (published.weekday() - wd) % 7
            if back == 0 and re.match(r"(?:last|past) ", s):
                back = 7  # "last Friday", written on a Friday: a week ago
            return (published - dt.timedelta(days=back)).isoformat()
        if s in ("last month", "a month ago"):
            first = published.replace(day=1) - dt.timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}"
        if s in ("this month", "earlier this month"):
            return f"{published.year:04d}-{published.month:02d}"
        if s in ("last year", "a year ago"):
            return f"{published.year - 1:04d}"
        if s in ("this year", "earlier this year"):
            return f"{published.year:04d}"
        m = re.fullmatch(r"(\w+) (days?|weeks?) ago", s)
        if m and m.group(1) in _NUMWORDS | {str(i): i for i in range(1, 32)}:
            n = _NUMWORDS.get(m.group(1)) or int(m.group(1))
            days = n * (7 if m.group(2).startswith("week") else 1)
            d = published - dt.timedelta(days=days)
            return d.isoformat() if days < 7 else f"{d.year:04d}-{d.month:02d}"
        m = re.fullmatch(r"(\w+) (months?|years?) ago", s)
        if m and m.group(1) in _NUMWORDS | {str(i): i for i in range(1, 100)}:
            n = _NUMWORDS.get(m.group(1)) or int(m.group(1))
            if m.group(2).startswith("year"):
                return f"{published.year - n:04d}"  # "Romero was killed 10 years ago"
            return shift_months(published.year, published.month, -n)
    found = _explicit(s, published)
    if found is None and published is not None:  # "late last night"
        # "at 0030 today", "at 0600 this morning"
        m = re.search(
            r"\b(the day before yesterday|yesterday|today|tonight|last night|this morning)\b", whole
        )
        if m:
            return (published + dt.timedelta(days=_RELATIVE_DAYS[m.group(1)])).isoformat()
    return found


def shift(value: str, days: int) -> str | None:
    """Move a day-precision ISO date by ``days`` ("three days after" = +3)."""
    if len(value) != 10:
        return None
    return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()


def shift_months(year: int, month: int, months: int) -> str:
    """The ``xsd:gYearMonth`` ``months`` after (before, if negative) ``year``-``month``.

    >>> shift_months(1990, 2, -3), shift_months(1989, 11, 2)
    ('1989-11', '1990-01')
    """
    total = year * 12 + month - 1 + months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _weekday(s: str) -> int | None:
    s = re.sub(r"^(?:last|this|past)\s+", "", s)
    s = re.sub(r"'s$", "", s)
    return WEEKDAYS.index(s) if s in WEEKDAYS else None


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 50 else 1900
    return n


@lru_cache(maxsize=4096)
def _explicit(s: str, published: dt.date | None) -> str | None:
    tokens = re.findall(r"[a-z]+|\d+", s)
    has_month = any(t in _MONTHS for t in tokens)
    day = month = year = None
    for t in tokens:
        if t.isdigit():
            n = int(t)
            if len(t) == 4 and 1900 <= n <= (published.year + 1 if published else 2099) and year is None:
                year = n
            elif len(t) <= 2 and 1 <= n <= 31 and has_month and day is None:
                day = n
            elif len(t) == 2 and month is not None and day is not None and year is None:
                year = _year(t)
            else:
                return None
        elif t in _MONTHS and month is None:
            month = _MONTHS[t]
        elif t in ("st", "nd", "rd", "th", "of"):
            continue
        else:
            return None
    if month is None:
        if year is not None and day is None:
            return f"{year:04d}"
        return None
    if year is None:
        if published is None:
            return None
        year = published.year
        # "in December" in a January article is last December
        if (month, day or 1) > (published.month, published.day):
            year -= 1
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_period(t: Token) -> bool:
    """ "2 months", "the past year", "recent years": a stretch of time, not a moment."""
    if t.dep_ != "pobj" or t.head.lower_ not in ("in", "over", "during", "within") or t.ent_type_ == "":
        return False
    if t.lemma_.lower() not in ("week", "month", "year", "decade"):
        return False
    if any(p.ent_type_ == "DATE" for c in t.children if c.dep_ == "prep" for p in c.children):
        return False  # "in the last week of May" is a time, not a stretch ("three months of protests" is)
    return t.tag_ == "NNS" or any(c.like_num or c.lower_ in ("past", "last", "recent") for c in t.children)
