"""Dates: absolute forms, day-first numbers, relative phrases against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import find_dates, parse_date, resolve_date


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        ("January 13, 2024", None, date(2024, 1, 13)),
        ("13 January 2024", None, date(2024, 1, 13)),
        ("Fri 2 Dec 2022 02.14 GMT", None, date(2022, 12, 2)),
        ("2024-01-13T10:00:00Z", None, date(2024, 1, 13)),
        ("23/01/2023", None, date(2023, 1, 23)),
        ("04.11.2022", None, date(2022, 11, 4)),
        ("Jan. 7", date(2024, 1, 13), date(2024, 1, 7)),
        ("Dec. 30", date(2024, 1, 2), date(2023, 12, 30)),
        ("January 13", None, None),
        ("no date", None, None),
    ],
)
def test_parse_date(text, anchor, expected):
    assert parse_date(text, anchor=anchor) == expected


@pytest.mark.parametrize(
    "phrase, anchor, expected",
    [
        ("on Friday", date(2024, 1, 13), date(2024, 1, 12)),
        ("Friday", date(2024, 1, 12), date(2024, 1, 12)),
        ("last Friday", date(2024, 1, 12), date(2024, 1, 5)),
        ("yesterday", date(2024, 3, 1), date(2024, 2, 29)),
        ("today", date(2024, 3, 1), date(2024, 3, 1)),
        ("this morning", date(2024, 3, 1), date(2024, 3, 1)),
    ],
)
def test_resolve_relative_dates(phrase, anchor, expected):
    assert resolve_date(phrase, anchor) == expected


def test_find_dates_in_order_without_overlaps():
    found = find_dates("On Tuesday, March 5, 2024, and again yesterday", anchor=date(2024, 3, 9))
    assert [d.isoformat() for _, _, d in found] == ["2024-03-05", "2024-03-05", "2024-03-08"]


@pytest.mark.parametrize("sentence, same", [
    ("In the afternoon, President Radev of Bulgaria visited the Chancellery for a discussion.", True),
    ("Later in the evening, the two leaders dined together.", True),
    ("Earlier that day, the ministers met.", True),
    ("The afternoon session was long.", False),
])
def test_a_part_of_the_day_opening_a_sentence_is_the_day_told_before(sentence, same):
    from extract.meeting_when_where import _SAME_DAY

    assert bool(_SAME_DAY.search(sentence)) is same
