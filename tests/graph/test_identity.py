"""Tests for graph.identity: one node per person, never one node for two; meeting identity."""

from __future__ import annotations

import pytest

from graph.identity import (
    MeetingMention,
    PersonResolver,
    clean_name,
    cluster_meetings,
    normalize_country,
)


def _resolve(mentions, aliases=None):
    r = PersonResolver(aliases)
    for name, country in mentions:
        r.add(name, country)
    notes = r.resolve()
    return [r.person_id(n, c) for n, c in mentions], notes


@pytest.mark.parametrize(
    "mentions",
    [
        [("Antony Blinken", "USA"), ("Antony J. Blinken", "USA"), ("Blinken", "USA")],
        [("Antony Blinken", "USA"), ("Secretary of State Antony Blinken", ""), ("A. Blinken", "USA")],
        [("Antony Blinken", "USA"), ("Blinken, Antony J.", "USA"), ("antony blinken", "USA")],
        [("Yoko Kamikawa", "JPN"), ("KAMIKAWA Yoko", "JPN"), ("Kamikawa Yoko", "JPN")],
        [("Stéphane Séjourné", "FRA"), ("Stephane Sejourne", "FRA"), ("SÉJOURNÉ", "")],
        [("Subrahmanyam Jaishankar", "IND"), ("S. Jaishankar", "IND"), ("Dr. S. Jaishankar", "IND")],
        [("Wang Yi", "CHN"), ("Foreign Minister Wang Yi", "CHN"), ("Wang", "CHN")],
        [("Ursula von der Leyen", "EUU"), ("President von der Leyen", "EUU")],
        [("Jean-Yves Le Drian", "FRA"), ("Jean Yves Le Drian", "FRA")],
        [("H.E. Mr. Sergey Lavrov", "RUS"), ("Sergey Lavrov", "RUS"), ("Sergey V. Lavrov", "")],
    ],
)
def test_identity_name_variants_collapse(mentions):
    ids, _ = _resolve(mentions)
    assert len(set(ids)) == 1, ids


@pytest.mark.parametrize(
    "mentions",
    [
        [("Antony Blinken", "USA"), ("Donald Blinken", "USA")],          # same surname
        [("John Smith", "USA"), ("John Smith", "GBR")],                  # same name, two countries
        [("George H. W. Bush", "USA"), ("George W. Bush", "USA")],       # middle names differ
        [("Kim Jong Un", "PRK"), ("Kim Yo Jong", "PRK")],
        [("Ali Khan", "PAK"), ("Imran Khan", "PAK")],
    ],
)
def test_identity_different_people_stay_apart(mentions):
    ids, _ = _resolve(mentions)
    assert len(set(ids)) == len(mentions), ids


def test_identity_namesakes_get_country_suffixed_ids():
    ids, _ = _resolve([("John Smith", "USA"), ("John Smith", "GBR")])
    assert sorted(ids) == ["person:john-smith-gbr", "person:john-smith-usa"]


def test_identity_ambiguous_surname_kept_apart_with_warning():
    ids, notes = _resolve([("Antony Blinken", "USA"), ("Donald Blinken", "USA"), ("Blinken", "USA")])
    assert len(set(ids)) == 3
    assert any("fits several people" in n and "'Blinken'" in n for n in notes)


def test_identity_alias_table_merges_nicknames():
    mentions = [("Antony Blinken", "USA"), ("Tony Blinken", "USA")]
    assert len(set(_resolve(mentions)[0])) == 2
    ids, _ = _resolve(mentions, aliases={"Tony Blinken": "Antony Blinken"})
    assert set(ids) == {"person:antony-blinken"}


def test_identity_time_in_office_does_not_split():
    # The same name and country across decades is one person (documented rule).
    ids, _ = _resolve([("Sergey Lavrov", "RUS"), ("Sergey Lavrov", "RUS")])
    assert len(set(ids)) == 1


def test_identity_unknown_country_between_two_namesakes_is_not_guessed():
    ids, notes = _resolve([("John Smith", "USA"), ("John Smith", "GBR"), ("John Smith", "")])
    assert len(set(ids)) == 3 and notes


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Secretary of State Antony J. Blinken", "Antony J. Blinken"),
        ("H.E. Mr. KAMIKAWA Yoko", "Yoko Kamikawa"),
        ('Antony "Tony" Blinken', "Antony Blinken"),
        ("  Wang\x00 Yi ", "Wang Yi"),
        ("Prime Minister", ""),
        ("", ""),
    ],
)
def test_identity_clean_name(raw, expected):
    assert clean_name(raw) == expected


@pytest.mark.parametrize(
    "value, code, warns",
    [("JPN", "JPN", False), ("Japan", "JPN", True), ("U.S.", "USA", True), ("EUU", "EUU", False),
     ("NATO", "NATO", False), ("QQZ", "", True), ("SUN", "SUN", False), ("LAS", "LAS", False), ("", "", False), (None, "", False),
     ("Republic of Korea", "KOR", True)],
)
def test_identity_normalize_country(value, code, warns):
    got, note = normalize_country(value)
    assert got == code and (note is not None) == warns


def _m(i, people, date, kind="in_person", published=None):
    return MeetingMention(i, frozenset(people), date, kind, published)


@pytest.mark.parametrize(
    "mentions, expected",
    [
        # same people, same day: one meeting
        ([_m(0, "ab", "2024-01-12"), _m(1, "ab", "2024-01-12")], [[0, 1]]),
        # subset with two shared participants merges; with one shared it does not
        ([_m(0, "abc", "2024-01-12", "multilateral"), _m(1, "ab", "2024-01-12")], [[0, 1]]),
        ([_m(0, "ab", "2024-01-12"), _m(1, "a", "2024-01-12")], [[0], [1]]),
        # overlapping but neither a subset: two meetings
        ([_m(0, "ab", "2024-01-12"), _m(1, "bc", "2024-01-12")], [[0], [1]]),
        # two days apart: two meetings
        ([_m(0, "ab", "2024-01-12"), _m(1, "ab", "2024-01-14")], [[0], [1]]),
        # a call and a meeting the same day stay apart
        ([_m(0, "ab", "2024-01-12"), _m(1, "ab", "2024-01-12", "call")], [[0], [1]]),
        # undated, published within the week after: joins
        ([_m(0, "ab", "2024-01-12"), _m(1, "ab", None, published="2024-01-15")], [[0, 1]]),
        # undated, published long after: stays apart
        ([_m(0, "ab", "2024-01-12"), _m(1, "ab", None, published="2024-03-01")], [[0], [1]]),
        # undated, no publication date, two candidate meetings: not guessed
        ([_m(0, "ab", "2024-01-12"), _m(1, "ab", "2024-05-12"), _m(2, "ab", None)], [[0], [1], [2]]),
    ],
)
def test_identity_cluster_meetings(mentions, expected):
    assert cluster_meetings(mentions) == expected
