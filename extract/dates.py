"""Dates in meeting reports: publication dates and the dates meetings were held.

Reports give dates in many forms: "January 13, 2024", "13 January 2024", "2024-01-13",
"Jan. 7", "on Friday", "yesterday", "today". Absolute forms are read with our own
patterns (fast, no surprises); relative forms are resolved against an anchor, the
publication date. ``dateparser`` is the fallback for forms the patterns do not know.

Not handled here: ranges ("May 3-5" gives May 3), times of day and time zones (a report
dated in Tokyo about "Friday afternoon" in Washington resolves to the Friday on or
before the dateline, which is what the reports mean).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["find_dates", "parse_date", "resolve_date", "MONTHS", "WEEKDAYS"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_PATTERNS = [
    # 2024-01-13, 2024/01/13
    re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)[-/.](?P<mnum>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"),
    # 13/01/2024, 13.01.2024, 13-02-2024: day first, as outside the United States (month first when the day is > 12)
    re.compile(r"\b(?P<dnum>[0-3]?\d)([/.-])(?P<mnum>[01]?\d)\2(?P<year>1[89]\d\d|20\d\d)\b"),
    # January 13, 2024 / Jan. 13 2024 / January 13
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:\s*,\s*|\s+|/)?" + r"(?:" + _YEAR + r")?\b", re.I),
    # 13 January 2024 / 13 Jan
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:\s*,?\s*" + _YEAR + r")?\b", re.I),
]
_RELATIVE = re.compile(
    r"\b(?P<word>today|yesterday|tonight|this morning|this afternoon|this evening|"
    r"last (?:night|evening)|(?:last\s+|this\s+|on\s+|on\s+the\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)
_MAX_FUTURE_DAYS = 7


def parse_date(text: str, *, anchor: date | None = None) -> date | None:
    """Return the first absolute date written in `text`, or None.

    Parameters
    ----------
    text : a line or phrase such as "15:15 JST, January 13, 2024".
    anchor : the date that supplies a missing year ("Jan. 7" in a report of 2024-01-13).

    Returns
    -------
    The date, or None when `text` holds no complete date (a month and day with no year
    and no anchor is incomplete).

    Examples
    --------
    >>> parse_date("15:15 JST, January 13, 2024")
    datetime.date(2024, 1, 13)
    >>> parse_date("Published: 2023-05-04 09:41")
    datetime.date(2023, 5, 4)
    >>> parse_date("23/01/2023 - 20:15"), parse_date("13.12.2021"), parse_date("Tue 13-02-2024 19:05 PM")
    (datetime.date(2023, 1, 23), datetime.date(2021, 12, 13), datetime.date(2024, 2, 13))
    >>> parse_date("her visit on Jan. 7", anchor=date(2024, 1, 13))
    datetime.date(2024, 1, 7)
    >>> parse_date("no date here") is None
    True
    """
    found = find_dates(text, anchor=anchor)
    return found[0][2] if found else None


def find_dates(text: str, *, anchor: date | None = None) -> list[tuple[int, int, date]]:
    """Return every absolute or relative date in `text` as (start, end, date), in order.

    Relative dates ("on Friday", "yesterday") need `anchor`; without it they are ignored.
    A month and day without a year take the anchor's year, moved back a year when that
    would put the date more than a week after the anchor.

    Examples
    --------
    >>> [(s, e, d.isoformat()) for s, e, d in find_dates("met on Friday", anchor=date(2024, 1, 13))]
    [(4, 13, '2024-01-12')]
    >>> [d.isoformat() for _, _, d in find_dates("On 5 May 2023 and May 6, 2023")]
    ['2023-05-05', '2023-05-06']
    >>> [d.isoformat() for _, _, d in find_dates("Addis Ababa, December 20/2020 (ENA)")]
    ['2020-12-20']
    """
    hits: list[tuple[int, int, date]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            d = _from_match(m, anchor)
            if d is not None:
                hits.append((m.start(), m.end(), d))
                taken.append((m.start(), m.end()))
    if anchor is not None:
        for m in _RELATIVE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            d = resolve_date(m.group("word"), anchor)
            if d is not None:
                hits.append((m.start(), m.end(), d))
                taken.append((m.start(), m.end()))
    return sorted(hits)


_RANGE_BEFORE = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?\s*(?:[-–—]|to|until|till|through|and)\s*|\bto\s+|\buntil\s+|"
                           r"\bthrough\s+)$", re.I)
_RANGE_AFTER = re.compile(r"^\s*(?:(?:[-–—]|to\b|until\b|till\b|through\b)\s*(?:\d|[A-Z][a-z]+\.? \d)|"
                          r"and\s+\d{1,2}(?:st|nd|rd|th)?\b(?=\s*(?:,|\.|$)))")


def in_range(text: str, start: int, end: int) -> bool:
    """Whether the date at `text[start:end]` is one end of a span of days ("a visit from 8-11
    March", "from March 8 to March 11"): it dates no single meeting.

    Examples
    --------
    >>> t = "on a State Visit from 8-11 March 2023"
    >>> [in_range(t, s, e) for s, e, _ in find_dates(t)]
    [True]
    >>> t = "from March 8 to March 11, 2023"
    >>> [in_range(t, s, e) for s, e, _ in find_dates(t, anchor=date(2023, 3, 12))]
    [True, True]
    >>> t = "at the ministers' meeting held on October 11 and 12, 2021"
    >>> [in_range(t, s, e) for s, e, _ in find_dates(t, anchor=date(2021, 10, 13))]
    [True]
    >>> t = "They met on 8 March 2023 and spoke again on March 11, 2023."
    >>> [in_range(t, s, e) for s, e, _ in find_dates(t)]
    [False, False]
    """
    return bool(_RANGE_BEFORE.search(text[max(0, start - 12):start]) or _RANGE_AFTER.match(text[end:end + 16]))


def resolve_date(phrase: str, anchor: date) -> date | None:
    """Resolve a relative date phrase against `anchor` (the publication date).

    A weekday means the most recent such day on or before the anchor: reports tell of
    meetings already held. "today", "this morning" and "tonight" are the anchor itself.

    Examples
    --------
    >>> resolve_date("on Friday", date(2024, 1, 13)).isoformat()
    '2024-01-12'
    >>> resolve_date("yesterday", date(2024, 1, 1)).isoformat()
    '2023-12-31'
    >>> resolve_date("last evening", date(2024, 1, 1)).isoformat()
    '2023-12-31'
    >>> resolve_date("Friday", date(2024, 1, 12)).isoformat()
    '2024-01-12'
    >>> resolve_date("last Friday", date(2024, 1, 12)).isoformat()
    '2024-01-05'
    """
    words = phrase.lower().split()
    if not words:
        return None
    key = words[-1]
    if "yesterday" in words or phrase.lower() in ("last night", "last evening"):
        return anchor - timedelta(days=1)
    if key in ("today", "tonight", "morning", "afternoon", "evening"):
        return anchor
    if key in WEEKDAYS:
        back = (anchor.weekday() - WEEKDAYS[key]) % 7
        if words[0] == "last" and back == 0:
            back = 7
        return anchor - timedelta(days=back)
    return _dateparser_fallback(phrase, anchor)


def _from_match(m: re.Match, anchor: date | None) -> date | None:
    """Build a date from a pattern match, taking a missing year from the anchor."""
    groups = m.groupdict()
    month = MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else None
    if month is None and groups.get("mnum"):
        month = int(groups["mnum"])
    if groups.get("dnum"):
        day, month = int(groups["dnum"]), int(groups["mnum"])
        if month > 12 >= day:
            day, month = month, day
    else:
        try:
            day = int(groups["day"])
        except (TypeError, ValueError):
            return None
    year = int(groups["year"]) if groups.get("year") else None
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if (candidate - anchor).days > _MAX_FUTURE_DAYS:
            year -= 1
    try:
        return date(year, month, day)
    except (TypeError, ValueError):
        return None


def _dateparser_fallback(phrase: str, anchor: date) -> date | None:
    """Ask dateparser for forms our patterns do not cover (imported lazily: it is slow to load)."""
    import datetime as _dt

    import dateparser

    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": _dt.datetime(anchor.year, anchor.month, anchor.day),
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None
