"""Tests for extract/actors.py: the actor dictionary, its lookups and its data file."""

import csv
from datetime import date
from importlib import resources

import pycountry
import pytest

from extract.actors import BODY_CODES, Actor, ActorDictionary, normalize_name
from extract.errors import ActorFileError, ResourceFileError

HEADER = "name,aliases,country,title,from,to\n"


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def bundled_rows():
    path = resources.files("extract") / "resources" / "actors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "query, on, expected",
    [
        ("Antony Blinken", date(2024, 1, 12), "Antony Blinken"),
        ("Yoko Kamikawa", date(2024, 1, 12), "Yoko Kamikawa"),
        ("Wang Yi", date(2024, 1, 12), "Wang Yi"),
        ("Ursula von der Leyen", date(2024, 1, 12), "Ursula von der Leyen"),
        ("Luiz Inácio Lula da Silva", date(2024, 1, 12), "Luiz Inácio Lula da Silva"),
        ("Emmanuel Macron", None, "Emmanuel Macron"),
    ],
)
def test_actors_resolve_full_name(actors, query, on, expected):
    assert actors.resolve(query, on=on).name == expected


@pytest.mark.parametrize(
    "query, on, expected",
    [
        ("Tony Blinken", None, "Antony Blinken"),
        ("Antony J. Blinken", None, "Antony Blinken"),
        ("Mr. Antony J. Blinken", None, "Antony Blinken"),
        ("S. Jaishankar", date(2024, 1, 12), "Subrahmanyam Jaishankar"),
        ("Lula", date(2024, 1, 12), "Luiz Inácio Lula da Silva"),
        ("MBS", date(2024, 1, 12), "Mohammed bin Salman"),
        ("Jokowi", date(2020, 1, 1), "Joko Widodo"),
        ("Lord Cameron", date(2024, 1, 12), "David Cameron"),
        ("AMLO", None, "Andrés Manuel López Obrador"),
    ],
)
def test_actors_resolve_alias(actors, query, on, expected):
    assert actors.resolve(query, on=on).name == expected


@pytest.mark.parametrize(
    "query, on, expected",
    [
        ("Blinken", date(2024, 1, 12), "Antony Blinken"),
        ("Kamikawa", date(2024, 1, 12), "Yoko Kamikawa"),
        ("von der Leyen", date(2024, 1, 12), "Ursula von der Leyen"),
        ("Sisi", date(2024, 1, 12), "Abdel Fattah el-Sisi"),
        ("Xi", date(2024, 1, 12), "Xi Jinping"),
        ("López Obrador", date(2020, 1, 1), "Andrés Manuel López Obrador"),
        ("Ban", date(2010, 1, 1), "Ban Ki-moon"),
        ("Moon", date(2019, 1, 1), "Moon Jae-in"),
        ("Blinken’s", date(2024, 1, 12), "Antony Blinken"),
        ("Thuong", date(2023, 6, 1), "Vo Van Thuong"),
    ],
)
def test_actors_resolve_surname(actors, query, on, expected):
    assert actors.resolve(query, on=on).name == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("KAMIKAWA Yoko", "Yoko Kamikawa"),
        ("Kishida Fumio", "Fumio Kishida"),
        ("Blinken Antony", "Antony Blinken"),
        ("Jinping Xi", "Xi Jinping"),
    ],
)
def test_actors_resolve_family_name_first(actors, query, expected):
    assert actors.resolve(query, on=date(2024, 1, 12)).name == expected


@pytest.mark.parametrize(
    "query",
    ["Erdoğan", "Erdogan", "ERDOGAN", "Recep Tayyip Erdogan", "recep tayyip erdoğan"],
)
def test_actors_resolve_ignores_case_and_accents(actors, query):
    actor = actors.resolve(query, on=date(2024, 1, 12))
    assert (actor.name, actor.title) == ("Recep Tayyip Erdoğan", "President")


