"""Round 9 of issue 13's rules, each as a user meets it: meetings and participants the earlier rules missed.
Every text is our own, written in the manner of the reports that showed it."""

from __future__ import annotations

from tests.records import pairs, people

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        # page clutter glued a word to the title before the name
        ("newsdeskPrime Minister Anthony Albanese met President Joko Widodo in Jakarta on Monday.",
         [["Anthony Albanese", "Joko Widodo"]]),
        # "contacted his counterpart": a call
        ("Foreign Minister Penny Wong contacted her Japanese counterpart Yoko Kamikawa on Tuesday.",
         [["Penny Wong", "Yoko Kamikawa"]]),
        # a high commissioner's letter of introduction, handed to the head of government
        ("High Commissioner of Jamaica Sheila Sealy Monteith presented her Letter of Introduction to Prime Minister "
         "Keith Rowley on Tuesday.", [["Keith Rowley", "Sheila Sealy Monteith"]]),
    ],
)
def test_round9_meetings_found(extract, text, expected):
    assert pairs(extract(text, published="2024-11-27")) == expected


def test_contact_is_a_call(extract):
    rec = extract("Foreign Minister Penny Wong contacted her Japanese counterpart Yoko Kamikawa on Tuesday.",
                  published="2024-11-27")
    assert [m["kind"] for m in rec["meetings"]] == ["call"]
    assert "trigger.verb.contact" in rec["meetings"][0]["rules"]


def test_guests_listed_after_a_meeting_told_with_nobody(extract):
    # the meeting is told with no one named; the next sentence says who represented each side
    rec = extract("A joint trade meeting between Ghana and Nigeria was held virtually on Monday.\n"
                  "Representing Ghana was Foreign Minister Shirley Ayorkor Botchwey, and Nigeria was represented "
                  "by its Foreign Minister, Geoffrey Onyeama.", published="2021-01-12")
    assert pairs(rec) == [["Geoffrey Onyeama", "Shirley Ayorkor Botchwey"]]
    meeting = rec["meetings"][0]
    assert meeting["kind"] == "call"  # "held virtually", told in the meeting's own sentence
    assert "meeting.told_before_guests" in meeting["rules"]


def test_supported_by_sits_at_the_table_with_the_country_of_whom_they_support(extract):
    rec = extract("Fiji, Samoa, Forum, Pacific\n\nPrime Minister Mark Brown meets Samoa Prime Minister\n\n"
                  "Suva, 15 September 2023 - Prime Minister Mark Brown supported by Foreign Secretary Tepaeru "
                  "Herrmann, held talks on Thursday in Suva with Samoa Prime Minister Fiame Naomi Mata'afa.",
                  published="2023-09-15")
    # one meeting: the headline under the line of tags tells the body's meeting in brief
    assert pairs(rec) == [["Fiame Naomi Mata'afa", "Mark Brown", "Tepaeru Herrmann"]]
    assert people(rec)["Tepaeru Herrmann"][1] == "COK"


def test_glued_words_are_split_by_the_tokenizer():
    from extract import load_pipeline

    nlp = load_pipeline()
    assert [t.text for t in nlp.tokenizer("radmanovicChairman McDonald iPhone")] == [
        "radmanovic", "Chairman", "McDonald", "iPhone"]


def test_a_delegation_that_includes_a_minister_brings_them_to_the_table(extract):
    rec = extract("Prime Minister Charlot Salwai held bilateral talks with Prime Minister Jacinda Ardern in Wellington "
                  "on Monday.\n\nSalwai came to Wellington with a delegation that includes Internal Affairs "
                  "Minister Andrew Napuat of Vanuatu.", published="2018-03-06")
    assert pairs(rec) == [["Andrew Napuat", "Charlot Salwai", "Jacinda Ardern"]]
    assert people(rec)["Andrew Napuat"][1] == "VUT"
    assert rec["meetings"][0]["kind"] == "in_person"  # who came with a party is no party of their own


def test_a_visiting_delegation_led_by_its_chairman(extract):
    # "Hon." does not end the sentence; "HE" and "(Dr)" are forms of address; "led by" hung on the verb still
    # names who led the delegation, of the delegation's country; the meeting is no domestic one
    rec = extract("The Speaker of the National Assembly Hon. Moses Wetangula, this afternoon met with the Parliamentary "
                  "Delegation from the Parliament of Iran led by the chairman HE Ali Reza Salimi and members of "
                  "its culture committee.\nThe Iranian Ambassador to Kenya HE (Dr) Ali Gholampour accompanied the "
                  "delegation.", published="2023-05-10")
    assert pairs(rec) == [["Ali Gholampour", "Ali Reza Salimi", "Moses Wetangula"]]
    assert people(rec)["Ali Reza Salimi"][1] == "IRN"
    assert rec["meetings"][0]["kind"] == "in_person"


def test_split_dots_of_rt_hon_are_no_name(extract):
    rec = extract("New Zealand's Deputy Prime Minister and Minister for Foreign Affairs, the Rt. Hon. Winston Peters, "
                  "met Prime Minister Aisake Eke in Nuku'alofa today.", published="2025-04-11")
    assert pairs(rec) == [["Aisake Eke", "Winston Peters"]]


def test_accompanied_to_a_meeting_is_no_meeting_between_them(extract):
    rec = extract("Prime Minister Fiame Naomi Mata'afa travels to Fiji this week for the Forum leaders' gathering."
                  "\n\nShe is accompanied by Cabinet Minister Laauli Leuatea Schmidt to the meeting.",
                  published="2022-07-10")
    assert rec["meetings"] == []


