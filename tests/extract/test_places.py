"""Tests for extract/places.py: cities, venues and events to city and country."""

import csv

import pycountry
import pytest

from extract.countries import BODY_CODES, EXTRA_CODES, load_countries
from extract.errors import ResourceFileError
from extract.places import PLACE_KINDS, PLACES_FILE, Place, load_places, place_for, surface_forms

ISO_CODES = {c.alpha_3 for c in pycountry.countries}


def _rows():
    with open(PLACES_FILE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    "text, city, country",
    [
        ("Washington", "Washington", "USA"), ("WASHINGTON", "Washington", "USA"),
        ("Washington, D.C.", "Washington", "USA"), ("Tokyo", "Tokyo", "JPN"),
        ("in Tokyo", "Tokyo", "JPN"), ("Osaka, Japan", "Osaka", "JPN"), ("Kiev", "Kyiv", "UKR"),
        ("Kyiv", "Kyiv", "UKR"), ("New Delhi", "New Delhi", "IND"), ("Brussels", "Brussels", "BEL"),
        ("Bogotá", "Bogota", "COL"), ("Bogota", "Bogota", "COL"), ("the Hague", "The Hague", "NLD"),
        ("Vientiane", "Vientiane", "LAO"), ("Bandar Seri Begawan", "Bandar Seri Begawan", "BRN"),
        ("New York", "New York", "USA"), ("Geneva", "Geneva", "CHE"), ("Davos", "Davos", "CHE"),
        ("St. Petersburg", "St. Petersburg", "RUS"), ("Saint Petersburg", "St. Petersburg", "RUS"),
        ("Istanbul", "Istanbul", "TUR"), ("Jeddah", "Jeddah", "SAU"), ("Bali", "Bali", "IDN"),
        ("Honolulu", "Honolulu", "USA"), ("Strasbourg", "Strasbourg", "FRA"),
        ("Hong Kong", "Hong Kong", "HKG"), ("Taipei", "Taipei", "TWN"),
    ],
)
def test_place_for_cities(text, city, country):
    place = place_for(text)
    assert (place.city, place.country, place.kind) == (city, country, "city")


@pytest.mark.parametrize(
    "text, city, country",
    [
        ("State Department", "Washington", "USA"), ("the State Department", "Washington", "USA"),
        ("U.S. State Department", "Washington", "USA"), ("State Department's", "Washington", "USA"),
        ("at the White House", "Washington", "USA"), ("the Pentagon", "Washington", "USA"),
        ("Elysee Palace", "Paris", "FRA"), ("Élysée Palace", "Paris", "FRA"),
        ("Federal Chancellery", "Berlin", "DEU"), ("the Kremlin", "Moscow", "RUS"),
        ("Zhongnanhai", "Beijing", "CHN"), ("Great Hall of the People", "Beijing", "CHN"),
        ("Diaoyutai State Guesthouse", "Beijing", "CHN"), ("Iikura House", "Tokyo", "JPN"),
        ("Downing Street", "London", "GBR"), ("Kantei", "Tokyo", "JPN"),
        ("Blue House", "Seoul", "KOR"), ("Hyderabad House", "New Delhi", "IND"),
        ("UN headquarters", "New York", "USA"), ("Camp David", "Camp David", "USA"),
    ],
)
def test_place_for_venues_give_their_city(text, city, country):
    place = place_for(text)
    assert (place.city, place.country, place.kind) == (city, country, "venue")


@pytest.mark.parametrize(
    "text, city, country",
    [
        ("on the sidelines of the Munich Security Conference", "Munich", "DEU"),
        ("Munich Security Conference", "Munich", "DEU"),
        ("World Economic Forum", "Davos", "CHE"), ("at the World Economic Forum", "Davos", "CHE"),
        ("UN General Assembly", "New York", "USA"), ("during the UNGA", "New York", "USA"),
        ("Shangri-La Dialogue", "Singapore", "SGP"), ("the Raisina Dialogue", "New Delhi", "IND"),
    ],
)
def test_place_for_events_give_their_city(text, city, country):
    place = place_for(text)
    assert (place.city, place.country, place.kind) == (city, country, "event")