@pytest.mark.parametrize(
    "query, on, expected",
    [
        ("George Bush", date(1990, 6, 1), ("George H. W. Bush", "President")),
        ("George Bush", date(2003, 3, 20), ("George W. Bush", "President")),
        ("Bush", date(1991, 1, 17), ("George H. W. Bush", "President")),
        ("Bush", date(2005, 1, 1), ("George W. Bush", "President")),
        ("George W. Bush", None, ("George W. Bush", "President")),
        ("Kishida", date(2016, 5, 1), ("Fumio Kishida", "Foreign Minister")),
        ("Kishida", date(2022, 5, 1), ("Fumio Kishida", "Prime Minister")),
        ("Vance", date(1978, 1, 1), ("Cyrus Vance", "Secretary of State")),
        ("Vance", date(2025, 6, 1), ("JD Vance", "Vice President")),
        ("Sharif", date(2013, 8, 1), ("Nawaz Sharif", "Prime Minister")),  # from Nov 2013 Raheel Sharif (army) too
        ("Sharif", date(2024, 6, 1), ("Shehbaz Sharif", "Prime Minister")),
        ("Trump", date(2019, 1, 1), ("Donald Trump", "President")),
        ("Netanyahu", date(2024, 1, 1), ("Benjamin Netanyahu", "Prime Minister")),
    ],
)
def test_actors_resolve_by_date(actors, query, on, expected):
    actor = actors.resolve(query, on=on)
    assert (actor.name, actor.title) == expected
    assert actor.in_office(on) or on is None


@pytest.mark.parametrize(
    "query, on",
    [
        ("Bush", None),  # two presidents, no date to choose
        ("George Bush", None),
        ("Sharif", None),
        ("Al Thani", date(2024, 1, 1)),  # the Emir and the Prime Minister
        ("Blinken", date(2010, 1, 1)),  # a bare family name, out of office that day
        ("Nieto", None),  # half of a marked double family name
        ("Nobody Atall", None),
        ("", None),
    ],
)
def test_actors_resolve_ambiguous_or_unknown_is_none(actors, query, on):
    assert actors.resolve(query, on=on) is None


def test_actors_lookup_orders_in_office_first(actors):
    found = actors.lookup("Fumio Kishida", on=date(2022, 5, 1))
    assert [(a.title, a.in_office(date(2022, 5, 1))) for a in found] == [
        ("Prime Minister", True),
        ("Foreign Minister", False),
    ]


def test_actors_lookup_orders_exact_name_before_surname(actors):
    found = actors.lookup("George W. Bush")
    assert found[0].name == "George W. Bush"
    assert {a.name for a in found} == {"George W. Bush", "George H. W. Bush"}


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"country": "USA"}, {"George W. Bush", "George H. W. Bush"}),
        ({"country": "GBR"}, set()),
        ({"title": "Vice President"}, {"George H. W. Bush"}),
    ],
)
def test_actors_lookup_filters(actors, kwargs, expected):
    assert {a.name for a in actors.lookup("Bush", **kwargs)} == expected


@pytest.mark.parametrize(
    "title", ["Foreign Minister", "Minister for Foreign Affairs", "secretary of state"]
)
def test_actors_lookup_title_variants_find_the_office(actors, title):
    assert [a.name for a in actors.lookup("Blinken", title=title)] == ["Antony Blinken"]


@pytest.mark.parametrize(
    "name, forms, absent",
    [
        ("Antony Blinken", {"Blinken"}, set()),
        ("Ursula von der Leyen", {"von der Leyen"}, set()),
        ("Recep Tayyip Erdoğan", {"Erdoğan", "Erdogan"}, set()),
        ("Abdel Fattah el-Sisi", {"el-Sisi", "Sisi"}, set()),
        ("Xi Jinping", {"Xi"}, {"Jinping"}),
        ("Ban Ki-moon", {"Ban"}, set()),
        ("Elizabeth II", set(), {"II", "Elizabeth"}),
        ("Vo Van Thuong", {"Thuong"}, {"Van Thuong"}),
    ],
)
def test_actors_surnames(actors, name, forms, absent):
    surnames = actors.surnames()
    assert forms <= surnames
    assert not absent & surnames


