"""Tests for extract/titles.py: canonical titles, title/name splitting, name normalisation."""

from pathlib import Path

import pytest
from lxml import etree

from extract.countries import load_countries
from extract.errors import ResourceFileError
from extract.norm.names import leading_honorifics
from extract.titles import (
    TITLE_KINDS,
    UnknownTitle,
    canonical_title,
    load_titles,
    normalise_name,
    split_title_name,
    title_kind,
    title_patterns,
    title_rank,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Foreign Minister", "Foreign Minister"),
        ("foreign minister", "Foreign Minister"),
        ("FOREIGN MINISTER", "Foreign Minister"),
        ("Minister for Foreign Affairs", "Foreign Minister"),
        ("Minister of Foreign Affairs", "Foreign Minister"),
        ("Foreign Affairs Minister", "Foreign Minister"),
        ("Minister for Foreign Affairs of Japan", "Foreign Minister"),
        ("Japan's Foreign Minister", "Foreign Minister"),
        ("Chinese Foreign Minister", "Foreign Minister"),
        ("the U.S. Secretary of State", "Secretary of State"),
        ("Secretary of State", "Secretary of State"),
        ("External Affairs Minister", "External Affairs Minister"),
        ("Minister of External Affairs", "External Affairs Minister"),
        ("EAM", "External Affairs Minister"),
        ("PM", "Prime Minister"),
        ("Prime Minister", "Prime Minister"),
        ("Premier", "Premier"),
        ("Chinese Premier", "Premier"),
        ("Defence Secretary", "Defense Secretary"),
        ("Secretary of Defense", "Defense Secretary"),
        ("Defence Minister", "Defense Minister"),
        ("National Security Advisor", "National Security Adviser"),
        ("State Councillor", "State Councilor"),
        ("Secretary General", "Secretary-General"),
        ("Secretary-General of NATO", "Secretary-General"),
        ("High Representative for Foreign Affairs and Security Policy", "High Representative"),
        ("Vice-President", "Vice President"),
        ("Deputy Prime Minister", "Deputy Prime Minister"),
        ("Vice Minister for Foreign Affairs", "Vice Foreign Minister"),
        ("Secretary of the Treasury", "Treasury Secretary"),
        ("Charge d'affaires", "Chargé d'Affaires"),
        ("then-Secretary of State", "Secretary of State"),
        ("H.E. Foreign Minister", "Foreign Minister"),
        ("Ambassador to Japan", "Ambassador"),
        ("Crown Prince", "Crown Prince"),
        ("Interim Prime Minister", "Prime Minister"),
    ],
)
def test_canonical_title_maps_variants(text, expected):
    assert canonical_title(text) == expected


@pytest.mark.parametrize(
    "text",
    ["top diplomat", "pm", "eam", "President-elect", "former Foreign Minister", "Foreign Minister Wang Yi", "Ministry", "Japan", "", "Blinken",
     "Presidential", "Kingdom"],
)
def test_canonical_title_rejects_non_titles(text):
    assert canonical_title(text) is None


def test_title_table_has_about_sixty_offices_with_valid_kinds():
    table = load_titles()
    assert len(table) >= 60
    assert {t.kind for t in table.titles.values()} <= set(TITLE_KINDS)
    assert all(t.rank >= 1 for t in table.titles.values())


def test_no_variant_maps_to_two_titles():
    seen = {}
    for title in load_titles().titles.values():
        for form in (title.canonical, *title.variants):
            key = form.casefold()
            assert seen.setdefault(key, title.canonical) == title.canonical, form


def test_title_patterns_longest_first_with_case_forms():
    patterns = title_patterns()
    assert [len(p) for p in patterns] == sorted((len(p) for p in patterns), reverse=True)
    assert len(patterns) == len(set(patterns))
    for form in ["Foreign Minister", "foreign minister", "Foreign minister",
                 "Minister for Foreign Affairs", "minister for foreign affairs", "PM", "EAM"]:
        assert form in patterns
    assert "pm" not in patterns and "eam" not in patterns


@pytest.mark.parametrize(
    "canonical, kind",
    [("President", "head_of_state"), ("Prime Minister", "head_of_government"),
     ("Foreign Minister", "foreign_minister"), ("Secretary of State", "foreign_minister"),
     ("Finance Minister", "minister"), ("Ambassador", "diplomat"), ("King", "royal"),
     ("Secretary-General", "other")],
)
def test_title_kind(canonical, kind):
    assert title_kind(canonical) == kind


