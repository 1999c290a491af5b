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


def _resolve_dated(mentions, corrections=()):
    r = PersonResolver(corrections=corrections)
    for name, country, on, actor, weak in mentions:
        r.add(name, country, actor=actor, on=on, weak_country=weak)
    notes = r.resolve()
    return [r.person_id(n, c, actor=a, on=on, weak_country=w) for n, c, on, a, w in mentions], notes, r


@pytest.mark.parametrize(
    "mentions, groups",
    [
        # father and son: a family name alone goes to the one seen near its date
        ([("Uhuru Kenyatta", "KEN", "2014-08-05", "", False), ("Kenyatta", "KEN", "1970-02-13", "", False),
          ("Kenyatta", "KEN", "2018-01-01", "", False)], [0, 1, 0]),
        # two dictionary entries are two people, whatever their names
        ([("Assad", "SYR", "1977-05-09", "Hafez al-Assad", False), ("Assad", "SYR", "2001-01-01", "Bashar al-Assad", False)],
         [0, 1]),
        # a country read from the place of the meeting is no evidence
        ([("Arafat", "CHE", "1997-01-01", "", True), ("Arafat", "PSE", "1998-01-01", "", False),
          ("Arafat", "EGY", "1994-01-01", "", True)], [0, 0, 0]),
        # transliterations of a given name in one country
        ([("Benjamin Netanyahu", "ISR", "2010-01-01", "", False), ("Binyamin Netanyahu", "ISR", "1997-01-01", "", False),
          ("Benyamin Netanyahu", "ISR", "1998-01-01", "", False)], [0, 0, 0]),
        ([("Dmitry Medvedev", "RUS", "2009-01-01", "", False), ("Dimitry Medvedev", "RUS", "2008-01-01", "", False)],
         [0, 0]),
        # a given name left out, without initials
        ([("John Fredrik Reinfeldt", "SWE", "2007-01-01", "", False), ("Fredrik Reinfeldt", "SWE", "2009-01-01", "", False)],
         [0, 0]),
        # ... but not across initials, nor across countries
        ([("George H. W. Bush", "USA", "1990-01-01", "", False), ("George W. Bush", "USA", "2003-01-01", "", False)],
         [0, 1]),
        ([("Dmitry Medvedev", "RUS", "2009-01-01", "", False), ("Dimitry Medvedev", "UKR", "2008-01-01", "", False)],
         [0, 1]),
        # a dictionary entry joins the spellings the records used for it
        ([("Volodymyr Zelensky", "UKR", "2021-01-01", "Volodymyr Zelenskyy", False),
          ("Zelensky", "", "2023-02-20", "", True)], [0, 0]),
    ],
)
def test_identity_uses_dates_dictionary_entries_and_spellings(mentions, groups):
    ids, _, _ = _resolve_dated(mentions)
    first = {}
    assert [first.setdefault(pid, len(first)) for pid in ids] == groups, ids


def test_identity_records_why_each_name_was_joined():
    _, _, r = _resolve_dated([("Hafez al-Assad", "SYR", "1974-01-01", "Hafez al-Assad", False),
                              ("Assad", "SYR", "1977-05-09", "", False),
                              ("Bashar al-Assad", "SYR", "2001-01-01", "", False)])
    reasons = {tuple(x["names"]): x["reason"] for p in r.people().values() for x in p["reasons"]}
    assert reasons[("Hafez al-Assad",)] == "dictionary entry 'Hafez al-Assad'"
    assert reasons[("Assad",)].startswith("family name, country and date")
    assert reasons[("Bashar al-Assad",)] == "first mention"


def test_identity_corrections_join_and_split():
    mentions = [("Kenyatta", "KEN", "1970-02-13", "", False), ("Uhuru Kenyatta", "KEN", "2014-01-01", "", False),
                ("John Smith", "USA", "2001-01-01", "", False), ("J. Smith", "USA", "2002-01-01", "", False)]
    ids, _, _ = _resolve_dated(mentions)
    assert ids[0] != ids[1] and ids[2] == ids[3]
    ids, notes, r = _resolve_dated(mentions, corrections=[("Kenyatta", "Uhuru Kenyatta", "same"),
                                                           ("John Smith", "J. Smith", "different"),
                                                           ("Nobody Here", "John Smith", "same")])
    assert ids[0] == ids[1] and ids[2] != ids[3]
    assert any("'Nobody Here'" in n and "no person" in n for n in notes)
    reasons = [x["reason"] for x in r.people()[ids[3]]["reasons"]]
    assert reasons == ["user correction: different from 'John Smith'"]