def test_actors_names_include_aliases_and_accent_free_forms(actors):
    names = actors.names()
    assert {a.name for a in names["Tony Blinken"]} == {"Antony Blinken"}
    assert {a.name for a in names["Recep Tayyip Erdogan"]} == {"Recep Tayyip Erdoğan"}
    assert {a.title for a in names["Fumio Kishida"]} == {"Foreign Minister", "Prime Minister"}


@pytest.mark.parametrize(
    "a, b",
    [
        ("Antony J. Blinken", "Antony Blinken"),
        ("H.E. Mr. Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("Moon Jae-in", "MOON JAE IN"),
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
        ("Binali Yıldırım", "Binali Yildirim"),
    ],
)
def test_normalize_name_equates_spellings(a, b):
    assert normalize_name(a, keep_initials=False) == normalize_name(b, keep_initials=False)


@pytest.mark.parametrize(
    "on, expected",
    [(date(2021, 1, 25), False), (date(2021, 1, 26), True), (date(2025, 1, 20), True),
     (date(2025, 1, 21), False), (None, False)],
)
def test_actor_in_office(on, expected):
    actor = Actor("Antony Blinken", (), "USA", "Secretary of State",
                  date(2021, 1, 26), date(2025, 1, 20))
    assert actor.in_office(on) is expected


def test_actors_user_file_overrides_and_adds(tmp_path):
    user = _write(
        tmp_path,
        "mine.csv",
        HEADER
        + "Antony Blinken,The Blink,USA,Secretary of State,2021-01-26,2025-01-20\n"
        + "Ana Ruiz,A. Ruiz,CHL,Foreign Minister,2030-01-01,\n",
    )
    base = ActorDictionary.load()
    merged = ActorDictionary.load([user])
    assert len(merged) == len(base) + 1
    blinken = merged.resolve("The Blink", on=date(2024, 1, 1))
    assert blinken.aliases == ("The Blink",)
    assert [a.aliases for a in merged.lookup("Antony Blinken")] == [("The Blink",)]
    assert merged.resolve("Ruiz", on=date(2030, 6, 1)).country == "CHL"
    assert base.resolve("Ruiz", on=date(2030, 6, 1)) is None


def test_actors_user_file_replaces_every_term_of_an_office(tmp_path):
    user = _write(tmp_path, "trump.csv", HEADER + "Donald Trump,,USA,President,2017-01-20,2021-01-20\n")
    terms = ActorDictionary.load([user]).lookup("Donald Trump", title="President")
    assert [(a.start, a.end) for a in terms] == [(date(2017, 1, 20), date(2021, 1, 20))]


def test_actors_load_without_bundled(tmp_path):
    user = _write(tmp_path, "only.csv", HEADER + "Ana Ruiz,,CHL,Foreign Minister,,\n")
    only = ActorDictionary.load([user], bundled=False)
    assert [a.name for a in only] == ["Ana Ruiz"]
    assert only.resolve("Blinken") is None


def test_actors_load_is_cached_and_sees_edits(tmp_path):
    user = _write(tmp_path, "edit.csv", HEADER + "Ana Ruiz,,CHL,Foreign Minister,,\n")
    first = ActorDictionary.load([user])
    assert ActorDictionary.load([str(user)]) is first
    user.write_text(HEADER + "Ana Ruiz,,CHL,Foreign Minister,,\nBo Li,,CHN,Premier,,\n", encoding="utf-8")
    assert len(ActorDictionary.load([user])) == len(first) + 1


@pytest.mark.parametrize(
    "row, line, value",
    [
        ("Ana Ruiz,,UKR2,Foreign Minister,,", 3, "'UKR2'"),
        ("Ana Ruiz,,GER,Foreign Minister,,", 3, "'GER'"),
        ("Ana Ruiz,,CHL,Foreign Minister,2024-13-01,", 3, "'2024-13-01'"),
        ("Ana Ruiz,,CHL,Foreign Minister,1 May 2024,", 3, "'1 May 2024'"),
        ("Ana Ruiz,,CHL,Foreign Minister,2024-05-01,2020-01-01", 3, "'2024-05-01'"),
        ("Ana Ruiz,,CHL,,2024-05-01,", 3, "empty title"),
        (",,CHL,Foreign Minister,,", 3, "empty name"),
    ],
)
def test_actors_malformed_user_file_names_file_line_and_value(tmp_path, row, line, value):
    user = _write(tmp_path, "bad.csv", HEADER + "Bo Li,,CHN,Premier,,\n" + row + "\n")
    with pytest.raises(ActorFileError) as info:
        ActorDictionary.load([user])
    message = str(info.value)
    assert "bad.csv" in message and f"line {line}" in message and value in message


@pytest.mark.parametrize(
    "text, expected",
    [
        ("name,country,title,from,to\nAna Ruiz,CHL,Foreign Minister,,\n", "aliases"),
        ('name,aliases,country,title,from,to\n"Ana Ruiz,,CHL,Foreign Minister,,\n', "line"),
    ],
)
def test_actors_malformed_header_or_quoting(tmp_path, text, expected):
    user = _write(tmp_path, "broken.csv", text)
    with pytest.raises(ActorFileError, match=expected):
        ActorDictionary.load([user])


def test_actors_missing_or_non_utf8_file(tmp_path):
    with pytest.raises(ActorFileError, match="nope.csv"):
        ActorDictionary.load([tmp_path / "nope.csv"])
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "Stéphane Dion,,CAN,Foreign Minister,,\n").encode("latin-1"))
    with pytest.raises(ResourceFileError, match="UTF-8"):
        ActorDictionary.load([latin])


