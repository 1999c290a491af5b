"""Tests for extract/actors.py's loader: several bundled files, partial dates, sources, repeated rows;
and the consistency of the bundled dictionary as a whole (every actors*.csv)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest

from extract.actors import (
    BODY_CODES,
    ActorDictionary,
    bundled_actor_files,
    read_actor_files,
)
from extract.errors import ActorFileError

HEADER = "name,aliases,country,title,from,to\n"
HEADER_SOURCES = "name,aliases,country,title,from,to,sources\n"


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actor_files_every_actors_csv_of_a_folder_actors_csv_first(tmp_path):
    for name in ("actors_world.csv", "actors.csv", "actors_extra.csv", "topics.csv", "my_actors.csv"):
        _write(tmp_path, name, HEADER)
    assert [p.name for p in bundled_actor_files(tmp_path)] == ["actors.csv", "actors_extra.csv",
                                                               "actors_world.csv"]


def test_actor_files_are_read_together(tmp_path):
    one = _write(tmp_path, "actors.csv", HEADER + "Ana Ruiz,,CHL,Foreign Minister,2024-05-01,\n")
    two = _write(tmp_path, "actors_world.csv", HEADER_SOURCES + "Bo Li,Li Bo,CHN,Premier,2020,2023,un.org\n")
    actors = ActorDictionary(read_actor_files([one, two]))
    assert actors.resolve("Ruiz", on=date(2024, 6, 1)).country == "CHL"
    assert actors.resolve("Li Bo", on=date(2021, 6, 1)).name == "Bo Li"


@pytest.mark.parametrize(
    "start, end, first_day, last_day",
    [
        ("2020", "2023", date(2020, 1, 1), date(2023, 12, 31)),
        ("2020-03", "2024-02", date(2020, 3, 1), date(2024, 2, 29)),
        ("2020-03-15", "2023-11-30", date(2020, 3, 15), date(2023, 11, 30)),
        ("", "", None, None),
    ],
)
def test_actor_files_partial_dates_cover_the_whole_period(tmp_path, start, end, first_day, last_day):
    path = _write(tmp_path, "actors.csv", HEADER + f"Ana Ruiz,,CHL,Foreign Minister,{start},{end}\n")
    (actor,) = read_actor_files([path])
    assert (actor.start, actor.end) == (first_day, last_day)
    if first_day:
        assert not actor.in_office(first_day - timedelta(days=1)) and actor.in_office(last_day)


@pytest.mark.parametrize("value", ["2020-13", "20201", "2020-02-30", "May 2020", "2020/01"])
def test_actor_files_bad_partial_date_names_the_value(tmp_path, value):
    path = _write(tmp_path, "actors.csv", HEADER + f"Ana Ruiz,,CHL,Foreign Minister,{value},\n")
    with pytest.raises(ActorFileError) as info:
        read_actor_files([path])
    assert repr(value) in str(info.value) and "line 2" in str(info.value) and "YYYY" in str(info.value)


def test_actor_files_sources_column_is_optional_and_kept(tmp_path):
    path = _write(tmp_path, "actors.csv", HEADER_SOURCES
                  + "Ana Ruiz,,CHL,Foreign Minister,2024,,gob.cl;history.state.gov\nBo Li,,CHN,Premier,,,\n")
    ruiz, li = read_actor_files([path])
    assert ruiz.sources == ("gob.cl", "history.state.gov") and li.sources == ()


def test_actor_files_repeated_terms_are_merged_with_their_aliases_and_sources(tmp_path):
    one = _write(tmp_path, "actors.csv", HEADER_SOURCES + "Ana Ruiz,A. Ruiz,CHL,Foreign Minister,2024,,a\n")
    two = _write(tmp_path, "actors_world.csv", HEADER_SOURCES
                 + "Ana Ruiz,A. Ruiz,CHL,Foreign Minister,2024,,a\n"
                 + "Ana Ruiz,Ana María Ruiz,CHL,Foreign Minister,2024,,b\n"
                 + "Ana Ruiz,,CHL,Foreign Minister,2018,2019,c\n")
    rows = read_actor_files([one, two])
    assert len(rows) == 2
    merged = next(a for a in rows if a.start == date(2024, 1, 1))
    assert merged.aliases == ("A. Ruiz", "Ana María Ruiz") and merged.sources == ("a", "b")


def test_actor_files_user_file_accepts_partial_dates_and_sources(tmp_path):
    user = _write(tmp_path, "mine.csv", HEADER_SOURCES + "Amina Okafor,Okafor,NGA,Foreign Minister,2023-06,,me\n")
    actors = ActorDictionary.load([user])
    assert actors.resolve("Okafor", on=date(2023, 6, 1)).name == "Amina Okafor"


# -- the bundled dictionary, every file of it ----------------------------------------------

#: Offices one person holds at a time in a country (the co-princes of Andorra, Bosnia's
#: presidency, Switzerland's rotating presidency and San Marino's Captains Regent excepted).
SINGLE_HOLDER = ("President", "Prime Minister", "Foreign Minister", "Secretary of State", "Chancellor",
                 "King", "Queen", "Emir", "Crown Prince", "Secretary-General", "Foreign Secretary",
                 "External Affairs Minister", "Defense Minister")
SHARED_OFFICES = {("AND", "President"), ("BIH", "President"), ("CHE", "President"), ("SMR", "President")}


@pytest.fixture(scope="module")
def bundled():
    return read_actor_files(bundled_actor_files(), label="bundled")


def test_actor_data_every_bundled_file_parses_and_is_read(bundled):
    assert len(ActorDictionary.load()) == len(bundled) >= 350


def test_actor_data_codes_are_valid(bundled):
    import pycountry

    bad = [(a.name, a.country) for a in bundled
           if a.country not in BODY_CODES and pycountry.countries.get(alpha_3=a.country) is None
           and pycountry.historic_countries.get(alpha_3=a.country) is None]
    assert bad == []


def test_actor_data_no_two_holders_of_a_single_holder_office_at_once(bundled):
    terms = defaultdict(list)
    for a in bundled:
        if a.title in SINGLE_HOLDER and (a.country, a.title) not in SHARED_OFFICES:
            terms[(a.country, a.title)].append(a)
    clashes = []
    for (country, title), held in terms.items():
        held.sort(key=lambda a: a.start or date.min)
        for i, a in enumerate(held):
            for b in held[i + 1:]:
                if a.name == b.name or a.start is None or b.start is None:
                    continue
                a_end = a.end or date.max
                overlap = (min(a_end, b.end or date.max) - max(a.start, b.start)).days
                year_handover = a.end is not None and (a.end.month, a.end.day) == (12, 31) and \
                    (b.start.month, b.start.day) == (1, 1) and a.end.year == b.start.year
                # a handover day is shared; a handover known to the month or the year is fuzzy to that much
                if overlap > 31 and not year_handover:
                    clashes.append(f"{country} {title}: {a.name} {a.start}..{a.end} and {b.name} {b.start}..{b.end}")
    assert clashes == []


@pytest.mark.parametrize(
    "written, on, expected",
    [
        ("Arafat", date(1994, 10, 12), "Yasser Arafat"),
        ("Kenyatta", date(1970, 2, 13), "Jomo Kenyatta"),
        ("Kenyatta", date(2018, 8, 27), "Uhuru Kenyatta"),
        ("Assad", date(1977, 5, 9), "Hafez al-Assad"),
        ("Assad", date(2001, 1, 1), "Bashar al-Assad"),
        ("Fahmy", date(1974, 1, 11), "Ismail Fahmy"),
        ("Fahmy", date(2013, 11, 3), "Nabil Fahmy"),
        ("King Hussein", date(1959, 3, 23), "Hussein bin Talal"),
        ("Crown Prince Hussein", date(2023, 2, 2), "Hussein bin Abdullah"),
        ("Binyamin Netanyahu", date(1997, 1, 1), "Benjamin Netanyahu"),
        ("Benyamin Netanyahu", date(1998, 1, 1), "Benjamin Netanyahu"),
        ("Dimitry Medvedev", date(2008, 6, 1), "Dmitry Medvedev"),
        ("Abdul Fatah al-Sisi", date(2013, 3, 2), "Abdel Fattah el-Sisi"),
        ("Mohammed Zarif", date(2013, 11, 8), "Mohammad Javad Zarif"),
        ("Luiz Lula da Silva", date(2008, 1, 1), "Luiz Inácio Lula da Silva"),
        ("John Agyokum Kufuor", date(2004, 1, 1), "John Agyekum Kufuor"),
        ("Sergei Lavrov", date(2015, 1, 1), "Sergey Lavrov"),
        ("Mohammed bin Zayed al-Nahyan", date(2013, 3, 4), "Mohamed bin Zayed Al Nahyan"),
        ("MBS", date(2016, 1, 1), "Mohammed bin Salman"),
        ("Zelenskyy", date(2022, 1, 1), "Volodymyr Zelenskyy"),
        ("Tony Blinken", date(2023, 1, 1), "Antony Blinken"),
        ("Bouteflika", date(1973, 12, 13), "Abdelaziz Bouteflika"),
    ],
)
def test_actor_data_issue_14_examples_resolve_at_their_date(written, on, expected):
    assert ActorDictionary.load().resolve(written, on=on).name == expected


@pytest.fixture
def no_preloaded(monkeypatch):
    """Dictionaries preloaded by a test stay in that test."""
    import extract.actors as actors

    monkeypatch.setattr(actors, "_PRELOADED", {})
    return actors


def test_dictionary_cache_round_trip_gives_the_same_dictionary(tmp_path, no_preloaded):
    actors = no_preloaded
    built = actors.ActorDictionary.load()
    path = actors.save_dictionary_cache(tmp_path / "actors.cache")
    assert actors.preload_dictionary_cache(path)
    loaded = actors.ActorDictionary.load()
    assert loaded is not built and loaded._actors == built._actors
    assert [a.name for a in loaded.lookup("Blinken", on=date(2024, 1, 12))] == \
        [a.name for a in built.lookup("Blinken", on=date(2024, 1, 12))]


@pytest.mark.parametrize("damage", ["planted", "garbage", "other key"])
def test_dictionary_cache_damaged_or_outdated_is_not_used(tmp_path, no_preloaded, damage):
    """A cache that is not today's dictionary is passed over (the dictionary is built as usual);
    a planted pickle runs nothing."""
    import pickle

    actors = no_preloaded
    path = tmp_path / "actors.cache"
    if damage == "planted":
        path.write_bytes(pickle.dumps((actors._CACHE_FORMAT, actors.alias_table_key(), print)))
    elif damage == "garbage":
        path.write_bytes(b"\x80\x05garbage")
    else:
        path.write_bytes(pickle.dumps((actors._CACHE_FORMAT, "0" * 16, actors.ActorDictionary.load())))
    assert not actors.preload_dictionary_cache(path)
    assert actors._PRELOADED == {}
