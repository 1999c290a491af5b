"""Round 12 of issue 13's rules, each as a user meets it: meetings, participants, countries and dates the
earlier rules missed or got wrong. Every text is our own, written in the manner of the reports that showed it."""

from __future__ import annotations


def pairs(rec: dict) -> list[list[str]]:
    return sorted(sorted(p["name"] for p in m["participants"]) for m in rec["meetings"])


def people(rec: dict) -> dict[str, tuple]:
    return {p["name"]: (p.get("title"), p.get("country")) for m in rec["meetings"] for p in m["participants"]}


def test_talks_in_a_phrase_of_a_future_verb_are_planned_through_a_conjoined_object(extract):
    # the small model hangs "for bilateral talks" on "ministers", conjoined to the object of "will join"
    rec = extract("Foreign Minister Kamina Johnson Smith will join Prime Minister Andrew Holness and senior cabinet "
                  "ministers for bilateral talks with Secretary of State Mike Pompeo on Wednesday.",
                  published="2020-01-20")
    assert rec["meetings"] == []
    assert rec["planned"], "the talks are still reported, as planned"


def test_meetings_a_visitor_predicted_are_planned(extract):
    rec = extract("During his first visit abroad, Prime Minister Albin Kurti predicted meetings with Prime Minister "
                  "Edi Rama and President Ilir Meta in Tirana.", published="2020-02-10")
    assert rec["meetings"] == []
    assert {p["name"] for m in rec["planned"] for p in m["participants"]} >= {"Albin Kurti", "Edi Rama"}