@pytest.mark.parametrize("func", [title_kind, title_rank])
def test_unknown_title_names_value_and_canonical_form(func):
    with pytest.raises(UnknownTitle, match="'foreign minister'.*'Foreign Minister'"):
        func("foreign minister")
    with pytest.raises(LookupError, match="'Grand Poobah'"):
        func("Grand Poobah")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prime Minister Kyriakos Mitsotakis", ("Prime Minister", "Kyriakos Mitsotakis", None)),
        ("President De Gaulle", ("President", "De Gaulle", None)),
        ("Chinese Foreign Minister Wang Yi", ("Foreign Minister", "Wang Yi", "CHN")),
        ("Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan",
         ("Foreign Minister", "Yoko Kamikawa", "JPN")),
        ("King Abdullah II", ("King", "Abdullah II", None)),
        ("Emperor Dom Pedro II", ("Emperor", "Dom Pedro II", None)),
        ("Secretary-General of NATO Jens Stoltenberg", ("Secretary-General", "Jens Stoltenberg", "NATO")),
        ("Secretary of State Antony Blinken", ("Secretary of State", "Antony Blinken", None)),
        ("U.S. Secretary of State Antony Blinken", ("Secretary of State", "Antony Blinken", "USA")),
        ("Yoko Kamikawa, Japan's Foreign Minister", ("Foreign Minister", "Yoko Kamikawa", "JPN")),
        ("Foreign Minister of Japan, Yoko Kamikawa", ("Foreign Minister", "Yoko Kamikawa", "JPN")),
        ("British Prime Minister Macmillan", ("Prime Minister", "Macmillan", "GBR")),
        ("Soviet Premier Khrushchev", ("Premier", "Khrushchev", "SUN")),
        ("External Affairs Minister S. Jaishankar", ("External Affairs Minister", "S. Jaishankar", None)),
        ("H.E. Mr. YOON Suk Yeol, President of the Republic of Korea",
         ("President", "Yoon Suk Yeol", "KOR")),
        ("Saudi Crown Prince Mohammed bin Salman", ("Crown Prince", "Mohammed bin Salman", "SAU")),
        ("Deputy Prime Minister and Foreign Minister Radoslaw Sikorski",
         ("Foreign Minister", "Radoslaw Sikorski", None)),
        ("U.S. Ambassador to Japan Rahm Emanuel", ("Ambassador", "Rahm Emanuel", "USA")),
        ("Ambassador to Japan Rahm Emanuel", ("Ambassador", "Rahm Emanuel", None)),
        ("then-Secretary of State John Kerry", ("Secretary of State", "John Kerry", None)),
        ("Former President Carter", (None, "Carter", None)),
        ("President-elect Barack Obama", (None, "Barack Obama", None)),
        ("Interim President Juan Guaidó", ("President", "Juan Guaidó", None)),
        ("Shah Mohammad Reza Pahlavi", ("Shah", "Mohammad Reza Pahlavi", None)),
        ("Chief of State Hubert Maga", ("Head of State", "Hubert Maga", None)),
        ("PM Modi", ("Prime Minister", "Modi", None)),
        ("Sheikh Mohammed bin Zayed", (None, "Mohammed bin Zayed", None)),  # a style before a long name goes
        ("Mr. Kishida", (None, "Kishida", None)),
        ("Theodore Roosevelt", (None, "Theodore Roosevelt", None)),
        ("Foreign Minister", ("Foreign Minister", "", None)),
    ],
)
def test_split_title_name(text, expected):
    assert split_title_name(text) == expected