# -- the bundled data -------------------------------------------------------------

def test_actors_data_is_large_enough(actors):
    assert len(actors) >= 350


def test_actors_data_country_codes_are_valid(bundled_rows):
    bad = [
        (r["name"], r["country"])
        for r in bundled_rows
        if r["country"] not in BODY_CODES and pycountry.countries.get(alpha_3=r["country"]) is None
        and pycountry.historic_countries.get(alpha_3=r["country"]) is None
    ]
    assert bad == []


def test_actors_data_dates_are_ordered(bundled_rows):
    bad = [
        (r["name"], r["title"], r["from"], r["to"])
        for r in bundled_rows
        if r["from"] and r["to"] and date.fromisoformat(r["from"]) > date.fromisoformat(r["to"])
    ]
    assert bad == []


def test_actors_data_has_no_duplicate_rows(bundled_rows):
    keys = [tuple(r.values()) for r in bundled_rows]
    assert len(keys) == len(set(keys))


def test_actors_data_terms_of_one_office_do_not_overlap(actors):
    by_office = {}
    for actor in actors:
        by_office.setdefault((actor.name, actor.country, actor.title), []).append(actor)
    overlaps = []
    for terms in by_office.values():
        terms.sort(key=lambda a: a.start or date.min)
        for earlier, later in zip(terms, terms[1:]):
            if earlier.end is None or (later.start and later.start < earlier.end):
                overlaps.append((earlier.name, earlier.title))
    assert overlaps == []


@pytest.mark.parametrize(
    "country",
    ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
     "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA", "EUU", "UKR", "ISR", "IRN", "QAT",
     "ARE", "EGY", "PAK", "VNM", "PHL", "SGP", "POL", "ESP", "NLD", "NZL", "PRK", "TWN"],
)
def test_actors_data_has_a_leader_and_a_foreign_minister_today(actors, country):
    on = date(2026, 1, 1)
    titles = {a.title for a in actors if a.country == country and a.in_office(on)}
    assert titles, f"no office-holder for {country} on {on}"
    if country != "EUU":
        assert titles & {"Foreign Minister", "Secretary of State", "External Affairs Minister",
                         "Foreign Secretary"}, titles


def test_actors_data_aliases_are_not_bare_surnames(actors):
    surname_keys = {normalize_name(s) for s in actors.surnames()}
    allowed = {"lula", "jokowi", "prabowo", "dilma", "tharman", "amlo", "mbs", "mbz", "ike"}
    bad = [
        (a.name, alias)
        for a in actors
        for alias in a.aliases
        if len(alias.split()) == 1
        and normalize_name(alias) in surname_keys
        and normalize_name(alias) not in allowed
    ]
    assert bad == []