def test_met_earlier_today_is_the_reports_day(extract):
    rec = extract("Montenegro's Prime Minister Milo Đukanović and German Foreign Minister Frank-Walter Steinmeier met "
                  "earlier today in Berlin.\nThe meeting found relations to be good.", published="2015-05-06")
    assert pairs(rec) == [["Frank-Walter Steinmeier", "Milo Đukanović"]]
    assert rec["meetings"][0]["date"] == "2015-05-06"
    assert "meeting.elsewhen.other_time" not in rec["meetings"][0]["rules"]


def test_the_day_a_call_was_announced_is_not_its_day(extract):
    rec = extract("Trump on Saturday said that the summit would wait, after Chancellor Angela Merkel of Germany told "
                  "him in a phone call she could not travel.\n\nThe call between Merkel and President Donald Trump "
                  "on Thursday was short.", published="2020-05-31")
    assert pairs(rec) == [["Angela Merkel", "Donald Trump"]]
    assert rec["meetings"][0]["date"] == "2020-05-28"


def test_a_title_case_headline_verb_is_no_name(extract):
    rec = extract("Defence Minister Confers with Envoy\n\nIn Sofia on Monday, Bulgarian Defence Minister Todor "
                  "Tagarev conferred with Ambassador Olesya Ilashchuk of Ukraine.", published="2024-01-29")
    assert "Confers" not in {o["name"] for o in rec["officials"]}
    assert pairs(rec) == [["Olesya Ilashchuk", "Todor Tagarev"]]


@pytest.mark.parametrize(
    "text, city",
    [
        # a city after the venue it holds
        ("President William Ruto received Ambassador Dmitry Maksimychev of Russia on Monday at State House, "
         "Nairobi.", "Nairobi"),
        ("Ghana's President Nana Akufo-Addo held talks with President Muhammadu Buhari at the Presidential Villa, "
         "Abuja, on Tuesday.", "Abuja"),
        # a town the place table lacks, named as a city
        ("Mozambique's President Daniel Chapo hosted Botswana's President Duma Boko on Friday in the city of Nacala.",
         "Nacala"),
        # a dateline on a line of its own under the headline
        ("Peru's minister meets Canadian counterpart\n\nLima, Feb. 13.\n\nPeru's Foreign Minister Cayetana Aljovin "
         "met with Canadian Foreign Minister Chrystia Freeland.", "Lima"),
    ],
)
def test_round9_places(extract, text, city):
    rec = extract(text, published="2024-02-13")
    assert [(m["location"] or {}).get("city") for m in rec["meetings"]] == [city]


def test_a_country_before_a_comma_is_no_venue(extract):
    rec = extract("Sergey Lavrov of Russia and Wang Yi of China held talks on Thursday at the ASEAN meetings in Laos, "
                  "Moscow and Beijing said.", published="2024-07-26")
    assert [(m["location"] or {}).get("city") for m in rec["meetings"]] == [None]


def test_an_office_only_one_country_has_gives_its_country(extract):
    rec = extract("Deputy Secretary of the Treasury Wally Adeyemo held talks with Finance Minister Bruno Le Maire of "
                  "France in Paris.", published="2022-07-26")
    assert people(rec)["Wally Adeyemo"][1] == "USA"


def test_an_agency_first_dateline_gives_the_home_country(extract):
    rec = extract("Minister meets Indian counterpart\n\nRSS (KATHMANDU, 29 March 2022) – Foreign Affairs Minister Dr "
                  "Narayan Khadka today received Indian External Affairs Minister Dr S Jaishankar.")
    assert rec["dateline"] == "Kathmandu"
    assert people(rec)["Narayan Khadka"][1] == "NPL"
    assert [m["date"] for m in rec["meetings"]] == ["2022-03-29"]


def test_a_counterpart_of_no_same_office_is_the_one_nearest_in_rank(extract):
    rec = extract("Norwegian State Secretary Tore Hattrem said cooperation matters. Norwegian Foreign Minister Borge "
                  "Brende was in Brussels.\nDeputy Foreign Minister Vladimir Titov of Russia held talks in Oslo on "
                  "Monday with his Norwegian counterpart.", published="2015-10-13")
    assert ["Tore Hattrem", "Vladimir Titov"] in pairs(rec)
    assert not any("Borge Brende" in p for p in pairs(rec))


def test_accompanying_someone_elsewhere_is_no_attendance(extract):
    rec = extract("President Surangel Whipps Jr. met President Tsai Ing-wen in Taipei on Thursday.\n"
                  "Justice Minister J. Uduch Sengebau-Senior stayed in Manila, accompanying her sister to a clinic.",
                  published="2023-03-31")
    assert pairs(rec) == [["Surangel Whipps Jr.", "Tsai Ing-wen"]]


def test_a_meeting_of_someone_who_visited_one_city_was_held_there(extract):
    rec = extract("Nepal's Foreign Minister Arzu Rana Deuba visited New Delhi to attend a regional conference.\n\n"
                  "Deuba met External Affairs Minister S Jaishankar and discussed trade.", published="2024-08-19")
    assert [(m["location"] or {}).get("city") for m in rec["meetings"]] == ["New Delhi"]
    assert "place.visited" in rec["meetings"][0]["rules"]
