"""Round 10 of issue 13's rules, each as a user meets it: meetings, participants, countries and dates the
earlier rules missed or got wrong. Every text is our own, written in the manner of the reports that showed it."""

from __future__ import annotations

from tests.records import pairs, people

import pytest


def test_who_led_a_countrys_delegation_is_of_that_country(extract):
    rec = extract("On 3 March 2024, the Honourable Ratu Manasa Tuilagi, Minister of Lands and Pacific Affairs led a "
                  "Fijian delegation in a bilateral meeting with Foreign Minister Espen Barth Eide of Norway.",
                  published="2024-03-04")
    assert pairs(rec) == [["Espen Barth Eide", "Ratu Manasa Tuilagi"]]
    assert people(rec)["Ratu Manasa Tuilagi"][1] == "FJI"
    assert rec["meetings"][0]["date"] == "2024-03-03"  # "3 March 2024" and "July 6th 2025" both date it


def test_a_day_written_with_its_ordinal_dates_the_meeting(extract):
    rec = extract("On July 6th 2025, Foreign Minister Penny Wong held talks with Foreign Minister Winston Peters.",
                  published="2025-07-08")
    assert rec["meetings"][0]["date"] == "2025-07-06"


def test_a_delegation_that_also_included_someone_brings_them_to_the_table(extract):
    rec = extract("Foreign Minister Amara Kelo of Ghana held talks with Foreign Minister Espen Barth Eide of Norway "
                  "in Oslo on Monday.\nThe Ghanaian delegation also included Deputy Minister of Foreign Affairs "
                  "Kwame Addo.", published="2024-03-05")
    assert pairs(rec) == [["Amara Kelo", "Espen Barth Eide", "Kwame Addo"]]
    assert people(rec)["Kwame Addo"][1] == "GHA"


def test_who_came_along_later_in_the_day_is_not_at_the_meeting(extract):
    rec = extract("Foreign Minister Amara Kelo of Ghana held talks with Foreign Minister Espen Barth Eide of Norway "
                  "in Oslo on Monday.\nLater in the afternoon, Minister Kelo accompanied by Trade Minister Kofi "
                  "Mensah toured a shipyard which was opened by Prime Minister Jonas Gahr Store.",
                  published="2024-03-05")
    assert pairs(rec) == [["Amara Kelo", "Espen Barth Eide"]]


def test_an_office_as_subject_is_not_of_the_other_sides_country(extract):
    # "The Minister" is the last minister named, unless that one is of the country of whom he met
    rec = extract("Foreign Minister Badr Albusaidi of Oman received a message from Foreign Minister Ayman Safadi of "
                  "Jordan.\nThe Minister received the message from Jordan's ambassador to Oman, Ahmad Saleh, during a "
                  "meeting in Muscat.", published="2024-05-02")
    assert pairs(rec) == [["Ahmad Saleh", "Badr Albusaidi"]]


def test_the_head_of_the_government_is_the_prime_minister_named_before(extract):
    rec = extract("Albanian Prime Minister Edi Rama is on a visit to Athens.\nThe head of the government met the "
                  "Greek Prime Minister, Kyriakos Mitsotakis, on Monday.", published="2024-03-05")
    assert pairs(rec) == [["Edi Rama", "Kyriakos Mitsotakis"]]


def test_welcoming_a_counterpart_named_by_country(extract):
    rec = extract("Samoa's Prime Minister Fiame Naomi Mata'afa made her first official visit to Wellington.\n"
                  "Prime Minister Jacinda Ardern welcomed her Samoan counterpart with a ceremony outside the Beehive "
                  "on Tuesday.", published="2022-06-08")
    assert pairs(rec) == [["Fiame Naomi Mata'afa", "Jacinda Ardern"]]


def test_a_country_written_as_its_initials_names_an_office(extract):
    rec = extract("Defence Minister Richard Marles hosted counterpart Billy Joseph in Canberra last month.\n"
                  "Defence Personnel Minister Matt Keogh met with the PNG defence minister at a navy base in Perth "
                  "on Thursday.", published="2024-05-03")
    assert ["Billy Joseph", "Matt Keogh"] in pairs(rec)
    assert people(rec)["Billy Joseph"][1] == "PNG"


def test_a_middle_name_the_dictionary_leaves_out(extract):
    rec = extract("Prime Minister Mia Amor Mottley held talks with President Mohamed Irfaan Ali in Georgetown on "
                  "Monday.", published="2022-02-15")
    assert people(rec)["Mia Amor Mottley"][1] == "BRB"


def test_last_evening_is_the_day_before(extract):
    rec = extract("Prime Minister Mia Amor Mottley attended a dinner last evening hosted by President Mohamed Irfaan "
                  "Ali in Georgetown.", published="2022-02-14")
    assert pairs(rec) == [["Mia Amor Mottley", "Mohamed Irfaan Ali"]]
    assert rec["meetings"][0]["date"] == "2022-02-13"


