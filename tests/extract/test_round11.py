"""Round 11 of issue 13's rules, each as a user meets it: meetings, participants, countries and dates the
earlier rules missed or got wrong. Every text is our own, written in the manner of the reports that showed it."""

from __future__ import annotations


def pairs(rec: dict) -> list[list[str]]:
    return sorted(sorted(p["name"] for p in m["participants"]) for m in rec["meetings"])


def people(rec: dict) -> dict[str, tuple]:
    return {p["name"]: (p.get("title"), p.get("country")) for m in rec["meetings"] for p in m["participants"]}


def test_a_fronted_meeting_with_an_official_and_a_long_remit_seats_both(extract):
    # the small model hangs the remit on the name and the name on the main verb, out of the "with" phrase
    rec = extract("At a meeting with US Assistant Secretary of State for European and Eurasian Affairs Karen "
                  "Donfried, RA Foreign Minister Ararat Mirzoyan spoke about the normalization of relations between "
                  "Armenia and Azerbaijan.", published="2022-06-10")
    assert pairs(rec) == [["Ararat Mirzoyan", "Karen Donfried"]]
    assert people(rec)["Karen Donfried"][1] == "USA"


def test_the_head_of_a_named_countrys_government_is_its_prime_minister(extract):
    rec = extract("The Prime Minister of Italy, Giuseppe Conte, paid an official visit today to Albania.\n"
                  "The head of the Italian government was received by Prime Minister Edi Rama at the Palace of "
                  "Brigades.", published="2019-10-15")
    assert pairs(rec) == [["Edi Rama", "Giuseppe Conte"]]
