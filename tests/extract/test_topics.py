"""Topics: table phrases, countries as subjects, what the meeting's setting and quotes are not."""

from __future__ import annotations

import pytest


def labels(record: dict) -> list[str]:
    return [t["label"] for m in record["meetings"] for t in m["topics"]]


BASE = "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergey Lavrov in Beijing on Tuesday. "


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("They reaffirmed the importance of peace and stability across the Taiwan Strait.", "Taiwan Strait"),
        ("The two ministers discussed climate change and trade.", "climate change"),
        ("They agreed to address issues regarding North Korea.", "North Korea"),
        ("Both sides stressed freedom of navigation in the region.", "freedom of navigation"),
        ("They also discussed fentanyl.", "fentanyl"),
        ('They agreed to resume "shuttle diplomacy" between the capitals.', "shuttle diplomacy"),
        ("Wang also raised the issue of fishing rights.", "fishing rights"),
        ("They confirmed that they would restore the military hotline.", "military hotline"),
        ("Lavrov told Wang that Moscow would expand grain exports.", "grain exports"),
        ("They discussed the release of prisoners of war.", "release of prisoners of war"),
        ("They agreed to resume dialogues in areas including defense and education.", "defense"),
        ("They resumed cooperation on climate change, health and food security.", "health"),
        ("Wang pressed Lavrov on fishing quotas.", "fishing quotas"),
        ("They signed agreements covering cooperation in medical products.", "medical products"),
        ("Lavrov pressed for security guarantees.", "security guarantees"),
        ("Wang praised Moscow's tough line on illegal fishing.", "illegal fishing"),
        ("Lavrov suggested that a ceasefire be declared.", "ceasefire"),
    ],
)
def test_topics_from_the_meetings_sentences(extract, sentence, expected):
    assert expected in labels(extract(BASE + sentence, published="2024-04-10"))


@pytest.mark.parametrize("sentence, unwanted", [
    ("They reached a broad consensus.", "broad consensus"),
    ("They held close consultations.", "close consultations"),
    ("Wang hosted a joint meeting of the delegations.", "joint meeting of the delegations"),
    ("They praised the importance of the talks.", "talks"),
])
def test_topics_how_they_talked_is_not_what_about(extract, sentence, unwanted):
    assert unwanted not in labels(extract(BASE + sentence, published="2024-04-10"))


def test_topics_table_gives_category_and_normalised_label(extract):
    rec = extract(BASE + "They discussed sanctions against Russia's neighbours.", published="2024-04-10")
    topic = next(t for m in rec["meetings"] for t in m["topics"] if t["label"] == "sanctions")
    assert topic["category"] == "economy and trade"


def test_topics_participants_own_countries_are_not_topics(extract):
    rec = extract(BASE + "They agreed that China and Russia would deepen ties and discussed Ukraine.",
                  published="2024-04-10")
    assert "Ukraine" in labels(rec)
    assert "China" not in labels(rec) and "Russia" not in labels(rec)


def test_topics_setting_of_the_meeting_is_not_a_topic(extract):
    rec = extract("U.S. President Joe Biden met Chinese President Xi Jinping on the sidelines of the G20 summit "
                  "in Bali on Monday. They discussed Taiwan.", published="2022-11-14")
    assert "G20" not in labels(rec) and "Taiwan" in labels(rec)


def test_topics_quotations_are_not_topics(extract):
    rec = extract(BASE + "Lavrov said, \u201cThe Indo-Pacific needs peace.\u201d", published="2024-04-10")
    assert "Indo-Pacific" not in labels(rec)


def test_topics_background_unrelated_to_the_meeting_is_left_out(extract):
    rec = extract(BASE + "Separately, floods hit the south of Brazil last week.", published="2024-04-10")
    assert "Brazil" not in labels(rec)


def test_topics_carry_evidence_sentences(extract):
    rec = extract(BASE + "They discussed the Middle East.", published="2024-04-10")
    topic = next(t for m in rec["meetings"] for t in m["topics"] if t["label"] == "Middle East")
    [ev] = topic["evidence"]
    assert rec["text"][ev["start"]:ev["end"]] == ev["text"] == "They discussed the Middle East."


def test_topics_the_dateline_country_is_not_a_topic(extract):
    rec = extract("KAZAN, Russia, Oct 23 (Wire) - Indian Prime Minister Narendra Modi and Chinese President Xi "
                  "Jinping held talks on Wednesday. They discussed the border.", published="2024-10-23")
    assert "Russia" not in labels(rec)


def test_topics_from_the_lead_before_the_meeting_is_named(extract):
    rec = extract("Russian Foreign Minister Sergey Lavrov told Chinese Foreign Minister Wang Yi on Tuesday that "
                  "Moscow wanted more grain shipments. The two ministers met in Beijing.", published="2024-04-10")
    assert "grain shipments" in labels(rec)


def test_topics_lead_sentence_naming_people_of_two_meetings_goes_to_neither(extract):
    rec = extract("Wang Yi and Sergey Lavrov discussed grain shipments, while Kishida spoke about rice. "
                  + BASE + "Later, Wang met Japanese Prime Minister Fumio Kishida in Beijing.", published="2024-04-10")
    assert rec["meetings"] and "rice" not in labels(rec)


def test_topics_background_clause_is_not_a_topic(extract):
    rec = extract(BASE + "They discussed grain shipments, as Wang became the first minister to visit since the "
                  "pandemic began.", published="2024-04-10")
    assert "grain shipments" in labels(rec)
    assert not {"pandemic", "global health"} & set(labels(rec))