@pytest.mark.parametrize(
    "text",
    ["Nowhere", "", "kiev", "tokyo", "Middle East", "in the Middle East", "Japan", "NATO summit",
     "G7 summit", "Beijing, Japan", "Chancellery", "Blinken"],
)
def test_place_for_unknown_is_none(text):
    assert place_for(text) is None


def test_places_table_is_large_and_valid():
    rows = _rows()
    assert len(rows) >= 250
    for row in rows:
        assert row["kind"] in PLACE_KINDS, row
        assert row["country"] in ISO_CODES or row["country"] in BODY_CODES | EXTRA_CODES, row


def test_every_capital_of_the_country_table_is_a_place():
    forms = surface_forms()
    skip = {"SUN", "YUG", "CSK", "DDR", "SCG", "YMD"}
    for country in load_countries().countries.values():
        if country.code in skip:
            continue
        for capital in country.capitals:
            assert capital in forms, capital
            assert forms[capital].country == country.code, capital


def test_no_surface_form_names_two_places():
    seen = {}
    for row in _rows():
        for form in [row["name"], *filter(None, row["aliases"].split(";"))]:
            assert seen.setdefault(form.casefold(), row["name"]) == row["name"], form


def test_venue_and_event_cities_are_known_cities():
    forms = surface_forms()
    for row in _rows():
        if row["kind"] == "city":
            assert row["city"] == "", row
            continue
        city = row["city"]
        assert city, row
        if city != row["name"]:
            assert forms[city].kind == "city" and forms[city].country == row["country"], row


def test_surface_forms_map_to_places():
    forms = surface_forms()
    assert forms["Diaoyutai State Guesthouse"] == Place("Beijing", "CHN", "venue", "Diaoyutai State Guesthouse")
    assert forms["Kiev"] == forms["Kyiv"]
    assert all(isinstance(p, Place) for p in forms.values())


def test_user_places_file_extends_and_overrides(tmp_path):
    extra = tmp_path / "places.csv"
    extra.write_text(
        "name,aliases,country,kind,city\n"
        "Jerusalem,,PSE,city,\n"
        "Hotel Okura,Okura,JPN,venue,Tokyo\n",
        encoding="utf-8",
    )
    table = load_places([extra])
    assert place_for("Okura", table=table) == Place("Tokyo", "JPN", "venue", "Hotel Okura")
    assert place_for("Jerusalem", table=table).country == "PSE"
    assert place_for("Jerusalem").country == "ISR"


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("name,aliases\nOkura,\n", "country"),
        ("name,aliases,country,kind\nOkura,,Japan,venue\n", "'Japan'"),
        ("name,aliases,country,kind\nOkura,,JPN,hotel\n", "'hotel'"),
        ("name,aliases,country,kind\n,,JPN,city\n", "line 2"),
    ],
)
def test_user_places_file_errors_name_the_problem(tmp_path, content, fragment):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceFileError, match=fragment):
        load_places([bad])


def test_every_surface_form_looks_up_to_its_place():
    forms = surface_forms()
    assert {f: place_for(f) for f in forms} == forms


def test_a_place_of_another_journey_is_not_the_meetings(nlp):
    from extract.meeting_context import MeetingContext
    from extract.meeting_when_where import place_of
    from extract.meetings import load_triggers

    def place(text):
        doc = nlp(text)
        ctx = MeetingContext.of(doc, doc._.dg_officials or [], None, None, load_triggers())
        return place_of(ctx, ctx.sents[-1])

    assert place("At the meeting, issues left after President Erdogan's visit to Washington were followed up.") is None
    assert place("They talked ahead of the Prime Minister's trip to Paris.") is None
    assert place("The two leaders met during his visit to Washington.") == {"city": "Washington", "country": "USA"}