@pytest.mark.parametrize(
    "text, country, expected",
    [
        ("KAMIKAWA Yoko", None, "Yoko Kamikawa"),
        ("KAMIKAWA Yoko", "JPN", "Yoko Kamikawa"),
        ("HAYASHI Yoshimasa", "JPN", "Yoshimasa Hayashi"),
        ("YOON Suk Yeol", None, "Yoon Suk Yeol"),
        ("YOON Suk Yeol", "KOR", "Yoon Suk Yeol"),
        ("CHO Tae-yul", "KOR", "Cho Tae-yul"),
        ("CHO Tae-yul", None, "Cho Tae-yul"),
        ("WANG Yi", None, "Wang Yi"),
        ("WANG Yi", "CHN", "Wang Yi"),
        ("PARK Jin", "KOR", "Park Jin"),
        ("Yoko KAMIKAWA", "JPN", "Yoko Kamikawa"),
        ("ANTONY BLINKEN", None, "Antony Blinken"),
        ("Mr. Kishida", None, "Kishida"),
        ("His Excellency Sheikh Tamim bin Hamad Al Thani", None, "Tamim bin Hamad Al Thani"),
        ("Dr. S. Jaishankar", None, "S. Jaishankar"),
        ("Sir Keir Starmer", None, "Keir Starmer"),
        ("Kishida's", None, "Kishida"),
        ("  Antony   Blinken ", None, "Antony Blinken"),
        ("Ursula von der Leyen", None, "Ursula von der Leyen"),
        ("Mohammed Shia al-Sudani", None, "Mohammed Shia al-Sudani"),
        ("Charles de Gaulle", None, "Charles de Gaulle"),
        ("JD Vance", None, "JD Vance"),
        ("Elizabeth II", None, "Elizabeth II"),
        ("Faisal bin Farhan AL SAUD", "SAU", "Faisal bin Farhan Al Saud"),
        ("", None, ""),
    ],
)
def test_normalise_name(text, country, expected):
    assert normalise_name(text, country=country) == expected


@pytest.mark.parametrize(
    "text",
    ["Ms. KAMIKAWA Yoko", "YOON Suk Yeol", "H.E. Mr. Mohammed bin Salman's", "S. Jaishankar",
     "O'BRIEN", "KIM Jong Un", "Jean-Yves LE DRIAN", "  Dame  Jane   DOE  ", "HAYASHI Yoshimasa"],
)
@pytest.mark.parametrize("country", [None, "JPN", "KOR", "FRA"])
def test_normalise_name_is_idempotent(text, country):
    once = normalise_name(text, country=country)
    assert normalise_name(once, country=country) == once


@pytest.mark.parametrize("honorific", ["Mr", "Ms.", "Dr", "H.E.", "His Excellency", "Sir", "Dame"])
def test_honorifics_are_dropped(honorific):
    assert leading_honorifics(honorific.split()) == len(honorific.split())
    assert normalise_name(f"{honorific} Ana Ruiz") == "Ana Ruiz"


HISTORY_VISITS = "../shared/corpora/historyatstate/visits/data"


def test_split_title_name_reads_most_real_visitor_lines():
    """Measured on the Office of the Historian's visits: at least 97% get a title."""
    root = Path(__file__).resolve().parents[2] / HISTORY_VISITS
    files = sorted(root.glob("*.xml"))
    assert files, f"corpus missing at {root}"
    visitors = [v.findtext("visitor") for f in files for v in etree.parse(str(f)).iter("visit")]
    titled = sum(split_title_name(v)[0] is not None for v in visitors)
    elect = sum("-elect" in v.lower() for v in visitors)
    assert titled / (len(visitors) - elect) >= 0.97


def test_titles_are_not_country_forms():
    forms = {f.casefold() for t in load_titles().titles.values() for f in (t.canonical, *t.variants)}
    country_forms = {f.casefold() for c in load_countries().countries.values()
                     for f in (c.name, *c.aliases, *c.demonyms)}
    assert not forms & country_forms


def test_user_titles_file_adds_office_and_variant(tmp_path):
    extra = tmp_path / "titles.csv"
    extra.write_text(
        "canonical,variants,kind,rank\n"
        "Foreign Minister,Chief Diplomat,,\n"
        "Grand Vizier,Vizier,head_of_government,1\n",
        encoding="utf-8",
    )
    table = load_titles([extra])
    assert canonical_title("chief diplomat", table=table) == "Foreign Minister"
    assert canonical_title("Vizier", table=table) == "Grand Vizier"
    assert title_kind("Grand Vizier", table=table) == "head_of_government"
    assert canonical_title("Chief Diplomat") is None


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("title,kind\nKing,royal\n", "canonical"),
        ("canonical,variants,kind,rank\nVizier,,boss,1\n", "'boss'"),
        ("canonical,variants,kind,rank\nVizier,,,1\n", "'Vizier'"),
        ("canonical,variants,kind,rank\nKing,,royal,first\n", "'first'"),
    ],
)
def test_user_titles_file_errors_name_the_problem(tmp_path, content, fragment):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceFileError, match=fragment):
        load_titles([bad])


def test_every_pattern_maps_back_to_a_canonical_title():
    assert all(canonical_title(p) is not None for p in title_patterns())