def test_a_trip_called_off_takes_its_summit_with_it(extract):
    rec = extract("President Donald Trump has called off his trip to the Summit of the Americas in Peru this week, "
                  "according to a statement from press secretary Sarah Sanders.", published="2018-04-11")
    assert rec["meetings"] == []


def test_an_obligation_is_no_meeting_held(extract):
    rec = extract("Prime Minister Edi Rama and Prime Minister Kyriakos Mitsotakis must have a better dialogue with "
                  "each other, an adviser wrote.", published="2018-04-11")
    assert rec["meetings"] == []
    assert pairs({"meetings": rec["planned"]}) == [["Edi Rama", "Kyriakos Mitsotakis"]]


def test_both_offices_of_a_compound_title_are_of_the_country_before_it(extract):
    rec = extract("The Emir of Kuwait received at Bayan Palace Qatar's Deputy Prime Minister and Minister of Foreign "
                  "Affairs Sheikh Khalid bin Mohammad Al Attiyah on Monday.", published="2016-03-08")
    assert {o["name"]: o["country"] for o in rec["officials"]}["Khalid bin Mohammad Al Attiyah"] == "QAT"


def test_spellings_of_one_given_name_find_one_dictionary_row():
    from extract.actors import ActorDictionary

    actors = ActorDictionary.load()
    written = {a.name for a in actors.lookup("Mohammad bin Abdulrahman Al Thani")}
    assert written == {a.name for a in actors.lookup("Mohammed bin Abdulrahman Al Thani")} != set()


def topics_of(rec: dict) -> list[str]:
    return sorted(t["label"].lower() for m in rec["meetings"] for t in m["topics"])


def test_the_visit_under_way_is_the_setting_and_the_visit_to_come_a_topic(extract):
    rec = extract("Foreign Minister Penny Wong, who is making a working visit to Japan at the invitation of Prime "
                  "Minister Fumio Kishida, held talks with Foreign Minister Yoko Kamikawa in Tokyo on Monday. They "
                  "discussed trade and the upcoming state visit of Prime Minister Anthony Albanese.",
                  published="2024-03-05")
    labels = topics_of(rec)
    assert "trade" in labels and "working visit" not in labels
    assert any("visit" in label for label in labels)  # the visit to come is what they talked about


def test_the_event_around_a_meeting_is_not_its_topic(extract):
    rec = extract("Foreign Minister Murat Nurtleu held talks with Foreign Minister Penny Wong as part of the "
                  "High-Level week of the UN General Assembly in New York on Tuesday. They discussed trade.",
                  published="2024-09-25")
    assert topics_of(rec) == ["trade"]


def test_where_a_meeting_was_posted_is_not_its_topic(extract):
    rec = extract("President Lula met Chilean President Gabriel Boric in Brasilia on Monday. The bilateral meeting "
                  "was published by Lula on his official Twitter account.", published="2023-05-30")
    assert not any("account" in label for label in topics_of(rec))


def test_what_two_leaders_both_said_is_no_meeting(extract):
    rec = extract("As President George W. Bush and President Jacques Chirac both emphasized, Europe and the United "
                  "States share values.", published="2004-06-01")
    assert rec["meetings"] == []


def test_who_came_with_someone_a_pronoun_names_sits_at_the_table(extract):
    rec = extract("Today, Economy Secretary Ildefonso Guajardo, accompanied by Deputy Minister of Trade Juan Carlos "
                  "Baker, concluded a working visit to Washington, where he met with US Trade Representative Michael "
                  "Froman.", published="2015-09-30")
    assert pairs(rec) == [["Ildefonso Guajardo", "Juan Carlos Baker", "Michael Froman"]]


def test_after_the_meeting_someone_joined_makes_a_second_meeting(extract):
    rec = extract("Foreign Minister Penny Wong met Foreign Minister Winston Peters in Wellington on Friday. After the "
                  "one-hour meeting, they were joined by Foreign Minister Melanie Joly of Canada.",
                  published="2024-03-09")
    assert pairs(rec) == [["Melanie Joly", "Penny Wong", "Winston Peters"], ["Penny Wong", "Winston Peters"]]


def test_ministers_present_at_a_meeting_in_their_country_are_the_hosts(extract):
    rec = extract("Foreign Minister Toshimitsu Motegi met Prime Minister James Marape in Port Moresby on Monday. "
                  "Also present at the meeting were Petroleum Minister Kerenga Kua and Treasurer Ian Ling Stuckey.",
                  published="2020-12-15")
    assert people(rec)["Kerenga Kua"][1] == "PNG"
    assert people(rec)["Ian Ling Stuckey"] == ("Treasurer", "PNG")


def test_an_aside_between_an_envoys_post_and_name(extract):
    rec = extract("In Dushanbe on Monday, Foreign Minister Sirojiddin Muhriddin met with the Ambassador of the Republic "
                  "of Estonia to the Republic of Tajikistan (with a residence in Astana) Heiti Maemees.",
                  published="2023-05-02")
    assert pairs(rec) == [["Heiti Maemees", "Sirojiddin Muhriddin"]]
    assert rec["meetings"][0]["location"]["city"] != "Astana"  # the aside names where the envoy lives