def test_topics_a_complement_completes_a_bare_noun(extract):
    rec = extract(BASE + "They discussed financing for a gas pipeline.", published="2024-04-10")
    assert "financing for a gas pipeline" in labels(rec)


def test_topics_the_participants_own_visit_is_the_setting(extract):
    rec = extract("Australian Prime Minister Anthony Albanese, on a State Visit to India, met Indian Prime Minister "
                  "Narendra Modi in New Delhi on Friday. They discussed critical minerals.", published="2023-03-10")
    assert "critical minerals" in labels(rec)
    assert not {"official visit", "State Visit"} & set(labels(rec))


def test_topics_a_visit_to_prepare_is_a_topic(extract):
    rec = extract(BASE + "They discussed the upcoming official visit by President Xi Jinping.", published="2024-04-10")
    assert any("visit" in label.lower() for label in labels(rec))


def test_topics_what_efforts_are_for(extract):
    rec = extract(BASE + "They exchanged views on efforts to achieve an unconditional ceasefire.",
                  published="2024-04-10")
    assert any("ceasefire" in label for label in labels(rec))


def test_topics_a_summit_talked_about_is_a_topic_the_summit_they_attend_is_not(extract):
    talked = extract(BASE + "They also talked about preparations for the NATO summit.", published="2024-04-10")
    assert "NATO" in labels(talked)
    attended = extract("U.S. President Joe Biden met Chinese President Xi Jinping in Woodside on Wednesday. Xi was "
                       "in the region for the Asia-Pacific Economic Cooperation summit.", published="2023-11-15")
    assert not {"APEC", "Asia-Pacific Economic Cooperation"} & set(labels(attended))


def test_topics_places_are_not_free_topics(extract):
    rec = extract(BASE + "They discussed Delhi and fishing quotas.", published="2024-04-10")
    assert "fishing quotas" in labels(rec) and "Delhi" not in labels(rec)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("They voiced concern over the ongoing clashes in the border villages.", "clashes in the border villages"),
        ("They talked about the situation in the border region.", "situation in the border region"),
        ("They reviewed developments in the Chilean economy.", "Chilean economy"),
        ("They exchanged views on regional and global issues.", "regional and global issues"),
        ("They discussed issues of mutual interest.", "issues of mutual interest"),
        ("They discussed the partnership between the two capitals.", "partnership between the two capitals"),
        ("They held talks on reopening Lima's honorary consulate.", "honorary consulate"),
        ("Wang congratulated Lavrov on his reappointment.", "congratulations"),
        ("Lavrov offered his condolences over the floods in the south.", "condolences"),
        ("They voiced concern over the unrest in Bolivia.", "Bolivia"),
        ("Bilateral trade and regional issues were discussed.", "regional issues"),
        ("They discussed bilateral strategic relations.", "bilateral strategic relations"),
        ("They discussed North Korean issues.", "North Korean issues"),
        ("Wang reaffirmed his commitment to the transatlantic link.", "transatlantic link"),
        ("They welcomed progress on the Pacific Cable Initiative.", "Pacific Cable Initiative"),
        ("They praised the ties between the two countries.", "bilateral relations"),
        ("They voiced concern over the impact of the severe drought.", "severe drought"),
        ("They agreed to fully implement resolution 1718.", "resolution 1718"),
        ("They called for implementing UN Security Council Resolution 2231.", "UN Security Council Resolution 2231"),
        ("They reviewed the development of the fishing fleet.", "fishing fleet"),
        ("They held a new round of talks on the fishing quotas.", "fishing quotas"),
        ("At the meeting, an exchange of views took place on the fishing quotas.", "fishing quotas"),
    ],
)
def test_topics_labels_for_what_readouts_say_was_discussed(extract, sentence, expected):
    assert expected in labels(extract(BASE + sentence, published="2024-04-10"))


@pytest.mark.parametrize("sentence, unwanted", [
    ("Lavrov had flown in from Chile after a tour of South America.", "Chile"),
    ("Lavrov also met his counterparts from Peru and Bolivia.", "Peru"),
    ("Over a working dinner, Wang thanked his good friend.", "good friend"),
    ("Wang was accompanied by Trade Minister Wang Wentao.", "trade"),
    ("They discussed the ongoing talks.", "ongoing talks"),
    ("The talks were reported by outlets such as the Global Times.", "Global Times"),
    ("Later, Wang addressed a business symposium.", "business symposium"),
    ("A planned lunch and a news conference were called off.", "planned lunch"),
    ("Wang met the President of the European Council later.", "European Council"),
    ("They agreed on the importance of international collaboration.", "international collaboration"),
    ("They discussed the concerns of the G20 member states.", "G20"),
    ("They discussed trade in the current difficult environment.", "environment"),
    ("Later, Wang addressed a session on artificial intelligence.", "AI"),
    ("Lavrov expressed his thanks to the Chinese people.", "thanks to the Chinese people"),
])
def test_topics_who_where_and_how_are_not_what(extract, sentence, unwanted):
    assert unwanted not in labels(extract(BASE + sentence, published="2024-04-10"))


def test_topics_a_story_sentence_told_of_another_time_gives_none(extract):
    rec = extract(BASE + "In March, Lavrov had criticised the grain quotas.", published="2024-04-10")
    assert "grain quotas" not in labels(rec)
